package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
)

// FileRecords is what one CSV file holds for a reader of its values (the
// stand-in's copy of a dataset's data, an inference run): its header and,
// for each data record with a supported timestamp, that time and the value
// of every sensor column.
type FileRecords struct {
	// Header is the file's first record, its names as read; Header[0] is
	// the timestamp column's.
	Header []string
	// Times holds the supported timestamps, in file order, in seconds since
	// the Unix epoch, read as UTC (ParseTimestamp): the same as
	// FileTimes.Times.
	Times []int64
	// Values holds one column per sensor: Values[j][i] is the value of
	// column j+1 (Header[j+1]) in the record read at Times[i]; NaN where the
	// cell is missing, invalid (Classify) or absent (a short record). Cells
	// past the header's columns (a ragged record) are not read.
	Values [][]float64
	// Records counts the data records; Unsupported those dropped for a
	// timestamp of no supported format; Ragged those with more fields than
	// the header.
	Records, Unsupported, Ragged int64
	// Samples are the first 5 records dropped for their timestamp, in
	// file order.
	Samples []TimestampSample
}

// ChangedError is ReadRecords' reason for an object whose records differ
// between its two reads (it was replaced while read): the Err of a
// *Discard of ReasonUnreadable.
type ChangedError struct{ Key string }

// Error says what happened.
func (e *ChangedError) Error() string {
	return fmt.Sprintf("ingest: %s changed while it was read", e.Key)
}

// ReadRecords reads the object obj of src as ReadTimes does, with the same
// errors for a file the job would discard or fail on, and returns its
// records' values as well.
//
// It reads the object twice: once by ReadTimes (the rules of sections 2 and
// 3 of the package documentation, exactly as a job applies them), then a
// second time for the values, by a plain reader that needs no error
// handling of its own since the first read found none. When the second read
// fails, or finds other times than the first (the object was replaced in
// between), the error is a *Discard of ReasonUnreadable (its Err a
// *ChangedError in the second case). Memory: 8 bytes per cell of the
// header's columns for each supported record, plus the longest record.
func ReadRecords(ctx context.Context, src Source, obj Object) (*FileRecords, error) {
	ft, err := ReadTimes(ctx, src, obj)
	if err != nil {
		return nil, err
	}
	out := &FileRecords{
		Header: ft.Header, Times: ft.Times,
		Records: ft.Records, Unsupported: ft.Unsupported, Ragged: ft.Ragged, Samples: ft.Samples,
		Values: make([][]float64, max(len(ft.Header)-1, 0)),
	}
	for j := range out.Values {
		out.Values[j] = make([]float64, 0, len(ft.Times))
	}
	rr := newRangeReader(ctx, src, obj.Key, obj.Size, 0, obj.Size)
	defer rr.Close()
	rd := recordReader{br: bufio.NewReaderSize(rr, bufFor(obj.Size, 64<<10))}
	n := 0
	for first := true; ; first = false {
		fields, err := rd.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, &Discard{Key: obj.Key, Reason: ReasonUnreadable, Err: err}
		}
		if first {
			continue // the header, as ReadTimes read it
		}
		t, ok := ParseTimestamp(trim(fields[0]))
		if !ok {
			continue
		}
		if n >= len(ft.Times) || ft.Times[n] != t {
			return nil, &Discard{Key: obj.Key, Reason: ReasonUnreadable, Err: &ChangedError{Key: obj.Key}}
		}
		n++
		for j := range out.Values {
			v := math.NaN()
			if j+1 < len(fields) {
				if cell := trim(fields[j+1]); Classify(cell) == Valid {
					v = validValue(cell)
				}
			}
			out.Values[j] = append(out.Values[j], v)
		}
	}
	if n != len(ft.Times) {
		return nil, &Discard{Key: obj.Key, Reason: ReasonUnreadable, Err: &ChangedError{Key: obj.Key}}
	}
	return out, nil
}

// recordReader splits a CSV file into records by section 2's rules: records
// end at LF or CR LF outside quotes, empty records are skipped, a field in
// quotes has "" for a quote. It expects a file ReadTimes accepted; should
// it meet a quote it cannot read (the file changed), it reports an error.
type recordReader struct {
	br     *bufio.Reader
	rec    []byte   // the record's text
	fields [][]byte // its fields (into rec or unq)
	unq    []byte   // unquoted fields' text
	bom    bool     // the BOM was looked for
}

var errBadQuote = errors.New("ingest: a quote that section 2 does not allow")

// next returns the next record's fields, valid until the next call, or
// io.EOF after the last.
func (r *recordReader) next() ([][]byte, error) {
	for {
		r.rec = r.rec[:0]
		quotes := 0
		for {
			line, err := r.br.ReadSlice('\n')
			if !r.bom {
				r.bom = true
				line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
			}
			r.rec = append(r.rec, line...)
			quotes += bytes.Count(line, []byte{'"'})
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				if len(r.rec) == 0 {
					return nil, io.EOF
				}
				break
			}
			if err != nil {
				return nil, err
			}
			if quotes%2 == 0 {
				break
			}
		}
		rec := r.rec
		switch {
		case bytes.HasSuffix(rec, []byte("\r\n")):
			rec = rec[:len(rec)-2]
		case bytes.HasSuffix(rec, []byte("\n")):
			rec = rec[:len(rec)-1]
		}
		if len(rec) == 0 {
			continue // an empty line
		}
		return r.split(rec)
	}
}

// split cuts a record into its fields.
func (r *recordReader) split(rec []byte) ([][]byte, error) {
	r.fields, r.unq = r.fields[:0], r.unq[:0]
	i := 0
	for {
		if i < len(rec) && rec[i] == '"' {
			i++
			start := len(r.unq)
			for {
				k := bytes.IndexByte(rec[i:], '"')
				if k < 0 {
					return nil, errBadQuote
				}
				r.unq = append(r.unq, rec[i:i+k]...)
				i += k + 1
				if i < len(rec) && rec[i] == '"' {
					r.unq = append(r.unq, '"')
					i++
					continue
				}
				break
			}
			// A field cut from unq before it grew keeps the old array,
			// which nothing writes again until the next record.
			r.fields = append(r.fields, r.unq[start:len(r.unq):len(r.unq)])
			if i == len(rec) {
				break
			}
			if rec[i] != ',' {
				return nil, errBadQuote
			}
			i++
			continue
		}
		k := bytes.IndexByte(rec[i:], ',')
		if k < 0 {
			r.fields = append(r.fields, rec[i:])
			break
		}
		r.fields = append(r.fields, rec[i:i+k])
		i += k + 1
	}
	return r.fields, nil
}
