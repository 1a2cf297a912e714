package lookout

// The structures in which the service reports what an ingestion made of the
// data: DescribeDataIngestionJob, DescribeDataset and ListSensorStatistics
// return them. Their members keep the service model's names.
//
// Counts are int64 and percentages float64, where the service model says
// Integer (32-bit) and Float (32-bit): a checker that reads tens of
// gigabytes can count past 2^31, and a percentage computed as Count / n *
// 100 keeps every bit it has. Both travel as JSON numbers, which every AWS
// client reads.

// DataQualitySummary sums up the quality of the data an ingestion read.
// Every member is required by the service model.
type DataQualitySummary struct {
	// InsufficientSensorData counts the sensors without enough data.
	InsufficientSensorData InsufficientSensorData `json:"InsufficientSensorData"`
	// MissingSensorData counts the missing values.
	MissingSensorData MissingSensorData `json:"MissingSensorData"`
	// InvalidSensorData counts the invalid values.
	InvalidSensorData InvalidSensorData `json:"InvalidSensorData"`
	// UnsupportedTimestamps counts the records whose timestamp the service
	// cannot read.
	UnsupportedTimestamps UnsupportedTimestamps `json:"UnsupportedTimestamps"`
	// DuplicateTimestamps counts the records whose timestamp an earlier
	// record already had.
	DuplicateTimestamps DuplicateTimestamps `json:"DuplicateTimestamps"`
}

// InsufficientSensorData counts the sensors without enough data to train a
// model on.
type InsufficientSensorData struct {
	// MissingCompleteSensorData counts the sensors without one valid value.
	MissingCompleteSensorData MissingCompleteSensorData `json:"MissingCompleteSensorData"`
	// SensorsWithShortDateRange counts the sensors whose valid values span
	// less than 14 days.
	SensorsWithShortDateRange SensorsWithShortDateRange `json:"SensorsWithShortDateRange"`
}

// MissingCompleteSensorData counts the sensors without one valid value.
type MissingCompleteSensorData struct {
	// AffectedSensorCount is the number of such sensors.
	AffectedSensorCount int64 `json:"AffectedSensorCount"`
}

// SensorsWithShortDateRange counts the sensors whose valid values span less
// than 14 days.
type SensorsWithShortDateRange struct {
	// AffectedSensorCount is the number of such sensors.
	AffectedSensorCount int64 `json:"AffectedSensorCount"`
}

// MissingSensorData counts missing values and the sensors that have one.
type MissingSensorData struct {
	// AffectedSensorCount is the number of sensors with a missing value.
	AffectedSensorCount int64 `json:"AffectedSensorCount"`
	// TotalNumberOfMissingValues is the number of missing values.
	TotalNumberOfMissingValues int64 `json:"TotalNumberOfMissingValues"`
}

// InvalidSensorData counts invalid values and the sensors that have one.
type InvalidSensorData struct {
	// AffectedSensorCount is the number of sensors with an invalid value.
	AffectedSensorCount int64 `json:"AffectedSensorCount"`
	// TotalNumberOfInvalidValues is the number of invalid values.
	TotalNumberOfInvalidValues int64 `json:"TotalNumberOfInvalidValues"`
}

// UnsupportedTimestamps counts the records dropped for their timestamp.
type UnsupportedTimestamps struct {
	// TotalNumberOfUnsupportedTimestamps is the number of such records.
	TotalNumberOfUnsupportedTimestamps int64 `json:"TotalNumberOfUnsupportedTimestamps"`
}

// DuplicateTimestamps counts the records that repeat an earlier record's
// timestamp.
type DuplicateTimestamps struct {
	// TotalNumberOfDuplicateTimestamps is the number of such records.
	TotalNumberOfDuplicateTimestamps int64 `json:"TotalNumberOfDuplicateTimestamps"`
}

// IngestedFilesSummary counts the files an ingestion matched and read.
type IngestedFilesSummary struct {
	// TotalNumberOfFiles is the number of files the job matched. Required.
	TotalNumberOfFiles int64 `json:"TotalNumberOfFiles"`
	// IngestedNumberOfFiles is the number of files it ingested. Required.
	IngestedNumberOfFiles int64 `json:"IngestedNumberOfFiles"`
	// DiscardedFiles lists the matched files it did not ingest, in key
	// order.
	DiscardedFiles []S3Object `json:"DiscardedFiles,omitempty"`
}

// S3Object names one object in S3.
type S3Object struct {
	// Bucket is the object's bucket. Required.
	Bucket string `json:"Bucket"`
	// Key is the object's key. Required.
	Key string `json:"Key"`
}

