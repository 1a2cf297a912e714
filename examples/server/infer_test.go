package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/inference"
)

// fakeModels are trained models held in memory: the trainedModels seam
// with detectors trained in the test, not by the server.
type fakeModels struct {
	mu sync.Mutex
	m  map[string]trainedModel
}

func (f *fakeModels) active(_ context.Context, name string) (trainedModel, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, ok := f.m[name]
	if !ok {
		return trainedModel{}, &store.NotFoundError{Resource: "Model", Name: name}
	}
	return m, nil
}

// pumpSignal is the test machine's sensors at Unix second t: a daily cycle in
// a, b twice a, with a little noise.
func pumpSignal(t int64, rng *rand.Rand) (a, b float64) {
	day := 2 * math.Pi * float64(t%86400) / 86400
	a = 10 + 3*math.Sin(day) + 0.1*rng.NormFloat64()
	return a, 2*a + 0.1*rng.NormFloat64()
}

var (
	pumpOnce  sync.Once
	pumpModel *detect.Model
	pumpErr   error
)

// trainedPump is a detector trained on 15 days of signal at 1 minute,
// sensors pump\a and pump\b.
func trainedPump(t testing.TB) *detect.Model {
	t.Helper()
	pumpOnce.Do(func() {
		rng := rand.New(rand.NewPCG(1, 2))
		const rows = 15 * 1440
		start := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).Unix()
		f := &detect.Frame{Start: start, Step: 60, Sensors: []string{`pump\a`, `pump\b`},
			Columns: [][]float64{make([]float64, rows), make([]float64, rows)}}
		for i := range rows {
			f.Columns[0][i], f.Columns[1][i] = pumpSignal(start+int64(i)*60, rng)
		}
		pumpModel, pumpErr = detect.Train(f, detect.Options{})
	})
	require.NoError(t, pumpErr)
	return pumpModel
}

// pumpModels holds the model "pump-model" (SUCCESS, off when pump\b is
// below -50) and "training" (IN_PROGRESS).
func pumpModels(t testing.TB) *fakeModels {
	det := trainedPump(t)
	off, err := detect.ParseOffCondition(`pump\b < -50`)
	require.NoError(t, err)
	comps := []inference.Component{{Name: "pump", Sensors: []string{"a", "b"}}}
	return &fakeModels{m: map[string]trainedModel{
		"pump-model": {Name: "pump-model", ARN: "arn:aws:lookoutequipment:us-east-1:123456789012:model/pump-model/1",
			Status: lookout.ModelStatusSuccess, Version: 1, VersionARN: "arn:aws:lookoutequipment:us-east-1:123456789012:model/pump-model/1/model-version/1",
			Detector: det, Components: comps, Rate: time.Minute, Off: off},
		"training": {Name: "training", ARN: "arn:aws:lookoutequipment:us-east-1:123456789012:model/training/2",
			Status: lookout.ModelStatusInProgress, Components: comps},
	}}
}

// writePumpFile writes the input file of component pump named at name
// time, with a row every 30 s in [from, to]; rows whose time is in
// [spikeFrom, spikeTo] have a spike on a, and the row at offAt has b off.
func writePumpFile(t *testing.T, dir string, name, from, to, spikeFrom, spikeTo, offAt time.Time) {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	b.WriteString("Timestamp,a,b\n")
	for ts := from; !ts.After(to); ts = ts.Add(30 * time.Second) {
		a, v := pumpSignal(ts.Unix(), rng)
		if !ts.Before(spikeFrom) && !ts.After(spikeTo) {
			a += 1000
		}
		if ts.Equal(offAt) {
			v = -100
		}
		fmt.Fprintf(&b, "%s,%.3f,%.3f\n", ts.UTC().Format("2006-01-02 15:04:05"), a, v)
	}
	key := filepath.Join(dir, "in", "plant", "pump"+name.UTC().Format("20060102150405")+".csv")
	require.NoError(t, os.MkdirAll(filepath.Dir(key), 0o755))
	require.NoError(t, os.WriteFile(key, []byte(b.String()), 0o644))
}

