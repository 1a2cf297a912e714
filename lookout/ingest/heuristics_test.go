package ingest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// series is a file "Timestamp,v" of one record an hour from 2020-01-01
// per value.
func series(vals ...string) string {
	var b strings.Builder
	b.WriteString("Timestamp,v\n")
	for i, v := range vals {
		fmt.Fprintf(&b, "%s,%s\n", formatTS(1577836800+int64(i)*3600), v)
	}
	return b.String()
}

func formatTS(sec int64) string {
	return time.Unix(sec, 0).UTC().Format("2006-01-02 15:04:05")
}

// numbers returns the decimal texts of xs.
func numbers(xs ...float64) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strconv.FormatFloat(x, 'g', -1, 64)
	}
	return out
}

// only returns the single sensor of a successful check.
func only(t *testing.T, res *Result) lookout.SensorStatisticsSummary {
	t.Helper()
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	require.Len(t, res.SensorStatisticsSummaries, 1)
	return res.SensorStatisticsSummaries[0]
}

const (
	detected = lookout.StatisticalIssueStatusPotentialIssueDetected
	noIssue  = lookout.StatisticalIssueStatusNoIssueDetected
)

// TestCategorical: N distinct valid values (as float64), detected for 1 <=
// N <= 10, NumberOfCategory only then.
func TestCategorical(t *testing.T) {
	t.Parallel()
	ten := numbers(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
	for _, tc := range []struct {
		name string
		vals []string
		n    int64 // 0: not categorical
	}{
		{"exactly 10 distinct", append(slices.Clone(ten), ten...), 10},
		{"11 distinct", append(slices.Clone(ten), "11"), 0},
		{"11 distinct, the 11th last of many", append(append(slices.Clone(ten), ten...), "10.5"), 0},
		{"-0 and 0 are one value", []string{"-0", "0", "0.0", "-0.0e5", "+0", "0e-400"}, 1},
		{"the same number written apart", []string{"1", "1.0", "1e0", "10e-1", "+1.000", "2"}, 2},
		{"missing and invalid cells are not values", []string{"1", "NA", "x", "", "2"}, 2},
		{"no valid value: N = 0", []string{"NA", "x"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fsys := files("data/c/a.csv", series(tc.vals...))
			if tc.name == "no valid value: N = 0" {
				// A file needs a valid value to be ingested: the sensor
				// with none shares it with one that has.
				fsys = files("data/c/a.csv", "Timestamp,v,w\n2020-01-01 00:00:00,NA,1\n2020-01-01 01:00:00,x,1\n")
			}
			for _, o := range []Option{WithConcurrency(1), withTiny(64, 8, 3, 2)} {
				s := check(t, nil, fsys, o).SensorStatisticsSummaries[0]
				if tc.n == 0 {
					assert.Equal(t, &lookout.CategoricalValues{Status: noIssue}, s.CategoricalValues)
				} else {
					assert.Equal(t, &lookout.CategoricalValues{Status: detected, NumberOfCategory: ptr32(tc.n)}, s.CategoricalValues)
				}
			}
		})
	}
}

// TestMonotonic: STATIC within 0.001 of the largest magnitude, else
// INCREASING or DECREASING in read order, with n >= 2.
func TestMonotonic(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		fsys map[string]string
		want lookout.Monotonicity
	}{
		{"one value", map[string]string{"a": series("1")}, ""},
		{"one valid value among missing ones", map[string]string{"a": series("1", "NA", "")}, ""},
		{"rising, with ties", map[string]string{"a": series("1", "2", "2", "3")}, lookout.MonotonicityIncreasing},
		{"falling, with ties", map[string]string{"a": series("3", "2", "2", "-1")}, lookout.MonotonicityDecreasing},
		{"up then down", map[string]string{"a": series("1", "3", "2")}, ""},
		// 1000 - 999 = 1 and 0.001 * 1000 is 1 in float64: at the bound.
		{"static at the bound", map[string]string{"a": series("999", "1000", "999.5")}, lookout.MonotonicityStatic},
		{"just past the static bound", map[string]string{"a": series("998.99", "1000")}, lookout.MonotonicityIncreasing},
		{"static, negative", map[string]string{"a": series("-1000", "-999")}, lookout.MonotonicityStatic},
		{"constant zero", map[string]string{"a": series("0", "-0", "0")}, lookout.MonotonicityStatic},
		{"0 and a tiny value are not static", map[string]string{"a": series("0", "1e-300")}, lookout.MonotonicityIncreasing},
		{"rising across files in key order", map[string]string{"a": series("1", "2"), "b": series("2", "4")}, lookout.MonotonicityIncreasing},
		{"read order is key order, not time order", map[string]string{"a": series("3", "4"), "b": series("1", "2")}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fsys := files()
			for k, v := range tc.fsys {
				fsys["data/c/"+k+".csv"] = files("x", v)["x"]
			}
			for _, o := range []Option{WithConcurrency(1), withTiny(64, 8, 3, 2)} {
				s := only(t, check(t, nil, fsys, o))
				want := &lookout.MonotonicValues{Status: noIssue}
				if tc.want != "" {
					want = &lookout.MonotonicValues{Status: detected, Monotonicity: tc.want}
				}
				assert.Equal(t, want, s.MonotonicValues)
			}
		})
	}
}

