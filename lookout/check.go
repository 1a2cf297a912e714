package lookout

// The Check functions check one member's value on its own, with the same
// rules and the same errors as Validate. Each returns nil, or a
// *ValidationException whose Fields list every violation with the member's
// wire path, and allocates nothing when the value is valid.

// CheckClientToken checks a ClientToken: 1 to 256 characters, all ASCII
// (U+0000..U+007F, control characters included: the pattern is
// \p{ASCII}{1,256} read with Java's semantics). The empty string is an absent
// token, which the wire refuses ("must not be null"); the AWS SDKs fill one
// in, see [NewClientToken].
func CheckClientToken(token string) error { return ruleClientToken.checkValue(token) }

// CheckDatasetName checks a DatasetName: 1 to 200 characters, each an ASCII
// letter or digit, "_" or "-" (^[0-9a-zA-Z_-]{1,200}$). The empty string is
// an absent name ("must not be null").
func CheckDatasetName(name string) error { return ruleDatasetName.checkValue(name) }

// CheckRoleArn checks a RoleArn: 20 to 2048 characters that fully match
// arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+ with Java's semantics: the
// partition suffix after "aws-" is any characters but ":"; the account is 12
// ASCII digits; the role's path and name are at least one character, none of
// them a line terminator (\n, \r, U+0085, U+2028, U+2029). The empty string
// is an absent ARN ("must not be null").
func CheckRoleArn(arn string) error { return ruleRoleArn.checkValue(arn) }

// CheckBucket checks an S3 Bucket as the service model declares it: 3 to 63
// characters matching ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$. S3's own naming
// rules are stricter (no "..", no IP address, ...); the service does not
// check them and neither does this. The empty string is an absent bucket
// ("must not be null").
func CheckBucket(bucket string) error { return ruleBucket.checkValue(bucket) }

// CheckPrefix checks a present S3 Prefix (an absent one is valid): at most
// 1024 characters matching (^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$),
// so either empty, or 1 to 1023 characters among TAB, LF, CR and
// U+0020..U+00FF followed by "/". The single character "/" does not match.
func CheckPrefix(prefix string) error { return rulePrefix.checkValue(prefix) }

// CheckKeyPattern checks a present KeyPattern (an absent one is valid and
// means [KeyPatternSlash]): 1 to 2048 characters, and one of the values that
// the service documents: [KeyPatternSlash], [KeyPatternUnderscore],
// [KeyPatternSpace], [KeyPatternDot] or [KeyPatternHyphen]. The service
// model declares only the length; the documented values are the rule this
// package enforces, reported as an enum violation. The empty string is
// present and too short.
func CheckKeyPattern(pattern string) error { return ruleKeyPattern.checkValue(pattern) }

// CheckJobId checks a response's JobId: at most 32 characters fully
// matching [A-Fa-f0-9]{0,32}. The empty string (absent) is valid.
func CheckJobId(id string) error { return ruleJobID.checkValue(id) }

// CheckJobStatus checks a response's Status: one of the values of
// [IngestionJobStatus.Values]. The empty string (absent) is valid.
func CheckJobStatus(status IngestionJobStatus) error { return ruleJobStatus.checkValue(string(status)) }
