package lookout

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The boundary tables of the Check functions. Each case states the exact
// violations, in order; the test checks the Check function, Rule.Violations
// and the oracle (reference_test.go) against it, and the message against the
// oracle's.

// The members' paths, patterns and enums, written out as the service states
// them.
const (
	tcPathClientToken = "ClientToken"
	tcPathDatasetName = "DatasetName"
	tcPathInput       = "IngestionInputConfiguration"
	tcPathS3          = "IngestionInputConfiguration.S3InputConfiguration"
	tcPathBucket      = "IngestionInputConfiguration.S3InputConfiguration.Bucket"
	tcPathPrefix      = "IngestionInputConfiguration.S3InputConfiguration.Prefix"
	tcPathKeyPattern  = "IngestionInputConfiguration.S3InputConfiguration.KeyPattern"

	// A Check function reports at its kind's usual member name.
	tcCheckBucket     = "Bucket"
	tcCheckPrefix     = "Prefix"
	tcCheckKeyPattern = "KeyPattern"
	tcPathRoleArn     = "RoleArn"
	tcPathJobID       = "JobId"
	tcPathStatus      = "Status"

	tcPatClientToken = `\p{ASCII}{1,256}`
	tcPatDatasetName = `^[0-9a-zA-Z_-]{1,200}$`
	tcPatBucket      = `^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`
	tcPatPrefix      = `(^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$)`
	tcPatRoleArn     = `arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+`
	tcPatJobID       = `[A-Fa-f0-9]{0,32}`
)

var (
	tcEnumKeyPattern = []string{
		"{prefix}/{component_name}/*", "{prefix}/{component_name}_*", "{prefix}/{component_name} *",
		"{prefix}/{component_name}.*", "{prefix}/{component_name}-*",
	}
	tcEnumStatus = []string{"IN_PROGRESS", "SUCCESS", "FAILED", "IMPORT_IN_PROGRESS"}
)

// tcExpect builds the expected violations of one member.
type tcExpect struct {
	path     string
	min, max int
	pattern  string
	enum     []string
}

var (
	tcExpClientToken = tcExpect{path: tcPathClientToken, min: 1, max: 256, pattern: tcPatClientToken}
	tcExpDatasetName = tcExpect{path: tcPathDatasetName, min: 1, max: 200, pattern: tcPatDatasetName}
	tcExpBucket      = tcExpect{path: tcCheckBucket, min: 3, max: 63, pattern: tcPatBucket}
	tcExpPrefix      = tcExpect{path: tcCheckPrefix, min: 0, max: 1024, pattern: tcPatPrefix}
	tcExpKeyPattern  = tcExpect{path: tcCheckKeyPattern, min: 1, max: 2048, enum: tcEnumKeyPattern}
	tcExpRoleArn     = tcExpect{path: tcPathRoleArn, min: 20, max: 2048, pattern: tcPatRoleArn}
	tcExpJobID       = tcExpect{path: tcPathJobID, max: 32, pattern: tcPatJobID}
	tcExpStatus      = tcExpect{path: tcPathStatus, enum: tcEnumStatus}
)

// of lists the violations cs of value v, in the order given.
func (e tcExpect) of(v string, cs ...Constraint) []FieldError {
	fs := make([]FieldError, 0, len(cs))
	for _, c := range cs {
		f := FieldError{Path: e.path, Constraint: c, Value: v}
		switch c {
		case ConstraintMinLength:
			f.Limit = e.min
		case ConstraintMaxLength:
			f.Limit = e.max
		case ConstraintPattern:
			f.Pattern = e.pattern
		case ConstraintEnum:
			f.Enum = append([]string(nil), e.enum...)
		}
		fs = append(fs, f)
	}
	return fs
}

// Short names for the constraints in the tables.
const (
	tcUTF8 = ConstraintUTF8
	tcMin  = ConstraintMinLength
	tcMax  = ConstraintMaxLength
	tcPat  = ConstraintPattern
	tcEnum = ConstraintEnum
)

type tcCheckCase struct {
	name string
	in   string
	want []FieldError // nil: valid
}

var tcRep = strings.Repeat

// tcAllASCII is U+0000..U+007F, each once.
var tcAllASCII = func() string {
	var b strings.Builder
	for c := 0; c < 0x80; c++ {
		b.WriteByte(byte(c))
	}
	return b.String()
}()

// Invalid UTF-8, one of each kind.
var tcInvalidUTF8 = []struct{ name, s string }{
	{"byte FF", "\xff"},
	{"lone continuation byte", "\x80"},
	{"truncated 3-byte sequence", "\xe2\x82"},
	{"overlong encoding of /", "\xc0\xaf"},
	{"surrogate U+D800 encoded", "\xed\xa0\x80"},
	{"beyond U+10FFFF", "\xf4\x90\x80\x80"},
}

