package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// retrainingSchema is the table of the retraining schedulers, one per
// model (model is the model's name). next_run is the time of the
// scheduler's next run, Unix nanoseconds of the server's clock; start the
// RetrainingStartDate given (NULL when none) and anchor the time the runs
// count from. request is the JSON of what Create was given, which a replay
// of its token must match.
const retrainingSchema = `
CREATE TABLE IF NOT EXISTS retraining_schedulers(
	model TEXT PRIMARY KEY,
	model_arn TEXT NOT NULL,
	frequency TEXT NOT NULL,
	lookback TEXT NOT NULL,
	promote TEXT NOT NULL,
	start INTEGER,
	anchor INTEGER NOT NULL,
	status TEXT NOT NULL,
	next_run INTEGER NOT NULL,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	client_token TEXT UNIQUE,
	request BLOB
) WITHOUT ROWID;
`

// ResourceRetrainingScheduler: the model has no retraining scheduler.
const ResourceRetrainingScheduler Resource = "Retraining scheduler of model"

// listRetrainingSchedulers is the list of ListRetrainingSchedulers' page
// tokens; its value is apart from the others' iota block.
const listRetrainingSchedulers list = 32

// SchedulerStatus is a retraining scheduler's status.
type SchedulerStatus string

// The statuses of a retraining scheduler.
const (
	SchedulerPending  SchedulerStatus = "PENDING"
	SchedulerRunning  SchedulerStatus = "RUNNING"
	SchedulerStopping SchedulerStatus = "STOPPING"
	SchedulerStopped  SchedulerStatus = "STOPPED"
)

// NewRetrainingScheduler is what CreateRetrainingScheduler stores.
type NewRetrainingScheduler struct {
	// Model and ModelARN name the model.
	Model, ModelARN string
	// Frequency and Lookback are the ISO 8601 periods as given; Promote
	// the PromoteMode (MANAGED or MANUAL).
	Frequency, Lookback, Promote string
	// Start is the RetrainingStartDate given, nil when none.
	Start *time.Time
	// Anchor is the time the runs count from, NextRun the first run's.
	Anchor, NextRun time.Time
	// ClientToken is the request's token ("" for none).
	ClientToken string
}

// RetrainingScheduler is a stored retraining scheduler.
type RetrainingScheduler struct {
	Model, ModelARN              string
	Frequency, Lookback, Promote string
	// Start is the RetrainingStartDate given, nil when none.
	Start *time.Time
	// Anchor is the time the runs count from; NextRun the next run's.
	Anchor, NextRun      time.Time
	Status               SchedulerStatus
	CreatedAt, UpdatedAt time.Time
}

// RetrainingFilter selects retraining schedulers: those whose model's name
// begins with NameBeginsWith and, when Status is not "", in that status.
type RetrainingFilter struct {
	NameBeginsWith string
	Status         SchedulerStatus
}

// RetrainingUpdate is a change of a retraining scheduler: each field not
// nil (or "") replaces the scheduler's; NextRun, when not zero, replaces
// the next run's time.
type RetrainingUpdate struct {
	Frequency, Lookback, Promote string
	Start                        *time.Time
	Anchor, NextRun              time.Time
}

// RetrainingConflictError says that a change of a retraining scheduler
// conflicts with its state.
type RetrainingConflictError struct {
	// Model is the scheduler's model.
	Model string
	// Exists: the model has a scheduler already (Create).
	Exists bool
	// TokenReused: the ClientToken made a scheduler with other parameters.
	TokenReused bool
	// Status is the scheduler's status, which the change does not allow;
	// Op names the change ("start", "stop", "delete", "update").
	Status SchedulerStatus
	Op     string
}

func (e *RetrainingConflictError) Error() string {
	switch {
	case e.TokenReused:
		return "The ClientToken was already used to create a retraining scheduler with different parameters"
	case e.Exists:
		return "Model " + e.Model + " already has a retraining scheduler"
	}
	return "The retraining scheduler of model " + e.Model + " is " + string(e.Status) + ": it cannot " + e.Op
}

const retrainingColumns = `model, model_arn, frequency, lookback, promote, start, anchor, status, next_run, created, updated`

