package lookout_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// showMaxMessage is the bound, in bytes, of the message Error shows.
const showMaxMessage = 20000

// requireShownSafe checks that s, an error's Error text, is one line that
// is safe to log: valid UTF-8, with no control character, line or paragraph
// separator, or invisible formatting character, and at most maxLen bytes.
func requireShownSafe(t testing.TB, s string, maxLen int) {
	t.Helper()
	require.True(t, utf8.ValidString(s), "not valid UTF-8: %q", s)
	require.LessOrEqual(t, len(s), maxLen, "too long")
	for i, r := range s {
		if r < 0x20 || 0x7F <= r && r < 0xA0 || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) {
			t.Fatalf("Error shows %U at byte %d: %q", r, i, s)
		}
	}
}

func TestErrorShowsMessageEscapedAndBounded(t *testing.T) {
	t.Parallel()
	clean := strings.Repeat("a", showMaxMessage)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{name: "plain", err: &lookout.ConflictException{Message: "in use"}, want: "ConflictException: in use"},
		{name: "no message", err: &lookout.ConflictException{}, want: "ConflictException"},
		{name: "quotes and backslashes alone are shown as they are", err: &lookout.ConflictException{Message: `it's C:\jobs`},
			want: `ConflictException: it's C:\jobs`},
		{name: "CR LF", err: &lookout.ThrottlingException{Message: "slow\r\n2026-11-29 INFO login ok"},
			want: `ThrottlingException: slow\r\n2026-11-29 INFO login ok`},
		{name: "ESC colour codes", err: &lookout.ThrottlingException{Message: "\x1b[31mred\x1b[0m"},
			want: `ThrottlingException: \u001B[31mred\u001B[0m`},
		{name: "right-to-left override", err: &lookout.ThrottlingException{Message: "txt.\u202Eexe"},
			want: `ThrottlingException: txt.\u202Eexe`},
		{name: "NUL", err: &lookout.ThrottlingException{Message: "a\x00b"}, want: `ThrottlingException: a\u0000b`},
		{name: "invalid UTF-8", err: &lookout.ThrottlingException{Message: "a\xffb"}, want: `ThrottlingException: a\xFFb`},
		{name: "escaped, quotes and backslashes are escaped too", err: &lookout.ThrottlingException{Message: "it's\t\\"},
			want: `ThrottlingException: it\'s\t\\`},
		{name: "line separator", err: &lookout.ThrottlingException{Message: "a\u2028b"}, want: `ThrottlingException: a\u2028b`},
		{name: "at the bound", err: &lookout.ConflictException{Message: clean}, want: "ConflictException: " + clean},
		{name: "one byte over", err: &lookout.ConflictException{Message: clean + "b"},
			want: "ConflictException: " + clean + "... (truncated: 20001 characters)"},
		{name: "cut between characters", err: &lookout.ConflictException{Message: "a" + strings.Repeat("é", showMaxMessage/2)},
			want: "ConflictException: a" + strings.Repeat("é", showMaxMessage/2-1) + "... (truncated: 10001 characters)"},
		{name: "escaped and cut", err: &lookout.ConflictException{Message: "\n" + clean},
			want: `ConflictException: \n` + clean[:showMaxMessage-2] + "... (truncated: 20001 characters)"},
		{name: "escape not cut in half", err: &lookout.ConflictException{Message: clean[:showMaxMessage-1] + "\n"},
			want: "ConflictException: " + clean[:showMaxMessage-1] + "... (truncated: 20000 characters)"},
		{name: "generic, code escaped", err: &lookout.GenericAPIError{Code: "Evil\nINFO", Message: "m", StatusCode: 400},
			want: `Evil\nINFO: m (HTTP 400)`},
		{name: "generic, message escaped", err: &lookout.GenericAPIError{Message: "\x1b[2J", StatusCode: 502},
			want: `UnknownError: \u001B[2J (HTTP 502)`},
		{name: "generic, long code", err: &lookout.GenericAPIError{Code: strings.Repeat("C", 200)},
			want: strings.Repeat("C", 128) + "... (truncated: 200 characters)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.err.Error()
			assert.Equal(t, tt.want, got)
			requireShownSafe(t, got, showMaxMessage+200)
		})
	}
}

