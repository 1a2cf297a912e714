package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// The sample bucket, testdata/bucket, read with testdata/request.json
// (Bucket sensor-data.example, Prefix plant-1/pumps/, KeyPattern
// {prefix}/{component_name}/*), worked out by hand from the files:
//
// Keys under the prefix (8):
//   - README.txt: directly under the prefix, no component: ignored.
//   - pump-1/archive/2023.csv: a folder too deep: ignored.
//   - pump-1/week-1.csv, pump-1/week-2.csv, pump-2/export.csv,
//     pump-2/march.csv, pump-2/notes.txt, pump-3/march.csv: matched (6).
//   - pump-2/notes.txt: not .csv: discarded unread.
//   - pump-2/export.csv: line 2 opens a quote ("11.9) that never closes:
//     discarded (line 2, column 2).
//
// So 6 matched, 4 ingested, 2 discarded (in key order: export.csv,
// notes.txt), 2 ignored. IngestedDataSize: 309 + 345 + 218 + 164 = 1036
// bytes (week-1: a 36-byte header and 8 records of 35 bytes less the 4, 2
// and 1 bytes of "", "NA" and "hot" against "12.1", "3.02" and "41.5": 309;
// the other sizes as wc -c gives them).
//
// pump-1 (Flow, Pressure, Temperature), week-1: 8 records, days 1 to 8:
// Flow empty on day 3 (missing), Pressure NA on day 4 (missing),
// Temperature "hot" on day 5 (invalid). week-2: 9 records: day 8 again
// (duplicates week-1's day 8 for all three sensors), day 9 as
// 2024-03-09T00:00:00 (a supported format), "03/10/2024 00:00"
// (unsupported: dropped), day 11 with a fifth field (ragged), day 12
// Pressure N/A (missing), day 14 Temperature empty (missing), days 13, 15
// and 16. Records per sensor: 8 + 8 = 16.
//   - Flow: missing 1 = 6.25%; invalid 0.
//   - Pressure: missing 2 = 12.5%; invalid 0.
//   - Temperature: missing 1 = 6.25%; invalid 1 = 6.25%.
//   - each: 1 duplicate = 6.25%; 1 invalid date of 1 + 16 =
//     5.88235294117647%; valid values from 2024-03-01 to 2024-03-16
//     (1709251200 to 1710547200: 15 days, not short).
//
// pump-2 (Flow, Vibration), march.csv: 8 records every other day from
// 2024-03-01 to 2024-03-15 (yyyy-MM-dd HH:mm).
//   - Flow: NaN on day 11 (missing, 12.5%), #VALUE! on day 13 (invalid,
//     12.5%); valid from day 1 to day 15: 14 days exactly (1209600 s),
//     which is not less than 14 days: not short.
//   - Vibration: valid on days 1 and 3 only (short: 2 days, 1709251200 to
//     1709424000); "1,5" quoted on day 5 (invalid, 12.5%); empty on days
//     7 to 15 (5 missing, 62.5%).
//   - no duplicate, no invalid date (0 of 0 + 8: 0%).
//
// pump-3 (Current, Speed), march.csv: 6 lines: 2024/03/01 00:00:00,
// 20240302 00:00:00, 2024-03-02T00:00 (the same instant as the line
// before, in another format: a duplicate), 1709424000 (epoch seconds:
// unsupported), 2024-03-04 and 2024-03-05 00:00:00. 5 records.
//   - Current: all valid (0 missing, 0 invalid), 2024-03-01 to 2024-03-05
//     (1709596800): short; 1 duplicate of 5 = 20%; 1 invalid date of 1 + 5
//     = 16.666666666666664% (1.0/6*100 in float64).
//   - Speed: "fast" on 03-04 (invalid, 20%), empty elsewhere (4 missing,
//     80%): no valid value; 1 duplicate, 20%; the same invalid dates.
//
// Sums over the 7 sensors: missing values in 6 (1+2+1+1+5+0+4 = 14),
// invalid in 4 (Temperature, pump-2 Flow, Vibration, Speed: 4), without a
// valid value 1 (Speed), a short date range 2 (Vibration, Current).
// Duplicate records: 1 (pump-1) + 1 (pump-3) = 2. Unsupported timestamps: 1
// + 1 = 2. Ragged records: 1. DataStartTime 2024-03-01 (1709251200),
// DataEndTime 2024-03-16 (1710547200).
//
// The heuristics (section 4b of lookout/ingest), values in read order:
//   - pump-1 Flow 12.1 12.3 12.2 12.4 12.0 12.5 12.6 | 12.6 12.7 12.9 ...
//     13.4 (14 distinct; 12.3 then 12.2: not monotonic), Pressure (13
//     distinct, 3.02 then 3.05 then 3.01) and Temperature (13 distinct,
//     41.7 then 41.6): none flagged; their bimodality coefficients, worked
//     apart, are 0.391, 0.367 and 0.353, under 5/9. Their records are
//     daily but for 03-10 (unsupported): the longest gap 2 days.
//   - pump-2 Flow: 8.1 8.2 8.0 8.3 8.4 8.5: 6 distinct, categorical;
//     Vibration: 0.12 then 0.15: 2 distinct, categorical, and INCREASING
//     (0.03 > 0.001 * 0.15: not STATIC). Records every 2 days: 2.
//   - pump-3 Current: 4.2 4.3 4.3 4.4 4.5 (the 4.1 of the epoch line is
//     dropped): 4 distinct, INCREASING; records 03-01, 03-02, 03-04, 03-05:
//     2 days. Speed: no valid value: not categorical (0 values), no
//     monotonicity; the same records: 2 days.
//   - no gap of more than 30 days, no multiple modes.
//
// The worst sensors by missing + invalid percentage: Speed 100, Vibration
// 75, pump-2 Flow 25, then pump-1 Pressure and Temperature at 12.5 (ties
// in sensor order), pump-1 Flow 6.25 is the sixth: left out.
const sampleText = `testdata/request.json: ok
  data: testdata/bucket, as s3://sensor-data.example/plant-1/pumps/
  ingestion: SUCCESS, with warnings
  files: 6 matched, 4 ingested (1036 bytes), 2 discarded; 2 keys ignored
  time: 2024-03-01 00:00:00 to 2024-03-16 00:00:00 (UTC)
  records: 2 duplicate timestamps, 2 unsupported timestamps, 1 ragged record
  sensors: 7: 6 with missing values (14 in all), 4 with invalid values (4 in all), 1 without a valid value, 2 with less than 14 days of data
  heuristics: 3 categorical, 2 monotonic, 0 with multiple operating modes, 0 with gaps over 30 days
  flagged sensors:
    pump-2/Flow: categorical (6 values)
    pump-2/Vibration: categorical (2 values), monotonic (INCREASING)
    pump-3/Current: categorical (4 values), monotonic (INCREASING)
  worst sensors (missing + invalid values):
    pump-3/Speed: 80% missing, 20% invalid, no valid value
    pump-2/Vibration: 62.5% missing, 12.5% invalid, less than 14 days of data; categorical (2 values), monotonic (INCREASING)
    pump-2/Flow: 12.5% missing, 12.5% invalid; categorical (6 values)
    pump-1/Pressure: 12.5% missing, 0% invalid
    pump-1/Temperature: 6.25% missing, 6.25% invalid
  discarded files:
    "plant-1/pumps/pump-2/export.csv": line 2, column 2: a quoted field never closes
    "plant-1/pumps/pump-2/notes.txt": the key does not end in .csv
  ignored keys (no component):
    "plant-1/pumps/README.txt"
    "plant-1/pumps/pump-1/archive/2023.csv"
  unsupported timestamps (records dropped):
    "plant-1/pumps/pump-1/week-2.csv": 1 record: line 4 "03/10/2024 00:00"
    "plant-1/pumps/pump-3/march.csv": 1 record: line 5 "1709424000"
    the formats a job reads: ` + formatsLine + `
  hint: "plant-1/pumps/pump-3/march.csv": line 5: "1709424000" looks like a time since 1970 (2024-03-03 00:00:00 UTC); ` +
	`a job reads no epoch numbers: write the timestamps in a documented format, such as yyyy-MM-dd HH:mm:ss
`

