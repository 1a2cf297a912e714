package lookout

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The oracle of the kinds that StartDataIngestionJob does not have, written
// from the service model and how the service reads it, as reference_test.go writes the
// others: each pattern translated into Go's regexp with Java's semantics,
// applied to the wire form of the value, a full match. Each path is the
// member name its Check function reports at.
var (
	refDatasetIdentifier = refMember{
		name: "DatasetIdentifier", path: "DatasetName",
		min: 1, max: 200, pattern: `^[0-9a-zA-Z_-]{1,200}$`,
		re: fullMatch(`[0-9a-zA-Z_\-]{1,200}`),
	}
	refS3Key = refMember{
		name: "S3Key", path: "Key",
		min: 1, max: 1024, pattern: `[\P{M}\p{M}]{1,1024}[^/]$`,
		// [\P{M}\p{M}] is any character; Java's [^/] matches line
		// terminators; $ at the end of a full match changes nothing.
		// The count 1..1024 of the first part is checked apart.
		re: fullMatch(`[\x{0}-\x{10FFFF}]+[\x{0}-.0-\x{10FFFF}]`),
		count: func(wire string) bool {
			n := utf8.RuneCountInString(wire)
			return n-1 >= 1 && n-1 <= 1024
		},
	}
	refNextToken = refMember{
		name: "NextToken", path: "NextToken",
		min: 0, max: 8192, pattern: `\p{ASCII}{0,8192}`,
		re:    fullMatch(`[\x00-\x7F]*`),
		count: func(wire string) bool { return utf8.RuneCountInString(wire) <= 8192 },
	}
	refComponentName = refMember{
		name: "ComponentName", path: "ComponentName",
		min: 1, max: 200, pattern: `^[0-9a-zA-Z._\-]{1,200}$`,
		re: fullMatch(`[0-9a-zA-Z._\-]{1,200}`),
	}
	refSensorName = refMember{
		name: "SensorName", path: "SensorName",
		min: 1, max: 200, pattern: `^[0-9a-zA-Z:#$.\-_]{1,200}$`,
		re: fullMatch(`[0-9a-zA-Z:#$.\-_]{1,200}`),
	}
	refDatasetArn = refMember{
		name: "DatasetArn", path: "DatasetArn",
		min: 20, max: 2048,
		pattern: `arn:aws(-[^:]+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:dataset\/[0-9a-zA-Z_-]{1,200}\/.+`,
		re: fullMatch(`arn:aws(-` + javaNotColon + `+)?:lookoutequipment:[a-zA-Z0-9\-]*:[0-9]{12}:dataset/` +
			`[0-9a-zA-Z_\-]{1,200}/` + javaDot + `+`),
	}
	refKmsKeyArn = refMember{
		name: "KmsKeyArn", path: "ServerSideKmsKeyId",
		min: 1, max: 1024, pattern: `arn:aws[a-z\-]*:kms:[a-z0-9\-]*:\d{12}:[\w\-\/]+`,
		// \d and \w are ASCII-only in Java.
		re: fullMatch(`arn:aws[a-z\-]*:kms:[a-z0-9\-]*:[0-9]{12}:[a-zA-Z_0-9\-/]+`),
	}
	refNameOrArn = refMember{
		name: "NameOrArn", path: "ServerSideKmsKeyId",
		min: 1, max: 2048, pattern: `^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2048}$`,
		re:    fullMatch(`[A-Za-z0-9][A-Za-z0-9:_/+=,@.\-]*`),
		count: func(wire string) bool { return utf8.RuneCountInString(wire) <= 2049 },
	}
	refTagKey = refMember{
		name: "TagKey", path: "Key",
		min: 1, max: 128, pattern: `^(?!aws:)[a-zA-Z+-=._:/]+$`,
		// +-= is the range U+002B..U+003D; the lookahead, which Go's
		// regexp does not have, is notPrefix.
		re:        fullMatch(`[a-zA-Z\x{2B}-\x{3D}._:/]+`),
		notPrefix: "aws:",
	}
	refTagValue = refMember{
		name: "TagValue", path: "Value",
		min: 0, max: 256, pattern: `[\s\w+-=\.:/@]*`,
		// \s is [ \t\n\x0B\f\r] and \w [a-zA-Z_0-9] in Java.
		re: fullMatch(`[ \t\n\x0B\f\ra-zA-Z_0-9\x{2B}-\x{3D}.:/@]*`),
	}
	refBoundedLengthString = refMember{
		name: "BoundedLengthString", path: "Message",
		min: 1, max: 5000, pattern: `[\P{M}\p{M}]{1,5000}`,
		re:    fullMatch(`[\x{0}-\x{10FFFF}]+`),
		count: func(wire string) bool { return utf8.RuneCountInString(wire) <= 5000 },
	}
	refDatasetStatus = refMember{
		name: "DatasetStatus", path: "Status",
		enum: []string{"CREATED", "INGESTION_IN_PROGRESS", "ACTIVE", "IMPORT_IN_PROGRESS"},
	}
	refStatisticalIssueStatus = refMember{
		name: "StatisticalIssueStatus", path: "Status",
		enum: []string{"POTENTIAL_ISSUE_DETECTED", "NO_ISSUE_DETECTED"},
	}
	refMonotonicity = refMember{
		name: "Monotonicity", path: "Monotonicity",
		enum: []string{"DECREASING", "INCREASING", "STATIC"},
	}
	refInlineDataSchema = refMember{
		name: "InlineDataSchema", path: "InlineDataSchema",
		min: 1, max: 1000000,
		// The document's own check has its reference in
		// schema_ref_test.go: this oracle takes ParseDataSchema's
		// verdict for a value of the right length.
		document: true,
	}
)