// TestErrorMessageKeptRaw: Message and ErrorMessage return what was given,
// whatever Error shows.
func TestErrorMessageKeptRaw(t *testing.T) {
	t.Parallel()
	raw := strings.Repeat("x", 30000) + "\r\n\x1b[0m\u202E\x00\xff"
	for _, err := range []interface {
		error
		ErrorMessage() string
	}{
		&lookout.AccessDeniedException{Message: raw}, &lookout.ConflictException{Message: raw},
		&lookout.InternalServerException{Message: raw}, &lookout.ResourceNotFoundException{Message: raw},
		&lookout.ServiceQuotaExceededException{Message: raw}, &lookout.ThrottlingException{Message: raw},
		&lookout.ValidationException{Message: raw}, &lookout.SerializationException{Message: raw},
		&lookout.UnknownOperationException{Message: raw}, &lookout.GenericAPIError{Message: raw},
	} {
		assert.Equal(t, raw, err.ErrorMessage())
		requireShownSafe(t, err.Error(), showMaxMessage+200)
	}
}

// TestErrorShowsOwnMessagesUnchanged: this package's messages escape what
// they echo already; Error shows them as they are.
func TestErrorShowsOwnMessagesUnchanged(t *testing.T) {
	t.Parallel()
	r := testcases.Valid()
	r.DatasetName = "it's\n\u202E" + strings.Repeat("é", 6000)
	r.RoleArn = `arn:aws:iam::123456789012:user\x`
	err := r.Validate()
	var ve *lookout.ValidationException
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "ValidationException: "+ve.Message, err.Error())
	_, serr := wireDecodeStart([]byte("{\"DatasetName\":\"a\x01\"}"))
	var se *lookout.SerializationException
	require.ErrorAs(t, serr, &se)
	assert.Equal(t, "SerializationException: "+se.Message, serr.Error())
}

// TestErrorFromResponseHostileMessage: what a server sends is kept whole in
// Message, and Error shows it escaped and bounded.
func TestErrorFromResponseHostileMessage(t *testing.T) {
	t.Parallel()
	hostile := strings.Repeat("x", 100000) + "\r\n2026-11-29T12:00:00Z INFO admin logged in\x1b[31m\u202E\x00"
	body, err := json.Marshal(map[string]string{"__type": "ThrottlingException", "message": hostile})
	require.NoError(t, err)
	got := lookout.ErrorFromResponse(wireResponse(400, nil, string(body)))
	var te *lookout.ThrottlingException
	require.ErrorAs(t, got, &te)
	assert.Equal(t, hostile, te.Message, "the raw message is kept")
	shown := got.Error()
	requireShownSafe(t, shown, showMaxMessage+100)
	assert.True(t, strings.HasSuffix(shown, "... (truncated: "+strconv.Itoa(utf8.RuneCountInString(hostile))+" characters)"),
		shown[len(shown)-60:])

	// Short enough to show whole: escaped.
	got = lookout.ErrorFromResponse(wireResponse(400, nil,
		`{"__type":"ThrottlingException","message":"slow\r\nINFO fake\u001b[31m\u202e\u0000"}`))
	assert.Equal(t, `ThrottlingException: slow\r\nINFO fake\u001B[31m\u202E\u0000`, got.Error())

	// A code from the body is a server's text too.
	got = lookout.ErrorFromResponse(wireResponse(400, nil, `{"code":"Evil\r\nINFO fake","message":"m"}`))
	var g *lookout.GenericAPIError
	require.ErrorAs(t, got, &g)
	assert.Equal(t, "Evil\r\nINFO fake", g.Code)
	assert.Equal(t, `Evil\r\nINFO fake: m (HTTP 400)`, got.Error())

	// A body that is not JSON: the message is cut at 5,000 characters, and
	// shown escaped.
	text := "\x1b[2J" + strings.Repeat("y", 6000)
	got = lookout.ErrorFromResponse(wireResponse(502, nil, text))
	require.ErrorAs(t, got, &g)
	assert.Equal(t, text[:5000], g.Message)
	assert.Equal(t, `UnknownError: \u001B[2J`+text[4:5000]+" (HTTP 502)", got.Error())
}

