package detect_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

var nan = math.NaN()

func sec(s float64) int64 { return int64(math.Round(s * 1e9)) } // Unix seconds to nanoseconds

func TestResample(t *testing.T) {
	t.Parallel()
	at := func(s int64) time.Time { return time.Unix(s, 0) }
	tests := []struct {
		name     string
		times    []float64
		values   []float64
		from, to time.Time
		rate     time.Duration
		start    int64
		want     []float64
	}{
		{"the point t takes (t-rate, t]", []float64{60, 61, 120, 181}, []float64{1, 2, 3, 4}, at(60), at(240), time.Minute, 60, []float64{1, 3, 3, 4}},
		{"the latest valid value of the interval", []float64{61, 100, 119}, []float64{1, 2, 3}, at(60), at(120), time.Minute, 60, []float64{nan, 3}},
		{"forward fill", []float64{60}, []float64{5}, at(60), at(240), time.Minute, 60, []float64{5, 5, 5, 5}},
		{"records before the grid feed the fill", []float64{10, 30}, []float64{1, 2}, at(60), at(120), time.Minute, 60, []float64{2, 2}},
		{"a record at the first point's lower bound is before it", []float64{0, 60}, []float64{1, 2}, at(60), at(60), time.Minute, 60, []float64{2}},
		{"NaN and Inf are not valid", []float64{50, 55, 58}, []float64{1, nan, math.Inf(1)}, at(60), at(60), time.Minute, 60, []float64{1}},
		{"unsorted times: the latest wins", []float64{119, 61}, []float64{9, 1}, at(120), at(120), time.Minute, 120, []float64{9}},
		{"equal times: the later record wins", []float64{90, 90}, []float64{1, 2}, at(120), at(120), time.Minute, 120, []float64{2}},
		{"from and to round inward to the grid", []float64{100}, []float64{1}, at(61), at(179), time.Minute, 120, []float64{1}},
		{"a from with nanoseconds rounds up", []float64{100}, []float64{1}, time.Unix(120, 1), at(180), time.Minute, 180, []float64{1}},
		{"records after the grid are not used", []float64{100, 200}, []float64{1, 2}, at(120), at(180), time.Minute, 120, []float64{1, 1}},
		{"sub-second times", []float64{119.5, 120.25}, []float64{1, 2}, at(120), at(121), time.Second, 120, []float64{1, 2}},
		{"negative times", []float64{-61, -1}, []float64{1, 2}, at(-60), at(0), time.Minute, -60, []float64{1, 2}},
		{"an empty range", []float64{1}, []float64{1}, at(61), at(119), time.Minute, 120, []float64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := make([]int64, len(tt.times))
			for i, s := range tt.times {
				ts[i] = sec(s)
			}
			f, err := detect.Resample([]detect.Series{{Sensor: "a", Times: ts, Values: tt.values}}, tt.from, tt.to, tt.rate)
			require.NoError(t, err)
			assert.Equal(t, int64(tt.rate/time.Second), f.Step)
			if len(tt.want) > 0 {
				assert.Equal(t, tt.start, f.Start)
			}
			require.Len(t, f.Columns[0], len(tt.want))
			for i, w := range tt.want {
				if math.IsNaN(w) {
					assert.True(t, math.IsNaN(f.Columns[0][i]), "row %d: %v", i, f.Columns[0][i])
				} else {
					assert.Equal(t, w, f.Columns[0][i], "row %d", i)
				}
			}
		})
	}
}

