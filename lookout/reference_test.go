package lookout

// The reference implementation (the oracle) of the rules and the messages,
// written from the API reference page of StartDataIngestionJob, AWS's
// service model (for the nested S3 members, which the page does not
// describe), how the service reads a pattern (a full match, with Java's
// semantics: see the package doc and the README) and the documentation of
// this package, not from match.go, kinds.go, rules.go or validation.go. It is slow
// and simple on purpose: each member's pattern is the service's Java
// pattern translated into a Go regexp with Java's semantics, applied to the
// value as the wire would carry it. The pattern texts, limits and enum
// values are written here again, literally: that duplication is what makes
// the oracle independent.
//
// The exported names (Reference*) are for the tests of package lookout_test
// (the shared cases of internal/testcases, the examples), which cannot see
// unexported test helpers.

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// refMember is one member's constraints as the API reference page and the
// service model state them.
type refMember struct {
	name string // the Check function's member, for test names

	path        string
	required    bool
	emptyAbsent bool // a plain Go string: "" is the absent member
	min, max    int  // max 0: no maximum
	pattern     string

	// re is pattern translated into Go's syntax with Java's semantics, as a
	// full match (^(?:...)$). Go's regexp works on code points of valid
	// UTF-8, so it is applied to the wire form of the value (see wireForm).
	re *regexp.Regexp
	// count, when not nil, completes re with a repeat count that Go's
	// regexp cannot express (it refuses counts over 1000).
	count func(wire string) bool

	enum []string

	// notPrefix, when not "", is a negative lookahead at the start
	// ((?!aws:)), which Go's regexp does not have: a value that begins
	// with it does not match.
	notPrefix string

	// document: a value of the right length and valid UTF-8 is a data
	// schema document, whose violations ParseDataSchema reports (its own
	// reference is schema_ref_test.go's).
	document bool
}

// Java's '.' (without DOTALL): every character but the five line
// terminators \n, \r, U+0085, U+2028 and U+2029. U+000B, U+000C and U+001C
// are not terminators for java.util.regex.
const javaDot = `[^\n\r\x{85}\x{2028}\x{2029}]`

// Java's [^:]: every character but ':', line terminators included. Written
// out as ranges so that it does not depend on Go's ClassNL flag.
const javaNotColon = `[\x{0}-9;-\x{10FFFF}]`

func fullMatch(goPattern string) *regexp.Regexp {
	return regexp.MustCompile(`^(?:` + goPattern + `)$`)
}

