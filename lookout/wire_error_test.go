package lookout_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// wireErrorAnswer is what WriteError wrote.
type wireErrorAnswer struct {
	status    int
	errorType string
	body      map[string]any
}

func wireWriteError(t *testing.T, err error) wireErrorAnswer {
	t.Helper()
	rec := httptest.NewRecorder()
	lookout.WriteError(rec, err)
	res := rec.Result()
	assert.Equal(t, lookout.ContentType, res.Header.Get("Content-Type"))
	assert.Equal(t, int64(rec.Body.Len()), res.ContentLength)
	var body map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
	return wireErrorAnswer{status: res.StatusCode, errorType: res.Header.Get("X-Amzn-ErrorType"), body: body}
}

// wireErrorBody is the body WriteError writes for code and message: the
// protocol's own errors are in the namespace AWS's services give them.
func wireErrorBody(code, message string) map[string]any {
	ns := "com.amazonaws.lookoutequipment#"
	if code == lookout.CodeSerialization || code == lookout.CodeUnknownOperation {
		ns = "com.amazon.coral.service#"
	}
	return map[string]any{"__type": ns + code, "Message": message}
}

const wireDefaultInternal = "Processing of the request has failed because of an unknown error, exception or failure."

func TestWriteError(t *testing.T) {
	t.Parallel()
	validation := testcases.Valid()
	validation.IngestionInputConfiguration.S3InputConfiguration.Bucket = "ab"
	validationErr := validation.Validate()
	require.Error(t, validationErr)
	long := strings.Repeat("é", 6000)

	tests := []struct {
		name    string
		err     error
		status  int
		code    string
		message string
	}{
		{name: "AccessDeniedException", err: &lookout.AccessDeniedException{Message: "m"}, status: 400, code: "AccessDeniedException", message: "m"},
		{name: "ConflictException", err: &lookout.ConflictException{Message: "m"}, status: 400, code: "ConflictException", message: "m"},
		{name: "InternalServerException", err: &lookout.InternalServerException{Message: "m"}, status: 500, code: "InternalServerException", message: "m"},
		{name: "ResourceNotFoundException", err: &lookout.ResourceNotFoundException{Message: "m"}, status: 400, code: "ResourceNotFoundException", message: "m"},
		{name: "ServiceQuotaExceededException", err: &lookout.ServiceQuotaExceededException{Message: "m"}, status: 400, code: "ServiceQuotaExceededException", message: "m"},
		{name: "ThrottlingException", err: &lookout.ThrottlingException{Message: "m"}, status: 400, code: "ThrottlingException", message: "m"},
		{name: "ValidationException", err: &lookout.ValidationException{Message: "m"}, status: 400, code: "ValidationException", message: "m"},
		{name: "SerializationException", err: &lookout.SerializationException{Message: "m", Err: errors.New("cause")},
			status: 400, code: "SerializationException", message: "m"},
		{name: "UnknownOperationException", err: &lookout.UnknownOperationException{Message: "m"}, status: 400, code: "UnknownOperationException", message: "m"},
		{name: "Validate's error", err: validationErr, status: 400, code: "ValidationException",
			message: wireCaseMessage(t, "bucket too short")},
		{name: "wrapped", err: fmt.Errorf("starting the job: %w", &lookout.ThrottlingException{Message: "slow down"}),
			status: 400, code: "ThrottlingException", message: "slow down"},
		{name: "joined", err: errors.Join(errors.New("secret"), &lookout.ConflictException{Message: "c"}),
			status: 400, code: "ConflictException", message: "c"},
		{name: "typed nil", err: (*lookout.ThrottlingException)(nil), status: 400, code: "ThrottlingException",
			message: "The request was denied due to request throttling."},
		{name: "empty message", err: &lookout.ResourceNotFoundException{}, status: 400, code: "ResourceNotFoundException",
			message: "The resource requested could not be found. Verify the resource ID and retry your request."},
		{name: "long message", err: &lookout.ConflictException{Message: long}, status: 400, code: "ConflictException",
			message: strings.Repeat("é", 5000)},
		{name: "invalid UTF-8 message", err: &lookout.ConflictException{Message: "a\xffb"}, status: 400, code: "ConflictException",
			message: "a\uFFFDb"},
		{name: "generic", err: &lookout.GenericAPIError{Code: "FooError", Message: "foo", StatusCode: 418},
			status: 418, code: "FooError", message: "foo"},
		{name: "generic 5xx, empty message", err: &lookout.GenericAPIError{Code: "Busy_2", StatusCode: 503},
			status: 503, code: "Busy_2", message: "The request failed with Busy_2."},
		{name: "generic naming the taxonomy", err: &lookout.GenericAPIError{Code: "throttlingEXCEPTION", Message: "t", StatusCode: 503},
			status: 400, code: "ThrottlingException", message: "t"},
		{name: "generic without status", err: &lookout.GenericAPIError{Code: "FooError", Message: "secret"},
			status: 500, code: "InternalServerException", message: wireDefaultInternal},
		{name: "generic with a 3xx status", err: &lookout.GenericAPIError{Code: "FooError", Message: "secret", StatusCode: 302},
			status: 500, code: "InternalServerException", message: wireDefaultInternal},
		{name: "generic without code", err: &lookout.GenericAPIError{Message: "secret", StatusCode: 400},
			status: 500, code: "InternalServerException", message: wireDefaultInternal},
		{name: "generic with a code that does not read back", err: &lookout.GenericAPIError{Code: "a#FooError", Message: "secret", StatusCode: 400},
			status: 500, code: "InternalServerException", message: wireDefaultInternal},
		{name: "generic with a header-breaking code", err: &lookout.GenericAPIError{Code: "Foo\r\nSet-Cookie: x", Message: "secret", StatusCode: 400},
			status: 500, code: "InternalServerException", message: wireDefaultInternal},
		{name: "nil generic", err: (*lookout.GenericAPIError)(nil), status: 500, code: "InternalServerException", message: wireDefaultInternal},
		{name: "plain error", err: errors.New("dial tcp 10.0.0.7:5432: password=secret"),
			status: 500, code: "InternalServerException", message: wireDefaultInternal},
		{name: "AWS SDK error", err: &smithy.GenericAPIError{Code: "AccessDenied", Message: "secret bucket"},
			status: 500, code: "InternalServerException", message: wireDefaultInternal},
		{name: "nil", err: nil, status: 500, code: "InternalServerException", message: wireDefaultInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := wireWriteError(t, tt.err)
			assert.Equal(t, tt.status, got.status)
			assert.Equal(t, tt.code, got.errorType)
			assert.Equal(t, wireErrorBody(tt.code, tt.message), got.body)
		})
	}
}

