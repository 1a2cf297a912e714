package lookout

// StartDataIngestionJobResponse is the output of StartDataIngestionJob. Both
// members are optional on the wire: a client must accept "{}".
type StartDataIngestionJobResponse struct {
	// JobId identifies the data ingestion job: at most 32 hexadecimal
	// digits. Empty means absent.
	JobId string `json:"JobId,omitempty" validate:"lookout_job_id"`

	// Status is the status of the job. Empty means absent.
	Status IngestionJobStatus `json:"Status,omitempty" validate:"lookout_job_status"`
}

// Validate reports whether r satisfies the constraints of the service's
// model: a JobId of at most 32 hexadecimal digits and a known Status. It
// returns nil or a *[ValidationException] listing every violation. A nil r
// is valid: both members are optional.
func (r *StartDataIngestionJobResponse) Validate() error {
	if r == nil {
		return nil
	}
	var fs []FieldError
	fs = ruleJobID.check(fs, ruleJobID.Path, r.JobId, r.JobId != "")
	fs = ruleJobStatus.check(fs, ruleJobStatus.Path, string(r.Status), r.Status != "")
	if fs != nil {
		return NewValidationException(fs)
	}
	return nil
}

// IngestionJobStatus is the status of a data ingestion job. Decoding keeps a
// value this package does not know, as the AWS SDKs do, so that a newer
// service's answer still reads; [IngestionJobStatus.IsKnown] and Validate
// tell it apart.
type IngestionJobStatus string

// The statuses the service documents.
const (
	IngestionJobStatusInProgress       IngestionJobStatus = "IN_PROGRESS"
	IngestionJobStatusSuccess          IngestionJobStatus = "SUCCESS"
	IngestionJobStatusFailed           IngestionJobStatus = "FAILED"
	IngestionJobStatusImportInProgress IngestionJobStatus = "IMPORT_IN_PROGRESS"
)

// Values returns the documented statuses, in the order of the service
// model. The slice is new on each call.
func (IngestionJobStatus) Values() []IngestionJobStatus {
	out := make([]IngestionJobStatus, len(jobStatusValues))
	for i, v := range jobStatusValues {
		out[i] = IngestionJobStatus(v)
	}
	return out
}

// IsKnown reports whether s is one of the documented statuses.
func (s IngestionJobStatus) IsKnown() bool {
	ok, _, _ := scanJobStatus(string(s))
	return ok
}

// IsTerminal reports whether a job in status s has finished: SUCCESS or
// FAILED. IN_PROGRESS and IMPORT_IN_PROGRESS are not terminal, nor is a
// status this package does not know.
func (s IngestionJobStatus) IsTerminal() bool {
	return s == IngestionJobStatusSuccess || s == IngestionJobStatusFailed
}
