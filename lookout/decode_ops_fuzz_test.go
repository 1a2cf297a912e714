package lookout_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// wireOp is an operation as the reader's tests see it: a new request of
// its type, the limit of its body, and bodies to start fuzzing from.
type wireOp struct {
	name    string
	newReq  func() lookout.Request
	maxBody int
	seeds   []string
}

// wireSeeds holds bodies to start fuzzing each operation from, beside {}
// and the typical body of handlerOps.
var wireSeeds = map[string][]string{
	"CreateDataset":            {`{"Tags":[],"DatasetSchema":null}`, `{"Tags":[{"Key":"k","Value":""},{}]}`, `{"DatasetSchema":{"InlineDataSchema":"{}"}}`},
	"DeleteDataset":            {`{"DatasetName":""}`},
	"DescribeDataIngestionJob": {`{"JobId":null}`},
	"ListDataIngestionJobs":    {`{"MaxResults":-0}`, `{"MaxResults":2147483648}`, `{"MaxResults":1e2}`},
	"ListDatasets":             {`{"MaxResults":null,"NextToken":""}`},
	"ListSensorStatistics":     {`{"MaxResults":01}`},
	"StartDataIngestionJob":    {`{"IngestionInputConfiguration":{"S3InputConfiguration":{"Prefix":"","KeyPattern":null}}}`, `{"ClientToken":""}`},
	"CreateLabel":              {`{"StartTime":1.5,"EndTime":-1}`, `{"StartTime":"2024-01-01"}`},
	"UntagResource":            {`{"TagKeys":[]}`, `{"TagKeys":["a",null]}`, `{"TagKeys":[1]}`},
	"CreateLabelGroup":         {`{"FaultCodes":["a","b"]}`},
	"ListModelVersions":        {`{"MinModelVersion":9223372036854775807,"MaxModelVersion":-1}`},
	"CreateInferenceScheduler": {`{"DataDelayOffsetInMinutes":61,"DataInputConfiguration":{"InferenceInputNameConfiguration":{"ComponentTimestampDelimiter":""}}}`},
}

// wireOps lists every operation of the model, from Service's functions,
// each with its seeds.
var wireOps = func() []wireOp {
	var out []wireOp
	st := reflect.TypeFor[lookout.Service]()
	for i := range st.NumField() {
		name, req := st.Field(i).Name, st.Field(i).Type.In(1).Elem()
		out = append(out, wireOp{name: name, maxBody: lookout.RequestBodyLimit(name),
			newReq: func() lookout.Request { return reflect.New(req).Interface().(lookout.Request) },
			seeds:  append([]string{`{}`}, wireSeeds[name]...)})
	}
	return out
}()

func init() {
	for i := range wireOps {
		for _, op := range handlerOps {
			if op.name == wireOps[i].name {
				wireOps[i].seeds = append(wireOps[i].seeds, op.body)
			}
		}
	}
}

func TestWireOpsAreTheModels(t *testing.T) {
	t.Parallel()
	var names []string
	for _, op := range wireOps {
		names = append(names, op.name)
	}
	require.Equal(t, lookout.Operations(), names, "a fuzz table entry for every operation")
}

// wireRefType is the reference verdict on raw, a JSON value for a Go value
// of type t, written from t's fields and encoding/json rather than from
// the reader's tables: a struct is an object of its fields' JSON names
// (compared exactly, each at most once) or, behind a pointer, null; a
// string is a string without an escaped lone surrogate, or null; an
// integer is a number that encoding/json reads into its type (no fraction,
// no exponent, in range), or null; a boolean is true, false or null; a
// Timestamp is what its UnmarshalJSON reads, or null; a slice of structs is
// null or an array of objects (not null).
func wireRefType(raw []byte, t reflect.Type, top bool) bool {
	if string(raw) == "null" {
		return !top
	}
	if t == reflect.TypeOf(lookout.Timestamp{}) {
		var ts lookout.Timestamp
		return raw[0] != '"' && json.Unmarshal(raw, &ts) == nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		return wireRefType(raw, t.Elem(), false)
	case reflect.String:
		return raw[0] == '"' && wireRefString(raw)
	case reflect.Int32, reflect.Int64:
		return json.Unmarshal(raw, reflect.New(t).Interface()) == nil
	case reflect.Bool:
		return string(raw) == "true" || string(raw) == "false"
	case reflect.Slice:
		var elems []json.RawMessage
		if raw[0] != '[' || json.Unmarshal(raw, &elems) != nil {
			return false
		}
		for _, e := range elems {
			if string(e) == "null" || !wireRefType(e, t.Elem(), false) {
				return false
			}
		}
		return true
	case reflect.Struct:
		return wireRefStruct(raw, t)
	}
	panic("no reference for " + t.String())
}

