package main

import (
	"errors"
	"io"
	"os"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// maxSchemaBytes is the most of a -schema file read: a schema is at most
// 1,000,000 characters, 4,000,000 bytes; one more lets
// lookout.ParseDataSchema say the document is too long.
const maxSchemaBytes = 4_000_001

// schemaReport is the verdict on the -schema file: its entry "schema" in
// the -json output.
type schemaReport struct {
	// File is the name as given.
	File string `json:"file"`
	// OK reports whether the file holds a valid schema.
	OK bool `json:"ok"`
	// Errors lists the schema's violations, empty when there are none.
	Errors []schemaViolation `json:"errors"`
	// Error says why the file could not be read.
	Error *problem `json:"error,omitempty"`

	schema *lookout.DataSchema
	exit   int
}

// schemaViolation is one violation of a schema, from a
// lookout.SchemaViolation.
type schemaViolation struct {
	// Path is the member at fault, such as "Components[1].Columns[0].Type".
	Path string `json:"path"`
	// Offset is the byte offset of the value at fault in the file.
	Offset int `json:"offset"`
	// Reason is the kind of violation.
	Reason string `json:"reason"`
	// Message is the violation in words, the path first.
	Message string `json:"message"`
}

// readSchema reads and parses the -schema file.
func readSchema(name string) *schemaReport {
	rep := &schemaReport{File: name, Errors: []schemaViolation{}}
	doc, err := readSchemaFile(name)
	if err != nil {
		rep.Error = &problem{Reason: err.Error(), text: err.Error()}
		rep.exit = exitInput
		return rep
	}
	rep.schema, err = lookout.ParseDataSchema(string(doc))
	var se *lookout.SchemaError
	switch {
	case err == nil:
		rep.OK = true
	case errors.As(err, &se):
		for i := range se.Violations {
			v := &se.Violations[i]
			rep.Errors = append(rep.Errors, schemaViolation{Path: v.Path, Offset: v.Offset, Reason: v.Reason.String(), Message: v.Error()})
		}
		rep.exit = exitInvalid
	default:
		rep.Error = &problem{Reason: err.Error(), text: err.Error()}
		rep.exit = exitInvalid
	}
	return rep
}

func readSchemaFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, describe(err)
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return nil, describe(err)
	} else if info.IsDir() {
		return nil, &inputError{What: "is a directory"}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSchemaBytes))
	if err != nil {
		return nil, describe(err)
	}
	return data, nil
}
