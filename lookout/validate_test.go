package lookout_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// validationFields returns the Fields and Message of err, nil and "" for a
// nil err; any other error fails the test.
func validationFields(t *testing.T, err error) ([]lookout.FieldError, string) {
	t.Helper()
	if err == nil {
		return nil, ""
	}
	ve, ok := err.(*lookout.ValidationException)
	if !ok {
		t.Fatalf("error is a %T, want *lookout.ValidationException: %v", err, err)
	}
	return ve.Fields, ve.Message
}

func equalFields(a, b []lookout.FieldError) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// TestValidateSharedCases runs the cases that the validate package's
// differential test shares, against Validate and the oracle.
func TestValidateSharedCases(t *testing.T) {
	names := map[string]bool{}
	for _, c := range testcases.Requests {
		if names[c.Name] {
			t.Fatalf("duplicate case %q", c.Name)
		}
		names[c.Name] = true
		t.Run(c.Name, func(t *testing.T) {
			if (c.Want == nil) != (c.Message == "") {
				t.Fatalf("case has Want %v but Message %q", c.Want != nil, c.Message)
			}
			r := c.Request()
			got, msg := validationFields(t, r.Validate())
			if !equalFields(got, c.Want) {
				t.Errorf("Validate:\n got %+v\nwant %+v", got, c.Want)
			}
			if msg != c.Message {
				t.Errorf("Message:\n got %q\nwant %q", msg, c.Message)
			}
			if ref := lookout.ReferenceValidate(r); !equalFields(ref, c.Want) {
				t.Errorf("oracle:\n got %+v\nwant %+v", ref, c.Want)
			}
			if c.Want != nil {
				if ref := lookout.ReferenceMessage(c.Want); ref != c.Message {
					t.Errorf("oracle's Message:\n got %q\nwant %q", ref, c.Message)
				}
			}
			if !reflect.DeepEqual(r, c.Request()) {
				t.Error("Validate changed the request")
			}
		})
	}
}

// TestValidateNil: a nil request, or nil nested structures, are absent
// members, never a panic.
func TestValidateNil(t *testing.T) {
	required := func(paths ...string) []lookout.FieldError {
		var fs []lookout.FieldError
		for _, p := range paths {
			fs = append(fs, lookout.FieldError{Path: p, Constraint: lookout.ConstraintRequired})
		}
		return fs
	}
	all := required("ClientToken", "DatasetName", "IngestionInputConfiguration", "RoleArn")
	var nilRequest *lookout.StartDataIngestionJobRequest
	cases := []struct {
		name string
		r    *lookout.StartDataIngestionJobRequest
		want []lookout.FieldError
	}{
		{"nil request", nilRequest, all},
		{"zero request", &lookout.StartDataIngestionJobRequest{}, all},
		{"nil S3 configuration", &lookout.StartDataIngestionJobRequest{
			IngestionInputConfiguration: &lookout.IngestionInputConfiguration{},
		}, required("ClientToken", "DatasetName", "IngestionInputConfiguration.S3InputConfiguration", "RoleArn")},
		{"zero S3 configuration", &lookout.StartDataIngestionJobRequest{
			IngestionInputConfiguration: &lookout.IngestionInputConfiguration{S3InputConfiguration: &lookout.IngestionS3InputConfiguration{}},
		}, required("ClientToken", "DatasetName", "IngestionInputConfiguration.S3InputConfiguration.Bucket", "RoleArn")},
	}
	for _, c := range cases {
		got, msg := validationFields(t, c.r.Validate())
		if !equalFields(got, c.want) {
			t.Errorf("%s: Validate:\n got %+v\nwant %+v", c.name, got, c.want)
		}
		if ref := lookout.ReferenceValidate(c.r); !equalFields(ref, c.want) {
			t.Errorf("%s: oracle:\n got %+v\nwant %+v", c.name, ref, c.want)
		}
		if want := lookout.ReferenceMessage(c.want); msg != want {
			t.Errorf("%s: Message:\n got %q\nwant %q", c.name, msg, want)
		}
	}
	const want = "4 validation errors detected: " +
		"Value null at 'clientToken' failed to satisfy constraint: Member must not be null; " +
		"Value null at 'datasetName' failed to satisfy constraint: Member must not be null; " +
		"Value null at 'ingestionInputConfiguration' failed to satisfy constraint: Member must not be null; " +
		"Value null at 'roleArn' failed to satisfy constraint: Member must not be null"
	if _, msg := validationFields(t, nilRequest.Validate()); msg != want {
		t.Errorf("nil request: Message:\n got %q\nwant %q", msg, want)
	}
	// Optional pointers: nil is absent (valid), a pointer to "" is present.
	r := testcases.Valid()
	s3 := r.IngestionInputConfiguration.S3InputConfiguration
	s3.Prefix, s3.KeyPattern = nil, ""
	if err := r.Validate(); err != nil {
		t.Errorf("nil Prefix and KeyPattern: %v", err)
	}
	s3.Prefix = testcases.Ptr("")
	if err := r.Validate(); err != nil {
		t.Errorf("Prefix pointing to \"\": %v", err)
	}
	// KeyPattern is a plain string (its kind does not admit ""): "" is
	// the absent member, which is valid; on the wire an explicit "" is not
	// (see TestWirePresence).
	s3.KeyPattern = ""
	if err := r.Validate(); err != nil {
		t.Errorf("KeyPattern \"\": %v", err)
	}
}

