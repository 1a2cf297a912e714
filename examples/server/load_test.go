package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// BenchmarkLoad drives the server over HTTP, each operation beside its
// baseline in the same run:
//
//   - a read (Describe*, List*), from 64 concurrent clients, beside a plain
//     net/http handler that decodes the same body with encoding/json, looks
//     up a fixed answer of 1 KB in a map and writes it with a request id of
//     its own (x-amzn-RequestId, a new UUID);
//   - a durable change (CreateDataset, StartDataIngestionJob), from 1, 16
//     and 64 clients, beside a handler that decodes the body likewise and
//     commits one SQLite insert per request (modernc.org/sqlite, WAL,
//     synchronous=FULL, one connection, a prepared statement) on the same
//     file system before it answers.
//
// The server is the whole stack (one log line per request, formatted by
// the logger run makes and written to io.Discard; the Host check; the
// lookout handler; the store on a database file on disk); a Start is committed and synced before its
// 200, and queued for the workers, which are busy meanwhile (the jobs'
// bucket holds them IN_PROGRESS, as jobs of real size would).
// DescribeDataIngestionJob is asked for 200 jobs that read the sample
// bucket and ended SUCCESS: each answer carries every figure (about 1 KB);
// DescribeDataset for their datasets (about 1.2 KB), ListDatasets for
// pages of 5 (about 1 KB), ListDataIngestionJobs for one dataset's 3 jobs
// (about 1 KB).
//
// The two are sent b.N requests each, in alternating rounds of 1,000, so
// that a machine whose load changes meanwhile weighs on both alike. Each
// reports requests per second (server-req/s, baseline-req/s), their ratio
// (x-baseline), the 99th percentile of latency (server-p99-ms,
// baseline-p99-ms), and the CPU time of the whole process (clients
// included) per request (server-cpu-µs/req, baseline-cpu-µs/req), a
// figure that depends less on the machine's other load than the rates.
//
//	go test -run '^$' -bench 'BenchmarkLoad/(Describe|List)' -benchtime 20000x ./examples/server
//	go test -run '^$' -bench 'BenchmarkLoad/(Create|Start)' -benchtime 4000x ./examples/server
func BenchmarkLoad(b *testing.B) {
	b.Run("DescribeDataIngestionJob", func(b *testing.B) {
		var req lookout.DescribeDataIngestionJobRequest
		a, url := loadServer(b, dirSources{dir: "testdata"})
		ids := startJobs(b, a, 200, 1)
		body := func(i int) string { return `{"JobId":"` + ids[i%len(ids)] + `"}` }
		runLoad(b, readBaseline(b, &req, ids, func(r *lookout.DescribeDataIngestionJobRequest) string { return *r.JobId }),
			url, target("DescribeDataIngestionJob"), body, body, loadConcurrency)
	})
	b.Run("DescribeDataset", func(b *testing.B) {
		var req lookout.DescribeDatasetRequest
		a, url := loadServer(b, dirSources{dir: "testdata"})
		startJobs(b, a, 200, 1)
		names := datasetNames(200)
		body := func(i int) string { return `{"DatasetName":"` + names[i%len(names)] + `"}` }
		runLoad(b, readBaseline(b, &req, names, func(r *lookout.DescribeDatasetRequest) string { return r.DatasetName }),
			url, target("DescribeDataset"), body, body, loadConcurrency)
	})
	b.Run("ListDatasets", func(b *testing.B) {
		var req lookout.ListDatasetsRequest
		a, url := loadServer(b, heldSources{})
		createDatasets(b, a, 200)
		prefixes := []string{"load-1", "load-2", "load-3", "load-4", "load-5", "load-6", "load-7", "load-8", "load-9"}
		body := func(i int) string {
			return `{"DatasetNameBeginsWith":"` + prefixes[i%len(prefixes)] + `","MaxResults":5}`
		}
		runLoad(b, readBaseline(b, &req, prefixes, func(r *lookout.ListDatasetsRequest) string { return r.DatasetNameBeginsWith }),
			url, target("ListDatasets"), body, body, loadConcurrency)
	})
	b.Run("ListDataIngestionJobs", func(b *testing.B) {
		var req lookout.ListDataIngestionJobsRequest
		a, url := loadServer(b, dirSources{dir: "testdata"})
		startJobs(b, a, 200, 3)
		names := datasetNames(200)
		body := func(i int) string { return `{"DatasetName":"` + names[i%len(names)] + `"}` }
		runLoad(b, readBaseline(b, &req, names, func(r *lookout.ListDataIngestionJobsRequest) string { return r.DatasetName }),
			url, target("ListDataIngestionJobs"), body, body, loadConcurrency)
	})
	for _, clients := range []int{1, 16, 64} {
		b.Run(fmt.Sprintf("CreateDataset/clients=%d", clients), func(b *testing.B) {
			var req lookout.CreateDatasetRequest
			_, url := loadServer(b, heldSources{})
			runLoad(b, insertBaseline(b, &req, func(r *lookout.CreateDatasetRequest) string { return r.DatasetName }),
				url, target("CreateDataset"), createBody, createBody, clients)
		})
		b.Run(fmt.Sprintf("StartDataIngestionJob/clients=%d", clients), func(b *testing.B) {
			var req lookout.StartDataIngestionJobRequest
			a, url := loadServer(b, heldSources{})
			createDatasets(b, a, b.N)
			runLoad(b, insertBaseline(b, &req, func(r *lookout.StartDataIngestionJobRequest) string { return r.ClientToken }),
				url, target("StartDataIngestionJob"), startBody, startBody, clients)
		})
	}
}

