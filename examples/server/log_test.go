package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTestLogger logs to the returned buffer without the time.
func newTestLogger() (*slog.Logger, *syncBuffer) {
	var buf syncBuffer
	h := slog.NewTextHandler(&buf, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	})
	return slog.New(h), &buf
}

// steppingClock returns a clock that moves by step on each reading.
func steppingClock(step time.Duration) func() time.Time {
	var mu sync.Mutex
	t := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(step)
		return t
	}
}

func TestLogRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler http.HandlerFunc
		target  string
		want    string
	}{
		{
			name: "success",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				_, _ = w.Write([]byte("{}"))
			},
			target: lookout.TargetStartDataIngestionJob,
			want: `level=INFO msg=request method=POST target=` + lookout.TargetStartDataIngestionJob +
				` status=200 error="" request_id="" duration=1.5ms remote=192.0.2.1:1234` + "\n",
		},
		{
			name: "error",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set(errorTypeHeader, "ConflictException")
				w.WriteHeader(http.StatusBadRequest)
			},
			target: lookout.TargetStartDataIngestionJob,
			want: `level=INFO msg=request method=POST target=` + lookout.TargetStartDataIngestionJob +
				` status=400 error=ConflictException request_id="" duration=1.5ms remote=192.0.2.1:1234` + "\n",
		},
		{
			name:    "nothing written",
			handler: func(http.ResponseWriter, *http.Request) {},
			target:  "",
			want:    `level=INFO msg=request method=POST target="" status=200 error="" request_id="" duration=1.5ms remote=192.0.2.1:1234` + "\n",
		},
		{
			name: "informational status first",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusEarlyHints)
				w.WriteHeader(http.StatusInternalServerError)
			},
			target: lookout.TargetStartDataIngestionJob,
			want: `level=INFO msg=request method=POST target=` + lookout.TargetStartDataIngestionJob +
				` status=500 error="" request_id="" duration=1.5ms remote=192.0.2.1:1234` + "\n",
		},
		{
			name:    "a target that would forge a line",
			handler: func(http.ResponseWriter, *http.Request) {},
			target:  "x\nlevel=ERROR msg=forged",
			want:    `level=INFO msg=request method=POST target="x\\u000alevel=ERROR msg=forged" status=200 error="" request_id="" duration=1.5ms remote=192.0.2.1:1234` + "\n",
		},
		{
			name:    "a target of 60,000 bytes",
			handler: func(http.ResponseWriter, *http.Request) {},
			target:  strings.Repeat("A", 60000),
			want: `level=INFO msg=request method=POST target="` + strings.Repeat("A", maxLoggedValue) +
				`…[cut: 60000 bytes]"` + ` status=200 error="" request_id="" duration=1.5ms remote=192.0.2.1:1234` + "\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			logger, buf := newTestLogger()
			h := logRequests(logger, steppingClock(1500*time.Microsecond), tt.handler)
			req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
			req.Header["X-Amz-Target"] = []string{tt.target}
			h.ServeHTTP(httptest.NewRecorder(), req)
			assert.Equal(t, tt.want, buf.String())
		})
	}
}

// TestLogOneLinePerRequest checks the log of the whole stack: one line per
// request, with the error code of each error.
func TestLogOneLinePerRequest(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	logger, buf := newTestLogger()
	clock := newFakeClock()
	a := newTestAppLogging(t, cfg, logger, clock.Now, "pump-station_7")

	other := validRequest("token-2")
	other.DatasetName = "compressors"
	var ids []string
	for _, body := range []string{validRequest("token-1").JSON(t), other.JSON(t), validRequest("").JSON(t)} {
		resp := post(t, a.handler, body)
		ids = append(ids, resp.Header.Get(requestIDHeader))
		read(t, resp)
	}
	for _, id := range ids {
		require.Len(t, id, 36, "a request id: %q", id)
	}

	// The request id is the one the client got.
	prefix := `level=INFO msg=request method=POST target=` + lookout.TargetStartDataIngestionJob
	assert.Equal(t,
		prefix+` status=200 error="" request_id=`+ids[0]+` duration=0s remote=192.0.2.1:1234`+"\n"+
			prefix+` status=400 error=ResourceNotFoundException request_id=`+ids[1]+` duration=0s remote=192.0.2.1:1234`+"\n"+
			prefix+` status=400 error=ValidationException request_id=`+ids[2]+` duration=0s remote=192.0.2.1:1234`+"\n",
		requestLines(buf.String()))
}