// refKindMembers lists the oracle entries above, for ReferenceCheck.
var refKindMembers = []*refMember{
	&refDatasetIdentifier, &refS3Key, &refNextToken, &refComponentName, &refSensorName, &refDatasetArn,
	&refKmsKeyArn, &refNameOrArn, &refTagKey, &refTagValue, &refBoundedLengthString, &refDatasetStatus,
	&refStatisticalIssueStatus, &refMonotonicity, &refInlineDataSchema,
}

// refExp is the tcExpect of an oracle entry.
func refExp(m *refMember) tcExpect {
	return tcExpect{path: m.path, min: m.min, max: m.max, pattern: m.pattern, enum: m.enum}
}

// tcClassCases are the boundary cases of a pattern of one ASCII class
// repeated min..max times: the lengths at the bounds, characters at the
// class's edges and just outside, invalid UTF-8, a final line terminator.
func tcClassCases(m *refMember, in, out []string) []tcCheckCase {
	e := refExp(m)
	unit := in[0]
	cs := []tcCheckCase{
		{"length min", tcRep(unit, max(m.min, 1)), nil},
		{"length max", tcRep(unit, m.max), nil},
		{"length max+1", tcRep(unit, m.max+1), e.of(tcRep(unit, m.max+1), tcMax, tcPat)},
		{"max e acute", tcRep("é", m.max), e.of(tcRep("é", m.max), tcPat)},
		{"trailing newline (Java $)", unit + "\n", e.of(unit+"\n", tcPat)},
		{"max ASCII and an invalid byte", tcRep(unit, m.max) + "\xff", e.of(tcRep(unit, m.max)+"\xff", tcUTF8, tcMax, tcPat)},
	}
	if m.min == 1 {
		cs = append(cs, tcCheckCase{"empty is too short", "", e.of("", tcMin, tcPat)})
	}
	for _, c := range in {
		cs = append(cs, tcCheckCase{"in the class: " + strconv.Quote(c), unit + c + unit, nil})
	}
	for _, c := range out {
		v := unit + c + unit
		cs = append(cs, tcCheckCase{"outside the class: " + strconv.Quote(c), v, e.of(v, tcPat)})
	}
	for _, b := range tcInvalidUTF8 {
		cs = append(cs, tcCheckCase{"invalid UTF-8: " + b.name, unit + b.s, e.of(unit+b.s, tcUTF8, tcPat)})
	}
	return cs
}