// loadConcurrency is the number of clients sending reads at once, and
// setting up.
const loadConcurrency = 64

// datasetNames returns load-0 to load-(n-1).
func datasetNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("load-%d", i)
	}
	return names
}

// startBody is the body of the i-th Start: a dataset of its own.
func startBody(i int) string {
	return fmt.Sprintf(`{"ClientToken":"token-%d","DatasetName":"load-%d",`+
		`"IngestionInputConfiguration":{"S3InputConfiguration":{"Bucket":"no-such-bucket","Prefix":"plant-1/pumps/"}},`+
		`"RoleArn":"arn:aws:iam::123456789012:role/LookoutEquipmentIngestion"}`, i, i)
}

// createBody is the body of the i-th CreateDataset.
func createBody(i int) string {
	return fmt.Sprintf(`{"ClientToken":"token-%d","DatasetName":"new-%d","Tags":[{"Key":"plant","Value":"1"}]}`, i, i)
}

// baselineAnswer is the baseline's answer: 1 KB of JSON.
var baselineAnswer = func() []byte {
	b, _ := json.Marshal(map[string]string{"JobId": "0123456789abcdef0123456789abcdef", "Status": "SUCCESS",
		"Padding": strings.Repeat("x", 1024-60)})
	return b
}()

// readBaseline serves a handler that decodes the body into a fresh T with
// encoding/json, looks up key(T) in a map of keys, under a read lock as a
// server whose map changes would, and writes that key's fixed answer with
// a request id of its own.
func readBaseline[T any](b *testing.B, v *T, keys []string, key func(*T) string) string {
	return serveLoad(b, readBaselineHandler(v, keys, key))
}

// readBaselineHandler is the handler readBaseline serves.
func readBaselineHandler[T any](_ *T, keys []string, key func(*T) string) http.Handler {
	answers := make(map[string][]byte, len(keys))
	for _, k := range keys {
		answers[k] = baselineAnswer
	}
	var mu sync.RWMutex
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v T
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.RLock()
		answer, ok := answers[key(&v)]
		mu.RUnlock()
		if !ok {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set(requestIDHeader, lookout.NewClientToken())
		w.Header().Set("Content-Type", lookout.ContentType)
		w.Write(answer)
	})
}

// insertBaseline serves a handler that decodes the body into a fresh T
// with encoding/json, inserts key(T) and the body into a table of a SQLite
// database on the same file system as the server's (WAL,
// synchronous=FULL, one connection, the statement prepared), one
// transaction per request, and answers a fixed response with a request id
// once the insert is committed.
func insertBaseline[T any](b *testing.B, _ *T, key func(*T) string) string {
	path := filepath.Join(b.TempDir(), "baseline.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)")
	require.NoError(b, err)
	db.SetMaxOpenConns(1)
	b.Cleanup(func() { db.Close() })
	_, err = db.Exec(`CREATE TABLE items(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, body BLOB NOT NULL, created INTEGER NOT NULL)`)
	require.NoError(b, err)
	insert, err := db.Prepare(`INSERT INTO items(key, body, created) VALUES(?, ?, ?)`)
	require.NoError(b, err)
	b.Cleanup(func() { insert.Close() })
	fixed := []byte(`{"JobId":"0123456789abcdef0123456789abcdef","Status":"IN_PROGRESS"}`)
	return serveLoad(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var v T
		if err := json.Unmarshal(data, &v); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if _, err := insert.Exec(key(&v), data, time.Now().UnixNano()); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set(requestIDHeader, lookout.NewClientToken())
		w.Header().Set("Content-Type", lookout.ContentType)
		w.Write(fixed)
	}))
}

// loadServer runs the server's stack on a database file, without quotas.
func loadServer(b *testing.B, src sources) (*app, string) {
	cfg := testConfig()
	cfg.db = filepath.Join(b.TempDir(), "lookout.db")
	cfg.maxDatasets, cfg.maxPending = 0, 0
	cfg.src = src
	cfg.checkHosts = true
	logger := newLogger(io.Discard, slog.LevelInfo) // as run builds it, to io.Discard
	a, err := newApp(context.Background(), cfg, logger, nil)
	require.NoError(b, err)
	b.Cleanup(func() { a.close() })
	return a, serveLoad(b, a.handler)
}

