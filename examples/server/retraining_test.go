package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

func TestFrequencyDays(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{
		"P30D": 30, "P1M": 30, "P1Y": 365, "P3M15D": 105, "P12M": 360, "P150D": 150, "P11M35D": 365, "P0Y30D": 30,
		"P": -1, "P0D": -1, "P29D": -1, "P1Y1D": -1, "P13M": -1, "P366D": -1, "30D": -1, "P1D1M": -1, "PT1H": -1, "": -1,
		"P2Y": -1,
	} {
		got, err := frequencyDays(in)
		if want < 0 {
			var ve *lookout.ValidationException
			assert.ErrorAs(t, err, &ve, in)
			continue
		}
		if assert.NoError(t, err, in) {
			assert.Equal(t, want, got, in)
		}
	}
}

func TestFirstRun(t *testing.T) {
	t.Parallel()
	anchor := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		now, want time.Time
	}{
		{anchor.Add(-time.Hour), anchor},
		{anchor, anchor},
		{anchor.Add(time.Nanosecond), anchor.Add(30 * day)},
		{anchor.Add(30 * day), anchor.Add(30 * day)},
		{anchor.Add(61 * day), anchor.Add(90 * day)},
	} {
		assert.Equal(t, c.want, firstRun(anchor, 30, c.now), c.now)
	}
}

// retrainCall is one call of a fakeRetrainer.
type retrainCall struct {
	model    string
	from, to time.Time
	promote  lookout.ModelPromoteMode
}

// fakeRetrainer records its calls; fail, when set, gives the error of each
// call (nil: success).
type fakeRetrainer struct {
	mu    sync.Mutex
	calls []retrainCall
	fail  func(n int) error
}

func (f *fakeRetrainer) retrain(_ context.Context, name string, from, to time.Time, promote lookout.ModelPromoteMode) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := len(f.calls)
	f.calls = append(f.calls, retrainCall{name, from, to, promote})
	if f.fail != nil {
		if err := f.fail(n); err != nil {
			return 0, err
		}
	}
	return int64(n + 2), nil
}

func (f *fakeRetrainer) made() []retrainCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]retrainCall(nil), f.calls...)
}

// withModels wires a's service to the models named (ARNs made up) and to
// a new loop over r.
func withModels(t *testing.T, a *app, r retrainer, models ...string) {
	t.Helper()
	a.svc.modelARN = madeUpModels(models...)
	a.svc.retraining.stop()
	a.svc.retraining = newRetrainingLoop(a.st, r, discardLogger())
	a.svc.retraining.start()
}

// madeUpModels is a modelARN that knows the models named (ARNs made up).
func madeUpModels(models ...string) func(context.Context, string) (string, error) {
	return func(_ context.Context, name string) (string, error) {
		for _, m := range models {
			if m == name {
				return "arn:aws:lookoutequipment:us-east-1:123456789012:model/" + name + "/0000", nil
			}
		}
		return "", &store.NotFoundError{Resource: "Model", Name: name}
	}
}

func createScheduler(t *testing.T, s *service, model string, start *time.Time) *lookout.CreateRetrainingSchedulerResponse {
	t.Helper()
	req := &lookout.CreateRetrainingSchedulerRequest{ClientToken: "t-" + model, ModelName: model,
		RetrainingFrequency: "P30D", LookbackWindow: "P180D"}
	if start != nil {
		ts := lookout.TimestampOf(*start)
		req.RetrainingStartDate = &ts
	}
	out, err := s.CreateRetrainingScheduler(context.Background(), req)
	require.NoError(t, err)
	return out
}

func describeScheduler(t *testing.T, s *service, model string) *lookout.DescribeRetrainingSchedulerResponse {
	t.Helper()
	out, err := s.DescribeRetrainingScheduler(context.Background(), &lookout.DescribeRetrainingSchedulerRequest{ModelName: model})
	require.NoError(t, err)
	return out
}

