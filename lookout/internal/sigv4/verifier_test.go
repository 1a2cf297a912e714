package sigv4_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/internal/sigv4"
)

const (
	testKeyID  = "AKIDEXAMPLE"
	testSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	testRegion = "us-east-1"
	testHost   = "lookoutequipment.us-east-1.amazonaws.com"
	testBody   = `{"DatasetName":"pump-station_7"}`
)

// testNow is the wall clock of the tests: 2026-12-06 12:45:00 UTC.
var testNow = time.Date(2026, 12, 6, 12, 45, 0, 0, time.UTC)

func newVerifier(t testing.TB) *sigv4.Verifier {
	t.Helper()
	v, err := sigv4.New(map[string]string{testKeyID: testSecret, "AKIDOTHER": "other-secret"}, testRegion,
		sigv4.WithClock(func() time.Time { return testNow }))
	require.NoError(t, err)
	return v
}

// signing describes a request to sign with the AWS SDK's signer.
type signing struct {
	keyID, secret, token string
	service, region      string
	at                   time.Time
	path, query          string
	body                 string
	target               string // "" for none
	contentType          string // "" for none
	header               http.Header
	payloadHash          string // "" for the body's SHA-256
	// after changes the signed request, as it arrives at the server.
	after func(r *http.Request)
}

func defaults(s signing) signing {
	if s.keyID == "" {
		s.keyID = testKeyID
	}
	if s.secret == "" {
		s.secret = testSecret
	}
	if s.service == "" {
		s.service = sigv4.DefaultService
	}
	if s.region == "" {
		s.region = testRegion
	}
	if s.at.IsZero() {
		s.at = testNow.Add(-time.Minute)
	}
	if s.path == "" {
		s.path = "/"
	}
	return s
}

// signed returns the request s describes, signed by aws-sdk-go-v2's signer,
// as a server receives it (Host in r.Host, Content-Length in the header),
// and its body.
func signed(t testing.TB, s signing) (*http.Request, []byte) {
	t.Helper()
	s = defaults(s)
	u := "https://" + testHost + s.path
	if s.query != "" {
		u += "?" + s.query
	}
	body := []byte(s.body)
	req, err := http.NewRequest(http.MethodPost, u, bytes.NewReader(body))
	require.NoError(t, err)
	if s.contentType != "" {
		req.Header.Set("Content-Type", s.contentType)
	}
	if s.target != "" {
		req.Header.Set("X-Amz-Target", s.target)
	}
	for k, vs := range s.header {
		req.Header[k] = vs
	}
	payloadHash := s.payloadHash
	if payloadHash == "" {
		payloadHash = sha(s.body)
	}
	err = v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: s.keyID, SecretAccessKey: s.secret, SessionToken: s.token},
		req, payloadHash, s.service, s.region, s.at)
	require.NoError(t, err)

	r := httptest.NewRequest(http.MethodPost, req.URL.RequestURI(), bytes.NewReader(body))
	r.Host = req.Host
	if r.Host == "" {
		r.Host = req.URL.Host
	}
	r.Header = req.Header.Clone()
	if len(body) > 0 {
		r.Header.Set("Content-Length", itoa(len(body)))
	}
	if s.after != nil {
		s.after(r)
	}
	return r, body
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

