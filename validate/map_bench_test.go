package validate_test

import (
	"strconv"
	"testing"

	"github.com/go-playground/validator/v10"

	"github.com/lookout-equipment/lookoutequipment/validate"
)

// Maps validated with "dive": every entry a field of its own, whose path
// names its key.
type (
	// datasetsByID holds dataset names; "bad name" breaks their pattern.
	datasetsByID struct {
		Names map[string]string `json:"names" validate:"dive,lookout_dataset_name"`
	}
	// keyPatternsByID holds key patterns; omitempty skips an empty one.
	keyPatternsByID struct {
		Patterns map[string]string `json:"patterns" validate:"dive,omitempty,lookout_key_pattern"`
	}
	// baselineByID is datasetsByID with validator/v10's own length tag.
	baselineByID struct {
		Names map[string]string `json:"names" validate:"dive,min=3"`
	}
)

// entries returns a map of n entries, keys "k0" to "k<n-1>", each holding
// value.
func entries(n int, value string) map[string]string {
	m := make(map[string]string, n)
	for i := range n {
		m["k"+strconv.Itoa(i)] = value
	}
	return m
}

// BenchmarkStructMap validates maps of N entries: all invalid (N
// violations to translate), all valid but empty (skipped by omitempty), and validator/v10 alone on N violations of its own tag,
// untranslated.
func BenchmarkStructMap(b *testing.B) {
	for _, n := range []int{100, 1000} {
		suffix := "/N=" + strconv.Itoa(n)
		invalid := &datasetsByID{Names: entries(n, "bad name")}
		validEmpty := &keyPatternsByID{Patterns: entries(n, "")}
		b.Run("invalid"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if validate.Struct(invalid) == nil {
					b.Fatal("no error")
				}
			}
		})
		b.Run("valid-empty"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := validate.Struct(validEmpty); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("baseline-invalid"+suffix, func(b *testing.B) {
			v := validator.New(validator.WithRequiredStructEnabled())
			v.RegisterTagNameFunc(validate.JSONName)
			baseline := &baselineByID{Names: entries(n, "ab")}
			b.ReportAllocs()
			for b.Loop() {
				if v.Struct(baseline) == nil {
					b.Fatal("no error")
				}
			}
		})
	}
}
