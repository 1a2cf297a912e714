package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	lookoutclient "github.com/lookout-equipment/lookoutequipment/lookout/client"
)

// authFile writes a credentials file of two profiles to a temporary
// folder and returns its path.
func authFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "credentials")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

const authProfiles = "[default]\naws_access_key_id = AKIDPIPELINE\naws_secret_access_key = pipeline-secret\n\n" +
	"[ops]\naws_access_key_id=AKIDOPS\naws_secret_access_key=ops-secret\n"

// TestAuthFlag: -auth reads the credentials file; a file that cannot be
// read, is malformed or lets no key in is a usage error.
func TestAuthFlag(t *testing.T) {
	t.Parallel()
	cfg, code, ok := parseFlags([]string{"-data", "testdata", "-auth", authFile(t, authProfiles)}, new(bytes.Buffer))
	require.True(t, ok, "exit %d", code)
	assert.Equal(t, map[string]string{"AKIDPIPELINE": "pipeline-secret", "AKIDOPS": "ops-secret"}, cfg.credentials)
	assert.NotNil(t, cfg.auth)
	for name, args := range map[string][]string{
		"missing file":   {"-auth", filepath.Join(t.TempDir(), "none")},
		"one key only":   {"-auth", authFile(t, "[p]\naws_access_key_id = AKIDX\n")},
		"no profile set": {"-auth", authFile(t, "# nothing\n[role]\nrole_arn = arn:aws:iam::123456789012:role/r\n")},
	} {
		var stderr bytes.Buffer
		_, code, ok := parseFlags(append([]string{"-data", "testdata"}, args...), &stderr)
		assert.False(t, ok, name)
		assert.Equal(t, 2, code, name)
		assert.Contains(t, stderr.String(), "-auth", name)
	}
}

// TestAuthWithTheClient: with -auth, the Go client signed with a profile's
// keys is served; with a wrong secret, an unknown key or no signature it
// gets the error AWS answers, typed.
func TestAuthWithTheClient(t *testing.T) {
	t.Parallel()
	cfg, code, ok := parseFlags([]string{"-data", "testdata", "-auth", authFile(t, authProfiles)}, new(bytes.Buffer))
	require.True(t, ok, "exit %d", code)
	test := testConfig() // in memory, with the test's sources
	cfg.db, cfg.src = test.db, test.src
	a, _ := newTestApp(t, cfg)
	srv := httptest.NewServer(a.handler)
	t.Cleanup(srv.Close)
	newClient := func(creds aws.CredentialsProvider) *lookoutclient.Client {
		return lookoutclient.New(aws.Config{Region: "us-east-1", Credentials: creds},
			func(o *lookoutclient.Options) { o.BaseEndpoint = aws.String(srv.URL); o.RetryMaxAttempts = 1 })
	}
	ctx := context.Background()
	c := newClient(credentials.NewStaticCredentialsProvider("AKIDOPS", "ops-secret", ""))
	created, err := c.CreateDataset(ctx, &lookout.CreateDatasetRequest{DatasetName: "pumps"})
	require.NoError(t, err)
	assert.Equal(t, lookout.DatasetStatusCreated, created.Status)
	described, err := c.DescribeDataset(ctx, &lookout.DescribeDatasetRequest{DatasetName: "pumps"})
	require.NoError(t, err)
	assert.Equal(t, "pumps", described.DatasetName)

	var invalid *lookout.InvalidSignatureException
	_, err = newClient(credentials.NewStaticCredentialsProvider("AKIDOPS", "wrong", "")).
		DescribeDataset(ctx, &lookout.DescribeDatasetRequest{DatasetName: "pumps"})
	require.ErrorAs(t, err, &invalid)
	var unknown *lookout.UnrecognizedClientException
	_, err = newClient(credentials.NewStaticCredentialsProvider("AKIDNOBODY", "x", "")).
		DescribeDataset(ctx, &lookout.DescribeDatasetRequest{DatasetName: "pumps"})
	require.ErrorAs(t, err, &unknown)
	var missing *lookout.MissingAuthenticationTokenException
	_, err = newClient(aws.AnonymousCredentials{}).DescribeDataset(ctx, &lookout.DescribeDatasetRequest{DatasetName: "pumps"})
	require.ErrorAs(t, err, &missing)
}
