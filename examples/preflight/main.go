// Command preflight checks StartDataIngestionJob request documents before
// they are sent: each file is read as the service reads a request body (a
// strict JSON reader: member names are case-sensitive, unknown and duplicate
// members are refused) and then checked against every constraint the service
// enforces, with the service's own wording for each violation.
//
// With -data, it then checks the data: what the ingestion job the request
// starts would read, and what it would make of it (package
// lookout/ingest).
//
// Usage:
//
//	go run ./examples/preflight [-strict] [-json] FILE...
//	go run ./examples/preflight [-strict] [-json] -data DIR|s3 [-schema FILE] [-reads N] [-read-stall D] FILE
//	go run ./examples/preflight -inference [-strict] [-json] -data DIR|s3 [-schema FILE] [-from T -to T] FILE
//
// (-inference checks a CreateInferenceScheduler request and its runs' input: see inference.go.)
//
// A FILE is a JSON document as the API reference shows a request:
//
//	{"ClientToken": "...", "DatasetName": "...",
//	 "IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "...", "Prefix": "...", "KeyPattern": "..."}},
//	 "RoleArn": "..."}
//
// Flags go before the files: a flag after a file name is a usage error
// (after "--", every argument is a file name, "-x" included). "-" reads
// the document from standard input (at most once per run). A
// document may not exceed the bound that the wire puts on a request body,
// [lookout.MaxRequestBodyBytes]; no more than that is ever read.
//
// # Flags
//
//	-strict  treat an absent ClientToken as the wire does: a violation
//	         ("Member must not be null"). Without it, an absent ClientToken
//	         passes with a note, since the AWS SDKs fill one in before sending.
//	-json    print one JSON document instead of lines (see below).
//	-data    check the objects the job would read, from DIR (which holds
//	         the bucket's objects: the object of key K is DIR/K), or with
//	         "s3" from the bucket the request names, through the AWS SDK
//	         (default credential chain and region; AWS_ENDPOINT_URL_S3 for
//	         an S3-compatible store). One FILE only.
//	-schema  with -data, the dataset's schema: a file holding its
//	         InlineDataSchema (read by lookout.ParseDataSchema).
//	-reads   with -data, how many reads (objects, or parts of large ones)
//	         to keep in flight: by default 32 over S3 (a GET waits tens of
//	         milliseconds for its first byte), the number of cores for DIR.
//	-read-stall
//	         with -data s3, how long a read may wait for a byte before it
//	         fails (30s by default; a Go duration: 10s, 2m); the job then
//	         fails naming the object, with exit status 2.
//
// # Output
//
// Standard output carries one verdict per file, in the order given. For the
// sample files of testdata:
//
//	testdata/request.json: ok
//	testdata/no-client-token.json: ok (note: ClientToken is absent; the AWS SDKs fill one in before sending; use -strict to treat it as the wire does)
//	testdata/violations.json: 6 validation errors
//	  Value 'pump station 7' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z_-]{1,200}$
//	  Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must have length greater than or equal to 3
//	  ... (more lines: the other violations, and two hints)
//	testdata/mistakes.json: 3 validation errors
//	  Value 's3://sensor-data.example/plant-1/pumps' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$
//	    hint: Bucket is the bucket's name alone, without "s3://": "sensor-data.example"; the rest of the path goes in Prefix: "plant-1/pumps/"
//	  ... (two more violations, each with a hint)
//	testdata/request.yaml: line 1, column 1: expected a JSON object, found the character 'C' (U+0043)
//	  hint: this looks like YAML; a request document is JSON, such as {"DatasetName": "...", "IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "..."}}, "RoleArn": "..."}
//	testdata/malformed.json: line 7, column 5: member "IngestionInputConfiguration.S3InputConfiguration": expected a member name after ',', found the character '}' (U+007D)
//	testdata/unknown-member.json: line 6, column 7: member "IngestionInputConfiguration.S3InputConfiguration.bucket": unknown member (member names are case-sensitive: did you mean Bucket?)
//
// A failing file's verdict is followed by one indented line per violation,
// in the order the service lists them. For the usual mistakes, a "hint:"
// line under the service's message says what was probably meant: a Prefix
// without its trailing "/", a Bucket given as an s3:// URL or an ARN, the ARN
// of a bucket, a user or a role's session for RoleArn, a KeyPattern with
// {component-name} or without a delimiter before "*". A document the
// service could not read at all (malformed JSON, a member of the wrong type,
// an unknown, miscased or duplicate member: what the service answers with
// SerializationException) is reported with the line and column where
// reading stopped; a YAML document gets a hint line under its verdict. The
// note about an absent ClientToken is appended to the verdict line, whatever
// the verdict. A ClientToken given as "" is not absent: the SDKs send it as
// it is, and it fails.
//
// # Checking the data
//
// With -data, a request that passes is followed by the data check's report,
// indented under its verdict: where the objects were read, the job's
// Status (SUCCESS, "with warnings" when a file is discarded, a key
// ignored, a record ragged, any figure of the data quality summary is
// not 0 or a heuristic flags a sensor; or FAILED and the reason), the
// figures of a job that succeeds (files, bytes, time span, duplicate and unsupported timestamps, ragged
// records, sensors with missing, invalid, no or less than 14 days of
// data), how many sensors each of the four heuristics flags (categorical,
// monotonic, multiple operating modes, gaps over 30 days: lookout/ingest's
// section 4b) and the flagged sensors (the first 10), the 5 sensors with
// the highest missing plus invalid percentage (with their flags), each
// discarded file with its reason, and the ignored keys (keys under
// the prefix that match no component; the first 10, then how many more).
// Then every problem at once, with its place: every invalid header name of
// every file (the job fails at the first), each file's unsupported
// timestamps (its first 5 lines and values) with the formats a job reads,
// and "hint:" lines for the usual mistakes: a file separated by ';' or
// tabs, epoch numbers in the timestamp column, a Prefix that matches only
// in another case, -data one folder too high (the parent of the bucket's
// folder) or too deep (a folder of the Prefix), schema components that
// differ from the keys' by case.
// A -schema file's violations are listed, each with its path, before the
// verdicts; the data is then not checked. For the sample bucket:
//
//	go run ./examples/preflight -data testdata/bucket testdata/request.json
//
// prints the report the README shows.
//
// On a terminal (standard error is one), a check that lasts more than half
// a second shows its progress on standard error, on one line redrawn in
// place and erased at the end: bytes and files done, the rate, the time
// left. Ctrl-C (SIGINT) or SIGTERM stops the check: the command then
// prints "interrupted" on standard error and exits with status 130.
//
// Standard error carries what is not a verdict on a document's content: usage
// errors, and files that cannot be read (missing, a directory, too large):
//
//	testdata/missing.json: cannot read: file does not exist
//
// # JSON output
//
// With -json, standard output holds a single JSON document, and every FILE,
// unreadable ones included, has an entry in it; standard error then carries
// only usage errors and, with -data, why the data could not be checked at
// all (a missing directory, an S3 configuration error, an interruption):
//
//	{
//	  "ok": false,
//	  "files": [
//	    {"file": "testdata/request.json", "ok": true, "errors": []},
//	    {"file": "testdata/violations.json", "ok": false, "errors": [
//	      {"path": "IngestionInputConfiguration.S3InputConfiguration.Bucket", "constraint": "min_length",
//	       "limit": 3, "value": "ab", "message": "Value 'ab' at '...' failed to satisfy constraint: ..."}]},
//	    {"file": "testdata/malformed.json", "ok": false, "errors": [],
//	     "error": {"line": 7, "column": 5, "offset": 202, "path": "IngestionInputConfiguration.S3InputConfiguration",
//	               "reason": "expected a member name after ',', found the character '}' (U+007D)"}},
//	    {"file": "testdata/missing.json", "ok": false, "errors": [],
//	     "error": {"reason": "cannot read: file does not exist"}}
//	  ]
//	}
//
// The top-level "ok" is true when every file passed (and the schema, and
// the job). "schema", with -schema, is the schema file's verdict: its
// "file", "ok", "errors" (each with the member's "path", the byte
// "offset", the "reason" and the "message") and, for a file that cannot
// be read, "error". In each file's entry:
//   - "file" is the name as given ("<stdin>" for "-");
//   - "ok" is true when the document would be accepted (and, with -data,
//     the job would succeed);
//   - "note", when present, is the note about an absent ClientToken;
//   - "errors" lists the violations, empty when there are none. Each has the
//     member's wire "path", the "constraint" broken (required, utf8,
//     min_length, max_length, pattern or enum), the "limit" of a length
//     constraint, the "pattern" or "enum" the value had to satisfy, the
//     offending "value" (absent for a missing member), the service's
//     "message" and, for the usual mistakes, a "hint";
//   - "error", when present, says why the document could not be checked: for
//     a document the strict reader refused, the 1-based "line" and "column",
//     the byte "offset", the member "path" when known, the "reason" and,
//     for a YAML document, a "hint"; for
//     a file that could not be read, only the "reason";
//   - "data", with -data, says where the objects were read (or why they
//     were not checked);
//   - "Ingestion", with -data, is what the job would make of the data
//     (ingest.Result), under the service's member names: "Status",
//     "FailedReason", "IngestedFilesSummary", "DataQualitySummary",
//     "IngestedDataSize", "DataStartTime" and "DataEndTime" (epoch
//     seconds), "SensorStatisticsSummaries"; then the checker's own
//     "Ignored" (keys), "RaggedRecords", "Discards" (each discarded
//     file's "Key", "Reason", "Line", "Column", "Name" and "Message") and
//     "Problems" (each file's "InvalidNames" and the first 5 "Samples" of
//     its "UnsupportedTimestamps", with their "Line" and "Value");
//   - "Hints", with -data, the hints, each {"Code": ..., "Message": ...}:
//     the codes are semicolon-separated, tab-separated, epoch-timestamps,
//     prefix-case, data-too-high, data-too-deep and schema-case.
//
// # Exit status
//
// 0 when every file passes, 1 when any document breaks a constraint (or,
// with -data, the schema is invalid or the job would fail on its data), 2
// when any file cannot be read or is not a readable request document
// (malformed JSON, unknown member, ...), when the data cannot be read (a
// -data directory that does not exist, an S3 configuration error, a
// listing that fails, an object that cannot be read: the job's
// FailedReason then says which) and for usage errors;
// 130 when a data check is interrupted. The worst status wins.
// go run reports any status but 0 as 1: where the status matters, build the
// command (go build -o preflight ./examples/preflight) and run it.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

