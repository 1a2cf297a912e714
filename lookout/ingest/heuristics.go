package ingest

import (
	"math"
	"strconv"
	"unsafe"
)

// The four sensor heuristics (section 4b of the package documentation).
// Their figures are gathered per part of a file, in read order, and merged
// in read order: parts in file order, files in key order. Every figure here
// but the moments merges exactly; the moments merge by Pebay's formulas, at
// split points that depend on the data and the part size alone, never on
// the number of workers, so a check gives the same result on any number of
// cores.

// maxDistinct is how many distinct valid values a sensor keeps: one more
// than a categorical sensor may have, so that "more than 10" is known.
const maxDistinct = 11

// largeGap is the longest gap between two consecutive distinct timestamps
// of a sensor that is not large: 30 days, in seconds. A gap of exactly 30
// days is not large; 30 days and 1 second is.
const largeGap = 30 * 24 * 3600

// staticBound is the relative spread under which a sensor is STATIC:
// max - min <= staticBound * max(|max|, |min|).
const staticBound = 0.001

// bimodalBound is the bimodality coefficient above which a sensor has
// multiple operating modes: 5/9, a uniform spread's coefficient.
const bimodalBound = 5.0 / 9.0

// verdicts are the four heuristics' verdicts for one sensor, in the
// package's own types (section 4b); sensorSummary gives them in the
// service's shapes.
type verdicts struct {
	// Gaps: the large gaps between consecutive distinct timestamps of
	// the sensor's records, and the longest gap in whole days.
	LargeGaps, MaxGapDays int64
	// Distinct is the number of distinct valid values, up to
	// maxDistinct (11 means "more than 10").
	Distinct int
	// Categorical: 1 <= Distinct <= 10.
	Categorical bool
	// Monotonicity is STATIC, INCREASING, DECREASING or "" (none).
	Monotonicity string
	// Bimodality is Sarle's coefficient (NaN with fewer than 4 values).
	Bimodality float64
	// MultipleModes: n >= 4, neither categorical nor STATIC, and
	// Bimodality > 5/9.
	MultipleModes bool
}

// valueStats are a sensor's valid values, as the heuristics need them, over
// a run of records read in order: O(1) memory whatever their number.
type valueStats struct {
	n int64
	// Categorical: the distinct values seen, at most maxDistinct (-0 is
	// kept as 0).
	nd       int
	distinct [maxDistinct]float64
	// Monotonic: the first and last values in read order, the least and
	// the greatest, and whether no value is below (up) or above (down)
	// the one before it.
	first, last, lo, hi float64
	up, down            bool
	// Modes: the mean and the sums of the 2nd to 4th powers of the
	// deviations from it (Pebay's M2, M3, M4), over the first n - nb
	// values.
	mean, m2, m3, m4 float64
	// The last nb values (fewer than momentBlock) as sums of the 1st to
	// 4th powers of their differences from c, the first of them: adding
	// a value takes no division; every momentBlock values the block is
	// merged into the moments by Pebay's formulas.
	nb                int
	c, s1, s2, s3, s4 float64
}

// momentBlock is how many values a block of shifted power sums holds
// before it is merged into the moments. The block's sums lose at most
// about 8 * momentBlock rounding errors relative to its central moments
// (its shift is one of its values), so a small block keeps the moments as
// exact as the one-value-at-a-time update; its merge takes a few
// divisions, a small cost per value.
const momentBlock = 64

// add takes the next valid value in read order.
func (s *valueStats) add(x float64) {
	if s.easy(x) {
		s.addEasy(x)
		return
	}
	s.addAny(x)
}

// easy reports whether addEasy may take x: a non-zero value inside a
// block (no flush), once the distinct values and the order are settled.
func (s *valueStats) easy(x float64) bool {
	return uint(s.nb-1) < momentBlock-2 && s.nd == maxDistinct && !s.up && !s.down && x != 0
}

// addEasy is add when easy(x), small enough to be inlined where cells are
// read. lo and hi are never NaN or -0, nor is x, so the comparisons give
// what min and max give.
func (s *valueStats) addEasy(x float64) {
	if x < s.lo {
		s.lo = x
	}
	if x > s.hi {
		s.hi = x
	}
	s.last = x
	s.n++
	s.addPowers(x)
}