func tcClientTokenCases() []tcCheckCase {
	e := tcExpClientToken
	cs := []tcCheckCase{
		{"empty is too short", "", e.of("", tcMin, tcPat)},
		{"length 1", "a", nil},
		{"NUL", "\x00", nil},
		{"DEL", "\x7f", nil},
		{"control characters", "\t\n\r\x1b", nil},
		{"all of ASCII", tcAllASCII, nil},
		{"UUID", "6ba7b810-9dad-41d1-80b4-00c04fd430c8", nil},
		{"length 255", tcRep("a", 255), nil},
		{"length 256 (max)", tcRep("a", 256), nil},
		{"length 257 (max+1)", tcRep("a", 257), e.of(tcRep("a", 257), tcMax, tcPat)},
		{"length 100000", tcRep("x", 100000), e.of(tcRep("x", 100000), tcMax, tcPat)},
		{"U+0080", "\u0080", e.of("\u0080", tcPat)},
		{"e acute", "é", e.of("é", tcPat)},
		{"ASCII then U+00FF", "abc\u00ff", e.of("abc\u00ff", tcPat)},
		{"full-width A", "\uff21", e.of("\uff21", tcPat)},
		{"emoji", "\U0001F600", e.of("\U0001F600", tcPat)},
		{"256 e acute (512 bytes)", tcRep("é", 256), e.of(tcRep("é", 256), tcPat)},
		{"257 e acute", tcRep("é", 257), e.of(tcRep("é", 257), tcMax, tcPat)},
		{"255 ASCII and an invalid byte", tcRep("a", 255) + "\xff", e.of(tcRep("a", 255)+"\xff", tcUTF8, tcPat)},
		{"256 ASCII and an invalid byte", tcRep("a", 256) + "\xff", e.of(tcRep("a", 256)+"\xff", tcUTF8, tcMax, tcPat)},
	}
	for _, b := range tcInvalidUTF8 {
		cs = append(cs, tcCheckCase{"invalid UTF-8: " + b.name, "ab" + b.s, e.of("ab"+b.s, tcUTF8, tcPat)})
	}
	return cs
}

func tcDatasetNameCases() []tcCheckCase {
	e := tcExpDatasetName
	cs := []tcCheckCase{
		{"empty is too short", "", e.of("", tcMin, tcPat)},
		{"length 1 letter", "a", nil},
		{"length 1 digit", "0", nil},
		{"underscore alone", "_", nil},
		{"hyphen alone", "-", nil},
		{"class ends", "09azAZ_-", nil},
		{"typical", "pump-station_7", nil},
		{"length 199", tcRep("a", 199), nil},
		{"length 200 (max)", tcRep("Z", 200), nil},
		{"length 201 (max+1)", tcRep("a", 201), e.of(tcRep("a", 201), tcMax, tcPat)},
		{"length 10000", tcRep("9", 10000), e.of(tcRep("9", 10000), tcMax, tcPat)},
		{"200 e acute", tcRep("é", 200), e.of(tcRep("é", 200), tcPat)},
		{"201 e acute", tcRep("é", 201), e.of(tcRep("é", 201), tcMax, tcPat)},
		{"trailing newline (Java $)", "abc\n", e.of("abc\n", tcPat)},
		{"leading newline", "\nabc", e.of("\nabc", tcPat)},
		{"full-width digit", "\uff10", e.of("\uff10", tcPat)},
		{"full-width letter", "a\uff41", e.of("a\uff41", tcPat)},
		{"Kelvin sign (folds to k)", "\u212a", e.of("\u212a", tcPat)},
		{"dotless i", "\u0131", e.of("\u0131", tcPat)},
		{"NUL", "a\x00", e.of("a\x00", tcPat)},
		{"200 ASCII and an invalid byte", tcRep("a", 200) + "\xff", e.of(tcRep("a", 200)+"\xff", tcUTF8, tcMax, tcPat)},
	}
	// The bytes just outside each range of [0-9a-zA-Z_-].
	for _, c := range []string{"/", ":", "@", "[", "\\", "]", "^", "`", "{", ",", ".", " ", "\x7f", "+", "*", "$"} {
		v := "ab" + c + "cd"
		cs = append(cs, tcCheckCase{"outside the class: " + strconv.Quote(c), v, e.of(v, tcPat)})
	}
	for _, b := range tcInvalidUTF8 {
		cs = append(cs, tcCheckCase{"invalid UTF-8: " + b.name, "ab" + b.s, e.of("ab"+b.s, tcUTF8, tcPat)})
	}
	return cs
}