func scanRetraining(scan func(...any) error) (RetrainingScheduler, error) {
	var (
		r                              RetrainingScheduler
		start                          sql.NullInt64
		anchor, next, created, updated int64
		status                         string
	)
	if err := scan(&r.Model, &r.ModelARN, &r.Frequency, &r.Lookback, &r.Promote, &start, &anchor, &status, &next,
		&created, &updated); err != nil {
		return RetrainingScheduler{}, err
	}
	if start.Valid {
		t := time.Unix(0, start.Int64).UTC()
		r.Start = &t
	}
	r.Status = SchedulerStatus(status)
	r.Anchor, r.NextRun = time.Unix(0, anchor).UTC(), time.Unix(0, next).UTC()
	r.CreatedAt, r.UpdatedAt = time.Unix(0, created).UTC(), time.Unix(0, updated).UTC()
	return r, nil
}

func (s *Store) retraining(ctx context.Context, q querier, model string) (RetrainingScheduler, error) {
	r, err := scanRetraining(q.QueryRowContext(ctx, `SELECT `+retrainingColumns+` FROM retraining_schedulers WHERE model = ?`,
		model).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return RetrainingScheduler{}, &NotFoundError{Resource: ResourceRetrainingScheduler, Name: model}
	}
	return r, err
}

// retrainingRequest is what a replay of Create's token must match.
type retrainingRequest struct {
	Model, Frequency, Lookback, Promote string
	Start                               *int64 `json:",omitempty"`
}