var (
	refClientToken = refMember{
		name: "ClientToken", path: "ClientToken", required: true, emptyAbsent: true,
		min: 1, max: 256, pattern: `\p{ASCII}{1,256}`,
		// \p{ASCII} is U+0000..U+007F.
		re: fullMatch(`[\x00-\x7F]{1,256}`),
	}
	refDatasetName = refMember{
		name: "DatasetName", path: "DatasetName", required: true, emptyAbsent: true,
		min: 1, max: 200, pattern: `^[0-9a-zA-Z_-]{1,200}$`,
		// Java's ^ and $ inside a full match change nothing: $ is
		// zero-width, and matches() must still consume the whole input
		// (a final line terminator is not consumed by $).
		re: fullMatch(`[0-9a-zA-Z_\-]{1,200}`),
	}
	refInputConfiguration = refMember{
		name: "IngestionInputConfiguration", path: "IngestionInputConfiguration", required: true,
	}
	refS3InputConfiguration = refMember{
		name: "S3InputConfiguration", path: "IngestionInputConfiguration.S3InputConfiguration", required: true,
	}
	refBucket = refMember{
		name: "Bucket", path: "IngestionInputConfiguration.S3InputConfiguration.Bucket", required: true, emptyAbsent: true,
		min: 3, max: 63, pattern: `^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`,
		re: fullMatch(`[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]`),
	}
	refPrefix = refMember{
		name: "Prefix", path: "IngestionInputConfiguration.S3InputConfiguration.Prefix",
		min: 0, max: 1024, pattern: `(^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$)`,
		// Go's regexp refuses {1,1023} (repeat counts over 1000 do not
		// compile), so the class is repeated with + and count checks
		// the 1..1023 characters before the final '/'. The class holds
		// '/', so those characters are all but the last one.
		re: fullMatch(`|[\x{09}\x{0A}\x{0D}\x{20}-\x{FF}]+/`),
		count: func(wire string) bool {
			n := utf8.RuneCountInString(wire)
			return n == 0 || (n-1 >= 1 && n-1 <= 1023)
		},
	}
	refKeyPattern = refMember{
		name: "KeyPattern", path: "IngestionInputConfiguration.S3InputConfiguration.KeyPattern", emptyAbsent: true,
		min: 1, max: 2048,
		enum: []string{
			"{prefix}/{component_name}/*",
			"{prefix}/{component_name}_*",
			"{prefix}/{component_name} *",
			"{prefix}/{component_name}.*",
			"{prefix}/{component_name}-*",
		},
	}
	refRoleArn = refMember{
		name: "RoleArn", path: "RoleArn", required: true, emptyAbsent: true,
		min: 20, max: 2048, pattern: `arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+`,
		re: fullMatch(`arn:aws(-` + javaNotColon + `+)?:iam::[0-9]{12}:role/` + javaDot + `+`),
	}
	refJobID = refMember{
		name: "JobId", path: "JobId",
		min: 0, max: 32, pattern: `[A-Fa-f0-9]{0,32}`,
		re: fullMatch(`[A-Fa-f0-9]{0,32}`),
	}
	refJobStatus = refMember{
		name: "JobStatus", path: "Status", emptyAbsent: true,
		enum: []string{"IN_PROGRESS", "SUCCESS", "FAILED", "IMPORT_IN_PROGRESS"},
	}
)

// refMembers lists the members in wire order.
var refMembers = []*refMember{
	&refClientToken, &refDatasetName, &refInputConfiguration, &refS3InputConfiguration,
	&refBucket, &refKeyPattern, &refPrefix, &refRoleArn, &refJobID, &refJobStatus,
}

// wireForm is the value as encoding/json would send it: each byte of an
// invalid UTF-8 sequence becomes U+FFFD.
func wireForm(v string) string { return string([]rune(v)) }

// violations is the oracle's list of the violations of value v of member m.
// present is false for an absent member.
func (m *refMember) violations(v string, present bool) []FieldError {
	if !present {
		if m.required {
			return []FieldError{{Path: m.path, Constraint: ConstraintRequired}}
		}
		return nil
	}
	wire := wireForm(v)
	n := utf8.RuneCountInString(v) // each invalid byte is one character
	var fs []FieldError
	if !utf8.ValidString(v) {
		fs = append(fs, FieldError{Path: m.path, Constraint: ConstraintUTF8, Value: v})
	}
	if n < m.min {
		fs = append(fs, FieldError{Path: m.path, Constraint: ConstraintMinLength, Limit: m.min, Value: v})
	}
	if m.max > 0 && n > m.max {
		fs = append(fs, FieldError{Path: m.path, Constraint: ConstraintMaxLength, Limit: m.max, Value: v})
	}
	switch {
	case m.enum != nil:
		if !slices.Contains(m.enum, wire) {
			fs = append(fs, FieldError{Path: m.path, Constraint: ConstraintEnum,
				Enum: slices.Clone(m.enum), Value: v})
		}
	case m.re != nil:
		if !m.re.MatchString(wire) || (m.count != nil && !m.count(wire)) ||
			(m.notPrefix != "" && strings.HasPrefix(wire, m.notPrefix)) {
			fs = append(fs, FieldError{Path: m.path, Constraint: ConstraintPattern, Pattern: m.pattern, Value: v})
		}
	}
	if m.document && len(fs) == 0 {
		if _, err := ParseDataSchema(v); err != nil {
			for _, sv := range err.(*SchemaError).Violations {
				fs = append(fs, FieldError{Path: m.path, Constraint: ConstraintSchema, Value: v, Schema: &sv})
			}
		}
	}
	return fs
}

