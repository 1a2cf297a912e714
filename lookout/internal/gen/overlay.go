package main

// The overlay: what the generator needs beyond the facts of AWS's model.
// Each pattern of the model is mapped to the hand-written matcher that
// implements it; a kind may say how it is named, reported and read; an
// operation's body limit and group (the file it is written to) are here;
// and so are the notes where the seed page or this project's reading adds
// to the model. Everything else comes from the model.

// A matcher is the hand-written matcher of one pattern of the model (see
// match.go in package lookout).
type matcher struct {
	// scan is the Go expression of the matcher, a function of the
	// signature func(s string) (ok, valid bool, n int).
	scan string
	// class is the *classPattern the matcher is, when it is one: the fast
	// path then calls it directly.
	class string
	// empty says whether the pattern matches the empty string (a test in
	// package lookout checks this against the matcher).
	empty bool
	// wide says whether a valid value may hold characters outside the
	// Basic Multilingual Plane, each 12 bytes when escaped in JSON (6
	// otherwise): for the body limits.
	wide bool
}

// matchers maps each pattern of the model, as the model writes it, to its
// matcher. A pattern missing here stops the generator, with its name.
var matchers = map[string]matcher{
	`\p{ASCII}{1,256}`:                          {scan: "asciiPattern{min: 1, max: 256}.scan"},
	`\p{ASCII}{0,8192}`:                         {scan: "asciiPattern{min: 0, max: 8192}.scan", empty: true},
	`^[0-9a-zA-Z_-]{1,200}$`:                    {scan: "datasetNamePattern.scan", class: "datasetNamePattern"},
	`^[0-9a-zA-Z._\-]{1,200}$`:                  {scan: "componentNamePattern.scan", class: "componentNamePattern"},
	`^[0-9a-zA-Z:#$.\-_]{1,200}$`:               {scan: "sensorNamePattern.scan", class: "sensorNamePattern"},
	`[A-Fa-f0-9]{0,32}`:                         {scan: "hexPattern.scan", class: "hexPattern", empty: true},
	`^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`:      {scan: "bucketPattern.scan", class: "bucketPattern"},
	`^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2048}$`: {scan: "nameOrArnPattern.scan", class: "nameOrArnPattern"},
	`^(?!aws:)[a-zA-Z+-=._:/]+$`:                {scan: "tagKeyPattern.scan", class: "tagKeyPattern"},
	`[\s\w+-=\.:/@]*`:                           {scan: "tagValuePattern.scan", class: "tagValuePattern", empty: true},
	`arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+`:   {scan: "roleArnPattern.scan", wide: true},
	`arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:dataset\/[0-9a-zA-Z_-]{1,200}\/.+`: {
		scan: "datasetArnPattern.scan", wide: true},
	`arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:model\/.+`: {scan: "modelArnPattern.scan", wide: true},
	`arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:inference-scheduler\/.+`: {
		scan: "inferenceSchedulerArnPattern.scan", wide: true},
	`arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:label-group\/.+`: {scan: "labelGroupArnPattern.scan", wide: true},
	`arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:.+`:              {scan: "resourceArnPattern.scan", wide: true},
	`^arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:model\/[0-9a-zA-Z_-]{1,200}\/.+\/model-version\/[0-9]{1,}$`: {
		scan: "scanModelVersionArn", wide: true},
	`arn:aws[a-z\-]*:kms:[a-z0-9\-]*:\d{12}:[\w\-\/]+`:   {scan: "kmsKeyArnPattern.scan"},
	`(^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$)`: {scan: "scanPrefix", empty: true},
	`[\P{M}\p{M}]{1,1024}[^/]$`:                          {scan: "scanS3Key", wide: true},
	`[\P{M}\p{M}]{1,5000}`:                               {scan: "anyPattern{min: 1, max: 5000}.scan", wide: true},
	`[\P{M}\p{M}]{1,2560}`:                               {scan: "anyPattern{min: 1, max: 2560}.scan", wide: true},
	`[\P{M}\p{M}]{1,200}`:                                {scan: "anyPattern{min: 1, max: 200}.scan", wide: true},
	`[\P{M}\p{M}]{1,100}`:                                {scan: "anyPattern{min: 1, max: 100}.scan", wide: true},
	`^P(\dY)?(\d{1,2}M)?(\d{1,3}D)?$`:                    {scan: "scanRetrainingFrequency"},
	`^P180D$|^P360D$|^P540D$|^P720D$`:                    {scan: "scanLookbackWindow"},
	`^EPOCH|yyyy-MM-dd-HH-mm-ss|yyyyMMddHHmmss$`:         {scan: "scanFileNameTimestampFormat"},
	`^(\-|\_|\s)?$`:                                      {scan: "scanComponentTimestampDelimiter", empty: true},
	`^(\+|\-)[0-9]{2}\:[0-9]{2}$`:                        {scan: "scanTimeZoneOffset"},
	`[\u0009\u000A\u000D\u0020-\u00FF]+`:                 {scan: "scanPolicy"},
	`[0-9A-Fa-f]+`:                                       {scan: "policyRevisionIdPattern.scan", class: "policyRevisionIdPattern"},
}

