package strictjson

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func scan(text string) *Scanner { return &Scanner{Text: text, Name: "the text"} }

// Skip refuses with the offset and the words of each fault.
func TestSkipRefuses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text   string
		offset int
		member string
		reason string
	}{
		{``, 0, "", "expected a value, found the end of the text"},
		{`{`, 1, "", "unexpected end of the text: the object is not closed"},
		{`[`, 1, "", "unexpected end of the text: the list is not closed"},
		{`[1,`, 3, "", "unexpected end of the text: the list is not closed"},
		{`[1,]`, 3, "", NoElementAfterComma},
		{`[1 2]`, 3, "", "expected ',' or ']' after an element, found a number"},
		{`{"a":1,}`, 7, "", "expected a member name after ',', found the character '}' (U+007D)"},
		{`{"a" 1}`, 5, "a", "expected ':' after the member name, found a number"},
		{`{"a":`, 5, "a", "unexpected end of the text: the member has no value"},
		{`{'a':1}`, 1, "", "expected a member name or '}', found the character U+0027"},
		{`{"a":1 "b":2}`, 7, "", "expected ',' or '}' after a member, found a string"},
		{`nul`, 0, "", "expected a value, found the character 'n' (U+006E)"},
		{`01`, 0, "", "invalid number: a number does not start with 0 followed by a digit"},
		{`-`, 1, "", "invalid number: expected a digit, found the end of the text"},
		{`1.`, 2, "", "invalid number: expected a digit after '.', found the end of the text"},
		{`1e+x`, 3, "", "invalid number: expected a digit in the exponent, found the character 'x' (U+0078)"},
		{`"ab`, 3, "", "unexpected end of the text in a string"},
		{`"a\`, 3, "", "unexpected end of the text in a string"},
		{"\"a\tb\"", 2, "", "control character U+0009 in a string: JSON requires it to be escaped"},
		{"\"a\xffb\"", 2, "", "invalid UTF-8 in a string: byte 0xFF"},
		{`"\x"`, 1, "", "invalid escape: \\ followed by the character 'x' (U+0078)"},
		{`"\u00g0"`, 1, "", `invalid \u escape: \u must be followed by four hexadecimal digits`},
		{`"\udc00"`, 1, "", `invalid \u escape: \udc00 is a lone low surrogate, not a character`},
		{`"a\ud800b"`, 2, "", `invalid \u escape: \ud800 is a high surrogate not followed by a \u escape of a low surrogate`},
		{`[[[1]]]`, 3, "", "the value nests deeper than 2 levels"},
	} {
		sc := scan(tc.text)
		err := sc.Skip(2)
		require.NotNil(t, err, "%q", tc.text)
		assert.Equal(t, Error{Offset: tc.offset, Member: tc.member, Reason: tc.reason}, *err, "%q", tc.text)
	}
}

// Skip reads a valid value to its end, nested to any depth with no bound,
// the containers' kinds kept apart past 64 levels.
func TestSkipAccepts(t *testing.T) {
	t.Parallel()
	deep := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i%3 == 0 {
				b.WriteString(`{"k":`)
			} else {
				b.WriteString(`[`)
			}
		}
		b.WriteString(`"x"`)
		for i := n - 1; i >= 0; i-- {
			if i%3 == 0 {
				b.WriteString(`}`)
			} else {
				b.WriteString(`]`)
			}
		}
		return b.String()
	}
	for _, text := range []string{
		`0`, `-0.5e+3`, `true`, `false`, `null`, `""`, `"\u00e9\ud83d\ude00\n"`, `{}`, `[]`,
		`{"a":[1,{"b":null}],"c":{}}`, " [ 1 , 2 ] ", deep(63), deep(64), deep(65), deep(200),
	} {
		sc := scan(text + " rest")
		sc.SkipSpace()
		require.Nil(t, sc.Skip(0), "%.80q", text)
		sc.SkipSpace()
		assert.Equal(t, "rest", sc.Text[sc.Pos:], "%.80q", text)
	}
	// Closed by the wrong bracket past 64 levels.
	bad := deep(130)
	bad = bad[:len(bad)-1] + "]"
	require.NotNil(t, scan(bad).Skip(0))
}

// String returns the string's value, sharing the text when it has no
// escape.
func TestString(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{
		`""`:                   "",
		`"plain ascii text!"`:  "plain ascii text!",
		`"é😀"`:                 "é😀",
		`"a\"\\\/\b\f\n\r\tz"`: "a\"\\/\b\f\n\r\tz",
		`"\u0041\ud83d\ude00"`: "A😀",
	} {
		sc := scan(text)
		got, err := sc.String()
		require.Nil(t, err, text)
		assert.Equal(t, want, got)
		assert.Equal(t, len(text), sc.Pos)
	}
}

// A string without escapes costs no allocation.
func TestStringAllocs(t *testing.T) {
	sc := scan(`"abcdefghijklmnop"`)
	allocs := testing.AllocsPerRun(100, func() {
		sc.Pos = 0
		_, _ = sc.String()
	})
	assert.Zero(t, allocs)
}

func TestPosition(t *testing.T) {
	t.Parallel()
	line, col := Position("ab\ncé\xffd", 8)
	assert.Equal(t, []int{2, 5}, []int{line, col})
	line, col = Position("", 0)
	assert.Equal(t, []int{1, 1}, []int{line, col})
}

// FuzzSkip checks Skip against encoding/json's Valid, an independent
// reader: Skip accepts a text, read to its end, exactly when Valid does,
// but for the lone surrogates Valid lets through.
func FuzzSkip(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":"c"}]}`, `[1,]`, `"\ud800"`, `01`, `{"a" 1}`, "\"\x7f\"", `[[[[]]]]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sc := scan(text)
		sc.SkipSpace()
		err := sc.Skip(0)
		if err == nil {
			sc.SkipSpace()
		}
		ok := err == nil && sc.Pos == len(text)
		if err != nil {
			require.LessOrEqual(t, err.Offset, len(text))
		}
		if strings.Contains(text, `\u`) || strings.Contains(text, `\U`) {
			if ok {
				assert.True(t, json.Valid([]byte(text)), "%q", text)
			}
			return
		}
		assert.Equal(t, json.Valid([]byte(text)) && utf8.ValidString(text), ok, "%q: %v", text, err)
	})
}
