package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// querier is the read statements (statements) or the writer's transaction (wtx).
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// CreateDataset stores a new dataset, CREATED, and returns it, its tags
// stored as TagResource stores them (Tags gives them back). When
// d.ClientToken made a dataset before with the same parameters, it returns
// that dataset as it is now and replay true. Errors: *ConflictError
// (ReasonTokenReused, ReasonDatasetExists), *QuotaError (LimitDatasets).
func (s *Store) CreateDataset(ctx context.Context, d NewDataset) (ds Dataset, replay bool, err error) {
	tags, err := encodeTags(d.Tags)
	if err != nil {
		return Dataset{}, false, err
	}
	err = s.write(ctx, func(tx *wtx) error {
		ds, replay = Dataset{}, false
		// The rules read the index; a new dataset's token is new: it is
		// looked up only when a rule refuses the dataset or the insert
		// finds the token taken, so that a new dataset costs one
		// statement. A replay wins over a rule's refusal, as it would were
		// the token looked up first.
		var refused error
		if _, exists := tx.lookup(d.Name); exists {
			refused = &ConflictError{Reason: ReasonDatasetExists, Dataset: d.Name}
		} else if n, _ := tx.counts(); s.opts.MaxDatasets > 0 && n >= s.opts.MaxDatasets {
			refused = &QuotaError{Limit: LimitDatasets, Max: s.opts.MaxDatasets}
		}
		if refused != nil {
			if found, err := s.replayDataset(ctx, tx, d, tags, &ds); found || err != nil {
				replay = found
				return err
			}
			return refused
		}
		now := timeOf(nullTime(s.now()))
		ds = Dataset{
			Name:      d.Name,
			ARN:       "arn:aws:lookoutequipment:" + s.opts.Region + ":" + s.opts.Account + ":dataset/" + d.Name + "/" + newUUID(),
			Status:    DatasetCreated,
			CreatedAt: now,
			UpdatedAt: now,
			Schema:    d.Schema,
			KMSKeyID:  d.KMSKeyID,
			Tags:      slices.Clone(d.Tags),
		}
		if len(ds.Tags) == 0 {
			ds.Tags = nil // as the database gives them back
		}
		var token any
		if d.ClientToken != "" {
			token = d.ClientToken
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO datasets(name, arn, status, created, updated, schema, kms_key_id, tags, client_token)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(client_token) DO NOTHING`,
			ds.Name, ds.ARN, string(ds.Status), now.UnixNano(), now.UnixNano(), nullable(d.Schema), nullable(d.KMSKeyID), tags, token)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			// The token made another dataset (this one's name is free).
			ds = Dataset{}
			found, err := s.replayDataset(ctx, tx, d, tags, &ds)
			if err == nil && !found {
				err = errors.New("store: a dataset's client token was taken, and its dataset cannot be found")
			}
			replay = found
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if err := putTags(ctx, tx, ds.ARN, d.Tags); err != nil {
			return err
		}
		tx.set(&indexed{id: id, ds: ds.clone()})
		return nil
	})
	if err != nil {
		return Dataset{}, false, err
	}
	return ds, replay, nil
}

// replayDataset looks up the dataset that d's client token made, if any:
// found reports whether there is one, in *ds, with the same parameters (a
// *ConflictError ReasonTokenReused when they differ).
func (s *Store) replayDataset(ctx context.Context, tx *wtx, d NewDataset, tags []byte, ds *Dataset) (found bool, err error) {
	if d.ClientToken == "" {
		return false, nil
	}
	var name string
	var schema, kms sql.NullString
	var oldTags []byte
	err = tx.QueryRowContext(ctx, `SELECT name, schema, kms_key_id, tags FROM datasets WHERE client_token = ?`,
		d.ClientToken).Scan(&name, &schema, &kms, &oldTags)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, err
	}
	if name != d.Name || !sameString(optional(schema), d.Schema) || !sameString(optional(kms), d.KMSKeyID) ||
		!bytes.Equal(oldTags, tags) {
		return false, &ConflictError{Reason: ReasonTokenReused, Dataset: name}
	}
	e, ok := tx.lookup(name)
	if !ok {
		return false, errors.New("store: the dataset of a client token is not in the index")
	}
	*ds = e.ds.clone()
	return true, nil
}

// Dataset returns the dataset of that name, or a *NotFoundError. It reads
// the datasets' index in memory, which holds every committed change.
func (s *Store) Dataset(ctx context.Context, name string) (Dataset, error) {
	if err := s.readable(); err != nil {
		return Dataset{}, err
	}
	ds, _, ok := s.index.get(name)
	if !ok {
		return Dataset{}, &NotFoundError{Resource: ResourceDataset, Name: name}
	}
	return ds, nil
}

const jobColumns = `j.id, d.name, d.arn, j.client_token, j.bucket, j.prefix, j.key_pattern, j.role_arn,
	j.status, j.failed_reason, j.created, j.finished, j.data_start, j.data_end, j.result`

// jobRow holds the scanned columns of jobColumns, nullable where a LEFT
// JOIN may leave them empty.
type jobRow struct {
	id, datasetName, datasetARN, token, bucket sql.NullString
	prefix, keyPattern, roleARN, status        sql.NullString
	failedReason                               sql.NullString
	created, finished, dataStart, dataEnd      sql.NullInt64
	result                                     []byte
}

func (r *jobRow) dest() []any {
	return []any{&r.id, &r.datasetName, &r.datasetARN, &r.token, &r.bucket, &r.prefix, &r.keyPattern, &r.roleARN,
		&r.status, &r.failedReason, &r.created, &r.finished, &r.dataStart, &r.dataEnd, &r.result}
}

func (r *jobRow) job() Job {
	return Job{
		ID:            r.id.String,
		DatasetName:   r.datasetName.String,
		DatasetARN:    r.datasetARN.String,
		ClientToken:   r.token.String,
		Input:         JobInput{Bucket: r.bucket.String, Prefix: optional(r.prefix), KeyPattern: optional(r.keyPattern), RoleARN: r.roleARN.String},
		Status:        JobStatus(r.status.String),
		FailedReason:  r.failedReason.String,
		CreatedAt:     timeOf(r.created),
		FinishedAt:    timeOf(r.finished),
		DataStartTime: timeOf(r.dataStart),
		DataEndTime:   timeOf(r.dataEnd),
		Result:        r.result,
	}
}

// datasetColumns are the columns of a dataset and its last ingestion, of
// datasets d LEFT JOIN jobs j ON j.seq = d.last_job.
const datasetColumns = `d.name, d.arn, d.status, d.created, d.updated, d.schema, d.kms_key_id, d.tags, ` + jobColumns

// datasetRow holds the scanned columns of datasetColumns.
type datasetRow struct {
	name, arn, status string
	created, updated  int64
	schema, kms       sql.NullString
	tags              []byte
	j                 jobRow
}

func (r *datasetRow) dest() []any {
	return append([]any{&r.name, &r.arn, &r.status, &r.created, &r.updated, &r.schema, &r.kms, &r.tags}, r.j.dest()...)
}

func (r *datasetRow) dataset() (Dataset, error) {
	ds := Dataset{
		Name:      r.name,
		ARN:       r.arn,
		Status:    DatasetStatus(r.status),
		CreatedAt: timeOf(sql.NullInt64{Int64: r.created, Valid: true}),
		UpdatedAt: timeOf(sql.NullInt64{Int64: r.updated, Valid: true}),
		Schema:    optional(r.schema),
		KMSKeyID:  optional(r.kms),
	}
	var err error
	if ds.Tags, err = decodeTags(r.tags); err != nil {
		return Dataset{}, err
	}
	if r.j.id.Valid {
		job := r.j.job()
		ds.LastIngestion = &job
	}
	return ds, nil
}

// dataset reads a dataset from the database (the writer's transaction).
func (s *Store) dataset(ctx context.Context, q querier, name string) (Dataset, error) {
	var r datasetRow
	err := q.QueryRowContext(ctx, `SELECT `+datasetColumns+` FROM datasets d LEFT JOIN jobs j ON j.seq = d.last_job
		WHERE d.name = ?`, name).Scan(r.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return Dataset{}, &NotFoundError{Resource: ResourceDataset, Name: name}
	}
	if err != nil {
		return Dataset{}, err
	}
	return r.dataset()
}

// ListDatasets returns a page of the datasets that f selects, in the order
// of their names, and the token of the next page ("" after the last).
// Errors: *InvalidTokenError, *PageLimitError.
func (s *Store) ListDatasets(ctx context.Context, f DatasetFilter, p Page) ([]DatasetSummary, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	var after string
	if p.Token != "" {
		pos, err := s.unseal(p.Token, listDatasets, f.NameBeginsWith)
		if err != nil {
			return nil, "", err
		}
		if after = string(pos); after == "" {
			return nil, "", &InvalidTokenError{Reason: "malformed"}
		}
	}
	out, more := s.index.list(f.NameBeginsWith, after, limit)
	if !more {
		return out, "", nil
	}
	return out, s.seal([]byte(out[limit-1].Name), listDatasets, f.NameBeginsWith), nil
}

// DeleteDataset deletes the dataset of that name with its jobs, their
// statistics and their tokens, its tags and its resource policy. Errors: *NotFoundError, *ConflictError
// (ReasonIngestionInProgress).
func (s *Store) DeleteDataset(ctx context.Context, name string) error {
	defer s.jobs.purge() // after the commit, or after nothing was deleted
	return s.write(ctx, func(tx *wtx) error {
		e, ok := tx.lookup(name)
		if !ok {
			return &NotFoundError{Resource: ResourceDataset, Name: name}
		}
		if e.running != "" {
			return &ConflictError{Reason: ReasonIngestionInProgress, Dataset: name, JobID: e.running}
		}
		if model, err := trainingOn(ctx, tx, "m.dataset = ?", name); err != nil || model != "" {
			if err != nil {
				return err
			}
			return &ConflictError{Reason: ReasonTrainingInProgress, Dataset: name, Model: model}
		}
		id := e.id
		for _, q := range []string{
			`DELETE FROM sensor_statistics WHERE job IN (SELECT seq FROM jobs WHERE dataset = ?)`,
			`DELETE FROM jobs WHERE dataset = ?`,
			`DELETE FROM dataset_data WHERE dataset = ?`,
			`DELETE FROM imports WHERE dataset = ?`,
			`DELETE FROM datasets WHERE id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		if err := forget(ctx, tx, e.ds.ARN); err != nil {
			return err
		}
		tx.del(name)
		return nil
	})
}

// readable returns ErrClosed once the store is closed.
func (s *Store) readable() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return ErrClosed
	}
	return nil
}

func encodeTags(tags []Tag) ([]byte, error) {
	if len(tags) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(tags)
	if err != nil {
		return nil, fmt.Errorf("store: encoding tags: %w", err)
	}
	return b, nil
}

func decodeTags(b []byte) ([]Tag, error) {
	if len(b) == 0 {
		return nil, nil
	}
	var tags []Tag
	if err := json.Unmarshal(b, &tags); err != nil {
		return nil, fmt.Errorf("store: decoding tags: %w", err)
	}
	return tags, nil
}

func sameString(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails since Go 1.24
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
