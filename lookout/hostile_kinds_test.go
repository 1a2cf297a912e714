package lookout_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// Hostile values of the kinds that StartDataIngestionJob does not have:
// each through its Check function (against the oracle), and, set in a
// request that is valid otherwise, through Validate and through the wire
// (DecodeRequest, then Presence.Validate): the same violations at the
// member's path, a safe and bounded message, never a panic.

// hostileKindRequests gives, for each kind, a request that is valid but
// for the member of that kind set to v, and that member's path.
var hostileKindRequests = map[string]func(v string) (lookout.Request, string){
	"DatasetIdentifier": func(v string) (lookout.Request, string) {
		return &lookout.DescribeDatasetRequest{DatasetName: v}, "DatasetName"
	},
	"NextToken": func(v string) (lookout.Request, string) {
		return &lookout.ListDatasetsRequest{NextToken: new(v)}, "NextToken"
	},
	"NameOrArn": func(v string) (lookout.Request, string) {
		return &lookout.CreateDatasetRequest{ClientToken: "t", DatasetName: "d", ServerSideKmsKeyId: v}, "ServerSideKmsKeyId"
	},
	"TagKey": func(v string) (lookout.Request, string) {
		return &lookout.CreateDatasetRequest{ClientToken: "t", DatasetName: "d",
			Tags: []lookout.Tag{{Key: "ok", Value: new("ok")}, {Key: v, Value: new("v")}}}, "Tags.2.member.Key"
	},
	"TagValue": func(v string) (lookout.Request, string) {
		return &lookout.CreateDatasetRequest{ClientToken: "t", DatasetName: "d",
			Tags: []lookout.Tag{{Key: "k", Value: &v}}}, "Tags.1.member.Value"
	},
	"InlineDataSchema": func(v string) (lookout.Request, string) {
		return &lookout.CreateDatasetRequest{ClientToken: "t", DatasetName: "d",
			DatasetSchema: &lookout.DatasetSchema{InlineDataSchema: v}}, "DatasetSchema.InlineDataSchema"
	},
	"JobStatus": func(v string) (lookout.Request, string) {
		return &lookout.ListDataIngestionJobsRequest{Status: lookout.IngestionJobStatus(v)}, "Status"
	},
}

// hostileKindChecks maps each kind to its Check function.
var hostileKindChecks = map[string]func(string) error{
	"DatasetIdentifier":   lookout.CheckDatasetIdentifier,
	"S3Key":               lookout.CheckS3Key,
	"NextToken":           lookout.CheckNextToken,
	"ComponentName":       lookout.CheckComponentName,
	"SensorName":          lookout.CheckSensorName,
	"DatasetArn":          lookout.CheckDatasetArn,
	"KmsKeyArn":           lookout.CheckKmsKeyArn,
	"NameOrArn":           lookout.CheckNameOrArn,
	"TagKey":              lookout.CheckTagKey,
	"TagValue":            lookout.CheckTagValue,
	"BoundedLengthString": lookout.CheckBoundedLengthString,
	"InlineDataSchema":    lookout.CheckInlineDataSchema,
	"JobStatus":           func(s string) error { return lookout.CheckJobStatus(lookout.IngestionJobStatus(s)) },
	"DatasetStatus":       func(s string) error { return lookout.CheckDatasetStatus(lookout.DatasetStatus(s)) },
}

const (
	cMin    = lookout.ConstraintMinLength
	cSchema = lookout.ConstraintSchema
)

