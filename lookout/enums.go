package lookout

// The enums of the service model. Each is a string type: decoding keeps a
// value this package does not know, as the AWS SDKs do, so that a newer
// service's answer still reads; IsKnown tells it apart, and Validate
// reports it (in a request and in a response alike: a server must not send
// what the model does not list).

// IngestionJobStatus is the status of a data ingestion job.
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
	return enumValues[IngestionJobStatus](jobStatusValues)
}

// IsKnown reports whether s is one of the documented statuses.
func (s IngestionJobStatus) IsKnown() bool {
	return kindIngestionJobStatus.accepts(kindIngestionJobStatus.match(string(s)))
}

// IsTerminal reports whether a job in status s has finished: SUCCESS or
// FAILED. IN_PROGRESS and IMPORT_IN_PROGRESS are not terminal, nor is a
// status this package does not know.
func (s IngestionJobStatus) IsTerminal() bool {
	return s == IngestionJobStatusSuccess || s == IngestionJobStatusFailed
}

// DatasetStatus is the status of a dataset.
type DatasetStatus string

// The statuses the service documents.
const (
	DatasetStatusCreated             DatasetStatus = "CREATED"
	DatasetStatusIngestionInProgress DatasetStatus = "INGESTION_IN_PROGRESS"
	DatasetStatusActive              DatasetStatus = "ACTIVE"
	DatasetStatusImportInProgress    DatasetStatus = "IMPORT_IN_PROGRESS"
)

// Values returns the documented statuses, in the order of the service
// model. The slice is new on each call.
func (DatasetStatus) Values() []DatasetStatus { return enumValues[DatasetStatus](datasetStatusValues) }

// IsKnown reports whether s is one of the documented statuses.
func (s DatasetStatus) IsKnown() bool {
	return kindDatasetStatus.accepts(kindDatasetStatus.match(string(s)))
}

// StatisticalIssueStatus says whether a statistic found an issue.
type StatisticalIssueStatus string

// The values the service documents.
const (
	StatisticalIssueStatusPotentialIssueDetected StatisticalIssueStatus = "POTENTIAL_ISSUE_DETECTED"
	StatisticalIssueStatusNoIssueDetected        StatisticalIssueStatus = "NO_ISSUE_DETECTED"
)

// Values returns the documented values, in the order of the service
// model. The slice is new on each call.
func (StatisticalIssueStatus) Values() []StatisticalIssueStatus {
	return enumValues[StatisticalIssueStatus](statisticalIssueStatusValues)
}

// IsKnown reports whether s is one of the documented values.
func (s StatisticalIssueStatus) IsKnown() bool {
	return kindStatisticalIssueStatus.accepts(kindStatisticalIssueStatus.match(string(s)))
}

// Monotonicity says how a sensor's values move.
type Monotonicity string

// The values the service documents.
const (
	MonotonicityDecreasing Monotonicity = "DECREASING"
	MonotonicityIncreasing Monotonicity = "INCREASING"
	MonotonicityStatic     Monotonicity = "STATIC"
)

// Values returns the documented values, in the order of the service
// model. The slice is new on each call.
func (Monotonicity) Values() []Monotonicity { return enumValues[Monotonicity](monotonicityValues) }

// IsKnown reports whether m is one of the documented values.
func (m Monotonicity) IsKnown() bool {
	return kindMonotonicity.accepts(kindMonotonicity.match(string(m)))
}

func enumValues[E ~string](values []string) []E {
	out := make([]E, len(values))
	for i, v := range values {
		out[i] = E(v)
	}
	return out
}