// anyString is the matcher of a string kind without a pattern.
var anyString = matcher{scan: "anyPattern{min: 0, max: -1}.scan", empty: true, wide: true}

// A kindNote is what the overlay says of one kind (a shape of the model).
type kindNote struct {
	check  string // the Check function's name, when not "Check" + the shape's name
	tag    string // the validate tag, when not "lookout_" + the shape's name in snake case
	member string // Kind.Member, when not the name most members of the kind have
	param  string // the Check function's parameter name (default "v")
	note   string // Kind.Note: how the kind is read where the model alone does not say
	// enum, for a string kind, lists values this package enforces where the
	// model gives only a length (KeyPattern); scan is then their matcher.
	enum []string
	scan string
	// document names the check of a value that is a document (the data
	// schema): its violations are reported at the member.
	document bool
	// terminal lists an enum's values after which nothing changes:
	// IsTerminal is generated for it.
	terminal []string
}

// kindNotes holds the kinds the overlay says something of.
var kindNotes = map[string]kindNote{
	"IdempotenceToken": {check: "CheckClientToken", tag: "lookout_client_token", member: "ClientToken", param: "token",
		note: "Java's \\p{ASCII} is U+0000..U+007F, control characters included."},
	"DatasetName": {param: "name"},
	"DatasetIdentifier": {param: "name", member: "DatasetName",
		note: "The shape of the DatasetName that names an existing dataset; the service model gives it the constraints of DatasetName."},
	"IamRoleArn": {check: "CheckRoleArn", tag: "lookout_role_arn", member: "RoleArn", param: "arn",
		note: "Full match with Java's semantics: [^:] matches any character but \":\" (line terminators included); " +
			"\".\" matches any character but \\n, \\r, U+0085, U+2028 and U+2029."},
	"S3Bucket": {check: "CheckBucket", member: "Bucket", param: "bucket",
		note: "S3's own naming rules are stricter (no \"..\", no IP address); the service checks only this pattern, and so does this package."},
	"S3Prefix": {check: "CheckPrefix", member: "Prefix", param: "prefix",
		note: "Empty, or 1 to 1023 characters of TAB, LF, CR and U+0020..U+00FF followed by \"/\": so \"/\" alone (one character) does not match."},
	"S3Key": {member: "Key", param: "key",
		note: "Any characters, then one that is not \"/\": the pattern needs at least 2 characters, so a 1-character key breaks the pattern though not the length."},
	"KeyPattern": {param: "pattern", scan: "scanKeyPattern",
		enum: []string{"{prefix}/{component_name}/*", "{prefix}/{component_name}_*", "{prefix}/{component_name} *",
			"{prefix}/{component_name}.*", "{prefix}/{component_name}-*"},
		note: "The service model gives only the length; its documentation lists the valid values " +
			"({prefix}/{component_name} followed by \"/*\" or by a delimiter (space, \".\", \"_\", \"-\") and \"*\"), " +
			"which this package enforces as an enum."},
	"IngestionJobId": {check: "CheckJobId", tag: "lookout_job_id", member: "JobId", param: "id",
		note: "Read as a full match: unanchored, this pattern would match every string."},
	"LabelId":   {param: "id", note: "Read as a full match: unanchored, this pattern would match every string."},
	"NextToken": {param: "token", note: "Opaque to clients: whatever a server sent, a client sends back unchanged."},
	"MaxResults": {param: "n",
		note: "A number that is not an integer, or outside the 32-bit range, is a SerializationException."},
	"ComponentName": {param: "name"},
	"SensorName":    {param: "name"},
	"DatasetArn": {param: "arn", note: "Java's semantics, as for IamRoleArn: the dataset's name, then \"/\" and at least " +
		"one character that is not a line terminator."},
	"ModelArn":              {param: "arn", note: arnNote},
	"InferenceSchedulerArn": {param: "arn", note: arnNote},
	"LabelGroupArn":         {param: "arn", note: arnNote},
	"ResourceArn":           {param: "arn", note: arnNote},
	"ModelVersionArn": {param: "arn", note: "Java's semantics: the model's name, \"/\", its id (any characters but " +
		"line terminators, \"/\" included), then \"/model-version/\" and the version's digits, at the end."},
	"KmsKeyArn": {param: "arn", member: "ServerSideKmsKeyId", note: "Java's \\d and \\w are ASCII-only: [0-9] and [a-zA-Z_0-9]."},
	"NameOrArn": {param: "s", member: "ServerSideKmsKeyId",
		note: "The pattern allows 2,049 characters, the length 2,048: a longer value breaks the length only."},
	"TagKey": {param: "key", member: "Key",
		note: "In the class, +-= is the range U+002B..U+003D (+ , - . / 0-9 : ; < =), so digits are allowed; " +
			"(?!aws:) is a negative lookahead: a key must not begin with \"aws:\" (case-sensitive)."},
	"TagValue": {param: "value", member: "Value",
		note: "Java's \\s and \\w are ASCII-only ([ \\t\\n\\x0B\\f\\r] and [a-zA-Z_0-9]); +-= is the range U+002B..U+003D."},
	"TagList":             {param: "tags", member: "Tags", note: "A list that breaks its length is echoed as the list, in JSON."},
	"TagKeyList":          {param: "keys", member: "TagKeys", note: "A list that breaks its length is echoed as the list, in JSON."},
	"FaultCodes":          {param: "codes", member: "FaultCodes", note: "A list that breaks its length is echoed as the list, in JSON."},
	"BoundedLengthString": {param: "s", member: "Message", note: "[\\P{M}\\p{M}] is any character, line terminators included."},
	"Comments":            {param: "s", note: "[\\P{M}\\p{M}] is any character, line terminators included."},
	"Equipment":           {param: "s", note: "[\\P{M}\\p{M}] is any character, line terminators included."},
	"FaultCode":           {param: "s", note: "[\\P{M}\\p{M}] is any character, line terminators included."},
	"InlineDataSchema": {param: "doc", document: true, member: "InlineDataSchema",
		note: "A JSON document in a string (jsonvalue): the length counts the document's characters, " +
			"not those of its escaped form on the wire. A value of the right length is then read as a data schema " +
			"(ParseDataSchema): each of its violations is reported at the member, with its path in the document."},
	"ModelMetrics": {param: "doc", note: "A JSON document in a string: the length counts the document's characters."},
	"IngestionJobStatus": {check: "CheckJobStatus", tag: "lookout_job_status", member: "Status", param: "status",
		terminal: []string{"SUCCESS", "FAILED"}},
	"DatasetStatus":             {param: "status", member: "Status"},
	"ModelStatus":               {param: "status", member: "Status", terminal: []string{"SUCCESS", "FAILED"}},
	"ModelVersionStatus":        {param: "status", member: "Status", terminal: []string{"SUCCESS", "FAILED", "CANCELED"}},
	"InferenceExecutionStatus":  {param: "status", member: "Status", terminal: []string{"SUCCESS", "FAILED"}},
	"InferenceSchedulerStatus":  {param: "status", member: "Status"},
	"RetrainingSchedulerStatus": {param: "status", member: "Status"},
	"StatisticalIssueStatus":    {param: "status", member: "Status"},
	"Monotonicity":              {param: "m"},
	"DataSizeInBytes":           {param: "n", member: "IngestedDataSize"},
	"RetrainingFrequency": {param: "s", note: "An ISO 8601 period of years, months and days (P1Y, P6M, P30D); " +
		"\"P\" alone matches the pattern. The service's range, P30D to P1Y, is not the model's."},
	"LookbackWindow":          {param: "s", note: "As a full match, one of P180D, P360D, P540D and P720D."},
	"FileNameTimestampFormat": {param: "s", note: "As a full match, one of EPOCH, yyyy-MM-dd-HH-mm-ss and yyyyMMddHHmmss."},
	"ComponentTimestampDelimiter": {param: "s",
		note: "Empty, \"-\", \"_\", or one of Java's ASCII whitespace characters (space, TAB, LF, VT, FF, CR)."},
	"TimeZoneOffset":   {param: "s", note: "A sign, two digits, \":\" and two digits (+05:30); the digits are not range-checked by the pattern."},
	"Policy":           {param: "s", note: "One or more characters of TAB, LF, CR and U+0020..U+00FF."},
	"PolicyRevisionId": {param: "id", note: "One or more hexadecimal digits: the empty string does not match."},
}

