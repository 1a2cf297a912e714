package lookout

import (
	"slices"
	"strconv"
)

// ValueType says what a value of a [Kind] is on the wire.
type ValueType uint8

// The value types of the service model's shapes.
const (
	TypeString    ValueType = iota + 1 // a JSON string
	TypeInteger                        // a JSON number, a 32-bit integer
	TypeLong                           // a JSON number, a 64-bit integer
	TypeFloat                          // a JSON number
	TypeBoolean                        // true or false
	TypeTimestamp                      // a JSON number of seconds since the epoch
	TypeList                           // a JSON array
	TypeStructure                      // a JSON object
)

var valueTypeNames = [...]string{
	TypeString: "string", TypeInteger: "integer", TypeLong: "long", TypeFloat: "float",
	TypeBoolean: "boolean", TypeTimestamp: "timestamp", TypeList: "list", TypeStructure: "structure",
}

// String returns the type's name in the service model: "string",
// "integer", "list", ...
func (t ValueType) String() string {
	if int(t) < len(valueTypeNames) && valueTypeNames[t] != "" {
		return valueTypeNames[t]
	}
	return "ValueType(" + strconv.Itoa(int(t)) + ")"
}

// Kind is a value kind: one shape of the service model, with the
// constraints that every member of that shape carries, whatever structure
// it sits in. Whether a member must be present is not the kind's: it is the
// member's, in its operation (see [Rule]).
//
// The package's kinds are listed by [Kinds]; each string kind with a
// constraint has its Check function ([CheckDatasetName], ...), and its
// validate tag.
type Kind struct {
	// Name is the shape's name in the service model, such as "DatasetName"
	// or "IamRoleArn".
	Name string

	// Type is what a value of the kind is on the wire.
	Type ValueType

	// Member is the member name under which the kind's Check function
	// reports a violation, the name its members usually have: "RoleArn"
	// for IamRoleArn, "ClientToken" for IdempotenceToken.
	Member string

	// Tag is the validate tag that checks a value of the kind, "" for a
	// kind that has none.
	Tag string

	// MinLength and MaxLength bound a string's length in Unicode code
	// points, or a list's number of elements; MaxLength is 0 when there is
	// no maximum.
	MinLength, MaxLength int

	// Pattern is the pattern a string must fully match, in the service's
	// (Java) syntax, or "" when there is none.
	Pattern string

	// Enum lists the allowed values of a string, or is nil when any value
	// the other constraints allow is allowed.
	Enum []string

	// MinValue and MaxValue bound an integer, when HasMinValue and
	// HasMaxValue say so.
	MinValue, MaxValue       int64
	HasMinValue, HasMaxValue bool

	// Note says how the kind's constraints are read, where the service
	// model alone does not say.
	Note string

	// scan is the kind's hand-written matcher, for a string kind; nil
	// otherwise (and for a Kind made elsewhere). It reads s once. ok
	// reports a full match of the pattern (or enum) as the service would
	// see the value: each byte of an invalid UTF-8 sequence read as
	// U+FFFD, as encoding/json sends it. valid reports whether s is valid
	// UTF-8 and n is its length in code points (each invalid byte counting
	// as one).
	scan func(s string) (ok, valid bool, n int)
	// class is the matcher of a kind whose pattern is a run of ASCII
	// classes: scan is its method value, class lets the fast path call it
	// directly.
	class *classPattern

	// document, for a kind whose value is a document (InlineDataSchema),
	// appends the violations of a value that passed the other checks;
	// documentOK reports that it would append none.
	document   func(fs []FieldError, path, v string) []FieldError
	documentOK func(v string) bool
}

// enumNote is how every enum kind is read.
const enumNote = "Decoding keeps a value this package does not know (as the AWS SDKs do, so that a newer " +
	"service's answer still reads); Validate reports it, in a request and in a response alike: " +
	"a server must not send what the model does not list."

// Kinds returns the value kinds that carry a constraint, each once: the
// string kinds (lengths, patterns, enums), the integer kinds with a range
// and the list kinds with a length. The result is a fresh copy: changing it
// changes nothing in the package.
func Kinds() []Kind {
	out := make([]Kind, len(allKinds))
	for i, k := range allKinds {
		out[i] = k.clone()
	}
	return out
}

