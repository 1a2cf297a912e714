package lookout

import (
	"unicode/utf8"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/swar"
)

// The checks read ASCII runs eight bytes at a time, with the helpers of
// internal/swar.

// asciiPrefixLen returns the length of the longest prefix of s, a multiple
// of eight, whose bytes are all ASCII.
func asciiPrefixLen(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if swar.Load64(s[i:])&swar.Hi != 0 {
			break
		}
	}
	return i
}

// runeCount counts code points, each byte of an invalid sequence counting as
// one (as utf8.RuneCountInString does, and as encoding/json sends them, each
// as U+FFFD), and reports whether s is valid UTF-8.
func runeCount(s string) (n int, valid bool) {
	i := asciiPrefixLen(s)
	rest := s[i:]
	return i + utf8.RuneCountInString(rest), utf8.ValidString(rest)
}