// addAny is add in any case.
func (s *valueStats) addAny(x float64) {
	if x == 0 {
		x = 0 // -0 and 0 are one value
	}
	if s.n == 0 {
		s.first, s.lo, s.hi, s.up, s.down = x, x, x, true, true
	} else {
		// No branch on the order: values come up and down at random.
		s.up = s.up && x >= s.last
		s.down = s.down && x <= s.last
		s.lo, s.hi = min(s.lo, x), max(s.hi, x)
	}
	s.last = x
	if s.nd < maxDistinct {
		s.addDistinct(x)
	}
	s.n++
	// The moments: the block's shifted power sums, no division.
	if s.nb == 0 {
		s.c = x
	}
	s.addPowers(x)
	if s.nb == momentBlock {
		s.flush()
	}
}

// addPowers adds x to the block's shifted power sums: no division.
func (s *valueStats) addPowers(x float64) {
	d := x - s.c
	d2 := d * d
	s.s1 += d
	s.s2 += d2
	s.s3 += d2 * d
	s.s4 += d2 * d2
	s.nb++
}

// flush merges the block of shifted power sums into the moments.
func (s *valueStats) flush() {
	if s.nb == 0 {
		return
	}
	k := float64(s.nb)
	mu := s.s1 / k // the block's mean, less c
	mu2 := mu * mu
	m2 := max(s.s2-mu*s.s1, 0)
	m3 := s.s3 - 3*mu*s.s2 + 2*mu2*s.s1
	m4 := max(s.s4-4*mu*s.s3+6*mu2*s.s2-3*mu2*mu*s.s1, 0)
	na := s.n - int64(s.nb)
	s.mean, s.m2, s.m3, s.m4 = pebay(float64(na), s.mean, s.m2, s.m3, s.m4, k, s.c+mu, m2, m3, m4)
	s.nb, s.c, s.s1, s.s2, s.s3, s.s4 = 0, 0, 0, 0, 0, 0
}

// pebay merges the central moments of nb values read after na others
// (Pebay 2008, the pairwise update): the mean and M2, M3, M4 of all.
func pebay(na, meanA, m2a, m3a, m4a, nb, meanB, m2b, m3b, m4b float64) (mean, m2, m3, m4 float64) {
	if na == 0 {
		return meanB, m2b, m3b, m4b
	}
	n := na + nb
	d := meanB - meanA
	d2 := d * d
	m2 = m2a + m2b + d2*na*nb/n
	m3 = m3a + m3b + d2*d*na*nb*(na-nb)/(n*n) + 3*d*(na*m2b-nb*m2a)/n
	m4 = m4a + m4b + d2*d2*na*nb*(na*na-na*nb+nb*nb)/(n*n*n) +
		6*d2*(na*na*m2b+nb*nb*m2a)/(n*n) + 4*d*(na*m3b-nb*m3a)/n
	return meanA + d*nb/n, m2, m3, m4
}

func (s *valueStats) addDistinct(x float64) {
	for _, v := range s.distinct[:s.nd] {
		if v == x {
			return
		}
	}
	s.distinct[s.nd] = x
	s.nd++
}

// merge appends b's values, read after s's.
func (s *valueStats) merge(b *valueStats) {
	switch {
	case b.n == 0:
		return
	case s.n == 0:
		*s = *b
		return
	}
	s.up = s.up && b.up && s.last <= b.first
	s.down = s.down && b.down && s.last >= b.first
	s.last = b.last
	s.lo, s.hi = min(s.lo, b.lo), max(s.hi, b.hi)
	for _, v := range b.distinct[:b.nd] {
		if s.nd == maxDistinct {
			break
		}
		s.addDistinct(v)
	}
	if b.nd == maxDistinct {
		s.nd = maxDistinct
	}
	s.flush()
	bb := *b
	bb.flush()
	s.mean, s.m2, s.m3, s.m4 = pebay(float64(s.n), s.mean, s.m2, s.m3, s.m4, float64(bb.n), bb.mean, bb.m2, bb.m3, bb.m4)
	s.n += b.n
}

