package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// The expected output for the sample files.
const (
	outRequest = "testdata/request.json: ok\n"

	outNoToken = "testdata/no-client-token.json: ok (note: ClientToken is absent; " +
		"the AWS SDKs fill one in before sending; use -strict to treat it as the wire does)\n"

	outNoTokenStrict = "testdata/no-client-token.json: 1 validation error\n" +
		"  Value null at 'clientToken' failed to satisfy constraint: Member must not be null\n"

	outViolations = "testdata/violations.json: 6 validation errors\n" +
		"  Value 'pump station 7' at 'datasetName' failed to satisfy constraint: " +
		"Member must satisfy regular expression pattern: ^[0-9a-zA-Z_-]{1,200}$\n" +
		"  Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: " +
		"Member must have length greater than or equal to 3\n" +
		"  Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: " +
		`Member must satisfy regular expression pattern: ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$` + "\n" +
		"  Value '{prefix}/{component_name}*' at 'ingestionInputConfiguration.s3InputConfiguration.keyPattern' " +
		"failed to satisfy constraint: Member must satisfy enum value set: [{prefix}/{component_name}/*, " +
		"{prefix}/{component_name}_*, {prefix}/{component_name} *, {prefix}/{component_name}.*, {prefix}/{component_name}-*]\n" +
		`    hint: a delimiter goes between {component_name} and *, one of "/", "_", " ", ".", "-", as in "{prefix}/{component_name}/*"` + "\n" +
		"  Value 'plant-1/pumps' at 'ingestionInputConfiguration.s3InputConfiguration.prefix' failed to satisfy constraint: " +
		`Member must satisfy regular expression pattern: (^$)|([\u0009\u000A\u000D\u0020-\u00FF]{1,1023}/$)` + "\n" +
		`    hint: a Prefix other than "" ends with "/": "plant-1/pumps/"` + "\n" +
		"  Value 'arn:aws:iam::1234:role/x' at 'roleArn' failed to satisfy constraint: " +
		"Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+\n"

	outMalformed = `testdata/malformed.json: line 7, column 5: member "IngestionInputConfiguration.S3InputConfiguration": ` +
		`expected a member name after ',', found the character '}' (U+007D)` + "\n"

	outUnknown = `testdata/unknown-member.json: line 6, column 7: ` +
		`member "IngestionInputConfiguration.S3InputConfiguration.bucket": ` +
		"unknown member (member names are case-sensitive: did you mean Bucket?)\n"

	outMistakes = "testdata/mistakes.json: 3 validation errors\n" +
		"  Value 's3://sensor-data.example/plant-1/pumps' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' " +
		`failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$` + "\n" +
		`    hint: Bucket is the bucket's name alone, without "s3://": "sensor-data.example"; ` +
		`the rest of the path goes in Prefix: "plant-1/pumps/"` + "\n" +
		"  Value '{prefix}/{component-name}/*' at 'ingestionInputConfiguration.s3InputConfiguration.keyPattern' " +
		"failed to satisfy constraint: Member must satisfy enum value set: [{prefix}/{component_name}/*, " +
		"{prefix}/{component_name}_*, {prefix}/{component_name} *, {prefix}/{component_name}.*, {prefix}/{component_name}-*]\n" +
		`    hint: the placeholder is {component_name}, with an underscore; did you mean "{prefix}/{component_name}/*"?` + "\n" +
		"  Value 'arn:aws:iam::123456789012:user/alice' at 'roleArn' failed to satisfy constraint: " +
		"Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+\n" +
		"    hint: RoleArn is the ARN of an IAM role that the service assumes (arn:aws:iam::123456789012:role/NAME), " +
		"not of an IAM user\n"

	outYAML = "testdata/request.yaml: line 1, column 1: expected a JSON object, found the character 'C' (U+0043)\n" +
		`  hint: this looks like YAML; a request document is JSON, such as {"DatasetName": "...", ` +
		`"IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "..."}}, "RoleArn": "..."}` + "\n"

	errMissing   = "testdata/missing.json: cannot read: file does not exist\n"
	errDirectory = "testdata: cannot read: is a directory\n"
)

// readFile returns a sample file's content.
func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(data)
}

