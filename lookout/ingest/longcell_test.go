package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// TestLongName: a header name longer than the head kept is cut at a rune
// boundary, and is never a valid name (a fuzz finding: the cut read past
// the head).
func TestLongName(t *testing.T) {
	t.Parallel()
	for _, s := range []string{strings.Repeat("\x18", 1000), strings.Repeat("é", 300), "a" + strings.Repeat("é", 300), strings.Repeat("a", headLen+1)} {
		var c longCell
		c.reset(false)
		c.feed([]byte(s))
		name, ok := c.name()
		assert.True(t, ok)
		assert.True(t, utf8.ValidString(name), "%q", name)
		assert.False(t, validSensorName([]byte(name)))
	}
	var c longCell
	c.reset(false)
	c.feed([]byte("ab\xffcd"))
	_, ok := c.name()
	assert.False(t, ok, "invalid UTF-8 is no text")
}
