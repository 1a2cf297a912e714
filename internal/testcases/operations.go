package testcases

import (
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// Validated is a request or a response of package lookout.
type Validated interface {
	Validate() error
}

// OpCase is one request or response of any operation, and whether
// Validate accepts it.
type OpCase struct {
	// Name names the case in test output: the type, then what the case
	// holds.
	Name string
	// Value builds the value, new on each call.
	Value func() Validated
	// Valid reports whether Validate accepts the value.
	Valid bool
}

// Values that the operations' cases share.
const (
	RoleArn    = "arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion"
	DatasetArn = "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pumps/0123abcd"
	KmsKeyArn  = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	JobID      = "0123456789abcdefABCDEF0123456789"
	Token      = "6ba7b810-9dad-41d1-80b4-00c04fd430c8"
	Schema     = `{"Components":[{"ComponentName":"pump-1","Columns":[{"Name":"Timestamp","Type":"DATETIME"},` +
		`{"Name":"temp","Type":"DOUBLE"}]}]}`
)

// Int32 and Int64 return pointers to n, for the optional integers.
func Int32(n int32) *int32 { return &n }

// Int64 returns a pointer to n.
func Int64(n int64) *int64 { return &n }

// Input returns a valid input configuration, new on each call.
func Input() *lookout.IngestionInputConfiguration {
	return Valid().IngestionInputConfiguration
}

// Quality returns a DataQualitySummary with every figure 0.
func Quality() *lookout.DataQualitySummary {
	zero := func() *int64 { return new(int64(0)) }
	return &lookout.DataQualitySummary{
		DuplicateTimestamps: &lookout.DuplicateTimestamps{TotalNumberOfDuplicateTimestamps: zero()},
		InsufficientSensorData: &lookout.InsufficientSensorData{
			MissingCompleteSensorData: &lookout.MissingCompleteSensorData{AffectedSensorCount: zero()},
			SensorsWithShortDateRange: &lookout.SensorsWithShortDateRange{AffectedSensorCount: zero()}},
		InvalidSensorData:     &lookout.InvalidSensorData{AffectedSensorCount: zero(), TotalNumberOfInvalidValues: zero()},
		MissingSensorData:     &lookout.MissingSensorData{AffectedSensorCount: zero(), TotalNumberOfMissingValues: zero()},
		UnsupportedTimestamps: &lookout.UnsupportedTimestamps{TotalNumberOfUnsupportedTimestamps: zero()},
	}
}

// Tags returns n valid tags.
func Tags(n int) []lookout.Tag {
	tags := make([]lookout.Tag, n)
	for i := range tags {
		tags[i] = lookout.Tag{Key: "site", Value: new("plant 1")}
	}
	return tags
}

// op is a shorthand for a case.
func op[T Validated](name string, valid bool, value func() T) OpCase {
	return OpCase{Name: name, Valid: valid, Value: func() Validated { return value() }}
}

// Operations lists cases of every operation's request and response: a
// typical valid value, every member absent, and each member broken in
// turn, lists and nested structures included.
var Operations = []OpCase{
	op("CreateDatasetRequest/valid", true, func() *lookout.CreateDatasetRequest {
		return &lookout.CreateDatasetRequest{ClientToken: Token, DatasetName: "pumps",
			DatasetSchema:      &lookout.DatasetSchema{InlineDataSchema: Schema},
			ServerSideKmsKeyId: "alias/lookout", Tags: Tags(2)}
	}),
	op("CreateDatasetRequest/schema breaks the document's rules", false, func() *lookout.CreateDatasetRequest {
		return &lookout.CreateDatasetRequest{ClientToken: Token, DatasetName: "pumps",
			DatasetSchema: &lookout.DatasetSchema{InlineDataSchema: `{"Components":[{"ComponentName":"a b",` +
				`"Columns":[{"Name":"t","Type":"DOUBLE"},{"Name":"t","Type":"DOUBLE"}]}]}`}}
	}),
	op("CreateDatasetRequest/empty", false, func() *lookout.CreateDatasetRequest {
		return &lookout.CreateDatasetRequest{}
	}),
	op("CreateDatasetRequest/every member broken", false, func() *lookout.CreateDatasetRequest {
		return &lookout.CreateDatasetRequest{ClientToken: strings.Repeat("t", 257), DatasetName: "pump station",
			DatasetSchema:      &lookout.DatasetSchema{InlineDataSchema: strings.Repeat("x", 1000001)},
			ServerSideKmsKeyId: "-key", Tags: []lookout.Tag{{}, {Key: "aws:owner", Value: new("é")}, {Key: "ok", Value: new("")}}}
	}),
	op("CreateDatasetRequest/201 tags, some broken", false, func() *lookout.CreateDatasetRequest {
		tags := Tags(201)
		tags[3].Key, tags[200].Value = "", new("!")
		return &lookout.CreateDatasetRequest{ClientToken: Token, DatasetName: "pumps", Tags: tags}
	}),
	op("CreateDatasetRequest/200 tags", true, func() *lookout.CreateDatasetRequest {
		return &lookout.CreateDatasetRequest{ClientToken: Token, DatasetName: "pumps", Tags: Tags(200)}
	}),
	op("CreateDatasetRequest/empty schema", true, func() *lookout.CreateDatasetRequest {
		return &lookout.CreateDatasetRequest{ClientToken: Token, DatasetName: "pumps", DatasetSchema: &lookout.DatasetSchema{}}
	}),
	op("CreateDatasetResponse/valid", true, func() *lookout.CreateDatasetResponse {
		return &lookout.CreateDatasetResponse{DatasetArn: DatasetArn, DatasetName: "pumps", Status: lookout.DatasetStatusCreated}
	}),
	op("CreateDatasetResponse/empty", true, func() *lookout.CreateDatasetResponse {
		return &lookout.CreateDatasetResponse{}
	}),
	op("CreateDatasetResponse/broken", false, func() *lookout.CreateDatasetResponse {
		return &lookout.CreateDatasetResponse{DatasetArn: "arn:aws:s3:::b", DatasetName: "a/b", Status: "GONE"}
	}),

	op("DeleteDatasetRequest/valid", true, func() *lookout.DeleteDatasetRequest {
		return &lookout.DeleteDatasetRequest{DatasetName: "pumps"}
	}),
	op("DeleteDatasetRequest/empty", false, func() *lookout.DeleteDatasetRequest {
		return &lookout.DeleteDatasetRequest{}
	}),
	op("DeleteDatasetRequest/broken", false, func() *lookout.DeleteDatasetRequest {
		return &lookout.DeleteDatasetRequest{DatasetName: strings.Repeat("p", 201)}
	}),
	op("DeleteDatasetResponse/empty", true, func() *lookout.DeleteDatasetResponse {
		return &lookout.DeleteDatasetResponse{}
	}),

	op("DescribeDataIngestionJobRequest/valid", true, func() *lookout.DescribeDataIngestionJobRequest {
		return &lookout.DescribeDataIngestionJobRequest{JobId: new(JobID)}
	}),
	op("DescribeDataIngestionJobRequest/empty", false, func() *lookout.DescribeDataIngestionJobRequest {
		return &lookout.DescribeDataIngestionJobRequest{}
	}),
	op("DescribeDataIngestionJobRequest/broken", false, func() *lookout.DescribeDataIngestionJobRequest {
		return &lookout.DescribeDataIngestionJobRequest{JobId: new("job-1\xff")}
	}),
	op("DescribeDataIngestionJobResponse/valid", true, func() *lookout.DescribeDataIngestionJobResponse {
		return &lookout.DescribeDataIngestionJobResponse{DatasetArn: DatasetArn, FailedReason: "no data",
			IngestedDataSize: Int64(1 << 30), IngestedFilesSummary: &lookout.IngestedFilesSummary{
				DiscardedFiles: []lookout.S3Object{{Bucket: "sensor-data", Key: "plant-1/pump.csv"}}, TotalNumberOfFiles: new(int64(2)), IngestedNumberOfFiles: new(int64(1))},
			DataQualitySummary: Quality(), IngestionInputConfiguration: Input(), JobId: new(JobID),
			RoleArn: RoleArn, SourceDatasetArn: DatasetArn, Status: lookout.IngestionJobStatusFailed, StatusDetail: "x"}
	}),
	op("DescribeDataIngestionJobResponse/empty", true, func() *lookout.DescribeDataIngestionJobResponse {
		return &lookout.DescribeDataIngestionJobResponse{}
	}),
	op("DescribeDataIngestionJobResponse/broken", false, func() *lookout.DescribeDataIngestionJobResponse {
		in := Input()
		in.S3InputConfiguration.Bucket = ""
		in.S3InputConfiguration.KeyPattern = "x"
		return &lookout.DescribeDataIngestionJobResponse{DatasetArn: "d", FailedReason: strings.Repeat("r", 5001),
			IngestedDataSize: Int64(-1), IngestedFilesSummary: &lookout.IngestedFilesSummary{
				DiscardedFiles: []lookout.S3Object{{}, {Bucket: "ok-bucket", Key: "dir/"}}},
			IngestionInputConfiguration: in, JobId: new("z"), RoleArn: "r", SourceDatasetArn: "s", Status: "DONE"}
	}),
	op("DescribeDataIngestionJobResponse/no S3 configuration", false, func() *lookout.DescribeDataIngestionJobResponse {
		return &lookout.DescribeDataIngestionJobResponse{IngestionInputConfiguration: &lookout.IngestionInputConfiguration{}}
	}),

	op("DescribeDatasetRequest/valid", true, func() *lookout.DescribeDatasetRequest {
		return &lookout.DescribeDatasetRequest{DatasetName: "pumps"}
	}),
	op("DescribeDatasetRequest/empty", false, func() *lookout.DescribeDatasetRequest {
		return &lookout.DescribeDatasetRequest{}
	}),
	op("DescribeDatasetResponse/valid", true, func() *lookout.DescribeDatasetResponse {
		return &lookout.DescribeDatasetResponse{DatasetArn: DatasetArn, DatasetName: "pumps",
			IngestionInputConfiguration: Input(), RoleArn: RoleArn, Schema: Schema,
			ServerSideKmsKeyId: KmsKeyArn, Status: lookout.DatasetStatusActive}
	}),
	op("DescribeDatasetResponse/broken", false, func() *lookout.DescribeDatasetResponse {
		return &lookout.DescribeDatasetResponse{DatasetArn: "a", DatasetName: "b c", RoleArn: "r",
			IngestedFilesSummary: &lookout.IngestedFilesSummary{DiscardedFiles: []lookout.S3Object{{Bucket: "B", Key: "k"}}},
			ServerSideKmsKeyId:   "alias/x", SourceDatasetArn: DatasetArn + "\n", Status: "active"}
	}),

	op("ListDataIngestionJobsRequest/valid", true, func() *lookout.ListDataIngestionJobsRequest {
		return &lookout.ListDataIngestionJobsRequest{DatasetName: "pumps", MaxResults: Int32(500), NextToken: new("abc"),
			Status: lookout.IngestionJobStatusInProgress}
	}),
	op("ListDataIngestionJobsRequest/empty", true, func() *lookout.ListDataIngestionJobsRequest {
		return &lookout.ListDataIngestionJobsRequest{}
	}),
	op("ListDataIngestionJobsRequest/broken", false, func() *lookout.ListDataIngestionJobsRequest {
		return &lookout.ListDataIngestionJobsRequest{DatasetName: "p p", MaxResults: Int32(0), NextToken: new("é"),
			Status: "queued"}
	}),
	op("ListDataIngestionJobsRequest/too many results", false, func() *lookout.ListDataIngestionJobsRequest {
		return &lookout.ListDataIngestionJobsRequest{MaxResults: Int32(501)}
	}),
	op("ListDataIngestionJobsResponse/valid", true, func() *lookout.ListDataIngestionJobsResponse {
		return &lookout.ListDataIngestionJobsResponse{DataIngestionJobSummaries: []lookout.DataIngestionJobSummary{
			{DatasetArn: DatasetArn, DatasetName: "pumps", IngestionInputConfiguration: Input(), JobId: new(JobID),
				Status: lookout.IngestionJobStatusSuccess}, {}}, NextToken: new("n")}
	}),
	op("ListDataIngestionJobsResponse/broken", false, func() *lookout.ListDataIngestionJobsResponse {
		in := Input()
		in.S3InputConfiguration.Prefix = new(string)
		*in.S3InputConfiguration.Prefix = "no-slash"
		return &lookout.ListDataIngestionJobsResponse{DataIngestionJobSummaries: []lookout.DataIngestionJobSummary{
			{JobId: new("g")}, {DatasetName: "x/y", IngestionInputConfiguration: in, Status: "?"}},
			NextToken: new(strings.Repeat("n", 8193))}
	}),

	op("ListDatasetsRequest/valid", true, func() *lookout.ListDatasetsRequest {
		return &lookout.ListDatasetsRequest{DatasetNameBeginsWith: "pump", MaxResults: Int32(1), NextToken: new("t")}
	}),
	op("ListDatasetsRequest/broken", false, func() *lookout.ListDatasetsRequest {
		return &lookout.ListDatasetsRequest{DatasetNameBeginsWith: "pump*", MaxResults: Int32(-5), NextToken: new("\u00e9")}
	}),
	op("ListDatasetsResponse/valid", true, func() *lookout.ListDatasetsResponse {
		return &lookout.ListDatasetsResponse{DatasetSummaries: []lookout.DatasetSummary{
			{DatasetArn: DatasetArn, DatasetName: "pumps", Status: lookout.DatasetStatusCreated}}}
	}),
	op("ListDatasetsResponse/broken", false, func() *lookout.ListDatasetsResponse {
		return &lookout.ListDatasetsResponse{DatasetSummaries: []lookout.DatasetSummary{
			{}, {DatasetArn: "x", DatasetName: "", Status: "NEW"}, {DatasetName: "ok"}, {DatasetName: "no!"}}}
	}),

	op("ListSensorStatisticsRequest/valid", true, func() *lookout.ListSensorStatisticsRequest {
		return &lookout.ListSensorStatisticsRequest{DatasetName: "pumps", IngestionJobId: new(JobID), MaxResults: Int32(100)}
	}),
	op("ListSensorStatisticsRequest/empty", false, func() *lookout.ListSensorStatisticsRequest {
		return &lookout.ListSensorStatisticsRequest{}
	}),
	op("ListSensorStatisticsRequest/broken", false, func() *lookout.ListSensorStatisticsRequest {
		return &lookout.ListSensorStatisticsRequest{DatasetName: "pumps?", IngestionJobId: new("xyz"), MaxResults: Int32(1000),
			NextToken: new("\x80")}
	}),
	op("ListSensorStatisticsResponse/valid", true, func() *lookout.ListSensorStatisticsResponse {
		return &lookout.ListSensorStatisticsResponse{SensorStatisticsSummaries: []lookout.SensorStatisticsSummary{{
			ComponentName: "pump-1", SensorName: "temp:1", DataExists: new(true),
			CategoricalValues: &lookout.CategoricalValues{Status: lookout.StatisticalIssueStatusNoIssueDetected},
			MonotonicValues: &lookout.MonotonicValues{Status: lookout.StatisticalIssueStatusPotentialIssueDetected,
				Monotonicity: lookout.MonotonicityIncreasing},
			MultipleOperatingModes: &lookout.MultipleOperatingModes{Status: lookout.StatisticalIssueStatusNoIssueDetected},
			LargeTimestampGaps:     &lookout.LargeTimestampGaps{Status: lookout.StatisticalIssueStatusNoIssueDetected},
		}}}
	}),
	op("ListSensorStatisticsResponse/broken", false, func() *lookout.ListSensorStatisticsResponse {
		return &lookout.ListSensorStatisticsResponse{NextToken: new("ok"), SensorStatisticsSummaries: []lookout.SensorStatisticsSummary{
			{ComponentName: "pump 1", SensorName: "temp/1",
				CategoricalValues:  &lookout.CategoricalValues{},
				MonotonicValues:    &lookout.MonotonicValues{Monotonicity: "FLAT", Status: "NONE"},
				LargeTimestampGaps: &lookout.LargeTimestampGaps{Status: "x"}},
			{}, {SensorName: strings.Repeat("s", 201)}}}
	}),

	op("StartDataIngestionJobRequest/valid", true, Valid),
	op("StartDataIngestionJobRequest/empty", false, func() *lookout.StartDataIngestionJobRequest {
		return &lookout.StartDataIngestionJobRequest{}
	}),
	op("StartDataIngestionJobResponse/valid", true, func() *lookout.StartDataIngestionJobResponse {
		return &lookout.StartDataIngestionJobResponse{JobId: new(JobID), Status: lookout.IngestionJobStatusInProgress}
	}),
	op("StartDataIngestionJobResponse/broken", false, func() *lookout.StartDataIngestionJobResponse {
		return &lookout.StartDataIngestionJobResponse{JobId: new("j"), Status: "s"}
	}),
}
