package lookout

// DescribeDataIngestionJobRequest is the input of DescribeDataIngestionJob.
type DescribeDataIngestionJobRequest struct {
	// JobId identifies the job: at most 32 hexadecimal digits. Required;
	// empty means absent (the wire's explicit "" is present, and matches
	// the pattern).
	JobId string `json:"JobId,omitempty" validate:"required,lookout_job_id"`
}

// DescribeDataIngestionJobResponse is the output of
// DescribeDataIngestionJob: the job, its status, and what it made of the
// data (see the ingestion check). Every member is optional; a plain
// string's empty value and a nil pointer mean absent.
type DescribeDataIngestionJobResponse struct {
	// CreatedAt is when the job was created.
	CreatedAt *Timestamp `json:"CreatedAt,omitempty"`
	// DataEndTime is the time of the latest data the job ingested.
	DataEndTime *Timestamp `json:"DataEndTime,omitempty"`
	// DataQualitySummary sums up the quality of the data.
	DataQualitySummary *DataQualitySummary `json:"DataQualitySummary,omitempty"`
	// DataStartTime is the time of the earliest data the job ingested.
	DataStartTime *Timestamp `json:"DataStartTime,omitempty"`
	// DatasetArn is the ARN of the job's dataset.
	DatasetArn string `json:"DatasetArn,omitempty" validate:"omitempty,lookout_dataset_arn"`
	// FailedReason says why the job failed: 1 to 5000 characters.
	FailedReason string `json:"FailedReason,omitempty" validate:"omitempty,lookout_bounded_length_string"`
	// IngestedDataSize is the size of the data ingested, in bytes: at
	// least 0.
	IngestedDataSize *int64 `json:"IngestedDataSize,omitempty" validate:"omitempty,lookout_data_size_in_bytes"`
	// IngestedFilesSummary counts the files the job matched and read.
	IngestedFilesSummary *IngestedFilesSummary `json:"IngestedFilesSummary,omitempty"`
	// IngestionInputConfiguration is where the job read its data.
	IngestionInputConfiguration *IngestionInputConfiguration `json:"IngestionInputConfiguration,omitempty"`
	// JobId identifies the job.
	JobId string `json:"JobId,omitempty" validate:"omitempty,lookout_job_id"`
	// RoleArn is the role the job used.
	RoleArn string `json:"RoleArn,omitempty" validate:"omitempty,lookout_role_arn"`
	// SourceDatasetArn is the ARN of the dataset an import job read.
	SourceDatasetArn string `json:"SourceDatasetArn,omitempty" validate:"omitempty,lookout_dataset_arn"`
	// Status is the job's status.
	Status IngestionJobStatus `json:"Status,omitempty" validate:"omitempty,lookout_job_status"`
	// StatusDetail says more of the status: 1 to 5000 characters.
	StatusDetail string `json:"StatusDetail,omitempty" validate:"omitempty,lookout_bounded_length_string"`
}