// The bimodality data: 1..11 with four more of each end value, then two
// values symmetric about 6 (skewness 0). Sarle's coefficient, computed
// apart with exact rational moments, is 0.557024 for -0.25 and 12.25 (just
// above 5/9 = 0.555556) and 0.553209 for 3.25 and 8.75 (just below).
func bimodalData(a, b float64) []float64 {
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 1, 1, 1, 11, 11, 11, 11}
	return append(xs, a, b)
}

// TestMultipleModes: BC > 5/9 with n >= 4, neither categorical nor STATIC.
func TestMultipleModes(t *testing.T) {
	t.Parallel()
	shift := func(xs []float64, scale, off float64) []float64 {
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = x*scale + off
		}
		return out
	}
	for _, tc := range []struct {
		name string
		vals []float64
		want bool
	}{
		{"BC just above 5/9", bimodalData(-0.25, 12.25), true},
		{"BC just below 5/9", bimodalData(3.25, 8.75), false},
		{"moved and scaled: the same BC", shift(bimodalData(-0.25, 12.25), -3, 1e4), true},
		// Two clusters, but within 0.001 of their magnitude: STATIC wins.
		{"static", shift(bimodalData(-0.25, 12.25), 1e-6, 1e6), false},
		// Two clusters of values, but only 2 distinct: categorical wins.
		{"categorical", []float64{0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 10}, false},
		{"uniform", shift(bimodalData(6, 6)[:11], 1, 0), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fsys := files("data/c/a.csv", series(numbers(tc.vals...)...))
			for _, o := range []Option{WithConcurrency(1), withTiny(64, 8, 3, 2)} {
				s := only(t, check(t, nil, fsys, o))
				want := noIssue
				if tc.want {
					want = detected
				}
				assert.Equal(t, &lookout.MultipleOperatingModes{Status: want}, s.MultipleOperatingModes)
			}
		})
	}
	// With fewer than 4 values there is no coefficient.
	var s valueStats
	for _, x := range []float64{1, 5, 100} {
		s.add(x)
	}
	h := s.heuristics(gapStats{})
	assert.True(t, math.IsNaN(h.Bimodality))
	assert.False(t, h.MultipleModes)
}

// TestLargeGaps: a gap longer than 30 days is large; the longest in whole
// days; over the distinct timestamps of the sensor's records, whatever
// their cells.
func TestLargeGaps(t *testing.T) {
	t.Parallel()
	const day = 86400
	at := func(secs ...int64) string {
		var b strings.Builder
		b.WriteString("Timestamp,v,w\n")
		for _, s := range secs {
			fmt.Fprintf(&b, "%s,1,NA\n", formatTS(1577836800+s))
		}
		return b.String()
	}
	for _, tc := range []struct {
		name          string
		data          string
		large, maxDay int64
	}{
		{"one timestamp", at(0), 0, 0},
		{"one instant twice", at(0, 0), 0, 0},
		{"exactly 30 days", at(0, 30*day), 0, 30},
		{"30 days and 1 s", at(0, 30*day+1), 1, 30},
		{"30 days and 1 s, duplicates between", at(0, 0, 30*day+1, 30*day+1), 1, 30},
		{"two large gaps, out of order", at(100*day, 0, 40*day), 2, 60},
		{"29 days 23:59:59", at(0, 30*day-1), 0, 29},
		// An unsupported timestamp is no record; a record with no valid
		// cell for v still counts.
		{"records whatever their cells", "Timestamp,v,w\n2020-01-01 00:00:00,1,1\nbad,1,1\n2020-03-01 00:00:00,NA,1\n", 1, 60},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, o := range []Option{WithConcurrency(1), withTiny(64, 8, 3, 2)} {
				res := check(t, nil, files("data/c/a.csv", tc.data), o)
				require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
				want := &lookout.LargeTimestampGaps{Status: noIssue, NumberOfLargeTimestampGaps: ptr32(tc.large), MaxTimestampGapInDays: ptr32(tc.maxDay)}
				if tc.large > 0 {
					want.Status = detected
				}
				for _, s := range res.SensorStatisticsSummaries {
					assert.Equal(t, want, s.LargeTimestampGaps, s.SensorName)
				}
			}
		})
	}

	// Files split by sensor: each sensor's gaps are over its own files'
	// timestamps. a holds p (01-01, 03-01), b holds p and q (01-15), c
	// holds q (04-01).
	res := check(t, nil, files(
		"data/c/a.csv", "Timestamp,p\n2020-01-01 00:00:00,1\n2020-03-01 00:00:00,2\n",
		"data/c/b.csv", "Timestamp,p,q\n2020-01-15 00:00:00,1,1\n",
		"data/c/c.csv", "Timestamp,q\n2020-04-01 00:00:00,1\n2020-04-01 00:00:00,1\n"))
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	got := map[string]*lookout.LargeTimestampGaps{}
	for _, s := range res.SensorStatisticsSummaries {
		got[s.SensorName] = s.LargeTimestampGaps
	}
	// p: 01-01, 01-15, 03-01: 14 and 46 days. q: 01-15, 04-01: 77 days.
	assert.Equal(t, &lookout.LargeTimestampGaps{Status: detected, NumberOfLargeTimestampGaps: ptr32(int64(1)), MaxTimestampGapInDays: ptr32(int64(46))}, got["p"])
	assert.Equal(t, &lookout.LargeTimestampGaps{Status: detected, NumberOfLargeTimestampGaps: ptr32(int64(1)), MaxTimestampGapInDays: ptr32(int64(77))}, got["q"])
}

