package lookout

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
	ClientToken string `json:"ClientToken,omitempty" validate:"lookout_client_token"`

	// DatasetName is the name of the dataset the job ingests into: 1 to 200
	// characters of [0-9a-zA-Z_-].
	DatasetName string `json:"DatasetName,omitempty" validate:"lookout_dataset_name"`

	// IngestionInputConfiguration says where the input data is. Required.
	IngestionInputConfiguration *IngestionInputConfiguration `json:"IngestionInputConfiguration,omitempty" validate:"required"`

	// RoleArn is the ARN of an IAM role with access to the data: 20 to 2048
	// characters matching arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+.
	RoleArn string `json:"RoleArn,omitempty" validate:"lookout_role_arn"`
}

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
	Bucket string `json:"Bucket,omitempty" validate:"lookout_s3_bucket"`

	// Prefix is the key prefix of the input data: absent, empty, or up to
	// 1024 characters of TAB, LF, CR and U+0020..U+00FF ending in "/" (at
	// least one character before the "/").
	Prefix *string `json:"Prefix,omitempty" validate:"lookout_s3_prefix"`

	// KeyPattern says how the objects' keys are laid out: absent (the
	// default {prefix}/{component_name}/*) or one of the documented values,
	// [KeyPatternSlash], [KeyPatternUnderscore], [KeyPatternSpace],
	// [KeyPatternDot] and [KeyPatternHyphen]. Present, it may not be empty.
	// The service requires it on a dataset's first ingestion, which a
	// request alone cannot tell.
	KeyPattern *string `json:"KeyPattern,omitempty" validate:"lookout_key_pattern"`
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

// Validate reports whether r satisfies every constraint that the service
// enforces on StartDataIngestionJob's input. It returns nil, or a
// *[ValidationException] that lists every violation, in wire order (the
// order of [Rules]) and, within one member, in the order of the
// [Constraint] values. A nil r, or a nil nested structure, is reported as
// the absent members it stands for, never a panic.
//
// Validate allocates nothing when r is valid.
func (r *StartDataIngestionJobRequest) Validate() error {
	if r.valid() {
		return nil
	}
	// Room for every violation a request can have, in one allocation: six
	// members, three violations each at most.
	if fs := r.appendViolations(make([]FieldError, 0, 18)); len(fs) != 0 {
		return NewValidationException(fs)
	}
	return nil
}

// valid is Validate's fast path: the same verdict as appendViolations
// finding nothing, from direct calls to the matchers. When it says no,
// appendViolations finds out why.
func (r *StartDataIngestionJobRequest) valid() bool {
	if r == nil || r.IngestionInputConfiguration == nil || r.IngestionInputConfiguration.S3InputConfiguration == nil {
		return false
	}
	s3 := r.IngestionInputConfiguration.S3InputConfiguration
	if !ruleClientToken.accepts(scanClientToken(r.ClientToken)) ||
		!ruleDatasetName.accepts(scanDatasetName(r.DatasetName)) ||
		!ruleBucket.accepts(scanBucket(s3.Bucket)) ||
		!ruleRoleArn.accepts(scanRoleArn(r.RoleArn)) {
		return false
	}
	if s3.KeyPattern != nil && !ruleKeyPattern.accepts(scanKeyPattern(*s3.KeyPattern)) {
		return false
	}
	return s3.Prefix == nil || rulePrefix.accepts(scanPrefix(*s3.Prefix))
}

// appendViolations appends r's violations to fs.
func (r *StartDataIngestionJobRequest) appendViolations(fs []FieldError) []FieldError {
	var req StartDataIngestionJobRequest
	if r != nil {
		req = *r
	}
	fs = ruleClientToken.check(fs, ruleClientToken.Path, req.ClientToken, req.ClientToken != "")
	fs = ruleDatasetName.check(fs, ruleDatasetName.Path, req.DatasetName, req.DatasetName != "")
	if req.IngestionInputConfiguration == nil {
		fs = ruleInputConfiguration.check(fs, ruleInputConfiguration.Path, "", false)
	} else if s3 := req.IngestionInputConfiguration.S3InputConfiguration; s3 == nil {
		fs = ruleS3InputConfiguration.check(fs, ruleS3InputConfiguration.Path, "", false)
	} else {
		fs = ruleBucket.check(fs, ruleBucket.Path, s3.Bucket, s3.Bucket != "")
		fs = ruleKeyPattern.check(fs, ruleKeyPattern.Path, deref(s3.KeyPattern), s3.KeyPattern != nil)
		fs = rulePrefix.check(fs, rulePrefix.Path, deref(s3.Prefix), s3.Prefix != nil)
	}
	fs = ruleRoleArn.check(fs, ruleRoleArn.Path, req.RoleArn, req.RoleArn != "")
	return fs
}

// EnsureClientToken sets r.ClientToken to a new token from [NewClientToken]
// when it is empty, as the AWS SDKs do before they send the request, and
// returns the token r carries. A token already set is kept as it is, valid or
// not: Validate reports a bad one. On a nil r it returns "".
func (r *StartDataIngestionJobRequest) EnsureClientToken() string {
	if r == nil {
		return ""
	}
	if r.ClientToken == "" {
		r.ClientToken = NewClientToken()
	}
	return r.ClientToken
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
