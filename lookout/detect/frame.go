package detect

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Frame is sensor data on a regular time grid: row i is the time
// Start + i*Step (Unix seconds), Columns[j][i] the value of Sensors[j] there,
// NaN where it is missing. Every column has the same length.
type Frame struct {
	Start   int64 // Unix seconds of row 0
	Step    int64 // seconds between rows, at least 1
	Sensors []string
	Columns [][]float64
}

// Rows is the number of rows of the frame (0 for a frame without columns).
func (f *Frame) Rows() int {
	if len(f.Columns) == 0 {
		return 0
	}
	return len(f.Columns[0])
}

// Time is the Unix time of row i.
func (f *Frame) Time(i int) int64 { return f.Start + int64(i)*f.Step }

// check validates the frame's shape and values: what Train and Score accept.
func (f *Frame) check() error {
	if len(f.Sensors) == 0 {
		return &FrameError{Reason: "no sensors"}
	}
	if len(f.Columns) != len(f.Sensors) {
		return &FrameError{Reason: fmt.Sprintf("%d sensor names for %d columns", len(f.Sensors), len(f.Columns))}
	}
	if f.Step < 1 {
		return &FrameError{Reason: fmt.Sprintf("step %d s: at least 1 s needed", f.Step)}
	}
	n := len(f.Columns[0])
	for j, c := range f.Columns {
		if len(c) != n {
			return &FrameError{Reason: fmt.Sprintf("column %q has %d rows, column %q %d", f.Sensors[j], len(c), f.Sensors[0], n)}
		}
	}
	if n > 0 && (int64(n-1) > (math.MaxInt64-max(f.Start, 0))/f.Step || f.Start < math.MinInt64/2) {
		return &FrameError{Reason: "the grid's last time is past the int64 range"}
	}
	if err := checkNames(f.Sensors); err != nil {
		return err
	}
	for j, c := range f.Columns {
		for i, v := range c {
			if math.IsInf(v, 0) {
				return &ValueError{Sensor: f.Sensors[j], Time: f.Time(i), Value: v}
			}
		}
	}
	return nil
}

func checkNames(names []string) error {
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	for i, s := range sorted {
		if s == "" {
			return &FrameError{Reason: "an empty sensor name"}
		}
		if i > 0 && sorted[i-1] == s {
			return &FrameError{Reason: fmt.Sprintf("the sensor name %q is repeated", s)}
		}
	}
	return nil
}

// Series is one sensor's records: Values[i] was read at Times[i] (Unix
// nanoseconds, as time.Time.UnixNano gives). Times need not be sorted; a
// value that is NaN or infinite is not valid and is not used.
type Series struct {
	Sensor string
	Times  []int64
	Values []float64
}

// rates are the sampling rates the service offers (TargetSamplingRate),
// shortest first: PickRate chooses among them.
var rates = []time.Duration{
	time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour,
}

// MaxGridPoints bounds the rows Resample builds (sensors × rows is the
// memory it takes): a rate of 1 s over a year is 31,536,000 rows, and is
// refused.
const MaxGridPoints = 20_000_000

// PickRate is the rate the service uses when none is given: the median
// interval between consecutive distinct record times, pooled over every
// series, rounded up to the nearest of the service's rates (1, 5, 10, 15
// and 30 seconds, 1, 5, 10, 15 and 30 minutes, 1 hour; one hour when it is
// longer).
// A series whose Times and Values differ in length, or series without two
// distinct times among them all, are a *SeriesError.
func PickRate(series []Series) (time.Duration, error) {
	var gaps []int64
	for _, s := range series {
		if len(s.Times) != len(s.Values) {
			return 0, &SeriesError{Sensor: s.Sensor, Reason: fmt.Sprintf("%d times for %d values", len(s.Times), len(s.Values))}
		}
		ts := slices.Clone(s.Times)
		slices.Sort(ts)
		for i := 1; i < len(ts); i++ {
			if d := ts[i] - ts[i-1]; d > 0 {
				gaps = append(gaps, d)
			}
		}
	}
	if len(gaps) == 0 {
		name := ""
		if len(series) > 0 {
			name = series[0].Sensor
		}
		return 0, &SeriesError{Sensor: name, Reason: "no two distinct record times to measure an interval from"}
	}
	slices.Sort(gaps)
	// The median of an even count is the mean of the middle two.
	m := len(gaps) / 2
	med := float64(gaps[m])
	if len(gaps)%2 == 0 {
		med = (float64(gaps[m-1]) + float64(gaps[m])) / 2
	}
	for _, r := range rates {
		if float64(r) >= med {
			return r, nil
		}
	}
	return rates[len(rates)-1], nil
}

