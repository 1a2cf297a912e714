// Package testcases holds the StartDataIngestionJob request cases that the
// tests of several packages share: the lookout package's table tests, and
// the validate package's differential test, which checks that validate.Struct
// reports the same violations as Validate for each of them.
package testcases

import "github.com/lookout-equipment/lookoutequipment/lookout"

// Case is one request and the violations it must give.
type Case struct {
	// Name names the case in test output.
	Name string
	// Request builds the request. It is a function so that each test gets
	// its own copy to change.
	Request func() *lookout.StartDataIngestionJobRequest
	// Want lists the violations Validate must report, in order; nil for a
	// valid request.
	Want []lookout.FieldError
	// Message is the exact Message of the ValidationException; "" for a
	// valid request.
	Message string
}

// Ptr returns a pointer to s, for the optional members.
func Ptr(s string) *string { return &s }

// Valid returns a typical valid request, new on each call.
func Valid() *lookout.StartDataIngestionJobRequest {
	return &lookout.StartDataIngestionJobRequest{
		ClientToken: "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
		DatasetName: "pump-station_7",
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{
				Bucket:     "sensor-data.example",
				Prefix:     Ptr("plant-1/pumps/"),
				KeyPattern: Ptr(lookout.KeyPatternSlash),
			},
		},
		RoleArn: "arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion",
	}
}

// Requests lists the shared cases. Every case's Want and Message are exact.
var Requests = []Case{
	{Name: "valid", Request: Valid},
	{
		Name: "bucket too short",
		Request: func() *lookout.StartDataIngestionJobRequest {
			r := Valid()
			r.IngestionInputConfiguration.S3InputConfiguration.Bucket = "ab"
			return r
		},
		Want: []lookout.FieldError{
			{Path: "IngestionInputConfiguration.S3InputConfiguration.Bucket", Constraint: lookout.ConstraintMinLength, Limit: 3, Value: "ab"},
			{Path: "IngestionInputConfiguration.S3InputConfiguration.Bucket", Constraint: lookout.ConstraintPattern, Pattern: `^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`, Value: "ab"},
		},
		Message: "2 validation errors detected: " +
			"Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
			"Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]$",
	},
}