func TestWriteErrorLeaksNothing(t *testing.T) {
	t.Parallel()
	for _, err := range []error{
		errors.New("secret"),
		fmt.Errorf("wrapped: %w", errors.New("secret")),
		&smithy.GenericAPIError{Code: "secret", Message: "secret"},
		&lookout.GenericAPIError{Code: "secret", Message: "secret"},
	} {
		rec := httptest.NewRecorder()
		lookout.WriteError(rec, err)
		assert.NotContains(t, rec.Body.String(), "secret")
		for _, v := range rec.Result().Header {
			assert.NotContains(t, strings.Join(v, ","), "secret")
		}
	}
}

// wireCaseMessage returns the Message of the shared case name.
func wireCaseMessage(t *testing.T, name string) string {
	t.Helper()
	for _, c := range testcases.Requests {
		if c.Name == name {
			require.NotEmpty(t, c.Message)
			return c.Message
		}
	}
	require.FailNow(t, "no shared case "+name)
	return ""
}

// wireResponse builds an error response.
func wireResponse(status int, header map[string]string, body string) *http.Response {
	h := http.Header{}
	for k, v := range header {
		h.Set(k, v)
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body))}
}

// TestErrorFromResponse covers the client cases of Smithy's AWS JSON 1.0
// protocol tests (errors.smithy) and how AWS's clients read an error: the
// name from the header X-Amzn-ErrorType, else the body's code, else its
// __type, kept before the first ':' and after the '#', matched in any case;
// a name the client does not know kept with the message and the status.
func TestErrorFromResponse(t *testing.T) {
	t.Parallel()
	const uri = ":http://internal.amazon.com/coral/com.amazon.coral.validate/"
	foo := func(status int) error { return &lookout.GenericAPIError{Code: "FooError", StatusCode: status} }
	tests := []struct {
		name   string
		resp   *http.Response
		want   error
		header bool // the header X-Amzn-ErrorType is given
	}{
		{name: "header only", resp: wireResponse(500, map[string]string{"X-Amzn-Errortype": "FooError"}, ""), want: foo(500)},
		{name: "header with URI", resp: wireResponse(500, map[string]string{"X-Amzn-Errortype": "FooError" + uri}, ""), want: foo(500)},
		{name: "header with namespace and URI",
			resp: wireResponse(500, map[string]string{"X-Amzn-Errortype": "aws.protocoltests.json10#FooError" + uri}, ""), want: foo(500)},
		{name: "header spelt in capitals", resp: wireResponse(500, map[string]string{"X-AMZN-ERRORTYPE": "FooError"}, ""), want: foo(500)},
		{name: "code only", resp: wireResponse(500, nil, `{"code":"FooError"}`), want: foo(500)},
		{name: "code with namespace", resp: wireResponse(500, nil, `{"code":"aws.protocoltests.json10#FooError"}`), want: foo(500)},
		{name: "code with namespace and URI", resp: wireResponse(500, nil, `{"code":"aws.protocoltests.json10#FooError`+uri+`"}`), want: foo(500)},
		{name: "Code", resp: wireResponse(500, nil, `{"Code":"FooError"}`), want: foo(500)},
		{name: "__type only", resp: wireResponse(500, nil, `{"__type":"FooError"}`), want: foo(500)},
		{name: "__type with namespace", resp: wireResponse(500, nil, `{"__type":"aws.protocoltests.json10#FooError"}`), want: foo(500)},
		{name: "__type with another namespace", resp: wireResponse(500, nil, `{"__type":"aws.different.namespace#FooError"}`), want: foo(500)},
		{name: "__type with namespace and URI", resp: wireResponse(500, nil, `{"__type":"aws.protocoltests.json10#FooError`+uri+`"}`), want: foo(500)},
		{name: "nested __type is not read", resp: wireResponse(500, nil,
			`{"__type":"aws.protocoltests.json10#FooError","ErrorDetails":[{"__type":"com.amazon.internal#ErrorDetails","reason":"r"}]}`),
			want: foo(500)},
		{name: "only a nested __type", resp: wireResponse(500, nil, `{"Details":{"__type":"FooError"}}`),
			want: &lookout.GenericAPIError{StatusCode: 500}},
		{name: "header before code", resp: wireResponse(400, map[string]string{"X-Amzn-ErrorType": "ThrottlingException"},
			`{"code":"FooError","__type":"BarError","Message":"m"}`), want: &lookout.ThrottlingException{Message: "m"}},
		{name: "code before __type", resp: wireResponse(400, nil, `{"__type":"BarError","code":"FooError","Message":"m"}`),
			want: &lookout.GenericAPIError{Code: "FooError", Message: "m", StatusCode: 400}},
		{name: "empty header", resp: wireResponse(400, map[string]string{"X-Amzn-ErrorType": " "}, `{"__type":"FooError"}`), want: foo(400)},
		{name: "header of a namespace only", resp: wireResponse(400, map[string]string{"X-Amzn-ErrorType": "aws#"}, `{"__type":"FooError"}`),
			want: foo(400)},
		{name: "code that is not a string", resp: wireResponse(400, nil, `{"code":404,"__type":"FooError"}`), want: foo(400)},
		{name: "taxonomy, Message", resp: wireResponse(400, nil,
			`{"__type":"com.amazonaws.lookoutequipment#ValidationException","Message":"1 validation error detected"}`),
			want: &lookout.ValidationException{Message: "1 validation error detected"}},
		{name: "taxonomy, message", resp: wireResponse(400, nil, `{"__type":"ConflictException","message":"in use"}`),
			want: &lookout.ConflictException{Message: "in use"}},
		{name: "message before Message", resp: wireResponse(400, nil, `{"__type":"ConflictException","Message":"B","message":"A"}`),
			want: &lookout.ConflictException{Message: "A"}},
		{name: "MESSAGE", resp: wireResponse(400, nil, `{"__type":"ConflictException","MESSAGE":"m"}`),
			want: &lookout.ConflictException{Message: "m"}},
		{name: "taxonomy in another case", resp: wireResponse(400, map[string]string{"X-Amzn-ErrorType": "throttlingexception"}, ""),
			want: &lookout.ThrottlingException{}},
		{name: "taxonomy at another status", resp: wireResponse(503, nil, `{"__type":"InternalServerException","Message":"m"}`),
			want: &lookout.InternalServerException{Message: "m"}},
		{name: "protocol error", resp: wireResponse(400, nil, `{"__type":"com.amazon.coral.service#UnknownOperationException"}`),
			want: &lookout.UnknownOperationException{}},
		{name: "unknown code", resp: wireResponse(409, nil, `{"__type":"com.amazonaws.lookoutequipment#NewException","Message":"new"}`),
			want: &lookout.GenericAPIError{Code: "NewException", Message: "new", StatusCode: 409}},
		{name: "empty body", resp: wireResponse(400, nil, ""), want: &lookout.GenericAPIError{StatusCode: 400}},
		{name: "empty object", resp: wireResponse(400, nil, "{}"), want: &lookout.GenericAPIError{StatusCode: 400}},
		{name: "5xx without body", resp: wireResponse(503, nil, ""), want: &lookout.GenericAPIError{StatusCode: 503}},
		{name: "5xx with a nil body", resp: &http.Response{StatusCode: 502}, want: &lookout.GenericAPIError{StatusCode: 502}},
		{name: "non-JSON body", resp: wireResponse(502, nil, "\n<html><body>Bad Gateway</body></html>\n"),
			want: &lookout.GenericAPIError{Message: "<html><body>Bad Gateway</body></html>", StatusCode: 502}},
		{name: "non-JSON body with a header", resp: wireResponse(400, map[string]string{"X-Amzn-ErrorType": "FooError"}, "Bad request"),
			want: &lookout.GenericAPIError{Code: "FooError", Message: "Bad request", StatusCode: 400}},
		{name: "non-JSON, non-UTF-8 body", resp: wireResponse(500, nil, "\xff\xfe"),
			want: &lookout.GenericAPIError{Message: "the error body is not JSON (2 bytes)", StatusCode: 500}},
		{name: "JSON null", resp: wireResponse(500, nil, "null"), want: &lookout.GenericAPIError{Message: "null", StatusCode: 500}},
		{name: "JSON array", resp: wireResponse(500, nil, `[{"__type":"FooError"}]`),
			want: &lookout.GenericAPIError{Message: `[{"__type":"FooError"}]`, StatusCode: 500}},
		{name: "truncated JSON", resp: wireResponse(400, nil, `{"__type":"FooError"`),
			want: &lookout.GenericAPIError{Message: `{"__type":"FooError"`, StatusCode: 400}},
		{name: "3xx", resp: wireResponse(302, nil, ""), want: &lookout.GenericAPIError{StatusCode: 302}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := lookout.ErrorFromResponse(tt.resp)
			require.Error(t, got)
			assert.Equal(t, tt.want, got)
			assert.NotEmpty(t, lookout.ErrorCode(got))
		})
	}
}

