package ingest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TestKeyMatcher: section 1 of the package documentation, every pattern, at every boundary.
func TestKeyMatcher(t *testing.T) {
	t.Parallel()
	tests := []struct {
		prefix, pattern, key string
		comp                 string // "" when unmatched
	}{
		{"data/", lookout.KeyPatternSlash, "data/pump/a.csv", "pump"},
		{"data/", lookout.KeyPatternSlash, "data/pump/x/a.csv", ""}, // deeper folders
		{"data/", lookout.KeyPatternSlash, "data/a.csv", ""},        // directly under P
		{"data/", lookout.KeyPatternSlash, "data//a.csv", ""},       // empty component
		{"data/", lookout.KeyPatternSlash, "data/pump/", ""},        // folder marker
		{"data/", lookout.KeyPatternSlash, "other/pump/a.csv", ""},  // outside P
		{"", lookout.KeyPatternSlash, "pump/a.csv", "pump"},         // P empty: R is the whole key
		{"", lookout.KeyPatternSlash, "data/pump/a.csv", ""},
		{"", lookout.KeyPatternUnderscore, "pump1_january.csv", "pump1"},
		{"", lookout.KeyPatternDot, "pump1.csv", "pump1"},
		{"", lookout.KeyPatternUnderscore, "_pump1.csv", ""}, // i = 0
		{"", lookout.KeyPatternUnderscore, "pump1_", "pump1"},
		{"", lookout.KeyPatternUnderscore, "pump1.csv", ""}, // no delimiter
		{"d/", lookout.KeyPatternHyphen, "d/a-b-c.csv", "a"},
		{"d/", lookout.KeyPatternSpace, "d/my pump 1.csv", "my"},
		{"d/", lookout.KeyPatternHyphen, "d/x/a-b.csv", ""}, // a '/' in R
		{"d/", lookout.KeyPatternDot, "d/.csv", ""},
	}
	for _, tt := range tests {
		p, k := tt.prefix, tt.pattern
		m := newKeyMatcher(&lookout.IngestionS3InputConfiguration{Prefix: &p, KeyPattern: k})
		comp, ok := m.match(tt.key)
		assert.Equal(t, tt.comp != "", ok, "%q %q %q", tt.prefix, tt.pattern, tt.key)
		assert.Equal(t, tt.comp, comp, "%q %q %q", tt.prefix, tt.pattern, tt.key)
	}
	// An absent prefix and key pattern: "" and {prefix}/{component_name}/*.
	m := newKeyMatcher(&lookout.IngestionS3InputConfiguration{})
	comp, ok := m.match("pump/a.csv")
	assert.True(t, ok)
	assert.Equal(t, "pump", comp)
}

func TestNamesAndExtension(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"a.csv", "a.CSV", "a.Csv", "a.cSv", ".csv"} {
		assert.True(t, isCSVKey(k), k)
	}
	for _, k := range []string{"a.csv.gz", "a.txt", "acsv", "a.cs", "a.csvx", "a.c\x53v ", "csv"} {
		assert.False(t, isCSVKey(k), k)
	}
	assert.True(t, validComponentName("pump-1.a_B"))
	assert.True(t, validComponentName(strings.Repeat("a", 200)))
	assert.False(t, validComponentName(strings.Repeat("a", 201)))
	assert.False(t, validComponentName(""))
	assert.False(t, validComponentName("pump#1"))
	assert.True(t, validSensorName([]byte("a:#$.-_Z9")))
	for _, n := range []string{"", "a b", "é", "a,b", "a\x00", strings.Repeat("x", 201), "a/b"} {
		assert.False(t, validSensorName([]byte(n)), n)
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "invalid-header", FailInvalidHeader.String())
	assert.Equal(t, "FailureKind(99)", FailureKind(99).String())
	assert.Equal(t, "unclosed-quote", ReasonUnclosedQuote.String())
	assert.Equal(t, "Reason(99)", Reason(99).String())
	b, err := ReasonNoValidValue.MarshalText()
	assert.NoError(t, err)
	assert.Equal(t, "no-valid-value", string(b))
	for r := ReasonComponentName; r <= ReasonNoValidValue; r++ {
		assert.NotContains(t, r.String(), "Reason(")
		assert.NotEqual(t, r.String(), r.Text())
	}
	for k := FailList; k <= FailTooManySensors; k++ {
		assert.NotContains(t, k.String(), "FailureKind(")
	}
}
