package lookout

import (
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/strictjson"
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
	d.Text, d.Name = string(data), bodyName
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
	strictjson.Scanner
	presence presence
	// strs is storage for the optional string members, filled in turn:
	// one allocation for a request's first four rather than one each.
	strs []string
}

// bodyName is what the decoder's reasons call the body.
const bodyName = "the body"

// decoders keeps decoders for reuse: a decoder is in use for one body,
// and keeps nothing of it once done.
var decoders = sync.Pool{New: func() any { return new(decoder) }}

// body reads d.Text, a whole body, into req with op's declarations.
func (d *decoder) body(v structure) *DecodeError {
	s := d.Text
	if len(s) == 0 {
		return d.errorAt(0, "the body is empty: a request is a JSON object")
	}
	if strings.HasPrefix(s, "\uFEFF") {
		return d.errorAt(0, "the body starts with a byte-order mark (U+FEFF), which JSON does not allow")
	}
	d.SkipSpace()
	if d.Pos == len(s) {
		return d.errorAt(d.Pos, "the body holds only whitespace: a request is a JSON object")
	}
	if s[d.Pos] != '{' {
		return d.errorAt(d.Pos, "expected a JSON object, found "+d.Found(d.Pos))
	}
	if de := v.decode(d); de != nil {
		return de
	}
	d.SkipSpace()
	if d.Pos < len(s) {
		return d.errorAt(d.Pos, "unexpected data after the JSON object: "+d.Found(d.Pos))
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

// str reads a JSON string; d.Pos is at its opening quote. A string without
// escapes is a substring of the body; one with escapes is built anew.
func (d *decoder) str() (string, *DecodeError) {
	v, err := d.String()
	if err != nil {
		return "", d.fail(err)
	}
	return v, nil
}

// member reads what comes before a member's value (see
// strictjson.Scanner.Member).
func (d *decoder) member(first bool) (key string, at int, more bool, de *DecodeError) {
	key, at, more, err := d.Member(first)
	if err != nil {
		return "", 0, false, d.fail(err)
	}
	return key, at, more, nil
}

// fail returns the scanner's error err as the decoder's.
func (d *decoder) fail(err *strictjson.Error) *DecodeError {
	return d.errorAtMember(err.Offset, err.Member, err.Reason)
}

// failOrNil is fail, or nil for a nil err.
func (d *decoder) failOrNil(err *strictjson.Error) *DecodeError {
	if err == nil {
		return nil
	}
	return d.fail(err)
}

// errorAt returns the error at offset i of d.Text, with its line and column,
// about the value being read (its path is written as it returns, see
// within).
func (d *decoder) errorAt(i int, reason string) *DecodeError {
	return d.errorAtMember(i, "", reason)
}

// errorAtMember returns the error at offset i of the body about member key of
// the object being read, or about the value being read when key is "".
func (d *decoder) errorAtMember(i int, key, reason string) *DecodeError {
	line, col := strictjson.Position(d.Text, i)
	return &DecodeError{Offset: int64(i), Line: line, Column: col, Path: key, Reason: reason}
}
