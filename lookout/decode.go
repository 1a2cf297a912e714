package lookout

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxRequestBodyBytes bounds the body of a StartDataIngestionJob request:
// [DecodeRequest] refuses longer data, and [ReadRequest] refuses a longer
// body without reading it into memory.
//
// Its value, 64 KiB, is the largest JSON encoding of a valid request with a
// margin. Take each string member at its longest valid length, and write
// every character as a JSON escape at its widest (\uXXXX, 6 bytes, for a
// character of the Basic Multilingual Plane; a surrogate pair, 12 bytes, for
// any other): ClientToken, 256 ASCII characters, is 1,536 bytes;
// DatasetName, 200, is 1,200; Bucket, 63, is 378; Prefix, 1,024 characters
// up to U+00FF, is 6,144; the longest documented KeyPattern, 27, is 162;
// RoleArn, 2,048 characters, at most 24,576. That is 33,996 bytes, and with
// the member names escaped too (588 bytes), punctuation and indentation,
// about 34,500 (a test builds this request). Even a KeyPattern at the 2,048
// characters its length constraint allows (at most 24,576 bytes, though no
// such value is valid) keeps the total under 60,000 bytes. What remains is
// room for more whitespace.
const MaxRequestBodyBytes = 64 << 10

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
	// name as the body spells it). For an error of the body's structure
	// (a missing ',' say) it is the path of the enclosing object, "" at the
	// top level.
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
// *http.MaxBytesError for a body over [MaxRequestBodyBytes], or the error
// of the body's reader. It returns nil for a body that was read and
// refused.
func (e *DecodeError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.cause
}

