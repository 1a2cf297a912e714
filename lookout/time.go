package lookout

import (
	"errors"
	"strconv"
	"time"
	"unicode/utf8"
)

// Timestamp is an instant as the service's wire carries it: a JSON number of
// seconds since the Unix epoch, with a fraction where there is one
// (1700000000 or 1700000000.123). It holds nanoseconds; digits past the
// ninth of a fraction are dropped (truncated toward zero) when one is read.
// The zero Timestamp is the epoch itself. Timestamps compare with ==.
//
// Its range is the years 0001 to 9999 in UTC, as the service's clients read
// it: reading or writing an instant outside it is an error, never a silent
// clamp.
type Timestamp struct {
	sec  int64
	nsec int32 // 0 <= nsec < 1e9
}

// The range of a Timestamp, in seconds since the epoch.
const (
	minTimestampSec = -62135596800 // 0001-01-01T00:00:00Z
	maxTimestampSec = 253402300799 // 9999-12-31T23:59:59Z
)

// ErrTimestampRange is returned (wrapped) for an instant outside the years
// 0001 to 9999.
var ErrTimestampRange = errors.New("lookout: timestamp outside the years 0001 to 9999")

// TimestampOf returns the Timestamp of t's instant. Whether it is in range
// is checked when it is written ([Timestamp.MarshalJSON]) or by
// [Timestamp.InRange].
func TimestampOf(t time.Time) Timestamp {
	return Timestamp{sec: t.Unix(), nsec: int32(t.Nanosecond())}
}