func TestRun(t *testing.T) {
	t.Parallel()
	request := readFile(t, "testdata/request.json")
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantOut    string
		wantErr    string
		wantStatus int
	}{
		{name: "valid request", args: []string{"testdata/request.json"},
			wantOut: outRequest, wantStatus: exitOK},
		{name: "ClientToken absent", args: []string{"testdata/no-client-token.json"},
			wantOut: outNoToken, wantStatus: exitOK},
		{name: "ClientToken absent, strict", args: []string{"-strict", "testdata/no-client-token.json"},
			wantOut: outNoTokenStrict, wantStatus: exitInvalid},
		{name: "several violations", args: []string{"testdata/violations.json"},
			wantOut: outViolations, wantStatus: exitInvalid},
		{name: "the usual mistakes, with hints", args: []string{"testdata/mistakes.json"},
			wantOut: outMistakes, wantStatus: exitInvalid},
		{name: "YAML, with a hint", args: []string{"testdata/request.yaml"},
			wantOut: outYAML, wantStatus: exitInput},
		{name: "malformed JSON", args: []string{"testdata/malformed.json"},
			wantOut: outMalformed, wantStatus: exitInput},
		{name: "miscased member", args: []string{"testdata/unknown-member.json"},
			wantOut: outUnknown, wantStatus: exitInput},
		{name: "standard input", args: []string{"-"}, stdin: request,
			wantOut: "<stdin>: ok\n", wantStatus: exitOK},
		{name: "empty standard input", args: []string{"-"}, stdin: "",
			wantOut:    "<stdin>: line 1, column 1: the body is empty: a request is a JSON object\n",
			wantStatus: exitInput},
		{name: "ClientToken given as the empty string: the SDKs send it as it is", args: []string{"-"},
			stdin: `{"ClientToken": "", "DatasetName": "pumps", "RoleArn": "arn:aws:iam::123456789012:role/r",
				"IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "data"}}}`,
			wantOut: "<stdin>: 2 validation errors\n" +
				"  Value '' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 1\n" +
				"  Value '' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p{ASCII}{1,256}\n",
			wantStatus: exitInvalid},
		{name: "ClientToken null: absent", args: []string{"-"},
			stdin: `{"ClientToken": null, "DatasetName": "pumps", "RoleArn": "arn:aws:iam::123456789012:role/r",
				"IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "data"}}}`,
			wantOut: "<stdin>: ok (note: ClientToken is absent; the AWS SDKs fill one in before sending; " +
				"use -strict to treat it as the wire does)\n",
			wantStatus: exitOK},
		{name: "note on a failing document", args: []string{"-"},
			stdin: `{"DatasetName": "pumps", "RoleArn": "arn:aws:iam::123456789012:role/r"}`,
			wantOut: "<stdin>: 1 validation error (note: ClientToken is absent; the AWS SDKs fill one in before sending; " +
				"use -strict to treat it as the wire does)\n" +
				"  Value null at 'ingestionInputConfiguration' failed to satisfy constraint: Member must not be null\n",
			wantStatus: exitInvalid},
		{name: "passing files", args: []string{"testdata/request.json", "testdata/no-client-token.json", "-"},
			stdin:   request,
			wantOut: outRequest + outNoToken + "<stdin>: ok\n", wantStatus: exitOK},
		{name: "a failing file among passing ones",
			args:    []string{"testdata/request.json", "testdata/violations.json", "testdata/no-client-token.json"},
			wantOut: outRequest + outViolations + outNoToken, wantStatus: exitInvalid},
		{name: "an unreadable document wins over a failing one",
			args:    []string{"testdata/malformed.json", "testdata/violations.json", "testdata/request.json"},
			wantOut: outMalformed + outViolations + outRequest, wantStatus: exitInput},
		{name: "after --, a name that begins with - is a file", args: []string{"--", "testdata/request.json", "-strict"},
			wantOut: outRequest, wantErr: "-strict: cannot read: file does not exist\n", wantStatus: exitInput},
		{name: "missing file", args: []string{"testdata/missing.json"},
			wantErr: errMissing, wantStatus: exitInput},
		{name: "directory", args: []string{"testdata"},
			wantErr: errDirectory, wantStatus: exitInput},
		{name: "unreadable files among others: verdicts go on",
			args:    []string{"testdata/request.json", "testdata/missing.json", "testdata/violations.json", "testdata"},
			wantOut: outRequest + outViolations, wantErr: errMissing + errDirectory, wantStatus: exitInput},
		{name: "document larger than a request body", args: []string{"-"},
			stdin:      strings.Repeat(" ", lookout.MaxRequestBodyBytes+1),
			wantErr:    "<stdin>: cannot read: larger than 65536 bytes, the limit of a request body\n",
			wantStatus: exitInput},
		{name: "document of the size of a request body", args: []string{"-strict", "-"},
			stdin: "{}" + strings.Repeat(" ", lookout.MaxRequestBodyBytes-2),
			wantOut: "<stdin>: 4 validation errors\n" +
				"  Value null at 'clientToken' failed to satisfy constraint: Member must not be null\n" +
				"  Value null at 'datasetName' failed to satisfy constraint: Member must not be null\n" +
				"  Value null at 'ingestionInputConfiguration' failed to satisfy constraint: Member must not be null\n" +
				"  Value null at 'roleArn' failed to satisfy constraint: Member must not be null\n",
			wantStatus: exitInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			got := run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			assert.Equal(t, tt.wantStatus, got)
			assert.Equal(t, tt.wantOut, stdout.String())
			assert.Equal(t, tt.wantErr, stderr.String())
		})
	}
}

func TestRunUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		wantFirst  string // the first line of stderr
		wantStatus int
	}{
		{"no file", nil, "preflight: no FILE given", exitInput},
		{"only flags", []string{"-json"}, "preflight: no FILE given", exitInput},
		{"unknown flag", []string{"-quiet", "testdata/request.json"},
			"preflight: flag provided but not defined: -quiet", exitInput},
		{"bad flag value", []string{"-strict=maybe", "testdata/request.json"},
			`preflight: invalid boolean value "maybe" for -strict: parse error`, exitInput},
		{"standard input twice", []string{"-", "-"},
			`preflight: "-" (standard input) given more than once`, exitInput},
		{"empty file name", []string{""}, "preflight: empty FILE name", exitInput},
		{"flag after a file", []string{"testdata/request.json", "-strict"},
			`preflight: "-strict" comes after a file name: flags go before files`, exitInput},
		{"flags after files", []string{"-json", "testdata/request.json", "-", "-strict", "-json"},
			`preflight: "-strict" comes after a file name: flags go before files`, exitInput},
		{"unknown flag after a file", []string{"testdata/request.json", "--quiet"},
			`preflight: "--quiet" comes after a file name: flags go before files`, exitInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			got := run(tt.args, strings.NewReader(""), &stdout, &stderr)
			assert.Equal(t, tt.wantStatus, got)
			assert.Empty(t, stdout.String())
			first, rest, _ := strings.Cut(stderr.String(), "\n")
			assert.Equal(t, tt.wantFirst, first)
			assert.Equal(t, usage(t), rest)
		})
	}
}

// usage returns the usage text, as -h prints it.
func usage(t *testing.T) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-h"}, nil, &stdout, &stderr))
	require.Empty(t, stderr.String())
	return stdout.String()
}

func TestHelp(t *testing.T) {
	t.Parallel()
	got := usage(t)
	assert.True(t, strings.HasPrefix(got, usageText), got)
	assert.Contains(t, got, "  -json\n")
	assert.Contains(t, got, "  -strict\n")
}

