package lookout

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The fuzz targets compare the package with the oracle (reference_test.go):
// the exact violations, and the exact Message. Seeds: the boundary tables
// of check_test.go, and the corpus in testdata/fuzz. FuzzCheck covers the
// eight Check functions in one target, so that one fuzzing run shares its
// time among them.

// tcMaxSeed bounds the seeds taken from the tables: the fuzzer mutates and
// minimizes short values faster. The long boundaries are reached with pad.
const tcMaxSeed = 600

// tcFuzzPad gives, for FuzzCheck's pad argument, a run that goes
// before the fuzzed string: long enough to reach each member's limits, and
// to put the fuzzed bytes at every alignment of the word-at-a-time scans.
// The low 15 bits are the run's length (modulo a bound past the member's
// maximum), the high bit picks 'é' (two bytes) over an ASCII letter.
// Pad 0 is the fuzzed string alone.
func tcFuzzPad(member string, pad uint16) string {
	bound := tcFuzzPadBounds[member]
	if bound == 0 {
		// A kind of the other operations: up to its maximum length and
		// past it, from the model.
		bound = 300
		if s := tcModelData.Shapes[member]; s.Max != nil {
			bound = int(*s.Max) + 40
		}
	}
	n := int(pad&0x7fff) % bound
	if n == 0 {
		return ""
	}
	c := "a"
	if pad&0x8000 != 0 {
		c = "é"
	}
	run := strings.Repeat(c, n)
	switch member {
	case "RoleArn":
		return "arn:aws:iam::123456789012:role/" + run
	case "DatasetArn":
		return "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pumps/" + run
	case "KmsKeyArn":
		return "arn:aws:kms:us-east-1:123456789012:" + strings.Repeat("k", len(run))
	case "ModelArn", "ResourceArn":
		return "arn:aws:lookoutequipment:us-east-1:123456789012:model/" + run
	case "AmazonResourceArn":
		return "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/" + run
	case "InferenceSchedulerArn":
		return "arn:aws:lookoutequipment:us-east-1:123456789012:inference-scheduler/" + run
	case "LabelGroupArn":
		return "arn:aws:lookoutequipment:us-east-1:123456789012:label-group/" + run
	case "ModelVersionArn":
		return "arn:aws:lookoutequipment:us-east-1:123456789012:model/m/" + run
	}
	return run
}

// tcFuzzPadBounds bounds the length of each member's pad run.
var tcFuzzPadBounds = map[string]int{"ClientToken": 300, "DatasetName": 260, "RoleArn": 2100, "Bucket": 70,
	"Prefix": 1100, "KeyPattern": 2100, "JobId": 40, "JobStatus": 20,
	"DatasetIdentifier": 260, "S3Key": 1100, "NextToken": 8300, "ComponentName": 260, "SensorName": 260,
	"DatasetArn": 2100, "KmsKeyArn": 1100, "NameOrArn": 2100, "TagKey": 140, "TagValue": 300,
	"BoundedLengthString": 5100, "DatasetStatus": 30, "StatisticalIssueStatus": 30, "Monotonicity": 20,
	"InlineDataSchema": 300}