const arnNote = "Java's semantics, as for IamRoleArn: after the resource type and \"/\", at least one character " +
	"that is not a line terminator."

// wideInts lists the Integer members that are held in an int64 (*int64)
// rather than the model's 32 bits: the figures of an ingestion, which a
// check of 50 GB of records can take past 2^31. Every AWS client reads
// them as JSON numbers.
var wideInts = map[string]bool{
	"CountPercent.Count": true,
	"DuplicateTimestamps.TotalNumberOfDuplicateTimestamps":     true,
	"UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps": true,
	"MissingSensorData.AffectedSensorCount":                    true,
	"MissingSensorData.TotalNumberOfMissingValues":             true,
	"InvalidSensorData.AffectedSensorCount":                    true,
	"InvalidSensorData.TotalNumberOfInvalidValues":             true,
	"MissingCompleteSensorData.AffectedSensorCount":            true,
	"SensorsWithShortDateRange.AffectedSensorCount":            true,
	"IngestedFilesSummary.IngestedNumberOfFiles":               true,
	"IngestedFilesSummary.TotalNumberOfFiles":                  true,
}

// memberNotes holds Rule.Note of members, by member name (any structure)
// or by Structure.Member.
var memberNotes = map[string]string{
	"ClientToken": "Required on the wire; the AWS SDKs fill in a UUIDv4 when it is absent " +
		"(see NewClientToken and EnsureClientToken).",
	"IngestionS3InputConfiguration.KeyPattern": "The service requires it on a dataset's first ingestion, which a request alone cannot tell.",
}

