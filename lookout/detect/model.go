package detect

import (
	"math"
	"slices"
	"time"
)

// The detector's fixed parameters; the package doc states their role.
const (
	clipZ       = 3                 // residual clip before the drift mean
	driftWindow = 3 * time.Hour     // span of the drift mean
	ridge       = 0.01              // ridge penalty, per row, on standardised features
	maxWindow   = 4096              // most rows the drift mean holds
	minWindow   = 3                 // fewest rows the drift mean holds
	tailSteps   = 3                 // decades the threshold extrapolates past the 99.9th percentile
	zLimit      = 1e100             // standardised values are clamped to ±zLimit
	minScale    = 1e-6              // least residual and drift scale, in standardised units
	harmonics   = 4                 // time-of-day features: sin, cos of the day and of its half
	features    = harmonics + 1     // plus the intercept
	day         = 24 * 60 * 60      // seconds
	twoPi       = 2 * math.Pi / day // radians per second of the daily cycle
)

// Model is a trained detector: what Train learnt from the training data.
// A Model is immutable and safe for concurrent use; its Scorers are not.
type Model struct {
	step       int64
	sensors    []string
	center     []float64 // per sensor: median of the training values
	scale      []float64 // per sensor: robust spread (1.4826 MAD, else std, else 1)
	coef       []float64 // p rows of q = p+features coefficients: sensor j from the others
	resScale   []float64 // per sensor: robust spread of its regression residual
	driftScale []float64 // per sensor: robust spread of its residual's rolling mean
	stuckLen   []int64   // per sensor: longest run of one value that is not stuck
	window     int       // rows of the rolling mean
	threshold  float64   // the combined statistic that scores 0.5
}

// Sensors is the model's sensors, in the order of the training frame: the
// order of every Result's Shares.
func (m *Model) Sensors() []string { return slices.Clone(m.sensors) }

// Step is the grid step the model was trained on, in seconds; Score needs
// data on the same step.
func (m *Model) Step() int64 { return m.step }

// Warmup is how many rows a Scorer needs before its predictions are those
// of a Scorer that saw the whole stream: the drift window, or the longest
// run that is not stuck, plus one (whichever is more). Until it has seen a
// drift window of rows, a Scorer leaves the drift part out; a stuck run
// longer than the rows it has seen is found, but scored as that shorter
// run. A caller that scores short windows (an inference run) feeds a
// Scorer at least this many rows before the window, or keeps one Scorer
// across windows.
func (m *Model) Warmup() int {
	w := int64(m.window)
	for _, l := range m.stuckLen {
		w = max(w, l)
	}
	return int(w) + 1
}

// Threshold is the combined statistic that scores exactly 0.5.
func (m *Model) Threshold() float64 { return m.threshold }

// Options are Train's choices.
type Options struct {
	// Exclude, when not nil, has one entry per row of the training frame:
	// true leaves the row out of training (labelled ranges, rows where the
	// off condition holds). Left-out rows count in the span of the data but
	// nothing is learnt from them.
	Exclude []bool
}

