package client

import (
	"context"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// The operations' methods, written by hand over invoke until they are
// generated for every operation with the rest of the API.

// targetPrefix is the service's X-Amz-Target prefix, for the operations
// package lookout has no Target constant for yet.
const targetPrefix = "AWSLookoutEquipmentFrontendService."

// CreateDataset creates a dataset: its name, its schema, the KMS key that
// encrypts it and its tags. A request without a ClientToken is given one.
func (c *Client) CreateDataset(ctx context.Context, in *lookout.CreateDatasetRequest, optFns ...func(*Options)) (*lookout.CreateDatasetResponse, error) {
	if in == nil {
		in = &lookout.CreateDatasetRequest{}
	}
	out := new(lookout.CreateDatasetResponse)
	if err := c.invoke(ctx, "CreateDataset", targetPrefix+"CreateDataset", in, out, optFns); err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeDataset describes a dataset: its schema, status, and what its
// ingestions made of the data.
func (c *Client) DescribeDataset(ctx context.Context, in *lookout.DescribeDatasetRequest, optFns ...func(*Options)) (*lookout.DescribeDatasetResponse, error) {
	if in == nil {
		in = &lookout.DescribeDatasetRequest{}
	}
	out := new(lookout.DescribeDatasetResponse)
	if err := c.invoke(ctx, "DescribeDataset", targetPrefix+"DescribeDataset", in, out, optFns); err != nil {
		return nil, err
	}
	return out, nil
}

// ListDatasets lists the datasets, a page at a time.
func (c *Client) ListDatasets(ctx context.Context, in *lookout.ListDatasetsRequest, optFns ...func(*Options)) (*lookout.ListDatasetsResponse, error) {
	if in == nil {
		in = &lookout.ListDatasetsRequest{}
	}
	out := new(lookout.ListDatasetsResponse)
	if err := c.invoke(ctx, "ListDatasets", targetPrefix+"ListDatasets", in, out, optFns); err != nil {
		return nil, err
	}
	return out, nil
}

// StartDataIngestionJob starts a job that ingests data from S3 into a
// dataset. A request without a ClientToken is given one.
func (c *Client) StartDataIngestionJob(ctx context.Context, in *lookout.StartDataIngestionJobRequest, optFns ...func(*Options)) (*lookout.StartDataIngestionJobResponse, error) {
	if in == nil {
		in = &lookout.StartDataIngestionJobRequest{}
	}
	out := new(lookout.StartDataIngestionJobResponse)
	if err := c.invoke(ctx, "StartDataIngestionJob", lookout.TargetStartDataIngestionJob, in, out, optFns); err != nil {
		return nil, err
	}
	return out, nil
}