// Resample builds the grid the service trains and scores on: the points
// t = k*rate (aligned to the Unix epoch) with from <= t <= to; the point t
// stands for (t - rate, t] and takes the valid value of that interval with
// the latest time (of two at the same time, the later in Values); a point
// whose interval holds no valid value takes the previous point's value
// (forward fill), and records before the first point's interval feed that
// fill. Points before a sensor's first valid value are NaN. The frame's
// sensors are the series' names, in their order.
//
// The rate must be a whole number of seconds, at least one (*RateError);
// series with mismatched lengths or repeated names are refused
// (*SeriesError, *FrameError); a grid of more than MaxGridPoints rows is a
// *RateError. A range with no grid point gives a frame of zero rows.
func Resample(series []Series, from, to time.Time, rate time.Duration) (*Frame, error) {
	if rate < time.Second || rate%time.Second != 0 {
		return nil, &RateError{Rate: rate, Reason: "not a whole number of seconds of at least 1 s"}
	}
	names := make([]string, len(series))
	for j, s := range series {
		if len(s.Times) != len(s.Values) {
			return nil, &SeriesError{Sensor: s.Sensor, Reason: fmt.Sprintf("%d times for %d values", len(s.Times), len(s.Values))}
		}
		names[j] = s.Sensor
	}
	if len(series) == 0 {
		return nil, &FrameError{Reason: "no sensors"}
	}
	if err := checkNames(names); err != nil {
		return nil, err
	}
	step := int64(rate / time.Second)
	first := ceilDiv(from.Unix()+boolInt(from.Nanosecond() > 0), step) * step
	last := floorDiv(to.Unix(), step) * step
	const limit = math.MaxInt64/int64(time.Second) - 2*86400 // seconds that Unix nanoseconds hold, with room
	if first < -limit || last > limit {
		return nil, &FrameError{Reason: "a grid time past the range of Unix nanoseconds (years 1678 to 2262)"}
	}
	rows := 0
	if last >= first {
		n := (last-first)/step + 1
		if n > MaxGridPoints {
			return nil, &RateError{Rate: rate, Reason: fmt.Sprintf("the grid from %s to %s would have %d rows, more than %d",
				from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339), n, MaxGridPoints)}
		}
		rows = int(n)
	}
	f := &Frame{Start: first, Step: step, Sensors: names, Columns: make([][]float64, len(series))}
	stepNS := step * int64(time.Second)
	// Interval (t - rate, t] of point k = first + k*step, in nanoseconds.
	lo := (first - step) * int64(time.Second) // exclusive lower bound of point 0
	hi := last * int64(time.Second)           // inclusive upper bound of the last point
	at := make([]int64, rows)                 // time of the value col holds, read only where col is not NaN: shared by the sensors
	for j, s := range series {
		col := make([]float64, rows)
		for i := range col {
			col[i] = math.NaN()
		}
		carry, carryAt := math.NaN(), int64(math.MinInt64)
		for i, t := range s.Times {
			v := s.Values[i]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			switch {
			case t <= lo:
				if t >= carryAt {
					carry, carryAt = v, t
				}
			case rows > 0 && t <= hi:
				k := int((t - lo - 1) / stepNS)
				if math.IsNaN(col[k]) || t >= at[k] {
					col[k], at[k] = v, t
				}
			}
		}
		prev := carry
		for k := range col {
			if math.IsNaN(col[k]) {
				col[k] = prev
			} else {
				prev = col[k]
			}
		}
		f.Columns[j] = col
	}
	return f, nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

// Overlapping is a mask of f's rows for Options.Exclude: true for each row
// whose interval (t - step, t] meets one of the ranges [Start, End] (Unix
// seconds, inclusive), as a labelled range leaves out every grid point
// holding one of its records. A range ending before it starts holds no
// time and marks nothing.
func (f *Frame) Overlapping(ranges []Label) []bool {
	mask := make([]bool, f.Rows())
	for _, r := range ranges {
		if r.End < r.Start || len(mask) == 0 {
			continue
		}
		// First row with t >= r.Start; last row with t - step < r.End.
		a := ceilDiv(r.Start-f.Start, f.Step)
		b := floorDiv(r.End-f.Start+f.Step-1, f.Step)
		a, b = max(a, 0), min(b, int64(len(mask)-1))
		for i := a; i <= b; i++ {
			mask[i] = true
		}
	}
	return mask
}
