package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// newTestClient serves a with a real listener and returns its client.
func newTestClient(t *testing.T, cfg config, a *app) client {
	t.Helper()
	addr, _ := startServer(t, cfg, a.handler)
	return client{t: t, url: "http://" + addr + "/"}
}

func createReq(name string) *lookout.CreateDatasetRequest {
	return &lookout.CreateDatasetRequest{ClientToken: "create-" + name, DatasetName: name}
}

func startReq(token, dataset, prefix string) *lookout.StartDataIngestionJobRequest {
	return &lookout.StartDataIngestionJobRequest{
		ClientToken: token, DatasetName: dataset,
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{Bucket: sampleBucket, Prefix: &prefix},
		},
		RoleArn: "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion",
	}
}

// waitJob polls the job until it is no longer IN_PROGRESS.
func (c client) waitJob(id string) lookout.DescribeDataIngestionJobResponse {
	c.t.Helper()
	var job lookout.DescribeDataIngestionJobResponse
	for deadline := time.Now().Add(30 * time.Second); ; {
		c.must("DescribeDataIngestionJob", &lookout.DescribeDataIngestionJobRequest{JobId: new(id)}, &job)
		if job.Status != "IN_PROGRESS" {
			return job
		}
		require.False(c.t, time.Now().After(deadline), "job %s still IN_PROGRESS", id)
		time.Sleep(10 * time.Millisecond)
	}
}

func (c client) datasetStatus(name string) lookout.DatasetStatus {
	c.t.Helper()
	var ds lookout.DescribeDatasetResponse
	c.must("DescribeDataset", &lookout.DescribeDatasetRequest{DatasetName: name}, &ds)
	return ds.Status
}

// TestLifecycleWhileIngesting: a dataset whose job runs is
// INGESTION_IN_PROGRESS; a second ingestion and its deletion get
// ConflictException, naming no job.
func TestLifecycleWhileIngesting(t *testing.T) {
	t.Parallel()
	cfg := testConfig() // jobs held IN_PROGRESS
	a, _ := newTestApp(t, cfg)
	c := newTestClient(t, cfg, a)
	c.must("CreateDataset", createReq("pumps"), &lookout.CreateDatasetResponse{})
	assert.Equal(t, lookout.DatasetStatus("CREATED"), c.datasetStatus("pumps"))
	var started lookout.StartDataIngestionJobResponse
	c.must("StartDataIngestionJob", startReq("start-1", "pumps", "plant-1/pumps/"), &started)
	assert.Equal(t, lookout.DatasetStatus("INGESTION_IN_PROGRESS"), c.datasetStatus("pumps"))

	var conflict *lookout.ConflictException
	err := c.call("StartDataIngestionJob", startReq("start-2", "pumps", "plant-1/pumps/"), &lookout.StartDataIngestionJobResponse{})
	require.ErrorAs(t, err, &conflict)
	assert.Equal(t, "Dataset pumps has a data ingestion job in progress", conflict.Message)
	err = c.call("DeleteDataset", &lookout.DeleteDatasetRequest{DatasetName: "pumps"}, &lookout.DeleteDatasetResponse{})
	require.ErrorAs(t, err, &conflict)
	assert.Equal(t, "Dataset pumps has a data ingestion job in progress", conflict.Message)
	assert.NotContains(t, conflict.Message, *started.JobId)

	// The same request again is the same job.
	var again lookout.StartDataIngestionJobResponse
	c.must("StartDataIngestionJob", startReq("start-1", "pumps", "plant-1/pumps/"), &again)
	assert.Equal(t, started, again)
}

// TestLifecycleFailedJob: a job that fails has its FailedReason and leaves
// the dataset as it was: CREATED before any success, ACTIVE after one.
func TestLifecycleFailedJob(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.src = dirSources{dir: "testdata"}
	a, _ := newTestApp(t, cfg)
	c := newTestClient(t, cfg, a)
	c.must("CreateDataset", createReq("pumps"), &lookout.CreateDatasetResponse{})

	var started lookout.StartDataIngestionJobResponse
	c.must("StartDataIngestionJob", startReq("start-1", "pumps", "plant-9/"), &started)
	job := c.waitJob(*started.JobId)
	assert.Equal(t, lookout.IngestionJobStatus("FAILED"), job.Status)
	assert.Equal(t, "no object under s3://sensor-data.example/plant-9/ matches the key pattern", job.FailedReason)
	assert.Equal(t, lookout.DatasetStatus("CREATED"), c.datasetStatus("pumps"))

	c.must("StartDataIngestionJob", startReq("start-2", "pumps", "plant-1/pumps/"), &started)
	assert.Equal(t, lookout.IngestionJobStatus("SUCCESS"), c.waitJob(*started.JobId).Status)
	assert.Equal(t, lookout.DatasetStatus("ACTIVE"), c.datasetStatus("pumps"))

	// A bucket that does not exist fails the job, saying so.
	missing := startReq("start-3", "pumps", "plant-1/pumps/")
	missing.IngestionInputConfiguration.S3InputConfiguration.Bucket = "no-such-bucket"
	c.must("StartDataIngestionJob", missing, &started)
	job = c.waitJob(*started.JobId)
	assert.Equal(t, lookout.IngestionJobStatus("FAILED"), job.Status)
	assert.Equal(t, "cannot list s3://no-such-bucket/plant-1/pumps/: NoSuchBucket: the bucket no-such-bucket does not exist",
		job.FailedReason)
	assert.Equal(t, lookout.DatasetStatus("ACTIVE"), c.datasetStatus("pumps"), "an earlier ingestion succeeded")
}

