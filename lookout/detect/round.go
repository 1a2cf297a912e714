package detect

import (
	"math"
	"slices"
)

// Decimals is the number of decimals the service writes its numbers with.
const Decimals = 5

const unit = 1e5 // 10^Decimals

// Round is r as it is written: the score and the shares at Decimals
// decimals, with the rules still holding for the written values. The score
// is rounded half away from zero, except that a prediction of 1 whose score
// would round to 0.5 is written 0.50001, so that the prediction is 1 exactly
// when the written score is above 0.5 (the prediction never changes). The
// shares are apportioned by largest remainder (ties to the earlier sensor),
// so that the written shares add up to exactly 1. Shares is a new slice.
func (r Result) Round() Result {
	out := r
	out.Score = math.Round(r.Score*unit) / unit
	if r.Prediction == 1 && !(out.Score > 0.5) {
		out.Score = 0.50001
	}
	out.Shares = make([]float64, len(r.Shares))
	roundShares(out.Shares, r.Shares)
	return out
}

// roundShares writes src apportioned in units of 10^-Decimals, adding up to
// exactly one: largest remainder, ties to the lower index. Shares that are
// not in [0, 1] (only a Result built by hand has them) are clamped to it
// (NaN to 0), and the shares scaled to add up to 1 first (equal when they
// are all 0).
func roundShares(dst, src []float64) {
	if len(src) == 0 {
		return
	}
	sum := 0.0
	for j, v := range src {
		if !(v > 0) { // NaN too
			v = 0
		}
		dst[j] = min(v, 1)
		sum += dst[j]
	}
	for j := range dst {
		if sum > 0 {
			dst[j] /= sum
		} else {
			dst[j] = 1 / float64(len(dst))
		}
	}
	units := make([]int64, len(src))
	rem := make([]float64, len(src))
	var total int64
	for j, v := range dst {
		f := math.Floor(v * unit)
		units[j] = int64(f)
		rem[j] = v*unit - f
		total += units[j]
	}
	if left := int64(unit) - total; left > 0 {
		order := make([]int, len(src))
		for j := range order {
			order[j] = j
		}
		slices.SortStableFunc(order, func(a, b int) int {
			switch {
			case rem[a] > rem[b]:
				return -1
			case rem[a] < rem[b]:
				return 1
			}
			return 0
		})
		for k := int64(0); k < left; k++ {
			units[order[k%int64(len(order))]]++
		}
	} else if left < 0 { // at most a few units, from the scaling's rounding: take from the largest
		for ; left < 0; left++ {
			big := 0
			for j := range units {
				if units[j] > units[big] {
					big = j
				}
			}
			units[big]--
		}
	}
	for j, u := range units {
		dst[j] = float64(u) / unit
	}
}
