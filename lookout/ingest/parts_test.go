package ingest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// withTiny reads with the given part size, buffer size and longest field
// held whole, and n workers: sizes no user would pick, to make every
// boundary of the reader happen often.
func withTiny(part int64, buf, field, n int) Option {
	return func(c *config) {
		c.partSize, c.bufSize, c.maxField, c.workers = part, buf, field, n
	}
}

// randomCSV makes a file of n records with quoted fields that hold commas,
// quotes and line breaks, empty lines, CRLF and LF, lone CRs, ragged and
// short records, bad timestamps and every kind of cell.
func randomCSV(r *rand.Rand, n int, sensors int) string {
	var b strings.Builder
	b.WriteString("Timestamp")
	for k := range sensors {
		fmt.Fprintf(&b, ",s%d", k)
	}
	b.WriteString("\n")
	cells := []string{"1", "-2.5", "1e3", "NA", "", "x", "\"1\"", "\"a,b\"", "\"line\nbreak\"", "\"q\"\"q\"", " 7 ", "1\rx",
		"\"\r\n\"", "nan", "1e400", "\"\"", "\"\n\n\"", "3.25", "\t4"}
	stamps := []string{"2020-01-01 00:00:00", "2020-01-02 00:00:00", "2020-01-01T00:00", "20200101 00:00", "bad",
		"\"2020-01-03 10:00:00\"", "\"2020-01-0\n3\""}
	for range n {
		if r.IntN(10) == 0 {
			b.WriteString("\n")
		}
		b.WriteString(stamps[r.IntN(len(stamps))])
		m := sensors
		switch r.IntN(8) {
		case 0:
			m = r.IntN(sensors + 1)
		case 1:
			m = sensors + 1 + r.IntN(2)
		}
		for range m {
			b.WriteString(",")
			b.WriteString(cells[r.IntN(len(cells))])
		}
		if r.IntN(3) == 0 {
			b.WriteString("\r\n")
		} else {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestPartsAgree: a file read in many small parts, by several workers,
// through tiny buffers and fields read piece by piece, gives exactly the
// result of one sequential read.
func TestPartsAgree(t *testing.T) {
	t.Parallel()
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 1))
		data := randomCSV(r, 200+r.IntN(400), 1+r.IntN(4))
		fsys := files("data/c/a.csv", data, "data/c/b.csv", randomCSV(r, 50, 2))
		want := check(t, nil, fsys, WithConcurrency(1))
		for _, o := range []Option{
			withTiny(97, 7, 3, 4),
			withTiny(1000, 64, 5, 3),
			withTiny(33, 1<<10, 1<<20, 2),
			withTiny(4096, 3, 1, 2),
		} {
			got := check(t, nil, fsys, o)
			require.Equal(t, want, got, "seed %d", seed)
		}
	}
}

// TestPartsQuoteNeverCloses: a quote opened in the first record and never
// closed: every part after the first starts inside it, and the file is
// discarded for the quote, on the line where it opened.
func TestPartsQuoteNeverCloses(t *testing.T) {
	t.Parallel()
	data := "Timestamp,a\n2020-01-01 00:00:00,\"1\n" + strings.Repeat("2020-01-01 00:00:00,1\n", 2000)
	fsys := files("data/c/a.csv", data, "data/c/b.csv", "Timestamp,a\n2020-01-01 00:00:00,1\n")
	for _, o := range []Option{WithConcurrency(1), withTiny(100, 16, 4, 2), withTiny(1000, 1<<10, 1<<20, 4)} {
		res := check(t, nil, fsys, o)
		require.Len(t, res.Discards, 1)
		require.Equal(t, &Discard{Key: "data/c/a.csv", Reason: ReasonUnclosedQuote, Line: 2, Column: 2}, res.Discards[0])
	}
}
