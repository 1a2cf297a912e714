package client_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/client"
	"github.com/lookout-equipment/lookoutequipment/lookout/internal/sigv4"
)

const (
	keyID  = "AKIDEXAMPLE"
	secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	region = "us-east-1"
)

// attempt is what the server saw of one request.
type attempt struct {
	target, date, auth, sdkRequest string
	body                           []byte
	verifyErr                      error
}

// recorder is an endpoint for the tests: lookout.NewHandler behind a
// sigv4.Verifier of keyID's signature, which records every request it sees.
type recorder struct {
	mu       sync.Mutex
	attempts []attempt
	// before, when set, answers the request instead of the endpoint
	// (attempt n, from 1), or returns false to let it through.
	before func(n int, w http.ResponseWriter, r *http.Request) bool
}

func (rec *recorder) seen() []attempt {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]attempt(nil), rec.attempts...)
}

// serve starts the endpoint for svc.
func (rec *recorder) serve(t testing.TB, svc lookout.Service) *httptest.Server {
	t.Helper()
	v, err := sigv4.New(map[string]string{keyID: secret}, region)
	require.NoError(t, err)
	h := lookout.NewHandler(svc)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			lookout.WriteError(w, &lookout.SerializationException{Message: err.Error()})
			return
		}
		verr := v.Verify(r, body)
		rec.mu.Lock()
		rec.attempts = append(rec.attempts, attempt{
			target: r.Header.Get("X-Amz-Target"), date: r.Header.Get("X-Amz-Date"), auth: r.Header.Get("Authorization"),
			sdkRequest: r.Header.Get("Amz-Sdk-Request"), body: body, verifyErr: verr,
		})
		n := len(rec.attempts)
		rec.mu.Unlock()
		if verr != nil {
			w.Header().Set("X-Amzn-Requestid", "refused-by-the-verifier")
			lookout.WriteError(w, lookout.FromAPIError(verr))
			return
		}
		if rec.before != nil && rec.before(n, w, r) {
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// noDelay is the standard retryer with no wait between attempts, recording
// the delays the standard backoff would have waited.
type noDelay struct {
	mu     sync.Mutex
	delays []time.Duration
	std    retry.BackoffDelayer
}

func (d *noDelay) BackoffDelay(attempt int, err error) (time.Duration, error) {
	delay, err := d.std.BackoffDelay(attempt, err)
	d.mu.Lock()
	d.delays = append(d.delays, delay)
	d.mu.Unlock()
	return 0, err
}

func newNoDelay() *noDelay {
	return &noDelay{std: retry.NewExponentialJitterBackoff(retry.DefaultMaxBackoff)}
}

// newClient returns a client of the endpoint srv, with keyID's credentials
// and the standard retryer without delays.
func newClient(srv *httptest.Server, optFns ...func(*client.Options)) *client.Client {
	cfg := aws.Config{Region: region, Credentials: credentials.NewStaticCredentialsProvider(keyID, secret, "")}
	return client.New(cfg, append([]func(*client.Options){func(o *client.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
		o.HTTPClient = srv.Client()
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) { so.Backoff = newNoDelay() })
	}}, optFns...)...)
}
