package s3source_test

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// content returns n bytes that differ from their neighbours, so that an
// off-by-one shows.
func content(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

func readRange(src *s3source.Source, key string, off, n int64) ([]byte, error) {
	r, err := src.Open(context.Background(), key, off, n)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func TestOpenRangesAtBoundaries(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	data := content(1000)
	f.put(t, "obj", data)
	f.put(t, "empty", nil)
	f.put(t, "one", []byte{'x'})
	src := f.source()
	for _, tc := range []struct {
		key    string
		off, n int64
		want   []byte
	}{
		{"obj", 0, -1, data},
		{"obj", 0, 1000, data},
		{"obj", 0, 1, data[:1]},
		{"obj", 0, 999, data[:999]},
		{"obj", 1, 999, data[1:]},
		{"obj", 1, -1, data[1:]},
		{"obj", 499, 2, data[499:501]},
		{"obj", 999, 1, data[999:]},
		{"obj", 999, -1, data[999:]},
		{"obj", 1000, -1, nil},
		{"obj", 0, 0, nil},
		{"obj", 1000, 0, nil},
		{"empty", 0, -1, nil},
		{"empty", 0, 0, nil},
		{"one", 0, -1, []byte{'x'}},
		{"one", 0, 1, []byte{'x'}},
		{"one", 1, -1, nil},
	} {
		t.Run(fmt.Sprintf("%s[%d,%+d]", tc.key, tc.off, tc.n), func(t *testing.T) {
			got, err := readRange(src, tc.key, tc.off, tc.n)
			require.NoError(t, err)
			assert.Equal(t, len(tc.want), len(got))
			assert.True(t, string(tc.want) == string(got), "bytes differ")
		})
	}
}

// Bytes asked for beyond the object's end are an error, never a shorter
// read.
func TestOpenBeyondTheEnd(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	f.put(t, "obj", content(1000))
	f.put(t, "empty", nil)
	src := f.source()
	for _, tc := range []struct {
		key    string
		off, n int64
		got    int // bytes delivered before the error
	}{
		{"obj", 0, 1001, 1000},
		{"obj", 999, 2, 1},
		{"obj", 1000, 1, 0},
		{"obj", 1001, -1, 0},
		{"obj", 5000, 10, 0},
		{"empty", 0, 1, 0},
		{"empty", 1, -1, 0},
	} {
		t.Run(fmt.Sprintf("%s[%d,%+d]", tc.key, tc.off, tc.n), func(t *testing.T) {
			got, err := readRange(src, tc.key, tc.off, tc.n)
			var e *s3source.Error
			require.ErrorAs(t, err, &e)
			assert.ErrorIs(t, err, s3source.ErrTruncated)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
			assert.Equal(t, "GetObject", e.Op)
			assert.Equal(t, tc.key, e.Key)
			assert.Len(t, got, tc.got)
		})
	}
}

func TestOpenInvalidArguments(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	f.put(t, "obj", content(10))
	for _, tc := range []struct{ off, n int64 }{{-1, 1}, {-1, -1}, {1, math.MaxInt64}, {math.MaxInt64, 1}} {
		_, err := f.source().Open(context.Background(), "obj", tc.off, tc.n)
		require.ErrorIs(t, err, s3source.ErrOther, "%+v", tc)
		assert.Contains(t, err.Error(), "invalid range")
	}
	assert.Zero(t, f.gets.Load(), "no request sent")
}

func TestOpenSendsRange(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	f.put(t, "obj", content(100))
	var ranges []string
	var mu sync.Mutex
	f.setHook(func(_ http.ResponseWriter, r *http.Request, _ http.Handler) bool {
		mu.Lock()
		ranges = append(ranges, r.Header.Get("Range"))
		mu.Unlock()
		return false
	})
	for _, tc := range []struct {
		off, n int64
		want   string
	}{
		{0, -1, ""},
		{0, 100, "bytes=0-99"},
		{10, 20, "bytes=10-29"},
		{10, -1, "bytes=10-"},
		{99, 1, "bytes=99-99"},
	} {
		mu.Lock()
		ranges = nil
		mu.Unlock()
		_, err := readRange(f.source(), "obj", tc.off, tc.n)
		require.NoError(t, err)
		mu.Lock()
		assert.Equal(t, []string{tc.want}, ranges, "off %d n %d", tc.off, tc.n)
		mu.Unlock()
	}
}

// cutGets cuts the body of the first `times` GETs after keep bytes, and
// records the Range and If-Match of every GET.
type cutGets struct {
	t     *testing.T
	times int64
	keep  int
	seen  atomic.Int64

	mu      sync.Mutex
	ranges  []string
	ifMatch []string
	// between runs after the first cut is sent and before the next GET is
	// answered.
	between func()
}

func (c *cutGets) hook(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
	if r.Method != http.MethodGet || r.URL.Query().Has("list-type") {
		return false
	}
	c.mu.Lock()
	c.ranges = append(c.ranges, r.Header.Get("Range"))
	c.ifMatch = append(c.ifMatch, r.Header.Get("If-Match"))
	c.mu.Unlock()
	n := c.seen.Add(1)
	if n == 2 && c.between != nil {
		c.between()
	}
	if n > c.times {
		return false
	}
	cutBody(c.t, w, r, next, c.keep)
	return true
}

// A body that breaks off is resumed from the byte where it stopped, with
// If-Match on its ETag; the bytes are exactly the object's.
func TestOpenResumesABodyCutShort(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		off, n     int64
		times      int64
		keep       int
		wantRanges []string
	}{
		{"whole object, cut once", 0, -1, 1, 500, []string{"", "bytes=500-999"}},
		{"range, cut once", 100, 800, 1, 500, []string{"bytes=100-899", "bytes=600-899"}},
		{"tail, cut twice", 200, -1, 2, 300, []string{"bytes=200-", "bytes=500-999", "bytes=800-999"}},
		{"cut before the first byte", 0, 1000, 1, 0, []string{"bytes=0-999", "bytes=0-999"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeS3(t)
			data := content(1000)
			f.put(t, "obj", data)
			c := &cutGets{t: t, times: tc.times, keep: tc.keep}
			f.setHook(c.hook)
			got, err := readRange(f.source(), "obj", tc.off, tc.n)
			require.NoError(t, err)
			end := int64(len(data))
			if tc.n >= 0 {
				end = tc.off + tc.n
			}
			assert.True(t, string(data[tc.off:end]) == string(got), "bytes differ (got %d)", len(got))
			c.mu.Lock()
			defer c.mu.Unlock()
			assert.Equal(t, tc.wantRanges, c.ranges)
			assert.Empty(t, c.ifMatch[0], "no If-Match on the first GET")
			for _, m := range c.ifMatch[1:] {
				assert.NotEmpty(t, m, "If-Match on a resumed GET")
			}
		})
	}
}

// A body that keeps breaking off fails with io.ErrUnexpectedEOF after the
// resumes allowed: the object is never read as a smaller one.
func TestOpenBodyCutShortFails(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		opts     []s3source.Option
		off, n   int64
		wantGets int64
	}{
		{"default resumes, whole object", nil, 0, -1, 1 + s3source.DefaultResumes},
		{"default resumes, range", nil, 10, 900, 1 + s3source.DefaultResumes},
		{"no resume", []s3source.Option{s3source.WithResumes(0)}, 0, -1, 1},
		{"negative resumes are none", []s3source.Option{s3source.WithResumes(-3)}, 0, -1, 1},
		{"two resumes", []s3source.Option{s3source.WithResumes(2)}, 0, -1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeS3(t)
			f.put(t, "obj", content(1000))
			// Each GET delivers 100 bytes of what it announces, then closes.
			c := &cutGets{t: t, times: math.MaxInt64, keep: 100}
			f.setHook(c.hook)
			got, err := readRange(f.source(tc.opts...), "obj", tc.off, tc.n)
			var e *s3source.Error
			require.ErrorAs(t, err, &e)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
			assert.ErrorIs(t, err, s3source.ErrTruncated)
			assert.Equal(t, "GetObject", e.Op)
			assert.Equal(t, "obj", e.Key)
			assert.Equal(t, tc.wantGets, f.gets.Load(), "GETs")
			assert.Len(t, got, int(100*tc.wantGets), "the bytes delivered are the ones received")
			end := "end"
			if tc.n >= 0 {
				end = fmt.Sprint(tc.off + tc.n)
			}
			if tc.off == 0 && tc.n < 0 {
				end = "1000" // the first answer's Content-Length
			}
			assert.Equal(t, fmt.Sprintf("s3source: GetObject s3://data/obj: body cut short: unexpected EOF: "+
				"read bytes [%d, %d) of [%d, %s) with %d re-issued GETs: unexpected EOF",
				tc.off, tc.off+int64(len(got)), tc.off, end, tc.wantGets-1), err.Error())
		})
	}
}