func TestVerifySDKSigned(t *testing.T) {
	t.Parallel()
	v := newVerifier(t)
	for name, s := range map[string]signing{
		"json request":      {body: testBody, target: lookout.TargetStartDataIngestionJob, contentType: lookout.ContentType},
		"empty body":        {target: lookout.TargetStartDataIngestionJob, contentType: lookout.ContentType},
		"security token":    {body: testBody, token: "FQoGZXIvYXdzEPT//////////wEaDEXAMPLE", target: lookout.TargetStartDataIngestionJob},
		"other key":         {keyID: "AKIDOTHER", secret: "other-secret", body: testBody},
		"query and path":    {path: "/a%20b/c+d/", query: "b=2&a=1&a=0&sp=x+y&empty=&star=*", body: testBody},
		"15 minutes old":    {at: testNow.Add(-sigv4.MaxSkew), body: testBody},
		"15 minutes ahead":  {at: testNow.Add(sigv4.MaxSkew), body: testBody},
		"content sha256":    {body: testBody, header: http.Header{"X-Amz-Content-Sha256": {sha(testBody)}}},
		"spaces in a value": {body: testBody, header: http.Header{"X-Amz-Meta": {"  a   b  c "}, "Amz-Sdk-Request": {"attempt=1; max=3"}}},
		"two values":        {body: testBody, header: http.Header{"X-Amz-Meta": {"a", "b"}}},
		"x-amz-user-agent added after signing, as the SDK for JavaScript v2 sends it": {body: testBody, target: lookout.TargetStartDataIngestionJob,
			after: func(r *http.Request) { r.Header.Set("X-Amz-User-Agent", "aws-sdk-js/2.1692.0") }},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r, body := signed(t, s)
			assert.NoError(t, v.Verify(r, body))
		})
	}
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestVerifyTestSuite checks Verify against the get-vanilla case of AWS's
// Signature Version 4 test suite, signed by hand, independent of both this
// package and the SDK: GET / with host and x-amz-date, on 2015-08-30.
func TestVerifyTestSuite(t *testing.T) {
	t.Parallel()
	at := time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)
	v, err := sigv4.New(map[string]string{testKeyID: testSecret}, "us-east-1", sigv4.WithService("service"),
		sigv4.WithClock(func() time.Time { return at }))
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Host = "example.amazonaws.com"
	r.Header = http.Header{
		"X-Amz-Date": {"20150830T123600Z"},
		"Authorization": {"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
			"SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
	}
	assert.NoError(t, v.Verify(r, nil))

	// The same request with a Date header instead of X-Amz-Date: the
	// string to sign holds the date in ISO 8601 form, so the signature is
	// the same once SignedHeaders names date.
	r.Header = http.Header{
		"Date": {"Sun, 30 Aug 2015 12:36:00 GMT"},
		"Authorization": {"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
			"SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
	}
	assertRefused(t, v.Verify(r, nil), sigv4.CodeIncompleteSignature, sigv4.ReasonUnsigned, "'Date' must be a 'SignedHeader' in the AWS Authorization.")
}

func assertRefused(t *testing.T, err error, code string, reason sigv4.Reason, message string) {
	t.Helper()
	var e *sigv4.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, code, e.Code)
	assert.Equal(t, reason, e.Reason, "reason %v, message %q", e.Reason, e.Message)
	assert.Equal(t, http.StatusForbidden, e.HTTPStatus)
	if strings.HasSuffix(message, "*") {
		assert.True(t, strings.HasPrefix(e.Message, strings.TrimSuffix(message, "*")), "message %q", e.Message)
	} else {
		assert.Equal(t, message, e.Message)
	}
	var api smithy.APIError
	require.ErrorAs(t, err, &api)
	assert.Equal(t, code, api.ErrorCode())
}

const mismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

