package ingest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Reason says why a matched file is discarded (sections 1 and 2 of the
// package documentation). Its text form (String, MarshalText) is a short
// kebab-case name.
type Reason uint8

// The reasons, in the order in which the rules apply.
const (
	// ReasonComponentName: the component name the key gives is not a valid
	// ComponentName ([lookout.CheckComponentName]); the file is not read.
	ReasonComponentName Reason = iota + 1
	// ReasonNotCSVKey: the key does not end in ".csv" (in any ASCII case);
	// the file is not read.
	ReasonNotCSVKey
	// ReasonNotRegularFile: the key of a directory source names a
	// symbolic link (never followed), a named pipe, a device or a socket
	// ([NotRegularError]); it is not read.
	ReasonNotRegularFile
	// ReasonUnreadable: the file cannot be read, or holds more or fewer
	// bytes than listed ([SizeError]).
	ReasonUnreadable
	// ReasonUnclosedQuote: a quoted field never closes.
	ReasonUnclosedQuote
	// ReasonQuoteInField: a '"' inside an unquoted field (` "1.5"`
	// included).
	ReasonQuoteInField
	// ReasonTextAfterQuote: a byte other than ',' or a line break after a
	// closing quote (`"1.5" ` included).
	ReasonTextAfterQuote
	// ReasonHeaderNotText: a header name that is not valid UTF-8 or holds a
	// NUL byte (a binary, UTF-16 or Latin-1 file).
	ReasonHeaderNotText
	// ReasonNoHeader: the file holds no record.
	ReasonNoHeader
	// ReasonNoDataRecord: the file holds a header and nothing after it.
	ReasonNoDataRecord
	// ReasonTooFewColumns: the header has fewer than two names.
	ReasonTooFewColumns
	// ReasonDuplicateColumn: two header names are the same.
	ReasonDuplicateColumn
	// ReasonSchemaTimestamp: the first column's name is not the name of the
	// component's first schema column (or the schema gives the component
	// no column).
	ReasonSchemaTimestamp
	// ReasonSchemaColumn: a sensor column that the component's schema does
	// not list.
	ReasonSchemaColumn
	// ReasonNoValidValue: no record with a supported timestamp has a valid
	// value in any sensor column.
	ReasonNoValidValue
)

var reasonNames = [...]string{
	ReasonComponentName:   "invalid-component-name",
	ReasonNotCSVKey:       "not-csv-key",
	ReasonNotRegularFile:  "not-regular-file",
	ReasonUnreadable:      "unreadable",
	ReasonUnclosedQuote:   "unclosed-quote",
	ReasonQuoteInField:    "quote-in-unquoted-field",
	ReasonTextAfterQuote:  "text-after-closing-quote",
	ReasonHeaderNotText:   "header-not-text",
	ReasonNoHeader:        "no-header",
	ReasonNoDataRecord:    "no-data-record",
	ReasonTooFewColumns:   "too-few-columns",
	ReasonDuplicateColumn: "duplicate-column",
	ReasonSchemaTimestamp: "schema-timestamp-column",
	ReasonSchemaColumn:    "column-not-in-schema",
	ReasonNoValidValue:    "no-valid-value",
}

var reasonText = [...]string{
	ReasonComponentName:   "the component name does not match " + componentNamePattern,
	ReasonNotCSVKey:       "the key does not end in .csv",
	ReasonNotRegularFile:  "not a regular file",
	ReasonUnreadable:      "the file cannot be read",
	ReasonUnclosedQuote:   "a quoted field never closes",
	ReasonQuoteInField:    `a '"' inside an unquoted field`,
	ReasonTextAfterQuote:  "a byte other than ',' or a line break after a closing quote",
	ReasonHeaderNotText:   "the header is not text (invalid UTF-8 or a NUL byte)",
	ReasonNoHeader:        "no header",
	ReasonNoDataRecord:    "no data record after the header",
	ReasonTooFewColumns:   "fewer than two columns",
	ReasonDuplicateColumn: "a column name repeats an earlier one",
	ReasonSchemaTimestamp: "the first column is not the schema's timestamp column",
	ReasonSchemaColumn:    "a column the schema does not list for the component",
	ReasonNoValidValue:    "no valid sensor value in a record with a supported timestamp",
}

// String returns the reason's short name, such as "unclosed-quote".
func (r Reason) String() string {
	if int(r) < len(reasonNames) && reasonNames[r] != "" {
		return reasonNames[r]
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// Text returns a sentence that says what the reason means.
func (r Reason) Text() string {
	if int(r) < len(reasonText) && reasonText[r] != "" {
		return reasonText[r]
	}
	return r.String()
}

// MarshalText returns the reason's short name.
func (r Reason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Discard is one matched file that a job would not ingest, and why.
type Discard struct {
	// Key is the file's key.
	Key string
	// Reason says why.
	Reason Reason
	// Line is the 1-based line (counting LF bytes, quoted ones included)
	// where the reason was found, or 0.
	Line int64
	// Column is the 1-based column the reason concerns, or 0.
	Column int
	// Name is the header name the reason concerns (a duplicate, one the
	// schema lacks), or "".
	Name string
	// Err is the underlying error of ReasonUnreadable, or the
	// *NotRegularError of ReasonNotRegularFile.
	Err error
	// Unsupported counts, for ReasonNoValidValue, the records dropped for
	// their timestamp (a file whose every timestamp is unsupported has no
	// valid value); Samples are the first 5 of them, in file order.
	Unsupported int64
	Samples     []TimestampSample
}

// Error returns "KEY: line L, column C: TEXT", one line.
func (d *Discard) Error() string {
	var b strings.Builder
	b.WriteString(strconv.Quote(d.Key))
	if d.Line > 0 {
		fmt.Fprintf(&b, ": line %d", d.Line)
	}
	if d.Column > 0 {
		fmt.Fprintf(&b, ", column %d", d.Column)
	}
	b.WriteString(": ")
	b.WriteString(d.Reason.Text())
	if d.Name != "" {
		b.WriteString(" (" + strconv.Quote(d.Name) + ")")
	}
	if d.Err != nil {
		b.WriteString(": " + oneLine(d.Err.Error()))
	}
	if d.Unsupported > 0 {
		b.WriteString(" (" + strconv.FormatInt(d.Unsupported, 10) + " unsupported timestamp")
		if d.Unsupported > 1 {
			b.WriteByte('s')
		}
		if len(d.Samples) > 0 {
			s := d.Samples[0]
			b.WriteString(", the first at line " + strconv.FormatInt(s.Line, 10) + ": " + strconv.Quote(s.Value))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Unwrap returns d.Err.
func (d *Discard) Unwrap() error { return d.Err }

// MarshalJSON writes Key, Reason, Line, Column, Name, UnsupportedTimestamps
// and Samples (those set) and Message, the text of Error.
func (d *Discard) MarshalJSON() ([]byte, error) {
	type out struct {
		Key         string            `json:"Key"`
		Reason      Reason            `json:"Reason"`
		Line        int64             `json:"Line,omitempty"`
		Column      int               `json:"Column,omitempty"`
		Name        string            `json:"Name,omitempty"`
		Unsupported int64             `json:"UnsupportedTimestamps,omitempty"`
		Samples     []TimestampSample `json:"Samples,omitempty"`
		Message     string            `json:"Message"`
	}
	return json.Marshal(out{d.Key, d.Reason, d.Line, d.Column, d.Name, d.Unsupported, d.Samples, d.Error()})
}

// oneLine replaces line breaks by spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// SizeError is the error of a file that holds more or fewer bytes than its
// listed size (it changed while it was read, or the store lied).
type SizeError struct {
	// Listed is the size the listing gave; Read the bytes read (Read >
	// Listed when the file had more).
	Listed, Read int64
	// Err is the Source's error that ended the read early, if any (one for
	// which errors.Is(err, io.ErrUnexpectedEOF) holds).
	Err error
}

// Unwrap returns e.Err.
func (e *SizeError) Unwrap() error { return e.Err }

// Error says how many bytes were listed and read.
func (e *SizeError) Error() string {
	if e.Listed < 0 {
		return fmt.Sprintf("listed with a negative size, %d", e.Listed)
	}
	if e.Read > e.Listed {
		return fmt.Sprintf("listed as %d bytes, holds more (read %d)", e.Listed, e.Read)
	}
	msg := fmt.Sprintf("listed as %d bytes, ended after %d", e.Listed, e.Read)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}