// formatsLine is the documented timestamp formats, as the report lists
// them.
const formatsLine = "yyyy-MM-dd-HH-mm-ss, yyyy-MM-dd'T'HH:mm:ss, yyyy-MM-dd HH:mm:ss, yyyy-MM-dd-HH:mm:ss, yyyy-MM-dd'T'HH:mm, " +
	"yyyy-MM-dd HH:mm, yyyy-MM-dd-HH:mm, yyyy/MM/dd'T'HH:mm:ss, yyyyMMdd'T'HH:mm, yyyyMMdd HH:mm, yyyyMMddHHmm, " +
	"yyyy/MM/dd HH:mm:ss, yyyyMMdd'T'HH:mm:ss, yyyyMMdd HH:mm:ss, yyyyMMddHHmmss, yyyy/MM/dd'T'HH:mm, yyyy/MM/dd HH:mm, " +
	"yyyy MM dd'T'HH:mm:ss, yyyy MM dd HH:mm:ss, yyyy MM dd'T'HH:mm, yyyy MM dd HH:mm"

// sampleHints is the member Hints of the sample's -json entry.
const sampleHints = `[{"Code": "epoch-timestamps", "Message": "\"plant-1/pumps/pump-3/march.csv\": line 5: \"1709424000\" looks like a time since 1970 (2024-03-03 00:00:00 UTC); a job reads no epoch numbers: write the timestamps in a documented format, such as yyyy-MM-dd HH:mm:ss"}]`

