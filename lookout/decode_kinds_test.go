package lookout

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/strictjson"
)

// kindsDoc is a structure with a member of every kind the reader reads, to
// test the reader's value kinds apart from any operation. Its decode
// methods are written as the generator writes them.
type kindsDoc struct {
	S    string              `json:"S,omitempty"`
	V    *string             `json:"V,omitempty"`
	OS   *string             `json:"OS,omitempty"`
	E    IngestionJobStatus  `json:"E,omitempty"`
	OE   *IngestionJobStatus `json:"OE,omitempty"`
	I    *int32              `json:"I,omitempty"`
	L    *int64              `json:"L,omitempty"`
	B    *bool               `json:"B,omitempty"`
	T    *Timestamp          `json:"T,omitempty"`
	O    *kindsInner         `json:"O,omitempty"`
	List []kindsTag          `json:"List,omitempty"`
	F    *float64            `json:"F,omitempty"`
	Strs []string            `json:"Strs,omitempty"`
}

type kindsInner struct {
	S    string     `json:"S,omitempty"`
	V    *string    `json:"V,omitempty"`
	I    *int32     `json:"I,omitempty"`
	T    *Timestamp `json:"T,omitempty"`
	List []kindsTag `json:"List,omitempty"`
}

type kindsTag struct {
	Key   string  `json:"Key,omitempty"`
	Value *string `json:"Value,omitempty"`
}

var wireKindsTag = newWireNames("Key", "Value")

func (v *kindsTag) decode(d *decoder) *DecodeError {
	var st objectState
	for {
		i, de := d.field(&wireKindsTag, &st)
		if i < 0 || de != nil {
			return de
		}
		switch i {
		case 0:
			de = d.plainString(&v.Key)
		case 1:
			de = d.optString(&v.Value)
		}
		if de != nil {
			return de.within(wireKindsTag.names[i])
		}
	}
}

// decodeKindsTags reads a list of kindsTag as the generator writes it.
func decodeKindsTags(d *decoder, l *[]kindsTag) (de *DecodeError) {
	var ok bool
	if ok, de = d.listStart(); ok {
		*l = make([]kindsTag, 0, d.countElements())
		for j := 0; ; j++ {
			if ok, de = d.element(j, '{'); !ok {
				break
			}
			*l = append(*l, kindsTag{})
			if de = (*l)[j].decode(d); de != nil {
				de = de.within(elementSegment(j))
				break
			}
		}
	}
	return de
}

var wireKindsInner = newWireNames("S", "V", "I", "T", "List")

func (v *kindsInner) decode(d *decoder) *DecodeError {
	var st objectState
	for {
		i, de := d.field(&wireKindsInner, &st)
		if i < 0 || de != nil {
			return de
		}
		switch i {
		case 0:
			de = d.plainString(&v.S)
		case 1:
			de = d.optString(&v.V)
		case 2:
			de = d.int32(&v.I)
		case 3:
			de = d.timestamp(&v.T)
		case 4:
			de = decodeKindsTags(d, &v.List)
		}
		if de != nil {
			return de.within(wireKindsInner.names[i])
		}
	}
}

var wireKindsDoc = newWireNames("S", "V", "OS", "E", "OE", "I", "L", "B", "T", "O", "List", "F", "Strs")