// tcFuzzMembers lists the members that FuzzCheck's member argument selects,
// modulo its length, in wire order: the corpus in testdata/fuzz/FuzzCheck
// records indexes into it, so it only ever grows at its end.
var tcFuzzMembers = [...]string{
	"ClientToken", "DatasetName", "Bucket", "KeyPattern", "Prefix", "RoleArn", "JobId", "JobStatus",
	"DatasetIdentifier", "S3Key", "NextToken", "ComponentName", "SensorName", "DatasetArn", "KmsKeyArn",
	"NameOrArn", "TagKey", "TagValue", "BoundedLengthString", "DatasetStatus", "StatisticalIssueStatus",
	"Monotonicity", "InlineDataSchema",
	// The kinds of the other 41 operations (the corpus records indexes:
	// names are only ever added at the end).
	"AmazonResourceArn", "AutoPromotionResult", "AutoPromotionResultReason", "Comments",
	"ComponentTimestampDelimiter", "DataUploadFrequency", "Equipment", "FaultCode", "FileNameTimestampFormat",
	"InferenceDataImportStrategy", "InferenceExecutionStatus", "InferenceSchedulerArn",
	"InferenceSchedulerIdentifier", "InferenceSchedulerName", "InferenceSchedulerStatus", "LabelGroupArn",
	"LabelGroupName", "LabelId", "LabelRating", "LatestInferenceResult", "LookbackWindow", "ModelArn",
	"ModelMetrics", "ModelName", "ModelPromoteMode", "ModelQuality", "ModelStatus", "ModelVersionArn",
	"ModelVersionSourceType", "ModelVersionStatus", "OffCondition", "Policy", "PolicyRevisionId", "ResourceArn",
	"RetrainingFrequency", "RetrainingSchedulerStatus", "TargetSamplingRate", "TimeZoneOffset",
}

func tcCheckFuncNamed(name string) tcCheckFunc {
	for _, cf := range tcCheckFuncs {
		if cf.name == name {
			return cf
		}
	}
	panic("no Check function " + name)
}

// tcMessageSafe checks what every Message must be: valid UTF-8, on one
// line, without a character that changes how it reads, and at most 5000
// characters.
func tcMessageSafe(t *testing.T, msg string) {
	t.Helper()
	if !utf8.ValidString(msg) {
		t.Fatalf("Message is not valid UTF-8: %q", msg)
	}
	n := 0
	for _, r := range msg {
		n++
		if r < 0x20 || (0x7f <= r && r < 0xa0) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) {
			t.Fatalf("Message holds %U: %q", r, msg)
		}
	}
	if n > 5000 {
		t.Fatalf("Message of %d characters", n)
	}
}

// TestFuzzCheckCoversEveryCheck: FuzzCheck reaches every Check function,
// each once.
func TestFuzzCheckCoversEveryCheck(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, name := range tcFuzzMembers {
		if seen[name] {
			t.Errorf("%s is fuzzed twice", name)
		}
		seen[name] = true
		tcCheckFuncNamed(name) // panics on a name with no Check function
	}
	for _, cf := range tcCheckFuncs {
		if !seen[cf.name] {
			t.Errorf("Check%s is not fuzzed", cf.name)
		}
	}
}

// FuzzCheck compares each Check function with its oracle. member selects
// the Check function (tcFuzzMembers[member%len]); pad puts a run before s
// (see tcFuzzPad).
func FuzzCheck(f *testing.F) {
	for i, name := range tcFuzzMembers {
		m := uint8(i)
		for _, c := range tcCheckFuncNamed(name).cases() {
			if len(c.in) <= tcMaxSeed {
				f.Add(m, c.in, uint16(0))
			}
		}
		f.Add(m, "", uint16(255))
		f.Add(m, "/", uint16(1022))
		f.Add(m, "\n", uint16(2017))
		f.Add(m, "\xff", uint16(0x8000|256))
	}
	var funcs [len(tcFuzzMembers)]tcCheckFunc
	for i, name := range tcFuzzMembers {
		funcs[i] = tcCheckFuncNamed(name)
	}
	f.Fuzz(func(t *testing.T, member uint8, s string, pad uint16) {
		cf := funcs[int(member)%len(funcs)]
		name := cf.name
		s = tcFuzzPad(name, pad) + s
		err := cf.check(s)
		got := tcFieldsOf(t, err) // and the Message is the oracle's
		if want := cf.ref.check(s); !tcSameFields(got, want) {
			t.Fatalf("Check%s(%s):\n got %s\nwant %s", name, tcShort(s), tcFmtFields(got), tcFmtFields(want))
		}
		if err != nil {
			tcMessageSafe(t, err.(*ValidationException).Message)
		}
	})
}

// The flags of FuzzValidate: which parts of the request are absent.
const (
	tcNilRequest = 1 << iota
	tcNilInput
	tcNilS3
	tcWithPrefix
	tcWithKeyPattern
)

