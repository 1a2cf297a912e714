package lookout

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kindsDoc is a structure with a member of every kind the reader reads, to
// test the reader's value kinds apart from any operation.
type kindsDoc struct {
	S    string              `json:"S,omitempty"`
	V    string              `json:"V"`
	OS   *string             `json:"OS,omitempty"`
	E    IngestionJobStatus  `json:"E,omitempty"`
	OE   *IngestionJobStatus `json:"OE,omitempty"`
	I    *int32              `json:"I,omitempty"`
	L    *int64              `json:"L,omitempty"`
	B    *bool               `json:"B,omitempty"`
	T    *Timestamp          `json:"T,omitempty"`
	O    *kindsInner         `json:"O,omitempty"`
	List []kindsTag          `json:"List,omitempty"`
}

type kindsInner struct {
	S    string     `json:"S,omitempty"`
	V    string     `json:"V"`
	I    *int32     `json:"I,omitempty"`
	T    *Timestamp `json:"T,omitempty"`
	List []kindsTag `json:"List,omitempty"`
}

type kindsTag struct {
	Key   string `json:"Key,omitempty"`
	Value string `json:"Value"`
}

var kindsTagTable = newWireStruct(
	wireString("Key", true, func(t *kindsTag) *string { return &t.Key }),
	wireString("Value", false, func(t *kindsTag) *string { return &t.Value }),
)

var kindsInnerTable = newWireStruct(
	wireString("S", true, func(v *kindsInner) *string { return &v.S }),
	wireString("V", false, func(v *kindsInner) *string { return &v.V }),
	wireInt("I", func(v *kindsInner) **int32 { return &v.I }),
	wireTimestamp("T", func(v *kindsInner) **Timestamp { return &v.T }),
	wireList("List", func(v *kindsInner) *[]kindsTag { return &v.List }, kindsTagTable),
)

var kindsTable = newWireStruct(
	wireString("S", true, func(v *kindsDoc) *string { return &v.S }),
	wireString("V", false, func(v *kindsDoc) *string { return &v.V }),
	wireOptionalString("OS", func(v *kindsDoc) **string { return &v.OS }),
	wireString("E", true, func(v *kindsDoc) *IngestionJobStatus { return &v.E }),
	wireOptionalString("OE", func(v *kindsDoc) **IngestionJobStatus { return &v.OE }),
	wireInt("I", func(v *kindsDoc) **int32 { return &v.I }),
	wireInt("L", func(v *kindsDoc) **int64 { return &v.L }),
	wireBool("B", func(v *kindsDoc) **bool { return &v.B }),
	wireTimestamp("T", func(v *kindsDoc) **Timestamp { return &v.T }),
	wireObject("O", func(v *kindsDoc) **kindsInner { return &v.O }, kindsInnerTable),
	wireList("List", func(v *kindsDoc) *[]kindsTag { return &v.List }, kindsTagTable),
)

// kindsDecode reads body into a kindsDoc as a request is read.
func kindsDecode(body string) (*kindsDoc, *presence, *DecodeError) {
	d := &decoder{s: body}
	v := new(kindsDoc)
	d.skipSpace()
	if de := decodeObject(d, v, where{ptr: v}, kindsTable); de != nil {
		return nil, nil, de
	}
	d.skipSpace()
	if d.pos != len(body) {
		return nil, nil, d.errorAt(d.pos, "trailing data")
	}
	return v, &d.presence, nil
}

