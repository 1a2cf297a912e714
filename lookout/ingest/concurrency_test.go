package ingest

import (
	"context"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowSource is a memSource whose streams deliver at most rate bytes a
// second each (an object store's single stream), and which counts the
// streams open at once.
type slowSource struct {
	memSource
	rate            float64 // bytes a second per stream; 0: no limit
	active, maxOpen atomic.Int64
	mu              sync.Mutex
}

func (s *slowSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	rc, err := s.memSource.Open(ctx, key, off, n)
	if err != nil {
		return nil, err
	}
	a := s.active.Add(1)
	s.mu.Lock()
	if a > s.maxOpen.Load() {
		s.maxOpen.Store(a)
	}
	s.mu.Unlock()
	return &slowReader{rc: rc, s: s}, nil
}

type slowReader struct {
	rc   io.ReadCloser
	s    *slowSource
	once sync.Once
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(p) > 64<<10 {
		p = p[:64<<10]
	}
	n, err := r.rc.Read(p)
	if r.s.rate > 0 && n > 0 {
		time.Sleep(time.Duration(float64(n) / r.s.rate * float64(time.Second)))
	}
	return n, err
}

func (r *slowReader) Close() error {
	r.once.Do(func() { r.s.active.Add(-1) })
	return r.rc.Close()
}

// TestReadsAtOnce: several objects, and the parts of a large one, are read
// at once, each through its own stream.
func TestReadsAtOnce(t *testing.T) {
	t.Parallel()
	big := benchFileSized(4 << 20)
	src := &slowSource{memSource: memSource{"data/pump/a.csv": big}, rate: 200 << 20}
	res, err := Check(context.Background(), request(ptr("data/"), nil), nil, src, WithConcurrency(4), WithPartSize(256<<10))
	require.NoError(t, err)
	require.Equal(t, "SUCCESS", string(res.Status))
	assert.GreaterOrEqual(t, src.maxOpen.Load(), int64(2), "parts of one file read at once")
	assert.Zero(t, src.active.Load(), "every stream closed")

	many := memSource{}
	for i := range 8 {
		many["data/pump/"+strconv.Itoa(i)+".csv"] = big[:64<<10+afterLine(big[64<<10:])]
	}
	src = &slowSource{memSource: many, rate: 20 << 20}
	res, err = Check(context.Background(), request(ptr("data/"), nil), nil, src, WithConcurrency(4))
	require.NoError(t, err)
	require.Equal(t, "SUCCESS", string(res.Status), res.FailedReason)
	assert.GreaterOrEqual(t, src.maxOpen.Load(), int64(2), "files read at once")
	assert.Zero(t, src.active.Load(), "every stream closed")
}

// afterLine returns the index just past the first line break of b.
func afterLine(b []byte) int {
	for i, c := range b {
		if c == '\n' {
			return i + 1
		}
	}
	return len(b)
}

// benchFileSized is a generated file of about size bytes.
func benchFileSized(size int64) []byte {
	var b bytesBuffer
	genCSV(&b, size, 20)
	return b.data
}

type bytesBuffer struct{ data []byte }

func (b *bytesBuffer) Write(p []byte) (int, error) { b.data = append(b.data, p...); return len(p), nil }

// BenchmarkCheckSlowStream reads a 32 MiB file from a store whose streams
// deliver 64 MiB/s each: reading parts at once, the check is bound by the
// store's streams, not one of them.
func BenchmarkCheckSlowStream(b *testing.B) {
	data := benchFileSized(32 << 20)
	req := request(ptr("data/"), nil)
	for _, n := range []int{1, 2, 4, 8} {
		b.Run("streams="+strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				src := &slowSource{memSource: memSource{"data/pump/a.csv": data}, rate: 64 << 20}
				res, err := Check(context.Background(), req, nil, src, WithConcurrency(n))
				if err != nil || res.Status != "SUCCESS" {
					b.Fatal(err, res.FailedReason)
				}
			}
		})
	}
}

// concurrentSource is a slowSource that asks for reads reads in flight.
type concurrentSource struct {
	*slowSource
	reads int
}

func (s concurrentSource) Concurrency() int { return s.reads }

// TestConcurrentSourceDefault: without WithConcurrency, a ConcurrentSource
// gets as many reads in flight as it asks for, more than the cores;
// WithConcurrency still decides when given.
func TestConcurrentSourceDefault(t *testing.T) {
	t.Parallel()
	many := memSource{}
	for i := range 40 {
		many["data/pump/"+strconv.Itoa(i)+".csv"] = []byte("Timestamp,a\n2020-01-01 00:00:00,1\n" + strings.Repeat("2020-01-02 00:00:00,2\n", 200))
	}
	// 20 ms a stream: long enough that the reads overlap.
	src := concurrentSource{&slowSource{memSource: many, rate: 4400 / 0.02}, 16}
	res, err := Check(context.Background(), request(ptr("data/"), nil), nil, src)
	require.NoError(t, err)
	require.Equal(t, "SUCCESS", string(res.Status), res.FailedReason)
	assert.Greater(t, src.maxOpen.Load(), int64(runtime.GOMAXPROCS(0)), "more reads than cores")
	assert.LessOrEqual(t, src.maxOpen.Load(), int64(16))

	src = concurrentSource{&slowSource{memSource: many, rate: 4400 / 0.02}, 16}
	_, err = Check(context.Background(), request(ptr("data/"), nil), nil, src, WithConcurrency(1))
	require.NoError(t, err)
	assert.Equal(t, int64(1), src.maxOpen.Load())
}
