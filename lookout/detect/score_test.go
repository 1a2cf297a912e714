package detect_test

import (
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

// checkRules asserts the rules a written result must keep: score in [0, 1],
// prediction 1 exactly when it is above 0.5, shares in [0, 1] adding up to
// 1 within tol.
func checkRules(t testing.TB, r detect.Result, p int, tol float64) {
	if r.Score < 0 || r.Score > 1 || math.IsNaN(r.Score) {
		t.Fatalf("score %v at %d", r.Score, r.Time)
	}
	if (r.Score > 0.5) != (r.Prediction == 1) || (r.Prediction != 0 && r.Prediction != 1) {
		t.Fatalf("score %v with prediction %d at %d", r.Score, r.Prediction, r.Time)
	}
	if len(r.Shares) != p {
		t.Fatalf("%d shares for %d sensors", len(r.Shares), p)
	}
	sum := 0.0
	for _, v := range r.Shares {
		if !(v >= 0 && v <= 1) {
			t.Fatalf("share %v at %d", v, r.Time)
		}
		sum += v
	}
	if math.Abs(sum-1) > tol {
		t.Fatalf("shares add up to %v at %d", sum, r.Time)
	}
}

// TestScoreRules: on the benchmark's evaluation part, every result keeps
// the rules, exactly and once written with 5 decimals.
func TestScoreRules(t *testing.T) {
	t.Parallel()
	d, m := small(), smallModel()
	res, err := m.Score(frameOf(d, d.Train, d.Rows()))
	require.NoError(t, err)
	require.Len(t, res, d.Rows()-d.Train)
	ones := 0
	for i, r := range res {
		require.Equal(t, d.Time(d.Train+i), r.Time)
		checkRules(t, r, len(d.Sensors), 1e-12)
		w := r.Round()
		checkRules(t, w, len(d.Sensors), 1e-9)
		units := 0
		for _, v := range w.Shares {
			units += int(math.Round(v * 1e5))
		}
		require.Equal(t, 100000, units)
		assert.Equal(t, r.Prediction, w.Prediction)
		// The written values parse back to themselves at 5 decimals.
		for _, v := range append([]float64{w.Score}, w.Shares...) {
			s := strconv.FormatFloat(v, 'f', -1, 64)
			require.LessOrEqual(t, len(s), len("0.00000"), s)
		}
		ones += r.Prediction
	}
	assert.Positive(t, ones)
}

func TestScoreErrors(t *testing.T) {
	t.Parallel()
	d, m := small(), smallModel()
	f := frameOf(d, d.Train, d.Train+10)
	var mm *detect.MismatchError
	g := *f
	g.Step = 60
	_, err := m.Score(&g)
	require.ErrorAs(t, err, &mm)
	assert.Equal(t, "step", mm.What)
	g = *f
	g.Sensors = append([]string{g.Sensors[1], g.Sensors[0]}, g.Sensors[2:]...)
	_, err = m.Score(&g)
	require.ErrorAs(t, err, &mm)
	assert.Equal(t, "sensors", mm.What)
	g = *f
	g.Sensors, g.Columns = g.Sensors[1:], g.Columns[1:]
	_, err = m.Score(&g)
	require.ErrorAs(t, err, &mm)

	s := m.NewScorer()
	row := make([]float64, len(d.Sensors))
	var res detect.Result
	require.ErrorAs(t, s.Next(0, row[1:], &res), &mm)
	require.NoError(t, s.Next(100, row, &res))
	var oe *detect.OrderError
	require.ErrorAs(t, s.Next(100, row, &res), &oe)
	assert.Equal(t, detect.OrderError{Prev: 100, Time: 100}, *oe)
	row[3] = math.Inf(1)
	var ve *detect.ValueError
	require.ErrorAs(t, s.Next(200, row, &res), &ve)
	assert.Equal(t, d.Sensors[3], ve.Sensor)
	row[3] = 0
	require.NoError(t, s.Next(200, row, &res), "an error leaves the state unchanged")
}

// TestScoreMissing: missing values are carried forward (a sensor that stops
// reporting looks stuck), and a sensor missing from the start takes its
// median.
func TestScoreMissing(t *testing.T) {
	t.Parallel()
	d, m := small(), smallModel()
	f := frameOf(d, d.Train, d.Train+300)
	cols := make([][]float64, len(f.Columns))
	for j := range cols {
		cols[j] = append([]float64(nil), f.Columns[j]...)
	}
	f.Columns = cols
	for i := range 10 {
		cols[0][i] = math.NaN()
	}
	for i := 100; i < 300; i++ { // sensor 5 stops reporting for 200 rows
		cols[5][i] = math.NaN()
	}
	res, err := m.Score(f)
	require.NoError(t, err)
	flagged := false
	for _, r := range res[100:] {
		if r.Prediction == 1 {
			flagged = true
			top := 0
			for j, v := range r.Shares {
				if v > r.Shares[top] {
					top = j
				}
			}
			assert.Equal(t, 5, top)
		}
	}
	assert.True(t, flagged, "200 rows without a value are stuck")
}

func TestRound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		score     float64
		pred      int
		shares    []float64
		wantScore float64
		want      []float64
	}{
		{"above 0.5 by less than half a unit stays above", 0.500004, 1, []float64{1}, 0.50001, []float64{1}},
		{"0.5 itself, prediction 0", 0.5, 0, []float64{1}, 0.5, []float64{1}},
		{"just under 0.5 rounds to 0.5, prediction 0", 0.4999996, 0, []float64{1}, 0.5, []float64{1}},
		{"half a unit rounds away from zero", 0.123455, 0, []float64{1}, 0.12346, []float64{1}},
		{"1 stays 1", 1, 1, []float64{1}, 1, []float64{1}},
		{"0 stays 0", 0, 0, []float64{0.5, 0.5}, 0, []float64{0.5, 0.5}},
		{"thirds: the remainder to the earliest", 0.1, 0, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, 0.1, []float64{0.33334, 0.33333, 0.33333}},
		{"largest remainder", 0.1, 0, []float64{0.123456, 0.876544}, 0.1, []float64{0.12346, 0.87654}},
		{"shares not adding to 1 are scaled", 0.1, 0, []float64{2, 2}, 0.1, []float64{0.5, 0.5}},
		{"NaN and negative shares count as 0", 0.1, 0, []float64{math.NaN(), -1, 1}, 0.1, []float64{0, 0, 1}},
		{"all zero: equal", 0.1, 0, []float64{0, 0}, 0.1, []float64{0.5, 0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := detect.Result{Score: tt.score, Prediction: tt.pred, Shares: tt.shares}
			w := r.Round()
			assert.Equal(t, tt.wantScore, w.Score)
			assert.Equal(t, tt.pred, w.Prediction)
			assert.Equal(t, tt.want, w.Shares)
		})
	}
	// 300 equal shares: rounded alone they would add up to 0.999; apportioned
	// they add up to exactly 100,000 units.
	sh := make([]float64, 300)
	for j := range sh {
		sh[j] = 1.0 / 300
	}
	w := detect.Result{Shares: sh}.Round()
	units := 0
	for _, v := range w.Shares {
		units += int(math.Round(v * 1e5))
	}
	assert.Equal(t, 100000, units)
}

