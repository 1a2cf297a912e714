package main

import (
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"
)

// errorTypeHeader is the header that names the error of an error response,
// in its canonical form (as http.Header keeps it).
const errorTypeHeader = "X-Amzn-Errortype"

// requestIDHeader is the header in which lookout.NewHandler sends the id it
// gave the request (lookout.RequestID in the operation's context).
const requestIDHeader = "X-Amzn-Requestid"

// maxLoggedValue bounds the bytes of a value from the request (or of its
// escaped form) that a log line shows.
const maxLoggedValue = 128

// The statuses logged for a request whose body could not be read to its
// end, whatever was written back: the conventions of common servers, since
// HTTP has none for "the client left".
const (
	// statusClientClosed: the client closed the connection (nginx's 499).
	statusClientClosed = 499
	// statusClientTimedOut: the client did not send its body within the
	// server's read timeout (408 Request Timeout).
	statusClientTimedOut = http.StatusRequestTimeout
	// statusCutOff: the server closed the connection at shutdown, the
	// request unfinished (503 Service Unavailable).
	statusCutOff = http.StatusServiceUnavailable
)

// logRequests logs one line per request once next has answered it: the
// method, the X-Amz-Target header, the status, the error code of an error
// response ("" on success), the duration and the client's address. Values
// from the request are escaped and cut to maxLoggedValue bytes (see
// logValue).
//
// A request whose body could not be read because its client went away is
// logged as what it is rather than as the error the handler answered (which
// the client, gone, is unlikely to read): the status 499 with outcome
// "client closed request" when the connection ended mid-body, 408 with
// outcome "client timed out" when the body did not come within the read
// timeout, with error "" and the read error, escaped and cut, as cause. A
// request cut off at shutdown, its body unread, is logged with 503 and
// outcome "cut off at shutdown". now nil means time.Now.
func logRequests(logger *slog.Logger, now func() time.Time, next http.Handler) http.Handler {
	if now == nil {
		now = time.Now
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := now()
		// The recorders of a request, in one allocation.
		recs := &struct {
			status statusRecorder
			body   bodyRecorder
		}{status: statusRecorder{ResponseWriter: w}}
		rec := &recs.status
		var body *bodyRecorder
		if r.Body != nil && r.Body != http.NoBody {
			recs.body.ReadCloser = r.Body
			body = &recs.body
			r.Body = body
		}
		next.ServeHTTP(rec, r)
		status := rec.status
		if status == 0 {
			status = http.StatusOK // nothing written: net/http answers 200
		}
		if !logger.Enabled(r.Context(), slog.LevelInfo) {
			return
		}
		var buf [9]slog.Attr
		attrs := append(buf[:0],
			slog.String("method", logValue(r.Method)),
			slog.String("target", logValue(headerValue(r.Header, "X-Amz-Target"))),
		)
		readErr := body.failure()
		if failed, outcome, ok := bodyFailure(readErr); ok {
			attrs = append(attrs,
				slog.Int("status", failed),
				slog.String("error", ""),
				slog.String("outcome", outcome),
				slog.String("cause", logValue(readErr.Error())),
			)
		} else {
			attrs = append(attrs,
				slog.Int("status", status),
				slog.String("error", logValue(headerValue(rec.Header(), errorTypeHeader))),
			)
		}
		attrs = append(attrs,
			slog.String("request_id", logValue(headerValue(rec.Header(), requestIDHeader))),
			slog.Duration("duration", now().Sub(start)),
			slog.String("remote", logValue(r.RemoteAddr)),
		)
		// The record is made here rather than by LogAttrs, which would
		// look up its caller's program counter for every request: the
		// line names its request, not a line of code.
		line := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
		line.AddAttrs(attrs...)
		_ = logger.Handler().Handle(r.Context(), line) // a failed write has nowhere to be reported
	})
}

// headerValue returns the first value of the header whose canonical key
// is key, as h.Get does, without canonicalizing key again on every
// request.
func headerValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// bodyFailure says why a request's body could not be read, from the read
// error err: the status to log and the outcome. ok is false when err says
// nothing of the kind (nil, or a malformed chunked body, say: the client is
// still there and gets the handler's answer, which is logged).
func bodyFailure(err error) (status int, outcome string, ok bool) {
	var ne net.Error
	switch {
	case err == nil:
		return 0, "", false
	case errors.As(err, &ne) && ne.Timeout():
		return statusClientTimedOut, "client timed out", true
	case errors.Is(err, net.ErrClosed):
		// The server closed the connection itself: the end of the grace
		// period of a shutdown, or a second signal.
		return statusCutOff, "cut off at shutdown", true
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return statusClientClosed, "client closed request", true
	}
	return 0, "", false
}

// logValue returns s as a log line shows it: each byte of invalid UTF-8 as
// \xHH, each character that is not printable (controls, line separators,
// invisible formatting characters) as \uHHHH or \UHHHHHHHH, and a backslash
// as \\, so that the value is one line of visible characters that reads back
// unambiguously. A result longer than maxLoggedValue bytes is cut at a
// character's boundary and followed by "…[cut: N bytes]", N the length of s.
func logValue(s string) string {
	if len(s) <= maxLoggedValue && plainASCII(s) {
		return s // the common case: nothing to escape or cut
	}
	clean := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\\' || r == utf8.RuneError && size == 1 || !unicode.IsPrint(r) && r != ' ' {
			clean = false
			break
		}
		i += size
	}
	if clean && len(s) <= maxLoggedValue {
		return s
	}
	var b strings.Builder
	b.Grow(min(len(s), maxLoggedValue) + 32)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '\\':
			esc = `\\`
		case r == utf8.RuneError && size == 1:
			esc = `\x` + hex2(s[i])
		case !unicode.IsPrint(r) && r != ' ':
			if r <= 0xFFFF {
				esc = `\u` + pad(strconv.FormatInt(int64(r), 16), 4)
			} else {
				esc = `\U` + pad(strconv.FormatInt(int64(r), 16), 8)
			}
		default:
			esc = s[i : i+size]
		}
		if b.Len()+len(esc) > maxLoggedValue {
			b.WriteString("…[cut: " + strconv.Itoa(len(s)) + " bytes]")
			return b.String()
		}
		b.WriteString(esc)
		i += size
	}
	return b.String()
}

// plainASCII reports whether s is printable ASCII without a backslash.
func plainASCII(s string) bool {
	for i := range len(s) {
		if c := s[i]; c < ' ' || c > '~' || c == '\\' {
			return false
		}
	}
	return true
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

func pad(s string, n int) string {
	return strings.Repeat("0", max(0, n-len(s))) + s
}

// bodyRecorder remembers the first error of reading the request's body other
// than io.EOF: the client's going away (the connection closed or the read
// timeout passed). An http.MaxBytesReader put over it reports a body over
// its limit itself, without reading further: that is not recorded.
type bodyRecorder struct {
	io.ReadCloser
	mu  sync.Mutex
	err error
}

// Read reads from the body and records its first error other than io.EOF.
func (b *bodyRecorder) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		b.mu.Lock()
		if b.err == nil {
			b.err = err
		}
		b.mu.Unlock()
	}
	return n, err
}

// failure returns the error recorded, nil for a nil b.
func (b *bodyRecorder) failure() error {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// statusRecorder remembers the status written through it.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the first final status and passes it on.
func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 && code >= 200 { // 1xx responses are not the final status
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Write records the implicit 200 of a body written first, and passes p on.
func (s *statusRecorder) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(p)
}

// Unwrap gives http.ResponseController the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
