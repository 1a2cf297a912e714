package lookout

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Constraint names one kind of rule that the service enforces on a member.
// A [FieldError] says which one a value broke.
type Constraint uint8

// The constraints, in the order in which violations of one member are
// reported.
const (
	// ConstraintRequired: a required member is absent ("Member must not be
	// null"). For a string member of this package's structs the empty string
	// means absent, because a Go string cannot tell the two apart and the
	// encoder leaves an empty member out of the wire body.
	ConstraintRequired Constraint = iota + 1

	// ConstraintUTF8: the value is not valid UTF-8. The service never sees
	// such a value (a JSON encoder replaces each bad byte by U+FFFD, so the
	// value sent is not the value given); this library refuses it rather than
	// let one value mean two things. The service has no wording for it: the
	// message says "Member must be valid UTF-8".
	ConstraintUTF8

	// ConstraintMinLength: fewer characters (Unicode code points) than the
	// member's minimum. [FieldError.Limit] holds the minimum.
	ConstraintMinLength

	// ConstraintMaxLength: more characters (Unicode code points) than the
	// member's maximum. [FieldError.Limit] holds the maximum.
	ConstraintMaxLength

	// ConstraintPattern: the value does not fully match the member's
	// pattern, read with Java's semantics. [FieldError.Pattern] holds it.
	ConstraintPattern

	// ConstraintEnum: the value is not one of the member's allowed values.
	// [FieldError.Enum] holds them.
	ConstraintEnum
)

var constraintNames = [...]string{
	ConstraintRequired:  "required",
	ConstraintUTF8:      "utf8",
	ConstraintMinLength: "min_length",
	ConstraintMaxLength: "max_length",
	ConstraintPattern:   "pattern",
	ConstraintEnum:      "enum",
}

// String returns the constraint's short name: "required", "utf8",
// "min_length", "max_length", "pattern" or "enum".
func (c Constraint) String() string {
	if int(c) < len(constraintNames) && constraintNames[c] != "" {
		return constraintNames[c]
	}
	return "Constraint(" + strconv.Itoa(int(c)) + ")"
}

// Rule is the declaration of one member's constraints, as the service
// enforces them. The package's checks, the messages of its errors, the tags
// of the validate package and the rule table of the documentation all derive
// from these declarations; [Rules] lists them.
type Rule struct {
	// Path is the member's wire path, such as
	// "IngestionInputConfiguration.S3InputConfiguration.Bucket".
	Path string
	// Tag is the validate tag that checks the member.
	Tag string
	// Required reports whether the member must be present.
	Required bool
	// MinLength and MaxLength bound the value's length in Unicode code
	// points; MaxLength is 0 when there is no maximum.
	MinLength, MaxLength int
	// Pattern is the pattern the value must fully match, in the service's
	// (Java) syntax, or "" when there is none.
	Pattern string
	// Enum lists the allowed values, or is nil when any value the other
	// constraints allow is allowed.
	Enum []string
	// Note says where the rule comes from when the API reference page and the
	// service model do not simply agree, or how it is read.
	Note string

	// emptyAbsent: the member's Go field is a plain string, whose empty
	// value means the member is absent.
	emptyAbsent bool

	// def is the package's declaration this Rule is a copy of (set by
	// Rules); nil for a Rule made elsewhere.
	def *Rule

	// scan is the member's hand-written matcher; nil for a structure. It
	// reads s once. ok reports a full match of the pattern (or enum)
	// as the service would see the value: each byte of an invalid UTF-8
	// sequence read as U+FFFD, as encoding/json sends it. valid reports
	// whether s is valid UTF-8 and n is its length in code points (each
	// invalid byte counting as one).
	scan func(s string) (ok, valid bool, n int)
}

// Enum value sets. They are never modified; FieldError.Enum gets a copy.
var (
	keyPatternValues = []string{
		"{prefix}/{component_name}/*",
		"{prefix}/{component_name}_*",
		"{prefix}/{component_name} *",
		"{prefix}/{component_name}.*",
		"{prefix}/{component_name}-*",
	}
	jobStatusValues = []string{
		string(IngestionJobStatusInProgress),
		string(IngestionJobStatusSuccess),
		string(IngestionJobStatusFailed),
		string(IngestionJobStatusImportInProgress),
	}
)

