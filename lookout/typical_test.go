package lookout

import (
	"reflect"
	"strings"
)

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

// tcSamples holds a typical valid value of each kind of the model, by the
// kind's name: what tcFilled sets each member to.
var tcSamples = map[string]any{
	"IdempotenceToken": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
	"DatasetName":      "pump-station_7", "DatasetIdentifier": "pump-station_7", "ModelName": "pump-model_3",
	"InferenceSchedulerName": "pump-hourly", "InferenceSchedulerIdentifier": "pump-hourly", "LabelGroupName": "pump-faults",
	"IamRoleArn": tcRoleArn, "DatasetArn": tcDatasetArn,
	"ModelArn":              "arn:aws:lookoutequipment:us-east-1:123456789012:model/pump-model_3/8f0e1d2c-3b4a",
	"InferenceSchedulerArn": "arn:aws:lookoutequipment:us-east-1:123456789012:inference-scheduler/pump-hourly/0a1b2c3d",
	"LabelGroupArn":         "arn:aws:lookoutequipment:us-east-1:123456789012:label-group/pump-faults/4e5f6a7b",
	"ResourceArn":           "arn:aws:lookoutequipment:us-east-1:123456789012:model/pump-model_3/8f0e1d2c-3b4a",
	"AmazonResourceArn":     "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pump-station_7/8f0e1d2c",
	"ModelVersionArn":       "arn:aws:lookoutequipment:us-east-1:123456789012:model/pump-model_3/8f0e1d2c-3b4a/model-version/3",
	"S3Bucket":              "sensor-data.example", "S3Prefix": "plant-1/pumps/", "S3Key": "plant-1/pumps/pump/notes.txt",
	"KeyPattern":     KeyPatternSlash,
	"IngestionJobId": tcJobID, "LabelId": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "NextToken": tcNextToken,
	"ComponentName": "pump", "SensorName": "pressure",
	"KmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "NameOrArn": "alias/lookout-datasets",
	"TagKey": "plant", "TagValue": "Plant 7",
	"BoundedLengthString": "the data holds no valid value", "Comments": "seal replaced after the leak",
	"Equipment": "pump-7", "FaultCode": "seal-leak",
	"InlineDataSchema": tcSchemaDoc, "ModelMetrics": `{"labeled_ranges":[]}`, "OffCondition": `pump\rpm < 10`,
	"AutoPromotionResultReason": "the new version found more labelled ranges",
	"Policy":                    `{"Version":"2012-10-17","Statement":[]}`, "PolicyRevisionId": "0123abcd",
	"RetrainingFrequency": "P1M", "LookbackWindow": "P360D", "FileNameTimestampFormat": "yyyyMMddHHmmss",
	"ComponentTimestampDelimiter": "_", "TimeZoneOffset": "+05:30",
	"MaxResults": int64(50), "DataDelayOffsetInMinutes": int64(5), "ModelVersion": int64(3), "DataSizeInBytes": int64(1 << 20),
	"EventDurationInSeconds": int64(300), "Integer": int64(7),
	"Float": 0.5, "Boolean": true, "Timestamp": UnixTimestamp(1700000000, 123000000),
}

// tcFilled returns a value of typ (a pointer to a request or response of
// op) with every member of the model set to a typical value: each
// structure present, each list of one element.
func tcFilled(op string, response bool, typ reflect.Type) tcValidator {
	v := reflect.New(typ.Elem())
	for _, m := range refModelMembers {
		if m.op != op || m.response != response {
			continue
		}
		f := tcReach(v.Elem(), m.path)
		for f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Struct && f.Type() != reflect.TypeFor[*Timestamp]() {
			if f.IsNil() {
				f.Set(reflect.New(f.Type().Elem()))
			}
			f = f.Elem()
		}
		switch {
		case f.Kind() == reflect.Struct && f.Type() != reflect.TypeFor[Timestamp]():
		case f.Kind() == reflect.Slice:
			if f.Len() == 0 {
				f.Set(reflect.MakeSlice(f.Type(), 1, 1))
			}
		default:
			sample, ok := tcSamples[m.shape]
			if !ok {
				for _, k := range Kinds() {
					if k.Name == m.shape && k.Enum != nil {
						sample = k.Enum[0]
						ok = true
					}
				}
			}
			if !ok {
				panic("tcFilled: no sample of " + m.shape)
			}
			sv := reflect.ValueOf(sample)
			if f.Kind() == reflect.Pointer {
				p := reflect.New(f.Type().Elem())
				p.Elem().Set(sv.Convert(f.Type().Elem()))
				f.Set(p)
			} else {
				f.Set(sv.Convert(f.Type()))
			}
		}
	}
	return v.Interface().(tcValidator)
}

