// Package testcases holds the StartDataIngestionJob request cases that the
// tests of several packages share: the lookout package's table tests, and
// the validate package's differential test, which checks that validate.Struct
// reports the same violations as Validate for each of them.
package testcases

import (
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// Case is one request and the violations it must give.
type Case struct {
	// Name names the case in test output.
	Name string
	// Request builds the request. It is a function so that each test gets
	// its own copy to change.
	Request func() *lookout.StartDataIngestionJobRequest
	// Want lists the violations Validate must report, in order; nil for a
	// valid request.
	Want []lookout.FieldError
	// Message is the exact Message of the ValidationException; "" for a
	// valid request.
	Message string
}

// Ptr returns a pointer to s, for the optional members.
func Ptr(s string) *string { return &s }

// Valid returns a typical valid request, new on each call.
func Valid() *lookout.StartDataIngestionJobRequest {
	return &lookout.StartDataIngestionJobRequest{
		ClientToken: "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
		DatasetName: "pump-station_7",
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{
				Bucket:     "sensor-data.example",
				Prefix:     Ptr("plant-1/pumps/"),
				KeyPattern: lookout.KeyPatternSlash,
			},
		},
		RoleArn: "arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion",
	}
}

// with returns a Request function that changes a Valid request with change.
func with(change func(r *lookout.StartDataIngestionJobRequest)) func() *lookout.StartDataIngestionJobRequest {
	return func() *lookout.StartDataIngestionJobRequest {
		r := Valid()
		change(r)
		return r
	}
}

// s3 returns r's S3 input configuration.
func s3(r *lookout.StartDataIngestionJobRequest) *lookout.IngestionS3InputConfiguration {
	return r.IngestionInputConfiguration.S3InputConfiguration
}

// The members' wire paths.
const (
	pathClientToken = "ClientToken"
	pathDatasetName = "DatasetName"
	pathInput       = "IngestionInputConfiguration"
	pathS3          = "IngestionInputConfiguration.S3InputConfiguration"
	pathBucket      = "IngestionInputConfiguration.S3InputConfiguration.Bucket"
	pathPrefix      = "IngestionInputConfiguration.S3InputConfiguration.Prefix"
	pathKeyPattern  = "IngestionInputConfiguration.S3InputConfiguration.KeyPattern"
	pathRoleArn     = "RoleArn"
)

// The patterns, as the service states them (and its messages show them).
const (
	patClientToken = `\p{ASCII}{1,256}`
	patDatasetName = `^[0-9a-zA-Z_-]{1,200}$`
	patBucket      = `^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`
	patPrefix      = `(^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$)`
	patRoleArn     = `arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+`
)

// keyPatterns is KeyPattern's enum, and keyPatternSet its phrase in messages.
var keyPatterns = []string{
	lookout.KeyPatternSlash, lookout.KeyPatternUnderscore, lookout.KeyPatternSpace,
	lookout.KeyPatternDot, lookout.KeyPatternHyphen,
}

const keyPatternSet = "[{prefix}/{component_name}/*, {prefix}/{component_name}_*, {prefix}/{component_name} *, " +
	"{prefix}/{component_name}.*, {prefix}/{component_name}-*]"

// roleBase is the shortest role ARN but for the role's name.
const roleBase = "arn:aws:iam::123456789012:role/"

var rep = strings.Repeat

