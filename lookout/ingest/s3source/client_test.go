package s3source_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// cleanEnv clears what the default credential chain and shared configuration
// read from the environment and the home directory, so that a test sees
// only what it sets. Tests that use it cannot be parallel.
func cleanEnv(t *testing.T) {
	dir := t.TempDir()
	for _, k := range []string{
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
		"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
		"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE",
	} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("HOME", dir)
}

func TestNewClientOptions(t *testing.T) {
	for _, tc := range []struct {
		name      string
		env       map[string]string
		cfg       s3source.Config
		region    string
		endpoint  string // "" for AWS's
		pathStyle bool
	}{
		{name: "region from Config", cfg: s3source.Config{Region: "eu-west-1"}, region: "eu-west-1"},
		{name: "region from AWS_REGION", env: map[string]string{"AWS_REGION": "us-west-2"}, region: "us-west-2"},
		{name: "Config's region wins", env: map[string]string{"AWS_REGION": "us-west-2"},
			cfg: s3source.Config{Region: "ap-south-1"}, region: "ap-south-1"},
		{name: "explicit endpoint: path-style, default region",
			cfg:    s3source.Config{Endpoint: "http://localhost:9000"},
			region: "us-east-1", endpoint: "http://localhost:9000", pathStyle: true},
		{name: "AWS_ENDPOINT_URL_S3: path-style",
			env:    map[string]string{"AWS_ENDPOINT_URL_S3": "http://minio:9000", "AWS_REGION": "eu-central-1"},
			region: "eu-central-1", endpoint: "http://minio:9000", pathStyle: true},
		{name: "AWS_ENDPOINT_URL: path-style",
			env:    map[string]string{"AWS_ENDPOINT_URL": "http://all:1"},
			region: "us-east-1", endpoint: "http://all:1", pathStyle: true},
		{name: "AWS_ENDPOINT_URL_S3 wins over AWS_ENDPOINT_URL",
			env:    map[string]string{"AWS_ENDPOINT_URL": "http://all:1", "AWS_ENDPOINT_URL_S3": "http://s3:2"},
			region: "us-east-1", endpoint: "http://s3:2", pathStyle: true},
		{name: "Config's endpoint wins over AWS_ENDPOINT_URL_S3",
			env:    map[string]string{"AWS_ENDPOINT_URL_S3": "http://s3:2"},
			cfg:    s3source.Config{Endpoint: "http://mine:3"},
			region: "us-east-1", endpoint: "http://mine:3", pathStyle: true},
		{name: "endpoint with virtual-hosted addressing",
			cfg:    s3source.Config{Endpoint: "https://store.example", Addressing: s3source.AddressingVirtualHost},
			region: "us-east-1", endpoint: "https://store.example"},
		{name: "AWS with path-style addressing",
			cfg:    s3source.Config{Region: "eu-west-1", Addressing: s3source.AddressingPath},
			region: "eu-west-1", pathStyle: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cleanEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			c, err := s3source.NewClient(context.Background(), tc.cfg)
			require.NoError(t, err)
			o := c.Options()
			assert.Equal(t, tc.region, o.Region)
			assert.Equal(t, tc.endpoint, aws.ToString(o.BaseEndpoint))
			assert.Equal(t, tc.pathStyle, o.UsePathStyle)
		})
	}
}

func TestNewClientWithoutRegion(t *testing.T) {
	cleanEnv(t)
	_, err := s3source.NewClient(context.Background(), s3source.Config{})
	require.ErrorIs(t, err, s3source.ErrConfig)
	assert.EqualError(t, err, "s3source: LoadDefaultConfig: invalid configuration: "+
		"no region: set AWS_REGION, a profile's region, or Config.Region")

	_, err = s3source.Load(context.Background(), "data", s3source.Config{})
	require.ErrorIs(t, err, s3source.ErrConfig)
	assert.Contains(t, err.Error(), "s3source: LoadDefaultConfig s3://data/: invalid configuration: no region")
}

func TestNewClientRefusesBadConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		cfg  s3source.Config
		want string
	}{
		{"endpoint without scheme", nil, s3source.Config{Endpoint: "localhost:9000"},
			`s3source: LoadDefaultConfig: invalid configuration: endpoint "localhost:9000" is not an http or https URL with a host`},
		{"endpoint of another scheme", nil, s3source.Config{Endpoint: "s3://bucket"},
			`s3source: LoadDefaultConfig: invalid configuration: endpoint "s3://bucket" is not an http or https URL with a host`},
		{"endpoint without host", nil, s3source.Config{Endpoint: "http://"},
			`s3source: LoadDefaultConfig: invalid configuration: endpoint "http://" is not an http or https URL with a host`},
		{"AWS_ENDPOINT_URL_S3 without scheme", map[string]string{"AWS_ENDPOINT_URL_S3": "minio:9000"}, s3source.Config{},
			`s3source: LoadDefaultConfig: invalid configuration: endpoint "minio:9000" is not an http or https URL with a host`},
		{"unknown addressing", nil, s3source.Config{Region: "eu-west-1", Addressing: 3},
			`s3source: LoadDefaultConfig: invalid configuration: unknown Addressing 3`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cleanEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			_, err := s3source.NewClient(context.Background(), tc.cfg)
			require.ErrorIs(t, err, s3source.ErrConfig)
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestNewClientMaxConns(t *testing.T) {
	cleanEnv(t)
	c, err := s3source.NewClient(context.Background(), s3source.Config{Region: "eu-west-1", MaxConns: 24})
	require.NoError(t, err)
	hc, ok := c.Options().HTTPClient.(*awshttp.BuildableClient)
	require.True(t, ok, "%T", c.Options().HTTPClient)
	assert.Equal(t, 24, hc.GetTransport().MaxConnsPerHost)
	assert.Equal(t, 24, hc.GetTransport().MaxIdleConnsPerHost)
}

// Load honours AWS_ENDPOINT_URL_S3 (the SDK reads it) and reads an
// S3-compatible store path-style with the credentials of the environment.
func TestLoadThroughEndpointEnv(t *testing.T) {
	cleanEnv(t)
	f := newFakeS3(t)
	f.put(t, "in/pump1/a.csv", []byte("Timestamp,S1\n"))
	var mu sync.Mutex
	var paths, auths []string
	f.setHook(func(_ http.ResponseWriter, r *http.Request, _ http.Handler) bool {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		auths = append(auths, r.Header.Get("Authorization"))
		mu.Unlock()
		return false
	})
	t.Setenv("AWS_ENDPOINT_URL_S3", f.srv.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")

	src, err := s3source.Load(context.Background(), bucket, s3source.Config{MaxConns: 4})
	require.NoError(t, err)
	var got []ingest.Object
	require.NoError(t, src.List(context.Background(), "in/", func(o ingest.Object) error {
		got = append(got, o)
		return nil
	}))
	assert.Equal(t, []ingest.Object{{Key: "in/pump1/a.csv", Size: 13}}, got)
	r, err := src.Open(context.Background(), "in/pump1/a.csv", 0, 9)
	require.NoError(t, err)
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	require.NoError(t, r.Close())
	assert.Equal(t, "Timestamp", string(b))

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, paths, 2)
	for i, p := range paths {
		assert.True(t, strings.HasPrefix(p, "/data"), "path-style: %q", p)
		assert.Contains(t, auths[i], "Credential=AKIDFROMENV/")
	}
}

// With no credentials anywhere, no request is sent and the error says so.
func TestLoadWithoutCredentials(t *testing.T) {
	cleanEnv(t)
	f := newFakeS3(t)
	t.Setenv("AWS_ENDPOINT_URL_S3", f.srv.URL)
	src, err := s3source.Load(context.Background(), bucket, s3source.Config{})
	require.NoError(t, err)
	err = src.List(context.Background(), "in/", func(ingest.Object) error { return nil })
	var e *s3source.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, s3source.ErrCredentials)
	assert.Zero(t, e.StatusCode)
	assert.Contains(t, err.Error(), "s3source: ListObjectsV2 s3://data/in/: no credentials: ")
	assert.Zero(t, f.lists.Load(), "no request sent")
}

func TestNewClientReadTimeout(t *testing.T) {
	for _, tc := range []struct {
		set  time.Duration
		want time.Duration
	}{
		{0, s3source.DefaultReadTimeout},
		{5 * time.Second, 5 * time.Second},
		{-1, 0},
	} {
		cleanEnv(t)
		c, err := s3source.NewClient(context.Background(), s3source.Config{Region: "eu-west-1", ReadTimeout: tc.set})
		require.NoError(t, err)
		hc, ok := c.Options().HTTPClient.(*awshttp.BuildableClient)
		require.True(t, ok, "%T", c.Options().HTTPClient)
		got, ok := hc.GetReadTimeout()
		assert.True(t, ok)
		assert.Equal(t, tc.want, got, "ReadTimeout %v", tc.set)
	}
}

// A body that stalls (the connection stays open, nothing arrives) fails its
// read after ReadTimeout, and the reader resumes it from where it stopped.
func TestStalledBodyIsResumed(t *testing.T) {
	cleanEnv(t)
	f := newFakeS3(t)
	data := content(1000)
	f.put(t, "obj", data)
	release := make(chan struct{})
	defer close(release)
	var n atomic.Int64
	var ranges []string
	var mu sync.Mutex
	f.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
		mu.Lock()
		ranges = append(ranges, r.Header.Get("Range"))
		mu.Unlock()
		if r.Method != http.MethodGet || n.Add(1) > 1 {
			return false
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes()[:300])
		w.(http.Flusher).Flush()
		<-release // stalls
		return true
	})
	t.Setenv("AWS_ACCESS_KEY_ID", "AKID")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	src, err := s3source.Load(context.Background(), bucket,
		s3source.Config{Endpoint: f.srv.URL, ReadTimeout: 200 * time.Millisecond})
	require.NoError(t, err)
	start := time.Now()
	got, err := readRange(src, "obj", 0, -1)
	require.NoError(t, err)
	assert.True(t, string(data) == string(got), "bytes differ (got %d)", len(got))
	assert.Less(t, time.Since(start), 10*time.Second)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"", "bytes=300-999"}, ranges)
}