var hostileKindValues = []struct {
	kind, name, value string
	want              []lookout.Constraint
}{
	// Lookalikes and invisible characters.
	{"DatasetIdentifier", "Cyrillic a", "pump-st\u0430tion", []lookout.Constraint{cPattern}},
	{"DatasetIdentifier", "right-to-left override", "pump\u202e7", []lookout.Constraint{cPattern}},
	{"DatasetIdentifier", "zero-width space", "pump\u200b", []lookout.Constraint{cPattern}},
	{"DatasetIdentifier", "10 MiB", strings.Repeat("d", 10<<20), []lookout.Constraint{cMax, cPattern}},
	{"ComponentName", "path traversal", "../pump", []lookout.Constraint{cPattern}},
	{"ComponentName", "dots only", "..", nil},
	{"SensorName", "SQL", "p'; DROP TABLE sensors;--", []lookout.Constraint{cPattern}},
	{"SensorName", "full-width digits", "\uff10\uff11", []lookout.Constraint{cPattern}},
	// Tags: the lookahead and the range.
	{"TagKey", "aws: prefix", "aws:createdBy", []lookout.Constraint{cPattern}},
	{"TagKey", "aws: with a right-to-left override before it", "\u202eaws:x", []lookout.Constraint{cPattern}},
	{"TagKey", "aws: with full-width colon", "aws\uff1ax", []lookout.Constraint{cPattern}},
	{"TagKey", "Aws: (case differs)", "Aws:x", nil},
	{"TagKey", "angle bracket in the range", "a<b", nil},
	{"TagKey", "closing angle bracket outside", "a>b", []lookout.Constraint{cPattern}},
	{"TagKey", "invalid UTF-8", "aws:\xff", []lookout.Constraint{cUTF8, cPattern}},
	{"TagKey", "10 MiB", strings.Repeat("k", 10<<20), []lookout.Constraint{cMax}},
	{"TagValue", "HTML", "<script>alert(1)</script>", []lookout.Constraint{cPattern}},
	{"TagValue", "every ASCII white space", " \t\n\v\f\r", nil},
	{"TagValue", "non-breaking space (not Java's \\s)", "a\u00a0b", []lookout.Constraint{cPattern}},
	{"TagValue", "10 MiB", strings.Repeat("v", 10<<20), []lookout.Constraint{cMax}},
	// ARNs.
	{"DatasetArn", "no suffix after the name", "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pumps/", []lookout.Constraint{cPattern}},
	{"DatasetArn", "line separator in the suffix", "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pumps/a\u2028b", []lookout.Constraint{cPattern}},
	{"DatasetArn", "10 MiB suffix", "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pumps/" + strings.Repeat("x", 10<<20), []lookout.Constraint{cMax}},
	{"DatasetArn", "10 MiB of colons", strings.Repeat(":", 10<<20), []lookout.Constraint{cMax, cPattern}},
	{"KmsKeyArn", "Arabic-Indic digits in the account", "arn:aws:kms:r:\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662:k", []lookout.Constraint{cPattern}},
	{"KmsKeyArn", "10 MiB of partition", "arn:aws" + strings.Repeat("-", 10<<20), []lookout.Constraint{cMax, cPattern}},
	{"NameOrArn", "starts with a slash", "/alias", []lookout.Constraint{cPattern}},
	{"NameOrArn", "10 MiB", strings.Repeat("a", 10<<20), []lookout.Constraint{cMax, cPattern}},
	// Keys and texts.
	{"S3Key", "ends with a slash", "plant-1/pumps/", []lookout.Constraint{cPattern}},
	{"S3Key", "10 MiB", strings.Repeat("k", 10<<20), []lookout.Constraint{cMax, cPattern}},
	{"S3Key", "NUL and line terminators", "a\x00\n\r\u2028b", nil},
	{"NextToken", "10 MiB", strings.Repeat("t", 10<<20), []lookout.Constraint{cMax, cPattern}},
	{"NextToken", "a byte-order mark", "\ufefftoken", []lookout.Constraint{cPattern}},
	{"NextToken", "control characters are ASCII", "\x00\x1b[2J", nil},
	{"BoundedLengthString", "10 MiB", strings.Repeat("m", 10<<20), []lookout.Constraint{cMax, cPattern}},
	{"BoundedLengthString", "5000 astral characters", strings.Repeat("\U0001F600", 5000), nil},
	{"JobStatus", "status with a NUL", "SUCCESS\x00", []lookout.Constraint{cEnum}},
	{"JobStatus", "10 MiB", strings.Repeat("S", 10<<20), []lookout.Constraint{cEnum}},
	{"DatasetStatus", "lower case", "active", []lookout.Constraint{cEnum}},
	// The schema document: JSON that other readers read otherwise.
	{"InlineDataSchema", "a duplicate member", `{"Components":[],"Components":[{"ComponentName":"p","Columns":[{"Name":"t","Type":"DATETIME"},{"Name":"s","Type":"DOUBLE"}]}]}`, []lookout.Constraint{cSchema, cSchema}},
	{"InlineDataSchema", "a miscased member", `{"components":[]}`, []lookout.Constraint{cSchema, cSchema}},
	{"InlineDataSchema", "deep nesting", strings.Repeat("[", 100000), []lookout.Constraint{cSchema, cSchema}},
	{"InlineDataSchema", "1,000,001 characters", strings.Repeat(" ", 1000001), []lookout.Constraint{cMax}},
	{"InlineDataSchema", "empty", "", nil}, // absent in the request; present and too short for Check
}

func TestHostileKindValues(t *testing.T) {
	t.Parallel()
	for _, tt := range hostileKindValues {
		t.Run(tt.kind+": "+tt.name, func(t *testing.T) {
			t.Parallel()
			check := hostileKindChecks[tt.kind]
			require.NotNil(t, check, tt.kind)
			fields := hostileFields(t, check(tt.value))
			assert.Equal(t, lookout.ReferenceCheck(tt.kind, tt.value), fields, "the oracle")
			if tt.value == "" {
				return
			}
			var got []lookout.Constraint
			for _, f := range fields {
				got = append(got, f.Constraint)
				if f.Constraint != lookout.ConstraintRequired {
					assert.True(t, len(f.Value) == len(tt.value), "the value is kept whole")
				}
			}
			assert.Equal(t, tt.want, got)
			if len(tt.value) <= 1<<20 && len(fields) > 0 {
				assert.Less(t, len(lookout.NewValidationException(fields).Message), 5000*4)
			}

			mk, ok := hostileKindRequests[tt.kind]
			if !ok {
				return
			}
			req, path := mk(tt.value)
			verr := req.Validate()
			vf := hostileFields(t, verr)
			require.Len(t, vf, len(fields), "Validate")
			for i := range vf {
				assert.Equal(t, path, vf[i].Path)
				assert.Equal(t, fields[i].Constraint, vf[i].Constraint)
			}
			if len(tt.value) < 1<<20 {
				// Through the wire: the body json.Marshal writes.
				body, err := json.Marshal(req)
				require.NoError(t, err)
				if strings.Contains(string(body), "\\ufffd") {
					return // encoding/json changed the value
				}
				fresh, _ := mk("")
				p, err := lookout.DecodeRequest(body, fresh)
				if err != nil {
					return // a body over its operation's limit
				}
				werr := p.Validate(fresh)
				if verr == nil {
					assert.NoError(t, werr)
				} else {
					require.Error(t, werr)
					assert.Equal(t, verr.Error(), werr.Error(), "the wire reads the value as Validate does")
				}
			}
		})
	}
}
