package validate_test

import (
	"errors"
	"fmt"

	"github.com/go-playground/validator/v10"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// Validating a StartDataIngestionJob request: the same violations and
// message as the request's Validate method.
func ExampleStruct() {
	prefix := "plant-1/"
	req := &lookout.StartDataIngestionJobRequest{
		ClientToken: lookout.NewClientToken(),
		DatasetName: "pump station",
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{
				Bucket: "sensor-data",
				Prefix: &prefix,
			},
		},
		RoleArn: "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion",
	}
	err := validate.Struct(req)

	var ve *lookout.ValidationException
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Constraint)
		}
		fmt.Println(ve.Message)
	}
	fmt.Println(err.Error() == req.Validate().Error())
	// Output:
	// DatasetName pattern
	// 1 validation error detected: Value 'pump station' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z_-]{1,200}$
	// true
}

// Adding the lookout tags to a validator that already has its own tags;
// Translate turns its errors into a *lookout.ValidationException.
func ExampleRegister() {
	v := validator.New(validator.WithRequiredStructEnabled())
	if err := v.RegisterValidation("even", func(fl validator.FieldLevel) bool {
		return fl.Field().Int()%2 == 0
	}); err != nil {
		panic(err)
	}
	if err := validate.Register(v); err != nil {
		panic(err)
	}

	type batch struct {
		Size    int    `json:"size" validate:"even"`
		Dataset string `json:"dataset" validate:"lookout_dataset_name"`
		Mode    string `json:"mode" validate:"oneof=full delta"`
	}
	good := batch{Size: 2, Dataset: "pumps", Mode: "full"}
	fmt.Println(v.Struct(good))

	bad := batch{Size: 2, Dataset: "pumps/7", Mode: "all"}
	err := validate.Translate(bad, v.Struct(bad))
	fmt.Println(err)
	// Output:
	// <nil>
	// ValidationException: 2 validation errors detected: Value 'pumps/7' at 'dataset' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z_-]{1,200}$; Value 'all' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [full, delta]
}

// A service's own struct that carries the same values as the request: the
// same rules and the same errors, under its own JSON names.
func Example_userStruct() {
	type ingestionConfig struct {
		Role    string  `json:"role" validate:"required,lookout_role_arn"`
		Dataset string  `json:"dataset" validate:"required,lookout_dataset_name"`
		Backup  *string `json:"backupDataset,omitempty" validate:"omitempty,lookout_dataset_name"`
	}

	fmt.Println(validate.Struct(ingestionConfig{
		Role:    "arn:aws:iam::123456789012:role/Ingestion",
		Dataset: "pumps",
	}))

	err := validate.Struct(ingestionConfig{Role: "arn:aws:iam::123456789012:user/alice"})
	var ve *lookout.ValidationException
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s: %s\n", f.Path, f.Constraint)
		}
	}
	// Output:
	// <nil>
	// role: pattern
	// dataset: required
}

// A struct that mixes the lookout tags with validator/v10's own: one
// *lookout.ValidationException holds every violation, in the order of the
// fields; a tag that is not one of the service's constraints keeps its
// name.
func ExampleStruct_mixedTags() {
	type signup struct {
		Dataset string   `json:"dataset" validate:"required,lookout_dataset_name"`
		Email   string   `json:"email" validate:"required,email"`
		Limit   *int32   `json:"limit,omitempty" validate:"omitempty,lookout_max_results"`
		Tags    []string `json:"tags" validate:"min=1"`
	}
	limit := int32(1000)
	err := validate.Struct(signup{Dataset: "pumps", Email: "ops@", Limit: &limit})

	var ve *lookout.ValidationException
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s %s %q\n", f.Path, f.Constraint, f.Tag)
		}
		fmt.Println(ve.Message)
	}
	// Output:
	// email tag "email"
	// limit max_value ""
	// tags tag "min=1"
	// 3 validation errors detected: Value 'ops@' at 'email' failed to satisfy constraint: Member must satisfy validate tag email; Value '1000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500; Value '[]' at 'tags' failed to satisfy constraint: Member must satisfy validate tag min=1
}
