package detect_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

func TestAppendResultLine(t *testing.T) {
	t.Parallel()
	r := detect.Result{Time: 1615501500, Score: 0.7238499, Prediction: 1, Shares: []float64{0.0234649, 0.9765351}}
	got := string(detect.AppendResultLine(nil, r, []string{`pump1\Sensor0`, `pump1\Sensor1`}))
	assert.Equal(t, `{"timestamp": "2021-03-11T22:25:00.000000", "prediction": 1, "prediction_reason": "ANOMALY_DETECTED", "anomaly_score": 0.72385, "diagnostics": [{"name": "pump1\\Sensor0", "value": 0.02346}, {"name": "pump1\\Sensor1", "value": 0.97654}]}`+"\n", got)
	r = detect.Result{Time: 1615501500, Score: 0.5, Shares: []float64{1}}
	got = string(detect.AppendResultLine(nil, r, []string{`a"b`}))
	assert.Equal(t, `{"timestamp": "2021-03-11T22:25:00.000000", "prediction": 0, "prediction_reason": "NO_ANOMALY_DETECTED", "anomaly_score": 0.5, "diagnostics": [{"name": "a\"b", "value": 1}]}`+"\n", got)
	assert.Equal(t, `{"timestamp": "2021-03-11T22:25:00.000000", "prediction": 0, "prediction_reason": "MACHINE_OFF"}`+"\n",
		string(detect.AppendOffLine(nil, 1615501500)))
}

// TestResultLinesKeepRules: every line written for the benchmark's
// evaluation parses, and keeps the rules in its written values.
func TestResultLinesKeepRules(t *testing.T) {
	t.Parallel()
	d, m := small(), smallModel()
	res, err := m.Score(frameOf(d, d.Train, d.Rows()))
	require.NoError(t, err)
	for _, r := range res {
		var line struct {
			Prediction  int     `json:"prediction"`
			Score       float64 `json:"anomaly_score"`
			Diagnostics []struct {
				Name  string  `json:"name"`
				Value float64 `json:"value"`
			} `json:"diagnostics"`
		}
		b := detect.AppendResultLine(nil, r, m.Sensors())
		require.NoError(t, json.Unmarshal(b, &line), "%s", b)
		require.Equal(t, line.Score > 0.5, line.Prediction == 1, "%s", b)
		require.Len(t, line.Diagnostics, len(m.Sensors()))
		sum := 0.0
		for j, dg := range line.Diagnostics {
			require.Equal(t, m.Sensors()[j], dg.Name)
			sum += dg.Value
		}
		require.InDelta(t, 1, sum, 0.001)
		require.LessOrEqual(t, math.Abs(sum-1), 1e-9)
	}
}
