package s3source_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// bucket is the bucket every fake holds.
const bucket = "data"

// hook answers a request in place of the fake S3 when it returns true.
// next is the fake itself.
type hook func(w http.ResponseWriter, r *http.Request, next http.Handler) bool

// fakeS3 is an in-process S3 (gofakes3 over its memory backend) behind an
// httptest server, with a hook in front of it to inject faults.
type fakeS3 struct {
	backend *s3mem.Backend
	srv     *httptest.Server

	mu   sync.Mutex
	hook hook

	lists, gets atomic.Int64 // ListObjectsV2 and GetObject requests seen
}

func newFakeS3(t testing.TB) *fakeS3 {
	t.Helper()
	f := &fakeS3{backend: s3mem.New()}
	require.NoError(t, f.backend.CreateBucket(bucket))
	fake := gofakes3.New(f.backend, gofakes3.WithoutVersioning()).Server()
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Query().Has("list-type"):
			f.lists.Add(1)
		case r.Method == http.MethodGet && strings.Count(r.URL.Path, "/") >= 2:
			f.gets.Add(1)
		}
		f.mu.Lock()
		h := f.hook
		f.mu.Unlock()
		if h != nil && h(w, r, fake) {
			return
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// setHook puts h in front of the fake S3 (nil removes it).
func (f *fakeS3) setHook(h hook) {
	f.mu.Lock()
	f.hook = h
	f.mu.Unlock()
}

func (f *fakeS3) put(t testing.TB, key string, body []byte) {
	t.Helper()
	_, err := f.backend.PutObject(bucket, key, map[string]string{}, bytes.NewReader(body), int64(len(body)), nil)
	require.NoError(t, err)
}

// noDelay is a retry backoff of nothing, so that the standard retryer's
// attempts run at once in tests.
type noDelay struct{}

func (noDelay) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }

// client is a real S3 client pointed at the fake: path-style, static
// credentials, the SDK's standard retryer (3 attempts) without its backoff.
func (f *fakeS3) client() *s3.Client {
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(f.srv.URL),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.Backoff = noDelay{}
		}),
	})
}

func (f *fakeS3) source(opts ...s3source.Option) *s3source.Source {
	return s3source.New(f.client(), bucket, opts...)
}

// writeS3Error answers as S3 does when it refuses a request.
func writeS3Error(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("X-Amz-Request-Id", "FAULT")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+
		`<Error><Code>%s</Code><Message>%s</Message><RequestId>FAULT</RequestId></Error>`, code, message)
}

// cutBody answers r as next does, but sends only the first keep bytes of
// the body (the headers announce all of it) and closes the connection.
func cutBody(t testing.TB, w http.ResponseWriter, r *http.Request, next http.Handler, keep int) {
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	res := rec.Result()
	body := rec.Body.Bytes()
	if keep > len(body) {
		keep = len(body)
	}
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	defer conn.Close()
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", res.StatusCode, http.StatusText(res.StatusCode))
	res.Header.Set("Content-Length", strconv.Itoa(len(body)))
	res.Header.Set("Connection", "close")
	_ = res.Header.Write(buf)
	buf.WriteString("\r\n")
	buf.Write(body[:keep])
	_ = buf.Flush()
}
