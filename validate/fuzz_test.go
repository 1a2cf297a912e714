package validate_test

import (
	"testing"

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
		s3.KeyPattern = &keyPattern
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
			if s3.KeyPattern == nil {
				shape |= shapeNoKeyPattern
			} else {
				keyPattern = *s3.KeyPattern
			}
		}
		f.Add(r.ClientToken, r.DatasetName, bucket, prefix, keyPattern, r.RoleArn, shape)
	}
	f.Fuzz(func(t *testing.T, token, dataset, bucket, prefix, keyPattern, roleArn string, shape uint8) {
		r := fuzzRequest(token, dataset, bucket, prefix, keyPattern, roleArn, shape)
		requireSameVerdict(t, r.Validate(), validate.Struct(r))
	})
}
