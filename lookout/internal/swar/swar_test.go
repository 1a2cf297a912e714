package swar

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestHelpers checks each helper against a loop over the eight bytes, on
// words at every edge: zero bytes, each byte below and at n, high bits.
func TestHelpers(t *testing.T) {
	t.Parallel()
	words := []string{"\x00\x00\x00\x00\x00\x00\x00\x00", "abcdefgh", "abcdefg\x00", "\x00bcdefgh", "\x1fabcdefg",
		"abcdefg\x20", "abc\x01efgh", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f", "abcdefgh\x00 (longer)"}
	for _, s := range words {
		var want uint64
		for i := 7; i >= 0; i-- {
			want = want<<8 | uint64(s[i])
		}
		assert.Equal(t, want, Load64(s), "%q", s)
		zero := false
		for i := range 8 {
			zero = zero || s[i] == 0
		}
		assert.Equal(t, zero, HasZero(Load64(s)), "%q", s)
		for _, n := range []byte{0x01, 0x20, 0x21, 0x7f, 0x80} {
			less := false
			for i := range 8 {
				less = less || s[i] < n
			}
			assert.Equal(t, less, HasLess(Load64(s), n), "%q below %#x", s, n)
		}
	}
	assert.Equal(t, uint64(0x80), Load64("\x80\x00\x00\x00\x00\x00\x00\x00")&Hi, "Hi finds a high bit")
}