func TestRunJSON(t *testing.T) {
	t.Parallel()
	const (
		note     = `"note": "ClientToken is absent; the AWS SDKs fill one in before sending; use -strict to treat it as the wire does"`
		request  = `{"file": "testdata/request.json", "ok": true, "errors": []}`
		noToken  = `{"file": "testdata/no-client-token.json", "ok": true, ` + note + `, "errors": []}`
		noStrict = `{"file": "testdata/no-client-token.json", "ok": false, "errors": [
			{"path": "ClientToken", "constraint": "required",
			 "message": "Value null at 'clientToken' failed to satisfy constraint: Member must not be null"}]}`
		violations = `{"file": "testdata/violations.json", "ok": false, "errors": [
			{"path": "DatasetName", "constraint": "pattern", "pattern": "^[0-9a-zA-Z_-]{1,200}$", "value": "pump station 7",
			 "message": "Value 'pump station 7' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z_-]{1,200}$"},
			{"path": "IngestionInputConfiguration.S3InputConfiguration.Bucket", "constraint": "min_length", "limit": 3, "value": "ab",
			 "message": "Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must have length greater than or equal to 3"},
			{"path": "IngestionInputConfiguration.S3InputConfiguration.Bucket", "constraint": "pattern",
			 "pattern": "^[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]$", "value": "ab",
			 "message": "Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]$"},
			{"path": "IngestionInputConfiguration.S3InputConfiguration.KeyPattern", "constraint": "enum",
			 "enum": ["{prefix}/{component_name}/*", "{prefix}/{component_name}_*", "{prefix}/{component_name} *",
			          "{prefix}/{component_name}.*", "{prefix}/{component_name}-*"],
			 "value": "{prefix}/{component_name}*",
			 "hint": "a delimiter goes between {component_name} and *, one of \"/\", \"_\", \" \", \".\", \"-\", as in \"{prefix}/{component_name}/*\"",
			 "message": "Value '{prefix}/{component_name}*' at 'ingestionInputConfiguration.s3InputConfiguration.keyPattern' failed to satisfy constraint: Member must satisfy enum value set: [{prefix}/{component_name}/*, {prefix}/{component_name}_*, {prefix}/{component_name} *, {prefix}/{component_name}.*, {prefix}/{component_name}-*]"},
			{"path": "IngestionInputConfiguration.S3InputConfiguration.Prefix", "constraint": "pattern",
			 "pattern": "(^$)|([\\u0009\\u000A\\u000D\\u0020-\\u00FF]{1,1023}/$)", "value": "plant-1/pumps",
			 "hint": "a Prefix other than \"\" ends with \"/\": \"plant-1/pumps/\"",
			 "message": "Value 'plant-1/pumps' at 'ingestionInputConfiguration.s3InputConfiguration.prefix' failed to satisfy constraint: Member must satisfy regular expression pattern: (^$)|([\\u0009\\u000A\\u000D\\u0020-\\u00FF]{1,1023}/$)"},
			{"path": "RoleArn", "constraint": "pattern", "pattern": "arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+",
			 "value": "arn:aws:iam::1234:role/x",
			 "message": "Value 'arn:aws:iam::1234:role/x' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+"}]}`
		malformed = `{"file": "testdata/malformed.json", "ok": false, "errors": [], "error": {
			"line": 7, "column": 5, "offset": 202, "path": "IngestionInputConfiguration.S3InputConfiguration",
			"reason": "expected a member name after ',', found the character '}' (U+007D)"}}`
		unknown = `{"file": "testdata/unknown-member.json", "ok": false, "errors": [], "error": {
			"line": 6, "column": 7, "offset": 165, "path": "IngestionInputConfiguration.S3InputConfiguration.bucket",
			"reason": "unknown member (member names are case-sensitive: did you mean Bucket?)"}}`
		yaml = `{"file": "testdata/request.yaml", "ok": false, "errors": [], "error": {
			"line": 1, "column": 1, "offset": 0, "reason": "expected a JSON object, found the character 'C' (U+0043)",
			"hint": "this looks like YAML; a request document is JSON, such as {\"DatasetName\": \"...\", \"IngestionInputConfiguration\": {\"S3InputConfiguration\": {\"Bucket\": \"...\"}}, \"RoleArn\": \"...\"}"}}`
		missing   = `{"file": "testdata/missing.json", "ok": false, "errors": [], "error": {"reason": "cannot read: file does not exist"}}`
		directory = `{"file": "testdata", "ok": false, "errors": [], "error": {"reason": "cannot read: is a directory"}}`
		// An empty value is shown: "value" is absent only for a missing member.
		emptyKeyPattern = `{"file": "<stdin>", "ok": false, "errors": [
			{"path": "IngestionInputConfiguration.S3InputConfiguration.KeyPattern", "constraint": "min_length", "limit": 1, "value": "",
			 "message": "Value '' at 'ingestionInputConfiguration.s3InputConfiguration.keyPattern' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{"path": "IngestionInputConfiguration.S3InputConfiguration.KeyPattern", "constraint": "enum", "value": "",
			 "enum": ["{prefix}/{component_name}/*", "{prefix}/{component_name}_*", "{prefix}/{component_name} *",
			          "{prefix}/{component_name}.*", "{prefix}/{component_name}-*"],
			 "message": "Value '' at 'ingestionInputConfiguration.s3InputConfiguration.keyPattern' failed to satisfy constraint: Member must satisfy enum value set: [{prefix}/{component_name}/*, {prefix}/{component_name}_*, {prefix}/{component_name} *, {prefix}/{component_name}.*, {prefix}/{component_name}-*]"}]}`
	)
	tests := []struct {
		name       string
		args       []string
		stdin      string
		want       string
		wantStatus int
	}{
		{name: "all pass", args: []string{"-json", "testdata/request.json", "testdata/no-client-token.json"},
			want: `{"ok": true, "files": [` + request + `,` + noToken + `]}`, wantStatus: exitOK},
		{name: "strict", args: []string{"-json", "-strict", "testdata/no-client-token.json"},
			want: `{"ok": false, "files": [` + noStrict + `]}`, wantStatus: exitInvalid},
		{name: "violations", args: []string{"-json", "testdata/request.json", "testdata/violations.json"},
			want: `{"ok": false, "files": [` + request + `,` + violations + `]}`, wantStatus: exitInvalid},
		{name: "unreadable documents and files",
			args: []string{"-json", "testdata/malformed.json", "testdata/unknown-member.json", "testdata/request.yaml",
				"testdata/missing.json", "testdata"},
			want:       `{"ok": false, "files": [` + malformed + `,` + unknown + `,` + yaml + `,` + missing + `,` + directory + `]}`,
			wantStatus: exitInput},
		{name: "standard input, empty value", args: []string{"-json", "-"},
			stdin: `{"ClientToken": "t", "DatasetName": "pumps", "RoleArn": "arn:aws:iam::123456789012:role/r",
				"IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "data", "KeyPattern": ""}}}`,
			want: `{"ok": false, "files": [` + emptyKeyPattern + `]}`, wantStatus: exitInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			got := run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			assert.Equal(t, tt.wantStatus, got)
			assert.JSONEq(t, tt.want, stdout.String())
			assert.Empty(t, stderr.String(), "with -json, every file is in the document")
		})
	}
}

