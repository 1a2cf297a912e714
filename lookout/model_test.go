package lookout

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// refModelMembers lists every member of the eight operations' requests and
// responses as AWS's service model (API version 2020-12-15) declares them:
// operation, response or request, wire path (list elements as "member"),
// the member's shape, and whether its structure requires it. It was written
// out from the model's shapes, in the model's member order, independently
// of this package's declarations.
var refModelMembers = []struct {
	op       string
	response bool
	path     string
	shape    string
	required bool
}{
	{"CreateDataset", false, "ClientToken", "IdempotenceToken", true},
	{"CreateDataset", false, "DatasetName", "DatasetName", true},
	{"CreateDataset", false, "DatasetSchema", "DatasetSchema", false},
	{"CreateDataset", false, "DatasetSchema.InlineDataSchema", "InlineDataSchema", false},
	{"CreateDataset", false, "ServerSideKmsKeyId", "NameOrArn", false},
	{"CreateDataset", false, "Tags", "TagList", false},
	{"CreateDataset", false, "Tags.member.Key", "TagKey", true},
	{"CreateDataset", false, "Tags.member.Value", "TagValue", true},
	{"CreateDataset", true, "DatasetArn", "DatasetArn", false},
	{"CreateDataset", true, "DatasetName", "DatasetName", false},
	{"CreateDataset", true, "Status", "DatasetStatus", false},
	{"DeleteDataset", false, "DatasetName", "DatasetIdentifier", true},
	{"DescribeDataIngestionJob", false, "JobId", "IngestionJobId", true},
	{"DescribeDataIngestionJob", true, "CreatedAt", "Timestamp", false},
	{"DescribeDataIngestionJob", true, "DataEndTime", "Timestamp", false},
	{"DescribeDataIngestionJob", true, "DataQualitySummary", "DataQualitySummary", false},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.DuplicateTimestamps", "DuplicateTimestamps", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.DuplicateTimestamps.TotalNumberOfDuplicateTimestamps", "Integer", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.InsufficientSensorData", "InsufficientSensorData", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.InsufficientSensorData.MissingCompleteSensorData", "MissingCompleteSensorData", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.InsufficientSensorData.MissingCompleteSensorData.AffectedSensorCount", "Integer", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.InsufficientSensorData.SensorsWithShortDateRange", "SensorsWithShortDateRange", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.InsufficientSensorData.SensorsWithShortDateRange.AffectedSensorCount", "Integer", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.InvalidSensorData", "InvalidSensorData", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.InvalidSensorData.AffectedSensorCount", "Integer", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.InvalidSensorData.TotalNumberOfInvalidValues", "Integer", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.MissingSensorData", "MissingSensorData", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.MissingSensorData.AffectedSensorCount", "Integer", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.MissingSensorData.TotalNumberOfMissingValues", "Integer", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.UnsupportedTimestamps", "UnsupportedTimestamps", true},
	{"DescribeDataIngestionJob", true, "DataQualitySummary.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps", "Integer", true},
	{"DescribeDataIngestionJob", true, "DataStartTime", "Timestamp", false},
	{"DescribeDataIngestionJob", true, "DatasetArn", "DatasetArn", false},
	{"DescribeDataIngestionJob", true, "FailedReason", "BoundedLengthString", false},
	{"DescribeDataIngestionJob", true, "IngestedDataSize", "DataSizeInBytes", false},
	{"DescribeDataIngestionJob", true, "IngestedFilesSummary", "IngestedFilesSummary", false},
	{"DescribeDataIngestionJob", true, "IngestedFilesSummary.DiscardedFiles", "ListOfDiscardedFiles", false},
	{"DescribeDataIngestionJob", true, "IngestedFilesSummary.DiscardedFiles.member.Bucket", "S3Bucket", true},
	{"DescribeDataIngestionJob", true, "IngestedFilesSummary.DiscardedFiles.member.Key", "S3Key", true},
	{"DescribeDataIngestionJob", true, "IngestedFilesSummary.IngestedNumberOfFiles", "Integer", true},
	{"DescribeDataIngestionJob", true, "IngestedFilesSummary.TotalNumberOfFiles", "Integer", true},
	{"DescribeDataIngestionJob", true, "IngestionInputConfiguration", "IngestionInputConfiguration", false},
	{"DescribeDataIngestionJob", true, "IngestionInputConfiguration.S3InputConfiguration", "IngestionS3InputConfiguration", true},
	{"DescribeDataIngestionJob", true, "IngestionInputConfiguration.S3InputConfiguration.Bucket", "S3Bucket", true},
	{"DescribeDataIngestionJob", true, "IngestionInputConfiguration.S3InputConfiguration.KeyPattern", "KeyPattern", false},
	{"DescribeDataIngestionJob", true, "IngestionInputConfiguration.S3InputConfiguration.Prefix", "S3Prefix", false},
	{"DescribeDataIngestionJob", true, "JobId", "IngestionJobId", false},
	{"DescribeDataIngestionJob", true, "RoleArn", "IamRoleArn", false},
	{"DescribeDataIngestionJob", true, "SourceDatasetArn", "DatasetArn", false},
	{"DescribeDataIngestionJob", true, "Status", "IngestionJobStatus", false},
	{"DescribeDataIngestionJob", true, "StatusDetail", "BoundedLengthString", false},
	{"DescribeDataset", false, "DatasetName", "DatasetIdentifier", true},
	{"DescribeDataset", true, "CreatedAt", "Timestamp", false},
	{"DescribeDataset", true, "DataEndTime", "Timestamp", false},
	{"DescribeDataset", true, "DataQualitySummary", "DataQualitySummary", false},
	{"DescribeDataset", true, "DataQualitySummary.DuplicateTimestamps", "DuplicateTimestamps", true},
	{"DescribeDataset", true, "DataQualitySummary.DuplicateTimestamps.TotalNumberOfDuplicateTimestamps", "Integer", true},
	{"DescribeDataset", true, "DataQualitySummary.InsufficientSensorData", "InsufficientSensorData", true},
	{"DescribeDataset", true, "DataQualitySummary.InsufficientSensorData.MissingCompleteSensorData", "MissingCompleteSensorData", true},
	{"DescribeDataset", true, "DataQualitySummary.InsufficientSensorData.MissingCompleteSensorData.AffectedSensorCount", "Integer", true},
	{"DescribeDataset", true, "DataQualitySummary.InsufficientSensorData.SensorsWithShortDateRange", "SensorsWithShortDateRange", true},
	{"DescribeDataset", true, "DataQualitySummary.InsufficientSensorData.SensorsWithShortDateRange.AffectedSensorCount", "Integer", true},
	{"DescribeDataset", true, "DataQualitySummary.InvalidSensorData", "InvalidSensorData", true},
	{"DescribeDataset", true, "DataQualitySummary.InvalidSensorData.AffectedSensorCount", "Integer", true},
	{"DescribeDataset", true, "DataQualitySummary.InvalidSensorData.TotalNumberOfInvalidValues", "Integer", true},
	{"DescribeDataset", true, "DataQualitySummary.MissingSensorData", "MissingSensorData", true},
	{"DescribeDataset", true, "DataQualitySummary.MissingSensorData.AffectedSensorCount", "Integer", true},
	{"DescribeDataset", true, "DataQualitySummary.MissingSensorData.TotalNumberOfMissingValues", "Integer", true},
	{"DescribeDataset", true, "DataQualitySummary.UnsupportedTimestamps", "UnsupportedTimestamps", true},
	{"DescribeDataset", true, "DataQualitySummary.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps", "Integer", true},
	{"DescribeDataset", true, "DataStartTime", "Timestamp", false},
	{"DescribeDataset", true, "DatasetArn", "DatasetArn", false},
	{"DescribeDataset", true, "DatasetName", "DatasetName", false},
	{"DescribeDataset", true, "IngestedFilesSummary", "IngestedFilesSummary", false},
	{"DescribeDataset", true, "IngestedFilesSummary.DiscardedFiles", "ListOfDiscardedFiles", false},
	{"DescribeDataset", true, "IngestedFilesSummary.DiscardedFiles.member.Bucket", "S3Bucket", true},
	{"DescribeDataset", true, "IngestedFilesSummary.DiscardedFiles.member.Key", "S3Key", true},
	{"DescribeDataset", true, "IngestedFilesSummary.IngestedNumberOfFiles", "Integer", true},
	{"DescribeDataset", true, "IngestedFilesSummary.TotalNumberOfFiles", "Integer", true},
	{"DescribeDataset", true, "IngestionInputConfiguration", "IngestionInputConfiguration", false},
	{"DescribeDataset", true, "IngestionInputConfiguration.S3InputConfiguration", "IngestionS3InputConfiguration", true},
	{"DescribeDataset", true, "IngestionInputConfiguration.S3InputConfiguration.Bucket", "S3Bucket", true},
	{"DescribeDataset", true, "IngestionInputConfiguration.S3InputConfiguration.KeyPattern", "KeyPattern", false},
	{"DescribeDataset", true, "IngestionInputConfiguration.S3InputConfiguration.Prefix", "S3Prefix", false},
	{"DescribeDataset", true, "LastUpdatedAt", "Timestamp", false},
	{"DescribeDataset", true, "RoleArn", "IamRoleArn", false},
	{"DescribeDataset", true, "Schema", "InlineDataSchema", false},
	{"DescribeDataset", true, "ServerSideKmsKeyId", "KmsKeyArn", false},
	{"DescribeDataset", true, "SourceDatasetArn", "DatasetArn", false},
	{"DescribeDataset", true, "Status", "DatasetStatus", false},
	{"ListDataIngestionJobs", false, "DatasetName", "DatasetName", false},
	{"ListDataIngestionJobs", false, "MaxResults", "MaxResults", false},
	{"ListDataIngestionJobs", false, "NextToken", "NextToken", false},
	{"ListDataIngestionJobs", false, "Status", "IngestionJobStatus", false},
	{"ListDataIngestionJobs", true, "DataIngestionJobSummaries", "DataIngestionJobSummaries", false},
	{"ListDataIngestionJobs", true, "DataIngestionJobSummaries.member.DatasetArn", "DatasetArn", false},
	{"ListDataIngestionJobs", true, "DataIngestionJobSummaries.member.DatasetName", "DatasetName", false},
	{"ListDataIngestionJobs", true, "DataIngestionJobSummaries.member.IngestionInputConfiguration", "IngestionInputConfiguration", false},
	{"ListDataIngestionJobs", true, "DataIngestionJobSummaries.member.IngestionInputConfiguration.S3InputConfiguration", "IngestionS3InputConfiguration", true},
	{"ListDataIngestionJobs", true, "DataIngestionJobSummaries.member.IngestionInputConfiguration.S3InputConfiguration.Bucket", "S3Bucket", true},
	{"ListDataIngestionJobs", true, "DataIngestionJobSummaries.member.IngestionInputConfiguration.S3InputConfiguration.KeyPattern", "KeyPattern", false},
	{"ListDataIngestionJobs", true, "DataIngestionJobSummaries.member.IngestionInputConfiguration.S3InputConfiguration.Prefix", "S3Prefix", false},
	{"ListDataIngestionJobs", true, "DataIngestionJobSummaries.member.JobId", "IngestionJobId", false},
	{"ListDataIngestionJobs", true, "DataIngestionJobSummaries.member.Status", "IngestionJobStatus", false},
	{"ListDataIngestionJobs", true, "NextToken", "NextToken", false},
	{"ListDatasets", false, "DatasetNameBeginsWith", "DatasetName", false},
	{"ListDatasets", false, "MaxResults", "MaxResults", false},
	{"ListDatasets", false, "NextToken", "NextToken", false},
	{"ListDatasets", true, "DatasetSummaries", "DatasetSummaries", false},
	{"ListDatasets", true, "DatasetSummaries.member.CreatedAt", "Timestamp", false},
	{"ListDatasets", true, "DatasetSummaries.member.DatasetArn", "DatasetArn", false},
	{"ListDatasets", true, "DatasetSummaries.member.DatasetName", "DatasetName", false},
	{"ListDatasets", true, "DatasetSummaries.member.Status", "DatasetStatus", false},
	{"ListDatasets", true, "NextToken", "NextToken", false},
	{"ListSensorStatistics", false, "DatasetName", "DatasetName", true},
	{"ListSensorStatistics", false, "IngestionJobId", "IngestionJobId", false},
	{"ListSensorStatistics", false, "MaxResults", "MaxResults", false},
	{"ListSensorStatistics", false, "NextToken", "NextToken", false},
	{"ListSensorStatistics", true, "NextToken", "NextToken", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries", "SensorStatisticsSummaries", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.CategoricalValues", "CategoricalValues", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.CategoricalValues.NumberOfCategory", "Integer", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.CategoricalValues.Status", "StatisticalIssueStatus", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.ComponentName", "ComponentName", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.DataEndTime", "Timestamp", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.DataExists", "Boolean", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.DataStartTime", "Timestamp", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.DuplicateTimestamps", "CountPercent", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.DuplicateTimestamps.Count", "Integer", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.DuplicateTimestamps.Percentage", "Float", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.InvalidDateEntries", "CountPercent", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.InvalidDateEntries.Count", "Integer", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.InvalidDateEntries.Percentage", "Float", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.InvalidValues", "CountPercent", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.InvalidValues.Count", "Integer", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.InvalidValues.Percentage", "Float", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.LargeTimestampGaps", "LargeTimestampGaps", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.LargeTimestampGaps.MaxTimestampGapInDays", "Integer", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.LargeTimestampGaps.NumberOfLargeTimestampGaps", "Integer", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.LargeTimestampGaps.Status", "StatisticalIssueStatus", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.MissingValues", "CountPercent", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.MissingValues.Count", "Integer", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.MissingValues.Percentage", "Float", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.MonotonicValues", "MonotonicValues", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.MonotonicValues.Monotonicity", "Monotonicity", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.MonotonicValues.Status", "StatisticalIssueStatus", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.MultipleOperatingModes", "MultipleOperatingModes", false},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.MultipleOperatingModes.Status", "StatisticalIssueStatus", true},
	{"ListSensorStatistics", true, "SensorStatisticsSummaries.member.SensorName", "SensorName", false},
	{"StartDataIngestionJob", false, "ClientToken", "IdempotenceToken", true},
	{"StartDataIngestionJob", false, "DatasetName", "DatasetIdentifier", true},
	{"StartDataIngestionJob", false, "IngestionInputConfiguration", "IngestionInputConfiguration", true},
	{"StartDataIngestionJob", false, "IngestionInputConfiguration.S3InputConfiguration", "IngestionS3InputConfiguration", true},
	{"StartDataIngestionJob", false, "IngestionInputConfiguration.S3InputConfiguration.Bucket", "S3Bucket", true},
	{"StartDataIngestionJob", false, "IngestionInputConfiguration.S3InputConfiguration.KeyPattern", "KeyPattern", false},
	{"StartDataIngestionJob", false, "IngestionInputConfiguration.S3InputConfiguration.Prefix", "S3Prefix", false},
	{"StartDataIngestionJob", false, "RoleArn", "IamRoleArn", true},
	{"StartDataIngestionJob", true, "JobId", "IngestionJobId", false},
	{"StartDataIngestionJob", true, "Status", "IngestionJobStatus", false},
}

