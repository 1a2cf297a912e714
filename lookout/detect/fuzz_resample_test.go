package detect_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

// resampleRef is the grid rule written the slow, obvious way: for each grid
// point, scan every record for the valid one of its interval with the
// latest time (the later one on a tie), else take the previous point's
// value, or, for the first point, the latest valid record before it.
func resampleRef(times []int64, values []float64, first, last, step int64) []float64 {
	var out []float64
	carry := math.NaN()
	{
		best := int64(math.MinInt64)
		for i, t := range times {
			if t <= (first-step)*1e9 && !math.IsNaN(values[i]) && !math.IsInf(values[i], 0) && t >= best {
				best, carry = t, values[i]
			}
		}
	}
	for g := first; g <= last; g += step {
		best, v := int64(math.MinInt64), math.NaN()
		for i, t := range times {
			if t > (g-step)*1e9 && t <= g*1e9 && !math.IsNaN(values[i]) && !math.IsInf(values[i], 0) && t >= best {
				best, v = t, values[i]
			}
		}
		if math.IsNaN(v) {
			v = carry
		}
		out = append(out, v)
		carry = v
	}
	return out
}

// FuzzResample compares Resample with resampleRef on arbitrary records.
func FuzzResample(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, int64(0), int64(100), uint8(1))
	f.Add([]byte("records at odd times with odd values"), int64(-50), int64(50), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, from, span int64, rateIdx uint8) {
		rates := []time.Duration{time.Second, 5 * time.Second, 10 * time.Second, time.Minute}
		rate := rates[int(rateIdx)%len(rates)]
		from = from % 1000
		span = (span%2000 + 2000) % 2000
		var times []int64
		var values []float64
		// Each record: a time (2 bytes, seconds and a sub-second part, around
		// the range) and a value (1 byte: 250+ are NaN, Inf, -Inf).
		for len(data) >= 3 {
			tsec := int64(int16(binary.LittleEndian.Uint16(data)))%1500 + from - 200
			frac := int64(data[2]%4) * 250_000_000
			v := float64(data[2])
			switch data[2] {
			case 250, 251:
				v = math.NaN()
			case 252:
				v = math.Inf(1)
			case 253:
				v = math.Inf(-1)
			}
			times = append(times, tsec*1e9+frac)
			values = append(values, v)
			data = data[3:]
		}
		fr, err := detect.Resample([]detect.Series{{Sensor: "s", Times: times, Values: values}},
			time.Unix(from, 0), time.Unix(from+span, 0), rate)
		if err != nil {
			t.Fatal(err)
		}
		step := int64(rate / time.Second)
		first := from
		if m := first % step; m != 0 {
			if first > 0 {
				first += step - m
			} else {
				first -= m
			}
		}
		last := from + span
		if m := last % step; m != 0 {
			if last > 0 {
				last -= m
			} else {
				last -= step + m
			}
		}
		want := resampleRef(times, values, first, last, step)
		got := fr.Columns[0]
		if len(got) != len(want) {
			t.Fatalf("%d rows, want %d (first %d last %d step %d)", len(got), len(want), first, last, step)
		}
		if len(got) > 0 && fr.Start != first {
			t.Fatalf("start %d, want %d", fr.Start, first)
		}
		for i := range got {
			if !(got[i] == want[i] || math.IsNaN(got[i]) && math.IsNaN(want[i])) {
				t.Fatalf("row %d: %v, want %v", i, got[i], want[i])
			}
		}
	})
}

// FuzzLoad: any input is a model or a *LoadError, never a panic; a model
// loaded saves back to the same bytes.
func FuzzLoad(f *testing.F) {
	file := saved(f, smallModel())
	f.Add(file)
	f.Add(file[:100])
	f.Add([]byte("LKDETECT"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := detect.Load(bytes.NewReader(data))
		if err != nil {
			var le *detect.LoadError
			if !errors.As(err, &le) {
				t.Fatalf("%T: %v", err, err)
			}
			return
		}
		var b bytes.Buffer
		if err := m.Save(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), data[:b.Len()]) {
			t.Fatal("a loaded model saves to other bytes")
		}
	})
}
