package validate_test

import (
	"errors"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// Types whose values can refer back to themselves.
type (
	cyNode struct {
		Name string  `json:"name" validate:"required"`
		Next *cyNode `json:"next"`
	}
	cyTree struct {
		Name     string    `json:"name" validate:"required"`
		Children []*cyTree `json:"children" validate:"dive"`
		Parent   *cyTree   `json:"parent"`
	}
	cyByValue struct {
		Kids []cyByValue `json:"kids" validate:"dive"`
	}
	cyByName struct {
		ByName map[string]*cyByName `json:"byName" validate:"dive"`
	}
	cyAny struct {
		Any any `json:"any"`
	}
	cyEmbedded struct {
		*cyEmbedded
		Name string `json:"name"`
	}
	cyKeys struct {
		Keys map[*cyNode]string `json:"keys" validate:"dive,keys,required,endkeys,required"`
	}
	cyLookout struct {
		Request *lookout.StartDataIngestionJobRequest `json:"request"`
		Back    *cyLookout                            `json:"back"`
	}
	cyTags struct {
		Owner *cyTags     `json:"owner"`
		Tags  []cyTagElem `json:"tags" validate:"dive"`
	}
	cyTagElem struct {
		Key   string  `json:"key" validate:"required"`
		Owner *cyTags `json:"owner"`
	}
)

// Types whose values refer back to themselves only through what
// validator/v10 does not walk.
type (
	cySkipped struct {
		Name string     `json:"name" validate:"required"`
		Back *cySkipped `json:"back" validate:"-"`
	}
	cyNoDive struct {
		Name string      `json:"name" validate:"required"`
		Kids []*cyNoDive `json:"kids"`
		ByID map[string]*cyNoDive
	}
	cyUnexported struct {
		Name string `json:"name" validate:"required"`
		back *cyUnexported
	}
	cyStructOnly struct {
		Name string        `json:"name" validate:"required"`
		Back *cyStructOnly `json:"back" validate:"structonly"`
	}
	cyNoKeys struct {
		Keys map[*cyNode]string `json:"keys" validate:"dive,required"`
	}
	cyShared struct {
		Left, Right *cyNode
	}
)

// cyChain returns n nodes, each one's Next the following one.
func cyChain(n int, name string) []*cyNode {
	nodes := make([]*cyNode, n)
	for i := range nodes {
		nodes[i] = &cyNode{Name: name}
	}
	for i := range n - 1 {
		nodes[i].Next = nodes[i+1]
	}
	return nodes
}

func cyCases() []struct {
	name         string
	value        any
	path, target string
} {
	self := &cyNode{Name: "a"}
	self.Next = self
	invalid := &cyNode{} // each level a violation: validator/v10 runs out of memory
	invalid.Next = invalid
	pair := cyChain(2, "a")
	pair[1].Next = pair[0]
	long := cyChain(100, "")
	long[99].Next = long[0]
	tail := cyChain(50, "t")
	tail[49].Next = tail[10]

	root := &cyTree{Name: "root"}
	root.Children = []*cyTree{{Name: "a"}, {Name: "b"}}
	root.Children[1].Parent = root

	byValue := &cyByValue{Kids: make([]cyByValue, 1)}
	byValue.Kids[0].Kids = byValue.Kids

	byName := &cyByName{}
	byName.ByName = map[string]*cyByName{"self": byName}
	hostileKey := &cyByName{}
	key := "k]." + strings.Repeat("\u202e\n", 3000)
	hostileKey.ByName = map[string]*cyByName{key: hostileKey}

	anyself := &cyAny{}
	anyself.Any = anyself
	anyslice := &cyAny{}
	anyslice.Any = []any{anyslice} // an interface holding a slice: no dive, not walked
	anyInAny := &cyAny{}
	anyInAny.Any = &cyAny{Any: anyInAny}

	emb := &cyEmbedded{Name: "e"}
	emb.cyEmbedded = emb

	keyNode := &cyNode{Name: "k"}
	keyNode.Next = keyNode

	lk := &cyLookout{Request: &lookout.StartDataIngestionJobRequest{}}
	lk.Back = lk

	owner := &cyTags{}
	owner.Tags = []cyTagElem{{Key: "a"}, {Key: "b", Owner: owner}}

	return []struct {
		name         string
		value        any
		path, target string
	}{
		{"a pointer to itself", self, "next", ""},
		{"a pointer to itself, with a violation at each level", invalid, "next", ""},
		{"a pointer to an ancestor", pair[0], "next.next", ""},
		{"given by value", *pair[0], "next.next.next", "next"},
		{"a cycle of 100", long[0], strings.Repeat("next.", 99) + "next", ""},
		{"a cycle below the top", tail[0], strings.Repeat("next.", 49) + "next", strings.Repeat("next.", 9) + "next"},
		{"through a slice of pointers", root, "children[1].parent", ""},
		{"through a slice's backing array", byValue, "kids[0].kids", "kids"},
		{"through a map", byName, "byName[self]", ""},
		{"through a map, a hostile key", hostileKey, "byName[" + key + "]", ""},
		{"through an interface", anyself, "any", ""},
		{"through interfaces", anyInAny, "any.any", ""},
		{"through an embedded pointer", emb, "cyEmbedded", ""},
		{"through a map's keys", &cyKeys{Keys: map[*cyNode]string{keyNode: "x"}}, "", ""},
		{"beside a request of package lookout", lk, "back", ""},
		{"through an element of a slice by value", owner, "tags[1].owner", ""},
	}
}

// TestStructRefusesACycle: a value that refers back to itself gets a
// *CycleError that names the path and its target, at once, in little
// memory, where validator/v10 alone recurses until the program dies.
func TestStructRefusesACycle(t *testing.T) {
	t.Parallel()
	for _, c := range cyCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := validate.Struct(c.value)
			var ce *validate.CycleError
			require.ErrorAs(t, err, &ce)
			if c.name == "through a map's keys" {
				// The key is a pointer to a struct, printed with %v.
				assert.True(t, strings.HasPrefix(ce.Path, "keys[&{k 0x") && strings.HasSuffix(ce.Path, "}].next"), ce.Path)
				assert.Equal(t, strings.TrimSuffix(ce.Path, ".next"), ce.Target)
			} else {
				assert.Equal(t, c.path, ce.Path)
				assert.Equal(t, c.target, ce.Target)
			}
			assert.Equal(t, reflect.TypeOf(c.value), ce.Type)
			msg := err.Error()
			assert.Contains(t, msg, "refers back to")
			assert.LessOrEqual(t, len(msg), 600, "the message is bounded")
			assert.NotContains(t, msg, "\n")
			// Translate passes it on as it is.
			assert.Equal(t, err, validate.Translate(c.value, err))
		})
	}
}

