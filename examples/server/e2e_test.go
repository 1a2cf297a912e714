package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// sampleBucket is the sample bucket of testdata.
const sampleBucket = "sensor-data.example"

// client calls the server over HTTP as an AWS SDK does.
type client struct {
	t   *testing.T
	url string
}

// call sends req to the operation op and decodes the response into resp;
// an error response is returned as the taxonomy's error.
func (c client) call(op string, req, resp any) error {
	c.t.Helper()
	body, err := json.Marshal(req)
	require.NoError(c.t, err)
	r, err := http.NewRequest(http.MethodPost, c.url, bytes.NewReader(body))
	require.NoError(c.t, err)
	r.Header.Set("Content-Type", lookout.ContentType)
	r.Header.Set("X-Amz-Target", target(op))
	res, err := http.DefaultClient.Do(r)
	require.NoError(c.t, err)
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return lookout.ErrorFromResponse(res)
	}
	require.NotEmpty(c.t, res.Header.Get(requestIDHeader))
	require.NoError(c.t, json.NewDecoder(res.Body).Decode(resp))
	return nil
}

// must is call for a request that must succeed.
func (c client) must(op string, req, resp any) {
	c.t.Helper()
	require.NoError(c.t, c.call(op, req, resp), op)
}

// newS3 starts an in-process S3 with the bucket and returns a client of it,
// built as the server builds its own (the default configuration, with the
// fake's endpoint and static credentials).
func newS3(t *testing.T, bucket string) *s3.Client {
	t.Helper()
	backend := s3mem.New()
	require.NoError(t, backend.CreateBucket(bucket))
	srv := httptestServer(t, gofakes3.New(backend, gofakes3.WithoutVersioning()).Server())
	c, err := s3source.NewClient(context.Background(), s3source.Config{
		Endpoint: srv, Region: "us-east-1",
		LoadOptions: []func(*awsconfig.LoadOptions) error{
			awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("dummy", "dummy", "")),
		},
	})
	require.NoError(t, err)
	return c
}

// upload puts every file under dir into the bucket, its key its path
// relative to dir.
func upload(t *testing.T, c *s3.Client, bucket, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		_, err = c.PutObject(context.Background(), &s3.PutObjectInput{
			Bucket: aws.String(bucket), Key: aws.String(filepath.ToSlash(rel)), Body: bytes.NewReader(data),
		})
		return err
	})
	require.NoError(t, err)
}

