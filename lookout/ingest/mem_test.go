package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
)

// memSource is a Source over objects in memory.
type memSource map[string][]byte

func (m memSource) List(ctx context.Context, prefix string, fn func(Object) error) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(Object{Key: k, Size: int64(len(m[k]))}); err != nil {
			return err
		}
	}
	return nil
}

func (m memSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	b, ok := m[key]
	if !ok {
		return nil, fmt.Errorf("no object %q", key)
	}
	if off < 0 || off > int64(len(b)) {
		return nil, io.ErrUnexpectedEOF
	}
	if n < 0 {
		n = int64(len(b)) - off
	}
	if off+n > int64(len(b)) {
		return nil, io.ErrUnexpectedEOF
	}
	return io.NopCloser(bytes.NewReader(b[off : off+n])), nil
}

// genCSV writes a file of about size bytes: a timestamp every 10 seconds
// from 2020-01-01 and the given number of sensors, mostly valid numbers,
// a few missing and invalid values.
func genCSV(w io.Writer, size int64, sensors int) int64 {
	var b []byte
	b = append(b, "Timestamp"...)
	for k := range sensors {
		b = fmt.Appendf(b, ",sensor_%02d", k)
	}
	b = append(b, '\n')
	var n int64
	x := uint64(0x9E3779B97F4A7C15)
	t := int64(1577836800)
	for n < size {
		b = appendStamp(b, t)
		t += 10
		for range sensors {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			b = append(b, ',')
			switch x % 100 {
			case 0:
			case 1:
				b = append(b, "NaN"...)
			case 2:
				b = append(b, "err"...)
			default:
				v := int64(x>>40) % 200000
				b = fmt.Appendf(b, "%d.%03d", v/1000-100, v%1000)
			}
		}
		b = append(b, '\n')
		if len(b) > 1<<20 {
			w.Write(b)
			n += int64(len(b))
			b = b[:0]
		}
	}
	w.Write(b)
	return n + int64(len(b))
}

func appendStamp(b []byte, t int64) []byte {
	d := t / 86400
	s := t % 86400
	// civil from days (H. Hinnant)
	z := d + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return fmt.Appendf(b, "%04d-%02d-%02d %02d:%02d:%02d", y, m, dd, s/3600, s/60%60, s%60)
}
