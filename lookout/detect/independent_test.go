package detect_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

// TestIndependentSensors: on data unlike the benchmark's (five unrelated
// sensors of Gaussian noise at 10 minutes, no daily cycle), a spike of 8
// standard deviations and a sensor stuck for 6 hours are found, on their
// sensor, and 10 days of normal data raise at most one range.
func TestIndependentSensors(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	const step, p = 600, 5
	days := 30
	n := days * 86400 / step
	f := &detect.Frame{Start: 1767225600, Step: step, Sensors: []string{"a", "b", "c", "d", "e"}, Columns: make([][]float64, p)}
	for j := range p {
		f.Columns[j] = make([]float64, n)
		for i := range n {
			f.Columns[j][i] = 10*float64(j) + (1+float64(j))*rng.NormFloat64()
		}
	}
	train := n * 2 / 3
	spike, stuck := train+400, train+900
	f.Columns[1][spike] += 8 * 2
	for i := stuck; i < stuck+36; i++ {
		f.Columns[3][i] = f.Columns[3][stuck-1]
	}
	tr := &detect.Frame{Start: f.Start, Step: step, Sensors: f.Sensors, Columns: make([][]float64, p)}
	ev := &detect.Frame{Start: f.Time(train), Step: step, Sensors: f.Sensors, Columns: make([][]float64, p)}
	for j := range p {
		tr.Columns[j], ev.Columns[j] = f.Columns[j][:train], f.Columns[j][train:]
	}
	m, err := detect.Train(tr, detect.Options{})
	require.NoError(t, err)
	res, err := m.Score(ev)
	require.NoError(t, err)
	ranges := detect.Ranges(res, m.Sensors(), step)
	found := map[string]bool{}
	others := 0
	for _, r := range ranges {
		switch {
		case r.Start == f.Time(spike) && r.Rows == 1:
			found["spike"] = r.Diagnostics[0].Name == "b"
		case r.Start > f.Time(stuck) && r.Start < f.Time(stuck+36):
			found["stuck"] = r.Diagnostics[0].Name == "d"
		default:
			others++
		}
	}
	assert.Equal(t, map[string]bool{"spike": true, "stuck": true}, found)
	assert.LessOrEqual(t, others, 1, "%d other ranges in %d days", others, days-days*2/3)
}
