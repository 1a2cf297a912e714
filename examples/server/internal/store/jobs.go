package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// StartJob stores a new job, IN_PROGRESS, and makes its dataset
// INGESTION_IN_PROGRESS. When j.ClientToken started a job before with the
// same parameters, it returns that job as it is now and replay true.
// Errors: *ConflictError (ReasonTokenReused, ReasonIngestionInProgress),
// *NotFoundError (the dataset), *QuotaError (LimitPendingJobs).
func (s *Store) StartJob(ctx context.Context, j NewJob) (job Job, replay bool, err error) {
	err = s.write(ctx, func(tx *wtx) error {
		job, replay = Job{}, false
		// A new job's token is new: the token is looked up only when the
		// dataset refuses the job or the insert finds the token taken, so
		// that a new job costs three statements. A replay wins over the
		// dataset's refusal, as it would were the token looked up first.
		// The rules read the index.
		e, exists := tx.lookup(j.Dataset)
		var refused error
		switch {
		case !exists:
			refused = &NotFoundError{Resource: ResourceDataset, Name: j.Dataset}
		case e.running != "":
			refused = &ConflictError{Reason: ReasonIngestionInProgress, Dataset: j.Dataset, JobID: e.running}
		case s.opts.MaxPending > 0:
			if _, n := tx.counts(); n >= s.opts.MaxPending {
				refused = &QuotaError{Limit: LimitPendingJobs, Max: s.opts.MaxPending}
			}
		}
		if refused != nil {
			if found, err := s.replayJob(ctx, tx, j, &job); found || err != nil {
				replay = found
				return err
			}
			return refused
		}
		now := timeOf(nullTime(s.now()))
		job = Job{
			ID:          newJobID(),
			DatasetName: j.Dataset,
			DatasetARN:  e.ds.ARN,
			ClientToken: j.ClientToken,
			Input:       j.Input,
			Status:      JobInProgress,
			CreatedAt:   now,
		}
		var token any
		if j.ClientToken != "" {
			token = j.ClientToken
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO jobs(id, dataset, client_token, bucket, prefix, key_pattern, role_arn, status, created)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(client_token) DO NOTHING`,
			job.ID, e.id, token, j.Input.Bucket, nullable(j.Input.Prefix), nullable(j.Input.KeyPattern), j.Input.RoleARN,
			string(JobInProgress), now.UnixNano())
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			// The token started a job before.
			job = Job{}
			found, err := s.replayJob(ctx, tx, j, &job)
			if err == nil && !found {
				err = errors.New("store: a job's client token was taken, and its job cannot be found")
			}
			replay = found
			return err
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE datasets SET status = ?, updated = ?, running_job = ? WHERE id = ?`,
			string(DatasetIngestionInProgress), now.UnixNano(), seq, e.id)
		if err != nil {
			return err
		}
		ds := e.ds.clone()
		ds.Status, ds.UpdatedAt = DatasetIngestionInProgress, now
		tx.set(&indexed{id: e.id, running: job.ID, ds: ds})
		return nil
	})
	if err != nil {
		return Job{}, false, err
	}
	if !replay {
		s.jobs.changed(job, false)
	}
	return job, replay, nil
}

