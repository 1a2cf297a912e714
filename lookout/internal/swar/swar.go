// Package swar holds the word-at-a-time helpers that lookout's checks and
// its JSON scanner read ASCII runs with, eight bytes at a time: each helper
// answers for the eight bytes of a little-endian word.
package swar

const (
	// Lo has 1 in each byte; Hi has each byte's high bit.
	Lo = 0x0101010101010101
	Hi = 0x8080808080808080
)

// Load64 reads the first eight bytes of s as a little-endian word; the
// compiler turns it into one load. s has at least eight bytes.
func Load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// HasLess reports whether a byte of w is less than n, for n <= 128, when
// every byte of w is ASCII.
func HasLess(w uint64, n byte) bool { return (w-Lo*uint64(n))&^w&Hi != 0 }

// HasZero reports whether a byte of w is zero.
func HasZero(w uint64) bool { return (w-Lo)&^w&Hi != 0 }