// TestRulesAgreeWithModel: Rules lists every member of the model, in its
// order, each with its shape and whether it is required.
func TestRulesAgreeWithModel(t *testing.T) {
	t.Parallel()
	rules := Rules()
	if len(rules) != len(refModelMembers) {
		t.Errorf("Rules() has %d members, the model %d", len(rules), len(refModelMembers))
	}
	for i := range min(len(rules), len(refModelMembers)) {
		r, m := rules[i], refModelMembers[i]
		if r.Operation != m.op || r.Response != m.response || r.Path != m.path || r.Name != m.shape || r.Required != m.required {
			t.Errorf("rule %d = {%s %v %s %s %v}, model {%s %v %s %s %v}", i,
				r.Operation, r.Response, r.Path, r.Name, r.Required, m.op, m.response, m.path, m.shape, m.required)
		}
	}
}

// tcSetMember sets the member at wire path (list elements as "member":
// the first element is set) of the structure v points to, creating the
// structures on the way, and returns the path a violation names it by.
func tcSetMember(t *testing.T, v reflect.Value, path string, set func(f reflect.Value)) string {
	t.Helper()
	segs := strings.Split(path, ".")
	var shown []string
	for i := 0; i < len(segs); i++ {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if segs[i] == "member" {
			if v.Len() == 0 {
				t.Fatalf("%s: the typical value has no element", path)
			}
			v = v.Index(0)
			shown = append(shown, "1", "member")
			continue
		}
		f := v.FieldByName(segs[i])
		if !f.IsValid() {
			t.Fatalf("%s: no field %s in %s", path, segs[i], v.Type())
		}
		v = f
		shown = append(shown, segs[i])
	}
	set(v)
	return strings.Join(shown, ".")
}

