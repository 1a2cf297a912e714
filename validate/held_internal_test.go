package validate

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Map keys that %v prints with their own methods.
type (
	stringerKey int
	errorKey    string
	formatKey   string
	namedKey    string
)

func (k stringerKey) String() string              { return "#" + strconv.Itoa(int(k)) }
func (k errorKey) Error() string                  { return "e:" + string(k) }
func (k formatKey) Format(f fmt.State, verb rune) { fmt.Fprintf(f, "f:%s", string(k)) }

// heldCall is what the tag "held" saw on one string.
type heldCall struct {
	ns         string
	got, walks bool
}

// heldValidator returns a validator whose tag "held" records, for each
// string it checks, heldByPointer and what walking the values says.
func heldValidator(t *testing.T, calls *[]heldCall) *validator.Validate {
	t.Helper()
	v := New()
	require.NoError(t, v.RegisterValidation("held", func(fl validator.FieldLevel) bool {
		if fl.Field().Kind() == reflect.String {
			*calls = append(*calls, heldCall{fl.StructFieldName(), heldByPointer(fl), heldByPointerSlow(fl)})
		}
		return true
	}, true))
	return v
}

// TestHeldByPointer checks heldByPointer on every shape of field, against
// its reading of the values (heldByPointerSlow, which walks them) and
// against the count of strings held by a pointer.
func TestHeldByPointer(t *testing.T) {
	t.Parallel()
	s := ""
	ps := &s
	type (
		inner struct {
			P *string `validate:"held"`
			S string  `validate:"held"`
		}
		plain struct {
			A string `validate:"held"`
		}
		pointer struct {
			A *string `validate:"held"`
		}
		pointer2 struct {
			A **string `validate:"held"`
		}
		iface struct {
			A any `validate:"held"`
		}
		ifaceDive struct {
			A any `validate:"dive,held"`
		}
		ifaceDive2 struct {
			A any `validate:"dive,dive,held"`
		}
		slices struct {
			A []string   `validate:"dive,held"`
			B []*string  `validate:"dive,held"`
			C [2]string  `validate:"dive,held"`
			D [2]*string `validate:"dive,held"`
			E [][]string `validate:"dive,dive,held"`
			F []*[]*string
			G []any `validate:"dive,held"`
		}
		maps struct {
			A map[string]string    `validate:"dive,held"`
			B map[string]*string   `validate:"dive,held"`
			C map[string][]*string `validate:"dive,dive,held"`
			D map[string][]string  `validate:"dive,dive,held"`
			E map[string]inner     `validate:"dive"`
			F map[string]*inner    `validate:"dive"`
		}
		anyMap struct {
			A map[string]any `validate:"dive,held"`
		}
		anyMap2 struct {
			A map[string]any `validate:"dive,dive,held"`
		}
		stringerMap struct {
			A map[stringerKey]any `validate:"dive,held"`
			B map[errorKey]any    `validate:"dive,held"`
			C map[formatKey]any   `validate:"dive,held"`
			D map[namedKey]any    `validate:"dive,held"`
			E map[int8]any        `validate:"dive,held"`
			F map[uint]any        `validate:"dive,held"`
			G map[float64]any     `validate:"dive,held"`
		}
		mapOfSlicesOfAny struct {
			A map[string][]any `validate:"dive,dive,held"`
		}
	)
	for _, c := range []struct {
		name       string
		value      any
		var_       string // a tag for Var; Struct when empty
		held, not  int
		walksWrong bool // heldByPointerSlow is wrong here
	}{
		{"plain", plain{}, "", 0, 1, false},
		{"plain, addressable", &plain{}, "", 0, 1, false},
		{"pointer", pointer{A: ps}, "", 1, 0, false},
		{"pointer to pointer", &pointer2{A: &ps}, "", 1, 0, false},
		{"interface holding a string", &iface{A: ""}, "", 0, 1, false},
		{"interface holding a pointer", iface{A: ps}, "", 1, 0, false},
		{"interface holding a pointer to a pointer", iface{A: &ps}, "", 1, 0, false},
		{"interface holding a slice of pointers", ifaceDive{A: []*string{ps, ps}}, "", 2, 0, false},
		{"interface holding a slice of strings", &ifaceDive{A: []string{"", ""}}, "", 0, 2, false},
		{"interface holding a map of interfaces", ifaceDive2{A: map[string][]any{"k": {ps, ""}}}, "", 1, 1, false},
		{"slices and arrays", &slices{
			A: []string{"", ""}, B: []*string{ps, ps}, D: [2]*string{ps, ps},
			E: [][]string{{"", ""}, {""}}, G: []any{"", ps, []string{""}},
		}, "", 5, 8, false},
		{"maps", maps{
			A: map[string]string{"a": "", "b": ""}, B: map[string]*string{"a]": ps, "a": ps},
			C: map[string][]*string{"x": {ps}}, D: map[string][]string{"x": {"", ""}},
			E: map[string]inner{"e": {P: ps}}, F: map[string]*inner{"f": {P: ps}},
		}, "", 5, 6, false},
		{"map of interfaces", anyMap{A: map[string]any{"a": "", "b": ps, "c]": ps, "[d]": &ps}}, "", 3, 1, false},
		{"map of interfaces holding slices", &anyMap2{A: map[string]any{
			"a].b[": []*string{ps}, "a": []*string{ps, ps}, "a]": []string{""}, "[x]": []any{ps, ""},
		}}, "", 4, 2, false},
		{"map keys that print their own way", stringerMap{
			A: map[stringerKey]any{1: ps, 2: ""}, B: map[errorKey]any{"x": ps}, C: map[formatKey]any{"y": ps},
			D: map[namedKey]any{"z]": ps}, E: map[int8]any{-128: ps, 127: ""}, F: map[uint]any{math.MaxUint: ps},
			G: map[float64]any{1.5: ps},
		}, "", 7, 2, false},
		{"map of slices of interfaces", mapOfSlicesOfAny{A: map[string][]any{"k": {ps, ""}, "l": {""}}}, "", 1, 2, false},
		{"keys", map[string]*string{"": ps, "b": ps}, "dive,keys,held,endkeys", 0, 2, true},
		{"Var: a string", "", "held", 0, 1, false},
		{"Var: a pointer", ps, "held", 1, 0, false},
		{"Var: a slice", []*string{ps, nil, ps}, "dive,held", 2, 0, false},
		{"Var: a map of interfaces", map[string]any{"k": ps, "l": ""}, "dive,held", 1, 1, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var calls []heldCall
			v := heldValidator(t, &calls)
			if c.var_ != "" {
				require.NoError(t, v.Var(c.value, c.var_))
			} else {
				require.NoError(t, v.Struct(c.value))
			}
			held := 0
			for _, call := range calls {
				if call.got {
					held++
				}
				if !c.walksWrong {
					assert.Equal(t, call.walks, call.got, "%s", call.ns)
				}
			}
			assert.Equal(t, c.held, held, "held by a pointer: %+v", calls)
			assert.Equal(t, c.not, len(calls)-held, "not held by a pointer: %+v", calls)
		})
	}
}