func TestRetrainingSchedulerLifecycle(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig())
	fake := &fakeRetrainer{}
	withModels(t, a, fake, "pump")
	s, ctx := a.svc, context.Background()

	var nf *lookout.ResourceNotFoundException
	var cf *lookout.ConflictException
	var ve *lookout.ValidationException
	_, err := s.CreateRetrainingScheduler(ctx, &lookout.CreateRetrainingSchedulerRequest{ClientToken: "x", ModelName: "none",
		RetrainingFrequency: "P30D", LookbackWindow: "P180D"})
	require.ErrorAs(t, err, &nf)
	for _, freq := range []string{"P", "P400D", "P29D"} {
		_, err = s.CreateRetrainingScheduler(ctx, &lookout.CreateRetrainingSchedulerRequest{ClientToken: "x", ModelName: "pump",
			RetrainingFrequency: freq, LookbackWindow: "P180D"})
		require.ErrorAs(t, err, &ve, freq)
	}

	out := createScheduler(t, s, "pump", nil)
	assert.Equal(t, lookout.RetrainingSchedulerStatusPending, out.Status)
	assert.Contains(t, out.ModelArn, ":model/pump/")
	again := createScheduler(t, s, "pump", nil) // the same token: a replay
	assert.Equal(t, out, again)
	_, err = s.CreateRetrainingScheduler(ctx, &lookout.CreateRetrainingSchedulerRequest{ClientToken: "other", ModelName: "pump",
		RetrainingFrequency: "P30D", LookbackWindow: "P180D"})
	require.ErrorAs(t, err, &cf)
	_, err = s.CreateRetrainingScheduler(ctx, &lookout.CreateRetrainingSchedulerRequest{ClientToken: "t-pump", ModelName: "pump",
		RetrainingFrequency: "P60D", LookbackWindow: "P180D"})
	require.ErrorAs(t, err, &cf, "a token reused with other parameters")

	d := describeScheduler(t, s, "pump")
	assert.Equal(t, "P30D", d.RetrainingFrequency)
	assert.Equal(t, lookout.ModelPromoteModeManaged, d.PromoteMode)
	assert.Equal(t, time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), d.RetrainingStartDate.Time(),
		"no start date: the day of creation plus one frequency")

	_, err = s.DeleteRetrainingScheduler(ctx, &lookout.DeleteRetrainingSchedulerRequest{ModelName: "pump"})
	require.ErrorAs(t, err, &cf, "PENDING")
	st, err := s.StartRetrainingScheduler(ctx, &lookout.StartRetrainingSchedulerRequest{ModelName: "pump"})
	require.NoError(t, err)
	assert.Equal(t, lookout.RetrainingSchedulerStatusRunning, st.Status)
	_, err = s.StartRetrainingScheduler(ctx, &lookout.StartRetrainingSchedulerRequest{ModelName: "pump"})
	require.ErrorAs(t, err, &cf, "RUNNING")
	_, err = s.DeleteRetrainingScheduler(ctx, &lookout.DeleteRetrainingSchedulerRequest{ModelName: "pump"})
	require.ErrorAs(t, err, &cf, "RUNNING")

	list, err := s.ListRetrainingSchedulers(ctx, &lookout.ListRetrainingSchedulersRequest{Status: lookout.RetrainingSchedulerStatusRunning})
	require.NoError(t, err)
	require.Len(t, list.RetrainingSchedulerSummaries, 1)
	assert.Equal(t, "pump", list.RetrainingSchedulerSummaries[0].ModelName)

	sp, err := s.StopRetrainingScheduler(ctx, &lookout.StopRetrainingSchedulerRequest{ModelName: "pump"})
	require.NoError(t, err)
	assert.Equal(t, lookout.RetrainingSchedulerStatusStopping, sp.Status)
	require.Eventually(t, func() bool {
		return describeScheduler(t, s, "pump").Status == lookout.RetrainingSchedulerStatusStopped
	}, 5*time.Second, 5*time.Millisecond)
	_, err = s.StopRetrainingScheduler(ctx, &lookout.StopRetrainingSchedulerRequest{ModelName: "pump"})
	require.ErrorAs(t, err, &cf, "STOPPED")

	_, err = s.UpdateRetrainingScheduler(ctx, &lookout.UpdateRetrainingSchedulerRequest{ModelName: "pump", RetrainingFrequency: "P"})
	require.ErrorAs(t, err, &ve)
	_, err = s.UpdateRetrainingScheduler(ctx, &lookout.UpdateRetrainingSchedulerRequest{ModelName: "pump",
		RetrainingFrequency: "P2M", PromoteMode: lookout.ModelPromoteModeManual})
	require.NoError(t, err)
	d = describeScheduler(t, s, "pump")
	assert.Equal(t, "P2M", d.RetrainingFrequency)
	assert.Equal(t, lookout.ModelPromoteModeManual, d.PromoteMode)
	assert.Equal(t, "P180D", d.LookbackWindow)

	_, err = s.DeleteRetrainingScheduler(ctx, &lookout.DeleteRetrainingSchedulerRequest{ModelName: "pump"})
	require.NoError(t, err)
	_, err = s.DescribeRetrainingScheduler(ctx, &lookout.DescribeRetrainingSchedulerRequest{ModelName: "pump"})
	require.ErrorAs(t, err, &nf)
	assert.Empty(t, fake.made(), "no run was due")
}