// check is the oracle of a Check function: the value is present, and
// reported at the member's name (the last segment of its path).
func (m *refMember) check(v string) []FieldError {
	c := *m
	c.path = m.checkPath()
	return c.violations(v, true)
}

// checkPath is the path a Check function reports at.
func (m *refMember) checkPath() string { return m.path[strings.LastIndexByte(m.path, '.')+1:] }

// present is the oracle's reading of a plain string member on the Go
// path: "" is absent.
func (m *refMember) present(v string) []FieldError {
	return m.violations(v, !(m.emptyAbsent && v == ""))
}

// ReferenceValidate is the oracle of StartDataIngestionJobRequest.Validate:
// every violation, in wire order.
func ReferenceValidate(r *StartDataIngestionJobRequest) []FieldError {
	var zero StartDataIngestionJobRequest
	if r == nil {
		r = &zero
	}
	var fs []FieldError
	fs = append(fs, refClientToken.present(r.ClientToken)...)
	fs = append(fs, refDatasetName.present(r.DatasetName)...)
	switch {
	case r.IngestionInputConfiguration == nil:
		fs = append(fs, refInputConfiguration.violations("", false)...)
	case r.IngestionInputConfiguration.S3InputConfiguration == nil:
		fs = append(fs, refS3InputConfiguration.violations("", false)...)
	default:
		s3 := r.IngestionInputConfiguration.S3InputConfiguration
		fs = append(fs, refBucket.present(s3.Bucket)...)
		fs = append(fs, refKeyPattern.present(s3.KeyPattern)...)
		fs = append(fs, refOptional(&refPrefix, s3.Prefix)...)
	}
	fs = append(fs, refRoleArn.present(r.RoleArn)...)
	if len(fs) == 0 {
		return nil
	}
	return fs
}

func refOptional(m *refMember, p *string) []FieldError {
	if p == nil {
		return m.violations("", false)
	}
	return m.violations(*p, true)
}

// ReferenceValidateResponse is the oracle of
// StartDataIngestionJobResponse.Validate.
func ReferenceValidateResponse(r *StartDataIngestionJobResponse) []FieldError {
	if r == nil {
		return nil
	}
	fs := append(refOptional(&refJobID, r.JobId), refJobStatus.present(string(r.Status))...)
	if len(fs) == 0 {
		return nil
	}
	return fs
}

// ReferenceCheck is the oracle of the Check function of the member named
// name ("ClientToken", "DatasetName", "Bucket", "Prefix", "KeyPattern",
// "RoleArn", "JobId", "JobStatus").
func ReferenceCheck(name, v string) []FieldError {
	for _, m := range refMembers {
		if m.name == name {
			return m.check(v)
		}
	}
	for _, m := range refKindMembers {
		if m.name == name {
			return m.check(v)
		}
	}
	panic("ReferenceCheck: no member " + name)
}

// The messages, in the wording of AWS's services ("1 validation error
// detected: Value 'abc' at 'roleArn' failed to satisfy constraint: Member
// must have length greater than or equal to 20"; several violations counted
// and joined by "; "; member paths in lowerCamelCase joined by dots; the
// phrases "Member must not be null", "Member must have length greater than
// or equal to N", "... less than or equal to N", "Member must satisfy
// regular expression pattern: P", "Member must satisfy enum value set:
// [A, B]"; a missing member is "Value null at '...'") and the documentation of
// NewValidationException and FieldError.

const (
	refEchoLimit  = 128  // bytes of escaped value a message shows
	refMaxMessage = 5000 // characters of a Message
)

// refPiece is how a message writes the character of v at byte i.
func refPiece(v string, i int, r rune) string {
	switch {
	case r == utf8.RuneError && !strings.HasPrefix(v[i:], "\uFFFD"):
		return fmt.Sprintf(`\x%02X`, v[i]) // range steps one byte on invalid UTF-8
	case r == '\\':
		return `\\`
	case r == '\'':
		return `\'`
	case r == '\t':
		return `\t`
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r != ' ' && !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S):
		// Not a letter, mark, number, punctuation or symbol: a control or
		// formatting character, a separator or space, unassigned or for
		// private use.
		if r > 0xFFFF {
			return fmt.Sprintf(`\U%08X`, r)
		}
		return fmt.Sprintf(`\u%04X`, r)
	}
	return string(r)
}

