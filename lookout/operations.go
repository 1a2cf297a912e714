package lookout

import (
	"encoding/json"
	"slices"
	"strconv"
	"sync"
)

// targetPrefix is the service's target prefix: an operation's X-Amz-Target
// header is targetPrefix followed by its name.
const targetPrefix = "AWSLookoutEquipmentFrontendService."

// operation declares one operation of the service (each is generated from
// the model): its name, its X-Amz-Target, the limit of its request's body,
// and the errors its model lists.
type operation struct {
	name, target string
	maxBody      int
	errors       []string
	idx          int // its index in operations, set at init
}

// index returns the operation's index in operations.
func (op *operation) index() int { return op.idx }

func init() {
	for i, op := range operations {
		op.idx = i
	}
}

// answers reports whether the operation's model lists the error of code.
func (op *operation) answers(code string) bool { return slices.Contains(op.errors, code) }

// lookupOperation returns the operation named name, or nil.
func lookupOperation(name string) *operation {
	i, found := slices.BinarySearchFunc(operations, name, func(o *operation, n string) int {
		switch {
		case o.name < n:
			return -1
		case o.name > n:
			return 1
		}
		return 0
	})
	if !found {
		return nil
	}
	return operations[i]
}

// Operations returns the names of the service's operations, in
// alphabetical order: CreateDataset, CreateInferenceScheduler, ... The
// slice is new on each call.
func Operations() []string {
	out := make([]string, len(operations))
	for i, op := range operations {
		out[i] = op.name
	}
	return out
}

// OperationErrors returns the codes of the errors that the service model
// lists for operation op ([CodeValidation], [CodeThrottling], ...), in the
// model's order, or nil for an operation the model does not have. They are
// the errors a server answers for op; the protocol's own
// ([CodeSerialization], [CodeUnknownOperation]) are not among them. The
// slice is new on each call.
func OperationErrors(op string) []string {
	if o := lookupOperation(op); o != nil {
		return slices.Clone(o.errors)
	}
	return nil
}

// RequestBodyLimit returns the limit, in bytes, of the body of a request of
// operation op that [DecodeRequest], [ReadRequest] and [NewHandler] apply
// ([MaxRequestBodyBytes] for most), or 0 for an operation the model does
// not have. Each limit holds the longest valid request with every character
// escaped at its widest, and room for whitespace.
func RequestBodyLimit(op string) int {
	if o := lookupOperation(op); o != nil {
		return o.maxBody
	}
	return 0
}

// Request is the input of one of the service's operations:
// *[StartDataIngestionJobRequest], *[CreateModelRequest], and so on.
// [DecodeRequest] and [ReadRequest] read any of them; only this package's
// request types implement it.
type Request interface {
	// Validate reports whether the request satisfies every constraint
	// the service enforces on the operation's input: nil, or a
	// *[ValidationException] listing every violation.
	Validate() error

	structure
	// validateWire is Validate for a request decoded from a body, with
	// what the body said of its members that the request cannot.
	validateWire(p *presence) error
	// isNil reports whether the request is a nil pointer; reset sets it
	// to its zero value.
	isNil() bool
	reset()
}

// Response is the output of one of the service's operations:
// *[StartDataIngestionJobResponse], *[DescribeModelResponse], and so on.
type Response interface {
	// Validate reports whether the response satisfies the constraints of
	// the service model: nil, or a *[ValidationException].
	Validate() error

	structure
}

// structure is what every generated structure has: its operation (for a
// request or a response; nil otherwise), its checks, its strict reader and
// its writer.
type structure interface {
	// operation returns the structure's operation; it is called on a nil
	// pointer too.
	operation() *operation
	// valid is Validate's fast path: no violation, without allocating;
	// violations appends every violation, the structure being at path.
	valid(p *presence) bool
	violations(fs []FieldError, path string, p *presence) []FieldError
	// decode reads the object at the decoder's position (its '{') into
	// the structure, which is its zero value.
	decode(d *decoder) *DecodeError
	// appendJSON appends the structure's JSON.
	appendJSON(b []byte) ([]byte, error)
}

// appendRequired appends the violation of member name of the structure at
// path being absent.
func appendRequired(fs []FieldError, path, name string) []FieldError {
	return append(grow(fs), FieldError{Path: memberPath(path, name), Constraint: ConstraintRequired})
}

// memberPath returns the wire path of member name of the structure at
// path.
func memberPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// elementPath returns the wire path of element i (0-based) of the list at
// path, as the service's messages name it: "Tags.1.member".
func elementPath(path string, i int) string {
	return path + "." + strconv.Itoa(i+1) + ".member"
}

// ensureClientToken is the EnsureClientToken methods' body.
func ensureClientToken(token *string) string {
	if *token == "" {
		*token = NewClientToken()
	}
	return *token
}

// enumValues converts an enum's values to its type.
func enumValues[E ~string](values []string) []E {
	out := make([]E, len(values))
	for i, v := range values {
		out[i] = E(v)
	}
	return out
}

// ruleDecl is one row of the rules table (rules_gen.go): a member of an
// operation's request or response.
type ruleDecl struct {
	op                    string
	response              bool
	path                  string
	required, emptyAbsent bool
	kind                  *Kind
	note                  string
}

// rules is the list Rules copies, built once from ruleTable.
var (
	rules     []*Rule
	rulesOnce sync.Once
)

// allRules returns every member's Rule, building them on first use.
func allRules() []*Rule {
	rulesOnce.Do(func() {
		rules = make([]*Rule, len(ruleTable))
		for i := range ruleTable {
			d := &ruleTable[i]
			rules[i] = &Rule{Operation: d.op, Response: d.response, Path: d.path, Required: d.required,
				Note: d.note, Kind: *d.kind, emptyAbsent: d.emptyAbsent}
		}
	})
	return rules
}

// The documented values of IngestionS3InputConfiguration.KeyPattern: the
// objects of a component are found under {prefix}/{component_name} followed
// by "/" or by one of the delimiters space, ".", "_" and "-".
const (
	KeyPatternSlash      = "{prefix}/{component_name}/*"
	KeyPatternUnderscore = "{prefix}/{component_name}_*"
	KeyPatternSpace      = "{prefix}/{component_name} *"
	KeyPatternDot        = "{prefix}/{component_name}.*"
	KeyPatternHyphen     = "{prefix}/{component_name}-*"
)

// listEcho is how a violation shows a list: its JSON.
func listEcho[E any](l []E) string {
	b, err := json.Marshal(l)
	if err != nil {
		return "[...]"
	}
	return string(b)
}
