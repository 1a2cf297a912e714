package validate

import (
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// structTags runs v.Struct(s) and returns its error, or a *TagError when
// validator/v10 panics because it cannot apply the validate tags of s's
// type (see tagPanic). Any other panic, such as one raised by a method of
// the value that a tag calls, goes on.
func structTags(v *validator.Validate, s any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			reason, ok := tagPanic(r)
			if !ok {
				panic(r)
			}
			err = &TagError{Type: reflect.TypeOf(s), Reason: reason}
		}
	}()
	return v.Struct(s)
}

// tagPanics are the beginnings of the messages that validator/v10
// (v10.30) panics with when it cannot apply a tag: while it parses a
// struct's tags (an unknown tag, a malformed one, "keys" misplaced), and
// while it runs a built-in tag on a field it does not fit ("dive" on a
// field that is neither a slice nor a map, "min" on a struct, a parameter
// that is not a number, a cross-field tag that names no field or has the
// wrong number of parameters, an unknown spicedb kind).
var tagPanics = []string{
	"Undefined validation function '",
	"Invalid validation tag on field '",
	"'keys' tag must be immediately preceded by the 'dive' tag",
	"'endkeys' tag encountered without a corresponding 'keys' tag",
	"dive error! can't dive on a non slice or map",
	"Bad field type ",
	"Bad field name ",
	"Bad param number for ",
	"Duplicate param ",
	"Unrecognized parameter: ",
	// A tag's parameter that does not parse: validator/v10 panics
	// with the text of strconv's error.
	"strconv.ParseInt: ",
	"strconv.ParseUint: ",
	"strconv.ParseFloat: ",
	"strconv.ParseBool: ",
}

// tagPanic reports whether r, a value recovered from a panic in
// validator/v10's Struct, is one that validator/v10 raises for tags it
// cannot apply, and returns its message. Those panics are strings that
// begin as one of tagPanics; a panic with another value (an error, a
// runtime error) or another message is not about the tags.
func tagPanic(r any) (string, bool) {
	msg, ok := r.(string)
	if !ok {
		return "", false
	}
	for _, p := range tagPanics {
		if strings.HasPrefix(msg, p) {
			return msg, true
		}
	}
	return "", false
}
