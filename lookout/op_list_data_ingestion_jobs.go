package lookout

// ListDataIngestionJobsRequest is the input of ListDataIngestionJobs.
// Every member is optional.
type ListDataIngestionJobsRequest struct {
	// DatasetName keeps the jobs of this dataset: 1 to 200 characters of
	// [0-9a-zA-Z_-]. Empty means absent.
	DatasetName string `json:"DatasetName,omitempty" validate:"omitempty,lookout_dataset_name"`
	// MaxResults bounds the number of jobs of one answer: 1 to 500.
	MaxResults *int32 `json:"MaxResults,omitempty" validate:"omitempty,lookout_max_results"`
	// NextToken is the NextToken of the previous answer, unchanged: at
	// most 8192 ASCII characters. Empty means absent.
	NextToken string `json:"NextToken,omitempty" validate:"omitempty,lookout_next_token"`
	// Status keeps the jobs in this status. Empty means absent.
	Status IngestionJobStatus `json:"Status,omitempty" validate:"omitempty,lookout_job_status"`
}

// ListDataIngestionJobsResponse is the output of ListDataIngestionJobs.
type ListDataIngestionJobsResponse struct {
	// DataIngestionJobSummaries lists the jobs.
	DataIngestionJobSummaries []DataIngestionJobSummary `json:"DataIngestionJobSummaries,omitempty" validate:"omitempty,dive"`
	// NextToken, when not empty, asks for the next page: send it back
	// unchanged.
	NextToken string `json:"NextToken,omitempty" validate:"omitempty,lookout_next_token"`
}

var (
	listDataIngestionJobsRequestDecl = structDecl[ListDataIngestionJobsRequest]{
		kind: Kind{Name: "ListDataIngestionJobsRequest", Type: TypeStructure},
		fields: []field[ListDataIngestionJobsRequest]{
			stringMember("DatasetName", &kindDatasetName, false, true,
				func(r *ListDataIngestionJobsRequest) *string { return &r.DatasetName }),
			intMember("MaxResults", &kindMaxResults, false,
				func(r *ListDataIngestionJobsRequest) **int32 { return &r.MaxResults }),
			stringMember("NextToken", &kindNextToken, false, true,
				func(r *ListDataIngestionJobsRequest) *string { return &r.NextToken }),
			stringMember("Status", &kindIngestionJobStatus, false, true,
				func(r *ListDataIngestionJobsRequest) *IngestionJobStatus { return &r.Status }),
		},
	}

	listDataIngestionJobsResponseDecl = structDecl[ListDataIngestionJobsResponse]{
		kind: Kind{Name: "ListDataIngestionJobsResponse", Type: TypeStructure},
		fields: []field[ListDataIngestionJobsResponse]{
			listMember("DataIngestionJobSummaries", &kindDataIngestionJobSummaries, false, &dataIngestionJobSummaryDecl,
				func(r *ListDataIngestionJobsResponse) *[]DataIngestionJobSummary { return &r.DataIngestionJobSummaries }),
			stringMember("NextToken", &kindNextToken, false, true,
				func(r *ListDataIngestionJobsResponse) *string { return &r.NextToken }),
		},
	}

	opListDataIngestionJobs = declare("ListDataIngestionJobs",
		&listDataIngestionJobsRequestDecl, &listDataIngestionJobsResponseDecl,
		MaxRequestBodyBytes,
		CodeValidation, CodeThrottling, CodeAccessDenied, CodeInternalServer)
)

// Validate reports whether r satisfies every constraint that the service
// enforces on ListDataIngestionJobs' input: nil, or a
// *[ValidationException] listing every violation. It allocates nothing when
// r is valid.
func (r *ListDataIngestionJobsRequest) Validate() error {
	return listDataIngestionJobsRequestDecl.validate(r, nil)
}

// Validate reports whether r satisfies the constraints of the service
// model, each summary's included: nil, or a *[ValidationException] listing
// every violation. A nil r is valid.
func (r *ListDataIngestionJobsResponse) Validate() error {
	return listDataIngestionJobsResponseDecl.validate(r, nil)
}

// appendJSON appends r's JSON, as encoding/json writes it.
func (r *ListDataIngestionJobsResponse) appendJSON(b []byte) ([]byte, error) {
	return listDataIngestionJobsResponseDecl.appendJSON(b, r)
}

func (*ListDataIngestionJobsRequest) wireOp() *wireOp { return opListDataIngestionJobs.wire }

// validateWire is Validate with what the body the request was decoded from
// said of its members (see [Presence]).
func (r *ListDataIngestionJobsRequest) validateWire(p *presence) error {
	return opListDataIngestionJobs.validateRequest(r, p)
}
