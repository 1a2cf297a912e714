package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/client"
)

// A client of an endpoint that stands in for the service (here one in the
// same process); with config.LoadDefaultConfig, the endpoint would come from
// AWS_ENDPOINT_URL_LOOKOUTEQUIPMENT or the shared config file.
func Example() {
	srv := httptest.NewServer(lookout.NewHandler(lookout.Service{
		StartDataIngestionJob: func(_ context.Context, r *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
			return &lookout.StartDataIngestionJobResponse{JobId: new("0123456789abcdef0123456789abcdef"), Status: lookout.IngestionJobStatusInProgress}, nil
		},
	}))
	defer srv.Close()

	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")}
	c := client.New(cfg, func(o *client.Options) { o.BaseEndpoint = aws.String(srv.URL) })

	req := &lookout.StartDataIngestionJobRequest{
		DatasetName: "pump-station_7",
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{Bucket: "sensor-data", KeyPattern: lookout.KeyPatternSlash},
		},
		RoleArn: "arn:aws:iam::123456789012:role/LookoutIngestion",
	}
	out, err := c.StartDataIngestionJob(context.Background(), req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*out.JobId, out.Status)
	fmt.Println("client token filled:", len(req.ClientToken) == 36)
	// Output:
	// 0123456789abcdef0123456789abcdef IN_PROGRESS
	// client token filled: true
}

// The endpoint's errors are this module's types; the request id is found as
// with the SDK.
func ExampleClient_DescribeDataset_errors() {
	srv := httptest.NewServer(lookout.NewHandler(lookout.Service{
		DescribeDataset: func(_ context.Context, r *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return nil, &lookout.ResourceNotFoundException{Message: "Dataset " + r.DatasetName + " does not exist"}
		},
	}))
	defer srv.Close()
	c := client.New(aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")},
		func(o *client.Options) { o.BaseEndpoint = aws.String(srv.URL) })

	_, err := c.DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: "pump-station_8"})
	var notFound *lookout.ResourceNotFoundException
	if errors.As(err, &notFound) {
		fmt.Println("not found:", notFound.Message)
	}
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		fmt.Println("status", respErr.HTTPStatusCode(), "request id of", len(respErr.ServiceRequestID()), "characters")
	}

	_, err = c.DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: "pump station"})
	var invalid *lookout.ValidationException
	if errors.As(err, &invalid) {
		fmt.Println("not sent:", invalid.Message)
	}
	// Output:
	// not found: Dataset pump-station_8 does not exist
	// status 400 request id of 36 characters
	// not sent: 1 validation error detected: Value 'pump station' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z_-]{1,200}$
}