// Requests lists the shared cases. Every case's Want and Message are exact.
var Requests = []Case{
	{Name: "valid", Request: Valid},
	{
		Name: "valid: only the required members",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) {
			s3(r).Prefix, s3(r).KeyPattern = nil, ""
		}),
	},
	{
		Name:    "valid: empty prefix",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).Prefix = Ptr("") }),
	},
	{
		Name:    "valid: key pattern with underscore",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).KeyPattern = lookout.KeyPatternUnderscore }),
	},
	{
		Name:    "valid: key pattern with space",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).KeyPattern = lookout.KeyPatternSpace }),
	},
	{
		Name:    "valid: key pattern with dot",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).KeyPattern = lookout.KeyPatternDot }),
	},
	{
		Name:    "valid: key pattern with hyphen",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).KeyPattern = lookout.KeyPatternHyphen }),
	},
	{
		Name: "valid: shortest values",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) {
			r.ClientToken, r.DatasetName, r.RoleArn = "a", "a", roleBase+"a"
			s3(r).Bucket, s3(r).Prefix = "abc", Ptr("a/")
		}),
	},
	{
		Name: "valid: longest values",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) {
			r.ClientToken = rep("t", 256)
			r.DatasetName = rep("d", 200)
			r.RoleArn = "arn:aws-us-gov:iam::123456789012:role/" + rep("r", 2048-38)
			s3(r).Bucket = "b" + rep("-", 61) + "b"
			s3(r).Prefix = Ptr(rep("é", 1023) + "/") // 1024 characters, 2047 bytes
		}),
	},
	{
		Name: "valid: characters at the edges of the classes",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) {
			r.ClientToken = "\x00\x7f"
			r.DatasetName = "09azAZ_-"
			r.RoleArn = roleBase + "a\x0b\x0c\x1c\u0084\u0086"
			s3(r).Bucket = "0.-z"
			s3(r).Prefix = Ptr("\t\n\r \u00ff/")
		}),
	},
	{
		Name:    "empty request",
		Request: func() *lookout.StartDataIngestionJobRequest { return &lookout.StartDataIngestionJobRequest{} },
		Want: []lookout.FieldError{
			{Path: pathClientToken, Constraint: lookout.ConstraintRequired},
			{Path: pathDatasetName, Constraint: lookout.ConstraintRequired},
			{Path: pathInput, Constraint: lookout.ConstraintRequired},
			{Path: pathRoleArn, Constraint: lookout.ConstraintRequired},
		},
		Message: "4 validation errors detected: " +
			"Value null at 'clientToken' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'datasetName' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'ingestionInputConfiguration' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
	},
	{
		Name:    "absent client token",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.ClientToken = "" }),
		Want:    []lookout.FieldError{{Path: pathClientToken, Constraint: lookout.ConstraintRequired}},
		Message: "1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null",
	},
	{
		Name:    "absent dataset name",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.DatasetName = "" }),
		Want:    []lookout.FieldError{{Path: pathDatasetName, Constraint: lookout.ConstraintRequired}},
		Message: "1 validation error detected: Value null at 'datasetName' failed to satisfy constraint: Member must not be null",
	},
	{
		Name:    "absent input configuration",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.IngestionInputConfiguration = nil }),
		Want:    []lookout.FieldError{{Path: pathInput, Constraint: lookout.ConstraintRequired}},
		Message: "1 validation error detected: Value null at 'ingestionInputConfiguration' failed to satisfy constraint: Member must not be null",
	},
	{
		Name: "absent S3 input configuration",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) {
			r.IngestionInputConfiguration.S3InputConfiguration = nil
		}),
		Want: []lookout.FieldError{{Path: pathS3, Constraint: lookout.ConstraintRequired}},
		Message: "1 validation error detected: Value null at 'ingestionInputConfiguration.s3InputConfiguration' " +
			"failed to satisfy constraint: Member must not be null",
	},
	{
		Name: "empty S3 input configuration",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) {
			r.IngestionInputConfiguration.S3InputConfiguration = &lookout.IngestionS3InputConfiguration{}
		}),
		Want: []lookout.FieldError{{Path: pathBucket, Constraint: lookout.ConstraintRequired}},
		Message: "1 validation error detected: Value null at 'ingestionInputConfiguration.s3InputConfiguration.bucket' " +
			"failed to satisfy constraint: Member must not be null",
	},
	{
		Name:    "absent role ARN",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.RoleArn = "" }),
		Want:    []lookout.FieldError{{Path: pathRoleArn, Constraint: lookout.ConstraintRequired}},
		Message: "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
	},
	{
		Name: "bucket too short",
		Request: func() *lookout.StartDataIngestionJobRequest {
			r := Valid()
			r.IngestionInputConfiguration.S3InputConfiguration.Bucket = "ab"
			return r
		},
		Want: []lookout.FieldError{
			{Path: "IngestionInputConfiguration.S3InputConfiguration.Bucket", Constraint: lookout.ConstraintMinLength, Limit: 3, Value: "ab"},
			{Path: "IngestionInputConfiguration.S3InputConfiguration.Bucket", Constraint: lookout.ConstraintPattern, Pattern: `^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`, Value: "ab"},
		},
		Message: "2 validation errors detected: " +
			"Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
			"Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]$",
	},
	{
		Name:    "bucket too long",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).Bucket = rep("b", 64) }),
		Want: []lookout.FieldError{
			{Path: pathBucket, Constraint: lookout.ConstraintMaxLength, Limit: 63, Value: rep("b", 64)},
			{Path: pathBucket, Constraint: lookout.ConstraintPattern, Pattern: patBucket, Value: rep("b", 64)},
		},
		Message: "2 validation errors detected: " +
			"Value '" + rep("b", 64) + "' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must have length less than or equal to 63; " +
			"Value '" + rep("b", 64) + "' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patBucket,
	},
	{
		Name:    "bucket in upper case",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).Bucket = "Sensor-Data" }),
		Want:    []lookout.FieldError{{Path: pathBucket, Constraint: lookout.ConstraintPattern, Pattern: patBucket, Value: "Sensor-Data"}},
		Message: "1 validation error detected: Value 'Sensor-Data' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' " +
			"failed to satisfy constraint: Member must satisfy regular expression pattern: " + patBucket,
	},
	{
		// KeyPattern's kind does not admit "": a Go value's "" is the
		// absent member (on the wire, an explicit "" is a violation).
		Name:    "empty key pattern is absent",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).KeyPattern = "" }),
	},
	{
		Name:    "undocumented key pattern",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).KeyPattern = "{prefix}/{component_name}*" }),
		Want: []lookout.FieldError{
			{Path: pathKeyPattern, Constraint: lookout.ConstraintEnum, Enum: keyPatterns, Value: "{prefix}/{component_name}*"},
		},
		Message: "1 validation error detected: Value '{prefix}/{component_name}*' at 'ingestionInputConfiguration.s3InputConfiguration.keyPattern' " +
			"failed to satisfy constraint: Member must satisfy enum value set: " + keyPatternSet,
	},
	{
		Name:    "prefix slash alone",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).Prefix = Ptr("/") }),
		Want:    []lookout.FieldError{{Path: pathPrefix, Constraint: lookout.ConstraintPattern, Pattern: patPrefix, Value: "/"}},
		Message: "1 validation error detected: Value '/' at 'ingestionInputConfiguration.s3InputConfiguration.prefix' " +
			"failed to satisfy constraint: Member must satisfy regular expression pattern: " + patPrefix,
	},
	{
		Name:    "prefix too long",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).Prefix = Ptr(rep("p", 1024) + "/") }),
		Want: []lookout.FieldError{
			{Path: pathPrefix, Constraint: lookout.ConstraintMaxLength, Limit: 1024, Value: rep("p", 1024) + "/"},
			{Path: pathPrefix, Constraint: lookout.ConstraintPattern, Pattern: patPrefix, Value: rep("p", 1024) + "/"},
		},
		Message: "2 validation errors detected: " +
			"Value '" + rep("p", 128) + "...' (truncated: 1025 characters) at 'ingestionInputConfiguration.s3InputConfiguration.prefix' " +
			"failed to satisfy constraint: Member must have length less than or equal to 1024; " +
			"Value '" + rep("p", 128) + "...' (truncated: 1025 characters) at 'ingestionInputConfiguration.s3InputConfiguration.prefix' " +
			"failed to satisfy constraint: Member must satisfy regular expression pattern: " + patPrefix,
	},
	{
		Name:    "prefix with a character beyond U+00FF",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { s3(r).Prefix = Ptr("plant\u20ac/") }),
		Want:    []lookout.FieldError{{Path: pathPrefix, Constraint: lookout.ConstraintPattern, Pattern: patPrefix, Value: "plant\u20ac/"}},
		Message: "1 validation error detected: Value 'plant\u20ac/' at 'ingestionInputConfiguration.s3InputConfiguration.prefix' " +
			"failed to satisfy constraint: Member must satisfy regular expression pattern: " + patPrefix,
	},
	{
		Name:    "role ARN too short",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.RoleArn = "abc" }),
		Want: []lookout.FieldError{
			{Path: pathRoleArn, Constraint: lookout.ConstraintMinLength, Limit: 20, Value: "abc"},
			{Path: pathRoleArn, Constraint: lookout.ConstraintPattern, Pattern: patRoleArn, Value: "abc"},
		},
		Message: "2 validation errors detected: " +
			"Value 'abc' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
			"Value 'abc' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patRoleArn,
	},
	{
		Name:    "role ARN too long",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.RoleArn = roleBase + rep("a", 2018) }),
		Want: []lookout.FieldError{
			{Path: pathRoleArn, Constraint: lookout.ConstraintMaxLength, Limit: 2048, Value: roleBase + rep("a", 2018)},
		},
		Message: "1 validation error detected: Value '" + roleBase + rep("a", 128-len(roleBase)) + "...' (truncated: 2049 characters) " +
			"at 'roleArn' failed to satisfy constraint: Member must have length less than or equal to 2048",
	},
	{
		Name:    "role ARN with a line separator",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.RoleArn = roleBase + "a\u2028b" }),
		Want: []lookout.FieldError{
			{Path: pathRoleArn, Constraint: lookout.ConstraintPattern, Pattern: patRoleArn, Value: roleBase + "a\u2028b"},
		},
		Message: "1 validation error detected: Value '" + roleBase + `a\u2028b' at 'roleArn' ` +
			"failed to satisfy constraint: Member must satisfy regular expression pattern: " + patRoleArn,
	},
	{
		Name:    "role ARN with a 13-digit account",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.RoleArn = "arn:aws:iam::1234567890123:role/a" }),
		Want: []lookout.FieldError{
			{Path: pathRoleArn, Constraint: lookout.ConstraintPattern, Pattern: patRoleArn, Value: "arn:aws:iam::1234567890123:role/a"},
		},
		Message: "1 validation error detected: Value 'arn:aws:iam::1234567890123:role/a' at 'roleArn' " +
			"failed to satisfy constraint: Member must satisfy regular expression pattern: " + patRoleArn,
	},
	{
		Name:    "role ARN in an empty partition",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.RoleArn = "arn:aws-:iam::123456789012:role/a" }),
		Want: []lookout.FieldError{
			{Path: pathRoleArn, Constraint: lookout.ConstraintPattern, Pattern: patRoleArn, Value: "arn:aws-:iam::123456789012:role/a"},
		},
		Message: "1 validation error detected: Value 'arn:aws-:iam::123456789012:role/a' at 'roleArn' " +
			"failed to satisfy constraint: Member must satisfy regular expression pattern: " + patRoleArn,
	},
	{
		Name:    "role ARN with a line feed in the partition",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.RoleArn = "arn:aws-\n:iam::123456789012:role/a" }),
	},
	{
		Name:    "client token not ASCII",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.ClientToken = "jeton-\u00e9" }),
		Want: []lookout.FieldError{
			{Path: pathClientToken, Constraint: lookout.ConstraintPattern, Pattern: patClientToken, Value: "jeton-\u00e9"},
		},
		Message: "1 validation error detected: Value 'jeton-\u00e9' at 'clientToken' " +
			"failed to satisfy constraint: Member must satisfy regular expression pattern: " + patClientToken,
	},
	{
		Name:    "client token too long",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.ClientToken = rep("t", 257) }),
		Want: []lookout.FieldError{
			{Path: pathClientToken, Constraint: lookout.ConstraintMaxLength, Limit: 256, Value: rep("t", 257)},
			{Path: pathClientToken, Constraint: lookout.ConstraintPattern, Pattern: patClientToken, Value: rep("t", 257)},
		},
		Message: "2 validation errors detected: " +
			"Value '" + rep("t", 128) + "...' (truncated: 257 characters) at 'clientToken' failed to satisfy constraint: Member must have length less than or equal to 256; " +
			"Value '" + rep("t", 128) + "...' (truncated: 257 characters) at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patClientToken,
	},
	{
		Name:    "dataset name not UTF-8",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.DatasetName = "pump\xff" }),
		Want: []lookout.FieldError{
			{Path: pathDatasetName, Constraint: lookout.ConstraintUTF8, Value: "pump\xff"},
			{Path: pathDatasetName, Constraint: lookout.ConstraintPattern, Pattern: patDatasetName, Value: "pump\xff"},
		},
		Message: "2 validation errors detected: " +
			`Value 'pump\xFF' at 'datasetName' failed to satisfy constraint: Member must be valid UTF-8; ` +
			`Value 'pump\xFF' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: ` + patDatasetName,
	},
	{
		Name:    "dataset name with a control character",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) { r.DatasetName = "pump\x1b[2J" }),
		Want: []lookout.FieldError{
			{Path: pathDatasetName, Constraint: lookout.ConstraintPattern, Pattern: patDatasetName, Value: "pump\x1b[2J"},
		},
		Message: `1 validation error detected: Value 'pump\u001B[2J' at 'datasetName' ` +
			"failed to satisfy constraint: Member must satisfy regular expression pattern: " + patDatasetName,
	},
	{
		Name: "every member invalid",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) {
			r.ClientToken, r.DatasetName, r.RoleArn = "\u00e9", "a b", "abc"
			s3(r).Bucket, s3(r).KeyPattern, s3(r).Prefix = "AB", "x", Ptr("/")
		}),
		Want: []lookout.FieldError{
			{Path: pathClientToken, Constraint: lookout.ConstraintPattern, Pattern: patClientToken, Value: "\u00e9"},
			{Path: pathDatasetName, Constraint: lookout.ConstraintPattern, Pattern: patDatasetName, Value: "a b"},
			{Path: pathBucket, Constraint: lookout.ConstraintMinLength, Limit: 3, Value: "AB"},
			{Path: pathBucket, Constraint: lookout.ConstraintPattern, Pattern: patBucket, Value: "AB"},
			{Path: pathKeyPattern, Constraint: lookout.ConstraintEnum, Enum: keyPatterns, Value: "x"},
			{Path: pathPrefix, Constraint: lookout.ConstraintPattern, Pattern: patPrefix, Value: "/"},
			{Path: pathRoleArn, Constraint: lookout.ConstraintMinLength, Limit: 20, Value: "abc"},
			{Path: pathRoleArn, Constraint: lookout.ConstraintPattern, Pattern: patRoleArn, Value: "abc"},
		},
		Message: "8 validation errors detected: " +
			"Value '\u00e9' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patClientToken + "; " +
			"Value 'a b' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patDatasetName + "; " +
			"Value 'AB' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
			"Value 'AB' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patBucket + "; " +
			"Value 'x' at 'ingestionInputConfiguration.s3InputConfiguration.keyPattern' failed to satisfy constraint: Member must satisfy enum value set: " + keyPatternSet + "; " +
			"Value '/' at 'ingestionInputConfiguration.s3InputConfiguration.prefix' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patPrefix + "; " +
			"Value 'abc' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
			"Value 'abc' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patRoleArn,
	},
	{
		Name: "absent and invalid members together",
		Request: with(func(r *lookout.StartDataIngestionJobRequest) {
			r.ClientToken, r.DatasetName, r.RoleArn = "", "a b", "abc"
			r.IngestionInputConfiguration = nil
		}),
		Want: []lookout.FieldError{
			{Path: pathClientToken, Constraint: lookout.ConstraintRequired},
			{Path: pathDatasetName, Constraint: lookout.ConstraintPattern, Pattern: patDatasetName, Value: "a b"},
			{Path: pathInput, Constraint: lookout.ConstraintRequired},
			{Path: pathRoleArn, Constraint: lookout.ConstraintMinLength, Limit: 20, Value: "abc"},
			{Path: pathRoleArn, Constraint: lookout.ConstraintPattern, Pattern: patRoleArn, Value: "abc"},
		},
		Message: "5 validation errors detected: " +
			"Value null at 'clientToken' failed to satisfy constraint: Member must not be null; " +
			"Value 'a b' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patDatasetName + "; " +
			"Value null at 'ingestionInputConfiguration' failed to satisfy constraint: Member must not be null; " +
			"Value 'abc' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
			"Value 'abc' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patRoleArn,
	},
}
