// Package model holds the facts-only copy of AWS's service model of Amazon
// Lookout for Equipment (API version 2020-12-15) that package lookout is
// generated from, and its test: the copy is a botocore service model that
// the AWS CLI can load ("aws configure add-model"), with no documentation
// string.
package model

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const file = "lookoutequipment-2020-12-15.json"

// TestModelIsBotocoreModel checks what botocore needs of a service model:
// the protocol's metadata, 49 operations each with a name, an HTTP binding
// and an input, and every shape that a member, a list, an operation or an
// error names defined; and that no documentation string is left.
func TestModelIsBotocoreModel(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.NotContains(t, string(data), `"documentation"`, "AWS's sentences stay out of the repository")
	var m struct {
		Version  string           `json:"version"`
		Metadata map[string]any   `json:"metadata"`
		Ops      map[string]op    `json:"operations"`
		Shapes   map[string]shape `json:"shapes"`
	}
	require.NoError(t, json.Unmarshal(data, &m))
	assert.Equal(t, "2.0", m.Version)
	for k, v := range map[string]any{
		"apiVersion": "2020-12-15", "endpointPrefix": "lookoutequipment", "jsonVersion": "1.0", "protocol": "json",
		"serviceId": "LookoutEquipment", "signatureVersion": "v4", "targetPrefix": "AWSLookoutEquipmentFrontendService",
		"uid": "lookoutequipment-2020-12-15", "serviceFullName": "Amazon Lookout for Equipment",
	} {
		assert.Equal(t, v, m.Metadata[k], "metadata %s", k)
	}
	assert.Len(t, m.Ops, 49)
	assert.Len(t, m.Shapes, 219)
	defined := func(name, where string) {
		if _, ok := m.Shapes[name]; !ok {
			t.Errorf("%s names shape %q, which is not defined", where, name)
		}
	}
	for name, o := range m.Ops {
		assert.Equal(t, name, o.Name)
		assert.Equal(t, "POST", o.HTTP.Method, name)
		assert.Equal(t, "/", o.HTTP.RequestURI, name)
		require.NotNil(t, o.Input, name)
		defined(o.Input.Shape, name+" input")
		if o.Output != nil {
			defined(o.Output.Shape, name+" output")
		}
		assert.NotEmpty(t, o.Errors, name)
		for _, e := range o.Errors {
			defined(e.Shape, name+" error")
			assert.True(t, m.Shapes[e.Shape].Exception, "%s lists %s, an exception", name, e.Shape)
		}
	}
	types := map[string]bool{"structure": true, "string": true, "list": true, "long": true, "integer": true,
		"boolean": true, "float": true, "timestamp": true}
	for name, s := range m.Shapes {
		assert.True(t, types[s.Type], "%s: type %q", name, s.Type)
		for mn, r := range s.Members {
			defined(r.Shape, name+"."+mn)
		}
		for _, r := range s.Required {
			assert.Contains(t, s.Members, r, "%s requires %s, a member", name, r)
		}
		if s.Type == "list" {
			require.NotNil(t, s.Member, name)
			defined(s.Member.Shape, name+" member")
		}
	}
}

type ref struct {
	Shape string `json:"shape"`
}

type op struct {
	Name string `json:"name"`
	HTTP struct {
		Method     string `json:"method"`
		RequestURI string `json:"requestUri"`
	} `json:"http"`
	Input  *ref  `json:"input"`
	Output *ref  `json:"output"`
	Errors []ref `json:"errors"`
}

type shape struct {
	Type      string         `json:"type"`
	Members   map[string]ref `json:"members"`
	Required  []string       `json:"required"`
	Member    *ref           `json:"member"`
	Exception bool           `json:"exception"`
}