// The members' declarations: the one place where their constraints are
// written down.
var (
	ruleClientToken = Rule{
		Path: "ClientToken", Tag: "lookout_client_token", Required: true,
		MinLength: 1, MaxLength: 256, Pattern: `\p{ASCII}{1,256}`,
		Note: "Java's \\p{ASCII} is U+0000..U+007F, control characters included. " +
			"Required on the wire; the AWS SDKs fill in a UUIDv4 when it is absent.",
		emptyAbsent: true, scan: scanClientToken}

	ruleDatasetName = Rule{
		Path: "DatasetName", Tag: "lookout_dataset_name", Required: true,
		MinLength: 1, MaxLength: 200, Pattern: `^[0-9a-zA-Z_-]{1,200}$`,
		emptyAbsent: true, scan: scanDatasetName}

	ruleInputConfiguration = Rule{
		Path: "IngestionInputConfiguration", Tag: "required", Required: true,
	}

	ruleS3InputConfiguration = Rule{
		Path: "IngestionInputConfiguration.S3InputConfiguration", Tag: "required", Required: true,
		Note: "Required by the service model; the API reference page does not describe the nested members.",
	}

	ruleBucket = Rule{
		Path: "IngestionInputConfiguration.S3InputConfiguration.Bucket", Tag: "lookout_s3_bucket", Required: true,
		MinLength: 3, MaxLength: 63, Pattern: `^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`,
		Note: "From the service model. S3's own naming rules are stricter (no \"..\", no IP address); " +
			"the service checks only this pattern, and so does this package.",
		emptyAbsent: true, scan: scanBucket}

	rulePrefix = Rule{
		Path: "IngestionInputConfiguration.S3InputConfiguration.Prefix", Tag: "lookout_s3_prefix",
		MinLength: 0, MaxLength: 1024, Pattern: `(^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$)`,
		Note: "From the service model. Empty, or 1 to 1023 characters of TAB, LF, CR and U+0020..U+00FF " +
			"followed by \"/\": so \"/\" alone (one character) does not match.",
		scan: scanPrefix}

	ruleKeyPattern = Rule{
		Path: "IngestionInputConfiguration.S3InputConfiguration.KeyPattern", Tag: "lookout_key_pattern",
		MinLength: 1, MaxLength: 2048, Enum: keyPatternValues,
		Note: "The service model gives only the length; its documentation lists the valid values " +
			"({prefix}/{component_name} followed by \"/*\" or by a delimiter (space, \".\", \"_\", \"-\") and \"*\"). " +
			"Absent means the default {prefix}/{component_name}/*; present, it must be one of the values.",
		scan: scanKeyPattern}

	ruleRoleArn = Rule{
		Path: "RoleArn", Tag: "lookout_role_arn", Required: true,
		MinLength: 20, MaxLength: 2048, Pattern: `arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+`,
		Note: "Full match with Java's semantics: [^:] matches any character but \":\" (line terminators included); " +
			"\".\" matches any character but \\n, \\r, U+0085, U+2028 and U+2029.",
		emptyAbsent: true, scan: scanRoleArn}

	ruleJobID = Rule{
		Path: "JobId", Tag: "lookout_job_id",
		MaxLength: 32, Pattern: `[A-Fa-f0-9]{0,32}`,
		Note:        "Read as a full match: unanchored, this pattern would match every string.",
		emptyAbsent: true, scan: scanJobID}

	ruleJobStatus = Rule{
		Path: "Status", Tag: "lookout_job_status", Enum: jobStatusValues,
		Note:        "Decoding keeps values this package does not know (as the AWS SDKs do); validation reports them.",
		emptyAbsent: true, scan: scanJobStatus}
)

// allRules lists the declarations in wire order: the order of Rules and of
// the violations that Validate reports.
var allRules = []*Rule{
	&ruleClientToken, &ruleDatasetName, &ruleInputConfiguration, &ruleS3InputConfiguration,
	&ruleBucket, &ruleKeyPattern, &rulePrefix, &ruleRoleArn, &ruleJobID, &ruleJobStatus,
}

// Rules returns the declarations of the constraints of every member of the
// StartDataIngestionJob request and response, in wire order. The result is a
// fresh copy: changing it changes nothing in the package.
func Rules() []Rule {
	out := make([]Rule, len(allRules))
	for i, m := range allRules {
		out[i] = *m
		out[i].def = m
		if m.Enum != nil {
			out[i].Enum = append([]string(nil), m.Enum...)
		}
	}
	return out
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
	cut := escapeCut(path, pathLimit)
	writeEscapedString(b, path[:cut], true)
	if cut < len(path) {
		b.WriteString("...")
	}
}

