package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// synth is an object made up as it is read: head, then body repeated, then
// tail, size bytes in all. listed is the size its listing gives (size when
// 0).
type synth struct {
	head, body, tail string
	size, listed     int64
}

func (o synth) at(i int64) byte {
	switch {
	case i < int64(len(o.head)):
		return o.head[i]
	case i >= o.size-int64(len(o.tail)):
		return o.tail[i-(o.size-int64(len(o.tail)))]
	}
	return o.body[(i-int64(len(o.head)))%int64(len(o.body))]
}

// synthSource is a Source of made-up objects: gigabytes without the disk.
type synthSource map[string]synth

func (s synthSource) List(ctx context.Context, prefix string, fn func(Object) error) error {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		size := s[k].listed
		if size == 0 {
			size = s[k].size
		}
		if err := fn(Object{Key: k, Size: size}); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (s synthSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	o := s[key]
	end := o.size
	if n >= 0 {
		end = off + n
	}
	return &synthReader{ctx: ctx, o: o, off: off, end: end}, nil
}

type synthReader struct {
	ctx      context.Context
	o        synth
	off, end int64
}

func (r *synthReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	if r.off >= r.end {
		return 0, io.EOF
	}
	if r.off >= r.o.size {
		return 0, io.ErrUnexpectedEOF
	}
	n := int(min(int64(len(p)), r.end-r.off, r.o.size-r.off))
	o := r.o
	bodyEnd := o.size - int64(len(o.tail))
	for i := 0; i < n; {
		at := r.off + int64(i)
		if at >= int64(len(o.head)) && at < bodyEnd {
			// Copy the body a period at a time.
			ph := (at - int64(len(o.head))) % int64(len(o.body))
			m := copy(p[i:n], o.body[ph:])
			m = int(min(int64(m), bodyEnd-at))
			i += m
			continue
		}
		p[i] = o.at(at)
		i++
	}
	r.off += int64(n)
	return n, nil
}

func (r *synthReader) Close() error { return nil }

// bigSize is the size of the hostile table's large files: 64 MiB (8 under
// the race detector), or LOOKOUT_HOSTILE_MB (1024 shows a quote never
// closed in 1 GiB).
func bigSize() int64 {
	var mb int64 = 64
	if raceOn {
		mb = 8
	}
	if v := os.Getenv("LOOKOUT_HOSTILE_MB"); v != "" {
		fmt.Sscan(v, &mb)
	}
	return mb << 20
}

// lineSize is the size of the hostile table's long line: 100 MiB (8 under
// the race detector).
func lineSize() int64 {
	if raceOn {
		return 8 << 20
	}
	return 100 << 20
}

// TestHostile: inputs built to hurt. Each gets its verdict, and none needs
// memory in proportion to its size.
func TestHostile(t *testing.T) {
	big := bigSize()
	good := synth{head: "Timestamp,a\n2020-01-01 00:00:00,1\n", body: "x", size: 34}
	tests := []struct {
		name  string
		obj   synth
		check func(t *testing.T, res *Result)
	}{
		{"a 100 MB line: one cell of digits", synth{head: "Timestamp,a\n2020-01-01 00:00:00,1\n2020-01-02 00:00:00,", body: "1", tail: "\n", size: lineSize()},
			func(t *testing.T, res *Result) {
				s := res.SensorStatisticsSummaries[0]
				assert.Equal(t, int64(1), *s.InvalidValues.Count) // 10^(10^8): not finite
			}},
		{"a 100 MB line of zeros is a valid value", synth{head: "Timestamp,a\n2020-01-02 00:00:00,0.", body: "0", tail: "1\n", size: lineSize()},
			func(t *testing.T, res *Result) {
				assert.Equal(t, int64(0), *res.SensorStatisticsSummaries[0].InvalidValues.Count)
				assert.True(t, *res.SensorStatisticsSummaries[0].DataExists)
			}},
		{"a quote opened at byte 0 never closed", synth{head: "\"", body: "2020-01-01 00:00:00,1\n", size: big},
			func(t *testing.T, res *Result) {
				d := res.Discards[0]
				assert.Equal(t, ReasonUnclosedQuote, d.Reason)
				assert.Equal(t, int64(1), d.Line)
			}},
		{"a quote opened in the data never closed", synth{head: "Timestamp,a\n2020-01-01 00:00:00,\"", body: "2020-01-01 00:00:00,1\n", size: big},
			func(t *testing.T, res *Result) {
				assert.Equal(t, &Discard{Key: "data/pump/b.csv", Reason: ReasonUnclosedQuote, Line: 2, Column: 2}, res.Discards[0])
			}},
		{"a header of a million columns", synth{head: "Timestamp", body: ",abcdefgh", tail: "\n2020-01-01 00:00:00,1\n", size: 9 << 20},
			func(t *testing.T, res *Result) {
				assert.Equal(t, FailTooManySensors, res.Failure.Kind)
				assert.Equal(t, "data/pump/b.csv", res.Failure.Key)
			}},
		{"3,001 columns of data", synth{head: "Timestamp,a\n", body: "2020-01-01 00:00:00" + strings.Repeat(",1", 3001) + "\n", size: 1 << 20},
			func(t *testing.T, res *Result) {
				assert.Equal(t, lookout.IngestionJobStatusSuccess, res.Status)
				assert.Positive(t, res.RaggedRecords)
			}},
		{"NUL bytes in the data", synth{head: "Timestamp,a\n2020-01-01 00:00:00,1\n", body: "2020-01-02 00:00:00,\x00\x00\n", size: 1 << 20},
			func(t *testing.T, res *Result) {
				assert.Positive(t, *res.SensorStatisticsSummaries[0].InvalidValues.Count)
			}},
		{"invalid UTF-8 in the data", synth{head: "Timestamp,a\n2020-01-01 00:00:00,1\n", body: "2020-01-02\xc3\x28 00:00:00,\xff\xfe\n", size: 1 << 20},
			func(t *testing.T, res *Result) {
				assert.Positive(t, *res.DataQualitySummary.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps)
			}},
		{"a file that grew", synth{head: "Timestamp,a\n", body: "2020-01-01 00:00:00,1\n", size: 1 << 20, listed: 1<<20 - 100},
			func(t *testing.T, res *Result) {
				d := res.Discards[0]
				assert.Equal(t, ReasonUnreadable, d.Reason)
				var se *SizeError
				require.ErrorAs(t, d.Err, &se)
				assert.Equal(t, int64(1<<20-100), se.Listed)
				assert.Greater(t, se.Read, se.Listed)
			}},
		{"a file that shrank", synth{head: "Timestamp,a\n", body: "2020-01-01 00:00:00,1\n", size: 1 << 20, listed: 1<<20 + 100},
			func(t *testing.T, res *Result) {
				d := res.Discards[0]
				assert.Equal(t, ReasonUnreadable, d.Reason)
				var se *SizeError
				require.ErrorAs(t, d.Err, &se)
				assert.Equal(t, &SizeError{Listed: 1<<20 + 100, Read: 1 << 20}, se)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := synthSource{"data/pump/a.csv": good, "data/pump/b.csv": tt.obj}
			for _, o := range []Option{WithConcurrency(1), WithPartSize(256 << 10)} {
				var res *Result
				var err error
				peak := peakHeap(func() {
					res, err = Check(context.Background(), request(ptr("data/"), nil), nil, src, o, WithConcurrency(2))
				})
				require.NoError(t, err)
				tt.check(t, res)
				t.Logf("peak heap %.1f MiB", float64(peak)/(1<<20))
				// Not in proportion to the file: a few buffers.
				assert.Less(t, peak, uint64(32<<20), "peak heap %d bytes", peak)
			}
		})
	}
}

// peakHeap runs fn and returns the most heap its objects took meanwhile,
// above what they took before, sampled every millisecond (dead objects
// not yet collected included).
func peakHeap(fn func()) uint64 {
	peak, _ := peakMemory(fn)
	return peak
}

// peakMemory runs fn and returns the most heap its objects took meanwhile
// (dead ones not yet collected included) and the most that was live at the
// end of a collection, above what they were before.
func peakMemory(fn func()) (heap, live uint64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	base0, base1 := sample[0].Value.Uint64(), sample[1].Value.Uint64()
	var peak0, peak1 uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak0, peak1 = max(peak0, s[0].Value.Uint64()), max(peak1, s[1].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	runtime.GC() // the live heap as fn left it
	close(done)
	wg.Wait()
	sub := func(a, b uint64) uint64 {
		if a > b {
			return a - b
		}
		return 0
	}
	return sub(peak0, base0), sub(peak1, base1)
}

// TestShrunkMidFile: a file shorter than listed, found by a bounded ranged
// request of a part, not by the last one: a SizeError that keeps the
// Source's error.
func TestShrunkMidFile(t *testing.T) {
	t.Parallel()
	data := []byte("Timestamp,a\n" + strings.Repeat("2020-01-01 00:00:00,1\n", 1<<15))
	src := listedAs{memSource: memSource{"data/pump/a.csv": data[:300<<10]}, size: int64(len(data))}
	res, err := Check(context.Background(), request(ptr("data/"), nil), nil, src, WithPartSize(256<<10), WithConcurrency(2))
	require.NoError(t, err)
	require.Len(t, res.Discards, 1)
	var se *SizeError
	require.ErrorAs(t, res.Discards[0].Err, &se)
	assert.Equal(t, int64(len(data)), se.Listed)
	assert.ErrorIs(t, se, io.ErrUnexpectedEOF)
}

// listedAs lists its one object with a size of its own.
type listedAs struct {
	memSource
	size int64
}

func (s listedAs) List(_ context.Context, _ string, fn func(Object) error) error {
	for k := range s.memSource {
		if err := fn(Object{Key: k, Size: s.size}); err != nil {
			return err
		}
	}
	return nil
}

// TestManyEmptyFiles: 10,000 empty files fail the job at once, unread;
// 999 of them beside a good file are each discarded.
func TestManyEmptyFiles(t *testing.T) {
	t.Parallel()
	src := memSource{}
	for i := range 10000 {
		src[fmt.Sprintf("data/pump/%05d.csv", i)] = nil
	}
	res, err := Check(context.Background(), request(ptr("data/"), nil), nil, src)
	require.NoError(t, err)
	assert.Equal(t, FailTooManyFiles, res.Failure.Kind)

	src = memSource{"data/pump/good.csv": []byte(good)}
	for i := range 999 {
		src[fmt.Sprintf("data/pump/%05d.csv", i)] = nil
	}
	res, err = Check(context.Background(), request(ptr("data/"), nil), nil, src)
	require.NoError(t, err)
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status)
	assert.Len(t, res.Discards, 999)
	assert.Equal(t, ReasonNoHeader, res.Discards[0].Reason)
}

// blockingSource lists one large object, and its reads wait for ctx.
type blockingSource struct{ listBlocks bool }

func (s blockingSource) List(ctx context.Context, prefix string, fn func(Object) error) error {
	if s.listBlocks {
		<-ctx.Done()
		return ctx.Err()
	}
	return fn(Object{Key: "data/pump/a.csv", Size: 1 << 30})
}

func (blockingSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	end := int64(1 << 30)
	if n >= 0 {
		end = off + n
	}
	return &synthReader{ctx: ctx, o: synth{head: "Timestamp,a\n", body: "2020-01-01 00:00:00,1\n", size: 1 << 30}, off: off, end: end}, nil
}

// TestCancel: cancelling the context stops the check promptly, and every
// goroutine it started ends.
func TestCancel(t *testing.T) {
	for _, src := range []Source{blockingSource{}, blockingSource{listBlocks: true}} {
		before := runtime.NumGoroutine()
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := Check(ctx, request(ptr("data/"), nil), nil, src, WithProgress(func(Progress) {}, time.Millisecond), WithPartSize(1<<20))
			done <- err
		}()
		time.Sleep(50 * time.Millisecond)
		start := time.Now()
		cancel()
		select {
		case err := <-done:
			assert.True(t, errors.Is(err, context.Canceled), "%v", err)
			assert.Less(t, time.Since(start), 2*time.Second)
		case <-time.After(10 * time.Second):
			t.Fatal("Check did not stop")
		}
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		assert.LessOrEqual(t, runtime.NumGoroutine(), before, "goroutines left behind")
	}
}