// clone returns a copy of k that shares nothing mutable with it.
func (k *Kind) clone() Kind {
	c := *k
	if k.Enum != nil {
		c.Enum = append([]string(nil), k.Enum...)
	}
	return c
}

// valid reports whether string v has no violation of kind k, its document
// included.
func (k *Kind) valid(v string) bool {
	return k.accepts(k.match(v)) && (k.documentOK == nil || k.documentOK(v))
}

// match runs k's matcher, or, for a Kind made elsewhere, what its fields
// allow checking.
func (k *Kind) match(v string) (ok, valid bool, n int) {
	if k.scan != nil {
		return k.scan(v)
	}
	n, valid = runeCount(v)
	ok = k.Pattern == "" && (k.Enum == nil || slices.Contains(k.Enum, v))
	return ok, valid, n
}

// checkValue is the Check functions' common body: v is present, and its
// violations are reported at the kind's Member.
func (k *Kind) checkValue(v string) error {
	if fs := k.check(nil, k.Member, v, true, false); fs != nil {
		return NewValidationException(fs)
	}
	return nil
}

// check appends to fs the violations of value v of a member of kind k.
// present is false when the member is absent; required says whether it
// must be present. It allocates only when it finds a violation.
func (k *Kind) check(fs []FieldError, path, v string, present, required bool) []FieldError {
	if !present {
		if required {
			fs = grow(fs)
			fs = append(fs, FieldError{Path: path, Constraint: ConstraintRequired})
		}
		return fs
	}
	ok, valid, n := k.match(v)
	if k.accepts(ok, valid, n) {
		if k.document != nil {
			return k.document(fs, path, v)
		}
		return fs
	}
	fs = grow(fs)
	if !valid {
		fs = append(fs, FieldError{Path: path, Constraint: ConstraintUTF8, Value: v})
	}
	if n < k.MinLength {
		fs = append(fs, FieldError{Path: path, Constraint: ConstraintMinLength, Limit: k.MinLength, Value: v})
	}
	if k.MaxLength != 0 && n > k.MaxLength {
		fs = append(fs, FieldError{Path: path, Constraint: ConstraintMaxLength, Limit: k.MaxLength, Value: v})
	}
	if !ok {
		if k.Enum != nil {
			fs = append(fs, FieldError{Path: path, Constraint: ConstraintEnum,
				Enum: append([]string(nil), k.Enum...), Value: v})
		} else {
			fs = append(fs, FieldError{Path: path, Constraint: ConstraintPattern, Pattern: k.Pattern, Value: v})
		}
	}
	return fs
}

// accepts reports whether a value that k's matcher scanned is valid: it
// matched, is valid UTF-8 and has an allowed length.
func (k *Kind) accepts(ok, valid bool, n int) bool {
	return ok && valid && n >= k.MinLength && (k.MaxLength == 0 || n <= k.MaxLength)
}

// intValid reports whether n is within k's range.
func (k *Kind) intValid(n int64) bool {
	return (!k.HasMinValue || n >= k.MinValue) && (!k.HasMaxValue || n <= k.MaxValue)
}

// checkInt appends to fs the violations of integer n of a member of kind
// k, as check does for a string. The value is echoed in decimal.
func (k *Kind) checkInt(fs []FieldError, path string, n int64, present, required bool) []FieldError {
	if !present {
		if required {
			fs = append(grow(fs), FieldError{Path: path, Constraint: ConstraintRequired})
		}
		return fs
	}
	switch {
	case k.HasMinValue && n < k.MinValue:
		fs = append(grow(fs), FieldError{Path: path, Constraint: ConstraintMinValue, Limit: int(k.MinValue),
			Value: strconv.FormatInt(n, 10)})
	case k.HasMaxValue && n > k.MaxValue:
		fs = append(grow(fs), FieldError{Path: path, Constraint: ConstraintMaxValue, Limit: int(k.MaxValue),
			Value: strconv.FormatInt(n, 10)})
	}
	return fs
}

// checkIntValue is the Check functions' common body for an integer kind.
func (k *Kind) checkIntValue(n int64) error {
	if fs := k.checkInt(nil, k.Member, n, true, false); fs != nil {
		return NewValidationException(fs)
	}
	return nil
}

// grow gives a nil fs room for the violations of one member (three at
// most: UTF-8, a length, and the pattern or enum).
func grow(fs []FieldError) []FieldError {
	if fs == nil {
		return make([]FieldError, 0, 3)
	}
	return fs
}