// TestLifecycleNotFound: unknown dataset names and job ids get
// ResourceNotFoundException.
func TestLifecycleNotFound(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	a, _ := newTestApp(t, cfg)
	c := newTestClient(t, cfg, a)
	tests := []struct {
		op      string
		req     any
		message string
	}{
		{"DescribeDataset", &lookout.DescribeDatasetRequest{DatasetName: "pumps"}, "Dataset pumps does not exist"},
		{"DeleteDataset", &lookout.DeleteDatasetRequest{DatasetName: "pumps"}, "Dataset pumps does not exist"},
		{"StartDataIngestionJob", startReq("start-1", "pumps", ""), "Dataset pumps does not exist"},
		{"ListSensorStatistics", &lookout.ListSensorStatisticsRequest{DatasetName: "pumps"}, "Dataset pumps does not exist"},
		{"DescribeDataIngestionJob", &lookout.DescribeDataIngestionJobRequest{JobId: new("0123456789abcdef0123456789abcdef")},
			"Data ingestion job 0123456789abcdef0123456789abcdef does not exist"},
	}
	for _, tt := range tests {
		var rnf *lookout.ResourceNotFoundException
		require.ErrorAs(t, c.call(tt.op, tt.req, new(struct{})), &rnf, tt.op)
		assert.Equal(t, tt.message, rnf.Message, tt.op)
	}
	// A list of the jobs of a dataset that does not exist is empty.
	var jobs lookout.ListDataIngestionJobsResponse
	c.must("ListDataIngestionJobs", &lookout.ListDataIngestionJobsRequest{DatasetName: "pumps"}, &jobs)
	assert.Empty(t, jobs.DataIngestionJobSummaries)
}

