package validate

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// ErrNilValidator is the error [Register] returns when it is given a nil
// *validator.Validate.
var ErrNilValidator = errors.New("validate: Register needs a non-nil *validator.Validate")

// InvalidValueError reports that [Struct] or [Translate] was given
// something that is not a struct to validate: nil, a nil pointer, a pointer
// to a pointer, or a value of another kind. It is about the argument, not
// about the value's content: no rule was checked.
//
// errors.As also finds, in its chain, the *validator.InvalidValidationError
// that validator/v10 gives for the same argument, so that code written for
// validator/v10 keeps working.
type InvalidValueError struct {
	// Type is the type of the argument; nil for an untyped nil.
	Type reflect.Type
}

// Error describes the argument and what was expected instead.
func (e *InvalidValueError) Error() string {
	const want = ": want a struct or a non-nil pointer to a struct"
	switch {
	case e == nil || e.Type == nil:
		return "validate: cannot validate nil" + want
	case e.Type.Kind() == reflect.Pointer && e.Type.Elem().Kind() == reflect.Struct &&
		!e.Type.Elem().ConvertibleTo(timeType):
		return "validate: cannot validate a nil " + e.Type.String() + want
	}
	return "validate: cannot validate a value of type " + e.Type.String() + want
}

// timeType is the type of time.Time, which validator/v10 does not validate
// as a struct.
var timeType = reflect.TypeFor[time.Time]()

// Unwrap returns the *validator.InvalidValidationError that validator/v10
// gives for the same argument.
func (e *InvalidValueError) Unwrap() error {
	if e == nil {
		return nil
	}
	return &validator.InvalidValidationError{Type: e.Type}
}

// TagError reports that the validate tags of a struct cannot be applied: a
// tag that names no registered validation, a malformed tag, a parameter
// that does not parse, a built-in tag on a kind of field it does not
// support. validator/v10 panics on these; [Struct] returns a TagError
// instead (and only for these: it does not recover other panics). It is
// about the struct's declaration, not about its values.
type TagError struct {
	// Type is the type of the value given to Struct.
	Type reflect.Type
	// Reason is validator/v10's description of the problem, such as
	// "Undefined validation function 'lookout_foo' on field 'Name'".
	Reason string
}

// Error names the type and the reason.
func (e *TagError) Error() string {
	if e == nil {
		return "<nil>"
	}
	t := "<nil>"
	if e.Type != nil {
		t = e.Type.String()
	}
	return "validate: the validate tags of " + t + " cannot be applied: " + e.Reason
}

// UnsupportedError reports violations that validator/v10 found and that
// have no counterpart among the constraints of [lookout.FieldError]: a tag
// other than the lookout tags and the built-in tags "required", "min",
// "max", "len" and "oneof" (such as "email"), a built-in tag on a kind of
// field whose violation is not a length or an enum (such as "min" on an int),
// or a lookout tag on a field that is not a string. Nothing is dropped: the
// violations that do translate are in Fields, the others in Errors.
type UnsupportedError struct {
	// Fields lists the violations that translate, in the order
	// [Translate] documents; it may be empty.
	Fields []lookout.FieldError
	// Errors lists validator/v10's errors that do not translate, in
	// validator/v10's order.
	Errors validator.ValidationErrors
}

// Error names the first error that does not translate, says why, and
// counts the others.
func (e *UnsupportedError) Error() string {
	if e == nil || len(e.Errors) == 0 {
		return "validate: no untranslatable violation"
	}
	fe := e.Errors[0]
	var b strings.Builder
	b.WriteString("validate: tag ")
	b.WriteString(strconv.Quote(fe.Tag()))
	b.WriteString(" failed at ")
	b.WriteString(strconv.Quote(fe.Namespace()))
	b.WriteString(": ")
	b.WriteString(unsupportedReason(fe))
	if n := len(e.Errors) - 1; n > 0 {
		b.WriteString(" (and ")
		b.WriteString(strconv.Itoa(n))
		b.WriteString(" more)")
	}
	return b.String()
}

// unsupportedReason says why fe does not translate.
func unsupportedReason(fe validator.FieldError) string {
	tag := fe.ActualTag()
	switch {
	case checks[tag] != nil && fe.Kind() == reflect.String:
		return "the value satisfies the tag's rule: the error does not come from the tag's check"
	case checks[tag] != nil:
		return "the lookout tags apply to strings, not to " + fe.Kind().String()
	case tag == "min" || tag == "max" || tag == "len" || tag == "oneof":
		return "its violation on a " + fe.Kind().String() + " is not a length or an enum"
	}
	return "no lookout constraint stands for this tag"
}

// Unwrap returns validator/v10's errors that do not translate, as a
// validator.ValidationErrors, so that errors.As can reach them.
func (e *UnsupportedError) Unwrap() error {
	if e == nil || len(e.Errors) == 0 {
		return nil
	}
	return e.Errors
}
