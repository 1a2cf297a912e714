package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	infDir     = "testdata/inference/"
	infRequest = infDir + "request.json"
	infSchema  = infDir + "schema.json"
)

// runInf runs the command with args and stdin, returning the exit status
// and the two streams.
func runInf(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func decodeInf(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m), s)
	return m
}

func TestIsInference(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-inference", "-data", "d", "f"}, true},
		{[]string{"-json", "--inference", "f"}, true},
		{[]string{"-inference=true", "f"}, true},
		{[]string{"-data", "d", "f"}, false},
		{[]string{"f", "-inference"}, false},
		{[]string{"--", "-inference"}, false},
		{[]string{"-inference=false", "f"}, false},
		{nil, false},
	} {
		assert.Equal(t, tc.want, isInference(tc.args), "%q", tc.args)
	}
}

func TestInferenceGood(t *testing.T) {
	t.Parallel()
	code, out, errs := runInf(t, "", "-inference", "-data", infDir+"good", "-schema", infSchema, infRequest)
	assert.Equal(t, exitOK, code, errs)
	assert.Empty(t, errs)
	assert.Contains(t, out, infRequest+": ok\n")
	assert.Contains(t, out, "  runs: 3 runs scheduled from 2022-05-13T09:10:00Z to 2022-05-13T09:20:00Z: all would succeed\n")
	assert.Contains(t, out, "  run 2022-05-13T09:15:00Z reads (2022-05-13T09:05:00Z, 2022-05-13T09:10:00Z]: SUCCESS\n"+
		"    pump1: 5 rows, 2022-05-13T09:06:00Z to 2022-05-13T09:10:00Z\n"+
		"      plant-1/inference/pump1_20220513090500.csv (before): 0 rows taken\n"+
		"      plant-1/inference/pump1_20220513091000.csv (in): 5 rows taken\n"+
		"      plant-1/inference/pump1_20220513091500.csv (after): 0 rows taken\n")
	assert.NotContains(t, out, "no run reads")
	assert.NotContains(t, out, "no run takes")

	code, out, _ = runInf(t, "", "-inference", "-json", "-data", infDir+"good", "-schema", infSchema, infRequest)
	assert.Equal(t, exitOK, code)
	m := decodeInf(t, out)
	assert.Equal(t, true, m["ok"])
	assert.Equal(t, float64(0), m["failed"])
	assert.Empty(t, m["misnamed"])
	runs := m["runs"].([]any)
	require.Len(t, runs, 3)
	for _, r := range runs {
		assert.Equal(t, "SUCCESS", r.(map[string]any)["Status"])
	}
	assert.Equal(t, "2022-05-13T09:10:00Z", runs[0].(map[string]any)["ScheduledStartTime"])
	assert.Equal(t, "2022-05-13T09:00:00Z", runs[0].(map[string]any)["DataStartTime"])
	in := m["input"].(map[string]any)
	assert.Equal(t, "_", in["ComponentTimestampDelimiter"])
	assert.Equal(t, []any{"pump1", "pump2"}, in["components"])
}

