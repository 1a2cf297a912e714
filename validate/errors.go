package validate

import (
	"errors"
	"reflect"
	"time"

	"github.com/go-playground/validator/v10"
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
