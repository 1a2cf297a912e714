package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// DatasetImportInProgress is the status of a dataset that ImportDataset
// made, while its import job runs.
const DatasetImportInProgress DatasetStatus = "IMPORT_IN_PROGRESS"

// ReasonNoData: ImportDataset's source dataset holds no ingested data
// (chosen: only a dataset with a successful ingestion can be imported).
const ReasonNoData Reason = 100

// NewImport is what ImportDataset is given.
type NewImport struct {
	// Name is the new dataset's; SourceARN the source dataset's.
	Name, SourceARN string
	ClientToken     string
	KMSKeyID        *string
	Tags            []Tag
}

// importRequest is the stored form of a NewImport, which a replay of its
// token must match.
type importRequest struct {
	Name, Source string
	KMSKeyID     *string `json:",omitempty"`
	Tags         []Tag   `json:",omitempty"`
}

// DatasetNameOfARN returns the dataset name of a dataset ARN
// (arn:...:dataset/NAME/ID), or "" when arn is not one.
func DatasetNameOfARN(arn string) string {
	_, rest, ok := strings.Cut(arn, ":dataset/")
	if !ok {
		return ""
	}
	name, _, ok := strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	return name
}

// ImportDataset stores a new dataset, IMPORT_IN_PROGRESS, copying the
// schema of the dataset of im.SourceARN, and its import job, IN_PROGRESS
// (its input the source's last ingestion's), and returns both. When
// im.ClientToken made an import before with the same parameters, it
// returns that dataset and job as they are now and replay true. Errors:
// *NotFoundError (an ARN no dataset has), *ConflictError
// (ReasonTokenReused, ReasonDatasetExists, ReasonNoData), *QuotaError
// (LimitDatasets, LimitPendingJobs).
func (s *Store) ImportDataset(ctx context.Context, im NewImport) (ds Dataset, job Job, replay bool, err error) {
	tags, err := encodeTags(im.Tags)
	if err != nil {
		return Dataset{}, Job{}, false, err
	}
	req, err := json.Marshal(importRequest{Name: im.Name, Source: im.SourceARN, KMSKeyID: im.KMSKeyID, Tags: im.Tags})
	if err != nil {
		return Dataset{}, Job{}, false, err
	}
	err = s.write(ctx, func(tx *wtx) error {
		ds, job, replay = Dataset{}, Job{}, false
		if im.ClientToken != "" {
			found, err := s.replayImport(ctx, tx, im.ClientToken, req, &ds, &job)
			if found || err != nil {
				replay = found
				return err
			}
		}
		src, ok := tx.lookup(DatasetNameOfARN(im.SourceARN))
		switch {
		case !ok || src.ds.ARN != im.SourceARN:
			return &NotFoundError{Resource: ResourceDataset, Name: im.SourceARN}
		case src.ds.LastIngestion == nil:
			return &ConflictError{Reason: ReasonNoData, Dataset: src.ds.Name}
		}
		if _, exists := tx.lookup(im.Name); exists {
			return &ConflictError{Reason: ReasonDatasetExists, Dataset: im.Name}
		}
		n, running := tx.counts()
		if s.opts.MaxDatasets > 0 && n >= s.opts.MaxDatasets {
			return &QuotaError{Limit: LimitDatasets, Max: s.opts.MaxDatasets}
		}
		if s.opts.MaxPending > 0 && running >= s.opts.MaxPending {
			return &QuotaError{Limit: LimitPendingJobs, Max: s.opts.MaxPending}
		}
		now := timeOf(nullTime(s.now()))
		ds = Dataset{
			Name:      im.Name,
			ARN:       "arn:aws:lookoutequipment:" + s.opts.Region + ":" + s.opts.Account + ":dataset/" + im.Name + "/" + newUUID(),
			Status:    DatasetImportInProgress,
			CreatedAt: now,
			UpdatedAt: now,
			Schema:    src.ds.Schema,
			KMSKeyID:  im.KMSKeyID,
			Tags:      slices.Clone(im.Tags),
		}
		if len(ds.Tags) == 0 {
			ds.Tags = nil
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO datasets(name, arn, status, created, updated, schema, kms_key_id, tags)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?)`,
			ds.Name, ds.ARN, string(ds.Status), now.UnixNano(), now.UnixNano(), nullable(ds.Schema), nullable(im.KMSKeyID), tags)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if err := putTags(ctx, tx, ds.ARN, im.Tags); err != nil {
			return err
		}
		in := src.ds.LastIngestion.Input
		job = Job{ID: newJobID(), DatasetName: ds.Name, DatasetARN: ds.ARN, ClientToken: im.ClientToken,
			Input: in, Status: JobInProgress, CreatedAt: now}
		res, err = tx.ExecContext(ctx, `INSERT INTO jobs(id, dataset, bucket, prefix, key_pattern, role_arn, status, created)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?)`,
			job.ID, id, in.Bucket, nullable(in.Prefix), nullable(in.KeyPattern), in.RoleARN, string(JobInProgress), now.UnixNano())
		if err != nil {
			return err
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return err
		}
		var token any
		if im.ClientToken != "" {
			token = im.ClientToken
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO imports(job, dataset, source_arn, client_token, request) VALUES(?, ?, ?, ?, ?)`,
			seq, id, im.SourceARN, token, req); err != nil {
			return err
		}
		s.imported.Store(true) // before the commit: a reader that sees the job asks for its source
		if _, err := tx.ExecContext(ctx, `UPDATE datasets SET running_job = ? WHERE id = ?`, seq, id); err != nil {
			return err
		}
		tx.set(&indexed{id: id, running: job.ID, ds: ds.clone()})
		return nil
	})
	if err != nil {
		return Dataset{}, Job{}, false, err
	}
	if !replay {
		s.jobs.changed(job, false)
	}
	return ds, job, replay, nil
}

