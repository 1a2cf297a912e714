package lookout

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tcOperations lists every operation's declaration, with the errors the
// service model lists for it, written out again from the model.
var tcOperations = []struct {
	op     *operation
	errors []string
}{
	{opCreateDataset.operation, []string{"ValidationException", "ConflictException", "ThrottlingException",
		"ServiceQuotaExceededException", "AccessDeniedException", "InternalServerException"}},
	{opDeleteDataset.operation, []string{"ResourceNotFoundException", "ThrottlingException", "InternalServerException",
		"AccessDeniedException", "ConflictException", "ValidationException"}},
	{opDescribeDataIngestionJob.operation, []string{"ValidationException", "ResourceNotFoundException",
		"ThrottlingException", "AccessDeniedException", "InternalServerException"}},
	{opDescribeDataset.operation, []string{"ValidationException", "ResourceNotFoundException", "ThrottlingException",
		"AccessDeniedException", "InternalServerException"}},
	{opListDataIngestionJobs.operation, []string{"ValidationException", "ThrottlingException", "AccessDeniedException",
		"InternalServerException"}},
	{opListDatasets.operation, []string{"ValidationException", "ThrottlingException", "AccessDeniedException",
		"InternalServerException"}},
	{opListSensorStatistics.operation, []string{"ValidationException", "ResourceNotFoundException",
		"ThrottlingException", "AccessDeniedException", "InternalServerException"}},
	{opStartDataIngestionJob.operation, []string{"ValidationException", "ResourceNotFoundException",
		"ConflictException", "ThrottlingException", "ServiceQuotaExceededException", "AccessDeniedException",
		"InternalServerException"}},
}