// The object is replaced between the cut and the resumed GET: the bytes of
// two versions are not joined.
func TestOpenObjectChangedWhileRead(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	f.put(t, "obj", content(1000))
	c := &cutGets{t: t, times: 1, keep: 300}
	c.between = func() { f.put(t, "obj", []byte(string(content(1000)[:999])+"!")) }
	f.setHook(c.hook)
	got, err := readRange(f.source(), "obj", 0, -1)
	require.ErrorIs(t, err, s3source.ErrChanged)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Len(t, got, 300)
	assert.Regexp(t, `^s3source: GetObject s3://data/obj: object changed while read: `+
		`read bytes \[0, 300\) of \[0, 1000\) with 1 re-issued GETs: unexpected EOF; `+
		`re-issued GET: ETag "[0-9a-f]+", was "[0-9a-f]+"$`, err.Error())
}

func TestOpenRetriesA500(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		code   string
	}{
		{http.StatusInternalServerError, "InternalError"},
		{http.StatusServiceUnavailable, "SlowDown"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			t.Parallel()
			f := newFakeS3(t)
			data := content(1000)
			f.put(t, "obj", data)
			var n atomic.Int64
			f.setHook(func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
				if n.Add(1) > 1 {
					return false
				}
				writeS3Error(w, tc.status, tc.code, "injected")
				return true
			})
			got, err := readRange(f.source(), "obj", 10, 100)
			require.NoError(t, err)
			assert.Equal(t, data[10:110], got)
			assert.Equal(t, int64(2), f.gets.Load())
		})
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	f.put(t, "obj", content(10))
	for _, tc := range []struct {
		name       string
		bucket     string
		key        string
		hook       hook
		kind       error
		status     int
		code       string
		msg        string
		wantedGets int64
	}{
		{name: "missing key", bucket: bucket, key: "nope", kind: s3source.ErrNoSuchKey, status: 404, code: "NoSuchKey",
			msg: "s3source: GetObject s3://data/nope: no such key (404 NoSuchKey)", wantedGets: 1},
		{name: "missing bucket", bucket: "gone", key: "obj", kind: s3source.ErrNoSuchBucket, status: 404, code: "NoSuchBucket",
			msg: "s3source: GetObject s3://gone/obj: no such bucket (404 NoSuchBucket)", wantedGets: 1},
		{name: "access denied", bucket: bucket, key: "obj", kind: s3source.ErrAccessDenied, status: 403, code: "AccessDenied",
			hook: func(w http.ResponseWriter, _ *http.Request, _ http.Handler) bool {
				writeS3Error(w, http.StatusForbidden, "AccessDenied", "Access Denied")
				return true
			},
			msg: "s3source: GetObject s3://data/obj: access denied (403 AccessDenied)", wantedGets: 1},
		{name: "wrong region", bucket: bucket, key: "obj", kind: s3source.ErrWrongRegion, status: 301, code: "PermanentRedirect",
			hook: func(w http.ResponseWriter, _ *http.Request, _ http.Handler) bool {
				w.Header().Set("X-Amz-Bucket-Region", "eu-west-1")
				writeS3Error(w, http.StatusMovedPermanently, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint.")
				return true
			},
			// Sent again once in the region named, refused again.
			msg: "s3source: GetObject s3://data/obj: bucket is in another region (301 PermanentRedirect), bucket region eu-west-1", wantedGets: 2},
		{name: "always 503", bucket: bucket, key: "obj", kind: s3source.ErrUnavailable, status: 503, code: "SlowDown",
			hook: func(w http.ResponseWriter, _ *http.Request, _ http.Handler) bool {
				writeS3Error(w, http.StatusServiceUnavailable, "SlowDown", "Please reduce your request rate.")
				return true
			},
			msg: "s3source: GetObject s3://data/obj: service unavailable (503 SlowDown)", wantedGets: 3},
		{name: "an unknown 400", bucket: bucket, key: "obj", kind: s3source.ErrOther, status: 400, code: "InvalidRequest",
			hook: func(w http.ResponseWriter, _ *http.Request, _ http.Handler) bool {
				writeS3Error(w, http.StatusBadRequest, "InvalidRequest", "no")
				return true
			},
			msg: "s3source: GetObject s3://data/obj: request failed (400 InvalidRequest)", wantedGets: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeS3(t)
			f.put(t, "obj", content(10))
			f.setHook(tc.hook)
			_, err := s3source.New(f.client(), tc.bucket).Open(context.Background(), tc.key, 0, -1)
			var e *s3source.Error
			require.ErrorAs(t, err, &e)
			assert.ErrorIs(t, err, tc.kind)
			for _, other := range []error{s3source.ErrNoSuchKey, s3source.ErrNoSuchBucket, s3source.ErrAccessDenied,
				s3source.ErrWrongRegion, s3source.ErrUnavailable, s3source.ErrOther, s3source.ErrTruncated} {
				if other != tc.kind {
					assert.NotErrorIs(t, err, other)
				}
			}
			assert.Equal(t, tc.status, e.StatusCode)
			assert.Equal(t, tc.code, e.Code)
			assert.Contains(t, err.Error(), tc.msg)
			assert.Equal(t, tc.wantedGets, f.gets.Load())
		})
	}
}

