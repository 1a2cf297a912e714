package detect_test

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

// FuzzScore: whatever the values (NaN, ±Inf, huge, subnormal, repeated),
// scoring never panics; an infinite value is a *ValueError naming it, and
// anything else gives results that keep the rules, exactly and written.
func FuzzScore(f *testing.F) {
	m := smallModel()
	p := len(m.Sensors())
	seed := func(vals ...float64) []byte {
		var b []byte
		for _, v := range vals {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	f.Add(seed(50, 60, 70))
	f.Add(seed(math.NaN(), math.NaN()))
	f.Add(seed(math.Inf(1)))
	f.Add(seed(math.MaxFloat64, -math.MaxFloat64, 5e-324, 0))
	f.Add(seed(1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := len(data) / 8
		rows := max((n+p-1)/p, 1)
		fr := &detect.Frame{Start: 1768521600, Step: m.Step(), Sensors: m.Sensors(), Columns: make([][]float64, p)}
		var inf bool
		for j := range p {
			fr.Columns[j] = make([]float64, rows)
			for i := range rows {
				k := i*p + j
				v := 50.0
				if k < n {
					v = math.Float64frombits(binary.LittleEndian.Uint64(data[8*k:]))
				}
				inf = inf || math.IsInf(v, 0)
				fr.Columns[j][i] = v
			}
		}
		res, err := m.Score(fr)
		if inf {
			var ve *detect.ValueError
			if !errors.As(err, &ve) || !math.IsInf(ve.Value, 0) {
				t.Fatalf("an infinite value: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			checkRules(t, r, p, 1e-9)
			w := r.Round()
			checkRules(t, w, p, 1e-9)
			if w.Prediction != r.Prediction {
				t.Fatalf("rounding changed the prediction of %v", r.Score)
			}
		}
	})
}