func main() {
	os.Exit(command(os.Args[1:], nil))
}

// command runs the command on the process's streams, as main does: stderr's
// being a terminal decides the progress line, and SIGINT or SIGTERM
// cancels a data check. wrap, when not nil, wraps the source of a data
// check (tests).
func command(args []string, wrap func(ingest.Source) ingest.Source) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runEnv(ctx, args, &env{
		stdin:      os.Stdin,
		stdout:     os.Stdout,
		stderr:     os.Stderr,
		tty:        isatty.IsTerminal(os.Stderr.Fd()) || isatty.IsCygwinTerminal(os.Stderr.Fd()),
		wrapSource: wrap,
	})
}

// env is what the command runs with beyond its arguments.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// tty reports whether stderr is a terminal: the progress of a data
	// check is shown there only then.
	tty bool
	// progressDelay is how long a data check runs before its progress
	// shows (defaultProgressDelay when 0; tests set it below 0 for none).
	progressDelay time.Duration
	// now is the clock of the progress line (time.Now when nil).
	now func() time.Time
	// wrapSource, when set, wraps the source a data check reads (tests).
	wrapSource func(ingest.Source) ingest.Source
}

// run is the whole command without a terminal or a signal: it checks the
// files args name and writes the verdicts, returning the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runEnv(context.Background(), args, &env{stdin: stdin, stdout: stdout, stderr: stderr})
}

