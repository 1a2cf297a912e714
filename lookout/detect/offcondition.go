package detect

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// OffCondition is a parsed off condition: the rows where Sensor's value
// compares to Threshold by Op are rows where the machine is off (left out
// of training, MACHINE_OFF when scored).
//
// The form, the stand-in service's declared reading of CreateModel's
// OffCondition: a sensor named COMPONENT\SENSOR, optional spaces, one of
// <, >, <= or >=, optional spaces, and a decimal number: an optional sign,
// digits with an optional fraction (or a fraction alone), no exponent, no
// NaN or infinity. Neither name may be empty or hold a space, a backslash
// or a comparison sign.
type OffCondition struct {
	Component, Sensor string // the names either side of the backslash
	Op                string // "<", ">", "<=" or ">="
	Threshold         float64
}

// OffConditionError says why a text is not an off condition: Offset is the
// byte of Text where reading stopped, Reason what was expected there.
type OffConditionError struct {
	Text   string
	Offset int
	Reason string
}

// Error says what is wrong, in a sentence for a person.
func (e *OffConditionError) Error() string {
	return fmt.Sprintf("detect: invalid off condition %q: %s at byte %d (the form is COMPONENT\\SENSOR, then <, >, <= or >=, then a number, as in pump1\\Speed < 10)",
		e.Text, e.Reason, e.Offset)
}

// ParseOffCondition reads an off condition (see OffCondition for the form);
// anything else is an *OffConditionError.
func ParseOffCondition(s string) (*OffCondition, error) {
	fail := func(at int, reason string) (*OffCondition, error) {
		return nil, &OffConditionError{Text: s, Offset: at, Reason: reason}
	}
	i := skipSpaces(s, 0)
	start := i
	for i < len(s) && nameByte(s[i]) {
		i++
	}
	if i == start {
		return fail(i, "a component name expected")
	}
	comp := s[start:i]
	if i == len(s) || s[i] != '\\' {
		return fail(i, `a backslash between the component and the sensor expected`)
	}
	i++
	start = i
	for i < len(s) && nameByte(s[i]) {
		i++
	}
	if i == start {
		return fail(i, "a sensor name expected")
	}
	sensor := s[start:i]
	i = skipSpaces(s, i)
	var op string
	switch {
	case strings.HasPrefix(s[i:], "<="), strings.HasPrefix(s[i:], ">="):
		op = s[i : i+2]
	case strings.HasPrefix(s[i:], "<"), strings.HasPrefix(s[i:], ">"):
		op = s[i : i+1]
	default:
		return fail(i, "one of <, >, <= or >= expected")
	}
	i = skipSpaces(s, i+len(op))
	start = i
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return fail(start, "a decimal number expected")
	}
	num := s[start:i]
	if j := skipSpaces(s, i); j != len(s) {
		return fail(i, "the end of the condition expected after the number")
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(v, 0) {
		return fail(start, "a number within float64's range expected")
	}
	return &OffCondition{Component: comp, Sensor: sensor, Op: op, Threshold: v}, nil
}

// Name is the sensor's name as frames and models hold it: COMPONENT\SENSOR.
func (c *OffCondition) Name() string { return c.Component + `\` + c.Sensor }

// Holds reports whether the machine is off at a row where the sensor reads
// v. A value that is not valid (NaN) holds no condition.
func (c *OffCondition) Holds(v float64) bool {
	switch c.Op {
	case "<":
		return v < c.Threshold
	case ">":
		return v > c.Threshold
	case "<=":
		return v <= c.Threshold
	case ">=":
		return v >= c.Threshold
	}
	return false
}

// Mask returns, for each row of f, whether the condition holds there; the
// condition's sensor must be one of f's (a *MismatchError otherwise, its
// What "sensors", Want the condition's sensor).
func (c *OffCondition) Mask(f *Frame) ([]bool, error) {
	name := c.Name()
	for j, s := range f.Sensors {
		if s == name {
			col := f.Columns[j]
			out := make([]bool, len(col))
			for i, v := range col {
				out[i] = c.Holds(v)
			}
			return out, nil
		}
	}
	return nil, &MismatchError{What: "sensors", Want: name, Got: strings.Join(f.Sensors, ", ")}
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// nameByte reports whether b may be part of a component or sensor name in
// an off condition.
func nameByte(b byte) bool {
	switch b {
	case ' ', '\t', '\n', '\r', '\\', '<', '>', '=':
		return false
	}
	return true
}
