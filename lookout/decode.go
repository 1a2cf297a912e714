package lookout

import (
	"net/http"
	"strings"
	"sync"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/strictjson"
)

// DecodeRequest reads data, the JSON body of a request as AWS JSON 1.0 sends
// it, into req (any operation's request: *[StartDataIngestionJobRequest],
// *[CreateDatasetRequest], ...), strictly: what JSON readers could read
// differently, or not at all, is refused with a *[SerializationException]
// whose Err is a *[DecodeError] that says what and where. req is set to its
// zero value first, and left so when data is refused; a nil req is refused,
// with nothing read. JSON null for a member means absent.
//
// It does not check the members' constraints: call [Presence.Validate] with
// the [Presence] it returns, which reads an explicit "" as the service does.
// It does not keep data, but the request's strings that hold no escape share
// one copy of it. The package doc ("Reading a request") lists what is
// refused.
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

// newString returns storage for an optional string member's value.
func (d *decoder) newString() *string {
	if len(d.strs) == cap(d.strs) {
		d.strs = make([]string, 0, 4)
	}
	d.strs = d.strs[:len(d.strs)+1]
	return &d.strs[len(d.strs)-1]
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