// tcCopyValue returns a deep copy of v (a pointer to a request or response)
// that shares nothing with it that tcSetMember could change.
func tcCopyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(tcCopyValue(v.Elem()))
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				c.Field(i).Set(tcCopyValue(v.Field(i)))
			}
		}
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(tcCopyValue(v.Index(i)))
		}
		return c
	}
	return v
}

// TestValidateEveryMember sets each string member of each operation's
// typical request and response to every value of its kind's boundary table
// (check_test.go, kinds_test.go), and each integer member to its bounds,
// and checks Validate against the oracle: the violations of the value at
// the member's path, or for "" in a plain string field (absent) the
// required violation if the model requires the member.
func TestValidateEveryMember(t *testing.T) {
	t.Parallel()
	refs := map[string]tcCheckFunc{}
	for _, cf := range tcCheckFuncs {
		refs[cf.kind] = cf
	}
	typical := map[string][2]tcValidator{}
	for _, c := range tcTypical() {
		typical[c.op] = [2]tcValidator{c.req, c.resp}
	}
	for _, m := range refModelMembers {
		side := 0
		if m.response {
			side = 1
		}
		base := reflect.ValueOf(typical[m.op][side])
		name := m.op + " " + m.path
		if m.response {
			name += " (response)"
		}
		switch m.shape {
		case "MaxResults", "DataSizeInBytes":
			lo, hi := int64(1), int64(500)
			values := []int64{lo - 1, lo, hi, hi + 1, -1 << 31, 1<<31 - 1}
			if m.shape == "DataSizeInBytes" {
				// No maximum.
				lo, hi = 0, 1<<63-1
				values = []int64{-1, 0, 1 << 62, -1 << 63}
			}
			for _, n := range values {
				v := tcCopyValue(base)
				path := tcSetMember(t, v.Elem(), m.path, func(f reflect.Value) {
					p := reflect.New(f.Type().Elem())
					p.Elem().SetInt(n)
					f.Set(p)
				})
				var want []FieldError
				switch {
				case n < lo:
					want = []FieldError{{Path: path, Constraint: ConstraintMinValue, Limit: int(lo), Value: strconv.FormatInt(n, 10)}}
				case n > hi:
					want = []FieldError{{Path: path, Constraint: ConstraintMaxValue, Limit: int(hi), Value: strconv.FormatInt(n, 10)}}
				}
				got := tcFieldsOf(t, v.Interface().(tcValidator).Validate())
				if !tcSameFields(got, want) {
					t.Errorf("%s = %d:\n got %s\nwant %s", name, n, tcFmtFields(got), tcFmtFields(want))
				}
			}
			continue
		}
		cf, ok := refs[m.shape]
		if !ok {
			continue // not a string kind
		}
		for _, c := range cf.cases() {
			v := tcCopyValue(base)
			emptyAbsent := false
			path := tcSetMember(t, v.Elem(), m.path, func(f reflect.Value) {
				if f.Kind() == reflect.Pointer {
					p := reflect.New(f.Type().Elem())
					p.Elem().SetString(c.in)
					f.Set(p)
					return
				}
				f.SetString(c.in)
			})
			// Whether "" is absent: the field's JSON tag has omitempty.
			sf := tcFieldOf(t, v.Elem().Type(), m.path)
			if sf.Type.Kind() == reflect.String && strings.Contains(sf.Tag.Get("json"), ",omitempty") {
				emptyAbsent = true
			}
			var want []FieldError
			switch {
			case c.in == "" && emptyAbsent && m.required:
				want = []FieldError{{Path: path, Constraint: ConstraintRequired}}
			case c.in == "" && emptyAbsent:
			default:
				for _, f := range cf.ref.violations(c.in, true) {
					f.Path = path
					want = append(want, f)
				}
			}
			got := tcFieldsOf(t, v.Interface().(tcValidator).Validate())
			if !tcSameFields(got, want) {
				t.Errorf("%s = %s:\n got %s\nwant %s", name, tcShort(c.in), tcFmtFields(got), tcFmtFields(want))
			}
		}
	}
}

