package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// service answers the operations of lookout.Service over the store, and
// hands the jobs it starts to the runner.
type service struct {
	st   *store.Store
	run  *runner
	log  *slog.Logger
	figs figureCache
	out  outputs // the customers' buckets, written; nil when the sources write nothing
	// data is the datasets' data copies that training reads.
	data datasetData
	// train runs the trainings; detectors caches the trained detectors
	// inference reads (see active).
	train     *trainer
	detectors detectorCache
	// retraining runs the retraining schedulers; modelARN gives the ARN of
	// a model or a *store.NotFoundError (storedModelARN; tests stand in
	// made-up models).
	retraining *retrainingLoop
	modelARN   func(ctx context.Context, name string) (string, error)
	// models are the trained models inference schedulers run (the service
	// itself, see active; tests stand in their own); infer makes their runs.
	models trainedModels
	infer  *inferer
}

// CreateDataset stores a dataset, CREATED. Its schema was read by the
// handler's Validate, which refuses one that breaks its rules with a
// ValidationException listing every violation.
func (s *service) CreateDataset(ctx context.Context, req *lookout.CreateDatasetRequest) (*lookout.CreateDatasetResponse, error) {
	d := store.NewDataset{
		Name:        strings.Clone(req.DatasetName),
		ClientToken: strings.Clone(req.ClientToken),
	}
	if req.DatasetSchema != nil && req.DatasetSchema.InlineDataSchema != "" {
		doc := strings.Clone(req.DatasetSchema.InlineDataSchema)
		d.Schema = &doc
	}
	if req.ServerSideKmsKeyId != "" {
		kms := strings.Clone(req.ServerSideKmsKeyId)
		d.KMSKeyID = &kms
	}
	for _, t := range req.Tags {
		d.Tags = append(d.Tags, store.Tag{Key: strings.Clone(t.Key), Value: strings.Clone(deref(t.Value))})
	}
	ds, _, err := s.st.CreateDataset(ctx, d)
	if err != nil {
		return nil, serviceError(err)
	}
	return &lookout.CreateDatasetResponse{DatasetArn: ds.ARN, DatasetName: ds.Name, Status: lookout.DatasetStatus(ds.Status)}, nil
}

// DescribeDataset returns a dataset; once an ingestion succeeded, with
// that ingestion's configuration, role, figures and data range.
func (s *service) DescribeDataset(ctx context.Context, req *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
	ds, err := s.st.Dataset(ctx, req.DatasetName)
	if err != nil {
		return nil, serviceError(err)
	}
	var ts timestamps
	resp := &lookout.DescribeDatasetResponse{
		DatasetArn:    ds.ARN,
		DatasetName:   ds.Name,
		Status:        lookout.DatasetStatus(ds.Status),
		CreatedAt:     ts.of(ds.CreatedAt),
		LastUpdatedAt: ts.of(ds.UpdatedAt),
	}
	if ds.Schema != nil {
		resp.Schema = *ds.Schema
	}
	if ds.KMSKeyID != nil {
		resp.ServerSideKmsKeyId = *ds.KMSKeyID
	}
	if j := ds.LastIngestion; j != nil {
		fig, err := s.figs.of(j.ID, j.Result)
		if err != nil {
			return nil, err
		}
		resp.IngestionInputConfiguration = inputOf(j.Input)
		resp.RoleArn = j.Input.RoleARN
		resp.DataStartTime, resp.DataEndTime = ts.of(j.DataStartTime), ts.of(j.DataEndTime)
		resp.DataQualitySummary = fig.DataQualitySummary
		resp.IngestedFilesSummary = fig.IngestedFilesSummary
	}
	return resp, nil
}