// replayJob looks up the job that j's client token started, if any: found
// reports whether there is one, in *job, with the same parameters (a
// *ConflictError ReasonTokenReused when they differ).
func (s *Store) replayJob(ctx context.Context, tx *wtx, j NewJob, job *Job) (found bool, err error) {
	if j.ClientToken == "" {
		return false, nil
	}
	var r jobRow
	err = tx.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM jobs j JOIN datasets d ON d.id = j.dataset
		WHERE j.client_token = ?`, j.ClientToken).Scan(r.dest()...)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, err
	}
	old := r.job()
	if old.DatasetName != j.Dataset || !sameInput(old.Input, j.Input) {
		return false, &ConflictError{Reason: ReasonTokenReused, Dataset: old.DatasetName, JobID: old.ID}
	}
	*job = old
	return true, nil
}

// FinishJob ends a job IN_PROGRESS with its outcome and updates its
// dataset (see the package doc), and returns the job. Errors:
// *NotFoundError, *ConflictError (ReasonJobFinished).
func (s *Store) FinishJob(ctx context.Context, id string, o Outcome) (Job, error) {
	if o.Status != JobSuccess && o.Status != JobFailed {
		return Job{}, fmt.Errorf("store: a job cannot finish in status %q", o.Status)
	}
	var job Job
	err := s.write(ctx, func(tx *wtx) error {
		var (
			seq, dataset int64
			r            jobRow
		)
		err := tx.QueryRowContext(ctx, `SELECT j.seq, j.dataset, `+jobColumns+` FROM jobs j JOIN datasets d ON d.id = j.dataset
			WHERE j.id = ?`, id).Scan(append([]any{&seq, &dataset}, r.dest()...)...)
		if errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{Resource: ResourceJob, Name: id}
		}
		if err != nil {
			return err
		}
		job = r.job()
		if job.Status != JobInProgress {
			return &ConflictError{Reason: ReasonJobFinished, JobID: id}
		}
		now := s.now().UnixNano()
		var reason any
		if o.Status == JobFailed {
			reason = o.FailedReason
		}
		result := o.Result
		if result == nil {
			result = []byte{}
		}
		_, err = tx.ExecContext(ctx, `UPDATE jobs SET status = ?, failed_reason = ?, finished = ?, data_start = ?, data_end = ?, result = ?
			WHERE seq = ?`, string(o.Status), reason, now, nanos(o.DataStartTime), nanos(o.DataEndTime), result, seq)
		if err != nil {
			return err
		}
		for i, st := range o.SensorStatistics {
			if st == nil {
				st = []byte{}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO sensor_statistics(job, ord, data) VALUES(?, ?, ?)`, seq, i, st); err != nil {
				return err
			}
		}
		if o.Status == JobSuccess {
			if err := setDataVersion(ctx, tx, dataset, o.DataVersion); err != nil {
				return err
			}
			if err := copyStatistics(ctx, tx, seq, len(o.SensorStatistics), o.StatisticsFrom); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `UPDATE datasets SET status = ?, updated = ?, running_job = NULL, last_job = ? WHERE id = ?`,
				string(DatasetActive), now, seq, dataset)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE datasets SET status = CASE WHEN last_job IS NULL THEN ? ELSE ? END,
				updated = ?, running_job = NULL WHERE id = ?`, string(DatasetCreated), string(DatasetActive), now, dataset)
		}
		if err != nil {
			return err
		}
		job.Status, job.FinishedAt = o.Status, time.Unix(0, now).UTC()
		job.FailedReason = ""
		if o.Status == JobFailed {
			job.FailedReason = o.FailedReason
		}
		job.DataStartTime, job.DataEndTime = timeOf(nullTime(o.DataStartTime)), timeOf(nullTime(o.DataEndTime))
		job.Result = nil
		if len(result) > 0 {
			job.Result = result
		}
		e, ok := tx.lookup(job.DatasetName)
		if !ok {
			return errors.New("store: the dataset of a job is not in the index")
		}
		ds := e.ds.clone()
		ds.UpdatedAt = time.Unix(0, now).UTC()
		switch {
		case o.Status == JobSuccess:
			last := job.clone()
			ds.Status, ds.LastIngestion = DatasetActive, &last
		case ds.LastIngestion == nil:
			ds.Status = DatasetCreated
		default:
			ds.Status = DatasetActive
		}
		tx.set(&indexed{id: e.id, ds: ds})
		return nil
	})
	if err != nil {
		return Job{}, err
	}
	s.jobs.changed(job, true)
	return job, nil
}

// Job returns the job of that id, or a *NotFoundError.
func (s *Store) Job(ctx context.Context, id string) (Job, error) {
	if err := s.readable(); err != nil {
		return Job{}, err
	}
	if j, ok := s.jobs.get(id); ok {
		return j, nil
	}
	gen := s.jobs.generation()
	j, err := s.job(ctx, &s.rs, id)
	if err != nil {
		return Job{}, err
	}
	s.jobs.fill(gen, j)
	return j, nil
}

func (s *Store) job(ctx context.Context, q querier, id string) (Job, error) {
	var r jobRow
	err := q.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM jobs j JOIN datasets d ON d.id = j.dataset WHERE j.id = ?`,
		id).Scan(r.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return Job{}, &NotFoundError{Resource: ResourceJob, Name: id}
	}
	if err != nil {
		return Job{}, err
	}
	return r.job(), nil
}

