package sigv4_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/internal/sigv4"
)

// referenceSignature signs as AWS's documentation of Signature Version 4
// describes it, step by step, with nothing shared with the package: for a
// request to "/" without a query, whose signed headers are given in order
// with their values already canonical.
func referenceSignature(method string, headers [][2]string, body, date, secret, region, service string) (signedHeaders, signature string) {
	var names, lines []string
	for _, h := range headers {
		names = append(names, h[0])
		lines = append(lines, h[0]+":"+h[1]+"\n")
	}
	signedHeaders = strings.Join(names, ";")
	bodySum := sha256.Sum256([]byte(body))
	canonical := method + "\n/\n\n" + strings.Join(lines, "") + "\n" + signedHeaders + "\n" + hex.EncodeToString(bodySum[:])
	canonSum := sha256.Sum256([]byte(canonical))
	scope := date[:8] + "/" + region + "/" + service + "/aws4_request"
	toSign := "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + hex.EncodeToString(canonSum[:])
	mac := func(key []byte, s string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(s))
		return h.Sum(nil)
	}
	key := mac(mac(mac(mac([]byte("AWS4"+secret), date[:8]), region), service), "aws4_request")
	return signedHeaders, hex.EncodeToString(mac(key, toSign))
}

// TestVerifyDateHeader: a request dated by its Date header (HTTP form)
// rather than X-Amz-Date is signed with the date in ISO 8601 basic form.
func TestVerifyDateHeader(t *testing.T) {
	t.Parallel()
	v := newVerifier(t)
	at := testNow.Add(-2 * time.Minute)
	httpDate := at.Format(http.TimeFormat)
	signed, sig := referenceSignature(http.MethodPost, [][2]string{
		{"content-type", lookout.ContentType}, {"date", httpDate}, {"host", testHost}, {"x-amz-target", lookout.TargetStartDataIngestionJob},
	}, testBody, at.Format("20060102T150405Z"), testSecret, testRegion, sigv4.DefaultService)

	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(testBody))
	r.Host = testHost
	r.Header = http.Header{
		"Content-Type": {lookout.ContentType}, "Date": {httpDate}, "X-Amz-Target": {lookout.TargetStartDataIngestionJob},
		"Authorization": {"AWS4-HMAC-SHA256 Credential=" + testKeyID + "/" + at.Format("20060102") + "/" + testRegion + "/" + sigv4.DefaultService +
			"/aws4_request, SignedHeaders=" + signed + ", Signature=" + sig},
	}
	require.NoError(t, v.Verify(r, []byte(testBody)))

	r.Header.Set("Date", "not a date")
	var e *sigv4.Error
	require.ErrorAs(t, v.Verify(r, []byte(testBody)), &e)
	assert.Equal(t, "The Date header must be one date in the HTTP format, got 'not a date'.", e.Message)

	// The reference agrees with the package on an X-Amz-Date request too.
	amz := at.Format("20060102T150405Z")
	signed, sig = referenceSignature(http.MethodPost, [][2]string{{"host", testHost}, {"x-amz-date", amz}}, testBody, amz, testSecret, testRegion, sigv4.DefaultService)
	r.Header = http.Header{"X-Amz-Date": {amz}, "Authorization": {"AWS4-HMAC-SHA256 Credential=" + testKeyID + "/" + amz[:8] + "/" + testRegion + "/" +
		sigv4.DefaultService + "/aws4_request,SignedHeaders=" + signed + ",Signature=" + sig}}
	require.NoError(t, v.Verify(r, []byte(testBody)), "parameters separated by commas alone")
}