// DecodeRequest reads data, the JSON body of a StartDataIngestionJob request
// as AWS JSON 1.0 sends it, strictly: it accepts only what every JSON reader
// reads the same way, and refuses the rest with a *[SerializationException]
// whose Err is a *[DecodeError] saying what and where.
//
// It refuses, each with its own reason: an empty body; a byte-order mark;
// anything but one JSON object at the top level (an array, null, a number,
// data after the object); malformed JSON; a member name that is unknown
// (names are case-sensitive: "datasetname" is not DatasetName) or that
// appears twice in one object; a member of the wrong type (a number for a
// string, say); invalid UTF-8, an unescaped control character, and a \u
// escape of a lone surrogate ("\ud800") in a string, which other readers
// would turn into U+FFFD; and data longer than [MaxRequestBodyBytes] (whose
// DecodeError unwraps to a *http.MaxBytesError).
//
// JSON null for a member means the member is absent, as in AWS JSON 1.0. A
// string member given as "" is the empty string, which for the plain string
// fields of the request also means absent (see
// [StartDataIngestionJobRequest]). Member names may be written with escapes:
// "Client\u0054oken" is ClientToken.
//
// DecodeRequest does not check the members' constraints: call
// [StartDataIngestionJobRequest.Validate] on the result. What it accepts,
// encoding/json's Unmarshal reads into the same request, and json.Marshal
// of the result reads back to it.
//
// It reads data once, in time linear in its length, without recursion
// beyond the request's three levels of objects; it does not keep data. The
// request's strings that hold no escape share one copy of data, so a
// program that keeps one of them for long keeps that copy alive: keep a
// strings.Clone of it instead.
func DecodeRequest(data []byte) (*StartDataIngestionJobRequest, error) {
	if len(data) > MaxRequestBodyBytes {
		return nil, bodyTooLarge(&http.MaxBytesError{Limit: MaxRequestBodyBytes})
	}
	req, de := decodeRequest(string(data))
	if de != nil {
		return nil, &SerializationException{Message: de.Error(), Err: de}
	}
	return req, nil
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

// requestBlock holds a decoded request and everything it points to, so
// that a request costs one allocation.
type requestBlock struct {
	top                StartDataIngestionJobRequest
	in                 IngestionInputConfiguration
	s3                 IngestionS3InputConfiguration
	prefix, keyPattern string
}

// The wire paths of the objects, for errors.
const (
	pathInput = "IngestionInputConfiguration"
	pathS3    = "IngestionInputConfiguration.S3InputConfiguration"
)

// The members of each object, as errors list them.
var (
	topMembers   = []string{"ClientToken", "DatasetName", "IngestionInputConfiguration", "RoleArn"}
	inputMembers = []string{"S3InputConfiguration"}
	s3Members    = []string{"Bucket", "KeyPattern", "Prefix"}
)

// decoder reads one request body. It keeps no position information as it
// goes: an error's line and column are computed from its offset.
type decoder struct {
	s   string
	pos int
}

func decodeRequest(s string) (*StartDataIngestionJobRequest, *DecodeError) {
	d := decoder{s: s}
	if len(s) == 0 {
		return nil, d.errorAt(0, "", "the body is empty: a request is a JSON object")
	}
	if strings.HasPrefix(s, "\uFEFF") {
		return nil, d.errorAt(0, "", "the body starts with a byte-order mark (U+FEFF), which JSON does not allow")
	}
	d.skipSpace()
	if d.pos == len(s) {
		return nil, d.errorAt(d.pos, "", "the body holds only whitespace: a request is a JSON object")
	}
	if s[d.pos] != '{' {
		return nil, d.errorAt(d.pos, "", "expected a JSON object, found "+d.found(d.pos))
	}
	b := new(requestBlock)
	if de := d.request(b); de != nil {
		return nil, de
	}
	d.skipSpace()
	if d.pos < len(s) {
		return nil, d.errorAt(d.pos, "", "unexpected data after the JSON object: "+d.found(d.pos))
	}
	return &b.top, nil
}

// request reads the top-level object; d.pos is at its '{'.
func (d *decoder) request(b *requestBlock) *DecodeError {
	d.pos++
	var seen uint8
	for first := true; ; first = false {
		key, at, more, de := d.member(first, "")
		if de != nil || !more {
			return de
		}
		var bit uint8
		switch key {
		case "ClientToken":
			bit = 1
		case "DatasetName":
			bit = 2
		case "IngestionInputConfiguration":
			bit = 4
		case "RoleArn":
			bit = 8
		default:
			return d.unknownMember(at, "", key, topMembers)
		}
		if seen&bit != 0 {
			return d.duplicateMember(at, key)
		}
		seen |= bit
		switch bit {
		case 1:
			b.top.ClientToken, _, de = d.stringValue(key)
		case 2:
			b.top.DatasetName, _, de = d.stringValue(key)
		case 4:
			de = d.input(b)
		case 8:
			b.top.RoleArn, _, de = d.stringValue(key)
		}
		if de != nil {
			return de
		}
	}
}

// input reads IngestionInputConfiguration's value.
func (d *decoder) input(b *requestBlock) *DecodeError {
	if present, de := d.objectStart(pathInput); !present || de != nil {
		return de
	}
	b.top.IngestionInputConfiguration = &b.in
	seen := false
	for first := true; ; first = false {
		key, at, more, de := d.member(first, pathInput)
		if de != nil || !more {
			return de
		}
		if key != "S3InputConfiguration" {
			return d.unknownMember(at, pathInput, key, inputMembers)
		}
		if seen {
			return d.duplicateMember(at, pathS3)
		}
		seen = true
		if de := d.s3(b); de != nil {
			return de
		}
	}
}

// s3 reads S3InputConfiguration's value.
func (d *decoder) s3(b *requestBlock) *DecodeError {
	if present, de := d.objectStart(pathS3); !present || de != nil {
		return de
	}
	b.in.S3InputConfiguration = &b.s3
	var seen uint8
	for first := true; ; first = false {
		key, at, more, de := d.member(first, pathS3)
		if de != nil || !more {
			return de
		}
		var bit uint8
		var path string
		switch key {
		case "Bucket":
			bit, path = 1, ruleBucket.Path
		case "KeyPattern":
			bit, path = 2, ruleKeyPattern.Path
		case "Prefix":
			bit, path = 4, rulePrefix.Path
		default:
			return d.unknownMember(at, pathS3, key, s3Members)
		}
		if seen&bit != 0 {
			return d.duplicateMember(at, path)
		}
		seen |= bit
		v, present, de := d.stringValue(path)
		if de != nil {
			return de
		}
		switch {
		case bit == 1:
			b.s3.Bucket = v
		case bit == 2 && present:
			b.keyPattern = v
			b.s3.KeyPattern = &b.keyPattern
		case bit == 4 && present:
			b.prefix = v
			b.s3.Prefix = &b.prefix
		}
	}
}

// objectStart reads the start of a structure member's value: null (absent)
// or '{'. present reports a '{', which it consumes.
func (d *decoder) objectStart(path string) (present bool, de *DecodeError) {
	switch {
	case d.s[d.pos] == '{':
		d.pos++
		return true, nil
	case strings.HasPrefix(d.s[d.pos:], "null"):
		d.pos += len("null")
		return false, nil
	}
	return false, d.errorAt(d.pos, path, "expected an object or null, found "+d.found(d.pos))
}

// stringValue reads a string member's value: a string, or null (absent).
func (d *decoder) stringValue(path string) (v string, present bool, de *DecodeError) {
	switch {
	case d.s[d.pos] == '"':
		v, de = d.str(path)
		return v, de == nil, de
	case strings.HasPrefix(d.s[d.pos:], "null"):
		d.pos += len("null")
		return "", false, nil
	}
	return "", false, d.errorAt(d.pos, path, "expected a string or null, found "+d.found(d.pos))
}

// member reads what comes before a member's value: the ',' that separates it
// from the previous one (unless first), its name and the ':'. It leaves
// d.pos at the value. more is false, and the object's '}' consumed, when the
// object ends instead. path is the object's path, for errors.
func (d *decoder) member(first bool, path string) (key string, at int, more bool, de *DecodeError) {
	d.skipSpace()
	if d.pos == len(d.s) {
		return "", 0, false, d.errorAt(d.pos, path, "unexpected end of the body: the object is not closed")
	}
	switch c := d.s[d.pos]; {
	case c == '}':
		d.pos++
		return "", 0, false, nil
	case !first && c != ',':
		return "", 0, false, d.errorAt(d.pos, path, "expected ',' or '}' after a member, found "+d.found(d.pos))
	case !first:
		d.pos++
		d.skipSpace()
		if d.pos == len(d.s) || d.s[d.pos] != '"' {
			return "", 0, false, d.errorAt(d.pos, path, "expected a member name after ',', found "+d.found(d.pos))
		}
	case c != '"':
		return "", 0, false, d.errorAt(d.pos, path, "expected a member name or '}', found "+d.found(d.pos))
	}
	at = d.pos
	key, de = d.str(path)
	if de != nil {
		return "", 0, false, de
	}
	d.skipSpace()
	if d.pos == len(d.s) || d.s[d.pos] != ':' {
		return "", 0, false, d.errorAt(d.pos, joinPath(path, key), "expected ':' after the member name, found "+d.found(d.pos))
	}
	d.pos++
	d.skipSpace()
	if d.pos == len(d.s) {
		return "", 0, false, d.errorAt(d.pos, joinPath(path, key), "unexpected end of the body: the member has no value")
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
func (d *decoder) str(path string) (string, *DecodeError) {
	s := d.s
	start := d.pos + 1
	for i := start; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return s[start:i], nil
		case c == '\\':
			return d.strEscaped(start, i, path)
		case c < 0x20:
			return "", d.controlChar(i, path)
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", d.invalidUTF8(i, path)
			}
			i += size
		}
	}
	return "", d.errorAt(len(s), path, "unexpected end of the body in a string")
}

