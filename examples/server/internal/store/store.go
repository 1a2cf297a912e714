package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/clock"
)

// Memory is the path that opens a database held in memory, for tests: it
// lasts as long as the Store.
const Memory = ":memory:"

// maxBatch bounds the changes committed together.
const maxBatch = 512

// Options configures a Store.
type Options struct {
	// Region and Account make the datasets' ARNs; both are required.
	Region, Account string
	// MaxDatasets bounds the datasets; 0 or less means no bound.
	MaxDatasets int
	// MaxPending bounds the jobs IN_PROGRESS; 0 or less means no bound.
	MaxPending int
	// MaxLabelGroups bounds the label groups; 0 or less means no bound.
	MaxLabelGroups int
	// MaxModels bounds the models; 0 or less means no bound.
	MaxModels int
	// MaxSchedulers bounds the inference schedulers; 0 or less means no
	// bound.
	MaxSchedulers int
	// Clock asks for the clock of a new database (see OpenClock); for a
	// database that has one, it must be the same or left out.
	Clock ClockRequest
	// Wall is the wall clock the clock follows; nil means clock.Real.
	Wall clock.Wall
	// BeforeCommit, for tests, is called by the writer before it commits
	// each batch: an error it returns fails the commit as a full disk or a
	// busy database would (the batch is rolled back and each of its
	// changes gets the error).
	BeforeCommit func() error
}

// Store is the durable state. Its methods are safe for concurrent use.
type Store struct {
	opts  Options
	now   func() time.Time // clock.Now
	clock *clock.Clock
	aead  cipher.AEAD

	w     *sql.DB    // the writer's one connection, wc once open
	wc    *sql.Conn  // that connection, the writer's (see commit)
	r     *sql.DB    // read-only connections
	ws    statements // on wc
	rs    statements // on r
	jobs  *jobCache
	index *datasetIndex // every dataset; see datasetIndex
	pages jobPages

	lock *lockFile // nil for Memory

	// imported is set once the database holds an import (ImportDataset's
	// job): until then, ImportSource needs no query. It is set before
	// the import's commit, never cleared.
	imported atomic.Bool

	mu      sync.RWMutex // guards closed against queue's close
	closed  bool
	queue   chan *change
	stopped chan struct{}
}

// change is one change the writer runs in the batch's transaction; done
// receives its outcome once the batch is committed. fn may run more than
// once (see commit): it must set its results afresh each time.
type change struct {
	fn   func(*wtx) error
	done chan error
}

