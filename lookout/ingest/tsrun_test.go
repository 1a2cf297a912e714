package ingest

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tsShape makes n timestamps from t0 of one shape: regular steps with
// pauses and repeats, irregular but in order, or in no order.
func tsShape(r *rand.Rand, shape string, t0 int64, n int) []int64 {
	ts := make([]int64, 0, n)
	t := t0
	for range n {
		switch shape {
		case "regular":
			switch r.IntN(200) {
			case 0: // a repeat
			case 1: // a pause, maybe a large gap
				t += int64(r.IntN(40 * 86400))
			default:
				t += 60
			}
		case "irregular":
			t += int64(r.IntN(3))
		case "unordered":
			t = t0 + int64(r.IntN(2*n+1))
		}
		ts = append(ts, t)
	}
	return ts
}

// refSummary is what tsRun's summary must say of ordered timestamps.
func refSummary(ts []int64) (dups int64, g gapStats) {
	for i := 1; i < len(ts); i++ {
		if ts[i] == ts[i-1] {
			dups++
		} else {
			g.add(ts[i] - ts[i-1])
		}
	}
	return dups, g
}

func feed(ts []int64) *tsRun {
	r := &tsRun{}
	for _, t := range ts {
		r.add(t)
	}
	return r
}

// TestTSRun: a part's timestamps come back as they went in, whatever their
// order; in order, the summary is the consecutive one; at fixed steps they
// take no memory a timestamp.
func TestTSRun(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		shape string
		n     int
	}{{"regular", 0}, {"regular", 1}, {"regular", 2}, {"regular", 100_000}, {"irregular", 5}, {"irregular", 5000},
		{"unordered", 3}, {"unordered", 5000}} {
		for range 5 {
			ts := tsShape(r, tc.shape, 1577836800, tc.n)
			run := feed(ts)
			assert.Equal(t, int64(len(ts)), run.n)
			assert.Equal(t, nilIfEmpty(ts), nilIfEmpty(slices.Concat(run.chunks()...)), tc.shape)
			sorted := slices.IsSorted(ts)
			assert.Equal(t, !sorted, run.unordered, tc.shape)
			if sorted {
				d, g := refSummary(ts)
				assert.Equal(t, d, run.dups, tc.shape)
				assert.Equal(t, g, run.gaps, tc.shape)
			}
			if tc.shape == "regular" {
				assert.False(t, run.raw, "regular timestamps are kept as steps")
				assert.Less(t, len(run.steps), 3+tc.n/20, "steps")
			}
			if tc.shape == "irregular" && tc.n > 1000 {
				assert.True(t, run.raw, "irregular steps are kept raw")
			}
		}
	}
}

func nilIfEmpty(ts []int64) []int64 {
	if len(ts) == 0 {
		return nil
	}
	return ts
}

// TestSpanDupsMatchesMerge: the duplicates and gaps from the parts'
// summaries are those of merging the timestamps, for components of files
// holding the same or different sensors, in parts that follow one another,
// touch, overlap or come in no order; and the summaries serve whenever the
// parts follow one another in order.
func TestSpanDupsMatchesMerge(t *testing.T) {
	t.Parallel()
	served := map[string]int{}
	for seed := range uint64(400) {
		r := rand.New(rand.NewPCG(seed, 11))
		layout := []string{"following", "touching", "overlapping", "unordered"}[seed%4]
		nfiles := 1 + r.IntN(4)
		var files []*fileState
		t0 := int64(1577836800)
		for range nfiles {
			f := &fileState{}
			for range 1 + r.IntN(3) {
				shape := []string{"regular", "irregular"}[r.IntN(2)]
				if layout == "unordered" && r.IntN(2) == 0 {
					shape = "unordered"
				}
				ts := tsShape(r, shape, t0, 1+r.IntN(300))
				switch layout {
				case "following":
					t0 = slices.Max(ts) + 1 + int64(r.IntN(3)*86400*20)
				case "touching":
					t0 = ts[len(ts)-1]
				default:
					t0 -= int64(r.IntN(500))
				}
				f.fig.ts = append(f.fig.ts, feed(ts))
			}
			files = append(files, f)
		}
		// Classes: the files' sets of sensors, one class or several.
		oneClass := r.IntN(2) == 0
		var classes [][]int32
		if oneClass {
			var all []int32
			for i := range files {
				all = append(all, int32(i))
			}
			classes = [][]int32{all}
		} else {
			for c := range 1 + r.IntN(3) {
				var fs []int32
				for i := range files {
					if r.IntN(2) == 0 || i == c%len(files) {
						fs = append(fs, int32(i))
					}
				}
				classes = append(classes, fs)
			}
			oneClass = len(classes) == 1 && len(classes[0]) == len(files)
		}
		gotDups := make([]int64, len(classes))
		gotGaps := make([]gapStats, len(classes))
		got, ok := spanDups(files, classes, gotDups, gotGaps, oneClass)
		wantDups := make([]int64, len(classes))
		wantGaps := make([]gapStats, len(classes))
		want := mergedDups(files, classes, wantDups, wantGaps, oneClass)
		if layout == "following" {
			require.True(t, ok, "seed %d: parts in order that follow one another", seed)
		}
		if !ok {
			assert.Zero(t, got)
			assert.Equal(t, make([]int64, len(classes)), gotDups, "seed %d: nothing set", seed)
			continue
		}
		served[layout]++
		assert.Equal(t, want, got, "seed %d %s", seed, layout)
		assert.Equal(t, wantDups, gotDups, "seed %d %s", seed, layout)
		assert.Equal(t, wantGaps, gotGaps, "seed %d %s", seed, layout)
	}
	assert.Equal(t, 100, served["following"])
	assert.Positive(t, served["touching"], "touching parts of one class served")
}
