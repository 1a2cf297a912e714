package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestRSS measures the resident memory of a process whose store holds
// 100,000 and then 1,000,000 jobs, and requires the second within 20% of
// the first. It takes minutes, so it runs only with STORE_RSS=1:
//
//	STORE_RSS=1 go test -run '^TestRSS$' -v -timeout 30m ./examples/server/internal/store
//
// The jobs are loaded 10,000 per change through the writer; before each
// reading, 64 goroutines start and finish 6,400 jobs through the API and
// read 64,000 jobs picked at random among all, and page through lists.
func TestRSS(t *testing.T) {
	if os.Getenv("STORE_RSS") == "" {
		t.Skip("set STORE_RSS=1 to measure")
	}
	opts := testOptions()
	opts.MaxDatasets, opts.MaxPending = 0, 0
	s, path := openFile(t, opts)
	ctx := context.Background()
	for w := range 64 {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: fmt.Sprint("d", w)})
		require.NoError(t, err)
	}
	loaded := 0
	load := func(upTo int) {
		for loaded < upTo {
			n := min(10000, upTo-loaded)
			require.NoError(t, s.write(ctx, func(w *wtx) error { return bulkJobs(w, loaded, n) }))
			loaded += n
		}
	}
	measure := func() int {
		workload(t, s)
		runtime.GC()
		debug.FreeOSMemory()
		rss := vmRSS(t)
		fi, err := os.Stat(path)
		require.NoError(t, err)
		t.Logf("%8d jobs: VmRSS %6.1f MB, Go heap in use %6.1f MB, database %6.1f MB",
			loaded, float64(rss)/1e6, heapInUse()/1e6, float64(fi.Size())/1e6)
		return rss
	}
	start := time.Now()
	load(100_000)
	at100k := measure()
	load(1_000_000)
	at1M := measure()
	t.Logf("ratio %.3f, in %v", float64(at1M)/float64(at100k), time.Since(start).Round(time.Second))
	require.LessOrEqual(t, float64(at1M), 1.2*float64(at100k))
}

// bulkJobs inserts n finished jobs spread over the 64 datasets, each with a
// figures document of the size the ingestion check writes.
func bulkJobs(w *wtx, from, n int) error {
	result := []byte(`{"IngestedFilesSummary":{"TotalNumberOfFiles":12,"IngestedNumberOfFiles":12,"DiscardedFiles":[]},` +
		`"DataQualitySummary":{"InsufficientSensorDataSummary":{"MissingCompleteSensorData":{"AffectedSensorCount":0},` +
		`"SensorsWithShortDateRange":{"AffectedSensorCount":0}},"MissingSensorDataSummary":{"AffectedSensorCount":1,"TotalNumberOfMissingValues":17},` +
		`"InvalidSensorDataSummary":{"AffectedSensorCount":0,"TotalNumberOfInvalidValues":0},"UnsupportedTimestampsSummary":{"TotalNumberOfUnsupportedTimestamps":0},` +
		`"DuplicateTimestampsSummary":{"TotalNumberOfDuplicateTimestamps":0}},"IngestedDataSize":1048576}`)
	now := time.Now().UnixNano()
	for i := from; i < from+n; i++ {
		_, err := w.ExecContext(w.ctx, `INSERT INTO jobs(id, dataset, client_token, bucket, prefix, role_arn, status, created, finished, result)
			SELECT ?, id, ?, 'sensor-bucket', 'plant-7/line-3/', 'arn:aws:iam::123456789012:role/LookoutEquipmentIngestion', 'SUCCESS', ?, ?, ?
			FROM datasets WHERE name = ?`, newJobID(), newUUID(), now, now, result, "d"+strconv.Itoa(i%64))
		if err != nil {
			return err
		}
	}
	return nil
}

// workload runs the API from 64 goroutines: each starts and finishes 100
// jobs on its dataset, reads 1,000 jobs picked at random, and pages
// through its dataset's newest jobs and the datasets.
func workload(t *testing.T, s *Store) {
	ctx := context.Background()
	var max int64
	require.NoError(t, s.r.QueryRow(`SELECT max(seq) FROM jobs`).Scan(&max))
	var wg sync.WaitGroup
	for w := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprint("d", w)
			for i := range 100 {
				job, _, err := s.StartJob(ctx, NewJob{Dataset: name, ClientToken: fmt.Sprint(name, "-", max, "-", i), Input: input("b")})
				if !assertNoError(t, err) {
					return
				}
				_, err = s.FinishJob(ctx, job.ID, Outcome{Status: JobSuccess, Result: []byte(`{}`),
					SensorStatistics: [][]byte{[]byte(`{"ComponentName":"pump","SensorName":"s1"}`)}})
				if !assertNoError(t, err) {
					return
				}
			}
			for range 1000 {
				var id string
				if err := s.r.QueryRow(`SELECT id FROM jobs WHERE seq >= ? LIMIT 1`, 1+rand.Int64N(max)).Scan(&id); !assertNoError(t, err) {
					return
				}
				if _, err := s.Job(ctx, id); !assertNoError(t, err) {
					return
				}
			}
			token := ""
			for range 20 {
				_, next, err := s.ListJobs(ctx, JobFilter{Dataset: name}, Page{Limit: 100, Token: token})
				if !assertNoError(t, err) || next == "" {
					return
				}
				token = next
			}
			_, _, err := s.ListDatasets(ctx, DatasetFilter{}, Page{})
			assertNoError(t, err)
		}()
	}
	wg.Wait()
}

func assertNoError(t *testing.T, err error) bool {
	if err != nil {
		t.Error(err)
		return false
	}
	return true
}

// vmRSS returns the process's resident set size in bytes.
func vmRSS(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	require.NoError(t, err)
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			require.NoError(t, err)
			return kb * 1024
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}

func heapInUse() float64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse)
}