func tcBuildRequest(token, dataset, bucket, prefix, keyPattern, role string, flags uint8) *StartDataIngestionJobRequest {
	if flags&tcNilRequest != 0 {
		return nil
	}
	r := &StartDataIngestionJobRequest{ClientToken: token, DatasetName: dataset, RoleArn: role}
	if flags&tcNilInput != 0 {
		return r
	}
	r.IngestionInputConfiguration = &IngestionInputConfiguration{}
	if flags&tcNilS3 != 0 {
		return r
	}
	s3 := &IngestionS3InputConfiguration{Bucket: bucket}
	if flags&tcWithPrefix != 0 {
		s3.Prefix = &prefix
	}
	if flags&tcWithKeyPattern != 0 {
		s3.KeyPattern = keyPattern
	}
	r.IngestionInputConfiguration.S3InputConfiguration = s3
	return r
}

func FuzzValidate(f *testing.F) {
	const (
		token = "6ba7b810-9dad-41d1-80b4-00c04fd430c8"
		name  = "pump-station_7"
		role  = "arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion"
	)
	valid := uint8(tcWithPrefix | tcWithKeyPattern)
	f.Add(token, name, "sensor-data.example", "plant-1/pumps/", KeyPatternSlash, role, valid)
	f.Add("", "", "", "", "", "", uint8(0))
	f.Add("", "", "", "", "", "", uint8(tcNilRequest))
	f.Add(token, name, "", "", "", role, uint8(tcNilInput))
	f.Add(token, name, "", "", "", role, uint8(tcNilS3))
	f.Add(token, name, "abc", "", "", role, valid)
	f.Add("é", "a b", "AB", "/", "x", "abc", valid)
	f.Add(token+"\xff", name+"\n", "a..b", "\u0100/", KeyPatternDot+" ", role+"\u2028", valid)
	// Long enough, all of them, for the Message to reach its cap.
	f.Add(strings.Repeat("t", 257), strings.Repeat("d", 201), strings.Repeat("b", 64),
		strings.Repeat("p", 300)+"\xff", strings.Repeat("k", 300)+"\xff", "x"+role+"\xff", valid)
	f.Add(strings.Repeat("\x00", 300), strings.Repeat("\xff", 300), strings.Repeat("\u202e", 100),
		strings.Repeat("\t", 300), strings.Repeat("\U000e0001", 100), strings.Repeat("\u2029", 300), valid)
	f.Fuzz(func(t *testing.T, token, dataset, bucket, prefix, keyPattern, role string, flags uint8) {
		r := tcBuildRequest(token, dataset, bucket, prefix, keyPattern, role, flags)
		before := tcBuildRequest(token, dataset, bucket, prefix, keyPattern, role, flags)
		err := r.Validate()
		got := tcFieldsOf(t, err) // and the Message is the oracle's
		if want := ReferenceValidate(r); !tcSameFields(got, want) {
			t.Fatalf("Validate:\n got %s\nwant %s", tcFmtFields(got), tcFmtFields(want))
		}
		if err != nil {
			tcMessageSafe(t, err.(*ValidationException).Message)
		}
		if !reflect.DeepEqual(r, before) {
			t.Fatal("Validate changed the request")
		}
	})
}

func FuzzValidateResponse(f *testing.F) {
	f.Add("", "")
	f.Add("0123456789abcdefABCDEF0123456789", "SUCCESS")
	f.Add("0123456789abcdefABCDEF01234567890", "DONE")
	f.Add("\xff", "FAILED\xff")
	f.Fuzz(func(t *testing.T, id, status string) {
		r := &StartDataIngestionJobResponse{JobId: &id, Status: IngestionJobStatus(status)}
		err := r.Validate()
		got := tcFieldsOf(t, err)
		if want := ReferenceValidateResponse(r); !tcSameFields(got, want) {
			t.Fatalf("Validate:\n got %s\nwant %s", tcFmtFields(got), tcFmtFields(want))
		}
		if err != nil {
			tcMessageSafe(t, err.(*ValidationException).Message)
		}
	})
}
