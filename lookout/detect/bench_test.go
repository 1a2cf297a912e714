package detect_test

import (
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect/internal/synth"
)

// yearData is the performance target's shape: 30 sensors (5 components of
// 6) over a year at 5 minutes, 105,120 rows, without anomalies.
var yearData = sync.OnceValue(func() *synth.Data {
	return synth.Generate(synth.Config{Seed: 1, Components: 5, SensorsPerComponent: 6, Days: 365, TrainDays: 365, Step: 300})
})

func frameOf(d *synth.Data, a, b int) *detect.Frame {
	return &detect.Frame{Start: d.Time(a), Step: d.Step, Sensors: d.Sensors, Columns: d.Part(a, b)}
}

// BenchmarkTrain trains on a year of 30 sensors, beside the baseline: the
// per-sensor mean and standard deviation a z-score detector learns (with
// the same forward fill).
func BenchmarkTrain(b *testing.B) {
	d := yearData()
	f := frameOf(d, 0, d.Rows())
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			zTrain(f)
		}
	})
	b.Run("detect", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := detect.Train(f, detect.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkScore scores a year of 30 sensors row by row with one Scorer
// (the streaming path: no memory grows with the data), beside the baseline,
// a per-sensor z-score of the same rows. The figure to read is values/s
// (sensor values scored per second).
func BenchmarkScore(b *testing.B) {
	d := yearData()
	f := frameOf(d, 0, d.Rows())
	m, err := detect.Train(f, detect.Options{})
	if err != nil {
		b.Fatal(err)
	}
	n, p := f.Rows(), len(f.Sensors)
	rows := make([][]float64, n)
	for i := range rows {
		rows[i] = make([]float64, p)
		for j := range p {
			rows[i][j] = f.Columns[j][i]
		}
	}
	report := func(b *testing.B) {
		b.ReportMetric(float64(n*p)*float64(b.N)/b.Elapsed().Seconds(), "values/s")
	}
	b.Run("baseline", func(b *testing.B) {
		mean, sd := zTrain(f)
		b.ReportAllocs()
		out := make([]float64, p)
		for b.Loop() {
			for _, r := range rows {
				zScore(mean, sd, r, out)
			}
		}
		report(b)
	})
	b.Run("detect", func(b *testing.B) {
		b.ReportAllocs()
		var res detect.Result
		for b.Loop() {
			s := m.NewScorer()
			for i, r := range rows {
				if err := s.Next(f.Time(i), r, &res); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b)
	})
}

// zTrain is the baseline's training: per-sensor mean and standard deviation.
func zTrain(f *detect.Frame) (mean, sd []float64) {
	p := len(f.Sensors)
	mean, sd = make([]float64, p), make([]float64, p)
	for j, c := range f.Columns {
		col := slices.Clone(c)
		prev := math.NaN()
		n := 0
		for i, v := range col {
			if math.IsNaN(v) {
				col[i] = prev
			} else {
				prev = v
			}
			if !math.IsNaN(col[i]) {
				mean[j] += col[i]
				n++
			}
		}
		mean[j] /= float64(n)
		for _, v := range col {
			if !math.IsNaN(v) {
				sd[j] += (v - mean[j]) * (v - mean[j])
			}
		}
		sd[j] = math.Sqrt(sd[j] / float64(n))
	}
	return mean, sd
}

// zScore is the baseline's scoring of one row: the largest squared z, and
// each sensor's share of the squares.
func zScore(mean, sd, row, shares []float64) float64 {
	top, sum := 0.0, 0.0
	for j, v := range row {
		if math.IsNaN(v) {
			v = mean[j]
		}
		z := (v - mean[j]) / sd[j]
		shares[j] = z * z
		sum += z * z
		top = max(top, z*z)
	}
	for j := range shares {
		shares[j] /= sum
	}
	return top / (top + 25)
}

// BenchmarkResample resamples a year of 30 sensors' records (each 7 s past
// its 5-minute point) onto the grid, beside the baseline: the loop that
// puts each record at its grid index and nothing more.
func BenchmarkResample(b *testing.B) {
	d := yearData()
	series := make([]detect.Series, len(d.Sensors))
	times := make([]int64, d.Rows())
	for i := range times {
		times[i] = (d.Time(i) - 7) * 1e9
	}
	for j := range series {
		series[j] = detect.Series{Sensor: d.Sensors[j], Times: times, Values: d.Columns[j]}
	}
	from, to := time.Unix(d.Start, 0), time.Unix(d.Time(d.Rows()-1), 0)
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range series {
				col := make([]float64, d.Rows())
				for i, t := range s.Times {
					col[(t/1e9-d.Start+d.Step-1)/d.Step] = s.Values[i]
				}
			}
		}
	})
	b.Run("detect", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := detect.Resample(series, from, to, 5*time.Minute); err != nil {
				b.Fatal(err)
			}
		}
	})
}