// countingReader is an endless input that counts the bytes read from it.
type countingReader struct{ n int64 }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	r.n += int64(len(p))
	return len(p), nil
}

func TestStandardInputReadBounded(t *testing.T) {
	t.Parallel()
	in := &countingReader{}
	var stdout, stderr bytes.Buffer
	assert.Equal(t, exitInput, run([]string{"-"}, in, &stdout, &stderr))
	assert.Equal(t, "<stdin>: cannot read: larger than 65536 bytes, the limit of a request body\n", stderr.String())
	assert.Empty(t, stdout.String())
	assert.Equal(t, int64(lookout.MaxRequestBodyBytes+1), in.n, "no more than the bound and one byte is read")
}

func TestReadInputErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		file  string
		stdin io.Reader
		is    error
		want  string
	}{
		{"missing", "testdata/missing.json", nil, fs.ErrNotExist, "cannot read: file does not exist"},
		{"too large", "-", strings.NewReader(strings.Repeat("x", lookout.MaxRequestBodyBytes+1)), errTooLarge,
			"cannot read: larger than 65536 bytes, the limit of a request body"},
		{"failing reader", "-", io.MultiReader(strings.NewReader("{"), failingReader{}), errRead,
			"cannot read: the disk is on fire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := readInput(tt.file, tt.stdin)
			var ie *inputError
			require.ErrorAs(t, err, &ie)
			assert.ErrorIs(t, err, tt.is)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

var errRead = errors.New("the disk is on fire")

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errRead }

// failingWriter refuses every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errRead }

func TestOutputFails(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"testdata/request.json"}, {"-json", "testdata/request.json"}} {
		var stderr bytes.Buffer
		assert.Equal(t, exitInput, run(args, nil, failingWriter{}, &stderr), "%v", args)
		assert.Equal(t, "preflight: writing the output: the disk is on fire\n", stderr.String(), "%v", args)
	}
}