func TestVerifyRefuses(t *testing.T) {
	t.Parallel()
	v := newVerifier(t)
	setHeader := func(k, val string) func(*http.Request) { return func(r *http.Request) { r.Header.Set(k, val) } }
	setAuth := func(f func(string) string) func(*http.Request) {
		return func(r *http.Request) { r.Header.Set("Authorization", f(r.Header.Get("Authorization"))) }
	}
	json := signing{body: testBody, target: lookout.TargetStartDataIngestionJob, contentType: lookout.ContentType}
	with := func(f func(*signing)) signing { s := json; f(&s); return s }
	for _, tc := range []struct {
		name    string
		s       signing
		code    string
		reason  sigv4.Reason
		message string
	}{
		{"no authorization", with(func(s *signing) { s.after = func(r *http.Request) { r.Header.Del("Authorization") } }),
			sigv4.CodeMissingAuthenticationToken, sigv4.ReasonMissing, "Missing Authentication Token"},
		{"empty authorization", with(func(s *signing) { s.after = setHeader("Authorization", "  ") }),
			sigv4.CodeMissingAuthenticationToken, sigv4.ReasonMissing, "Missing Authentication Token"},
		{"two authorizations", with(func(s *signing) { s.after = func(r *http.Request) { r.Header.Add("Authorization", "x") } }),
			sigv4.CodeIncompleteSignature, sigv4.ReasonMalformed, "The request has more than one Authorization header."},
		{"bearer token", with(func(s *signing) { s.after = setHeader("Authorization", "Bearer eyJ0eXAi") }),
			sigv4.CodeIncompleteSignature, sigv4.ReasonMalformed, "Authorization header requires 'Credential' parameter. " +
				"Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. " +
				"Authorization=Bearer eyJ0eXAi"},
		{"no signature parameter", with(func(s *signing) {
			s.after = setAuth(func(a string) string { return a[:strings.Index(a, ", Signature=")] })
		}), sigv4.CodeIncompleteSignature, sigv4.ReasonMalformed, "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=*"},
		{"no date", with(func(s *signing) { s.after = func(r *http.Request) { r.Header.Del("X-Amz-Date") } }),
			sigv4.CodeIncompleteSignature, sigv4.ReasonMalformed, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=*"},
		{"space in the access key", with(func(s *signing) {
			s.after = setAuth(func(a string) string { return strings.Replace(a, testKeyID+"/", testKeyID+" /", 1) })
		}), sigv4.CodeIncompleteSignature, sigv4.ReasonMalformed, "'/20261206/us-east-1/lookoutequipment/aws4_request' " +
			"not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential=*"},
		{"parameter twice", with(func(s *signing) { s.after = setAuth(func(a string) string { return a + ", Signature=00" }) }),
			sigv4.CodeIncompleteSignature, sigv4.ReasonMalformed, "The Authorization header gives 'Signature' more than once."},
		{"credential of four parts", with(func(s *signing) {
			s.after = setAuth(func(a string) string { return strings.Replace(a, "/aws4_request", "", 1) })
		}), sigv4.CodeIncompleteSignature, sigv4.ReasonMalformed, "Credential must have exactly 5 slash-delimited elements, " +
			"e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20261206/us-east-1/lookoutequipment'."},
		{"malformed date", with(func(s *signing) { s.after = setHeader("X-Amz-Date", "2026-12-06T12:44:00Z") }),
			sigv4.CodeIncompleteSignature, sigv4.ReasonMalformed, "X-Amz-Date must be in the ISO 8601 basic format yyyyMMdd'T'HHmmss'Z', got '2026-12-06T12:44:00Z'."},
		{"impossible date", with(func(s *signing) { s.after = setHeader("X-Amz-Date", "20260231T124400Z") }),
			sigv4.CodeIncompleteSignature, sigv4.ReasonMalformed, "X-Amz-Date must be in the ISO 8601 basic format*"},
		{"unsorted signed headers", with(func(s *signing) {
			s.after = setAuth(func(a string) string {
				return strings.Replace(a, "SignedHeaders=content-length;content-type;host", "SignedHeaders=host;content-length;content-type", 1)
			})
		}), sigv4.CodeIncompleteSignature, sigv4.ReasonMalformed, "SignedHeaders must list lowercase header names, sorted and without repeats: 'host;content-length;content-type;x-amz-date;x-amz-target'."},
		{"host unsigned", with(func(s *signing) {
			s.after = setAuth(func(a string) string { return strings.Replace(a, "host;", "", 1) })
		}), sigv4.CodeIncompleteSignature, sigv4.ReasonUnsigned, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."},
		{"x-amz-date unsigned", with(func(s *signing) {
			s.after = setAuth(func(a string) string { return strings.Replace(a, "x-amz-date;", "", 1) })
		}), sigv4.CodeIncompleteSignature, sigv4.ReasonUnsigned, "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization."},
		{"target added after signing", with(func(s *signing) {
			s.target = ""
			s.after = setHeader("X-Amz-Target", lookout.TargetStartDataIngestionJob)
		}),
			sigv4.CodeIncompleteSignature, sigv4.ReasonUnsigned, "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization."},
		{"content type added after signing", with(func(s *signing) { s.contentType = ""; s.after = setHeader("Content-Type", lookout.ContentType) }),
			sigv4.CodeIncompleteSignature, sigv4.ReasonUnsigned, "'Content-Type' must be a 'SignedHeader' in the AWS Authorization."},
		{"security token added after signing", with(func(s *signing) { s.after = setHeader("X-Amz-Security-Token", "token") }),
			sigv4.CodeIncompleteSignature, sigv4.ReasonUnsigned, "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization."},
		{"content sha256 added after signing", with(func(s *signing) { s.after = setHeader("X-Amz-Content-Sha256", sha(testBody)) }),
			sigv4.CodeIncompleteSignature, sigv4.ReasonUnsigned, "'X-Amz-Content-Sha256' must be a 'SignedHeader' in the AWS Authorization."},
		{"other service", with(func(s *signing) { s.service = "s3" }),
			sigv4.CodeInvalidSignature, sigv4.ReasonScope, "Credential should be scoped to correct service: 'lookoutequipment'."},
		{"other region", with(func(s *signing) { s.region = "eu-west-1" }),
			sigv4.CodeInvalidSignature, sigv4.ReasonScope, "Credential should be scoped to a valid region, not 'eu-west-1'."},
		{"other terminator", with(func(s *signing) {
			s.after = setAuth(func(a string) string { return strings.Replace(a, "/aws4_request", "/aws5_request", 1) })
		}), sigv4.CodeInvalidSignature, sigv4.ReasonScope, "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'."},
		{"date of another day", with(func(s *signing) { s.after = setHeader("X-Amz-Date", "20261205T124400Z") }),
			sigv4.CodeInvalidSignature, sigv4.ReasonScope, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
				"'20261206' != '20261205', from '20261205T124400Z'."},
		{"expired", with(func(s *signing) { s.at = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC) }),
			sigv4.CodeInvalidSignature, sigv4.ReasonExpired, "Signature expired: 20261206T120000Z is now earlier than 20261206T123000Z (20261206T124500Z - 15 min.)"},
		{"one second too old", with(func(s *signing) { s.at = testNow.Add(-sigv4.MaxSkew - time.Second) }),
			sigv4.CodeInvalidSignature, sigv4.ReasonExpired, "Signature expired: 20261206T122959Z is now earlier than 20261206T123000Z (20261206T124500Z - 15 min.)"},
		{"not yet current", with(func(s *signing) { s.at = time.Date(2026, 12, 6, 13, 1, 0, 0, time.UTC) }),
			sigv4.CodeInvalidSignature, sigv4.ReasonNotYetCurrent, "Signature not yet current: 20261206T130100Z is still later than 20261206T130000Z (20261206T124500Z + 15 min.)"},
		{"unknown key", with(func(s *signing) { s.keyID = "AKIDUNKNOWN" }),
			sigv4.CodeUnrecognizedClient, sigv4.ReasonUnknownKey, "The security token included in the request is invalid."},
		{"wrong secret", with(func(s *signing) { s.secret = "not-the-secret" }),
			sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, mismatch},
		{"body altered", with(func(s *signing) {
			s.after = func(r *http.Request) {} // the body passed to Verify is changed below
		}), sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, mismatch},
		{"target altered", with(func(s *signing) {
			s.after = setHeader("X-Amz-Target", "AWSLookoutEquipmentFrontendService.DeleteDataset")
		}),
			sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, mismatch},
		{"path altered", with(func(s *signing) { s.after = func(r *http.Request) { r.URL.Path, r.URL.RawPath = "/x", "" } }),
			sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, mismatch},
		{"method altered", with(func(s *signing) { s.after = func(r *http.Request) { r.Method = http.MethodPut } }),
			sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, mismatch},
		{"host altered", with(func(s *signing) { s.after = func(r *http.Request) { r.Host = "evil.example.com" } }),
			sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, mismatch},
		{"signature not hex", with(func(s *signing) {
			s.after = setAuth(func(a string) string { return a[:len(a)-1] + "g" })
		}), sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, mismatch},
		{"signature short", with(func(s *signing) {
			s.after = setAuth(func(a string) string { return a[:len(a)-2] })
		}), sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, mismatch},
		{"content sha256 not the one signed", with(func(s *signing) {
			s.header = http.Header{"X-Amz-Content-Sha256": {sha("{}")}}
		}), sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, mismatch},
		{"content sha256 of another body", with(func(s *signing) {
			s.header, s.payloadHash = http.Header{"X-Amz-Content-Sha256": {sha("{}")}}, sha("{}")
		}), sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, "The provided 'x-amz-content-sha256' header does not match what was computed."},
		{"unsigned payload", with(func(s *signing) {
			s.header, s.payloadHash = http.Header{"X-Amz-Content-Sha256": {"UNSIGNED-PAYLOAD"}}, "UNSIGNED-PAYLOAD"
		}), sigv4.CodeInvalidSignature, sigv4.ReasonMismatch, "The provided 'x-amz-content-sha256' header does not match what was computed."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, body := signed(t, tc.s)
			if tc.name == "body altered" {
				body = []byte(strings.Replace(string(body), "pump", "PUMP", 1))
			}
			assertRefused(t, v.Verify(r, body), tc.code, tc.reason, tc.message)
		})
	}
}

