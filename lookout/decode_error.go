package lookout

import (
	"net/http"
	"strconv"
	"strings"
)

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