// strEscaped reads the rest of a string whose first escape is at i.
func (d *decoder) strEscaped(start, i int, path string) (string, *DecodeError) {
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
				return "", d.errorAt(len(s), path, "unexpected end of the body in a string")
			}
			switch e := s[i+1]; e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := hex4(s, i+2)
				if !ok {
					return "", d.errorAt(i, path, `invalid \u escape: \u must be followed by four hexadecimal digits`)
				}
				switch {
				case 0xDC00 <= r && r <= 0xDFFF:
					return "", d.errorAt(i, path, "invalid \\u escape: "+s[i:i+6]+" is a lone low surrogate, not a character")
				case 0xD800 <= r && r <= 0xDBFF:
					low, ok := rune(0), false
					if i+12 <= len(s) && s[i+6] == '\\' && s[i+7] == 'u' {
						low, ok = hex4(s, i+8)
					}
					if !ok || low < 0xDC00 || low > 0xDFFF {
						return "", d.errorAt(i, path, "invalid \\u escape: "+s[i:i+6]+
							" is a high surrogate not followed by a \\u escape of a low surrogate")
					}
					r = utf16.DecodeRune(r, low)
					i += 6
				}
				b.WriteRune(r)
				i += 6
				continue
			default:
				return "", d.errorAt(i, path, "invalid escape: \\ followed by "+d.found(i+1))
			}
			i += 2
		case c < 0x20:
			return "", d.controlChar(i, path)
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", d.invalidUTF8(i, path)
			}
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return "", d.errorAt(len(s), path, "unexpected end of the body in a string")
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