func tcBucketCases() []tcCheckCase {
	e := tcExpBucket
	mid61 := tcRep("b", 61)
	cs := []tcCheckCase{
		{"empty is too short", "", e.of("", tcMin, tcPat)},
		{"length 1", "a", e.of("a", tcMin, tcPat)},
		{"length 2 (min-1)", "ab", e.of("ab", tcMin, tcPat)},
		{"length 3 (min)", "abc", nil},
		{"digits", "000", nil},
		{"dot in the middle", "a.b", nil},
		{"hyphen in the middle", "a-b", nil},
		{"double dot (the service allows it)", "a..b", nil},
		{"IP address (the service allows it)", "192.168.0.1", nil},
		{"typical", "sensor-data.example", nil},
		{"length 62", "a" + tcRep("b", 60) + "c", nil},
		{"length 63 (max)", "a" + mid61 + "c", nil},
		{"length 64 (max+1)", "a" + mid61 + "bc", e.of("a"+mid61+"bc", tcMax, tcPat)},
		{"length 1000", tcRep("a", 1000), e.of(tcRep("a", 1000), tcMax, tcPat)},
		{"63 characters, 124 bytes", "a" + tcRep("é", 61) + "b", e.of("a"+tcRep("é", 61)+"b", tcPat)},
		{"3 characters, 2 of them multi-byte", "aéé", e.of("aéé", tcPat)},
		{"2 e acute (4 bytes, 2 characters)", "éé", e.of("éé", tcMin, tcPat)},
		{"full-width digit first", "\uff10ab", e.of("\uff10ab", tcPat)},
		{"trailing newline", "abc\n", e.of("abc\n", tcPat)},
		{"dot first", ".ab", e.of(".ab", tcPat)},
		{"hyphen first", "-ab", e.of("-ab", tcPat)},
		{"dot last", "ab.", e.of("ab.", tcPat)},
		{"hyphen last", "ab-", e.of("ab-", tcPat)},
		{"only dots", "...", e.of("...", tcPat)},
		{"invalid byte last", "ab\xff", e.of("ab\xff", tcUTF8, tcPat)},
		{"invalid byte alone", "\xff", e.of("\xff", tcUTF8, tcMin, tcPat)},
		{"surrogate encoded (3 characters)", "\xed\xa0\x80", e.of("\xed\xa0\x80", tcUTF8, tcPat)},
	}
	// The bytes just outside [a-z0-9] (first and last) and [.\-a-z0-9]
	// (middle).
	for _, c := range []string{"/", ":", "@", "[", "`", "{", "A", "Z", "_", " ", ",", "\x00", "\x7f", "\u00e9"} {
		for _, v := range []string{c + "bc", "ab" + c, "a" + c + "c"} {
			cs = append(cs, tcCheckCase{"outside the class: " + strconv.Quote(v), v, e.of(v, tcPat)})
		}
	}
	// Dot and hyphen are fine in the middle only.
	for _, c := range []string{".", "-"} {
		cs = append(cs, tcCheckCase{"middle " + c, "a" + c + c + "b", nil})
	}
	for _, b := range tcInvalidUTF8 {
		v := "abc" + b.s
		cs = append(cs, tcCheckCase{"invalid UTF-8: " + b.name, v, e.of(v, tcUTF8, tcPat)})
	}
	return cs
}

func tcPrefixCases() []tcCheckCase {
	e := tcExpPrefix
	a1023, a1024 := tcRep("a", 1023), tcRep("a", 1024)
	e1023, e1024 := tcRep("é", 1023), tcRep("é", 1024)
	cs := []tcCheckCase{
		{"empty (present) is valid", "", nil},
		{"slash alone (no character before it)", "/", e.of("/", tcPat)},
		{"one character and slash", "a/", nil},
		{"one character, no slash", "a", e.of("a", tcPat)},
		{"no final slash", "ab", e.of("ab", tcPat)},
		{"slash first", "/a", e.of("/a", tcPat)},
		{"two slashes", "//", nil},
		{"typical", "plant-1/pumps/", nil},
		{"LF after the slash", "a/\n", e.of("a/\n", tcPat)},
		{"1022 characters and slash", tcRep("a", 1022) + "/", nil},
		{"1023 characters and slash (1024, max)", a1023 + "/", nil},
		{"1024 characters and slash (1025)", a1024 + "/", e.of(a1024+"/", tcMax, tcPat)},
		{"1024 characters, no slash", a1024, e.of(a1024, tcPat)},
		{"length 5000", tcRep("a", 4999) + "/", e.of(tcRep("a", 4999)+"/", tcMax, tcPat)},
		{"1023 e acute and slash (2047 bytes)", e1023 + "/", nil},
		{"1024 e acute (2048 bytes, no slash)", e1024, e.of(e1024, tcPat)},
		{"1024 e acute and slash", e1024 + "/", e.of(e1024+"/", tcMax, tcPat)},
		{"1023 U+00FF and slash", tcRep("\u00ff", 1023) + "/", nil},
		{"1024 characters and an invalid byte", a1024 + "\xff", e.of(a1024+"\xff", tcUTF8, tcMax, tcPat)},
	}
	// The class [\u0009\u000A\u000D\u0020-\u00FF] and the characters just
	// outside it.
	for _, c := range []string{"\t", "\n", "\r", " ", "~", "\x7f", "\u0080", "\u0085", "\u00a0", "\u00e9", "\u00ff", "/", "\\", ":"} {
		cs = append(cs, tcCheckCase{"in the class: " + strconv.Quote(c), c + "/", nil})
	}
	for _, c := range []string{"\x00", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\u0100", "\u2028", "\u20ac", "\ufffd", "\U0001F600"} {
		v := "a" + c + "/"
		cs = append(cs, tcCheckCase{"outside the class: " + strconv.Quote(c), v, e.of(v, tcPat)})
	}
	for _, b := range tcInvalidUTF8 {
		v := "a" + b.s + "/"
		cs = append(cs, tcCheckCase{"invalid UTF-8: " + b.name, v, e.of(v, tcUTF8, tcPat)})
	}
	// A 2-byte lead of the class (C2, C3) with no continuation, or another
	// byte as continuation.
	for _, v := range []string{"\xc3/", "\xc3", "a\xc2", "\xc3\xc3\xa9/", "\xc2\x7f/"} {
		cs = append(cs, tcCheckCase{"broken 2-byte sequence: " + strconv.Quote(v), v, e.of(v, tcUTF8, tcPat)})
	}
	return cs
}

