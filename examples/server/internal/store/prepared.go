package store

import (
	"context"
	"database/sql"
	"sync"
)

// statements caches the prepared statements of one *sql.DB by their text:
// SQLite parses each statement once per connection rather than once per
// call.
type statements struct {
	db *sql.DB
	m  sync.Map // string → *sql.Stmt
}

// get returns the statement of q, prepared on first use.
func (p *statements) get(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := p.m.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := p.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if old, loaded := p.m.LoadOrStore(q, st); loaded {
		st.Close()
		return old.(*sql.Stmt), nil
	}
	return st, nil
}

func (p *statements) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := p.get(ctx, q)
	if err != nil {
		return p.db.QueryRowContext(ctx, q, args...) // gives the same error through Scan
	}
	return st.QueryRowContext(ctx, args...)
}

func (p *statements) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := p.get(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// close closes the prepared statements.
func (p *statements) close() {
	p.m.Range(func(k, v any) bool {
		v.(*sql.Stmt).Close()
		p.m.Delete(k)
		return true
	})
}

// wtx is the writer's transaction. It runs the statements already prepared
// on the writer's connection through them, and notes the others, which the
// writer prepares once the transaction is over (the connection is the
// transaction's until then).
type wtx struct {
	ctx     context.Context // the writer's: a caller's end does not cut a batch
	tx      *sql.Tx
	st      *statements
	missed  map[string]struct{}
	index   *datasetIndex
	overlay map[string]*indexed // the batch's datasets; see datasetIndex
}

func (w *wtx) stmt(q string) *sql.Stmt {
	if st, ok := w.st.m.Load(q); ok {
		return w.tx.StmtContext(w.ctx, st.(*sql.Stmt))
	}
	w.missed[q] = struct{}{}
	return nil
}

func (w *wtx) QueryRowContext(_ context.Context, q string, args ...any) *sql.Row {
	if st := w.stmt(q); st != nil {
		return st.QueryRowContext(w.ctx, args...)
	}
	return w.tx.QueryRowContext(w.ctx, q, args...)
}

func (w *wtx) QueryContext(_ context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := w.stmt(q); st != nil {
		return st.QueryContext(w.ctx, args...)
	}
	return w.tx.QueryContext(w.ctx, q, args...)
}

func (w *wtx) ExecContext(_ context.Context, q string, args ...any) (sql.Result, error) {
	if st := w.stmt(q); st != nil {
		return st.ExecContext(w.ctx, args...)
	}
	return w.tx.ExecContext(w.ctx, q, args...)
}

// prepareMissed prepares the statements the last transactions ran
// unprepared.
func (w *wtx) prepareMissed() {
	for q := range w.missed {
		w.st.get(w.ctx, q) // a statement that fails to prepare runs unprepared again
		delete(w.missed, q)
	}
}
