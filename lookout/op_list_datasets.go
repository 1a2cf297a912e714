package lookout

// ListDatasetsRequest is the input of ListDatasets. Every member is
// optional.
type ListDatasetsRequest struct {
	// DatasetNameBeginsWith keeps the datasets whose name begins with it:
	// 1 to 200 characters of [0-9a-zA-Z_-]. Empty means absent.
	DatasetNameBeginsWith string `json:"DatasetNameBeginsWith,omitempty" validate:"omitempty,lookout_dataset_name"`
	// MaxResults bounds the number of datasets of one answer: 1 to 500.
	MaxResults *int32 `json:"MaxResults,omitempty" validate:"omitempty,lookout_max_results"`
	// NextToken is the NextToken of the previous answer, unchanged: at
	// most 8192 ASCII characters. Empty means absent.
	NextToken string `json:"NextToken,omitempty" validate:"omitempty,lookout_next_token"`
}

// ListDatasetsResponse is the output of ListDatasets.
type ListDatasetsResponse struct {
	// DatasetSummaries lists the datasets.
	DatasetSummaries []DatasetSummary `json:"DatasetSummaries,omitempty" validate:"omitempty,dive"`
	// NextToken, when not empty, asks for the next page: send it back
	// unchanged.
	NextToken string `json:"NextToken,omitempty" validate:"omitempty,lookout_next_token"`
}

var (
	listDatasetsRequestDecl = structDecl[ListDatasetsRequest]{
		kind: Kind{Name: "ListDatasetsRequest", Type: TypeStructure},
		fields: []field[ListDatasetsRequest]{
			stringMember("DatasetNameBeginsWith", &kindDatasetName, false, true,
				func(r *ListDatasetsRequest) *string { return &r.DatasetNameBeginsWith }),
			intMember("MaxResults", &kindMaxResults, false,
				func(r *ListDatasetsRequest) **int32 { return &r.MaxResults }),
			stringMember("NextToken", &kindNextToken, false, true,
				func(r *ListDatasetsRequest) *string { return &r.NextToken }),
		},
	}

	listDatasetsResponseDecl = structDecl[ListDatasetsResponse]{
		kind: Kind{Name: "ListDatasetsResponse", Type: TypeStructure},
		fields: []field[ListDatasetsResponse]{
			listMember("DatasetSummaries", &kindDatasetSummaries, false, &datasetSummaryDecl,
				func(r *ListDatasetsResponse) *[]DatasetSummary { return &r.DatasetSummaries }),
			stringMember("NextToken", &kindNextToken, false, true,
				func(r *ListDatasetsResponse) *string { return &r.NextToken }),
		},
	}

	opListDatasets = declare("ListDatasets", &listDatasetsRequestDecl, &listDatasetsResponseDecl,
		MaxRequestBodyBytes,
		CodeValidation, CodeThrottling, CodeAccessDenied, CodeInternalServer)
)

// Validate reports whether r satisfies every constraint that the service
// enforces on ListDatasets' input: nil, or a *[ValidationException]
// listing every violation. It allocates nothing when r is valid.
func (r *ListDatasetsRequest) Validate() error { return listDatasetsRequestDecl.validate(r, nil) }

// Validate reports whether r satisfies the constraints of the service
// model, each summary's included: nil, or a *[ValidationException] listing
// every violation. A nil r is valid.
func (r *ListDatasetsResponse) Validate() error { return listDatasetsResponseDecl.validate(r, nil) }

// appendJSON appends r's JSON, as encoding/json writes it.
func (r *ListDatasetsResponse) appendJSON(b []byte) ([]byte, error) {
	return listDatasetsResponseDecl.appendJSON(b, r)
}

func (*ListDatasetsRequest) wireOp() *wireOp { return opListDatasets.wire }

// validateWire is Validate with what the body the request was decoded from
// said of its members (see [Presence]).
func (r *ListDatasetsRequest) validateWire(p *presence) error {
	return opListDatasets.validateRequest(r, p)
}
