package lookout

import (
	"strings"
	"unicode/utf8"
)

// The hand-written matchers. Each reads its value once, without regular
// expressions and without allocating, and answers for the whole value (a
// full match, as the service applies its patterns). Each returns what
// member.scan documents: whether the pattern matches the value as the
// service would receive it, whether the value is valid UTF-8, and its length
// in code points. A value that fails early is recounted by runeCount: that
// path is taken only for invalid values.

// asciiClass is a set of ASCII bytes, indexed by byte: the bytes of
// U+0080 and above are never in it.
type asciiClass [256]uint8

func newASCIIClass(ranges ...string) *asciiClass {
	var c asciiClass
	for _, r := range ranges {
		for b := r[0]; b <= r[len(r)-1]; b++ {
			c[b] = 1
		}
	}
	return &c
}

var (
	datasetNameClass = newASCIIClass("09", "az", "AZ", "_", "-")   // [0-9a-zA-Z_-]
	bucketEndClass   = newASCIIClass("09", "az")                   // [a-z0-9]
	bucketMidClass   = newASCIIClass("09", "az", ".", "-")         // [\.\-a-z0-9]
	hexClass         = newASCIIClass("09", "af", "AF")             // [A-Fa-f0-9]
	digitClass       = newASCIIClass("09")                         // [0-9]
	prefixASCIIClass = newASCIIClass("\t", "\n", "\r", "\x20\x7f") // ASCII part of [\u0009\u000A\u000D\u0020-\u00FF]
)

// in reports whether b is in c.
func (c *asciiClass) in(b byte) bool { return c[b] != 0 }

// allIn reports whether every byte of s is in c. The loop has no branch
// but its own: values are short, and valid ones are read to the end anyway.
func (c *asciiClass) allIn(s string) bool {
	all := uint8(1)
	for len(s) >= 4 {
		all &= c[s[0]] & c[s[1]] & c[s[2]] & c[s[3]]
		s = s[4:]
	}
	for i := 0; i < len(s); i++ {
		all &= c[s[i]]
	}
	return all != 0
}

// fail is the answer for a value whose pattern failed: its validity and
// length still have to be known.
func fail(s string) (ok, valid bool, n int) {
	n, valid = runeCount(s)
	return false, valid, n
}

// scanClientToken matches \p{ASCII}{1,256}.
func scanClientToken(s string) (ok, valid bool, n int) {
	for i := asciiPrefixLen(s); i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return fail(s)
		}
	}
	return len(s) >= 1 && len(s) <= 256, true, len(s)
}

// scanDatasetName matches ^[0-9a-zA-Z_-]{1,200}$.
func scanDatasetName(s string) (ok, valid bool, n int) {
	if !datasetNameClass.allIn(s) {
		return fail(s)
	}
	return len(s) >= 1 && len(s) <= 200, true, len(s)
}

// scanBucket matches ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$.
func scanBucket(s string) (ok, valid bool, n int) {
	if len(s) < 3 || len(s) > 63 ||
		!bucketEndClass.in(s[0]) || !bucketEndClass.in(s[len(s)-1]) ||
		!bucketMidClass.allIn(s[1:len(s)-1]) {
		return fail(s)
	}
	return true, true, len(s)
}

// scanPrefix matches (^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$).
func scanPrefix(s string) (ok, valid bool, n int) {
	for i := 0; i < len(s); n++ {
		if i+8 <= len(s) {
			// Eight bytes of U+0020..U+007F at once.
			if w := load64(s[i:]); w&swarHi == 0 && !swarHasLess(w, 0x20) {
				i += 8
				n += 7
				continue
			}
		}
		c := s[i]
		switch {
		case prefixASCIIClass.in(c):
			i++
		case (c == 0xC2 || c == 0xC3) && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// U+0080..U+00FF, two bytes in UTF-8.
			i += 2
		default:
			return fail(s)
		}
	}
	return n == 0 || (n >= 2 && n <= 1024 && s[len(s)-1] == '/'), true, n
}

// scanRoleArn matches arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+ with Java's
// semantics: [^:] matches every character but ':', line terminators
// included, and '.' every character but \n, \r, U+0085, U+2028 and U+2029.
func scanRoleArn(s string) (ok, valid bool, n int) {
	const (
		scheme  = "arn:aws"
		service = ":iam::"
		account = 12
		role    = ":role/"
	)
	rest, found := strings.CutPrefix(s, scheme)
	if !found {
		return fail(s)
	}
	n = len(scheme)
	valid = true
	if rest != "" && rest[0] == '-' {
		// (-[^:]+): up to the next ':', at least one character. No
		// backtracking is possible: [^:] cannot consume the ':' that
		// must follow.
		end := strings.IndexByte(rest, ':')
		if end < 2 {
			return fail(s)
		}
		m, v := runeCount(rest[1:end])
		n += 1 + m
		valid = v
		rest = rest[end:]
	}
	rest, found = strings.CutPrefix(rest, service)
	if !found || len(rest) < account || !digitClass.allIn(rest[:account]) {
		return fail(s)
	}
	rest, found = strings.CutPrefix(rest[account:], role)
	if !found || rest == "" {
		return fail(s)
	}
	n += len(service) + account + len(role)
	ok = true
	for i := 0; i < len(rest); n++ {
		if i+8 <= len(rest) {
			// Eight ASCII bytes at once, when none is below 0x0E (so
			// neither \n nor \r).
			if w := load64(rest[i:]); w&swarHi == 0 && !swarHasLess(w, 0x0E) {
				i += 8
				n += 7
				continue
			}
		}
		c := rest[i]
		if c < utf8.RuneSelf {
			if c == '\n' || c == '\r' {
				ok = false
			}
			i++
			continue
		}
		if c >= 0xC2 && c <= 0xDF && i+1 < len(rest) && rest[i+1]&0xC0 == 0x80 {
			// A two-byte sequence, U+0080..U+07FF, decoded inline: of
			// those, only U+0085 (C2 85) is a line terminator.
			if c == 0xC2 && rest[i+1] == 0x85 {
				ok = false
			}
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(rest[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			valid = false // sent as U+FFFD, which '.' matches
		case r == '\u0085' || r == '\u2028' || r == '\u2029':
			ok = false
		}
		i += size
	}
	return ok, valid, n
}

// scanJobID matches [A-Fa-f0-9]{0,32}.
func scanJobID(s string) (ok, valid bool, n int) {
	if !hexClass.allIn(s) {
		return fail(s)
	}
	return len(s) <= 32, true, len(s)
}

// scanKeyPattern matches the documented values of KeyPattern, which all
// share the stem {prefix}/{component_name}.
func scanKeyPattern(s string) (ok, valid bool, n int) {
	const stem = "{prefix}/{component_name}"
	if len(s) == len(stem)+2 && s[len(stem)+1] == '*' && s[:len(stem)] == stem {
		switch s[len(stem)] {
		case '/', '_', ' ', '.', '-':
			return true, true, len(s)
		}
	}
	return fail(s)
}

// scanEnum reports whether s is one of values, all of them ASCII.
func scanEnum(s string, values []string) (ok, valid bool, n int) {
	for _, v := range values {
		if s == v {
			return true, true, len(s)
		}
	}
	return fail(s)
}

func scanJobStatus(s string) (ok, valid bool, n int) { return scanEnum(s, jobStatusValues) }