// wireRefStruct is wireRefType for an object of struct type t.
func wireRefStruct(raw []byte, t reflect.Type) bool {
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); f.IsExported() && name != "-" && name != "" {
			fields[name] = f.Type
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		name, _ := tok.(string)
		ft, known := fields[name]
		if !known || seen[name] || strings.ContainsRune(name, utf8.RuneError) {
			return false
		}
		seen[name] = true
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil || !wireRefType(v, ft, false) {
			return false
		}
	}
	return true
}

// wireRefAcceptsOp is the reference verdict on a body of op.
func wireRefAcceptsOp(op wireOp, data []byte) bool {
	return len(data) <= op.maxBody && utf8.Valid(data) && json.Valid(data) &&
		wireRefType(data, reflect.TypeOf(op.newReq()).Elem(), true)
}

// FuzzDecode checks DecodeRequest on the request of every operation, the
// first byte of the input choosing it: it never panics; it accepts exactly
// what the reference verdict accepts; what it accepts, encoding/json reads
// the same way and json.Marshal writes back to a body read the same way;
// what it refuses, it refuses with a position in the body and leaves the
// request zero.
func FuzzDecode(f *testing.F) {
	for i, op := range wireOps {
		for _, s := range append(op.seeds, `{}`, `{"x":1}`, `[]`, `{"DatasetName":"a","DatasetName":"b"}`, `{"datasetname":"d"}`,
			`{"MaxResults":1.5}`, `{"Tags":[{"Key":"k","Value":""},null]}`, "{\"DatasetName\":\"\xff\"}") {
			f.Add(byte(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, which byte, data []byte) {
		op := wireOps[int(which)%len(wireOps)]
		req := op.newReq()
		_, err := lookout.DecodeRequest(data, req)
		require.Equal(t, wireRefAcceptsOp(op, data), err == nil, "%s: %v", op.name, err)
		if err != nil {
			require.Equal(t, op.newReq(), req, "a refused body leaves the request zero")
			de := requireDecodeError(t, err)
			if len(data) > op.maxBody {
				require.Zero(t, de.Line)
				return
			}
			require.LessOrEqual(t, de.Offset, int64(len(data)))
			line, col := wirePosition(string(data), int(de.Offset))
			require.Equal(t, line, de.Line)
			require.Equal(t, col, de.Column)
			require.NotEmpty(t, de.Reason)
			return
		}
		std := op.newReq()
		require.NoError(t, json.Unmarshal(data, std))
		require.Equal(t, std, req, "encoding/json reads %q differently", data)
		again, err := json.Marshal(req)
		require.NoError(t, err)
		back := op.newReq()
		_, err = lookout.DecodeRequest(again, back)
		require.NoError(t, err, "re-encoded %s", again)
		backJSON, err := json.Marshal(back)
		require.NoError(t, err)
		require.Equal(t, string(again), string(backJSON))
	})
}

// TestDecodeIntoNothing: a nil request is refused, never a panic.
func TestDecodeIntoNothing(t *testing.T) {
	t.Parallel()
	for _, req := range []lookout.Request{nil, (*lookout.CreateDatasetRequest)(nil), (*lookout.StartDataIngestionJobRequest)(nil)} {
		_, err := lookout.DecodeRequest([]byte(`{}`), req)
		var se *lookout.SerializationException
		require.ErrorAs(t, err, &se)
		require.Equal(t, "there is no request to decode into: req is nil", se.Message)
		_, err = lookout.ReadRequest(wireRequest(`{}`), req)
		require.ErrorAs(t, err, &se)
		require.Equal(t, "there is no request to decode into: req is nil", se.Message)
	}
}

func TestPresenceValidateNil(t *testing.T) {
	t.Parallel()
	var p *lookout.Presence
	var ve *lookout.ValidationException
	require.ErrorAs(t, p.Validate(nil), &ve)
	require.Equal(t, "there is no request to validate", ve.Message)
	require.ErrorAs(t, p.Validate((*lookout.DeleteDatasetRequest)(nil)), &ve)
	require.Contains(t, ve.Message, "Value null at 'datasetName'")
}
