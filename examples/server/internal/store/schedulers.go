package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// schedulerSchema creates the tables of the inference schedulers, their
// executions (one row per run) and their events. Times are Unix
// nanoseconds, but an event's, which are the Unix seconds of its first and
// last results.jsonl lines.
//
// config is the scheduler's configuration as the server keeps it (its
// frequency, offset, input, output, role and key: opaque here); request is
// what a replay of CreateInferenceScheduler's token must match. next is
// the ScheduledStartTime of the next run to make: a run advances it in the
// same commit as its execution, so that a run the server did not finish is
// made again when it starts, and the runs that fell due while it was down
// are made in order.
//
// The events (chosen: stored, not derived from the results files) are rows
// made as the runs end: an event still open at the end of a run (its last
// line a prediction 1) keeps its per-sensor share sums, which the next run
// extends when its first line follows on.
const schedulerSchema = `
CREATE TABLE IF NOT EXISTS schedulers(
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE,
	arn TEXT NOT NULL UNIQUE,
	model TEXT NOT NULL,
	model_arn TEXT NOT NULL,
	config BLOB NOT NULL,
	status TEXT NOT NULL,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	next INTEGER NOT NULL,
	latest TEXT,
	client_token TEXT UNIQUE,
	request BLOB
);
CREATE TABLE IF NOT EXISTS executions(
	scheduler INTEGER NOT NULL,
	scheduled INTEGER NOT NULL,
	data_start INTEGER NOT NULL,
	data_end INTEGER NOT NULL,
	status TEXT NOT NULL,
	failed_reason TEXT,
	result_bucket TEXT,
	result_key TEXT,
	model_version INTEGER,
	model_version_arn TEXT,
	config BLOB NOT NULL,
	PRIMARY KEY(scheduler, scheduled)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events(
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	scheduler INTEGER NOT NULL,
	start_s INTEGER NOT NULL,
	end_s INTEGER NOT NULL,
	rows INTEGER NOT NULL,
	sums BLOB,
	diagnostics TEXT NOT NULL,
	open INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_start ON events(scheduler, start_s, seq);
CREATE TABLE IF NOT EXISTS execution_starts(
	scheduler INTEGER NOT NULL,
	scheduled INTEGER NOT NULL,
	started INTEGER NOT NULL,
	PRIMARY KEY(scheduler, scheduled)
) WITHOUT ROWID;
`

// ResourceScheduler is an inference scheduler, in a NotFoundError.
const ResourceScheduler Resource = "Inference scheduler"

// The reasons of a ConflictError about inference schedulers.
const (
	// ReasonSchedulerExists: an inference scheduler of that name exists.
	ReasonSchedulerExists Reason = iota + 100
	// ReasonSchedulerState: the scheduler's status does not allow the
	// change (ConflictError.Status says which it is).
	ReasonSchedulerState
)

// LimitSchedulers is the quota of inference schedulers.
const LimitSchedulers Limit = "inference schedulers"

// SchedulerConflictError says that a change conflicts with an inference
// scheduler's state: the name is taken, its token was used with other
// parameters, or its status does not allow the change.
type SchedulerConflictError struct {
	Reason Reason
	Name   string
	// Status is the scheduler's, for ReasonSchedulerState; Op the change
	// asked ("start", "delete", "update").
	Status, Op string
}

func (e *SchedulerConflictError) Error() string {
	switch e.Reason {
	case ReasonTokenReused:
		return "The ClientToken was already used to create an inference scheduler with different parameters"
	case ReasonSchedulerExists:
		return "Inference scheduler " + e.Name + " already exists"
	case ReasonSchedulerState:
		return "Inference scheduler " + e.Name + " is " + e.Status + ": it cannot " + e.Op
	}
	return "inference scheduler conflict"
}

