package s3source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// reader reads the bytes [off, end) of one object through one GET at a time,
// re-issuing the GET from pos when a body breaks off.
type reader struct {
	ctx     context.Context
	s       *Source
	key     string
	off     int64  // first byte asked for
	pos     int64  // offset of the next byte to deliver
	end     int64  // offset after the last byte to deliver; -1 while unknown
	etag    string // the first answer's ETag, "" when it had none
	body    io.ReadCloser
	resumes int   // re-issued GETs left
	resumed int   // re-issued GETs sent
	err     error // sticky: returned by every Read once set

	// The stall limit: while a GET waits for its answer or a Read for
	// bytes, timer runs; when it fires, stalled is set and the GET's
	// context cancelled, which ends the wait.
	timer   *time.Timer
	cancel  context.CancelFunc
	stalled *atomic.Bool
}

// arm starts the stall timer of the current GET.
func (r *reader) arm() {
	if r.timer != nil {
		r.timer.Reset(r.s.stall)
	}
}

// disarm stops it.
func (r *reader) disarm() {
	if r.timer != nil {
		r.timer.Stop()
	}
}

// release stops the current GET's timer and context.
func (r *reader) release() {
	if r.timer != nil {
		r.timer.Stop()
		r.timer = nil
	}
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
}

// stallError is the error of a read that waited for a byte past the limit.
func (r *reader) stallError() error {
	return &Error{Op: opGet, Bucket: r.s.bucket, Key: r.key, Kind: ErrStalled,
		Err: fmt.Errorf("no byte for %v at byte %d", r.s.stall, r.pos)}
}

// get sends the GET of [pos, end) and makes its body the reader's.
func (r *reader) get() error {
	err := r.getOnce()
	if err != nil {
		r.release()
	}
	return err
}

func (r *reader) getOnce() error {
	in := &s3.GetObjectInput{Bucket: aws.String(r.s.bucket), Key: aws.String(r.key)}
	ranged := true
	switch {
	case r.end >= 0:
		in.Range = aws.String("bytes=" + strconv.FormatInt(r.pos, 10) + "-" + strconv.FormatInt(r.end-1, 10))
	case r.pos > 0:
		in.Range = aws.String("bytes=" + strconv.FormatInt(r.pos, 10) + "-")
	default:
		ranged = false
	}
	if r.etag != "" {
		in.IfMatch = aws.String(r.etag)
	}
	r.release()
	ctx := r.ctx
	if r.s.stall > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(r.ctx)
		stalled := new(atomic.Bool)
		r.cancel, r.stalled = cancel, stalled
		r.timer = time.AfterFunc(r.s.stall, func() { stalled.Store(true); cancel() })
	}
	out, err := r.s.client.GetObject(ctx, in, r.s.callOptions()...)
	if err != nil && r.stalled != nil && r.stalled.Load() && r.ctx.Err() == nil {
		return r.stallError()
	}
	if err != nil {
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		err = classify(opGet, r.s.bucket, r.key, err)
		if !r.s.redirected(err) {
			return err
		}
		r.arm()
		out, err = r.s.client.GetObject(ctx, in, r.s.callOptions()...)
		if err != nil && r.stalled != nil && r.stalled.Load() && r.ctx.Err() == nil {
			return r.stallError()
		}
		if err != nil {
			if cerr := r.ctx.Err(); cerr != nil {
				return cerr
			}
			return classify(opGet, r.s.bucket, r.key, err)
		}
	}
	r.disarm()
	fail := func(kind error, format string, args ...any) error {
		_ = out.Body.Close()
		return &Error{Op: opGet, Bucket: r.s.bucket, Key: r.key, Kind: kind, Err: fmt.Errorf(format, args...)}
	}
	etag := aws.ToString(out.ETag)
	if r.etag != "" && etag != r.etag {
		return fail(ErrChanged, "ETag %s, was %s", etag, r.etag)
	}
	r.etag = etag
	if ranged {
		cr := aws.ToString(out.ContentRange)
		first, total, ok := parseContentRange(cr)
		switch {
		case !ok:
			return fail(ErrOther, "answer to Range %s has Content-Range %q", aws.ToString(in.Range), cr)
		case first != r.pos:
			return fail(ErrOther, "answer to Range %s starts at byte %d", aws.ToString(in.Range), first)
		}
		if r.end < 0 && total >= 0 {
			r.end = total
		}
	} else if out.ContentLength != nil && r.end < 0 {
		r.end = *out.ContentLength
	}
	r.body = out.Body
	return nil
}

