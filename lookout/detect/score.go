package detect

import (
	"fmt"
	"math"
	"strings"
)

// Result is the detector's verdict on one timestamp.
type Result struct {
	Time       int64     // Unix seconds
	Score      float64   // in [0, 1]
	Prediction int       // 1 exactly when Score > 0.5, else 0
	Shares     []float64 // per sensor, in the model's order: each in [0, 1], adding up to 1
}

// Scorer scores rows one at a time, keeping the state the detector needs
// (last values, run lengths, the rolling mean): memory bounded by the
// model, whatever the length of the data. A Scorer is not safe for
// concurrent use; a Model may have any number of them.
type Scorer struct {
	m       *Model
	started bool
	prev    int64     // last time scored
	last    []float64 // last valid value per sensor (NaN before any)
	run     []int64   // rows the sensor has held its value
	ring    []float64 // window × p clipped residuals
	sum     []float64 // per sensor: sum of the ring's column
	pos     int       // next ring row to write
	filled  int       // rows in the ring (up to window)
	since   int       // rows since the sums were last recomputed
	x       []float64 // features of the current row
	e       []float64 // residuals of the current row, in residual spreads
	c       []float64 // contributions of the current row
}

// NewScorer is a Scorer at the start of a stream.
func (m *Model) NewScorer() *Scorer {
	p := len(m.sensors)
	s := &Scorer{
		m:    m,
		last: make([]float64, p),
		run:  make([]int64, p),
		ring: make([]float64, m.window*p),
		sum:  make([]float64, p),
		x:    make([]float64, p+features),
		e:    make([]float64, p),
		c:    make([]float64, p),
	}
	for j := range s.last {
		s.last[j] = math.NaN()
	}
	return s
}

// Next scores the row of values (one per model sensor, in the model's
// order; NaN for missing) at time t, writing the result into res, whose
// Shares it reuses when it has the room. A missing value is carried forward
// from the sensor's last valid one (the training median before any), as
// Resample does. Rows must come in increasing time (*OrderError); the row
// must have one value per sensor (*MismatchError) and no infinite value
// (*ValueError). On error the Scorer's state is unchanged. Rows where the
// machine is off (the service's MACHINE_OFF) are simply not fed: training
// left them out the same way.
func (s *Scorer) Next(t int64, row []float64, res *Result) error {
	m := s.m
	if len(row) != len(m.sensors) {
		return &MismatchError{What: "sensors", Want: fmt.Sprint(len(m.sensors), " values"), Got: fmt.Sprint(len(row), " values")}
	}
	if s.started && t <= s.prev {
		return &OrderError{Prev: s.prev, Time: t}
	}
	for j, v := range row {
		if math.IsInf(v, 0) {
			return &ValueError{Sensor: m.sensors[j], Time: t, Value: v}
		}
	}
	stat := s.advance(t, row)
	res.Time = t
	p := len(m.sensors)
	if cap(res.Shares) >= p {
		res.Shares = res.Shares[:p]
	} else {
		res.Shares = make([]float64, p)
	}
	res.Score, res.Prediction = scoreOf(stat, m.threshold)
	shares(res.Shares, s.c)
	return nil
}

// scoreOf maps the combined statistic to a score: stat/(stat+threshold),
// 0.5 at the threshold.
func scoreOf(stat, threshold float64) (float64, int) {
	score := stat / (stat + threshold)
	if math.IsNaN(score) { // stat is +Inf
		score = 1
	}
	if stat > threshold {
		if !(score > 0.5) { // stat and threshold a few ulps apart
			score = math.Nextafter(0.5, 1)
		}
		return score, 1
	}
	return min(score, 0.5), 0
}

// shares writes c / Σc into dst; equal shares when every c is 0.
func shares(dst, c []float64) {
	total := 0.0
	for _, v := range c {
		total += v
	}
	if !(total > 0) {
		for j := range dst {
			dst[j] = 1 / float64(len(dst))
		}
		return
	}
	sum := 0.0
	for j, v := range c {
		dst[j] = v / total
		sum += dst[j]
	}
	// The division can leave the sum a few ulps from 1: fold them into the
	// largest share.
	if sum != 1 {
		big := 0
		for j := range dst {
			if dst[j] > dst[big] {
				big = j
			}
		}
		dst[big] = max(dst[big]+(1-sum), 0)
	}
}

// advance takes the row into the state and computes the current residuals,
// contributions and the combined statistic, which it returns.
func (s *Scorer) advance(t int64, row []float64) float64 {
	m := s.m
	p := len(m.sensors)
	s.started, s.prev = true, t
	x := s.x
	for j, v := range row {
		switch {
		case !math.IsNaN(v):
			if v == s.last[j] {
				s.run[j]++
			} else {
				s.run[j] = 1
			}
			s.last[j] = v
		case !math.IsNaN(s.last[j]):
			v = s.last[j]
			s.run[j]++
		default:
			v = m.center[j]
		}
		x[j] = m.standard(j, v)
	}
	timeFeatures(x[p:], t)
	q := p + features
	ring := s.ring[s.pos*p : s.pos*p+p]
	full := s.filled == m.window
	for j := range p {
		e := (x[j] - dot(m.coef[j*q:j*q+q], x)) / m.resScale[j]
		s.e[j] = e
		u := min(max(e, -clipZ), clipZ)
		if full {
			s.sum[j] -= ring[j]
		}
		ring[j] = u
		s.sum[j] += u
	}
	s.pos++
	if s.pos == m.window {
		s.pos = 0
	}
	if !full {
		s.filled++
	}
	// Recompute the sums now and then, so that rounding cannot accumulate.
	s.since++
	if s.since >= m.window {
		s.since = 0
		clear(s.sum)
		for r := range s.filled {
			for j, u := range s.ring[r*p : r*p+p] {
				s.sum[j] += u
			}
		}
	}
	stat := 0.0
	warm := s.filled == m.window
	for j := range p {
		c := s.e[j] * s.e[j]
		if warm {
			d := s.mean(j) / m.driftScale[j]
			c = max(c, d*d)
		}
		if r := s.run[j]; r > m.stuckLen[j] {
			k := float64(r) / float64(m.stuckLen[j])
			c = max(c, m.threshold*k*k)
		}
		c = min(c, math.MaxFloat64/float64(2*p))
		s.c[j] = c
		stat = max(stat, c)
	}
	return stat
}

// mean is the rolling mean of sensor j's clipped residual.
func (s *Scorer) mean(j int) float64 { return s.sum[j] / float64(s.filled) }

// Score scores every row of f, whose sensors (names and order) and step must
// be the model's (*MismatchError); f is checked as Train checks it. The
// rows are scored by one Scorer from the frame's first row; the results
// take memory in proportion to the rows: a Scorer streams in bounded memory.
func (m *Model) Score(f *Frame) ([]Result, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	if f.Step != m.step {
		return nil, &MismatchError{What: "step", Want: fmt.Sprint(m.step, " s"), Got: fmt.Sprint(f.Step, " s")}
	}
	if !equalStrings(f.Sensors, m.sensors) {
		return nil, &MismatchError{What: "sensors", Want: strings.Join(m.sensors, ", "), Got: strings.Join(f.Sensors, ", ")}
	}
	n, p := f.Rows(), len(m.sensors)
	out := make([]Result, n)
	back := make([]float64, n*p)
	row := make([]float64, p)
	s := m.NewScorer()
	for i := range n {
		for j := range p {
			row[j] = f.Columns[j][i]
		}
		out[i].Shares = back[i*p : i*p+p : i*p+p]
		if err := s.Next(f.Time(i), row, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