// NewScheduler is what CreateInferenceScheduler stores.
type NewScheduler struct {
	Name, ClientToken string
	Model, ModelARN   string
	// Config is the scheduler's configuration, opaque to the store;
	// Request what a replay of the token must match (Config and Tags, as
	// the caller encodes them).
	Config, Request []byte
	// Next is the ScheduledStartTime of its first run.
	Next time.Time
	Tags []Tag
}

// Scheduler is a stored inference scheduler.
type Scheduler struct {
	ID int64
	// ARN is arn:aws:lookoutequipment:REGION:ACCOUNT:inference-scheduler/NAME/UUID.
	Name, ARN       string
	Model, ModelARN string
	Config          []byte
	// Status is RUNNING, STOPPING or STOPPED (PENDING is only answered by
	// CreateInferenceScheduler: the scheduler runs at once).
	Status               string
	CreatedAt, UpdatedAt time.Time
	// Next is the ScheduledStartTime of the next run to make.
	Next time.Time
	// Latest is NORMAL or ANOMALOUS once a run ended, "" before.
	Latest string
}

// SchedulerFilter selects the schedulers of ListSchedulers; "" keeps all.
type SchedulerFilter struct {
	NameBeginsWith, Model, Status string
}

// Execution is one run of a scheduler.
type Execution struct {
	Scheduled, DataStart, DataEnd time.Time
	// Status is IN_PROGRESS, SUCCESS or FAILED.
	Status, FailedReason string
	// ResultBucket and ResultKey name the results.jsonl of a success.
	ResultBucket, ResultKey string
	ModelVersion            int64
	ModelVersionARN         string
	// Config is the scheduler's configuration the run used.
	Config []byte
	// Started is the server's clock when the run began (BeginExecution;
	// its last start when it was made again), zero when not recorded.
	// Kept in the table execution_starts (chosen: a table of its own, so
	// that a database made before it gains it with CREATE TABLE IF NOT
	// EXISTS, and the rewrites of an execution's row leave it).
	Started time.Time
}

// ExecutionFilter selects the executions of ListExecutions: Status ""
// keeps all; DataStartAfter keeps those whose DataStartTime is at or after
// it, DataEndBefore those whose DataEndTime is at or before it (chosen:
// both bounds inclusive); zero keeps all.
type ExecutionFilter struct {
	Status                        string
	DataStartAfter, DataEndBefore time.Time
}

// Event is a maximal run of prediction-1 lines of a scheduler's results,
// across runs.
type Event struct {
	// Seq identifies a stored event; 0 for a new one.
	Seq int64
	// Start and End are its first and last lines' times, Unix seconds.
	Start, End int64
	// Rows counts its lines; Sums are the sums of each sensor's shares,
	// in the model's order (kept while the event is open).
	Rows int64
	Sums []float64
	// Diagnostics is the JSON text of its mean shares.
	Diagnostics string
	// Open is set while the last run's last line belongs to it.
	Open bool
}

// Finished is what a run leaves: its execution, its events and the
// scheduler's next run.
type Finished struct {
	Scheduler int64
	Execution Execution
	// CloseOpen closes the scheduler's open event (a run that failed, or
	// whose first line does not follow on).
	CloseOpen bool
	// Events are the run's events, in time order; one whose Seq is set
	// extends that open event.
	Events []Event
	// Latest is the scheduler's LatestInferenceResult after the run.
	Latest string
	// Next is the ScheduledStartTime of the scheduler's next run.
	Next time.Time
}

