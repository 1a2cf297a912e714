package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TestClockReported: with -time-origin and -time-scale, the times the
// server reports follow the clock (CreatedAt of datasets and jobs).
func TestClockReported(t *testing.T) {
	t.Parallel()
	origin := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	cfg := testConfig()
	cfg.clock.Origin, cfg.clock.Scale = origin, 3600
	a, wall := newTestApp(t, cfg)
	c := newTestClient(t, cfg, a)
	wall.Advance(2 * time.Second) // two hours of the clock
	c.must("CreateDataset", createReq("pumps"), &lookout.CreateDatasetResponse{})
	var ds lookout.DescribeDatasetResponse
	c.must("DescribeDataset", &lookout.DescribeDatasetRequest{DatasetName: "pumps"}, &ds)
	require.NotNil(t, ds.CreatedAt)
	assert.Equal(t, origin.Add(2*time.Hour), ds.CreatedAt.Time())
	assert.Equal(t, origin.Add(2*time.Hour), ds.LastUpdatedAt.Time())

	wall.Advance(time.Second)
	var started lookout.StartDataIngestionJobResponse
	c.must("StartDataIngestionJob", startReq("t1", "pumps", "plant-1/pumps/"), &started)
	var job lookout.DescribeDataIngestionJobResponse
	c.must("DescribeDataIngestionJob", &lookout.DescribeDataIngestionJobRequest{JobId: started.JobId}, &job)
	assert.Equal(t, origin.Add(3*time.Hour), job.CreatedAt.Time())
}

// TestRunClockMismatch: a database created with a clock refuses a start
// with another (exit status 1, saying which), and goes on with its own
// when the flags are left out.
func TestRunClockMismatch(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "lookout.db")
	args := []string{"-addr", "127.0.0.1:0", "-db", db, "-data", "testdata"}
	first := func(extra ...string) (int, string) {
		var stderr syncBuffer
		signals := make(chan os.Signal, 1)
		done := make(chan int, 1)
		go func() { done <- run(append(append([]string{}, args...), extra...), &stderr, signals) }()
		select {
		case code := <-done:
			return code, stderr.String()
		case <-waitLog(&stderr, "msg=listening"):
			signals <- syscall.SIGTERM
			return exitWithin(t, done, 10*time.Second), stderr.String()
		}
	}
	code, log := first("-time-origin", "2024-01-01T00:00:00Z", "-time-scale", "60")
	require.Equal(t, 0, code, log)
	assert.Contains(t, log, `clock="origin 2024-01-01T00:00:00Z at `)

	code, log = first("-time-scale", "120")
	assert.Equal(t, 1, code, log)
	assert.Contains(t, log, "keeps the clock it was created with (origin 2024-01-01T00:00:00Z at ")
	assert.Contains(t, log, "not scale 120: leave the time origin and scale out to go on with it")

	code, log = first()
	assert.Equal(t, 0, code, log)
	assert.Contains(t, log, "scale 60")
	assert.NotContains(t, log, "level=ERROR")
}

// waitLog returns a channel closed once a line of log contains s; never,
// when none does within 30 seconds.
func waitLog(log *syncBuffer, s string) <-chan struct{} {
	found := make(chan struct{})
	go func() {
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if strings.Contains(log.String(), s) {
				close(found)
				return
			}
		}
	}()
	return found
}
