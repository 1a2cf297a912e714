package lookout

import (
	"math"
	"strconv"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/strictjson"
)

// The strict reader's member loop and value readers, which the generated
// decode method of each structure calls: one switch on the member's index,
// one reader per member.

// wireNames is a structure's member names, in wire order, for the reader.
type wireNames struct {
	names []string
	// shown lists them as errors do.
	shown string
}

func newWireNames(names ...string) wireNames {
	return wireNames{names: names, shown: strings.Join(names, ", ")}
}

// index returns the index of the member named key, or -1; next is where a
// body in the model's order has it.
func (t *wireNames) index(key string, next int) int {
	if next < len(t.names) && t.names[next] == key {
		return next
	}
	for i, n := range t.names {
		if n == key {
			return i
		}
	}
	return -1
}

// objectState is the reader's state within one object.
type objectState struct {
	seen    uint64 // a bit per member read
	started bool   // the '{' is consumed
	count   int    // the members read
	next    int    // the member after the last one read
}

// field reads up to the value of the object's next member and returns the
// member's index in t, or -1 at the end of the object (its '}' consumed).
// It refuses a member that is unknown or repeated.
func (d *decoder) field(t *wireNames, st *objectState) (int, *DecodeError) {
	if !st.started {
		d.Pos++ // '{'
		st.started = true
	}
	key, at, more, de := d.member(st.count == 0)
	if de != nil || !more {
		return -1, de
	}
	st.count++
	i := t.index(key, st.next)
	if i < 0 {
		return -1, d.unknownMember(at, key, t.names, t.shown)
	}
	bit := uint64(1) << i
	if st.seen&bit != 0 {
		return -1, d.duplicateMember(at, key)
	}
	st.seen |= bit
	st.next = i + 1
	return i, nil
}

// emptyObject reads an object that has no members.
func (d *decoder) emptyObject() *DecodeError {
	var st objectState
	_, de := d.field(&wireNames{}, &st)
	return de
}

// plainString reads a string member held in a plain string, whose "" means
// absent: null is "", and a body that gives "" is recorded in the presence.
func (d *decoder) plainString(p *string) *DecodeError {
	s, present, de := d.stringValue()
	if de != nil {
		return de
	}
	*p = s
	if present && s == "" {
		d.presence.empty = append(d.presence.empty, p)
	}
	return nil
}

// optString reads a string member held in a *string: nil for null.
func (d *decoder) optString(p **string) *DecodeError {
	s, present, de := d.stringValue()
	if de == nil && present {
		q := d.newString()
		*q = s
		*p = q
	}
	return de
}

// int32 reads a 32-bit integer member: nil for null.
func (d *decoder) int32(p **int32) *DecodeError {
	n, present, de := d.intValue(math.MinInt32, math.MaxInt32, "32-bit")
	if de == nil && present {
		*p = new(int32(n))
	}
	return de
}

// int64 reads a 64-bit integer member: nil for null.
func (d *decoder) int64(p **int64) *DecodeError {
	n, present, de := d.intValue(math.MinInt64, math.MaxInt64, "64-bit")
	if de == nil && present {
		*p = new(n)
	}
	return de
}

// bool reads a boolean member: nil for null.
func (d *decoder) bool(p **bool) *DecodeError {
	b, present, de := d.boolValue()
	if de == nil && present {
		*p = new(b)
	}
	return de
}

// float reads a number member: nil for null. The number is read as
// strconv.ParseFloat reads it; one out of float64's range is refused.
func (d *decoder) float(p **float64) *DecodeError {
	f, present, de := d.floatValue()
	if de == nil && present {
		*p = new(f)
	}
	return de
}

// timestamp reads a timestamp member, seconds since the epoch: nil for
// null.
func (d *decoder) timestamp(p **Timestamp) *DecodeError {
	t, present, de := d.timestampValue()
	if de == nil && present {
		*p = new(t)
	}
	return de
}

