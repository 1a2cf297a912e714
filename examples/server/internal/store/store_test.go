package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/clock"
)

func testOptions() Options {
	return Options{Region: "us-east-1", Account: "123456789012", MaxDatasets: 15, MaxPending: 5}
}

// openMemory opens a store in memory, closed at the end of the test.
func openMemory(t testing.TB, opts Options) *Store {
	t.Helper()
	s, err := Open(Memory, opts)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// openFile opens a store in a file of the test's temporary directory.
func openFile(t testing.TB, opts Options) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "lookout.db")
	s, err := Open(path, opts)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, path
}

// execRaw runs q (one or more statements) in a batch of the writer, as a
// test that makes a database of another shape needs.
func execRaw(t testing.TB, s *Store, q string, args ...any) {
	t.Helper()
	require.NoError(t, s.write(context.Background(), func(tx *wtx) error {
		_, err := tx.conn.ExecContext(tx.ctx, q, args...)
		return err
	}))
}

func ptr(s string) *string { return &s }

func input(bucket string) JobInput {
	return JobInput{Bucket: bucket, Prefix: ptr("in/"), RoleARN: "arn:aws:iam::123456789012:role/Ingest"}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "not-a-database")
	require.NoError(t, os.WriteFile(notDB, bytes.Repeat([]byte("not SQLite "), 1000), 0o600))
	for _, tc := range []struct {
		name, path string
		opts       Options
		want       string
	}{
		{"no account", Memory, Options{Region: "us-east-1"}, "Options.Region and Options.Account are required"},
		{"no region", Memory, Options{Account: "123456789012"}, "Options.Region and Options.Account are required"},
		{"no path", "", testOptions(), "empty database path"},
		{"no directory", filepath.Join(dir, "missing", "lookout.db"), testOptions(), "opening " + filepath.Join(dir, "missing", "lookout.db")},
		{"not a database", notDB, testOptions(), "not a database"},
	} {
		s, err := Open(tc.path, tc.opts)
		if !assert.Error(t, err, tc.name) {
			s.Close()
			continue
		}
		assert.Contains(t, err.Error(), tc.want, tc.name)
	}
}