// replayImport looks up the import that token made: found reports whether
// there is one, in *ds and *job, made with the same request (a
// *ConflictError ReasonTokenReused when it differs).
func (s *Store) replayImport(ctx context.Context, tx *wtx, token string, req []byte, ds *Dataset, job *Job) (found bool, err error) {
	var (
		old []byte
		r   jobRow
	)
	err = tx.QueryRowContext(ctx, `SELECT i.request, `+jobColumns+` FROM imports i JOIN jobs j ON j.seq = i.job
		JOIN datasets d ON d.id = j.dataset WHERE i.client_token = ?`, token).Scan(append([]any{&old}, r.dest()...)...)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, err
	}
	*job = r.job()
	if !bytes.Equal(old, req) {
		return false, &ConflictError{Reason: ReasonTokenReused, JobID: job.ID}
	}
	e, ok := tx.lookup(job.DatasetName)
	if !ok {
		return false, errors.New("store: the dataset of an import is not in the index")
	}
	*ds = e.ds.clone()
	return true, nil
}

// ImportSource returns the ARN of the dataset that the job of id imports,
// or "" when the job is a data ingestion job (or does not exist). Until the
// database holds an import, it answers "" without a query.
func (s *Store) ImportSource(ctx context.Context, id string) (string, error) {
	if err := s.readable(); err != nil {
		return "", err
	}
	if !s.imported.Load() {
		return "", nil // no import yet: no job has a source
	}
	var arn string
	err := s.r.QueryRowContext(ctx, `SELECT i.source_arn FROM imports i JOIN jobs j ON j.seq = i.job WHERE j.id = ?`,
		id).Scan(&arn)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return arn, err
}

// copyStatistics gives the job of seq, which has n per-sensor figures,
// those of the job from ("": none) after them (the writer's transaction).
func copyStatistics(ctx context.Context, tx *wtx, seq int64, n int, from string) error {
	if from == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO sensor_statistics(job, ord, data)
		SELECT ?, s.ord + ?, s.data FROM sensor_statistics s JOIN jobs j ON j.seq = s.job WHERE j.id = ?`, seq, n, from)
	return err
}
