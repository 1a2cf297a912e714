package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"modernc.org/sqlite"
)

// LockFileSuffix ends the name of the lock file that a Store keeps beside
// its database: lookout.db is locked through lookout.db.lock.
const LockFileSuffix = ".lock"

// InUseError says that another Store, in this process or another, has the
// database open: a database has one writer, whose changes and jobs the
// others would fight over (SQLite's "database is locked").
type InUseError struct {
	// Path is the database's, LockFile the lock file's.
	Path, LockFile string
	// PID is the process that holds the lock, as it wrote it in the lock
	// file; 0 when it is not known (it has not written it yet).
	PID int
}

func (e *InUseError) Error() string {
	holder := "another process"
	if e.PID > 0 {
		holder = "process " + strconv.Itoa(e.PID)
		if e.PID == os.Getpid() {
			holder += " (this one)"
		}
	}
	return "the database " + e.Path + " is in use by " + holder + ", which holds its lock file " + e.LockFile
}

// DamagedError says that the database file is damaged: SQLite's integrity
// check (PRAGMA quick_check) found pages that are not what they should be,
// or the file is not a database at all.
type DamagedError struct {
	Path string
	// First is the first damage found, in SQLite's words.
	First string
	// Count is how many problems the check listed (it stops at 100).
	Count int
}

func (e *DamagedError) Error() string {
	msg := "the database " + e.Path + " is damaged: " + e.First
	if e.Count > 1 {
		msg += " (and " + strconv.Itoa(e.Count-1) + " more problems)"
	}
	return msg + "; restore it from a copy, or move it away to start with a new one"
}

// NotWritableError says that the database's folder, or the database, cannot
// be written: a Store writes its database, the database's write-ahead log
// and shared-memory index beside it (-wal, -shm), and its lock file.
type NotWritableError struct {
	// Path is the file that could not be made or written, Dir its folder.
	Path, Dir string
	// Err is the system's error (permission denied, read-only file
	// system, ...).
	Err error
}

func (e *NotWritableError) Error() string {
	return "cannot write " + e.Path + ": the folder " + e.Dir + " is not writable (" + errText(e.Err) + ")"
}

func (e *NotWritableError) Unwrap() error { return e.Err }

// errText is the system's message for err without the path os's errors
// repeat.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// lockFile is the lock a Store holds on its database's lock file.
type lockFile struct{ f *os.File }

// lock takes the lock of the database at path (see InUseError), and writes
// the process's id in the lock file. The file stays when the lock is
// released: removing it would let two processes lock two files of the same
// name.
func lock(path string) (*lockFile, error) {
	name := path + LockFileSuffix
	f, held, err := openLock(name)
	if err != nil {
		if notWritable(err) {
			return nil, &NotWritableError{Path: name, Dir: filepath.Dir(name), Err: err}
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("opening %s: the folder %s does not exist: %w", path, filepath.Dir(path), err)
		}
		return nil, fmt.Errorf("locking %s: %w", name, err)
	}
	if held {
		pid := readPID(f)
		f.Close()
		return nil, &InUseError{Path: path, LockFile: name, PID: pid}
	}
	if err = f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		f.Close()
		if notWritable(err) {
			return nil, &NotWritableError{Path: name, Dir: filepath.Dir(name), Err: err}
		}
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	return &lockFile{f: f}, nil
}

// readPID reads the pid a lock file holds; 0 when it holds none.
func readPID(f *os.File) int {
	b := make([]byte, 24)
	n, _ := f.ReadAt(b, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b[:n])))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// unlock releases the lock, then closes the file.
func (l *lockFile) unlock() error {
	if l == nil {
		return nil
	}
	return errors.Join(releaseLock(l.f), l.f.Close())
}

// notWritable reports whether err says that a file cannot be made or
// written for want of permission or because its file system is read-only.
func notWritable(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// SQLite's primary result codes that Open explains.
const (
	sqliteCorrupt  = 11 // SQLITE_CORRUPT
	sqliteCantOpen = 14 // SQLITE_CANTOPEN
	sqliteReadOnly = 8  // SQLITE_READONLY
	sqliteNotADB   = 26 // SQLITE_NOTADB
)

// sqliteCode returns SQLite's primary result code of err, 0 when err is
// not SQLite's.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// explain turns the errors of opening the database at path into the
// store's: a *DamagedError, a *NotWritableError, or err as it is.
func explain(path string, err error) error {
	switch sqliteCode(err) {
	case sqliteCorrupt, sqliteNotADB:
		return &DamagedError{Path: path, First: sqliteMessage(err), Count: 1}
	case sqliteCantOpen, sqliteReadOnly:
		// SQLite says "unable to open database file" (or, through
		// modernc.org/sqlite, "out of memory (14)") without the cause:
		// find it.
		if cause := writable(path); cause != nil {
			return cause
		}
	}
	return err
}

// sqliteMessage is SQLite's message of err, without the code
// modernc.org/sqlite appends.
func sqliteMessage(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") {
		msg = msg[:i]
	}
	return msg
}

// writable returns a *NotWritableError when the database at path, its
// write-ahead log or its folder cannot be written, and nil otherwise.
func writable(path string) error {
	dir := filepath.Dir(path)
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err == nil {
			f.Close()
			continue
		}
		if errors.Is(err, fs.ErrNotExist) {
			// SQLite makes it: the folder must be writable.
			probe, err := os.CreateTemp(dir, ".lookout-probe-*")
			if err != nil {
				if notWritable(err) {
					return &NotWritableError{Path: name, Dir: dir, Err: err}
				}
				return nil
			}
			probe.Close()
			os.Remove(probe.Name())
			continue
		}
		if notWritable(err) {
			return &NotWritableError{Path: name, Dir: dir, Err: err}
		}
	}
	return nil
}

// checkIntegrity runs SQLite's quick check over the database: a
// *DamagedError names the first damage it lists. quick_check reads every
// page, as integrity_check does, but skips the check that each index
// matches its table, which costs as much again.
func checkIntegrity(ctx context.Context, db *sql.DB, path string) error {
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check`)
	if err != nil {
		return explain(path, err)
	}
	defer rows.Close()
	var (
		first string
		count int
	)
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return explain(path, err)
		}
		// A row may hold several problems, one a line, after a line
		// naming the database ("*** in database main ***").
		for problem := range strings.SplitSeq(line, "\n") {
			if problem == "ok" || problem == "" || strings.HasPrefix(problem, "*** in database ") {
				continue
			}
			if count == 0 {
				first = problem
			}
			count++
		}
	}
	if err := rows.Err(); err != nil {
		return explain(path, err)
	}
	if count > 0 {
		return &DamagedError{Path: path, First: first, Count: count}
	}
	return nil
}
