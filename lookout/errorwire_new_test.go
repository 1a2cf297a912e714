package lookout_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// ewBrokenReader breaks io.Reader's contract once its good bytes are read:
// it returns n and a nil error at each read, n past the buffer for
// ewOver. So that a test of a reader that spins fails instead of hanging,
// it gives up with errEWSpun after ewSpinLimit reads.
type ewBrokenReader struct {
	good  []byte
	n     int
	calls int
}

const (
	ewOver      = 1 << 30
	ewSpinLimit = 1 << 20
)

var errEWSpun = errors.New("the reader was read a million times")

func (r *ewBrokenReader) Read(p []byte) (int, error) {
	r.calls++
	if r.calls > ewSpinLimit {
		return 0, errEWSpun
	}
	if len(r.good) > 0 {
		k := copy(p, r.good)
		r.good = r.good[k:]
		return k, nil
	}
	if r.n == ewOver {
		return len(p) + 1, nil
	}
	return r.n, nil
}

// ewGzip is s compressed with gzip.
func ewGzip(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, err := zw.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.Bytes()
}

// TestErrorFromResponseRefusesABrokenReader: a body whose reader returns a
// count out of range gets an error wrapping lookout.ErrInvalidRead, and one
// that returns no bytes and no error for ever an error wrapping
// io.ErrNoProgress after 100 reads in a row, as ReadRequest does: not a
// panic, not a spin. The error still carries what the header says.
func TestErrorFromResponseRefusesABrokenReader(t *testing.T) {
	t.Parallel()
	const body = `{"__type":"com.amazonaws.lookoutequipment#ThrottlingException","message":"slow down"}`
	tests := []struct {
		name   string
		good   string
		n      int
		gzip   bool
		want   error
		calls  int // the reads made; 0 for no check
		header string
	}{
		{name: "count over the buffer", n: ewOver, want: lookout.ErrInvalidRead, calls: 1},
		{name: "count over the buffer, after bytes", good: body[:20], n: ewOver, want: lookout.ErrInvalidRead},
		{name: "negative count", n: -1, want: lookout.ErrInvalidRead, calls: 1},
		{name: "negative count, after bytes", good: body[:20], n: -7, want: lookout.ErrInvalidRead},
		{name: "no bytes, no error, for ever", n: 0, want: io.ErrNoProgress, calls: 100},
		{name: "no progress after bytes", good: body[:20], n: 0, want: io.ErrNoProgress},
		{name: "gzip, count over the buffer", gzip: true, n: ewOver, want: lookout.ErrInvalidRead, calls: 1},
		{name: "gzip, negative count", gzip: true, n: -1, want: lookout.ErrInvalidRead, calls: 1},
		{name: "gzip, no bytes, no error, for ever", gzip: true, n: 0, want: io.ErrNoProgress, calls: 100},
		{name: "gzip, no progress after the header", gzip: true, good: body[:20], n: 0, want: io.ErrNoProgress},
		{name: "gzip, count over the buffer after the header", gzip: true, good: body[:20], n: ewOver,
			want: lookout.ErrInvalidRead},
		{name: "the header's name is kept", n: ewOver, want: lookout.ErrInvalidRead, header: "ThrottlingException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := &ewBrokenReader{good: []byte(tt.good), n: tt.n}
			resp := &http.Response{StatusCode: 400, Header: http.Header{}, Body: io.NopCloser(r)}
			if tt.gzip {
				resp.Header.Set("Content-Encoding", "gzip")
				if tt.good != "" {
					r.good = ewGzip(t, body)[:20] // past gzip's 10-byte header
				}
			}
			if tt.header != "" {
				resp.Header.Set("X-Amzn-ErrorType", tt.header)
			}
			var err error
			require.NotPanics(t, func() { err = lookout.ErrorFromResponse(resp) })
			require.Error(t, err)
			require.ErrorIs(t, err, tt.want)
			assert.NotErrorIs(t, err, errEWSpun)
			assert.NotEmpty(t, lookout.ErrorCode(err))
			if tt.calls != 0 {
				assert.Equal(t, tt.calls, r.calls)
			}
			if tt.header != "" {
				var te *lookout.ThrottlingException
				assert.ErrorAs(t, err, &te)
			}
		})
	}
}

// ewStutteringReader returns no bytes and no error empty times before each
// byte of s: slow, not broken.
type ewStutteringReader struct {
	s     []byte
	empty int
	seen  int
}

func (r *ewStutteringReader) Read(p []byte) (int, error) {
	if len(r.s) == 0 {
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

// TestErrorFromResponseToleratesEmptyReads: 99 empty reads in a row before
// each byte are slow, not broken: the error is read whole, plain or
// compressed.
func TestErrorFromResponseToleratesEmptyReads(t *testing.T) {
	t.Parallel()
	const body = `{"__type":"com.amazonaws.lookoutequipment#ThrottlingException","message":"slow down"}`
	for _, gz := range []bool{false, true} {
		data := []byte(body)
		h := http.Header{}
		if gz {
			data = ewGzip(t, body)
			h.Set("Content-Encoding", "gzip")
		}
		resp := &http.Response{StatusCode: 400, Header: h,
			Body: io.NopCloser(&ewStutteringReader{s: data, empty: 99})}
		err := lookout.ErrorFromResponse(resp)
		var te *lookout.ThrottlingException
		require.ErrorAs(t, err, &te, "gzip %v: %v", gz, err)
		assert.Equal(t, "slow down", te.Message)
		assert.NotErrorIs(t, err, io.ErrNoProgress)
	}
}