// sampleIngestion is the member Ingestion of the sample's -json entry: the
// same figures as sampleText, worked out above.
const sampleIngestion = `{
  "Status": "SUCCESS",
  "IngestedFilesSummary": {"TotalNumberOfFiles": 6, "IngestedNumberOfFiles": 4, "DiscardedFiles": [
    {"Bucket": "sensor-data.example", "Key": "plant-1/pumps/pump-2/export.csv"},
    {"Bucket": "sensor-data.example", "Key": "plant-1/pumps/pump-2/notes.txt"}]},
  "DataQualitySummary": {
    "InsufficientSensorData": {"MissingCompleteSensorData": {"AffectedSensorCount": 1},
                               "SensorsWithShortDateRange": {"AffectedSensorCount": 2}},
    "MissingSensorData": {"AffectedSensorCount": 6, "TotalNumberOfMissingValues": 14},
    "InvalidSensorData": {"AffectedSensorCount": 4, "TotalNumberOfInvalidValues": 4},
    "UnsupportedTimestamps": {"TotalNumberOfUnsupportedTimestamps": 2},
    "DuplicateTimestamps": {"TotalNumberOfDuplicateTimestamps": 2}},
  "IngestedDataSize": 1036,
  "DataStartTime": 1709251200,
  "DataEndTime": 1710547200,
  "SensorStatisticsSummaries": [
    {"ComponentName": "pump-1", "SensorName": "Flow", "DataExists": true,
     "MissingValues": {"Count": 1, "Percentage": 6.25}, "InvalidValues": {"Count": 0, "Percentage": 0},
     "InvalidDateEntries": {"Count": 1, "Percentage": 5.88235294117647}, "DuplicateTimestamps": {"Count": 1, "Percentage": 6.25},
     "DataStartTime": 1709251200, "DataEndTime": 1710547200,
     "CategoricalValues": {"Status": "NO_ISSUE_DETECTED"},
     "LargeTimestampGaps": {"MaxTimestampGapInDays": 2, "NumberOfLargeTimestampGaps": 0, "Status": "NO_ISSUE_DETECTED"},
     "MonotonicValues": {"Status": "NO_ISSUE_DETECTED"}, "MultipleOperatingModes": {"Status": "NO_ISSUE_DETECTED"}},
    {"ComponentName": "pump-1", "SensorName": "Pressure", "DataExists": true,
     "MissingValues": {"Count": 2, "Percentage": 12.5}, "InvalidValues": {"Count": 0, "Percentage": 0},
     "InvalidDateEntries": {"Count": 1, "Percentage": 5.88235294117647}, "DuplicateTimestamps": {"Count": 1, "Percentage": 6.25},
     "DataStartTime": 1709251200, "DataEndTime": 1710547200,
     "CategoricalValues": {"Status": "NO_ISSUE_DETECTED"},
     "LargeTimestampGaps": {"MaxTimestampGapInDays": 2, "NumberOfLargeTimestampGaps": 0, "Status": "NO_ISSUE_DETECTED"},
     "MonotonicValues": {"Status": "NO_ISSUE_DETECTED"}, "MultipleOperatingModes": {"Status": "NO_ISSUE_DETECTED"}},
    {"ComponentName": "pump-1", "SensorName": "Temperature", "DataExists": true,
     "MissingValues": {"Count": 1, "Percentage": 6.25}, "InvalidValues": {"Count": 1, "Percentage": 6.25},
     "InvalidDateEntries": {"Count": 1, "Percentage": 5.88235294117647}, "DuplicateTimestamps": {"Count": 1, "Percentage": 6.25},
     "DataStartTime": 1709251200, "DataEndTime": 1710547200,
     "CategoricalValues": {"Status": "NO_ISSUE_DETECTED"},
     "LargeTimestampGaps": {"MaxTimestampGapInDays": 2, "NumberOfLargeTimestampGaps": 0, "Status": "NO_ISSUE_DETECTED"},
     "MonotonicValues": {"Status": "NO_ISSUE_DETECTED"}, "MultipleOperatingModes": {"Status": "NO_ISSUE_DETECTED"}},
    {"ComponentName": "pump-2", "SensorName": "Flow", "DataExists": true,
     "MissingValues": {"Count": 1, "Percentage": 12.5}, "InvalidValues": {"Count": 1, "Percentage": 12.5},
     "InvalidDateEntries": {"Count": 0, "Percentage": 0}, "DuplicateTimestamps": {"Count": 0, "Percentage": 0},
     "DataStartTime": 1709251200, "DataEndTime": 1710460800,
     "CategoricalValues": {"NumberOfCategory": 6, "Status": "POTENTIAL_ISSUE_DETECTED"},
     "LargeTimestampGaps": {"MaxTimestampGapInDays": 2, "NumberOfLargeTimestampGaps": 0, "Status": "NO_ISSUE_DETECTED"},
     "MonotonicValues": {"Status": "NO_ISSUE_DETECTED"}, "MultipleOperatingModes": {"Status": "NO_ISSUE_DETECTED"}},
    {"ComponentName": "pump-2", "SensorName": "Vibration", "DataExists": true,
     "MissingValues": {"Count": 5, "Percentage": 62.5}, "InvalidValues": {"Count": 1, "Percentage": 12.5},
     "InvalidDateEntries": {"Count": 0, "Percentage": 0}, "DuplicateTimestamps": {"Count": 0, "Percentage": 0},
     "DataStartTime": 1709251200, "DataEndTime": 1709424000,
     "CategoricalValues": {"NumberOfCategory": 2, "Status": "POTENTIAL_ISSUE_DETECTED"},
     "LargeTimestampGaps": {"MaxTimestampGapInDays": 2, "NumberOfLargeTimestampGaps": 0, "Status": "NO_ISSUE_DETECTED"},
     "MonotonicValues": {"Monotonicity": "INCREASING", "Status": "POTENTIAL_ISSUE_DETECTED"}, "MultipleOperatingModes": {"Status": "NO_ISSUE_DETECTED"}},
    {"ComponentName": "pump-3", "SensorName": "Current", "DataExists": true,
     "MissingValues": {"Count": 0, "Percentage": 0}, "InvalidValues": {"Count": 0, "Percentage": 0},
     "InvalidDateEntries": {"Count": 1, "Percentage": 16.666666666666664}, "DuplicateTimestamps": {"Count": 1, "Percentage": 20},
     "DataStartTime": 1709251200, "DataEndTime": 1709596800,
     "CategoricalValues": {"NumberOfCategory": 4, "Status": "POTENTIAL_ISSUE_DETECTED"},
     "LargeTimestampGaps": {"MaxTimestampGapInDays": 2, "NumberOfLargeTimestampGaps": 0, "Status": "NO_ISSUE_DETECTED"},
     "MonotonicValues": {"Monotonicity": "INCREASING", "Status": "POTENTIAL_ISSUE_DETECTED"}, "MultipleOperatingModes": {"Status": "NO_ISSUE_DETECTED"}},
    {"ComponentName": "pump-3", "SensorName": "Speed", "DataExists": false,
     "MissingValues": {"Count": 4, "Percentage": 80}, "InvalidValues": {"Count": 1, "Percentage": 20},
     "InvalidDateEntries": {"Count": 1, "Percentage": 16.666666666666664}, "DuplicateTimestamps": {"Count": 1, "Percentage": 20},
     "CategoricalValues": {"Status": "NO_ISSUE_DETECTED"},
     "LargeTimestampGaps": {"MaxTimestampGapInDays": 2, "NumberOfLargeTimestampGaps": 0, "Status": "NO_ISSUE_DETECTED"},
     "MonotonicValues": {"Status": "NO_ISSUE_DETECTED"}, "MultipleOperatingModes": {"Status": "NO_ISSUE_DETECTED"}}],
  "Ignored": ["plant-1/pumps/README.txt", "plant-1/pumps/pump-1/archive/2023.csv"],
  "RaggedRecords": 1,
  "Discards": [
    {"Key": "plant-1/pumps/pump-2/export.csv", "Reason": "unclosed-quote", "Line": 2, "Column": 2,
     "Message": "\"plant-1/pumps/pump-2/export.csv\": line 2, column 2: a quoted field never closes"},
    {"Key": "plant-1/pumps/pump-2/notes.txt", "Reason": "not-csv-key",
     "Message": "\"plant-1/pumps/pump-2/notes.txt\": the key does not end in .csv"}],
  "Problems": [
    {"Key": "plant-1/pumps/pump-1/week-2.csv", "UnsupportedTimestamps": 1, "Samples": [{"Line": 4, "Value": "03/10/2024 00:00"}]},
    {"Key": "plant-1/pumps/pump-3/march.csv", "UnsupportedTimestamps": 1, "Samples": [{"Line": 5, "Value": "1709424000"}]}]
}`

