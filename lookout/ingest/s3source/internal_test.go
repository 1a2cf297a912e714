package s3source

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"
)

// answer is the SDK's error for a service answer of status and code.
func answer(status int, code string, header http.Header) error {
	if header == nil {
		header = http.Header{}
	}
	var api error = &smithy.GenericAPIError{Code: code, Message: "m"}
	return &smithy.OperationError{ServiceID: "S3", OperationName: "GetObject", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status, Header: header}},
			Err:      api,
		},
		RequestID: "R",
	}}
}

func TestClassify(t *testing.T) {
	t.Parallel()
	region := http.Header{"X-Amz-Bucket-Region": {"eu-west-1"}}
	for _, tc := range []struct {
		op     string
		err    error
		kind   error
		region string
	}{
		{opList, answer(404, "NoSuchBucket", nil), ErrNoSuchBucket, ""},
		{opGet, answer(404, "NoSuchBucket", nil), ErrNoSuchBucket, ""},
		{opGet, answer(404, "NoSuchKey", nil), ErrNoSuchKey, ""},
		{opList, answer(404, "NotFound", nil), ErrNoSuchBucket, ""},
		{opGet, answer(404, "NotFound", nil), ErrNoSuchKey, ""},
		{opGet, answer(403, "AccessDenied", nil), ErrAccessDenied, ""},
		{opGet, answer(403, "InvalidAccessKeyId", nil), ErrAccessDenied, ""},
		{opGet, answer(403, "SignatureDoesNotMatch", nil), ErrAccessDenied, ""},
		{opGet, answer(403, "RequestTimeTooSkewed", nil), ErrAccessDenied, ""},
		{opGet, answer(403, "Forbidden", nil), ErrAccessDenied, ""},
		{opGet, answer(400, "ExpiredToken", nil), ErrCredentials, ""},
		{opGet, answer(400, "InvalidToken", nil), ErrCredentials, ""},
		{opGet, answer(301, "PermanentRedirect", region), ErrWrongRegion, "eu-west-1"},
		{opGet, answer(301, "MovedPermanently", nil), ErrWrongRegion, ""},
		{opGet, answer(400, "AuthorizationHeaderMalformed", region), ErrWrongRegion, "eu-west-1"},
		{opGet, answer(412, "PreconditionFailed", nil), ErrChanged, ""},
		{opGet, answer(416, "InvalidRange", nil), ErrTruncated, ""},
		{opGet, answer(500, "InternalError", nil), ErrUnavailable, ""},
		{opGet, answer(503, "SlowDown", region), ErrUnavailable, ""},
		{opGet, answer(504, "", nil), ErrUnavailable, ""},
		{opGet, answer(429, "TooManyRequestsException", nil), ErrUnavailable, ""},
		{opGet, answer(400, "RequestTimeout", nil), ErrUnavailable, ""},
		{opGet, &retry.MaxAttemptsError{Attempt: 3, Err: answer(503, "SlowDown", nil)}, ErrUnavailable, ""},
		{opGet, &smithyhttp.RequestSendError{Err: errors.New("dial tcp: connection refused")}, ErrUnavailable, ""},
		{opGet, fmt.Errorf("read: %w", io.ErrUnexpectedEOF), ErrUnavailable, ""},
		{opGet, &credentialsError{errors.New("no EC2 IMDS role found")}, ErrCredentials, ""},
		{opGet, answer(400, "InvalidRequest", nil), ErrOther, ""},
		{opGet, answer(400, "InvalidBucketName", nil), ErrOther, ""},
		{opGet, errors.New("serialization failed"), ErrOther, ""},
	} {
		e := classify(tc.op, "b", "k", tc.err)
		assert.Same(t, tc.kind, e.Kind, "%s %v", tc.op, tc.err)
		assert.Equal(t, tc.region, e.Region, "%s %v", tc.op, tc.err)
		assert.ErrorIs(t, e, tc.err, "the SDK's error is reachable")
		var ae smithy.APIError
		if errors.As(tc.err, &ae) {
			assert.Equal(t, ae.ErrorCode(), e.Code)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		e    *Error
		want string
	}{
		{&Error{Op: opGet, Bucket: "b", Key: "k", Kind: ErrNoSuchKey, StatusCode: 404, Code: "NoSuchKey"},
			"s3source: GetObject s3://b/k: no such key (404 NoSuchKey)"},
		{&Error{Op: opGet, Bucket: "b", Key: "k", Kind: ErrUnavailable, StatusCode: 504},
			"s3source: GetObject s3://b/k: service unavailable (504)"},
		{&Error{Op: opGet, Bucket: "b", Key: "k", Kind: ErrOther, Code: "X"},
			"s3source: GetObject s3://b/k: request failed (X)"},
		{&Error{Op: opList, Bucket: "b", Kind: ErrWrongRegion, StatusCode: 301, Code: "PermanentRedirect", Region: "eu-west-1",
			Err: errors.New("detail")},
			"s3source: ListObjectsV2 s3://b/: bucket is in another region (301 PermanentRedirect), bucket region eu-west-1: detail"},
		{&Error{Op: "LoadDefaultConfig", Kind: ErrConfig, Err: errors.New("no region")},
			"s3source: LoadDefaultConfig: invalid configuration: no region"},
	} {
		assert.Equal(t, tc.want, tc.e.Error())
		assert.ErrorIs(t, tc.e, tc.e.Kind)
	}
}

// contentRangeRef is the reference reading of a Content-Range header.
var contentRangeRef = regexp.MustCompile(`^bytes ([0-9]+)-([0-9]+)/([0-9]+|\*)$`)

func refContentRange(s string) (first, total int64, ok bool) {
	m := contentRangeRef.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(m[1], 10, 63)
	b, err2 := strconv.ParseUint(m[2], 10, 63)
	if err1 != nil || err2 != nil || b < a {
		return 0, 0, false
	}
	if m[3] == "*" {
		return int64(a), -1, true
	}
	t, err := strconv.ParseUint(m[3], 10, 63)
	if err != nil {
		return 0, 0, false
	}
	return int64(a), int64(t), true
}

var contentRangeCases = []string{
	"bytes 0-0/1", "bytes 0-99/100", "bytes 10-29/100", "bytes 5-4/10", "bytes 0-9/*",
	"bytes 9223372036854775806-9223372036854775806/9223372036854775807",
	"bytes 9223372036854775808-9223372036854775808/1", "bytes 0-1/9223372036854775808",
	"", "bytes", "bytes ", "bytes 0-9", "bytes 0/10", "bytes -1-9/10", "bytes 0--9/10", "bytes +0-9/10",
	"bytes 0-+9/10", "bytes 0-9/+10", "bytes 0-9/-1", "bytes 0-9/10 ", " bytes 0-9/10", "Bytes 0-9/10",
	"bytes  0-9/10", "bytes 0-9/", "bytes -9/10", "bytes 0-/10", "bytes */10", "bytes 0-9/1*",
	"bytes 00-09/010", "bytes ٠-9/10",
}

func TestParseContentRange(t *testing.T) {
	t.Parallel()
	for _, s := range contentRangeCases {
		f, tot, ok := parseContentRange(s)
		rf, rt, rok := refContentRange(s)
		assert.Equal(t, rok, ok, "%q", s)
		if ok && rok {
			assert.Equal(t, rf, f, "%q", s)
			assert.Equal(t, rt, tot, "%q", s)
		}
	}
	f, tot, ok := parseContentRange("bytes 10-29/100")
	assert.True(t, ok)
	assert.Equal(t, int64(10), f)
	assert.Equal(t, int64(100), tot)
}

func FuzzParseContentRange(f *testing.F) {
	for _, s := range contentRangeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		first, total, ok := parseContentRange(s)
		rf, rt, rok := refContentRange(s)
		if ok != rok || ok && (first != rf || total != rt) {
			t.Fatalf("%q: got %d %d %v, reference %d %d %v", s, first, total, ok, rf, rt, rok)
		}
	})
}
