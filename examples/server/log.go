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
	"sync/atomic"
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
//
// A logger of newLogger gets the line written by hand (textLog.request), the
// bytes slog's text handler writes for the same record; any other logger
// gets a record.
func logRequests(logger *slog.Logger, now func() time.Time, next http.Handler) http.Handler {
	wall := now == nil // the line's time is the clock's reading
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
		end := now()
		at := end // the line's time: the clock's reading, when it is the wall clock
		if !wall {
			at = time.Now()
		}
		logRequest(logger, at, r, rec.Header(), body.failure(), status, end.Sub(start))
	})
}

// logRequest logs the line of request r, whose response has the header h
// and the status, body its read error (nil when none), took its duration,
// at the time at.
func logRequest(logger *slog.Logger, at time.Time, r *http.Request, h http.Header, readErr error, status int, took time.Duration) {
	if tl, ok := logger.Handler().(*textLog); ok {
		tl.request(at, r, h, readErr, status, took)
		return
	}
	var buf [9]slog.Attr
	attrs := append(buf[:0],
		slog.String("method", logValue(r.Method)),
		slog.String("target", logValue(headerValue(r.Header, "X-Amz-Target"))),
	)
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
			slog.String("error", logValue(headerValue(h, errorTypeHeader))),
		)
	}
	attrs = append(attrs,
		slog.String("request_id", logValue(headerValue(h, requestIDHeader))),
		slog.Duration("duration", took),
		slog.String("remote", logValue(r.RemoteAddr)),
	)
	// The record is made here rather than by LogAttrs, which would look
	// up its caller's program counter for every request: the line names
	// its request, not a line of code.
	line := slog.NewRecord(at, slog.LevelInfo, "request", 0)
	line.AddAttrs(attrs...)
	_ = logger.Handler().Handle(r.Context(), line) // a failed write has nowhere to be reported
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

// newLogger returns the server's logger: slog's text handler over w at
// level, without options otherwise, under which logRequests writes its
// request lines by hand (see textLog).
func newLogger(w io.Writer, level slog.Leveler) *slog.Logger {
	lw := &lockedWriter{w: w}
	return slog.New(&textLog{TextHandler: slog.NewTextHandler(lw, &slog.HandlerOptions{Level: level}), w: lw})
}

// textLog is slog's text handler over w, which logRequests recognises to
// write a request's line itself: the same bytes, appended by hand into a
// pooled buffer rather than made into a record of nine attributes that
// the handler walks (half of what a request's line cost). Every other
// record, and the loggers made of it by With, are the text handler's.
type textLog struct {
	*slog.TextHandler
	w *lockedWriter // the text handler's writer too: each line is written whole, in turn
}

// lockedWriter writes to w under a lock, one line in one Write.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// lineBuffers holds the buffers of request lines (a *[]byte each).
var lineBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// maxPooledLine bounds the capacity of a line's buffer kept for the next.
const maxPooledLine = 4 << 10

// request writes the line of request r as logRequest logs it:
// what logRequests logs, in the text handler's format (time, level, msg,
// then the attributes key=value, a value quoted as the handler quotes it).
func (t *textLog) request(at time.Time, r *http.Request, h http.Header, readErr error, status int, took time.Duration) {
	bp := lineBuffers.Get().(*[]byte)
	b := append((*bp)[:0], "time="...)
	b = appendRFC3339Millis(b, at)
	b = append(b, " level=INFO msg=request method="...)
	b = appendLogged(b, r.Method)
	b = append(b, " target="...)
	b = appendLogged(b, headerValue(r.Header, "X-Amz-Target"))
	if failed, outcome, ok := bodyFailure(readErr); ok {
		b = append(b, " status="...)
		b = strconv.AppendInt(b, int64(failed), 10)
		b = append(b, ` error="" outcome=`...)
		b = appendTextString(b, outcome)
		b = append(b, " cause="...)
		b = appendLogged(b, readErr.Error())
	} else {
		b = append(b, " status="...)
		b = strconv.AppendInt(b, int64(status), 10)
		b = append(b, " error="...)
		b = appendLogged(b, headerValue(h, errorTypeHeader))
	}
	b = append(b, " request_id="...)
	b = appendLogged(b, headerValue(h, requestIDHeader))
	b = append(b, " duration="...)
	b = append(b, took.String()...) // as the handler writes a duration
	b = append(b, " remote="...)
	b = appendLogged(b, r.RemoteAddr)
	b = append(b, '\n')
	_, _ = t.w.Write(b) // a failed write has nowhere to be reported
	if cap(b) <= maxPooledLine {
		*bp = b
		lineBuffers.Put(bp)
	}
}