// plant2Reason is the FailedReason of testdata/request-plant-2.json:
// plant-2/compressors/comp-1/march.csv has a header name with a space
// ("Outlet Pressure", column 2), which fails the whole job, however good
// comp-2's file is.
const plant2Reason = `invalid column name "Outlet Pressure" in column 2 of ` +
	`s3://sensor-data.example/plant-2/compressors/comp-1/march.csv: a name must match ^[0-9a-zA-Z:#$.\-_]{1,200}$`

// sampleEntry returns the -json entry of testdata/request.json checked
// against dataLabel with the given Ingestion member.
func sampleEntry(dataLabel, ingestion string) string {
	return `{"file": "testdata/request.json", "ok": true, "errors": [], "data": "` + dataLabel + `", "Ingestion": ` + ingestion +
		`, "Hints": ` + sampleHints + `}`
}

const sampleDir = "testdata/bucket, as s3://sensor-data.example/plant-1/pumps/"

func TestRunData(t *testing.T) {
	t.Parallel()
	schemaInvalid := `testdata/schemas/invalid.json: 2 schema violations
  Components[0].ComponentName: 'pump 1' must satisfy ^[0-9a-zA-Z._\-]{1,200}$: character 4 (' ') is not allowed
  Components[1].Columns[0].Type: 'TIMESTAMP' must be DATETIME: a component's first column is its timestamp
`
	tests := []struct {
		name       string
		args       []string
		wantOut    string
		wantErr    string
		wantStatus int
	}{
		{name: "the sample bucket: SUCCESS with warnings", args: []string{"-data", "testdata/bucket", "testdata/request.json"},
			wantOut: sampleText, wantStatus: exitOK},
		{name: "a schema that agrees with the files changes nothing",
			args:    []string{"-data", "testdata/bucket", "-schema", "testdata/schemas/pumps.json", "testdata/request.json"},
			wantOut: sampleText, wantStatus: exitOK},
		{name: "an invalid header name fails the job",
			args: []string{"-data", "testdata/bucket", "testdata/request-plant-2.json"},
			wantOut: "testdata/request-plant-2.json: ok\n" +
				"  data: testdata/bucket, as s3://sensor-data.example/plant-2/compressors/\n" +
				"  ingestion: FAILED: " + plant2Reason + "\n" +
				"  invalid header names (a name must match ^[0-9a-zA-Z:#$.\\-_]{1,200}$):\n" +
				"    \"plant-2/compressors/comp-1/march.csv\": column 2: \"Outlet Pressure\"\n",
			wantStatus: exitInvalid},
		{name: "an invalid schema: every violation with its path, and no data check",
			args:       []string{"-data", "testdata/bucket", "-schema", "testdata/schemas/invalid.json", "testdata/request.json"},
			wantOut:    schemaInvalid + "testdata/request.json: ok\n  data: not checked: the schema is invalid\n",
			wantStatus: exitInvalid},
		{name: "an unreadable schema",
			args:       []string{"-data", "testdata/bucket", "-schema", "testdata/missing.json", "testdata/request.json"},
			wantOut:    "testdata/request.json: ok\n  data: not checked: the schema cannot be read\n",
			wantErr:    "testdata/missing.json: cannot read: file does not exist\n",
			wantStatus: exitInput},
		{name: "an invalid request: no data check", args: []string{"-data", "testdata/bucket", "testdata/violations.json"},
			wantOut: outViolations, wantStatus: exitInvalid},
		{name: "a missing directory", args: []string{"-data", "testdata/nothing", "testdata/request.json"},
			wantErr: "preflight: -data testdata/nothing: cannot read: file does not exist\n", wantStatus: exitInput},
		{name: "a file for a directory", args: []string{"-data", "testdata/request.json", "testdata/request.json"},
			wantErr:    "preflight: -data testdata/request.json: not a directory (it holds the bucket's objects, DIR/<key>)\n",
			wantStatus: exitInput},
		{name: "a prefix with no object fails the job", args: []string{"-data", "testdata/bucket/plant-1", "testdata/request.json"},
			wantOut: "testdata/request.json: ok\n" +
				"  data: testdata/bucket/plant-1, as s3://sensor-data.example/plant-1/pumps/\n" +
				"  ingestion: FAILED: no object under s3://sensor-data.example/plant-1/pumps/ matches the key pattern\n" +
				"  hint: -data testdata/bucket/plant-1 seems to be the folder \"plant-1/\" of the Prefix, inside the bucket: " +
				"-data is the folder that holds the bucket's keys: -data testdata/bucket\n",
			wantStatus: exitInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			got := run(tt.args, strings.NewReader(""), &stdout, &stderr)
			assert.Equal(t, tt.wantStatus, got)
			assert.Equal(t, tt.wantOut, stdout.String())
			assert.Equal(t, tt.wantErr, stderr.String())
		})
	}
}

