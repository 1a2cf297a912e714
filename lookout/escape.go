package lookout

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The one escaping routine of the package's messages: a value a message
// echoes, a member path, a server's or a caller's text, a request's member
// name or header. It writes text on one line, with no character that could
// change how the message reads, and bounded: a backslash is written \\, the
// quote around the text (' or ") \' or \"; TAB, LF and CR \t, \n and \r;
// other control characters, the line and paragraph separators, invisible
// formatting characters (right-to-left overrides among them), spaces other
// than U+0020 and unassigned or private-use code points \uXXXX
// (\UXXXXXXXX beyond U+FFFF); each byte of invalid UTF-8 \xXX.
// Everything else is written as it is.

// echoLimit bounds the bytes of a value that a message shows, after
// escaping.
const echoLimit = 128

// writeEcho writes v between single quotes as a message shows it: on one
// line, with no character that could change how the message reads, and
// bounded. A backslash is written \\, a single quote \' (so that the value
// cannot seem to end early); TAB, LF and CR \t, \n and \r; every other
// character strconv.IsPrint refuses (control and invisible formatting
// characters, separators, spaces other than U+0020, unassigned and
// private-use code points) \uXXXX; each byte of invalid UTF-8 \xXX. A
// value longer than echoLimit bytes once
// escaped is cut there, visibly: 'cut...' (truncated: N characters).
func writeEcho(b *strings.Builder, v string) {
	b.WriteByte('\'')
	cut := escapeCut(v, echoLimit, '\'')
	writeEscapedString(b, v[:cut], '\'', false)
	if cut < len(v) {
		n, _ := runeCount(v)
		b.WriteString("...' (truncated: ")
		writeInt(b, n)
		b.WriteString(" characters)")
		return
	}
	b.WriteByte('\'')
}