func TestDecodeKindsAccepts(t *testing.T) {
	t.Parallel()
	i32 := func(n int32) *int32 { return &n }
	i64 := func(n int64) *int64 { return &n }
	str := func(s string) *string { return &s }
	yes := true
	ts := UnixTimestamp(1700000000, 123000000)
	tests := []struct {
		name string
		body string
		want *kindsDoc
	}{
		{name: "every kind", body: `{"S":"s","V":"","OS":"","E":"RUNNING","OE":"SUCCESS","I":-2147483648,"L":9223372036854775807,` +
			`"B":true,"T":1700000000.123,"O":{"I":2147483647},"List":[{"Key":"k","Value":"v"},{"Key":"k2","Value":""}]}`,
			want: &kindsDoc{S: "s", OS: str(""), E: "RUNNING", OE: func() *IngestionJobStatus { s := IngestionJobStatusSuccess; return &s }(),
				I: i32(-2147483648), L: i64(9223372036854775807), B: &yes, T: &ts, O: &kindsInner{I: i32(2147483647)},
				List: []kindsTag{{Key: "k", Value: "v"}, {Key: "k2"}}}},
		{name: "nulls", body: `{"S":null,"V":null,"OS":null,"E":null,"OE":null,"I":null,"L":null,"B":null,"T":null,"O":null,"List":null}`,
			want: &kindsDoc{}},
		{name: "minus zero", body: `{"I":-0,"L":-0}`, want: &kindsDoc{I: i32(0), L: i64(-0)}},
		{name: "int64 minimum", body: `{"L":-9223372036854775808}`, want: &kindsDoc{L: i64(-9223372036854775808)}},
		{name: "empty list", body: `{"List":[ ]}`, want: &kindsDoc{List: []kindsTag{}}},
		{name: "integer timestamp, exponent timestamp", body: `{"T":1.7e9,"O":{"T":0}}`,
			want: &kindsDoc{T: func() *Timestamp { t := UnixTimestamp(1700000000, 0); return &t }(), O: &kindsInner{T: new(Timestamp)}}},
		{name: "false", body: `{"B":false}`, want: &kindsDoc{B: new(bool)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, _, de := kindsDecode(tt.body)
			require.Nil(t, de)
			assert.Equal(t, tt.want, got)
			var std kindsDoc
			require.NoError(t, json.Unmarshal([]byte(tt.body), &std))
			assert.Equal(t, &std, got, "encoding/json reads it the same")
		})
	}
}

func TestDecodeKindsRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		body   string
		offset int
		path   string
		reason string
	}{
		{name: "fraction for an integer", body: `{"I":1.5}`, offset: 5, path: "I",
			reason: `expected an integer or null, found the number "1.5", which is not an integer`},
		{name: "exponent for an integer", body: `{"I":1e2}`, offset: 5, path: "I", reason: "which is not an integer"},
		{name: "1.0 for an integer", body: `{"I":1.0}`, offset: 5, path: "I", reason: "which is not an integer"},
		{name: "int32 overflow", body: `{"I":2147483648}`, offset: 5, path: "I",
			reason: `the number "2147483648" is outside the range of a 32-bit integer (-2147483648 to 2147483647)`},
		{name: "int32 underflow", body: `{"O":{"I":-2147483649}}`, offset: 10, path: "O.I", reason: "outside the range of a 32-bit integer"},
		{name: "int64 overflow", body: `{"L":9223372036854775808}`, offset: 5, path: "L", reason: "outside the range of a 64-bit integer"},
		{name: "int64 underflow", body: `{"L":-9223372036854775809}`, offset: 5, path: "L", reason: "outside the range of a 64-bit integer"},
		{name: "huge integer", body: `{"L":` + strings.Repeat("9", 500) + `}`, offset: 5, path: "L", reason: `the number "` + strings.Repeat("9", 40) + `"... is outside the range`},
		{name: "leading zero", body: `{"I":01}`, offset: 5, path: "I", reason: "invalid number: a number does not start with 0 followed by a digit"},
		{name: "minus alone", body: `{"I":-}`, offset: 6, path: "I", reason: "invalid number: expected a digit, found the character '}'"},
		{name: "no fraction digit", body: `{"I":1.}`, offset: 7, path: "I", reason: "expected a digit after '.'"},
		{name: "no exponent digit", body: `{"T":1e+}`, offset: 8, path: "T", reason: "expected a digit in the exponent"},
		{name: "number then garbage", body: `{"I":12x}`, offset: 7, reason: "expected ',' or '}' after a member, found the character 'x'"},
		{name: "string for an integer", body: `{"I":"1"}`, offset: 5, path: "I", reason: "expected an integer or null, found a string"},
		{name: "boolean for an integer", body: `{"I":true}`, offset: 5, path: "I", reason: "found a boolean"},
		{name: "number for a boolean", body: `{"B":1}`, offset: 5, path: "B", reason: "expected a boolean or null, found a number"},
		{name: "string for a boolean", body: `{"B":"true"}`, offset: 5, path: "B", reason: "found a string"},
		{name: "misspelt boolean", body: `{"B":tru}`, offset: 5, path: "B", reason: "found the character 't'"},
		{name: "boolean then garbage", body: `{"B":truex}`, offset: 9, reason: "found the character 'x'"},
		{name: "string for a timestamp", body: `{"T":"2024-01-01T00:00:00Z"}`, offset: 5, path: "T",
			reason: "expected a timestamp (a number of seconds since the epoch) or null, found a string"},
		{name: "timestamp out of range", body: `{"T":1e20}`, offset: 5, path: "T",
			reason: `the timestamp "1e20" is outside the years 0001 to 9999`},
		{name: "object for a list", body: `{"List":{}}`, offset: 8, path: "List", reason: "expected a list or null, found an object"},
		{name: "null element", body: `{"List":[null]}`, offset: 9, path: "List.1.member", reason: "expected an object, found null"},
		{name: "string element", body: `{"List":[{},"x"]}`, offset: 12, path: "List.2.member", reason: "expected an object, found a string"},
		{name: "trailing comma in a list", body: `{"List":[{},]}`, offset: 12, path: "List.2.member",
			reason: "expected an element after ',', found the character ']'"},
		{name: "missing comma in a list", body: `{"List":[{} {}]}`, offset: 12, path: "List",
			reason: "expected ',' or ']' after an element, found an object"},
		{name: "unterminated list", body: `{"List":[{}`, offset: 11, path: "List", reason: "the list is not closed"},
		{name: "unterminated list after a comma", body: `{"List":[{}, `, offset: 13, path: "List", reason: "the list is not closed"},
		{name: "unknown member of an element", body: `{"List":[{},{"key":"k"}]}`, offset: 13, path: "List.2.member.key",
			reason: "did you mean Key?"},
		{name: "duplicate member of an element", body: `{"List":[{"Key":"a","Key":"b"}]}`, offset: 20, path: "List.1.member.Key",
			reason: "duplicate member"},
		{name: "bad value in an element", body: `{"List":[{"Value":1}]}`, offset: 18, path: "List.1.member.Value",
			reason: "expected a string or null, found a number"},
		{name: "nested list of nested object", body: `{"O":{"List":[{"Key":"\ud800"}]}}`, offset: 22, path: "O.List.1.member.Key",
			reason: "high surrogate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, de := kindsDecode(tt.body)
			require.NotNil(t, de)
			assert.Equal(t, int64(tt.offset), de.Offset, de.Error())
			assert.Equal(t, tt.path, de.Path, de.Error())
			assert.Contains(t, de.Reason, tt.reason)
		})
	}
}

