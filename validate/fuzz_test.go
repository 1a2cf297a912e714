package validate_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// The bits of FuzzStruct's shape argument: which optional parts of the
// request are absent.
const (
	shapeNoInput      = 1 << iota // IngestionInputConfiguration nil
	shapeNoS3                     // S3InputConfiguration nil
	shapeNoPrefix                 // Prefix nil
	shapeNoKeyPattern             // KeyPattern nil
)

// fuzzRequest builds a request from FuzzStruct's arguments.
func fuzzRequest(token, dataset, bucket, prefix, keyPattern, roleArn string, shape uint8) *lookout.StartDataIngestionJobRequest {
	r := &lookout.StartDataIngestionJobRequest{ClientToken: token, DatasetName: dataset, RoleArn: roleArn}
	if shape&shapeNoInput != 0 {
		return r
	}
	r.IngestionInputConfiguration = &lookout.IngestionInputConfiguration{}
	if shape&shapeNoS3 != 0 {
		return r
	}
	s3 := &lookout.IngestionS3InputConfiguration{Bucket: bucket}
	if shape&shapeNoPrefix == 0 {
		s3.Prefix = &prefix
	}
	if shape&shapeNoKeyPattern == 0 {
		s3.KeyPattern = keyPattern
	}
	r.IngestionInputConfiguration.S3InputConfiguration = s3
	return r
}

// FuzzStruct checks that Struct and Validate agree on requests built from
// arbitrary strings: the same Fields, in the same order, and the same
// Message.
func FuzzStruct(f *testing.F) {
	for _, c := range testcases.Requests {
		r := c.Request()
		if r == nil {
			continue
		}
		var shape uint8
		var bucket, prefix, keyPattern string
		switch {
		case r.IngestionInputConfiguration == nil:
			shape = shapeNoInput
		case r.IngestionInputConfiguration.S3InputConfiguration == nil:
			shape = shapeNoS3
		default:
			s3 := r.IngestionInputConfiguration.S3InputConfiguration
			bucket = s3.Bucket
			if s3.Prefix == nil {
				shape |= shapeNoPrefix
			} else {
				prefix = *s3.Prefix
			}
			if s3.KeyPattern == "" {
				shape |= shapeNoKeyPattern
			} else {
				keyPattern = s3.KeyPattern
			}
		}
		f.Add(r.ClientToken, r.DatasetName, bucket, prefix, keyPattern, r.RoleArn, shape)
	}
	f.Fuzz(func(t *testing.T, token, dataset, bucket, prefix, keyPattern, roleArn string, shape uint8) {
		r := fuzzRequest(token, dataset, bucket, prefix, keyPattern, roleArn, shape)
		requireSameVerdict(t, r.Validate(), validate.Struct(r))
	})
}

