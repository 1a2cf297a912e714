package detect

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScoreOf(t *testing.T) {
	t.Parallel()
	const T = 31.3
	tests := []struct {
		name  string
		stat  float64
		score float64
		pred  int
	}{
		{"0", 0, 0, 0},
		{"the threshold itself is not above it", T, 0.5, 0},
		{"one ulp above", math.Nextafter(T, math.Inf(1)), math.Nextafter(0.5, 1), 1},
		{"one ulp below", math.Nextafter(T, 0), 0.5, 0},
		{"three times the threshold", 3 * T, 0.75, 1},
		{"the largest statistic", math.MaxFloat64, 1, 1},
		{"infinite", math.Inf(1), 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			score, pred := scoreOf(tt.stat, T)
			assert.Equal(t, tt.pred, pred)
			assert.InDelta(t, tt.score, score, 1e-15)
			assert.Equal(t, pred == 1, score > 0.5)
		})
	}
}

func TestShares(t *testing.T) {
	t.Parallel()
	dst := make([]float64, 3)
	shares(dst, []float64{0, 0, 0})
	assert.Equal(t, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, dst)
	shares(dst, []float64{1, 2, 1})
	assert.Equal(t, []float64{0.25, 0.5, 0.25}, dst)
	shares(dst, []float64{1e-300, 0, 0})
	assert.Equal(t, []float64{1, 0, 0}, dst)
	shares(dst, []float64{0.1, 0.2, 0.3})
	assert.Equal(t, 1.0, dst[0]+dst[1]+dst[2])
}