func (d *decoder) controlChar(i int, path string) *DecodeError {
	return d.errorAt(i, path, "control character "+unicodeName(rune(d.s[i]))+
		" in a string: JSON requires it to be escaped")
}

func (d *decoder) invalidUTF8(i int, path string) *DecodeError {
	return d.errorAt(i, path, "invalid UTF-8 in a string: byte "+hexByte(d.s[i]))
}

func (d *decoder) unknownMember(at int, parent, key string, known []string) *DecodeError {
	reason := "unknown member"
	for _, k := range known {
		if strings.EqualFold(k, key) {
			reason += " (member names are case-sensitive: did you mean " + k + "?)"
			return d.errorAt(at, joinPath(parent, key), reason)
		}
	}
	reason += "; the members of this object are " + strings.Join(known, ", ")
	return d.errorAt(at, joinPath(parent, key), reason)
}

func (d *decoder) duplicateMember(at int, path string) *DecodeError {
	return d.errorAt(at, path, "duplicate member: a member may appear only once in an object")
}

// found describes what is at s[i], for "expected ..., found ..." reasons.
func (d *decoder) found(i int) string {
	s := d.s
	if i >= len(s) {
		return "the end of the body"
	}
	c := s[i]
	switch {
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
	case c >= utf8.RuneSelf:
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return "invalid UTF-8 (byte " + hexByte(c) + ")"
		}
		return "the character " + unicodeName(r)
	}
	return "the character " + unicodeName(rune(c))
}

// unicodeName names r as "'x' (U+0078)", or "U+00A0" for a character not
// safe to show: one that strconv.IsPrint refuses (controls, format
// characters, and every space but U+0020, which could not be told apart).
func unicodeName(r rune) string {
	u := strconv.FormatInt(int64(r), 16)
	u = "U+" + strings.Repeat("0", max(0, 4-len(u))) + strings.ToUpper(u)
	if strconv.IsPrint(r) && r != '\'' && r != '\\' {
		return "'" + string(r) + "' (" + u + ")"
	}
	return u
}

func hexByte(c byte) string {
	return "0x" + string(hexDigits[c>>4]) + string(hexDigits[c&0xF])
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// errorAt returns the error at offset i of d.s, with its line and column.
func (d *decoder) errorAt(i int, path, reason string) *DecodeError {
	line, col := position(d.s, i)
	return &DecodeError{Offset: int64(i), Line: line, Column: col, Path: path, Reason: reason}
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