func tcKeyPatternCases() []tcCheckCase {
	e := tcExpKeyPattern
	cs := []tcCheckCase{
		{"empty (present) is too short", "", e.of("", tcMin, tcEnum)},
		{"length 1", "*", e.of("*", tcEnum)},
		{"without delimiter", "{prefix}/{component_name}*", e.of("{prefix}/{component_name}*", tcEnum)},
		{"without star", "{prefix}/{component_name}/", e.of("{prefix}/{component_name}/", tcEnum)},
		{"other case", "{PREFIX}/{component_name}/*", e.of("{PREFIX}/{component_name}/*", tcEnum)},
		{"trailing space", "{prefix}/{component_name}/* ", e.of("{prefix}/{component_name}/* ", tcEnum)},
		{"tab delimiter", "{prefix}/{component_name}\t*", e.of("{prefix}/{component_name}\t*", tcEnum)},
		{"colon delimiter", "{prefix}/{component_name}:*", e.of("{prefix}/{component_name}:*", tcEnum)},
		{"trailing NUL", "{prefix}/{component_name}/*\x00", e.of("{prefix}/{component_name}/*\x00", tcEnum)},
		{"length 2048 (max)", tcRep("a", 2048), e.of(tcRep("a", 2048), tcEnum)},
		{"length 2049 (max+1)", tcRep("a", 2049), e.of(tcRep("a", 2049), tcMax, tcEnum)},
		{"2049 e acute", tcRep("é", 2049), e.of(tcRep("é", 2049), tcMax, tcEnum)},
		{"invalid byte", "\xff", e.of("\xff", tcUTF8, tcEnum)},
		{"value and an invalid byte", "{prefix}/{component_name}/*\xff", e.of("{prefix}/{component_name}/*\xff", tcUTF8, tcEnum)},
		{"2049 with an invalid byte", tcRep("a", 2048) + "\xff", e.of(tcRep("a", 2048)+"\xff", tcUTF8, tcMax, tcEnum)},
	}
	for _, v := range tcEnumKeyPattern {
		cs = append(cs, tcCheckCase{"documented: " + v, v, nil})
	}
	return cs
}

func tcRoleArnCases() []tcCheckCase {
	e := tcExpRoleArn
	const base = "arn:aws:iam::123456789012:role/" // 31 characters
	arn := func(partition, account, role string) string {
		return "arn:aws" + partition + ":iam::" + account + ":role/" + role
	}
	cs := []tcCheckCase{
		{"empty is too short", "", e.of("", tcMin, tcPat)},
		{"length 1", "a", e.of("a", tcMin, tcPat)},
		{"length 19 (min-1)", "arn:aws:iam::123456", e.of("arn:aws:iam::123456", tcMin, tcPat)},
		{"length 20 (min), no match", "arn:aws:iam::1234567", e.of("arn:aws:iam::1234567", tcPat)},
		{"abc", "abc", e.of("abc", tcMin, tcPat)},
		{"shortest valid (32)", base + "a", nil},
		{"typical", "arn:aws:iam::123456789012:role/service-role/LookoutEquipmentIngestion", nil},
		{"length 2048 (max)", base + tcRep("a", 2017), nil},
		{"length 2049 (max+1): only the length", base + tcRep("a", 2018), e.of(base+tcRep("a", 2018), tcMax)},
		{"length 10000", base + tcRep("r", 9969), e.of(base+tcRep("r", 9969), tcMax)},
		{"2048 characters, 4065 bytes", base + tcRep("é", 2017), nil},
		{"2049 e acute", base + tcRep("é", 2018), e.of(base+tcRep("é", 2018), tcMax)},
		{"2048 and an invalid byte", base + tcRep("a", 2017) + "\xff", e.of(base+tcRep("a", 2017)+"\xff", tcUTF8, tcMax)},
		{"role part empty", base, e.of(base, tcPat)},
		{"no role part", "arn:aws:iam::123456789012:role", e.of("arn:aws:iam::123456789012:role", tcPat)},
		{"user, not role", "arn:aws:iam::123456789012:user/a", e.of("arn:aws:iam::123456789012:user/a", tcPat)},
		{"upper-case ARN", "ARN:aws:iam::123456789012:role/a", e.of("ARN:aws:iam::123456789012:role/a", tcPat)},
		{"upper-case IAM", "arn:aws:IAM::123456789012:role/a", e.of("arn:aws:IAM::123456789012:role/a", tcPat)},
		{"leading space", " " + base + "a", e.of(" "+base+"a", tcPat)},
		{"region given", "arn:aws:iam:us-east-1:123456789012:role/a", e.of("arn:aws:iam:us-east-1:123456789012:role/a", tcPat)},
		{"colon and slash in the role part", base + "a:b/c", nil},
		{"emoji in the role part", base + "\U0001F600", nil},
		{"U+FFFD in the role part", base + "\ufffd", nil},
		{"invalid byte in the role part: only UTF-8", base + "\xff", e.of(base+"\xff", tcUTF8)},
		{"invalid byte in the account", arn("", "12345678901\xff", "a"), e.of(arn("", "12345678901\xff", "a"), tcUTF8, tcPat)},
		// The partition group (-[^:]+)?.
		{"partition aws-cn", arn("-cn", "123456789012", "a"), nil},
		{"partition aws-us-gov", arn("-us-gov", "123456789012", "a"), nil},
		{"partition aws-iso-b", arn("-iso-b", "123456789012", "a"), nil},
		{"empty partition aws-", arn("-", "123456789012", "a"), e.of(arn("-", "123456789012", "a"), tcPat)},
		{"partition without hyphen", "arn:awscn:iam::123456789012:role/a", e.of("arn:awscn:iam::123456789012:role/a", tcPat)},
		{"partition with a colon", arn("-a:b", "123456789012", "a"), e.of(arn("-a:b", "123456789012", "a"), tcPat)},
		{"partition of LF ([^:] matches it)", arn("-\n", "123456789012", "a"), nil},
		{"partition of CR LF U+2028 U+0085", arn("-\r\n\u2028\u0085", "123456789012", "a"), nil},
		{"partition of NUL", arn("-\x00", "123456789012", "a"), nil},
		{"partition of spaces and slashes", arn("- /x", "123456789012", "a"), nil},
		{"partition with invalid byte: only UTF-8", arn("-\xff", "123456789012", "a"), e.of(arn("-\xff", "123456789012", "a"), tcUTF8)},
		{"partition of 2100 characters (2133 in all)", arn("-"+tcRep("p", 2100), "123456789012", "a"), e.of(arn("-"+tcRep("p", 2100), "123456789012", "a"), tcMax)},
		{"arn:aws- alone", "arn:aws-", e.of("arn:aws-", tcMin, tcPat)},
		{"arn:aws-cn alone", "arn:aws-cn", e.of("arn:aws-cn", tcMin, tcPat)},
		{"arn:aws-us-gov, no rest (20 characters)", "arn:aws-us-gov:iam::", e.of("arn:aws-us-gov:iam::", tcPat)},
		// The account [0-9]{12}.
		{"account of 11 digits", arn("", "12345678901", "a"), e.of(arn("", "12345678901", "a"), tcPat)},
		{"account of 13 digits", arn("", "1234567890123", "a"), e.of(arn("", "1234567890123", "a"), tcPat)},
		{"account with a letter", arn("", "12345678901a", "a"), e.of(arn("", "12345678901a", "a"), tcPat)},
		{"account of full-width digits", arn("", tcRep("\uff11", 12), "a"), e.of(arn("", tcRep("\uff11", 12), "a"), tcPat)},
		{"account of Arabic-Indic digits", arn("", tcRep("\u0661", 12), "a"), e.of(arn("", tcRep("\u0661", 12), "a"), tcPat)},
		{"account with slash", arn("", "12345678901/", "a"), e.of(arn("", "12345678901/", "a"), tcPat)},
		{"account with colon", arn("", "12345678901:", "a"), e.of(arn("", "12345678901:", "a"), tcPat)},
		{"invalid byte before the scheme", "\xff" + base + "a", e.of("\xff"+base+"a", tcUTF8, tcPat)},
	}
	// Java's '.': the five line terminators fail, anywhere in the role
	// part; every other character, control characters included, matches.
	for _, c := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029", "\r\n"} {
		for _, v := range []string{base + c, base + "a" + c, base + c + "a", base + "a" + c + "b"} {
			cs = append(cs, tcCheckCase{"line terminator " + strconv.Quote(v[len(base):]), v, e.of(v, tcPat)})
		}
	}
	for _, c := range []string{"\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x00", "\t", "\x7f", "\u0084", "\u0086", "\u2027", "\u202a", "\u202e", "\ufeff"} {
		cs = append(cs, tcCheckCase{"not a line terminator " + strconv.Quote(c), base + "a" + c, nil})
	}
	for _, b := range tcInvalidUTF8 {
		v := base + b.s
		cs = append(cs, tcCheckCase{"invalid UTF-8 in the role part: " + b.name, v, e.of(v, tcUTF8)})
	}
	return cs
}

