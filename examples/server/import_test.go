package main

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// waitJobDone polls the job of id until it is no longer IN_PROGRESS.
func waitJobDone(t *testing.T, st *store.Store, id string) store.Job {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		job, err := st.Job(context.Background(), id)
		require.NoError(t, err)
		if job.Status != store.JobInProgress {
			return job
		}
		require.False(t, time.Now().After(deadline), "job still IN_PROGRESS")
	}
}

func TestImportDataset(t *testing.T) {
	t.Parallel()
	e := newCopyEnv(t)
	ctx := context.Background()
	e.put(map[string]string{"in/pump/a.csv": "Timestamp,Flow,Speed\n2024-03-01 00:00:00,1,2\n2024-03-01 01:00:00,3,\n"})
	require.Equal(t, store.JobSuccess, e.ingest("one").Status)
	src, err := e.a.svc.DescribeDataset(ctx, &lookout.DescribeDatasetRequest{DatasetName: "plant"})
	require.NoError(t, err)

	req := &lookout.ImportDatasetRequest{ClientToken: "imp-1", SourceDatasetArn: src.DatasetArn, DatasetName: "copy"}
	resp, err := e.a.svc.ImportDataset(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "copy", resp.DatasetName)
	assert.Equal(t, lookout.DatasetStatus("IMPORT_IN_PROGRESS"), resp.Status)
	job := waitJobDone(t, e.a.st, *resp.JobId)
	require.Equal(t, store.JobSuccess, job.Status, job.FailedReason)

	again, err := e.a.svc.ImportDataset(ctx, req)
	require.NoError(t, err, "a replay")
	assert.Equal(t, *resp.JobId, *again.JobId)
	assert.Equal(t, lookout.DatasetStatus("ACTIVE"), again.Status)

	dj, err := e.a.svc.DescribeDataIngestionJob(ctx, &lookout.DescribeDataIngestionJobRequest{JobId: resp.JobId})
	require.NoError(t, err)
	assert.Equal(t, src.DatasetArn, dj.SourceDatasetArn)
	d, err := e.a.svc.DescribeDataset(ctx, &lookout.DescribeDatasetRequest{DatasetName: "copy"})
	require.NoError(t, err)
	assert.Equal(t, lookout.DatasetStatus("ACTIVE"), d.Status)
	assert.Equal(t, src.Schema, d.Schema)
	assert.Equal(t, src.IngestedFilesSummary, d.IngestedFilesSummary)
	assert.Equal(t, src.DataStartTime, d.DataStartTime)
	stats := func(name string) []lookout.SensorStatisticsSummary {
		r, err := e.a.svc.ListSensorStatistics(ctx, &lookout.ListSensorStatisticsRequest{DatasetName: name})
		require.NoError(t, err)
		return r.SensorStatisticsSummaries
	}
	assert.NotEmpty(t, stats("copy"))
	assert.Equal(t, stats("plant"), stats("copy"))

	want, err := e.a.svc.data.series(ctx, "plant", time.Time{}, time.Time{})
	require.NoError(t, err)
	// The copy outlives its source.
	_, err = e.a.svc.DeleteDataset(ctx, &lookout.DeleteDatasetRequest{DatasetName: "plant"})
	require.NoError(t, err)
	got, err := e.a.svc.data.series(ctx, "copy", time.Time{}, time.Time{})
	require.NoError(t, err)
	equalSeries(t, want, got)
}

func TestImportDatasetRefusals(t *testing.T) {
	t.Parallel()
	e := newCopyEnv(t)
	ctx := context.Background()
	src, err := e.a.svc.DescribeDataset(ctx, &lookout.DescribeDatasetRequest{DatasetName: "plant"})
	require.NoError(t, err)
	imp := func(token, source, name string) error {
		_, err := e.a.svc.ImportDataset(ctx, &lookout.ImportDatasetRequest{ClientToken: token, SourceDatasetArn: source, DatasetName: name})
		return err
	}
	var cf *lookout.ConflictException
	assert.ErrorAs(t, imp("a", src.DatasetArn, "copy"), &cf, "no data yet")

	e.put(map[string]string{"in/pump/a.csv": "Timestamp,Flow,Speed\n2024-03-01 00:00:00,1,2\n"})
	require.Equal(t, store.JobSuccess, e.ingest("one").Status)
	var nf *lookout.ResourceNotFoundException
	assert.ErrorAs(t, imp("b", src.DatasetArn+"x", "copy"), &nf, "another ARN")
	assert.ErrorAs(t, imp("c", "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/none/1", "copy"), &nf)
	assert.ErrorAs(t, imp("d", src.DatasetArn, ""), &cf, "the default name is the source's")
	require.NoError(t, imp("e", src.DatasetArn, "copy"))
	assert.ErrorAs(t, imp("e", src.DatasetArn, "copy2"), &cf, "a token reused")
	assert.ErrorAs(t, imp("f", src.DatasetArn, "copy"), &cf, "the name exists")
}