// InProgress returns the jobs IN_PROGRESS, oldest first: after a restart,
// the jobs to run again.
func (s *Store) InProgress(ctx context.Context) ([]Job, error) {
	if err := s.readable(); err != nil {
		return nil, err
	}
	rows, err := s.rs.QueryContext(ctx, `SELECT `+jobColumns+` FROM jobs j JOIN datasets d ON d.id = j.dataset
		WHERE j.status = ? ORDER BY j.seq`, string(JobInProgress))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		var r jobRow
		if err := rows.Scan(r.dest()...); err != nil {
			return nil, err
		}
		out = append(out, r.job())
	}
	return out, rows.Err()
}

// ListJobs returns a page of the jobs that f selects, oldest first, and the
// token of the next page ("" after the last). Errors: *NotFoundError (the
// filter's dataset), *InvalidTokenError, *PageLimitError.
func (s *Store) ListJobs(ctx context.Context, f JobFilter, p Page) ([]JobSummary, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	var after int64
	if p.Token != "" {
		pos, err := s.unseal(p.Token, listJobs, f.Dataset, string(f.Status))
		if err != nil {
			return nil, "", err
		}
		if after, err = seqOf(pos); err != nil {
			return nil, "", err
		}
	}
	arn, id, gen, ok := s.index.jobsKey(f.Dataset)
	if !ok {
		return nil, "", &NotFoundError{Resource: ResourceDataset, Name: f.Dataset}
	}
	key := pageKey{dataset: f.Dataset, status: f.Status, after: after, limit: limit}
	if out, next, ok := s.pages.get(key, gen); ok {
		return out, next, nil
	}
	out, next, err := s.listJobs(ctx, f, after, limit, arn, id)
	if err == nil {
		s.pages.fill(key, gen, out, next)
	}
	return out, next, err
}