func tcJobIDCases() []tcCheckCase {
	e := tcExpJobID
	cs := []tcCheckCase{
		{"empty matches", "", nil},
		{"length 1", "0", nil},
		{"class ends", "09afAF", nil},
		{"length 31", tcRep("f", 31), nil},
		{"length 32 (max)", tcRep("A", 32), nil},
		{"length 33 (max+1)", tcRep("a", 33), e.of(tcRep("a", 33), tcMax, tcPat)},
		{"UUID with hyphens", "6ba7b810-9dad-41d1-80b4-00c04fd430c8", e.of("6ba7b810-9dad-41d1-80b4-00c04fd430c8", tcMax, tcPat)},
		{"full-width digit", "\uff10", e.of("\uff10", tcPat)},
		{"32 e acute", tcRep("é", 32), e.of(tcRep("é", 32), tcPat)},
		{"invalid byte", "ab\xff", e.of("ab\xff", tcUTF8, tcPat)},
		{"32 hex and an invalid byte", tcRep("a", 32) + "\xff", e.of(tcRep("a", 32)+"\xff", tcUTF8, tcMax, tcPat)},
		{"hex then newline", "abc\n", e.of("abc\n", tcPat)},
	}
	// The bytes just outside [A-Fa-f0-9].
	for _, c := range []string{"/", ":", "@", "G", "`", "g", " ", "-", "x"} {
		v := "ab" + c
		cs = append(cs, tcCheckCase{"outside the class: " + strconv.Quote(c), v, e.of(v, tcPat)})
	}
	return cs
}

func tcJobStatusCases() []tcCheckCase {
	e := tcExpStatus
	cs := []tcCheckCase{
		{"empty is no status", "", e.of("", tcEnum)},
		{"lower case", "in_progress", e.of("in_progress", tcEnum)},
		{"trailing space", "SUCCESS ", e.of("SUCCESS ", tcEnum)},
		{"unknown", "STOPPED", e.of("STOPPED", tcEnum)},
		{"long unknown", tcRep("X", 5000), e.of(tcRep("X", 5000), tcEnum)},
		{"invalid byte", "\xff", e.of("\xff", tcUTF8, tcEnum)},
		{"status and an invalid byte", "FAILED\xff", e.of("FAILED\xff", tcUTF8, tcEnum)},
	}
	for _, v := range tcEnumStatus {
		cs = append(cs, tcCheckCase{"documented: " + v, v, nil})
	}
	return cs
}