func tcDatasetIdentifierCases() []tcCheckCase {
	return tcClassCases(&refDatasetIdentifier,
		[]string{"a", "z", "A", "Z", "0", "9", "_", "-"},
		[]string{"/", ":", "@", "[", "`", "{", ".", " ", "\x7f", "é"})
}

func tcComponentNameCases() []tcCheckCase {
	return tcClassCases(&refComponentName,
		[]string{"a", "z", "A", "Z", "0", "9", "_", "-", "."},
		[]string{"/", ":", "@", "[", "`", "{", ",", " ", "#", "$", "\x7f", "\u212a"})
}

func tcSensorNameCases() []tcCheckCase {
	return tcClassCases(&refSensorName,
		[]string{"a", "z", "A", "Z", "0", "9", "_", "-", ".", ":", "#", "$"},
		[]string{"/", ";", "@", "[", "`", "{", ",", " ", "%", "\"", "!", "\x7f", "é"})
}

func tcNextTokenCases() []tcCheckCase {
	e := refExp(&refNextToken)
	cs := []tcCheckCase{
		{"empty matches", "", nil},
		{"every ASCII character", tcAllASCII, nil},
		{"length 8192 (max)", tcRep("t", 8192), nil},
		{"length 8193", tcRep("t", 8193), e.of(tcRep("t", 8193), tcMax, tcPat)},
		{"U+0080", "a\u0080", e.of("a\u0080", tcPat)},
		{"8192 ASCII and e acute", tcRep("t", 8192) + "é", e.of(tcRep("t", 8192)+"é", tcMax, tcPat)},
		{"base64 with padding", "eyJwYWdlIjoyfQ==", nil},
	}
	for _, b := range tcInvalidUTF8 {
		cs = append(cs, tcCheckCase{"invalid UTF-8: " + b.name, "ab" + b.s, e.of("ab"+b.s, tcUTF8, tcPat)})
	}
	return cs
}

func tcS3KeyCases() []tcCheckCase {
	e := refExp(&refS3Key)
	cs := []tcCheckCase{
		{"empty", "", e.of("", tcMin, tcPat)},
		{"one character breaks the pattern only", "a", e.of("a", tcPat)},
		{"two characters", "ab", nil},
		{"ends with slash", "a/", e.of("a/", tcPat)},
		{"slash then a character", "/a", nil},
		{"typical", "plant-1/pumps/pump-1.csv", nil},
		{"ends with LF (Java's [^/] matches it)", "ab\n", nil},
		{"ends with U+2028", "ab\u2028", nil},
		{"combining mark last", "e\u0301", nil},
		{"emoji", "\U0001F600\U0001F600", nil},
		{"length 1024 (max)", tcRep("k", 1024), nil},
		{"length 1025 (max+1, matches)", tcRep("k", 1025), e.of(tcRep("k", 1025), tcMax)},
		{"length 1026", tcRep("k", 1026), e.of(tcRep("k", 1026), tcMax, tcPat)},
		{"1024 e acute", tcRep("é", 1024), nil},
		{"1023 characters and slash", tcRep("k", 1023) + "/", e.of(tcRep("k", 1023)+"/", tcPat)},
		{"invalid byte last (sent as U+FFFD)", "ab\xff", e.of("ab\xff", tcUTF8)},
		{"invalid byte alone", "\xff", e.of("\xff", tcUTF8, tcPat)},
	}
	for _, b := range tcInvalidUTF8 {
		cs = append(cs, tcCheckCase{"invalid UTF-8: " + b.name, "ab" + b.s + "c", e.of("ab"+b.s+"c", tcUTF8)})
	}
	return cs
}

