package lookout_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// wireRequest returns a request as an AWS SDK sends StartDataIngestionJob.
func wireRequest(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("Content-Type", lookout.ContentType)
	r.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
	return r
}

func TestReadRequestAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(r *http.Request)
	}{
		{name: "as the SDKs send it", setup: func(*http.Request) {}},
		{name: "content type parameters are ignored", setup: func(r *http.Request) {
			r.Header.Set("Content-Type", "application/x-amz-json-1.0; charset=utf-8")
		}},
		{name: "media types are case-insensitive", setup: func(r *http.Request) {
			r.Header.Set("Content-Type", "Application/X-Amz-JSON-1.0")
		}},
		{name: "identity encoding", setup: func(r *http.Request) { r.Header.Set("Content-Encoding", "identity") }},
		{name: "Identity encoding", setup: func(r *http.Request) { r.Header.Set("Content-Encoding", "Identity") }},
		{name: "unknown length", setup: func(r *http.Request) {
			r.ContentLength = -1
			r.Body = io.NopCloser(io.MultiReader(strings.NewReader(wireTypicalBody[:10]), strings.NewReader(wireTypicalBody[10:])))
		}},
		{name: "any path", setup: func(r *http.Request) { r.URL.Path = "/lookout/" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := wireRequest(wireTypicalBody)
			tt.setup(r)
			got, err := wireReadStart(r)
			require.NoError(t, err)
			assert.Equal(t, testcases.Valid(), got)
		})
	}
}

func TestReadRequestRefusesTheRoute(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		setup   func(r *http.Request)
		message string
	}{
		{name: "GET", setup: func(r *http.Request) { r.Method = http.MethodGet },
			message: `AWS JSON 1.0 requests are sent with POST; this one was sent with "GET"`},
		{name: "PUT", setup: func(r *http.Request) { r.Method = http.MethodPut },
			message: `AWS JSON 1.0 requests are sent with POST; this one was sent with "PUT"`},
		{name: "lower-case post", setup: func(r *http.Request) { r.Method = "post" },
			message: `AWS JSON 1.0 requests are sent with POST; this one was sent with "post"`},
		{name: "no content type", setup: func(r *http.Request) { r.Header.Del("Content-Type") },
			message: "the request has no Content-Type header; it must be application/x-amz-json-1.0"},
		{name: "application/json", setup: func(r *http.Request) { r.Header.Set("Content-Type", "application/json") },
			message: `the Content-Type must be application/x-amz-json-1.0; the request's is "application/json"`},
		{name: "AWS JSON 1.1", setup: func(r *http.Request) { r.Header.Set("Content-Type", "application/x-amz-json-1.1") },
			message: `the Content-Type must be application/x-amz-json-1.0; the request's is "application/x-amz-json-1.1"`},
		{name: "malformed content type", setup: func(r *http.Request) {
			r.Header.Set("Content-Type", "application/x-amz-json-1.0; charset")
		}, message: `the Content-Type must be application/x-amz-json-1.0; the request's is "application/x-amz-json-1.0; charset"`},
		{name: "two content types", setup: func(r *http.Request) { r.Header.Add("Content-Type", "application/json") },
			message: "the request has 2 Content-Type headers; it must have one, application/x-amz-json-1.0"},
		{name: "no target", setup: func(r *http.Request) { r.Header.Del("X-Amz-Target") },
			message: "the request has no X-Amz-Target header; it must be AWSLookoutEquipmentFrontendService.StartDataIngestionJob"},
		{name: "another operation", setup: func(r *http.Request) {
			r.Header.Set("X-Amz-Target", "AWSLookoutEquipmentFrontendService.StopInferenceScheduler")
		}, message: `X-Amz-Target "AWSLookoutEquipmentFrontendService.StopInferenceScheduler" names no operation of this ` +
			`endpoint, which serves AWSLookoutEquipmentFrontendService.StartDataIngestionJob`},
		{name: "target in another case", setup: func(r *http.Request) {
			r.Header.Set("X-Amz-Target", strings.ToLower(lookout.TargetStartDataIngestionJob))
		}, message: `X-Amz-Target "awslookoutequipmentfrontendservice.startdataingestionjob" names no operation`},
		{name: "two targets", setup: func(r *http.Request) { r.Header.Add("X-Amz-Target", lookout.TargetStartDataIngestionJob) },
			message: "the request has 2 X-Amz-Target headers"},
		{name: "long, unprintable target", setup: func(r *http.Request) {
			r.Header.Set("X-Amz-Target", "\u202e"+strings.Repeat("x", 1000))
		}, message: `X-Amz-Target "\u202E` + strings.Repeat("x", 122) + `"... names no operation`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := &wireCountingReader{r: strings.NewReader(wireTypicalBody)}
			r := wireRequest("")
			r.Body = io.NopCloser(body)
			tt.setup(r)
			got, err := wireReadStart(r)
			assert.Nil(t, got)
			var uoe *lookout.UnknownOperationException
			require.ErrorAs(t, err, &uoe)
			assert.Contains(t, uoe.Message, tt.message)
			assert.Zero(t, body.n, "the body is not read")
		})
	}
}