// tcCheckFunc is one Check function, its oracle and its rule.
type tcCheckFunc struct {
	name  string // the Check function's name after "Check"
	kind  string // its kind's name
	check func(string) error
	ref   *refMember
	cases func() []tcCheckCase
}

var tcCheckFuncs = []tcCheckFunc{
	{"ClientToken", "IdempotenceToken", CheckClientToken, &refClientToken, tcClientTokenCases},
	{"DatasetName", "DatasetName", CheckDatasetName, &refDatasetName, tcDatasetNameCases},
	{"Bucket", "S3Bucket", CheckBucket, &refBucket, tcBucketCases},
	{"Prefix", "S3Prefix", CheckPrefix, &refPrefix, tcPrefixCases},
	{"KeyPattern", "KeyPattern", CheckKeyPattern, &refKeyPattern, tcKeyPatternCases},
	{"RoleArn", "IamRoleArn", CheckRoleArn, &refRoleArn, tcRoleArnCases},
	{"JobId", "IngestionJobId", CheckJobId, &refJobID, tcJobIDCases},
	{"JobStatus", "IngestionJobStatus", func(s string) error { return CheckJobStatus(IngestionJobStatus(s)) }, &refJobStatus, tcJobStatusCases},
	{"DatasetIdentifier", "DatasetIdentifier", CheckDatasetIdentifier, &refDatasetIdentifier, tcDatasetIdentifierCases},
	{"S3Key", "S3Key", CheckS3Key, &refS3Key, tcS3KeyCases},
	{"NextToken", "NextToken", CheckNextToken, &refNextToken, tcNextTokenCases},
	{"ComponentName", "ComponentName", CheckComponentName, &refComponentName, tcComponentNameCases},
	{"SensorName", "SensorName", CheckSensorName, &refSensorName, tcSensorNameCases},
	{"DatasetArn", "DatasetArn", CheckDatasetArn, &refDatasetArn, tcDatasetArnCases},
	{"KmsKeyArn", "KmsKeyArn", CheckKmsKeyArn, &refKmsKeyArn, tcKmsKeyArnCases},
	{"NameOrArn", "NameOrArn", CheckNameOrArn, &refNameOrArn, tcNameOrArnCases},
	{"TagKey", "TagKey", CheckTagKey, &refTagKey, tcTagKeyCases},
	{"TagValue", "TagValue", CheckTagValue, &refTagValue, tcTagValueCases},
	{"BoundedLengthString", "BoundedLengthString", CheckBoundedLengthString, &refBoundedLengthString, tcBoundedLengthStringCases},
	{"DatasetStatus", "DatasetStatus", func(s string) error { return CheckDatasetStatus(DatasetStatus(s)) },
		&refDatasetStatus, tcEnumCases(&refDatasetStatus)},
	{"StatisticalIssueStatus", "StatisticalIssueStatus",
		func(s string) error { return CheckStatisticalIssueStatus(StatisticalIssueStatus(s)) },
		&refStatisticalIssueStatus, tcEnumCases(&refStatisticalIssueStatus)},
	{"Monotonicity", "Monotonicity", func(s string) error { return CheckMonotonicity(Monotonicity(s)) },
		&refMonotonicity, tcEnumCases(&refMonotonicity)},
	{"InlineDataSchema", "InlineDataSchema", CheckInlineDataSchema, &refInlineDataSchema, tcInlineDataSchemaCases},
}

// tcRuleByKind returns a Rule of a member of the kind named kind.
func tcRuleByKind(t testing.TB, kind string) Rule {
	t.Helper()
	for _, r := range Rules() {
		if r.Name == kind {
			return r
		}
	}
	t.Fatalf("no rule of kind %s", kind)
	return Rule{}
}

// TestKindsAgreeWithReference checks each kind's declaration against the
// oracle's, written from the service model.
func TestKindsAgreeWithReference(t *testing.T) {
	t.Parallel()
	kinds := map[string]Kind{}
	for _, k := range Kinds() {
		kinds[k.Name] = k
	}
	for _, cf := range tcCheckFuncs {
		k, ok := kinds[cf.kind]
		if !ok {
			t.Errorf("no kind %s in Kinds()", cf.kind)
			continue
		}
		m := cf.ref
		if k.Member != m.checkPath() || k.MinLength != m.min || k.MaxLength != m.max || k.Pattern != m.pattern ||
			!reflect.DeepEqual(k.Enum, m.enum) || k.Type != TypeString || k.Tag == "" {
			t.Errorf("kind %s = {%s %d..%d %q %q %s %q}, want {%s %d..%d %q %q string}", k.Name,
				k.Member, k.MinLength, k.MaxLength, k.Pattern, k.Enum, k.Type, k.Tag,
				m.checkPath(), m.min, m.max, m.pattern, m.enum)
		}
		delete(kinds, cf.kind)
	}
	for name, k := range kinds {
		if k.Type == TypeString {
			t.Errorf("string kind %s has no Check function in the tables", name)
		}
	}
}

