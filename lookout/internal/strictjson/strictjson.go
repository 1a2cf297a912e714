// Package strictjson is the strict JSON scanner of package lookout's two
// readers: the request reader (DecodeRequest) and the data-schema reader
// (ParseDataSchema). It reads only what every JSON reader reads the same
// way: no byte-order mark, no invalid UTF-8, no unescaped control
// character, no \u escape of a lone surrogate, no number JSON's grammar
// does not allow.
//
// A fault is an *[Error]: the byte offset of the first byte at fault and the
// reason in words, the same words for the same fault whichever reader meets
// it. Each reader maps it to its own public error type. Reading valid text
// allocates nothing but the strings that hold an escape.
package strictjson

import (
	"github.com/lookout-equipment/lookoutequipment/lookout/internal/swar"

	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Error is a fault in the text: where and why.
type Error struct {
	// Offset is the byte offset (0-based) of the first byte at fault: the
	// start of the unexpected value, member name or character; the text's
	// length for a text that ends too early.
	Offset int
	// Member is the name of the member whose name was read before the
	// fault (a missing ':', a missing value), "" otherwise.
	Member string
	// Reason says what is wrong, without the position.
	Reason string
}

// Error returns the offset and the reason.
func (e *Error) Error() string {
	return "offset " + strconv.Itoa(e.Offset) + ": " + e.Reason
}

// Scanner reads the JSON text Text from Pos.
type Scanner struct {
	// Text is the JSON text.
	Text string
	// Pos is the offset of the next byte to read.
	Pos int
	// Name is what the reasons call the text, as in "unexpected end of
	// the body": "the body" for a request, "the document" for a data
	// schema.
	Name string
}

// NoElementAfterComma is the reason for a list whose ',' is followed by
// its ']'.
const NoElementAfterComma = "expected an element after ',', found the character ']'"

// ErrorAt returns the error at offset i.
func (sc *Scanner) ErrorAt(i int, reason string) *Error {
	return &Error{Offset: i, Reason: reason}
}

// SkipSpace reads past JSON's white space.
func (sc *Scanner) SkipSpace() {
	s := sc.Text
	for sc.Pos < len(s) {
		switch s[sc.Pos] {
		case ' ', '\t', '\n', '\r':
			sc.Pos++
		default:
			return
		}
	}
}

// Literal reads lit ("null", "true", "false") at Pos if it is there.
func (sc *Scanner) Literal(lit string) bool {
	if strings.HasPrefix(sc.Text[sc.Pos:], lit) {
		sc.Pos += len(lit)
		return true
	}
	return false
}

// Member reads what comes before a member's value: the ',' that separates
// it from the previous one (unless first), its name and the ':'. It leaves
// Pos at the value. more is false, and the object's '}' consumed, when the
// object ends instead. at is the offset of the name's opening quote.
func (sc *Scanner) Member(first bool) (key string, at int, more bool, err *Error) {
	s := sc.Text
	sc.SkipSpace()
	if sc.Pos == len(s) {
		return "", 0, false, sc.ErrorAt(sc.Pos, "unexpected end of "+sc.Name+": the object is not closed")
	}
	switch c := s[sc.Pos]; {
	case c == '}':
		sc.Pos++
		return "", 0, false, nil
	case !first && c != ',':
		return "", 0, false, sc.ErrorAt(sc.Pos, "expected ',' or '}' after a member, found "+sc.Found(sc.Pos))
	case !first:
		sc.Pos++
		sc.SkipSpace()
		if sc.Pos == len(s) || s[sc.Pos] != '"' {
			return "", 0, false, sc.ErrorAt(sc.Pos, "expected a member name after ',', found "+sc.Found(sc.Pos))
		}
	case c != '"':
		return "", 0, false, sc.ErrorAt(sc.Pos, "expected a member name or '}', found "+sc.Found(sc.Pos))
	}
	at = sc.Pos
	key, err = sc.String()
	if err != nil {
		return "", 0, false, err
	}
	sc.SkipSpace()
	if sc.Pos == len(s) || s[sc.Pos] != ':' {
		return "", 0, false, &Error{Offset: sc.Pos, Member: key,
			Reason: "expected ':' after the member name, found " + sc.Found(sc.Pos)}
	}
	sc.Pos++
	sc.SkipSpace()
	if sc.Pos == len(s) {
		return "", 0, false, &Error{Offset: sc.Pos, Member: key,
			Reason: "unexpected end of " + sc.Name + ": the member has no value"}
	}
	return key, at, true, nil
}

// Element reads up to element i (0-based) of a list whose '[' is read,
// leaving Pos at the element: the ',' before it (unless i is 0) and white
// space. more is false at the list's end (its ']' consumed). It does not
// look at the element: a ']' after a ',' is for the caller to refuse
// (with [NoElementAfterComma]).
func (sc *Scanner) Element(i int) (more bool, err *Error) {
	s := sc.Text
	sc.SkipSpace()
	if sc.Pos == len(s) {
		return false, sc.ErrorAt(sc.Pos, "unexpected end of "+sc.Name+": the list is not closed")
	}
	switch c := s[sc.Pos]; {
	case c == ']':
		sc.Pos++
		return false, nil
	case i > 0 && c != ',':
		return false, sc.ErrorAt(sc.Pos, "expected ',' or ']' after an element, found "+sc.Found(sc.Pos))
	case i > 0:
		sc.Pos++
		sc.SkipSpace()
		if sc.Pos == len(s) {
			return false, sc.ErrorAt(sc.Pos, "unexpected end of "+sc.Name+": the list is not closed")
		}
	}
	return true, nil
}

// Skip reads past the value at Pos, checking it as strictly as any other,
// without recursion. A value nested deeper than maxDepth levels is refused;
// maxDepth 0 means no bound. It allocates only for values nested deeper
// than 64 levels.
func (sc *Scanner) Skip(maxDepth int) *Error {
	s := sc.Text
	// The open containers, a bit each (1 for an object), innermost in
	// bit 0 of low; deeper ones shifted into high.
	var low uint64
	var high []uint64
	depth := 0
	push := func(object bool) {
		if depth >= 64 && depth%64 == 0 {
			high = append(high, low)
			low = 0
		}
		low <<= 1
		if object {
			low |= 1
		}
		depth++
	}
	pop := func() {
		depth--
		low >>= 1
		if depth >= 64 && depth%64 == 0 {
			low = high[len(high)-1]
			high = high[:len(high)-1]
		}
	}
	for {
		// A value, at Pos.
		if maxDepth > 0 && depth > maxDepth {
			return sc.ErrorAt(sc.Pos, "the value nests deeper than "+strconv.Itoa(maxDepth)+" levels")
		}
		if sc.Pos == len(s) {
			return sc.ErrorAt(sc.Pos, "expected a value, found "+sc.Found(sc.Pos))
		}
		switch c := s[sc.Pos]; {
		case c == '"':
			if _, err := sc.String(); err != nil {
				return err
			}
		case c == '-' || '0' <= c && c <= '9':
			if _, _, err := sc.Number(); err != nil {
				return err
			}
		case sc.Literal("true"), sc.Literal("false"), sc.Literal("null"):
		case c == '{':
			sc.Pos++
			_, _, more, err := sc.Member(true)
			if err != nil {
				return err
			}
			if more {
				push(true)
				continue
			}
		case c == '[':
			sc.Pos++
			more, err := sc.Element(0)
			if err != nil {
				return err
			}
			if more {
				push(false)
				continue
			}
		default:
			return sc.ErrorAt(sc.Pos, "expected a value, found "+sc.Found(sc.Pos))
		}
		// After a value: close what ends here, up to the next value.
		for {
			if depth == 0 {
				return nil
			}
			if low&1 != 0 {
				_, _, more, err := sc.Member(false)
				if err != nil {
					return err
				}
				if more {
					break
				}
			} else {
				more, err := sc.Element(1)
				if err != nil {
					return err
				}
				if more {
					if s[sc.Pos] == ']' {
						return sc.ErrorAt(sc.Pos, NoElementAfterComma)
					}
					break
				}
			}
			pop()
		}
	}
}

// Number reads a JSON number at Pos, which is at a '-' or a digit, and
// reports whether it is written as an integer (no fraction, no exponent).
func (sc *Scanner) Number() (end int, integer bool, err *Error) {
	s := sc.Text
	i := sc.Pos
	if s[i] == '-' {
		i++
	}
	switch {
	case i == len(s) || s[i] < '0' || s[i] > '9':
		return 0, false, sc.ErrorAt(i, "invalid number: expected a digit, found "+sc.Found(i))
	case s[i] == '0':
		i++
		if i < len(s) && '0' <= s[i] && s[i] <= '9' {
			return 0, false, sc.ErrorAt(sc.Pos, "invalid number: a number does not start with 0 followed by a digit")
		}
	default:
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	}
	integer = true
	if i < len(s) && s[i] == '.' {
		integer = false
		i++
		if i == len(s) || s[i] < '0' || s[i] > '9' {
			return 0, false, sc.ErrorAt(i, "invalid number: expected a digit after '.', found "+sc.Found(i))
		}
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		integer = false
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i == len(s) || s[i] < '0' || s[i] > '9' {
			return 0, false, sc.ErrorAt(i, "invalid number: expected a digit in the exponent, found "+sc.Found(i))
		}
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	}
	sc.Pos = i
	return i, integer, nil
}

// String reads a JSON string; Pos is at its opening quote. A string without
// escapes is a substring of Text; one with escapes is built anew.
func (sc *Scanner) String() (string, *Error) {
	s := sc.Text
	start := sc.Pos + 1
	for i := start; i < len(s); {
		// Eight plain bytes at a time: ASCII, none a control
		// character, a quote or a backslash.
		for i+8 <= len(s) {
			w := swar.Load64(s[i:])
			if w&swar.Hi != 0 || swar.HasLess(w, 0x20) || swar.HasZero(w^(swar.Lo*'"')) || swar.HasZero(w^(swar.Lo*'\\')) {
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		switch {
		case c == '"':
			sc.Pos = i + 1
			return s[start:i], nil
		case c == '\\':
			return sc.stringEscaped(start, i)
		case c < 0x20:
			return "", sc.controlChar(i)
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", sc.invalidUTF8(i)
			}
			i += size
		}
	}
	return "", sc.ErrorAt(len(s), "unexpected end of "+sc.Name+" in a string")
}

// stringEscaped reads the rest of a string whose first escape is at i.
func (sc *Scanner) stringEscaped(start, i int) (string, *Error) {
	s := sc.Text
	var b strings.Builder
	b.Grow(i - start + 16)
	b.WriteString(s[start:i])
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			sc.Pos = i + 1
			return b.String(), nil
		case c == '\\':
			if i+1 == len(s) {
				return "", sc.ErrorAt(len(s), "unexpected end of "+sc.Name+" in a string")
			}
			if e, ok := simpleEscape(s[i+1]); ok {
				b.WriteByte(e)
			} else if s[i+1] != 'u' {
				return "", sc.ErrorAt(i, "invalid escape: \\ followed by "+sc.Found(i+1))
			} else {
				r, size, fault := uEscape(s, i)
				switch fault {
				case uEscapeNotHex:
					return "", sc.ErrorAt(i, `invalid \u escape: \u must be followed by four hexadecimal digits`)
				case uEscapeLoneLow:
					return "", sc.ErrorAt(i, "invalid \\u escape: "+s[i:i+6]+" is a lone low surrogate, not a character")
				case uEscapeLoneHigh:
					return "", sc.ErrorAt(i, "invalid \\u escape: "+s[i:i+6]+
						" is a high surrogate not followed by a \\u escape of a low surrogate")
				}
				b.WriteRune(r)
				i += size
				continue
			}
			i += 2
		case c < 0x20:
			return "", sc.controlChar(i)
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", sc.invalidUTF8(i)
			}
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return "", sc.ErrorAt(len(s), "unexpected end of "+sc.Name+" in a string")
}

// simpleEscape returns the byte that the escape of e (a backslash and e)
// stands for, for every escape of JSON but \u.
func simpleEscape(e byte) (byte, bool) {
	switch e {
	case '"', '\\', '/':
		return e, true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	}
	return 0, false
}

// uEscapeFault says why a \u escape is not a character.
type uEscapeFault uint8

const (
	uEscapeOK       uEscapeFault = iota
	uEscapeNotHex                // \u not followed by four hexadecimal digits
	uEscapeLoneLow               // a low surrogate with no high one before it
	uEscapeLoneHigh              // a high surrogate not followed by a \u escape of a low one
)

// uEscape reads the \u escape at s[i:] (s[i:i+2] is `\u`), and the escape of
// the low surrogate that must follow a high one: the character, and the
// bytes read (6, or 12 for a surrogate pair), or why it is not one.
func uEscape(s string, i int) (r rune, size int, fault uEscapeFault) {
	r, ok := hex4(s, i+2)
	switch {
	case !ok:
		return 0, 0, uEscapeNotHex
	case 0xDC00 <= r && r <= 0xDFFF:
		return 0, 0, uEscapeLoneLow
	case 0xD800 <= r && r <= 0xDBFF:
		low, ok := rune(0), false
		if i+12 <= len(s) && s[i+6] == '\\' && s[i+7] == 'u' {
			low, ok = hex4(s, i+8)
		}
		if !ok || low < 0xDC00 || low > 0xDFFF {
			return 0, 0, uEscapeLoneHigh
		}
		return utf16.DecodeRune(r, low), 12, uEscapeOK
	}
	return r, 6, uEscapeOK
}

// hex4 reads the four hexadecimal digits at s[i:i+4].
func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

func (sc *Scanner) controlChar(i int) *Error {
	return sc.ErrorAt(i, "control character "+CharName(rune(sc.Text[i]))+
		" in a string: JSON requires it to be escaped")
}

func (sc *Scanner) invalidUTF8(i int) *Error {
	return sc.ErrorAt(i, "invalid UTF-8 in a string: byte "+hexByte(sc.Text[i]))
}

// Found describes what is at offset i, for "expected ..., found ..."
// reasons: a kind of value ("a number"), a character, or the end.
func (sc *Scanner) Found(i int) string {
	s := sc.Text
	if i >= len(s) {
		return "the end of " + sc.Name
	}
	if k := ValueKind(s, i); k != "" {
		return k
	}
	c := s[i]
	if c >= utf8.RuneSelf {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return "invalid UTF-8 (byte " + hexByte(c) + ")"
		}
		return "the character " + CharName(r)
	}
	return "the character " + CharName(rune(c))
}