func TestRunDataJSON(t *testing.T) {
	t.Parallel()
	failed := `{"file": "testdata/request-plant-2.json", "ok": false, "errors": [],
		"data": "testdata/bucket, as s3://sensor-data.example/plant-2/compressors/",
		"Ingestion": {"Status": "FAILED", "FailedReason": ` + jsonString(t, plant2Reason) + `,
		              "Ignored": [], "RaggedRecords": 0,
		              "Problems": [{"Key": "plant-2/compressors/comp-1/march.csv", "InvalidNameCount": 1,
		                            "InvalidNames": [{"Column": 2, "Name": "Outlet Pressure"}]}]}}`
	tests := []struct {
		name       string
		args       []string
		want       string
		wantStatus int
	}{
		{name: "the sample bucket", args: []string{"-json", "-data", "testdata/bucket", "testdata/request.json"},
			want:       `{"ok": true, "files": [` + sampleEntry(sampleDir, sampleIngestion) + `]}`,
			wantStatus: exitOK},
		{name: "with a schema", args: []string{"-json", "-data", "testdata/bucket", "-schema", "testdata/schemas/pumps.json", "testdata/request.json"},
			want: `{"ok": true, "schema": {"file": "testdata/schemas/pumps.json", "ok": true, "errors": []},
				"files": [` + sampleEntry(sampleDir, sampleIngestion) + `]}`,
			wantStatus: exitOK},
		{name: "a job that fails", args: []string{"-json", "-data", "testdata/bucket", "testdata/request-plant-2.json"},
			want: `{"ok": false, "files": [` + failed + `]}`, wantStatus: exitInvalid},
		{name: "an invalid schema", args: []string{"-json", "-data", "testdata/bucket", "-schema", "testdata/schemas/invalid.json", "testdata/request.json"},
			want: `{"ok": false, "schema": {"file": "testdata/schemas/invalid.json", "ok": false, "errors": [
				{"path": "Components[0].ComponentName", "offset": 37, "reason": "NameCharacter",
				 "message": "Components[0].ComponentName: 'pump 1' must satisfy ^[0-9a-zA-Z._\\-]{1,200}$: character 4 (' ') is not allowed"},
				{"path": "Components[1].Columns[0].Type", "offset": 226, "reason": "TimestampType",
				 "message": "Components[1].Columns[0].Type: 'TIMESTAMP' must be DATETIME: a component's first column is its timestamp"}]},
				"files": [{"file": "testdata/request.json", "ok": true, "errors": [], "data": "not checked: the schema is invalid"}]}`,
			wantStatus: exitInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			got := run(tt.args, strings.NewReader(""), &stdout, &stderr)
			assert.Equal(t, tt.wantStatus, got)
			assert.JSONEq(t, tt.want, stdout.String())
			assert.Empty(t, stderr.String())
		})
	}
}