// gapStats are the gaps between the consecutive distinct timestamps of a
// sensor's records, sorted.
type gapStats struct {
	large int64 // gaps longer than largeGap
	max   int64 // the longest gap in seconds (0 with fewer than two timestamps)
}

func (g *gapStats) add(gap int64) {
	if gap > largeGap {
		g.large++
	}
	g.max = max(g.max, gap)
}

// heuristics applies the four rules of section 4b to a sensor's values and
// gaps:
//   - LargeTimestampGaps: a gap (between consecutive distinct timestamps
//     of the sensor's records, whatever their cells) is large when longer
//     than 30 days (2,592,000 s); detected with one large gap or more;
//     MaxTimestampGapInDays is the longest gap in whole days, rounded down,
//     0 with fewer than two timestamps.
//   - CategoricalValues: N is the number of distinct valid values as
//     float64 (-0 and 0 are one); detected when 1 <= N <= 10.
//   - MonotonicValues, with n >= 2 valid values in read order: STATIC when
//     max - min <= 0.001 * max(|max|, |min|) (zero included); else
//     INCREASING when no value is below the one before it, DECREASING when
//     none is above it.
//   - MultipleOperatingModes: Sarle's bimodality coefficient BC = (G1^2 +
//     1) / (G2 + 3(n-1)^2 / ((n-2)(n-3))), G1 and G2 the bias-corrected
//     sample skewness and excess kurtosis; detected when n >= 4, the
//     sensor is neither categorical nor STATIC, and BC > 5/9.
func (s *valueStats) heuristics(g gapStats) verdicts {
	if s.nb > 0 {
		t := *s
		t.flush()
		s = &t
	}
	h := verdicts{LargeGaps: g.large, MaxGapDays: g.max / 86400, Distinct: s.nd, Bimodality: math.NaN()}
	h.Categorical = s.nd >= 1 && s.nd <= 10
	if s.n >= 2 {
		switch {
		case s.hi-s.lo <= staticBound*max(math.Abs(s.hi), math.Abs(s.lo)):
			h.Monotonicity = "STATIC"
		case s.up:
			h.Monotonicity = "INCREASING"
		case s.down:
			h.Monotonicity = "DECREASING"
		}
	}
	if s.n >= 4 {
		h.Bimodality = s.bimodality()
		h.MultipleModes = !h.Categorical && h.Monotonicity != "STATIC" && h.Bimodality > bimodalBound
	}
	return h
}

// bimodality returns Sarle's bimodality coefficient of at least 4 values,
// by section 4b's formula: NaN when they have no spread.
func (s *valueStats) bimodality() float64 {
	n := float64(s.n)
	m2, m3, m4 := s.m2/n, s.m3/n, s.m4/n
	g1 := m3 / math.Pow(m2, 1.5)
	g2 := m4/(m2*m2) - 3
	G1 := g1 * math.Sqrt(n*(n-1)) / (n - 2)
	G2 := ((n+1)*g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
	return (G1*G1 + 1) / (G2 + 3*(n-1)*(n-1)/((n-2)*(n-3)))
}

// pow10 holds the powers of ten a float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// fastDecimal returns the value of a plain decimal (no exponent) of nd
// digits whose digits, read as an integer, are mant, with frac of them
// after the point, when Clinger's fast path gives it exactly: mant and
// 10^frac both exact as float64 (at most 15 digits, frac <= 22), so one
// correctly rounded division is the correctly rounded value.
func fastDecimal(mant uint64, nd, frac int, neg bool) (float64, bool) {
	if nd > 15 || frac > 22 {
		return 0, false
	}
	v := float64(mant) / pow10[frac]
	// The sign without a branch (signs come at random): -0 for -0.
	return math.Float64frombits(math.Float64bits(v) | uint64(b2i(neg))<<63), true
}

// validValue returns the value of a cell that [Classify] finds valid.
func validValue(b []byte) float64 {
	v, _ := strconv.ParseFloat(unsafe.String(unsafe.SliceData(b), len(b)), 64)
	return v
}
