// Package ingest checks, before an Amazon Lookout for Equipment data
// ingestion job runs, what the job would read and how it would grade the
// data: which objects it would match, which files it would discard and why,
// and the figures the service would report.
//
// [Check] takes a StartDataIngestionJob request, the dataset's schema (when
// it has one) and a [Source] of objects ([Dir] for a directory; the
// s3source package for S3), and returns a [Result] in the service's shapes.
// The rules below are what the service's guide says, made exact where it
// is silent or contradicts itself, so that every reading gives the same
// numbers. The sections are numbered; the code cites them.
//
// # 1. Keys
//
// The job lists the keys that begin with the request's Prefix P, skips
// folder markers (keys ending in "/"), and matches the rest R (the key
// without P) to a component by the KeyPattern: for
// {prefix}/{component_name}/*, R is C/N with neither part empty nor
// holding "/"; for {prefix}/{component_name}D* (D one of _ space . -), R
// holds no "/" and the component is R up to its first D (none, or at the
// start: no match). A key that matches nothing, or whose component a given
// schema does not name (case included), is ignored (Result.Ignored). A
// matched file whose component name is not a valid ComponentName
// ([lookout.CheckComponentName]), or whose key does not end in .csv (any
// ASCII case), is discarded unread.
//
// # 2. Files
//
// UTF-8 CSV as RFC 4180 writes it: one leading byte-order mark skipped;
// fields separated by ',', records by LF or CRLF (a lone CR is data); a
// quoted field may hold ',', CR, LF and "" for a quote; the last record may
// lack its line break; a line with no bytes is skipped. The first rule that
// applies decides:
//  1. the file cannot be read, is not CSV (a quote that never closes, a '"'
//     inside an unquoted field, anything but ',' or a line break after a
//     closing quote), its header is not text (invalid UTF-8, a NUL byte),
//     or it has no header or no record after it: discarded;
//  2. a header name (read as it is, not trimmed) that is not a valid
//     SensorName ([lookout.CheckSensorName]): the whole job fails;
//  3. fewer than two columns, or a name twice: discarded;
//  4. with a schema, a first column that is not the component's first
//     schema column, or another column the schema does not list for it:
//     discarded;
//  5. no valid value in any sensor cell of a record with a supported
//     timestamp: discarded.
//
// Column 1 is the timestamp; each other column is a sensor (component,
// name). A record with fewer fields than the header has missing values for
// the rest; one with more is ragged (Result.RaggedRecords), its extra
// cells ignored. A data cell is trimmed of spaces and tabs, nothing else.
//
// # 3. Cells
//
// A timestamp is one of the [TimestampFormats] ([ParseTimestamp]); any
// other makes the record an unsupported timestamp, dropped, none of its
// cells counted. A sensor cell is missing, valid or invalid ([Classify]).
//
// # 4. Figures
//
// Over the records of the ingested files only. A sensor's records are the
// supported-timestamp records of the ingested files whose header holds it.
// A record duplicates for a sensor when an earlier record of that sensor
// (files in key order, records in file order) has the same instant; the
// job's count is of records that duplicate for at least one sensor.
// Percentages are Count / n * 100 as float64. A sensor whose valid values
// span less than 14 days has a short date range; one without a valid value
// (a schema sensor without a file included) lacks complete data.
//
// # 4b. The four sensor heuristics
//
// Every sensor's summary has CategoricalValues, MonotonicValues,
// MultipleOperatingModes and LargeTimestampGaps, each with a Status
// POTENTIAL_ISSUE_DETECTED or NO_ISSUE_DETECTED, by these rules (the
// guide gives one sentence each; the rest is this package's declared
// reading). A sensor's valid values are its valid cells in the records of
// the ingested files, duplicates included, in read order: files in key
// order, records in file order.
//   - LargeTimestampGaps: over the sorted distinct timestamps of the
//     sensor's records (whatever their cells), a gap longer than 30 days
//     (2,592,000 s) is large; NumberOfLargeTimestampGaps counts them,
//     MaxTimestampGapInDays is the longest gap in whole days, rounded down
//     (0 with fewer than two timestamps).
//   - CategoricalValues: N distinct valid values as float64 (-0 and 0 are
//     one); detected when 1 <= N <= 10, with NumberOfCategory N.
//   - MonotonicValues, with at least two valid values: STATIC when max -
//     min <= 0.001 * max(|max|, |min|); else INCREASING when no value is
//     below the one before it, DECREASING when none is above it; detected
//     with Monotonicity when one holds.
//   - MultipleOperatingModes: Sarle's bimodality coefficient BC = (G1^2 +
//     1) / (G2 + 3(n-1)^2 / ((n-2)(n-3))) of the n valid values, G1 and G2
//     the bias-corrected sample skewness and excess kurtosis; detected when
//     n >= 4, the sensor is neither categorical nor STATIC, and BC > 5/9.
//
// A sensor without an ingested file (a schema sensor) has every status
// NO_ISSUE_DETECTED and no other member. The figures take O(1) memory a
// sensor (at most 11 distinct values, the first and last values, the
// central moments); the gaps come from what the duplicates use (the
// parts' summaries, or their timestamps; see How it reads).
// They are gathered per part of a file and merged in read order (the
// moments by Pebay's formulas), at split points set by the data and the
// part size alone ([WithPartSize]), never by the number of workers: the
// result is the same on any number of cores.
//
// # 5. Failures
//
// The job fails ([Failure]) when the listing cannot be read, a matched
// object cannot be read to its end after the source's retries (FailRead:
// the data is not bad, the read is, and part of the data must not pass as
// SUCCESS; an object whose size is not the listed one is discarded
// instead, [SizeError]), no key
// matches, more than [MaxFiles] files match, there are more than
// [MaxComponents] components or [MaxSensors] sensors, a CSV file is larger
// than [MaxFileSize] or the matched files than [MaxTotalSize], a header
// name is invalid, or every matched file is discarded. A failed job's
// result holds only Status and FailedReason of the service's members.
//
// # Every problem at once
//
// A job stops at the first invalid header name and counts unsupported
// timestamps without saying where they are. [Result].Problems lists, for
// every file read (whatever became of it), all its invalid header names
// (the first 100, and their count) and its first 5 unsupported
// timestamps with their lines and text, so that a checker can show every
// problem in one run.
//
// # How it reads
//
// The files are read in parallel, a large one in parts (8 MiB by default)
// that start after a line break and are checked against the end of the
// part before them (a part that started inside a quoted field is read
// again from there). Each part is read by a byte-level CSV reader into
// figures that add up (counts, first and last times, the timestamps in
// chunks); a component's figures, its duplicates among them, are summed
// once its last file is read, and its timestamps dropped. A file of at
// least two parts is read in parts with one worker too, so that the
// heuristics' moments are merged at the same points whatever the
// concurrency. Memory is bounded
// by the sensors, a few buffers per worker and what the duplicates and
// gaps need of the timestamps of the components being read; a field longer
// than 1 MiB is read piece by piece, never held whole.
//
// The timestamps take no memory per record when they come in time order
// (none below the one before it, within each part of a file) at steps that
// repeat (a record every 10 seconds, with pauses and repeats: at most one
// change of step per four records): a part keeps only the runs of equal
// steps and a summary (first and last, duplicates, gaps). They take 8
// bytes a record, for as long as the component is being read, in a part
// whose timestamps go back in time (data out of order) or change step more
// often; and when the parts of a component overlap in time (out-of-order
// parts, or files of different sensors over the same time), every part's
// timestamps are unrolled, 8 bytes a record, while the component is
// summed up.
//
// # Choices
//
// Where the guide says nothing, the package chooses, and its tests hold it
// to these choices:
//   - a key the listing gives twice is read once;
//   - a line holding only CR LF is an empty line, skipped;
//   - a CR that ends the file after a closing quote is text after the quote;
//   - among the problems of rule 1 (section 2), the first one met reading
//     the file in order decides the reason given (a header that is not text
//     before a quote later on);
//   - a file whose header holds more than 3,001 names fails the job for too
//     many sensors, naming the file, unless rule 1 discards it or a name is
//     invalid (rules 3 to 5 are not applied to it);
//   - the failures are looked for in this order: the listing, no match, the
//     number of files, of components, a file's size, the total size, then,
//     after reading, an invalid header name (the first in key order), a file
//     of too many columns, every file discarded, too many sensors;
//   - a schema component without columns discards its files (rule 4), and
//     a schema that names a component twice has the union of its columns;
//   - RaggedRecords counts the records of the ingested files only;
//   - a file that holds more or fewer bytes than listed is discarded as
//     unreadable ([SizeError]), never read short or long;
//   - a directory source's entry that is not a regular file (a symbolic
//     link, whatever it points to; a named pipe; a device; a socket) is a
//     key like any other, matched by the key rules, and a matched one is
//     discarded unread ([ReasonNotRegularFile]) before the other key rules
//     apply: S3 has no such object, but the user who put one there sees
//     it named rather than silently missing. No link is followed ([Dir]);
//   - a cancelled check returns at once, even while a read is stuck in the
//     source; its goroutines end as their reads do.
package ingest