func jsonString(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	require.NoError(t, err)
	return string(b)
}

// TestRunDataSchemaNarrows: a schema that names only pump-1, with a sensor
// no file has. pump-2's and pump-3's files are then unmatched (ignored),
// and Level is a sensor without data.
func TestRunDataSchemaNarrows(t *testing.T) {
	t.Parallel()
	schema := filepath.Join(t.TempDir(), "schema.json")
	require.NoError(t, os.WriteFile(schema, []byte(`{"Components": [{"ComponentName": "pump-1", "Columns": [
		{"Name": "Timestamp", "Type": "DATETIME"}, {"Name": "Flow", "Type": "DOUBLE"}, {"Name": "Level", "Type": "DOUBLE"},
		{"Name": "Pressure", "Type": "DOUBLE"}, {"Name": "Temperature", "Type": "DOUBLE"}]}]}`), 0o600))
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, run([]string{"-json", "-data", "testdata/bucket", "-schema", schema, "testdata/request.json"},
		nil, &stdout, &stderr), stderr.String())
	var rep struct {
		Files []struct {
			Ingestion struct {
				IngestedFilesSummary      struct{ TotalNumberOfFiles, IngestedNumberOfFiles int }
				SensorStatisticsSummaries []struct {
					ComponentName, SensorName string
					DataExists                bool
				}
				Ignored []string
			}
		}
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep))
	in := rep.Files[0].Ingestion
	assert.Equal(t, 2, in.IngestedFilesSummary.TotalNumberOfFiles, "pump-1's two files")
	assert.Equal(t, 2, in.IngestedFilesSummary.IngestedNumberOfFiles)
	assert.Equal(t, []string{"plant-1/pumps/README.txt", "plant-1/pumps/pump-1/archive/2023.csv",
		"plant-1/pumps/pump-2/export.csv", "plant-1/pumps/pump-2/march.csv", "plant-1/pumps/pump-2/notes.txt",
		"plant-1/pumps/pump-3/march.csv"}, in.Ignored)
	require.Len(t, in.SensorStatisticsSummaries, 4)
	assert.Equal(t, "Level", in.SensorStatisticsSummaries[1].SensorName)
	assert.False(t, in.SensorStatisticsSummaries[1].DataExists)
}

func TestRunDataUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		args      []string
		wantFirst string
	}{
		{"-schema without -data", []string{"-schema", "testdata/schemas/pumps.json", "testdata/request.json"}, "preflight: -schema needs -data"},
		{"-data with two files", []string{"-data", "testdata/bucket", "testdata/request.json", "testdata/request.json"},
			"preflight: -data checks the objects of one request: give one FILE"},
		{"-data empty", []string{"-data=", "testdata/request.json"}, "preflight: -data and -schema need a value"},
		{"-schema empty", []string{"-data", "testdata/bucket", "-schema", "", "testdata/request.json"},
			"preflight: -data and -schema need a value"},
		{"-data without a value", []string{"-data"}, "preflight: flag needs an argument: -data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			assert.Equal(t, exitInput, run(tt.args, nil, &stdout, &stderr))
			assert.Empty(t, stdout.String())
			first, _, _ := strings.Cut(stderr.String(), "\n")
			assert.Equal(t, tt.wantFirst, first)
		})
	}
}