// listJobs reads a page of ListJobs from the database; arn and id are the
// filter's dataset's.
func (s *Store) listJobs(ctx context.Context, f JobFilter, after int64, limit int, arn string, id int64) ([]JobSummary, string, error) {
	// With a dataset, its name and ARN are the index's, and the query
	// reads the jobs alone, by the index of their dataset.
	query := `SELECT j.seq, j.id, d.name, d.arn, j.bucket, j.prefix, j.key_pattern, j.role_arn, j.status, j.created
		FROM jobs j JOIN datasets d ON d.id = j.dataset WHERE j.seq > ?`
	args := []any{after}
	if f.Dataset != "" {
		query = `SELECT j.seq, j.id, ?, ?, j.bucket, j.prefix, j.key_pattern, j.role_arn, j.status, j.created
		FROM jobs j WHERE j.dataset = ? AND j.seq > ?`
		args = []any{f.Dataset, arn, id, after}
	}
	if f.Status != "" {
		query += ` AND j.status = ?`
		args = append(args, string(f.Status))
	}
	query += ` ORDER BY j.seq LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.rs.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var (
		out  []JobSummary
		seqs []int64
	)
	for rows.Next() {
		var (
			js                 JobSummary
			seq, created       int64
			prefix, keyPattern sql.NullString
			status             string
		)
		if err := rows.Scan(&seq, &js.ID, &js.DatasetName, &js.DatasetARN, &js.Input.Bucket, &prefix, &keyPattern,
			&js.Input.RoleARN, &status, &created); err != nil {
			return nil, "", err
		}
		js.Input.Prefix, js.Input.KeyPattern = optional(prefix), optional(keyPattern)
		js.Status = JobStatus(status)
		js.CreatedAt = timeOf(sql.NullInt64{Int64: created, Valid: true})
		out = append(out, js)
		seqs = append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(out) <= limit {
		return out, "", nil
	}
	return out[:limit], s.seal(seqPos(seqs[limit-1]), listJobs, f.Dataset, string(f.Status)), nil
}

// ListSensorStatistics returns a page of the sensor statistics of a job of
// the dataset (the dataset's last successful ingestion when f.JobID is
// ""; none before the first), in the order FinishJob was given them, and
// the token of the next page ("" after the last). Errors: *NotFoundError
// (the dataset, or a job not of that dataset), *InvalidTokenError,
// *PageLimitError.
func (s *Store) ListSensorStatistics(ctx context.Context, f StatisticsFilter, p Page) ([][]byte, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	var dataset int64
	var last sql.NullInt64
	err = s.rs.QueryRowContext(ctx, `SELECT id, last_job FROM datasets WHERE name = ?`, f.Dataset).Scan(&dataset, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", &NotFoundError{Resource: ResourceDataset, Name: f.Dataset}
	}
	if err != nil {
		return nil, "", err
	}
	var job, after int64 = 0, -1
	switch {
	case p.Token != "":
		pos, err := s.unseal(p.Token, listStatistics, f.Dataset, f.JobID)
		if err != nil {
			return nil, "", err
		}
		if len(pos) != 16 {
			return nil, "", &InvalidTokenError{Reason: "malformed"}
		}
		job, after = int64(binary.BigEndian.Uint64(pos)), int64(binary.BigEndian.Uint64(pos[8:]))
	case f.JobID != "":
		var of int64
		err := s.rs.QueryRowContext(ctx, `SELECT seq, dataset FROM jobs WHERE id = ?`, f.JobID).Scan(&job, &of)
		if errors.Is(err, sql.ErrNoRows) || err == nil && of != dataset {
			return nil, "", &NotFoundError{Resource: ResourceJob, Name: f.JobID}
		}
		if err != nil {
			return nil, "", err
		}
	case last.Valid:
		job = last.Int64
	default:
		return nil, "", nil
	}
	rows, err := s.rs.QueryContext(ctx, `SELECT s.ord, s.data FROM sensor_statistics s JOIN jobs j ON j.seq = s.job
		WHERE s.job = ? AND j.dataset = ? AND s.ord > ? ORDER BY s.ord LIMIT ?`, job, dataset, after, limit+1)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var (
		out  [][]byte
		ords []int64
	)
	for rows.Next() {
		var ord int64
		var data []byte
		if err := rows.Scan(&ord, &data); err != nil {
			return nil, "", err
		}
		out, ords = append(out, data), append(ords, ord)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(out) <= limit {
		return out, "", nil
	}
	pos := binary.BigEndian.AppendUint64(nil, uint64(job))
	pos = binary.BigEndian.AppendUint64(pos, uint64(ords[limit-1]))
	return out[:limit], s.seal(pos, listStatistics, f.Dataset, f.JobID), nil
}

// sameInput reports whether a and b are the same input as the service reads
// it: an absent Prefix is "", an absent KeyPattern the default,
// lookout.KeyPatternSlash.
func sameInput(a, b JobInput) bool {
	return a.Bucket == b.Bucket && a.RoleARN == b.RoleARN &&
		valueOr(a.Prefix, "") == valueOr(b.Prefix, "") &&
		valueOr(a.KeyPattern, lookout.KeyPatternSlash) == valueOr(b.KeyPattern, lookout.KeyPatternSlash)
}

// valueOr returns *p, or def when p is nil.
func valueOr(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}

// newJobID returns a new job id: 32 lowercase hexadecimal digits, the
// first 16 the time in nanoseconds and the last 16 from crypto/rand. The
// ids of new jobs sort after those of older ones, so that the index of ids
// grows at its end rather than at random pages.
func newJobID() string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixNano()))
	rand.Read(b[8:]) // never fails since Go 1.24
	return hex.EncodeToString(b[:])
}
