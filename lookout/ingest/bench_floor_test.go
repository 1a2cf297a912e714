package ingest

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"testing"

	"github.com/stretchr/testify/assert"
)

// BenchmarkCheckFloor measures, on BenchmarkCheck's file, what no check of
// it can do without: finding where each cell starts and ends. "cells" finds
// the line's end and each comma with bytes.IndexByte (the standard
// library's vector search); "cells-swar" classifies eight bytes at a time
// and visits each separator's bit. Neither reads a cell's content. Beside
// them, the baseline and the check on one core, in the same run: how far
// the check is from its floor, and the floor from the baseline.
//
//	go test -run '^$' -bench 'BenchmarkCheckFloor' -benchtime 5x -count 3 ./lookout/ingest
func BenchmarkCheckFloor(b *testing.B) {
	data := benchFile()
	want := bytes.Count(data, []byte{','}) + bytes.Count(data, []byte{'\n'})
	b.Run("baseline", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := baseline(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cores=1", func(b *testing.B) {
		src := memSource{"data/pump/a.csv": data}
		req := request(ptr("data/"), nil)
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if res, err := Check(b.Context(), req, nil, src, WithConcurrency(1)); err != nil || res.Status != "SUCCESS" {
				b.Fatal(err, res.FailedReason)
			}
		}
	})
	for _, c := range []struct {
		name  string
		cells func([]byte) (cells, length int)
	}{
		{"cells", cellsIndexByte},
		{"cells-swar", cellsSWAR},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if n, length := c.cells(data); n != want || length != len(data)-want {
					b.Fatalf("%d cells of %d bytes, want %d of %d", n, length, want, len(data)-want)
				}
			}
		})
	}
}

// cellsIndexByte counts the cells of data (every line ends with '\n') and
// the bytes they hold, finding each separator with bytes.IndexByte.
func cellsIndexByte(data []byte) (cells, length int) {
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		line := data[:i]
		data = data[i+1:]
		for {
			cells++
			j := bytes.IndexByte(line, ',')
			if j < 0 {
				length += len(line)
				break
			}
			length += j
			line = line[j+1:]
		}
	}
	return cells, length
}

// cellsSWAR is cellsIndexByte eight bytes at a time: a mask of the commas
// and newlines of each word, and each cell's bounds from its bits.
func cellsSWAR(data []byte) (cells, length int) {
	// has marks, in the high bit of each byte, exactly the bytes of w
	// equal to c (the shorter (x-lo)&^x&hi also marks some bytes above
	// a match: a '-' after a comma).
	const lo, low7 = 0x0101010101010101, 0x7F7F7F7F7F7F7F7F
	has := func(w uint64, c byte) uint64 {
		x := w ^ lo*uint64(c)
		return ^((x&low7 + low7) | x | low7)
	}
	start := 0
	n := len(data) &^ 7
	for i := 0; i < len(data); i += 8 {
		var w uint64
		if i < n {
			w = binary.LittleEndian.Uint64(data[i:])
		} else {
			var tail [8]byte
			copy(tail[:], data[i:])
			w = binary.LittleEndian.Uint64(tail[:])
		}
		for m := has(w, ',') | has(w, '\n'); m != 0; m &= m - 1 {
			p := i + bits.TrailingZeros64(m)>>3
			cells++
			length += p - start
			start = p + 1
		}
	}
	return cells, length
}

// TestCellsFloor: the floor's two counters count what bytes.Count counts,
// a '-' after a comma and a file whose length is not a multiple of eight
// included.
func TestCellsFloor(t *testing.T) {
	t.Parallel()
	for _, data := range [][]byte{
		[]byte("a\n"),
		[]byte("Timestamp,a,b\n2020-01-01 00:00:00,-1.5,-,\n"),
		[]byte(",,,,,,,,\n\n,-,-,-\n"),
		benchFileSized(1 << 16),
	} {
		want := bytes.Count(data, []byte{','}) + bytes.Count(data, []byte{'\n'})
		for name, cells := range map[string]func([]byte) (int, int){"cells": cellsIndexByte, "cells-swar": cellsSWAR} {
			n, length := cells(data)
			assert.Equal(t, want, n, "%s: %q", name, data[:min(len(data), 40)])
			assert.Equal(t, len(data)-want, length, name)
		}
	}
}