// parseContentRange reads "bytes first-last/total" (total may be "*", read
// as -1): decimal digits only, last >= first.
func parseContentRange(s string) (first, total int64, ok bool) {
	rest, ok := strings.CutPrefix(s, "bytes ")
	if !ok {
		return 0, 0, false
	}
	span, size, ok := strings.Cut(rest, "/")
	if !ok {
		return 0, 0, false
	}
	a, b, ok := strings.Cut(span, "-")
	if !ok {
		return 0, 0, false
	}
	first, ok1 := parseDigits(a)
	last, ok2 := parseDigits(b)
	if !ok1 || !ok2 || last < first {
		return 0, 0, false
	}
	if size == "*" {
		return first, -1, true
	}
	total, ok = parseDigits(size)
	if !ok {
		return 0, 0, false
	}
	return first, total, true
}

// parseDigits reads a non-empty run of ASCII digits that fits an int64.
func parseDigits(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		d := int64(c - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

// Read reads up to len(p) bytes of [pos, end).
func (r *reader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if r.end >= 0 {
		rem := r.end - r.pos
		if rem <= 0 {
			return 0, r.finish()
		}
		if int64(len(p)) > rem {
			p = p[:rem]
		}
	}
	if len(p) == 0 {
		return 0, nil
	}
	for {
		r.arm()
		n, err := r.body.Read(p)
		r.disarm()
		r.pos += int64(n)
		if err != nil && r.stalled != nil && r.stalled.Load() && r.ctx.Err() == nil {
			// No byte within the limit: not resumed.
			_ = r.body.Close()
			r.body = nil
			r.err = r.stallError()
			return n, r.err
		}
		switch {
		case err == nil:
			return n, nil
		case err == io.EOF && (r.end < 0 || r.pos == r.end):
			r.end = r.pos
			r.err = io.EOF
			return n, io.EOF
		case err == io.EOF:
			err = io.ErrUnexpectedEOF
		}
		// The body broke off before end.
		_ = r.body.Close()
		r.body = nil
		if cerr := r.ctx.Err(); cerr != nil {
			r.err = cerr
			return n, cerr
		}
		if r.resumes == 0 {
			r.err = &Error{Op: opGet, Bucket: r.s.bucket, Key: r.key, Kind: ErrTruncated, Err: r.short(err)}
			return n, r.err
		}
		r.resumes--
		r.resumed++
		if gerr := r.get(); gerr != nil {
			var e *Error
			if errors.As(gerr, &e) {
				e.Err = r.short(fmt.Errorf("%w; re-issued GET: %w", err, e.Err))
				if !errors.Is(e.Err, io.ErrUnexpectedEOF) {
					e.Err = fmt.Errorf("%w: %w", io.ErrUnexpectedEOF, e.Err)
				}
			}
			r.err = gerr
			return n, gerr
		}
		if n > 0 {
			return n, nil
		}
	}
}

// short describes a body that stopped at pos, for cause.
func (r *reader) short(cause error) error {
	end := "end"
	if r.end >= 0 {
		end = strconv.FormatInt(r.end, 10)
	}
	return fmt.Errorf("read bytes [%d, %d) of [%d, %s) with %d re-issued GETs: %w",
		r.off, r.pos, r.off, end, r.resumed, cause)
}

// finish ends a read that has delivered every byte asked for: when the body
// is the whole object, it is read to its end so that the client's checks at
// the end of a body (its checksum validation) run; a byte beyond the length
// announced is an error.
func (r *reader) finish() error {
	if r.body != nil {
		var one [1]byte
		n, err := r.body.Read(one[:])
		switch {
		case n > 0:
			err = fmt.Errorf("body longer than the %d bytes announced", r.end-r.off)
		case err == nil || err == io.EOF:
			err = nil
		}
		if err != nil {
			if cerr := r.ctx.Err(); cerr != nil {
				err = cerr
			} else {
				err = &Error{Op: opGet, Bucket: r.s.bucket, Key: r.key, Kind: ErrOther, Err: err}
			}
			r.err = err
			return err
		}
	}
	r.err = io.EOF
	return io.EOF
}

// Close releases the reader's connection. Read after Close returns
// os.ErrClosed.
func (r *reader) Close() error {
	r.err = os.ErrClosed
	defer r.release()
	if r.body == nil {
		return nil
	}
	err := r.body.Close()
	r.body = nil
	return err
}
