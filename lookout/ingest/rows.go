package ingest

import (
	"context"
	"math"
	"slices"
)

// FileTimes is what one CSV file holds for a reader of its records' times
// (an inference run): its header and the supported timestamps of its data
// records, read by the rules of sections 2 and 3 of the package
// documentation.
type FileTimes struct {
	// Header is the file's first record, its names as read.
	Header []string
	// Records counts the data records, whatever their timestamp.
	Records int64
	// Unsupported counts the data records whose timestamp is none of the
	// TimestampFormats (dropped); Samples are the first 5 of them, in
	// file order.
	Unsupported int64
	Samples     []TimestampSample
	// Ragged counts the data records with more fields than the header.
	Ragged int64
	// Times holds the supported timestamps, in file order, in seconds since
	// the Unix epoch, read as UTC (ParseTimestamp).
	Times []int64
}

// ReadTimes reads the object obj of src whole, as a job reads a matched CSV
// file without a schema (section 2, rule 4 not applied), and returns its
// header and the times of its records.
//
// A file the job would discard (rules 1, 3 and 5) is a *Discard; a header
// name that is not a valid SensorName (rule 2) is a *Failure of kind
// FailInvalidHeader, and a header of more than MaxSensors sensors one of
// kind FailTooManySensors, both naming obj.Key (their Bucket is ""); a read
// that fails (section 5) is a *Failure of kind FailRead. When
// ctx is done first, the error is ctx's.
func ReadTimes(ctx context.Context, src Source, obj Object) (*FileTimes, error) {
	rr := newRangeReader(ctx, src, obj.Key, obj.Size, 0, obj.Size)
	defer rr.Close()
	p := parser{r: rr, withHeader: true, limit: math.MaxInt64, stop: func() bool { return ctx.Err() != nil },
		buf: make([]byte, bufFor(obj.Size, minBuf))}
	pt := p.run()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f := &fileState{key: obj.Key, size: obj.Size, samples: pt.samples, unsupported: pt.unsupported}
	f.fig.minT, f.fig.maxT = math.MaxInt64, math.MinInt64
	f.fig.add(&pt)
	f.hdr = pt.hdr
	if pt.err != nil {
		f.finishErr(pt.err)
		if f.readErr != nil { // the job fails on it (f.hdr may be nil)
			return nil, &Failure{Kind: FailRead, Key: obj.Key, Err: f.readErr}
		}
	}
	var ts [][]int64
	if pt.err == nil {
		for _, r := range f.fig.ts {
			ts = append(ts, r.chunks()...)
		}
	}
	f.decide(nil)
	switch {
	case f.discard != nil:
		return nil, f.discard
	case f.badName:
		return nil, &Failure{Kind: FailInvalidHeader, Key: obj.Key, Column: f.hdr.badCol, Name: f.hdr.badName}
	case f.wide:
		return nil, &Failure{Kind: FailTooManySensors, Key: obj.Key, Count: int64(f.hdr.count - 1)}
	}
	return &FileTimes{
		Header:      f.hdr.names,
		Records:     pt.dataRecords,
		Unsupported: pt.unsupported,
		Samples:     pt.samples,
		Ragged:      pt.ragged,
		Times:       slices.Concat(ts...),
	}, nil
}

// bufFor is the size of a buffer reading a file of size bytes whole: the
// file and a byte (the read that finds its end), at least 4 KiB and at
// most limit; a small file (an inference run's input of a few minutes)
// does not cost a full buffer.
func bufFor(size int64, limit int) int {
	return int(min(max(size+1, 4<<10), int64(limit)))
}
