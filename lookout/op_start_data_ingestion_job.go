package lookout

// TargetStartDataIngestionJob is the X-Amz-Target header of a
// StartDataIngestionJob request: the service's target prefix and the
// operation's name.
const TargetStartDataIngestionJob = targetPrefix + "StartDataIngestionJob"

// StartDataIngestionJobRequest is the input of StartDataIngestionJob. Field
// names and JSON names are the wire's, as in the AWS SDKs.
//
// The string members are plain strings: the empty string means the member is
// absent (it is left out of the JSON body and reported as "must not be null"
// when the member is required). The optional S3 members are pointers, so that
// an absent member and an empty one stay distinct.
type StartDataIngestionJobRequest struct {
	// ClientToken is a unique identifier for the request, which makes the
	// call idempotent: 1 to 256 ASCII characters. Required on the wire; the
	// AWS SDKs generate one when it is not set, and so do [NewClientToken]
	// and [StartDataIngestionJobRequest.EnsureClientToken].
	ClientToken string `json:"ClientToken,omitempty" validate:"required,lookout_client_token"`

	// DatasetName is the name of the dataset the job ingests into: 1 to 200
	// characters of [0-9a-zA-Z_-]. Required.
	DatasetName string `json:"DatasetName,omitempty" validate:"required,lookout_dataset_identifier"`

	// IngestionInputConfiguration says where the input data is. Required.
	IngestionInputConfiguration *IngestionInputConfiguration `json:"IngestionInputConfiguration,omitempty" validate:"required"`

	// RoleArn is the ARN of an IAM role with access to the data: 20 to 2048
	// characters matching arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+. Required.
	RoleArn string `json:"RoleArn,omitempty" validate:"required,lookout_role_arn"`
}

// StartDataIngestionJobResponse is the output of StartDataIngestionJob. Both
// members are optional on the wire: a client must accept "{}".
type StartDataIngestionJobResponse struct {
	// JobId identifies the data ingestion job: at most 32 hexadecimal
	// digits. Empty means absent.
	JobId string `json:"JobId,omitempty" validate:"omitempty,lookout_job_id"`

	// Status is the status of the job. Empty means absent.
	Status IngestionJobStatus `json:"Status,omitempty" validate:"omitempty,lookout_job_status"`
}

var (
	startDataIngestionJobRequestDecl = structDecl[StartDataIngestionJobRequest]{
		kind: Kind{Name: "StartDataIngestionJobRequest", Type: TypeStructure},
		fields: []field[StartDataIngestionJobRequest]{
			withNote(stringMember("ClientToken", &kindIdempotenceToken, true, true,
				func(r *StartDataIngestionJobRequest) *string { return &r.ClientToken }),
				noteClientToken),
			stringMember("DatasetName", &kindDatasetIdentifier, true, true,
				func(r *StartDataIngestionJobRequest) *string { return &r.DatasetName }),
			structMember("IngestionInputConfiguration", true, &ingestionInputConfigurationDecl,
				func(r *StartDataIngestionJobRequest) **IngestionInputConfiguration {
					return &r.IngestionInputConfiguration
				}),
			stringMember("RoleArn", &kindIamRoleArn, true, true,
				func(r *StartDataIngestionJobRequest) *string { return &r.RoleArn }),
		},
	}

	startDataIngestionJobResponseDecl = structDecl[StartDataIngestionJobResponse]{
		kind: Kind{Name: "StartDataIngestionJobResponse", Type: TypeStructure},
		fields: []field[StartDataIngestionJobResponse]{
			stringMember("JobId", &kindIngestionJobId, false, true,
				func(r *StartDataIngestionJobResponse) *string { return &r.JobId }),
			stringMember("Status", &kindIngestionJobStatus, false, true,
				func(r *StartDataIngestionJobResponse) *IngestionJobStatus { return &r.Status }),
		},
	}

	opStartDataIngestionJob = declare("StartDataIngestionJob",
		&startDataIngestionJobRequestDecl, &startDataIngestionJobResponseDecl,
		MaxRequestBodyBytes,
		CodeValidation, CodeResourceNotFound, CodeConflict, CodeThrottling, CodeServiceQuotaExceeded,
		CodeAccessDenied, CodeInternalServer)
)

// noteClientToken is how every ClientToken is read.
const noteClientToken = "Required on the wire; the AWS SDKs fill in a UUIDv4 when it is absent " +
	"(see NewClientToken and EnsureClientToken)."

// Validate reports whether r satisfies every constraint that the service
// enforces on StartDataIngestionJob's input. It returns nil, or a
// *[ValidationException] that lists every violation, in wire order (the
// order of [Rules]) and, within one member, in the order of the
// [Constraint] values. A nil r, or a nil nested structure, is reported as
// the absent members it stands for, never a panic.
//
// Validate allocates nothing when r is valid.
func (r *StartDataIngestionJobRequest) Validate() error {
	return startDataIngestionJobRequestDecl.validate(r, nil)
}

// Validate reports whether r satisfies the constraints of the service's
// model: a JobId of at most 32 hexadecimal digits and a known Status. It
// returns nil or a *[ValidationException] listing every violation. A nil r
// is valid: both members are optional.
func (r *StartDataIngestionJobResponse) Validate() error {
	return startDataIngestionJobResponseDecl.validate(r, nil)
}

// appendJSON appends r's JSON, as encoding/json writes it.
func (r *StartDataIngestionJobResponse) appendJSON(b []byte) ([]byte, error) {
	return startDataIngestionJobResponseDecl.appendJSON(b, r)
}

// EnsureClientToken sets r.ClientToken to a new token from [NewClientToken]
// when it is empty, as the AWS SDKs do before they send the request, and
// returns the token r carries. A token already set is kept as it is, valid or
// not: Validate reports a bad one. On a nil r it returns "".
func (r *StartDataIngestionJobRequest) EnsureClientToken() string {
	if r == nil {
		return ""
	}
	return ensureClientToken(&r.ClientToken)
}

// ensureClientToken is EnsureClientToken's body.
func ensureClientToken(token *string) string {
	if *token == "" {
		*token = NewClientToken()
	}
	return *token
}

func (*StartDataIngestionJobRequest) wireOp() *wireOp { return opStartDataIngestionJob.wire }

// validateWire is Validate with what the body the request was decoded from
// said of its members (see [Presence]).
func (r *StartDataIngestionJobRequest) validateWire(p *presence) error {
	return opStartDataIngestionJob.validateRequest(r, p)
}
