package lookout

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf8"
)

// The response writer: each structure's appendJSON (generated) appends its
// members with these helpers. The output is byte for byte what
// encoding/json's Marshal writes for the same Go value (members in the Go
// struct's order; absent members left out as omitempty leaves them; strings
// escaped as Marshal escapes them, HTML characters included), but for a
// response's lists, which are written [] when nil, as the service sends
// them.

// ErrUnsupportedFloat is the error of writing a float member that is NaN
// or infinite, which JSON cannot carry (encoding/json refuses them too).
var ErrUnsupportedFloat = errors.New("lookout: a float member is NaN or infinite, which JSON cannot carry")

// appendKey appends key (the member's quoted name and ':') to b, after a
// ',' unless it is the first member of the object that starts at start.
func appendKey(b []byte, start int, key string) []byte {
	if len(b) > start {
		b = append(b, ',')
	}
	return append(b, key...)
}

// appendFloat appends f as encoding/json writes a float64: like %g, with
// the exponent form below 1e-6 and from 1e21, and an exponent without a
// leading zero.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, ErrUnsupportedFloat
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 is written e-9.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// jsonSafe reports the ASCII bytes that a JSON string carries as they are:
// those from ' ' on, but for '"', '\\' and the HTML characters '<', '>'
// and '&', which encoding/json escapes.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// jsonHex is the digits of encoding/json's \u escapes, in lower case.
const jsonHex = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it: '"' and '\\' with a backslash; \b, \f, \n, \r and \t by
// name; other control characters, '<', '>' and '&' as \u00XX; U+2028 and
// U+2029 as \u2028 and \u2029; each byte of invalid UTF-8 as \ufffd.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', jsonHex[c>>4], jsonHex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', jsonHex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