// TestDecodePresence checks what the reader records of members whose Go
// value cannot say what the body said.
func TestDecodePresence(t *testing.T) {
	t.Parallel()
	v, p, de := kindsDecode(`{"S":"","V":"v","List":[{"Key":"a","Value":"b"},{"Key":"","Value":""},{"Key":null}],"O":{"S":null,"V":""}}`)
	require.Nil(t, de)
	at := func(ptr any, idx int) where { return where{ptr: ptr, idx: idx} }
	assert.True(t, p.flipped(at(v, 0), 0), `S given as ""`)
	assert.False(t, p.flipped(at(v, 0), 1), "V given")
	assert.False(t, p.flipped(at(&v.List, 0), 0), "List.1 Key given")
	assert.False(t, p.flipped(at(&v.List, 0), 1), "List.1 Value given")
	assert.True(t, p.flipped(at(&v.List, 1), 0), `List.2 Key given as ""`)
	assert.False(t, p.flipped(at(&v.List, 1), 1), `List.2 Value given as "", a value`)
	assert.False(t, p.flipped(at(&v.List, 2), 0), "List.3 Key null: absent, as its Go value says")
	assert.True(t, p.flipped(at(&v.List, 2), 1), "List.3 Value left out, though its Go value is a value")
	assert.False(t, p.flipped(at(v.O, 0), 0), "O.S null")
	assert.False(t, p.flipped(at(v.O, 0), 1), `O.V given as "", a value`)
	assert.Len(t, p.flips, 3)

	_, p, de = kindsDecode(`{"V":null}`)
	require.Nil(t, de)
	assert.Len(t, p.flips, 1, "V null")
}
