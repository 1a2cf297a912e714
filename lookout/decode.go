package lookout

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxRequestBodyBytes bounds the body of a request of every operation but
// CreateDataset (see [MaxCreateDatasetBodyBytes]): [DecodeRequest] refuses
// longer data, and [ReadRequest] refuses a longer body without reading it
// into memory.
//
// Its value, 64 KiB, is the largest JSON encoding of a valid request with a
// margin. Take each string member at its longest valid length, and write
// every character as a JSON escape at its widest (\uXXXX, 6 bytes, for a
// character of the Basic Multilingual Plane; a surrogate pair, 12 bytes, for
// any other). For StartDataIngestionJob: ClientToken, 256 ASCII characters,
// is 1,536 bytes; DatasetName, 200, is 1,200; Bucket, 63, is 378; Prefix,
// 1,024 characters up to U+00FF, is 6,144; the longest documented
// KeyPattern, 27, is 162; RoleArn, 2,048 characters, at most 24,576. That
// is 33,996 bytes, and with the member names escaped too (588 bytes),
// punctuation and indentation, about 34,500 (a test builds this request).
// Even a KeyPattern at the 2,048 characters its length constraint allows
// (at most 24,576 bytes, though no such value is valid) keeps the total
// under 60,000 bytes. The widest request of the other operations is
// ListSensorStatistics': a NextToken of 8,192 ASCII characters is 49,152
// bytes escaped, about 51,000 with the rest. What remains is room for more
// whitespace.
const MaxRequestBodyBytes = 64 << 10

// MaxCreateDatasetBodyBytes bounds the body of a CreateDataset request, whose
// InlineDataSchema may be 1,000,000 characters. A valid schema is ASCII
// (its names' patterns allow nothing else, and JSON's punctuation and
// whitespace are ASCII), so it is at most 6,000,000 bytes with every
// character escaped as \u00XX; 200 tags of the longest key and value, also
// ASCII, add 460,800; the rest is under 10,000. 8 MiB holds that with a
// margin.
const MaxCreateDatasetBodyBytes = 8 << 20

// DecodeError says where and why [DecodeRequest] (or [ReadRequest]) could
// not read a request body. It is the Err of the *[SerializationException]
// they return.
type DecodeError struct {
	// Offset is the byte offset in the body (0-based) of the first byte at
	// fault: the start of the unexpected value, member name or character.
	// It is the body's length for a body that ends too early, and the
	// limit for a body over it.
	Offset int64

	// Line and Column locate Offset, both 1-based. Lines end at "\n";
	// Column counts characters (Unicode code points, each byte of invalid
	// UTF-8 counting as one). Both are 0 when the error is not at a place in
	// a body that was read: a body over the limit, a body that could not be
	// read.
	Line, Column int

	// Path is the wire path of the member concerned, such as
	// "IngestionInputConfiguration.S3InputConfiguration.Bucket": the member
	// whose value is at fault, or the unknown or duplicate member (with its
	// name as the body spells it). An element of a list is named by its
	// 1-based index followed by "member", as the service's messages name
	// it: "Tags.2.member.Key". For an error of the body's structure (a
	// missing ',' say) it is the path of the enclosing object or list, ""
	// at the top level.
	Path string

	// Reason says what is wrong, in words, without the position or path.
	Reason string

	// cause is the error behind a body that could not be read: a
	// *http.MaxBytesError for a body over the limit, the reader's error for
	// a failed read. It is nil for a body that was read and refused.
	cause error
}