func tcDatasetArnCases() []tcCheckCase {
	e := refExp(&refDatasetArn)
	arn := func(partition, region, account, name, rest string) string {
		return "arn:aws" + partition + ":lookoutequipment:" + region + ":" + account + ":dataset/" + name + "/" + rest
	}
	ok := arn("", "us-east-1", "123456789012", "pumps", "8f0e1d2c-3b4a-4f5e-9d8c-7b6a5f4e3d2c")
	cs := []tcCheckCase{
		{"typical", ok, nil},
		{"empty", "", e.of("", tcMin, tcPat)},
		{"empty region", arn("", "", "123456789012", "p", "x"), nil},
		{"partition suffix", arn("-us-gov", "us-gov-west-1", "123456789012", "p", "x"), nil},
		{"partition suffix with a line terminator", arn("-\n", "r", "123456789012", "p", "x"), nil},
		{"empty partition suffix", arn("-", "r", "123456789012", "p", "x"), e.of(arn("-", "r", "123456789012", "p", "x"), tcPat)},
		{"region with an underscore", arn("", "us_east", "123456789012", "p", "x"), e.of(arn("", "us_east", "123456789012", "p", "x"), tcPat)},
		{"11-digit account", arn("", "r", "12345678901", "p", "x"), e.of(arn("", "r", "12345678901", "p", "x"), tcPat)},
		{"13-digit account", arn("", "r", "1234567890123", "p", "x"), e.of(arn("", "r", "1234567890123", "p", "x"), tcPat)},
		{"empty dataset name", arn("", "r", "123456789012", "", "x"), e.of(arn("", "r", "123456789012", "", "x"), tcPat)},
		{"dataset name of 200", arn("", "r", "123456789012", tcRep("n", 200), "x"), nil},
		{"dataset name of 201", arn("", "r", "123456789012", tcRep("n", 201), "x"), e.of(arn("", "r", "123456789012", tcRep("n", 201), "x"), tcPat)},
		{"dataset name with a dot", arn("", "r", "123456789012", "a.b", "x"), e.of(arn("", "r", "123456789012", "a.b", "x"), tcPat)},
		{"nothing after the name's slash", arn("", "r", "123456789012", "p", ""), e.of(arn("", "r", "123456789012", "p", ""), tcPat)},
		{"slashes after the name", arn("", "r", "123456789012", "p", "a/b/"), nil},
		{"line feed at the end", arn("", "r", "123456789012", "p", "x\n"), e.of(arn("", "r", "123456789012", "p", "x\n"), tcPat)},
		{"U+0085 at the end", arn("", "r", "123456789012", "p", "x\u0085"), e.of(arn("", "r", "123456789012", "p", "x\u0085"), tcPat)},
		{"U+2029 at the end", arn("", "r", "123456789012", "p", "x\u2029"), e.of(arn("", "r", "123456789012", "p", "x\u2029"), tcPat)},
		{"vertical tab matches Java's dot", arn("", "r", "123456789012", "p", "x\v"), nil},
		{"other service", strings.Replace(ok, "lookoutequipment", "s3", 1), e.of(strings.Replace(ok, "lookoutequipment", "s3", 1), tcPat)},
		{"model instead of dataset", strings.Replace(ok, ":dataset/", ":model/", 1), e.of(strings.Replace(ok, ":dataset/", ":model/", 1), tcPat)},
		{"invalid byte in the suffix", arn("", "r", "123456789012", "p", "x\xff"), e.of(arn("", "r", "123456789012", "p", "x\xff"), tcUTF8)},
		{"invalid byte in the partition", arn("-\xff", "r", "123456789012", "p", "x"), e.of(arn("-\xff", "r", "123456789012", "p", "x"), tcUTF8)},
		{"length 2048", arn("", "r", "123456789012", "p", tcRep("x", 2048-len(arn("", "r", "123456789012", "p", "")))), nil},
		{"length 2049", arn("", "r", "123456789012", "p", tcRep("x", 2049-len(arn("", "r", "123456789012", "p", "")))),
			e.of(arn("", "r", "123456789012", "p", tcRep("x", 2049-len(arn("", "r", "123456789012", "p", "")))), tcMax)},
	}
	return cs
}

