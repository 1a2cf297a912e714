package main

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// fieldErrors returns the violations that check finds in value.
func fieldErrors(t *testing.T, check func(string) error, value string) []lookout.FieldError {
	t.Helper()
	var ve *lookout.ValidationException
	require.True(t, errors.As(check(value), &ve), "%q must fail", value)
	require.NotEmpty(t, ve.Fields)
	return ve.Fields
}

func TestHintFor(t *testing.T) {
	t.Parallel()
	const delimiters = `a delimiter goes between {component_name} and *, one of "/", "_", " ", ".", "-", ` +
		`as in "{prefix}/{component_name}/*"`
	tests := []struct {
		name  string
		check func(string) error
		value string
		want  string // the hint of the first violation that has one; "" for none
	}{
		// Prefix
		{"prefix without its slash", lookout.CheckPrefix, "plant-1/pumps",
			`a Prefix other than "" ends with "/": "plant-1/pumps/"`},
		{"one-segment prefix without its slash", lookout.CheckPrefix, "pumps",
			`a Prefix other than "" ends with "/": "pumps/"`},
		{"prefix of the longest length without its slash", lookout.CheckPrefix, repeat("a", 1023),
			`a Prefix other than "" ends with "/": "` + repeat("a", 1023) + `/"`},
		{"prefix too long even with a slash", lookout.CheckPrefix, repeat("a", 1024), ""},
		{"prefix with a character the pattern refuses", lookout.CheckPrefix, "plant€/", ""},

		// Bucket
		{"bucket as an s3 URL", lookout.CheckBucket, "s3://sensor-data.example",
			`Bucket is the bucket's name alone, without "s3://": "sensor-data.example"`},
		{"bucket as an s3 URL with a trailing slash", lookout.CheckBucket, "s3://sensor-data.example/",
			`Bucket is the bucket's name alone, without "s3://": "sensor-data.example"`},
		{"bucket as an s3 URL with a key", lookout.CheckBucket, "s3://sensor-data.example/plant-1/pumps",
			`Bucket is the bucket's name alone, without "s3://": "sensor-data.example"; ` +
				`the rest of the path goes in Prefix: "plant-1/pumps/"`},
		{"bucket as an upper-case S3 URL", lookout.CheckBucket, "S3://sensor-data.example/plant-1/",
			`Bucket is the bucket's name alone, without "s3://": "sensor-data.example"; ` +
				`the rest of the path goes in Prefix: "plant-1/"`},
		{"bucket as an s3 URL to a bad name", lookout.CheckBucket, "s3://Sensor_Data",
			`Bucket is the bucket's name alone, without "s3://"`},
		{"bucket as an ARN", lookout.CheckBucket, "arn:aws:s3:::sensor-data.example",
			`Bucket is the bucket's name, not its ARN: "sensor-data.example"`},
		{"bucket as the ARN of an object", lookout.CheckBucket, "arn:aws-cn:s3:::sensor-data.example/plant-1/x.csv",
			`Bucket is the bucket's name, not its ARN: "sensor-data.example"`},
		{"bucket as the ARN of another service", lookout.CheckBucket, "arn:aws:iam::123456789012:role/r", ""},
		{"bucket with upper case", lookout.CheckBucket, "SensorData", ""},

		// RoleArn
		{"role ARN is a bucket's", lookout.CheckRoleArn, "arn:aws:s3:::sensor-data.example",
			"RoleArn is the ARN of the IAM role that the service assumes to read the data " +
				"(arn:aws:iam::ACCOUNT:role/NAME), not the ARN of the bucket"},
		{"role ARN is a user's", lookout.CheckRoleArn, "arn:aws:iam::123456789012:user/alice",
			"RoleArn is the ARN of an IAM role that the service assumes (arn:aws:iam::123456789012:role/NAME), " +
				"not of an IAM user"},
		{"role ARN is a user's, other partition", lookout.CheckRoleArn, "arn:aws-us-gov:iam::123456789012:user/alice",
			"RoleArn is the ARN of an IAM role that the service assumes (arn:aws-us-gov:iam::123456789012:role/NAME), " +
				"not of an IAM user"},
		{"role ARN is a session's", lookout.CheckRoleArn, "arn:aws:sts::123456789012:assumed-role/Ingestion/bob",
			`RoleArn is the ARN of the IAM role, not of a session of it: "arn:aws:iam::123456789012:role/Ingestion"`},
		{"role ARN with a short account", lookout.CheckRoleArn, "arn:aws:iam::1234:role/x", ""},
		{"role ARN that is no ARN", lookout.CheckRoleArn, "LookoutEquipmentIngestion", ""},

		// KeyPattern
		{"key pattern with a hyphen in the placeholder", lookout.CheckKeyPattern, "{prefix}/{component-name}/*",
			`the placeholder is {component_name}, with an underscore; did you mean "{prefix}/{component_name}/*"?`},
		{"key pattern with a hyphen, dot delimiter", lookout.CheckKeyPattern, "{prefix}/{component-name}.*",
			`the placeholder is {component_name}, with an underscore; did you mean "{prefix}/{component_name}.*"?`},
		{"key pattern without a delimiter", lookout.CheckKeyPattern, "{prefix}/{component_name}*", delimiters},
		{"key pattern with a hyphen and no delimiter", lookout.CheckKeyPattern, "{prefix}/{component-name}*",
			"the placeholder is {component_name}, with an underscore; " + delimiters},
		{"key pattern with a hyphen and something else wrong", lookout.CheckKeyPattern, "{component-name}/*",
			"the placeholder is {component_name}, with an underscore"},
		{"key pattern otherwise wrong", lookout.CheckKeyPattern, "{prefix}/*", ""},
		{"empty key pattern", lookout.CheckKeyPattern, "", ""},

		// No hint for the other members.
		{"dataset name", lookout.CheckDatasetName, "s3://pumps", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := ""
			for _, fe := range fieldErrors(t, tt.check, tt.value) {
				if got = hintFor(&fe); got != "" {
					break
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func repeat(s string, n int) string {
	b := make([]byte, 0, len(s)*n)
	for range n {
		b = append(b, s...)
	}
	return string(b)
}

func TestDecodeHint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"YAML mapping", "ClientToken: abc\nDatasetName: pumps\n", yamlHint},
		{"YAML with a document marker", "---\nDatasetName: pumps\n", yamlHint},
		{"YAML with a comment first", "# the request\nDatasetName: pumps\n", yamlHint},
		{"YAML directive", "%YAML 1.2\n---\nDatasetName: pumps\n", yamlHint},
		{"YAML after blank lines", "\n\n  DatasetName: pumps\n", yamlHint},
		{"YAML entry with nothing after the colon", "IngestionInputConfiguration:\n  S3InputConfiguration:\n", yamlHint},
		{"JSON member without its braces", `"DatasetName": "pumps"`, ""},
		{"JSON with a missing comma", "{\"DatasetName\": \"pumps\"\n\"RoleArn\": \"x\"}", ""},
		{"JSON array", `["DatasetName"]`, ""},
		{"a word", "hello", ""},
		{"a URL", "https://example.com/x", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := lookout.DecodeRequest([]byte(tt.doc), new(lookout.StartDataIngestionJobRequest))
			var de *lookout.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tt.want, decodeHint(de, []byte(tt.doc)))
		})
	}
}