// TestSampleBucketSmall: the sample data stays small.
func TestSampleBucketSmall(t *testing.T) {
	t.Parallel()
	var total int64
	require.NoError(t, filepath.Walk("testdata", func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			total += info.Size()
		}
		return err
	}))
	assert.Less(t, total, int64(200<<10))
}

// blockingSource is a source whose reads wait until their context is done.
type blockingSource struct {
	ingest.Source
	opened chan struct{}
	once   sync.Once
}

func (s *blockingSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	s.once.Do(func() { close(s.opened) })
	<-ctx.Done()
	return nil, ctx.Err()
}

// stuckSource's reads block until release is closed, whatever their
// context: a stalled disk.
type stuckSource struct {
	ingest.Source
	opened, release chan struct{}
	once            sync.Once
}

func (s *stuckSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	s.once.Do(func() { close(s.opened) })
	<-s.release
	return nil, io.ErrUnexpectedEOF
}

// failingOpen fails every open with err.
type failingOpen struct {
	ingest.Source
	err error
}

func (s failingOpen) Open(context.Context, string, int64, int64) (io.ReadCloser, error) {
	return nil, s.err
}

// TestRunDataUnreadable: an object that cannot be read fails the job with
// its key, and the exit status is 2: the data could not be read.
func TestRunDataUnreadable(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	code := runEnv(context.Background(), []string{"-data", "testdata/bucket", "testdata/request.json"}, &env{stdout: &stdout, stderr: &stderr,
		wrapSource: func(s ingest.Source) ingest.Source { return failingOpen{s, errors.New("AccessDenied")} }})
	assert.Equal(t, exitInput, code)
	assert.Contains(t, stdout.String(), "  ingestion: FAILED: cannot read s3://sensor-data.example/plant-1/pumps/pump-1/week-1.csv: AccessDenied\n")
}

func TestRunDataCancelled(t *testing.T) {
	t.Parallel()
	args := []string{"-data", "testdata/bucket", "testdata/request.json"}
	const interrupted = "preflight: interrupted: the data check did not finish\n"

	t.Run("before it starts", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var stdout, stderr bytes.Buffer
		assert.Equal(t, exitInterrupted, runEnv(ctx, args, &env{stdout: &stdout, stderr: &stderr}))
		assert.Empty(t, stdout.String())
		assert.Equal(t, interrupted, stderr.String())
	})
	t.Run("while it reads", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		src := &blockingSource{opened: make(chan struct{})}
		var stdout, stderr bytes.Buffer
		done := make(chan int)
		go func() {
			done <- runEnv(ctx, args, &env{stdout: &stdout, stderr: &stderr, tty: true, progressDelay: -1,
				wrapSource: func(s ingest.Source) ingest.Source { src.Source = s; return src }})
		}()
		<-src.opened
		cancel()
		select {
		case code := <-done:
			assert.Equal(t, exitInterrupted, code)
		case <-time.After(10 * time.Second):
			t.Fatal("the check did not stop after its context was cancelled")
		}
		assert.Empty(t, stdout.String())
		assert.True(t, strings.HasSuffix(stderr.String(), interrupted), "%q", stderr.String())
		assert.NotContains(t, strings.TrimSuffix(stderr.String(), interrupted), "\n",
			"the progress line is erased, not left behind")
	})
	t.Run("while a read is stuck", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		src := &stuckSource{opened: make(chan struct{}), release: make(chan struct{})}
		defer close(src.release)
		var stdout, stderr bytes.Buffer
		done := make(chan int)
		go func() {
			done <- runEnv(ctx, args, &env{stdout: &stdout, stderr: &stderr,
				wrapSource: func(s ingest.Source) ingest.Source { src.Source = s; return src }})
		}()
		<-src.opened
		cancel()
		assert.Equal(t, exitInterrupted, <-done)
		assert.Equal(t, interrupted, stderr.String())
	})
}

// TestRunDataProgress: progress is drawn on stderr only when it is a
// terminal, and erased when the check ends; stdout is the same.
func TestRunDataProgress(t *testing.T) {
	t.Parallel()
	args := []string{"-data", "testdata/bucket", "testdata/request.json"}
	for _, tty := range []bool{false, true} {
		var stdout, stderr bytes.Buffer
		code := runEnv(context.Background(), args, &env{stdout: &stdout, stderr: &stderr, tty: tty, progressDelay: -1})
		assert.Equal(t, exitOK, code)
		assert.Equal(t, sampleText, stdout.String())
		if !tty {
			assert.Empty(t, stderr.String(), "nothing on a non-terminal")
			continue
		}
		got := stderr.String()
		assert.True(t, strings.HasPrefix(got, "\rchecking the data: "), "%q", got)
		assert.Contains(t, got, "1.1 kB of 1.1 kB (100%), 6 of 6 files")
		assert.True(t, strings.HasSuffix(got, "\r\x1b[K"), "the line is erased at the end: %q", got)
	}
}

