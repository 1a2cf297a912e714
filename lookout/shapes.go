package lookout

import "strconv"

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

// Enum value sets. They are never modified: every copy handed out is new.
var (
	keyPatternValues = []string{
		KeyPatternSlash, KeyPatternUnderscore, KeyPatternSpace, KeyPatternDot, KeyPatternHyphen,
	}
	jobStatusValues = []string{
		string(IngestionJobStatusInProgress),
		string(IngestionJobStatusSuccess),
		string(IngestionJobStatusFailed),
		string(IngestionJobStatusImportInProgress),
	}
	datasetStatusValues = []string{
		string(DatasetStatusCreated),
		string(DatasetStatusIngestionInProgress),
		string(DatasetStatusActive),
		string(DatasetStatusImportInProgress),
	}
	statisticalIssueStatusValues = []string{
		string(StatisticalIssueStatusPotentialIssueDetected),
		string(StatisticalIssueStatusNoIssueDetected),
	}
	monotonicityValues = []string{
		string(MonotonicityDecreasing),
		string(MonotonicityIncreasing),
		string(MonotonicityStatic),
	}
)

// The value kinds: the one place where each shape's constraints are
// written down. Their matchers are in match.go.
var (
	kindIdempotenceToken = Kind{
		Name: "IdempotenceToken", Type: TypeString, Member: "ClientToken", Tag: "lookout_client_token",
		MinLength: 1, MaxLength: 256, Pattern: `\p{ASCII}{1,256}`,
		Note: "Java's \\p{ASCII} is U+0000..U+007F, control characters included.",
		scan: asciiPattern{min: 1, max: 256}.scan}

	kindDatasetName = Kind{
		Name: "DatasetName", Type: TypeString, Member: "DatasetName", Tag: "lookout_dataset_name",
		MinLength: 1, MaxLength: 200, Pattern: `^[0-9a-zA-Z_-]{1,200}$`,
		scan: datasetNamePattern.scan, class: datasetNamePattern}

	kindDatasetIdentifier = Kind{
		Name: "DatasetIdentifier", Type: TypeString, Member: "DatasetName", Tag: "lookout_dataset_identifier",
		MinLength: 1, MaxLength: 200, Pattern: `^[0-9a-zA-Z_-]{1,200}$`,
		Note: "The shape of the DatasetName that names an existing dataset; " +
			"the service model gives it the constraints of DatasetName.",
		scan: datasetNamePattern.scan, class: datasetNamePattern}

	kindIamRoleArn = Kind{
		Name: "IamRoleArn", Type: TypeString, Member: "RoleArn", Tag: "lookout_role_arn",
		MinLength: 20, MaxLength: 2048, Pattern: `arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+`,
		Note: "Full match with Java's semantics: [^:] matches any character but \":\" (line terminators included); " +
			"\".\" matches any character but \\n, \\r, U+0085, U+2028 and U+2029.",
		scan: roleArnPattern.scan}

	kindS3Bucket = Kind{
		Name: "S3Bucket", Type: TypeString, Member: "Bucket", Tag: "lookout_s3_bucket",
		MinLength: 3, MaxLength: 63, Pattern: `^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`,
		Note: "S3's own naming rules are stricter (no \"..\", no IP address); " +
			"the service checks only this pattern, and so does this package.",
		scan: bucketPattern.scan, class: bucketPattern}

	kindS3Prefix = Kind{
		Name: "S3Prefix", Type: TypeString, Member: "Prefix", Tag: "lookout_s3_prefix",
		MinLength: 0, MaxLength: 1024, Pattern: `(^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$)`,
		Note: "Empty, or 1 to 1023 characters of TAB, LF, CR and U+0020..U+00FF " +
			"followed by \"/\": so \"/\" alone (one character) does not match.",
		scan: scanPrefix}

	kindS3Key = Kind{
		Name: "S3Key", Type: TypeString, Member: "Key", Tag: "lookout_s3_key",
		MinLength: 1, MaxLength: 1024, Pattern: `[\P{M}\p{M}]{1,1024}[^/]$`,
		Note: "Any characters, then one that is not \"/\": the pattern needs at least 2 characters, " +
			"so a 1-character key breaks the pattern though not the length.",
		scan: scanS3Key}

	kindKeyPattern = Kind{
		Name: "KeyPattern", Type: TypeString, Member: "KeyPattern", Tag: "lookout_key_pattern",
		MinLength: 1, MaxLength: 2048, Enum: keyPatternValues,
		Note: "The service model gives only the length; its documentation lists the valid values " +
			"({prefix}/{component_name} followed by \"/*\" or by a delimiter (space, \".\", \"_\", \"-\") and \"*\"), " +
			"which this package enforces as an enum.",
		scan: scanKeyPattern}

	kindIngestionJobId = Kind{
		Name: "IngestionJobId", Type: TypeString, Member: "JobId", Tag: "lookout_job_id",
		MaxLength: 32, Pattern: `[A-Fa-f0-9]{0,32}`,
		Note: "Read as a full match: unanchored, this pattern would match every string.",
		scan: hexPattern.scan, class: hexPattern}

	kindNextToken = Kind{
		Name: "NextToken", Type: TypeString, Member: "NextToken", Tag: "lookout_next_token",
		MaxLength: 8192, Pattern: `\p{ASCII}{0,8192}`,
		Note: "Opaque to clients: whatever a server sent, a client sends back unchanged.",
		scan: asciiPattern{min: 0, max: 8192}.scan}

	kindMaxResults = Kind{
		Name: "MaxResults", Type: TypeInteger, Member: "MaxResults", Tag: "lookout_max_results",
		MinValue: 1, MaxValue: 500, HasMinValue: true, HasMaxValue: true,
		Note: "A number that is not an integer, or outside the 32-bit range, is a SerializationException."}

	kindComponentName = Kind{
		Name: "ComponentName", Type: TypeString, Member: "ComponentName", Tag: "lookout_component_name",
		MinLength: 1, MaxLength: 200, Pattern: `^[0-9a-zA-Z._\-]{1,200}$`,
		scan: componentNamePattern.scan, class: componentNamePattern}

	kindSensorName = Kind{
		Name: "SensorName", Type: TypeString, Member: "SensorName", Tag: "lookout_sensor_name",
		MinLength: 1, MaxLength: 200, Pattern: `^[0-9a-zA-Z:#$.\-_]{1,200}$`,
		scan: sensorNamePattern.scan, class: sensorNamePattern}

	kindDatasetArn = Kind{
		Name: "DatasetArn", Type: TypeString, Member: "DatasetArn", Tag: "lookout_dataset_arn",
		MinLength: 20, MaxLength: 2048,
		Pattern: `arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:dataset\/[0-9a-zA-Z_-]{1,200}\/.+`,
		Note: "Java's semantics, as for IamRoleArn: the dataset's name, then \"/\" and at least one character " +
			"that is not a line terminator.",
		scan: datasetArnPattern.scan}

	kindKmsKeyArn = Kind{
		Name: "KmsKeyArn", Type: TypeString, Member: "ServerSideKmsKeyId", Tag: "lookout_kms_key_arn",
		MinLength: 1, MaxLength: 1024, Pattern: `arn:aws[a-z\-]*:kms:[a-z0-9\-]*:\d{12}:[\w\-\/]+`,
		Note: "Java's \\d and \\w are ASCII-only: [0-9] and [a-zA-Z_0-9].",
		scan: kmsKeyArnPattern.scan}

	kindNameOrArn = Kind{
		Name: "NameOrArn", Type: TypeString, Member: "ServerSideKmsKeyId", Tag: "lookout_name_or_arn",
		MinLength: 1, MaxLength: 2048, Pattern: `^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2048}$`,
		Note: "The pattern allows 2,049 characters, the length 2,048: a longer value breaks the length only.",
		scan: nameOrArnPattern.scan, class: nameOrArnPattern}

	kindTagKey = Kind{
		Name: "TagKey", Type: TypeString, Member: "Key", Tag: "lookout_tag_key",
		MinLength: 1, MaxLength: 128, Pattern: `^(?!aws:)[a-zA-Z+-=._:/]+$`,
		Note: "In the class, +-= is the range U+002B..U+003D (+ , - . / 0-9 : ; < =), so digits are allowed; " +
			"(?!aws:) is a negative lookahead: a key must not begin with \"aws:\" (case-sensitive).",
		scan: tagKeyPattern.scan, class: tagKeyPattern}

	kindTagValue = Kind{
		Name: "TagValue", Type: TypeString, Member: "Value", Tag: "lookout_tag_value",
		MinLength: 0, MaxLength: 256, Pattern: `[\s\w+-=\.:/@]*`,
		Note: "Java's \\s and \\w are ASCII-only ([ \\t\\n\\x0B\\f\\r] and [a-zA-Z_0-9]); " +
			"+-= is the range U+002B..U+003D.",
		scan: tagValuePattern.scan, class: tagValuePattern}

	kindTag = Kind{Name: "Tag", Type: TypeStructure, Member: "Tag"}

	kindTagList = Kind{
		Name: "TagList", Type: TypeList, Member: "Tags", Tag: "lookout_tag_list",
		MinLength: 0, MaxLength: 200,
		Note: "A list that breaks its length is echoed as the list, in JSON."}

	kindBoundedLengthString = Kind{
		Name: "BoundedLengthString", Type: TypeString, Member: "Message", Tag: "lookout_bounded_length_string",
		MinLength: 1, MaxLength: 5000, Pattern: `[\P{M}\p{M}]{1,5000}`,
		Note: "[\\P{M}\\p{M}] is any character, line terminators included.",
		scan: anyPattern{min: 1, max: 5000}.scan}

	kindInlineDataSchema = Kind{
		Name: "InlineDataSchema", Type: TypeString, Member: "InlineDataSchema", Tag: "lookout_inline_data_schema",
		MinLength: 1, MaxLength: 1000000,
		Note: "A JSON document in a string (jsonvalue): the length counts the document's characters, " +
			"not those of its escaped form on the wire. A value of the right length is then read as a data schema " +
			"(ParseDataSchema): each of its violations is reported at the member, with its path in the document.",
		scan: anyPattern{min: 0, max: -1}.scan, document: schemaDocumentViolations, documentOK: schemaDocumentOK}

	kindDatasetStatus = Kind{
		Name: "DatasetStatus", Type: TypeString, Member: "Status", Tag: "lookout_dataset_status",
		Enum: datasetStatusValues, Note: enumNote,
		scan: func(s string) (bool, bool, int) { return scanEnum(s, datasetStatusValues) }}

	kindIngestionJobStatus = Kind{
		Name: "IngestionJobStatus", Type: TypeString, Member: "Status", Tag: "lookout_job_status",
		Enum: jobStatusValues, Note: enumNote,
		scan: func(s string) (bool, bool, int) { return scanEnum(s, jobStatusValues) }}

	kindStatisticalIssueStatus = Kind{
		Name: "StatisticalIssueStatus", Type: TypeString, Member: "Status", Tag: "lookout_statistical_issue_status",
		Enum: statisticalIssueStatusValues, Note: enumNote,
		scan: func(s string) (bool, bool, int) { return scanEnum(s, statisticalIssueStatusValues) }}

	kindMonotonicity = Kind{
		Name: "Monotonicity", Type: TypeString, Member: "Monotonicity", Tag: "lookout_monotonicity",
		Enum: monotonicityValues, Note: enumNote,
		scan: func(s string) (bool, bool, int) { return scanEnum(s, monotonicityValues) }}

	kindDataSizeInBytes = Kind{
		Name: "DataSizeInBytes", Type: TypeLong, Member: "IngestedDataSize", Tag: "lookout_data_size_in_bytes",
		MinValue: 0, HasMinValue: true}

	// The kinds without a constraint of their own.
	kindInteger   = Kind{Name: "Integer", Type: TypeInteger}
	kindFloat     = Kind{Name: "Float", Type: TypeFloat}
	kindBoolean   = Kind{Name: "Boolean", Type: TypeBoolean}
	kindTimestamp = Kind{Name: "Timestamp", Type: TypeTimestamp}
)

// enumNote is how every enum kind is read.
const enumNote = "Decoding keeps a value this package does not know (as the AWS SDKs do, so that a newer " +
	"service's answer still reads); Validate reports it, in a request and in a response alike: " +
	"a server must not send what the model does not list."

// allKinds lists the kinds that carry a constraint, in the order of
// [Kinds].
var allKinds = []*Kind{
	&kindIdempotenceToken, &kindDatasetName, &kindDatasetIdentifier, &kindIamRoleArn,
	&kindS3Bucket, &kindS3Prefix, &kindS3Key, &kindKeyPattern, &kindIngestionJobId, &kindNextToken,
	&kindMaxResults, &kindComponentName, &kindSensorName, &kindDatasetArn, &kindKmsKeyArn, &kindNameOrArn,
	&kindTagKey, &kindTagValue, &kindTagList, &kindBoundedLengthString, &kindInlineDataSchema,
	&kindDatasetStatus, &kindIngestionJobStatus, &kindStatisticalIssueStatus, &kindMonotonicity,
	&kindDataSizeInBytes,
}

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