// TestVerifyOverHTTP checks requests the SDK's signer signs and net/http
// carries, as a server reads them.
func TestVerifyOverHTTP(t *testing.T) {
	t.Parallel()
	v, err := sigv4.New(map[string]string{testKeyID: testSecret}, testRegion)
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := v.Verify(r, body); err != nil {
			var e *sigv4.Error
			if errors.As(err, &e) {
				w.Header().Set("X-Amzn-ErrorType", e.Code)
				w.WriteHeader(e.HTTPStatus)
			}
			_, _ = io.WriteString(w, err.Error())
			return
		}
		_, _ = io.WriteString(w, "{}")
	}))
	t.Cleanup(srv.Close)
	for name, secret := range map[string]string{"right key": testSecret, "wrong key": "x"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			body := []byte(testBody)
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/", bytes.NewReader(body))
			require.NoError(t, err)
			req.Header.Set("Content-Type", lookout.ContentType)
			req.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
			require.NoError(t, v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: testKeyID, SecretAccessKey: secret},
				req, sha(testBody), sigv4.DefaultService, testRegion, time.Now()))
			resp, err := srv.Client().Do(req)
			require.NoError(t, err)
			got, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			if secret == testSecret {
				assert.Equal(t, http.StatusOK, resp.StatusCode, "%s", got)
			} else {
				assert.Equal(t, http.StatusForbidden, resp.StatusCode)
				assert.Equal(t, sigv4.CodeInvalidSignature, resp.Header.Get("X-Amzn-ErrorType"))
			}
		})
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		creds  map[string]string
		region string
		opts   []sigv4.Option
	}{
		"no credentials":    {nil, testRegion, nil},
		"empty key id":      {map[string]string{"": "s"}, testRegion, nil},
		"slash in key id":   {map[string]string{"A/B": "s"}, testRegion, nil},
		"empty secret":      {map[string]string{"A": ""}, testRegion, nil},
		"no region":         {map[string]string{"A": "s"}, "", nil},
		"region with slash": {map[string]string{"A": "s"}, "us/east", nil},
		"no service":        {map[string]string{"A": "s"}, testRegion, []sigv4.Option{sigv4.WithService("")}},
		"nil clock":         {map[string]string{"A": "s"}, testRegion, []sigv4.Option{sigv4.WithClock(nil)}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			v, err := sigv4.New(tc.creds, tc.region, tc.opts...)
			assert.Nil(t, v)
			assert.ErrorIs(t, err, sigv4.ErrConfig)
		})
	}
	creds := map[string]string{"A": "s"}
	v, err := sigv4.New(creds, testRegion)
	require.NoError(t, err)
	creds["B"] = "t" // the Verifier keeps its own copy
	assert.Equal(t, testRegion, v.Region())
	assert.Equal(t, sigv4.DefaultService, v.Service())
}

