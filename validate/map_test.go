package validate_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// More maps under "dive": key patterns held by pointer and in interfaces
// (an empty one is a value, and a violation; a nil one is absent).
type (
	pointerPatternsByID struct {
		Patterns map[string]*string `json:"patterns" validate:"dive,lookout_key_pattern"`
	}
	anyPatternsByID struct {
		Patterns map[string]any `json:"patterns" validate:"dive,lookout_key_pattern"`
	}
	intPatternsByID struct {
		Patterns map[int]any `json:"patterns" validate:"dive,lookout_key_pattern"`
	}
)

// mapCases returns, for a map of n entries, the values that
// TestStructMapScales validates and whether each is valid.
func mapCases(n int) []struct {
	name  string
	value any
	valid bool
} {
	empty := ""
	pointers := make(map[string]*string, n)
	anys := make(map[string]any, n)
	anyPointers := make(map[string]any, n)
	intPointers := make(map[int]any, n)
	for i := range n {
		k := "k" + strconv.Itoa(i)
		pointers[k] = &empty
		anys[k] = ""
		anyPointers[k] = &empty
		intPointers[i] = &empty
	}
	return []struct {
		name  string
		value any
		valid bool
	}{
		{"invalid dataset names", &datasetsByID{Names: entries(n, "bad name")}, false},
		{"empty key patterns skipped", &keyPatternsByID{Patterns: entries(n, "")}, true},
		{"valid key patterns", &keyPatternsByID{Patterns: entries(n, lookout.KeyPatternDot)}, true},
		{"empty key patterns by pointer", &pointerPatternsByID{Patterns: pointers}, false},
		{"empty key patterns in interfaces", &anyPatternsByID{Patterns: anys}, false},
		{"empty key patterns by pointer in interfaces", &anyPatternsByID{Patterns: anyPointers}, false},
		{"empty key patterns by pointer in interfaces, int keys", &intPatternsByID{Patterns: intPointers}, false},
	}
}

// TestStructMapScales checks that the work of Struct on a map validated
// with "dive" grows linearly with the map's size, valid or not, by its
// allocations: 4 times the entries must cost about 4 times the
// allocations (a cost quadratic in the entries would be 16 times). It
// does not run in parallel: allocations are counted for the whole
// program.
func TestStructMapScales(t *testing.T) {
	const n = 100
	small, large := mapCases(n), mapCases(4*n)
	for i := range small {
		t.Run(small[i].name, func(t *testing.T) {
			run := func(value any, valid bool) func() {
				return func() {
					if err := validate.Struct(value); (err == nil) != valid {
						t.Fatalf("valid %v: %v", valid, err)
					}
				}
			}
			a := testing.AllocsPerRun(3, run(small[i].value, small[i].valid))
			b := testing.AllocsPerRun(3, run(large[i].value, large[i].valid))
			require.Positive(t, a)
			t.Logf("allocations: %v for %d entries, %v for %d", a, n, b, 4*n)
			assert.Less(t, b/a, 5.0, "allocations for %d entries: %v, for %d: %v", n, a, 4*n, b)
		})
	}
}

// TestStructMapViolations checks the violations found in maps of
// pointers and of interfaces, in the order of their keys.
func TestStructMapViolations(t *testing.T) {
	t.Parallel()
	empty := ""
	want := func(paths ...string) []lookout.FieldError {
		var out []lookout.FieldError
		for _, p := range paths {
			if k, ok := strings.CutSuffix(p, " absent"); ok {
				out = append(out, required(k)...)
				continue
			}
			out = append(out, violations(t, "lookout_key_pattern", p, "")...)
		}
		return out
	}
	for _, c := range []struct {
		name  string
		value any
		want  []lookout.FieldError
	}{
		{"pointers", &pointerPatternsByID{Patterns: map[string]*string{"b": &empty, "a": &empty, "c": nil}},
			want("patterns[a]", "patterns[b]", "patterns[c] absent")},
		{"interfaces", &anyPatternsByID{Patterns: map[string]any{"b": &empty, "a": "", "c": nil, "d": &empty}},
			want("patterns[a]", "patterns[b]", "patterns[c] absent", "patterns[d]")},
		{"interfaces, int keys", &intPatternsByID{Patterns: map[int]any{10: &empty, 9: "", 2: &empty}},
			// Keys in the order of their text, as validator/v10
			// prints them.
			want("patterns[10]", "patterns[2]", "patterns[9]")},
		{"by value", anyPatternsByID{Patterns: map[string]any{"a": &empty, "b": ""}},
			want("patterns[a]", "patterns[b]")},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, c.want, fieldsOf(t, validate.Struct(c.value)))
		})
	}
}

