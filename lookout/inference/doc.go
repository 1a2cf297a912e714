// Package inference holds the rules an Amazon Lookout for Equipment
// inference scheduler follows to pick its input: when it wakes, which time
// window each run reads, which objects it opens, and which rows of them it
// takes. It does no I/O of its own: runs read objects through an
// [ingest.Source] (a directory with [ingest.FS], a bucket with the s3source
// package).
//
// # Schedule
//
// A scheduler wakes at every multiple of its DataUploadFrequency (5, 10,
// 15, 30 or 60 minutes) counted from the top of the hour, plus its
// DataDelayOffsetInMinutes (0 to 60). The run scheduled at S reads the
// window (S - offset - frequency, S - offset]: its DataStartTime is
// exclusive, its DataEndTime inclusive. The hour is the UTC hour (our
// reading: the service's clock is UTC; a time zone offset such as +05:30
// moves the names and rows read, never the wake-ups). See [Schedule].
//
// # Names
//
// A run lists the keys under its S3InputConfiguration's Prefix. The rest of
// a key after the prefix must be COMPONENT + ComponentTimestampDelimiter +
// a time in TimestampFormat + ".csv"; the time is read in
// InputTimeZoneOffset. See [Naming.Parse] for the exact rules and our
// readings where the service says nothing.
//
// # Files and rows
//
// A run opens, for each component, the files whose name time falls in its
// window, plus the one file before (the latest name time at or before the
// window's start) and the one after (the earliest after its end): see
// [Index.Select]. Each file is read by the ingestion rules (package
// ingest, sections 2 and 3: [ingest.ReadTimes]), its timestamps read in
// InputTimeZoneOffset, and the run takes the rows in (DataStartTime,
// DataEndTime]. A component of the model without a row taken fails the run
// with the service's FailedReason ([NoDataError]).
package inference