// CreateRetrainingScheduler stores a new retraining scheduler, PENDING,
// and returns it. When n.ClientToken made a scheduler before with the same
// parameters, it returns that scheduler as it is now and replay true.
// Errors: *RetrainingConflictError (Exists, TokenReused).
func (s *Store) CreateRetrainingScheduler(ctx context.Context, n NewRetrainingScheduler) (r RetrainingScheduler, replay bool, err error) {
	req := retrainingRequest{Model: n.Model, Frequency: n.Frequency, Lookback: n.Lookback, Promote: n.Promote}
	var start any
	if n.Start != nil {
		ns := n.Start.UnixNano()
		req.Start, start = &ns, ns
	}
	request, err := json.Marshal(req)
	if err != nil {
		return RetrainingScheduler{}, false, fmt.Errorf("store: encoding a retraining scheduler: %w", err)
	}
	err = s.write(ctx, func(tx *wtx) error {
		r, replay = RetrainingScheduler{}, false
		if n.ClientToken != "" {
			var model string
			var old []byte
			err := tx.QueryRowContext(ctx, `SELECT model, request FROM retraining_schedulers WHERE client_token = ?`,
				n.ClientToken).Scan(&model, &old)
			switch {
			case err == nil:
				if !bytes.Equal(old, request) {
					return &RetrainingConflictError{Model: model, TokenReused: true}
				}
				r, err = s.retraining(ctx, tx, model)
				replay = err == nil
				return err
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		var n0 int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM retraining_schedulers WHERE model = ?`, n.Model).
			Scan(&n0); err != nil {
			return err
		}
		if n0 > 0 {
			return &RetrainingConflictError{Model: n.Model, Exists: true}
		}
		now := s.now().UnixNano()
		var token any
		if n.ClientToken != "" {
			token = n.ClientToken
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO retraining_schedulers(`+retrainingColumns+`, client_token, request)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, n.Model, n.ModelARN, n.Frequency, n.Lookback, n.Promote, start,
			n.Anchor.UnixNano(), string(SchedulerPending), n.NextRun.UnixNano(), now, now, token, request); err != nil {
			return err
		}
		r, err = s.retraining(ctx, tx, n.Model)
		return err
	})
	if err != nil {
		return RetrainingScheduler{}, false, err
	}
	return r, replay, nil
}

// RetrainingScheduler returns the retraining scheduler of the model, or a
// *NotFoundError.
func (s *Store) RetrainingScheduler(ctx context.Context, model string) (RetrainingScheduler, error) {
	if err := s.readable(); err != nil {
		return RetrainingScheduler{}, err
	}
	return s.retraining(ctx, &s.rs, model)
}

// ListRetrainingSchedulers returns a page of the retraining schedulers
// that f selects, in the order of their models' names (bytewise), and the
// token of the next page ("" after the last). Errors: *InvalidTokenError,
// *PageLimitError.
func (s *Store) ListRetrainingSchedulers(ctx context.Context, f RetrainingFilter, p Page) ([]RetrainingScheduler, string, error) {
	if err := s.readable(); err != nil {
		return nil, "", err
	}
	limit, err := limitOf(p)
	if err != nil {
		return nil, "", err
	}
	from, strict := f.NameBeginsWith, false
	if p.Token != "" {
		pos, err := s.unseal(p.Token, listRetrainingSchedulers, f.NameBeginsWith, string(f.Status))
		if err != nil {
			return nil, "", err
		}
		if len(pos) == 0 || !strings.HasPrefix(string(pos), f.NameBeginsWith) {
			return nil, "", &InvalidTokenError{Reason: "malformed"}
		}
		from, strict = string(pos), true
	}
	q := `SELECT ` + retrainingColumns + ` FROM retraining_schedulers WHERE model >= ?`
	if strict {
		q = `SELECT ` + retrainingColumns + ` FROM retraining_schedulers WHERE model > ?`
	}
	args := []any{from}
	if end, ok := prefixEnd(f.NameBeginsWith); ok {
		q += ` AND model < ?`
		args = append(args, end)
	}
	if f.Status != "" {
		q += ` AND status = ?`
		args = append(args, string(f.Status))
	}
	q += ` ORDER BY model LIMIT ?`
	args = append(args, limit+1)
	out, err := s.queryRetraining(ctx, q, args...)
	if err != nil || len(out) <= limit {
		return out, "", err
	}
	out = out[:limit]
	return out, s.seal([]byte(out[limit-1].Model), listRetrainingSchedulers, f.NameBeginsWith, string(f.Status)), nil
}

func (s *Store) queryRetraining(ctx context.Context, q string, args ...any) ([]RetrainingScheduler, error) {
	rows, err := s.rs.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RetrainingScheduler
	for rows.Next() {
		r, err := scanRetraining(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ActiveRetrainingSchedulers returns the schedulers RUNNING or STOPPING,
// the next run first: what the server's scheduling loop serves.
func (s *Store) ActiveRetrainingSchedulers(ctx context.Context) ([]RetrainingScheduler, error) {
	if err := s.readable(); err != nil {
		return nil, err
	}
	return s.queryRetraining(ctx, `SELECT `+retrainingColumns+` FROM retraining_schedulers WHERE status IN (?, ?)
		ORDER BY next_run, model`, string(SchedulerRunning), string(SchedulerStopping))
}

// changeRetraining runs change on the scheduler of the model within the
// writer's transaction, when its status is one of allowed (else a
// *RetrainingConflictError naming op), and stores what change leaves in
// *r with UpdatedAt moved to now.
func (s *Store) changeRetraining(ctx context.Context, model, op string, allowed []SchedulerStatus,
	change func(r *RetrainingScheduler)) (RetrainingScheduler, error) {
	var r RetrainingScheduler
	err := s.write(ctx, func(tx *wtx) error {
		var err error
		if r, err = s.retraining(ctx, tx, model); err != nil {
			return err
		}
		ok := false
		for _, a := range allowed {
			ok = ok || r.Status == a
		}
		if !ok {
			return &RetrainingConflictError{Model: model, Status: r.Status, Op: op}
		}
		change(&r)
		r.UpdatedAt = timeOf(nullTime(s.now()))
		var start any
		if r.Start != nil {
			start = r.Start.UnixNano()
		}
		_, err = tx.ExecContext(ctx, `UPDATE retraining_schedulers SET frequency = ?, lookback = ?, promote = ?, start = ?,
			anchor = ?, status = ?, next_run = ?, updated = ? WHERE model = ?`, r.Frequency, r.Lookback, r.Promote, start,
			r.Anchor.UnixNano(), string(r.Status), r.NextRun.UnixNano(), r.UpdatedAt.UnixNano(), model)
		return err
	})
	if err != nil {
		return RetrainingScheduler{}, err
	}
	return r, nil
}

// UpdateRetrainingScheduler applies u to the scheduler of the model, in
// any status but STOPPING. Errors: *NotFoundError,
// *RetrainingConflictError.
func (s *Store) UpdateRetrainingScheduler(ctx context.Context, model string, u RetrainingUpdate) (RetrainingScheduler, error) {
	return s.changeRetraining(ctx, model, "be updated", []SchedulerStatus{SchedulerPending, SchedulerRunning, SchedulerStopped},
		func(r *RetrainingScheduler) {
			if u.Frequency != "" {
				r.Frequency = u.Frequency
			}
			if u.Lookback != "" {
				r.Lookback = u.Lookback
			}
			if u.Promote != "" {
				r.Promote = u.Promote
			}
			if u.Start != nil {
				t := *u.Start
				r.Start = &t
			}
			if !u.Anchor.IsZero() {
				r.Anchor = u.Anchor
			}
			if !u.NextRun.IsZero() {
				r.NextRun = u.NextRun
			}
		})
}

// StartRetrainingScheduler makes the scheduler of the model RUNNING, from
// PENDING or STOPPED, its next run at next. Errors: *NotFoundError,
// *RetrainingConflictError.
func (s *Store) StartRetrainingScheduler(ctx context.Context, model string, next time.Time) (RetrainingScheduler, error) {
	return s.changeRetraining(ctx, model, "be started", []SchedulerStatus{SchedulerPending, SchedulerStopped},
		func(r *RetrainingScheduler) { r.Status, r.NextRun = SchedulerRunning, next })
}

// StopRetrainingScheduler makes the scheduler of the model STOPPING, from
// PENDING or RUNNING; the server's loop makes it STOPPED (StoppedRetraining).
// Errors: *NotFoundError, *RetrainingConflictError.
func (s *Store) StopRetrainingScheduler(ctx context.Context, model string) (RetrainingScheduler, error) {
	return s.changeRetraining(ctx, model, "be stopped", []SchedulerStatus{SchedulerPending, SchedulerRunning},
		func(r *RetrainingScheduler) { r.Status = SchedulerStopping })
}

// StoppedRetraining makes the scheduler of the model STOPPED, from
// STOPPING (or RUNNING: a scheduler whose model is gone). Errors:
// *NotFoundError, *RetrainingConflictError.
func (s *Store) StoppedRetraining(ctx context.Context, model string) (RetrainingScheduler, error) {
	return s.changeRetraining(ctx, model, "stop", []SchedulerStatus{SchedulerStopping, SchedulerRunning},
		func(r *RetrainingScheduler) { r.Status = SchedulerStopped })
}

// RetrainingRan records that the run of the scheduler of the model due at
// ran was made: its next run is at next. It changes nothing, and returns
// false, when the scheduler is no longer RUNNING with that run due (it was
// stopped, updated or deleted meanwhile).
func (s *Store) RetrainingRan(ctx context.Context, model string, ran, next time.Time) (bool, error) {
	var done bool
	err := s.write(ctx, func(tx *wtx) error {
		res, err := tx.ExecContext(ctx, `UPDATE retraining_schedulers SET next_run = ? WHERE model = ? AND status = ? AND next_run = ?`,
			next.UnixNano(), model, string(SchedulerRunning), ran.UnixNano())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		done = n == 1
		return err
	})
	return done, err
}

// DeleteRetrainingScheduler deletes the scheduler of the model, which must
// be STOPPED. Errors: *NotFoundError, *RetrainingConflictError.
func (s *Store) DeleteRetrainingScheduler(ctx context.Context, model string) error {
	return s.write(ctx, func(tx *wtx) error {
		r, err := s.retraining(ctx, tx, model)
		if err != nil {
			return err
		}
		if r.Status != SchedulerStopped {
			return &RetrainingConflictError{Model: model, Status: r.Status, Op: "be deleted"}
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM retraining_schedulers WHERE model = ?`, model)
		return err
	})
}
