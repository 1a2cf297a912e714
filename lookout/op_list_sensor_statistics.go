package lookout

// ListSensorStatisticsRequest is the input of ListSensorStatistics.
type ListSensorStatisticsRequest struct {
	// DatasetName names the dataset: 1 to 200 characters of
	// [0-9a-zA-Z_-]. Required; empty means absent.
	DatasetName string `json:"DatasetName,omitempty" validate:"required,lookout_dataset_name"`
	// IngestionJobId keeps the statistics of this ingestion job: at most
	// 32 hexadecimal digits. Empty means absent.
	IngestionJobId string `json:"IngestionJobId,omitempty" validate:"omitempty,lookout_job_id"`
	// MaxResults bounds the number of sensors of one answer: 1 to 500.
	MaxResults *int32 `json:"MaxResults,omitempty" validate:"omitempty,lookout_max_results"`
	// NextToken is the NextToken of the previous answer, unchanged: at
	// most 8192 ASCII characters. Empty means absent.
	NextToken string `json:"NextToken,omitempty" validate:"omitempty,lookout_next_token"`
}

// ListSensorStatisticsResponse is the output of ListSensorStatistics.
type ListSensorStatisticsResponse struct {
	// NextToken, when not empty, asks for the next page: send it back
	// unchanged.
	NextToken string `json:"NextToken,omitempty" validate:"omitempty,lookout_next_token"`
	// SensorStatisticsSummaries holds the figures of each sensor.
	SensorStatisticsSummaries []SensorStatisticsSummary `json:"SensorStatisticsSummaries,omitempty" validate:"omitempty,dive"`
}

var (
	listSensorStatisticsRequestDecl = structDecl[ListSensorStatisticsRequest]{
		kind: Kind{Name: "ListSensorStatisticsRequest", Type: TypeStructure},
		fields: []field[ListSensorStatisticsRequest]{
			stringMember("DatasetName", &kindDatasetName, true, true,
				func(r *ListSensorStatisticsRequest) *string { return &r.DatasetName }),
			stringMember("IngestionJobId", &kindIngestionJobId, false, true,
				func(r *ListSensorStatisticsRequest) *string { return &r.IngestionJobId }),
			intMember("MaxResults", &kindMaxResults, false,
				func(r *ListSensorStatisticsRequest) **int32 { return &r.MaxResults }),
			stringMember("NextToken", &kindNextToken, false, true,
				func(r *ListSensorStatisticsRequest) *string { return &r.NextToken }),
		},
	}

	listSensorStatisticsResponseDecl = structDecl[ListSensorStatisticsResponse]{
		kind: Kind{Name: "ListSensorStatisticsResponse", Type: TypeStructure},
		fields: []field[ListSensorStatisticsResponse]{
			stringMember("NextToken", &kindNextToken, false, true,
				func(r *ListSensorStatisticsResponse) *string { return &r.NextToken }),
			listMember("SensorStatisticsSummaries", &kindSensorStatisticsSummaries, false, &sensorStatisticsSummaryDecl,
				func(r *ListSensorStatisticsResponse) *[]SensorStatisticsSummary { return &r.SensorStatisticsSummaries }),
		},
	}

	opListSensorStatistics = declare("ListSensorStatistics",
		&listSensorStatisticsRequestDecl, &listSensorStatisticsResponseDecl,
		MaxRequestBodyBytes,
		CodeValidation, CodeResourceNotFound, CodeThrottling, CodeAccessDenied, CodeInternalServer)
)

// Validate reports whether r satisfies every constraint that the service
// enforces on ListSensorStatistics' input: nil, or a
// *[ValidationException] listing every violation. It allocates nothing when
// r is valid.
func (r *ListSensorStatisticsRequest) Validate() error {
	return listSensorStatisticsRequestDecl.validate(r, nil)
}

// Validate reports whether r satisfies the constraints of the service
// model, each sensor's figures included: nil, or a *[ValidationException]
// listing every violation. A nil r is valid.
func (r *ListSensorStatisticsResponse) Validate() error {
	return listSensorStatisticsResponseDecl.validate(r, nil)
}

// appendJSON appends r's JSON, as encoding/json writes it.
func (r *ListSensorStatisticsResponse) appendJSON(b []byte) ([]byte, error) {
	return listSensorStatisticsResponseDecl.appendJSON(b, r)
}

func (*ListSensorStatisticsRequest) wireOp() *wireOp { return opListSensorStatistics.wire }

// validateWire is Validate with what the body the request was decoded from
// said of its members (see [Presence]).
func (r *ListSensorStatisticsRequest) validateWire(p *presence) error {
	return opListSensorStatistics.validateRequest(r, p)
}
