package validate

import (
	"fmt"
	"math"
	"reflect"

	"github.com/go-playground/validator/v10"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// check is one lookout tag: a value kind of [lookout.Kinds] that has a
// Tag, and a member of that kind from [lookout.Rules], whose check of a
// present value is the kind's (its Required plays no part: presence is
// validator/v10's "required" and "omitempty").
type check struct {
	kind lookout.Kind
	rule lookout.Rule
}

// checks maps each lookout tag to its check; tagOrder lists the tags in
// the order of lookout.Kinds. Both derive from lookout's declarations of
// the kinds: no tag is written here.
var checks, tagOrder = buildChecks()

func buildChecks() (map[string]*check, []string) {
	rules := lookout.Rules()
	m := make(map[string]*check)
	var order []string
	for _, k := range lookout.Kinds() {
		if k.Tag == "" || m[k.Tag] != nil {
			continue
		}
		c := &check{kind: k}
		for _, r := range rules {
			if r.Name == k.Name {
				c.rule = r
				break
			}
		}
		if c.rule.Name == "" && k.Type == lookout.TypeString {
			// A string kind that no member has: no matcher to
			// check it with (TestTagsFollowKinds fails).
			continue
		}
		m[k.Tag] = c
		order = append(order, k.Tag)
	}
	return m, order
}

// valid is the validator.Func of c's tag: whether the value that
// validator/v10 reached (through pointers and interfaces) satisfies c's
// kind. validator/v10 decides presence before: it does not call valid on
// a nil pointer (the tags are registered without callValidationEvenIfNull)
// and skips an empty value after "omitempty"; an empty string that reaches
// valid is a value, checked as such. valid allocates nothing, and its work
// does not depend on anything but the field's own value.
//
// On a field of a kind that c's kind cannot be (an int for a string kind),
// valid panics as validator/v10's own tags do ("Bad field type int"):
// [Struct] returns that as a *[TagError].
func (c *check) valid(fl validator.FieldLevel) bool {
	f := fl.Field()
	switch c.kind.Type {
	case lookout.TypeString:
		if f.Kind() == reflect.String {
			return c.rule.Valid(f.String(), true)
		}
	case lookout.TypeInteger, lookout.TypeLong:
		if n, ok := intValue(f); ok {
			return c.intValid(n)
		}
	case lookout.TypeList:
		switch f.Kind() {
		case reflect.Slice, reflect.Array:
			return c.lengthValid(f.Len())
		}
	}
	panic(badFieldType(f))
}

// badFieldType is validator/v10's panic for a tag on a field of a kind it
// does not apply to.
func badFieldType(f reflect.Value) string {
	return fmt.Sprintf("Bad field type %s", f.Type())
}

// intValue reads an integer field as an int64: an unsigned value above
// math.MaxInt64 saturates (no kind's bound comes near it).
func intValue(f reflect.Value) (int64, bool) {
	switch f.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return f.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if u := f.Uint(); u <= math.MaxInt64 {
			return int64(u), true
		}
		return math.MaxInt64, true
	}
	return 0, false
}

// intValid reports whether n is within the range of c's kind.
func (c *check) intValid(n int64) bool {
	k := &c.kind
	return (!k.HasMinValue || n >= k.MinValue) && (!k.HasMaxValue || n <= k.MaxValue)
}

// lengthValid reports whether a list of n elements has a length that c's
// kind allows.
func (c *check) lengthValid(n int) bool {
	k := &c.kind
	return n >= k.MinLength && (k.MaxLength == 0 || n <= k.MaxLength)
}
