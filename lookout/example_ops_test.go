package lookout_test

import (
	"errors"
	"fmt"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// A member of a list's element is named with the element's 1-based index,
// as the service names it.
func ExampleCreateDatasetRequest_Validate() {
	req := &lookout.CreateDatasetRequest{
		DatasetName: "pump-station_7",
		Tags: []lookout.Tag{
			{Key: "plant", Value: new("Plant 7")},
			{Key: "aws:owner", Value: new("ops")},
		},
	}
	req.EnsureClientToken()
	err := req.Validate()
	var ve *lookout.ValidationException
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path)
		}
		fmt.Println(ve.Message)
	}
	// Output:
	// Tags.2.member.Key
	// 1 validation error detected: Value 'aws:owner' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[a-zA-Z+-=._:/]+$
}

// An integer's range is reported as the service reports it.
func ExampleListDatasetsRequest_Validate() {
	zero := int32(0)
	err := (&lookout.ListDatasetsRequest{MaxResults: &zero}).Validate()
	fmt.Println(err)
	// Output:
	// ValidationException: 1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1
}

// A schema document is read, and each of its violations is reported at the
// member with its path in the document.
func ExampleCreateDatasetRequest_Validate_schema() {
	req := &lookout.CreateDatasetRequest{
		ClientToken: "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
		DatasetName: "pump-station_7",
		DatasetSchema: &lookout.DatasetSchema{InlineDataSchema: `{"Components":[{"ComponentName":"pump",` +
			`"Columns":[{"Name":"Timestamp","Type":"DATETIME"},{"Name":"pressure","Type":"DATETIME"}]}]}`},
	}
	var ve *lookout.ValidationException
	if errors.As(req.Validate(), &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Constraint, f.Schema.Path)
		}
	}
	// Output:
	// DatasetSchema.InlineDataSchema schema Components[0].Columns[1].Type
}

// Check functions check a value against its kind, whatever member holds
// it: the empty string is a value, too short here.
func ExampleCheckTagKey() {
	fmt.Println(lookout.CheckTagKey("cost-center:2024"))
	fmt.Println(lookout.CheckTagKey("aws:cost-center"))
	// Output:
	// <nil>
	// ValidationException: 1 validation error detected: Value 'aws:cost-center' at 'key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[a-zA-Z+-=._:/]+$
}

// Rules says, for each member of each operation, its kind and whether it is
// required.
func ExampleRules() {
	for _, r := range lookout.Rules() {
		if r.Operation == "ListDataIngestionJobs" && !r.Response {
			fmt.Println(r.Path, r.Name, r.Required)
		}
	}
	// Output:
	// DatasetName DatasetName false
	// MaxResults MaxResults false
	// NextToken NextToken false
	// Status IngestionJobStatus false
}

// OperationErrors lists the errors an operation may answer with.
func ExampleOperationErrors() {
	fmt.Println(lookout.OperationErrors("DescribeDataIngestionJob"))
	// Output:
	// [ValidationException ResourceNotFoundException ThrottlingException AccessDeniedException InternalServerException]
}
