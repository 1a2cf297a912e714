package detect_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

// TestTrainExtremeValues: finite values at the ends of float64's range give
// a model that saves, loads and scores within the rules.
func TestTrainExtremeValues(t *testing.T) {
	t.Parallel()
	for _, big := range []float64{1e300, math.MaxFloat64, 5e-324} {
		f := tiny(15)
		for i := range f.Columns[0] {
			if i%7 == 0 {
				f.Columns[0][i] = big
				f.Columns[1][i] = -big
			}
		}
		m, err := detect.Train(f, detect.Options{})
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, m.Save(&b))
		back, err := detect.Load(&b)
		require.NoError(t, err, "big %v", big)
		res, err := back.Score(f)
		require.NoError(t, err)
		for _, r := range res {
			checkRules(t, r, 3, 1e-9)
		}
	}
}