func (v *kindsDoc) decode(d *decoder) *DecodeError {
	var st objectState
	for {
		i, de := d.field(&wireKindsDoc, &st)
		if i < 0 || de != nil {
			return de
		}
		var ok bool
		switch i {
		case 0:
			de = d.plainString(&v.S)
		case 1:
			de = d.optString(&v.V)
		case 2:
			de = d.optString(&v.OS)
		case 3:
			de = d.plainString((*string)(&v.E))
		case 4:
			var s *string
			if de = d.optString(&s); s != nil {
				v.OE = new(IngestionJobStatus(*s))
			}
		case 5:
			de = d.int32(&v.I)
		case 6:
			de = d.int64(&v.L)
		case 7:
			de = d.bool(&v.B)
		case 8:
			de = d.timestamp(&v.T)
		case 9:
			if ok, de = d.objectStart(); ok {
				v.O = new(kindsInner)
				de = v.O.decode(d)
			}
		case 10:
			de = decodeKindsTags(d, &v.List)
		case 11:
			de = d.float(&v.F)
		case 12:
			if ok, de = d.listStart(); ok {
				v.Strs = []string{}
				for j := 0; ; j++ {
					if ok, de = d.element(j, '"'); !ok {
						break
					}
					var s string
					if s, de = d.str(); de != nil {
						de = de.within(elementSegment(j))
						break
					}
					v.Strs = append(v.Strs, s)
				}
			}
		}
		if de != nil {
			return de.within(wireKindsDoc.names[i])
		}
	}
}

// kindsDecode reads body into a kindsDoc as a request is read.
func kindsDecode(body string) (*kindsDoc, *presence, *DecodeError) {
	d := &decoder{Scanner: strictjson.Scanner{Text: body, Name: bodyName}}
	v := new(kindsDoc)
	d.SkipSpace()
	if de := v.decode(d); de != nil {
		return nil, nil, de
	}
	d.SkipSpace()
	if d.Pos != len(body) {
		return nil, nil, d.errorAt(d.Pos, "trailing data")
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
			`"B":true,"T":1700000000.123,"O":{"I":2147483647},"List":[{"Key":"k","Value":"v"},{"Key":"k2","Value":""}],` +
			`"F":-1.5e-7,"Strs":["a",""]}`,
			want: &kindsDoc{S: "s", V: str(""), OS: str(""), E: "RUNNING", OE: func() *IngestionJobStatus { s := IngestionJobStatusSuccess; return &s }(),
				I: i32(-2147483648), L: i64(9223372036854775807), B: &yes, T: &ts, O: &kindsInner{I: i32(2147483647)},
				List: []kindsTag{{Key: "k", Value: str("v")}, {Key: "k2", Value: str("")}}, F: new(-1.5e-7), Strs: []string{"a", ""}}},
		{name: "nulls", body: `{"S":null,"V":null,"OS":null,"E":null,"OE":null,"I":null,"L":null,"B":null,"T":null,"O":null,"List":null,"F":null,"Strs":null}`,
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
		{name: "null string element", body: `{"Strs":["a",null]}`, offset: 13, path: "Strs.2.member", reason: "expected a string, found null"},
		{name: "number element", body: `{"Strs":[1]}`, offset: 9, path: "Strs.1.member", reason: "expected a string, found a number"},
		{name: "string for a float", body: `{"F":"1"}`, offset: 5, path: "F", reason: "expected a number or null, found a string"},
		{name: "float out of range", body: `{"F":1e400}`, offset: 5, path: "F", reason: "outside the range of a 64-bit float"},
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
// value cannot say what the body said: a plain string given as "".
func TestDecodePresence(t *testing.T) {
	t.Parallel()
	v, p, de := kindsDecode(`{"S":"","V":"v","E":"","List":[{"Key":"a","Value":"b"},{"Key":"","Value":""},{"Key":null}],"O":{"S":null,"V":""}}`)
	require.Nil(t, de)
	assert.True(t, p.given(&v.S), `S given as ""`)
	assert.True(t, p.given((*string)(&v.E)), `E given as ""`)
	assert.False(t, p.given(&v.List[0].Key), "List.1 Key given")
	assert.True(t, p.given(&v.List[1].Key), `List.2 Key given as ""`)
	assert.False(t, p.given(&v.List[2].Key), "List.3 Key null: absent, as its Go value says")
	assert.False(t, p.given(&v.O.S), "O.S null")
	assert.Len(t, p.empty, 3)

	_, p, de = kindsDecode(`{"V":null}`)
	require.Nil(t, de)
	assert.Empty(t, p.empty, "V null")
}
