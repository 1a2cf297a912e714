package main

import (
	"context"
	"errors"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// ImportDataset copies a dataset this endpoint holds (SourceDatasetArn)
// into a new one, through IMPORT_IN_PROGRESS. Chosen where the service's
// documentation is silent: the new dataset's name defaults to the source's (so that, the
// source being on this endpoint, an import without a name is a
// ConflictException unless the source was deleted meanwhile); only a source
// with a successful ingestion can be imported (ConflictException); the
// import is a job, visible through DescribeDataIngestionJob (with its
// SourceDatasetArn) and ListDataIngestionJobs, run by the runner, which
// copies the source's schema (at once), its last ingestion's figures and
// its data copy; the new dataset ends ACTIVE, or CREATED when the import
// fails. A replay of ClientToken with the same parameters returns the
// import as it is now.
func (s *service) ImportDataset(ctx context.Context, req *lookout.ImportDatasetRequest) (*lookout.ImportDatasetResponse, error) {
	name := strings.Clone(req.DatasetName)
	if name == "" {
		name = store.DatasetNameOfARN(req.SourceDatasetArn)
	}
	im := store.NewImport{
		Name:        name,
		SourceARN:   strings.Clone(req.SourceDatasetArn),
		ClientToken: strings.Clone(req.ClientToken),
	}
	if req.ServerSideKmsKeyId != "" {
		k := strings.Clone(req.ServerSideKmsKeyId)
		im.KMSKeyID = &k
	}
	for _, t := range req.Tags {
		im.Tags = append(im.Tags, store.Tag{Key: strings.Clone(t.Key), Value: strings.Clone(deref(t.Value))})
	}
	ds, job, replay, err := s.st.ImportDataset(ctx, im)
	if err != nil {
		return nil, serviceError(err)
	}
	if !replay {
		s.run.enqueue(job.ID)
	}
	return &lookout.ImportDatasetResponse{DatasetName: ds.Name, DatasetArn: ds.ARN,
		Status: lookout.DatasetStatus(ds.Status), JobId: &job.ID}, nil
}

// importFailed is the FailedReason of an import whose source has gone or
// changed.
const importFailed = "the source dataset was deleted or ingested again while it was imported"

// importData runs the import job of job from the dataset of source: it
// copies the source's data copy (the version of its last ingestion) to the
// job's version, and returns the source's last ingestion's outcome as the
// job's, its per-sensor figures copied when the outcome is stored. A
// source deleted, or ingested again, before its copy is made fails the
// job.
func (r *runner) importData(job store.Job, source string) (store.Outcome, error) {
	var nf *store.NotFoundError
	src, err := r.st.Dataset(r.ctx, store.DatasetNameOfARN(source))
	if errors.As(err, &nf) || err == nil && (src.ARN != source || src.LastIngestion == nil) {
		return failed(importFailed), nil
	}
	if err != nil {
		return store.Outcome{}, err
	}
	last := src.LastIngestion
	v, err := r.st.DataVersion(r.ctx, src.Name)
	if errors.As(err, &nf) {
		return failed(importFailed), nil
	}
	if err != nil {
		return store.Outcome{}, err
	}
	if v != last.ID {
		return failed("the source dataset holds no copy of its data (ingested before the data was copied)"), nil
	}
	if r.data != nil {
		if err := r.data.dir.Copy(v, job.ID); err != nil {
			r.data.remove(job.ID)
			if r.ctx.Err() != nil {
				return store.Outcome{}, context.Canceled
			}
			r.log.Warn("import: the source's data copy could not be copied", "job_id", job.ID, "error", err)
			return failed(importFailed), nil
		}
	}
	return store.Outcome{
		Status:         store.JobSuccess,
		DataStartTime:  last.DataStartTime,
		DataEndTime:    last.DataEndTime,
		Result:         last.Result,
		DataVersion:    job.ID,
		StatisticsFrom: last.ID,
	}, nil
}
