package lookout

// The Check functions check one value against its kind, with the same rules
// and the same errors as Validate. The value is always present: whether a
// member must be there is the member's, in its operation, and Validate's to
// check. Each returns nil, or a *ValidationException whose Fields list every
// violation at the kind's usual member name ([Kind].Member: "Bucket",
// "RoleArn"), and allocates nothing when the value is valid.

// CheckClientToken checks an IdempotenceToken (a ClientToken): 1 to 256
// characters, all ASCII (U+0000..U+007F, control characters included: the
// pattern is \p{ASCII}{1,256} read with Java's semantics). The empty string
// is too short; see [NewClientToken] for a valid token.
func CheckClientToken(token string) error { return kindIdempotenceToken.checkValue(token) }

// CheckDatasetName checks a DatasetName: 1 to 200 characters, each an ASCII
// letter or digit, "_" or "-" (^[0-9a-zA-Z_-]{1,200}$).
func CheckDatasetName(name string) error { return kindDatasetName.checkValue(name) }

// CheckDatasetIdentifier checks a DatasetIdentifier, the DatasetName that
// names an existing dataset: the constraints of [CheckDatasetName].
func CheckDatasetIdentifier(name string) error { return kindDatasetIdentifier.checkValue(name) }

// CheckRoleArn checks an IamRoleArn: 20 to 2048 characters that fully match
// arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+ with Java's semantics: the
// partition suffix after "aws-" is any characters but ":"; the account is 12
// ASCII digits; the role's path and name are at least one character, none of
// them a line terminator (\n, \r, U+0085, U+2028, U+2029).
func CheckRoleArn(arn string) error { return kindIamRoleArn.checkValue(arn) }

// CheckBucket checks an S3Bucket as the service model declares it: 3 to 63
// characters matching ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$. S3's own naming
// rules are stricter (no "..", no IP address, ...); the service does not
// check them and neither does this.
func CheckBucket(bucket string) error { return kindS3Bucket.checkValue(bucket) }

// CheckPrefix checks an S3Prefix: at most 1024 characters matching
// (^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$), so either empty, or
// 1 to 1023 characters among TAB, LF, CR and U+0020..U+00FF followed by
// "/". The single character "/" does not match.
func CheckPrefix(prefix string) error { return kindS3Prefix.checkValue(prefix) }

// CheckS3Key checks an S3Key: 1 to 1024 characters matching
// [\P{M}\p{M}]{1,1024}[^/]$, any characters ending in one that is not "/".
// The pattern needs two characters: a one-character key breaks it.
func CheckS3Key(key string) error { return kindS3Key.checkValue(key) }

// CheckKeyPattern checks a KeyPattern: 1 to 2048 characters, and one of the
// values that the service documents: [KeyPatternSlash],
// [KeyPatternUnderscore], [KeyPatternSpace], [KeyPatternDot] or
// [KeyPatternHyphen]. The service model declares only the length; the
// documented values are the rule this package enforces, reported as an enum
// violation. The empty string is too short.
func CheckKeyPattern(pattern string) error { return kindKeyPattern.checkValue(pattern) }

// CheckJobId checks an IngestionJobId: at most 32 characters fully matching
// [A-Fa-f0-9]{0,32}. The empty string matches.
func CheckJobId(id string) error { return kindIngestionJobId.checkValue(id) }

// CheckNextToken checks a NextToken: at most 8192 ASCII characters
// (\p{ASCII}{0,8192}).
func CheckNextToken(token string) error { return kindNextToken.checkValue(token) }

// CheckMaxResults checks a MaxResults: an integer from 1 to 500.
func CheckMaxResults(n int32) error { return kindMaxResults.checkIntValue(int64(n)) }

// CheckComponentName checks a ComponentName: 1 to 200 characters of
// [0-9a-zA-Z._\-].
func CheckComponentName(name string) error { return kindComponentName.checkValue(name) }

// CheckSensorName checks a SensorName: 1 to 200 characters of
// [0-9a-zA-Z:#$.\-_].
func CheckSensorName(name string) error { return kindSensorName.checkValue(name) }

