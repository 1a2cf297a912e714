package lookout

// DescribeDatasetRequest is the input of DescribeDataset.
type DescribeDatasetRequest struct {
	// DatasetName names the dataset: 1 to 200 characters of
	// [0-9a-zA-Z_-]. Required; empty means absent.
	DatasetName string `json:"DatasetName,omitempty" validate:"required,lookout_dataset_identifier"`
}

// DescribeDatasetResponse is the output of DescribeDataset: the dataset,
// its schema, and what its ingestions made of the data. Every member is
// optional; a plain string's empty value and a nil pointer mean absent.
type DescribeDatasetResponse struct {
	// CreatedAt is when the dataset was created.
	CreatedAt *Timestamp `json:"CreatedAt,omitempty"`
	// DataEndTime is the time of the latest data ingested.
	DataEndTime *Timestamp `json:"DataEndTime,omitempty"`
	// DataQualitySummary sums up the quality of the data ingested.
	DataQualitySummary *DataQualitySummary `json:"DataQualitySummary,omitempty"`
	// DataStartTime is the time of the earliest data ingested.
	DataStartTime *Timestamp `json:"DataStartTime,omitempty"`
	// DatasetArn is the dataset's ARN.
	DatasetArn string `json:"DatasetArn,omitempty" validate:"omitempty,lookout_dataset_arn"`
	// DatasetName is the dataset's name.
	DatasetName string `json:"DatasetName,omitempty" validate:"omitempty,lookout_dataset_name"`
	// IngestedFilesSummary counts the files ingested.
	IngestedFilesSummary *IngestedFilesSummary `json:"IngestedFilesSummary,omitempty"`
	// IngestionInputConfiguration is where the last ingestion read its
	// data.
	IngestionInputConfiguration *IngestionInputConfiguration `json:"IngestionInputConfiguration,omitempty"`
	// LastUpdatedAt is when the dataset was last updated.
	LastUpdatedAt *Timestamp `json:"LastUpdatedAt,omitempty"`
	// RoleArn is the role the last ingestion used.
	RoleArn string `json:"RoleArn,omitempty" validate:"omitempty,lookout_role_arn"`
	// Schema is the dataset's schema, a JSON document in a string (see
	// [DataSchema]).
	Schema string `json:"Schema,omitempty" validate:"omitempty,lookout_inline_data_schema"`
	// ServerSideKmsKeyId is the ARN of the KMS key that encrypts the
	// dataset.
	ServerSideKmsKeyId string `json:"ServerSideKmsKeyId,omitempty" validate:"omitempty,lookout_kms_key_arn"`
	// SourceDatasetArn is the ARN of the dataset this one was imported
	// from.
	SourceDatasetArn string `json:"SourceDatasetArn,omitempty" validate:"omitempty,lookout_dataset_arn"`
	// Status is the dataset's status.
	Status DatasetStatus `json:"Status,omitempty" validate:"omitempty,lookout_dataset_status"`
}

var (
	describeDatasetRequestDecl = structDecl[DescribeDatasetRequest]{
		kind: Kind{Name: "DescribeDatasetRequest", Type: TypeStructure},
		fields: []field[DescribeDatasetRequest]{
			stringMember("DatasetName", &kindDatasetIdentifier, true, true,
				func(r *DescribeDatasetRequest) *string { return &r.DatasetName }),
		},
	}

	describeDatasetResponseDecl = structDecl[DescribeDatasetResponse]{
		kind: Kind{Name: "DescribeDatasetResponse", Type: TypeStructure},
		fields: []field[DescribeDatasetResponse]{
			plainMember("CreatedAt", &kindTimestamp, false, func(v *DescribeDatasetResponse) **Timestamp { return &v.CreatedAt }),
			plainMember("DataEndTime", &kindTimestamp, false, func(v *DescribeDatasetResponse) **Timestamp { return &v.DataEndTime }),
			structMember("DataQualitySummary", false, &dataQualitySummaryDecl,
				func(r *DescribeDatasetResponse) **DataQualitySummary { return &r.DataQualitySummary }),
			plainMember("DataStartTime", &kindTimestamp, false, func(v *DescribeDatasetResponse) **Timestamp { return &v.DataStartTime }),
			stringMember("DatasetArn", &kindDatasetArn, false, true,
				func(r *DescribeDatasetResponse) *string { return &r.DatasetArn }),
			stringMember("DatasetName", &kindDatasetName, false, true,
				func(r *DescribeDatasetResponse) *string { return &r.DatasetName }),
			structMember("IngestedFilesSummary", false, &ingestedFilesSummaryDecl,
				func(r *DescribeDatasetResponse) **IngestedFilesSummary { return &r.IngestedFilesSummary }),
			structMember("IngestionInputConfiguration", false, &ingestionInputConfigurationDecl,
				func(r *DescribeDatasetResponse) **IngestionInputConfiguration { return &r.IngestionInputConfiguration }),
			plainMember("LastUpdatedAt", &kindTimestamp, false, func(v *DescribeDatasetResponse) **Timestamp { return &v.LastUpdatedAt }),
			stringMember("RoleArn", &kindIamRoleArn, false, true,
				func(r *DescribeDatasetResponse) *string { return &r.RoleArn }),
			stringMember("Schema", &kindInlineDataSchema, false, true,
				func(r *DescribeDatasetResponse) *string { return &r.Schema }),
			stringMember("ServerSideKmsKeyId", &kindKmsKeyArn, false, true,
				func(r *DescribeDatasetResponse) *string { return &r.ServerSideKmsKeyId }),
			stringMember("SourceDatasetArn", &kindDatasetArn, false, true,
				func(r *DescribeDatasetResponse) *string { return &r.SourceDatasetArn }),
			stringMember("Status", &kindDatasetStatus, false, true,
				func(r *DescribeDatasetResponse) *DatasetStatus { return &r.Status }),
		},
	}

	opDescribeDataset = declare("DescribeDataset", &describeDatasetRequestDecl, &describeDatasetResponseDecl,
		MaxRequestBodyBytes,
		CodeValidation, CodeResourceNotFound, CodeThrottling, CodeAccessDenied, CodeInternalServer)
)

// Validate reports whether r satisfies every constraint that the service
// enforces on DescribeDataset's input: nil, or a *[ValidationException]
// listing every violation. It allocates nothing when r is valid.
func (r *DescribeDatasetRequest) Validate() error { return describeDatasetRequestDecl.validate(r, nil) }

// Validate reports whether r satisfies the constraints of the service
// model, nested structures included: nil, or a *[ValidationException]
// listing every violation. A nil r is valid.
func (r *DescribeDatasetResponse) Validate() error {
	return describeDatasetResponseDecl.validate(r, nil)
}

// appendJSON appends r's JSON, as encoding/json writes it.
func (r *DescribeDatasetResponse) appendJSON(b []byte) ([]byte, error) {
	return describeDatasetResponseDecl.appendJSON(b, r)
}

func (*DescribeDatasetRequest) wireOp() *wireOp { return opDescribeDataset.wire }

// validateWire is Validate with what the body the request was decoded from
// said of its members (see [Presence]).
func (r *DescribeDatasetRequest) validateWire(p *presence) error {
	return opDescribeDataset.validateRequest(r, p)
}
