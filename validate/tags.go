package validate

import (
	"reflect"

	"github.com/go-playground/validator/v10"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// check is one lookout tag: a rule of [lookout.Rules] and what an empty
// value means for it.
type check struct {
	rule lookout.Rule
	// emptyAbsentOK and emptyPresentOK say whether an absent value and a
	// present empty one satisfy the rule. Where they agree, an empty
	// value's answer does not depend on the field's type.
	emptyAbsentOK, emptyPresentOK bool
}

// checks maps each lookout tag to its check; tagOrder lists the tags in
// the order of lookout.Rules, each once. A tag serves every member of its
// kind; the check of a tag is that of StartDataIngestionJob's member of its
// kind when there is one, else that of its first member in lookout.Rules
// (whether an empty value is valid follows that member's Required).
var checks, tagOrder = buildChecks()

func buildChecks() (map[string]*check, []string) {
	m := make(map[string]*check)
	var order []string
	for _, r := range lookout.Rules() {
		if r.Tag == "" || r.Type != lookout.TypeString {
			// The tags of integer and list kinds are not installed
			// (yet): the checks here read strings.
			continue
		}
		prev, seen := m[r.Tag]
		if seen && (prev.rule.Operation == "StartDataIngestionJob" || r.Operation != "StartDataIngestionJob") {
			continue
		}
		c := &check{rule: r}
		c.emptyAbsentOK = c.rule.Valid("", false)
		c.emptyPresentOK = c.rule.Valid("", true)
		m[r.Tag] = c
		if !seen {
			order = append(order, r.Tag)
		}
	}
	return m, order
}

// valid is the validator.Func of c's tag. validator/v10 dereferences
// pointers before it calls it, and calls it on a nil pointer too (the tags
// are registered with callValidationEvenIfNull).
//
// On a string kind, the empty string is absent unless the field is a
// pointer: a plain string cannot tell empty from absent, a *string can.
// Only when the two readings disagree (lookout_key_pattern and
// lookout_job_status: absent is valid, present and empty is not) does valid
// ask [heldByPointer], whose work does not grow with the size of the
// value validated. valid allocates nothing but, in the case heldByPointer
// leaves to [walk], the key it looks up.
func (c *check) valid(fl validator.FieldLevel) bool {
	f := fl.Field()
	switch f.Kind() {
	case reflect.String:
		if s := f.String(); s != "" {
			return c.rule.Valid(s, true)
		}
		if c.emptyAbsentOK == c.emptyPresentOK {
			return c.emptyAbsentOK
		}
		if heldByPointer(fl) {
			return c.emptyPresentOK
		}
		return c.emptyAbsentOK
	case reflect.Pointer:
		// A nil pointer: validator/v10 dereferences the others. Only
		// a pointer to a string is an absent value.
		return stringBased(f.Type()) && c.emptyAbsentOK
	case reflect.Interface:
		// A nil interface holds no value: absent.
		return c.emptyAbsentOK
	}
	return false
}

// stringBased reports whether t is a string kind, or a pointer (to a
// pointer...) to one.
func stringBased(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.String
}

// isPointer reports whether the value v of a field holds its string through
// a pointer: *string, **string, or an interface holding a *string. A nil
// pointer counts: it is an absent value, which only a pointer can be.
func isPointer(v reflect.Value) bool {
	ptr := false
	for {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return true
			}
			ptr = true
			v = v.Elem()
		case reflect.Interface:
			if v.IsNil() {
				return false
			}
			v = v.Elem()
		case reflect.String:
			return ptr
		default:
			return false
		}
	}
}
