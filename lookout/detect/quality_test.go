package detect_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect/internal/synth"
)

// TestQuality holds the detector to the quality targets on the benchmark's
// small variant (synth.Small: 21 sensors in 3 components, 15 days of
// training, 25 of evaluation with 2 anomalies of each kind), scored from the
// written (rounded) results: recall at least 0.9 for each kind, at most 1%
// of normal time flagged, at most 1 false event per 30 days, and the
// injected sensor first in the diagnostics of at least 90% of the events
// found. `go run ./lookout/detect/internal/detectbench` runs the full one.
func TestQuality(t *testing.T) {
	t.Parallel()
	d, m := small(), smallModel()
	res, err := m.Score(frameOf(d, d.Train, d.Rows()))
	require.NoError(t, err)
	pred := make([]int, len(res))
	shares := make([][]float64, len(res))
	for i, r := range res {
		w := r.Round()
		pred[i], shares[i] = w.Prediction, w.Shares
	}
	rep := d.Evaluate(pred, shares)
	var b strings.Builder
	rep.Print(&b, "detect")
	t.Log("\n" + b.String())
	for k := range synth.NumKinds {
		require.Equal(t, synth.Small.EventsPerKind, rep.Kinds[k].Events)
		assert.GreaterOrEqual(t, rep.Recall(k), 0.9, "recall of %v", k)
	}
	assert.LessOrEqual(t, rep.FlaggedShare(), 0.01)
	assert.LessOrEqual(t, rep.FalsePer30Days(), 1.0)
	assert.GreaterOrEqual(t, rep.TopShare(), 0.9)
}

// TestQualityMetrics: the benchmark's injected events, given as labels,
// are found in ModelMetrics.
func TestQualityMetrics(t *testing.T) {
	t.Parallel()
	d, m := small(), smallModel()
	eval := frameOf(d, d.Train, d.Rows())
	res, err := m.Score(eval)
	require.NoError(t, err)
	var labels []detect.Label
	for _, e := range d.Events {
		labels = append(labels, detect.Label{Start: d.Time(e.Row), End: d.Time(e.Row + e.Rows - 1)})
	}
	met := detect.Evaluate(labels, detect.Ranges(res, m.Sensors(), m.Step()), eval.Start, eval.Time(eval.Rows()-1))
	assert.Equal(t, len(d.Events), met.LabeledEvents.NumLabeled)
	assert.Equal(t, len(d.Events), met.LabeledEvents.NumIdentified)
	assert.LessOrEqual(t, met.UnknownEvents.NumIdentified, 1)
}

// TestBenchmarkRelationInRange: the benchmark's broken relations keep their
// sensor within its training range from the 1st to the 99th percentile.
func TestBenchmarkRelationInRange(t *testing.T) {
	t.Parallel()
	d := small()
	n := 0
	for _, e := range d.Events {
		if e.Kind != synth.Relation {
			continue
		}
		n++
		var tr []float64
		for _, v := range d.Columns[e.Sensor][:d.Train] {
			if v == v {
				tr = append(tr, v)
			}
		}
		slices.Sort(tr)
		lo, hi := synth.Percentile(tr, 1), synth.Percentile(tr, 99)
		for r := e.Row; r < e.Row+e.Rows; r++ {
			v := d.Columns[e.Sensor][r]
			require.True(t, v >= lo && v <= hi, "row %d: %v outside [%v, %v]", r, v, lo, hi)
		}
	}
	require.Equal(t, synth.Small.EventsPerKind, n)
}