func TestErrorFromResponseCodes(t *testing.T) {
	t.Parallel()
	err := lookout.ErrorFromResponse(wireResponse(503, nil, ""))
	assert.Equal(t, "UnknownError", lookout.ErrorCode(err))
	assert.True(t, lookout.IsRetryable(err), "a 5xx is worth retrying")
	assert.Equal(t, "UnknownError (HTTP 503)", err.Error())

	err = lookout.ErrorFromResponse(wireResponse(400, map[string]string{"X-Amzn-ErrorType": "throttlingexception"}, ""))
	assert.Equal(t, "ThrottlingException", lookout.ErrorCode(err))
	assert.True(t, lookout.IsRetryable(err))
}

func TestErrorFromResponseSuccess(t *testing.T) {
	t.Parallel()
	body := &wireCountingReader{r: strings.NewReader(`{"__type":"ThrottlingException"}`)}
	resp := &http.Response{StatusCode: 200, Header: http.Header{"X-Amzn-Errortype": {"ThrottlingException"}}, Body: io.NopCloser(body)}
	err := lookout.ErrorFromResponse(resp)
	assert.Equal(t, &lookout.GenericAPIError{
		Message: "HTTP status 200 is a success: the response is not an error", StatusCode: 200}, err)
	assert.Equal(t, "UnknownError", lookout.ErrorCode(err))
	assert.Zero(t, body.n, "a success's body is not read")

	err = lookout.ErrorFromResponse(nil)
	assert.Equal(t, &lookout.GenericAPIError{Message: "there is no HTTP response to read an error from"}, err)
	assert.Equal(t, "UnknownError", lookout.ErrorCode(err))
}