func tcKmsKeyArnCases() []tcCheckCase {
	e := refExp(&refKmsKeyArn)
	arn := func(partition, region, account, rest string) string {
		return "arn:aws" + partition + ":kms:" + region + ":" + account + ":" + rest
	}
	pat := func(v string) tcCheckCase { return tcCheckCase{"no match: " + v, v, e.of(v, tcPat)} }
	cs := []tcCheckCase{
		{"typical key", arn("", "us-east-1", "123456789012", "key/1234abcd-12ab-34cd-56ef-1234567890ab"), nil},
		{"alias", arn("", "eu-west-1", "123456789012", "alias/ingestion_key"), nil},
		{"partition letters and hyphen", arn("-us-gov", "us-gov-west-1", "123456789012", "key/k"), nil},
		{"empty region", arn("", "", "123456789012", "k"), nil},
		{"empty", "", e.of("", tcMin, tcPat)},
		pat(arn("-US", "r", "123456789012", "k")),
		pat(arn("", "US-EAST-1", "123456789012", "k")),
		pat(arn("", "r", "1234567890", "k")),
		pat(arn("", "r", "123456789012", "")),
		pat(arn("", "r", "123456789012", "key.k")),
		pat(arn("", "r", "123456789012", "key:k")),
		pat(arn("", "r", "123456789012", "k\n")),
		pat(arn("", "r", "123456789012", "k\u0663")),
		pat(arn(":", "r", "123456789012", "k")),
		pat("1234abcd-12ab-34cd-56ef-1234567890ab"),
		{"length 1024", arn("", "r", "123456789012", tcRep("k", 1024-len(arn("", "r", "123456789012", "")))), nil},
		{"length 1025", arn("", "r", "123456789012", tcRep("k", 1025-len(arn("", "r", "123456789012", "")))),
			e.of(arn("", "r", "123456789012", tcRep("k", 1025-len(arn("", "r", "123456789012", "")))), tcMax)},
		{"invalid byte", arn("", "r", "123456789012", "k\xff"), e.of(arn("", "r", "123456789012", "k\xff"), tcUTF8, tcPat)},
	}
	return cs
}

func tcNameOrArnCases() []tcCheckCase {
	e := refExp(&refNameOrArn)
	cs := []tcCheckCase{
		{"key ID", "1234abcd-12ab-34cd-56ef-1234567890ab", nil},
		{"alias", "alias/ingestion_key", nil},
		{"ARN", "arn:aws:kms:us-east-1:123456789012:key/1234abcd", nil},
		{"one character", "a", nil},
		{"every character of the rest", "aA0:_/+=,@.-", nil},
		{"empty", "", e.of("", tcMin, tcPat)},
		{"length 2048", tcRep("k", 2048), nil},
		{"length 2049 matches the pattern", tcRep("k", 2049), e.of(tcRep("k", 2049), tcMax)},
		{"length 2050", tcRep("k", 2050), e.of(tcRep("k", 2050), tcMax, tcPat)},
		{"invalid byte", "k\xff", e.of("k\xff", tcUTF8, tcPat)},
	}
	for _, c := range []string{"_", "/", "+", "=", ",", "@", ".", "-", ":"} {
		cs = append(cs, tcCheckCase{"first character " + strconv.Quote(c), c + "k", e.of(c+"k", tcPat)})
	}
	for _, c := range []string{" ", "*", "#", "\\", "\n", "é", "\x00"} {
		cs = append(cs, tcCheckCase{"outside the class: " + strconv.Quote(c), "k" + c, e.of("k"+c, tcPat)})
	}
	return cs
}

func tcTagKeyCases() []tcCheckCase {
	e := refExp(&refTagKey)
	cs := []tcCheckCase{
		{"typical", "plant", nil},
		{"empty", "", e.of("", tcMin, tcPat)},
		{"digits, from the range +-=", "cost-center:2024", nil},
		{"every character of the range", "+,-./0123456789:;<=", nil},
		{"aws: prefix", "aws:cost", e.of("aws:cost", tcPat)},
		{"aws: alone", "aws:", e.of("aws:", tcPat)},
		{"AWS: prefix (case-sensitive lookahead)", "AWS:cost", nil},
		{"aws without colon", "aws", nil},
		{"aws: later", "x-aws:cost", nil},
		{"aws- prefix", "aws-cost", nil},
		{"length 128", tcRep("k", 128), nil},
		{"length 129", tcRep("k", 129), e.of(tcRep("k", 129), tcMax)},
		{"aws: and too long", "aws:" + tcRep("k", 125), e.of("aws:"+tcRep("k", 125), tcMax, tcPat)},
		{"invalid byte", "k\xff", e.of("k\xff", tcUTF8, tcPat)},
		{"trailing newline", "k\n", e.of("k\n", tcPat)},
	}
	for _, c := range []string{" ", "*", ">", "?", "@", "#", "[", "\\", "`", "{", "~", "é", "\t"} {
		cs = append(cs, tcCheckCase{"outside the class: " + strconv.Quote(c), "k" + c, e.of("k"+c, tcPat)})
	}
	return cs
}

