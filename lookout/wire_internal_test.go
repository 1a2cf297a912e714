package lookout

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWireTaxonomyRoundTrip writes every error of the taxonomy table and
// reads it back: the same error, with the table's status, written with its
// code in the header and the body. A new entry of the table is covered
// without a change here.
func TestWireTaxonomyRoundTrip(t *testing.T) {
	t.Parallel()
	for _, k := range taxonomy {
		t.Run(k.code, func(t *testing.T) {
			t.Parallel()
			for _, message := range []string{"the message", ""} {
				rec := httptest.NewRecorder()
				WriteError(rec, k.make(message))
				res := rec.Result()
				assert.Equal(t, k.status, res.StatusCode)
				assert.Equal(t, k.code, res.Header.Get(headerErrorType))
				assert.Equal(t, ContentType, res.Header.Get("Content-Type"))
				want := message
				if want == "" {
					want = defaultMessage(k.code)
				}
				ns := "com.amazonaws.lookoutequipment#"
				if k.protocol {
					ns = "com.amazon.coral.service#"
				}
				assert.JSONEq(t, `{"__type":"`+ns+k.code+`","Message":"`+want+`"}`, rec.Body.String())
				got := ErrorFromResponse(res)
				require.NoError(t, res.Body.Close())
				assert.Equal(t, k.make(want), got)
			}
		})
	}
}

// TestWireDefaultMessages checks that every error of the taxonomy has a
// message of its own to write when it has none.
func TestWireDefaultMessages(t *testing.T) {
	t.Parallel()
	seen := map[string]string{}
	for _, k := range taxonomy {
		m := defaultMessage(k.code)
		assert.False(t, strings.HasPrefix(m, "The request failed with"), "%s has no message of its own", k.code)
		assert.NotContains(t, seen, m, "%s and %s share a message", k.code, seen[m])
		seen[m] = k.code
		assert.True(t, isIdentifier(k.code), k.code)
	}
}

func TestWireIsIdentifier(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"ValidationException": true, "_Foo": true, "Foo_2": true,
		"": false, "2Foo": false, "a#Foo": false, "Foo:http": false, "Foo Bar": false, "Foo-Bar": false, "Éclair": false,
	} {
		assert.Equal(t, want, isIdentifier(s), s)
	}
}