func TestInferenceMisnamed(t *testing.T) {
	t.Parallel()
	args := []string{"-inference", "-json", "-data", infDir + "misnamed", "-schema", infSchema,
		"-from", "2022-05-13T09:10:00Z", "-to", "2022-05-13T09:20:00Z", infRequest}
	code, out, errs := runInf(t, "", args...)
	assert.Equal(t, exitInvalid, code, errs)
	m := decodeInf(t, out)
	assert.Equal(t, false, m["ok"])
	assert.Equal(t, float64(3), m["failed"])
	var reasons []string
	for _, k := range m["misnamed"].([]any) {
		k := k.(map[string]any)
		reasons = append(reasons, k["key"].(string)+" "+k["reason"].(string))
		assert.NotEmpty(t, k["hint"], k["key"])
	}
	assert.Equal(t, []string{
		"plant-1/inference/Pump2_20220513090500.csv unknown-component",
		"plant-1/inference/old/pump1_20220513091000.csv in-folder",
		"plant-1/inference/pump1-20220513091000.csv wrong-delimiter",
		"plant-1/inference/pump1_2022-05-13-09-15-00.csv other-format",
		"plant-1/inference/pump2_20220513091500.json not-csv",
	}, reasons)
	runs := m["runs"].([]any)
	require.Len(t, runs, 3)
	r0 := runs[0].(map[string]any)
	assert.Equal(t, "FAILED", r0["Status"])
	assert.Equal(t, "Could not find data file for sensor pump2 within expected range of (2022-05-13T09:00:00Z, 2022-05-13T09:05:00Z]. "+
		"Please ensure data is present in the expected location.", r0["FailedReason"])
	untaken := m["untaken"].([]any)
	require.Len(t, untaken, 1)
	u := untaken[0].(map[string]any)
	assert.Equal(t, "plant-1/inference/pump2_20220513101000.csv", u["key"])
	assert.Equal(t, float64(5), u["rows"])
	assert.Contains(t, u["hint"], "about -01:00")

	// The text form says the same.
	textArgs := append([]string{args[0]}, args[2:]...) // without -json
	code, text, _ := runInf(t, "", textArgs...)
	assert.Equal(t, exitInvalid, code)
	assert.Contains(t, text, "  runs: 3 runs scheduled from 2022-05-13T09:10:00Z to 2022-05-13T09:20:00Z: 3 would fail\n")
	assert.Contains(t, text, "    plant-1/inference/pump1-20220513091000.csv: delimiter \"-\" before its time\n"+
		"      hint: the request's ComponentTimestampDelimiter is \"_\", this name's \"-\": name it with the request's, or set ComponentTimestampDelimiter to \"-\"\n")
	assert.Contains(t, text, "hint: component names are case-sensitive: did you mean \"pump2\"?")

	// By default, the runs whose windows hold the name times.
	code, out, _ = runInf(t, "", "-inference", "-json", "-data", infDir+"misnamed", "-schema", infSchema, infRequest)
	assert.Equal(t, exitInvalid, code)
	m = decodeInf(t, out)
	assert.Equal(t, "2022-05-13T09:10:00Z", m["from"])
	assert.Equal(t, "2022-05-13T10:15:00Z", m["to"])
	assert.Len(t, m["runs"], 14)
}

// Without a schema, the components are those the names give, and a
// component is never the wrong one.
func TestInferenceNoSchema(t *testing.T) {
	t.Parallel()
	code, out, _ := runInf(t, "", "-inference", "-json", "-data", infDir+"misnamed",
		"-from", "2022-05-13T09:10:00Z", "-to", "2022-05-13T09:10:00Z", infRequest)
	assert.Equal(t, exitInvalid, code)
	m := decodeInf(t, out)
	assert.Equal(t, []any{"Pump2", "pump1", "pump2"}, m["input"].(map[string]any)["components"])
	assert.Len(t, m["misnamed"], 4)
	code, _, _ = runInf(t, "", "-inference", "-data", infDir+"good", infRequest)
	assert.Equal(t, exitOK, code)
}

