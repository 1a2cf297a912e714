package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// loadConcurrency is the number of clients sending requests at once.
const loadConcurrency = 64

// BenchmarkLoad drives the server over HTTP from 64 concurrent clients,
// each operation beside its baseline in the same run: a plain net/http
// handler that decodes the same body with encoding/json and writes a fixed
// response. The server is the whole stack (one log line per request,
// formatted and written to io.Discard; the lookout handler; the store on a
// database file on disk); a Start is committed and synced before its 200,
// and queued for the workers, which are busy meanwhile (the jobs' bucket
// holds them IN_PROGRESS, as jobs of real size would). DescribeDataIngestionJob
// is asked for 200 jobs that read the sample bucket and ended SUCCESS: each
// answer carries every figure (about 1 KB).
// The two are sent b.N requests each, in alternating rounds of 1,000, so
// that a machine whose load changes meanwhile weighs on both alike. Each
// reports requests per second (server-req/s, baseline-req/s), their ratio
// (x-baseline), the 99th percentile of latency (server-p99-ms,
// baseline-p99-ms), and the CPU time of the whole process (clients
// included) per request (server-cpu-µs/req, baseline-cpu-µs/req), a
// figure that depends less on the machine's other load than the rates.
//
//	go test -run '^$' -bench BenchmarkLoad -benchtime 20000x ./examples/server
func BenchmarkLoad(b *testing.B) {
	b.Run("DescribeDataIngestionJob", func(b *testing.B) {
		var req lookout.DescribeDataIngestionJobRequest
		a, url := loadServer(b, dirSources{dir: "testdata"})
		ids := startJobs(b, a, 200)
		body := func(i int) string { return `{"JobId":"` + ids[i%len(ids)] + `"}` }
		runLoad(b, baselineServer(b, &req), url, target("DescribeDataIngestionJob"), body, body)
	})
	b.Run("StartDataIngestionJob", func(b *testing.B) {
		var req lookout.StartDataIngestionJobRequest
		a, url := loadServer(b, heldSources{})
		createDatasets(b, a, b.N)
		runLoad(b, baselineServer(b, &req), url, target("StartDataIngestionJob"),
			func(i int) string { return startBody(i + b.N) }, startBody)
	})
}

// startBody is the body of the i-th Start: a dataset of its own.
func startBody(i int) string {
	return fmt.Sprintf(`{"ClientToken":"token-%d","DatasetName":"load-%d",`+
		`"IngestionInputConfiguration":{"S3InputConfiguration":{"Bucket":"no-such-bucket","Prefix":"plant-1/pumps/"}},`+
		`"RoleArn":"arn:aws:iam::123456789012:role/LookoutEquipmentIngestion"}`, i, i)
}

// baselineServer serves a handler that decodes the body into a fresh v's
// type with encoding/json and writes a fixed response.
func baselineServer[T any](b *testing.B, _ *T) string {
	fixed := []byte(`{"JobId":"0123456789abcdef0123456789abcdef","Status":"IN_PROGRESS"}`)
	return serveLoad(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v T
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
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
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
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

// startJobs starts n jobs over the sample bucket, each on a dataset of its
// own, waits for them to end (SUCCESS, with every figure), and returns
// their ids.
func startJobs(b *testing.B, a *app, n int) []string {
	createDatasets(b, a, n)
	ids := make([]string, n)
	parallel(b, n, func(i int) error {
		job, _, err := a.st.StartJob(context.Background(), store.NewJob{Dataset: fmt.Sprintf("load-%d", i),
			ClientToken: fmt.Sprint(i), Input: store.JobInput{Bucket: sampleBucket, Prefix: &samplePrefix,
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
// alternating rounds, from loadConcurrency clients; the i-th request to
// each has the body baselineBody(i) or serverBody(i), and must succeed.
func runLoad(b *testing.B, baselineURL, serverURL, target string, baselineBody, serverBody func(int) string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: loadConcurrency,
		MaxConnsPerHost: loadConcurrency}}
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
			if err := s.round(client, target, from, to); err != nil {
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

// round sends the requests from to to, from loadConcurrency clients.
func (s *loadSide) round(client *http.Client, target string, from, to int) error {
	var next atomic.Int64
	next.Store(int64(from))
	var failed atomic.Pointer[string]
	var wg sync.WaitGroup
	cpu0 := processCPU()
	start := time.Now()
	for range loadConcurrency {
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