// ListDatasets returns a page of the datasets, by name.
func (s *service) ListDatasets(ctx context.Context, req *lookout.ListDatasetsRequest) (*lookout.ListDatasetsResponse, error) {
	list, next, err := s.st.ListDatasets(ctx, store.DatasetFilter{NameBeginsWith: req.DatasetNameBeginsWith},
		pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.ListDatasetsResponse{NextToken: optional(next), DatasetSummaries: make([]lookout.DatasetSummary, 0, len(list))}
	ts := make([]lookout.Timestamp, len(list)) // one allocation for the page's times
	for i, d := range list {
		var created *lookout.Timestamp
		if !d.CreatedAt.IsZero() {
			ts[i] = lookout.TimestampOf(d.CreatedAt)
			created = &ts[i]
		}
		resp.DatasetSummaries = append(resp.DatasetSummaries, lookout.DatasetSummary{
			DatasetName: d.Name, DatasetArn: d.ARN, Status: lookout.DatasetStatus(d.Status), CreatedAt: created,
		})
	}
	return resp, nil
}

// DeleteDataset deletes a dataset with its jobs.
func (s *service) DeleteDataset(ctx context.Context, req *lookout.DeleteDatasetRequest) (*lookout.DeleteDatasetResponse, error) {
	v, _ := s.st.DataVersion(ctx, req.DatasetName) // no job runs while it is deleted
	if err := s.st.DeleteDataset(ctx, req.DatasetName); err != nil {
		return nil, serviceError(err)
	}
	if c, ok := s.data.(*dataCopies); ok && v != "" {
		if err := c.remove(v); err != nil {
			s.log.Warn("a deleted dataset's data copy could not be removed; it is at the next start",
				"dataset", req.DatasetName, "error", err)
		}
	}
	return &lookout.DeleteDatasetResponse{}, nil
}

// StartDataIngestionJob stores a job, IN_PROGRESS, durably, and queues it
// for the runner; a replay returns the job as it is now.
func (s *service) StartDataIngestionJob(ctx context.Context, req *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
	s3 := req.IngestionInputConfiguration.S3InputConfiguration
	nj := store.NewJob{
		Dataset:     strings.Clone(req.DatasetName),
		ClientToken: strings.Clone(req.ClientToken),
		Input: store.JobInput{
			Bucket:     strings.Clone(s3.Bucket),
			Prefix:     clonePtr(s3.Prefix),
			KeyPattern: optional(strings.Clone(s3.KeyPattern)),
			RoleARN:    strings.Clone(req.RoleArn),
		},
	}
	job, replay, err := s.st.StartJob(ctx, nj)
	if err != nil {
		return nil, serviceError(err)
	}
	if !replay {
		s.run.enqueue(job.ID)
	}
	return &lookout.StartDataIngestionJobResponse{JobId: &job.ID, Status: lookout.IngestionJobStatus(job.Status)}, nil
}

// DescribeDataIngestionJob returns a job; once it has ended, with its
// figures, or its FailedReason.
func (s *service) DescribeDataIngestionJob(ctx context.Context, req *lookout.DescribeDataIngestionJobRequest) (*lookout.DescribeDataIngestionJobResponse, error) {
	j, err := s.st.Job(ctx, deref(req.JobId))
	if err != nil {
		return nil, serviceError(err)
	}
	var ts timestamps
	resp := &lookout.DescribeDataIngestionJobResponse{
		JobId:                       &j.ID,
		DatasetArn:                  j.DatasetARN,
		Status:                      lookout.IngestionJobStatus(j.Status),
		FailedReason:                j.FailedReason,
		CreatedAt:                   ts.of(j.CreatedAt),
		IngestionInputConfiguration: inputOf(j.Input),
		RoleArn:                     j.Input.RoleARN,
		DataStartTime:               ts.of(j.DataStartTime),
		DataEndTime:                 ts.of(j.DataEndTime),
	}
	if resp.SourceDatasetArn, err = s.st.ImportSource(ctx, j.ID); err != nil {
		return nil, err
	}
	if len(j.Result) > 0 {
		fig, err := s.figs.of(j.ID, j.Result)
		if err != nil {
			return nil, err
		}
		resp.DataQualitySummary = fig.DataQualitySummary
		resp.IngestedFilesSummary = fig.IngestedFilesSummary
		resp.IngestedDataSize = fig.IngestedDataSize
	}
	return resp, nil
}

// ListDataIngestionJobs returns a page of the jobs, oldest first, of a
// dataset and in a status when asked. A dataset that does not exist has
// no jobs (the operation has no ResourceNotFoundException).
func (s *service) ListDataIngestionJobs(ctx context.Context, req *lookout.ListDataIngestionJobsRequest) (*lookout.ListDataIngestionJobsResponse, error) {
	list, next, err := s.st.ListJobs(ctx, store.JobFilter{Dataset: req.DatasetName, Status: store.JobStatus(req.Status)},
		pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		if nf := (*store.NotFoundError)(nil); errors.As(err, &nf) {
			return &lookout.ListDataIngestionJobsResponse{DataIngestionJobSummaries: []lookout.DataIngestionJobSummary{}}, nil
		}
		return nil, serviceError(err)
	}
	resp := &lookout.ListDataIngestionJobsResponse{NextToken: optional(next),
		DataIngestionJobSummaries: make([]lookout.DataIngestionJobSummary, len(list))}
	// What the summaries point to, in one allocation for the page.
	held := make([]struct {
		id string
		in inputs
	}, len(list))
	for i, j := range list {
		h := &held[i]
		h.id = j.ID
		resp.DataIngestionJobSummaries[i] = lookout.DataIngestionJobSummary{
			JobId: &h.id, DatasetName: j.DatasetName, DatasetArn: j.DatasetARN, Status: lookout.IngestionJobStatus(j.Status),
			IngestionInputConfiguration: h.in.of(j.Input),
		}
	}
	return resp, nil
}

// ListSensorStatistics returns a page of the sensor statistics of a job of
// the dataset, its last successful ingestion by default.
func (s *service) ListSensorStatistics(ctx context.Context, req *lookout.ListSensorStatisticsRequest) (*lookout.ListSensorStatisticsResponse, error) {
	list, next, err := s.st.ListSensorStatistics(ctx, store.StatisticsFilter{Dataset: req.DatasetName, JobID: deref(req.IngestionJobId)},
		pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.ListSensorStatisticsResponse{NextToken: optional(next),
		SensorStatisticsSummaries: make([]lookout.SensorStatisticsSummary, len(list))}
	for i, data := range list {
		if err := json.Unmarshal(data, &resp.SensorStatisticsSummaries[i]); err != nil {
			return nil, errors.New("stored sensor statistics unreadable: " + err.Error())
		}
	}
	return resp, nil
}

// figures are a finished job's figures, as the store keeps them (its
// Result, JSON).
type figures struct {
	IngestedFilesSummary *lookout.IngestedFilesSummary `json:",omitempty"`
	DataQualitySummary   *lookout.DataQualitySummary   `json:",omitempty"`
	IngestedDataSize     *int64                        `json:",omitempty"`
}

// figureCache holds the figures of the jobs last described, decoded, so
// that clients polling a finished job do not decode them each time: a
// finished job's figures never change, and a job id is never reused. The
// figures it returns are shared: read only. Its zero value is ready.
type figureCache struct {
	mu sync.Mutex
	m  map[string]*figures
}

// figureCacheSize bounds the entries of a figureCache; when full, it
// starts again empty.
const figureCacheSize = 8192

// of returns the figures of the job id, from its stored result.
func (c *figureCache) of(id string, result []byte) (*figures, error) {
	c.mu.Lock()
	f, ok := c.m[id]
	c.mu.Unlock()
	if ok {
		return f, nil
	}
	f = new(figures)
	if len(result) > 0 {
		if err := json.Unmarshal(result, f); err != nil {
			return nil, errors.New("stored job figures unreadable: " + err.Error())
		}
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= figureCacheSize {
		c.m = make(map[string]*figures)
	}
	c.m[strings.Clone(id)] = f
	c.mu.Unlock()
	return f, nil
}

// serviceError turns the store's verdicts into the service's errors; a
// failure is returned as it is (the handler logs it and answers
// InternalServerException).
func serviceError(err error) error {
	var (
		nf    *store.NotFoundError
		cf    *store.ConflictError
		quota *store.QuotaError
		tok   *store.InvalidTokenError
		limit *store.PageLimitError
		tags  *store.TagLimitError
		fault *store.FaultCodeError
		rc    *store.RetrainingConflictError
		idle  *store.DatasetNotActiveError
		bad   *store.VersionNotUsableError
	)
	if e, ok := schedulerError(err); ok {
		return e
	}
	switch {
	case errors.As(err, &rc):
		return &lookout.ConflictException{Message: rc.Error()}
	case errors.As(err, &nf):
		return &lookout.ResourceNotFoundException{Message: nf.Error()}
	case errors.As(err, &cf):
		// A conflict names no job: whoever meets it need not be the
		// caller who started the job.
		switch cf.Reason {
		case store.ReasonIngestionInProgress:
			return &lookout.ConflictException{Message: "Dataset " + cf.Dataset + " has a data ingestion job in progress"}
		case store.ReasonTokenReused:
			return &lookout.ConflictException{Message: cf.Error()}
		}
		return &lookout.ConflictException{Message: cf.Error()}
	case errors.As(err, &quota):
		return &lookout.ServiceQuotaExceededException{Message: quota.Error()}
	case errors.As(err, &tok):
		return &lookout.ValidationException{Message: tok.Error()}
	case errors.As(err, &limit):
		return &lookout.ValidationException{Message: limit.Error()}
	case errors.As(err, &tags):
		return &lookout.ValidationException{Message: tags.Error()}
	case errors.As(err, &fault):
		return &lookout.ValidationException{Message: fault.Error()}
	case errors.As(err, &idle):
		return &lookout.ValidationException{Message: idle.Error()}
	case errors.As(err, &bad):
		return &lookout.ValidationException{Message: bad.Error()}
	}
	return err
}

// pageOf is the store's page of a request's MaxResults and NextToken.
func pageOf(maxResults *int32, token string) store.Page {
	p := store.Page{Token: token}
	if maxResults != nil {
		p.Limit = int(*maxResults)
	}
	return p
}

// inputOf is the IngestionInputConfiguration of a stored input.
func inputOf(in store.JobInput) *lookout.IngestionInputConfiguration {
	return new(inputs).of(in) // one allocation for both
}

// inputs holds a job's input configuration and its S3 member.
type inputs struct {
	c  lookout.IngestionInputConfiguration
	s3 lookout.IngestionS3InputConfiguration
}

// of fills b with in and returns its configuration.
func (b *inputs) of(in store.JobInput) *lookout.IngestionInputConfiguration {
	b.s3 = lookout.IngestionS3InputConfiguration{Bucket: in.Bucket, Prefix: in.Prefix, KeyPattern: deref(in.KeyPattern)}
	b.c = lookout.IngestionInputConfiguration{S3InputConfiguration: &b.s3}
	return &b.c
}

// deref is *p, or "" for a nil p.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// optional is s as an optional member: nil for "".
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// timestamps hands out up to 4 wire times (those of a response) from one
// allocation.
type timestamps struct {
	n  int
	ts *[4]lookout.Timestamp
}

// of returns the wire's time of t, from the array, or nil for the zero
// time; it panics beyond 4.
func (a *timestamps) of(t time.Time) *lookout.Timestamp {
	if t.IsZero() {
		return nil
	}
	if a.ts == nil {
		a.ts = new([4]lookout.Timestamp)
	}
	p := &a.ts[a.n]
	a.n++
	*p = lookout.TimestampOf(t)
	return p
}

func clonePtr(p *string) *string {
	if p == nil {
		return nil
	}
	c := strings.Clone(*p)
	return &c
}
