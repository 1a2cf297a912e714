package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStrip: every documentation member goes, at any depth (the service's,
// an operation's, a shape's, a member's, inside lists), and every other
// member stays as it was, numbers as written.
func TestStrip(t *testing.T) {
	t.Parallel()
	in := `{"documentation":"<p>AWS</p>","metadata":{"protocol":"json"},"version":"2.0",
		"operations":{"Op":{"documentation":"x","name":"Op","errors":[{"shape":"E","documentation":"y"}]}},
		"shapes":{"S":{"type":"structure","documentation":"z","members":{"M":{"shape":"N","documentation":"w"}}},
		"N":{"type":"integer","max":500,"min":1}}}`
	var out bytes.Buffer
	require.NoError(t, strip([]byte(in), &out))
	assert.NotContains(t, out.String(), "documentation")
	var got, want any
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	require.NoError(t, json.Unmarshal([]byte(`{"metadata":{"protocol":"json"},"version":"2.0",
		"operations":{"Op":{"name":"Op","errors":[{"shape":"E"}]}},
		"shapes":{"S":{"type":"structure","members":{"M":{"shape":"N"}}},"N":{"type":"integer","max":500,"min":1}}}`), &want))
	assert.Equal(t, want, got)
	assert.Contains(t, out.String(), `"max": 500`)
}

// TestStripRefuses: a file that is not a botocore model is refused.
func TestStripRefuses(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`[]`, `{"metadata":{},"operations":{}}`, `{"metadata":1,"operations":{},"shapes":{}}`, `{`} {
		require.Error(t, strip([]byte(in), new(bytes.Buffer)), in)
	}
}
