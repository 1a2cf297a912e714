package detect

import (
	"errors"
	"fmt"
	"time"
)

// MinTrainingSpan is the least training data Train accepts: the span of the
// training grid, as the service required ("fewer than 14 days of training
// data" fails the training).
const MinTrainingSpan = 14 * 24 * time.Hour

// MinKeptSpan is the least time that must remain of the training grid once
// the rows Options.Exclude names, and the rows before every sensor has a
// first valid value, are left out.
const MinKeptSpan = 7 * 24 * time.Hour

// TooLittleDataError is Train's answer to a training grid that spans less
// than MinTrainingSpan, or keeps less than MinKeptSpan once rows are left
// out. Span is the grid's span (rows × step), Kept what remained. When
// rows were left out because a sensor had no value yet, Late names the
// sensor whose first valid value came last, and First is that value's time
// (Unix seconds).
type TooLittleDataError struct {
	Span, Kept time.Duration
	Late       string
	First      int64
}

// Error says what is wrong, in a sentence for a person.
func (e *TooLittleDataError) Error() string {
	if e.Span < MinTrainingSpan {
		return fmt.Sprintf("detect: too little training data: %s of data, at least %d days needed",
			days(e.Span), int(MinTrainingSpan/(24*time.Hour)))
	}
	msg := fmt.Sprintf("detect: too little training data: %s of %s remain once labelled, off and incomplete rows are left out, at least %d days needed",
		days(e.Kept), days(e.Span), int(MinKeptSpan/(24*time.Hour)))
	if e.Late != "" {
		msg += fmt.Sprintf(" (sensor %q has no valid value before %s)", e.Late, time.Unix(e.First, 0).UTC().Format(time.RFC3339))
	}
	return msg
}

func days(d time.Duration) string {
	return fmt.Sprintf("%.2f days", d.Hours()/24)
}

// NoValidValueError is Train's answer to a sensor that has no valid (finite)
// value in the rows training keeps. Anywhere says whether it has one in a
// row that was left out.
type NoValidValueError struct {
	Sensor   string
	Anywhere bool
}

// Error says what is wrong, in a sentence for a person.
func (e *NoValidValueError) Error() string {
	if e.Anywhere {
		return fmt.Sprintf("detect: sensor %q has no valid value in the training data that is kept (its values all fall in left-out rows)", e.Sensor)
	}
	return fmt.Sprintf("detect: sensor %q has no valid value in the training data", e.Sensor)
}

// FrameError says why a Frame is not a well-formed grid: no sensors, a step
// that is not positive, columns of different lengths, a sensor name that is
// empty or repeated, a time past the int64 range.
type FrameError struct {
	Reason string
}

// Error says what is wrong, in a sentence for a person.
func (e *FrameError) Error() string { return "detect: bad frame: " + e.Reason }

// ValueError names an infinite value in a Frame (NaN is a missing value and
// is allowed; ±Inf is not).
type ValueError struct {
	Sensor string
	Time   int64 // Unix seconds
	Value  float64
}

// Error says what is wrong, in a sentence for a person.
func (e *ValueError) Error() string {
	return fmt.Sprintf("detect: sensor %q has the value %v at %s: only finite values or NaN (missing) are allowed",
		e.Sensor, e.Value, time.Unix(e.Time, 0).UTC().Format(time.RFC3339))
}

// MaskError says that Options.Exclude does not have one entry per row.
type MaskError struct {
	Rows, Mask int
}

// Error says what is wrong, in a sentence for a person.
func (e *MaskError) Error() string {
	return fmt.Sprintf("detect: the exclusion mask has %d entries for %d rows", e.Mask, e.Rows)
}

// MismatchError is Score's answer to data whose sensors or step are not the
// model's. Want and Got are the sensor lists, or the steps in seconds.
type MismatchError struct {
	What      string // "sensors" or "step"
	Want, Got string
}

// Error says what is wrong, in a sentence for a person.
func (e *MismatchError) Error() string {
	return fmt.Sprintf("detect: the data's %s (%s) are not the model's (%s)", e.What, e.Got, e.Want)
}

// OrderError is a Scorer's answer to a time that is not after the previous
// one it scored.
type OrderError struct {
	Prev, Time int64
}

// Error says what is wrong, in a sentence for a person.
func (e *OrderError) Error() string {
	return fmt.Sprintf("detect: time %d is not after the previous time scored, %d", e.Time, e.Prev)
}

// RateError says that a sampling rate is not a whole number of seconds of at
// least one second, or that a grid would exceed MaxGridPoints.
type RateError struct {
	Rate   time.Duration
	Reason string
}

// Error says what is wrong, in a sentence for a person.
func (e *RateError) Error() string { return fmt.Sprintf("detect: rate %s: %s", e.Rate, e.Reason) }

// SeriesError says why a Series is not usable: its times and values differ in
// length, or no interval can be measured from it.
type SeriesError struct {
	Sensor string
	Reason string
}

// Error says what is wrong, in a sentence for a person.
func (e *SeriesError) Error() string {
	return fmt.Sprintf("detect: series %q: %s", e.Sensor, e.Reason)
}

// The kinds of LoadError, to match with errors.Is.
var (
	// ErrForeign: the input is not a model file of this package.
	ErrForeign = errors.New("not a detect model file")
	// ErrVersion: a model file of a format version this package does not read.
	ErrVersion = errors.New("unsupported model format version")
	// ErrDamaged: a model file that is truncated, fails its checksum, or
	// holds values no training produces.
	ErrDamaged = errors.New("damaged model file")
)

// LoadError is Load's answer to input it refuses. Err is ErrForeign,
// ErrVersion or ErrDamaged (or the reader's own error); Detail says more.
type LoadError struct {
	Err    error
	Detail string
}

// Error says what is wrong, in a sentence for a person.
func (e *LoadError) Error() string {
	if e.Detail == "" {
		return "detect: load: " + e.Err.Error()
	}
	return "detect: load: " + e.Err.Error() + ": " + e.Detail
}

// Unwrap is the kind (ErrForeign, ErrVersion, ErrDamaged) or the reader's error.
func (e *LoadError) Unwrap() error { return e.Err }