func TestErrorFromResponseBoundedRead(t *testing.T) {
	t.Parallel()
	body := &wireCountingReader{r: wireEndlessReader{}}
	resp := &http.Response{StatusCode: 400, Header: http.Header{"X-Amzn-Errortype": {"ConflictException"}}, Body: io.NopCloser(body)}
	err := lookout.ErrorFromResponse(resp)
	assert.Equal(t, &lookout.ConflictException{Message: "the error body is longer than 131072 bytes; it was not read"}, err)
	assert.Equal(t, int64(lookout.MaxErrorBodyBytes+1), body.n)

	// A body of exactly the limit is read.
	msg := strings.Repeat("m", lookout.MaxErrorBodyBytes-len(`{"__type":"ConflictException","Message":""}`))
	resp = wireResponse(400, nil, `{"__type":"ConflictException","Message":"`+msg+`"}`)
	assert.Equal(t, &lookout.ConflictException{Message: msg}, lookout.ErrorFromResponse(resp))
}

func TestErrorFromResponseReadError(t *testing.T) {
	t.Parallel()
	errBroken := errors.New("connection reset")
	resp := &http.Response{StatusCode: 400, Header: http.Header{"X-Amzn-Errortype": {"ConflictException"}},
		Body: io.NopCloser(io.MultiReader(strings.NewReader(`{"Message":"in`), &wireFailingReader{err: errBroken}))}
	err := lookout.ErrorFromResponse(resp)
	require.ErrorIs(t, err, errBroken)
	var ce *lookout.ConflictException
	require.ErrorAs(t, err, &ce)
	assert.Empty(t, ce.Message)
	assert.Equal(t, "ConflictException", lookout.ErrorCode(err))
	assert.Equal(t, "ConflictException (the error body could not be read: connection reset)", err.Error())

	resp.Header = nil
	resp.Body = io.NopCloser(&wireFailingReader{err: errBroken})
	err = lookout.ErrorFromResponse(resp)
	require.ErrorIs(t, err, errBroken)
	assert.Equal(t, "UnknownError", lookout.ErrorCode(err))
}