func TestOperationsDeclared(t *testing.T) {
	t.Parallel()
	var names []string
	for _, o := range tcOperations {
		names = append(names, o.op.name)
		assert.Equal(t, o.errors, OperationErrors(o.op.name), o.op.name)
		assert.Same(t, o.op, lookupOperation(o.op.name))
		for _, code := range o.errors {
			assert.NotNil(t, errorKindOf(code), "%s: %s is in the taxonomy", o.op.name, code)
		}
	}
	assert.Equal(t, names, Operations(), "every operation, in alphabetical order")
	assert.Nil(t, OperationErrors("StopInferenceScheduler"))
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

// tcStructures returns every structure the operations reach, each once.
func tcStructures() []structure {
	var out []structure
	seen := map[any]bool{}
	var walk func(s structure)
	walk = func(s structure) {
		if seen[s.goType()] {
			return
		}
		seen[s.goType()] = true
		out = append(out, s)
		for _, m := range s.members() {
			if m.sub != nil {
				walk(m.sub)
			}
		}
	}
	for _, o := range tcOperations {
		walk(o.op.request)
		walk(o.op.response)
	}
	return out
}

// TestDeclarationsMatchGoTypes: each structure's Go type has exactly its
// declared members, in wire order, under their wire names; a plain string
// field's JSON tag has omitempty exactly when "" is declared absent; a
// field of a string kind carries its kind's validate tag; the Go type of
// each member suits its kind.
func TestDeclarationsMatchGoTypes(t *testing.T) {
	t.Parallel()
	for _, s := range tcStructures() {
		typ := reflect.TypeOf(s.goType()).Elem()
		t.Run(typ.Name(), func(t *testing.T) {
			members := s.members()
			require.Equal(t, len(members), typ.NumField(), "fields of %s", typ)
			for i, m := range members {
				f := typ.Field(i)
				name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
				assert.Equal(t, m.name, name, "field %s: JSON name", f.Name)
				assert.Equal(t, m.name, f.Name, "field %s: Go name", f.Name)
				omitempty := slices.Contains(strings.Split(opts, ","), "omitempty")
				ft := f.Type
				switch m.kind.Type {
				case TypeString:
					if ft.Kind() == reflect.Pointer {
						assert.Equal(t, reflect.String, ft.Elem().Kind(), "%s", f.Name)
						assert.False(t, m.emptyAbsent, "%s: a *string tells absent from empty", f.Name)
					} else {
						assert.Equal(t, reflect.String, ft.Kind(), "%s", f.Name)
						assert.Equal(t, omitempty, m.emptyAbsent, "%s: omitempty and an empty value's reading", f.Name)
					}
					// Presence first, as validator/v10 says it (the
					// validate package's tests check which).
					tag := strings.TrimPrefix(strings.TrimPrefix(f.Tag.Get("validate"), "required,"), "omitempty,")
					assert.Equal(t, m.kind.Tag, tag, "%s: the kind's validate tag", f.Name)
				case TypeInteger, TypeLong:
					if m.kind.HasMinValue || m.kind.HasMaxValue {
						require.Equal(t, reflect.Pointer, ft.Kind(), "%s: a range needs presence", f.Name)
					}
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					assert.Contains(t, []reflect.Kind{reflect.Int32, reflect.Int64}, ft.Kind(), "%s", f.Name)
				case TypeStructure:
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					} else {
						assert.True(t, m.required, "%s: a structure held by value is always present", f.Name)
					}
					assert.Equal(t, reflect.TypeOf(m.sub.goType()).Elem(), ft, "%s", f.Name)
				case TypeList:
					require.Equal(t, reflect.Slice, ft.Kind(), "%s", f.Name)
					assert.Equal(t, reflect.TypeOf(m.sub.goType()).Elem(), ft.Elem(), "%s", f.Name)
					assert.True(t, omitempty, "%s: an empty list is left out", f.Name)
				case TypeTimestamp:
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					assert.Equal(t, reflect.TypeFor[Timestamp](), ft, "%s", f.Name)
				case TypeFloat:
					assert.Equal(t, reflect.Float64, ft.Kind(), "%s", f.Name)
				case TypeBoolean:
					assert.Equal(t, reflect.Bool, ft.Kind(), "%s", f.Name)
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
		{"Start: explicit empty ClientToken", tcNew(opStartDataIngestionJob), `{"ClientToken":"",` + start + `}`,
			"2 validation errors detected: Value '' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p{ASCII}{1,256}",
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null"},
		{"Start: absent ClientToken", tcNew(opStartDataIngestionJob), `{` + start + `}`,
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null",
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null"},
		{"Start: null ClientToken", tcNew(opStartDataIngestionJob), `{"ClientToken":null,` + start + `}`,
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null",
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null"},
		{"Start: explicit empty Bucket", tcNew(opStartDataIngestionJob),
			`{"ClientToken":"t","DatasetName":"d","RoleArn":"arn:aws:iam::123456789012:role/r",` +
				`"IngestionInputConfiguration":{"S3InputConfiguration":{"Bucket":""}}}`,
			"2 validation errors detected: Value '' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
				"Value '' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]$",
			"1 validation error detected: Value null at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must not be null"},
		{"Describe job: explicit empty JobId matches", tcNew(opDescribeDataIngestionJob), `{"JobId":""}`, "",
			"1 validation error detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null"},
		{"Describe job: absent JobId", tcNew(opDescribeDataIngestionJob), `{}`,
			"1 validation error detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null",
			"1 validation error detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null"},
		{"List jobs: explicit empty NextToken is valid", tcNew(opListDataIngestionJobs), `{"NextToken":""}`, "", ""},
		{"List jobs: explicit empty Status", tcNew(opListDataIngestionJobs), `{"Status":""}`,
			"1 validation error detected: Value '' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [IN_PROGRESS, SUCCESS, FAILED, IMPORT_IN_PROGRESS]",
			""},
		{"List datasets: MaxResults 0", tcNew(opListDatasets), `{"MaxResults":0}`,
			"1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
			"1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"Create: tags, one without Value, one with an empty Value", tcNew(opCreateDataset),
			`{"ClientToken":"t","DatasetName":"d","Tags":[{"Key":"a","Value":""},{"Key":"b"},{"Key":"aws:c","Value":"v"},{"Value":"w"}]}`,
			"3 validation errors detected: Value null at 'tags.2.member.value' failed to satisfy constraint: Member must not be null; " +
				"Value 'aws:c' at 'tags.3.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[a-zA-Z+-=._:/]+$; " +
				"Value null at 'tags.4.member.key' failed to satisfy constraint: Member must not be null",
			"3 validation errors detected: " +
				"Value 'aws:c' at 'tags.3.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[a-zA-Z+-=._:/]+$; " +
				"Value '' at 'tags.4.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'tags.4.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[a-zA-Z+-=._:/]+$"},
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

// tcNew returns a function that makes a new request of op, and its
// validation with a presence.
func tcNew[Req, Resp any, PReq interface {
	*Req
	Request
}](op *opDecl[Req, Resp]) func() (Request, func(*presence) error) {
	return func() (Request, func(*presence) error) {
		r := new(Req)
		return PReq(r), func(p *presence) error { return op.validateRequest(r, p) }
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

// TestResponsesValidate: each operation's response validates through its
// declaration (validateResponse is what the router calls).
func TestResponsesValidate(t *testing.T) {
	t.Parallel()
	assert.NoError(t, opDeleteDataset.validateResponse(&DeleteDatasetResponse{}))
	assert.NoError(t, opDeleteDataset.validateResponse(nil))
	err := opStartDataIngestionJob.validateResponse(&StartDataIngestionJobResponse{JobId: "x"})
	tcWantMessage(t, "1 validation error detected: Value 'x' at 'jobId' failed to satisfy constraint: "+
		"Member must satisfy regular expression pattern: [A-Fa-f0-9]{0,32}", err)
	var b bytes.Buffer
	require.NoError(t, json.NewEncoder(&b).Encode(&DeleteDatasetResponse{}))
	assert.Equal(t, "{}\n", b.String())
}
