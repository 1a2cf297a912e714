package ingest

import (
	"context"
	"errors"
	"io"
)

// slack is how far past its limit a part's first request reaches (the
// record that straddles the limit); window is the size of the requests
// after it, which double.
const (
	slack  = 64 << 10
	window = 1 << 20
)

// rangeReader reads a file from off to its end through ranged opens of a
// Source: first [off, first), then windows that double, and the last one
// open-ended so that a file that grew is seen. It checks that the file
// ends at its listed size (a [SizeError] otherwise). A part that stops
// early closes it before the end, having asked for little more than it read.
type rangeReader struct {
	ctx   context.Context
	src   Source
	key   string
	size  int64 // as listed
	off   int64 // the next byte's offset
	first int64 // the end of the first request
	win   int64
	rc    io.ReadCloser
	left  int64 // bytes left in rc's range, or -1 when open-ended
}

func newRangeReader(ctx context.Context, src Source, key string, size, off, first int64) *rangeReader {
	return &rangeReader{ctx: ctx, src: src, key: key, size: size, off: off, first: first, win: window}
}

func (r *rangeReader) Read(p []byte) (int, error) {
	for {
		if r.rc == nil {
			end := r.first
			if end <= r.off {
				end = r.off + r.win
				r.win *= 2
			}
			n := end - r.off
			if end >= r.size {
				n = -1
			}
			rc, err := r.src.Open(r.ctx, r.key, r.off, n)
			if err != nil {
				if errors.Is(err, io.ErrUnexpectedEOF) {
					return 0, &SizeError{Listed: r.size, Read: r.off, Err: err}
				}
				return 0, err
			}
			r.rc, r.left = rc, n
		}
		if r.left > 0 && int64(len(p)) > r.left {
			p = p[:r.left]
		}
		m, err := r.rc.Read(p)
		r.off += int64(m)
		if r.left > 0 {
			r.left -= int64(m)
		}
		if r.left < 0 && r.off > r.size {
			return m, &SizeError{Listed: r.size, Read: r.off}
		}
		switch {
		case err == io.EOF && r.left < 0:
			if r.off != r.size {
				return m, &SizeError{Listed: r.size, Read: r.off}
			}
			return m, io.EOF
		case err == io.EOF || err == nil && r.left == 0:
			if r.left != 0 {
				return m, &SizeError{Listed: r.size, Read: r.off}
			}
			r.rc.Close()
			r.rc = nil
			if m > 0 {
				return m, nil
			}
			continue
		case err != nil:
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return m, &SizeError{Listed: r.size, Read: r.off, Err: err}
			}
			return m, err
		}
		return m, nil
	}
}

// Close closes the open range, if any.
func (r *rangeReader) Close() error {
	if r.rc == nil {
		return nil
	}
	err := r.rc.Close()
	r.rc = nil
	return err
}