func TestErrorFromResponseDoesNotClose(t *testing.T) {
	t.Parallel()
	body := &wireClosingBody{Reader: strings.NewReader(`{"__type":"ConflictException"}`)}
	_ = lookout.ErrorFromResponse(&http.Response{StatusCode: 400, Body: body})
	assert.False(t, body.closed)
}

type wireClosingBody struct {
	io.Reader
	closed bool
}

func (b *wireClosingBody) Close() error { b.closed = true; return nil }

// wireTaxonomy has one error of each type of the taxonomy, as the wire
// carries them (no Fields, no Err).
func wireTaxonomy(message string) []error {
	return []error{
		&lookout.AccessDeniedException{Message: message},
		&lookout.ConflictException{Message: message},
		&lookout.InternalServerException{Message: message},
		&lookout.ResourceNotFoundException{Message: message},
		&lookout.ServiceQuotaExceededException{Message: message},
		&lookout.ThrottlingException{Message: message},
		&lookout.ValidationException{Message: message},
		&lookout.SerializationException{Message: message},
		&lookout.UnknownOperationException{Message: message},
	}
}

// wireRoundTrip writes err with WriteError and reads it back with
// ErrorFromResponse.
func wireRoundTrip(t testing.TB, err error) error {
	t.Helper()
	rec := httptest.NewRecorder()
	lookout.WriteError(rec, err)
	res := rec.Result()
	defer func() { require.NoError(t, res.Body.Close()) }()
	return lookout.ErrorFromResponse(res)
}

