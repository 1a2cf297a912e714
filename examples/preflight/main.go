// Command preflight checks StartDataIngestionJob request documents before
// they are sent: each file is read as the service reads a request body (a
// strict JSON reader: member names are case-sensitive, unknown and duplicate
// members are refused) and then checked against every constraint the service
// enforces, with the service's own wording for each violation.
//
// Usage:
//
//	go run ./examples/preflight [-strict] [-json] FILE...
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
// Standard error carries what is not a verdict on a document's content: usage
// errors, and files that cannot be read (missing, a directory, too large):
//
//	testdata/missing.json: cannot read: file does not exist
//
// # JSON output
//
// With -json, standard output holds a single JSON document, and every FILE,
// unreadable ones included, has an entry in it; standard error then carries
// only usage errors:
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
// The top-level "ok" is true when every file passed. In each file's entry:
//   - "file" is the name as given ("<stdin>" for "-");
//   - "ok" is true when the document would be accepted;
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
//     a file that could not be read, only the "reason".
//
// # Exit status
//
// 0 when every file passes, 1 when any document breaks a constraint, 2 when
// any file cannot be read or is not a readable request document (malformed
// JSON, unknown member, ...) and for usage errors. The worst status wins.
// go run reports any status but 0 as 1: where the status matters, build the
// command (go build -o preflight ./examples/preflight) and run it.
package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command: it checks the files args name and writes the
// verdicts, returning the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, files, code := parseArgs(args, stdout, stderr)
	if files == nil {
		return code
	}
	results := make([]result, len(files))
	for i, name := range files {
		results[i] = checkFile(name, stdin, opts.strict)
	}
	if opts.json {
		return writeJSON(stdout, stderr, results)
	}
	return writeText(stdout, stderr, results)
}