// TestSchemaSensorHeuristics: a schema sensor without an ingested file has
// every status NO_ISSUE_DETECTED and no other member.
func TestSchemaSensorHeuristics(t *testing.T) {
	t.Parallel()
	schema := &lookout.DataSchema{Components: []lookout.SchemaComponent{
		{ComponentName: "c", Columns: []lookout.SchemaColumn{{Name: "Timestamp", Type: "DATETIME"}, {Name: "v", Type: "DOUBLE"}, {Name: "z", Type: "DOUBLE"}}},
	}}
	res := check(t, schema, files("data/c/a.csv", series("1", "2")))
	require.Len(t, res.SensorStatisticsSummaries, 2)
	z := res.SensorStatisticsSummaries[1]
	assert.Equal(t, noHeur(lookout.SensorStatisticsSummary{ComponentName: "c", SensorName: "z", DataExists: new(false), MissingValues: cp(0, 0),
		InvalidValues: cp(0, 0), InvalidDateEntries: cp(0, 0), DuplicateTimestamps: cp(0, 0)}), z)
}

// refVerdicts computes section 4b's value rules from all the values at
// once, two passes for the moments: the reference the merged figures are
// held to.
func refVerdicts(xs []float64) (distinct int, mono string, bc float64) {
	set := map[float64]bool{}
	for _, x := range xs {
		set[x+0] = true // -0 + 0 is 0
	}
	distinct = len(set)
	n := float64(len(xs))
	if len(xs) >= 2 {
		lo, hi := slices.Min(xs), slices.Max(xs)
		up, down := true, true
		for i := 1; i < len(xs); i++ {
			up = up && xs[i] >= xs[i-1]
			down = down && xs[i] <= xs[i-1]
		}
		switch {
		case hi-lo <= 0.001*max(math.Abs(hi), math.Abs(lo)):
			mono = "STATIC"
		case up:
			mono = "INCREASING"
		case down:
			mono = "DECREASING"
		}
	}
	bc = math.NaN()
	if len(xs) >= 4 {
		var mean float64
		for _, x := range xs {
			mean += x
		}
		mean /= n
		var m2, m3, m4 float64
		for _, x := range xs {
			d := x - mean
			m2 += d * d
			m3 += d * d * d
			m4 += d * d * d * d
		}
		m2, m3, m4 = m2/n, m3/n, m4/n
		g1 := m3 / math.Pow(m2, 1.5)
		g2 := m4/(m2*m2) - 3
		G1 := g1 * math.Sqrt(n*(n-1)) / (n - 2)
		G2 := ((n+1)*g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
		bc = (G1*G1 + 1) / (G2 + 3*(n-1)*(n-1)/((n-2)*(n-3)))
	}
	return distinct, mono, bc
}

// TestValueStatsMerge: figures merged at random split points agree with
// one pass and with the reference: exactly for the distinct values and
// the monotonicity, within 1e-7 for the coefficient (values near 1e6 lose digits in any order).
func TestValueStatsMerge(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 7))
	gens := []func() float64{
		func() float64 { return r.NormFloat64()*3 + 100 },
		func() float64 { return float64(r.IntN(2))*50 + r.Float64() },
		func() float64 { return float64(r.IntN(12)) },
		func() float64 { return 1e6 + r.Float64() },
	}
	for g, gen := range gens {
		for trial := range 20 {
			n := 1 + r.IntN(300)
			xs := make([]float64, n)
			for i := range xs {
				xs[i] = gen()
			}
			if trial%3 == 0 {
				slices.Sort(xs)
			}
			var whole, merged valueStats
			for _, x := range xs {
				whole.add(x)
			}
			for i := 0; i < n; {
				j := min(n, i+1+r.IntN(40))
				var part valueStats
				for _, x := range xs[i:j] {
					part.add(x)
				}
				merged.merge(&part)
				i = j
			}
			d, mono, bc := refVerdicts(xs)
			for _, s := range []*valueStats{&whole, &merged} {
				h := s.heuristics(gapStats{})
				assert.Equal(t, min(d, maxDistinct), h.Distinct, "gen %d trial %d", g, trial)
				assert.Equal(t, mono, h.Monotonicity, "gen %d trial %d", g, trial)
				if math.IsNaN(bc) {
					assert.True(t, math.IsNaN(h.Bimodality))
				} else {
					assert.InEpsilon(t, bc, h.Bimodality, 1e-7, "gen %d trial %d", g, trial)
				}
			}
		}
	}
}

