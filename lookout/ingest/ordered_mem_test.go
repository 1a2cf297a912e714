package ingest

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// shortSource is one generated CSV file of 15-byte records in time order,
// "yyyyMMddHHmm,d" and LF, a record a minute from 2000-01-01 and one sensor
// whose value is a digit: a file of any size made up as it is read, without
// the disk.
type shortSource struct {
	key  string
	size int64 // the header's bytes and whole records
}

const (
	shortHeader = "Timestamp,a\n"
	shortRecLen = 15
	shortStart  = 946684800 // 2000-01-01 00:00:00 UTC
)

// shortSize is the size of the file of shortSource with about n bytes.
func shortSize(n int64) int64 {
	return n - (n-int64(len(shortHeader)))%shortRecLen
}

func (s shortSource) List(_ context.Context, _ string, fn func(Object) error) error {
	return fn(Object{Key: s.key, Size: s.size})
}

func (s shortSource) Open(ctx context.Context, _ string, off, n int64) (io.ReadCloser, error) {
	end := s.size
	if n >= 0 {
		end = off + n
	}
	return &shortReader{ctx: ctx, off: off, end: end, idx: -1}, nil
}

// shortReader reads shortSource's bytes [off, end).
type shortReader struct {
	ctx      context.Context
	off, end int64
	rec      [shortRecLen]byte
	stamp    []byte // yyyy-MM-dd HH:mm:ss of the record in rec
	idx      int64  // the record in rec, -1 for none
}

// record writes record i into r.rec: minute i after shortStart, value i
// mod 7.
func (r *shortReader) record(i int64) {
	r.stamp = appendStamp(r.stamp[:0], shortStart+60*i)
	b := r.stamp
	copy(r.rec[0:4], b[0:4])
	copy(r.rec[4:6], b[5:7])
	copy(r.rec[6:8], b[8:10])
	copy(r.rec[8:10], b[11:13])
	copy(r.rec[10:12], b[14:16])
	r.rec[12], r.rec[13], r.rec[14] = ',', byte('0'+i%7), '\n'
	r.idx = i
}

func (r *shortReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	if r.off >= r.end {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), r.end-r.off))
	h := int64(len(shortHeader))
	for i := 0; i < n; {
		at := r.off + int64(i)
		if at < h {
			i += copy(p[i:n], shortHeader[at:])
			continue
		}
		k, o := (at-h)/shortRecLen, (at-h)%shortRecLen
		if k != r.idx {
			r.record(k)
		}
		i += copy(p[i:n], r.rec[o:])
	}
	r.off += int64(n)
	return n, nil
}

func (r *shortReader) Close() error { return nil }

// TestShortSourceRecords: the generated records are what they say, read
// as the check reads them.
func TestShortSourceRecords(t *testing.T) {
	t.Parallel()
	src := shortSource{key: "k", size: shortSize(int64(len(shortHeader)) + 3*shortRecLen + 7)}
	rc, err := src.Open(context.Background(), "k", 0, -1)
	require.NoError(t, err)
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	require.Equal(t, shortHeader+"200001010000,0\n200001010001,1\n200001010002,2\n", string(b))
	rc, err = src.Open(context.Background(), "k", int64(len(shortHeader))+17, 5)
	require.NoError(t, err)
	b, err = io.ReadAll(rc)
	require.NoError(t, err)
	require.Equal(t, "00010", string(b)) // "200001010001,1" from its third byte
}

// checkOrdered checks a shortSource file of about size bytes and returns
// its records, the check's peak heap (objects) and the peak live heap
// above what was in use before.
func checkOrdered(t *testing.T, size int64) (records int64, peak, live uint64) {
	size = shortSize(size)
	src := shortSource{key: "data/pump/a.csv", size: size}
	var res *Result
	var err error
	peak, live = peakMemory(func() {
		res, err = Check(context.Background(), request(ptr("data/"), nil), nil, src)
	})
	require.NoError(t, err)
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	records = (size - int64(len(shortHeader))) / shortRecLen
	require.Equal(t, records, (res.DataEndTime.Unix()-res.DataStartTime.Unix())/60+1)
	require.Zero(t, *res.DataQualitySummary.DuplicateTimestamps.TotalNumberOfDuplicateTimestamps)
	require.Len(t, res.SensorStatisticsSummaries, 1)
	s := res.SensorStatisticsSummaries[0]
	require.True(t, *s.DataExists)
	require.Zero(t, *s.MissingValues.Count+*s.InvalidValues.Count+*s.DuplicateTimestamps.Count)
	require.Equal(t, int32(7), *s.CategoricalValues.NumberOfCategory)
	require.Zero(t, *s.LargeTimestampGaps.NumberOfLargeTimestampGaps)
	return records, peak, live
}

// TestOrderedMemoryFlat: a file of 64 MiB of 15-byte records in time order
// (4.5 million records) is checked with much less memory than the 8 bytes
// a record that data out of order takes (36 MiB here): the timestamps are
// runs of one step.
func TestOrderedMemoryFlat(t *testing.T) {
	records, peak, _ := checkOrdered(t, 64<<20)
	t.Logf("%d records: peak heap %.1f MiB", records, float64(peak)/(1<<20))
	require.Less(t, peak, uint64(records)*8/4, "the peak heap is a quarter of 8 bytes a record or more")
	require.Less(t, peak, uint64(24<<20))
}

// TestOrderedMemoryBig checks a 2 GiB file of 15-byte records in time
// order (143 million records, generated as it is read) and requires its
// peak heap and the process's peak resident memory under 64 MiB: set
// LOOKOUT_BIG_MEM=1 to run it (about a minute on 2 cores), alone:
//
//	LOOKOUT_BIG_MEM=1 go test -run '^TestOrderedMemoryBig$' -v ./lookout/ingest
func TestOrderedMemoryBig(t *testing.T) {
	if os.Getenv("LOOKOUT_BIG_MEM") == "" {
		t.Skip("set LOOKOUT_BIG_MEM=1 to run")
	}
	start := time.Now()
	records, peak, live := checkOrdered(t, 2<<30)
	wall := time.Since(start)
	hwm := vmHWM(t)
	t.Logf("2 GiB, %d records: peak heap %.1f MiB, peak live heap %.1f MiB, peak RSS %d MiB, %.1fs (%.0f MB/s)",
		records, float64(peak)/(1<<20), float64(live)/(1<<20), hwm>>20, wall.Seconds(), float64(2<<30)/wall.Seconds()/1e6)
	require.Less(t, peak, uint64(64<<20))
	require.Less(t, hwm, int64(64<<20))
}

// vmHWM returns the process's peak resident memory, in bytes.
func vmHWM(t *testing.T) int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for l := range strings.SplitSeq(string(status), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int64
			for _, c := range strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")) {
				kb = kb*10 + int64(c-'0')
			}
			return kb << 10
		}
	}
	t.Skip("no VmHWM")
	return 0
}