// TestEndToEnd drives the whole flow over HTTP against a real listener, the
// jobs reading an in-process S3: create a dataset with a schema, upload a
// bucket of CSV files, start an ingestion, poll until it is done, read the
// figures and the sensor statistics, list, delete.
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	s3c := newS3(t, sampleBucket)
	upload(t, s3c, sampleBucket, filepath.Join("testdata", sampleBucket))

	cfg := testConfig()
	cfg.src = s3Sources{client: s3c}
	a, _ := newTestApp(t, cfg)
	addr, _ := startServer(t, cfg, a.handler)
	c := client{t: t, url: "http://" + addr + "/"}

	schemaDoc, err := os.ReadFile(filepath.Join("testdata", "schema-pumps.json"))
	require.NoError(t, err)

	// Create.
	var created lookout.CreateDatasetResponse
	c.must("CreateDataset", &lookout.CreateDatasetRequest{
		ClientToken: "create-1", DatasetName: "pumps",
		DatasetSchema: &lookout.DatasetSchema{InlineDataSchema: string(schemaDoc)},
	}, &created)
	assert.Equal(t, lookout.DatasetStatus("CREATED"), created.Status)
	assert.True(t, strings.HasPrefix(created.DatasetArn, "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pumps/"),
		created.DatasetArn)

	// Start, and poll until done.
	prefix := "plant-1/pumps/"
	start := &lookout.StartDataIngestionJobRequest{
		ClientToken: "start-1", DatasetName: "pumps",
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{Bucket: sampleBucket, Prefix: &prefix},
		},
		RoleArn: "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion",
	}
	var started lookout.StartDataIngestionJobResponse
	c.must("StartDataIngestionJob", start, &started)
	assert.Equal(t, lookout.IngestionJobStatus("IN_PROGRESS"), started.Status)
	assert.Len(t, *started.JobId, 32)

	var job lookout.DescribeDataIngestionJobResponse
	deadline := time.Now().Add(30 * time.Second)
	for {
		c.must("DescribeDataIngestionJob", &lookout.DescribeDataIngestionJobRequest{JobId: started.JobId}, &job)
		if job.Status != "IN_PROGRESS" || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	require.Equal(t, lookout.IngestionJobStatus("SUCCESS"), job.Status, job.FailedReason)

	// The figures are the check's over the same files read from a
	// directory.
	schema, err := lookout.ParseDataSchema(string(schemaDoc))
	require.NoError(t, err)
	want, err := ingest.Check(context.Background(), start, schema, ingest.FS(os.DirFS(filepath.Join("testdata", sampleBucket))))
	require.NoError(t, err)
	require.Equal(t, lookout.IngestionJobStatus("SUCCESS"), want.Status)
	assert.Equal(t, want.IngestedFilesSummary, job.IngestedFilesSummary)
	assert.Equal(t, want.DataQualitySummary, job.DataQualitySummary)
	assert.Equal(t, want.IngestedDataSize, job.IngestedDataSize)
	assert.Equal(t, want.DataStartTime, job.DataStartTime)
	assert.Equal(t, want.DataEndTime, job.DataEndTime)
	// As worked out by hand for the sample.
	assert.Equal(t, int64(6), *job.IngestedFilesSummary.TotalNumberOfFiles)
	assert.Equal(t, int64(4), *job.IngestedFilesSummary.IngestedNumberOfFiles)
	assert.Equal(t, int64(1036), *job.IngestedDataSize)
	assert.Equal(t, "2024-03-01T00:00:00Z", job.DataStartTime.Time().Format(time.RFC3339))
	assert.Equal(t, "2024-03-16T00:00:00Z", job.DataEndTime.Time().Format(time.RFC3339))
	assert.Equal(t, created.DatasetArn, job.DatasetArn)
	assert.Equal(t, start.IngestionInputConfiguration, job.IngestionInputConfiguration)

	// The dataset is ACTIVE and shows the ingestion.
	var ds lookout.DescribeDatasetResponse
	c.must("DescribeDataset", &lookout.DescribeDatasetRequest{DatasetName: "pumps"}, &ds)
	assert.Equal(t, lookout.DatasetStatus("ACTIVE"), ds.Status)
	assert.Equal(t, string(schemaDoc), ds.Schema)
	assert.Equal(t, start.IngestionInputConfiguration, ds.IngestionInputConfiguration)
	assert.Equal(t, start.RoleArn, ds.RoleArn)
	assert.Equal(t, job.DataQualitySummary, ds.DataQualitySummary)
	assert.Equal(t, job.IngestedFilesSummary, ds.IngestedFilesSummary)
	assert.Equal(t, job.DataStartTime, ds.DataStartTime)
	assert.Equal(t, job.DataEndTime, ds.DataEndTime)

	// Sensor statistics, two a page.
	var stats []lookout.SensorStatisticsSummary
	var token *string
	for {
		two := int32(2)
		var page lookout.ListSensorStatisticsResponse
		c.must("ListSensorStatistics", &lookout.ListSensorStatisticsRequest{DatasetName: "pumps", MaxResults: &two,
			NextToken: token}, &page)
		stats = append(stats, page.SensorStatisticsSummaries...)
		if token = page.NextToken; token == nil {
			break
		}
	}
	assert.Len(t, stats, 7)
	assert.Equal(t, want.SensorStatisticsSummaries, stats)
	// The four heuristics survive storage and the response: every sensor
	// has them, and the sample's pump-2/Vibration (0.12 then 0.15) is
	// categorical and INCREASING.
	vibration := false
	for _, s := range stats {
		require.NotNil(t, s.CategoricalValues, s.SensorName)
		require.NotNil(t, s.MonotonicValues, s.SensorName)
		require.NotNil(t, s.MultipleOperatingModes, s.SensorName)
		require.NotNil(t, s.LargeTimestampGaps, s.SensorName)
		if s.ComponentName == "pump-2" && s.SensorName == "Vibration" {
			assert.Equal(t, &lookout.CategoricalValues{Status: "POTENTIAL_ISSUE_DETECTED", NumberOfCategory: new(int32(2))}, s.CategoricalValues)
			assert.Equal(t, &lookout.MonotonicValues{Status: "POTENTIAL_ISSUE_DETECTED", Monotonicity: "INCREASING"}, s.MonotonicValues)
			vibration = true
		}
	}
	assert.True(t, vibration, "pump-2/Vibration listed")

	// Lists.
	var datasets lookout.ListDatasetsResponse
	c.must("ListDatasets", &lookout.ListDatasetsRequest{DatasetNameBeginsWith: "pu"}, &datasets)
	require.Len(t, datasets.DatasetSummaries, 1)
	assert.Equal(t, lookout.DatasetSummary{DatasetName: "pumps", DatasetArn: created.DatasetArn, Status: "ACTIVE",
		CreatedAt: ds.CreatedAt}, datasets.DatasetSummaries[0])
	var jobs lookout.ListDataIngestionJobsResponse
	c.must("ListDataIngestionJobs", &lookout.ListDataIngestionJobsRequest{DatasetName: "pumps", Status: "SUCCESS"}, &jobs)
	require.Len(t, jobs.DataIngestionJobSummaries, 1)
	assert.Equal(t, started.JobId, jobs.DataIngestionJobSummaries[0].JobId)

	// Delete: the dataset and its job are gone.
	c.must("DeleteDataset", &lookout.DeleteDatasetRequest{DatasetName: "pumps"}, &lookout.DeleteDatasetResponse{})
	var rnf *lookout.ResourceNotFoundException
	require.ErrorAs(t, c.call("DescribeDataset", &lookout.DescribeDatasetRequest{DatasetName: "pumps"},
		&lookout.DescribeDatasetResponse{}), &rnf)
	require.ErrorAs(t, c.call("DescribeDataIngestionJob", &lookout.DescribeDataIngestionJobRequest{JobId: started.JobId},
		&lookout.DescribeDataIngestionJobResponse{}), &rnf)
}

// callQuiet is client.call for any goroutine: it reports every failure,
// the transport's included, as an error.
func callQuiet(url, op string, req, resp any) error {
	body, err := json.Marshal(req)
	if err != nil {
		return err
	}
	r, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	r.Header.Set("Content-Type", lookout.ContentType)
	r.Header.Set("X-Amz-Target", target(op))
	res, err := http.DefaultClient.Do(r)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return lookout.ErrorFromResponse(res)
	}
	return json.NewDecoder(res.Body).Decode(resp)
}
