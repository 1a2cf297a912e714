package validate_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// hostileKeys are map keys that a client may send: the path of a
// violation below them holds them as they are.
var hostileKeys = []struct {
	name, key string
}{
	{"control characters", "x\n\r\t\x00\x1b[31m\x7f"},
	{"C1 control characters", "x\u0085\u009b"},
	{"right-to-left override", "x\u202eevil"},
	{"format characters", "x\u200b\u2066\ufeff\u061c"},
	{"line and paragraph separators", "x\u2028\u2029"},
	{"invalid UTF-8", "x\xff\xfe\xc0\x80\xed\xa0\x80"},
	{"mixed", "x\n\u202eevil\xff"},
	{"quotes and brackets", "a'b\"c]d.e[f"},
	{"6000 bytes", strings.Repeat("k", 6000)},
	{"6000 bytes of control characters", strings.Repeat("\x01", 6000)},
	{"6000 bytes of invalid UTF-8", strings.Repeat("\xff", 6000)},
	{"3000 right-to-left overrides", strings.Repeat("\u202e", 3000)},
}

// requireSafeMessage checks a message that echoes what a client sent: valid
// UTF-8, no control or format character left raw, within the service's
// 5000 characters.
func requireSafeMessage(t testing.TB, msg string) {
	t.Helper()
	require.True(t, utf8.ValidString(msg), "not valid UTF-8: %q", msg)
	for i, r := range msg {
		require.False(t, unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029',
			"raw %U at byte %d of %q", r, i, msg)
	}
	require.LessOrEqual(t, utf8.RuneCountInString(msg), 5000, "message of %d characters", utf8.RuneCountInString(msg))
}

// TestStructHostileMapKeys checks violations below hostile map keys: the
// path keeps the key as it is, nothing is lost, and the message is safe to
// print and within the service's bound.
func TestStructHostileMapKeys(t *testing.T) {
	t.Parallel()
	for _, c := range hostileKeys {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := validate.Struct(&datasetsByID{Names: map[string]string{c.key: "bad name", "ok": validDataset}})
			var ve *lookout.ValidationException
			require.ErrorAs(t, err, &ve)
			want := violations(t, "lookout_dataset_name", "names["+c.key+"]", "bad name")
			require.Equal(t, want, ve.Fields, "the violation, at the raw key")
			assert.Contains(t, ve.Message, "1 validation error detected: Value ")
			requireSafeMessage(t, ve.Message)
			requireSafeMessage(t, err.Error())
		})
	}
}

// FuzzStructMapKey checks a violation below an arbitrary map key, holding
// an arbitrary value: the path keeps the key, the violations are the
// rule's, and the message is safe.
func FuzzStructMapKey(f *testing.F) {
	for _, c := range hostileKeys {
		f.Add(c.key, "bad name")
	}
	f.Add("k", "")
	f.Add("a].b[", "\u202e\xff")
	f.Fuzz(func(t *testing.T, key, value string) {
		err := validate.Struct(&datasetsByID{Names: map[string]string{key: value}})
		want := violations(t, "lookout_dataset_name", "names["+key+"]", value)
		if len(want) == 0 {
			require.NoError(t, err)
			return
		}
		var ve *lookout.ValidationException
		require.ErrorAs(t, err, &ve)
		require.Equal(t, want, ve.Fields)
		requireSafeMessage(t, ve.Message)
		if len(want) == 1 {
			assert.Contains(t, ve.Message, "1 validation error detected: Value ")
		}
	})
}
