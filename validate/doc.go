// Package validate brings the rules of package lookout to
// github.com/go-playground/validator/v10: struct tags that check a field
// exactly as [lookout.StartDataIngestionJobRequest.Validate] checks the
// member of the same kind, and errors of lookout's taxonomy.
//
// # Tags
//
// Each tag is implemented by the [lookout.Rule] of [lookout.Rules] that
// carries its name, so the tags, the Check functions and Validate share one
// set of checks:
//
//	lookout_client_token   ClientToken: 1 to 256 ASCII characters (required)
//	lookout_dataset_name   DatasetName: 1 to 200 of [0-9a-zA-Z_-] (required)
//	lookout_s3_bucket      S3 Bucket: 3 to 63 characters, the model's pattern (required)
//	lookout_s3_prefix      S3 Prefix: empty, or up to 1024 characters ending in "/"
//	lookout_key_pattern    S3 KeyPattern: one of the documented values
//	lookout_role_arn       RoleArn: 20 to 2048 characters, arn:aws...:iam::<account>:role/...
//	lookout_job_id         a response's JobId: up to 32 hexadecimal digits
//	lookout_job_status     a response's Status: one of the documented statuses
//
// They apply to any field whose kind is string (named string types
// included), to pointers to such fields, and to the elements reached with
// "dive". On a field of another kind (an int, a struct) a lookout tag
// fails, and the failure does not translate (see [UnsupportedError]).
//
// # Empty and absent values
//
// As in package lookout, an absent member breaks a required rule ("Member
// must not be null") and satisfies an optional one:
//   - a nil pointer (or nil interface) is absent;
//   - a plain string that is empty is absent: a string cannot tell empty
//     from absent, and a JSON encoder with omitempty leaves it out. This
//     holds for lookout_s3_prefix and lookout_key_pattern too, although the
//     request's own Prefix and KeyPattern are pointers: an empty plain
//     string is a valid (absent) prefix or key pattern;
//   - a pointer to "" is present and empty, and checked as such: too short
//     for lookout_dataset_name or lookout_key_pattern, a valid
//     lookout_s3_prefix, not a known lookout_job_status.
//
// validator/v10's "omitempty" composes as its users expect: it skips an
// empty plain string and a nil pointer, but not a pointer to "", which it
// does not count as empty. "required" before a lookout tag reports an
// absent value as validator/v10 would, which translates to the same
// "Member must not be null".
//
// # Validating
//
// [Struct] validates with a shared validator from [New] and returns nil or
// a *[lookout.ValidationException] whose Fields carry the JSON path of each
// violation below the value validated ("role",
// "IngestionInputConfiguration.S3InputConfiguration.Bucket") and whose
// Message is in the service's wording. For lookout's request and response
// the Fields and Message are those of their Validate method, in the same
// order.
//
// [Register] adds the tags to a validator that a program already has, and
// [Translate] turns that validator's errors into the same
// *lookout.ValidationException, translating the built-in tags "required",
// "min", "max", "len" and "oneof" as well.
//
// Errors that are not about the value's content are typed too:
// [InvalidValueError] for something that is not a struct to validate,
// [TagError] for tags that cannot be applied, [UnsupportedError] for
// violations that have no counterpart among lookout's constraints.
//
// # Paths below slices and maps
//
// A field reached with "dive" has the path of its slice or map followed by
// "[i]", the element's index, or "[key]", the entry's key as validator/v10
// prints it (with %v): "names[pump-7]", "patterns[3]". The key is kept as
// it is, whatever it holds (brackets, quotes, control characters, invalid
// UTF-8, any length): a FieldError's Path loses nothing, and the Message of
// the ValidationException, like any text that echoes a client's data,
// escapes it and bounds its length: print Message, or escape Path
// yourself. Violations below a map come in the order of the printed keys,
// compared byte by byte (see [Translate]); keys that print alike (two
// distinct keys whose String methods agree, say) cannot be told apart in
// a path, and their violations come in validator/v10's order.
//
// # Cost
//
// The work of the lookout tags on a field does not grow with the number
// of fields, elements and entries of the value validated, and on a valid
// value they allocate nothing, but in one case: an empty string checked
// by lookout_key_pattern or lookout_job_status (where absent is valid and
// present and empty is not) that lies in a slice or behind a pointer,
// inside an interface below a map's entry. Only its value says whether it
// is held by a pointer, and finding it needs the entry's key: the tag
// builds the key from its text and looks it up (up to two allocations),
// or, for a key type whose String, Error or Format method changes how it
// prints, prints each key of the map.
//
// Translating violations prints and sorts the keys of each map that holds
// some once, however many violations lie below it: the cost of an error
// grows with the number of violations and the size of those maps, not
// with their product.
package validate