// CreateScheduler stores a new inference scheduler, RUNNING, and its
// tags. When n.ClientToken made one before with the same name and
// request, it returns that scheduler as it is now and replay true. Errors:
// *SchedulerConflictError (ReasonTokenReused, ReasonSchedulerExists),
// *QuotaError (LimitSchedulers).
func (s *Store) CreateScheduler(ctx context.Context, n NewScheduler) (sc Scheduler, replay bool, err error) {
	err = s.write(ctx, func(tx *wtx) error {
		sc, replay = Scheduler{}, false
		if n.ClientToken != "" {
			var name string
			var old []byte
			err := tx.QueryRowContext(ctx, `SELECT name, request FROM schedulers WHERE client_token = ?`, n.ClientToken).
				Scan(&name, &old)
			switch {
			case err == nil:
				if name != n.Name || !bytes.Equal(old, n.Request) {
					return &SchedulerConflictError{Reason: ReasonTokenReused, Name: n.Name}
				}
				sc, err = s.scheduler(ctx, tx, name)
				replay = err == nil
				return err
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		var count int
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(name = ?), 0) FROM schedulers`, n.Name).
			Scan(&count, &taken); err != nil {
			return err
		}
		switch {
		case taken:
			return &SchedulerConflictError{Reason: ReasonSchedulerExists, Name: n.Name}
		case s.opts.MaxSchedulers > 0 && count >= s.opts.MaxSchedulers:
			return &QuotaError{Limit: LimitSchedulers, Max: s.opts.MaxSchedulers}
		}
		now := timeOf(nullTime(s.now()))
		sc = Scheduler{
			Name: n.Name,
			ARN: "arn:aws:lookoutequipment:" + s.opts.Region + ":" + s.opts.Account + ":inference-scheduler/" +
				n.Name + "/" + newUUID(),
			Model: n.Model, ModelARN: n.ModelARN, Config: bytes.Clone(n.Config),
			Status: "RUNNING", CreatedAt: now, UpdatedAt: now, Next: n.Next.UTC(),
		}
		var token any
		if n.ClientToken != "" {
			token = n.ClientToken
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO schedulers(name, arn, model, model_arn, config, status, created,
			updated, next, client_token, request) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sc.Name, sc.ARN, sc.Model, sc.ModelARN, sc.Config, sc.Status, now.UnixNano(), now.UnixNano(),
			sc.Next.UnixNano(), token, n.Request)
		if err != nil {
			return err
		}
		if sc.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return putTags(ctx, tx, sc.ARN, n.Tags)
	})
	if err != nil {
		return Scheduler{}, false, err
	}
	return sc, replay, nil
}

const schedulerColumns = `id, name, arn, model, model_arn, config, status, created, updated, next, latest`

func scanScheduler(row interface{ Scan(...any) error }) (Scheduler, error) {
	var (
		sc                     Scheduler
		created, updated, next int64
		latest                 sql.NullString
	)
	if err := row.Scan(&sc.ID, &sc.Name, &sc.ARN, &sc.Model, &sc.ModelARN, &sc.Config, &sc.Status,
		&created, &updated, &next, &latest); err != nil {
		return Scheduler{}, err
	}
	sc.CreatedAt, sc.UpdatedAt = time.Unix(0, created).UTC(), time.Unix(0, updated).UTC()
	sc.Next, sc.Latest = time.Unix(0, next).UTC(), latest.String
	return sc, nil
}

func (s *Store) scheduler(ctx context.Context, q querier, name string) (Scheduler, error) {
	sc, err := scanScheduler(q.QueryRowContext(ctx, `SELECT `+schedulerColumns+` FROM schedulers WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return Scheduler{}, &NotFoundError{Resource: ResourceScheduler, Name: name}
	}
	return sc, err
}

// Scheduler returns the inference scheduler of that name, or a
// *NotFoundError.
func (s *Store) Scheduler(ctx context.Context, name string) (Scheduler, error) {
	if err := s.readable(); err != nil {
		return Scheduler{}, err
	}
	return s.scheduler(ctx, &s.rs, name)
}

// ListSchedulers returns a page of the schedulers f selects, by name
// (bytewise), and the token of the next page ("" after the last). Errors:
// *InvalidTokenError, *PageLimitError.
func (s *Store) ListSchedulers(ctx context.Context, f SchedulerFilter, p Page) ([]Scheduler, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	q := `SELECT ` + schedulerColumns + ` FROM schedulers WHERE name >= ?`
	args := []any{f.NameBeginsWith}
	if p.Token != "" {
		pos, err := s.unseal(p.Token, listSchedulers, f.NameBeginsWith, f.Model, f.Status)
		if err != nil {
			return nil, "", err
		}
		if len(pos) == 0 || !strings.HasPrefix(string(pos), f.NameBeginsWith) {
			return nil, "", &InvalidTokenError{Reason: "malformed"}
		}
		q, args = `SELECT `+schedulerColumns+` FROM schedulers WHERE name > ?`, []any{string(pos)}
	}
	if end, ok := prefixEnd(f.NameBeginsWith); ok {
		q += ` AND name < ?`
		args = append(args, end)
	}
	if f.Model != "" {
		q += ` AND model = ?`
		args = append(args, f.Model)
	}
	if f.Status != "" {
		q += ` AND status = ?`
		args = append(args, f.Status)
	}
	q += ` ORDER BY name LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.rs.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []Scheduler
	for rows.Next() {
		sc, err := scanScheduler(rows)
		if err != nil {
			return nil, "", err
		}
		out = append(out, sc)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(out) <= limit {
		return out, "", nil
	}
	out = out[:limit]
	return out, s.seal([]byte(out[limit-1].Name), listSchedulers, f.NameBeginsWith, f.Model, f.Status), nil
}

// RunningSchedulers returns every scheduler that is RUNNING or STOPPING,
// by id: those the server schedules when it starts.
func (s *Store) RunningSchedulers(ctx context.Context) ([]Scheduler, error) {
	if err := s.readable(); err != nil {
		return nil, err
	}
	rows, err := s.rs.QueryContext(ctx, `SELECT `+schedulerColumns+` FROM schedulers
		WHERE status IN ('RUNNING', 'STOPPING') ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Scheduler
	for rows.Next() {
		sc, err := scanScheduler(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// UpdateScheduler replaces the configuration of the scheduler named and
// its next run (see the server's UpdateInferenceScheduler), whatever its
// status. Errors: *NotFoundError.
func (s *Store) UpdateScheduler(ctx context.Context, name string, config []byte, next time.Time) error {
	return s.write(ctx, func(tx *wtx) error {
		res, err := tx.ExecContext(ctx, `UPDATE schedulers SET config = ?, next = ?, updated = ? WHERE name = ?`,
			config, next.UnixNano(), s.now().UnixNano(), name)
		return oneRow(res, err, name)
	})
}

// oneRow turns an UPDATE that changed no row into a *NotFoundError of the
// scheduler.
func oneRow(res sql.Result, err error, name string) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return &NotFoundError{Resource: ResourceScheduler, Name: name}
	}
	return nil
}

// StartScheduler makes a STOPPED scheduler RUNNING, its next run at next,
// and returns it. Errors: *NotFoundError, *SchedulerConflictError
// (ReasonSchedulerState: a scheduler RUNNING or STOPPING).
func (s *Store) StartScheduler(ctx context.Context, name string, next time.Time) (sc Scheduler, err error) {
	err = s.write(ctx, func(tx *wtx) error {
		var err error
		if sc, err = s.scheduler(ctx, tx, name); err != nil {
			return err
		}
		if sc.Status != "STOPPED" {
			return &SchedulerConflictError{Reason: ReasonSchedulerState, Name: name, Status: sc.Status, Op: "start"}
		}
		now := s.now()
		sc.Status, sc.Next, sc.UpdatedAt = "RUNNING", next.UTC(), now.UTC()
		_, err = tx.ExecContext(ctx, `UPDATE schedulers SET status = 'RUNNING', next = ?, updated = ? WHERE id = ?`,
			next.UnixNano(), now.UnixNano(), sc.ID)
		return err
	})
	return sc, err
}

// StopScheduler stops the scheduler named: STOPPING while inProgress says
// a run of it is being made, STOPPED otherwise; a scheduler already
// STOPPING or STOPPED is left as it is. It returns the scheduler. Errors:
// *NotFoundError.
func (s *Store) StopScheduler(ctx context.Context, name string, inProgress bool) (sc Scheduler, err error) {
	err = s.write(ctx, func(tx *wtx) error {
		var err error
		if sc, err = s.scheduler(ctx, tx, name); err != nil {
			return err
		}
		if sc.Status != "RUNNING" {
			return nil
		}
		sc.Status = "STOPPED"
		if inProgress {
			sc.Status = "STOPPING"
		}
		now := s.now()
		sc.UpdatedAt = now.UTC()
		_, err = tx.ExecContext(ctx, `UPDATE schedulers SET status = ?, updated = ? WHERE id = ?`, sc.Status, now.UnixNano(), sc.ID)
		return err
	})
	return sc, err
}

// Stopped makes the scheduler of id STOPPED if it is STOPPING: what the
// end of its run in progress does. It reports whether it did.
func (s *Store) Stopped(ctx context.Context, id int64) (bool, error) {
	var done bool
	err := s.write(ctx, func(tx *wtx) error {
		res, err := tx.ExecContext(ctx, `UPDATE schedulers SET status = 'STOPPED', updated = ? WHERE id = ? AND status = 'STOPPING'`,
			s.now().UnixNano(), id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		done = n > 0
		return err
	})
	return done, err
}

// DeleteScheduler deletes a STOPPED scheduler with its executions, events,
// tags and policy. Errors: *NotFoundError, *SchedulerConflictError
// (ReasonSchedulerState).
func (s *Store) DeleteScheduler(ctx context.Context, name string) error {
	return s.write(ctx, func(tx *wtx) error {
		sc, err := s.scheduler(ctx, tx, name)
		if err != nil {
			return err
		}
		if sc.Status != "STOPPED" {
			return &SchedulerConflictError{Reason: ReasonSchedulerState, Name: name, Status: sc.Status, Op: "be deleted"}
		}
		for _, q := range []string{`DELETE FROM executions WHERE scheduler = ?`, `DELETE FROM events WHERE scheduler = ?`,
			`DELETE FROM execution_starts WHERE scheduler = ?`, `DELETE FROM schedulers WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, sc.ID); err != nil {
				return err
			}
		}
		return forget(ctx, tx, sc.ARN)
	})
}

// BeginExecution records the run e of the scheduler of id IN_PROGRESS
// (replacing the row of a run made before at the same ScheduledStartTime
// that the server did not finish), and e.Started when it is not zero. A
// scheduler deleted meanwhile gets a *NotFoundError.
func (s *Store) BeginExecution(ctx context.Context, id int64, e Execution) error {
	return s.write(ctx, func(tx *wtx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM schedulers WHERE id = ?`, id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{Resource: ResourceScheduler, Name: "#" + itoa(id)}
		} else if err != nil {
			return err
		}
		if !e.Started.IsZero() {
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO execution_starts(scheduler, scheduled, started) VALUES(?, ?, ?)`,
				id, e.Scheduled.UnixNano(), e.Started.UnixNano()); err != nil {
				return err
			}
		}
		return putExecution(ctx, tx, id, Execution{Scheduled: e.Scheduled, DataStart: e.DataStart, DataEnd: e.DataEnd,
			Status: "IN_PROGRESS", ModelVersion: e.ModelVersion, ModelVersionARN: e.ModelVersionARN, Config: e.Config})
	})
}

func putExecution(ctx context.Context, tx *wtx, id int64, e Execution) error {
	var version any
	if e.ModelVersion > 0 {
		version = e.ModelVersion
	}
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO executions(scheduler, scheduled, data_start, data_end, status,
		failed_reason, result_bucket, result_key, model_version, model_version_arn, config)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, e.Scheduled.UnixNano(), e.DataStart.UnixNano(), e.DataEnd.UnixNano(),
		e.Status, nullString(e.FailedReason), nullString(e.ResultBucket), nullString(e.ResultKey), version,
		nullString(e.ModelVersionARN), e.Config)
	return err
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// FinishExecution records the end of a run in one commit: its execution,
// its events (closing or extending the open one), the scheduler's
// LatestInferenceResult and its next run. A scheduler deleted meanwhile
// gets a *NotFoundError, and nothing is recorded.
func (s *Store) FinishExecution(ctx context.Context, f Finished) error {
	return s.write(ctx, func(tx *wtx) error {
		res, err := tx.ExecContext(ctx, `UPDATE schedulers SET next = ?, latest = ? WHERE id = ?`,
			f.Next.UnixNano(), nullString(f.Latest), f.Scheduler)
		if err := oneRow(res, err, "#"+itoa(f.Scheduler)); err != nil {
			return err
		}
		if err := putExecution(ctx, tx, f.Scheduler, f.Execution); err != nil {
			return err
		}
		if f.CloseOpen {
			if _, err := tx.ExecContext(ctx, `UPDATE events SET open = 0, sums = NULL WHERE scheduler = ? AND open = 1`,
				f.Scheduler); err != nil {
				return err
			}
		}
		for _, e := range f.Events {
			var sums []byte
			if e.Open {
				sums = encodeSums(e.Sums)
			}
			if e.Seq != 0 {
				_, err = tx.ExecContext(ctx, `UPDATE events SET end_s = ?, rows = ?, sums = ?, diagnostics = ?, open = ?
					WHERE seq = ? AND scheduler = ?`, e.End, e.Rows, sums, e.Diagnostics, e.Open, e.Seq, f.Scheduler)
			} else {
				_, err = tx.ExecContext(ctx, `INSERT INTO events(scheduler, start_s, end_s, rows, sums, diagnostics, open)
					VALUES(?, ?, ?, ?, ?, ?, ?)`, f.Scheduler, e.Start, e.End, e.Rows, sums, e.Diagnostics, e.Open)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func encodeSums(v []float64) []byte {
	b := make([]byte, 0, 8*len(v))
	for _, x := range v {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

func decodeSums(b []byte) []float64 {
	v := make([]float64, len(b)/8)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return v
}

// OpenEvent returns the scheduler's open event, or nil when it has none.
func (s *Store) OpenEvent(ctx context.Context, id int64) (*Event, error) {
	if err := s.readable(); err != nil {
		return nil, err
	}
	var e Event
	var sums []byte
	err := s.rs.QueryRowContext(ctx, `SELECT seq, start_s, end_s, rows, sums, diagnostics FROM events
		WHERE scheduler = ? AND open = 1 ORDER BY seq DESC LIMIT 1`, id).Scan(&e.Seq, &e.Start, &e.End, &e.Rows, &sums, &e.Diagnostics)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	e.Sums, e.Open = decodeSums(sums), true
	return &e, nil
}

// ListExecutions returns a page of the executions of the scheduler
// named, newest first (by ScheduledStartTime), that f selects. Errors:
// *NotFoundError, *InvalidTokenError, *PageLimitError.
func (s *Store) ListExecutions(ctx context.Context, name string, f ExecutionFilter, p Page) ([]Execution, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	sc, err := s.scheduler(ctx, &s.rs, name)
	if err != nil {
		return nil, "", err
	}
	filters := []string{name, f.Status, itoa(f.DataStartAfter.UnixNano()), itoa(f.DataEndBefore.UnixNano())}
	q := `SELECT scheduled, data_start, data_end, status, failed_reason, result_bucket, result_key, model_version,
		model_version_arn, config, (SELECT started FROM execution_starts s WHERE s.scheduler = executions.scheduler
			AND s.scheduled = executions.scheduled) FROM executions WHERE scheduler = ?`
	args := []any{sc.ID}
	if p.Token != "" {
		pos, err := s.unseal(p.Token, listExecutions, filters...)
		if err != nil {
			return nil, "", err
		}
		at, err := seqOf(pos)
		if err != nil {
			return nil, "", err
		}
		q += ` AND scheduled < ?`
		args = append(args, at)
	}
	if f.Status != "" {
		q += ` AND status = ?`
		args = append(args, f.Status)
	}
	if !f.DataStartAfter.IsZero() {
		q += ` AND data_start >= ?`
		args = append(args, f.DataStartAfter.UnixNano())
	}
	if !f.DataEndBefore.IsZero() {
		q += ` AND data_end <= ?`
		args = append(args, f.DataEndBefore.UnixNano())
	}
	q += ` ORDER BY scheduled DESC LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.rs.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []Execution
	for rows.Next() {
		var (
			e                           Execution
			sched, start, end           int64
			reason, bucket, key, verARN sql.NullString
			version, started            sql.NullInt64
		)
		if err := rows.Scan(&sched, &start, &end, &e.Status, &reason, &bucket, &key, &version, &verARN, &e.Config, &started); err != nil {
			return nil, "", err
		}
		if started.Valid {
			e.Started = time.Unix(0, started.Int64).UTC()
		}
		e.Scheduled, e.DataStart, e.DataEnd = time.Unix(0, sched).UTC(), time.Unix(0, start).UTC(), time.Unix(0, end).UTC()
		e.FailedReason, e.ResultBucket, e.ResultKey, e.ModelVersionARN = reason.String, bucket.String, key.String, verARN.String
		e.ModelVersion = version.Int64
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(out) <= limit {
		return out, "", nil
	}
	out = out[:limit]
	return out, s.seal(seqPos(out[limit-1].Scheduled.UnixNano()), listExecutions, filters...), nil
}

// ListEvents returns a page of the events of the scheduler named that
// overlap [from, to) (an event [start, end] overlaps when start < to and
// end >= from), by start time, then as they were made. Errors:
// *NotFoundError, *InvalidTokenError, *PageLimitError.
func (s *Store) ListEvents(ctx context.Context, name string, from, to time.Time, p Page) ([]Event, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	sc, err := s.scheduler(ctx, &s.rs, name)
	if err != nil {
		return nil, "", err
	}
	// An event's times are whole seconds: start < to is start < ceil(to),
	// end >= from is end >= ceil(from).
	fromS, toS := ceilSeconds(from), ceilSeconds(to)
	filters := []string{name, itoa(from.UnixNano()), itoa(to.UnixNano())}
	q := `SELECT seq, start_s, end_s, rows, diagnostics, open FROM events WHERE scheduler = ? AND start_s < ? AND end_s >= ?`
	args := []any{sc.ID, toS, fromS}
	if p.Token != "" {
		pos, err := s.unseal(p.Token, listEvents, filters...)
		if err != nil {
			return nil, "", err
		}
		if len(pos) != 16 {
			return nil, "", &InvalidTokenError{Reason: "malformed"}
		}
		start, seq := int64(binary.BigEndian.Uint64(pos)), int64(binary.BigEndian.Uint64(pos[8:]))
		q += ` AND (start_s > ? OR (start_s = ? AND seq > ?))`
		args = append(args, start, start, seq)
	}
	q += ` ORDER BY start_s, seq LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.rs.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.Seq, &e.Start, &e.End, &e.Rows, &e.Diagnostics, &e.Open); err != nil {
			return nil, "", err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(out) <= limit {
		return out, "", nil
	}
	out = out[:limit]
	last := out[limit-1]
	pos := binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, uint64(last.Start)), uint64(last.Seq))
	return out, s.seal(pos, listEvents, filters...), nil
}

// ceilSeconds is t in Unix seconds, rounded up.
func ceilSeconds(t time.Time) int64 {
	s := t.Unix()
	if t.Nanosecond() > 0 {
		s++
	}
	return s
}

// holdsScheduler: arn:aws:lookoutequipment:REGION:ACCOUNT:inference-scheduler/NAME/UUID.
func holdsScheduler(ctx context.Context, q querier, _ func(string) (*indexed, bool), arn string) (bool, error) {
	if !strings.Contains(arn, ":inference-scheduler/") {
		return false, nil
	}
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM schedulers WHERE arn = ?`, arn).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
