package main

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInferenceS3: -inference -data s3 reads the request's bucket through
// the AWS SDK, here an in-process S3 holding the mis-named inputs, and
// says what the directory check says.
func TestInferenceS3(t *testing.T) {
	backend := s3mem.New()
	require.NoError(t, backend.CreateBucket("sensor-data.example"))
	dir := infDir + "misnamed"
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		key, err := filepath.Rel(dir, path)
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
		"AWS_ENDPOINT_URL_S3": srv.URL, "AWS_ENDPOINT_URL": "", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
		"AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "", "AWS_REGION": "us-east-1", "AWS_PROFILE": "",
		"AWS_CONFIG_FILE": none, "AWS_SHARED_CREDENTIALS_FILE": none, "AWS_EC2_METADATA_DISABLED": "true",
	} {
		t.Setenv(k, v)
	}
	args := []string{"-schema", infSchema, "-from", "2022-05-13T09:10:00Z", "-to", "2022-05-13T09:20:00Z", infRequest}
	code, viaS3, errs := runInf(t, "", append([]string{"-inference", "-data", "s3"}, args...)...)
	assert.Equal(t, exitInvalid, code, errs)
	_, viaDir, _ := runInf(t, "", append([]string{"-inference", "-data", dir}, args...)...)
	assert.Contains(t, viaS3, "  data: s3://sensor-data.example/plant-1/inference/\n")
	// Past the data line, the reports are the same.
	cut := func(s string) string { i := bytes.Index([]byte(s), []byte("  input:")); return s[i:] }
	assert.Equal(t, cut(viaDir), cut(viaS3))
}
