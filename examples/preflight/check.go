package main

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// The exit statuses, from best to worst: the worst of the files' wins.
const (
	exitOK      = 0 // every document passes
	exitInvalid = 1 // a document breaks a constraint
	exitInput   = 2 // a file cannot be read or is not a readable request document; a usage error

	// exitInterrupted is the status of a data check cancelled by a signal,
	// as shells report a command that SIGINT ended (128 + 2).
	exitInterrupted = 130
)

// noteClientToken is the note on a document without ClientToken, checked
// without -strict.
const noteClientToken = "ClientToken is absent; the AWS SDKs fill one in before sending; " +
	"use -strict to treat it as the wire does"

// result is the verdict on one file. Its JSON form is the entry of the file
// in the -json output.
type result struct {
	// File is the name as given, stdinLabel for standard input.
	File string `json:"file"`
	// OK reports whether the document would be accepted.
	OK bool `json:"ok"`
	// Note is noteClientToken when it applies.
	Note string `json:"note,omitempty"`
	// Errors lists the violations; never nil, so that it is [] in JSON.
	Errors []violation `json:"errors"`
	// Error says why the document could not be checked.
	Error *problem `json:"error,omitempty"`
	// Data names the objects checked with -data: the directory or the
	// bucket, and the s3:// location the request reads.
	Data string `json:"data,omitempty"`
	// Ingestion is what the ingestion job would make of the objects, with
	// -data, for a document that passes.
	Ingestion *ingest.Result `json:"Ingestion,omitempty"`
	// Hints say what the data check's result probably means, for the
	// usual mistakes (datahints.go).
	Hints []hint `json:"Hints,omitempty"`

	// req is the request of a document that passes.
	req *lookout.StartDataIngestionJobRequest
	// exit is the file's exit status.
	exit int
	// unreadable is set when the file could not be read: the problem is
	// then an input error rather than a verdict on the document.
	unreadable bool
}

// violation is one broken constraint, from a *lookout.FieldError.
type violation struct {
	Path       string   `json:"path"`
	Constraint string   `json:"constraint"`
	Limit      int      `json:"limit,omitempty"`
	Pattern    string   `json:"pattern,omitempty"`
	Enum       []string `json:"enum,omitempty"`
	Value      *string  `json:"value,omitempty"`
	Message    string   `json:"message"`
	// Hint says what was probably meant, for the usual mistakes; the
	// Message stays the service's.
	Hint string `json:"hint,omitempty"`
}

// problem is why a document could not be checked: where the strict reader
// stopped (Line, Column, Offset, Path) and why, or only why the file could
// not be read.
type problem struct {
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Offset *int64 `json:"offset,omitempty"`
	Path   string `json:"path,omitempty"`
	Reason string `json:"reason"`
	// Hint says what was probably meant, for the usual mistakes.
	Hint string `json:"hint,omitempty"`

	// text is the problem in one line, as the verdict shows it.
	text string
}

// stdinLabel names standard input in the output.
const stdinLabel = "<stdin>"

// checkFile reads and checks the document that name designates ("-" for
// stdin).
func checkFile(name string, stdin io.Reader, strict bool) result {
	label := name
	if name == stdinName {
		label = stdinLabel
	}
	data, err := readInput(name, stdin)
	if err != nil {
		return result{File: label, Errors: []violation{}, Error: &problem{Reason: err.Error(), text: err.Error()},
			exit: exitInput, unreadable: true}
	}
	return checkDocument(label, data, strict)
}

// checkDocument decodes data as the wire does and validates the request.
func checkDocument(label string, data []byte, strict bool) result {
	res := result{File: label, Errors: []violation{}}
	req := new(lookout.StartDataIngestionJobRequest)
	given, err := lookout.DecodeRequest(data, req)
	if err != nil {
		res.Error = decodeProblem(err, data)
		res.exit = exitInput
		return res
	}
	if !strict && req.ClientToken == "" && !clientTokenGiven(data) {
		// What the AWS SDKs do before sending; -strict sees the request
		// as the wire would.
		req.EnsureClientToken()
		res.Note = noteClientToken
	}
	err = given.Validate(req) // an explicit "" is read as the service reads it
	if err == nil {
		res.OK = true
		res.req = req
		return res
	}
	var ve *lookout.ValidationException
	if !errors.As(err, &ve) || len(ve.Fields) == 0 {
		// Validate returns nothing else; should it ever, the document
		// still fails, with what was said.
		res.Error = &problem{Reason: err.Error(), text: err.Error()}
		res.exit = exitInvalid
		return res
	}
	hinted := make(map[string]bool) // one hint per member
	for i := range ve.Fields {
		v := newViolation(&ve.Fields[i])
		if !hinted[v.Path] {
			v.Hint = hintFor(&ve.Fields[i])
			hinted[v.Path] = v.Hint != ""
		}
		res.Errors = append(res.Errors, v)
	}
	res.exit = exitInvalid
	return res
}

// clientTokenGiven reports whether data, a document that DecodeRequest
// accepted, gives ClientToken a string value, "" included. The AWS SDKs
// fill in only a token left out (or null): one given as "" is sent as it
// is, and refused. The request cannot tell, since its empty string means
// absent. encoding/json reads the document as DecodeRequest did; DecodeRequest
// has already refused what could read otherwise (miscased or duplicate
// names).
func clientTokenGiven(data []byte) bool {
	var probe struct {
		ClientToken *string
	}
	return json.Unmarshal(data, &probe) == nil && probe.ClientToken != nil
}

// decodeProblem describes why the strict reader refused a document.
// data is the document.
func decodeProblem(err error, data []byte) *problem {
	var de *lookout.DecodeError
	if !errors.As(err, &de) {
		return &problem{Reason: err.Error(), text: err.Error()}
	}
	off := de.Offset
	return &problem{Line: de.Line, Column: de.Column, Offset: &off, Path: de.Path, Reason: de.Reason,
		Hint: decodeHint(de, data), text: de.Error()}
}

func newViolation(fe *lookout.FieldError) violation {
	v := violation{
		Path:       fe.Path,
		Constraint: fe.Constraint.String(),
		Pattern:    fe.Pattern,
		Enum:       fe.Enum,
		Message:    fe.Error(),
	}
	if fe.Constraint == lookout.ConstraintMinLength || fe.Constraint == lookout.ConstraintMaxLength {
		v.Limit = fe.Limit
	}
	if fe.Constraint != lookout.ConstraintRequired {
		value := fe.Value
		v.Value = &value
	}
	return v
}