// refEcho is the value as a message shows it, quotes included.
func refEcho(v string) string {
	var b strings.Builder
	for i, r := range v {
		piece := refPiece(v, i, r)
		if b.Len()+len(piece) > refEchoLimit {
			return "'" + b.String() + "...' (truncated: " + strconv.Itoa(utf8.RuneCountInString(v)) + " characters)"
		}
		b.WriteString(piece)
	}
	return "'" + b.String() + "'"
}

// refMessagePath is the path as a message shows it: each segment's first
// letter in lower case, escaped as a value is, cut at 256 bytes with "...".
func refMessagePath(path string) string {
	segs := strings.Split(path, ".")
	for i, s := range segs {
		if s != "" && 'A' <= s[0] && s[0] <= 'Z' {
			segs[i] = strings.ToLower(s[:1]) + s[1:]
		}
	}
	lowered := strings.Join(segs, ".")
	var b strings.Builder
	for i, r := range lowered {
		piece := refPiece(lowered, i, r)
		if b.Len()+len(piece) > 256 {
			return b.String() + "..."
		}
		b.WriteString(piece)
	}
	return b.String()
}

// ReferenceFieldMessage is the oracle of FieldError.Error.
func ReferenceFieldMessage(f FieldError) string {
	value := "null"
	if f.Constraint != ConstraintRequired {
		value = refEcho(f.Value)
	}
	var phrase string
	switch f.Constraint {
	case ConstraintRequired:
		phrase = "Member must not be null"
	case ConstraintUTF8:
		phrase = "Member must be valid UTF-8"
	case ConstraintMinLength:
		phrase = fmt.Sprintf("Member must have length greater than or equal to %d", f.Limit)
	case ConstraintMaxLength:
		phrase = fmt.Sprintf("Member must have length less than or equal to %d", f.Limit)
	case ConstraintPattern:
		phrase = "Member must satisfy regular expression pattern: " + f.Pattern
	case ConstraintEnum:
		phrase = "Member must satisfy enum value set: [" + strings.Join(f.Enum, ", ") + "]"
	case ConstraintMinValue:
		phrase = fmt.Sprintf("Member must have value greater than or equal to %d", f.Limit)
	case ConstraintMaxValue:
		phrase = fmt.Sprintf("Member must have value less than or equal to %d", f.Limit)
	case ConstraintSchema:
		// The violation's own wording is SchemaViolation.Error's (and
		// schema_test.go's to check).
		phrase = "Member must be a valid data schema: " + f.Schema.Error()
	default:
		panic("ReferenceFieldMessage: unknown constraint")
	}
	return "Value " + value + " at '" + refMessagePath(f.Path) + "' failed to satisfy constraint: " + phrase
}

// ReferenceMessage is the oracle of the Message of
// NewValidationException(fs): every violation when the whole fits in 5000
// characters; else as many as fit, in order, followed by "; and N more"
// for the N left out, the whole within 5000 characters; a first violation
// too long on its own is cut to fit, with "...".
func ReferenceMessage(fs []FieldError) string {
	head := fmt.Sprintf("%d validation errors detected", len(fs))
	if len(fs) == 1 {
		head = "1 validation error detected"
	}
	msg := head
	for i, f := range fs {
		sep := "; "
		if i == 0 {
			sep = ": "
		}
		next := msg + sep + ReferenceFieldMessage(f)
		room := refMaxMessage
		if left := len(fs) - i - 1; left > 0 {
			room -= len(fmt.Sprintf("; and %d more", left))
		}
		if utf8.RuneCountInString(next) > room {
			if i == 0 {
				// The first violation is always shown, cut to fit.
				cut := string([]rune(next)[:room-3]) + "..."
				if len(fs) > 1 {
					cut += fmt.Sprintf("; and %d more", len(fs)-1)
				}
				return cut
			}
			return msg + fmt.Sprintf("; and %d more", len(fs)-i)
		}
		msg = next
	}
	return msg
}
