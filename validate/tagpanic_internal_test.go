package validate

import (
	"errors"
	"reflect"
	"runtime"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTagPanic checks which recovered values are validator/v10's panics
// about tags.
func TestTagPanic(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		value any
		want  bool
	}{
		{"Undefined validation function 'x' on field 'A'", true},
		{"Invalid validation tag on field 'A'", true},
		{"'keys' tag must be immediately preceded by the 'dive' tag", true},
		{"'endkeys' tag encountered without a corresponding 'keys' tag", true},
		{"dive error! can't dive on a non slice or map", true},
		{"Bad field type struct {}", true},
		{"Bad field type string:int", true},
		{"Bad field name X", true},
		{"Bad field name provided X", true},
		{"Bad param number for required_if A", true},
		{"Duplicate param B for required_if A", true},
		{"Unrecognized parameter: x", true},
		{`strconv.ParseInt: parsing "x": invalid syntax`, true},
		{`strconv.ParseUint: parsing "x": invalid syntax`, true},
		{`strconv.ParseFloat: parsing "x": invalid syntax`, true},
		{`strconv.ParseBool: parsing "x": invalid syntax`, true},
		{`strconv.Atoi: parsing "x": invalid syntax`, false},
		{"boom", false},
		{"", false},
		{"bad field type struct {}", false},
		{errors.New("Bad field type struct {}"), false},
		{42, false},
		{nil, false},
	} {
		reason, ok := tagPanic(c.value)
		assert.Equal(t, c.want, ok, "%#v", c.value)
		if c.want {
			assert.Equal(t, c.value, reason)
		}
	}
}

// TestStructTagsPanics checks structTags with a validator whose own tag
// panics: validator/v10's messages about tags become a *TagError, any
// other panic goes on with its value.
func TestStructTagsPanics(t *testing.T) {
	t.Parallel()
	type record struct {
		A string `validate:"explode"`
	}
	for _, c := range []struct {
		name    string
		value   any
		tagErr  bool
		runtime bool
	}{
		{"a message of validator/v10", "Bad field type string", true, false},
		{"an error", errors.New("boom"), false, false},
		{"another string", "boom", false, false},
		{"a runtime error", nil, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			v := New()
			require.NoError(t, v.RegisterValidation("explode", func(validator.FieldLevel) bool {
				if c.runtime {
					var none []int
					return none[len(c.name)] > 0 // a runtime error: index out of range
				}
				panic(c.value)
			}))
			switch {
			case c.tagErr:
				err := structTags(v, record{})
				var te *TagError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, reflect.TypeFor[record](), te.Type)
				assert.Equal(t, c.value, te.Reason)
			case c.runtime:
				defer func() {
					r := recover()
					var re runtime.Error
					require.ErrorAs(t, r.(error), &re)
				}()
				_ = structTags(v, record{})
				t.Fatal("no panic")
			default:
				require.PanicsWithValue(t, c.value, func() { _ = structTags(v, record{}) })
			}
		})
	}
}
