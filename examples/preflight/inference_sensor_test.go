package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInferenceSensorAndUnusable: a schema sensor that no file of the run
// holds fails the run, naming the sensor; a file ingestion would discard
// is listed as unusable, and its rows are not taken.
func TestInferenceSensorAndUnusable(t *testing.T) {
	t.Parallel()
	dir, put := inferenceBucket(t)
	put("pump1_20220513090500.csv", "Timestamp,pressure\n2022-05-13 09:01:00,1\n")   // no flow
	put("pump2_20220513090500.csv", "Timestamp,pressure\n2022-05-13 09:01:00,\"1\n") // a quote that never closes
	code, out, errs := runInf(t, "", "-inference", "-data", dir, "-schema", infSchema,
		"-from", "2022-05-13T09:10:00Z", "-to", "2022-05-13T09:10:00Z", infRequest)
	assert.Equal(t, exitInvalid, code, errs)
	assert.Contains(t, out, "    pump1: 1 row, 2022-05-13T09:01:00Z to 2022-05-13T09:01:00Z; sensors missing: flow\n")
	assert.Contains(t, out, "FAILED: Could not find data file for sensor pump1 within expected range of (2022-05-13T09:00:00Z, 2022-05-13T09:05:00Z]")
	assert.Contains(t, out, "      plant-1/inference/pump2_20220513090500.csv (in): unusable\n")
	assert.Contains(t, out, "  1 file that runs open but cannot read:\n    \"plant-1/inference/pump2_20220513090500.csv\": line 2, column 2: a quoted field never closes\n")
}

