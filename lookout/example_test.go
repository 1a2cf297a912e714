package lookout_test

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

func ExampleStartDataIngestionJobRequest_Validate() {
	r := &lookout.StartDataIngestionJobRequest{
		ClientToken: "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
		DatasetName: "pump station 7",
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{Bucket: "sensor-data"},
		},
		RoleArn: "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion",
	}
	if err := r.Validate(); err != nil {
		fmt.Println(err)
	}
	r.DatasetName = "pump-station-7"
	fmt.Println(r.Validate())
	// Output:
	// ValidationException: 1 validation error detected: Value 'pump station 7' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z_-]{1,200}$
	// <nil>
}

func ExampleValidationException() {
	r := &lookout.StartDataIngestionJobRequest{
		DatasetName: "pump-7",
		RoleArn:     "arn:aws:iam::123456789012:role/",
	}
	r.EnsureClientToken()
	err := r.Validate()

	// Every violation, to inspect.
	var ve *lookout.ValidationException
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s: %v\n", f.Path, f.Constraint)
		}
	}
	// Or the first one, through any wrapping.
	var fe *lookout.FieldError
	if errors.As(fmt.Errorf("preflight: %w", err), &fe) {
		fmt.Println("first:", fe)
	}
	// Output:
	// IngestionInputConfiguration: required
	// RoleArn: pattern
	// first: Value null at 'ingestionInputConfiguration' failed to satisfy constraint: Member must not be null
}

func ExampleCheckRoleArn() {
	for _, arn := range []string{
		"arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion",
		"arn:aws-cn:iam::123456789012:role/ingest",
		"arn:aws:iam::12345678901:role/ingest",    // 11-digit account
		"arn:aws:iam::123456789012:role/in\ngest", // '.' does not match a line terminator
	} {
		var ve *lookout.ValidationException
		if errors.As(lookout.CheckRoleArn(arn), &ve) {
			fmt.Printf("%q: %v\n", arn, ve.Fields[0].Constraint)
			continue
		}
		fmt.Printf("%q: ok\n", arn)
	}
	// Output:
	// "arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion": ok
	// "arn:aws-cn:iam::123456789012:role/ingest": ok
	// "arn:aws:iam::12345678901:role/ingest": pattern
	// "arn:aws:iam::123456789012:role/in\ngest": pattern
}

func ExampleCheckPrefix() {
	for _, p := range []string{"", "plant-1/", "/", "plant-1"} {
		fmt.Printf("%q: %v\n", p, lookout.CheckPrefix(p) == nil)
	}
	// Output:
	// "": true
	// "plant-1/": true
	// "/": false
	// "plant-1": false
}

func ExampleIsRetryable() {
	for _, err := range []error{
		&lookout.ThrottlingException{Message: "Rate exceeded"},
		fmt.Errorf("ingest: %w", &lookout.InternalServerException{}),
		lookout.NewAPIError("com.amazonaws.lookoutequipment#ConflictException", "token reused", 400),
		lookout.NewAPIError("SlowDown", "", 503),
		lookout.NewAPIError("", "Too Many Requests", 429), // a proxy's throttling
		errors.New("connection reset by peer"),
	} {
		fmt.Printf("%q retryable: %v\n", lookout.ErrorCode(err), lookout.IsRetryable(err))
	}
	// Output:
	// "ThrottlingException" retryable: true
	// "InternalServerException" retryable: true
	// "ConflictException" retryable: false
	// "SlowDown" retryable: true
	// "UnknownError" retryable: true
	// "" retryable: false
}

func ExampleErrorCode() {
	// An error as the AWS SDK for Go v2 returns it: any smithy.APIError
	// in the chain carries the code, here namespaced as on the wire.
	err := fmt.Errorf("operation StartDataIngestionJob: %w", &smithy.GenericAPIError{
		Code:    "com.amazonaws.lookoutequipment#ResourceNotFoundException:http://internal.amazon.com/coral/",
		Message: "Dataset pump-7 does not exist",
	})
	switch lookout.ErrorCode(err) {
	case lookout.CodeResourceNotFound:
		fmt.Println("create the dataset first")
	case lookout.CodeThrottling:
		fmt.Println("wait")
	}
	fmt.Printf("%T\n", lookout.FromAPIError(err))
	// Output:
	// create the dataset first
	// *lookout.ResourceNotFoundException
}

func ExampleNewClientToken() {
	tok := lookout.NewClientToken() // random: print what is always true of it
	fmt.Println(len(tok), tok[14:15], lookout.CheckClientToken(tok))
	// Output: 36 4 <nil>
}

func ExampleStartDataIngestionJobRequest_EnsureClientToken() {
	r := &lookout.StartDataIngestionJobRequest{ClientToken: "my-idempotency-token"}
	fmt.Println(r.EnsureClientToken())
	r.ClientToken = ""
	fmt.Println(len(r.EnsureClientToken()))
	// Output:
	// my-idempotency-token
	// 36
}