func serveLoad(b *testing.B, h http.Handler) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(b, err)
	srv := newHTTPServer(testConfig(), h, slog.New(slog.DiscardHandler))
	go srv.Serve(ln)
	b.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/"
}

// createDatasets creates load-0 to load-(n-1).
func createDatasets(b *testing.B, a *app, n int) {
	parallel(b, n, func(i int) error {
		_, _, err := a.st.CreateDataset(context.Background(), store.NewDataset{Name: fmt.Sprintf("load-%d", i)})
		return err
	})
}

// samplePrefix is the prefix of the sample bucket's pumps.
var samplePrefix = "plant-1/pumps/"

// startJobs starts each jobs jobs over the sample bucket on each of n
// datasets of their own, one after another, waits for them to end
// (SUCCESS, with every figure), and returns the ids of the last ones.
func startJobs(b *testing.B, a *app, n, each int) []string {
	createDatasets(b, a, n)
	ids := make([]string, n)
	for round := range each {
		parallel(b, n, func(i int) error {
			job, _, err := a.st.StartJob(context.Background(), store.NewJob{Dataset: fmt.Sprintf("load-%d", i),
				ClientToken: fmt.Sprint(round, "-", i), Input: store.JobInput{Bucket: sampleBucket, Prefix: &samplePrefix,
					RoleARN: "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion"}})
			ids[i] = job.ID
			if err == nil {
				a.run.enqueue(job.ID)
			}
			return err
		})
		for _, id := range ids {
			for {
				j, err := a.st.Job(context.Background(), id)
				require.NoError(b, err)
				if j.Status != store.JobInProgress {
					break
				}
				time.Sleep(time.Millisecond)
			}
		}
	}
	return ids
}

// parallel runs fn(0) to fn(n-1) from loadConcurrency goroutines.
func parallel(b *testing.B, n int, fn func(int) error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, loadConcurrency)
	for range loadConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				if err := fn(i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	require.NoError(b, <-errs)
}

// loadRound is the size of a round of requests to one server.
const loadRound = 1000

// runLoad sends b.N requests to the baseline and b.N to the server, in
// alternating rounds, from clients goroutines; the i-th request to each has
// the body baselineBody(i) or serverBody(i), and must succeed.
func runLoad(b *testing.B, baselineURL, serverURL, target string, baselineBody, serverBody func(int) string, clients int) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients,
		MaxConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	sides := []*loadSide{
		{name: "baseline", url: baselineURL},
		{name: "server", url: serverURL},
	}
	for _, s := range sides {
		body := baselineBody
		if s.name == "server" {
			body = serverBody
		}
		s.bodies = make([][]byte, b.N)
		for i := range s.bodies {
			s.bodies[i] = []byte(body(i))
		}
		s.latencies = make([]time.Duration, b.N)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for from := 0; from < b.N; from += loadRound {
		to := min(from+loadRound, b.N)
		for _, s := range sides {
			if err := s.round(client, target, from, to, clients); err != nil {
				b.Fatalf("%s: %v", s.name, err)
			}
		}
	}
	b.StopTimer()
	for _, s := range sides {
		slices.Sort(s.latencies)
		b.ReportMetric(float64(b.N)/s.elapsed.Seconds(), s.name+"-req/s")
		b.ReportMetric(float64(s.latencies[len(s.latencies)*99/100].Microseconds())/1000, s.name+"-p99-ms")
		b.ReportMetric(float64(s.cpu.Microseconds())/float64(b.N), s.name+"-cpu-µs/req")
	}
	b.ReportMetric(sides[0].elapsed.Seconds()/sides[1].elapsed.Seconds(), "x-baseline")
}

// loadSide is one of the two servers of a load run.
type loadSide struct {
	name      string
	url       string
	bodies    [][]byte
	latencies []time.Duration
	elapsed   time.Duration
	cpu       time.Duration // the process's CPU time (client, server and all)
}

// round sends the requests from to to, from clients goroutines.
func (s *loadSide) round(client *http.Client, target string, from, to, clients int) error {
	var next atomic.Int64
	next.Store(int64(from))
	var failed atomic.Pointer[string]
	var wg sync.WaitGroup
	cpu0 := processCPU()
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < to && failed.Load() == nil; i = int(next.Add(1) - 1) {
				t0 := time.Now()
				req, _ := http.NewRequest(http.MethodPost, s.url, bytes.NewReader(s.bodies[i]))
				req.Header.Set("Content-Type", lookout.ContentType)
				req.Header.Set("X-Amz-Target", target)
				resp, err := client.Do(req)
				if err != nil {
					msg := err.Error()
					failed.Store(&msg)
					return
				}
				data, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					msg := resp.Status + ": " + string(data)
					failed.Store(&msg)
					return
				}
				s.latencies[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	s.elapsed += time.Since(start)
	s.cpu += processCPU() - cpu0
	if msg := failed.Load(); msg != nil {
		return errors.New(*msg)
	}
	return nil
}

// processCPU returns the CPU time the process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