// wireGzip returns s compressed with gzip.
func wireGzip(t testing.TB, s string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, err := io.WriteString(zw, s)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.String()
}

func TestErrorFromResponseGzip(t *testing.T) {
	t.Parallel()
	throttling := wireGzip(t, `{"__type":"com.amazonaws.lookoutequipment#ThrottlingException","message":"Rate exceeded"}`)
	tests := []struct {
		name     string
		encoding []string
		body     string
		want     error
	}{
		{name: "gzip", encoding: []string{"gzip"}, body: throttling, want: &lookout.ThrottlingException{Message: "Rate exceeded"}},
		{name: "x-gzip", encoding: []string{"x-gzip"}, body: throttling, want: &lookout.ThrottlingException{Message: "Rate exceeded"}},
		{name: "GZIP", encoding: []string{"GZIP"}, body: throttling, want: &lookout.ThrottlingException{Message: "Rate exceeded"}},
		{name: "gzip and identity", encoding: []string{"identity, gzip"}, body: throttling,
			want: &lookout.ThrottlingException{Message: "Rate exceeded"}},
		{name: "identity", encoding: []string{"identity"}, body: `{"__type":"ConflictException"}`, want: &lookout.ConflictException{}},
		{name: "empty gzip body", encoding: []string{"gzip"}, body: "", want: &lookout.GenericAPIError{StatusCode: 400}},
		{name: "gzip, text", encoding: []string{"gzip"}, body: wireGzip(t, "<html>Bad Gateway</html>"),
			want: &lookout.GenericAPIError{Message: "<html>Bad Gateway</html>", StatusCode: 400}},
		{name: "two members", encoding: []string{"gzip"}, body: wireGzip(t, `{"__type":"Confl`) + wireGzip(t, `ictException"}`),
			want: &lookout.ConflictException{}},
		{name: "another encoding", encoding: []string{"br"}, body: "\x8b\x02\x80",
			want: &lookout.GenericAPIError{Message: `the error body is encoded with Content-Encoding "br", which is not read`, StatusCode: 400}},
		{name: "gzip twice", encoding: []string{"gzip", "gzip"}, body: wireGzip(t, throttling),
			want: &lookout.GenericAPIError{Message: `the error body is encoded with Content-Encoding "gzip, gzip", which is not read`,
				StatusCode: 400}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := wireResponse(400, nil, tt.body)
			resp.Header["Content-Encoding"] = tt.encoding
			got := lookout.ErrorFromResponse(resp)
			assert.Equal(t, tt.want, got)
		})
	}

	// Retryability survives the encoding.
	resp := wireResponse(400, nil, throttling)
	resp.Header.Set("Content-Encoding", "gzip")
	assert.True(t, lookout.IsRetryable(lookout.ErrorFromResponse(resp)))
}

func TestErrorFromResponseBadGzip(t *testing.T) {
	t.Parallel()
	good := wireGzip(t, `{"__type":"ThrottlingException"}`)
	for name, body := range map[string]string{
		"not gzip":     `{"__type":"ThrottlingException"}`,
		"truncated":    good[:20],
		"bad checksum": good[:len(good)-8] + "\xde\xad\xbe\xef" + good[len(good)-4:],
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := wireResponse(400, map[string]string{"Content-Encoding": "gzip", "X-Amzn-ErrorType": "ConflictException"}, body)
			err := lookout.ErrorFromResponse(resp)
			var ce *lookout.ConflictException
			require.ErrorAs(t, err, &ce, "the header's name is kept")
			assert.Contains(t, err.Error(), "the error body could not be read")
		})
	}
	resp := wireResponse(400, map[string]string{"Content-Encoding": "gzip"}, "<html>not gzip</html>")
	assert.ErrorIs(t, lookout.ErrorFromResponse(resp), gzip.ErrHeader)
	resp = wireResponse(400, map[string]string{"Content-Encoding": "gzip"}, good[:len(good)-8]+"\xde\xad\xbe\xef"+good[len(good)-4:])
	assert.ErrorIs(t, lookout.ErrorFromResponse(resp), gzip.ErrChecksum)
}

