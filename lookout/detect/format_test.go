package detect_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

func saved(t testing.TB, m *detect.Model) []byte {
	var b bytes.Buffer
	require.NoError(t, m.Save(&b))
	return b.Bytes()
}

// TestSaveLoad: a loaded model scores exactly as the saved one, and saves
// to the same bytes.
func TestSaveLoad(t *testing.T) {
	t.Parallel()
	d, m := small(), smallModel()
	file := saved(t, m)
	back, err := detect.Load(bytes.NewReader(file))
	require.NoError(t, err)
	assert.Equal(t, file, saved(t, back))
	assert.Equal(t, m.Sensors(), back.Sensors())
	assert.Equal(t, m.Step(), back.Step())
	f := frameOf(d, d.Train, d.Train+2000)
	r1, err := m.Score(f)
	require.NoError(t, err)
	r2, err := back.Score(f)
	require.NoError(t, err)
	assert.Equal(t, r1, r2)
	// Load reads nothing past the model.
	rd := bytes.NewReader(append(append([]byte{}, file...), "next"...))
	_, err = detect.Load(rd)
	require.NoError(t, err)
	rest, _ := io.ReadAll(rd)
	assert.Equal(t, "next", string(rest))
}

// reseal recomputes the checksum of a file whose payload was changed.
func reseal(b []byte) []byte {
	n := len(b) - 4
	binary.LittleEndian.PutUint32(b[n:], crc32.Checksum(b[:n], crc32.MakeTable(crc32.Castagnoli)))
	return b
}

func TestLoadRefuses(t *testing.T) {
	t.Parallel()
	file := saved(t, smallModel())
	edit := func(f func(b []byte) []byte) []byte { return f(append([]byte{}, file...)) }
	p := len(smallModel().Sensors())
	// Offsets in the payload (see Save): step at 20, sensors 28, window 32,
	// threshold 36, names from 44.
	namesEnd := 44
	for _, s := range smallModel().Sensors() {
		namesEnd += 4 + len(s)
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, detect.ErrForeign},
		{"another file", []byte("PK\x03\x04 a zip file, not a model at all"), detect.ErrForeign},
		{"a short foreign file", []byte("{}"), detect.ErrForeign},
		{"a truncated header", file[:12], detect.ErrDamaged},
		{"a later version", edit(func(b []byte) []byte { b[8] = 2; return b }), detect.ErrVersion},
		{"truncated payload", file[:len(file)-10], detect.ErrDamaged},
		{"no checksum", file[:len(file)-4], detect.ErrDamaged},
		{"a flipped bit", edit(func(b []byte) []byte { b[100] ^= 1; return b }), detect.ErrDamaged},
		{"a huge length", edit(func(b []byte) []byte { binary.LittleEndian.PutUint64(b[12:], 1<<62); return b }), detect.ErrDamaged},
		{"step 0, resealed", edit(func(b []byte) []byte { clear(b[20:28]); return reseal(b) }), detect.ErrDamaged},
		{"a huge sensor count, resealed", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[28:], 1<<30); return reseal(b) }), detect.ErrDamaged},
		{"window 0, resealed", edit(func(b []byte) []byte { clear(b[32:36]); return reseal(b) }), detect.ErrDamaged},
		{"a NaN threshold, resealed", edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[36:], math.Float64bits(math.NaN()))
			return reseal(b)
		}), detect.ErrDamaged},
		{"a repeated name, resealed", edit(func(b []byte) []byte {
			// The first two names differ in their last byte: make it the same.
			n0 := len(smallModel().Sensors()[0])
			b[44+4+n0+4+n0-1] = b[44+4+n0-1]
			return reseal(b)
		}), detect.ErrDamaged},
		{"a zero scale, resealed", edit(func(b []byte) []byte { clear(b[namesEnd+8*p : namesEnd+8*p+8]); return reseal(b) }), detect.ErrDamaged},
		{"an infinite center, resealed", edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[namesEnd:], math.Float64bits(math.Inf(1)))
			return reseal(b)
		}), detect.ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := detect.Load(bytes.NewReader(tt.data))
			assert.True(t, m == nil)
			var le *detect.LoadError
			require.ErrorAs(t, err, &le)
			assert.ErrorIs(t, err, tt.want, "%v", err)
		})
	}
	// A reader's error is passed on, wrapped.
	boom := errors.New("boom")
	_, err := detect.Load(iotest.ErrReader(boom))
	assert.ErrorIs(t, err, boom)
	_, err = detect.Load(io.MultiReader(bytes.NewReader(file[:30]), iotest.ErrReader(boom)))
	assert.ErrorIs(t, err, boom)
}

// TestLoadEveryDamage: every truncation and every flipped byte of a model
// file is refused, never a panic.
func TestLoadEveryDamage(t *testing.T) {
	t.Parallel()
	file := saved(t, smallModel())
	for n := range len(file) {
		_, err := detect.Load(bytes.NewReader(file[:n]))
		require.Error(t, err, "truncated to %d", n)
	}
	b := append([]byte{}, file...)
	for i := range b {
		b[i] ^= 0x5a
		_, err := detect.Load(bytes.NewReader(b))
		require.Error(t, err, "byte %d changed", i)
		b[i] ^= 0x5a
	}
}
