package lookout_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// handlerContextKey marks the context a test request carries.
type handlerContextKey struct{}

// handlerAnswer is what the handler answered.
type handlerAnswer struct {
	status    int
	errorType string
	body      string
	err       error // ErrorFromResponse's reading of an error
}

func handlerServe(t *testing.T, h http.Handler, r *http.Request) handlerAnswer {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	res := rec.Result()
	a := handlerAnswer{status: res.StatusCode, errorType: res.Header.Get("X-Amzn-ErrorType"), body: rec.Body.String()}
	assert.Equal(t, lookout.ContentType, res.Header.Get("Content-Type"))
	if res.StatusCode != http.StatusOK {
		a.err = lookout.ErrorFromResponse(res)
	}
	return a
}

func handlerBody(t *testing.T, r *lookout.StartDataIngestionJobRequest) string {
	t.Helper()
	body, err := json.Marshal(r)
	require.NoError(t, err)
	return string(body)
}

func TestHandlerStartsTheJob(t *testing.T) {
	t.Parallel()
	var got *lookout.StartDataIngestionJobRequest
	h := handlerStart(func(ctx context.Context, r *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
		assert.Equal(t, "marked", ctx.Value(handlerContextKey{}), "start gets the request's context")
		got = r
		return &lookout.StartDataIngestionJobResponse{JobId: new("6f1c2d"), Status: lookout.IngestionJobStatusInProgress}, nil
	})
	r := wireRequest(wireTypicalBody)
	r = r.WithContext(context.WithValue(r.Context(), handlerContextKey{}, "marked"))
	a := handlerServe(t, h, r)
	assert.Equal(t, handlerAnswer{status: 200, body: `{"JobId":"6f1c2d","Status":"IN_PROGRESS"}`}, a)
	assert.Equal(t, testcases.Valid(), got)
}

func TestHandlerAnswers(t *testing.T) {
	t.Parallel()
	missingToken := testcases.Valid()
	missingToken.ClientToken = ""
	tests := []struct {
		name    string
		request func() *http.Request
		start   func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error)
		status  int
		want    error // the error read back; nil for a 200
		body    string
		called  bool // start is called
	}{
		{name: "nil response", request: func() *http.Request { return wireRequest(wireTypicalBody) },
			start: func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
				return nil, nil
			},
			status: 200, body: "{}", called: true},
		{name: "wrong method", request: func() *http.Request {
			r := wireRequest(wireTypicalBody)
			r.Method = http.MethodGet
			return r
		}, status: 400, want: &lookout.UnknownOperationException{
			Message: `AWS JSON 1.0 requests are sent with POST; this one was sent with "GET"`}},
		{name: "wrong target", request: func() *http.Request {
			r := wireRequest(wireTypicalBody)
			r.Header.Set("X-Amz-Target", "AWSLookoutEquipmentFrontendService.ListDatasets")
			return r
		}, status: 400, want: &lookout.UnknownOperationException{Message: `X-Amz-Target "AWSLookoutEquipmentFrontendService.ListDatasets" ` +
			`names no operation of this endpoint, which serves AWSLookoutEquipmentFrontendService.StartDataIngestionJob`}},
		{name: "malformed body", request: func() *http.Request { return wireRequest(`{"DatasetName":1}`) },
			status: 400, want: &lookout.SerializationException{
				Message: `line 1, column 16: member "DatasetName": expected a string or null, found a number`}},
		{name: "body over the limit", request: func() *http.Request {
			return wireRequest(`{"DatasetName":"d"}` + strings.Repeat(" ", lookout.MaxRequestBodyBytes))
		}, status: 400, want: &lookout.SerializationException{Message: "the body is longer than the limit of 65536 bytes"}},
		{name: "body over the limit, length unknown", request: func() *http.Request {
			r := wireRequest("")
			r.Body = io.NopCloser(wireEndlessReader{})
			r.ContentLength = -1
			return r
		}, status: 400, want: &lookout.SerializationException{Message: "the body is longer than the limit of 65536 bytes"}},
		{name: "constraint failed", request: func() *http.Request {
			r := testcases.Valid()
			r.IngestionInputConfiguration.S3InputConfiguration.Bucket = "ab"
			return wireRequest(handlerBody(t, r))
		}, status: 400, want: &lookout.ValidationException{Message: wireCaseMessage(t, "bucket too short")}},
		{name: "no client token", request: func() *http.Request { return wireRequest(handlerBody(t, missingToken)) },
			status: 400, want: &lookout.ValidationException{Message: "1 validation error detected: Value null at 'clientToken' " +
				"failed to satisfy constraint: Member must not be null"}},
		{name: "error of the taxonomy", request: func() *http.Request { return wireRequest(wireTypicalBody) },
			start: func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
				return &lookout.StartDataIngestionJobResponse{JobId: new("abc")}, &lookout.ConflictException{Message: "token reused"}
			}, status: 400, want: &lookout.ConflictException{Message: "token reused"}, called: true},
		{name: "other error", request: func() *http.Request { return wireRequest(wireTypicalBody) },
			start: func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
				return nil, errors.New("secret: table jobs is locked")
			}, status: 500, want: &lookout.InternalServerException{Message: wireDefaultInternal}, called: true},
		{name: "context error", request: func() *http.Request { return wireRequest(wireTypicalBody) },
			start: func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
				return nil, context.DeadlineExceeded
			}, status: 500, want: &lookout.InternalServerException{Message: wireDefaultInternal}, called: true},
		{name: "panic", request: func() *http.Request { return wireRequest(wireTypicalBody) },
			start: func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
				panic("secret: nil map")
			}, status: 500, want: &lookout.InternalServerException{Message: wireDefaultInternal}, called: true},
		{name: "panic(nil)", request: func() *http.Request { return wireRequest(wireTypicalBody) },
			start: func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
				panic(nil) // what a careless start could do
			}, status: 500, want: &lookout.InternalServerException{Message: wireDefaultInternal}, called: true},
		{name: "invalid response", request: func() *http.Request { return wireRequest(wireTypicalBody) },
			start: func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
				return &lookout.StartDataIngestionJobResponse{JobId: new("secret-id"), Status: "RUNNING"}, nil
			}, status: 500, want: &lookout.InternalServerException{Message: wireDefaultInternal}, called: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			h := handlerStart(func(ctx context.Context, r *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
				calls.Add(1)
				if tt.start == nil {
					return &lookout.StartDataIngestionJobResponse{}, nil
				}
				return tt.start(ctx, r)
			}, lookout.WithLogger(slog.New(slog.DiscardHandler)))
			a := handlerServe(t, h, tt.request())
			assert.Equal(t, tt.status, a.status, a.body)
			if tt.want == nil {
				assert.Empty(t, a.errorType)
				assert.Equal(t, tt.body, a.body)
			} else {
				assert.Equal(t, lookout.ErrorCode(tt.want), a.errorType)
				assert.Equal(t, tt.want, a.err)
				assert.NotContains(t, a.body, "secret")
			}
			want := int32(0)
			if tt.called {
				want = 1
			}
			assert.Equal(t, want, calls.Load())
		})
	}
}