// TestInferenceContentProblems: the records a run drops for their
// timestamp are listed with the first of them and the formats read, a
// file whose every timestamp is unsupported says so, and the data check's
// content hints (epoch numbers, a ';'-separated header) come with their
// codes, beside the name hints, in -json's Hints.
func TestInferenceContentProblems(t *testing.T) {
	t.Parallel()
	dir, put := inferenceBucket(t)
	put("pump1_20220513091000.csv", "Timestamp,pressure,flow\n2022-05-13 09:06:00,1,2\n2022-05-13T09:07:00Z,1,2\n1652432880,1,2\n")
	put("pump2_20220513091000.csv", "Timestamp;pressure\n2022-05-13 09:07:00;1\n")
	put("pump2_20220513091500.csv", "Timestamp,pressure\n1652433000,1\n")
	put("pump1.20220513091500.csv", "Timestamp,pressure,flow\n2022-05-13 09:11:00,1,2\n")
	args := []string{"-inference", "-data", dir, "-schema", infSchema, "-from", "2022-05-13T09:15:00Z", "-to", "2022-05-13T09:15:00Z", infRequest}
	code, out, errs := runInf(t, "", args...)
	assert.Equal(t, exitInvalid, code, errs)
	assert.Contains(t, out, "  unsupported timestamps (records dropped):\n"+
		"    \"plant-1/inference/pump1_20220513091000.csv\": 2 records: line 3 \"2022-05-13T09:07:00Z\", line 4 \"1652432880\"\n"+
		"    \"plant-1/inference/pump2_20220513091500.csv\": 1 record: line 2 \"1652433000\"\n"+
		"    the formats a job reads: yyyy-MM-dd-HH-mm-ss, ")
	assert.Contains(t, out, "    \"plant-1/inference/pump2_20220513091500.csv\": no valid sensor value in a record with a supported "+
		"timestamp (1 unsupported timestamp, the first at line 2: \"1652433000\")\n")
	assert.Contains(t, out, "    invalid column name \"Timestamp;pressure\" in column 1 of "+
		"s3://sensor-data.example/plant-1/inference/pump2_20220513091000.csv")
	assert.Contains(t, out, "  hint: \"plant-1/inference/pump1_20220513091000.csv\": line 4: \"1652432880\" looks like a time since 1970 "+
		"(2022-05-13 09:08:00 UTC)")
	assert.Contains(t, out, "  hint: \"plant-1/inference/pump2_20220513091000.csv\": its header holds ';'")

	code, out, errs = runInf(t, "", append([]string{"-json"}, args...)...)
	assert.Equal(t, exitInvalid, code, errs)
	var rep struct {
		Problems []struct {
			Key                   string
			UnsupportedTimestamps int64
			Samples               []struct {
				Line  int64
				Value string
			}
		} `json:"problems"`
		Hints []hint
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
	require.Len(t, rep.Problems, 2)
	assert.Equal(t, "plant-1/inference/pump1_20220513091000.csv", rep.Problems[0].Key)
	assert.Equal(t, int64(2), rep.Problems[0].UnsupportedTimestamps)
	assert.Len(t, rep.Problems[0].Samples, 2)
	var codes []string
	for _, h := range rep.Hints {
		codes = append(codes, h.Code)
	}
	assert.Equal(t, []string{"name-wrong-delimiter", hintEpoch, hintSemicolon, hintEpoch}, codes)
}

// TestInferenceRowsOutsideSpan: a file named in a run's window whose rows
// all lie outside the span of the runs checked (written in another zone)
// is listed with all its rows and the zone's hint; a file a run opens only
// as its neighbour (before or after its window) is not.
func TestInferenceRowsOutsideSpan(t *testing.T) {
	t.Parallel()
	dir, put := inferenceBucket(t)
	put("pump1_20220513091000.csv", "Timestamp,pressure,flow\n2022-05-13 09:06:00,1,2\n")
	put("pump1_20220513092000.csv", "Timestamp,pressure,flow\n2022-05-13 09:16:00,1,2\n") // after the span: a neighbour
	put("pump2_20220513091000.csv", "Timestamp,pressure\n2022-05-13 14:36:00,1\n2022-05-13 14:37:00,1\n")
	args := []string{"-inference", "-data", dir, "-schema", infSchema, "-from", "2022-05-13T09:15:00Z", "-to", "2022-05-13T09:15:00Z", infRequest}
	code, out, errs := runInf(t, "", args...)
	assert.Equal(t, exitInvalid, code, errs)
	assert.Contains(t, out, "  1 file with rows outside the windows of the runs that open them:\n"+
		"    plant-1/inference/pump2_20220513091000.csv (named 2022-05-13T09:10:00Z): 2 rows from 2022-05-13T14:36:00Z to "+
		"2022-05-13T14:37:00Z, none in the windows of the runs checked, though a run opens it by its name\n"+
		"      hint: its rows are about +05:30 from its name's time")

	code, out, errs = runInf(t, "", append([]string{"-json"}, args...)...)
	assert.Equal(t, exitInvalid, code, errs)
	var rep struct {
		Untaken []struct {
			Key         string `json:"key"`
			Rows        int64  `json:"rows"`
			OutsideSpan bool   `json:"outside_span"`
		} `json:"untaken"`
		Hints []hint
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
	require.Len(t, rep.Untaken, 1)
	assert.Equal(t, "plant-1/inference/pump2_20220513091000.csv", rep.Untaken[0].Key)
	assert.Equal(t, int64(2), rep.Untaken[0].Rows)
	assert.True(t, rep.Untaken[0].OutsideSpan)
	require.Len(t, rep.Hints, 1)
	assert.Equal(t, hintNameZone, rep.Hints[0].Code)
}

// inferenceBucket makes a DIR bucket for infRequest's input, and put, which
// writes a file of its prefix (plant-1/inference/).
func inferenceBucket(t *testing.T) (dir string, put func(name, body string)) {
	t.Helper()
	dir = t.TempDir()
	pre := filepath.Join(dir, "plant-1", "inference")
	require.NoError(t, os.MkdirAll(pre, 0o755))
	return dir, func(name, body string) {
		t.Helper()
		require.NoError(t, os.WriteFile(filepath.Join(pre, name), []byte(body), 0o644))
	}
}