// tcReach returns the field at wire path (list elements as "member": the
// first element) of the structure v, creating structures and elements on
// the way.
func tcReach(v reflect.Value, path string) reflect.Value {
	for _, seg := range strings.Split(path, ".") {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if seg == "member" {
			if v.Len() == 0 {
				v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			}
			v = v.Index(0)
			continue
		}
		v = v.FieldByName(seg)
		if !v.IsValid() {
			panic("tcReach: no member " + seg + " on the way to " + path)
		}
	}
	return v
}

// tcValidator is a request or response.
type tcValidator interface{ Validate() error }

// tcTypical lists each operation's typical request and response.
func tcTypical() []struct {
	op        string
	req, resp tcValidator
} {
	ts := tcPtr(UnixTimestamp(1700000000, 123000000))
	s3 := &IngestionInputConfiguration{S3InputConfiguration: &IngestionS3InputConfiguration{
		Bucket: "sensor-data.example", Prefix: tcPtr("plant-1/pumps/"), KeyPattern: KeyPatternSlash}}
	quality := &DataQualitySummary{
		DuplicateTimestamps: &DuplicateTimestamps{TotalNumberOfDuplicateTimestamps: new(int64(0))},
		InsufficientSensorData: &InsufficientSensorData{
			MissingCompleteSensorData: &MissingCompleteSensorData{AffectedSensorCount: new(int64(0))},
			SensorsWithShortDateRange: &SensorsWithShortDateRange{AffectedSensorCount: new(int64(0))}},
		InvalidSensorData:     &InvalidSensorData{AffectedSensorCount: new(int64(0)), TotalNumberOfInvalidValues: new(int64(0))},
		MissingSensorData:     &MissingSensorData{AffectedSensorCount: new(int64(1)), TotalNumberOfMissingValues: new(int64(12))},
		UnsupportedTimestamps: &UnsupportedTimestamps{TotalNumberOfUnsupportedTimestamps: new(int64(0))},
	}
	files := &IngestedFilesSummary{TotalNumberOfFiles: new(int64(3)), IngestedNumberOfFiles: new(int64(2)),
		DiscardedFiles: []S3Object{{Bucket: "sensor-data.example", Key: "plant-1/pumps/pump/notes.txt"}}}
	return []struct {
		op        string
		req, resp tcValidator
	}{
		{"CreateDataset", &CreateDatasetRequest{
			ClientToken: "6ba7b810-9dad-41d1-80b4-00c04fd430c8", DatasetName: "pump-station_7",
			ServerSideKmsKeyId: "alias/lookout-datasets",
			Tags:               []Tag{{Key: "plant", Value: new("Plant 7")}, {Key: "cost-center", Value: new("4711")}},
		}, &CreateDatasetResponse{DatasetArn: tcDatasetArn, DatasetName: "pump-station_7", Status: DatasetStatusCreated}},
		{"DeleteDataset", &DeleteDatasetRequest{DatasetName: "pump-station_7"}, &DeleteDatasetResponse{}},
		{"DescribeDataIngestionJob", &DescribeDataIngestionJobRequest{JobId: new(tcJobID)}, &DescribeDataIngestionJobResponse{
			CreatedAt: ts, DataStartTime: ts, DataEndTime: ts, DataQualitySummary: quality, DatasetArn: tcDatasetArn,
			IngestedDataSize: tcPtr(int64(73_400_320)), IngestedFilesSummary: files, IngestionInputConfiguration: s3,
			JobId: new(tcJobID), RoleArn: tcRoleArn, Status: IngestionJobStatusSuccess,
		}},
		{"DescribeDataset", &DescribeDatasetRequest{DatasetName: "pump-station_7"}, &DescribeDatasetResponse{
			CreatedAt: ts, LastUpdatedAt: ts, DataQualitySummary: quality, DatasetArn: tcDatasetArn,
			DatasetName: "pump-station_7", IngestedFilesSummary: files, IngestionInputConfiguration: s3,
			RoleArn: tcRoleArn, ServerSideKmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
			Status: DatasetStatusActive,
		}},
		{"ListDataIngestionJobs", &ListDataIngestionJobsRequest{DatasetName: "pump-station_7", MaxResults: tcPtr(int32(50)),
			NextToken: new(tcNextToken), Status: IngestionJobStatusSuccess}, &ListDataIngestionJobsResponse{
			DataIngestionJobSummaries: []DataIngestionJobSummary{
				{DatasetArn: tcDatasetArn, DatasetName: "pump-station_7", IngestionInputConfiguration: s3, JobId: new(tcJobID),
					Status: IngestionJobStatusSuccess},
				{DatasetArn: tcDatasetArn, DatasetName: "pump-station_7", JobId: new(strings.Repeat("a", 32)),
					Status: IngestionJobStatusInProgress},
			}, NextToken: new(tcNextToken)}},
		{"ListDatasets", &ListDatasetsRequest{DatasetNameBeginsWith: "pump", MaxResults: tcPtr(int32(50)), NextToken: new(tcNextToken)},
			&ListDatasetsResponse{DatasetSummaries: []DatasetSummary{
				{CreatedAt: ts, DatasetArn: tcDatasetArn, DatasetName: "pump-station_7", Status: DatasetStatusActive},
			}, NextToken: new(tcNextToken)}},
		{"ListSensorStatistics", &ListSensorStatisticsRequest{DatasetName: "pump-station_7", IngestionJobId: new(tcJobID),
			MaxResults: tcPtr(int32(50)), NextToken: new(tcNextToken)}, &ListSensorStatisticsResponse{
			SensorStatisticsSummaries: []SensorStatisticsSummary{{
				ComponentName: "pump", SensorName: "pressure", DataExists: new(true),
				MissingValues:          &CountPercent{Count: new(int64(12)), Percentage: new(0.5)},
				CategoricalValues:      &CategoricalValues{Status: StatisticalIssueStatusNoIssueDetected},
				LargeTimestampGaps:     &LargeTimestampGaps{Status: StatisticalIssueStatusNoIssueDetected},
				MonotonicValues:        &MonotonicValues{Status: StatisticalIssueStatusPotentialIssueDetected, Monotonicity: MonotonicityIncreasing},
				MultipleOperatingModes: &MultipleOperatingModes{Status: StatisticalIssueStatusNoIssueDetected},
				DataStartTime:          ts, DataEndTime: ts,
			}}, NextToken: new(tcNextToken)}},
		{"StartDataIngestionJob", &StartDataIngestionJobRequest{
			ClientToken: "6ba7b810-9dad-41d1-80b4-00c04fd430c8", DatasetName: "pump-station_7",
			IngestionInputConfiguration: s3, RoleArn: tcRoleArn,
		}, &StartDataIngestionJobResponse{JobId: new(tcJobID), Status: IngestionJobStatusInProgress}},
	}
}

// tcTypicalAll is tcTypical for the operations it writes out, and a value
// with every member set (tcFilled) for every other operation.
func tcTypicalAll() []struct {
	op        string
	req, resp tcValidator
} {
	out := tcTypical()
	have := map[string]bool{}
	for _, c := range out {
		have[c.op] = true
	}
	st := reflect.TypeFor[Service]()
	for i := range st.NumField() {
		op := st.Field(i).Name
		if have[op] {
			continue
		}
		ft := st.Field(i).Type
		out = append(out, struct {
			op        string
			req, resp tcValidator
		}{op, tcFilled(op, false, ft.In(1)), tcFilled(op, true, ft.Out(0))})
	}
	return out
}