// escapeCut returns the length of the longest prefix of s, cut between
// characters, whose escaped form (as writeEscapedString writes it within
// quote) takes at most limit bytes. It is found before anything is written, so that nothing
// written has to be taken back.
func escapeCut(s string, limit int, quote byte) int {
	width := 0
	for i := 0; i < len(s); {
		if plainASCII(s[i], quote) {
			if width++; width > limit {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if width += escapedLen(r, size, quote); width > limit {
			return i
		}
		i += size
	}
	return len(s)
}

// writeEscapedString writes s, text within quote (' or "), escaped as
// writeEscaped escapes each character. With lowerSegments, the first letter of s and of each segment
// after a '.' is written in lower case, as the service's messages write
// member paths.
func writeEscapedString(b *strings.Builder, s string, quote byte, lowerSegments bool) {
	for i := 0; i < len(s); {
		// A run of bytes written as they are, then one rune to look at.
		j := i
		for j < len(s) && plainASCII(s[j], quote) {
			if lowerSegments && (j == 0 || s[j-1] == '.') && 'A' <= s[j] && s[j] <= 'Z' {
				b.WriteString(s[i:j])
				b.WriteByte(s[j] + 'a' - 'A')
				i = j + 1
			}
			j++
		}
		b.WriteString(s[i:j])
		if j == len(s) {
			return
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		writeEscaped(b, r, size, s[j], quote)
		i = j + size
	}
}

// plainASCII reports whether the byte c is printable ASCII written as it
// is within quote: not a control character, a backslash or the quote.
func plainASCII(c, quote byte) bool {
	return 0x20 <= c && c < 0x7F && c != '\\' && c != quote
}

// escapedLen is the number of bytes writeEscaped writes for r.
func escapedLen(r rune, size int, quote byte) int {
	switch {
	case r == utf8.RuneError && size == 1:
		return 4 // \xFF
	case r == '\\' || r == rune(quote) || r == '\t' || r == '\n' || r == '\r':
		return 2
	case needsEscape(r):
		if r > 0xFFFF {
			return 10 // \U0001F600
		}
		return 6 // \u0085
	}
	return utf8.RuneLen(r)
}

// needsEscape reports whether writeEscaped writes r as \uXXXX: every
// character strconv.IsPrint refuses, ASCII's space aside: control
// characters, the line and paragraph separators, invisible formatting
// characters (right-to-left overrides among them), spaces other than
// U+0020, and code points that are unassigned or for private use (a
// later Unicode, or a font, could show them as anything).
func needsEscape(r rune) bool {
	return r < 0x20 || (r >= 0x7F && !strconv.IsPrint(r))
}

const hexDigits = "0123456789ABCDEF"

// writeEscaped writes r, a character of size bytes in text within quote
// (first, its first byte, for invalid UTF-8), escaped.
func writeEscaped(b *strings.Builder, r rune, size int, first, quote byte) {
	switch {
	case r == utf8.RuneError && size == 1:
		b.WriteString(`\x`)
		b.WriteByte(hexDigits[first>>4])
		b.WriteByte(hexDigits[first&0xF])
	case r == '\\':
		b.WriteString(`\\`)
	case r == rune(quote):
		b.WriteByte('\\')
		b.WriteByte(quote)
	case r == '\t':
		b.WriteString(`\t`)
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\r':
		b.WriteString(`\r`)
	case needsEscape(r):
		if r > 0xFFFF {
			b.WriteString(`\U`)
			for shift := 28; shift >= 0; shift -= 4 {
				b.WriteByte(hexDigits[(r>>shift)&0xF])
			}
			return
		}
		b.WriteString(`\u`)
		for shift := 12; shift >= 0; shift -= 4 {
			b.WriteByte(hexDigits[(r>>shift)&0xF])
		}
	default:
		b.WriteRune(r)
	}
}

// showsAsIs reports whether showText writes s as it is: valid UTF-8, with
// no character that a message escapes (see needsEscape: control
// characters, CR and LF among them, separators, invisible formatting
// characters such as U+202E, spaces other than U+0020, unassigned and
// private-use code points), and at most limit bytes long.
func showsAsIs(s string, limit int) bool {
	if len(s) > limit {
		return false
	}
	for i := 0; i < len(s); {
		if c := s[i]; 0x20 <= c && c < 0x7F {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || needsEscape(r) {
			return false
		}
		i += size
	}
	return true
}

// showText writes s, text that may come from anywhere (a server's error, a
// caller's), on one line and bounded. Text that showsAsIs is written as it
// is. Other text is escaped as a message escapes a value it echoes (\\, \',
// \t, \n, \r, \uXXXX, \xXX: see writeEcho), and cut, visibly, where its
// escaped form would pass limit bytes: "... (truncated: N characters)". A
// long text without a character to escape is cut the same way, between
// characters, and not escaped.
func showText(b *strings.Builder, s string, limit int) {
	if showsAsIs(s, limit) {
		b.WriteString(s)
		return
	}
	var cut int
	if showsAsIs(s, len(s)) {
		cut = limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
	} else {
		cut = escapeCut(s, limit, '\'')
		writeEscapedString(b, s[:cut], '\'', false)
	}
	if cut < len(s) {
		b.WriteString("... (truncated: ")
		writeInt(b, utf8.RuneCountInString(s))
		b.WriteString(" characters)")
	}
}

// maxShownPath bounds the bytes, once escaped, of a path that a decode
// error shows.
const maxShownPath = 256

// quoteBounded returns s between double quotes, escaped (a '"' written
// \"), cut between characters where its escaped form would pass limit
// bytes; a cut string is followed by "...".
func quoteBounded(s string, limit int) string {
	cut := escapeCut(s, limit, '"')
	var b strings.Builder
	b.Grow(cut + len(`""...`))
	b.WriteByte('"')
	writeEscapedString(&b, s[:cut], '"', false)
	b.WriteByte('"')
	if cut < len(s) {
		b.WriteString("...")
	}
	return b.String()
}