func TestRetrainingSchedulerRuns(t *testing.T) {
	t.Parallel()
	a, clk := newTestApp(t, testConfig()) // the clock is at 2024-06-01 12:00
	fake := &fakeRetrainer{}
	withModels(t, a, fake, "pump")
	s, ctx := a.svc, context.Background()
	start := time.Date(2024, 6, 10, 15, 30, 0, 0, time.UTC)
	createScheduler(t, s, "pump", &start)
	assert.Equal(t, time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC), describeScheduler(t, s, "pump").RetrainingStartDate.Time(),
		"truncated to the day")

	clk.Advance(10 * day) // 2024-06-11 12:00: PENDING makes no run
	a.svc.retraining.poke()
	time.Sleep(20 * time.Millisecond)
	assert.Empty(t, fake.made())

	_, err := s.StartRetrainingScheduler(ctx, &lookout.StartRetrainingSchedulerRequest{ModelName: "pump"})
	require.NoError(t, err)
	time.Sleep(20 * time.Millisecond)
	assert.Empty(t, fake.made(), "the run of 06-10, before the start, is not made")

	clk.Advance(29 * day) // 2024-07-10 12:00
	a.svc.retraining.poke()
	first := time.Date(2024, 7, 10, 0, 0, 0, 0, time.UTC)
	require.Eventually(t, func() bool { return len(fake.made()) == 1 }, 5*time.Second, 5*time.Millisecond)
	assert.Equal(t, retrainCall{"pump", first.Add(-180 * day), first, lookout.ModelPromoteModeManaged}, fake.made()[0])

	clk.Advance(30 * day)
	a.svc.retraining.poke()
	require.Eventually(t, func() bool { return len(fake.made()) == 2 }, 5*time.Second, 5*time.Millisecond)
	assert.Equal(t, first.Add(30*day), fake.made()[1].to)
	time.Sleep(20 * time.Millisecond)
	assert.Len(t, fake.made(), 2, "one run per period")
}

