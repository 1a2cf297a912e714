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
	// DuplicateTimestamps counts the records whose timestamp an earlier
	// record already had.
	DuplicateTimestamps DuplicateTimestamps `json:"DuplicateTimestamps"`
	// InsufficientSensorData counts the sensors without enough data.
	InsufficientSensorData InsufficientSensorData `json:"InsufficientSensorData"`
	// InvalidSensorData counts the invalid values.
	InvalidSensorData InvalidSensorData `json:"InvalidSensorData"`
	// MissingSensorData counts the missing values.
	MissingSensorData MissingSensorData `json:"MissingSensorData"`
	// UnsupportedTimestamps counts the records whose timestamp the service
	// cannot read.
	UnsupportedTimestamps UnsupportedTimestamps `json:"UnsupportedTimestamps"`
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
	// DiscardedFiles lists the matched files it did not ingest, in key
	// order.
	DiscardedFiles []S3Object `json:"DiscardedFiles,omitempty" validate:"omitempty,dive"`
	// IngestedNumberOfFiles is the number of files it ingested. Required.
	IngestedNumberOfFiles int64 `json:"IngestedNumberOfFiles"`
	// TotalNumberOfFiles is the number of files the job matched. Required.
	TotalNumberOfFiles int64 `json:"TotalNumberOfFiles"`
}

// S3Object names one object in S3.
type S3Object struct {
	// Bucket is the object's bucket. Required.
	Bucket string `json:"Bucket" validate:"lookout_s3_bucket"`
	// Key is the object's key. Required.
	Key string `json:"Key" validate:"lookout_s3_key"`
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
	// CategoricalValues says whether the sensor looks categorical.
	CategoricalValues *CategoricalValues `json:"CategoricalValues,omitempty"`
	// ComponentName is the sensor's component.
	ComponentName string `json:"ComponentName,omitempty" validate:"omitempty,lookout_component_name"`
	// DataEndTime is the time of the sensor's latest valid value.
	DataEndTime *Timestamp `json:"DataEndTime,omitempty"`
	// DataExists reports whether the sensor has a valid value.
	DataExists bool `json:"DataExists"`
	// DataStartTime is the time of the sensor's earliest valid value.
	DataStartTime *Timestamp `json:"DataStartTime,omitempty"`
	// DuplicateTimestamps counts the sensor's duplicate timestamps.
	DuplicateTimestamps *CountPercent `json:"DuplicateTimestamps,omitempty"`
	// InvalidDateEntries counts the records with an unsupported timestamp
	// in the files that hold the sensor.
	InvalidDateEntries *CountPercent `json:"InvalidDateEntries,omitempty"`
	// InvalidValues counts the sensor's invalid values.
	InvalidValues *CountPercent `json:"InvalidValues,omitempty"`
	// LargeTimestampGaps says whether the sensor's data has large gaps.
	LargeTimestampGaps *LargeTimestampGaps `json:"LargeTimestampGaps,omitempty"`
	// MissingValues counts the sensor's missing values.
	MissingValues *CountPercent `json:"MissingValues,omitempty"`
	// MonotonicValues says whether the sensor's values are monotonic.
	MonotonicValues *MonotonicValues `json:"MonotonicValues,omitempty"`
	// MultipleOperatingModes says whether the sensor shows several
	// operating modes.
	MultipleOperatingModes *MultipleOperatingModes `json:"MultipleOperatingModes,omitempty"`
	// SensorName is the sensor's column name.
	SensorName string `json:"SensorName,omitempty" validate:"omitempty,lookout_sensor_name"`
}

// CategoricalValues says whether a sensor's values look categorical.
type CategoricalValues struct {
	// NumberOfCategory is the number of categories found.
	NumberOfCategory *int64 `json:"NumberOfCategory,omitempty"`
	// Status says whether an issue was found. Required.
	Status StatisticalIssueStatus `json:"Status" validate:"lookout_statistical_issue_status"`
}