// tcFieldOf returns the struct field at wire path in type typ.
func tcFieldOf(t *testing.T, typ reflect.Type, path string) reflect.StructField {
	t.Helper()
	var sf reflect.StructField
	for _, seg := range strings.Split(path, ".") {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if seg == "member" {
			continue
		}
		f, ok := typ.FieldByName(seg)
		if !ok {
			t.Fatalf("%s: no field %s in %s", path, seg, typ)
		}
		sf, typ = f, f.Type
	}
	return sf
}

// tcStringMembers lists the members of refModelMembers whose kind has a
// Check function: those FuzzValidateOperations sets.
func tcStringMembers() []int {
	kinds := map[string]bool{}
	for _, cf := range tcCheckFuncs {
		kinds[cf.kind] = true
	}
	var out []int
	for i, m := range refModelMembers {
		if kinds[m.shape] && m.shape != "InlineDataSchema" {
			out = append(out, i)
		}
	}
	return out
}

// FuzzValidateOperations sets one string member (member selects it among
// every string member of every operation's request and response) of the
// operation's typical value to s, and compares Validate with the oracle,
// as TestValidateEveryMember does for the tables' values.
func FuzzValidateOperations(f *testing.F) {
	members := tcStringMembers()
	for i := range members {
		f.Add(uint16(i), "")
		f.Add(uint16(i), "aws:x")
		f.Add(uint16(i), "arn:aws:iam::123456789012:role/\u2028")
		f.Add(uint16(i), "a\xff/")
	}
	refs := map[string]tcCheckFunc{}
	for _, cf := range tcCheckFuncs {
		refs[cf.kind] = cf
	}
	typical := map[string][2]tcValidator{}
	for _, c := range tcTypical() {
		typical[c.op] = [2]tcValidator{c.req, c.resp}
	}
	f.Fuzz(func(t *testing.T, member uint16, s string) {
		m := refModelMembers[members[int(member)%len(members)]]
		side := 0
		if m.response {
			side = 1
		}
		v := tcCopyValue(reflect.ValueOf(typical[m.op][side]))
		path := tcSetMember(t, v.Elem(), m.path, func(f reflect.Value) {
			if f.Kind() == reflect.Pointer {
				p := reflect.New(f.Type().Elem())
				p.Elem().SetString(s)
				f.Set(p)
				return
			}
			f.SetString(s)
		})
		sf := tcFieldOf(t, v.Elem().Type(), m.path)
		emptyAbsent := sf.Type.Kind() == reflect.String && strings.Contains(sf.Tag.Get("json"), ",omitempty")
		var want []FieldError
		switch {
		case s == "" && emptyAbsent && m.required:
			want = []FieldError{{Path: path, Constraint: ConstraintRequired}}
		case s == "" && emptyAbsent:
		default:
			for _, fe := range refs[m.shape].ref.violations(s, true) {
				fe.Path = path
				want = append(want, fe)
			}
		}
		got := tcFieldsOf(t, v.Interface().(tcValidator).Validate())
		if !tcSameFields(got, want) {
			t.Fatalf("%s %s = %s:\n got %s\nwant %s", m.op, m.path, tcShort(s), tcFmtFields(got), tcFmtFields(want))
		}
	})
}
