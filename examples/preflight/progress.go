package main

import (
	"io"
	"strconv"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// defaultProgressDelay is how long a check runs before its progress shows:
// a quick check shows none.
const defaultProgressDelay = 500 * time.Millisecond

// progressLine draws a check's progress on one line of a terminal, redrawn
// in place ("\r", then the line, then erase to its end):
//
//	checking the data: 12.5 MB of 50.0 MB (25%), 3 of 10 files, 4.2 MB/s, 9s left
//
// (label, "checking the data" unless set, begins it).
// Nothing is drawn before delay has passed since it was made; finish
// erases the line, if one was drawn. Its methods are called from one
// goroutine at a time (ingest.WithProgress calls from one).
type progressLine struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	delay time.Duration
	shown bool
	buf   []byte
	label string // the line's first words; "" means "checking the data"
}

func newProgressLine(w io.Writer, now func() time.Time, delay time.Duration) *progressLine {
	if now == nil {
		now = time.Now
	}
	return &progressLine{w: w, now: now, start: now(), delay: delay}
}

// update redraws the line with p.
func (l *progressLine) update(p ingest.Progress) {
	elapsed := l.now().Sub(l.start)
	if elapsed < l.delay {
		return
	}
	l.buf = append(l.buf[:0], '\r')
	l.buf = appendProgress(l.buf, l.label, p, elapsed)
	l.buf = append(l.buf, "\x1b[K"...)
	_, _ = l.w.Write(l.buf)
	l.shown = true
}

// finish erases the line, if one was drawn.
func (l *progressLine) finish() {
	if l.shown {
		_, _ = io.WriteString(l.w, "\r\x1b[K")
		l.shown = false
	}
}

// maxLeft bounds the time left shown, so that it stays a time.Duration.
const maxLeft = 100_000 * 24 * time.Hour

// appendProgress appends the text of p after label ("checking the data"
// when ""), after elapsed since the check began: bytes and files done, the
// rate, and the time left at that rate (both left out until a byte is
// read).
func appendProgress(b []byte, label string, p ingest.Progress, elapsed time.Duration) []byte {
	if label == "" {
		label = "checking the data"
	}
	b = append(b, label...)
	b = append(b, ": "...)
	b = appendBytes(b, float64(p.BytesDone))
	b = append(b, " of "...)
	b = appendBytes(b, float64(p.BytesTotal))
	if p.BytesTotal > 0 {
		b = append(b, " ("...)
		b = strconv.AppendInt(b, int64(float64(p.BytesDone)/float64(p.BytesTotal)*100), 10)
		b = append(b, "%)"...)
	}
	b = append(b, ", "...)
	b = strconv.AppendInt(b, int64(p.FilesDone), 10)
	b = append(b, " of "...)
	b = strconv.AppendInt(b, int64(p.FilesTotal), 10)
	b = append(b, " files"...)
	if p.BytesDone <= 0 || elapsed <= 0 {
		return b
	}
	rate := float64(p.BytesDone) / elapsed.Seconds()
	b = append(b, ", "...)
	b = appendBytes(b, rate)
	b = append(b, "/s"...)
	if left := p.BytesTotal - p.BytesDone; left > 0 {
		b = append(b, ", "...)
		secs := min(float64(left)/rate, maxLeft.Seconds())
		b = appendDuration(b, time.Duration(secs*float64(time.Second)))
		b = append(b, " left"...)
	}
	return b
}

// appendBytes appends n bytes, in bytes, kB, MB, GB or TB (powers of 1000), with
// one decimal above bytes.
func appendBytes(b []byte, n float64) []byte {
	if n < 1000 {
		b = strconv.AppendInt(b, int64(n), 10)
		return append(b, " B"...)
	}
	units := [...]string{" kB", " MB", " GB", " TB", " PB"}
	v := n / 1000
	u := 0
	for v >= 999.95 && u < len(units)-1 {
		v /= 1000
		u++
	}
	b = strconv.AppendFloat(b, v, 'f', 1, 64)
	return append(b, units[u]...)
}

// appendDuration appends d rounded up to the second: "9s", "1m05s",
// "2h03m" (below 100 hours), then in days ("5d").
func appendDuration(b []byte, d time.Duration) []byte {
	s := int64(d / time.Second)
	if d%time.Second > 0 {
		s++
	}
	two := func(b []byte, v int64) []byte {
		if v < 10 {
			b = append(b, '0')
		}
		return strconv.AppendInt(b, v, 10)
	}
	switch {
	case s < 60:
		b = strconv.AppendInt(b, s, 10)
		return append(b, 's')
	case s < 3600:
		b = strconv.AppendInt(b, s/60, 10)
		b = append(b, 'm')
		b = two(b, s%60)
		return append(b, 's')
	case s < 100*3600:
		b = strconv.AppendInt(b, s/3600, 10)
		b = append(b, 'h')
		b = two(b, s/60%60)
		return append(b, 'm')
	default:
		b = strconv.AppendInt(b, (s+86399)/86400, 10)
		return append(b, 'd')
	}
}