// MultipleOperatingModes says whether a sensor shows several operating
// modes.
type MultipleOperatingModes struct {
	// Status says whether an issue was found. Required.
	Status StatisticalIssueStatus `json:"Status" validate:"lookout_statistical_issue_status"`
}

// LargeTimestampGaps says whether a sensor's data has large gaps in time.
type LargeTimestampGaps struct {
	// MaxTimestampGapInDays is the longest gap, in days.
	MaxTimestampGapInDays *int64 `json:"MaxTimestampGapInDays,omitempty"`
	// NumberOfLargeTimestampGaps is the number of large gaps.
	NumberOfLargeTimestampGaps *int64 `json:"NumberOfLargeTimestampGaps,omitempty"`
	// Status says whether an issue was found. Required.
	Status StatisticalIssueStatus `json:"Status" validate:"lookout_statistical_issue_status"`
}

// MonotonicValues says whether a sensor's values only rise, only fall or
// stay the same.
type MonotonicValues struct {
	// Monotonicity says how the values move.
	Monotonicity Monotonicity `json:"Monotonicity,omitempty" validate:"omitempty,lookout_monotonicity"`
	// Status says whether an issue was found. Required.
	Status StatisticalIssueStatus `json:"Status" validate:"lookout_statistical_issue_status"`
}