var (
	describeDataIngestionJobRequestDecl = structDecl[DescribeDataIngestionJobRequest]{
		kind: Kind{Name: "DescribeDataIngestionJobRequest", Type: TypeStructure},
		fields: []field[DescribeDataIngestionJobRequest]{
			withNote(stringMember("JobId", &kindIngestionJobId, true, true,
				func(r *DescribeDataIngestionJobRequest) *string { return &r.JobId }),
				"Required, though the kind allows \"\": an explicit \"\" on the wire is present and valid; "+
					"in a Go value, \"\" is the absent member."),
		},
	}

	describeDataIngestionJobResponseDecl = structDecl[DescribeDataIngestionJobResponse]{
		kind: Kind{Name: "DescribeDataIngestionJobResponse", Type: TypeStructure},
		fields: []field[DescribeDataIngestionJobResponse]{
			plainMember("CreatedAt", &kindTimestamp, false, func(v *DescribeDataIngestionJobResponse) **Timestamp { return &v.CreatedAt }),
			plainMember("DataEndTime", &kindTimestamp, false, func(v *DescribeDataIngestionJobResponse) **Timestamp { return &v.DataEndTime }),
			structMember("DataQualitySummary", false, &dataQualitySummaryDecl,
				func(r *DescribeDataIngestionJobResponse) **DataQualitySummary { return &r.DataQualitySummary }),
			plainMember("DataStartTime", &kindTimestamp, false, func(v *DescribeDataIngestionJobResponse) **Timestamp { return &v.DataStartTime }),
			stringMember("DatasetArn", &kindDatasetArn, false, true,
				func(r *DescribeDataIngestionJobResponse) *string { return &r.DatasetArn }),
			stringMember("FailedReason", &kindBoundedLengthString, false, true,
				func(r *DescribeDataIngestionJobResponse) *string { return &r.FailedReason }),
			intMember("IngestedDataSize", &kindDataSizeInBytes, false,
				func(r *DescribeDataIngestionJobResponse) **int64 { return &r.IngestedDataSize }),
			structMember("IngestedFilesSummary", false, &ingestedFilesSummaryDecl,
				func(r *DescribeDataIngestionJobResponse) **IngestedFilesSummary { return &r.IngestedFilesSummary }),
			structMember("IngestionInputConfiguration", false, &ingestionInputConfigurationDecl,
				func(r *DescribeDataIngestionJobResponse) **IngestionInputConfiguration {
					return &r.IngestionInputConfiguration
				}),
			stringMember("JobId", &kindIngestionJobId, false, true,
				func(r *DescribeDataIngestionJobResponse) *string { return &r.JobId }),
			stringMember("RoleArn", &kindIamRoleArn, false, true,
				func(r *DescribeDataIngestionJobResponse) *string { return &r.RoleArn }),
			stringMember("SourceDatasetArn", &kindDatasetArn, false, true,
				func(r *DescribeDataIngestionJobResponse) *string { return &r.SourceDatasetArn }),
			stringMember("Status", &kindIngestionJobStatus, false, true,
				func(r *DescribeDataIngestionJobResponse) *IngestionJobStatus { return &r.Status }),
			stringMember("StatusDetail", &kindBoundedLengthString, false, true,
				func(r *DescribeDataIngestionJobResponse) *string { return &r.StatusDetail }),
		},
	}

	opDescribeDataIngestionJob = declare("DescribeDataIngestionJob",
		&describeDataIngestionJobRequestDecl, &describeDataIngestionJobResponseDecl,
		MaxRequestBodyBytes,
		CodeValidation, CodeResourceNotFound, CodeThrottling, CodeAccessDenied, CodeInternalServer)
)

// Validate reports whether r satisfies every constraint that the service
// enforces on DescribeDataIngestionJob's input: nil, or a
// *[ValidationException] listing every violation. It allocates nothing when
// r is valid.
func (r *DescribeDataIngestionJobRequest) Validate() error {
	return describeDataIngestionJobRequestDecl.validate(r, nil)
}

// Validate reports whether r satisfies the constraints of the service
// model, nested structures included: nil, or a *[ValidationException]
// listing every violation. A nil r is valid.
func (r *DescribeDataIngestionJobResponse) Validate() error {
	return describeDataIngestionJobResponseDecl.validate(r, nil)
}

// appendJSON appends r's JSON, as encoding/json writes it.
func (r *DescribeDataIngestionJobResponse) appendJSON(b []byte) ([]byte, error) {
	return describeDataIngestionJobResponseDecl.appendJSON(b, r)
}

func (*DescribeDataIngestionJobRequest) wireOp() *wireOp { return opDescribeDataIngestionJob.wire }

// validateWire is Validate with what the body the request was decoded from
// said of its members (see [Presence]).
func (r *DescribeDataIngestionJobRequest) validateWire(p *presence) error {
	return opDescribeDataIngestionJob.validateRequest(r, p)
}
