package lookout

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tcModel is the facts-only service model, read as a test reads it.
type tcModel struct {
	Operations map[string]struct {
		Input  *struct{ Shape string }  `json:"input"`
		Output *struct{ Shape string }  `json:"output"`
		Errors []struct{ Shape string } `json:"errors"`
	} `json:"operations"`
	Shapes map[string]struct {
		Type     string                            `json:"type"`
		Members  map[string]struct{ Shape string } `json:"members"`
		Required []string                          `json:"required"`
		Min      *int64                            `json:"min"`
		Max      *int64                            `json:"max"`
		Pattern  string                            `json:"pattern"`
		Enum     []string                          `json:"enum"`
		Member   *struct{ Shape string }           `json:"member"`
	} `json:"shapes"`
}

func tcReadModel(t *testing.T) *tcModel {
	t.Helper()
	data, err := os.ReadFile("internal/model/lookoutequipment-2020-12-15.json")
	require.NoError(t, err)
	var m tcModel
	require.NoError(t, json.Unmarshal(data, &m))
	return &m
}

// TestOperationsDeclared: every operation of the model, each with the
// errors the model lists for it, in the model's order.
func TestOperationsDeclared(t *testing.T) {
	t.Parallel()
	m := tcReadModel(t)
	var names []string
	for name, op := range m.Operations {
		names = append(names, name)
		var want []string
		for _, e := range op.Errors {
			want = append(want, e.Shape)
			assert.NotNil(t, errorKindOf(e.Shape), "%s: %s is in the taxonomy", name, e.Shape)
		}
		assert.Equal(t, want, OperationErrors(name), name)
		require.NotNil(t, lookupOperation(name), name)
		assert.Equal(t, name, lookupOperation(name).name)
		assert.Same(t, lookupOperation(name), lookupTarget(targetPrefix+name))
	}
	slices.Sort(names)
	assert.Len(t, names, 49)
	assert.Equal(t, names, Operations(), "every operation, in alphabetical order")
	assert.Nil(t, OperationErrors("StopTheWorld"))
	assert.Nil(t, lookupOperation("startDataIngestionJob"), "names are case-sensitive")
	got := OperationErrors("CreateDataset")
	got[0] = "changed"
	assert.Equal(t, CodeValidation, OperationErrors("CreateDataset")[0], "a copy")
}

// errorKindOf returns the taxonomy's entry of code, or nil.
func errorKindOf(code string) *errorKind {
	for i := range taxonomy {
		if taxonomy[i].code == code {
			return &taxonomy[i]
		}
	}
	return nil
}

// tcGoTypes returns the Go type of every structure the operations reach,
// by name, found from Service's functions.
func tcGoTypes() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || out[t.Name()] != nil || t.PkgPath() != reflect.TypeFor[Service]().PkgPath() ||
			t == reflect.TypeFor[Timestamp]() {
			return
		}
		out[t.Name()] = t
		for i := range t.NumField() {
			walk(t.Field(i).Type)
		}
	}
	st := reflect.TypeFor[Service]()
	for i := range st.NumField() {
		ft := st.Field(i).Type
		walk(ft.In(1))
		walk(ft.Out(0))
	}
	return out
}

