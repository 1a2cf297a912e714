package lookout

import "strings"

// The typical valid request and response of each operation, as a client
// and a server exchange them: for TestNoAllocsOperations and the
// benchmarks.

// tcSchemaDoc is a typical InlineDataSchema: two components, three
// sensors.
const tcSchemaDoc = `{"Components":[{"ComponentName":"pump","Columns":[{"Name":"Timestamp","Type":"DATETIME"},` +
	`{"Name":"pressure","Type":"DOUBLE"},{"Name":"flow","Type":"DOUBLE"}]},` +
	`{"ComponentName":"motor","Columns":[{"Name":"Timestamp","Type":"DATETIME"},{"Name":"rpm","Type":"DOUBLE"}]}]}`

const (
	tcDatasetArn = "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pump-station_7/8f0e1d2c-3b4a-4f5e-9d8c-7b6a5f4e3d2c"
	tcRoleArn    = "arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion"
	tcJobID      = "3f2b8c9d0e1a4b5c6d7e8f9a0b1c2d3e"
	tcNextToken  = "eyJkYXRhc2V0IjoicHVtcC1zdGF0aW9uXzciLCJwYWdlIjoyfQ=="
)

func tcPtr[T any](v T) *T { return &v }

// tcValidator is a request or response.
type tcValidator interface{ Validate() error }

// tcTypical lists each operation's typical request and response.
func tcTypical() []struct {
	op        string
	req, resp tcValidator
} {
	ts := tcPtr(UnixTimestamp(1700000000, 123000000))
	s3 := &IngestionInputConfiguration{S3InputConfiguration: &IngestionS3InputConfiguration{
		Bucket: "sensor-data.example", Prefix: tcPtr("plant-1/pumps/"), KeyPattern: tcPtr(KeyPatternSlash)}}
	quality := &DataQualitySummary{}
	quality.MissingSensorData.AffectedSensorCount = 1
	quality.MissingSensorData.TotalNumberOfMissingValues = 12
	files := &IngestedFilesSummary{TotalNumberOfFiles: 3, IngestedNumberOfFiles: 2,
		DiscardedFiles: []S3Object{{Bucket: "sensor-data.example", Key: "plant-1/pumps/pump/notes.txt"}}}
	return []struct {
		op        string
		req, resp tcValidator
	}{
		{"CreateDataset", &CreateDatasetRequest{
			ClientToken: "6ba7b810-9dad-41d1-80b4-00c04fd430c8", DatasetName: "pump-station_7",
			ServerSideKmsKeyId: "alias/lookout-datasets",
			Tags:               []Tag{{Key: "plant", Value: "Plant 7"}, {Key: "cost-center", Value: "4711"}},
		}, &CreateDatasetResponse{DatasetArn: tcDatasetArn, DatasetName: "pump-station_7", Status: DatasetStatusCreated}},
		{"DeleteDataset", &DeleteDatasetRequest{DatasetName: "pump-station_7"}, &DeleteDatasetResponse{}},
		{"DescribeDataIngestionJob", &DescribeDataIngestionJobRequest{JobId: tcJobID}, &DescribeDataIngestionJobResponse{
			CreatedAt: ts, DataStartTime: ts, DataEndTime: ts, DataQualitySummary: quality, DatasetArn: tcDatasetArn,
			IngestedDataSize: tcPtr(int64(73_400_320)), IngestedFilesSummary: files, IngestionInputConfiguration: s3,
			JobId: tcJobID, RoleArn: tcRoleArn, Status: IngestionJobStatusSuccess,
		}},
		{"DescribeDataset", &DescribeDatasetRequest{DatasetName: "pump-station_7"}, &DescribeDatasetResponse{
			CreatedAt: ts, LastUpdatedAt: ts, DataQualitySummary: quality, DatasetArn: tcDatasetArn,
			DatasetName: "pump-station_7", IngestedFilesSummary: files, IngestionInputConfiguration: s3,
			RoleArn: tcRoleArn, ServerSideKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
			Status: DatasetStatusActive,
		}},
		{"ListDataIngestionJobs", &ListDataIngestionJobsRequest{DatasetName: "pump-station_7", MaxResults: tcPtr(int32(50)),
			NextToken: tcNextToken, Status: IngestionJobStatusSuccess}, &ListDataIngestionJobsResponse{
			DataIngestionJobSummaries: []DataIngestionJobSummary{
				{DatasetArn: tcDatasetArn, DatasetName: "pump-station_7", IngestionInputConfiguration: s3, JobId: tcJobID,
					Status: IngestionJobStatusSuccess},
				{DatasetArn: tcDatasetArn, DatasetName: "pump-station_7", JobId: strings.Repeat("a", 32),
					Status: IngestionJobStatusInProgress},
			}, NextToken: tcNextToken}},
		{"ListDatasets", &ListDatasetsRequest{DatasetNameBeginsWith: "pump", MaxResults: tcPtr(int32(50)), NextToken: tcNextToken},
			&ListDatasetsResponse{DatasetSummaries: []DatasetSummary{
				{CreatedAt: ts, DatasetArn: tcDatasetArn, DatasetName: "pump-station_7", Status: DatasetStatusActive},
			}, NextToken: tcNextToken}},
		{"ListSensorStatistics", &ListSensorStatisticsRequest{DatasetName: "pump-station_7", IngestionJobId: tcJobID,
			MaxResults: tcPtr(int32(50)), NextToken: tcNextToken}, &ListSensorStatisticsResponse{
			SensorStatisticsSummaries: []SensorStatisticsSummary{{
				ComponentName: "pump", SensorName: "pressure", DataExists: true,
				MissingValues:          &CountPercent{Count: 12, Percentage: 0.5},
				CategoricalValues:      &CategoricalValues{Status: StatisticalIssueStatusNoIssueDetected},
				LargeTimestampGaps:     &LargeTimestampGaps{Status: StatisticalIssueStatusNoIssueDetected},
				MonotonicValues:        &MonotonicValues{Status: StatisticalIssueStatusPotentialIssueDetected, Monotonicity: MonotonicityIncreasing},
				MultipleOperatingModes: &MultipleOperatingModes{Status: StatisticalIssueStatusNoIssueDetected},
				DataStartTime:          ts, DataEndTime: ts,
			}}, NextToken: tcNextToken}},
		{"StartDataIngestionJob", &StartDataIngestionJobRequest{
			ClientToken: "6ba7b810-9dad-41d1-80b4-00c04fd430c8", DatasetName: "pump-station_7",
			IngestionInputConfiguration: s3, RoleArn: tcRoleArn,
		}, &StartDataIngestionJobResponse{JobId: tcJobID, Status: IngestionJobStatusInProgress}},
	}
}
