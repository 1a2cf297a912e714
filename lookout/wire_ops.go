package lookout

// StartDataIngestionJob on the wire: its target, its members as the strict
// reader reads them, and the errors its model lists.

// TargetStartDataIngestionJob is the X-Amz-Target header of a
// StartDataIngestionJob request: the service's target prefix and the
// operation's name.
const TargetStartDataIngestionJob = targetPrefix + "StartDataIngestionJob"

var wireStartDataIngestionJob = declareWireOp("StartDataIngestionJob", startDataIngestionJobMembers, MaxRequestBodyBytes,
	CodeValidation, CodeResourceNotFound, CodeConflict, CodeThrottling, CodeServiceQuotaExceeded, CodeAccessDenied,
	CodeInternalServer)

var startDataIngestionJobMembers = newWireStruct(
	wireString("ClientToken", true, func(r *StartDataIngestionJobRequest) *string { return &r.ClientToken }),
	wireString("DatasetName", true, func(r *StartDataIngestionJobRequest) *string { return &r.DatasetName }),
	wireObject("IngestionInputConfiguration",
		func(r *StartDataIngestionJobRequest) **IngestionInputConfiguration {
			return &r.IngestionInputConfiguration
		},
		ingestionInputConfigurationMembers),
	wireString("RoleArn", true, func(r *StartDataIngestionJobRequest) *string { return &r.RoleArn }),
)

var ingestionInputConfigurationMembers = newWireStruct(
	wireObject("S3InputConfiguration",
		func(c *IngestionInputConfiguration) **IngestionS3InputConfiguration { return &c.S3InputConfiguration },
		ingestionS3InputConfigurationMembers),
)

var ingestionS3InputConfigurationMembers = newWireStruct(
	wireString("Bucket", true, func(c *IngestionS3InputConfiguration) *string { return &c.Bucket }),
	wireOptionalString("KeyPattern", func(c *IngestionS3InputConfiguration) **string { return &c.KeyPattern }),
	wireOptionalString("Prefix", func(c *IngestionS3InputConfiguration) **string { return &c.Prefix }),
)

func (*StartDataIngestionJobRequest) wireOp() *wireOp { return wireStartDataIngestionJob }

// validateWire is Validate, with what the body said of its plain string
// members: a required member given as "" is reported with the violations
// of the empty string rather than as absent.
func (r *StartDataIngestionJobRequest) validateWire(p *presence) error {
	err := r.Validate()
	if err == nil || p == nil || len(p.flips) == 0 {
		return err
	}
	ve := err.(*ValidationException) // Validate returns nothing else
	var s3 *IngestionS3InputConfiguration
	if r.IngestionInputConfiguration != nil {
		s3 = r.IngestionInputConfiguration.S3InputConfiguration
	}
	// The plain string members, where they are and their index in their
	// structure's table.
	plain := []struct {
		rule *Rule
		at   where
		i    int
	}{
		{&ruleClientToken, where{ptr: r}, 0},
		{&ruleDatasetName, where{ptr: r}, 1},
		{&ruleRoleArn, where{ptr: r}, 3},
		{&ruleBucket, where{ptr: s3}, 0},
	}
	fs := make([]FieldError, 0, len(ve.Fields)+4)
	for _, f := range ve.Fields {
		replaced := false
		for _, m := range plain {
			if f.Constraint == ConstraintRequired && f.Path == m.rule.Path && p.flipped(m.at, m.i) {
				fs = m.rule.check(fs, f.Path, "", true)
				replaced = true
			}
		}
		if !replaced {
			fs = append(fs, f)
		}
	}
	return NewValidationException(fs)
}
