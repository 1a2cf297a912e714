package lookout

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// FieldError is one violation: one member's value breaking one constraint.
// A *FieldError is an error whose message is the service's wording of the
// violation:
//
//	Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must have length greater than or equal to 3
type FieldError struct {
	// Path is the member's wire path, such as
	// "IngestionInputConfiguration.S3InputConfiguration.Bucket". The
	// validate package sets it to the path of the field in the value it
	// validates, with JSON names.
	Path string

	// Constraint is the kind of constraint broken.
	Constraint Constraint

	// Limit is the bound of a ConstraintMinLength or ConstraintMaxLength
	// violation, in Unicode code points.
	Limit int

	// Pattern is the pattern of a ConstraintPattern violation, as the
	// service states it.
	Pattern string

	// Enum lists the allowed values of a ConstraintEnum violation.
	Enum []string

	// Tag is the validate tag of a ConstraintTag violation, with its
	// parameter: "email", "min=10".
	Tag string

	// Value is the offending value, whole and unchanged ("" for a
	// ConstraintRequired violation). Messages show it escaped and, when
	// long, shortened; Value keeps it all.
	Value string

	// Schema is the violation of a ConstraintSchema: what is wrong in
	// the data schema document Value, and where in it.
	Schema *SchemaViolation
}

// MessagePath returns the path as the service's messages write it: each
// segment's first letter in lower case
// ("ingestionInputConfiguration.s3InputConfiguration.bucket").
func (e *FieldError) MessagePath() string {
	if e == nil {
		return ""
	}
	return messagePath(e.Path)
}

// Error returns the violation in the service's wording.
func (e *FieldError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	e.writeMessage(&b)
	return b.String()
}

func (e *FieldError) writeMessage(b *strings.Builder) {
	if e.Constraint == ConstraintRequired {
		b.WriteString("Value null")
	} else {
		b.WriteString("Value ")
		writeEcho(b, e.Value)
	}
	b.WriteString(" at '")
	writeMessagePath(b, e.Path)
	b.WriteString("' failed to satisfy constraint: ")
	e.phrase(b)
}

// maxMessage is the longest Message the service model allows an error
// (BoundedLengthString: 1 to 5000 characters).
const maxMessage = 5000

// NewValidationException returns a *ValidationException that carries fields
// and whose Message lists them in the service's wording:
//
//	2 validation errors detected: Value ... ; Value ...
//
// It takes ownership of fields. The Message stays within the 5000
// characters that the service model allows: when the violations would not
// fit, it ends with "; and N more" and Fields still holds them all; the first
// violation is always shown, shortened with "..." if it alone is too long. With no
// fields the Message is "0 validation errors detected".
func NewValidationException(fields []FieldError) *ValidationException {
	return &ValidationException{Message: validationMessage(fields), Fields: fields}
}

func validationMessage(fields []FieldError) string {
	var b strings.Builder
	// One allocation when the violations fit: room for each at its
	// longest. A violation takes at most 120 bytes of fixed words and a
	// limit of up to 20 digits, its path, its pattern or enum values, and
	// its echo: the value escaped (at most 6 bytes for a byte, as \u0000)
	// and cut at echoLimit bytes, then "...' (truncated: N characters)", in
	// all at most echoLimit+50 bytes.
	size := 32
	for i := range fields {
		size += 120 + min(6*len(fields[i].Value)+2, echoLimit+50) + len(fields[i].Path) + len(fields[i].Pattern)
		for _, v := range fields[i].Enum {
			size += len(v) + 2
		}
	}
	b.Grow(min(size, 4*maxMessage))
	writeInt(&b, len(fields))
	if len(fields) == 1 {
		b.WriteString(" validation error detected")
	} else {
		b.WriteString(" validation errors detected")
	}
	count := b.Len() // code points so far: all ASCII
	for i := range fields {
		before := b.Len()
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		fields[i].writeMessage(&b)
		n := utf8.RuneCountInString(b.String()[before:])
		// The last violation may use every character left; another must
		// leave room for the "; and N more" that may have to follow it.
		limit := maxMessage
		if rest := len(fields) - i - 1; rest > 0 {
			limit -= len("; and  more") + len(strconv.Itoa(rest))
		}
		if count+n > limit {
			kept := b.String()[:before]
			left := len(fields) - i
			if i == 0 {
				// Never drop the first violation: shorten it, visibly.
				seg := b.String()[before:]
				kept += seg[:runePrefix(seg, limit-count-len("..."))] + "..."
				left--
			}
			b.Reset()
			b.WriteString(kept)
			if left > 0 {
				b.WriteString("; and ")
				writeInt(&b, left)
				b.WriteString(" more")
			}
			break
		}
		count += n
	}
	return b.String()
}

