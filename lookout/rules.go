package lookout

import (
	"strconv"
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

	// ConstraintMinValue: an integer below the member's minimum
	// ("Member must have value greater than or equal to 1").
	// [FieldError.Limit] holds the minimum.
	ConstraintMinValue

	// ConstraintMaxValue: an integer above the member's maximum
	// ("Member must have value less than or equal to 500").
	// [FieldError.Limit] holds the maximum.
	ConstraintMaxValue

	// ConstraintSchema: an InlineDataSchema that is not a valid data
	// schema (see [ParseDataSchema]). [FieldError.Schema] holds the
	// violation, with its path into the document; each violation of the
	// document is a FieldError of its own. The service model has no
	// wording for it: the message says "Member must be a valid data
	// schema: " and the violation.
	ConstraintSchema

	// ConstraintTag: a value breaks a validate tag that is not one of the
	// service's constraints, such as validator/v10's "email"; only the
	// validate package reports it ("Member must satisfy validate tag
	// email"). [FieldError.Tag] holds the tag as written, with its
	// parameter ("min=10").
	ConstraintTag
)

var constraintNames = [...]string{
	ConstraintRequired:  "required",
	ConstraintUTF8:      "utf8",
	ConstraintMinLength: "min_length",
	ConstraintMaxLength: "max_length",
	ConstraintPattern:   "pattern",
	ConstraintEnum:      "enum",
	ConstraintMinValue:  "min_value",
	ConstraintMaxValue:  "max_value",
	ConstraintSchema:    "schema",
	ConstraintTag:       "tag",
}

// String returns the constraint's short name: "required", "utf8",
// "min_length", "max_length", "pattern", "enum", "min_value",
// "max_value", "schema" or "tag".
func (c Constraint) String() string {
	if int(c) < len(constraintNames) && constraintNames[c] != "" {
		return constraintNames[c]
	}
	return "Constraint(" + strconv.Itoa(int(c)) + ")"
}

// Rule is the declaration of one member of one operation's request or
// response: its place, whether it must be present, and its value kind,
// whose constraints it carries. The package's checks, the messages of its
// errors, the tags of the validate package and the rule table of the
// documentation all derive from these declarations; [Rules] lists them.
type Rule struct {
	// Operation is the operation, such as "StartDataIngestionJob".
	Operation string

	// Response reports a member of the operation's response; otherwise
	// the member is in its request.
	Response bool

	// Path is the member's wire path in the request or response, such as
	// "IngestionInputConfiguration.S3InputConfiguration.Bucket". A member
	// of a list's elements has "member" for the element:
	// "Tags.member.Key" (a violation's path has the element's 1-based
	// index in its place: "Tags.1.member.Key").
	Path string

	// Required reports whether the member must be present. For a plain
	// string field of this package's structs whose JSON tag has omitempty,
	// the empty string means absent, because a Go string cannot tell the
	// two apart and the encoder leaves an empty member out of the wire
	// body.
	Required bool

	// Note says how the member is read in its operation, where the
	// service model alone does not say. Kind.Note says how its kind is
	// read.
	Note string

	// Kind is the member's value kind: its constraints (MinLength,
	// MaxLength, Pattern, Enum, MinValue, MaxValue), shared with every
	// member of that kind.
	Kind

	// emptyAbsent: the member's Go field is a plain string, whose empty
	// value means the member is absent.
	emptyAbsent bool

	// def is the package's declaration this Rule is a copy of (set by
	// Rules); nil for a Rule made elsewhere.
	def *Rule
}

// Rules returns the declarations of every member of every operation's
// request and response: the operations in alphabetical order, each one's
// request then its response, each structure's members in wire order (the
// order in which Validate reports violations), a structure's members right
// after it. The result is a fresh copy: changing it changes nothing in the
// package.
func Rules() []Rule {
	all := allRules()
	out := make([]Rule, len(all))
	for i, m := range all {
		out[i] = *m
		out[i].Kind = m.Kind.clone()
		out[i].def = m
	}
	return out
}

// Violations returns the violations of r by value, nil when there are none.
// present is false when the member is absent (a nil *string, say), in which
// case value is not looked at. The FieldErrors' Path is r.Path; a caller
// checking a field of its own sets its own. It allocates only when it finds
// a violation. An integer kind reads value in decimal.
//
// A Rule from [Rules] checks the member as this package declares it: its
// exported fields describe that declaration, and changing them in a copy
// changes nothing of what it checks. A Rule made elsewhere has no matcher:
// it checks Required, the lengths and Enum from its fields, and since it
// cannot check a Pattern, it reports every present value as breaking a
// non-empty one rather than let it pass.
func (r *Rule) Violations(value string, present bool) []FieldError {
	return r.AppendViolations(nil, r.Path, value, present)
}

// AppendViolations appends the violations of r by value to dst, with path
// as their Path, and returns the extended slice: Violations for a caller
// that collects the violations of several fields (of its own struct, say).
func (r *Rule) AppendViolations(dst []FieldError, path, value string, present bool) []FieldError {
	m := r.rule()
	if m.Type == TypeInteger || m.Type == TypeLong {
		if !present {
			return m.Kind.checkInt(dst, path, 0, false, m.Required)
		}
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return append(dst, FieldError{Path: path, Constraint: ConstraintPattern, Pattern: "an integer", Value: value})
		}
		return m.Kind.checkInt(dst, path, n, true, m.Required)
	}
	return m.Kind.check(dst, path, value, present, m.Required)
}

// Valid reports whether Violations(value, present) would find nothing,
// without allocating.
func (r *Rule) Valid(value string, present bool) bool {
	m := r.rule()
	if !present {
		return !m.Required
	}
	if m.Type == TypeInteger || m.Type == TypeLong {
		n, err := strconv.ParseInt(value, 10, 64)
		return err == nil && m.Kind.intValid(n)
	}
	return m.Kind.valid(value)
}

// rule returns the declaration r stands for: the package's own, or r itself
// for a Rule made elsewhere.
func (r *Rule) rule() *Rule {
	if r.def != nil {
		return r.def
	}
	return r
}
