package lookout

import "crypto/rand"

// NewClientToken returns a new random token for
// StartDataIngestionJobRequest.ClientToken: a version 4 UUID in its
// canonical form (36 lowercase characters, such as
// "6ba7b810-9dad-41d1-80b4-00c04fd430c8"), as the AWS SDKs generate for an
// idempotency token. It uses crypto/rand.
func NewClientToken() string {
	var u [16]byte
	_, _ = rand.Read(u[:]) // never fails since Go 1.24: it crashes the program instead
	return formatUUID(&u)
}

// formatUUID returns the random bits of u as a version 4 UUID in its
// canonical form: u's version and variant bits set, 36 lowercase
// characters.
func formatUUID(u *[16]byte) string {
	u[6] = u[6]&0x0F | 0x40 // version 4
	u[8] = u[8]&0x3F | 0x80 // variant RFC 9562
	const hex = "0123456789abcdef"
	var b [36]byte
	j := 0
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b[j] = '-'
			j++
		}
		b[j], b[j+1] = hex[c>>4], hex[c&0x0F]
		j += 2
	}
	return string(b[:])
}