// requestLines keeps the lines of log whose message is "request".
func requestLines(log string) string {
	var b strings.Builder
	for line := range strings.Lines(log) {
		if strings.Contains(line, " msg=request ") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// TestPanicIsLogged checks that a panic in the operation is logged on the
// server's log, with its stack, while the client learns nothing of it.
func TestPanicIsLogged(t *testing.T) {
	t.Parallel()
	logger, buf := newTestLogger()
	h := newStack(testConfig(), logger, newFakeClock().Now,
		lookout.Service{StartDataIngestionJob: func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
			panic("the job table is gone")
		}})

	got := read(t, post(t, h, validRequest("token-1").JSON(t)))

	assert.Equal(t, http.StatusInternalServerError, got.Status)
	assert.Equal(t, lookout.CodeInternalServer, got.ErrorType)
	assert.NotContains(t, got.Body, "job table", "the client learns nothing of the panic")
	log := buf.String()
	assert.Contains(t, log, "level=ERROR")
	assert.Contains(t, log, `panic="the job table is gone"`)
	assert.Contains(t, log, "TestPanicIsLogged", "the stack is logged")
	assert.Contains(t, log, "status=500 error=InternalServerException")
}

func TestLogValue(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", maxLoggedValue)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", lookout.TargetStartDataIngestionJob, lookout.TargetStartDataIngestionJob},
		{"spaces and printable non-ASCII", "pompe n° 7 é", "pompe n° 7 é"},
		{"at the bound", long, long},
		{"one byte past the bound", long + "b", long + "…[cut: 129 bytes]"},
		{"60,000 bytes", strings.Repeat("x", 60000), strings.Repeat("x", maxLoggedValue) + "…[cut: 60000 bytes]"},
		{"newline and carriage return", "a\r\nb", `a\u000d\u000ab`},
		{"escape sequence of a terminal", "\x1b[31mred", `\u001b[31mred`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"invisible formatting character", "a\u202eb", `a\u202eb`},
		{"invalid UTF-8", "a\xffb\xc3", `a\xffb\xc3`},
		{"backslash", `a\x41`, `a\\x41`},
		{"a rune across the bound is not split", long[:maxLoggedValue-1] + "é", long[:maxLoggedValue-1] + "…[cut: 129 bytes]"},
		{"an escape across the bound is not split", long[:maxLoggedValue-2] + "\n", long[:maxLoggedValue-2] + "…[cut: 127 bytes]"},
		{"escapes counted in the bound", strings.Repeat("\x00", 40), strings.Repeat(`\u0000`, 21) + "…[cut: 40 bytes]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := logValue(tt.in)
			assert.Equal(t, tt.want, got)
			body, _, _ := strings.Cut(got, "…[cut: ")
			assert.LessOrEqual(t, len(body), maxLoggedValue)
			assert.True(t, utf8.ValidString(got))
		})
	}
}

// BenchmarkRequestLog measures what logging a request costs: the handler
// stack of logRequests over a handler that answers 200 with a request id,
// the line written by a slog.TextHandler to io.Discard (logged) or by hand
// by newLogger's (by-hand), beside the same handler alone.
//
//	go test -run '^$' -bench BenchmarkRequestLog ./examples/server
func BenchmarkRequestLog(b *testing.B) {
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(requestIDHeader, "6ba7b810-9dad-41d1-80b4-00c04fd430c8")
		w.WriteHeader(http.StatusOK)
	})
	logged := logRequests(slog.New(slog.NewTextHandler(io.Discard, nil)), nil, inner)
	byHand := logRequests(newLogger(io.Discard, slog.LevelInfo), nil, inner)
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
	req.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
	req.RemoteAddr = "127.0.0.1:54321"
	for _, bc := range []struct {
		name string
		h    http.Handler
	}{{"baseline", inner}, {"logged", logged}, {"by-hand", byHand}} {
		b.Run(bc.name, func(b *testing.B) {
			w := httptest.NewRecorder()
			b.ReportAllocs()
			for b.Loop() {
				clear(w.Header())
				bc.h.ServeHTTP(w, req)
			}
		})
	}
}

