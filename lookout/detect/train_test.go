package detect_test

import (
	"bytes"
	"math"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect/internal/synth"
)

// small is the tests' benchmark variant (synth.Small), generated once.
var small = sync.OnceValue(func() *synth.Data { return synth.Generate(synth.Small) })

// smallModel is a model trained on small's training part.
var smallModel = sync.OnceValue(func() *detect.Model {
	d := small()
	m, err := detect.Train(frameOf(d, 0, d.Train), detect.Options{})
	if err != nil {
		panic(err)
	}
	return m
})

// tiny is a frame of 3 sensors and the given days at one hour: a sine, its
// double with noise, and a sensor following their sum.
func tiny(days int) *detect.Frame {
	n := days * 24
	f := &detect.Frame{Start: 1767225600, Step: 3600, Sensors: []string{`c\a`, `c\b`, `d\c`}, Columns: make([][]float64, 3)}
	for j := range f.Columns {
		f.Columns[j] = make([]float64, n)
	}
	for i := range n {
		x := math.Sin(2 * math.Pi * float64(i) / 24)
		noise := math.Sin(float64(i)*1.7) * 0.1
		f.Columns[0][i] = x
		f.Columns[1][i] = 2*x + noise
		f.Columns[2][i] = 3*x + math.Cos(float64(i)*0.3)
	}
	return f
}

func TestTrainErrors(t *testing.T) {
	t.Parallel()
	day := time.Duration(24 * time.Hour)
	mask := func(n, from int) []bool {
		m := make([]bool, n)
		for i := from; i < n; i++ {
			m[i] = true
		}
		return m
	}
	tests := []struct {
		name  string
		frame func() *detect.Frame
		opts  func(*detect.Frame) detect.Options
		check func(t *testing.T, err error)
	}{
		{"one hour short of 14 days", func() *detect.Frame {
			f := tiny(14)
			for j := range f.Columns {
				f.Columns[j] = f.Columns[j][1:]
			}
			return f
		}, nil, func(t *testing.T, err error) {
			var e *detect.TooLittleDataError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, 14*day-time.Hour, e.Span)
			assert.Contains(t, err.Error(), "13.96 days of data, at least 14 days needed")
		}},
		{"less than 7 days kept", func() *detect.Frame { return tiny(20) }, func(f *detect.Frame) detect.Options {
			return detect.Options{Exclude: mask(f.Rows(), 7*24-1)}
		}, func(t *testing.T, err error) {
			var e *detect.TooLittleDataError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, 20*day, e.Span)
			assert.Equal(t, 7*day-time.Hour, e.Kept)
		}},
		{"a sensor without a valid value", func() *detect.Frame {
			f := tiny(15)
			for i := range f.Columns[1] {
				f.Columns[1][i] = math.NaN()
			}
			return f
		}, nil, func(t *testing.T, err error) {
			var e *detect.NoValidValueError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, `c\b`, e.Sensor)
			assert.False(t, e.Anywhere)
			assert.Contains(t, err.Error(), `"c\\b" has no valid value`)
		}},
		{"a sensor valid only in left-out rows", func() *detect.Frame {
			f := tiny(15)
			for i := 10; i < len(f.Columns[2]); i++ {
				f.Columns[2][i] = math.NaN()
			}
			return f
		}, func(f *detect.Frame) detect.Options {
			m := make([]bool, f.Rows())
			for i := range 10 {
				m[i] = true
			}
			return detect.Options{Exclude: m}
		}, func(t *testing.T, err error) {
			var e *detect.NoValidValueError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, `d\c`, e.Sensor)
			assert.True(t, e.Anywhere)
		}},
		{"an infinite value", func() *detect.Frame {
			f := tiny(15)
			f.Columns[0][5] = math.Inf(-1)
			return f
		}, nil, func(t *testing.T, err error) {
			var e *detect.ValueError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, `c\a`, e.Sensor)
			assert.Equal(t, int64(1767225600+5*3600), e.Time)
		}},
		{"a mask of the wrong length", func() *detect.Frame { return tiny(15) }, func(f *detect.Frame) detect.Options {
			return detect.Options{Exclude: make([]bool, f.Rows()-1)}
		}, func(t *testing.T, err error) {
			var e *detect.MaskError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, detect.MaskError{Rows: 360, Mask: 359}, *e)
		}},
		{"columns of different lengths", func() *detect.Frame {
			f := tiny(15)
			f.Columns[2] = f.Columns[2][1:]
			return f
		}, nil, frameError},
		{"a step of 0", func() *detect.Frame { f := tiny(15); f.Step = 0; return f }, nil, frameError},
		{"no sensors", func() *detect.Frame { return &detect.Frame{Step: 1} }, nil, frameError},
		{"names and columns differ", func() *detect.Frame { f := tiny(15); f.Sensors = f.Sensors[:2]; return f }, nil, frameError},
		{"a repeated name", func() *detect.Frame { f := tiny(15); f.Sensors[2] = f.Sensors[0]; return f }, nil, frameError},
		{"past the int64 range", func() *detect.Frame { f := tiny(15); f.Start = math.MaxInt64 - 10; return f }, nil, frameError},
	}
	tests = append(tests, struct {
		name  string
		frame func() *detect.Frame
		opts  func(*detect.Frame) detect.Options
		check func(t *testing.T, err error)
	}{"a sensor that starts too late", func() *detect.Frame {
		f := tiny(15)
		for i := range 8*24 + 1 {
			f.Columns[1][i] = math.NaN()
		}
		return f
	}, nil, func(t *testing.T, err error) {
		var e *detect.TooLittleDataError
		require.ErrorAs(t, err, &e)
		assert.Equal(t, `c\b`, e.Late)
		assert.Equal(t, int64(1767225600+(8*24+1)*3600), e.First)
		assert.Contains(t, err.Error(), `sensor "c\\b" has no valid value before 2026-01-09T01:00:00Z`)
	}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := tt.frame()
			var opts detect.Options
			if tt.opts != nil {
				opts = tt.opts(f)
			}
			m, err := detect.Train(f, opts)
			assert.Nil(t, m)
			tt.check(t, err)
		})
	}
}

