package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// report is the -json output.
type report struct {
	// OK reports whether every file passed (and the schema, and the job).
	OK bool `json:"ok"`
	// Schema is the verdict on the -schema file, when there is one.
	Schema *schemaReport `json:"schema,omitempty"`
	// Files lists the results in the order the files were given.
	Files []result `json:"files"`
}

// worst returns the exit status of results: the worst of theirs.
func worst(results []result) int {
	code := exitOK
	for i := range results {
		code = max(code, results[i].exit)
	}
	return code
}

// writeText writes the verdicts as lines on stdout, and the files that could
// not be read on stderr. It returns the exit status.
func writeText(stdout, stderr io.Writer, schema *schemaReport, results []result) int {
	out := bufio.NewWriter(stdout)
	code := worst(results)
	if schema != nil {
		code = max(code, schema.exit)
		if schema.Error != nil && schema.exit == exitInput {
			fmt.Fprintf(stderr, "%s: %s\n", schema.File, schema.Error.text)
		} else if !schema.OK {
			out.WriteString(schema.File + ": ")
			if schema.Error != nil {
				out.WriteString(schema.Error.text + "\n")
			} else {
				out.WriteString(plural(int64(len(schema.Errors)), "schema violation") + "\n")
			}
			for _, v := range schema.Errors {
				out.WriteString("  " + v.Message + "\n")
			}
		}
	}
	for i := range results {
		r := &results[i]
		if r.unreadable {
			// Keep the two streams in the order of the files.
			if err := out.Flush(); err != nil {
				return writeFailed(stderr, err)
			}
			fmt.Fprintf(stderr, "%s: %s\n", r.File, r.Error.text)
			continue
		}
		out.WriteString(r.File)
		out.WriteString(": ")
		out.WriteString(verdict(r))
		if r.Note != "" {
			out.WriteString(" (note: " + r.Note + ")")
		}
		out.WriteByte('\n')
		if r.Error != nil && r.Error.Hint != "" {
			out.WriteString("  hint: " + r.Error.Hint + "\n")
		}
		for j := range r.Errors {
			out.WriteString("  " + r.Errors[j].Message + "\n")
			if r.Errors[j].Hint != "" {
				out.WriteString("    hint: " + r.Errors[j].Hint + "\n")
			}
		}
		if r.Ingestion != nil {
			writeIngestion(out, r)
		} else if r.Data != "" {
			out.WriteString("  data: " + r.Data + "\n")
		}
	}
	if err := out.Flush(); err != nil {
		return writeFailed(stderr, err)
	}
	return code
}

// verdict is what follows "FILE: " on a verdict line.
func verdict(r *result) string {
	switch {
	case r.OK, r.Error == nil && len(r.Errors) == 0: // a request that passes, for a job that fails
		return "ok"
	case r.Error != nil:
		return r.Error.text
	case len(r.Errors) == 1:
		return "1 validation error"
	default:
		return strconv.Itoa(len(r.Errors)) + " validation errors"
	}
}

// writeJSON writes the report as one JSON document on stdout. It returns the
// exit status.
func writeJSON(stdout, stderr io.Writer, schema *schemaReport, results []result) int {
	code := worst(results)
	if schema != nil {
		code = max(code, schema.exit)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(report{OK: code == exitOK, Schema: schema, Files: results}); err != nil {
		return writeFailed(stderr, err)
	}
	return code
}

// writeFailed reports that the output could not be written.
func writeFailed(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "preflight: writing the output: %v\n", err)
	return exitInput
}