// Unwrap returns the violations as errors, each a *[FieldError], so that
// errors.As can reach the first one and errors.Is can look at each.
func (e *ValidationException) Unwrap() []error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	errs := make([]error, len(e.Fields))
	for i := range e.Fields {
		errs[i] = &e.Fields[i]
	}
	return errs
}

// runePrefix returns the length in bytes of the first n code points of s
// (all of s when it has fewer).
func runePrefix(s string, n int) int {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// writeInt writes n in decimal without allocating (strconv.Itoa allocates
// for numbers of 100 and more).
func writeInt(b *strings.Builder, n int) {
	var buf [20]byte
	b.Write(strconv.AppendInt(buf[:0], int64(n), 10))
}

// messagePath turns a wire path into the path the service's messages use:
// each segment's first letter in lower case
// ("IngestionInputConfiguration.S3InputConfiguration.Bucket" becomes
// "ingestionInputConfiguration.s3InputConfiguration.bucket"), escaped and
// bounded as writeMessagePath writes it.
func messagePath(path string) string {
	var b strings.Builder
	b.Grow(len(path))
	writeMessagePath(&b, path)
	return b.String()
}

// pathLimit bounds the bytes of a path that a message shows, after escaping.
// The package's own paths are far shorter; a caller's path can hold user
// data (a map key, for the validate package).
const pathLimit = 256

// writeMessagePath writes path as messagePath says: escaped as an echoed
// value is (a path can hold a map key, which is data), and, past pathLimit
// bytes, cut with "...".
func writeMessagePath(b *strings.Builder, path string) {
	cut := escapeCut(path, pathLimit, '\'')
	writeEscapedString(b, path[:cut], '\'', true)
	if cut < len(path) {
		b.WriteString("...")
	}
}

// phrase returns the service's wording of a constraint
// ("Member must have length greater than or equal to 3").
func (e *FieldError) phrase(b *strings.Builder) {
	switch e.Constraint {
	case ConstraintRequired:
		b.WriteString("Member must not be null")
	case ConstraintUTF8:
		b.WriteString("Member must be valid UTF-8")
	case ConstraintMinLength:
		b.WriteString("Member must have length greater than or equal to ")
		writeInt(b, e.Limit)
	case ConstraintMaxLength:
		b.WriteString("Member must have length less than or equal to ")
		writeInt(b, e.Limit)
	case ConstraintPattern:
		b.WriteString("Member must satisfy regular expression pattern: ")
		b.WriteString(e.Pattern)
	case ConstraintSchema:
		b.WriteString("Member must be a valid data schema: ")
		if e.Schema != nil {
			e.Schema.writeMessage(b)
		}
	case ConstraintMinValue:
		b.WriteString("Member must have value greater than or equal to ")
		writeInt(b, e.Limit)
	case ConstraintMaxValue:
		b.WriteString("Member must have value less than or equal to ")
		writeInt(b, e.Limit)
	case ConstraintEnum:
		b.WriteString("Member must satisfy enum value set: [")
		for i, v := range e.Enum {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(v)
		}
		b.WriteString("]")
	case ConstraintTag:
		b.WriteString("Member must satisfy validate tag ")
		b.WriteString(e.Tag)
	default:
		b.WriteString("Member must satisfy constraint ")
		b.WriteString(e.Constraint.String())
	}
}