// TestScorerBoundedMemory: once its result has room, a Scorer allocates
// nothing per row: its memory is the model's, whatever the rows streamed.
func TestScorerBoundedMemory(t *testing.T) {
	d, m := small(), smallModel()
	s := m.NewScorer()
	row := make([]float64, len(d.Sensors))
	res := detect.Result{Shares: make([]float64, len(d.Sensors))}
	i := d.Train
	allocs := testing.AllocsPerRun(1000, func() {
		for j := range row {
			row[j] = d.Columns[j][i]
		}
		if err := s.Next(d.Time(i), row, &res); err != nil {
			t.Fatal(err)
		}
		i++
	})
	assert.Zero(t, allocs)
}

// TestScorerStreams: one Scorer fed a stream in pieces gives the results of
// Score on the whole; a fresh Scorer fed Warmup rows before a window gives
// the whole stream's predictions in the window.
func TestScorerStreams(t *testing.T) {
	t.Parallel()
	d, m := small(), smallModel()
	f := frameOf(d, d.Train, d.Rows())
	whole, err := m.Score(f)
	require.NoError(t, err)
	p := len(d.Sensors)
	row := make([]float64, p)
	feed := func(s *detect.Scorer, i int) detect.Result {
		for j := range p {
			row[j] = f.Columns[j][i]
		}
		var r detect.Result
		require.NoError(t, s.Next(f.Time(i), row, &r))
		return r
	}
	s := m.NewScorer()
	for i := range f.Rows() {
		require.Equal(t, whole[i], feed(s, i), "row %d", i)
	}
	// Windows of 12 rows every 500 rows, each with its own Scorer.
	w := m.Warmup()
	for start := w; start+12 <= f.Rows(); start += 500 {
		s := m.NewScorer()
		for i := start - w; i < start; i++ {
			feed(s, i)
		}
		for i := start; i < start+12; i++ {
			assert.Equal(t, whole[i].Prediction, feed(s, i).Prediction, "row %d", i)
		}
	}
}
