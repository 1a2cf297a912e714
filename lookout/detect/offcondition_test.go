package detect_test

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

func TestParseOffCondition(t *testing.T) {
	t.Parallel()
	ok := []struct {
		in   string
		want detect.OffCondition
	}{
		{`pump1\Speed < 10`, detect.OffCondition{Component: "pump1", Sensor: "Speed", Op: "<", Threshold: 10}},
		{`pump1\Speed<10`, detect.OffCondition{Component: "pump1", Sensor: "Speed", Op: "<", Threshold: 10}},
		{`  a\b >= -0.5  `, detect.OffCondition{Component: "a", Sensor: "b", Op: ">=", Threshold: -0.5}},
		{`a\b<=+.25`, detect.OffCondition{Component: "a", Sensor: "b", Op: "<=", Threshold: 0.25}},
		{`a\b > 3.`, detect.OffCondition{Component: "a", Sensor: "b", Op: ">", Threshold: 3}},
		{`c-1.x\s_2 > 0`, detect.OffCondition{Component: "c-1.x", Sensor: "s_2", Op: ">", Threshold: 0}},
	}
	for _, c := range ok {
		got, err := detect.ParseOffCondition(c.in)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, *got, c.in)
	}
	bad := []struct {
		in     string
		offset int
	}{
		{``, 0},
		{`   `, 3},
		{`\Speed < 1`, 0},
		{`pump1 < 1`, 5},
		{`pump1\ < 1`, 6},
		{`pump1\Speed`, 11},
		{`pump1\Speed = 1`, 12},
		{`pump1\Speed == 1`, 12},
		{`pump1\Speed < `, 14},
		{`pump1\Speed < abc`, 14},
		{`pump1\Speed < 1e3`, 15},
		{`pump1\Speed < 1 2`, 15},
		{`pump1\Speed < NaN`, 14},
		{`pump1\Speed < -`, 14},
		{`pump1\Speed < .`, 14},
		{`a\b\c < 1`, 3},
		{`a\b < 1` + "\t", 7},
		{`a\b < 1` + string(make([]byte, 400)) + `9`, 7},
	}
	for _, c := range bad {
		_, err := detect.ParseOffCondition(c.in)
		var oe *detect.OffConditionError
		require.True(t, errors.As(err, &oe), "%q: %v", c.in, err)
		assert.Equal(t, c.offset, oe.Offset, c.in)
		assert.Equal(t, c.in, oe.Text)
	}
	huge := `a\b < 1`
	for range 400 {
		huge += "9"
	}
	_, err := detect.ParseOffCondition(huge)
	var oe *detect.OffConditionError
	require.ErrorAs(t, err, &oe)
	assert.Contains(t, oe.Error(), "float64's range")
}

func TestOffConditionHolds(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		op   string
		v    float64
		want bool
	}{
		{"<", 9.99, true}, {"<", 10, false}, {"<=", 10, true}, {"<=", 10.01, false},
		{">", 10.01, true}, {">", 10, false}, {">=", 10, true}, {">=", 9.99, false},
		{"<", math.NaN(), false}, {">=", math.NaN(), false},
	} {
		oc := detect.OffCondition{Component: "p", Sensor: "s", Op: c.op, Threshold: 10}
		assert.Equal(t, c.want, oc.Holds(c.v), "%s %v", c.op, c.v)
	}
}

func TestOffConditionMask(t *testing.T) {
	t.Parallel()
	oc, err := detect.ParseOffCondition(`p\speed < 1`)
	require.NoError(t, err)
	assert.Equal(t, `p\speed`, oc.Name())
	f := &detect.Frame{Start: 0, Step: 60, Sensors: []string{`p\temp`, `p\speed`},
		Columns: [][]float64{{1, 2, 3}, {0, 5, math.NaN()}}}
	m, err := oc.Mask(f)
	require.NoError(t, err)
	assert.Equal(t, []bool{true, false, false}, m)
	oc2 := &detect.OffCondition{Component: "q", Sensor: "x", Op: "<", Threshold: 1}
	_, err = oc2.Mask(f)
	var me *detect.MismatchError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, `q\x`, me.Want)
}