// TestErrorFromResponseGzipBomb: the decompressed body is bounded as the
// raw one is. It measures the bytes allocated, so it does not run in
// parallel with other tests.
func TestErrorFromResponseGzipBomb(t *testing.T) {
	const size = 32 << 20
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	require.NoError(t, err)
	_, err = io.Copy(zw, io.LimitReader(wireEndlessReader{}, size))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.Less(t, b.Len(), lookout.MaxErrorBodyBytes, "a bomb small enough to be read")

	resp := wireResponse(503, map[string]string{"Content-Encoding": "gzip"}, b.String())
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := lookout.ErrorFromResponse(resp)
	runtime.ReadMemStats(&after)
	assert.Equal(t, &lookout.GenericAPIError{Message: "the error body is longer than 131072 bytes; it was not read", StatusCode: 503}, got)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(2<<20), "bytes allocated to read a %d-byte bomb", size)
	assert.True(t, lookout.IsRetryable(got))

	// Compressed, over the limit: not read further either.
	counted := &wireCountingReader{r: wireEndlessReader{}}
	resp = &http.Response{StatusCode: 400, Header: http.Header{"Content-Encoding": {"gzip"}},
		Body: io.NopCloser(io.MultiReader(strings.NewReader(b.String()[:10]), counted))}
	got = lookout.ErrorFromResponse(resp)
	assert.Error(t, got)
	assert.LessOrEqual(t, counted.n, int64(lookout.MaxErrorBodyBytes+1))
}

// TestErrorFromResponseStalledBody: a body that stops after the headers
// blocks the read until the request's context ends it.
func TestErrorFromResponseStalledBody(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Amzn-ErrorType", "ThrottlingException")
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"message":"sl`)
		w.(http.Flusher).Flush()
		<-release
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs first

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, nil)
	require.NoError(t, err)
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()

	done := make(chan error, 1)
	go func() { done <- lookout.ErrorFromResponse(resp) }()
	select {
	case err := <-done:
		t.Fatalf("returned before the body ended or the context was cancelled: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
		var te *lookout.ThrottlingException
		require.ErrorAs(t, err, &te, "the header's name is kept")
		assert.True(t, lookout.IsRetryable(err))
	case <-time.After(10 * time.Second):
		t.Fatal("ErrorFromResponse did not return once the context was cancelled")
	}
}

// TestErrorFromResponseTooManyRequests: a 429 is throttling, worth retrying,
// whoever sent it; its code stays the one the response gave.
func TestErrorFromResponseTooManyRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		resp *http.Response
		want error
	}{
		{name: "bare, from a proxy", resp: wireResponse(429, nil, "Too Many Requests\n"),
			want: &lookout.GenericAPIError{Message: "Too Many Requests", StatusCode: 429}},
		{name: "empty", resp: wireResponse(429, nil, ""), want: &lookout.GenericAPIError{StatusCode: 429}},
		{name: "API Gateway", resp: wireResponse(429, map[string]string{"X-Amzn-ErrorType": "TooManyRequestsException"},
			`{"message":"Too Many Requests"}`),
			want: &lookout.GenericAPIError{Code: "TooManyRequestsException", Message: "Too Many Requests", StatusCode: 429}},
		{name: "the service's throttling", resp: wireResponse(400, nil, `{"__type":"ThrottlingException","Message":"Rate exceeded"}`),
			want: &lookout.ThrottlingException{Message: "Rate exceeded"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := lookout.ErrorFromResponse(tt.resp)
			assert.Equal(t, tt.want, got)
			assert.True(t, lookout.IsRetryable(got))
		})
	}
	// Written back, a GenericAPIError with a code keeps its 429.
	rec := httptest.NewRecorder()
	lookout.WriteError(rec, &lookout.GenericAPIError{Code: "TooManyRequestsException", StatusCode: 429})
	assert.Equal(t, 429, rec.Code)
	assert.True(t, lookout.IsRetryable(lookout.ErrorFromResponse(rec.Result())))
	assert.False(t, lookout.IsRetryable(errors.New("429")), "a status is read from a typed error only")
}
