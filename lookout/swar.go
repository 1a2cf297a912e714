package lookout

import (
	"unicode/utf8"
)

// Word-at-a-time helpers: the checks read ASCII runs eight bytes at a time.
// Each helper answers for the eight bytes of a little-endian word.

const (
	swarLo = 0x0101010101010101
	swarHi = 0x8080808080808080
)

// load64 reads the first eight bytes of s as a little-endian word; the
// compiler turns it into one load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// swarHasLess reports whether a byte of w is less than n, for n <= 128, when
// every byte of w is ASCII.
func swarHasLess(w uint64, n byte) bool {
	return (w-swarLo*uint64(n))&^w&swarHi != 0
}

// asciiPrefixLen returns the length of the longest prefix of s, a multiple
// of eight, whose bytes are all ASCII.
func asciiPrefixLen(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s[i:])&swarHi != 0 {
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
