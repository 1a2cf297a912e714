package lookout

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf8"
)

// The response writer appends a structure's JSON from its declaration: each
// member's enc (set by its constructor in members.go) appends its value, or
// says it is absent, and structDecl.appendJSON runs the member loop. The
// output is byte for byte what encoding/json's Marshal writes for the same
// Go value (members in declaration order, which is the Go struct's; absent
// members left out as omitempty leaves them; strings escaped as Marshal
// escapes them, HTML characters included); encode_test.go checks it
// against Marshal.

// encoder appends a member's value to b, or returns b and false when the
// member is absent and left out.
type encoder[T any] func(b []byte, v *T) ([]byte, bool, error)

// ErrUnsupportedFloat is the error of writing a float member that is NaN
// or infinite, which JSON cannot carry (encoding/json refuses them too).
var ErrUnsupportedFloat = errors.New("lookout: a float member is NaN or infinite, which JSON cannot carry")

// appendJSON appends the JSON object of v, the structure of declaration d.
func (d *structDecl[T]) appendJSON(b []byte, v *T) ([]byte, error) {
	b = append(b, '{')
	sep := false
	for i := range d.fields {
		f := &d.fields[i]
		mark := len(b)
		if sep {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, f.name...)
		b = append(b, '"', ':')
		var ok bool
		var err error
		if b, ok, err = f.enc(b, v); err != nil {
			return nil, err
		}
		if !ok {
			b = b[:mark]
			continue
		}
		sep = true
	}
	return append(b, '}'), nil
}

// plainEncoder returns the encoder of a member without a constraint of its
// own, held in the field that get returns: a *Timestamp (nil is absent), an
// int64 or a *int64 (nil is absent), a float64, or a bool. It panics for any
// other field, when the member is declared.
func plainEncoder[T, V any](name string, get func(*T) *V) encoder[T] {
	switch g := any(get).(type) {
	case func(*T) **Timestamp:
		return func(b []byte, v *T) ([]byte, bool, error) {
			p := *g(v)
			if p == nil {
				return b, false, nil
			}
			b, err := p.AppendJSON(b)
			return b, true, err
		}
	case func(*T) *int64:
		return func(b []byte, v *T) ([]byte, bool, error) { return strconv.AppendInt(b, *g(v), 10), true, nil }
	case func(*T) **int64:
		return func(b []byte, v *T) ([]byte, bool, error) {
			p := *g(v)
			if p == nil {
				return b, false, nil
			}
			return strconv.AppendInt(b, *p, 10), true, nil
		}
	case func(*T) *float64:
		return func(b []byte, v *T) ([]byte, bool, error) {
			b, err := appendFloat(b, *g(v))
			return b, true, err
		}
	case func(*T) *bool:
		return func(b []byte, v *T) ([]byte, bool, error) { return strconv.AppendBool(b, *g(v)), true, nil }
	}
	panic("lookout: member " + name + " is held in a Go type that the response writer does not write")
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