// ValueKind names the JSON value that starts at s[i] ("an object", "a
// number", "null", ...), "" when none can start there. i < len(s).
func ValueKind(s string, i int) string {
	switch c := s[i]; {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	case strings.HasPrefix(s[i:], "true"), strings.HasPrefix(s[i:], "false"):
		return "a boolean"
	case strings.HasPrefix(s[i:], "null"):
		return "null"
	}
	return ""
}

// CharName names r as "'x' (U+0078)", or "U+00A0" for a character not
// safe to show: one that strconv.IsPrint refuses (controls, format
// characters, and every space but U+0020, which could not be told apart),
// and the quote and backslash.
func CharName(r rune) string {
	u := CodePoint(r)
	if strconv.IsPrint(r) && r != '\'' && r != '\\' {
		return "'" + string(r) + "' (" + u + ")"
	}
	return u
}

// CodePoint writes r as "U+0078": at least four upper-case hexadecimal
// digits.
func CodePoint(r rune) string {
	u := strconv.FormatInt(int64(r), 16)
	return "U+" + strings.Repeat("0", max(0, 4-len(u))) + strings.ToUpper(u)
}

const hexDigits = "0123456789ABCDEF"

func hexByte(c byte) string {
	return "0x" + string(hexDigits[c>>4]) + string(hexDigits[c&0xF])
}

// Position returns the 1-based line and column of offset i in s: lines end
// at '\n', columns count code points (each byte of invalid UTF-8 one).
func Position(s string, i int) (line, column int) {
	before := s[:i]
	line = 1 + strings.Count(before, "\n")
	column = 1 + utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:])
	return line, column
}