func TestReadAfterClose(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	f.put(t, "obj", content(100))
	r, err := f.source().Open(context.Background(), "obj", 0, -1)
	require.NoError(t, err)
	buf := make([]byte, 10)
	_, err = io.ReadFull(r, buf)
	require.NoError(t, err)
	require.NoError(t, r.Close())
	require.NoError(t, r.Close(), "Close twice")
	_, err = r.Read(buf)
	assert.ErrorIs(t, err, os.ErrClosed)
}

func TestReadStopsWhenContextIsDone(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	f.put(t, "obj", content(1000))
	// The body is sent in two halves; the context is cancelled in between.
	release := make(chan struct{})
	f.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
		if r.Method != http.MethodGet {
			return false
		}
		w.Header().Set("Content-Length", "1000")
		w.Header().Set("ETag", `"x"`)
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(content(1000)[:500])
		w.(http.Flusher).Flush()
		<-release
		return true
	})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	r, err := f.source().Open(ctx, "obj", 0, -1)
	require.NoError(t, err)
	defer r.Close()
	buf := make([]byte, 500)
	_, err = io.ReadFull(r, buf)
	require.NoError(t, err)
	cancel()
	_, err = r.Read(buf)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, int64(1), f.gets.Load(), "not resumed")
}

// Many ranges of several objects read at once, under the race detector.
func TestConcurrentReads(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	objects := make([][]byte, 4)
	for i := range objects {
		objects[i] = content(64<<10 + i)
		f.put(t, fmt.Sprintf("obj%d", i), objects[i])
	}
	src := f.source()
	const workers = 16
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 8 {
				i := (w + j) % len(objects)
				data := objects[i]
				off := int64((w*4099 + j*997) % len(data))
				n := int64(len(data)) - off
				if j%2 == 0 {
					n = min(n, 3000)
				}
				got, err := readRange(src, fmt.Sprintf("obj%d", i), off, n)
				if err != nil {
					errs <- err
					return
				}
				if string(got) != string(data[off:off+n]) {
					errs <- fmt.Errorf("obj%d [%d,+%d): bytes differ", i, off, n)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// A body sent without Content-Length (chunked) ends at its end; cut short,
// it is resumed with an open-ended range, and the bytes are the object's.
func TestOpenChunkedBody(t *testing.T) {
	t.Parallel()
	data := content(1000)
	for _, tc := range []struct {
		name       string
		cut        bool
		wantRanges []string
	}{
		{"whole", false, []string{""}},
		{"cut after 400 bytes", true, []string{"", "bytes=400-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeS3(t)
			f.put(t, "obj", data)
			var ranges []string
			var n atomic.Int64
			f.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
				ranges = append(ranges, r.Header.Get("Range"))
				if n.Add(1) > 1 || !tc.cut {
					rec := httptest.NewRecorder()
					next.ServeHTTP(rec, r)
					for k, v := range rec.Header() {
						if k != "Content-Length" {
							w.Header()[k] = v
						}
					}
					w.WriteHeader(rec.Code)
					w.(http.Flusher).Flush() // chunked from here
					_, _ = w.Write(rec.Body.Bytes())
					return true
				}
				// Chunked, 400 bytes, then the connection closes mid-body.
				rec := httptest.NewRecorder()
				next.ServeHTTP(rec, r)
				conn, buf, err := w.(http.Hijacker).Hijack()
				require.NoError(t, err)
				defer conn.Close()
				fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nETag: %s\r\n\r\n%x\r\n",
					rec.Header().Get("ETag"), 400)
				buf.Write(data[:400])
				buf.WriteString("\r\n")
				_ = buf.Flush()
				return true
			})
			got, err := readRange(f.source(), "obj", 0, -1)
			require.NoError(t, err)
			assert.True(t, string(data) == string(got), "bytes differ (got %d)", len(got))
			assert.Equal(t, tc.wantRanges, ranges)
		})
	}
}