func tcTagValueCases() []tcCheckCase {
	e := refExp(&refTagValue)
	cs := []tcCheckCase{
		{"empty", "", nil},
		{"typical", "Plant 7/line-2", nil},
		{"ASCII whitespace", " \t\n\v\f\r", nil},
		{"the range and the rest", "+,-./0123456789:;<=_@", nil},
		{"length 256", tcRep("v", 256), nil},
		{"length 257", tcRep("v", 257), e.of(tcRep("v", 257), tcMax)},
		{"invalid byte", "v\xff", e.of("v\xff", tcUTF8, tcPat)},
		{"aws: prefix is allowed", "aws:x", nil},
	}
	for _, c := range []string{"*", ">", "?", "#", "!", "\"", "[", "\\", "`", "{", "~", "\x00", "\x1c", "\u00a0", "\u2028", "é"} {
		cs = append(cs, tcCheckCase{"outside the class: " + strconv.Quote(c), "v" + c, e.of("v"+c, tcPat)})
	}
	return cs
}

func tcBoundedLengthStringCases() []tcCheckCase {
	e := refExp(&refBoundedLengthString)
	return []tcCheckCase{
		{"empty", "", e.of("", tcMin, tcPat)},
		{"one character", "x", nil},
		{"line terminators and controls", "a\nb\r\u2028\x00", nil},
		{"combining marks", "\u0301\u0301", nil},
		{"length 5000", tcRep("m", 5000), nil},
		{"5000 emoji", tcRep("\U0001F600", 5000), nil},
		{"length 5001", tcRep("m", 5001), e.of(tcRep("m", 5001), tcMax, tcPat)},
		{"invalid byte", "m\xff", e.of("m\xff", tcUTF8)},
	}
}

func tcEnumCases(m *refMember) func() []tcCheckCase {
	return func() []tcCheckCase {
		e := refExp(m)
		cs := []tcCheckCase{
			{"empty", "", e.of("", tcEnum)},
			{"lower case", strings.ToLower(m.enum[0]), e.of(strings.ToLower(m.enum[0]), tcEnum)},
			{"trailing space", m.enum[0] + " ", e.of(m.enum[0]+" ", tcEnum)},
			{"unknown", "UNKNOWN", e.of("UNKNOWN", tcEnum)},
			{"invalid byte", m.enum[0] + "\xff", e.of(m.enum[0]+"\xff", tcUTF8, tcEnum)},
		}
		for _, v := range m.enum {
			cs = append(cs, tcCheckCase{"documented: " + v, v, nil})
		}
		return cs
	}
}

func tcInlineDataSchemaCases() []tcCheckCase {
	e := refExp(&refInlineDataSchema)
	valid := `{"Components":[{"ComponentName":"pump","Columns":[{"Name":"Timestamp","Type":"DATETIME"},{"Name":"p","Type":"DOUBLE"}]}]}`
	over := valid + tcRep(" ", 1000001-len(valid))
	return []tcCheckCase{
		{"valid", valid, nil},
		{"valid, 1,000,000 characters with its white space", valid + tcRep(" ", 1000000-len(valid)), nil},
		{"empty", "", e.of("", tcMin)},
		{"1,000,001 characters: the length only", over, e.of(over, tcMax)},
		{"invalid byte: UTF-8 only", valid + "\xff", e.of(valid+"\xff", tcUTF8)},
		{"not JSON", "{", refInlineDataSchema.violations("{", true)},
		{"no component", `{"Components":[]}`, refInlineDataSchema.violations(`{"Components":[]}`, true)},
	}
}

// tcIntCase is a case of an integer kind.
type tcIntCase struct {
	in   int64
	want Constraint // 0: valid
}