// wireCountingReader counts the bytes read from r.
type wireCountingReader struct {
	r io.Reader
	n int64
}

func (c *wireCountingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// wireEndlessReader is a body that never ends.
type wireEndlessReader struct{}

func (wireEndlessReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestReadRequestRefusesTheBody(t *testing.T) {
	t.Parallel()
	errBroken := errors.New("connection reset")
	tests := []struct {
		name      string
		setup     func(r *http.Request)
		offset    int64
		reason    string
		cause     error // errors.Is; nil for none
		maxBytes  bool  // the cause is a *http.MaxBytesError
		maxRead   int64 // most bytes read; 0 for no check
		decodeErr bool  // DecodeRequest's error, with a position
	}{
		{name: "gzip", setup: func(r *http.Request) { r.Header.Set("Content-Encoding", "gzip") },
			reason: `the body must be JSON without a Content-Encoding; the request has Content-Encoding "gzip"`},
		{name: "Content-Length over the limit", setup: func(r *http.Request) {
			r.ContentLength = lookout.MaxRequestBodyBytes + 1
			r.Body = io.NopCloser(&wireCountingReader{r: wireEndlessReader{}})
		}, offset: lookout.MaxRequestBodyBytes, reason: "the body is longer than the limit of 65536 bytes", maxBytes: true},
		{name: "endless body", setup: func(r *http.Request) {
			r.ContentLength = -1
			r.Body = io.NopCloser(wireEndlessReader{})
		}, offset: lookout.MaxRequestBodyBytes, reason: "the body is longer than the limit of 65536 bytes", maxBytes: true},
		{name: "body longer than its Content-Length", setup: func(r *http.Request) {
			r.ContentLength = 10
			r.Body = io.NopCloser(wireEndlessReader{})
		}, offset: lookout.MaxRequestBodyBytes, reason: "the body is longer than the limit", maxBytes: true},
		{name: "smaller MaxBytesReader", setup: func(r *http.Request) {
			r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 10)
		}, offset: 10, reason: "the body is longer than the limit of 10 bytes", maxBytes: true},
		{name: "read error", setup: func(r *http.Request) {
			r.Body = io.NopCloser(io.MultiReader(strings.NewReader(`{"Data`), &wireFailingReader{err: errBroken}))
		}, offset: 6, reason: "the body could not be read to its end: connection reset", cause: errBroken},
		{name: "no body", setup: func(r *http.Request) { r.Body = http.NoBody; r.ContentLength = 0 },
			reason: "the body is empty", decodeErr: true},
		{name: "nil body", setup: func(r *http.Request) { r.Body = nil; r.ContentLength = 0 },
			reason: "the body is empty", decodeErr: true},
		{name: "malformed", setup: func(r *http.Request) {
			r.Body = io.NopCloser(strings.NewReader(`{"DatasetName":"d",}`))
		}, offset: 19, reason: "expected a member name after ','", decodeErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := wireRequest(wireTypicalBody)
			tt.setup(r)
			counter := &wireCountingReader{r: r.Body}
			if r.Body != nil {
				r.Body = io.NopCloser(counter)
			}
			got, err := wireReadStart(r)
			assert.Nil(t, got)
			var se *lookout.SerializationException
			require.ErrorAs(t, err, &se)
			var de *lookout.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Same(t, de, se.Err)
			assert.Equal(t, tt.offset, de.Offset)
			assert.Contains(t, de.Reason, tt.reason)
			if tt.decodeErr {
				assert.Equal(t, 1, de.Line)
				assert.Equal(t, de.Error(), se.Message)
			} else {
				assert.Zero(t, de.Line)
			}
			var mbe *http.MaxBytesError
			assert.Equal(t, tt.maxBytes, errors.As(err, &mbe))
			if tt.cause != nil {
				assert.ErrorIs(t, err, tt.cause)
				assert.NotContains(t, se.Message, tt.cause.Error(), "the message on the wire says nothing of the server")
			}
			assert.LessOrEqual(t, counter.n, int64(lookout.MaxRequestBodyBytes+1))
		})
	}
}