// TestHeuristicsOnAnyCores: files read in many parts give exactly the same
// result with one worker and with two (the parts do not depend on the
// workers), and the verdicts the reference gives.
func TestHeuristicsOnAnyCores(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	b.WriteString("Timestamp,bimodal,normal,rising,cat\n")
	var bi, no, ri, ca []float64
	const n = 20000
	for i := range n {
		x := float64(r.IntN(2))*40 + r.NormFloat64()
		y := r.NormFloat64()*5 + 20
		z := float64(i) * 0.5
		c := float64(r.IntN(4))
		bi, no, ri, ca = append(bi, x), append(no, y), append(ri, z), append(ca, c)
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s\n", formatTS(1577836800+int64(i)*600), numbers(x)[0], numbers(y)[0], numbers(z)[0], numbers(c)[0])
	}
	data := b.String()
	require.Greater(t, len(data), 4*64<<10, "several parts")
	fsys := files("data/c/a.csv", data, "data/c/b.csv", series("1", "2"))
	// The sensors' merged figures, moments included, bit for bit.
	figures := func(into map[string]valueStats) Option {
		var mu sync.Mutex
		return func(c *config) {
			c.onComponent = func(cr *compResult) {
				mu.Lock()
				defer mu.Unlock()
				for _, s := range cr.sensors {
					into[cr.name+"/"+s.name] = s.vals
				}
			}
		}
	}
	figs1, figs2 := map[string]valueStats{}, map[string]valueStats{}
	one := check(t, nil, fsys, WithConcurrency(1), WithPartSize(64<<10), figures(figs1))
	two := check(t, nil, fsys, WithConcurrency(2), WithPartSize(64<<10), figures(figs2))
	require.Equal(t, one, two)
	require.Len(t, figs1, 5)
	require.Equal(t, figs1, figs2)
	require.Equal(t, lookout.IngestionJobStatusSuccess, one.Status, one.FailedReason)

	got := map[string]lookout.SensorStatisticsSummary{}
	for _, s := range one.SensorStatisticsSummaries {
		got[s.SensorName] = s
	}
	for name, xs := range map[string][]float64{"bimodal": bi, "normal": no, "rising": ri, "cat": ca} {
		d, mono, bc := refVerdicts(xs)
		s := got[name]
		cat := d >= 1 && d <= 10
		assert.Equal(t, cat, s.CategoricalValues.Status == detected, name)
		assert.Equal(t, lookout.Monotonicity(mono), s.MonotonicValues.Monotonicity, name)
		require.Greater(t, math.Abs(bc-5.0/9), 1e-6, "%s: the data are not at the boundary", name)
		assert.Equal(t, !cat && mono != "STATIC" && bc > 5.0/9, s.MultipleOperatingModes.Status == detected, "%s: BC %v", name, bc)
	}
	assert.Equal(t, detected, got["bimodal"].MultipleOperatingModes.Status)
	assert.Equal(t, noIssue, got["normal"].MultipleOperatingModes.Status)
	assert.Equal(t, lookout.MonotonicityIncreasing, got["rising"].MonotonicValues.Monotonicity)
	assert.Equal(t, ptr(int32(4)), got["cat"].CategoricalValues.NumberOfCategory)
	// Records every 10 minutes: no large gap, the longest 0 days.
	assert.Equal(t, ptr(int32(0)), got["normal"].LargeTimestampGaps.MaxTimestampGapInDays)
}
