package lookout

// DeleteDatasetRequest is the input of DeleteDataset.
type DeleteDatasetRequest struct {
	// DatasetName names the dataset to delete: 1 to 200 characters of
	// [0-9a-zA-Z_-]. Required; empty means absent.
	DatasetName string `json:"DatasetName,omitempty" validate:"required,lookout_dataset_identifier"`
}

// DeleteDatasetResponse is the output of DeleteDataset, which has no
// members: the body "{}".
type DeleteDatasetResponse struct{}

var (
	deleteDatasetRequestDecl = structDecl[DeleteDatasetRequest]{
		kind: Kind{Name: "DeleteDatasetRequest", Type: TypeStructure},
		fields: []field[DeleteDatasetRequest]{
			stringMember("DatasetName", &kindDatasetIdentifier, true, true,
				func(r *DeleteDatasetRequest) *string { return &r.DatasetName }),
		},
	}

	deleteDatasetResponseDecl = structDecl[DeleteDatasetResponse]{
		kind: Kind{Name: "DeleteDatasetResponse", Type: TypeStructure},
	}

	opDeleteDataset = declare("DeleteDataset", &deleteDatasetRequestDecl, &deleteDatasetResponseDecl,
		MaxRequestBodyBytes,
		CodeResourceNotFound, CodeThrottling, CodeInternalServer, CodeAccessDenied, CodeConflict, CodeValidation)
)

// Validate reports whether r satisfies every constraint that the service
// enforces on DeleteDataset's input: nil, or a *[ValidationException]
// listing every violation. It allocates nothing when r is valid.
func (r *DeleteDatasetRequest) Validate() error { return deleteDatasetRequestDecl.validate(r, nil) }

// Validate returns nil: the response has no member.
func (r *DeleteDatasetResponse) Validate() error { return deleteDatasetResponseDecl.validate(r, nil) }

// appendJSON appends r's JSON, as encoding/json writes it.
func (r *DeleteDatasetResponse) appendJSON(b []byte) ([]byte, error) {
	return deleteDatasetResponseDecl.appendJSON(b, r)
}

func (*DeleteDatasetRequest) wireOp() *wireOp { return opDeleteDataset.wire }

// validateWire is Validate with what the body the request was decoded from
// said of its members (see [Presence]).
func (r *DeleteDatasetRequest) validateWire(p *presence) error {
	return opDeleteDataset.validateRequest(r, p)
}
