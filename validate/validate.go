package validate

import (
	"fmt"
	"sync"

	"github.com/go-playground/validator/v10"
)

// New returns a validator/v10 validator set up as this package uses it:
// WithRequiredStructEnabled (so that "required" on a pointer to a struct
// means what it says), field names in errors taken from the fields' JSON
// names (see [JSONName]), and the lookout tags installed by [Register].
//
// Each call returns a new validator. Validating with it returns
// validator/v10's own errors; [Translate] turns them into this package's,
// and [Struct] does both with one shared validator.
func New() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(JSONName)
	if err := Register(v); err != nil {
		// Register fails only on a nil validator or a tag that
		// validator/v10 refuses, and the tags are fixed: a test
		// proves that this cannot happen.
		panic(err)
	}
	return v
}

// Register installs the lookout tags into v, a validator that may already
// have its own tags, aliases and options: it adds the tags and changes
// nothing else (not v's tag name function, so the names in v's errors stay
// v's). There is one tag per value kind of [lookout.Kinds] that has a Tag
// (lookout_dataset_name, lookout_role_arn, lookout_max_results,
// lookout_tag_list, ...): it checks a value against that kind, as the
// kind's Check function does, whatever the member. Whether a member must be
// there is validator/v10's to say, with "required" and "omitempty" (see
// the package doc).
//
// A tag of the same name already registered in v is replaced. As with
// every registration of validator/v10, call Register before v is used (it is
// not safe for concurrent use with validation), and before v first sees a
// struct type whose tags use it: v caches each struct type's tags on first
// use.
//
// Register returns [ErrNilValidator] for a nil v.
func Register(v *validator.Validate) error {
	if v == nil {
		return ErrNilValidator
	}
	for _, tag := range tagOrder {
		if err := v.RegisterValidation(tag, checks[tag].valid); err != nil {
			return fmt.Errorf("validate: registering tag %q: %w", tag, err)
		}
	}
	return nil
}

// shared is the validator of Struct: one instance, set up before its first
// use and then only read, as validator/v10 asks.
var shared = sync.OnceValue(New)

// Struct validates s, a struct or a non-nil pointer to one, with a shared
// validator made by [New], and returns nil or the error [Translate] makes
// of what it found:
//   - a *[lookout.ValidationException] whose Fields are every violation,
//     those of the lookout tags and of validator/v10's own tags alike,
//     each with the JSON path of its field below s (such as "role", or
//     "IngestionInputConfiguration.S3InputConfiguration.Bucket" for a
//     [lookout.StartDataIngestionJobRequest]), in the order of the fields'
//     declarations, and whose Message is the service's wording. For the
//     requests and responses of package lookout, Fields and Message are
//     those that their Validate method gives;
//   - an *[InvalidValueError] when s is nil, a nil pointer or not a struct.
//     A nil *lookout.StartDataIngestionJobRequest is one: Struct, like
//     validator/v10, has no value to validate, where the request's Validate
//     method reports the absent members;
//   - a *[TagError] when the validate tags of s's type cannot be applied
//     (an unknown tag, a malformed one, a parameter that does not parse,
//     "dive" on a field that is neither a slice nor a map, a lookout tag on
//     a field of a kind its value kind cannot be): validator/v10 panics on
//     these, Struct does not. Any other panic that happens while
//     validator/v10 validates s (one raised by a method of s that a tag
//     calls, say) is not turned into an error: Struct panics with it;
//   - a *[CycleError] when s refers back to itself along what validator/v10
//     walks (a pointer field that points to s or to one of its ancestors,
//     through pointers, interfaces, or the slices and maps its tags dive
//     into), which would make validator/v10 recurse until the program
//     dies of a stack overflow: Struct looks for one before validating,
//     and validates nothing when it finds one. The error names the path
//     that refers back and its target, in JSON names.
//
// Struct is safe for concurrent use. On a valid value it allocates what
// validator/v10 does and nothing more (as many allocations as a validator
// set up as [New] sets it up, with tags of the same names that accept
// every value), however large the value, but for the search for a cycle:
// it allocates nothing for a value whose types cannot hold one (those of
// package lookout among them: the search is then one lookup by type), nor
// for a value of other types that is at most 32 pointers, slices and maps
// deep and holds at most 4096 of them; past those bounds, it records what
// it has seen in maps (see [CycleError]).
func Struct(s any) error {
	if err := findCycle(s); err != nil {
		return err
	}
	return Translate(s, structTags(shared(), s))
}