func frameError(t *testing.T, err error) {
	var e *detect.FrameError
	require.ErrorAs(t, err, &e)
}

func TestTrainBoundaries(t *testing.T) {
	t.Parallel()
	// Exactly 14 days, and exactly 7 kept, are enough.
	f := tiny(14)
	_, err := detect.Train(f, detect.Options{})
	require.NoError(t, err)
	f = tiny(14)
	mask := make([]bool, f.Rows())
	for i := 7 * 24; i < len(mask); i++ {
		mask[i] = true
	}
	_, err = detect.Train(f, detect.Options{Exclude: mask})
	require.NoError(t, err)
	// One sensor: its time of day alone predicts it.
	f = tiny(15)
	f.Sensors, f.Columns = f.Sensors[:1], f.Columns[:1]
	m1, err := detect.Train(f, detect.Options{})
	require.NoError(t, err)
	g1 := tiny(1)
	g1.Sensors, g1.Columns = g1.Sensors[:1], g1.Columns[:1]
	g1.Start = f.Time(f.Rows())
	g1.Columns[0][12] += 1
	r1, err := m1.Score(g1)
	require.NoError(t, err)
	assert.Equal(t, 1, r1[12].Prediction)
	assert.Equal(t, []float64{1}, r1[12].Shares)
	// Leading missing values are left out, not refused; a constant sensor is
	// accepted, and its change is an anomaly.
	f = tiny(15)
	for i := range 24 {
		f.Columns[0][i] = math.NaN()
	}
	for i := range f.Columns[2] {
		f.Columns[2][i] = 7
	}
	m, err := detect.Train(f, detect.Options{})
	require.NoError(t, err)
	g := tiny(2)
	g.Start = f.Time(f.Rows())
	for i := range g.Columns[2] {
		g.Columns[2][i] = 7
	}
	g.Columns[2][30] = 7.5
	res, err := m.Score(g)
	require.NoError(t, err)
	assert.Equal(t, 1, res[30].Prediction)
	assert.Greater(t, res[30].Shares[2], 0.99)
	assert.Equal(t, 0, res[29].Prediction)
}

// TestDeterministic: the same data gives the same model file and the same
// scores, on one core or two.
func TestDeterministic(t *testing.T) {
	d := small()
	train, eval := frameOf(d, 0, d.Train), frameOf(d, d.Train, d.Rows())
	run := func(procs int) ([]byte, []detect.Result) {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		m, err := detect.Train(train, detect.Options{})
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, m.Save(&b))
		res, err := m.Score(eval)
		require.NoError(t, err)
		return b.Bytes(), res
	}
	file1, res1 := run(1)
	file2, res2 := run(2)
	assert.Equal(t, file1, file2)
	assert.Equal(t, res1, res2)
}

// TestExclude: a masked-out anomaly does not move the model; the same
// anomaly kept in training raises the threshold.
func TestExclude(t *testing.T) {
	t.Parallel()
	clean := tiny(20)
	m0, err := detect.Train(clean, detect.Options{})
	require.NoError(t, err)
	dirty := tiny(20)
	mask := make([]bool, dirty.Rows())
	for i := 100; i < 110; i++ {
		dirty.Columns[1][i] += 50
		mask[i] = true
	}
	m1, err := detect.Train(dirty, detect.Options{Exclude: mask})
	require.NoError(t, err)
	m2, err := detect.Train(dirty, detect.Options{})
	require.NoError(t, err)
	assert.InDelta(t, m0.Threshold(), m1.Threshold(), 0.5*m0.Threshold())
	assert.Greater(t, m2.Threshold(), m1.Threshold())
}