// TestHandlerNilStart: an operation whose function is nil is one the
// handler does not serve.
func TestHandlerNilStart(t *testing.T) {
	t.Parallel()
	var log bytes.Buffer
	a := handlerServe(t, handlerStart(nil, lookout.WithLogger(handlerJSONLogger(&log))), wireRequest(wireTypicalBody))
	assert.Equal(t, 400, a.status)
	assert.Equal(t, &lookout.UnknownOperationException{Message: `X-Amz-Target "AWSLookoutEquipmentFrontendService.StartDataIngestionJob" ` +
		`names no operation of this endpoint, which serves no operation`}, a.err)
	assert.Empty(t, log.String(), "a request for an operation not served is the client's mistake, not logged")
}

// handlerJSONLogger returns a logger that writes JSON records to w.
func handlerJSONLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// handlerLogRecords returns the JSON records written to log.
func handlerLogRecords(t *testing.T, log *bytes.Buffer) []map[string]any {
	t.Helper()
	var records []map[string]any
	for line := range strings.Lines(log.String()) {
		var r map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &r), line)
		records = append(records, r)
	}
	return records
}

// handlerPanicking is an operation function that panics with v, from a
// frame of its own that the logged stack must show.
func handlerPanicking(v any) func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
	return func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
		panic(v)
	}
}

func TestHandlerLogsAPanic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		value any
		want  string // the "panic" attribute logged
	}{
		{name: "string", value: "secret: nil map", want: "secret: nil map"},
		{name: "error", value: errors.New("secret: index out of range"), want: "secret: index out of range"},
		{name: "nil", value: nil, want: new(runtime.PanicNilError).Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var log bytes.Buffer
			h := handlerStart(handlerPanicking(tt.value), lookout.WithLogger(handlerJSONLogger(&log)))
			a := handlerServe(t, h, wireRequest(wireTypicalBody))
			assert.Equal(t, 500, a.status)
			assert.Equal(t, &lookout.InternalServerException{Message: wireDefaultInternal}, a.err)
			assert.NotContains(t, a.body, "secret", "the client learns nothing of the panic")

			records := handlerLogRecords(t, &log)
			require.Len(t, records, 1)
			r := records[0]
			assert.Equal(t, "ERROR", r["level"])
			assert.Contains(t, r["msg"], "panic")
			assert.Equal(t, tt.want, r["panic"])
			stack, _ := r["stack"].(string)
			assert.Contains(t, stack, "handlerPanicking", "the stack shows where the panic happened")
			assert.Contains(t, stack, "handler_test.go")
		})
	}
}