// runEnv is the whole command: it checks the files args name (and, with
// -data, the objects the request would read) and writes the verdicts,
// returning the exit status. Cancelling ctx stops a data check: the
// status is then exitInterrupted.
func runEnv(ctx context.Context, args []string, e *env) int {
	if e.progressDelay == 0 {
		e.progressDelay = defaultProgressDelay
	}
	if isInference(args) {
		return runInference(ctx, args, e) // inference.go
	}
	opts, files, code := parseArgs(args, e.stdout, e.stderr)
	if files == nil {
		return code
	}
	var schema *schemaReport
	if opts.schema != "" {
		schema = readSchema(opts.schema)
	}
	results := make([]result, len(files))
	for i, name := range files {
		results[i] = checkFile(name, e.stdin, opts.strict)
	}
	if opts.data != "" && results[0].req != nil && schema != nil && !schema.OK {
		results[0].Data = "not checked: the schema is invalid"
		if schema.exit == exitInput {
			results[0].Data = "not checked: the schema cannot be read"
		}
	} else if opts.data != "" && results[0].req != nil {
		var ds *lookout.DataSchema
		if schema != nil {
			ds = schema.schema
		}
		if err := checkData(ctx, e, opts, ds, &results[0]); err != nil {
			fmt.Fprintf(e.stderr, "preflight: %v\n", err)
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return exitInterrupted
			}
			return exitInput
		}
	}
	if opts.json {
		return writeJSON(e.stdout, e.stderr, schema, results)
	}
	return writeText(e.stdout, e.stderr, schema, results)
}
