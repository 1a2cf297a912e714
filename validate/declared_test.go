package validate_test

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// operationTypes returns, for each operation, the Go types of its request
// and response, read from the function fields of lookout.Service (each
// named as its operation).
func operationTypes(t testing.TB) map[string][2]reflect.Type {
	t.Helper()
	st := reflect.TypeFor[lookout.Service]()
	out := make(map[string][2]reflect.Type)
	for i := range st.NumField() {
		f := st.Field(i)
		require.Equal(t, reflect.Func, f.Type.Kind(), "Service.%s", f.Name)
		out[f.Name] = [2]reflect.Type{f.Type.In(1).Elem(), f.Type.Out(0).Elem()}
	}
	require.ElementsMatch(t, lookout.Operations(), slices.Collect(maps.Keys(out)))
	return out
}

// memberField finds the Go field of the member at the wire path of r
// (elements of lists named "member") below the struct type top.
func memberField(t testing.TB, top reflect.Type, path string) reflect.StructField {
	t.Helper()
	typ := top
	var sf reflect.StructField
	for _, seg := range strings.Split(path, ".") {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if seg == "member" {
			continue
		}
		var ok bool
		sf, ok = typ.FieldByNameFunc(func(name string) bool {
			f, _ := typ.FieldByName(name)
			n, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			return n == seg
		})
		require.True(t, ok, "%s: no field for %q in %s", top, seg, typ)
		typ = sf.Type
	}
	return sf
}

// declaredTag is the validate tag that a member's declaration implies for
// its Go field: "required" for a required member whose Go value can be
// absent (a pointer, a slice, a string whose empty value is absent), and
// otherwise "omitempty" before a check of such a member; then the tag of
// its kind; then "dive" for a list of structures.
func declaredTag(r lookout.Rule, sf reflect.StructField) string {
	ft := sf.Type
	_, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
	canBeAbsent := ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice ||
		ft.Kind() == reflect.String && slices.Contains(strings.Split(opts, ","), "omitempty")
	var checks []string
	if r.Tag != "" {
		checks = append(checks, r.Tag)
	}
	if ft.Kind() == reflect.Slice {
		checks = append(checks, "dive")
		if ft.Elem().Kind() == reflect.String {
			// A list of strings: the elements' kind after dive.
			for _, e := range lookout.Rules() {
				if e.Operation == r.Operation && e.Response == r.Response && e.Path == r.Path+".member" && e.Tag != "" {
					checks = append(checks, e.Tag)
				}
			}
		}
	}
	switch {
	case r.Required && canBeAbsent:
		checks = append([]string{"required"}, checks...)
	case canBeAbsent && len(checks) > 0:
		checks = append([]string{"omitempty"}, checks...)
	}
	return strings.Join(checks, ",")
}

// TestStructTagsFollowDeclarations checks the validate tag of every Go
// field of every operation's request and response against the member's
// declaration in lookout.Rules: presence with validator/v10's "required"
// or "omitempty" as the member's Required says, then its kind's tag.
func TestStructTagsFollowDeclarations(t *testing.T) {
	t.Parallel()
	types := operationTypes(t)
	seen := make(map[string]bool)
	for _, r := range lookout.Rules() {
		ts := types[r.Operation]
		top := ts[0]
		if r.Response {
			top = ts[1]
		}
		if strings.HasSuffix(r.Path, ".member") && r.Kind.Type == lookout.TypeString {
			continue // an element of a list of strings: its tag is the list's, after dive
		}
		sf := memberField(t, top, r.Path)
		// validator/v10's "required" passes a non-nil empty slice, as
		// Validate does: a nil list is the absent one.
		want := declaredTag(r, sf)
		assert.Equal(t, want, sf.Tag.Get("validate"), "%s %s", top.Name(), r.Path)
		seen[top.Name()+"."+r.Path] = true
	}
	require.NotEmpty(t, seen)
}