// TestIndexSegment checks the reading of "[i]".
func TestIndexSegment(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		ns   string
		i    int
		rest string
		ok   bool
	}{
		{"[0]", 0, "", true},
		{"[12][3]", 12, "[3]", true},
		{"[7].A", 7, ".A", true},
		{"[]", 0, "[]", false},
		{"[", 0, "[", false},
		{"[1", 0, "[1", false},
		{"[-1]", 0, "[-1]", false},
		{"[a]", 0, "[a]", false},
		{"x[1]", 0, "x[1]", false},
		{"[" + strconv.Itoa(maxInt) + "]", maxInt, "", true},
		{"[" + strconv.Itoa(maxInt) + "0]", 0, "[" + strconv.Itoa(maxInt) + "0]", false},
	} {
		i, rest, ok := indexSegment(c.ns)
		assert.Equal(t, c.ok, ok, c.ns)
		assert.Equal(t, c.i, i, c.ns)
		assert.Equal(t, c.rest, rest, c.ns)
	}
}

// TestParseKey checks that parseKey gives back keys from their %v text,
// and refuses text that %v does not write.
func TestParseKey(t *testing.T) {
	t.Parallel()
	for _, key := range []any{
		"", "a]b[", "\xff", namedKey("k"), 0, -1, int8(math.MinInt8), int64(math.MaxInt64),
		uint8(255), uint64(math.MaxUint64), uintptr(7),
	} {
		want := reflect.ValueOf(key)
		got, ok := parseKey(want.Type(), fmt.Sprintf("%v", want))
		require.True(t, ok, "%#v", key)
		assert.Equal(t, key, got.Interface())
	}
	for _, c := range []struct {
		typ     reflect.Type
		printed string
	}{
		{reflect.TypeFor[int](), "+1"},
		{reflect.TypeFor[int](), "01"},
		{reflect.TypeFor[int](), "-0"},
		{reflect.TypeFor[int](), " 1"},
		{reflect.TypeFor[int](), "0x1"},
		{reflect.TypeFor[int8](), "128"},
		{reflect.TypeFor[uint](), "-1"},
		{reflect.TypeFor[uint8](), "256"},
	} {
		key, ok := parseKey(c.typ, c.printed)
		assert.False(t, ok, "%v %q", c.typ, c.printed)
		assert.True(t, key.IsValid(), "no key of %v prints as %q", c.typ, c.printed)
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[float64](), reflect.TypeFor[bool](), reflect.TypeFor[any](), reflect.TypeFor[[2]int]()} {
		key, ok := parseKey(typ, "1")
		assert.False(t, ok, "%v", typ)
		assert.False(t, key.IsValid(), "%v: keys that parseKey does not read", typ)
	}
}
