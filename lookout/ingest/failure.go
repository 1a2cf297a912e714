package ingest

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// The limits of a job (section 5 of the package documentation).
const (
	MaxFiles      = 1000     // matched files, CSV or not
	MaxComponents = 3000     // components of the matched files and the schema
	MaxSensors    = 3000     // sensors of the ingested files and the schema
	MaxFileSize   = 5 << 30  // bytes of one CSV file
	MaxTotalSize  = 50 << 30 // bytes of the matched files
)

// FailureKind says why a job fails (section 5 of the package documentation).
type FailureKind uint8

// The kinds of failure, in the order in which the check looks for them.
const (
	// FailList: the bucket or its listing cannot be read (Err).
	FailList FailureKind = iota + 1
	// FailNoMatch: no key matches the prefix and key pattern.
	FailNoMatch
	// FailTooManyFiles: more than MaxFiles matched files (Count: the
	// matched keys seen when the listing stopped, MaxFiles + 1: it stops
	// there).
	FailTooManyFiles
	// FailTooManyComponents: more than MaxComponents components (Count).
	FailTooManyComponents
	// FailFileTooLarge: a CSV file of more than MaxFileSize bytes (Key,
	// Count).
	FailFileTooLarge
	// FailTooMuchData: more than MaxTotalSize bytes of matched files
	// (Count).
	FailTooMuchData
	// FailRead: a matched object cannot be read to its end, after the
	// source's retries (Key, Err): a transport failure, a denied read, a
	// key gone between listing and reading; the first in key order.
	FailRead
	// FailInvalidHeader: a header name that is not a valid SensorName
	// ([lookout.CheckSensorName]) (Key, Column, Name): the first in key
	// order.
	FailInvalidHeader
	// FailAllDiscarded: every matched file is discarded.
	FailAllDiscarded
	// FailTooManySensors: more than MaxSensors sensors (Count; Key when
	// one file's header alone has more).
	FailTooManySensors
)

var failureNames = [...]string{
	FailList:              "list",
	FailNoMatch:           "no-match",
	FailTooManyFiles:      "too-many-files",
	FailTooManyComponents: "too-many-components",
	FailFileTooLarge:      "file-too-large",
	FailTooMuchData:       "too-much-data",
	FailRead:              "read",
	FailInvalidHeader:     "invalid-header",
	FailAllDiscarded:      "all-discarded",
	FailTooManySensors:    "too-many-sensors",
}

// String returns the kind's short name, such as "invalid-header".
func (k FailureKind) String() string {
	if int(k) < len(failureNames) && failureNames[k] != "" {
		return failureNames[k]
	}
	return "FailureKind(" + strconv.Itoa(int(k)) + ")"
}

// Failure is why a job fails: its Error is the job's FailedReason.
type Failure struct {
	// Kind says which rule fails the job.
	Kind FailureKind
	// Bucket is the request's bucket.
	Bucket string
	// Key is the file concerned, or the prefix for FailList and
	// FailNoMatch; "" when none.
	Key string
	// Column is the 1-based column of FailInvalidHeader.
	Column int
	// Name is the invalid name of FailInvalidHeader.
	Name string
	// Count is how many there are: files, components, sensors or bytes.
	Count int64
	// Err is the listing's error, for FailList, or the read's, for
	// FailRead.
	Err error
}

// maxReason is the longest FailedReason, in bytes.
const maxReason = 5000

// Error returns the job's FailedReason: one line of at most 5,000 bytes
// naming the key and the column where there is one.
func (f *Failure) Error() string {
	var s string
	obj := "s3://" + f.Bucket + "/" + f.Key
	switch f.Kind {
	case FailList:
		s = "cannot list s3://" + f.Bucket + "/" + f.Key
		if f.Err != nil {
			s += ": " + f.Err.Error()
		}
	case FailNoMatch:
		s = "no object under s3://" + f.Bucket + "/" + f.Key + " matches the key pattern"
	case FailTooManyFiles:
		s = fmt.Sprintf("more than %d files match (the listing stopped at the %dth), more than a job may read", MaxFiles, f.Count)
	case FailTooManyComponents:
		s = fmt.Sprintf("%d components, more than the %d a dataset may have", f.Count, MaxComponents)
	case FailFileTooLarge:
		s = fmt.Sprintf("%s is %d bytes, more than the %d a file may have", obj, f.Count, int64(MaxFileSize))
	case FailTooMuchData:
		s = fmt.Sprintf("the matched files hold %d bytes, more than the %d a job may read", f.Count, int64(MaxTotalSize))
	case FailRead:
		s = "cannot read " + obj
		if f.Err != nil {
			s += ": " + f.Err.Error()
		}
	case FailInvalidHeader:
		s = fmt.Sprintf("invalid column name %s in column %d of %s: a name must match %s",
			strconv.Quote(f.Name), f.Column, obj, sensorNamePattern)
	case FailAllDiscarded:
		s = "every matched file is discarded"
	case FailTooManySensors:
		s = fmt.Sprintf("%d sensors, more than the %d a dataset may have", f.Count, MaxSensors)
		if f.Key != "" {
			s = fmt.Sprintf("%s has %d sensor columns, more than the %d a dataset may have", obj, f.Count, MaxSensors)
		}
	default:
		s = "FailureKind(" + strconv.Itoa(int(f.Kind)) + ")"
	}
	s = oneLine(s)
	if len(s) > maxReason {
		k := maxReason - 3
		for k > 0 && !utf8.RuneStart(s[k]) {
			k--
		}
		s = s[:k] + "..."
	}
	return s
}

// Unwrap returns f.Err.
func (f *Failure) Unwrap() error { return f.Err }
