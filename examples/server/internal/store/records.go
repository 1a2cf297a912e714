package store

import "time"

// DatasetStatus is the status of a dataset.
type DatasetStatus string

// The statuses of a dataset.
const (
	DatasetCreated             DatasetStatus = "CREATED"
	DatasetIngestionInProgress DatasetStatus = "INGESTION_IN_PROGRESS"
	DatasetActive              DatasetStatus = "ACTIVE"
)

// JobStatus is the status of a data ingestion job.
type JobStatus string

// The statuses of a data ingestion job.
const (
	JobInProgress JobStatus = "IN_PROGRESS"
	JobSuccess    JobStatus = "SUCCESS"
	JobFailed     JobStatus = "FAILED"
)

// Tag is a key and value attached to a dataset.
type Tag struct {
	Key, Value string
}

// NewDataset is what CreateDataset stores.
type NewDataset struct {
	// Name is the dataset's name, unique in the store.
	Name string
	// ClientToken makes the call idempotent; "" stores no token.
	ClientToken string
	// Schema is the InlineDataSchema document; nil when there is none.
	Schema *string
	// KMSKeyID is the ServerSideKmsKeyId; nil when there is none.
	KMSKeyID *string
	// Tags are the dataset's tags, in the order given.
	Tags []Tag
}

// Dataset is a stored dataset.
type Dataset struct {
	Name string
	// ARN is arn:aws:lookoutequipment:REGION:ACCOUNT:dataset/NAME/UUID.
	ARN       string
	Status    DatasetStatus
	CreatedAt time.Time
	// UpdatedAt is when the dataset's status last changed.
	UpdatedAt time.Time
	Schema    *string
	KMSKeyID  *string
	Tags      []Tag
	// LastIngestion is the last job of the dataset that ended in SUCCESS,
	// nil before the first.
	LastIngestion *Job
}

// DatasetSummary is a dataset as ListDatasets gives it.
type DatasetSummary struct {
	Name      string
	ARN       string
	Status    DatasetStatus
	CreatedAt time.Time
}

// JobInput is the ingestion input configuration of a job and its role.
type JobInput struct {
	Bucket     string
	Prefix     *string
	KeyPattern *string
	RoleARN    string
}

// NewJob is what StartJob stores.
type NewJob struct {
	// Dataset names the dataset to ingest into.
	Dataset string
	// ClientToken makes the call idempotent; "" stores no token.
	ClientToken string
	Input       JobInput
}

// Outcome is how a job ended, as FinishJob stores it.
type Outcome struct {
	// Status is JobSuccess or JobFailed.
	Status JobStatus
	// FailedReason says why a job FAILED; "" for SUCCESS.
	FailedReason string
	// DataStartTime and DataEndTime bound the data ingested; zero when
	// none was.
	DataStartTime, DataEndTime time.Time
	// Result is the job's figures, an opaque document (JSON by
	// convention) given back by Job and Dataset.
	Result []byte
	// SensorStatistics are the per-sensor figures, each an opaque
	// document, listed by ListSensorStatistics in this order.
	SensorStatistics [][]byte
	// DataVersion, when not "", names the copy of the data that a
	// successful job made: it becomes its dataset's DataVersion in the same
	// commit as the outcome.
	DataVersion string
	// StatisticsFrom, when not "", is the job whose per-sensor figures
	// the job takes as its own, after SensorStatistics (an import).
	StatisticsFrom string
}

// Job is a stored data ingestion job.
type Job struct {
	// ID is 32 lowercase hexadecimal digits.
	ID          string
	DatasetName string
	DatasetARN  string
	ClientToken string
	Input       JobInput
	Status      JobStatus
	// FailedReason is set when Status is JobFailed.
	FailedReason string
	CreatedAt    time.Time
	// FinishedAt is zero while the job is IN_PROGRESS.
	FinishedAt                 time.Time
	DataStartTime, DataEndTime time.Time
	// Result is the Outcome's Result; nil while the job is IN_PROGRESS
	// and when the Result was empty.
	Result []byte
}

// JobSummary is a job as ListJobs gives it.
type JobSummary struct {
	ID          string
	DatasetName string
	DatasetARN  string
	Input       JobInput
	Status      JobStatus
	CreatedAt   time.Time
}

// Page asks for one page of a list.
type Page struct {
	// Limit is the most items the page holds: 1 to MaxPageSize, or 0 for
	// DefaultPageSize.
	Limit int
	// Token is the NextToken of the previous page; "" for the first.
	Token string
}

// The bounds of Page.Limit.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// DatasetFilter selects the datasets of ListDatasets.
type DatasetFilter struct {
	// NameBeginsWith keeps the names that begin with it; "" keeps all.
	NameBeginsWith string
}

// JobFilter selects the jobs of ListJobs.
type JobFilter struct {
	// Dataset keeps the jobs of that dataset; "" keeps all.
	Dataset string
	// Status keeps the jobs in that status; "" keeps all.
	Status JobStatus
}

// StatisticsFilter selects the sensor statistics of ListSensorStatistics.
type StatisticsFilter struct {
	// Dataset is required.
	Dataset string
	// JobID names a job of the dataset; "" means the dataset's last
	// successful ingestion.
	JobID string
}