// TestVerifyAllocations checks that a valid request costs no allocation once
// the signing key is derived.
func TestVerifyAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops what it holds at random under the race detector")
	}
	v := newVerifier(t)
	r, body := signed(t, signing{body: testBody, target: lookout.TargetStartDataIngestionJob, contentType: lookout.ContentType})
	require.NoError(t, v.Verify(r, body))
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = v.Verify(r, body) }))
}

func TestReasonString(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "expired", sigv4.ReasonExpired.String())
	assert.Equal(t, "mismatch", sigv4.ReasonMismatch.String())
	assert.Equal(t, "unknown", sigv4.Reason(0).String())
	assert.Equal(t, "unknown", sigv4.Reason(200).String())
}

// TestVerifyDates: the X-Amz-Date forms refused, and the edges of the clock
// window.
func TestVerifyDates(t *testing.T) {
	t.Parallel()
	v := newVerifier(t)
	for _, d := range []string{
		"", "2026120T124400Z", "20261206T124400", "20261206 124400Z", "20261206t124400Z", "20261206T124400z",
		"20261306T124400Z", "20261200T124400Z", "20261232T124400Z", "20261206T244400Z", "20261206T126000Z",
		"20261206T124460Z", "2026-206T124400Z", "+0261206T124400Z", "20261206T12440ZZ", "20261206T124400Z ",
	} {
		r, body := signed(t, signing{body: testBody, after: func(r *http.Request) { r.Header.Set("X-Amz-Date", d) }})
		err := v.Verify(r, body)
		var e *sigv4.Error
		require.ErrorAs(t, err, &e, "%q", d)
		assert.Equal(t, "X-Amz-Date must be in the ISO 8601 basic format yyyyMMdd'T'HHmmss'Z', got '"+d+"'.", e.Message, "%q", d)
	}
	for _, tc := range []struct {
		offset time.Duration
		reason sigv4.Reason
	}{
		{-sigv4.MaxSkew - time.Second, sigv4.ReasonExpired},
		{-sigv4.MaxSkew, 0},
		{0, 0},
		{sigv4.MaxSkew, 0},
		{sigv4.MaxSkew + time.Second, sigv4.ReasonNotYetCurrent},
		{-24 * time.Hour, sigv4.ReasonExpired},
	} {
		r, body := signed(t, signing{body: testBody, at: testNow.Add(tc.offset)})
		err := v.Verify(r, body)
		if tc.reason == 0 {
			assert.NoError(t, err, "%v", tc.offset)
			continue
		}
		var e *sigv4.Error
		require.ErrorAs(t, err, &e, "%v", tc.offset)
		assert.Equal(t, tc.reason, e.Reason, "%v", tc.offset)
	}
}