// listStart reads the start of a list member's value: null (absent) or
// '['. present reports a '[', which it consumes.
func (d *decoder) listStart() (present bool, de *DecodeError) {
	switch {
	case d.Text[d.Pos] == '[':
		d.Pos++
		return true, nil
	case strings.HasPrefix(d.Text[d.Pos:], "null"):
		d.Pos += len("null")
		return false, nil
	}
	return false, d.errorAt(d.Pos, "expected a list or null, found "+d.Found(d.Pos))
}

// countElements returns the number of elements of the list whose '[' was
// just read, found by a quick scan to its ']' (strings skipped, nesting
// counted, nothing checked): the capacity its slice is made with, so that
// appending never moves an element whose fields the presence holds the
// address of. A malformed list, which the reader then refuses, may be
// miscounted; its count is bounded by the body's length.
func (d *decoder) countElements() int {
	s := d.Text
	depth, n, any := 0, 0, false
	for i := d.Pos; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			any = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			any = true
			depth++
		case ']', '}':
			if depth == 0 {
				if any {
					n++
				}
				return n
			}
			depth--
		case ',':
			if depth == 0 {
				n++
			}
		case ' ', '\t', '\n', '\r':
		default:
			any = true
		}
	}
	return n
}

// element reads up to element i (0-based) of a list whose '[' is read: it
// returns false at the list's end (its ']' consumed). open is the first
// byte the element must have: '{' for a structure, '"' for a string.
func (d *decoder) element(i int, open byte) (more bool, de *DecodeError) {
	more, err := d.Element(i)
	if err != nil || !more {
		return false, d.failOrNil(err)
	}
	if c := d.Text[d.Pos]; c != open {
		what := "an object"
		if open == '"' {
			what = "a string"
		}
		reason := "expected " + what + ", found " + d.Found(d.Pos)
		if i > 0 && c == ']' {
			reason = strictjson.NoElementAfterComma
		}
		return false, d.errorAt(d.Pos, reason).within(elementSegment(i))
	}
	return true, nil
}

// elementSegment is the path segment of element i (0-based) of a list, as
// the service's messages name it: "2.member" for the second.
func elementSegment(i int) string { return elementPath("", i)[1:] }

// objectStart reads the start of a structure member's value: null (absent)
// or '{'. present reports a '{', which it leaves for decodeObject.
func (d *decoder) objectStart() (present bool, de *DecodeError) {
	switch {
	case d.Text[d.Pos] == '{':
		return true, nil
	case strings.HasPrefix(d.Text[d.Pos:], "null"):
		d.Pos += len("null")
		return false, nil
	}
	return false, d.errorAt(d.Pos, "expected an object or null, found "+d.Found(d.Pos))
}

// stringValue reads a string member's value: a string, or null (absent).
func (d *decoder) stringValue() (v string, present bool, de *DecodeError) {
	switch {
	case d.Text[d.Pos] == '"':
		v, de = d.str()
		return v, de == nil, de
	case strings.HasPrefix(d.Text[d.Pos:], "null"):
		d.Pos += len("null")
		return "", false, nil
	}
	return "", false, d.errorAt(d.Pos, "expected a string or null, found "+d.Found(d.Pos))
}

// boolValue reads a boolean member's value: true, false, or null (absent).
func (d *decoder) boolValue() (v, present bool, de *DecodeError) {
	switch rest := d.Text[d.Pos:]; {
	case strings.HasPrefix(rest, "true"):
		d.Pos += len("true")
		return true, true, nil
	case strings.HasPrefix(rest, "false"):
		d.Pos += len("false")
		return false, true, nil
	case strings.HasPrefix(rest, "null"):
		d.Pos += len("null")
		return false, false, nil
	}
	return false, false, d.errorAt(d.Pos, "expected a boolean or null, found "+d.Found(d.Pos))
}