func TestWriteErrorRoundTrip(t *testing.T) {
	t.Parallel()
	for _, message := range []string{"m", "Value 'ab' at 'x' failed: \"quoted\" \\ <html> é 😀 \u2028", strings.Repeat("x", 5000)} {
		for _, err := range wireTaxonomy(message) {
			assert.Equal(t, err, wireRoundTrip(t, err))
		}
	}
	// Generic errors keep code, message and status.
	for _, err := range []error{
		&lookout.GenericAPIError{Code: "FooError", Message: "foo", StatusCode: 418},
		&lookout.GenericAPIError{Code: "BarError", Message: "bar", StatusCode: 503},
	} {
		assert.Equal(t, err, wireRoundTrip(t, err))
	}
	// What the wire does not carry is lost, the rest kept.
	req := testcases.Valid()
	req.RoleArn = "x"
	verr := req.Validate()
	var ve *lookout.ValidationException
	require.ErrorAs(t, verr, &ve)
	assert.Equal(t, &lookout.ValidationException{Message: ve.Message}, wireRoundTrip(t, verr))
	_, serr := wireDecodeStart([]byte("[]"))
	var se *lookout.SerializationException
	require.ErrorAs(t, serr, &se)
	assert.Equal(t, &lookout.SerializationException{Message: se.Message}, wireRoundTrip(t, serr))
}

// The two ways AWS's clients read an error: botocore reads only
// the body (the code from "__type", cut at ':' and after the last '#'; the
// message from "message", else "Message"); the AWS SDK for Go v2 reads the
// header X-Amzn-ErrorType, else the body's "__type", else its "code", and
// the message from a member named "message" in any case.

func wireBotocore(t *testing.T, res *http.Response, body []byte) (code, message string) {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(body, &m))
	if msg, ok := m["message"].(string); ok {
		message = msg
	} else if msg, ok := m["Message"].(string); ok {
		message = msg
	}
	code, _ = m["__type"].(string)
	code, _, _ = strings.Cut(code, ":")
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return code, message
}

func wireGoSDK(t *testing.T, res *http.Response, body []byte) (code, message string) {
	t.Helper()
	var info struct {
		Type    string `json:"__type"`
		Message string
		Code    any
	}
	require.NoError(t, json.Unmarshal(body, &info))
	code = res.Header.Get("X-Amzn-ErrorType")
	if code == "" {
		code = info.Type
	}
	if c, ok := info.Code.(string); code == "" && ok {
		code = c
	}
	code, _, _ = strings.Cut(code, ":")
	if i := strings.IndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return code, info.Message
}

func TestWriteErrorReadsTheSameInAWSClients(t *testing.T) {
	t.Parallel()
	clients := map[string]func(*testing.T, *http.Response, []byte) (string, string){
		"botocore": wireBotocore, "aws-sdk-go-v2": wireGoSDK,
	}
	for name, read := range clients {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, err := range wireTaxonomy("the message") {
				rec := httptest.NewRecorder()
				lookout.WriteError(rec, err)
				code, message := read(t, rec.Result(), rec.Body.Bytes())
				assert.Equal(t, lookout.ErrorCode(err), code)
				assert.Equal(t, "the message", message)
			}
		})
	}
}

func TestWriteErrorMessageBound(t *testing.T) {
	t.Parallel()
	// 5000 characters, whatever their width.
	for _, r := range []string{"x", "é", "😀"} {
		got := wireWriteError(t, &lookout.ConflictException{Message: strings.Repeat(r, 5001)})
		msg, ok := got.body["Message"].(string)
		require.True(t, ok)
		assert.Equal(t, 5000, utf8.RuneCountInString(msg))
	}
}
