package lookout_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// wireReferenceAccepts is the reference verdict on a StartDataIngestionJob
// body, written with encoding/json rather than from the decoder: a body is
// accepted when it is valid JSON and valid UTF-8, no longer than the limit,
// one object whose members are those of the request (names compared
// exactly, each at most once), whose string members are strings or null,
// whose structure members are objects or null, and whose strings escape no
// lone surrogate (wireRefType, which FuzzDecode uses for every operation).
func wireReferenceAccepts(data []byte) bool {
	return len(data) <= lookout.MaxRequestBodyBytes && utf8.Valid(data) && json.Valid(data) &&
		wireRefType(data, reflect.TypeOf(lookout.StartDataIngestionJobRequest{}), true)
}

// wireRefString reports whether the JSON string raw escapes no lone
// surrogate: encoding/json reads one as U+FFFD, so the string it reads has
// more U+FFFD than raw spells, literally or as \ufffd.
func wireRefString(raw []byte) bool {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return false
	}
	spelt := 0
	for i := 0; i < len(raw); {
		switch {
		case raw[i] == '\\' && raw[i+1] == 'u':
			if strings.EqualFold(string(raw[i+2:i+6]), "fffd") {
				spelt++
			}
			i += 6
		case raw[i] == '\\':
			i += 2
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 3 {
				spelt++
			}
			i += size
		}
	}
	return strings.Count(s, "\uFFFD") == spelt
}

func TestWireReferenceAgrees(t *testing.T) {
	t.Parallel()
	for _, tt := range wireDecodeRefusals {
		require.False(t, wireReferenceAccepts([]byte(tt.body)), tt.name)
	}
	for _, body := range []string{wireTypicalBody, `{}`, `{"RoleArn":"\ud83d\ude00\uFFFD` + "\uFFFD" + `"}`, `{"Client\u0054oken":null}`} {
		require.True(t, wireReferenceAccepts([]byte(body)), body)
	}
}

// FuzzDecodeRequest checks that DecodeRequest never panics; that it accepts
// exactly what the reference accepts; that what it accepts, encoding/json
// reads the same way and json.Marshal writes back to the same request; and
// that what it refuses, it refuses with a position in the body.
func FuzzDecodeRequest(f *testing.F) {
	for _, body := range []string{
		wireTypicalBody, `{}`, `{"IngestionInputConfiguration":{"S3InputConfiguration":{"Prefix":"","KeyPattern":null}}}`,
		`{"DatasetName":"a","DatasetName":"b"}`, `{"datasetname":"d"}`, `{"DatasetName":"\ud800"}`, "{\"DatasetName\":\"\xff\"}",
		`{"Client\u0054oken":"\ud83d\ude00"}`, "\uFEFF{}", `[]`, `null`, `{} x`, `{"RoleArn":1e999}`,
	} {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := wireDecodeStart(data)
		require.Equal(t, wireReferenceAccepts(data), err == nil, "DecodeRequest: %v", err)
		if err == nil {
			requireWireAgreement(t, data, req)
			return
		}
		require.Nil(t, req)
		de := requireDecodeError(t, err)
		if len(data) > lookout.MaxRequestBodyBytes {
			require.Zero(t, de.Line)
			return
		}
		require.GreaterOrEqual(t, de.Offset, int64(0))
		require.LessOrEqual(t, de.Offset, int64(len(data)))
		line, col := wirePosition(string(data), int(de.Offset))
		require.Equal(t, line, de.Line)
		require.Equal(t, col, de.Column)
		require.NotEmpty(t, de.Reason)
	})
}