func TestInferenceErrors(t *testing.T) {
	t.Parallel()
	good, err := readInput(infRequest, nil)
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		out   string // in stdout
		errs  string // in stderr
	}{
		{"no -data", "", []string{"-inference", infRequest}, exitInput, "", "-inference needs -data"},
		{"-from alone", "", []string{"-inference", "-data", infDir + "good", "-from", "2022-05-13T09:00:00Z", infRequest}, exitInput, "", "-from and -to go together"},
		{"bad -to", "", []string{"-inference", "-data", infDir + "good", "-from", "2022-05-13T09:00:00Z", "-to", "09:00", infRequest}, exitInput, "", "not an RFC 3339 time"},
		{"to before from", "", []string{"-inference", "-data", infDir + "good", "-from", "2022-05-13T09:00:00Z", "-to", "2022-05-13T08:00:00Z", infRequest}, exitInput, "", "-to is before -from"},
		{"two files", "", []string{"-inference", "-data", infDir + "good", infRequest, infRequest}, exitInput, "", "give one FILE"},
		{"flag after file", "", []string{"-inference", "-data", infDir + "good", infRequest, "-json"}, exitInput, "", "comes after a file name"},
		{"missing request", "", []string{"-inference", "-data", infDir + "good", infDir + "nope.json"}, exitInput, "", "nope.json: cannot read: file does not exist"},
		{"missing dir", "", []string{"-inference", "-data", infDir + "nope", infRequest}, exitInput, "request.json: ok\n", "preflight: -data " + infDir + "nope: cannot read: file does not exist"},
		{"malformed", "{", []string{"-inference", "-data", infDir + "good", "-"}, exitInput, "<stdin>: line 1", ""},
		{"ingestion request", "", []string{"-inference", "-data", infDir + "good", "testdata/request.json"}, exitInput, "unknown member", ""},
		{"enum", strings.Replace(string(good), `"PT5M"`, `"PT2M"`, 1), []string{"-inference", "-data", infDir + "good", "-"}, exitInvalid,
			"<stdin>: 1 validation error\n  Value 'PT2M' at 'dataUploadFrequency'", ""},
		{"zone", strings.Replace(string(good), `"+00:00"`, `"+15:00"`, 1), []string{"-inference", "-data", infDir + "good", "-"}, exitInvalid,
			"the service refuses this input configuration: inference: InputTimeZoneOffset \"+15:00\"", ""},
		{"bad schema", "", []string{"-inference", "-data", infDir + "good", "-schema", "testdata/schemas/invalid.json", infRequest}, exitInvalid, "schema violation", ""},
		{"no token", strings.Replace(string(good), `"ClientToken": "0d6a3f2e-6c1b-4b8e-9a51-3c2f7e9d4a10",`, "", 1),
			[]string{"-inference", "-data", infDir + "good", "-"}, exitOK, "<stdin>: ok (note: ClientToken is absent", ""},
		{"no token strict", strings.Replace(string(good), `"ClientToken": "0d6a3f2e-6c1b-4b8e-9a51-3c2f7e9d4a10",`, "", 1),
			[]string{"-inference", "-strict", "-data", infDir + "good", "-"}, exitInvalid, "Member must not be null", ""},
		{"nothing fits", strings.Replace(string(good), `"_"`, `"-"`, 1), []string{"-inference", "-data", infDir + "good", "-"}, exitInvalid,
			"no run to check: no key under s3://sensor-data.example/plant-1/inference/ fits the naming", ""},
		{"help", "", []string{"-inference", "-h"}, exitOK, "usage: preflight -inference", ""},
	} {
		code, out, errs := runInf(t, tc.stdin, tc.args...)
		assert.Equal(t, tc.code, code, "%s: %s %s", tc.name, out, errs)
		assert.Contains(t, out, tc.out, tc.name)
		assert.Contains(t, errs, tc.errs, tc.name)
	}
}

func TestInferenceInterrupted(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := runEnv(ctx, []string{"-inference", "-data", infDir + "good", infRequest}, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb})
	assert.Equal(t, exitInterrupted, code)
	assert.Contains(t, errb.String(), "interrupted")
}

func TestInferenceProgress(t *testing.T) {
	t.Parallel()
	args := []string{"-inference", "-data", infDir + "good", "-schema", infSchema, infRequest}
	var out, errb bytes.Buffer
	code := runEnv(context.Background(), args, &env{stdout: &out, stderr: &errb, tty: true, progressDelay: -1, stdin: strings.NewReader("")})
	require.Equal(t, exitOK, code, errb.String())
	// The last line drawn says every file was read, then it is erased.
	assert.Contains(t, errb.String(), "\rreading the inference input: ")
	assert.Regexp(t, `, (\d+) of (\d+) files`, errb.String())
	m := regexpLast(`(\d+) of (\d+) files`, errb.String())
	require.Len(t, m, 3)
	assert.Equal(t, m[1], m[2], "the last update counts every file")
	assert.True(t, strings.HasSuffix(errb.String(), "\r\x1b[K"), "the line is erased: %q", errb.String())
	assert.NotContains(t, out.String(), "reading the inference input", "progress goes to stderr only")

	// Not a terminal: nothing on stderr.
	code, _, errs := runInf(t, "", args...)
	require.Equal(t, exitOK, code)
	assert.Empty(t, errs)
}

// regexpLast returns the submatches of the last match of expr in s.
func regexpLast(expr, s string) []string {
	all := regexp.MustCompile(expr).FindAllStringSubmatch(s, -1)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}