// operationBuilders build a request or a response of each operation from
// FuzzStructOperations' arguments: strings a to d fill its string members
// (named types and nested structures included), n its integers, and the
// bits of shape say which optional structures are present and how long
// its lists are (up to 202 elements: past a list's bound).
var operationBuilders = []func(a, b, c, d string, n int64, shape uint8) testcases.Validated{
	func(a, b, c, d string, n int64, shape uint8) testcases.Validated {
		r := &lookout.CreateDatasetRequest{ClientToken: a, DatasetName: b, ServerSideKmsKeyId: c}
		if shape&1 != 0 {
			r.DatasetSchema = &lookout.DatasetSchema{InlineDataSchema: d}
		}
		r.Tags = fuzzTags(c, d, n, shape)
		return r
	},
	func(a, b, c, _ string, _ int64, _ uint8) testcases.Validated {
		return &lookout.CreateDatasetResponse{DatasetArn: a, DatasetName: b, Status: lookout.DatasetStatus(c)}
	},
	func(a, _, _, _ string, _ int64, _ uint8) testcases.Validated {
		return &lookout.DeleteDatasetRequest{DatasetName: a}
	},
	func(_, _, _, _ string, _ int64, _ uint8) testcases.Validated { return &lookout.DeleteDatasetResponse{} },
	func(a, _, _, _ string, _ int64, _ uint8) testcases.Validated {
		return &lookout.DescribeDataIngestionJobRequest{JobId: new(a)}
	},
	func(a, b, c, d string, n int64, shape uint8) testcases.Validated {
		r := &lookout.DescribeDataIngestionJobResponse{DatasetArn: a, FailedReason: b, JobId: new(c), RoleArn: d,
			SourceDatasetArn: b, Status: lookout.IngestionJobStatus(c), StatusDetail: d,
			IngestionInputConfiguration: fuzzInput(a, b, c, shape)}
		if shape&1 != 0 {
			r.IngestedDataSize = &n
		}
		if shape&2 != 0 {
			r.IngestedFilesSummary = &lookout.IngestedFilesSummary{
				DiscardedFiles: []lookout.S3Object{{Bucket: c, Key: d}, {Bucket: a, Key: b}}[:shape>>7+1]}
		}
		return r
	},
	func(a, _, _, _ string, _ int64, _ uint8) testcases.Validated {
		return &lookout.DescribeDatasetRequest{DatasetName: a}
	},
	func(a, b, c, d string, _ int64, shape uint8) testcases.Validated {
		return &lookout.DescribeDatasetResponse{DatasetArn: a, DatasetName: b, RoleArn: c, Schema: d,
			ServerSideKmsKeyId: c, SourceDatasetArn: d, Status: lookout.DatasetStatus(b),
			IngestionInputConfiguration: fuzzInput(b, c, d, shape)}
	},
	func(a, b, c, _ string, n int64, shape uint8) testcases.Validated {
		return &lookout.ListDataIngestionJobsRequest{DatasetName: a, MaxResults: fuzzInt32(n, shape),
			NextToken: new(b), Status: lookout.IngestionJobStatus(c)}
	},
	func(a, b, c, d string, _ int64, shape uint8) testcases.Validated {
		s := lookout.DataIngestionJobSummary{DatasetArn: a, DatasetName: b, JobId: new(c),
			Status: lookout.IngestionJobStatus(d), IngestionInputConfiguration: fuzzInput(a, c, d, shape)}
		return &lookout.ListDataIngestionJobsResponse{NextToken: new(d),
			DataIngestionJobSummaries: []lookout.DataIngestionJobSummary{s, {JobId: new(d)}}[:shape>>7+1]}
	},
	func(a, b, _, _ string, n int64, shape uint8) testcases.Validated {
		return &lookout.ListDatasetsRequest{DatasetNameBeginsWith: a, MaxResults: fuzzInt32(n, shape), NextToken: new(b)}
	},
	func(a, b, c, d string, _ int64, shape uint8) testcases.Validated {
		return &lookout.ListDatasetsResponse{NextToken: new(d), DatasetSummaries: []lookout.DatasetSummary{
			{DatasetArn: a, DatasetName: b, Status: lookout.DatasetStatus(c)}, {DatasetName: d}}[:shape>>7+1]}
	},
	func(a, b, c, _ string, n int64, shape uint8) testcases.Validated {
		return &lookout.ListSensorStatisticsRequest{DatasetName: a, IngestionJobId: new(b),
			MaxResults: fuzzInt32(n, shape), NextToken: new(c)}
	},
	func(a, b, c, d string, _ int64, shape uint8) testcases.Validated {
		s := lookout.SensorStatisticsSummary{ComponentName: a, SensorName: b}
		if shape&1 != 0 {
			s.CategoricalValues = &lookout.CategoricalValues{Status: lookout.StatisticalIssueStatus(c)}
		}
		if shape&2 != 0 {
			s.MonotonicValues = &lookout.MonotonicValues{Monotonicity: lookout.Monotonicity(d),
				Status: lookout.StatisticalIssueStatus(c)}
		}
		if shape&4 != 0 {
			s.LargeTimestampGaps = &lookout.LargeTimestampGaps{Status: lookout.StatisticalIssueStatus(d)}
			s.MultipleOperatingModes = &lookout.MultipleOperatingModes{Status: lookout.StatisticalIssueStatus(a)}
		}
		return &lookout.ListSensorStatisticsResponse{NextToken: new(d),
			SensorStatisticsSummaries: []lookout.SensorStatisticsSummary{s, {SensorName: c}}[:shape>>7+1]}
	},
	func(a, b, c, d string, _ int64, shape uint8) testcases.Validated {
		return fuzzRequest(a, b, c, d, a, b, shape)
	},
	func(a, b, _, _ string, _ int64, _ uint8) testcases.Validated {
		return &lookout.StartDataIngestionJobResponse{JobId: new(a), Status: lookout.IngestionJobStatus(b)}
	},
}