func TestRetrainingSchedulerRetriesARefusedRun(t *testing.T) {
	t.Parallel()
	a, clk := newTestApp(t, testConfig())
	fake := &fakeRetrainer{fail: func(n int) error {
		if n == 0 {
			return &store.ConflictError{Reason: store.ReasonIngestionInProgress}
		}
		return nil
	}}
	withModels(t, a, fake, "pump")
	s, ctx := a.svc, context.Background()
	start := time.Date(2024, 6, 2, 0, 0, 0, 0, time.UTC)
	createScheduler(t, s, "pump", &start)
	_, err := s.StartRetrainingScheduler(ctx, &lookout.StartRetrainingSchedulerRequest{ModelName: "pump"})
	require.NoError(t, err)
	clk.Advance(day)
	a.svc.retraining.poke()
	require.Eventually(t, func() bool { return len(fake.made()) == 1 }, 5*time.Second, 5*time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	require.Len(t, fake.made(), 1, "not tried again before retrainingRetry")
	clk.Advance(retrainingRetry)
	a.svc.retraining.poke()
	require.Eventually(t, func() bool { return len(fake.made()) == 2 }, 5*time.Second, 5*time.Millisecond)
	assert.Equal(t, fake.made()[0].to, fake.made()[1].to, "the same run, again")
}

func TestRetrainingSchedulerModelGoneStops(t *testing.T) {
	t.Parallel()
	a, clk := newTestApp(t, testConfig())
	fake := &fakeRetrainer{fail: func(int) error { return &store.NotFoundError{Resource: "Model", Name: "pump"} }}
	withModels(t, a, fake, "pump")
	s, ctx := a.svc, context.Background()
	start := time.Date(2024, 6, 2, 0, 0, 0, 0, time.UTC)
	createScheduler(t, s, "pump", &start)
	_, err := s.StartRetrainingScheduler(ctx, &lookout.StartRetrainingSchedulerRequest{ModelName: "pump"})
	require.NoError(t, err)
	clk.Advance(day)
	a.svc.retraining.poke()
	require.Eventually(t, func() bool {
		return describeScheduler(t, s, "pump").Status == lookout.RetrainingSchedulerStatusStopped
	}, 5*time.Second, 5*time.Millisecond)
}

// TestRetrainingSchedulerMissedRuns stops the server while a scheduler
// runs and starts it again 65 days later: the three runs missed are made, in
// order, then the schedule goes on.
func TestRetrainingSchedulerMissedRuns(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.db = filepath.Join(t.TempDir(), "lookout.db")
	clk := newFakeClock()
	a, err := newApp(context.Background(), cfg, discardLogger(), clk.Now)
	require.NoError(t, err)
	withModels(t, a, &fakeRetrainer{}, "pump")
	start := time.Date(2024, 6, 2, 0, 0, 0, 0, time.UTC)
	createScheduler(t, a.svc, "pump", &start)
	_, err = a.svc.StartRetrainingScheduler(context.Background(), &lookout.StartRetrainingSchedulerRequest{ModelName: "pump"})
	require.NoError(t, err)
	require.NoError(t, a.close())

	clk.Advance(65 * day) // 2024-08-05 12:00: the runs of 06-02, 07-02 and 08-01 are due
	fake := &fakeRetrainer{}
	cfg.retrainer, cfg.modelARN = fake, madeUpModels("pump") // from the start: the loop runs at once
	newTestAppLogging(t, cfg, discardLogger(), clk.Now)
	require.Eventually(t, func() bool { return len(fake.made()) == 3 }, 5*time.Second, 5*time.Millisecond)
	for i, c := range fake.made() {
		assert.Equal(t, start.Add(time.Duration(30*i)*day), c.to, i)
	}
	time.Sleep(20 * time.Millisecond)
	assert.Len(t, fake.made(), 3)
}

// TestRetrainingSchedulerOperationsServed sends the seven operations
// through the handler.
func TestRetrainingSchedulerOperationsServed(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig())
	withModels(t, a, &fakeRetrainer{}, "pump")
	for _, c := range []struct{ op, body, want string }{
		{"CreateRetrainingScheduler", `{"ModelName":"pump","ClientToken":"a","RetrainingFrequency":"P1M","LookbackWindow":"P360D"}`, `"Status":"PENDING"`},
		{"DescribeRetrainingScheduler", `{"ModelName":"pump"}`, `"LookbackWindow":"P360D"`},
		{"ListRetrainingSchedulers", `{"ModelNameBeginsWith":"pu"}`, `"ModelName":"pump"`},
		{"UpdateRetrainingScheduler", `{"ModelName":"pump","LookbackWindow":"P540D"}`, `{}`},
		{"StartRetrainingScheduler", `{"ModelName":"pump"}`, `"Status":"RUNNING"`},
		{"StopRetrainingScheduler", `{"ModelName":"pump"}`, `"Status":"STOPPING"`},
		{"DeleteRetrainingScheduler", `{"ModelName":"none"}`, `ResourceNotFoundException`},
	} {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(c.body))
		req.Header.Set("Content-Type", lookout.ContentType)
		req.Header.Set("X-Amz-Target", target(c.op))
		rec := httptest.NewRecorder()
		a.handler.ServeHTTP(rec, req)
		assert.Contains(t, rec.Body.String(), c.want, c.op)
	}
}

// TestRetrainingSchedulerNoModels: a model the store does not hold is
// missing.
func TestRetrainingSchedulerNoModels(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig())
	_, err := a.svc.CreateRetrainingScheduler(context.Background(), &lookout.CreateRetrainingSchedulerRequest{
		ClientToken: "a", ModelName: "pump", RetrainingFrequency: "P30D", LookbackWindow: "P180D"})
	var nf *lookout.ResourceNotFoundException
	require.True(t, errors.As(err, &nf), err)
}