// TestValidateEachMember puts each boundary value of each Check function's
// member into an otherwise valid request: Validate must report exactly
// what the Check function reports.
func TestValidateEachMember(t *testing.T) {
	set := map[string]func(r *lookout.StartDataIngestionJobRequest, v string){
		"ClientToken": func(r *lookout.StartDataIngestionJobRequest, v string) { r.ClientToken = v },
		"DatasetName": func(r *lookout.StartDataIngestionJobRequest, v string) { r.DatasetName = v },
		"RoleArn":     func(r *lookout.StartDataIngestionJobRequest, v string) { r.RoleArn = v },
		"Bucket": func(r *lookout.StartDataIngestionJobRequest, v string) {
			r.IngestionInputConfiguration.S3InputConfiguration.Bucket = v
		},
		"Prefix": func(r *lookout.StartDataIngestionJobRequest, v string) {
			r.IngestionInputConfiguration.S3InputConfiguration.Prefix = &v
		},
		"KeyPattern": func(r *lookout.StartDataIngestionJobRequest, v string) {
			r.IngestionInputConfiguration.S3InputConfiguration.KeyPattern = v
		},
	}
	check := map[string]func(string) error{
		"ClientToken": lookout.CheckClientToken, "DatasetName": lookout.CheckDatasetName,
		"RoleArn": lookout.CheckRoleArn, "Bucket": lookout.CheckBucket,
		"Prefix": lookout.CheckPrefix, "KeyPattern": lookout.CheckKeyPattern,
	}
	values := []string{"", "a", "ab", "abc", "a/", "/", "x\xff", "\u2028", lookout.KeyPatternDot,
		"arn:aws:iam::123456789012:role/a", "6ba7b810-9dad-41d1-80b4-00c04fd430c8", "pump-station_7"}
	for member, setter := range set {
		for _, v := range values {
			r := testcases.Valid()
			setter(r, v)
			got, msg := validationFields(t, r.Validate())
			want, wantMsg := validationFields(t, check[member](v))
			if v == "" && (member == "ClientToken" || member == "DatasetName" || member == "RoleArn" || member == "Bucket") {
				// On the Go path, "" in a plain string field is the
				// absent member; a Check function reads a present "".
				want = []lookout.FieldError{{Path: want[0].Path, Constraint: lookout.ConstraintRequired}}
				wantMsg = "1 validation error detected: " + want[0].Error()
			}
			if v == "" && member == "KeyPattern" {
				want, wantMsg = nil, "" // absent, and optional
			}
			// Check reports at the member's name, Validate at its path.
			for i := range want {
				want[i].Path = got[min(i, len(got)-1)].Path
			}
			if len(want) != 0 {
				wantMsg = lookout.NewValidationException(want).Message
			}
			if !equalFields(got, want) || msg != wantMsg {
				t.Errorf("%s = %q: Validate gives %+v (%q), Check%s gives %+v (%q)", member, v, got, msg, member, want, wantMsg)
			}
			if ref := lookout.ReferenceValidate(r); !equalFields(ref, got) {
				t.Errorf("%s = %q: oracle gives %+v, Validate %+v", member, v, ref, got)
			}
		}
	}
}