func TestCheckFunctions(t *testing.T) {
	for _, cf := range tcCheckFuncs {
		t.Run(cf.name, func(t *testing.T) {
			rule := tcRuleByKind(t, cf.kind)
			names := map[string]bool{}
			for _, c := range cf.cases() {
				if names[c.name] {
					t.Fatalf("duplicate case name %q", c.name)
				}
				names[c.name] = true
				t.Run(c.name, func(t *testing.T) {
					err := cf.check(c.in)
					got := tcFieldsOf(t, err)
					if !tcSameFields(got, c.want) {
						t.Errorf("Check%s(%s):\n got %s\nwant %s", cf.name, tcShort(c.in), tcFmtFields(got), tcFmtFields(c.want))
					}
					if ref := cf.ref.check(c.in); !tcSameFields(ref, c.want) {
						t.Errorf("oracle(%s):\n got %s\nwant %s", tcShort(c.in), tcFmtFields(ref), tcFmtFields(c.want))
					}
					if v := rule.AppendViolations(nil, cf.ref.checkPath(), c.in, true); !tcSameFields(v, c.want) {
						t.Errorf("Rule.AppendViolations(%s):\n got %s\nwant %s", tcShort(c.in), tcFmtFields(v), tcFmtFields(c.want))
					}
				})
			}
		})
	}
}

// tcFieldsOf returns the Fields of err, which must be nil or a
// *ValidationException whose Message is the oracle's.
func tcFieldsOf(t *testing.T, err error) []FieldError {
	t.Helper()
	if err == nil {
		return nil
	}
	ve, ok := err.(*ValidationException)
	if !ok {
		t.Fatalf("error is a %T, want *ValidationException: %v", err, err)
	}
	if len(ve.Fields) == 0 {
		t.Errorf("ValidationException without Fields: %q", ve.Message)
	}
	if want := ReferenceMessage(ve.Fields); ve.Message != want {
		t.Errorf("Message:\n got %q\nwant %q", ve.Message, want)
	}
	if got, want := ve.Error(), "ValidationException: "+ve.Message; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	return ve.Fields
}

// tcSameFields compares two lists of violations exactly, nil and empty alike.
func tcSameFields(a, b []FieldError) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func tcFmtFields(fs []FieldError) string {
	if fs == nil {
		return "nil"
	}
	var b strings.Builder
	b.WriteString("[")
	for i, f := range fs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "{%s %v", f.Path, f.Constraint)
		if f.Limit != 0 {
			fmt.Fprintf(&b, " limit=%d", f.Limit)
		}
		if f.Pattern != "" {
			fmt.Fprintf(&b, " pattern=%s", f.Pattern)
		}
		if f.Enum != nil {
			fmt.Fprintf(&b, " enum=%q", f.Enum)
		}
		fmt.Fprintf(&b, " value=%s}", tcShort(f.Value))
	}
	b.WriteString("]")
	return b.String()
}