func TestCreateDataset(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	opts := testOptions()
	opts.Wall = clock.NewManual(now)
	s := openMemory(t, opts)
	ctx := context.Background()

	nd := NewDataset{Name: "pump", ClientToken: "t1", Schema: ptr(`{"Components":[]}`), KMSKeyID: ptr("key"),
		Tags: []Tag{{Key: "team", Value: "ops"}}}
	ds, replay, err := s.CreateDataset(ctx, nd)
	require.NoError(t, err)
	assert.False(t, replay)
	assert.Regexp(t, `^arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pump/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, ds.ARN)
	assert.Equal(t, DatasetCreated, ds.Status)
	assert.Equal(t, now, ds.CreatedAt)

	got, err := s.Dataset(ctx, "pump")
	require.NoError(t, err)
	assert.Equal(t, ds, got)

	// The same token and parameters: a replay, the same dataset.
	again, replay, err := s.CreateDataset(ctx, nd)
	require.NoError(t, err)
	assert.True(t, replay)
	assert.Equal(t, ds, again)

	// The same token, other parameters.
	for name, change := range map[string]func(*NewDataset){
		"name":   func(d *NewDataset) { d.Name = "other" },
		"schema": func(d *NewDataset) { d.Schema = nil },
		"kms":    func(d *NewDataset) { d.KMSKeyID = ptr("other") },
		"tags":   func(d *NewDataset) { d.Tags = nil },
	} {
		d := nd
		change(&d)
		_, _, err := s.CreateDataset(ctx, d)
		var ce *ConflictError
		require.ErrorAs(t, err, &ce, name)
		assert.Equal(t, ReasonTokenReused, ce.Reason, name)
		assert.Equal(t, "The ClientToken was already used to create a dataset with different parameters", ce.Error())
	}

	// Another token, the same name.
	_, _, err = s.CreateDataset(ctx, NewDataset{Name: "pump", ClientToken: "t2"})
	var ce *ConflictError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ReasonDatasetExists, ce.Reason)
	assert.Equal(t, "Dataset pump already exists", err.Error())

	_, err = s.Dataset(ctx, "nope")
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, &NotFoundError{Resource: ResourceDataset, Name: "nope"}, nf)
	assert.Equal(t, "Dataset nope does not exist", err.Error())
}

func TestMaxDatasets(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxDatasets = 3
	s := openMemory(t, opts)
	ctx := context.Background()
	for i := range 3 {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: fmt.Sprint("d", i), ClientToken: fmt.Sprint("t", i)})
		require.NoError(t, err)
	}
	_, _, err := s.CreateDataset(ctx, NewDataset{Name: "d3", ClientToken: "t3"})
	var qe *QuotaError
	require.ErrorAs(t, err, &qe)
	assert.Equal(t, &QuotaError{Limit: LimitDatasets, Max: 3}, qe)
	assert.Equal(t, "The number of datasets has reached the quota of 3", err.Error())
	// A replay is not a new dataset.
	_, replay, err := s.CreateDataset(ctx, NewDataset{Name: "d0", ClientToken: "t0"})
	require.NoError(t, err)
	assert.True(t, replay)
	// Deleting one makes room.
	require.NoError(t, s.DeleteDataset(ctx, "d1"))
	_, _, err = s.CreateDataset(ctx, NewDataset{Name: "d3", ClientToken: "t3"})
	require.NoError(t, err)
}

func TestJobLifecycle(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.Wall = &steppingWall{t: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC), step: time.Second}
	s := openMemory(t, opts)
	ctx := context.Background()
	ds, _, err := s.CreateDataset(ctx, NewDataset{Name: "pump", ClientToken: "c"})
	require.NoError(t, err)

	status := func() DatasetStatus {
		d, err := s.Dataset(ctx, "pump")
		require.NoError(t, err)
		return d.Status
	}

	// Start: IN_PROGRESS, the dataset INGESTION_IN_PROGRESS.
	nj := NewJob{Dataset: "pump", ClientToken: "j1", Input: input("b1")}
	job, replay, err := s.StartJob(ctx, nj)
	require.NoError(t, err)
	assert.False(t, replay)
	assert.Regexp(t, `^[0-9a-f]{32}$`, job.ID)
	assert.Equal(t, JobInProgress, job.Status)
	assert.Equal(t, ds.ARN, job.DatasetARN)
	assert.Equal(t, DatasetIngestionInProgress, status())
	got, err := s.Job(ctx, job.ID)
	require.NoError(t, err)
	assert.Equal(t, job, got)

	// A replay gives the same job; other parameters conflict.
	again, replay, err := s.StartJob(ctx, nj)
	require.NoError(t, err)
	assert.True(t, replay)
	assert.Equal(t, job, again)
	// The default KeyPattern given is the same as none, and "" the same
	// Prefix as none.
	same := nj
	same.Input.KeyPattern = ptr("{prefix}/{component_name}/*")
	again, replay, err = s.StartJob(ctx, same)
	require.NoError(t, err)
	assert.True(t, replay)
	assert.Equal(t, job, again)
	other := nj
	other.Input.KeyPattern = ptr("{prefix}/{component_name}_*")
	_, _, err = s.StartJob(ctx, other)
	var ce *ConflictError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ConflictError{Reason: ReasonTokenReused, Dataset: "pump", JobID: job.ID}, *ce)
	assert.NotContains(t, ce.Error(), job.ID, "the message names no job")

	// One ingestion at a time; deleting is refused meanwhile.
	_, _, err = s.StartJob(ctx, NewJob{Dataset: "pump", ClientToken: "j2", Input: input("b1")})
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ConflictError{Reason: ReasonIngestionInProgress, Dataset: "pump", JobID: job.ID}, *ce)
	err = s.DeleteDataset(ctx, "pump")
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ReasonIngestionInProgress, ce.Reason)
	assert.Equal(t, "Dataset pump is being ingested by job "+job.ID, err.Error())

	// FAILED before any success: back to CREATED, no last ingestion.
	failed, err := s.FinishJob(ctx, job.ID, Outcome{Status: JobFailed, FailedReason: "no files", Result: []byte(`{}`)})
	require.NoError(t, err)
	assert.Equal(t, JobFailed, failed.Status)
	assert.Equal(t, "no files", failed.FailedReason)
	assert.False(t, failed.FinishedAt.IsZero())
	got, err = s.Job(ctx, job.ID)
	require.NoError(t, err)
	assert.Equal(t, failed, got)
	fromDB, err := s.job(ctx, &s.rs, job.ID) // past the cache
	require.NoError(t, err)
	assert.Equal(t, failed, fromDB)
	d, err := s.Dataset(ctx, "pump")
	require.NoError(t, err)
	assert.Equal(t, DatasetCreated, d.Status)
	assert.Nil(t, d.LastIngestion)

	// Finishing twice conflicts; an unknown job is not found; a status
	// that is not an end is refused.
	_, err = s.FinishJob(ctx, job.ID, Outcome{Status: JobSuccess})
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ReasonJobFinished, ce.Reason)
	_, err = s.FinishJob(ctx, "0123456789abcdef0123456789abcdef", Outcome{Status: JobSuccess})
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, ResourceJob, nf.Resource)
	_, err = s.FinishJob(ctx, job.ID, Outcome{Status: JobInProgress})
	require.Error(t, err)

	// SUCCESS: ACTIVE, with that ingestion's configuration, figures and range.
	job2, _, err := s.StartJob(ctx, NewJob{Dataset: "pump", ClientToken: "j2", Input: input("b2")})
	require.NoError(t, err)
	start, end := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 9, 0, 0, 0, 0, time.UTC)
	done, err := s.FinishJob(ctx, job2.ID, Outcome{Status: JobSuccess, FailedReason: "ignored", DataStartTime: start, DataEndTime: end,
		Result: []byte(`{"IngestedDataSize":42}`), SensorStatistics: [][]byte{[]byte(`{"SensorName":"a"}`), nil}})
	require.NoError(t, err)
	fromDB, err = s.job(ctx, &s.rs, job2.ID)
	require.NoError(t, err)
	assert.Equal(t, fromDB, done)
	assert.Empty(t, done.FailedReason)
	d, err = s.Dataset(ctx, "pump")
	require.NoError(t, err)
	assert.Equal(t, DatasetActive, d.Status)
	require.NotNil(t, d.LastIngestion)
	assert.Equal(t, job2.ID, d.LastIngestion.ID)
	assert.Equal(t, input("b2"), d.LastIngestion.Input)
	assert.Equal(t, `{"IngestedDataSize":42}`, string(d.LastIngestion.Result))
	assert.Equal(t, start, d.LastIngestion.DataStartTime)
	assert.Equal(t, end, d.LastIngestion.DataEndTime)

	// FAILED after a success: back to ACTIVE, the last ingestion kept.
	job3, _, err := s.StartJob(ctx, NewJob{Dataset: "pump", ClientToken: "j3", Input: input("b3")})
	require.NoError(t, err)
	_, err = s.FinishJob(ctx, job3.ID, Outcome{Status: JobFailed, FailedReason: "bad"})
	require.NoError(t, err)
	d, err = s.Dataset(ctx, "pump")
	require.NoError(t, err)
	assert.Equal(t, DatasetActive, d.Status)
	assert.Equal(t, job2.ID, d.LastIngestion.ID)
	assert.True(t, d.UpdatedAt.After(d.CreatedAt))

	// Statistics: of the last success by default, of a job by id.
	stats, next, err := s.ListSensorStatistics(ctx, StatisticsFilter{Dataset: "pump"}, Page{})
	require.NoError(t, err)
	assert.Empty(t, next)
	assert.Equal(t, [][]byte{[]byte(`{"SensorName":"a"}`), nil}, stats) // an empty document reads as nil
	stats, _, err = s.ListSensorStatistics(ctx, StatisticsFilter{Dataset: "pump", JobID: job3.ID}, Page{})
	require.NoError(t, err)
	assert.Empty(t, stats)

	// Deleting removes the dataset, its jobs and their statistics.
	require.NoError(t, s.DeleteDataset(ctx, "pump"))
	for _, id := range []string{job.ID, job2.ID, job3.ID} {
		_, err = s.Job(ctx, id)
		require.ErrorAs(t, err, &nf)
	}
	require.ErrorAs(t, s.DeleteDataset(ctx, "pump"), &nf)
	// Its tokens went with it: the same token now makes a new dataset.
	_, replay, err = s.CreateDataset(ctx, NewDataset{Name: "pump", ClientToken: "c"})
	require.NoError(t, err)
	assert.False(t, replay)
	_, err = s.Job(ctx, job2.ID)
	require.ErrorAs(t, err, &nf)
}

func TestStartJobRules(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxPending = 2
	s := openMemory(t, opts)
	ctx := context.Background()
	for _, name := range []string{"a", "b", "c"} {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: name, ClientToken: name})
		require.NoError(t, err)
	}
	_, _, err := s.StartJob(ctx, NewJob{Dataset: "nope", ClientToken: "x", Input: input("b")})
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, &NotFoundError{Resource: ResourceDataset, Name: "nope"}, nf)

	ja, _, err := s.StartJob(ctx, NewJob{Dataset: "a", ClientToken: "ja", Input: input("b")})
	require.NoError(t, err)
	_, _, err = s.StartJob(ctx, NewJob{Dataset: "b", ClientToken: "jb", Input: input("b")})
	require.NoError(t, err)
	_, _, err = s.StartJob(ctx, NewJob{Dataset: "c", ClientToken: "jc", Input: input("b")})
	var qe *QuotaError
	require.ErrorAs(t, err, &qe)
	assert.Equal(t, &QuotaError{Limit: LimitPendingJobs, Max: 2}, qe)
	assert.Equal(t, "The number of pending data ingestion jobs has reached the quota of 2", err.Error())
	// A replay is no new job: it passes the quota.
	_, replay, err := s.StartJob(ctx, NewJob{Dataset: "a", ClientToken: "ja", Input: input("b")})
	require.NoError(t, err)
	assert.True(t, replay)

	_, err = s.FinishJob(ctx, ja.ID, Outcome{Status: JobSuccess})
	require.NoError(t, err)
	_, _, err = s.StartJob(ctx, NewJob{Dataset: "c", ClientToken: "jc", Input: input("b")})
	require.NoError(t, err)

	inProgress, err := s.InProgress(ctx)
	require.NoError(t, err)
	require.Len(t, inProgress, 2)
	assert.Equal(t, []string{"b", "c"}, []string{inProgress[0].DatasetName, inProgress[1].DatasetName})
}

// TestConcurrentStarts races starts on few datasets: exactly one job per
// dataset and never more than the pending quota.
func TestConcurrentStarts(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxPending = 3
	s, _ := openFile(t, opts)
	ctx := context.Background()
	for i := range 6 {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: fmt.Sprint("d", i)})
		require.NoError(t, err)
	}
	type outcome struct {
		job Job
		err error
	}
	results := make(chan outcome, 60)
	for i := range 60 {
		go func() {
			job, _, err := s.StartJob(ctx, NewJob{Dataset: fmt.Sprint("d", i%6), ClientToken: fmt.Sprint("t", i), Input: input("b")})
			results <- outcome{job, err}
		}()
	}
	started := map[string]int{}
	var conflicts, quotas int
	for range 60 {
		r := <-results
		var ce *ConflictError
		var qe *QuotaError
		switch {
		case r.err == nil:
			started[r.job.DatasetName]++
		case errors.As(r.err, &ce):
			assert.Equal(t, ReasonIngestionInProgress, ce.Reason)
			conflicts++
		case errors.As(r.err, &qe):
			quotas++
		default:
			t.Errorf("unexpected error %v", r.err)
		}
	}
	assert.Len(t, started, 3)
	for name, n := range started {
		assert.Equal(t, 1, n, name)
	}
	assert.Equal(t, 57, conflicts+quotas)
	inProgress, err := s.InProgress(ctx)
	require.NoError(t, err)
	assert.Len(t, inProgress, 3)
}

func TestClosed(t *testing.T) {
	t.Parallel()
	s, err := Open(Memory, testOptions())
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.ErrorIs(t, s.Close(), ErrClosed)
	ctx := context.Background()
	_, _, err = s.CreateDataset(ctx, NewDataset{Name: "a"})
	require.ErrorIs(t, err, ErrClosed)
	_, err = s.Dataset(ctx, "a")
	require.ErrorIs(t, err, ErrClosed)
	_, _, err = s.ListJobs(ctx, JobFilter{}, Page{})
	require.ErrorIs(t, err, ErrClosed)
}

func TestCanceledContext(t *testing.T) {
	t.Parallel()
	s := openMemory(t, testOptions())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := s.CreateDataset(ctx, NewDataset{Name: "a"})
	require.ErrorIs(t, err, context.Canceled)
	_, err = s.Dataset(context.Background(), "a")
	require.Error(t, err)
}

// TestReopen: what was committed is there after Close and Open, jobs
// IN_PROGRESS are listed to run again, and page tokens stay valid (the key
// is in the database).
func TestReopen(t *testing.T) {
	t.Parallel()
	s, path := openFile(t, testOptions())
	ctx := context.Background()
	for _, name := range []string{"a", "b", "c"} {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: name, ClientToken: name})
		require.NoError(t, err)
	}
	job, _, err := s.StartJob(ctx, NewJob{Dataset: "b", ClientToken: "j", Input: input("x")})
	require.NoError(t, err)
	page, next, err := s.ListDatasets(ctx, DatasetFilter{}, Page{Limit: 1})
	require.NoError(t, err)
	require.Len(t, page, 1)
	require.NoError(t, s.Close())

	s, err = Open(path, testOptions())
	require.NoError(t, err)
	defer s.Close()
	inProgress, err := s.InProgress(ctx)
	require.NoError(t, err)
	require.Len(t, inProgress, 1)
	assert.Equal(t, job, inProgress[0])
	rest, next, err := s.ListDatasets(ctx, DatasetFilter{}, Page{Limit: 5, Token: next})
	require.NoError(t, err)
	assert.Empty(t, next)
	assert.Equal(t, []string{"b", "c"}, []string{rest[0].Name, rest[1].Name})
	assert.Equal(t, DatasetIngestionInProgress, rest[0].Status)
}

func TestPrefixEnd(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"", "", false},
		{"a", "b", true},
		{"pump-", "pump.", true},
		{"a\xff", "b", true},
		{"\xff\xff", "", false},
		{"z", "{", true},
	} {
		got, ok := prefixEnd(tc.in)
		assert.Equal(t, tc.ok, ok, "%q", tc.in)
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
}

// TestSameInput checks that inputs are compared as the service reads them:
// an absent member is its default.
func TestSameInput(t *testing.T) {
	t.Parallel()
	base := JobInput{Bucket: "b", RoleARN: "arn:aws:iam::123456789012:role/Ingest"}
	with := func(prefix, keyPattern *string) JobInput {
		in := base
		in.Prefix, in.KeyPattern = prefix, keyPattern
		return in
	}
	tests := []struct {
		name string
		a, b JobInput
		want bool
	}{
		{"both absent", with(nil, nil), with(nil, nil), true},
		{"Prefix absent and empty", with(nil, nil), with(ptr(""), nil), true},
		{"KeyPattern absent and the default", with(nil, nil), with(nil, ptr("{prefix}/{component_name}/*")), true},
		{"both absent and both defaults", with(nil, nil), with(ptr(""), ptr("{prefix}/{component_name}/*")), true},
		{"Prefix absent and given", with(nil, nil), with(ptr("in/"), nil), false},
		{"KeyPattern absent and another", with(nil, nil), with(nil, ptr("{prefix}/{component_name}_*")), false},
		{"another bucket", with(nil, nil), JobInput{Bucket: "c", RoleARN: base.RoleARN}, false},
		{"another role", with(nil, nil), JobInput{Bucket: "b", RoleARN: "arn:aws:iam::123456789012:role/Other"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, sameInput(tt.a, tt.b))
			assert.Equal(t, tt.want, sameInput(tt.b, tt.a))
		})
	}
}

// TestReadYourWrites: once FinishJob returned, Job gives the finished job,
// whatever reads raced with it to fill the cache.
func TestReadYourWrites(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxDatasets, opts.MaxPending = 0, 0
	s, _ := openFile(t, opts)
	ctx := context.Background()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprint("d", w)
			if _, _, err := s.CreateDataset(ctx, NewDataset{Name: name}); !assert.NoError(t, err) {
				return
			}
			for i := range 10 {
				job, _, err := s.StartJob(ctx, NewJob{Dataset: name, ClientToken: fmt.Sprint(name, "-", i), Input: input("b")})
				if !assert.NoError(t, err) {
					return
				}
				stop := make(chan struct{})
				var pollers sync.WaitGroup
				for range 2 {
					pollers.Add(1)
					go func() {
						defer pollers.Done()
						for {
							select {
							case <-stop:
								return
							default:
							}
							_, err := s.Job(ctx, job.ID)
							assert.NoError(t, err)
							time.Sleep(50 * time.Microsecond)
						}
					}()
				}
				_, err = s.FinishJob(ctx, job.ID, Outcome{Status: JobSuccess})
				assert.NoError(t, err)
				got, err := s.Job(ctx, job.ID)
				assert.NoError(t, err)
				assert.Equal(t, JobSuccess, got.Status, "job %s read stale after FinishJob returned", job.ID)
				close(stop)
				pollers.Wait()
				got, err = s.Job(ctx, job.ID)
				assert.NoError(t, err)
				assert.Equal(t, JobSuccess, got.Status, "job %s cached stale", job.ID)
			}
		}()
	}
	wg.Wait()
}

// steppingWall is a wall clock that moves on by step each time it is read.
type steppingWall struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func (w *steppingWall) Now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.t = w.t.Add(w.step)
	return w.t
}

func (w *steppingWall) NewTimer(d time.Duration) clock.Timer { return clock.Real.NewTimer(d) }