// TestStructCycleCost: refusing a cycle costs little memory and few
// allocations; validator/v10 alone grew to gigabytes before it died.
func TestStructCycleCost(t *testing.T) {
	invalid := &cyNode{}
	invalid.Next = invalid
	long := cyChain(1000, "")
	long[999].Next = long[0]
	for _, v := range []any{invalid, long[0]} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err := validate.Struct(v)
		runtime.ReadMemStats(&after)
		var ce *validate.CycleError
		require.ErrorAs(t, err, &ce)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "bytes allocated")
		allocs := testing.AllocsPerRun(5, func() { _ = validate.Struct(v) })
		assert.Less(t, allocs, float64(100), "allocations")
	}
}

// TestStructNoCycle: values that refer back to themselves only through what
// validator/v10 does not walk (a field tagged "-", a slice or a map that no
// "dive" enters, an unexported field, a "structonly" field, a map's keys
// without "keys"), values shared by two fields, and long chains are
// validated as they are, with validator/v10's verdict.
func TestStructNoCycle(t *testing.T) {
	t.Parallel()
	skipped := &cySkipped{}
	skipped.Back = skipped
	noDive := &cyNoDive{}
	noDive.Kids = []*cyNoDive{noDive}
	noDive.ByID = map[string]*cyNoDive{"self": noDive}
	unexported := &cyUnexported{}
	unexported.back = unexported
	structOnly := &cyStructOnly{}
	structOnly.Back = structOnly
	keyNode := &cyNode{Name: "k"}
	keyNode.Next = keyNode
	anyslice := &cyAny{}
	anyslice.Any = []any{anyslice}
	shared := &cyNode{}
	long := cyChain(2000, "n")
	long[1000].Name = ""
	tests := []struct {
		name  string
		value any
		want  []lookout.FieldError // nil: valid
	}{
		{"a field tagged -", skipped, []lookout.FieldError{{Path: "name", Constraint: lookout.ConstraintRequired}}},
		{"a slice and a map without dive", noDive, []lookout.FieldError{{Path: "name", Constraint: lookout.ConstraintRequired}}},
		{"an unexported field", unexported, []lookout.FieldError{{Path: "name", Constraint: lookout.ConstraintRequired}}},
		{"structonly", structOnly, []lookout.FieldError{{Path: "name", Constraint: lookout.ConstraintRequired}}},
		{"a map's keys without keys", &cyNoKeys{Keys: map[*cyNode]string{keyNode: "x"}}, nil},
		{"an interface holding a slice", anyslice, nil},
		{"a value shared by two fields", &cyShared{Left: shared, Right: shared}, []lookout.FieldError{
			{Path: "Left.name", Constraint: lookout.ConstraintRequired},
			{Path: "Right.name", Constraint: lookout.ConstraintRequired},
		}},
		{"a chain of 2000", long[0], []lookout.FieldError{
			{Path: strings.Repeat("next.", 1000) + "name", Constraint: lookout.ConstraintRequired},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := validate.Struct(tt.value)
			var ce *validate.CycleError
			require.False(t, errors.As(err, &ce), "%v", err)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			assert.Equal(t, tt.want, fieldsOf(t, err))
		})
	}
}

// TestStructCycleConcurrent: searches for cycles run at once share
// nothing but their caches.
func TestStructCycleConcurrent(t *testing.T) {
	t.Parallel()
	cases := cyCases()
	done := make(chan error)
	for range 8 {
		go func() {
			var err error
			for _, c := range cases {
				var ce *validate.CycleError
				if e := validate.Struct(c.value); !errors.As(e, &ce) {
					err = e
				}
			}
			done <- err
		}()
	}
	for range 8 {
		assert.NoError(t, <-done)
	}
}

// TestCycleErrorNil: a nil *CycleError prints, as the package's other
// errors do.
func TestCycleErrorNil(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "<nil>", (*validate.CycleError)(nil).Error())
	assert.Equal(t, `validate: cannot validate a value of type <nil> that refers back to itself: "" refers back to the value itself`,
		(&validate.CycleError{}).Error())
}
