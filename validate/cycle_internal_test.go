package validate

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cyDiamond is a value with 2^depth paths and depth nodes: each level's
// Left and Right are the same next level.
type cyDiamond struct {
	Left, Right *cyDiamond
}

func newDiamond(depth int) (top, bottom *cyDiamond) {
	top = &cyDiamond{}
	bottom = top
	for range depth {
		next := &cyDiamond{}
		bottom.Left, bottom.Right = next, next
		bottom = next
	}
	return top, bottom
}

// TestFindCycleShared: a value shared by many paths is walked once past
// cycleVisits references, so that the search ends at once where
// validator/v10 would take 2^60 steps; a cycle at its bottom is still
// found.
func TestFindCycleShared(t *testing.T) {
	t.Parallel()
	top, bottom := newDiamond(60)
	require.NoError(t, findCycle(top))
	bottom.Right = top
	err := findCycle(top)
	var ce *CycleError
	require.ErrorAs(t, err, &ce)
	assert.Empty(t, ce.Target)
	assert.Len(t, ce.Path, len("Left.")*60+len("Right"))
}

// TestParseDiveTags: the levels of a tag, as validator/v10 reads it.
func TestParseDiveTags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tag  string
		want diveTags
	}{
		{"", diveTags{}},
		{"required", diveTags{}},
		{"structonly", diveTags{structOnlyAt: 1}},
		{"omitempty,nostructlevel", diveTags{structOnlyAt: 1}},
		{"dive", diveTags{dives: 1}},
		{"dive,structonly", diveTags{dives: 1, structOnlyAt: 2}},
		{"dive,dive,required", diveTags{dives: 2}},
		{"dive,keys,required,endkeys,required", diveTags{dives: 1, mapKeys: 1}},
		{"dive,keys,dive,structonly,endkeys,dive", diveTags{dives: 2, mapKeys: 1}},
		{"dive,dive,keys,min=1,endkeys", diveTags{dives: 2, mapKeys: 2}},
		{"keys,required,endkeys", diveTags{}}, // misplaced: validator/v10 panics
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, parseDiveTags(tt.tag), tt.tag)
	}
}
