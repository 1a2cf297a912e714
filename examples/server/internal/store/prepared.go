package store

import (
	"context"
	"database/sql"
	"sync"
)

// statements caches the prepared statements of one *sql.DB, or of the
// writer's one *sql.Conn, by their text: SQLite parses each statement once
// per connection rather than once per call.
type statements struct {
	db preparer
	m  sync.Map // string → *sql.Stmt
}

// preparer is *sql.DB or *sql.Conn.
type preparer interface {
	PrepareContext(ctx context.Context, q string) (*sql.Stmt, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
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

// wtx is the writer's transaction: the statements it runs are prepared
// on the writer's connection, which holds the transaction (see
// Store.commit). The *sql.Rows a change leaves open are closed before the
// transaction ends (an open statement would make COMMIT fail, hold the
// connection at Close, and carry on in the next batch that runs the same
// text); a *sql.Row must be scanned, as everywhere.
type wtx struct {
	ctx     context.Context // the writer's: a caller's end does not cut a batch
	conn    *sql.Conn
	st      *statements
	index   *datasetIndex
	overlay map[string]*indexed // the batch's datasets; see datasetIndex
	rows    []*sql.Rows         // returned by QueryContext; see closeRows
}

func (w *wtx) QueryRowContext(_ context.Context, q string, args ...any) *sql.Row {
	st, err := w.st.get(w.ctx, q)
	if err != nil {
		return w.conn.QueryRowContext(w.ctx, q, args...) // gives the same error through Scan
	}
	return st.QueryRowContext(w.ctx, args...)
}

func (w *wtx) QueryContext(_ context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := w.st.get(w.ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(w.ctx, args...)
	if err == nil {
		w.rows = append(w.rows, rows)
	}
	return rows, err
}

// closeRows closes the rows the transaction's queries returned (closing
// them again is harmless).
func (w *wtx) closeRows() {
	for _, r := range w.rows {
		r.Close()
	}
	w.rows = w.rows[:0]
}

func (w *wtx) ExecContext(_ context.Context, q string, args ...any) (sql.Result, error) {
	st, err := w.st.get(w.ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}
