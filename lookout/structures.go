package lookout

import "errors"

// The structures that several operations share.

// IngestionInputConfiguration specifies the input data of a data ingestion
// job.
type IngestionInputConfiguration struct {
	// S3InputConfiguration is the S3 location of the input data. Required.
	S3InputConfiguration *IngestionS3InputConfiguration `json:"S3InputConfiguration,omitempty" validate:"required"`
}

// IngestionS3InputConfiguration is the S3 location of the input data of a
// data ingestion job.
type IngestionS3InputConfiguration struct {
	// Bucket is the name of the S3 bucket: 3 to 63 characters matching
	// ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$. Required.
	Bucket string `json:"Bucket,omitempty" validate:"required,lookout_s3_bucket"`

	// KeyPattern says how the objects' keys are laid out: absent (the
	// default {prefix}/{component_name}/*) or one of the documented values,
	// [KeyPatternSlash], [KeyPatternUnderscore], [KeyPatternSpace],
	// [KeyPatternDot] and [KeyPatternHyphen]. Present, it may not be empty.
	// The service requires it on a dataset's first ingestion, which a
	// request alone cannot tell.
	KeyPattern *string `json:"KeyPattern,omitempty" validate:"omitempty,lookout_key_pattern"`

	// Prefix is the key prefix of the input data: absent, empty, or up to
	// 1024 characters of TAB, LF, CR and U+0020..U+00FF ending in "/" (at
	// least one character before the "/").
	Prefix *string `json:"Prefix,omitempty" validate:"omitempty,lookout_s3_prefix"`
}

// The documented values of IngestionS3InputConfiguration.KeyPattern: the
// objects of a component are found under {prefix}/{component_name} followed
// by "/" or by one of the delimiters space, ".", "_" and "-".
const (
	KeyPatternSlash      = "{prefix}/{component_name}/*"
	KeyPatternUnderscore = "{prefix}/{component_name}_*"
	KeyPatternSpace      = "{prefix}/{component_name} *"
	KeyPatternDot        = "{prefix}/{component_name}.*"
	KeyPatternHyphen     = "{prefix}/{component_name}-*"
)

// Tag is a key-value pair attached to a resource. Both members are
// required and both are always sent: a Tag with an empty Value is a tag
// whose value is empty, which the service accepts; one with an empty Key is
// refused for its length.
type Tag struct {
	// Key is the tag's key: 1 to 128 characters of letters, digits and
	// + , - . / : ; < = _, not beginning with "aws:".
	Key string `json:"Key" validate:"lookout_tag_key"`
	// Value is the tag's value: 0 to 256 characters of letters, digits,
	// ASCII whitespace and + , - . / : ; < = _ @.
	Value string `json:"Value" validate:"lookout_tag_value"`
}

// DatasetSchema holds a dataset's schema.
type DatasetSchema struct {
	// InlineDataSchema is the schema, a JSON document held in a string
	// (see [DataSchema]): 1 to 1,000,000 characters. Empty means absent.
	InlineDataSchema string `json:"InlineDataSchema,omitempty" validate:"omitempty,lookout_inline_data_schema"`
}

// DatasetSummary sums up one dataset, as ListDatasets returns it.
type DatasetSummary struct {
	// CreatedAt is when the dataset was created.
	CreatedAt *Timestamp `json:"CreatedAt,omitempty"`
	// DatasetArn is the dataset's ARN. Empty means absent.
	DatasetArn string `json:"DatasetArn,omitempty" validate:"omitempty,lookout_dataset_arn"`
	// DatasetName is the dataset's name. Empty means absent.
	DatasetName string `json:"DatasetName,omitempty" validate:"omitempty,lookout_dataset_name"`
	// Status is the dataset's status. Empty means absent.
	Status DatasetStatus `json:"Status,omitempty" validate:"omitempty,lookout_dataset_status"`
}

// DataIngestionJobSummary sums up one data ingestion job, as
// ListDataIngestionJobs returns it.
type DataIngestionJobSummary struct {
	// DatasetArn is the ARN of the job's dataset. Empty means absent.
	DatasetArn string `json:"DatasetArn,omitempty" validate:"omitempty,lookout_dataset_arn"`
	// DatasetName is the name of the job's dataset. Empty means absent.
	DatasetName string `json:"DatasetName,omitempty" validate:"omitempty,lookout_dataset_name"`
	// IngestionInputConfiguration is where the job read its data.
	IngestionInputConfiguration *IngestionInputConfiguration `json:"IngestionInputConfiguration,omitempty"`
	// JobId identifies the job. Empty means absent.
	JobId string `json:"JobId,omitempty" validate:"omitempty,lookout_job_id"`
	// Status is the job's status. Empty means absent.
	Status IngestionJobStatus `json:"Status,omitempty" validate:"omitempty,lookout_job_status"`
}