// CheckDatasetArn checks a DatasetArn: 20 to 2048 characters that fully
// match
// arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:dataset\/[0-9a-zA-Z_-]{1,200}\/.+
// with Java's semantics.
func CheckDatasetArn(arn string) error { return kindDatasetArn.checkValue(arn) }

// CheckKmsKeyArn checks a KmsKeyArn: 1 to 1024 characters that fully match
// arn:aws[a-z\-]*:kms:[a-z0-9\-]*:\d{12}:[\w\-\/]+ (\d and \w ASCII-only).
func CheckKmsKeyArn(arn string) error { return kindKmsKeyArn.checkValue(arn) }

// CheckNameOrArn checks a NameOrArn (the ServerSideKmsKeyId of
// CreateDataset): 1 to 2048 characters matching
// ^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2048}$.
func CheckNameOrArn(s string) error { return kindNameOrArn.checkValue(s) }

// CheckTagKey checks a TagKey: 1 to 128 characters matching
// ^(?!aws:)[a-zA-Z+-=._:/]+$ with Java's semantics: "+-=" is the range
// U+002B..U+003D (so digits and , ; < are allowed), and a key must not begin
// with "aws:".
func CheckTagKey(key string) error { return kindTagKey.checkValue(key) }

// CheckTagValue checks a TagValue: at most 256 characters matching
// [\s\w+-=\.:/@]* with Java's semantics (ASCII whitespace, letters, digits,
// "_", the range U+002B..U+003D, ".", ":", "/", "@"). The empty string is
// valid.
func CheckTagValue(value string) error { return kindTagValue.checkValue(value) }

// CheckTagList checks a TagList: at most 200 tags, each with a valid Key
// and Value (both required, so an empty Key is too short). Violations are
// reported at "Tags" and "Tags.N.member.Key".
func CheckTagList(tags []Tag) error {
	v := struct{ Tags []Tag }{tags}
	return tagListHolderDecl.validate(&v, nil)
}

// tagListHolderDecl declares a structure with one member, a TagList named
// Tags: CheckTagList's.
var tagListHolderDecl = structDecl[struct{ Tags []Tag }]{
	kind: Kind{Name: "TagListHolder", Type: TypeStructure},
	fields: []field[struct{ Tags []Tag }]{
		listMember("Tags", &kindTagList, false, &tagDecl, func(v *struct{ Tags []Tag }) *[]Tag { return &v.Tags }),
	},
}

// CheckBoundedLengthString checks a BoundedLengthString (an error's
// Message, a job's FailedReason): 1 to 5000 characters of any kind.
func CheckBoundedLengthString(s string) error { return kindBoundedLengthString.checkValue(s) }

// CheckInlineDataSchema checks an InlineDataSchema's length: 1 to 1,000,000
// characters. The document itself is checked by
// [CreateDatasetRequest.Validate] and [ParseDataSchema].
func CheckInlineDataSchema(doc string) error { return kindInlineDataSchema.checkValue(doc) }

// CheckJobStatus checks an IngestionJobStatus: one of the values of
// [IngestionJobStatus.Values].
func CheckJobStatus(status IngestionJobStatus) error {
	return kindIngestionJobStatus.checkValue(string(status))
}

// CheckDatasetStatus checks a DatasetStatus: one of the values of
// [DatasetStatus.Values].
func CheckDatasetStatus(status DatasetStatus) error {
	return kindDatasetStatus.checkValue(string(status))
}

// CheckStatisticalIssueStatus checks a StatisticalIssueStatus: one of the
// values of [StatisticalIssueStatus.Values].
func CheckStatisticalIssueStatus(status StatisticalIssueStatus) error {
	return kindStatisticalIssueStatus.checkValue(string(status))
}

// CheckMonotonicity checks a Monotonicity: one of the values of
// [Monotonicity.Values].
func CheckMonotonicity(m Monotonicity) error { return kindMonotonicity.checkValue(string(m)) }

// CheckDataSizeInBytes checks a DataSizeInBytes: at least 0.
func CheckDataSizeInBytes(n int64) error { return kindDataSizeInBytes.checkIntValue(n) }