func TestHandlerLogsNothingWhenAllIsWell(t *testing.T) {
	t.Parallel()
	var log bytes.Buffer
	h := handlerStart(func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
		return nil, &lookout.ConflictException{Message: "token reused"}
	}, lookout.WithLogger(handlerJSONLogger(&log)))
	handlerServe(t, h, wireRequest(wireTypicalBody))
	handlerServe(t, h, wireRequest(`{"DatasetName":1}`))
	assert.Empty(t, log.String())

	h = handlerStart(handlerPanicking(http.ErrAbortHandler), lookout.WithLogger(handlerJSONLogger(&log)))
	assert.Panics(t, func() { h.ServeHTTP(httptest.NewRecorder(), wireRequest(wireTypicalBody)) })
	assert.Empty(t, log.String(), "http.ErrAbortHandler is the server's to handle, not logged")
}

// TestHandlerLogsToTheDefaultLogger changes slog's default logger: it does
// not run in parallel (a parallel test starts after it ends).
func TestHandlerLogsToTheDefaultLogger(t *testing.T) {
	var log bytes.Buffer
	h := handlerStart(handlerPanicking("boom"))
	hNil := handlerStart(handlerPanicking("boom"), lookout.WithLogger(nil))
	old := slog.Default()
	t.Cleanup(func() { slog.SetDefault(old) })
	slog.SetDefault(handlerJSONLogger(&log)) // after NewHandler: read when the panic happens

	handlerServe(t, h, wireRequest(wireTypicalBody))
	handlerServe(t, hNil, wireRequest(wireTypicalBody))
	records := handlerLogRecords(t, &log)
	require.Len(t, records, 2)
	for _, r := range records {
		assert.Equal(t, "boom", r["panic"])
	}
}

func TestHandlerLetsAbortHandlerThrough(t *testing.T) {
	t.Parallel()
	h := handlerStart(func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
		panic(http.ErrAbortHandler)
	})
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		h.ServeHTTP(httptest.NewRecorder(), wireRequest(wireTypicalBody))
	})
}

// TestHandlerOverHTTP serves the handler on a real connection, as AWS's
// clients reach it.
func TestHandlerOverHTTP(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(handlerStart(func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
		calls.Add(1)
		return &lookout.StartDataIngestionJobResponse{JobId: new("ab12"), Status: lookout.IngestionJobStatusInProgress}, nil
	}))
	defer srv.Close()

	post := func(body io.Reader) *http.Response {
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/", body)
		require.NoError(t, err)
		req.Header.Set("Content-Type", lookout.ContentType)
		req.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
		res, err := srv.Client().Do(req)
		require.NoError(t, err)
		return res
	}

	res := post(strings.NewReader(wireTypicalBody))
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, `{"JobId":"ab12","Status":"IN_PROGRESS"}`, string(body))

	// A body over the limit, streamed with no length: refused after the
	// limit, start never called.
	res = post(io.MultiReader(strings.NewReader(`{"DatasetName":"d"}`), io.LimitReader(wireEndlessReader{}, 4*lookout.MaxRequestBodyBytes)))
	err = lookout.ErrorFromResponse(res)
	require.NoError(t, res.Body.Close())
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	assert.Equal(t, &lookout.SerializationException{Message: "the body is longer than the limit of 65536 bytes"}, err)
	assert.Equal(t, int32(1), calls.Load())
}

// TestHandlerRequestID: every response, success or error, carries a fresh
// request id, which the function finds in its context.
func TestHandlerRequestID(t *testing.T) {
	t.Parallel()
	var seen string
	h := handlerStart(func(ctx context.Context, _ *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
		seen = lookout.RequestID(ctx)
		return nil, nil
	}, lookout.WithLogger(slog.New(slog.DiscardHandler)))
	ids := map[string]bool{}
	for _, r := range []*http.Request{
		wireRequest(wireTypicalBody),     // success
		wireRequest(`{"DatasetName":1}`), // SerializationException
		wireRequest(`{}`),                // ValidationException
		func() *http.Request { r := wireRequest(`{}`); r.Method = http.MethodGet; return r }(), // UnknownOperationException
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		id := rec.Result().Header.Get("x-amzn-RequestId")
		require.Len(t, id, 36, "status %d", rec.Code)
		assert.Equal(t, byte('4'), id[14], "a version 4 UUID: %s", id)
		assert.False(t, ids[id], "a fresh id for each request")
		ids[id] = true
		if rec.Code == http.StatusOK {
			assert.Equal(t, id, seen, "the function's context has the response's id")
		}
	}
	assert.Empty(t, lookout.RequestID(context.Background()))
}