// The declarations of the shared structures.
var (
	ingestionInputConfigurationDecl = structDecl[IngestionInputConfiguration]{
		kind: Kind{Name: "IngestionInputConfiguration", Type: TypeStructure},
		fields: []field[IngestionInputConfiguration]{
			structMember("S3InputConfiguration", true, &ingestionS3InputConfigurationDecl,
				func(v *IngestionInputConfiguration) **IngestionS3InputConfiguration { return &v.S3InputConfiguration }),
		},
	}

	ingestionS3InputConfigurationDecl = structDecl[IngestionS3InputConfiguration]{
		kind: Kind{Name: "IngestionS3InputConfiguration", Type: TypeStructure},
		fields: []field[IngestionS3InputConfiguration]{
			stringMember("Bucket", &kindS3Bucket, true, true,
				func(v *IngestionS3InputConfiguration) *string { return &v.Bucket }),
			withNote(optionalString("KeyPattern", &kindKeyPattern, false,
				func(v *IngestionS3InputConfiguration) **string { return &v.KeyPattern }),
				"Absent means the default {prefix}/{component_name}/*. "+
					"The service requires it on a dataset's first ingestion, which a request alone cannot tell."),
			optionalString("Prefix", &kindS3Prefix, false,
				func(v *IngestionS3InputConfiguration) **string { return &v.Prefix }),
		},
	}

	tagDecl = structDecl[Tag]{
		kind: kindTag,
		fields: []field[Tag]{
			stringMember("Key", &kindTagKey, true, false, func(v *Tag) *string { return &v.Key }),
			stringMember("Value", &kindTagValue, true, false, func(v *Tag) *string { return &v.Value }),
		},
	}

	datasetSchemaDecl = structDecl[DatasetSchema]{
		kind: Kind{Name: "DatasetSchema", Type: TypeStructure},
		fields: []field[DatasetSchema]{
			stringMember("InlineDataSchema", &kindInlineDataSchema, false, true,
				func(v *DatasetSchema) *string { return &v.InlineDataSchema }),
		},
	}

	datasetSummaryDecl = structDecl[DatasetSummary]{
		kind: Kind{Name: "DatasetSummary", Type: TypeStructure},
		fields: []field[DatasetSummary]{
			plainMember("CreatedAt", &kindTimestamp, false, func(v *DatasetSummary) **Timestamp { return &v.CreatedAt }),
			stringMember("DatasetArn", &kindDatasetArn, false, true, func(v *DatasetSummary) *string { return &v.DatasetArn }),
			stringMember("DatasetName", &kindDatasetName, false, true, func(v *DatasetSummary) *string { return &v.DatasetName }),
			stringMember("Status", &kindDatasetStatus, false, true, func(v *DatasetSummary) *DatasetStatus { return &v.Status }),
		},
	}
	kindDatasetSummaries = Kind{Name: "DatasetSummaries", Type: TypeList}

	dataIngestionJobSummaryDecl = structDecl[DataIngestionJobSummary]{
		kind: Kind{Name: "DataIngestionJobSummary", Type: TypeStructure},
		fields: []field[DataIngestionJobSummary]{
			stringMember("DatasetArn", &kindDatasetArn, false, true,
				func(v *DataIngestionJobSummary) *string { return &v.DatasetArn }),
			stringMember("DatasetName", &kindDatasetName, false, true,
				func(v *DataIngestionJobSummary) *string { return &v.DatasetName }),
			structMember("IngestionInputConfiguration", false, &ingestionInputConfigurationDecl,
				func(v *DataIngestionJobSummary) **IngestionInputConfiguration { return &v.IngestionInputConfiguration }),
			stringMember("JobId", &kindIngestionJobId, false, true,
				func(v *DataIngestionJobSummary) *string { return &v.JobId }),
			stringMember("Status", &kindIngestionJobStatus, false, true,
				func(v *DataIngestionJobSummary) *IngestionJobStatus { return &v.Status }),
		},
	}
	kindDataIngestionJobSummaries = Kind{Name: "DataIngestionJobSummaries", Type: TypeList}
	kindSensorStatisticsSummaries = Kind{Name: "SensorStatisticsSummaries", Type: TypeList}
)

// withNote returns f with the member's note set.
func withNote[T any](f field[T], note string) field[T] {
	f.note = note
	return f
}

// schemaDocumentViolations appends the violations of doc as a data schema
// (see [ParseDataSchema]), each a ConstraintSchema at path.
func schemaDocumentViolations(fs []FieldError, path, doc string) []FieldError {
	_, err := ParseDataSchema(doc)
	var se *SchemaError
	if !errors.As(err, &se) {
		return fs
	}
	for i := range se.Violations {
		fs = append(fs, FieldError{Path: path, Constraint: ConstraintSchema, Value: doc, Schema: &se.Violations[i]})
	}
	return fs
}

// schemaDocumentOK reports whether doc is a valid data schema.
func schemaDocumentOK(doc string) bool {
	_, err := ParseDataSchema(doc)
	return err == nil
}
