package sigv4_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/internal/sigv4"
)

// FuzzVerify checks that Verify never panics on arbitrary headers and body,
// and refuses what it refuses with a *Error of one of the four codes, 403.
func FuzzVerify(f *testing.F) {
	r, body := signed(f, signing{body: testBody, target: lookout.TargetStartDataIngestionJob, contentType: lookout.ContentType})
	f.Add(r.Header.Get("Authorization"), r.Header.Get("X-Amz-Date"), "", r.Header.Get("X-Amz-Target"), "", string(body))
	f.Add("AWS4-HMAC-SHA256 Credential=A/B/C/D/E, SignedHeaders=host, Signature=", "20261206T120000Z", "", "", "", "")
	f.Add("AWS4-HMAC-SHA256 ,,, = ==, Credential=/////", "", "Sun, 06 Dec 2026 12:00:00 GMT", "x", "UNSIGNED-PAYLOAD", "{}")
	f.Add("AWS4-HMAC-SHA256 SignedHeaders=;;host;;, Signature=zz, Credential=AKIDEXAMPLE/20261206/us-east-1/lookoutequipment/aws4_request", "20261206T124400Z", "", "", "", "")
	v := newVerifier(f)
	f.Fuzz(func(t *testing.T, auth, amzDate, date, target, contentSha, body string) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.Host = testHost
		for k, val := range map[string]string{"Authorization": auth, "X-Amz-Date": amzDate, "Date": date, "X-Amz-Target": target, "X-Amz-Content-Sha256": contentSha} {
			if val != "" {
				r.Header[k] = []string{val}
			}
		}
		err := v.Verify(r, []byte(body))
		if err == nil {
			return // the seed signed by the SDK
		}
		e, ok := err.(*sigv4.Error)
		require.True(t, ok, "%T %v", err, err)
		require.Equal(t, http.StatusForbidden, e.HTTPStatus)
		require.Contains(t, []string{sigv4.CodeMissingAuthenticationToken, sigv4.CodeIncompleteSignature,
			sigv4.CodeUnrecognizedClient, sigv4.CodeInvalidSignature}, e.Code)
		require.NotEmpty(t, e.Message)
		require.LessOrEqual(t, len(e.Message), 3000)
	})
}

// FuzzVerifySDKSigned checks Verify against an independent reference, the
// AWS SDK for Go v2's signer: whatever path, query, header value and body it
// signs, Verify lets in as it arrives over the wire.
func FuzzVerifySDKSigned(f *testing.F) {
	f.Add("/", "", "x", []byte(testBody))
	f.Add("/a b/ü/%2F/", "a=1&b=2&a=0&c", "  spaced   out  ", []byte{})
	f.Add("//x/./../y", "k=%20v&=x&k%3D=1;", "a\tb", []byte{0xff, 0})
	v := newVerifier(f)
	f.Fuzz(func(t *testing.T, path, rawQuery, value string, body []byte) {
		if !validFieldValue(value) || !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "?#") || strings.ContainsAny(rawQuery, "# \x7f") || hasCTL(rawQuery) {
			return
		}
		u := &url.URL{Scheme: "https", Host: testHost, Path: path, RawQuery: rawQuery}
		req, err := http.NewRequest(http.MethodPost, u.String(), bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", lookout.ContentType)
		req.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
		req.Header.Set("X-Amz-Meta", value)
		require.NoError(t, v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: testKeyID, SecretAccessKey: testSecret},
			req, sha(string(body)), sigv4.DefaultService, testRegion, testNow))

		// As the server reads it: the request line parsed anew.
		r := httptest.NewRequest(http.MethodPost, req.URL.RequestURI(), bytes.NewReader(body))
		r.Host = req.URL.Host
		r.Header = req.Header.Clone()
		if len(body) > 0 {
			r.Header.Set("Content-Length", itoa(len(body)))
		}
		require.NoError(t, v.Verify(r, body), "path %q query %q", path, rawQuery)
	})
}

// validFieldValue reports whether net/http would send v as a header value
// unchanged: no control character but tab, and no leading or trailing white
// space the reader would strip differently.
func validFieldValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func hasCTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' {
			return true
		}
	}
	return false
}
