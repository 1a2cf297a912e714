package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIndexMatchesDatabase: after creations, ingestions that succeed and
// fail, and deletions, the datasets the index gives are those the
// database holds, and so are those a new Store loads.
func TestIndexMatchesDatabase(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxDatasets = 0
	s, path := openFile(t, opts)
	ctx := context.Background()
	tags := []Tag{{Key: "plant", Value: "1"}}
	for i := range 6 {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: fmt.Sprintf("d%d", i), ClientToken: fmt.Sprint(i),
			Schema: ptr(`{"Components":[]}`), Tags: tags})
		require.NoError(t, err)
	}
	finish := func(name string, o Outcome) {
		job, _, err := s.StartJob(ctx, NewJob{Dataset: name, Input: input("b")})
		require.NoError(t, err)
		_, err = s.FinishJob(ctx, job.ID, o)
		require.NoError(t, err)
	}
	success := Outcome{Status: JobSuccess, Result: []byte(`{"figures":1}`)}
	failure := Outcome{Status: JobFailed, FailedReason: "no data"}
	finish("d1", success)
	finish("d2", failure)
	finish("d3", success)
	finish("d3", failure) // ACTIVE again, its last ingestion the first
	_, _, err := s.StartJob(ctx, NewJob{Dataset: "d4", Input: input("b")})
	require.NoError(t, err) // INGESTION_IN_PROGRESS
	require.NoError(t, s.DeleteDataset(ctx, "d5"))

	want := map[DatasetStatus][]string{}
	for _, name := range []string{"d0", "d1", "d2", "d3", "d4", "d5"} {
		fromIndex, indexErr := s.Dataset(ctx, name)
		fromDB, dbErr := s.dataset(ctx, &s.rs, name)
		assert.Equal(t, dbErr, indexErr, name)
		assert.Equal(t, fromDB, fromIndex, name)
		if dbErr == nil {
			want[fromDB.Status] = append(want[fromDB.Status], name)
		}
	}
	assert.Equal(t, map[DatasetStatus][]string{
		DatasetCreated: {"d0", "d2"}, DatasetActive: {"d1", "d3"}, DatasetIngestionInProgress: {"d4"},
	}, want)

	before := allDatasets(t, s)
	require.NoError(t, s.Close())
	again, err := Open(path, opts)
	require.NoError(t, err)
	defer again.Close()
	assert.Equal(t, before, allDatasets(t, again))
}

// TestIndexRollback: a batch whose commit fails changes nothing in the
// index: the dataset its creation made is not there, the job its start
// made leaves its dataset as it was.
func TestIndexRollback(t *testing.T) {
	t.Parallel()
	var fail atomic.Bool
	opts := testOptions()
	opts.BeforeCommit = func() error {
		if fail.Load() {
			return errors.New("disk full")
		}
		return nil
	}
	s := openMemory(t, opts)
	ctx := context.Background()
	_, _, err := s.CreateDataset(ctx, NewDataset{Name: "kept"})
	require.NoError(t, err)
	fail.Store(true)
	_, _, err = s.CreateDataset(ctx, NewDataset{Name: "lost"})
	require.ErrorContains(t, err, "disk full")
	_, _, err = s.StartJob(ctx, NewJob{Dataset: "kept", Input: input("b")})
	require.ErrorContains(t, err, "disk full")
	require.ErrorContains(t, s.DeleteDataset(ctx, "kept"), "disk full")
	fail.Store(false)

	var nf *NotFoundError
	_, err = s.Dataset(ctx, "lost")
	assert.ErrorAs(t, err, &nf)
	kept, err := s.Dataset(ctx, "kept")
	require.NoError(t, err)
	assert.Equal(t, DatasetCreated, kept.Status)
	list, _, err := s.ListDatasets(ctx, DatasetFilter{}, Page{})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "kept", list[0].Name)
}

// TestIndexCopies: a dataset read is the caller's: changing it changes
// nothing in the store.
func TestIndexCopies(t *testing.T) {
	t.Parallel()
	s := openMemory(t, testOptions())
	ctx := context.Background()
	_, _, err := s.CreateDataset(ctx, NewDataset{Name: "d", Schema: ptr("schema"), Tags: []Tag{{Key: "k", Value: "v"}}})
	require.NoError(t, err)
	first, err := s.Dataset(ctx, "d")
	require.NoError(t, err)
	*first.Schema = "changed"
	first.Tags[0].Value = "changed"
	again, err := s.Dataset(ctx, "d")
	require.NoError(t, err)
	assert.Equal(t, "schema", *again.Schema)
	assert.Equal(t, "v", again.Tags[0].Value)
}

// allDatasets reads every dataset of s through Dataset.
func allDatasets(t *testing.T, s *Store) []Dataset {
	t.Helper()
	list, _, err := s.ListDatasets(context.Background(), DatasetFilter{}, Page{Limit: MaxPageSize})
	require.NoError(t, err)
	var out []Dataset
	for _, d := range list {
		ds, err := s.Dataset(context.Background(), d.Name)
		require.NoError(t, err)
		out = append(out, ds)
	}
	return out
}