// A store that ignores Range (answers 200 with the whole object) is refused,
// not read from the wrong offset.
func TestOpenRangeIgnored(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	f.put(t, "obj", content(100))
	f.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
		r.Header.Del("Range")
		next.ServeHTTP(w, r)
		return true
	})
	_, err := f.source().Open(context.Background(), "obj", 10, 20)
	require.ErrorIs(t, err, s3source.ErrOther)
	assert.EqualError(t, err, `s3source: GetObject s3://data/obj: request failed: answer to Range bytes=10-29 has Content-Range ""`)
}

// A store that cannot be reached: the client's retries, then ErrUnavailable.
func TestUnreachable(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	f.srv.Close()
	src := f.source()
	err := src.List(context.Background(), "in/", func(ingest.Object) error { return nil })
	var e *s3source.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, s3source.ErrUnavailable)
	assert.Zero(t, e.StatusCode)
	assert.Contains(t, err.Error(), "s3source: ListObjectsV2 s3://data/in/: service unavailable: ")
	_, err = src.Open(context.Background(), "obj", 0, -1)
	assert.ErrorIs(t, err, s3source.ErrUnavailable)
}

// TestReadStall: a body served at 1 byte a second, with a stall limit of
// 100 ms, fails with ErrStalled and is not resumed; an answer that does
// not come within the limit fails Open the same way. A body whose bytes
// each come within the limit is read to its end.
func TestReadStall(t *testing.T) {
	t.Parallel()
	const size = 3
	slow := func(delayHeaders bool, every time.Duration) hook {
		return func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
			if r.Method != http.MethodGet {
				return false
			}
			tick := time.NewTicker(every)
			defer tick.Stop()
			if delayHeaders {
				select {
				case <-tick.C:
				case <-r.Context().Done():
					return true
				}
			}
			w.Header().Set("Content-Length", strconv.Itoa(size))
			w.Header().Set("ETag", `"x"`)
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
			for i := range size {
				select {
				case <-tick.C:
				case <-r.Context().Done():
					return true
				}
				_, _ = w.Write(content(size)[i : i+1])
				w.(http.Flusher).Flush()
			}
			return true
		}
	}
	t.Run("body", func(t *testing.T) {
		t.Parallel()
		f := newFakeS3(t)
		f.put(t, "obj", content(size))
		f.setHook(slow(false, time.Second))
		_, err := readRange(f.source(s3source.WithReadStall(100*time.Millisecond)), "obj", 0, -1)
		require.ErrorIs(t, err, s3source.ErrStalled)
		assert.EqualError(t, err, "s3source: GetObject s3://data/obj: the read stalled: no byte for 100ms at byte 0")
		assert.Equal(t, int64(1), f.gets.Load(), "not resumed")
	})
	t.Run("answer", func(t *testing.T) {
		t.Parallel()
		f := newFakeS3(t)
		f.put(t, "obj", content(size))
		f.setHook(slow(true, time.Second))
		_, err := f.source(s3source.WithReadStall(100*time.Millisecond)).Open(context.Background(), "obj", 0, -1)
		require.ErrorIs(t, err, s3source.ErrStalled)
		assert.Equal(t, int64(1), f.gets.Load(), "not retried")
	})
	t.Run("each byte within the limit", func(t *testing.T) {
		t.Parallel()
		f := newFakeS3(t)
		f.put(t, "obj", content(size))
		f.setHook(slow(false, 20*time.Millisecond))
		b, err := readRange(f.source(s3source.WithReadStall(time.Second)), "obj", 0, -1)
		require.NoError(t, err)
		assert.Equal(t, content(size), b)
	})
}