// appendRFC3339Millis appends t as slog's text handler writes a record's
// time: RFC 3339 with milliseconds, in t's location.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	// The second's text is kept: the lines of one second differ only by
	// their milliseconds. A zone's offset changes on a second's boundary,
	// so that the second and the location give the whole text but them.
	sec := t.Unix()
	if c := lastSecond.Load(); c != nil && c.sec == sec && c.loc == t.Location() {
		ms := t.Nanosecond() / int(time.Millisecond)
		b = append(b, c.text[:c.dot+1]...)
		b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
		return append(b, c.text[c.dot+4:]...)
	}
	n := len(b)
	b = formatRFC3339Millis(b, t)
	text := string(b[n:])
	// Only a year of four digits: slog's text of the others is not its
	// second's and three digits of milliseconds (it drops another digit).
	if dot := len("2006-01-02T15:04:05"); len(text) > dot+3 && text[dot] == '.' && text[4] == '-' {
		lastSecond.Store(&secondText{sec: sec, loc: t.Location(), text: text, dot: dot})
	}
	return b
}

// secondText is the text of a record's time, kept for its second.
type secondText struct {
	sec  int64          // Unix seconds
	loc  *time.Location // the time's
	text string         // as formatRFC3339Millis writes it
	dot  int            // the index of the point before the milliseconds
}

// lastSecond is the second of the last line's time that was formatted.
var lastSecond atomic.Pointer[secondText]

// formatRFC3339Millis appends t as slog's text handler writes a record's
// time.
func formatRFC3339Millis(b []byte, t time.Time) []byte {
	// slog's own way: RFC3339Nano, with a tenth of a millisecond added
	// so that four digits follow the point, the fourth dropped.
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	t = t.Round(0).Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...)
}

// appendLogged appends logValue(s) as slog's text handler writes a string
// value: in one pass over s for the common value, printable ASCII that
// needs neither escape nor quotes.
func appendLogged(b []byte, s string) []byte {
	if len(s) <= maxLoggedValue && bareASCII(s) {
		return append(b, s...)
	}
	return appendTextString(b, logValue(s))
}

// bareASCII reports whether s is printable ASCII without a space, '"',
// '=' or a backslash, and not empty: what logValue leaves as it is and
// slog's text handler does not quote.
func bareASCII(s string) bool {
	for i := range len(s) {
		if c := s[i]; c <= ' ' || c > '~' || c == '"' || c == '=' || c == '\\' {
			return false
		}
	}
	return len(s) > 0
}

// appendTextString appends s as slog's text handler writes a string
// value: as it is, or quoted (strconv.Quote) when it is empty or holds a
// space, '=', '"', a control, a character that is not printable or a
// space of Unicode, or invalid UTF-8.
func appendTextString(b []byte, s string) []byte {
	if textNeedsQuoting(s) {
		return strconv.AppendQuote(b, s)
	}
	return append(b, s...)
}

// textNeedsQuoting is slog's needsQuoting (log/slog/text_handler.go).
func textNeedsQuoting(s string) bool {
	if len(s) == 0 {
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// slog's safe set (its JSON handler's) is ' ' to DEL but
			// '"' and '\\'; it quotes what is outside it, but a
			// backslash, and ' ', '='.
			if c != '\\' && (c <= ' ' || c == '"' || c == '=') {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}