// Violations returns the violations of r by value, nil when there are none.
// present is false when the member is absent (a nil *string, say), in which
// case value is not looked at. The FieldErrors' Path is r.Path; a caller
// checking a field of its own sets its own. It allocates only when it finds
// a violation.
//
// A Rule from [Rules] checks the member as this package declares it: its
// exported fields describe that declaration, and changing them in a copy
// changes nothing of what it checks. A Rule made elsewhere has no matcher:
// it checks Required, the lengths and Enum from its fields, and since it
// cannot check a Pattern, it reports every present value as breaking a
// non-empty one rather than let it pass.
func (r *Rule) Violations(value string, present bool) []FieldError {
	return r.rule().check(nil, r.Path, value, present)
}

// AppendViolations appends the violations of r by value to dst, with path
// as their Path, and returns the extended slice: Violations for a caller
// that collects the violations of several fields (of its own struct, say).
func (r *Rule) AppendViolations(dst []FieldError, path, value string, present bool) []FieldError {
	return r.rule().check(dst, path, value, present)
}

// Valid reports whether Violations(value, present) would find nothing,
// without allocating.
func (r *Rule) Valid(value string, present bool) bool {
	m := r.rule()
	if !present {
		return !m.Required
	}
	return m.accepts(m.match(value))
}

// rule returns the declaration r stands for: the package's own, or r itself
// for a Rule made elsewhere.
func (r *Rule) rule() *Rule {
	if r.def != nil {
		return r.def
	}
	return r
}

// match runs m's matcher, or, for a Rule made elsewhere, what its fields
// allow checking.
func (m *Rule) match(v string) (ok, valid bool, n int) {
	if m.scan != nil {
		return m.scan(v)
	}
	n, valid = runeCount(v)
	ok = m.Pattern == "" && (m.Enum == nil || slices.Contains(m.Enum, v))
	return ok, valid, n
}

// checkValue is the Check functions' common body: the empty string is absent
// when the member's Go field is a plain string.
func (r *Rule) checkValue(v string) error {
	if fs := r.check(nil, r.Path, v, !(r.emptyAbsent && v == "")); fs != nil {
		return NewValidationException(fs)
	}
	return nil
}

// check appends to fs the violations of value v of member m. present is
// false when the member is absent. It allocates only when it finds a
// violation.
func (m *Rule) check(fs []FieldError, path, v string, present bool) []FieldError {
	if !present {
		if m.Required {
			fs = grow(fs)
			fs = append(fs, FieldError{Path: path, Constraint: ConstraintRequired})
		}
		return fs
	}
	ok, valid, n := m.match(v)
	if m.accepts(ok, valid, n) {
		return fs
	}
	fs = grow(fs)
	if !valid {
		fs = append(fs, FieldError{Path: path, Constraint: ConstraintUTF8, Value: v})
	}
	if n < m.MinLength {
		fs = append(fs, FieldError{Path: path, Constraint: ConstraintMinLength, Limit: m.MinLength, Value: v})
	}
	if m.MaxLength != 0 && n > m.MaxLength {
		fs = append(fs, FieldError{Path: path, Constraint: ConstraintMaxLength, Limit: m.MaxLength, Value: v})
	}
	if !ok {
		if m.Enum != nil {
			fs = append(fs, FieldError{Path: path, Constraint: ConstraintEnum,
				Enum: append([]string(nil), m.Enum...), Value: v})
		} else {
			fs = append(fs, FieldError{Path: path, Constraint: ConstraintPattern, Pattern: m.Pattern, Value: v})
		}
	}
	return fs
}

// accepts reports whether a value that m's matcher scanned is valid: it
// matched, is valid UTF-8 and has an allowed length. The Required rule of a
// present member holds by construction.
func (m *Rule) accepts(ok, valid bool, n int) bool {
	return ok && valid && n >= m.MinLength && (m.MaxLength == 0 || n <= m.MaxLength)
}

// grow gives a nil fs room for the violations of one member (three at
// most: UTF-8, a length, and the pattern or enum).
func grow(fs []FieldError) []FieldError {
	if fs == nil {
		return make([]FieldError, 0, 3)
	}
	return fs
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
	case ConstraintEnum:
		b.WriteString("Member must satisfy enum value set: [")
		for i, v := range e.Enum {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(v)
		}
		b.WriteString("]")
	default:
		b.WriteString("Member must satisfy constraint ")
		b.WriteString(e.Constraint.String())
	}
}

// runeCount counts code points, each byte of an invalid sequence counting as
// one (as utf8.RuneCountInString does, and as encoding/json sends them, each
// as U+FFFD), and reports whether s is valid UTF-8.
func runeCount(s string) (n int, valid bool) {
	i := asciiPrefixLen(s)
	rest := s[i:]
	return i + utf8.RuneCountInString(rest), utf8.ValidString(rest)
}
