package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// benchConcurrency is the number of goroutines the parallel benchmarks run.
const benchConcurrency = 64

// setParallelism makes b.RunParallel run benchConcurrency goroutines.
func setParallelism(b *testing.B) {
	b.SetParallelism(max(1, benchConcurrency/runtime.GOMAXPROCS(0)))
}

// BenchmarkStartFinish measures a durable StartJob followed by a durable
// FinishJob from 64 goroutines, each on a dataset of its own, beside the
// baseline: the same two changes written by code that commits each change
// in a transaction of its own (no group commit), with the same durability.
func BenchmarkStartFinish(b *testing.B) {
	b.Run("store", func(b *testing.B) {
		opts := testOptions()
		opts.MaxDatasets, opts.MaxPending = 0, 0
		s, _ := openFile(b, opts)
		ctx := context.Background()
		var next atomic.Int64
		setParallelism(b)
		b.ReportAllocs()
		b.ResetTimer()
		var lat latencies
		defer lat.report(b)
		b.RunParallel(func(pb *testing.PB) {
			name := fmt.Sprint("d", next.Add(1))
			if _, _, err := s.CreateDataset(ctx, NewDataset{Name: name}); err != nil {
				b.Error(err)
				return
			}
			var mine []time.Duration
			defer func() { lat.add(mine) }()
			for i := 0; pb.Next(); i++ {
				t0 := time.Now()
				job, _, err := s.StartJob(ctx, NewJob{Dataset: name, ClientToken: fmt.Sprint(name, "-", i), Input: input("b")})
				mine = append(mine, time.Since(t0))
				if err != nil {
					b.Error(err)
					return
				}
				if _, err := s.FinishJob(ctx, job.ID, Outcome{Status: JobSuccess, Result: []byte(`{}`)}); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("baseline-commit-per-change", func(b *testing.B) {
		db := openBaseline(b)
		var next atomic.Int64
		setParallelism(b)
		b.ReportAllocs()
		b.ResetTimer()
		var lat latencies
		defer lat.report(b)
		b.RunParallel(func(pb *testing.PB) {
			dataset := next.Add(1)
			var mine []time.Duration
			defer func() { lat.add(mine) }()
			for i := 0; pb.Next(); i++ {
				id := newJobID()
				t0 := time.Now()
				_, err := db.Exec(`INSERT INTO jobs(id, dataset, client_token, bucket, prefix, role_arn, status, created)
					VALUES(?, ?, ?, 'b', 'in/', 'arn:aws:iam::123456789012:role/Ingest', 'IN_PROGRESS', ?)`,
					id, dataset, fmt.Sprint(dataset, "-", i), time.Now().UnixNano())
				mine = append(mine, time.Since(t0))
				if err != nil {
					b.Error(err)
					return
				}
				if _, err := db.Exec(`UPDATE jobs SET status = 'SUCCESS', finished = ?, result = '{}' WHERE id = ?`,
					time.Now().UnixNano(), id); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// latencies collects the latencies of the first change of each operation
// and reports their 99th percentile.
type latencies struct {
	mu  sync.Mutex
	all []time.Duration
}

func (l *latencies) add(d []time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.all = append(l.all, d...)
}

func (l *latencies) report(b *testing.B) {
	if len(l.all) == 0 {
		return
	}
	slices.Sort(l.all)
	b.ReportMetric(float64(l.all[len(l.all)*99/100].Microseconds()), "p99-start-µs")
}

// BenchmarkStart measures a durable StartJob alone from 64 goroutines, each
// call on a dataset with no job running (made before the timer starts).
func BenchmarkStart(b *testing.B) {
	opts := testOptions()
	opts.MaxDatasets, opts.MaxPending = 0, 0
	s, _ := openFile(b, opts)
	ctx := context.Background()
	var wg sync.WaitGroup
	for w := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < b.N; i += 64 {
				if _, _, err := s.CreateDataset(ctx, NewDataset{Name: fmt.Sprint("d", i)}); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	var next atomic.Int64
	var lat latencies
	defer lat.report(b)
	setParallelism(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		defer func() { lat.add(mine) }()
		for pb.Next() {
			i := next.Add(1) - 1
			t0 := time.Now()
			_, _, err := s.StartJob(ctx, NewJob{Dataset: fmt.Sprint("d", i), ClientToken: fmt.Sprint("t", i), Input: input("b")})
			mine = append(mine, time.Since(t0))
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// openBaseline opens a database of the store's jobs table, written the
// plain way: one connection, each statement its own transaction.
func openBaseline(b *testing.B) *sql.DB {
	path := filepath.Join(b.TempDir(), "baseline.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)")
	require.NoError(b, err)
	b.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	_, err = db.Exec(schema)
	require.NoError(b, err)
	return db
}

// BenchmarkJob measures Job (DescribeDataIngestionJob's read) from 64
// goroutines over 20,000 finished jobs: "polled" reads the 1,000 newest
// (clients poll the jobs they started), "any" reads any job (most are not
// in the cache), beside the baseline: the same records in a map under a
// sync.RWMutex, as a server without a database keeps them.
func BenchmarkJob(b *testing.B) {
	const n, recent = 20000, 1000
	opts := testOptions()
	opts.MaxDatasets, opts.MaxPending = 0, 0
	s, _ := openFile(b, opts)
	ctx := context.Background()
	ids := fill(b, s, n)
	read := func(b *testing.B, from int) {
		setParallelism(b)
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := s.Job(ctx, ids[from+rand.IntN(n-from)]); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	b.Run("store-polled", func(b *testing.B) { read(b, n-recent) })
	b.Run("store-any", func(b *testing.B) { read(b, 0) })
	b.Run("baseline-map", func(b *testing.B) {
		var mu sync.RWMutex
		jobs := make(map[string]Job, n)
		for _, id := range ids {
			j, err := s.Job(ctx, id)
			require.NoError(b, err)
			jobs[id] = j
		}
		setParallelism(b)
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				mu.RLock()
				_, ok := jobs[ids[rand.IntN(n)]]
				mu.RUnlock()
				if !ok {
					b.Error("missing")
					return
				}
			}
		})
	})
}

// fill makes n finished jobs on 64 datasets and returns their ids.
func fill(tb testing.TB, s *Store, n int) []string {
	tb.Helper()
	ctx := context.Background()
	ids := make([]string, n)
	var wg sync.WaitGroup
	for w := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprint("fill-", w)
			if _, _, err := s.CreateDataset(ctx, NewDataset{Name: name}); err != nil {
				tb.Error(err)
				return
			}
			for i := w; i < n; i += 64 {
				job, _, err := s.StartJob(ctx, NewJob{Dataset: name, ClientToken: fmt.Sprint(name, "-", i), Input: input("b")})
				if err != nil {
					tb.Error(err)
					return
				}
				if _, err := s.FinishJob(ctx, job.ID, Outcome{Status: JobSuccess, Result: []byte(`{"IngestedDataSize":1}`)}); err != nil {
					tb.Error(err)
					return
				}
				ids[i] = job.ID
			}
		}()
	}
	wg.Wait()
	return ids
}