func TestValidateResponse(t *testing.T) {
	var nilResponse *lookout.StartDataIngestionJobResponse
	if err := nilResponse.Validate(); err != nil {
		t.Errorf("nil response: %v", err)
	}
	cases := []struct {
		r    lookout.StartDataIngestionJobResponse
		want []lookout.FieldError
	}{
		{lookout.StartDataIngestionJobResponse{}, nil},
		{lookout.StartDataIngestionJobResponse{JobId: new("0123456789abcdefABCDEF0123456789"), Status: "SUCCESS"}, nil},
		{lookout.StartDataIngestionJobResponse{Status: lookout.IngestionJobStatusImportInProgress}, nil},
		{lookout.StartDataIngestionJobResponse{JobId: new("0123456789abcdefABCDEF01234567890"), Status: "DONE"}, []lookout.FieldError{
			{Path: "JobId", Constraint: lookout.ConstraintMaxLength, Limit: 32, Value: "0123456789abcdefABCDEF01234567890"},
			{Path: "JobId", Constraint: lookout.ConstraintPattern, Pattern: "[A-Fa-f0-9]{0,32}", Value: "0123456789abcdefABCDEF01234567890"},
			{Path: "Status", Constraint: lookout.ConstraintEnum, Enum: []string{"IN_PROGRESS", "SUCCESS", "FAILED", "IMPORT_IN_PROGRESS"}, Value: "DONE"},
		}},
	}
	for _, c := range cases {
		got, msg := validationFields(t, c.r.Validate())
		if !equalFields(got, c.want) {
			t.Errorf("%+v: Validate:\n got %+v\nwant %+v", c.r, got, c.want)
		}
		if ref := lookout.ReferenceValidateResponse(&c.r); !equalFields(ref, c.want) {
			t.Errorf("%+v: oracle:\n got %+v\nwant %+v", c.r, ref, c.want)
		}
		if want := lookout.ReferenceMessage(c.want); c.want != nil && msg != want {
			t.Errorf("%+v: Message:\n got %q\nwant %q", c.r, msg, want)
		}
	}
	const want = "2 validation errors detected: " +
		"Value 'job-1' at 'jobId' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Fa-f0-9]{0,32}; " +
		"Value 'done' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [IN_PROGRESS, SUCCESS, FAILED, IMPORT_IN_PROGRESS]"
	r := lookout.StartDataIngestionJobResponse{JobId: new("job-1"), Status: "done"}
	if _, msg := validationFields(t, r.Validate()); msg != want {
		t.Errorf("Message:\n got %q\nwant %q", msg, want)
	}
}

// TestValidateErrorsAs: Validate's error reaches each violation through
// errors.As, also when wrapped.
func TestValidateErrorsAs(t *testing.T) {
	r := testcases.Valid()
	r.DatasetName, r.RoleArn = "a b", ""
	err := r.Validate()
	wrapped := errors.Join(errors.New("preflight"), err)
	var fe *lookout.FieldError
	if !errors.As(wrapped, &fe) || fe.Path != "DatasetName" || fe.Constraint != lookout.ConstraintPattern {
		t.Fatalf("errors.As(*FieldError) = %+v", fe)
	}
	var ve *lookout.ValidationException
	if !errors.As(wrapped, &ve) || len(ve.Fields) != 2 {
		t.Fatalf("errors.As(*ValidationException) = %+v", ve)
	}
	if !errors.Is(wrapped, &ve.Fields[1]) {
		t.Error("errors.Is does not reach the second violation")
	}
	if ve.Fields[1].Path != "RoleArn" || ve.Fields[1].Constraint != lookout.ConstraintRequired {
		t.Errorf("second violation %+v", ve.Fields[1])
	}
}

// The JSON of a request leaves absent members out; Validate reads the
// request as the wire would carry it.
func TestValidateJSONRoundTrip(t *testing.T) {
	for _, c := range testcases.Requests {
		r := c.Request()
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		var back lookout.StartDataIngestionJobRequest
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		got, _ := validationFields(t, back.Validate())
		want, _ := validationFields(t, r.Validate())
		// Invalid UTF-8 does not survive encoding/json: it becomes U+FFFD.
		if !equalFields(got, want) && !hasConstraint(want, lookout.ConstraintUTF8) {
			t.Errorf("%s: after a JSON round trip:\n got %+v\nwant %+v", c.Name, got, want)
		}
	}
}

func hasConstraint(fs []lookout.FieldError, c lookout.Constraint) bool {
	for _, f := range fs {
		if f.Constraint == c {
			return true
		}
	}
	return false
}