// TestRunDataReportCuts: the report lists the first 10 ignored keys and
// counts the rest; a job that fails still lists its discarded files and
// ignored keys; a job without a problem has no warnings.
func TestRunDataReportCuts(t *testing.T) {
	t.Parallel()
	write := func(t *testing.T, dir, key, body string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(key))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	}
	request := func(t *testing.T, dir string) string {
		t.Helper()
		p := filepath.Join(dir, "request.json")
		write(t, dir, "request.json", `{"ClientToken": "t", "DatasetName": "pumps", "RoleArn": "arn:aws:iam::123456789012:role/r",
			"IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "data", "Prefix": "p/"}}}`)
		return p
	}
	// 30 days of one valid value a day, 1.0 + ((7d) mod 13)/10: 13
	// distinct values (not categorical), up and down (not monotonic), a
	// bimodality coefficient of 0.472 (worked apart: under 5/9): nothing to
	// warn about.
	var good strings.Builder
	good.WriteString("Timestamp,Flow\n")
	for d := 1; d <= 30; d++ {
		fmt.Fprintf(&good, "2024-03-%02d 00:00:00,%.1f\n", d, 1.0+float64(d*7%13)/10)
	}

	t.Run("twelve ignored keys", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		write(t, dir, "bucket/p/pump/a.csv", good.String())
		for i := range 12 {
			write(t, dir, "bucket/p/loose-"+string(rune('a'+i))+".csv", "x")
		}
		var stdout, stderr bytes.Buffer
		require.Equal(t, exitOK, run([]string{"-data", filepath.Join(dir, "bucket"), request(t, dir)}, nil, &stdout, &stderr), stderr.String())
		out := stdout.String()
		assert.Contains(t, out, "  ingestion: SUCCESS, with warnings\n")
		assert.Contains(t, out, "  ignored keys (no component):\n"+
			"    \"p/loose-a.csv\"\n    \"p/loose-b.csv\"\n    \"p/loose-c.csv\"\n    \"p/loose-d.csv\"\n    \"p/loose-e.csv\"\n"+
			"    \"p/loose-f.csv\"\n    \"p/loose-g.csv\"\n    \"p/loose-h.csv\"\n    \"p/loose-i.csv\"\n    \"p/loose-j.csv\"\n"+
			"    ... and 2 more\n")
		assert.True(t, strings.HasSuffix(out, "... and 2 more\n"), out)
	})
	t.Run("no warning", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		write(t, dir, "bucket/p/pump/a.csv", good.String())
		var stdout, stderr bytes.Buffer
		req := request(t, dir)
		bucket := filepath.Join(dir, "bucket")
		require.Equal(t, exitOK, run([]string{"-data", bucket, req}, nil, &stdout, &stderr), stderr.String())
		assert.Equal(t, req+": ok\n"+
			"  data: "+bucket+", as s3://data/p/\n"+
			"  ingestion: SUCCESS\n"+
			"  files: 1 matched, 1 ingested (735 bytes), 0 discarded; 0 keys ignored\n"+ // 15 + 30 * 24
			"  time: 2024-03-01 00:00:00 to 2024-03-30 00:00:00 (UTC)\n"+
			"  records: 0 duplicate timestamps, 0 unsupported timestamps, 0 ragged records\n"+
			"  sensors: 1: 0 with missing values (0 in all), 0 with invalid values (0 in all), 0 without a valid value, 0 with less than 14 days of data\n"+
			"  heuristics: 0 categorical, 0 monotonic, 0 with multiple operating modes, 0 with gaps over 30 days\n",
			stdout.String())
	})
	t.Run("every file discarded", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		write(t, dir, "bucket/p/pump/a.csv", "Timestamp,Flow\n")
		write(t, dir, "bucket/p/pump/b.json", "{}")
		write(t, dir, "bucket/p/c.csv", "x")
		var stdout, stderr bytes.Buffer
		req := request(t, dir)
		bucket := filepath.Join(dir, "bucket")
		require.Equal(t, exitInvalid, run([]string{"-data", bucket, req}, nil, &stdout, &stderr), stderr.String())
		assert.Equal(t, req+": ok\n"+
			"  data: "+bucket+", as s3://data/p/\n"+
			"  ingestion: FAILED: every matched file is discarded\n"+
			"  discarded files:\n"+
			"    \"p/pump/a.csv\": no data record after the header\n"+
			"    \"p/pump/b.json\": the key does not end in .csv\n"+
			"  ignored keys (no component):\n"+
			"    \"p/c.csv\"\n",
			stdout.String())
	})
}