func TestResampleErrors(t *testing.T) {
	t.Parallel()
	ok := detect.Series{Sensor: "a", Times: []int64{0}, Values: []float64{1}}
	at := time.Unix(0, 0)
	tests := []struct {
		name   string
		series []detect.Series
		to     time.Time
		rate   time.Duration
		target any
	}{
		{"a rate under a second", []detect.Series{ok}, at, time.Second / 2, new(*detect.RateError)},
		{"a rate that is not whole seconds", []detect.Series{ok}, at, 1500 * time.Millisecond, new(*detect.RateError)},
		{"a grid too large", []detect.Series{ok}, at.Add(time.Duration(detect.MaxGridPoints) * time.Second), time.Second, new(*detect.RateError)},
		{"times and values differ", []detect.Series{{Sensor: "a", Times: []int64{0}}}, at, time.Second, new(*detect.SeriesError)},
		{"no series", nil, at, time.Second, new(*detect.FrameError)},
		{"a repeated name", []detect.Series{ok, ok}, at, time.Second, new(*detect.FrameError)},
		{"an empty name", []detect.Series{{Times: []int64{0}, Values: []float64{1}}}, at, time.Second, new(*detect.FrameError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := detect.Resample(tt.series, at, tt.to, tt.rate)
			require.Error(t, err)
			assert.True(t, errors.As(err, tt.target), "%T: %v", err, err)
		})
	}
	// One point short of the limit is accepted.
	f, err := detect.Resample([]detect.Series{ok}, at, at.Add(time.Duration(detect.MaxGridPoints-1)*time.Second), time.Second)
	require.NoError(t, err)
	assert.Equal(t, detect.MaxGridPoints, f.Rows())
}

func TestPickRate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		times [][]float64
		want  time.Duration
	}{
		{"exactly a rate", [][]float64{{0, 300, 600}}, 5 * time.Minute},
		{"just over a rate rounds up", [][]float64{{0, 300.5, 601}}, 10 * time.Minute},
		{"just under a rate", [][]float64{{0, 299, 598}}, 5 * time.Minute},
		{"sub-second intervals", [][]float64{{0, 0.1, 0.2}}, time.Second},
		{"longer than an hour", [][]float64{{0, 7200, 14400}}, time.Hour},
		{"the median, not the mean", [][]float64{{0, 60, 120, 180, 100000}}, time.Minute},
		{"an even count: the mean of the middle two", [][]float64{{0, 10, 30, 60, 90}}, 30 * time.Second},
		{"unsorted, duplicates ignored", [][]float64{{120, 0, 60, 60}}, time.Minute},
		{"pooled over series", [][]float64{{0, 5}, {0, 5}, {0, 3600}}, 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var series []detect.Series
			for k, ts := range tt.times {
				s := detect.Series{Sensor: string(rune('a' + k))}
				for _, v := range ts {
					s.Times = append(s.Times, sec(v))
					s.Values = append(s.Values, 1)
				}
				series = append(series, s)
			}
			got, err := detect.PickRate(series)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := detect.PickRate([]detect.Series{{Sensor: "a", Times: []int64{5, 5}, Values: []float64{1, 2}}})
	var se *detect.SeriesError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "a", se.Sensor)
	_, err = detect.PickRate(nil)
	require.ErrorAs(t, err, &se)
	_, err = detect.PickRate([]detect.Series{{Sensor: "b", Times: []int64{1, 2}}})
	require.ErrorAs(t, err, &se)
}

func TestOverlapping(t *testing.T) {
	t.Parallel()
	f := &detect.Frame{Start: 600, Step: 60, Sensors: []string{"a"}, Columns: [][]float64{make([]float64, 5)}} // 600..840
	tests := []struct {
		name   string
		ranges []detect.Label
		want   []bool
	}{
		{"none", nil, []bool{false, false, false, false, false}},
		{"a range on one point", []detect.Label{{660, 660}}, []bool{false, true, false, false, false}},
		{"a range just after a point is the next one's", []detect.Label{{661, 661}}, []bool{false, false, true, false, false}},
		{"a range ending at a point's lower bound is not in it", []detect.Label{{500, 600}}, []bool{true, false, false, false, false}},
		{"across points", []detect.Label{{630, 730}}, []bool{false, true, true, true, false}},
		{"outside the grid", []detect.Label{{0, 100}, {900, 1000}}, []bool{false, false, false, false, false}},
		{"covering it", []detect.Label{{0, 10000}}, []bool{true, true, true, true, true}},
		{"reversed ranges are ignored", []detect.Label{{700, 600}}, []bool{false, false, false, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, f.Overlapping(tt.ranges))
		})
	}
}