// UnixTimestamp returns the Timestamp sec seconds and nsec nanoseconds after
// the epoch. nsec may be outside [0, 999999999]; it is carried into sec
// (wrapping, as in time.Unix, only where the carry takes it past int64's
// limits, far outside the range that [Timestamp.InRange] accepts).
func UnixTimestamp(sec, nsec int64) Timestamp {
	if nsec < 0 || nsec >= 1e9 {
		sec += nsec / 1e9
		nsec %= 1e9
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	return Timestamp{sec: sec, nsec: int32(nsec)}
}

// Time returns the instant in UTC.
func (t Timestamp) Time() time.Time { return time.Unix(t.sec, int64(t.nsec)).UTC() }

// Unix returns the whole seconds since the epoch (rounded down).
func (t Timestamp) Unix() int64 { return t.sec }

// Nanosecond returns the nanoseconds past [Timestamp.Unix], in [0, 999999999].
func (t Timestamp) Nanosecond() int { return int(t.nsec) }

// Compare returns -1, 0 or +1 as t is before, equal to or after u.
func (t Timestamp) Compare(u Timestamp) int {
	switch {
	case t.sec < u.sec || t.sec == u.sec && t.nsec < u.nsec:
		return -1
	case t == u:
		return 0
	}
	return 1
}

// InRange reports whether t is within the years 0001 to 9999 (UTC).
func (t Timestamp) InRange() bool { return t.sec >= minTimestampSec && t.sec <= maxTimestampSec }

// String returns the instant in RFC 3339 with nanoseconds, in UTC.
func (t Timestamp) String() string { return t.Time().Format(time.RFC3339Nano) }

// AppendJSON appends t as the wire writes it: seconds since the epoch, then
// a fraction without trailing zeros when there is one. It returns
// [ErrTimestampRange] for a t outside its range.
func (t Timestamp) AppendJSON(b []byte) ([]byte, error) {
	if !t.InRange() {
		return b, ErrTimestampRange
	}
	sec, nsec := t.sec, int64(t.nsec)
	if sec < 0 && nsec > 0 {
		// -1.5 s is held as sec -2, nsec 5e8.
		b = append(b, '-')
		sec, nsec = -(sec + 1), 1e9-nsec
	}
	b = strconv.AppendInt(b, sec, 10)
	if nsec == 0 {
		return b, nil
	}
	var frac [10]byte
	frac[0] = '.'
	for i := 9; i >= 1; i-- {
		frac[i] = byte('0' + nsec%10)
		nsec /= 10
	}
	n := 10
	for frac[n-1] == '0' {
		n--
	}
	return append(b, frac[:n]...), nil
}

// MarshalJSON implements json.Marshaler with [Timestamp.AppendJSON].
func (t Timestamp) MarshalJSON() ([]byte, error) {
	return t.AppendJSON(make([]byte, 0, 24))
}

// UnmarshalJSON implements json.Unmarshaler: it reads a JSON number (an
// integer, a fraction or an exponent form) exactly, to the nanosecond, and
// refuses anything else (a string, a boolean) and an instant out of range.
// A JSON null leaves t unchanged, as encoding/json does for other types.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	v, err := ParseTimestamp(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// TimestampError is the error of [ParseTimestamp]: the text read and what is
// wrong with it.
type TimestampError struct {
	// Text is the text read, cut to at most 64 bytes (between characters
	// when it is UTF-8).
	Text string
	// Reason says what is wrong.
	Reason string
	// Err is [ErrTimestampRange] for an instant out of range, else nil.
	Err error
}

// Error returns "lookout: timestamp TEXT: REASON".
func (e *TimestampError) Error() string {
	return "lookout: timestamp " + strconv.Quote(e.Text) + ": " + e.Reason
}

// Unwrap returns e.Err.
func (e *TimestampError) Unwrap() error { return e.Err }

// ParseTimestamp reads s, a JSON number of seconds since the epoch, exactly:
// the decimal digits are read as they are written, never through a float.
// Digits past the nanosecond are dropped (truncated toward zero).
func ParseTimestamp(s string) (Timestamp, error) {
	fail := func(reason string, err error) (Timestamp, error) {
		text := s
		if len(text) > 64 {
			// Cut between characters, where there are characters.
			n := 64
			for n > 60 && !utf8.RuneStart(text[n]) {
				n--
			}
			text = text[:n]
		}
		return Timestamp{}, &TimestampError{Text: text, Reason: reason, Err: err}
	}
	i, neg := 0, false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	// The significant digits, without leading zeros, and the power of ten
	// they are scaled by: value = digits * 10^exp.
	var digits [40]byte
	nd, exp := 0, int64(0)
	add := func(c byte) {
		if nd == 0 && c == '0' {
			return
		}
		if nd < len(digits) {
			digits[nd] = c
			nd++
		} else {
			exp++ // a digit past the 40th: far below the nanosecond
		}
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		add(s[i])
		i++
	}
	switch intLen := i - start; {
	case intLen == 0:
		return fail("not a JSON number", nil)
	case intLen > 1 && s[start] == '0':
		return fail("not a JSON number: leading zero", nil)
	}
	if i < len(s) && s[i] == '.' {
		i++
		fstart := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if nd < len(digits) {
				if nd > 0 || s[i] != '0' {
					digits[nd] = s[i]
					nd++
				}
				exp--
			}
			i++
		}
		if i == fstart {
			return fail("not a JSON number: no digit after '.'", nil)
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		// The exponent is read up to a bound far beyond any that a
		// string could offset with its digits (each digit moves the
		// point by one): past it, the value is out of range or rounds
		// to zero whatever the digits.
		estart, e := i, int64(0)
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if e < 1e15 {
				e = e*10 + int64(s[i]-'0')
			}
			i++
		}
		if i == estart {
			return fail("not a JSON number: no digit in the exponent", nil)
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != len(s) {
		return fail("not a JSON number", nil)
	}
	if nd == 0 {
		return Timestamp{}, nil
	}
	// The integer part has nd+exp digits; the rest is the fraction.
	intDigits64 := int64(nd) + exp
	if intDigits64 > 12 {
		return fail("outside the years 0001 to 9999", ErrTimestampRange)
	}
	if intDigits64 < -9 {
		// Below a nanosecond: truncated to zero.
		return Timestamp{}, nil
	}
	intDigits := int(intDigits64)
	var sec, nsec int64
	for k := 0; k < intDigits; k++ {
		d := int64(0)
		if k < nd {
			d = int64(digits[k] - '0')
		}
		sec = sec*10 + d
	}
	for k := 0; k < 9; k++ {
		d, pos := int64(0), intDigits+k
		if pos >= 0 && pos < nd {
			d = int64(digits[pos] - '0')
		}
		nsec = nsec*10 + d
	}
	if neg {
		sec, nsec = -sec, -nsec
	}
	ts := UnixTimestamp(sec, nsec)
	if !ts.InRange() {
		return fail("outside the years 0001 to 9999", ErrTimestampRange)
	}
	return ts, nil
}