// CountPercent is a count and the share of a whole it stands for.
type CountPercent struct {
	// Count is the number of occurrences. Required.
	Count int64 `json:"Count"`
	// Percentage is Count as a percentage of the whole. Required.
	Percentage float64 `json:"Percentage"`
}

// SensorStatisticsSummary holds the figures of one sensor (a column of one
// component) over an ingestion's data.
type SensorStatisticsSummary struct {
	// ComponentName is the sensor's component.
	ComponentName string `json:"ComponentName,omitempty"`
	// SensorName is the sensor's column name.
	SensorName string `json:"SensorName,omitempty"`
	// DataExists reports whether the sensor has a valid value.
	DataExists bool `json:"DataExists"`
	// MissingValues counts the sensor's missing values.
	MissingValues *CountPercent `json:"MissingValues,omitempty"`
	// InvalidValues counts the sensor's invalid values.
	InvalidValues *CountPercent `json:"InvalidValues,omitempty"`
	// InvalidDateEntries counts the records with an unsupported timestamp
	// in the files that hold the sensor.
	InvalidDateEntries *CountPercent `json:"InvalidDateEntries,omitempty"`
	// DuplicateTimestamps counts the sensor's duplicate timestamps.
	DuplicateTimestamps *CountPercent `json:"DuplicateTimestamps,omitempty"`
	// CategoricalValues says whether the sensor looks categorical.
	CategoricalValues *CategoricalValues `json:"CategoricalValues,omitempty"`
	// MultipleOperatingModes says whether the sensor shows several
	// operating modes.
	MultipleOperatingModes *MultipleOperatingModes `json:"MultipleOperatingModes,omitempty"`
	// LargeTimestampGaps says whether the sensor's data has large gaps.
	LargeTimestampGaps *LargeTimestampGaps `json:"LargeTimestampGaps,omitempty"`
	// MonotonicValues says whether the sensor's values are monotonic.
	MonotonicValues *MonotonicValues `json:"MonotonicValues,omitempty"`
	// DataStartTime is the time of the sensor's earliest valid value.
	DataStartTime *Timestamp `json:"DataStartTime,omitempty"`
	// DataEndTime is the time of the sensor's latest valid value.
	DataEndTime *Timestamp `json:"DataEndTime,omitempty"`
}

// CategoricalValues says whether a sensor's values look categorical.
type CategoricalValues struct {
	// Status says whether an issue was found. Required.
	Status StatisticalIssueStatus `json:"Status"`
	// NumberOfCategory is the number of categories found.
	NumberOfCategory *int64 `json:"NumberOfCategory,omitempty"`
}

// MultipleOperatingModes says whether a sensor shows several operating
// modes.
type MultipleOperatingModes struct {
	// Status says whether an issue was found. Required.
	Status StatisticalIssueStatus `json:"Status"`
}

// LargeTimestampGaps says whether a sensor's data has large gaps in time.
type LargeTimestampGaps struct {
	// Status says whether an issue was found. Required.
	Status StatisticalIssueStatus `json:"Status"`
	// NumberOfLargeTimestampGaps is the number of large gaps.
	NumberOfLargeTimestampGaps *int64 `json:"NumberOfLargeTimestampGaps,omitempty"`
	// MaxTimestampGapInDays is the longest gap, in days.
	MaxTimestampGapInDays *int64 `json:"MaxTimestampGapInDays,omitempty"`
}

// MonotonicValues says whether a sensor's values only rise, only fall or
// stay the same.
type MonotonicValues struct {
	// Status says whether an issue was found. Required.
	Status StatisticalIssueStatus `json:"Status"`
	// Monotonicity says how the values move.
	Monotonicity Monotonicity `json:"Monotonicity,omitempty"`
}

// StatisticalIssueStatus says whether a statistic found an issue. Decoding
// keeps a value this package does not know, as the AWS SDKs do.
type StatisticalIssueStatus string

// The values the service documents.
const (
	StatisticalIssueStatusPotentialIssueDetected StatisticalIssueStatus = "POTENTIAL_ISSUE_DETECTED"
	StatisticalIssueStatusNoIssueDetected        StatisticalIssueStatus = "NO_ISSUE_DETECTED"
)

// Monotonicity says how a sensor's values move. Decoding keeps a value this
// package does not know, as the AWS SDKs do.
type Monotonicity string

// The values the service documents.
const (
	MonotonicityDecreasing Monotonicity = "DECREASING"
	MonotonicityIncreasing Monotonicity = "INCREASING"
	MonotonicityStatic     Monotonicity = "STATIC"
)