// TestHandlerExplicitEmptyString: on the wire, "" is a value and only a
// member left out (or null) is absent.
func TestHandlerExplicitEmptyString(t *testing.T) {
	t.Parallel()
	h := handlerStart(func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
		return nil, nil
	})
	with := func(member string) string {
		return strings.Replace(wireTypicalBody, `"ClientToken":"6ba7b810-9dad-41d1-80b4-00c04fd430c8"`, member, 1)
	}
	tests := []struct {
		name, body, want string
	}{
		{name: `""`, body: with(`"ClientToken":""`), want: "2 validation errors detected: " +
			"Value '' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
			"Value '' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p{ASCII}{1,256}"},
		{name: "null", body: with(`"ClientToken":null`), want: "1 validation error detected: " +
			"Value null at 'clientToken' failed to satisfy constraint: Member must not be null"},
		{name: "left out", body: strings.Replace(wireTypicalBody, `"ClientToken":"6ba7b810-9dad-41d1-80b4-00c04fd430c8",`, "", 1),
			want: "1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null"},
		{name: `nested ""`, body: strings.NewReplacer(`"Bucket":"sensor-data.example"`, `"Bucket":""`,
			`"DatasetName":"pump-station_7"`, `"DatasetName":""`).Replace(wireTypicalBody),
			want: "4 validation errors detected: " +
				"Value '' at 'datasetName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
				"^[0-9a-zA-Z_-]{1,200}$; " +
				"Value '' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: " +
				"Member must have length greater than or equal to 3; " +
				"Value '' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: " +
				`Member must satisfy regular expression pattern: ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := tt.body
			a := handlerServe(t, h, wireRequest(body))
			assert.Equal(t, 400, a.status)
			var ve *lookout.ValidationException
			require.ErrorAs(t, a.err, &ve)
			assert.Equal(t, tt.want, ve.Message)

			// ReadRequest and Presence.Validate read it the same way;
			// Validate alone sees a Go value, whose "" is absent.
			var req lookout.StartDataIngestionJobRequest
			given, err := lookout.ReadRequest(wireRequest(body), &req)
			require.NoError(t, err)
			err = given.Validate(&req)
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tt.want, ve.Message)
			err = req.Validate()
			require.ErrorAs(t, err, &ve)
			assert.Contains(t, ve.Message, "Value null at ")
		})
	}
}

// TestHandlerAnswersOnlyTheOperationsErrors: an error that the operation's
// model does not list is answered InternalServerException, and logged.
func TestHandlerAnswersOnlyTheOperationsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		err    error
		status int
		want   error
		logged bool
	}{
		{name: "listed", err: &lookout.ServiceQuotaExceededException{Message: "too many jobs"}, status: 400,
			want: &lookout.ServiceQuotaExceededException{Message: "too many jobs"}},
		{name: "listed, wrapped", err: fmt.Errorf("store: %w", &lookout.ResourceNotFoundException{Message: "no dataset"}), status: 400,
			want: &lookout.ResourceNotFoundException{Message: "no dataset"}},
		{name: "listed, by code", err: &lookout.GenericAPIError{Code: "ThrottlingException", Message: "slow down"}, status: 400,
			want: &lookout.ThrottlingException{Message: "slow down"}},
		{name: "InternalServerException on purpose", err: &lookout.InternalServerException{Message: "try again"}, status: 500,
			want: &lookout.InternalServerException{Message: "try again"}},
		{name: "a protocol error", err: &lookout.SerializationException{Message: "secret"}, status: 500,
			want: &lookout.InternalServerException{Message: wireDefaultInternal}, logged: true},
		{name: "an unknown code", err: &lookout.GenericAPIError{Code: "SecretException", Message: "secret", StatusCode: 409}, status: 500,
			want: &lookout.InternalServerException{Message: wireDefaultInternal}, logged: true},
		{name: "outside the taxonomy", err: errors.New("secret: disk full"), status: 500,
			want: &lookout.InternalServerException{Message: wireDefaultInternal}, logged: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var log bytes.Buffer
			h := handlerStart(func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
				return nil, tt.err
			}, lookout.WithLogger(handlerJSONLogger(&log)))
			a := handlerServe(t, h, wireRequest(wireTypicalBody))
			assert.Equal(t, tt.status, a.status)
			assert.Equal(t, tt.want, a.err)
			assert.NotContains(t, a.body, "secret")
			if !tt.logged {
				assert.Empty(t, log.String())
				return
			}
			records := handlerLogRecords(t, &log)
			require.Len(t, records, 1)
			assert.Equal(t, "ERROR", records[0]["level"])
			assert.Equal(t, tt.err.Error(), records[0]["error"], "the log keeps what the client does not learn")
			assert.Equal(t, "StartDataIngestionJob", records[0]["operation"])
			assert.Len(t, records[0]["request_id"], 36)
		})
	}
}