// TestLifecycleQuotaAndARN: datasets beyond -max-datasets get
// ServiceQuotaExceededException; ARNs carry -region and -account.
func TestLifecycleQuotaAndARN(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.region, cfg.account = "eu-west-3", "210987654321"
	a, _ := newTestApp(t, cfg)
	c := newTestClient(t, cfg, a)
	arn := regexp.MustCompile(`^arn:aws:lookoutequipment:eu-west-3:210987654321:dataset/pumps-\d+/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for i := range defaultMaxDatasets {
		var out lookout.CreateDatasetResponse
		c.must("CreateDataset", createReq(fmt.Sprintf("pumps-%d", i)), &out)
		assert.Regexp(t, arn, out.DatasetArn)
	}
	var quota *lookout.ServiceQuotaExceededException
	require.ErrorAs(t, c.call("CreateDataset", createReq("one-more"), &lookout.CreateDatasetResponse{}), &quota)
	assert.Equal(t, "The number of datasets has reached the quota of 15", quota.Message)
	// A replay is not a new dataset.
	c.must("CreateDataset", createReq("pumps-0"), &lookout.CreateDatasetResponse{})
	// Room again after a deletion.
	c.must("DeleteDataset", &lookout.DeleteDatasetRequest{DatasetName: "pumps-3"}, &lookout.DeleteDatasetResponse{})
	c.must("CreateDataset", createReq("one-more"), &lookout.CreateDatasetResponse{})
}

// TestCreateDatasetSchema: a schema that breaks its rules gets a
// ValidationException, and makes no dataset.
func TestCreateDatasetSchema(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	a, _ := newTestApp(t, cfg)
	c := newTestClient(t, cfg, a)
	req := createReq("pumps")
	req.DatasetSchema = &lookout.DatasetSchema{InlineDataSchema: `{"Components": [{"ComponentName": "pump-1", "Columns": []}]}`}
	var ve *lookout.ValidationException
	require.ErrorAs(t, c.call("CreateDataset", req, &lookout.CreateDatasetResponse{}), &ve)
	assert.Contains(t, ve.Message, "Columns")
	var rnf *lookout.ResourceNotFoundException
	require.ErrorAs(t, c.call("DescribeDataset", &lookout.DescribeDatasetRequest{DatasetName: "pumps"},
		&lookout.DescribeDatasetResponse{}), &rnf)
}

// TestPages: lists come in pages of MaxResults, whose tokens are opaque,
// stable while datasets are created between pages, and refused when
// forged.
func TestPages(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.maxDatasets = 0
	a, _ := newTestApp(t, cfg)
	c := newTestClient(t, cfg, a)
	for i := range 10 {
		c.must("CreateDataset", createReq(fmt.Sprintf("b-%02d", i)), &lookout.CreateDatasetResponse{})
	}
	var names []string
	three := int32(3)
	var token *string
	for i := 0; ; i++ {
		var page lookout.ListDatasetsResponse
		c.must("ListDatasets", &lookout.ListDatasetsRequest{DatasetNameBeginsWith: "b-", MaxResults: &three,
			NextToken: token}, &page)
		assert.LessOrEqual(t, len(page.DatasetSummaries), 3)
		for _, d := range page.DatasetSummaries {
			names = append(names, d.DatasetName)
		}
		// Datasets created meanwhile, before and after the position.
		c.must("CreateDataset", createReq(fmt.Sprintf("a-%d", i)), &lookout.CreateDatasetResponse{})
		c.must("CreateDataset", createReq(fmt.Sprintf("c-%d", i)), &lookout.CreateDatasetResponse{})
		if token = page.NextToken; token == nil {
			break
		}
	}
	assert.Equal(t, []string{"b-00", "b-01", "b-02", "b-03", "b-04", "b-05", "b-06", "b-07", "b-08", "b-09"}, names)

	var first lookout.ListDatasetsResponse
	c.must("ListDatasets", &lookout.ListDatasetsRequest{MaxResults: &three}, &first)
	require.NotEmpty(t, first.NextToken)
	forged := []byte(*first.NextToken)
	forged[len(forged)/2] ^= 1
	for _, tt := range []struct {
		op  string
		req any
	}{
		{"ListDatasets", &lookout.ListDatasetsRequest{NextToken: new(string(forged))}},
		{"ListDatasets", &lookout.ListDatasetsRequest{NextToken: first.NextToken, DatasetNameBeginsWith: "b"}},
		{"ListDataIngestionJobs", &lookout.ListDataIngestionJobsRequest{NextToken: first.NextToken}},
	} {
		var ve *lookout.ValidationException
		require.ErrorAs(t, c.call(tt.op, tt.req, new(struct{})), &ve, "%s %+v", tt.op, tt.req)
		assert.Contains(t, ve.Message, "NextToken")
	}
}

// TestJobsRunAgainAfterRestart: a job IN_PROGRESS when the server stops
// stays so, and runs when the server starts again on the same database.
func TestJobsRunAgainAfterRestart(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.db = filepath.Join(t.TempDir(), "lookout.db")
	a, err := newApp(context.Background(), cfg, discardLogger(), nil) // jobs held
	require.NoError(t, err)
	ctx := context.Background()
	c := newTestClient(t, cfg, a)
	c.must("CreateDataset", createReq("pumps"), &lookout.CreateDatasetResponse{})
	var started lookout.StartDataIngestionJobResponse
	c.must("StartDataIngestionJob", startReq("start-1", "pumps", "plant-1/pumps/"), &started)
	require.NoError(t, a.close())

	cfg.src = dirSources{dir: "testdata"}
	b, err := newApp(ctx, cfg, discardLogger(), nil)
	require.NoError(t, err)
	defer func() { assert.NoError(t, b.close()) }()
	c = newTestClient(t, cfg, b)
	assert.Equal(t, lookout.IngestionJobStatus("SUCCESS"), c.waitJob(*started.JobId).Status)
	assert.Equal(t, lookout.DatasetStatus("ACTIVE"), c.datasetStatus("pumps"))
}

// panicSources are buckets whose listing panics.
type panicSources struct{}

func (panicSources) bucket(string) ingest.Source { return panicBucket{} }

type panicBucket struct{ heldBucket }

func (panicBucket) List(context.Context, string, func(ingest.Object) error) error {
	panic("the listing broke")
}

// TestPanicFailsTheJob: a panic while checking a job's data fails the job
// (it would stop the server again each time it ran) and is logged with its
// stack; the server goes on.
func TestPanicFailsTheJob(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.src = panicSources{}
	logger, log := newTestLogger()
	a := newTestAppLogging(t, cfg, logger, nil)
	c := newTestClient(t, cfg, a)
	c.must("CreateDataset", createReq("pumps"), &lookout.CreateDatasetResponse{})
	var started lookout.StartDataIngestionJobResponse
	c.must("StartDataIngestionJob", startReq("start-1", "pumps", "plant-1/pumps/"), &started)
	job := c.waitJob(*started.JobId)
	assert.Equal(t, lookout.IngestionJobStatus("FAILED"), job.Status)
	assert.Equal(t, panicReason, job.FailedReason)
	line := waitForLog(t, log, "panic while checking")
	assert.Contains(t, line, "level=ERROR")
	assert.Contains(t, line, `panic="the listing broke"`)
	assert.Equal(t, lookout.DatasetStatus("CREATED"), c.datasetStatus("pumps"))
}
