package main

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// TestOutcomeStoredAfterFailures: the store fails the commits of a job's
// outcome (as a full disk would) three times: the job is not left
// IN_PROGRESS but ends SUCCESS once the store takes it, and the failures
// are logged.
func TestOutcomeStoredAfterFailures(t *testing.T) {
	t.Parallel()
	gate := make(chan struct{})
	var failures atomic.Int32
	cfg := testConfig()
	cfg.src = gatedSources{gate: gate, inner: dirSources{dir: "testdata"}}
	cfg.beforeCommit = func() error {
		if failures.Load() > 0 {
			failures.Add(-1)
			return errors.New("database or disk is full (13)")
		}
		return nil
	}
	logger, log := newTestLogger()
	a := newTestAppLogging(t, cfg, logger, nil)
	c := newTestClient(t, cfg, a)
	c.must("CreateDataset", createReq("pumps"), &lookout.CreateDatasetResponse{})
	var started lookout.StartDataIngestionJobResponse
	c.must("StartDataIngestionJob", startReq("t1", "pumps", "plant-1/pumps/"), &started)

	failures.Store(3) // the job's outcome is the next commit
	close(gate)
	job := c.waitJob(*started.JobId)
	assert.Equal(t, lookout.IngestionJobStatusSuccess, job.Status, job.FailedReason)
	assert.Equal(t, int32(0), failures.Load())
	assert.Equal(t, lookout.DatasetStatusActive, c.datasetStatus("pumps"))
	assert.Contains(t, log.String(), `msg="job outcome not stored; storing it again"`)
	assert.Contains(t, log.String(), `msg="job outcome stored after failures" job_id=`+*started.JobId+` attempts=4`)
}

// TestOutcomeGivesUpAtStop: a job whose outcome cannot be stored stays
// IN_PROGRESS when the server stops, to run again at the next start; the
// stop does not wait for the store to recover.
func TestOutcomeGivesUpAtStop(t *testing.T) {
	t.Parallel()
	var failing atomic.Bool
	tried := make(chan struct{}, 1)
	cfg := testConfig()
	cfg.src = dirSources{dir: "testdata"}
	cfg.beforeCommit = func() error {
		if failing.Load() {
			select {
			case tried <- struct{}{}:
			default:
			}
			return errors.New("database is locked (5)")
		}
		return nil
	}
	logger, log := newTestLogger()
	a, err := newApp(context.Background(), cfg, logger, nil)
	require.NoError(t, err)
	_, _, err = a.st.CreateDataset(context.Background(), storeDataset("pumps"))
	require.NoError(t, err)
	failing.Store(true)
	job, _, err := a.st.StartJob(context.Background(), storeJob("pumps"))
	require.Error(t, err, "the start's commit fails too")
	failing.Store(false)
	<-tried
	job, _, err = a.st.StartJob(context.Background(), storeJob("pumps"))
	require.NoError(t, err)
	failing.Store(true)
	a.run.enqueue(job.ID)
	<-tried
	a.run.stop()
	failing.Store(false)
	got, err := a.st.Job(context.Background(), job.ID)
	require.NoError(t, err)
	assert.Equal(t, "IN_PROGRESS", string(got.Status))
	require.NoError(t, a.st.Close())
	assert.Contains(t, log.String(), "the job runs again at the next start")
}

// gatedSources are buckets of inner whose listing waits for gate to close.
type gatedSources struct {
	gate  chan struct{}
	inner sources
}

func (g gatedSources) bucket(name string) ingest.Source {
	return gatedBucket{Source: g.inner.bucket(name), gate: g.gate}
}

type gatedBucket struct {
	ingest.Source
	gate chan struct{}
}

func (b gatedBucket) List(ctx context.Context, prefix string, fn func(ingest.Object) error) error {
	select {
	case <-b.gate:
	case <-ctx.Done():
		return ctx.Err()
	}
	return b.Source.List(ctx, prefix, fn)
}

func storeDataset(name string) store.NewDataset { return store.NewDataset{Name: name} }

func storeJob(dataset string) store.NewJob {
	return store.NewJob{Dataset: dataset, ClientToken: "t-" + dataset, Input: store.JobInput{Bucket: sampleBucket,
		Prefix: &samplePrefix, RoleARN: "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion"}}
}
