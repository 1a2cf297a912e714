package lookout

// CreateDatasetRequest is the input of CreateDataset: it creates a dataset,
// the container of the data an ingestion job reads, with its schema and
// tags. Field names and JSON names are the wire's, as in the AWS SDKs; a
// plain string field's empty value means the member is absent.
type CreateDatasetRequest struct {
	// ClientToken makes the call idempotent: 1 to 256 ASCII characters.
	// Required on the wire; the AWS SDKs generate one when it is not set,
	// and so does [CreateDatasetRequest.EnsureClientToken].
	ClientToken string `json:"ClientToken,omitempty" validate:"required,lookout_client_token"`

	// DatasetName is the new dataset's name: 1 to 200 characters of
	// [0-9a-zA-Z_-]. Required.
	DatasetName string `json:"DatasetName,omitempty" validate:"required,lookout_dataset_name"`

	// DatasetSchema holds the dataset's schema, a JSON document (see
	// [DataSchema]). Validate checks the document too.
	DatasetSchema *DatasetSchema `json:"DatasetSchema,omitempty"`

	// ServerSideKmsKeyId names the KMS key that encrypts the dataset: its
	// ID, ARN or alias, 1 to 2048 characters of
	// ^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2048}$.
	ServerSideKmsKeyId string `json:"ServerSideKmsKeyId,omitempty" validate:"omitempty,lookout_name_or_arn"`

	// Tags are the dataset's tags: at most 200.
	Tags []Tag `json:"Tags,omitempty" validate:"omitempty,lookout_tag_list,dive"`
}

// CreateDatasetResponse is the output of CreateDataset. Every member is
// optional; empty means absent.
type CreateDatasetResponse struct {
	// DatasetArn is the new dataset's ARN.
	DatasetArn string `json:"DatasetArn,omitempty" validate:"omitempty,lookout_dataset_arn"`
	// DatasetName is the new dataset's name.
	DatasetName string `json:"DatasetName,omitempty" validate:"omitempty,lookout_dataset_name"`
	// Status is the new dataset's status.
	Status DatasetStatus `json:"Status,omitempty" validate:"omitempty,lookout_dataset_status"`
}

var (
	createDatasetRequestDecl = structDecl[CreateDatasetRequest]{
		kind: Kind{Name: "CreateDatasetRequest", Type: TypeStructure},
		fields: []field[CreateDatasetRequest]{
			withNote(stringMember("ClientToken", &kindIdempotenceToken, true, true,
				func(r *CreateDatasetRequest) *string { return &r.ClientToken }), noteClientToken),
			stringMember("DatasetName", &kindDatasetName, true, true,
				func(r *CreateDatasetRequest) *string { return &r.DatasetName }),
			structMember("DatasetSchema", false, &datasetSchemaDecl,
				func(r *CreateDatasetRequest) **DatasetSchema { return &r.DatasetSchema }),
			stringMember("ServerSideKmsKeyId", &kindNameOrArn, false, true,
				func(r *CreateDatasetRequest) *string { return &r.ServerSideKmsKeyId }),
			listMember("Tags", &kindTagList, false, &tagDecl,
				func(r *CreateDatasetRequest) *[]Tag { return &r.Tags }),
		},
	}

	createDatasetResponseDecl = structDecl[CreateDatasetResponse]{
		kind: Kind{Name: "CreateDatasetResponse", Type: TypeStructure},
		fields: []field[CreateDatasetResponse]{
			stringMember("DatasetArn", &kindDatasetArn, false, true,
				func(r *CreateDatasetResponse) *string { return &r.DatasetArn }),
			stringMember("DatasetName", &kindDatasetName, false, true,
				func(r *CreateDatasetResponse) *string { return &r.DatasetName }),
			stringMember("Status", &kindDatasetStatus, false, true,
				func(r *CreateDatasetResponse) *DatasetStatus { return &r.Status }),
		},
	}

	opCreateDataset = declare("CreateDataset", &createDatasetRequestDecl, &createDatasetResponseDecl,
		MaxCreateDatasetBodyBytes,
		CodeValidation, CodeConflict, CodeThrottling, CodeServiceQuotaExceeded, CodeAccessDenied, CodeInternalServer)
)

// Validate reports whether r satisfies every constraint that the service
// enforces on CreateDataset's input. It returns nil, or a
// *[ValidationException] that lists every violation in wire order. A nil r
// is reported as the absent members it stands for.
//
// Validate allocates nothing when r is valid.
func (r *CreateDatasetRequest) Validate() error { return createDatasetRequestDecl.validate(r, nil) }

// Validate reports whether r satisfies the constraints of the service
// model. It returns nil or a *[ValidationException] listing every
// violation. A nil r is valid: every member is optional.
func (r *CreateDatasetResponse) Validate() error { return createDatasetResponseDecl.validate(r, nil) }

// appendJSON appends r's JSON, as encoding/json writes it.
func (r *CreateDatasetResponse) appendJSON(b []byte) ([]byte, error) {
	return createDatasetResponseDecl.appendJSON(b, r)
}

// EnsureClientToken sets r.ClientToken to a new token from [NewClientToken]
// when it is empty, as the AWS SDKs do before they send the request, and
// returns the token r carries. On a nil r it returns "".
func (r *CreateDatasetRequest) EnsureClientToken() string {
	if r == nil {
		return ""
	}
	return ensureClientToken(&r.ClientToken)
}

func (*CreateDatasetRequest) wireOp() *wireOp { return opCreateDataset.wire }

// validateWire is Validate with what the body the request was decoded from
// said of its members (see [Presence]).
func (r *CreateDatasetRequest) validateWire(p *presence) error {
	return opCreateDataset.validateRequest(r, p)
}
