package lookout

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The messages: the service's wording, the escaping and shortening of the
// echoed value, and the bound of a Message.

func TestFieldErrorMessages(t *testing.T) {
	const bucketAt = " at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: "
	cases := []struct {
		f    FieldError
		want string
	}{
		{FieldError{Path: tcPathRoleArn, Constraint: ConstraintRequired},
			"Value null at 'roleArn' failed to satisfy constraint: Member must not be null"},
		{FieldError{Path: tcPathRoleArn, Constraint: ConstraintRequired, Value: "ignored"},
			"Value null at 'roleArn' failed to satisfy constraint: Member must not be null"},
		{FieldError{Path: tcPathS3, Constraint: ConstraintRequired},
			"Value null at 'ingestionInputConfiguration.s3InputConfiguration' failed to satisfy constraint: Member must not be null"},
		{FieldError{Path: tcPathDatasetName, Constraint: ConstraintUTF8, Value: "a\xff"},
			`Value 'a\xFF' at 'datasetName' failed to satisfy constraint: Member must be valid UTF-8`},
		{FieldError{Path: tcPathBucket, Constraint: ConstraintMinLength, Limit: 3, Value: "ab"},
			"Value 'ab'" + bucketAt + "Member must have length greater than or equal to 3"},
		{FieldError{Path: tcPathBucket, Constraint: ConstraintMaxLength, Limit: 63, Value: "b"},
			"Value 'b'" + bucketAt + "Member must have length less than or equal to 63"},
		{FieldError{Path: tcPathBucket, Constraint: ConstraintPattern, Pattern: tcPatBucket, Value: "A"},
			"Value 'A'" + bucketAt + `Member must satisfy regular expression pattern: ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$`},
		{FieldError{Path: tcPathPrefix, Constraint: ConstraintPattern, Pattern: tcPatPrefix, Value: "/"},
			"Value '/' at 'ingestionInputConfiguration.s3InputConfiguration.prefix' failed to satisfy constraint: " +
				`Member must satisfy regular expression pattern: (^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$)`},
		{FieldError{Path: tcPathKeyPattern, Constraint: ConstraintEnum, Enum: tcEnumKeyPattern, Value: "x"},
			"Value 'x' at 'ingestionInputConfiguration.s3InputConfiguration.keyPattern' failed to satisfy constraint: " +
				"Member must satisfy enum value set: [{prefix}/{component_name}/*, {prefix}/{component_name}_*, " +
				"{prefix}/{component_name} *, {prefix}/{component_name}.*, {prefix}/{component_name}-*]"},
		{FieldError{Path: tcPathStatus, Constraint: ConstraintEnum, Enum: tcEnumStatus, Value: "done"},
			"Value 'done' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [IN_PROGRESS, SUCCESS, FAILED, IMPORT_IN_PROGRESS]"},
		{FieldError{Path: tcPathJobID, Constraint: ConstraintPattern, Pattern: tcPatJobID, Value: "xyz"},
			"Value 'xyz' at 'jobId' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Fa-f0-9]{0,32}"},
		{FieldError{Path: tcPathKeyPattern, Constraint: ConstraintMinLength, Limit: 1},
			"Value '' at 'ingestionInputConfiguration.s3InputConfiguration.keyPattern' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		// Paths that callers set: only ASCII capitals after a dot or at
		// the start are lowered.
		{FieldError{Path: "already.lower", Constraint: ConstraintRequired},
			"Value null at 'already.lower' failed to satisfy constraint: Member must not be null"},
		{FieldError{Path: "A.BC.dE..F", Constraint: ConstraintRequired},
			"Value null at 'a.bC.dE..f' failed to satisfy constraint: Member must not be null"},
		{FieldError{Path: "", Constraint: ConstraintRequired},
			"Value null at '' failed to satisfy constraint: Member must not be null"},
	}
	for _, c := range cases {
		if got := c.f.Error(); got != c.want {
			t.Errorf("Error():\n got %q\nwant %q", got, c.want)
		}
		if c.f.Constraint != 0 {
			if got := ReferenceFieldMessage(c.f); got != c.want {
				t.Errorf("oracle:\n got %q\nwant %q", got, c.want)
			}
		}
	}
	// A constraint this package does not define still reads.
	f := FieldError{Path: "X", Constraint: 42, Value: "v"}
	if got, want := f.Error(), "Value 'v' at 'x' failed to satisfy constraint: Member must satisfy constraint Constraint(42)"; got != want {
		t.Errorf("unknown constraint:\n got %q\nwant %q", got, want)
	}
}

func TestFieldErrorNil(t *testing.T) {
	var f *FieldError
	if got := f.Error(); got != "<nil>" {
		t.Errorf("nil Error() = %q", got)
	}
	if got := f.MessagePath(); got != "" {
		t.Errorf("nil MessagePath() = %q", got)
	}
	g := &FieldError{Path: tcPathKeyPattern}
	if got, want := g.MessagePath(), "ingestionInputConfiguration.s3InputConfiguration.keyPattern"; got != want {
		t.Errorf("MessagePath() = %q, want %q", got, want)
	}
}

// TestCheckMessages checks whole Messages, as the Check functions give them.
func TestCheckMessages(t *testing.T) {
	const arn = "arn:aws:iam::123456789012:role/"
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"absent", (&StartDataIngestionJobRequest{DatasetName: "d", RoleArn: "arn:aws:iam::123456789012:role/r",
			IngestionInputConfiguration: &IngestionInputConfiguration{S3InputConfiguration: &IngestionS3InputConfiguration{Bucket: "bkt"}}}).Validate(),
			"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null"},
		{"empty", CheckClientToken(""),
			"2 validation errors detected: " +
				"Value '' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				`Value '' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \p{ASCII}{1,256}`},
		{"role ARN abc", CheckRoleArn("abc"),
			"2 validation errors detected: " +
				"Value 'abc' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
				"Value 'abc' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+"},
		{"role ARN too long", CheckRoleArn(arn + tcRep("a", 2018)),
			"1 validation error detected: Value '" + arn + tcRep("a", 128-len(arn)) + "...' (truncated: 2049 characters) " +
				"at 'roleArn' failed to satisfy constraint: Member must have length less than or equal to 2048"},
		{"role ARN with U+2028", CheckRoleArn(arn + "a\u2028b"),
			`1 validation error detected: Value 'arn:aws:iam::123456789012:role/a\u2028b' at 'roleArn' failed to satisfy constraint: ` +
				"Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+"},
		{"dataset name invalid UTF-8", CheckDatasetName("a\xff"),
			`2 validation errors detected: Value 'a\xFF' at 'datasetName' failed to satisfy constraint: Member must be valid UTF-8; ` +
				`Value 'a\xFF' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z_-]{1,200}$`},
		{"key pattern empty", CheckKeyPattern(""),
			"2 validation errors detected: " +
				"Value '' at 'keyPattern' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'keyPattern' failed to satisfy constraint: Member must satisfy enum value set: " +
				"[{prefix}/{component_name}/*, {prefix}/{component_name}_*, {prefix}/{component_name} *, {prefix}/{component_name}.*, {prefix}/{component_name}-*]"},
		{"prefix too long", CheckPrefix(tcRep("p", 1024) + "/"),
			"2 validation errors detected: " +
				"Value '" + tcRep("p", 128) + "...' (truncated: 1025 characters) at 'prefix' failed to satisfy constraint: Member must have length less than or equal to 1024; " +
				"Value '" + tcRep("p", 128) + "...' (truncated: 1025 characters) at 'prefix' failed to satisfy constraint: " +
				`Member must satisfy regular expression pattern: (^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$)`},
		{"client token with control characters", CheckClientToken("a\x00\x1b\u00e9"),
			`1 validation error detected: Value 'a\u0000\u001Bé' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \p{ASCII}{1,256}`},
		{"job ID", CheckJobId("g"),
			"1 validation error detected: Value 'g' at 'jobId' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Fa-f0-9]{0,32}"},
		{"status", CheckJobStatus("done"),
			"1 validation error detected: Value 'done' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [IN_PROGRESS, SUCCESS, FAILED, IMPORT_IN_PROGRESS]"},
	}
	for _, c := range cases {
		ve, ok := c.err.(*ValidationException)
		if !ok {
			t.Errorf("%s: error %T %v, want *ValidationException", c.name, c.err, c.err)
			continue
		}
		if ve.Message != c.want {
			t.Errorf("%s: Message:\n got %q\nwant %q", c.name, ve.Message, c.want)
		}
		if got := ReferenceMessage(ve.Fields); got != c.want {
			t.Errorf("%s: oracle:\n got %q\nwant %q", c.name, got, c.want)
		}
		if got, want := ve.Error(), "ValidationException: "+c.want; got != want {
			t.Errorf("%s: Error() = %q", c.name, got)
		}
	}
}