// fuzzInput builds an input configuration from strings, nil when shape
// says so; its optional members present or not by shape.
func fuzzInput(bucket, prefix, keyPattern string, shape uint8) *lookout.IngestionInputConfiguration {
	if shape&8 != 0 {
		return nil
	}
	return fuzzRequest("", "", bucket, prefix, keyPattern, "", (shape>>4)&7).IngestionInputConfiguration
}

// fuzzInt32 is n as an optional 32-bit integer, absent when shape says so.
func fuzzInt32(n int64, shape uint8) *int32 {
	if shape&1 != 0 {
		return nil
	}
	v := int32(n)
	return &v
}

// fuzzTags returns a list of tags whose length n chooses (0 to 202) when
// shape says so, their keys and values from key and value.
func fuzzTags(key, value string, n int64, shape uint8) []lookout.Tag {
	if shape&2 == 0 {
		return nil
	}
	count := int(uint64(n) % 203)
	tags := make([]lookout.Tag, count)
	for i := range tags {
		tags[i] = lookout.Tag{Key: key, Value: new(value)}
		if i%2 == 1 {
			tags[i] = lookout.Tag{Key: "site", Value: new("plant 1")}
		}
	}
	return tags
}

// FuzzStructOperations checks that Struct and Validate agree on the
// requests and responses of every operation, built from arbitrary strings
// and integers: the same Fields, in the same order, and the same Message.
// op chooses the structure (an operation's request or response).
func FuzzStructOperations(f *testing.F) {
	type seed struct {
		a, b, c, d string
		n          int64
		shape      uint8
	}
	seeds := []seed{
		{testcases.Token, "pumps", "alias/key", testcases.Schema, 2, 3},
		{testcases.Token, "pumps", "alias/key", `{"Components":[]}`, 2, 3},
		{testcases.DatasetArn, "pumps", string(lookout.DatasetStatusActive), testcases.RoleArn, 0, 0},
		{testcases.JobID, testcases.KmsKeyArn, "SUCCESS", "{prefix}/{component_name}/*", 1 << 40, 0x81},
		{"sensor-data", "plant-1/", lookout.KeyPatternDot, "pump.csv", 500, 0xff},
		{"", "", "", "", -1, 0x02},
		{"aws:x", "é", "\xff", "a/", 201, 0x83},
		{strings.Repeat("a", 257), strings.Repeat("b", 201), strings.Repeat("c", 2049), "d", 501, 0x7e},
	}
	for op := range operationBuilders {
		for _, s := range seeds {
			f.Add(uint8(op), s.a, s.b, s.c, s.d, s.n, s.shape)
		}
	}
	f.Fuzz(func(t *testing.T, op uint8, a, b, c, d string, n int64, shape uint8) {
		v := operationBuilders[int(op)%len(operationBuilders)](a, b, c, d, n, shape)
		requireSameVerdict(t, v.Validate(), validate.Struct(v))
	})
}

// TestOperationBuilders checks that FuzzStructOperations builds every
// operation's request and response.
func TestOperationBuilders(t *testing.T) {
	t.Parallel()
	var built []string
	for _, b := range operationBuilders {
		built = append(built, reflect.TypeOf(b("", "", "", "", 0, 0)).Elem().Name())
	}
	var want []string
	for _, ts := range operationTypes(t) {
		want = append(want, ts[0].Name(), ts[1].Name())
	}
	// The builders cover the dataset and ingestion operations; the
	// others are checked against Validate by TestStructEveryOperation.
	assert.Subset(t, want, built)
}
