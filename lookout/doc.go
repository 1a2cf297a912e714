// Package lookout models the Amazon Lookout for Equipment dataset and
// ingestion operations (CreateDataset, DescribeDataset, ListDatasets,
// DeleteDataset, StartDataIngestionJob, DescribeDataIngestionJob,
// ListDataIngestionJobs, ListSensorStatistics): their requests and
// responses, the rules the service enforces on them, and their errors.
//
// # Validating before sending
//
// Each request's and response's Validate ([StartDataIngestionJobRequest.Validate],
// [CreateDatasetRequest.Validate], ...) applies every constraint of the
// service model and reports every violation at once, in the service's own
// wording, as a *[ValidationException] whose Fields, a [][FieldError], lists
// the violations to inspect (errors.As finds the first as a *FieldError
// through any wrapping). A value's constraints belong to its kind ([Kind]:
// the model's shape, such as DatasetName or IamRoleArn), the same for every
// member of that kind; whether a member must be present belongs to the
// member, in its structure. The Check functions ([CheckDatasetName],
// [CheckRoleArn], [CheckTagKey], ...) check a value against its kind alone.
// [Rules] lists every member of every operation, [Kinds] the kinds: the
// declarations every check, message and document derives from. Each
// operation is one file of declarations (op_<operation>.go): its request and
// response types, their members, its body limit and the errors its model
// lists ([OperationErrors]).
//
// The checks are hand-written: no regular expressions, one pass over a valid
// value (a fixed number over an invalid one, to say why), no allocation when
// the value is valid. They read the service's
// patterns as the service does: a full match with Java's semantics, lengths
// in Unicode code points, and invalid UTF-8 refused (see [ConstraintUTF8]).
//
// # Errors
//
// The errors the operations document ([AccessDeniedException],
// [ConflictException], [InternalServerException],
// [ResourceNotFoundException], [ServiceQuotaExceededException],
// [ThrottlingException], [ValidationException]) and the AWS JSON 1.0
// protocol's own ([SerializationException], [UnknownOperationException]) are
// types that satisfy smithy-go's smithy.APIError, with the service's HTTP
// status and whether a retry may help. [GenericAPIError] keeps an error whose
// code the taxonomy does not know. [ErrorCode], [IsRetryable] and
// [FromAPIError] classify any error, those of the AWS SDK for Go v2
// included.
//
// An error's Message (and a GenericAPIError's Code) is kept as it was
// given or read from the wire: whole and unescaped, for the caller who asks
// for it (ErrorMessage returns it). Error shows it on one bounded line, safe
// to log whatever a server sent: a message with a control character (CR,
// LF, ESC, NUL), a line or paragraph separator, an invisible formatting
// character (U+202E, say) or invalid UTF-8 is shown escaped as this
// package's messages escape a value they echo (\\, \', \t, \n, \r, \uXXXX,
// \xXX), and a message longer than 20,000 bytes (a code longer than 128) is
// cut, visibly: "... (truncated: N characters)". The service's messages,
// and this package's, hold none of these and show as they are.
//
// # The wire
//
// For the programs on either side of the call, the AWS JSON 1.0 protocol:
// [DecodeRequest] and [ReadRequest] read any operation's request strictly
// (one body, one meaning: unknown, miscased and duplicate members, invalid
// UTF-8, integers with a fraction and trailing data are refused as a
// *[SerializationException] whose *[DecodeError] says where), and
// [Presence.Validate] validates it as the service reads the body (an
// explicit "" is a value); [WriteResponse] and [WriteError] answer as the
// service does; [ErrorFromResponse] reads an error back as AWS's clients do;
// [NewHandler] serves the operations of a [Service], one function per
// operation, with all of them, a request id ([RequestID]) on every response,
// and only the errors each operation's model lists.
//
// # Where this package reads the specification
//
// AWS's service model of the eight operations (API version 2020-12-15) is
// the specification, with the API reference page of StartDataIngestionJob
// where the two differ. Where a rule needed reading, [Kind.Note] and
// [Rule.Note] say how it is read, and the Check functions' docs say why.
package lookout