// tcShort quotes s, shortened when long.
func tcShort(s string) string {
	if len(s) <= 80 {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%q...(%d bytes, %d characters)", s[:60], len(s), utf8.RuneCountInString(s))
}

func tcRuleByPath(t testing.TB, op, path string) Rule {
	t.Helper()
	for _, r := range Rules() {
		if r.Operation == op && r.Path == path {
			return r
		}
	}
	t.Fatalf("no rule for %s", path)
	return Rule{}
}

// TestRulesAgreeWithReference checks the declarations against the oracle's
// own copy of each member's constraints (refMembers), written from the API
// reference page of StartDataIngestionJob and, for the nested S3 members,
// AWS's service model.
func TestRulesAgreeWithReference(t *testing.T) {
	var rules []Rule
	for _, r := range Rules() {
		if r.Operation == "StartDataIngestionJob" {
			rules = append(rules, r)
		}
	}
	if len(rules) != len(refMembers) {
		t.Fatalf("Rules() has %d rules for StartDataIngestionJob, want %d", len(rules), len(refMembers))
	}
	for i, m := range refMembers {
		r := rules[i]
		if r.Path != m.path || r.Required != m.required || r.MinLength != m.min || r.MaxLength != m.max ||
			r.Pattern != m.pattern || !reflect.DeepEqual(r.Enum, m.enum) {
			t.Errorf("rule %d = {%s req=%v %d..%d %q %q}, want {%s req=%v %d..%d %q %q}", i,
				r.Path, r.Required, r.MinLength, r.MaxLength, r.Pattern, r.Enum,
				m.path, m.required, m.min, m.max, m.pattern, m.enum)
		}
		if r.Tag == "" && r.Type != TypeStructure {
			t.Errorf("rule %s has no Tag", r.Path)
		}
	}
}

func TestRulesIsACopy(t *testing.T) {
	rs := Rules()
	for i := range rs {
		for j := range rs[i].Enum {
			rs[i].Enum[j] = "changed"
		}
		rs[i].Pattern = "changed"
		rs[i].MaxLength = 1
	}
	if err := CheckKeyPattern(KeyPatternSlash); err != nil {
		t.Errorf("after changing Rules()' copy: CheckKeyPattern: %v", err)
	}
	if err := CheckJobStatus(IngestionJobStatusSuccess); err != nil {
		t.Errorf("after changing Rules()' copy: CheckJobStatus: %v", err)
	}
	if got := tcRuleByPath(t, "StartDataIngestionJob", tcPathKeyPattern); !reflect.DeepEqual(got.Enum, tcEnumKeyPattern) {
		t.Errorf("KeyPattern's Enum = %q after changing a copy", got.Enum)
	}
	// The Enum of a violation is a copy too.
	err := CheckKeyPattern("x")
	var ve *ValidationException
	if !errors.As(err, &ve) {
		t.Fatalf("CheckKeyPattern(x) = %v", err)
	}
	ve.Fields[0].Enum[0] = "changed"
	if err := CheckKeyPattern(KeyPatternSlash); err != nil {
		t.Errorf("after changing a violation's Enum: %v", err)
	}
}

// A Rule built by the caller has no matcher: Required, lengths and Enum are
// checked, and a Pattern, which it cannot check, fails every present value
// rather than let it pass.
func TestRuleViolationsForeignRule(t *testing.T) {
	r := Rule{Path: "Mine.Field", Required: true, Kind: Kind{MinLength: 2, MaxLength: 3, Pattern: "[a]+"}}
	pat := func(v string) FieldError {
		return FieldError{Path: "Mine.Field", Constraint: ConstraintPattern, Pattern: "[a]+", Value: v}
	}
	cases := []struct {
		v       string
		present bool
		want    []FieldError
	}{
		{"", false, []FieldError{{Path: "Mine.Field", Constraint: ConstraintRequired}}},
		{"aa", true, []FieldError{pat("aa")}},
		{"b", true, []FieldError{{Path: "Mine.Field", Constraint: ConstraintMinLength, Limit: 2, Value: "b"}, pat("b")}},
		{"bbbb", true, []FieldError{{Path: "Mine.Field", Constraint: ConstraintMaxLength, Limit: 3, Value: "bbbb"}, pat("bbbb")}},
		{"b\xff", true, []FieldError{{Path: "Mine.Field", Constraint: ConstraintUTF8, Value: "b\xff"}, pat("b\xff")}},
	}
	for _, c := range cases {
		if got := r.Valid(c.v, c.present); got != (c.want == nil) {
			t.Errorf("Valid(%q, %v) = %v", c.v, c.present, got)
		}
	}
	noPattern := Rule{Path: "Mine.Field", Kind: Kind{MinLength: 2, MaxLength: 3}}
	if got := noPattern.Violations("éé", true); got != nil {
		t.Errorf("rule without pattern: Violations(éé) = %s", tcFmtFields(got))
	}
	for _, c := range cases {
		if got := r.Violations(c.v, c.present); !tcSameFields(got, c.want) {
			t.Errorf("Violations(%q, %v) = %s, want %s", c.v, c.present, tcFmtFields(got), tcFmtFields(c.want))
		}
	}
	e := Rule{Path: "E", Kind: Kind{Enum: []string{"x", "y"}}}
	if got := e.Violations("y", true); got != nil {
		t.Errorf("enum rule: Violations(y) = %s", tcFmtFields(got))
	}
	want := []FieldError{{Path: "E", Constraint: ConstraintEnum, Enum: []string{"x", "y"}, Value: "z"}}
	if got := e.Violations("z", true); !tcSameFields(got, want) {
		t.Errorf("enum rule: Violations(z) = %s, want %s", tcFmtFields(got), tcFmtFields(want))
	}
	if got := e.Violations("", false); got != nil {
		t.Errorf("optional rule, absent: %s", tcFmtFields(got))
	}
}

func TestConstraintString(t *testing.T) {
	for c, want := range map[Constraint]string{
		0: "Constraint(0)", ConstraintRequired: "required", ConstraintUTF8: "utf8",
		ConstraintMinLength: "min_length", ConstraintMaxLength: "max_length",
		ConstraintPattern: "pattern", ConstraintEnum: "enum", ConstraintMinValue: "min_value",
		ConstraintMaxValue: "max_value", ConstraintSchema: "schema", ConstraintTag: "tag", 11: "Constraint(11)", 255: "Constraint(255)",
	} {
		if got := c.String(); got != want {
			t.Errorf("Constraint(%d).String() = %q, want %q", c, got, want)
		}
	}
}

// TestReferenceJavaSemantics checks the oracle's translation of Java's
// regular expressions on the characters where Go's and Java's differ.
func TestReferenceJavaSemantics(t *testing.T) {
	dot := fullMatch(javaDot)
	for _, c := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
		if dot.MatchString(c) {
			t.Errorf("Java . matched line terminator %q", c)
		}
	}
	for _, c := range []string{"\x0b", "\x0c", "\x1c", "\x00", "\u0084", "\ufffd", "\U0010FFFF", ":"} {
		if !dot.MatchString(c) {
			t.Errorf("Java . did not match %q", c)
		}
	}
	notColon := fullMatch(javaNotColon)
	for _, c := range []string{"\n", "\r", "\u2028", "\x00", "9", ";", "\U0010FFFF"} {
		if !notColon.MatchString(c) {
			t.Errorf("Java [^:] did not match %q", c)
		}
	}
	if notColon.MatchString(":") {
		t.Error("Java [^:] matched ':'")
	}
	if got := wireForm("a\xed\xa0\x80b"); got != "a\ufffd\ufffd\ufffdb" {
		t.Errorf("wireForm = %q", got)
	}
	if !refPrefix.re.MatchString(tcRep("a", 1500)+"/") || refPrefix.count(tcRep("a", 1024)+"/") || !refPrefix.count(tcRep("a", 1023)+"/") {
		t.Error("Prefix: the repeat and its count check disagree with {1,1023}")
	}
}
