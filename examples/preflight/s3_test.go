package main

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeBucket serves testdata/bucket's files as the objects of the bucket
// sensor-data.example from an in-process S3 (gofakes3), and points the
// default credential chain at it through the environment:
// AWS_ENDPOINT_URL_S3, static keys, a region, and no shared files.
func fakeBucket(t *testing.T) {
	backend := s3mem.New()
	require.NoError(t, backend.CreateBucket("sensor-data.example"))
	require.NoError(t, filepath.WalkDir("testdata/bucket", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		key, err := filepath.Rel("testdata/bucket", path)
		if err != nil {
			return err
		}
		_, err = backend.PutObject("sensor-data.example", filepath.ToSlash(key), map[string]string{},
			bytes.NewReader(body), int64(len(body)), nil)
		return err
	}))
	srv := httptest.NewServer(gofakes3.New(backend, gofakes3.WithoutVersioning()).Server())
	t.Cleanup(srv.Close)
	none := filepath.Join(t.TempDir(), "none")
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_S3":         srv.URL,
		"AWS_ENDPOINT_URL":            "",
		"AWS_ACCESS_KEY_ID":           "AKIDEXAMPLE",
		"AWS_SECRET_ACCESS_KEY":       "secret",
		"AWS_SESSION_TOKEN":           "",
		"AWS_REGION":                  "us-east-1",
		"AWS_PROFILE":                 "",
		"AWS_CONFIG_FILE":             none,
		"AWS_SHARED_CREDENTIALS_FILE": none,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
}

// TestRunDataS3: -data s3 reads the bucket the request names through the
// AWS SDK and finds what -data DIR finds in the same objects. (Not
// parallel: it sets the environment.)
func TestRunDataS3(t *testing.T) {
	fakeBucket(t)
	const where = "s3://sensor-data.example/plant-1/pumps/"

	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-data", "s3", "testdata/request.json"}, nil, &stdout, &stderr), stderr.String())
	assert.Equal(t, strings.Replace(sampleText, "data: "+sampleDir, "data: "+where, 1), stdout.String())
	assert.Empty(t, stderr.String())

	stdout.Reset()
	require.Equal(t, exitOK, run([]string{"-json", "-data", "s3", "-schema", "testdata/schemas/pumps.json", "testdata/request.json"},
		nil, &stdout, &stderr), stderr.String())
	assert.JSONEq(t, `{"ok": true, "schema": {"file": "testdata/schemas/pumps.json", "ok": true, "errors": []}, "files": [`+
		sampleEntry(where, sampleIngestion)+`]}`, stdout.String())

	stdout.Reset()
	assert.Equal(t, exitInvalid, run([]string{"-data", "s3", "testdata/request-plant-2.json"}, nil, &stdout, &stderr))
	assert.Equal(t, "testdata/request-plant-2.json: ok\n"+
		"  data: s3://sensor-data.example/plant-2/compressors/\n"+
		"  ingestion: FAILED: "+plant2Reason+"\n"+
		"  invalid header names (a name must match ^[0-9a-zA-Z:#$.\\-_]{1,200}$):\n"+
		"    \"plant-2/compressors/comp-1/march.csv\": column 2: \"Outlet Pressure\"\n", stdout.String())
	assert.Empty(t, stderr.String())
}

// TestRunDataS3NoBucket: a bucket that does not exist fails the job, as
// the service would, with S3's answer as the reason.
func TestRunDataS3NoBucket(t *testing.T) {
	fakeBucket(t)
	request := `{"ClientToken": "t", "DatasetName": "pumps", "RoleArn": "arn:aws:iam::123456789012:role/r",
		"IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "no-such-bucket", "Prefix": "plant-1/"}}}`
	var stdout, stderr bytes.Buffer
	// The listing fails: the data cannot be read, status 2.
	require.Equal(t, exitInput, run([]string{"-json", "-data", "s3", "-"}, strings.NewReader(request), &stdout, &stderr))
	assert.Empty(t, stderr.String())
	var rep struct {
		OK    bool `json:"ok"`
		Files []struct {
			OK        bool `json:"ok"`
			Ingestion struct{ Status, FailedReason string }
		} `json:"files"`
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep), stdout.String())
	assert.False(t, rep.OK)
	assert.False(t, rep.Files[0].OK)
	assert.Equal(t, "FAILED", rep.Files[0].Ingestion.Status)
	assert.True(t, strings.HasPrefix(rep.Files[0].Ingestion.FailedReason, "cannot list s3://no-such-bucket/plant-1/: "),
		rep.Files[0].Ingestion.FailedReason)
	assert.Contains(t, rep.Files[0].Ingestion.FailedReason, "NoSuchBucket")
}

// TestRunDataS3Config: an endpoint that is no URL is an S3 configuration
// error: the data cannot be checked (status 2).
func TestRunDataS3Config(t *testing.T) {
	fakeBucket(t)
	t.Setenv("AWS_ENDPOINT_URL_S3", "localhost:9000")
	var stdout, stderr bytes.Buffer
	assert.Equal(t, exitInput, run([]string{"-data", "s3", "testdata/request.json"}, nil, &stdout, &stderr))
	assert.Empty(t, stdout.String())
	assert.True(t, strings.HasPrefix(stderr.String(), "preflight: -data s3: "), stderr.String())
	assert.Contains(t, stderr.String(), `endpoint "localhost:9000" is not an http or https URL with a host`)
}