func createRequest(name, token string) *lookout.CreateInferenceSchedulerRequest {
	return &lookout.CreateInferenceSchedulerRequest{
		ClientToken: token, InferenceSchedulerName: name, ModelName: "pump-model",
		DataUploadFrequency:    lookout.DataUploadFrequency("PT5M"),
		DataInputConfiguration: &lookout.InferenceInputConfiguration{S3InputConfiguration: &lookout.InferenceS3InputConfiguration{Bucket: "in", Prefix: new("plant/")}},
		DataOutputConfiguration: &lookout.InferenceOutputConfiguration{
			S3OutputConfiguration: &lookout.InferenceS3OutputConfiguration{Bucket: "out", Prefix: new("results/")}},
		RoleArn: "arn:aws:iam::123456789012:role/Inference",
		Tags:    []lookout.Tag{{Key: "site", Value: new("north")}},
	}
}

// inferConfig is a test configuration over the buckets of dir, with the
// models given, its database at db.
func inferConfig(dir, db string, models trainedModels) config {
	cfg := testConfig()
	cfg.src, cfg.db, cfg.models = dirSources{dir: dir}, db, models
	return cfg
}

// executions lists every execution of the scheduler, newest first, by
// pages of one (the pagination is part of what is checked).
func executions(t *testing.T, s *service, name string, f func(*lookout.ListInferenceExecutionsRequest)) []lookout.InferenceExecutionSummary {
	t.Helper()
	var out []lookout.InferenceExecutionSummary
	req := &lookout.ListInferenceExecutionsRequest{InferenceSchedulerName: name, MaxResults: new(int32(1))}
	if f != nil {
		f(req)
	}
	for {
		resp, err := s.ListInferenceExecutions(context.Background(), req)
		require.NoError(t, err)
		out = append(out, resp.InferenceExecutionSummaries...)
		if resp.NextToken == nil {
			return out
		}
		require.Len(t, resp.InferenceExecutionSummaries, 1)
		req.NextToken = resp.NextToken
	}
}

// waitRuns waits until the scheduler has n executions, none in progress.
func waitRuns(t *testing.T, s *service, name string, n int) []lookout.InferenceExecutionSummary {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		list := executions(t, s, name, nil)
		done := len(list) == n
		for _, e := range list {
			done = done && e.Status != lookout.InferenceExecutionStatusInProgress
		}
		if done {
			return list
		}
		require.True(t, time.Now().Before(deadline), "waiting for %d runs, have %+v", n, list)
		s.infer.notify()
		time.Sleep(5 * time.Millisecond)
	}
}

// decimals matches a number with more than 5 decimals.
var decimals = regexp.MustCompile(`\d\.\d{6,}`)