// Train learns a model from f, a regular grid (Resample builds one). Values
// that are NaN are missing: each is carried forward from the sensor's last
// valid value; rows before every sensor has had a valid value are left out.
//
// Errors: a malformed frame (*FrameError, *ValueError for an infinite
// value), a mask of the wrong length (*MaskError), a sensor with no valid
// value in the rows kept (*NoValidValueError, naming the first in frame
// order), a grid spanning less than MinTrainingSpan or keeping less than
// MinKeptSpan (*TooLittleDataError).
func Train(f *Frame, opts Options) (*Model, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	n, p := f.Rows(), len(f.Sensors)
	if opts.Exclude != nil && len(opts.Exclude) != n {
		return nil, &MaskError{Rows: n, Mask: len(opts.Exclude)}
	}
	excluded := func(i int) bool { return opts.Exclude != nil && opts.Exclude[i] }
	span := time.Duration(n) * time.Duration(f.Step) * time.Second
	if span < MinTrainingSpan {
		return nil, &TooLittleDataError{Span: span}
	}
	// A sensor needs a valid value in a kept row.
	for j, c := range f.Columns {
		kept, any := false, false
		for i, v := range c {
			if !math.IsNaN(v) {
				any = true
				if !excluded(i) {
					kept = true
					break
				}
			}
		}
		if !kept {
			return nil, &NoValidValueError{Sensor: f.Sensors[j], Anywhere: any}
		}
	}
	// Forward fill; rows before the last first-valid value are incomplete.
	filled := make([][]float64, p)
	start, late := 0, ""
	for j, c := range f.Columns {
		col := slices.Clone(c)
		first := -1
		prev := math.NaN()
		for i, v := range col {
			if math.IsNaN(v) {
				col[i] = prev
			} else {
				prev = v
				if first < 0 {
					first = i
				}
			}
		}
		if first > start {
			start, late = first, f.Sensors[j]
		}
		filled[j] = col
	}
	rows := make([]int, 0, n) // the kept rows, in time order
	for i := start; i < n; i++ {
		if !excluded(i) {
			rows = append(rows, i)
		}
	}
	kept := time.Duration(len(rows)) * time.Duration(f.Step) * time.Second
	if kept < MinKeptSpan {
		e := &TooLittleDataError{Span: span, Kept: kept}
		if start > 0 {
			e.Late, e.First = late, f.Time(start)
		}
		return nil, e
	}
	nk := len(rows)

	m := &Model{
		step:       f.Step,
		sensors:    slices.Clone(f.Sensors),
		center:     make([]float64, p),
		scale:      make([]float64, p),
		resScale:   make([]float64, p),
		driftScale: make([]float64, p),
		stuckLen:   make([]int64, p),
		window:     min(max(int(int64(driftWindow/time.Second)/f.Step), minWindow), maxWindow),
	}
	// Robust standardisation.
	buf := make([]float64, nk)
	for j := range p {
		for k, i := range rows {
			buf[k] = filled[j][i]
		}
		med, mad := medianMAD(buf)
		s := 1.4826 * mad
		if !(s > 0) {
			_, s = meanStd(buf)
		}
		if !(s > 0) || math.IsInf(s, 0) {
			s = 1
		}
		m.center[j], m.scale[j] = med, s
	}
	// Standardised kept rows, row-major with the time features: x[k*q : k*q+q].
	q := p + features
	x := make([]float64, nk*q)
	for k, i := range rows {
		r := x[k*q : k*q+q]
		for j := range p {
			r[j] = m.standard(j, filled[j][i])
		}
		timeFeatures(r[p:], f.Time(i))
	}
	// Gram matrix, upper triangle then mirrored.
	g := make([]float64, q*q)
	for k := range nk {
		r := x[k*q : k*q+q]
		for a, ra := range r {
			if ra == 0 {
				continue
			}
			row := g[a*q : a*q+q]
			for b := a; b < q; b++ {
				row[b] += ra * r[b]
			}
		}
	}
	for a := range q {
		for b := range a {
			g[a*q+b] = g[b*q+a]
		}
	}
	// Ridge regression of each sensor on the others and the time features.
	m.coef = make([]float64, p*q)
	a := make([]float64, (q-1)*(q-1))
	rhs := make([]float64, q-1)
	idx := make([]int, 0, q-1)
	for j := range p {
		idx = idx[:0]
		for c := range q {
			if c != j {
				idx = append(idx, c)
			}
		}
		for u, cu := range idx {
			for v, cv := range idx {
				a[u*(q-1)+v] = g[cu*q+cv]
			}
			if cu != q-1 { // the intercept is not penalised
				a[u*(q-1)+u] += ridge * float64(nk)
			}
			rhs[u] = g[cu*q+j]
		}
		if !cholSolve(a, rhs, q-1) {
			// The matrix is positive definite (the ridge on every
			// coefficient but the intercept's, whose diagonal is the row
			// count); rounding can break that only with standardised values
			// near the clamp, some 1e100 apart. The sensor is then
			// predicted by its median alone, as an infinite ridge would.
			clear(rhs)
		}
		for u, cu := range idx {
			m.coef[j*q+cu] = rhs[u]
		}
	}
	// Residual spreads.
	for j := range p {
		cj := m.coef[j*q : j*q+q]
		for k := range nk {
			r := x[k*q : k*q+q]
			buf[k] = r[j] - dot(cj, r)
		}
		_, mad := medianMAD(buf)
		_, std := meanStd(buf)
		m.resScale[j] = max(1.4826*mad, 0.1*std, minScale)
	}
	x = nil

	// The sequential parts, by the Scorer itself on the kept rows: the drift
	// scale and the run lengths need one pass, the threshold their result.
	m.threshold = 1
	for j := range p {
		m.driftScale[j] = 1
		m.stuckLen[j] = math.MaxInt64
	}
	sc := m.NewScorer()
	e2 := make([]float64, 0, nk*p)
	mean := make([]float64, 0, nk*p)
	longest := make([]int64, p)
	row := make([]float64, p)
	for _, i := range rows {
		for j := range p {
			row[j] = filled[j][i]
		}
		sc.advance(f.Time(i), row)
		if sc.filled < m.window {
			continue
		}
		for j := range p {
			e2 = append(e2, sc.e[j]*sc.e[j])
			mean = append(mean, sc.mean(j))
			longest[j] = max(longest[j], sc.run[j])
		}
	}
	if len(e2) == 0 {
		return nil, &TooLittleDataError{Span: span, Kept: kept}
	}
	nw := len(e2) / p
	col := make([]float64, nw)
	for j := range p {
		for k := range nw {
			col[k] = math.Abs(mean[k*p+j])
		}
		slices.Sort(col)
		m.driftScale[j] = max(1.4826*quantile(col, 0.5), minScale)
		m.stuckLen[j] = max(longest[j]+longest[j]/2, longest[j]+3)
	}
	// The combined statistic over the training rows, and its threshold.
	stat := make([]float64, nw)
	for k := range nw {
		s := 0.0
		for j := range p {
			d := mean[k*p+j] / m.driftScale[j]
			s = max(s, e2[k*p+j], d*d)
		}
		stat[k] = s
	}
	slices.Sort(stat)
	m.threshold = max(tail(stat), 1)
	return m, nil
}

// tail is the threshold rule: the 99.9th percentile of sorted plus
// tailSteps times its distance from the 99th, extrapolating an exponential
// tail tailSteps decades further.
func tail(sorted []float64) float64 {
	q99, q999 := quantile(sorted, 0.99), quantile(sorted, 0.999)
	return q999 + tailSteps*(q999-q99)
}

// standard is sensor j's value v standardised and clamped to ±zLimit.
func (m *Model) standard(j int, v float64) float64 {
	z := (v - m.center[j]) / m.scale[j]
	return min(max(z, -zLimit), zLimit)
}

// timeFeatures writes the time-of-day features of t and the intercept into
// r (len features).
func timeFeatures(r []float64, t int64) {
	sec := t % day
	if sec < 0 {
		sec += day
	}
	s, c := math.Sincos(float64(sec) * twoPi)
	r[0], r[1] = s, c
	r[2], r[3] = 2*s*c, c*c-s*s
	r[4] = 1
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}