// TestIndexWithinBatch: changes that arrive together (committed in one
// batch) see each other through the index: one dataset of a name, the
// quotas of datasets and of jobs running kept exactly.
func TestIndexWithinBatch(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxDatasets, opts.MaxPending = 15, 5
	s := openMemory(t, opts)
	ctx := context.Background()
	count := func(fn func(i int) error) int {
		var g errgroup
		var n atomic.Int32
		for i := range 64 {
			g.Go(func() error {
				if err := fn(i); err != nil {
					return nil
				}
				n.Add(1)
				return nil
			})
		}
		require.NoError(t, g.Wait())
		return int(n.Load())
	}
	same := count(func(int) error {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: "same"})
		return err
	})
	assert.Equal(t, 1, same)
	created := count(func(i int) error {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: fmt.Sprintf("d%02d", i)})
		return err
	})
	assert.Equal(t, 14, created, "the quota of 15, one taken")
	list, _, err := s.ListDatasets(ctx, DatasetFilter{}, Page{Limit: MaxPageSize})
	require.NoError(t, err)
	require.Len(t, list, 15)
	started := count(func(i int) error {
		_, _, err := s.StartJob(ctx, NewJob{Dataset: list[i%15].Name, Input: input("b")})
		return err
	})
	assert.Equal(t, 5, started, "the quota of 5 jobs running")
	running, _, err := s.ListJobs(ctx, JobFilter{Status: JobInProgress}, Page{})
	require.NoError(t, err)
	assert.Len(t, running, 5)
}

// TestBeginRecovers: a transaction left open on the writer's connection (as
// a ROLLBACK that failed would leave it) does not refuse the next batch: it
// is undone, and the writer goes on.
func TestBeginRecovers(t *testing.T) {
	t.Parallel()
	s := openMemory(t, testOptions())
	ctx := context.Background()
	err := s.write(ctx, func(tx *wtx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES('undone', x'01')`); err != nil {
			return err
		}
		// BEGIN inside the batch's transaction fails; begin undoes the
		// open one (and the insert with it) and starts afresh.
		return s.begin(tx.ctx)
	})
	require.NoError(t, err)
	var n int
	require.NoError(t, s.r.QueryRow(`SELECT count(*) FROM meta WHERE key = 'undone'`).Scan(&n))
	assert.Zero(t, n, "the open transaction was rolled back")
	_, _, err = s.CreateDataset(ctx, NewDataset{Name: "after"})
	require.NoError(t, err)
	_, err = s.Dataset(ctx, "after")
	require.NoError(t, err)
}

// TestRowsLeftOpen: rows a change leaves open are closed with its batch: a
// later batch running the same query reads every row, and Close does not
// wait for them.
func TestRowsLeftOpen(t *testing.T) {
	t.Parallel()
	s, path := openFile(t, testOptions())
	ctx := context.Background()
	for _, n := range []string{"a", "b"} {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: n})
		require.NoError(t, err)
	}
	const q = `SELECT name FROM datasets ORDER BY name`
	require.NoError(t, s.write(ctx, func(tx *wtx) error {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		rows.Next() // and left open
		return nil
	}))
	var got []string
	require.NoError(t, s.write(ctx, func(tx *wtx) error {
		got = got[:0]
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			got = append(got, n)
		}
		return rows.Err()
	}))
	assert.Equal(t, []string{"a", "b"}, got)
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	select {
	case err := <-closed:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Close waits for the rows left open")
	}
	again, err := Open(path, testOptions())
	require.NoError(t, err)
	require.NoError(t, again.Close())
}

// TestCommitFails: a batch whose COMMIT fails (here a statement the writer
// does not know of is still in progress: SQLITE_BUSY) tells every change,
// commits nothing, and leaves no transaction open: the next batch commits.
func TestCommitFails(t *testing.T) {
	t.Parallel()
	s := openMemory(t, testOptions())
	ctx := context.Background()
	var open *sql.Rows
	err := s.write(ctx, func(tx *wtx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES('x1', x'01')`); err != nil {
			return err
		}
		rows, err := tx.conn.QueryContext(ctx, `INSERT INTO meta(key, value) VALUES('x2', x'01'), ('x3', x'01') RETURNING key`)
		if err != nil {
			return err
		}
		rows.Next()
		open = rows
		return nil
	})
	require.Error(t, err)
	assert.ErrorContains(t, err, "store: commit")
	require.NotNil(t, open)
	open.Close()
	var n int
	require.NoError(t, s.r.QueryRow(`SELECT count(*) FROM meta WHERE key LIKE 'x%'`).Scan(&n))
	assert.Zero(t, n, "nothing of the batch is committed")
	_, _, err = s.CreateDataset(ctx, NewDataset{Name: "after"})
	require.NoError(t, err)
	_, err = s.Dataset(ctx, "after")
	require.NoError(t, err)
}