// TestGoTypesFollowTheModel: each structure of the model is a Go type with
// exactly its members, in the model's order, under their wire names, each
// of the Go type the package doc's rules give it, with its json and
// validate tags.
func TestGoTypesFollowTheModel(t *testing.T) {
	t.Parallel()
	m := tcReadModel(t)
	types := tcGoTypes()
	for name, op := range m.Operations {
		assert.Contains(t, types, op.Input.Shape, name)
		if op.Output != nil {
			assert.Contains(t, types, op.Output.Shape, name)
		} else {
			assert.Contains(t, types, name+"Response", name)
		}
	}
	kinds := map[string]Kind{}
	for _, k := range Kinds() {
		kinds[k.Name] = k
	}
	for name, typ := range types {
		s, ok := m.Shapes[name]
		if !ok {
			assert.Equal(t, 0, typ.NumField(), "%s: a response without a shape has no member", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			var members []string
			for mn := range s.Members {
				members = append(members, mn)
			}
			slices.Sort(members)
			require.Equal(t, len(members), typ.NumField())
			for i, mn := range members {
				f := typ.Field(i)
				assert.Equal(t, mn, f.Name)
				jsName, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
				assert.Equal(t, mn, jsName)
				k := m.Shapes[s.Members[mn].Shape]
				required := slices.Contains(s.Required, mn)
				validate := f.Tag.Get("validate")
				if required {
					assert.True(t, strings.HasPrefix(validate, "required"), "%s: %q", mn, validate)
				}
				ft := f.Type
				switch k.Type {
				case "string":
					kind := kinds[s.Members[mn].Shape]
					admitsEmpty := kind.scan != nil && k.Enum == nil && kind.MinLength == 0 && kind.accepts(kind.match(""))
					if admitsEmpty {
						assert.Equal(t, reflect.Pointer, ft.Kind(), "%s: its kind admits \"\"", mn)
						ft = ft.Elem()
					}
					assert.Equal(t, reflect.String, ft.Kind(), mn)
					if k.Enum != nil {
						assert.Equal(t, s.Members[mn].Shape, ft.Name(), "%s: an enum's type", mn)
					}
					assert.Equal(t, "omitempty", opts, mn)
					assert.True(t, strings.HasSuffix(validate, kind.Tag), "%s: %q has the kind's tag", mn, validate)
				case "integer", "long", "float", "boolean", "timestamp":
					require.Equal(t, reflect.Pointer, ft.Kind(), "%s: a %s is a pointer", mn, k.Type)
					want := map[string][]reflect.Kind{"integer": {reflect.Int32, reflect.Int64}, "long": {reflect.Int64},
						"float": {reflect.Float64}, "boolean": {reflect.Bool}, "timestamp": {reflect.Struct}}[k.Type]
					assert.Contains(t, want, ft.Elem().Kind(), mn)
					assert.Equal(t, "omitempty", opts, mn)
				case "structure":
					require.Equal(t, reflect.Pointer, ft.Kind(), mn)
					assert.Equal(t, s.Members[mn].Shape, ft.Elem().Name(), mn)
				case "list":
					require.Equal(t, reflect.Slice, ft.Kind(), mn)
					assert.Equal(t, "omitzero", opts, "%s: a list is sent when not nil", mn)
					assert.Contains(t, validate, "dive", mn)
				}
			}
		})
	}
}