// Error returns the position, the member's path when there is one, and the
// reason:
//
//	line 5, column 19: member "IngestionInputConfiguration.S3InputConfiguration.Bucket": expected a string or null, found a number
func (e *DecodeError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	if e.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(", column ")
		b.WriteString(strconv.Itoa(e.Column))
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString("member ")
		b.WriteString(quoteBounded(e.Path, maxShownPath))
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns the cause of a body that could not be read: a
// *http.MaxBytesError for a body over the limit, or the error of the body's
// reader. It returns nil for a body that was read and refused.
func (e *DecodeError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.cause
}

// DecodeRequest reads data, the JSON body of a request as AWS JSON 1.0 sends
// it, into req, strictly: it accepts only what every JSON reader reads the
// same way, and refuses the rest with a *[SerializationException] whose Err
// is a *[DecodeError] saying what and where. req is any operation's request
// (*[StartDataIngestionJobRequest], *[CreateDatasetRequest], ...); it is
// set to its zero value first, and left so when data is refused. A nil req
// is refused the same way, with nothing read.
//
// It refuses, each with its own reason: an empty body; a byte-order mark;
// anything but one JSON object at the top level (an array, null, a number,
// data after the object); malformed JSON; a member name that is unknown
// (names are case-sensitive: "datasetname" is not DatasetName) or that
// appears twice in one object; a member of the wrong type (a number for a
// string, a string for a list, say); an integer member given a number with
// a fraction or an exponent, or out of its Go type's range; a timestamp out
// of the years 0001 to 9999; a list element that is not an object (null
// included); invalid UTF-8, an unescaped control character, and a \u escape
// of a lone surrogate ("\ud800") in a string, which other readers would
// turn into U+FFFD; and data longer than the operation's limit
// ([MaxRequestBodyBytes], [MaxCreateDatasetBodyBytes]), whose DecodeError
// unwraps to a *http.MaxBytesError.
//
// JSON null for a member means the member is absent, as in AWS JSON 1.0. A
// string member given as "" is the empty string, which for the plain string
// fields of the requests also means absent; the returned [Presence] keeps
// what the request cannot say, and [Presence.Validate] validates the request
// as the service reads the body. Member names may be written with escapes:
// "Client\u0054oken" is ClientToken.
//
// DecodeRequest does not check the members' constraints: call
// [Presence.Validate], or the request's Validate. What it accepts,
// encoding/json's Unmarshal reads into the same request, and json.Marshal
// of the result reads back to it (but for an empty list, which a request
// leaves out).
//
// It reads data once, in time linear in its length, without recursion
// beyond the depth of the operation's structures; it does not keep data.
// The request's strings that hold no escape share one copy of data, so a
// program that keeps one of them for long keeps that copy alive: keep a
// strings.Clone of it instead.
func DecodeRequest(data []byte, req Request) (Presence, error) {
	if req == nil || req.isNil() {
		return Presence{}, noRequest()
	}
	op := req.operation()
	if limit := op.maxBody; len(data) > limit {
		req.reset()
		return Presence{}, bodyTooLarge(&http.MaxBytesError{Limit: int64(limit)})
	}
	req.reset()
	d := decoders.Get().(*decoder)
	d.s = string(data)
	de := d.body(req)
	p := Presence{p: d.presence}
	*d = decoder{} // keeps nothing of this body
	decoders.Put(d)
	if de != nil {
		req.reset()
		return Presence{}, &SerializationException{Message: de.Error(), Err: de}
	}
	return p, nil
}

// noRequest is the error of DecodeRequest and ReadRequest given a nil
// request to read into: there is nowhere to put what the body says.
func noRequest() error {
	de := &DecodeError{Reason: "there is no request to decode into: req is nil"}
	return &SerializationException{Message: de.Error(), Err: de}
}

// bodyTooLarge is the error for a body longer than cause.Limit bytes.
func bodyTooLarge(cause *http.MaxBytesError) *SerializationException {
	de := &DecodeError{
		Offset: cause.Limit,
		Reason: "the body is longer than the limit of " + strconv.FormatInt(cause.Limit, 10) + " bytes",
		cause:  cause,
	}
	return &SerializationException{Message: de.Error(), Err: de}
}

// Presence keeps what a request body said of its members that the request
// decoded from it cannot say: which plain string members the body gave as
// "" where the request reads "" as absent, and which it left out where the
// request reads "" as a value. [DecodeRequest] and [ReadRequest] return it,
// and [Presence.Validate] reads the request with it. Its zero value is a
// body that said nothing of the kind, as a request built in Go is.
type Presence struct {
	p presence
}

// Validate validates req, the request decoded with p, as the service
// validates the body it was decoded from: as req's Validate does, except
// that a member the body gave as "" is reported as the empty string it is,
// not as absent, and one it left out as absent whatever its Go value. A
// StartDataIngestionJob body with "ClientToken": "" fails with
//
//	Value '' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 1
//
// and one without ClientToken (or with null) with
//
//	Value null at 'clientToken' failed to satisfy constraint: Member must not be null
//
// It returns nil or a *[ValidationException] (one without Fields for a nil
// req). A nil p is the zero Presence.
func (p *Presence) Validate(req Request) error {
	if req == nil {
		return &ValidationException{Message: "there is no request to validate"}
	}
	if p == nil {
		return req.validateWire(nil)
	}
	return req.validateWire(&p.p)
}

// decoder reads one request body. It keeps no position information as it
// goes, nor the path to the value being read: an error's line and column
// are computed from its offset, and its path is written as it returns
// through the objects and lists it is in (see DecodeError.within).
type decoder struct {
	s        string
	pos      int
	presence presence
	// lenient: an unknown member is skipped, not refused (a client
	// reading a newer service's answer).
	lenient bool
	// strs is storage for the optional string members, filled in turn:
	// one allocation for a request's first four rather than one each.
	strs []string
}

// decoders keeps decoders for reuse: a decoder is in use for one body,
// and keeps nothing of it once done.
var decoders = sync.Pool{New: func() any { return new(decoder) }}

// body reads d.s, a whole body, into req with op's declarations.
func (d *decoder) body(v structure) *DecodeError {
	s := d.s
	if len(s) == 0 {
		return d.errorAt(0, "the body is empty: a request is a JSON object")
	}
	if strings.HasPrefix(s, "\uFEFF") {
		return d.errorAt(0, "the body starts with a byte-order mark (U+FEFF), which JSON does not allow")
	}
	d.skipSpace()
	if d.pos == len(s) {
		return d.errorAt(d.pos, "the body holds only whitespace: a request is a JSON object")
	}
	if s[d.pos] != '{' {
		return d.errorAt(d.pos, "expected a JSON object, found "+d.found(d.pos))
	}
	if de := v.decode(d); de != nil {
		return de
	}
	d.skipSpace()
	if d.pos < len(s) {
		return d.errorAt(d.pos, "unexpected data after the JSON object: "+d.found(d.pos))
	}
	return nil
}

// within returns de, the error of a value within member seg of an
// object (or element seg of a list), with seg put before its path: the
// path is written as the error returns through the values it is in, so
// that reading a valid body builds none.
func (de *DecodeError) within(seg string) *DecodeError {
	if de.Path == "" {
		de.Path = seg
	} else {
		de.Path = seg + "." + de.Path
	}
	return de
}

// newString returns storage for an optional string member's value.
func (d *decoder) newString() *string {
	if len(d.strs) == cap(d.strs) {
		d.strs = make([]string, 0, 4)
	}
	d.strs = d.strs[:len(d.strs)+1]
	return &d.strs[len(d.strs)-1]
}

// objectStart reads the start of a structure member's value: null (absent)
// or '{'. present reports a '{', which it leaves for decodeObject.
func (d *decoder) objectStart() (present bool, de *DecodeError) {
	switch {
	case d.s[d.pos] == '{':
		return true, nil
	case strings.HasPrefix(d.s[d.pos:], "null"):
		d.pos += len("null")
		return false, nil
	}
	return false, d.errorAt(d.pos, "expected an object or null, found "+d.found(d.pos))
}

// stringValue reads a string member's value: a string, or null (absent).
func (d *decoder) stringValue() (v string, present bool, de *DecodeError) {
	switch {
	case d.s[d.pos] == '"':
		v, de = d.str()
		return v, de == nil, de
	case strings.HasPrefix(d.s[d.pos:], "null"):
		d.pos += len("null")
		return "", false, nil
	}
	return "", false, d.errorAt(d.pos, "expected a string or null, found "+d.found(d.pos))
}

// boolValue reads a boolean member's value: true, false, or null (absent).
func (d *decoder) boolValue() (v, present bool, de *DecodeError) {
	switch rest := d.s[d.pos:]; {
	case strings.HasPrefix(rest, "true"):
		d.pos += len("true")
		return true, true, nil
	case strings.HasPrefix(rest, "false"):
		d.pos += len("false")
		return false, true, nil
	case strings.HasPrefix(rest, "null"):
		d.pos += len("null")
		return false, false, nil
	}
	return false, false, d.errorAt(d.pos, "expected a boolean or null, found "+d.found(d.pos))
}

// intValue reads an integer member's value, an integer in [lo, hi], or null
// (absent). A number with a fraction or an exponent is refused, as is one
// out of the range, with the number in the reason; bits names the range.
func (d *decoder) intValue(lo, hi int64, bits string) (v int64, present bool, de *DecodeError) {
	s := d.s
	start := d.pos
	if strings.HasPrefix(s[start:], "null") {
		d.pos += len("null")
		return 0, false, nil
	}
	if c := s[start]; c != '-' && (c < '0' || c > '9') {
		return 0, false, d.errorAt(start, "expected an integer or null, found "+d.found(start))
	}
	end, integer, de := d.number()
	if de != nil {
		return 0, false, de
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
	s := d.s
	start := d.pos
	if strings.HasPrefix(s[start:], "null") {
		d.pos += len("null")
		return 0, false, nil
	}
	if c := s[start]; c != '-' && (c < '0' || c > '9') {
		return 0, false, d.errorAt(start, "expected a number or null, found "+d.found(start))
	}
	end, _, de := d.number()
	if de != nil {
		return 0, false, de
	}
	f, err := strconv.ParseFloat(s[start:end], 64)
	if err != nil {
		return 0, false, d.errorAt(start, "the number "+quoteBounded(s[start:end], maxShownNumber)+
			" is outside the range of a 64-bit float")
	}
	return f, true, nil
}

// maxSkipDepth bounds the nesting of a value a lenient decoder skips.
const maxSkipDepth = 64

// skipValue reads past the JSON value at d.pos, checking it as strictly as
// any other (strings, numbers, nesting up to maxSkipDepth).
func (d *decoder) skipValue(depth int) *DecodeError {
	if depth > maxSkipDepth {
		return d.errorAt(d.pos, "the value nests deeper than "+strconv.Itoa(maxSkipDepth)+" levels")
	}
	s := d.s
	switch c := s[d.pos]; {
	case c == '"':
		_, de := d.str()
		return de
	case c == '-' || '0' <= c && c <= '9':
		_, _, de := d.number()
		return de
	case strings.HasPrefix(s[d.pos:], "true"):
		d.pos += 4
	case strings.HasPrefix(s[d.pos:], "false"):
		d.pos += 5
	case strings.HasPrefix(s[d.pos:], "null"):
		d.pos += 4
	case c == '{':
		d.pos++
		for first := true; ; first = false {
			_, _, more, de := d.member(first)
			if de != nil || !more {
				return de
			}
			if de := d.skipValue(depth + 1); de != nil {
				return de
			}
		}
	case c == '[':
		d.pos++
		for i := 0; ; i++ {
			d.skipSpace()
			if d.pos == len(s) {
				return d.errorAt(d.pos, "unexpected end of the body: the list is not closed")
			}
			if s[d.pos] == ']' {
				d.pos++
				return nil
			}
			if i > 0 {
				if s[d.pos] != ',' {
					return d.errorAt(d.pos, "expected ',' or ']' after an element, found "+d.found(d.pos))
				}
				d.pos++
				d.skipSpace()
				if d.pos == len(s) {
					return d.errorAt(d.pos, "unexpected end of the body: the list is not closed")
				}
			}
			if de := d.skipValue(depth + 1); de != nil {
				return de
			}
		}
	default:
		return d.errorAt(d.pos, "expected a value, found "+d.found(d.pos))
	}
	return nil
}

// timestampValue reads a timestamp member's value: a number of seconds since
// the epoch, or null (absent).
func (d *decoder) timestampValue() (t Timestamp, present bool, de *DecodeError) {
	s := d.s
	start := d.pos
	if strings.HasPrefix(s[start:], "null") {
		d.pos += len("null")
		return Timestamp{}, false, nil
	}
	if c := s[start]; c != '-' && (c < '0' || c > '9') {
		return Timestamp{}, false, d.errorAt(start, "expected a timestamp (a number of seconds since the epoch) or null, found "+
			d.found(start))
	}
	end, _, de := d.number()
	if de != nil {
		return Timestamp{}, false, de
	}
	t, err := ParseTimestamp(s[start:end])
	if err != nil {
		reason := "the timestamp " + quoteBounded(s[start:end], maxShownNumber) + " cannot be read"
		if te, ok := err.(*TimestampError); ok {
			reason = "the timestamp " + quoteBounded(s[start:end], maxShownNumber) + " is " + te.Reason
		}
		return Timestamp{}, false, d.errorAt(start, reason)
	}
	return t, true, nil
}

// maxShownNumber bounds the bytes of a number that an error shows.
const maxShownNumber = 40

// number reads a JSON number at d.pos, which is at a '-' or a digit, and
// reports whether it is written as an integer (no fraction, no exponent).
func (d *decoder) number() (end int, integer bool, de *DecodeError) {
	s := d.s
	i := d.pos
	if s[i] == '-' {
		i++
	}
	switch {
	case i == len(s) || s[i] < '0' || s[i] > '9':
		return 0, false, d.errorAt(i, "invalid number: expected a digit, found "+d.found(i))
	case s[i] == '0':
		i++
		if i < len(s) && '0' <= s[i] && s[i] <= '9' {
			return 0, false, d.errorAt(d.pos, "invalid number: a number does not start with 0 followed by a digit")
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
			return 0, false, d.errorAt(i, "invalid number: expected a digit after '.', found "+d.found(i))
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
			return 0, false, d.errorAt(i, "invalid number: expected a digit in the exponent, found "+d.found(i))
		}
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	}
	d.pos = i
	return i, integer, nil
}

// member reads what comes before a member's value: the ',' that separates it
// from the previous one (unless first), its name and the ':'. It leaves
// d.pos at the value. more is false, and the object's '}' consumed, when the
// object ends instead.
func (d *decoder) member(first bool) (key string, at int, more bool, de *DecodeError) {
	d.skipSpace()
	if d.pos == len(d.s) {
		return "", 0, false, d.errorAt(d.pos, "unexpected end of the body: the object is not closed")
	}
	switch c := d.s[d.pos]; {
	case c == '}':
		d.pos++
		return "", 0, false, nil
	case !first && c != ',':
		return "", 0, false, d.errorAt(d.pos, "expected ',' or '}' after a member, found "+d.found(d.pos))
	case !first:
		d.pos++
		d.skipSpace()
		if d.pos == len(d.s) || d.s[d.pos] != '"' {
			return "", 0, false, d.errorAt(d.pos, "expected a member name after ',', found "+d.found(d.pos))
		}
	case c != '"':
		return "", 0, false, d.errorAt(d.pos, "expected a member name or '}', found "+d.found(d.pos))
	}
	at = d.pos
	key, de = d.str()
	if de != nil {
		return "", 0, false, de
	}
	d.skipSpace()
	if d.pos == len(d.s) || d.s[d.pos] != ':' {
		return "", 0, false, d.errorAtMember(d.pos, key, "expected ':' after the member name, found "+d.found(d.pos))
	}
	d.pos++
	d.skipSpace()
	if d.pos == len(d.s) {
		return "", 0, false, d.errorAtMember(d.pos, key, "unexpected end of the body: the member has no value")
	}
	return key, at, true, nil
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.s) {
		switch d.s[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// str reads a JSON string; d.pos is at its opening quote. A string without
// escapes is a substring of d.s; one with escapes is built anew.
func (d *decoder) str() (string, *DecodeError) {
	s := d.s
	start := d.pos + 1
	for i := start; i < len(s); {
		// Eight plain bytes at a time: ASCII, none a control
		// character, a quote or a backslash.
		for i+8 <= len(s) {
			w := load64(s[i:])
			if w&swarHi != 0 || swarHasLess(w, 0x20) || swarHasZero(w^(swarLo*'"')) || swarHasZero(w^(swarLo*'\\')) {
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
			d.pos = i + 1
			return s[start:i], nil
		case c == '\\':
			return d.strEscaped(start, i)
		case c < 0x20:
			return "", d.controlChar(i)
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", d.invalidUTF8(i)
			}
			i += size
		}
	}
	return "", d.errorAt(len(s), "unexpected end of the body in a string")
}

// strEscaped reads the rest of a string whose first escape is at i.
func (d *decoder) strEscaped(start, i int) (string, *DecodeError) {
	s := d.s
	var b strings.Builder
	b.Grow(i - start + 16)
	b.WriteString(s[start:i])
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return b.String(), nil
		case c == '\\':
			if i+1 == len(s) {
				return "", d.errorAt(len(s), "unexpected end of the body in a string")
			}
			if e, ok := simpleEscape(s[i+1]); ok {
				b.WriteByte(e)
			} else if s[i+1] != 'u' {
				return "", d.errorAt(i, "invalid escape: \\ followed by "+d.found(i+1))
			} else {
				r, size, fault := uEscape(s, i)
				switch fault {
				case uEscapeNotHex:
					return "", d.errorAt(i, `invalid \u escape: \u must be followed by four hexadecimal digits`)
				case uEscapeLoneLow:
					return "", d.errorAt(i, "invalid \\u escape: "+s[i:i+6]+" is a lone low surrogate, not a character")
				case uEscapeLoneHigh:
					return "", d.errorAt(i, "invalid \\u escape: "+s[i:i+6]+
						" is a high surrogate not followed by a \\u escape of a low surrogate")
				}
				b.WriteRune(r)
				i += size
				continue
			}
			i += 2
		case c < 0x20:
			return "", d.controlChar(i)
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", d.invalidUTF8(i)
			}
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return "", d.errorAt(len(s), "unexpected end of the body in a string")
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

func (d *decoder) controlChar(i int) *DecodeError {
	return d.errorAt(i, "control character "+unicodeName(rune(d.s[i]))+
		" in a string: JSON requires it to be escaped")
}

func (d *decoder) invalidUTF8(i int) *DecodeError {
	return d.errorAt(i, "invalid UTF-8 in a string: byte "+hexByte(d.s[i]))
}

// unknownMember is the error of a member named key that the object has no
// member of; names lists the object's members, as errors show them.
func (d *decoder) unknownMember(at int, key string, names []string, list string) *DecodeError {
	for _, k := range names {
		if strings.EqualFold(k, key) {
			return d.errorAtMember(at, key, "unknown member (member names are case-sensitive: did you mean "+k+"?)")
		}
	}
	return d.errorAtMember(at, key, "unknown member; the members of this object are "+list)
}

func (d *decoder) duplicateMember(at int, key string) *DecodeError {
	return d.errorAtMember(at, key, "duplicate member: a member may appear only once in an object")
}

// found describes what is at s[i], for "expected ..., found ..." reasons.
func (d *decoder) found(i int) string {
	s := d.s
	if i >= len(s) {
		return "the end of the body"
	}
	if k := valueKind(s, i); k != "" {
		return k
	}
	c := s[i]
	if c >= utf8.RuneSelf {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return "invalid UTF-8 (byte " + hexByte(c) + ")"
		}
		return "the character " + unicodeName(r)
	}
	return "the character " + unicodeName(rune(c))
}

// valueKind names the JSON value that starts at s[i] ("an object", "a
// number", "null", ...), "" when none can start there. i < len(s).
func valueKind(s string, i int) string {
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

// unicodeName names r as "'x' (U+0078)", or "U+00A0" for a character not
// safe to show: one that strconv.IsPrint refuses (controls, format
// characters, and every space but U+0020, which could not be told apart).
func unicodeName(r rune) string {
	u := codePoint(r)
	if strconv.IsPrint(r) && r != '\'' && r != '\\' {
		return "'" + string(r) + "' (" + u + ")"
	}
	return u
}

// codePoint writes r as "U+0078": at least four upper-case hexadecimal
// digits.
func codePoint(r rune) string {
	u := strconv.FormatInt(int64(r), 16)
	return "U+" + strings.Repeat("0", max(0, 4-len(u))) + strings.ToUpper(u)
}

func hexByte(c byte) string {
	return "0x" + string(hexDigits[c>>4]) + string(hexDigits[c&0xF])
}

// errorAt returns the error at offset i of d.s, with its line and column,
// about the value being read (its path is written as it returns, see
// within).
func (d *decoder) errorAt(i int, reason string) *DecodeError {
	return d.errorAtMember(i, "", reason)
}

// errorAtMember returns the error at offset i of d.s about member key of
// the object being read, or about the value being read when key is "".
func (d *decoder) errorAtMember(i int, key, reason string) *DecodeError {
	line, col := position(d.s, i)
	return &DecodeError{Offset: int64(i), Line: line, Column: col, Path: key, Reason: reason}
}

// position returns the 1-based line and column of offset i in s: lines end
// at '\n', columns count code points.
func position(s string, i int) (line, column int) {
	before := s[:i]
	line = 1 + strings.Count(before, "\n")
	column = 1 + utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:])
	return line, column
}

// maxShownPath bounds the bytes of a path that an error message shows.
const maxShownPath = 256

// quoteBounded quotes s as a Go string literal (escaping every character
// that is not printable), after cutting it, at a character boundary, to at
// most limit bytes; a cut string is followed by "...".
func quoteBounded(s string, limit int) string {
	if len(s) <= limit {
		return strconv.Quote(s)
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "..."
}