func TestCheckIntegerKinds(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		check func(int64) error
		path  string
		lo    int64
		hi    int64 // 0: none
	}{
		{"MaxResults", func(n int64) error { return CheckMaxResults(int32(n)) }, "MaxResults", 1, 500},
		{"DataSizeInBytes", CheckDataSizeInBytes, "IngestedDataSize", 0, 0},
	} {
		cases := []tcIntCase{{c.lo, 0}, {c.lo - 1, ConstraintMinValue}, {c.lo + 1, 0}, {-2147483648, ConstraintMinValue}}
		if c.hi != 0 {
			cases = append(cases, tcIntCase{c.hi, 0}, tcIntCase{c.hi + 1, ConstraintMaxValue}, tcIntCase{2147483647, ConstraintMaxValue})
		} else {
			cases = append(cases, tcIntCase{1 << 40, 0})
		}
		for _, tc := range cases {
			err := c.check(tc.in)
			if tc.want == 0 {
				if err != nil {
					t.Errorf("Check%s(%d) = %v", c.name, tc.in, err)
				}
				continue
			}
			limit := c.lo
			word := "greater than or equal to"
			if tc.want == ConstraintMaxValue {
				limit, word = c.hi, "less than or equal to"
			}
			want := []FieldError{{Path: c.path, Constraint: tc.want, Limit: int(limit), Value: strconv.FormatInt(tc.in, 10)}}
			got := tcFieldsOf(t, err)
			if !tcSameFields(got, want) {
				t.Errorf("Check%s(%d):\n got %s\nwant %s", c.name, tc.in, tcFmtFields(got), tcFmtFields(want))
			}
			msg := "1 validation error detected: Value '" + strconv.FormatInt(tc.in, 10) + "' at '" +
				strings.ToLower(c.path[:1]) + c.path[1:] + "' failed to satisfy constraint: Member must have value " +
				word + " " + strconv.FormatInt(limit, 10)
			var ve *ValidationException
			if !errors.As(err, &ve) || ve.Message != msg {
				t.Errorf("Check%s(%d): %v, want message %q", c.name, tc.in, err, msg)
			}
		}
	}
}

func TestCheckTagList(t *testing.T) {
	t.Parallel()
	tags := func(n int) []Tag {
		out := make([]Tag, n)
		for i := range out {
			out[i] = Tag{Key: "k" + strconv.Itoa(i), Value: new("")}
		}
		return out
	}
	for _, n := range []int{0, 1, 200} {
		if err := CheckTagList(tags(n)); err != nil {
			t.Errorf("CheckTagList of %d tags: %v", n, err)
		}
	}
	ts := tags(201)
	got := tcFieldsOf(t, CheckTagList(ts))
	if len(got) != 1 || got[0].Path != "Tags" || got[0].Constraint != ConstraintMaxLength || got[0].Limit != 200 ||
		!strings.HasPrefix(got[0].Value, `[{"Key":"k0","Value":""},{"Key":"k1"`) {
		t.Errorf("201 tags: %s", tcFmtFields(got))
	}
	bad := []Tag{{Key: "ok", Value: new("ok")}, {Key: "aws:x", Value: new("v")}, {Key: "", Value: new("é")}}
	want := []FieldError{
		{Path: "Tags.2.member.Key", Constraint: ConstraintPattern, Pattern: refTagKey.pattern, Value: "aws:x"},
		{Path: "Tags.3.member.Key", Constraint: ConstraintRequired},
		{Path: "Tags.3.member.Value", Constraint: ConstraintPattern, Pattern: refTagValue.pattern, Value: "é"},
	}
	if got := tcFieldsOf(t, CheckTagList(bad)); !tcSameFields(got, want) {
		t.Errorf("bad tags:\n got %s\nwant %s", tcFmtFields(got), tcFmtFields(want))
	}
	var ve *ValidationException
	if errors.As(CheckTagList(bad), &ve) && !strings.Contains(ve.Message, "Value 'aws:x' at 'tags.2.member.key'") {
		t.Errorf("message %q", ve.Message)
	}
}