// The declarations of the figures' structures, in the service model's
// member order.
var (
	dataQualitySummaryDecl = structDecl[DataQualitySummary]{
		kind: Kind{Name: "DataQualitySummary", Type: TypeStructure},
		fields: []field[DataQualitySummary]{
			valueStructMember("DuplicateTimestamps", true, &duplicateTimestampsDecl,
				func(v *DataQualitySummary) *DuplicateTimestamps { return &v.DuplicateTimestamps }),
			valueStructMember("InsufficientSensorData", true, &insufficientSensorDataDecl,
				func(v *DataQualitySummary) *InsufficientSensorData { return &v.InsufficientSensorData }),
			valueStructMember("InvalidSensorData", true, &invalidSensorDataDecl,
				func(v *DataQualitySummary) *InvalidSensorData { return &v.InvalidSensorData }),
			valueStructMember("MissingSensorData", true, &missingSensorDataDecl,
				func(v *DataQualitySummary) *MissingSensorData { return &v.MissingSensorData }),
			valueStructMember("UnsupportedTimestamps", true, &unsupportedTimestampsDecl,
				func(v *DataQualitySummary) *UnsupportedTimestamps { return &v.UnsupportedTimestamps }),
		},
	}
	duplicateTimestampsDecl = structDecl[DuplicateTimestamps]{
		kind: Kind{Name: "DuplicateTimestamps", Type: TypeStructure},
		fields: []field[DuplicateTimestamps]{
			plainMember("TotalNumberOfDuplicateTimestamps", &kindInteger, true, func(v *DuplicateTimestamps) *int64 { return &v.TotalNumberOfDuplicateTimestamps }),
		},
	}
	insufficientSensorDataDecl = structDecl[InsufficientSensorData]{
		kind: Kind{Name: "InsufficientSensorData", Type: TypeStructure},
		fields: []field[InsufficientSensorData]{
			valueStructMember("MissingCompleteSensorData", true, &missingCompleteSensorDataDecl,
				func(v *InsufficientSensorData) *MissingCompleteSensorData { return &v.MissingCompleteSensorData }),
			valueStructMember("SensorsWithShortDateRange", true, &sensorsWithShortDateRangeDecl,
				func(v *InsufficientSensorData) *SensorsWithShortDateRange { return &v.SensorsWithShortDateRange }),
		},
	}
	missingCompleteSensorDataDecl = structDecl[MissingCompleteSensorData]{
		kind: Kind{Name: "MissingCompleteSensorData", Type: TypeStructure},
		fields: []field[MissingCompleteSensorData]{
			plainMember("AffectedSensorCount", &kindInteger, true, func(v *MissingCompleteSensorData) *int64 { return &v.AffectedSensorCount }),
		},
	}
	sensorsWithShortDateRangeDecl = structDecl[SensorsWithShortDateRange]{
		kind: Kind{Name: "SensorsWithShortDateRange", Type: TypeStructure},
		fields: []field[SensorsWithShortDateRange]{
			plainMember("AffectedSensorCount", &kindInteger, true, func(v *SensorsWithShortDateRange) *int64 { return &v.AffectedSensorCount }),
		},
	}
	invalidSensorDataDecl = structDecl[InvalidSensorData]{
		kind: Kind{Name: "InvalidSensorData", Type: TypeStructure},
		fields: []field[InvalidSensorData]{
			plainMember("AffectedSensorCount", &kindInteger, true, func(v *InvalidSensorData) *int64 { return &v.AffectedSensorCount }),
			plainMember("TotalNumberOfInvalidValues", &kindInteger, true, func(v *InvalidSensorData) *int64 { return &v.TotalNumberOfInvalidValues }),
		},
	}
	missingSensorDataDecl = structDecl[MissingSensorData]{
		kind: Kind{Name: "MissingSensorData", Type: TypeStructure},
		fields: []field[MissingSensorData]{
			plainMember("AffectedSensorCount", &kindInteger, true, func(v *MissingSensorData) *int64 { return &v.AffectedSensorCount }),
			plainMember("TotalNumberOfMissingValues", &kindInteger, true, func(v *MissingSensorData) *int64 { return &v.TotalNumberOfMissingValues }),
		},
	}
	unsupportedTimestampsDecl = structDecl[UnsupportedTimestamps]{
		kind: Kind{Name: "UnsupportedTimestamps", Type: TypeStructure},
		fields: []field[UnsupportedTimestamps]{
			plainMember("TotalNumberOfUnsupportedTimestamps", &kindInteger, true, func(v *UnsupportedTimestamps) *int64 { return &v.TotalNumberOfUnsupportedTimestamps }),
		},
	}

	ingestedFilesSummaryDecl = structDecl[IngestedFilesSummary]{
		kind: Kind{Name: "IngestedFilesSummary", Type: TypeStructure},
		fields: []field[IngestedFilesSummary]{
			listMember("DiscardedFiles", &kindListOfDiscardedFiles, false, &s3ObjectDecl,
				func(v *IngestedFilesSummary) *[]S3Object { return &v.DiscardedFiles }),
			plainMember("IngestedNumberOfFiles", &kindInteger, true, func(v *IngestedFilesSummary) *int64 { return &v.IngestedNumberOfFiles }),
			plainMember("TotalNumberOfFiles", &kindInteger, true, func(v *IngestedFilesSummary) *int64 { return &v.TotalNumberOfFiles }),
		},
	}
	kindListOfDiscardedFiles = Kind{Name: "ListOfDiscardedFiles", Type: TypeList}

	s3ObjectDecl = structDecl[S3Object]{
		kind: Kind{Name: "S3Object", Type: TypeStructure},
		fields: []field[S3Object]{
			stringMember("Bucket", &kindS3Bucket, true, false, func(v *S3Object) *string { return &v.Bucket }),
			stringMember("Key", &kindS3Key, true, false, func(v *S3Object) *string { return &v.Key }),
		},
	}

	countPercentDecl = structDecl[CountPercent]{
		kind: Kind{Name: "CountPercent", Type: TypeStructure},
		fields: []field[CountPercent]{
			plainMember("Count", &kindInteger, true, func(v *CountPercent) *int64 { return &v.Count }),
			plainMember("Percentage", &kindFloat, true, func(v *CountPercent) *float64 { return &v.Percentage }),
		},
	}

	sensorStatisticsSummaryDecl = structDecl[SensorStatisticsSummary]{
		kind: Kind{Name: "SensorStatisticsSummary", Type: TypeStructure},
		fields: []field[SensorStatisticsSummary]{
			structMember("CategoricalValues", false, &categoricalValuesDecl,
				func(v *SensorStatisticsSummary) **CategoricalValues { return &v.CategoricalValues }),
			stringMember("ComponentName", &kindComponentName, false, true,
				func(v *SensorStatisticsSummary) *string { return &v.ComponentName }),
			plainMember("DataEndTime", &kindTimestamp, false, func(v *SensorStatisticsSummary) **Timestamp { return &v.DataEndTime }),
			plainMember("DataExists", &kindBoolean, false, func(v *SensorStatisticsSummary) *bool { return &v.DataExists }),
			plainMember("DataStartTime", &kindTimestamp, false, func(v *SensorStatisticsSummary) **Timestamp { return &v.DataStartTime }),
			structMember("DuplicateTimestamps", false, &countPercentDecl,
				func(v *SensorStatisticsSummary) **CountPercent { return &v.DuplicateTimestamps }),
			structMember("InvalidDateEntries", false, &countPercentDecl,
				func(v *SensorStatisticsSummary) **CountPercent { return &v.InvalidDateEntries }),
			structMember("InvalidValues", false, &countPercentDecl,
				func(v *SensorStatisticsSummary) **CountPercent { return &v.InvalidValues }),
			structMember("LargeTimestampGaps", false, &largeTimestampGapsDecl,
				func(v *SensorStatisticsSummary) **LargeTimestampGaps { return &v.LargeTimestampGaps }),
			structMember("MissingValues", false, &countPercentDecl,
				func(v *SensorStatisticsSummary) **CountPercent { return &v.MissingValues }),
			structMember("MonotonicValues", false, &monotonicValuesDecl,
				func(v *SensorStatisticsSummary) **MonotonicValues { return &v.MonotonicValues }),
			structMember("MultipleOperatingModes", false, &multipleOperatingModesDecl,
				func(v *SensorStatisticsSummary) **MultipleOperatingModes { return &v.MultipleOperatingModes }),
			stringMember("SensorName", &kindSensorName, false, true,
				func(v *SensorStatisticsSummary) *string { return &v.SensorName }),
		},
	}
	categoricalValuesDecl = structDecl[CategoricalValues]{
		kind: Kind{Name: "CategoricalValues", Type: TypeStructure},
		fields: []field[CategoricalValues]{
			plainMember("NumberOfCategory", &kindInteger, false, func(v *CategoricalValues) **int64 { return &v.NumberOfCategory }),
			stringMember("Status", &kindStatisticalIssueStatus, true, false,
				func(v *CategoricalValues) *StatisticalIssueStatus { return &v.Status }),
		},
	}
	largeTimestampGapsDecl = structDecl[LargeTimestampGaps]{
		kind: Kind{Name: "LargeTimestampGaps", Type: TypeStructure},
		fields: []field[LargeTimestampGaps]{
			plainMember("MaxTimestampGapInDays", &kindInteger, false, func(v *LargeTimestampGaps) **int64 { return &v.MaxTimestampGapInDays }),
			plainMember("NumberOfLargeTimestampGaps", &kindInteger, false, func(v *LargeTimestampGaps) **int64 { return &v.NumberOfLargeTimestampGaps }),
			stringMember("Status", &kindStatisticalIssueStatus, true, false,
				func(v *LargeTimestampGaps) *StatisticalIssueStatus { return &v.Status }),
		},
	}
	monotonicValuesDecl = structDecl[MonotonicValues]{
		kind: Kind{Name: "MonotonicValues", Type: TypeStructure},
		fields: []field[MonotonicValues]{
			stringMember("Monotonicity", &kindMonotonicity, false, true,
				func(v *MonotonicValues) *Monotonicity { return &v.Monotonicity }),
			stringMember("Status", &kindStatisticalIssueStatus, true, false,
				func(v *MonotonicValues) *StatisticalIssueStatus { return &v.Status }),
		},
	}
	multipleOperatingModesDecl = structDecl[MultipleOperatingModes]{
		kind: Kind{Name: "MultipleOperatingModes", Type: TypeStructure},
		fields: []field[MultipleOperatingModes]{
			stringMember("Status", &kindStatisticalIssueStatus, true, false,
				func(v *MultipleOperatingModes) *StatisticalIssueStatus { return &v.Status }),
		},
	}
)