func TestReadRequestDoesNotReadABodyDeclaredTooLong(t *testing.T) {
	t.Parallel()
	r := wireRequest("")
	counter := &wireCountingReader{r: wireEndlessReader{}}
	r.Body = io.NopCloser(counter)
	r.ContentLength = lookout.MaxRequestBodyBytes + 1
	_, err := wireReadStart(r)
	var se *lookout.SerializationException
	require.ErrorAs(t, err, &se)
	assert.Zero(t, counter.n)
}

func TestReadRequestNil(t *testing.T) {
	t.Parallel()
	got, err := wireReadStart(nil)
	assert.Nil(t, got)
	var se *lookout.SerializationException
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "there is no request to read", se.Message)
}

// wireFailingReader fails with err.
type wireFailingReader struct{ err error }

func (f *wireFailingReader) Read([]byte) (int, error) { return 0, f.err }

// wireRecorder records what is written to it, and fails writes with err.
type wireRecorder struct {
	header      http.Header
	status      int
	body        bytes.Buffer
	writeCalls  int
	headerCalls int
	err         error
}

func (w *wireRecorder) Header() http.Header {
	if w.header == nil {
		w.header = http.Header{}
	}
	return w.header
}

func (w *wireRecorder) WriteHeader(status int) { w.status, w.headerCalls = status, w.headerCalls+1 }

func (w *wireRecorder) Write(p []byte) (int, error) {
	w.writeCalls++
	if w.err != nil {
		return 0, w.err
	}
	return w.body.Write(p)
}

func TestWriteResponse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		resp *lookout.StartDataIngestionJobResponse
		body string
	}{
		{name: "both members", body: `{"JobId":"0123456789abcdefABCDEF0123456789","Status":"IN_PROGRESS"}`,
			resp: &lookout.StartDataIngestionJobResponse{JobId: new("0123456789abcdefABCDEF0123456789"),
				Status: lookout.IngestionJobStatusInProgress}},
		{name: "status only", resp: &lookout.StartDataIngestionJobResponse{Status: lookout.IngestionJobStatusImportInProgress},
			body: `{"Status":"IMPORT_IN_PROGRESS"}`},
		{name: "empty", resp: &lookout.StartDataIngestionJobResponse{}, body: `{}`},
		{name: "nil", resp: nil, body: `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			require.NoError(t, lookout.WriteResponse(rec, tt.resp))
			res := rec.Result()
			assert.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, lookout.ContentType, res.Header.Get("Content-Type"))
			assert.Equal(t, len(tt.body), int(res.ContentLength))
			assert.Empty(t, res.Header.Get("X-Amzn-ErrorType"))
			assert.Equal(t, tt.body, rec.Body.String())
		})
	}
}

func TestWriteResponseWritesNothingInvalid(t *testing.T) {
	t.Parallel()
	for _, resp := range []*lookout.StartDataIngestionJobResponse{
		{JobId: new("not-hexadecimal")},
		{JobId: new(strings.Repeat("a", 33))},
		{Status: "RUNNING"},
	} {
		w := &wireRecorder{}
		err := lookout.WriteResponse(w, resp)
		var ve *lookout.ValidationException
		require.ErrorAs(t, err, &ve)
		assert.NotEmpty(t, ve.Fields)
		assert.Zero(t, w.headerCalls+w.writeCalls, "nothing is written")
		assert.Empty(t, w.header)
	}
}

func TestWriteResponseReportsAWriteError(t *testing.T) {
	t.Parallel()
	errGone := errors.New("client gone")
	w := &wireRecorder{err: errGone}
	err := lookout.WriteResponse(w, &lookout.StartDataIngestionJobResponse{Status: lookout.IngestionJobStatusSuccess})
	require.ErrorIs(t, err, errGone)
	assert.Equal(t, http.StatusOK, w.status)
}