// TestHeaderKeysCanonical: the keys headerValue is given are those
// http.Header keeps.
func TestHeaderKeysCanonical(t *testing.T) {
	t.Parallel()
	for _, k := range []string{errorTypeHeader, requestIDHeader, "X-Amz-Target"} {
		assert.Equal(t, http.CanonicalHeaderKey(k), k)
	}
}

// TestTextLogIsSlogs: the request line newLogger's logger gets by hand is
// byte for byte the line slog's text handler writes for the same record,
// for values of every kind the line shows (quoted or not, escaped, cut),
// body failures, times in several zones and durations.
func TestTextLogIsSlogs(t *testing.T) {
	t.Parallel()
	values := []string{
		"", "POST", lookout.TargetDescribeDataset, "a b", "a=b", `a"b`, `a\b`, "é", "pompe n° 7", "\u00a0", "\u2028",
		"\x7f", "\x00", "a\nb", "\xff", "\ufffd", "日本", "\U0001F600", "x\u3000y", strings.Repeat("A", 200),
		strings.Repeat("é", 100), "127.0.0.1:54321", "[::1]:8080", "=", "#", "~", "'", "`",
	}
	times := []time.Time{
		time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC),
		time.Date(2024, 6, 1, 12, 0, 0, 5_900_000, time.UTC), // the same second's text, kept
		time.Date(2024, 6, 1, 12, 0, 0, 999_000_000, time.UTC),
		time.Date(2024, 6, 1, 12, 0, 0, 999_000_000, time.FixedZone("", 3600)), // another zone, the same second
		time.Date(2024, 6, 1, 12, 0, 1, 50_000_000, time.UTC),
		time.Date(12345, 1, 1, 0, 0, 0, 7_000_000, time.UTC),
		time.Date(12345, 1, 1, 0, 0, 0, 8_000_000, time.UTC),
		time.Date(2024, 6, 1, 12, 0, 0, 999_999_999, time.FixedZone("", 2*3600+30*60)),
		time.Date(1999, 12, 31, 23, 59, 59, 123_456_789, time.FixedZone("X", -5*3600)),
		time.Now(),
	}
	durations := []time.Duration{0, 1, 999, time.Microsecond + 500, 1500 * time.Microsecond, time.Second, 2*time.Hour + 3*time.Second + 5}
	readErrs := []error{nil, io.ErrUnexpectedEOF, errors.New("not a failure of the client"), timeoutError{}}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := make([]byte, rnd.IntN(12))
		for i := range b {
			b[i] = byte(rnd.IntN(256))
		}
		values = append(values, string(b))
	}
	for i, v := range values {
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.Method = values[(i+1)%len(values)]
		r.Header["X-Amz-Target"] = []string{v}
		r.RemoteAddr = values[(i+2)%len(values)]
		h := http.Header{errorTypeHeader: {values[(i+3)%len(values)]}, requestIDHeader: {values[(i+4)%len(values)]}}
		if i%5 == 0 {
			h = http.Header{}
		}
		at, took, readErr := times[i%len(times)], durations[i%len(durations)], readErrs[i%len(readErrs)]
		var fast, slow bytes.Buffer
		logRequest(newLogger(&fast, slog.LevelInfo), at, r, h, readErr, 200+i, took)
		logRequest(slog.New(slog.NewTextHandler(&slow, nil)), at, r, h, readErr, 200+i, took)
		require.Equal(t, slow.String(), fast.String(), "value %q", v)
	}
}

// timeoutError is a net.Error that timed out.
type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

// TestNewLoggerOtherRecords: the rest of the server's log is slog's text
// handler's, at the level asked.
func TestNewLoggerOtherRecords(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	logger := newLogger(&buf, slog.LevelWarn)
	logger.Info("hidden")
	logger.With("a", 1).Warn("shown", "b", "x y")
	assert.Regexp(t, `^time=\S+ level=WARN msg=shown a=1 b="x y"\n$`, buf.String())
	assert.False(t, logger.Enabled(context.Background(), slog.LevelInfo))
}