// bodyLimits names the body limit of operations whose requests can be
// longer than the computed bound allows for (see the generator's bodyLimit):
// a Go constant of package lookout.
var bodyLimits = map[string]string{
	"CreateDataset": "MaxCreateDatasetBodyBytes",
	// A valid schema is ASCII (see MaxCreateDatasetBodyBytes), as CreateDataset's.
	"CreateModel": "MaxCreateDatasetBodyBytes",
}

// A group is a set of operations written to one file: the service's groups
// (datasets and ingestion, models and their versions, inference, labels,
// retraining, resource policies and tags).
type group struct {
	file string
	ops  []string
}

var groups = []group{
	{"api_datasets_gen.go", []string{"CreateDataset", "DescribeDataset", "ListDatasets", "DeleteDataset",
		"StartDataIngestionJob", "DescribeDataIngestionJob", "ListDataIngestionJobs", "ListSensorStatistics", "ImportDataset"}},
	{"api_models_gen.go", []string{"CreateModel", "DescribeModel", "ListModels", "UpdateModel", "DeleteModel",
		"DescribeModelVersion", "ListModelVersions", "UpdateActiveModelVersion", "ImportModelVersion"}},
	{"api_inference_gen.go", []string{"CreateInferenceScheduler", "DescribeInferenceScheduler", "ListInferenceSchedulers",
		"UpdateInferenceScheduler", "StartInferenceScheduler", "StopInferenceScheduler", "DeleteInferenceScheduler",
		"ListInferenceExecutions", "ListInferenceEvents"}},
	{"api_labels_gen.go", []string{"CreateLabelGroup", "DescribeLabelGroup", "ListLabelGroups", "UpdateLabelGroup",
		"DeleteLabelGroup", "CreateLabel", "DescribeLabel", "ListLabels", "DeleteLabel"}},
	{"api_retraining_gen.go", []string{"CreateRetrainingScheduler", "DescribeRetrainingScheduler", "ListRetrainingSchedulers",
		"UpdateRetrainingScheduler", "StartRetrainingScheduler", "StopRetrainingScheduler", "DeleteRetrainingScheduler"}},
	{"api_policies_tags_gen.go", []string{"PutResourcePolicy", "DescribeResourcePolicy", "DeleteResourcePolicy",
		"TagResource", "UntagResource", "ListTagsForResource"}},
}
