// Package validate brings the rules of package lookout to
// github.com/go-playground/validator/v10: struct tags that check a field's
// value exactly as lookout checks a member of the same value kind, and
// errors of lookout's taxonomy.
//
// # Tags
//
// There is one tag per value kind of [lookout.Kinds] that has a Tag, and
// the kind's declaration is all it knows: its lengths, pattern, enum,
// integer range or list length. The tags, the Check functions and the
// Validate methods share one set of checks. A tag is named after its kind:
// lookout_dataset_name (DatasetName), lookout_role_arn (IamRoleArn),
// lookout_max_results (MaxResults), lookout_tag_list (TagList), ...; Kind.Tag
// says each, and the tables of docs/rules.md give each member's.
//
// A string kind's tag applies to a field of a string kind (named string
// types included), an integer kind's to a field of an integer kind, a list
// kind's to a slice or an array; behind pointers and interfaces too, and
// to the elements reached with "dive". On a field of another kind a lookout tag panics, as
// validator/v10's own tags do on a kind they do not fit, and [Struct]
// returns a *[TagError].
//
// # Presence
//
// A lookout tag checks a value; whether the value must be there is said as
// with validator/v10's own tags:
//   - "required" before the tag: an empty string, a nil pointer, a nil
//     slice or a nil interface is absent, and reported as lookout reports
//     an absent required member ("Member must not be null");
//   - "omitempty" before the tag: an empty string, a nil pointer and a
//     nil slice are skipped; a pointer to "" is not empty, and is checked;
//   - neither: validator/v10 reports a nil pointer or interface as absent
//     ("Member must not be null"), and the tag checks any other value,
//     the empty string included (too short for lookout_dataset_name, a
//     valid lookout_s3_prefix).
//
// The structs of package lookout carry "required" on each member that is
// required in its operation and can be absent, and "omitempty" before the
// check of each optional one, so that [Struct] gives their Validate
// method's verdict.
//
// # Validating
//
// [Struct] validates with a shared validator from [New] and returns nil or
// one *[lookout.ValidationException] that holds every violation, whatever
// tag found it: those of validator/v10's own tags too, which it translates
// (see [Translate]): "required", "min", "max" and "len" on strings and
// "oneof" as the service's constraints, any other ("email", "url", "min"
// on a number, a tag of your own) as [lookout.ConstraintTag], whose message
// reads "Member must satisfy validate tag email". Each violation carries
// the JSON path of its field below the value validated ("role",
// "IngestionInputConfiguration.S3InputConfiguration.Bucket",
// "Tags.2.member.Key"); violations come in the order of the fields'
// declarations, and the Message is in the service's wording. For lookout's
// requests and responses the Fields and Message are those of their
// Validate method.
//
// [Register] adds the tags to a validator that a program already has, and
// [Translate] turns that validator's errors into the same
// *lookout.ValidationException.
//
// Errors that are not about the value's content are typed too:
// [InvalidValueError] for something that is not a struct to validate,
// [TagError] for tags that cannot be applied, [CycleError] for a value that
// refers back to itself, which validator/v10 would walk for ever.
//
// # Paths below slices and maps
//
// A field reached with "dive" has the path of its slice or map followed by
// "[i]", the element's index, or "[key]", the entry's key as validator/v10
// prints it (with %v): "names[pump-7]", "patterns[3]". An element of a list
// held by one of lookout's structs is named as the service names it, by
// its 1-based index: "Tags.1.member". The key is kept as it is, whatever
// it holds (brackets, quotes, control characters, invalid UTF-8, any
// length): a FieldError's Path loses nothing, and the Message of the
// ValidationException, like any text that echoes a client's data, escapes
// it and bounds its length: print Message, or escape Path yourself.
// Violations below a map come in the order of the printed keys, compared
// byte by byte (see [Translate]); keys that print alike (two distinct keys
// whose String methods agree, say) cannot be told apart in a path, and
// their violations come in validator/v10's order.
//
// # Cost
//
// A lookout tag's work on a field depends on the field's value only, not
// on the number of fields, elements and entries of the value validated,
// and on a valid value it allocates nothing: [Struct] on a valid value
// allocates what validator/v10 does.
//
// Translating violations prints and sorts the keys of each map that holds
// some once, however many violations lie below it: the cost of an error
// grows with the number of violations and the size of those maps, not
// with their product.
package validate