func TestMessageCount(t *testing.T) {
	if got, want := NewValidationException(nil).Message, "0 validation errors detected"; got != want {
		t.Errorf("no fields: %q, want %q", got, want)
	}
	one := FieldError{Path: "A", Constraint: ConstraintRequired}
	if got, want := NewValidationException([]FieldError{one}).Message,
		"1 validation error detected: Value null at 'a' failed to satisfy constraint: Member must not be null"; got != want {
		t.Errorf("one field: %q, want %q", got, want)
	}
	if got, want := NewValidationException([]FieldError{one, one, one}).Message,
		"3 validation errors detected: Value null at 'a' failed to satisfy constraint: Member must not be null; "+
			"Value null at 'a' failed to satisfy constraint: Member must not be null; "+
			"Value null at 'a' failed to satisfy constraint: Member must not be null"; got != want {
		t.Errorf("three fields: %q, want %q", got, want)
	}
}

// TestEcho checks how a message shows a value: escaped, on one line.
func TestEcho(t *testing.T) {
	cases := []struct{ in, echo string }{
		{"", `''`},
		{"plain", `'plain'`},
		{"a\tb", `'a\tb'`},
		{"\n", `'\n'`},
		{"\r", `'\r'`},
		{`\`, `'\\'`},
		{`\n`, `'\\n'`}, // a backslash and n, not a newline
		{`\xFF`, `'\\xFF'`},
		{"\x00", `'\u0000'`},
		{"\x01", `'\u0001'`},
		{"\x08", `'\u0008'`},
		{"\x0b", `'\u000B'`},
		{"\x0c", `'\u000C'`},
		{"\x1b[31m", `'\u001B[31m'`},
		{"\x1f", `'\u001F'`},
		{" ", `' '`},
		{"~", `'~'`},
		{"\x7f", `'\u007F'`},
		{"\u0080", `'\u0080'`},
		{"\u0085", `'\u0085'`},
		{"\u009f", `'\u009F'`},
		{"\u00a0", `'\u00A0'`}, // no-break space: a space other than U+0020
		{"\u3000", `'\u3000'`}, // ideographic space
		{"\u0a00", `'\u0A00'`}, // unassigned
		{"\ue000", `'\uE000'`}, // private use
		{"\U0010fffd", `'\U0010FFFD'`},
		{"\u00e9\u0301\u20ac\U0001F600", "'\u00e9\u0301\u20ac\U0001F600'"}, // letters, marks, symbols: as they are
		{"\u00ad", `'\u00AD'`}, // soft hyphen, Cf
		{"\u061c", `'\u061C'`}, // Arabic letter mark
		{"\u200b", `'\u200B'`}, // zero width space
		{"\u200e", `'\u200E'`}, // left-to-right mark
		{"\u2028", `'\u2028'`},
		{"\u2029", `'\u2029'`},
		{"abc\u202edef", `'abc\u202Edef'`}, // right-to-left override
		{"\u2066", `'\u2066'`},             // left-to-right isolate
		{"\ufeff", `'\uFEFF'`},
		{"\U000e0001", `'\U000E0001'`}, // language tag
		{"\xff", `'\xFF'`},
		{"\x80", `'\x80'`},
		{"\xc0\xaf", `'\xC0\xAF'`},
		{"\xe2\x82", `'\xE2\x82'`},
		{"\xed\xa0\x80", `'\xED\xA0\x80'`},
		{"\xf4\x90\x80\x80", `'\xF4\x90\x80\x80'`},
		{"\ufffd", "'\ufffd'"}, // a valid U+FFFD is shown as it is
		{"é日本\U0001F600", "'é日本\U0001F600'"},
		{"a\\b\x00\u202e\xff", `'a\\b\u0000\u202E\xFF'`},
		// A quote is escaped, so that a value cannot seem to end early
		// and make up a violation of its own.
		{"it's", `'it\'s'`},
		{"x' at 'roleArn", `'x\' at \'roleArn'`},
	}
	for _, c := range cases {
		f := FieldError{Path: "P", Constraint: ConstraintPattern, Pattern: "x", Value: c.in}
		want := "Value " + c.echo + " at 'p' failed to satisfy constraint: Member must satisfy regular expression pattern: x"
		if got := f.Error(); got != want {
			t.Errorf("echo of %q:\n got %q\nwant %q", c.in, got, want)
		}
		if got := refEcho(c.in); got != c.echo {
			t.Errorf("oracle echo of %q = %q, want %q", c.in, got, c.echo)
		}
	}
}

// TestEchoTruncation: a value is shown up to 128 bytes once escaped, then
// cut before the character that would pass them, visibly.
func TestEchoTruncation(t *testing.T) {
	cut := func(shown string, n int) string {
		return "'" + shown + "...' (truncated: " + strconv.Itoa(n) + " characters)"
	}
	cases := []struct {
		name, in, echo string
	}{
		{"128 ASCII", tcRep("a", 128), "'" + tcRep("a", 128) + "'"},
		{"129 ASCII", tcRep("a", 129), cut(tcRep("a", 128), 129)},
		{"126 ASCII and LF (128 escaped)", tcRep("a", 126) + "\n", "'" + tcRep("a", 126) + `\n'`},
		{"127 ASCII and LF (129 escaped)", tcRep("a", 127) + "\n", cut(tcRep("a", 127), 128)},
		{"64 e acute (128 bytes)", tcRep("é", 64), "'" + tcRep("é", 64) + "'"},
		{"65 e acute", tcRep("é", 65), cut(tcRep("é", 64), 65)},
		{"127 ASCII and e acute", tcRep("a", 127) + "é", cut(tcRep("a", 127), 128)},
		{"32 emoji (128 bytes)", tcRep("\U0001F600", 32), "'" + tcRep("\U0001F600", 32) + "'"},
		{"33 emoji", tcRep("\U0001F600", 33), cut(tcRep("\U0001F600", 32), 33)},
		{"32 invalid bytes (128 escaped)", tcRep("\xff", 32), "'" + tcRep(`\xFF`, 32) + "'"},
		{"33 invalid bytes", tcRep("\xff", 33), cut(tcRep(`\xFF`, 32), 33)},
		{"21 NUL (126 escaped)", tcRep("\x00", 21), "'" + tcRep(`\u0000`, 21) + "'"},
		{"22 NUL (132 escaped)", tcRep("\x00", 22), cut(tcRep(`\u0000`, 21), 22)},
		{"12 language tags (120 escaped) and one more", tcRep("\U000e0001", 13), cut(tcRep(`\U000E0001`, 12), 13)},
		{"64 backslashes (128 escaped)", tcRep(`\`, 64), "'" + tcRep(`\\`, 64) + "'"},
		{"65 backslashes", tcRep(`\`, 65), cut(tcRep(`\\`, 64), 65)},
		{"long, invalid bytes counted one each", tcRep("a", 200) + "\xed\xa0\x80", cut(tcRep("a", 128), 203)},
	}
	for _, c := range cases {
		f := FieldError{Path: "P", Constraint: ConstraintMaxLength, Limit: 1, Value: c.in}
		want := "Value " + c.echo + " at 'p' failed to satisfy constraint: Member must have length less than or equal to 1"
		if got := f.Error(); got != want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, want)
		}
		if got := refEcho(c.in); got != c.echo {
			t.Errorf("%s: oracle:\n got %q\nwant %q", c.name, got, c.echo)
		}
		if f.Value != c.in {
			t.Errorf("%s: Value changed", c.name)
		}
	}
}

// TestHugeValue: the message for a 10 MB value stays short; Fields keep the
// value whole.
func TestHugeValue(t *testing.T) {
	const size = 10 << 20
	for _, c := range []struct{ name, v, shown string }{
		{"ASCII", tcRep("d", size), tcRep("d", 128)},
		{"invalid bytes", tcRep("\xff", size), tcRep(`\xFF`, 32)},
		{"control characters", tcRep("\x01", size), tcRep(`\u0001`, 21)},
	} {
		err := CheckDatasetName(c.v)
		ve, ok := err.(*ValidationException)
		if !ok {
			t.Fatalf("%s: %T %v", c.name, err, err)
		}
		if len(ve.Message) > 1000 {
			t.Errorf("%s: Message of %d bytes", c.name, len(ve.Message))
		}
		marker := "'" + c.shown + "...' (truncated: 10485760 characters) at 'datasetName'"
		if strings.Count(ve.Message, marker) != len(ve.Fields) {
			t.Errorf("%s: Message %q lacks %q for each of its %d fields", c.name, ve.Message, marker, len(ve.Fields))
		}
		for _, f := range ve.Fields {
			if f.Value != c.v {
				t.Errorf("%s: a field's Value is not the value", c.name)
			}
		}
		if got := ReferenceMessage(ve.Fields); got != ve.Message {
			t.Errorf("%s: Message:\n got %q\nwant %q", c.name, ve.Message, got)
		}
	}
}

// tcFieldOfLength returns a violation whose own message is exactly n
// characters long (n >= 100), using c for its pattern.
func tcFieldOfLength(t *testing.T, n int, c rune) FieldError {
	t.Helper()
	f := FieldError{Path: "P", Constraint: ConstraintPattern, Value: "v"}
	base := utf8.RuneCountInString(ReferenceFieldMessage(f))
	f.Pattern = strings.Repeat(string(c), n-base)
	if got := utf8.RuneCountInString(ReferenceFieldMessage(f)); got != n {
		t.Fatalf("field message of %d characters, want %d", got, n)
	}
	return f
}

// TestMessageCap: a Message holds at most 5000 characters; when the
// violations do not fit, it says how many are left out, and Fields still
// holds them all.
func TestMessageCap(t *testing.T) {
	head := len("2 validation errors detected: ")
	for _, c := range []struct {
		name  string
		total int  // characters of the whole message with every violation
		char  rune // the patterns' character
		full  bool // whether every violation is shown
	}{
		{"4982 characters", 4982, 'x', true},
		{"4983 characters", 4983, 'x', true},
		{"4999 characters", 4999, 'x', true},
		{"exactly 5000 characters", 5000, 'x', true},
		{"5000 characters, 2 bytes each in part", 5000, 'é', true},
		{"5001 characters", 5001, 'x', false},
		{"5001 characters, 2 bytes each in part", 5001, 'é', false},
	} {
		t.Run(c.name, func(t *testing.T) {
			first := tcFieldOfLength(t, 1000, c.char)
			second := tcFieldOfLength(t, c.total-head-1000-len("; "), c.char)
			fs := []FieldError{first, second}
			full := "2 validation errors detected: " + ReferenceFieldMessage(first) + "; " + ReferenceFieldMessage(second)
			if n := utf8.RuneCountInString(full); n != c.total {
				t.Fatalf("test setup: %d characters", n)
			}
			want := full
			if !c.full {
				want = "2 validation errors detected: " + ReferenceFieldMessage(first) + "; and 1 more"
			}
			ve := NewValidationException(fs)
			if ve.Message != want {
				t.Errorf("Message (%d characters, ends %q), want %d characters, ending %q",
					utf8.RuneCountInString(ve.Message), tcTail(ve.Message), utf8.RuneCountInString(want), tcTail(want))
			}
			if got := ReferenceMessage(fs); got != want {
				t.Errorf("oracle: %d characters, ends %q", utf8.RuneCountInString(got), tcTail(got))
			}
			if len(ve.Fields) != 2 {
				t.Errorf("%d Fields, want 2", len(ve.Fields))
			}
		})
	}

	t.Run("many violations", func(t *testing.T) {
		fs := make([]FieldError, 100)
		for i := range fs {
			fs[i] = FieldError{Path: tcPathDatasetName, Constraint: ConstraintPattern, Pattern: tcPatDatasetName, Value: tcRep("v", 200)}
		}
		ve := NewValidationException(fs)
		n := utf8.RuneCountInString(ve.Message)
		if n > 5000 {
			t.Errorf("Message of %d characters", n)
		}
		if !strings.HasPrefix(ve.Message, "100 validation errors detected: Value '") {
			t.Errorf("Message starts %q", ve.Message[:50])
		}
		shown := strings.Count(ve.Message, "Value '")
		if want := "; and " + strconv.Itoa(100-shown) + " more"; !strings.HasSuffix(ve.Message, want) {
			t.Errorf("Message ends %q, want %q (%d shown)", tcTail(ve.Message), want, shown)
		}
		if got := ReferenceMessage(fs); got != ve.Message {
			t.Errorf("Message (%d shown), oracle shows %d", shown, strings.Count(got, "Value '"))
		}
		if len(ve.Fields) != 100 {
			t.Errorf("%d Fields, want 100", len(ve.Fields))
		}
	})

	t.Run("first violation too long", func(t *testing.T) {
		fs := []FieldError{tcFieldOfLength(t, 6000, 'x')}
		got := NewValidationException(fs).Message
		if n := utf8.RuneCountInString(got); n != 5000 {
			t.Errorf("Message of %d characters, want 5000", n)
		}
		const start = "1 validation error detected: Value 'v' at 'p' failed to satisfy constraint: Member must satisfy regular expression pattern: xxx"
		if !strings.HasPrefix(got, start) || !strings.HasSuffix(got, "x...") {
			t.Errorf("Message = %q...%q, want the violation cut to fit", got[:len(start)], tcTail(got))
		}
		if ref := ReferenceMessage(fs); ref != got {
			t.Errorf("oracle = %q, want %q", tcTail(ref), tcTail(got))
		}
		// With another violation after it, the count follows.
		fs = append(fs, FieldError{Path: "Q", Constraint: ConstraintRequired})
		got = NewValidationException(fs).Message
		if !strings.HasSuffix(got, "x...; and 1 more") || utf8.RuneCountInString(got) != 5000 {
			t.Errorf("Message of %d characters ends %q", utf8.RuneCountInString(got), tcTail(got))
		}
		if ref := ReferenceMessage(fs); ref != got {
			t.Errorf("oracle = %q, want %q", tcTail(ref), tcTail(got))
		}
	})
}

// TestValidateMessageBounded: the longest Message Validate can give, every
// member as long and as invalid as can be, stays within 5000 characters.
func TestValidateMessageBounded(t *testing.T) {
	// Each value is long, invalid UTF-8, and fails its pattern, so that
	// each member has three violations.
	v := tcRep("A", 3000) + "\xff"
	r := &StartDataIngestionJobRequest{
		ClientToken: v, DatasetName: v, RoleArn: v,
		IngestionInputConfiguration: &IngestionInputConfiguration{S3InputConfiguration: &IngestionS3InputConfiguration{
			Bucket: v, Prefix: &v, KeyPattern: v,
		}},
	}
	ve, ok := r.Validate().(*ValidationException)
	if !ok {
		t.Fatal("Validate did not fail")
	}
	if len(ve.Fields) != 18 {
		t.Errorf("%d violations, want 18", len(ve.Fields))
	}
	if n := utf8.RuneCountInString(ve.Message); n > 5000 {
		t.Errorf("Message of %d characters", n)
	}
	if got := ReferenceMessage(ve.Fields); got != ve.Message {
		t.Errorf("Message:\n got ...%q\nwant ...%q", tcTail(ve.Message), tcTail(got))
	}
}

func tcTail(s string) string {
	if len(s) <= 60 {
		return s
	}
	return "..." + s[len(s)-60:]
}

// TestMessagePathEscaped: a path can hold data (a map key, in the validate
// package): the message escapes it as it escapes a value, bounds it, and
// never drops the violation.
func TestMessagePathEscaped(t *testing.T) {
	cases := []struct{ path, shown string }{
		{"Names[x\n\u202eevil\xff]", `names[x\n\u202Eevil\xFF]`},
		{"A.B'C\\D", `a.b\'C\\D`},
		{strings.Repeat("k", 300), strings.Repeat("k", 256) + "..."},
		{strings.Repeat("é", 200), strings.Repeat("é", 128) + "..."},
	}
	for _, c := range cases {
		f := FieldError{Path: c.path, Constraint: ConstraintRequired}
		want := "Value null at '" + c.shown + "' failed to satisfy constraint: Member must not be null"
		if got := f.Error(); got != want {
			t.Errorf("path %q:\n got %q\nwant %q", c.path, got, want)
		}
		if got := ReferenceFieldMessage(f); got != want {
			t.Errorf("oracle, path %q:\n got %q\nwant %q", c.path, got, want)
		}
		if got := f.MessagePath(); got != c.shown {
			t.Errorf("MessagePath(%q) = %q, want %q", c.path, got, c.shown)
		}
	}
	// A path of 6000 bytes of data still gives one bounded violation.
	fs := []FieldError{{Path: "Names[" + strings.Repeat("\x01", 6000) + "]", Constraint: ConstraintMinLength, Limit: 3, Value: "ab"}}
	msg := NewValidationException(fs).Message
	if !strings.HasPrefix(msg, "1 validation error detected: Value 'ab' at 'names[") || !utf8.ValidString(msg) ||
		utf8.RuneCountInString(msg) > 5000 || strings.ContainsRune(msg, '\x01') {
		t.Errorf("Message = %q", msg)
	}
}

// TestRulesCopyChecksTheDeclaration: changing a copy's fields does not change
// what its methods check.
func TestRulesCopyChecksTheDeclaration(t *testing.T) {
	for _, r := range Rules() {
		if r.Path != "DatasetName" {
			continue
		}
		r.MaxLength, r.Pattern = 300, ".*"
		if r.Valid(strings.Repeat("d", 250), true) {
			t.Errorf("a copy with MaxLength 300 accepted 250 characters")
		}
		if got := r.Violations("ok_name", true); got != nil {
			t.Errorf("Violations(ok_name) = %v", got)
		}
		return
	}
	t.Fatal("no DatasetName rule")
}
