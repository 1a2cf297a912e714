package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

func TestAppendProgress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		p       ingest.Progress
		elapsed time.Duration
		want    string
	}{
		{"nothing read yet", ingest.Progress{BytesTotal: 50_000_000, FilesTotal: 10}, time.Second,
			"checking the data: 0 B of 50.0 MB (0%), 0 of 10 files"},
		{"a quarter in 3 s", ingest.Progress{BytesDone: 12_500_000, BytesTotal: 50_000_000, FilesDone: 3, FilesTotal: 10}, 3 * time.Second,
			// 4,166,666 B/s; 37.5 MB left: 9 s.
			"checking the data: 12.5 MB of 50.0 MB (25%), 3 of 10 files, 4.2 MB/s, 9s left"},
		{"minutes left", ingest.Progress{BytesDone: 1_000_000, BytesTotal: 66_000_000, FilesDone: 0, FilesTotal: 1}, time.Second,
			// 1 MB/s, 65 MB left: 65 s.
			"checking the data: 1.0 MB of 66.0 MB (1%), 0 of 1 files, 1.0 MB/s, 1m05s left"},
		{"hours left", ingest.Progress{BytesDone: 1_000, BytesTotal: 7_381_000, FilesTotal: 2}, time.Second,
			// 1 kB/s, 7,380 s left: 2 h 3 min.
			"checking the data: 1.0 kB of 7.4 MB (0%), 0 of 2 files, 1.0 kB/s, 2h03m left"},
		{"done", ingest.Progress{BytesDone: 2_500_000_000, BytesTotal: 2_500_000_000, FilesDone: 4, FilesTotal: 4}, 10 * time.Second,
			"checking the data: 2.5 GB of 2.5 GB (100%), 4 of 4 files, 250.0 MB/s"},
		{"no bytes to read", ingest.Progress{FilesTotal: 3}, time.Second,
			"checking the data: 0 B of 0 B, 0 of 3 files"},
		{"a unit's rounding carries over", ingest.Progress{BytesDone: 999_960, BytesTotal: 999_999_999_999_999}, time.Second,
			// 999.96 kB shows as 1.0 MB, 999.99... TB as 1.0 PB; at 999,960 B/s, about
			// 1e15 B left take 1,000,040,000 s: 11,574.5 days, rounded up.
			"checking the data: 1.0 MB of 1.0 PB (0%), 0 of 0 files, 1.0 MB/s, 11575d left"},
		{"the time left is bounded", ingest.Progress{BytesDone: 1, BytesTotal: 1 << 62}, time.Hour,
			"checking the data: 1 B of 4611.7 PB (0%), 0 of 0 files, 0 B/s, 100000d left"},
		{"no overflow", ingest.Progress{BytesDone: 1 << 62, BytesTotal: 1 << 62}, time.Nanosecond,
			"checking the data: 4611.7 PB of 4611.7 PB (100%), 0 of 0 files, 4611686018427.4 PB/s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, string(appendProgress(nil, "", tt.p, tt.elapsed)))
		})
	}
}

func TestAppendDuration(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		0:                                 "0s",
		time.Millisecond:                  "1s",
		59 * time.Second:                  "59s",
		59*time.Second + time.Millisecond: "1m00s",
		time.Hour - time.Second:           "59m59s",
		time.Hour:                         "1h00m",
		100*time.Hour - time.Second:       "99h59m",
		100 * time.Hour:                   "5d",
		1000 * 24 * time.Hour:             "1000d",
		time.Duration(1<<63 - 1):          "106752d",
	} {
		assert.Equal(t, want, string(appendDuration(nil, d)), "%v", d)
	}
}

// fakeClock is a clock that moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestProgressLine(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var term bytes.Buffer // the terminal
	l := newProgressLine(&term, clock.now, 500*time.Millisecond)
	p := ingest.Progress{BytesDone: 1000, BytesTotal: 4000, FilesDone: 1, FilesTotal: 4}

	clock.t = clock.t.Add(200 * time.Millisecond)
	l.update(p)
	assert.Empty(t, term.String(), "nothing before the delay")
	l.finish()
	assert.Empty(t, term.String(), "nothing to erase")

	clock.t = clock.t.Add(300 * time.Millisecond) // 500 ms: 2 kB/s
	l.update(p)
	assert.Equal(t, "\rchecking the data: 1.0 kB of 4.0 kB (25%), 1 of 4 files, 2.0 kB/s, 2s left\x1b[K", term.String())

	term.Reset()
	clock.t = clock.t.Add(500 * time.Millisecond) // 1 s: 4 kB/s
	l.update(ingest.Progress{BytesDone: 4000, BytesTotal: 4000, FilesDone: 4, FilesTotal: 4})
	assert.Equal(t, "\rchecking the data: 4.0 kB of 4.0 kB (100%), 4 of 4 files, 4.0 kB/s\x1b[K", term.String(),
		"redrawn in place")

	term.Reset()
	l.finish()
	assert.Equal(t, "\r\x1b[K", term.String(), "erased at the end")
	term.Reset()
	l.finish()
	assert.Empty(t, term.String(), "erased once")
}
