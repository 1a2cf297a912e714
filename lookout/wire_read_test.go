package lookout_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// wireTrickleReader yields the bytes of s one at a time, then err (io.EOF
// when nil), and records, at each read, the bytes read before it and the
// room it was offered: the buffer ReadRequest holds.
type wireTrickleReader struct {
	s     string
	err   error
	reads []wireRead
}

type wireRead struct{ before, room int }

func (r *wireTrickleReader) Read(p []byte) (int, error) {
	before := 0
	if n := len(r.reads); n > 0 {
		before = r.reads[n-1].before + 1
	}
	r.reads = append(r.reads, wireRead{before: before, room: len(p)})
	if before >= len(r.s) {
		if r.err != nil {
			return 0, r.err
		}
		return 0, io.EOF
	}
	p[0] = r.s[before]
	return 1, nil
}

// TestReadRequestGrowsAsBytesArrive: the buffer is not the declared
// Content-Length: a client that declares 64 KiB and sends one byte costs a
// few hundred bytes, and the buffer stays within twice what arrived.
func TestReadRequestGrowsAsBytesArrive(t *testing.T) {
	t.Parallel()
	errGone := errors.New("client gone")
	body := wireTypicalBody + strings.Repeat(" ", 3000)
	tests := []struct {
		name     string
		declared int64
		body     string
		err      error
	}{
		{name: "declares the limit, sends one byte", declared: lookout.MaxRequestBodyBytes, body: "{", err: errGone},
		{name: "declares the limit, sends the body", declared: lookout.MaxRequestBodyBytes, body: body, err: io.ErrUnexpectedEOF},
		{name: "unknown length", declared: -1, body: body},
		{name: "true length", declared: int64(len(body)), body: body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := wireRequest("")
			body := &wireTrickleReader{s: tt.body, err: tt.err}
			r.Body = io.NopCloser(body)
			r.ContentLength = tt.declared
			got, err := wireReadStart(r)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
			} else {
				require.NoError(t, err)
				assert.Equal(t, "pump-station_7", got.DatasetName)
			}
			require.NotEmpty(t, body.reads)
			assert.LessOrEqual(t, body.reads[0].room, 512, "room before the first byte arrived")
			for _, rd := range body.reads {
				buffer := rd.before + rd.room
				assert.LessOrEqual(t, buffer, max(512, 2*rd.before), "buffer after %d bytes", rd.before)
			}
		})
	}
}

// TestReadRequestAllocatesWhatArrives measures the bytes ReadRequest
// allocates for a request that declares the limit and sends one byte. Not
// parallel: it measures allocations.
func TestReadRequestAllocatesWhatArrives(t *testing.T) {
	errGone := errors.New("client gone")
	requests := make([]*http.Request, 0, 200)
	for range cap(requests) {
		r := wireRequest("")
		r.Body = io.NopCloser(&wireTrickleReader{s: "{", err: errGone, reads: make([]wireRead, 0, 4)})
		r.ContentLength = lookout.MaxRequestBodyBytes
		requests = append(requests, r)
	}
	_, bytes := hostileMemory(len(requests)/3, func() {
		_, _ = wireReadStart(requests[0])
		requests = requests[1:]
	})
	assert.Less(t, bytes, uint64(2<<10), "bytes allocated for a body that declares %d bytes and sends one",
		lookout.MaxRequestBodyBytes)
}

// wireBrokenReader breaks io.Reader's contract: it returns n, nil at each
// read, after good bytes of good.
type wireBrokenReader struct {
	good  string
	n     int
	calls atomic.Int64
}

func (r *wireBrokenReader) Read(p []byte) (int, error) {
	r.calls.Add(1)
	if r.good != "" {
		k := copy(p, r.good)
		r.good = r.good[k:]
		return k, nil
	}
	if r.n == 1<<30 {
		return len(p) + 1, nil
	}
	return r.n, nil
}

// TestReadRequestRefusesABrokenReader: a reader that returns a count out of
// range, or nothing for ever, gets a typed error, not a panic or a spin.
func TestReadRequestRefusesABrokenReader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		r     *wireBrokenReader
		want  error
		calls int64 // reads made; 0 for no check
	}{
		{name: "count over the buffer", r: &wireBrokenReader{n: 1 << 30}, want: lookout.ErrInvalidRead, calls: 1},
		{name: "count over the buffer, after bytes", r: &wireBrokenReader{good: `{"DatasetName"`, n: 1 << 30}, want: lookout.ErrInvalidRead},
		{name: "negative count", r: &wireBrokenReader{n: -1}, want: lookout.ErrInvalidRead, calls: 1},
		{name: "no bytes, no error, for ever", r: &wireBrokenReader{n: 0}, want: io.ErrNoProgress, calls: 100},
		{name: "no progress after bytes", r: &wireBrokenReader{good: `{"DatasetName"`, n: 0}, want: io.ErrNoProgress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := wireRequest("")
			r.Body = io.NopCloser(tt.r)
			r.ContentLength = -1
			var got *lookout.StartDataIngestionJobRequest
			var err error
			require.NotPanics(t, func() { got, err = wireReadStart(r) })
			assert.Nil(t, got)
			require.ErrorIs(t, err, tt.want)
			var se *lookout.SerializationException
			require.ErrorAs(t, err, &se)
			assert.Equal(t, "the body could not be read to its end", se.Message)
			var de *lookout.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Contains(t, de.Reason, tt.want.Error())
			if tt.calls != 0 {
				assert.Equal(t, tt.calls, tt.r.calls.Load())
			}
		})
	}
}

// wireStutteringReader returns no bytes and no error empty times before
// each byte of s: slow, not broken.
type wireStutteringReader struct {
	s     string
	empty int
	seen  int
}

func (r *wireStutteringReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	if r.seen < r.empty {
		r.seen++
		return 0, nil
	}
	r.seen = 0
	p[0] = r.s[0]
	r.s = r.s[1:]
	return 1, nil
}

func TestReadRequestToleratesEmptyReads(t *testing.T) {
	t.Parallel()
	r := wireRequest("")
	r.Body = io.NopCloser(&wireStutteringReader{s: wireTypicalBody, empty: 99})
	r.ContentLength = int64(len(wireTypicalBody))
	got, err := wireReadStart(r)
	require.NoError(t, err)
	assert.Equal(t, "pump-station_7", got.DatasetName)
}
