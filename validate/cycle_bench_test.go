package validate

import (
	"testing"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
)

// BenchmarkFindCycle: the search for a cycle beside validator/v10's own
// walk of the same value (the baseline), for a request of package lookout
// (one lookup by type), a struct with an interface and a map under "dive"
// (walked), and a chain of 30 pointers (walked, at the bound of the walk
// without maps).
func BenchmarkFindCycle(b *testing.B) {
	type node struct {
		Name string `validate:"required"`
		Next *node
	}
	type mixed struct {
		Name  string            `validate:"required"`
		Any   any               `validate:"omitempty"`
		ByKey map[string]*mixed `validate:"dive"`
		List  []*mixed          `validate:"dive"`
	}
	chain := &node{Name: "n"}
	for range 29 {
		chain = &node{Name: "n", Next: chain}
	}
	leaf := &mixed{Name: "leaf", Any: []string{"x"}}
	m := &mixed{Name: "m", Any: leaf, ByKey: map[string]*mixed{"a": leaf, "b": {Name: "b"}}, List: []*mixed{leaf, leaf}}
	for _, bc := range []struct {
		name  string
		value any
	}{
		{"request", testcases.Valid()},
		{"mixed", m},
		{"chain-30", chain},
	} {
		b.Run("findCycle/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := findCycle(bc.value); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("baseline/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := shared().Struct(bc.value); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