// TestWirePresence: an explicit "" reads as the service reads it, and an
// absent member as null, through the strict reader.
func TestWirePresence(t *testing.T) {
	t.Parallel()
	const start = `"DatasetName":"pumps","RoleArn":"arn:aws:iam::123456789012:role/r",` +
		`"IngestionInputConfiguration":{"S3InputConfiguration":{"Bucket":"bkt"}}`
	cases := []struct {
		name string
		new  func() (Request, func(*presence) error)
		body string
		want string // the Message, "" for valid
		// goWant is what Validate says of the decoded Go value alone.
		goWant string
	}{
		{"Start: explicit empty ClientToken", tcNew[StartDataIngestionJobRequest](), `{"ClientToken":"",` + start + `}`,
			"2 validation errors detected: Value '' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p{ASCII}{1,256}",
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null"},
		{"Start: absent ClientToken", tcNew[StartDataIngestionJobRequest](), `{` + start + `}`,
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null",
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null"},
		{"Start: null ClientToken", tcNew[StartDataIngestionJobRequest](), `{"ClientToken":null,` + start + `}`,
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null",
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null"},
		{"Start: explicit empty Bucket", tcNew[StartDataIngestionJobRequest](),
			`{"ClientToken":"t","DatasetName":"d","RoleArn":"arn:aws:iam::123456789012:role/r",` +
				`"IngestionInputConfiguration":{"S3InputConfiguration":{"Bucket":""}}}`,
			"2 validation errors detected: Value '' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
				"Value '' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]$",
			"1 validation error detected: Value null at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must not be null"},
		// JobId is a *string (its kind admits ""): a pointer to "" is
		// present in Go as on the wire.
		{"Describe job: explicit empty JobId matches", tcNew[DescribeDataIngestionJobRequest](), `{"JobId":""}`, "", ""},
		{"Describe job: absent JobId", tcNew[DescribeDataIngestionJobRequest](), `{}`,
			"1 validation error detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null",
			"1 validation error detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null"},
		{"List jobs: explicit empty NextToken is valid", tcNew[ListDataIngestionJobsRequest](), `{"NextToken":""}`, "", ""},
		{"List jobs: explicit empty Status", tcNew[ListDataIngestionJobsRequest](), `{"Status":""}`,
			"1 validation error detected: Value '' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [IN_PROGRESS, SUCCESS, FAILED, IMPORT_IN_PROGRESS]",
			""},
		{"List datasets: MaxResults 0", tcNew[ListDatasetsRequest](), `{"MaxResults":0}`,
			"1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
			"1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"Create: tags, one without Value, one with an empty Value", tcNew[CreateDatasetRequest](),
			`{"ClientToken":"t","DatasetName":"d","Tags":[{"Key":"a","Value":""},{"Key":"b"},{"Key":"aws:c","Value":"v"},{"Value":"w"}]}`,
			"3 validation errors detected: Value null at 'tags.2.member.value' failed to satisfy constraint: Member must not be null; " +
				"Value 'aws:c' at 'tags.3.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[a-zA-Z+-=._:/]+$; " +
				"Value null at 'tags.4.member.key' failed to satisfy constraint: Member must not be null",
			// Tag.Value is a *string (its kind admits ""): nil is absent
			// in Go as on the wire.
			"3 validation errors detected: Value null at 'tags.2.member.value' failed to satisfy constraint: Member must not be null; " +
				"Value 'aws:c' at 'tags.3.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[a-zA-Z+-=._:/]+$; " +
				"Value null at 'tags.4.member.key' failed to satisfy constraint: Member must not be null"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			v, validateWire := c.new()
			p, err := DecodeRequest([]byte(c.body), v)
			require.NoError(t, err)
			tcWantMessage(t, c.want, p.Validate(v))
			tcWantMessage(t, c.goWant, v.Validate())
			tcWantMessage(t, c.goWant, validateWire(nil))
		})
	}
}

// tcNew returns a function that makes a new request of type Req, and its
// validation with a presence.
func tcNew[Req any, PReq interface {
	*Req
	Request
}]() func() (Request, func(*presence) error) {
	return func() (Request, func(*presence) error) {
		r := PReq(new(Req))
		return r, r.validateWire
	}
}

func tcWantMessage(t *testing.T, want string, err error) {
	t.Helper()
	if want == "" {
		assert.NoError(t, err)
		return
	}
	var ve *ValidationException
	require.True(t, errors.As(err, &ve), "%v", err)
	assert.Equal(t, want, ve.Message)
}

// TestResponsesValidate: a response validates, nil included.
func TestResponsesValidate(t *testing.T) {
	t.Parallel()
	assert.NoError(t, (*DeleteDatasetResponse)(nil).Validate())
	assert.NoError(t, (&DeleteDatasetResponse{}).Validate())
	err := (&StartDataIngestionJobResponse{JobId: new("x")}).Validate()
	tcWantMessage(t, "1 validation error detected: Value 'x' at 'jobId' failed to satisfy constraint: "+
		"Member must satisfy regular expression pattern: [A-Fa-f0-9]{0,32}", err)
	var b bytes.Buffer
	require.NoError(t, json.NewEncoder(&b).Encode(&DeleteDatasetResponse{}))
	assert.Equal(t, "{}\n", b.String())
}