// TestProgress: reports are in order, within the totals, and the last one
// says everything is read.
func TestProgress(t *testing.T) {
	t.Parallel()
	src := synthSource{"data/pump/a.csv": {head: "Timestamp,a\n", body: "2020-01-01 00:00:00,1\n", size: 8 << 20},
		"data/pump/b.csv": {head: "Timestamp,a\n", body: "2020-01-01 00:00:00,1\n", size: 1 << 20}, "data/pump/c.txt": {body: "x", size: 10}}
	var got []Progress
	res, err := Check(context.Background(), request(ptr("data/"), nil), nil, src, WithProgress(func(p Progress) { got = append(got, p) }, time.Millisecond))
	require.NoError(t, err)
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status)
	require.NotEmpty(t, got)
	for i, p := range got {
		assert.Equal(t, int64(9<<20), p.BytesTotal)
		assert.Equal(t, 3, p.FilesTotal)
		assert.LessOrEqual(t, p.BytesDone, p.BytesTotal)
		if i > 0 {
			assert.GreaterOrEqual(t, p.BytesDone, got[i-1].BytesDone)
			assert.GreaterOrEqual(t, p.FilesDone, got[i-1].FilesDone)
		}
	}
	assert.Equal(t, Progress{BytesDone: 9 << 20, BytesTotal: 9 << 20, FilesDone: 3, FilesTotal: 3}, got[len(got)-1])
}

// stuckSource's reads block, whatever their context, until release is
// closed: a stalled disk or network file system. entered is closed at the
// first read.
type stuckSource struct {
	memSource
	entered, release chan struct{}
	once             *sync.Once
}

func (s stuckSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	return stuckReader{s}, nil
}

type stuckReader struct{ s stuckSource }

func (r stuckReader) Read([]byte) (int, error) {
	r.s.once.Do(func() { close(r.s.entered) })
	<-r.s.release
	return 0, io.ErrUnexpectedEOF
}
func (r stuckReader) Close() error { return nil }

// TestCancelStuckRead: a check whose context is cancelled returns even
// while a read is stuck in the source and ignores the context.
func TestCancelStuckRead(t *testing.T) {
	t.Parallel()
	src := stuckSource{memSource: memSource{"data/pump/a.csv": []byte("Timestamp,a\n2020-01-01 00:00:00,1\n")},
		entered: make(chan struct{}), release: make(chan struct{}), once: new(sync.Once)}
	t.Cleanup(func() { close(src.release) })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := Check(ctx, request(ptr("data/"), nil), nil, src)
		done <- err
	}()
	<-src.entered
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)
}