// TestStructAllocsValid checks what Struct's doc says: on a valid value,
// it allocates what validator/v10 does, the lookout tags and Struct
// adding nothing. The reference is a validator set up as New sets it up,
// with tags of the same names that accept everything.
func TestStructAllocsValid(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts vary under the race detector")
	}
	noop := validator.New(validator.WithRequiredStructEnabled())
	noop.RegisterTagNameFunc(validate.JSONName)
	for _, k := range lookout.Kinds() {
		if k.Tag != "" {
			require.NoError(t, noop.RegisterValidation(k.Tag, func(validator.FieldLevel) bool { return true }))
		}
	}
	type (
		inner struct {
			Pattern *string `json:"pattern" validate:"omitempty,lookout_key_pattern"`
		}
		mixed struct {
			Role     string            `json:"role" validate:"lookout_role_arn"`
			Pattern  string            `json:"pattern" validate:"omitempty,lookout_key_pattern"`
			Status   *string           `json:"status" validate:"omitempty,lookout_job_status"`
			Any      any               `json:"any" validate:"omitempty,lookout_job_status"`
			List     []string          `json:"list" validate:"dive,omitempty,lookout_key_pattern"`
			Pointers []*string         `json:"pointers" validate:"dive,omitempty,lookout_key_pattern"`
			Map      map[string]string `json:"map" validate:"dive,omitempty,lookout_job_status"`
			Inner    []inner           `json:"inner" validate:"dive"`
			Max      *int32            `json:"max" validate:"omitempty,lookout_max_results"`
			Tags     []lookout.Tag     `json:"tags" validate:"lookout_tag_list,dive"`
		}
	)
	slash := lookout.KeyPatternSlash
	max := int32(500)
	slicesInInterfaces := make(map[string]any, 50)
	for i := range 50 {
		slicesInInterfaces["k"+strconv.Itoa(i)] = []string{"", slash}
	}
	for _, c := range []struct {
		name  string
		value any
	}{
		{"request", testcases.Valid()},
		{"request by value", *testcases.Valid()},
		{"response", &lookout.StartDataIngestionJobResponse{JobId: new("ab12"), Status: lookout.IngestionJobStatusSuccess}},
		{"empty key patterns in a map", &keyPatternsByID{Patterns: entries(50, "")}},
		{"empty values everywhere", &mixed{
			Role: validArn, Any: nil, List: []string{"", ""}, Pointers: []*string{nil, &slash},
			Map: map[string]string{"a": "", "b": ""}, Inner: []inner{{}, {Pattern: &slash}},
			Max: &max, Tags: []lookout.Tag{{Key: "k", Value: new("")}},
		}},
		{"empty key patterns in slices in interfaces in a map", &struct {
			Patterns map[string]any `json:"patterns" validate:"dive,dive,omitempty,lookout_key_pattern"`
		}{slicesInInterfaces}},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.NoError(t, validate.Struct(c.value))
			require.NoError(t, noop.Struct(c.value))
			got := testing.AllocsPerRun(20, func() { _ = validate.Struct(c.value) })
			want := testing.AllocsPerRun(20, func() { _ = noop.Struct(c.value) })
			assert.Equal(t, want, got)
		})
	}
}

// TestStructMapKeysOfStructs checks maps of structs whose keys hold what
// a namespace is made of: each violation is found below its own entry.
func TestStructMapKeysOfStructs(t *testing.T) {
	t.Parallel()
	type (
		named struct {
			Name string `json:"name" validate:"lookout_dataset_name"`
		}
		byKey struct {
			Items map[string]*named `json:"items" validate:"dive"`
		}
	)
	keys := []string{"", "a", "a].Name", "a].b[", "]", "].", "[", "].Name].Name", strings.Repeat("].", 3000)}
	items := make(map[string]*named, len(keys))
	for i, k := range keys {
		items[k] = &named{Name: "bad " + strconv.Itoa(i)}
	}
	var want []lookout.FieldError
	sorted := slices.Clone(keys)
	slices.Sort(sorted)
	for _, k := range sorted {
		want = append(want, violations(t, "lookout_dataset_name", "items["+k+"].name", items[k].Name)...)
	}
	assert.Equal(t, want, fieldsOf(t, validate.Struct(&byKey{Items: items})))
}
