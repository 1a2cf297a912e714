package ingest

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// genSource is one generated CSV file of fixed-width records (a timestamp
// every 10 seconds, 20 sensors), made up at any offset as it is read: a
// file of any size without the disk.
type genSource struct {
	key  string
	size int64
}

const (
	genSensors = 20
	genRecLen  = 19 + genSensors*9 + 1 // "yyyy-MM-dd HH:mm:ss" + ",-123.456" each + LF
)

var genHeader = func() string {
	var b strings.Builder
	b.WriteString("Timestamp")
	for k := range genSensors {
		fmt.Fprintf(&b, ",sensor_%02d", k)
	}
	return b.String() + "\n"
}()

func (g genSource) List(_ context.Context, _ string, fn func(Object) error) error {
	return fn(Object{Key: g.key, Size: g.size})
}

func (g genSource) Open(ctx context.Context, _ string, off, n int64) (io.ReadCloser, error) {
	end := g.size
	if n >= 0 {
		end = off + n
	}
	return &genReader{ctx: ctx, g: g, off: off, end: end}, nil
}

type genReader struct {
	ctx      context.Context
	g        genSource
	off, end int64
	rec      [genRecLen]byte
	recIdx   int64
}

// record writes record i into r.rec.
func (r *genReader) record(i int64) {
	b := appendStamp(r.rec[:0], 1577836800+10*i)
	x := uint64(i)*0x9E3779B97F4A7C15 + 1
	for range genSensors {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		v := int64(x>>40) % 1000000
		sign := byte('-')
		if x%2 == 0 {
			sign = '0'
		}
		b = append(b, ',', sign)
		s := strconv.FormatInt(1000000+v, 10) // 7 digits, the first "1"
		b = append(b, s[1:4]...)
		b = append(b, '.')
		b = append(b, s[4:7]...)
	}
	if len(b) != genRecLen-1 {
		panic("generated record of the wrong width")
	}
	r.rec[genRecLen-1] = '\n'
	r.recIdx = i
}

func (r *genReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	if r.off >= r.end {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), r.end-r.off))
	h := int64(len(genHeader))
	r.recIdx = -1
	for i := 0; i < n; {
		at := r.off + int64(i)
		if at < h {
			i += copy(p[i:n], genHeader[at:])
			continue
		}
		k, o := (at-h)/genRecLen, (at-h)%genRecLen
		if k != r.recIdx {
			r.record(k)
		}
		i += copy(p[i:n], r.rec[o:])
	}
	r.off += int64(n)
	return n, nil
}

func (r *genReader) Close() error { return nil }

// TestPeakMemory reports the check's peak heap and the process's peak
// resident memory on a generated file of LOOKOUT_PEAK_MB MiB (20 sensors,
// about 200 bytes a record). Run it once per size, as the README shows.
func TestPeakMemory(t *testing.T) {
	mb, err := strconv.ParseInt(os.Getenv("LOOKOUT_PEAK_MB"), 10, 64)
	if err != nil {
		t.Skip("set LOOKOUT_PEAK_MB to a size in MiB to run")
	}
	size := mb << 20
	size -= (size - int64(len(genHeader))) % genRecLen
	src := genSource{key: "data/pump/a.csv", size: size}
	var res *Result
	start := time.Now()
	peak, live := peakMemory(func() {
		res, err = Check(context.Background(), request(ptr("data/"), nil), nil, src)
	})
	wall := time.Since(start)
	require.NoError(t, err)
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	records := (size - int64(len(genHeader))) / genRecLen
	// One record every 10 seconds, every value valid.
	require.Equal(t, records, (res.DataEndTime.Unix()-res.DataStartTime.Unix())/10+1)
	for _, s := range res.SensorStatisticsSummaries {
		require.Zero(t, *s.MissingValues.Count+*s.InvalidValues.Count+*s.DuplicateTimestamps.Count)
	}
	status, _ := os.ReadFile("/proc/self/status")
	hwm := ""
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			hwm = strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	t.Logf("%d MiB, %d records: peak live heap %.1f MiB (%.1f bytes a record), peak heap %.1f MiB, peak RSS %s, %.1fs",
		mb, records, float64(live)/(1<<20), float64(live)/float64(records), float64(peak)/(1<<20), hwm, wall.Seconds())
}