// Open opens the database at path, creating it when it does not exist, or
// a database in memory when path is Memory.
//
// A database is open in one Store at a time: Open takes the lock of the
// lock file beside it (path + LockFileSuffix, holding the process's id),
// and refuses a database whose lock another Store holds, in this process or
// another, with an *InUseError naming that process. The lock is the
// operating system's: it ends with its process, so that the lock file of a
// process that was killed locks nothing. Open then checks every page of
// the database (SQLite's quick_check) and refuses a damaged database with a
// *DamagedError naming the first damage. A database, or a lock file, that
// cannot be made or written in its folder gets a *NotWritableError.
func Open(path string, opts Options) (*Store, error) {
	if opts.Region == "" || opts.Account == "" {
		return nil, errors.New("store: Options.Region and Options.Account are required")
	}
	if path == "" {
		return nil, errors.New("store: empty database path")
	}
	s := &Store{
		opts:    opts,
		queue:   make(chan *change, maxBatch),
		stopped: make(chan struct{}),
		jobs:    newJobCache(jobCacheSize),
		index:   newDatasetIndex(),
	}
	if s.opts.Wall == nil {
		s.opts.Wall = clock.Real
	}
	pragmas := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(0)"
	var (
		err error
		dsn string
	)
	if path == Memory {
		// SQLite's memdb VFS: a database in memory that every connection
		// of the process opening the same name shares, as long as one is
		// open (the writer's always is).
		dsn = "file:/lookout-store-" + newJobID() + "?vfs=memdb&" + pragmas
	} else {
		if s.lock, err = lock(path); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		// journal_mode(WAL) comes after the integrity check (see init):
		// on a damaged file, it would fail with less to say.
		dsn = "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + pragmas + "&_pragma=synchronous(FULL)"
	}
	s.w, err = sql.Open("sqlite", dsn)
	if err != nil {
		s.lock.unlock()
		return nil, fmt.Errorf("store: %w", err)
	}
	s.w.SetMaxOpenConns(1)
	s.w.SetMaxIdleConns(1)
	s.w.SetConnMaxLifetime(0)
	s.w.SetConnMaxIdleTime(0)
	s.r, err = sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		s.w.Close()
		s.lock.unlock()
		return nil, fmt.Errorf("store: %w", err)
	}
	n := max(2, runtime.GOMAXPROCS(0))
	s.r.SetMaxOpenConns(n)
	s.r.SetMaxIdleConns(n)
	s.rs.db = s.r
	if err := s.init(path); err != nil {
		s.closeDBs()
		var (
			damaged  *DamagedError
			readOnly *NotWritableError
			mismatch *ClockMismatchError
		)
		if errors.As(err, &damaged) || errors.As(err, &readOnly) || errors.As(err, &mismatch) {
			return nil, fmt.Errorf("store: %w", err)
		}
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	// The writer keeps the one connection for itself: its transactions
	// are BEGIN and COMMIT statements prepared on it, and its statements
	// run on it without a transaction's wrappers (database/sql's Tx cost
	// a third of a one-change commit's CPU; see commit).
	if s.wc, err = s.w.Conn(context.Background()); err != nil {
		s.closeDBs()
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	s.ws.db = s.wc
	go s.run()
	return s, nil
}

// schema creates the tables; times are Unix nanoseconds, NULL when unset.
const schema = `
CREATE TABLE IF NOT EXISTS meta(
	key TEXT PRIMARY KEY,
	value BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS datasets(
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE,
	arn TEXT NOT NULL,
	status TEXT NOT NULL,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	schema TEXT,
	kms_key_id TEXT,
	tags BLOB,
	client_token TEXT UNIQUE,
	running_job INTEGER,
	last_job INTEGER
);
-- The datasets with a job running are counted in memory (datasetIndex):
-- the index that counted them cost a page written by every start and end
-- of a job.
DROP INDEX IF EXISTS datasets_running;
CREATE TABLE IF NOT EXISTS jobs(
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	id TEXT NOT NULL UNIQUE,
	dataset INTEGER NOT NULL,
	client_token TEXT UNIQUE,
	bucket TEXT NOT NULL,
	prefix TEXT,
	key_pattern TEXT,
	role_arn TEXT NOT NULL,
	status TEXT NOT NULL,
	failed_reason TEXT,
	created INTEGER NOT NULL,
	finished INTEGER,
	data_start INTEGER,
	data_end INTEGER,
	result BLOB
);
CREATE INDEX IF NOT EXISTS jobs_dataset ON jobs(dataset, seq);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status, seq);
CREATE TABLE IF NOT EXISTS sensor_statistics(
	job INTEGER NOT NULL,
	ord INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY(job, ord)
) WITHOUT ROWID;
-- request is the JSON of what CreateLabelGroup was given (fault codes and
-- tags), which a replay of its token must match.
CREATE TABLE IF NOT EXISTS label_groups(
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE,
	arn TEXT NOT NULL UNIQUE,
	fault_codes BLOB,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	client_token TEXT UNIQUE,
	request BLOB
);
-- A label's times are seconds and nanoseconds: the wire's range (years 1
-- to 9999) is beyond Unix nanoseconds in an int64.
CREATE TABLE IF NOT EXISTS labels(
	id TEXT PRIMARY KEY,
	grp INTEGER NOT NULL,
	start_s INTEGER NOT NULL,
	start_ns INTEGER NOT NULL,
	end_s INTEGER NOT NULL,
	end_ns INTEGER NOT NULL,
	rating TEXT NOT NULL,
	fault_code TEXT,
	equipment TEXT,
	notes TEXT,
	created INTEGER NOT NULL,
	client_token TEXT UNIQUE
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS labels_start ON labels(grp, start_s, start_ns, id);
-- The tags of every resource, by ARN.
CREATE TABLE IF NOT EXISTS tags(
	arn TEXT NOT NULL,
	key TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY(arn, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS policies(
	arn TEXT PRIMARY KEY,
	document TEXT NOT NULL,
	revision TEXT NOT NULL,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL
) WITHOUT ROWID;
-- expected is the PolicyRevisionId the Put gave ("" for none), revision
-- the one it made.
CREATE TABLE IF NOT EXISTS policy_tokens(
	token TEXT PRIMARY KEY,
	arn TEXT NOT NULL,
	document TEXT NOT NULL,
	expected TEXT NOT NULL,
	revision TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS policy_tokens_arn ON policy_tokens(arn);
-- The version of each dataset's data copy (see DataVersion).
CREATE TABLE IF NOT EXISTS dataset_data(
	dataset INTEGER PRIMARY KEY,
	version TEXT NOT NULL
);
-- The jobs of ImportDataset: job is the job's seq, request the JSON of what
-- the import was given, which a replay of its token must match.
CREATE TABLE IF NOT EXISTS imports(
	job INTEGER PRIMARY KEY,
	dataset INTEGER NOT NULL,
	source_arn TEXT NOT NULL,
	client_token TEXT UNIQUE,
	request BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS imports_dataset ON imports(dataset);
`

// init checks the database's pages (see Open), puts it in WAL mode,
// creates the schema and the page-token key on first use, and reads the
// key.
func (s *Store) init(path string) error {
	if path != Memory {
		ctx := context.Background()
		if err := checkIntegrity(ctx, s.w, path); err != nil {
			return err
		}
		var mode string
		if err := s.w.QueryRow(`PRAGMA journal_mode=WAL`).Scan(&mode); err != nil {
			return explain(path, err)
		}
		if mode != "wal" {
			return fmt.Errorf("the database cannot be put in WAL mode (it stays in mode %q)", mode)
		}
	}
	if _, err := s.w.Exec(schema); err != nil {
		return explain(path, err)
	}
	if _, err := s.w.Exec(retrainingSchema); err != nil {
		return explain(path, err)
	}
	if _, err := s.w.Exec(modelSchema); err != nil {
		return explain(path, err)
	}
	if _, err := s.w.Exec(schedulerSchema); err != nil {
		return explain(path, err)
	}
	key := make([]byte, 32)
	rand.Read(key) // never fails since Go 1.24: it crashes the program instead
	if _, err := s.w.Exec(`INSERT OR IGNORE INTO meta(key, value) VALUES('page_token_key', ?)`, key); err != nil {
		return err
	}
	if err := s.w.QueryRow(`SELECT value FROM meta WHERE key = 'page_token_key'`).Scan(&key); err != nil {
		return err
	}
	if err := s.migrateTags(); err != nil {
		return explain(path, err)
	}
	var imported bool
	if err := s.w.QueryRow(`SELECT EXISTS(SELECT 1 FROM imports)`).Scan(&imported); err != nil {
		return err
	}
	s.imported.Store(imported)
	if err := s.initClock(path); err != nil {
		return err
	}
	if err := s.loadDatasets(context.Background()); err != nil {
		return explain(path, err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return fmt.Errorf("page token key: %w", err)
	}
	s.aead, err = cipher.NewGCM(block)
	return err
}

// Close waits for the changes already submitted and closes the database.
// Calls made after it return ErrClosed.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	s.closed = true
	close(s.queue)
	s.mu.Unlock()
	<-s.stopped
	return s.closeDBs()
}

func (s *Store) closeDBs() error {
	s.rs.close()
	s.ws.close()
	var err error
	if s.wc != nil {
		err = s.wc.Close()
	}
	err = errors.Join(err, s.r.Close(), s.w.Close())
	// The lock is released once the database is closed: the next Store
	// finds no connection of this one.
	return errors.Join(err, s.lock.unlock())
}

// write runs fn in the writer's next batch and returns once that batch is
// committed and synced: nil means the change is durable. fn's error undoes
// fn's change alone and is returned as is.
func (s *Store) write(ctx context.Context, fn func(*wtx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c := &change{fn: fn, done: make(chan error, 1)}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return ErrClosed
	}
	s.queue <- c
	s.mu.RUnlock()
	// Wait even when ctx ends: the change is on its way and the caller
	// must learn whether it was made.
	return <-c.done
}

// run is the writer: it commits the changes in batches until the queue is
// closed.
func (s *Store) run() {
	defer close(s.stopped)
	batch := make([]*change, 0, maxBatch)
	errs := make([]error, maxBatch)
	for first := range s.queue {
		batch = append(batch[:0], first)
	fill:
		for len(batch) < maxBatch {
			select {
			case c, ok := <-s.queue:
				if !ok {
					break fill
				}
				batch = append(batch, c)
			default:
				break fill
			}
		}
		for len(batch) > 0 {
			failed, err := s.commit(batch, errs[:len(batch)])
			if failed >= 0 {
				// One change failed after it wrote: the transaction is
				// rolled back; that change gets its error and the others
				// run again without it.
				batch[failed].done <- err
				batch = append(batch[:failed], batch[failed+1:]...)
				continue
			}
			for i, c := range batch {
				if err != nil {
					c.done <- err
				} else {
					c.done <- errs[i]
				}
			}
			break
		}
		clear(batch[:cap(batch)])
	}
}

// commit runs a batch in one transaction and commits it. A change's fn
// returns a rule's error (see isRule) only before it writes anything; errs
// receives these. Any other error of a change rolls the transaction back and
// commit returns the change's index and its error; an error of the
// transaction itself is returned with index -1.
func (s *Store) commit(batch []*change, errs []error) (int, error) {
	ctx := context.Background()
	if err := s.begin(ctx); err != nil {
		return -1, fmt.Errorf("store: begin: %w", err)
	}
	w := &wtx{ctx: ctx, conn: s.wc, st: &s.ws, index: s.index}
	for i, c := range batch {
		errs[i] = c.fn(w)
		if errs[i] != nil && !isRule(errs[i]) {
			w.closeRows()
			s.rollback(ctx)
			return i, errs[i]
		}
	}
	w.closeRows()
	if hook := s.opts.BeforeCommit; hook != nil {
		if err := hook(); err != nil {
			s.rollback(ctx)
			return -1, fmt.Errorf("store: commit: %w", err)
		}
	}
	if err := s.exec(ctx, "COMMIT"); err != nil {
		// A COMMIT that fails (SQLITE_BUSY, a full disk) may leave the
		// transaction open: the batch is undone, every change told.
		s.rollback(ctx)
		return -1, fmt.Errorf("store: commit: %w", err)
	}
	s.index.apply(w.overlay) // before any change of the batch is acknowledged
	return -1, nil
}

// begin starts the writer's transaction. A transaction left open by a
// ROLLBACK that failed is rolled back first, so that one failure does not
// refuse every batch after it.
func (s *Store) begin(ctx context.Context) error {
	err := s.exec(ctx, "BEGIN")
	if err != nil && s.exec(ctx, "ROLLBACK") == nil {
		err = s.exec(ctx, "BEGIN")
	}
	return err
}

// rollback undoes the writer's transaction. Its error is not reported: a
// transaction SQLite has already rolled back (some I/O errors do) leaves
// none to undo, and one still open is undone by the next begin.
func (s *Store) rollback(ctx context.Context) {
	s.exec(ctx, "ROLLBACK")
}

// exec runs q, a statement without arguments, on the writer's connection.
func (s *Store) exec(ctx context.Context, q string) error {
	st, err := s.ws.get(ctx, q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx)
	return err
}

// isRule reports whether err is a rule's verdict rather than a failure.
func isRule(err error) bool {
	switch err.(type) {
	case *NotFoundError, *ConflictError, *QuotaError, *TagLimitError, *FaultCodeError, *DatasetNotActiveError, *VersionNotUsableError,
		*SchedulerConflictError:
		return true
	}
	return false
}

// nanos converts a time to its column value: NULL for the zero time.
func nanos(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixNano()
}

// nullTime is nanos as a scanned column: what a time reads back as.
func nullTime(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixNano(), Valid: true}
}

// timeOf converts a column value back.
func timeOf(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}

// nullable converts an optional string to its column value.
func nullable(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// optional converts a column value back.
func optional(n sql.NullString) *string {
	if !n.Valid {
		return nil
	}
	return &n.String
}

// prefixEnd returns the least string greater than every string that begins
// with p, and false when there is none (p is empty or all 0xff bytes).
func prefixEnd(p string) (string, bool) {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1]), true
		}
	}
	return "", false
}
