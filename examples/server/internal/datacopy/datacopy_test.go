package datacopy

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sample() *Component {
	return &Component{
		Name: "pump", Sensors: []string{"Flow", "Speed"},
		Times:  []int64{-5, 0, 1700000000},
		Values: [][]float64{{1.5, math.NaN(), -2}, {math.Inf(1), 0, 3}},
	}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	d, err := Open(filepath.Join(t.TempDir(), "copies"))
	require.NoError(t, err)
	require.NoError(t, d.Begin("v1"))
	require.NoError(t, d.Put("v1", 0, sample()))
	empty := &Component{Name: "fan", Sensors: []string{"Rpm"}, Times: []int64{}, Values: [][]float64{{}}}
	require.NoError(t, d.Put("v1", 1, empty))
	n, err := d.Count("v1")
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	got, err := d.Get("v1", 0)
	require.NoError(t, err)
	want := sample()
	assert.Equal(t, want.Name, got.Name)
	assert.Equal(t, want.Sensors, got.Sensors)
	assert.Equal(t, want.Times, got.Times)
	assert.True(t, math.IsNaN(got.Values[0][1]))
	got.Values[0][1], want.Values[0][1] = 0, 0
	assert.Equal(t, want.Values, got.Values)
	got, err = d.Get("v1", 1)
	require.NoError(t, err)
	assert.Equal(t, empty, got)

	require.NoError(t, d.Copy("v1", "v2"))
	got, err = d.Get("v2", 0)
	require.NoError(t, err)
	assert.Equal(t, want.Times, got.Times)

	removed, err := d.Sweep(func(v string) bool { return v == "v2" })
	require.NoError(t, err)
	assert.Equal(t, []string{"v1"}, removed)
	n, err = d.Count("v1")
	require.NoError(t, err)
	assert.Zero(t, n)
	require.NoError(t, d.Remove("v2"))
	require.NoError(t, d.Close())
	assert.DirExists(t, d.Root(), "Close keeps a folder made by Open")
}

func TestPutRefusesBadComponents(t *testing.T) {
	t.Parallel()
	d, err := Temp()
	require.NoError(t, err)
	defer d.Close()
	require.NoError(t, d.Begin("v"))
	tests := []struct {
		name string
		c    Component
	}{
		{"columns", Component{Name: "c", Sensors: []string{"a"}}},
		{"values", Component{Name: "c", Sensors: []string{"a"}, Times: []int64{1}, Values: [][]float64{{}}}},
		{"unsorted", Component{Name: "c", Times: []int64{2, 1}}},
		{"duplicate", Component{Name: "c", Times: []int64{1, 1}}},
	}
	for _, tt := range tests {
		assert.Error(t, d.Put("v", 0, &tt.c), tt.name)
	}
	assert.Error(t, d.Begin("../x"), "a version is a plain name")
	root := d.Root()
	require.NoError(t, d.Close())
	assert.NoDirExists(t, root)
}

func TestDamagedFiles(t *testing.T) {
	t.Parallel()
	d, err := Temp()
	require.NoError(t, err)
	defer d.Close()
	require.NoError(t, d.Begin("v"))
	require.NoError(t, d.Put("v", 0, sample()))
	path := filepath.Join(d.Root(), "v", "0.col")
	good, err := os.ReadFile(path)
	require.NoError(t, err)
	flip := func(i int) []byte {
		b := append([]byte(nil), good...)
		b[i] ^= 0x40
		return b
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"foreign", []byte("Timestamp,Flow\n2024-01-01 00:00:00,1\n")},
		{"magic", flip(0)},
		{"version", flip(4)},
		{"value", flip(len(good) - 6)},
		{"checksum", flip(len(good) - 1)},
		{"count", flip(6 + 2 + 4 + 4 + 2 + 4 + 2 + 5 + 1)},
		{"truncated", good[:len(good)-9]},
		{"longer", append(append([]byte(nil), good...), 0)},
	}
	for _, tt := range tests {
		require.NoError(t, os.WriteFile(path, tt.data, 0o644))
		_, err := d.Get("v", 0)
		var fe *FormatError
		assert.ErrorAs(t, err, &fe, tt.name)
	}
}