// checkResults checks every rule of results.jsonl lines (the documented
// form; at most 5 decimals; score in [0, 1]; prediction 1 exactly above
// 0.5; every sensor in schema order, shares adding to 1; MACHINE_OFF
// lines without score or diagnostics; lines in time order) and returns
// the lines' reasons by time.
func checkResults(t *testing.T, body string, sensors []string) map[string]string {
	t.Helper()
	reasons := map[string]string{}
	var last string
	for line := range strings.Lines(body) {
		var l struct {
			Timestamp   string   `json:"timestamp"`
			Prediction  *int     `json:"prediction"`
			Reason      string   `json:"prediction_reason"`
			Score       *float64 `json:"anomaly_score"`
			Diagnostics []struct {
				Name  string  `json:"name"`
				Value float64 `json:"value"`
			} `json:"diagnostics"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &l), line)
		require.False(t, decimals.MatchString(strings.Replace(line, l.Timestamp, "", 1)), "more than 5 decimals: %s", line)
		_, err := time.Parse(detect.TimeLayout, l.Timestamp)
		require.NoError(t, err)
		require.Greater(t, l.Timestamp, last, "lines in time order")
		last = l.Timestamp
		require.NotNil(t, l.Prediction)
		reasons[l.Timestamp] = l.Reason
		if l.Reason == "MACHINE_OFF" {
			assert.Equal(t, 0, *l.Prediction)
			assert.Nil(t, l.Score)
			assert.Nil(t, l.Diagnostics)
			continue
		}
		require.NotNil(t, l.Score, line)
		assert.True(t, *l.Score >= 0 && *l.Score <= 1)
		assert.Equal(t, *l.Score > 0.5, *l.Prediction == 1, line)
		want := map[bool]string{true: "ANOMALY_DETECTED", false: "NO_ANOMALY_DETECTED"}[*l.Prediction == 1]
		assert.Equal(t, want, l.Reason)
		require.Len(t, l.Diagnostics, len(sensors))
		sum := 0.0
		for i, d := range l.Diagnostics {
			assert.Equal(t, sensors[i], d.Name)
			sum += d.Value
		}
		assert.InDelta(t, 1, sum, 0.001)
	}
	return reasons
}

// TestInferenceRuns follows a scheduler through runs that succeed (results
// in the service's form, an event across two runs, LatestInferenceResult),
// a restart after which its missed runs are made in order and fail for
// want of data with the service's text, the filters and pages of its
// executions, and its stop and delete.
func TestInferenceRuns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "out"), 0o755))
	models := pumpModels(t)
	at := func(h, m, s int) time.Time { return time.Date(2024, 6, 1, h, m, s, 0, time.UTC) }
	// Rows from 11:50 to 12:05, a spike from 11:58:30 to 12:01 (grid
	// points 11:59, 12:00 and 12:01), b off at 11:57.
	writePumpFile(t, dir, at(11, 50, 0), at(11, 50, 0), at(12, 5, 0), at(11, 58, 30), at(12, 1, 0), at(11, 57, 0))
	cfg := inferConfig(dir, filepath.Join(dir, "lookout.db"), models)
	clk := newFakeClock() // 12:00:00
	ctx := context.Background()

	a, err := newApp(ctx, cfg, discardLogger(), clk.Now)
	require.NoError(t, err)
	s := a.svc
	resp, err := s.CreateInferenceScheduler(ctx, createRequest("pump-watch", "tok-1"))
	require.NoError(t, err)
	assert.Equal(t, lookout.InferenceSchedulerStatusPending, resp.Status)
	assert.True(t, strings.HasPrefix(resp.InferenceSchedulerArn, "arn:aws:lookoutequipment:us-east-1:123456789012:inference-scheduler/pump-watch/"))

	list := waitRuns(t, s, "pump-watch", 1)
	require.Equal(t, lookout.InferenceExecutionStatusSuccess, list[0].Status, list[0].FailedReason)
	require.NotNil(t, list[0].CustomerResultObject)
	assert.Equal(t, lookout.S3Object{Bucket: "out", Key: "results/2024-06-01T12:00:00Z/results.jsonl"}, *list[0].CustomerResultObject)
	assert.Equal(t, at(11, 55, 0), list[0].DataStartTime.Time())
	assert.Equal(t, at(12, 0, 0), list[0].DataEndTime.Time())
	assert.Equal(t, int64(1), *list[0].ModelVersion)
	body, err := os.ReadFile(filepath.Join(dir, "out", "results", "2024-06-01T12:00:00Z", "results.jsonl"))
	require.NoError(t, err)
	reasons := checkResults(t, string(body), []string{`pump\a`, `pump\b`})
	assert.Equal(t, map[string]string{
		"2024-06-01T11:56:00.000000": "NO_ANOMALY_DETECTED", "2024-06-01T11:57:00.000000": "MACHINE_OFF",
		"2024-06-01T11:58:00.000000": "NO_ANOMALY_DETECTED", "2024-06-01T11:59:00.000000": "ANOMALY_DETECTED",
		"2024-06-01T12:00:00.000000": "ANOMALY_DETECTED",
	}, reasons)
	d, err := s.DescribeInferenceScheduler(ctx, &lookout.DescribeInferenceSchedulerRequest{InferenceSchedulerName: "pump-watch"})
	require.NoError(t, err)
	assert.Equal(t, lookout.LatestInferenceResultAnomalous, d.LatestInferenceResult)
	assert.Equal(t, lookout.InferenceSchedulerStatusRunning, d.Status)

	// The next wake-up: 12:05, whose first line (12:01) extends the event.
	clk.Advance(5 * time.Minute)
	list = waitRuns(t, s, "pump-watch", 2)
	require.Equal(t, lookout.InferenceExecutionStatusSuccess, list[0].Status, list[0].FailedReason)
	events, err := s.ListInferenceEvents(ctx, &lookout.ListInferenceEventsRequest{InferenceSchedulerName: "pump-watch",
		IntervalStartTime: new(lookout.TimestampOf(at(11, 0, 0))), IntervalEndTime: new(lookout.TimestampOf(at(13, 0, 0)))})
	require.NoError(t, err)
	require.Len(t, events.InferenceEventSummaries, 1)
	ev := events.InferenceEventSummaries[0]
	assert.Equal(t, at(11, 59, 0), ev.EventStartTime.Time())
	assert.Equal(t, at(12, 1, 0), ev.EventEndTime.Time())
	assert.Equal(t, int64(120), *ev.EventDurationInSeconds)
	var diag []struct {
		Name  string  `json:"name"`
		Value float64 `json:"value"`
	}
	require.NoError(t, json.Unmarshal([]byte(ev.Diagnostics), &diag))
	require.Len(t, diag, 2)
	assert.Equal(t, `pump\a`, diag[0].Name, "the spiked sensor first")
	assert.GreaterOrEqual(t, diag[0].Value, diag[1].Value)
	// An interval ending at the event's start does not overlap it.
	events, err = s.ListInferenceEvents(ctx, &lookout.ListInferenceEventsRequest{InferenceSchedulerName: "pump-watch",
		IntervalStartTime: new(lookout.TimestampOf(at(11, 0, 0))), IntervalEndTime: new(lookout.TimestampOf(at(11, 59, 0)))})
	require.NoError(t, err)
	assert.Empty(t, events.InferenceEventSummaries)

	// The server stops; while it is down, 12:10 and 12:15 fall due.
	require.NoError(t, a.close())
	clk.Advance(10 * time.Minute)
	a, err = newApp(ctx, cfg, discardLogger(), clk.Now)
	require.NoError(t, err)
	defer func() { assert.NoError(t, a.close()) }()
	s = a.svc
	list = waitRuns(t, s, "pump-watch", 4)
	var scheduled []time.Time
	for _, e := range list {
		scheduled = append(scheduled, e.ScheduledStartTime.Time())
	}
	assert.Equal(t, []time.Time{at(12, 15, 0), at(12, 10, 0), at(12, 5, 0), at(12, 0, 0)}, scheduled, "newest first")
	assert.Equal(t, lookout.InferenceExecutionStatusFailed, list[1].Status)
	assert.Equal(t, "Could not find data file for sensor pump within expected range of (2024-06-01T12:05:00Z, 2024-06-01T12:10:00Z]. "+
		"Please ensure data is present in the expected location.", list[1].FailedReason)
	assert.Nil(t, list[1].CustomerResultObject)
	d, err = s.DescribeInferenceScheduler(ctx, &lookout.DescribeInferenceSchedulerRequest{InferenceSchedulerName: "pump-watch"})
	require.NoError(t, err)
	assert.Equal(t, lookout.LatestInferenceResultNormal, d.LatestInferenceResult)

	// Filters.
	failed := executions(t, s, "pump-watch", func(r *lookout.ListInferenceExecutionsRequest) {
		r.Status = lookout.InferenceExecutionStatusFailed
	})
	assert.Len(t, failed, 2)
	after := executions(t, s, "pump-watch", func(r *lookout.ListInferenceExecutionsRequest) {
		r.DataStartTimeAfter = new(lookout.TimestampOf(at(12, 5, 0)))
	})
	require.Len(t, after, 2)
	assert.Equal(t, at(12, 15, 0), after[0].ScheduledStartTime.Time())
	before := executions(t, s, "pump-watch", func(r *lookout.ListInferenceExecutionsRequest) {
		r.DataEndTimeBefore = new(lookout.TimestampOf(at(12, 5, 0)))
	})
	require.Len(t, before, 2)
	assert.Equal(t, at(12, 5, 0), before[0].ScheduledStartTime.Time())

	// Start on RUNNING and Delete on RUNNING conflict; Stop, then Delete.
	var conflict *lookout.ConflictException
	_, err = s.StartInferenceScheduler(ctx, &lookout.StartInferenceSchedulerRequest{InferenceSchedulerName: "pump-watch"})
	require.ErrorAs(t, err, &conflict)
	_, err = s.DeleteInferenceScheduler(ctx, &lookout.DeleteInferenceSchedulerRequest{InferenceSchedulerName: "pump-watch"})
	require.ErrorAs(t, err, &conflict)
	stop, err := s.StopInferenceScheduler(ctx, &lookout.StopInferenceSchedulerRequest{InferenceSchedulerName: "pump-watch"})
	require.NoError(t, err)
	assert.Contains(t, []lookout.InferenceSchedulerStatus{lookout.InferenceSchedulerStatusStopped, lookout.InferenceSchedulerStatusStopping},
		stop.Status, "STOPPING while a run is under way")
	require.Eventually(t, func() bool {
		d, err := s.DescribeInferenceScheduler(ctx, &lookout.DescribeInferenceSchedulerRequest{InferenceSchedulerName: "pump-watch"})
		return err == nil && d.Status == lookout.InferenceSchedulerStatusStopped
	}, 10*time.Second, 5*time.Millisecond)
	_, err = s.DeleteInferenceScheduler(ctx, &lookout.DeleteInferenceSchedulerRequest{InferenceSchedulerName: "pump-watch"})
	require.NoError(t, err)
	var nf *lookout.ResourceNotFoundException
	_, err = s.DescribeInferenceScheduler(ctx, &lookout.DescribeInferenceSchedulerRequest{InferenceSchedulerName: "pump-watch"})
	require.ErrorAs(t, err, &nf)
}

// TestInferenceSchedulerLifecycle checks the states, the conflicts, the
// token's idempotency, the quota, the tags and the list's filters and
// pages (there is no input: the runs made fail, which nothing here
// depends on).
func TestInferenceSchedulerLifecycle(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := inferConfig(dir, store.Memory, pumpModels(t))
	cfg.maxSchedulers = 3
	a, _ := newTestApp(t, cfg)
	s, ctx := a.svc, context.Background()

	var (
		conflict *lookout.ConflictException
		nf       *lookout.ResourceNotFoundException
		quota    *lookout.ServiceQuotaExceededException
		invalid  *lookout.ValidationException
	)
	req := createRequest("b-sched", "tok-b")
	first, err := s.CreateInferenceScheduler(ctx, req)
	require.NoError(t, err)
	again, err := s.CreateInferenceScheduler(ctx, req)
	require.NoError(t, err, "the same token and parameters: the same scheduler")
	assert.Equal(t, first.InferenceSchedulerArn, again.InferenceSchedulerArn)
	other := createRequest("b-sched", "tok-b")
	other.DataUploadFrequency = "PT10M"
	_, err = s.CreateInferenceScheduler(ctx, other)
	require.ErrorAs(t, err, &conflict, "the token with other parameters")
	_, err = s.CreateInferenceScheduler(ctx, createRequest("b-sched", "tok-other"))
	require.ErrorAs(t, err, &conflict, "the name is taken")

	for _, tc := range []struct {
		name   string
		modify func(*lookout.CreateInferenceSchedulerRequest)
		target any
	}{
		{"missing model", func(r *lookout.CreateInferenceSchedulerRequest) { r.ModelName = "nope" }, &nf},
		{"model not SUCCESS", func(r *lookout.CreateInferenceSchedulerRequest) { r.ModelName = "training" }, &conflict},
		{"zone out of range", func(r *lookout.CreateInferenceSchedulerRequest) {
			r.DataInputConfiguration.InputTimeZoneOffset = "+15:00"
		}, &invalid},
	} {
		r := createRequest("x-"+strings.ReplaceAll(tc.name, " ", "-"), "tok-"+tc.name)
		tc.modify(r)
		_, err := s.CreateInferenceScheduler(ctx, r)
		require.Error(t, err, tc.name)
		assert.True(t, errors.As(err, tc.target), "%s: %v", tc.name, err)
	}

	_, err = s.CreateInferenceScheduler(ctx, createRequest("a-sched", "tok-a"))
	require.NoError(t, err)
	_, err = s.CreateInferenceScheduler(ctx, createRequest("c-sched", "tok-c"))
	require.NoError(t, err)
	_, err = s.CreateInferenceScheduler(ctx, createRequest("d-sched", "tok-d"))
	require.ErrorAs(t, err, &quota)

	tags, err := s.ListTagsForResource(ctx, &lookout.ListTagsForResourceRequest{ResourceArn: first.InferenceSchedulerArn})
	require.NoError(t, err)
	assert.Equal(t, []lookout.Tag{{Key: "site", Value: new("north")}}, tags.Tags)

	// Stop, then the states' rules.
	stop, err := s.StopInferenceScheduler(ctx, &lookout.StopInferenceSchedulerRequest{InferenceSchedulerName: "c-sched"})
	require.NoError(t, err)
	assert.Contains(t, []lookout.InferenceSchedulerStatus{lookout.InferenceSchedulerStatusStopped, lookout.InferenceSchedulerStatusStopping}, stop.Status)
	require.Eventually(t, func() bool {
		d, err := s.DescribeInferenceScheduler(ctx, &lookout.DescribeInferenceSchedulerRequest{InferenceSchedulerName: "c-sched"})
		return err == nil && d.Status == lookout.InferenceSchedulerStatusStopped
	}, 10*time.Second, 5*time.Millisecond)
	start, err := s.StartInferenceScheduler(ctx, &lookout.StartInferenceSchedulerRequest{InferenceSchedulerName: "c-sched"})
	require.NoError(t, err)
	assert.Equal(t, lookout.InferenceSchedulerStatusRunning, start.Status)
	_, err = s.StartInferenceScheduler(ctx, &lookout.StartInferenceSchedulerRequest{InferenceSchedulerName: "c-sched"})
	require.ErrorAs(t, err, &conflict)
	_, err = s.StopInferenceScheduler(ctx, &lookout.StopInferenceSchedulerRequest{InferenceSchedulerName: "c-sched"})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		d, err := s.DescribeInferenceScheduler(ctx, &lookout.DescribeInferenceSchedulerRequest{InferenceSchedulerName: "c-sched"})
		return err == nil && d.Status == lookout.InferenceSchedulerStatusStopped
	}, 10*time.Second, 5*time.Millisecond, "STOPPING ends STOPPED once the run in progress ends")

	// Update applies to the stored configuration.
	_, err = s.UpdateInferenceScheduler(ctx, &lookout.UpdateInferenceSchedulerRequest{InferenceSchedulerName: "a-sched",
		DataUploadFrequency: "PT15M", DataDelayOffsetInMinutes: new(int64(5))})
	require.NoError(t, err)
	d, err := s.DescribeInferenceScheduler(ctx, &lookout.DescribeInferenceSchedulerRequest{InferenceSchedulerName: "a-sched"})
	require.NoError(t, err)
	assert.Equal(t, lookout.DataUploadFrequency("PT15M"), d.DataUploadFrequency)
	assert.Equal(t, int64(5), *d.DataDelayOffsetInMinutes)
	assert.Equal(t, "in", d.DataInputConfiguration.S3InputConfiguration.Bucket)

	// The list: by name, in pages, filtered.
	var names []string
	lr := &lookout.ListInferenceSchedulersRequest{MaxResults: new(int32(2))}
	for {
		resp, err := s.ListInferenceSchedulers(ctx, lr)
		require.NoError(t, err)
		for _, sum := range resp.InferenceSchedulerSummaries {
			names = append(names, sum.InferenceSchedulerName)
		}
		if resp.NextToken == nil {
			break
		}
		lr.NextToken = resp.NextToken
	}
	assert.Equal(t, []string{"a-sched", "b-sched", "c-sched"}, names)
	resp, err := s.ListInferenceSchedulers(ctx, &lookout.ListInferenceSchedulersRequest{Status: lookout.InferenceSchedulerStatusStopped})
	require.NoError(t, err)
	require.Len(t, resp.InferenceSchedulerSummaries, 1)
	assert.Equal(t, "c-sched", resp.InferenceSchedulerSummaries[0].InferenceSchedulerName)
	resp, err = s.ListInferenceSchedulers(ctx, &lookout.ListInferenceSchedulersRequest{InferenceSchedulerNameBeginsWith: "b"})
	require.NoError(t, err)
	require.Len(t, resp.InferenceSchedulerSummaries, 1)
	_, err = s.ListInferenceSchedulers(ctx, &lookout.ListInferenceSchedulersRequest{Status: lookout.InferenceSchedulerStatusRunning, NextToken: lr.NextToken})
	if lr.NextToken != nil {
		require.ErrorAs(t, err, &invalid, "a token of another filter")
	}
}

// TestInferenceModelDeleted: a run whose model was deleted fails, and
// says so.
func TestInferenceModelDeleted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	models := pumpModels(t)
	a, _ := newTestApp(t, inferConfig(dir, store.Memory, models))
	s, ctx := a.svc, context.Background()
	// The model exists for the create's check, and is gone when the run
	// reads it.
	gone := &gateModels{models: models, create: true}
	s.models = gone
	_, err := s.CreateInferenceScheduler(ctx, createRequest("orphan", "tok-o"))
	require.NoError(t, err)
	list := waitRuns(t, s, "orphan", 1)
	assert.Equal(t, lookout.InferenceExecutionStatusFailed, list[0].Status)
	assert.Equal(t, modelGoneReason("pump-model"), list[0].FailedReason)
}

// gateModels answers the model for the first call (the create's check)
// and says it does not exist afterwards.
type gateModels struct {
	mu     sync.Mutex
	models *fakeModels
	create bool
}

func (g *gateModels) active(ctx context.Context, name string) (trainedModel, error) {
	g.mu.Lock()
	first := g.create
	g.create = false
	g.mu.Unlock()
	if first {
		return g.models.active(ctx, name)
	}
	return trainedModel{}, &store.NotFoundError{Resource: "Model", Name: name}
}
