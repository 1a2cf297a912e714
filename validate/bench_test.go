package validate_test

import (
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// The baseline: the request's shape with only validator/v10's built-in
// length tags, which check less (no pattern, no enum, no UTF-8).
type (
	baselineRequest struct {
		ClientToken                 string         `json:"ClientToken,omitempty" validate:"required,min=1,max=256"`
		DatasetName                 string         `json:"DatasetName,omitempty" validate:"required,min=1,max=200"`
		IngestionInputConfiguration *baselineInput `json:"IngestionInputConfiguration,omitempty" validate:"required"`
		RoleArn                     string         `json:"RoleArn,omitempty" validate:"required,min=20,max=2048"`
	}
	baselineInput struct {
		S3InputConfiguration *baselineS3 `json:"S3InputConfiguration,omitempty" validate:"required"`
	}
	baselineS3 struct {
		Bucket     string  `json:"Bucket,omitempty" validate:"required,min=3,max=63"`
		Prefix     *string `json:"Prefix,omitempty" validate:"omitempty,max=1024"`
		KeyPattern string  `json:"KeyPattern,omitempty" validate:"omitempty,min=1,max=2048"`
	}
)

func toBaseline(r *lookout.StartDataIngestionJobRequest) *baselineRequest {
	s3 := r.IngestionInputConfiguration.S3InputConfiguration
	return &baselineRequest{
		ClientToken: r.ClientToken,
		DatasetName: r.DatasetName,
		IngestionInputConfiguration: &baselineInput{S3InputConfiguration: &baselineS3{
			Bucket: s3.Bucket, Prefix: s3.Prefix, KeyPattern: s3.KeyPattern,
		}},
		RoleArn: r.RoleArn,
	}
}

// allInvalid returns a request whose every member breaks a length, so that
// the baseline, which checks only lengths, finds a violation in each too.
func allInvalid() *lookout.StartDataIngestionJobRequest {
	r := testcases.Valid()
	r.ClientToken = ""
	r.DatasetName = strings.Repeat("d", 201)
	r.IngestionInputConfiguration.S3InputConfiguration.Bucket = "ab"
	r.IngestionInputConfiguration.S3InputConfiguration.Prefix = testcases.Ptr(strings.Repeat("p", 1024) + "/")
	r.IngestionInputConfiguration.S3InputConfiguration.KeyPattern = ""
	r.RoleArn = "arn:aws:iam::1:role/"
	return r
}

func BenchmarkStruct(b *testing.B) {
	for _, bc := range []struct {
		name    string
		request *lookout.StartDataIngestionJobRequest
		valid   bool
	}{
		{"valid", testcases.Valid(), true},
		{"all-invalid", allInvalid(), false},
	} {
		b.Run("validate.Struct/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := validate.Struct(bc.request); (err == nil) != bc.valid {
					b.Fatal(err)
				}
			}
		})
		b.Run("baseline/"+bc.name, func(b *testing.B) {
			v := validator.New(validator.WithRequiredStructEnabled())
			v.RegisterTagNameFunc(validate.JSONName)
			req := toBaseline(bc.request)
			b.ReportAllocs()
			for b.Loop() {
				if err := v.Struct(req); (err == nil) != bc.valid {
					b.Fatal(err)
				}
			}
		})
		if !bc.valid {
			// The baseline's errors with a message, as a service
			// that reports them needs: validator/v10's Error.
			b.Run("baseline+message/"+bc.name, func(b *testing.B) {
				v := validator.New(validator.WithRequiredStructEnabled())
				v.RegisterTagNameFunc(validate.JSONName)
				req := toBaseline(bc.request)
				b.ReportAllocs()
				for b.Loop() {
					err := v.Struct(req)
					if err == nil || err.Error() == "" {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run("lookout.Validate/"+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.request.Validate(); (err == nil) != bc.valid {
					b.Fatal(err)
				}
			}
		})
	}
}
