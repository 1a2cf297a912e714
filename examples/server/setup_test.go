package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testConfig is a configuration as the flags give it by default, with no
// rate limit, a database in memory, and buckets whose listing waits for
// the job to be stopped: jobs stay IN_PROGRESS for as long as the test runs.
func testConfig() config {
	return config{
		addr:           "127.0.0.1:0",
		db:             store.Memory,
		dataDir:        "testdata",
		workers:        defaultWorkers,
		maxPending:     defaultMaxPending,
		maxDatasets:    defaultMaxDatasets,
		maxLabelGroups: defaultMaxLabelGroups,
		maxModels:      defaultMaxModels,
		account:        defaultAccount,
		region:         defaultRegion,
		timeouts:       defaultTimeouts,
		src:            heldSources{},
	}
}

// heldSources are buckets whose listing waits until the job is stopped.
type heldSources struct{}

func (heldSources) bucket(string) ingest.Source { return heldBucket{} }

type heldBucket struct{}

func (heldBucket) List(ctx context.Context, _ string, _ func(ingest.Object) error) error {
	<-ctx.Done()
	return ctx.Err()
}

func (heldBucket) Open(ctx context.Context, _ string, _, _ int64) (io.ReadCloser, error) {
	return nil, errors.New("held bucket: nothing to open")
}

// newTestApp builds the full handler stack of cfg on a fake clock, logging
// nowhere, with the datasets named, and closes it when the test ends.
func newTestApp(t *testing.T, cfg config, datasets ...string) (*app, *fakeClock) {
	t.Helper()
	clock := newFakeClock()
	return newTestAppLogging(t, cfg, slog.New(slog.DiscardHandler), clock.Now, datasets...), clock
}

// newTestAppLogging is newTestApp logging to logger on the clock now.
func newTestAppLogging(t *testing.T, cfg config, logger *slog.Logger, now func() time.Time, datasets ...string) *app {
	t.Helper()
	a, err := newApp(context.Background(), cfg, logger, now)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, a.close()) })
	for _, name := range datasets {
		_, _, err := a.st.CreateDataset(context.Background(), store.NewDataset{Name: name})
		require.NoError(t, err)
	}
	return a
}

// jobCount counts the jobs of the app's store.
func jobCount(t *testing.T, a *app) int {
	t.Helper()
	n := 0
	p := store.Page{Limit: store.MaxPageSize}
	for {
		jobs, next, err := a.st.ListJobs(context.Background(), store.JobFilter{}, p)
		require.NoError(t, err)
		n += len(jobs)
		if next == "" {
			return n
		}
		p.Token = next
	}
}

// requestBody is the JSON body of a valid request.
type requestBody struct {
	ClientToken string
	DatasetName string
	Bucket      string
	Prefix      string
	RoleArn     string
}

func validRequest(token string) requestBody {
	return requestBody{
		ClientToken: token,
		DatasetName: "pump-station_7",
		Bucket:      "sensor-data.example",
		Prefix:      "plant-1/pumps/",
		RoleArn:     "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion",
	}
}

func (b requestBody) JSON(t *testing.T) string {
	t.Helper()
	s3 := map[string]string{"Bucket": b.Bucket}
	if b.Prefix != "" {
		s3["Prefix"] = b.Prefix
	}
	m := map[string]any{
		"DatasetName":                 b.DatasetName,
		"IngestionInputConfiguration": map[string]any{"S3InputConfiguration": s3},
		"RoleArn":                     b.RoleArn,
	}
	if b.ClientToken != "" {
		m["ClientToken"] = b.ClientToken
	}
	data, err := json.Marshal(m)
	require.NoError(t, err)
	return string(data)
}

// post sends body to h as an AWS client sends StartDataIngestionJob.
func post(t *testing.T, h http.Handler, body string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set("Content-Type", lookout.ContentType)
	req.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

// answer is what a response said.
type answer struct {
	Status    int
	ErrorType string
	Body      string
}

func read(t *testing.T, resp *http.Response) answer {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return answer{Status: resp.StatusCode, ErrorType: resp.Header.Get(errorTypeHeader), Body: string(body)}
}

// startJob posts a request that must succeed and returns the job.
func startJob(t *testing.T, h http.Handler, body string) lookout.StartDataIngestionJobResponse {
	t.Helper()
	a := read(t, post(t, h, body))
	require.Equal(t, http.StatusOK, a.Status, a.Body)
	require.Empty(t, a.ErrorType)
	var out lookout.StartDataIngestionJobResponse
	require.NoError(t, json.Unmarshal([]byte(a.Body), &out))
	return out
}

// errorBody is the body of an error response: the protocol's own errors are
// in the namespace AWS's services give them.
func errorBody(t *testing.T, code, message string) string {
	t.Helper()
	ns := "com.amazonaws.lookoutequipment#"
	if code == lookout.CodeSerialization || code == lookout.CodeUnknownOperation {
		ns = "com.amazon.coral.service#"
	}
	data, err := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string
	}{ns + code, message})
	require.NoError(t, err)
	return string(data)
}

// httptestServer serves h on a test server closed when the test ends, and
// returns its URL.
func httptestServer(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// target is the X-Amz-Target header of the operation op.
func target(op string) string {
	return lookout.TargetStartDataIngestionJob[:len(lookout.TargetStartDataIngestionJob)-len("StartDataIngestionJob")] + op
}

// decodeStart reads the body of a successful StartDataIngestionJob.
func decodeStart(t *testing.T, body string) lookout.StartDataIngestionJobResponse {
	t.Helper()
	var out lookout.StartDataIngestionJobResponse
	require.NoError(t, json.Unmarshal([]byte(body), &out))
	return out
}