// intValue reads an integer member's value, an integer in [lo, hi], or null
// (absent). A number with a fraction or an exponent is refused, as is one
// out of the range, with the number in the reason; bits names the range.
func (d *decoder) intValue(lo, hi int64, bits string) (v int64, present bool, de *DecodeError) {
	s := d.Text
	start := d.Pos
	if strings.HasPrefix(s[start:], "null") {
		d.Pos += len("null")
		return 0, false, nil
	}
	if c := s[start]; c != '-' && (c < '0' || c > '9') {
		return 0, false, d.errorAt(start, "expected an integer or null, found "+d.Found(start))
	}
	end, integer, err := d.Number()
	if err != nil {
		return 0, false, d.fail(err)
	}
	text := s[start:end]
	if !integer {
		return 0, false, d.errorAt(start, "expected an integer or null, found the number "+
			quoteBounded(text, maxShownNumber)+", which is not an integer")
	}
	neg := text[0] == '-'
	digits := text
	if neg {
		digits = text[1:]
	}
	// 19 digits fit in a uint64; more are out of every range.
	var u uint64
	over := len(digits) > 19
	for i := 0; !over && i < len(digits); i++ {
		u = u*10 + uint64(digits[i]-'0')
	}
	switch {
	case over:
	case neg && u == 0:
		v, present = 0, true
	case neg && lo < 0 && u-1 <= uint64(-(lo+1)):
		v, present = -int64(u-1)-1, true
	case !neg && hi >= 0 && u <= uint64(hi):
		v, present = int64(u), true
	}
	if !present || v < lo || v > hi {
		return 0, false, d.errorAt(start, "the number "+quoteBounded(text, maxShownNumber)+
			" is outside the range of a "+bits+" integer ("+strconv.FormatInt(lo, 10)+" to "+strconv.FormatInt(hi, 10)+")")
	}
	return v, true, nil
}

// floatValue reads a number member's value, or null (absent).
func (d *decoder) floatValue() (v float64, present bool, de *DecodeError) {
	s := d.Text
	start := d.Pos
	if strings.HasPrefix(s[start:], "null") {
		d.Pos += len("null")
		return 0, false, nil
	}
	if c := s[start]; c != '-' && (c < '0' || c > '9') {
		return 0, false, d.errorAt(start, "expected a number or null, found "+d.Found(start))
	}
	end, _, err := d.Number()
	if err != nil {
		return 0, false, d.fail(err)
	}
	f, perr := strconv.ParseFloat(s[start:end], 64)
	if perr != nil {
		return 0, false, d.errorAt(start, "the number "+quoteBounded(s[start:end], maxShownNumber)+
			" is outside the range of a 64-bit float")
	}
	return f, true, nil
}

// timestampValue reads a timestamp member's value: a number of seconds since
// the epoch, or null (absent).
func (d *decoder) timestampValue() (t Timestamp, present bool, de *DecodeError) {
	s := d.Text
	start := d.Pos
	if strings.HasPrefix(s[start:], "null") {
		d.Pos += len("null")
		return Timestamp{}, false, nil
	}
	if c := s[start]; c != '-' && (c < '0' || c > '9') {
		return Timestamp{}, false, d.errorAt(start, "expected a timestamp (a number of seconds since the epoch) or null, found "+
			d.Found(start))
	}
	end, _, err := d.Number()
	if err != nil {
		return Timestamp{}, false, d.fail(err)
	}
	t, terr := ParseTimestamp(s[start:end])
	if terr != nil {
		reason := "the timestamp " + quoteBounded(s[start:end], maxShownNumber) + " cannot be read"
		if te, ok := terr.(*TimestampError); ok {
			reason = "the timestamp " + quoteBounded(s[start:end], maxShownNumber) + " is " + te.Reason
		}
		return Timestamp{}, false, d.errorAt(start, reason)
	}
	return t, true, nil
}

// maxShownNumber bounds the bytes, once escaped, of a number that an error
// shows.
const maxShownNumber = 40
