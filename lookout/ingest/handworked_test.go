package ingest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TestHandWorkedTwoFiles: two files of one component, sharing sensor p.
//
//	data/pump/a.csv: Timestamp,p,q
//	  r1 2020-01-01 00:00:00, 1, 2    p valid, q valid
//	  r2 2020-01-01 00:00:00, NA, x   p missing, q invalid; duplicates r1 for p and q
//	  r3 bad, 1, 2                    unsupported timestamp: no cell counts
//	  r4 2020-01-20 00:00:00, 3       p valid, q missing (short record)
//	data/pump/b.csv: Timestamp,p
//	  r1 2020-01-01 00:00:00, 1       p valid; duplicates a.r1 for p
//	data/pump/c.txt: discarded (not .csv); data/x.csv: unmatched (directly under the prefix)
//
// p: records 3+1 = 4; missing 1 (25%); invalid 0; duplicates 2 (a.r2, b.r1: 50%);
// invalid dates 1 of 1+4 (20%); valid from 2020-01-01 to 2020-01-20 (19 days).
// q: records 3; missing 1 (33.3%); invalid 1 (33.3%); duplicates 1 (a.r2);
// invalid dates 1 of 1+3 (25%); valid only at 2020-01-01: a short date range.
// Records duplicating for a sensor: a.r2, b.r1 = 2. Unsupported: 1.
//
// Heuristics (section 4b). p: valid values in read order 1, 3, 1 (a.r1,
// a.r4, b.r1): 2 distinct, categorical; neither rising nor falling; n = 3
// < 4, no modes; distinct timestamps 01-01, 01-20: one gap of 19 days. q:
// one valid value (2): categorical 1; n = 1 < 2, no monotonicity; the same
// timestamps as p: 19 days.
func TestHandWorkedTwoFiles(t *testing.T) {
	one, three := 1.0, 3.0
	third := one / three * 100 // Count / n * 100 in float64, as the service computes it
	t.Parallel()
	a := "Timestamp,p,q\n2020-01-01 00:00:00,1,2\n2020-01-01 00:00:00,NA,x\nbad,1,2\n2020-01-20 00:00:00,3\n"
	b := "Timestamp,p\n2020-01-01 00:00:00,1\n"
	res := check(t, nil, files("data/pump/a.csv", a, "data/pump/b.csv", b, "data/pump/c.txt", "x", "data/x.csv", "x"))
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	assert.Equal(t, &lookout.IngestedFilesSummary{TotalNumberOfFiles: new(int64(3)), IngestedNumberOfFiles: new(int64(2)),
		DiscardedFiles: []lookout.S3Object{{Bucket: "bkt", Key: "data/pump/c.txt"}}}, res.IngestedFilesSummary)
	q := quality{shortRange: 1, missingSensors: 2, missing: 2, invalidSensors: 1, invalid: 1, unsupported: 1, dups: 2}
	assert.Equal(t, q.summary(), res.DataQualitySummary)
	assert.Equal(t, int64(len(a)+len(b)), *res.IngestedDataSize)
	assert.Equal(t, ts("2020-01-01 00:00:00"), res.DataStartTime)
	assert.Equal(t, ts("2020-01-20 00:00:00"), res.DataEndTime)
	assert.Equal(t, []lookout.SensorStatisticsSummary{
		heur(lookout.SensorStatisticsSummary{ComponentName: "pump", SensorName: "p", DataExists: new(true), MissingValues: cp(1, 25), InvalidValues: cp(0, 0),
			InvalidDateEntries: cp(1, 20), DuplicateTimestamps: cp(2, 50),
			DataStartTime: ts("2020-01-01 00:00:00"), DataEndTime: ts("2020-01-20 00:00:00")}, 0, 19, 2, "", false),
		heur(lookout.SensorStatisticsSummary{ComponentName: "pump", SensorName: "q", DataExists: new(true), MissingValues: cp(1, third), InvalidValues: cp(1, third),
			InvalidDateEntries: cp(1, 25), DuplicateTimestamps: cp(1, third),
			DataStartTime: ts("2020-01-01 00:00:00"), DataEndTime: ts("2020-01-01 00:00:00")}, 0, 19, 1, "", false),
	}, res.SensorStatisticsSummaries)
	assert.Equal(t, []string{"data/x.csv"}, res.Ignored)
	require.Len(t, res.Discards, 1)
	assert.Equal(t, ReasonNotCSVKey, res.Discards[0].Reason)
}

// TestHandWorkedFigures covers every figure of section 4 with three
// components.
//
//	data/fan/a.csv: Timestamp,S1
//	  r1 2020-01-01 00:00:00,1
//	  r2 20200101 00:00,2          the same instant as r1: a duplicate for S1
//	  r3 2020-01-15 00:00:00,3
//	  r4 2020-01-15T00:00,4        duplicate (S1)
//	  r5 2020/1/15 0:00,5          duplicate (S1): 3 records at one instant make 2
//	data/fan/b.csv: Timestamp,S2
//	  r1 2020-01-01 00:00:00,1     S2's first record: no duplicate (files split by sensor)
//	data/fan/c.csv: Timestamp,S1,S2
//	  r1 2020-01-01 00:00:00,1,1   a duplicate for S1 (a.r1) and for S2 (b.r1): one record
//	  r2 2020-02-01 00:00:00,NA,2  S1 missing
//	data/valve/x.csv: Timestamp,v,w
//	  r1 2020-01-01 00:00:00,1,abc   w invalid
//	  r2 2020-01-14 23:59:59,2,inf   w invalid
//
// S1: records 5+2 = 7; valid 6; missing 1 (1/7); duplicates 4 (a.r2, a.r4,
// a.r5, c.r1: 4/7); valid from 01-01 to 01-15: exactly 14 days, not short.
// S2: records 1+2 = 3; duplicates 1 (c.r1: 1/3); valid 01-01 to 02-01.
// v: valid 01-01 00:00:00 to 01-14 23:59:59, one second short of 14 days: short.
// w: invalid 2 (100%), no valid value: missing complete data, no times.
// Records duplicating for a sensor: 4. Job data from 01-01 to 02-01.
//
// Heuristics (section 4b), values in read order (files in key order):
// S1: 1 2 3 4 5 (a) 1 (c): 5 distinct, categorical; not monotonic;
// distinct instants 01-01, 01-15, 02-01: gaps of 14 and 17 days, none
// large. S2: 1 (b) 1 2 (c): 2 distinct; never falling, spread 1 > 0.002:
// INCREASING; instants 01-01, 02-01: one gap of 31 days, large. v: 1 2:
// INCREASING; one gap of 13 days 23:59:59, 13 whole days. w: no valid
// value: 0 distinct, not categorical; its records' gap is v's.
func TestHandWorkedFigures(t *testing.T) {
	t.Parallel()
	a := "Timestamp,S1\n2020-01-01 00:00:00,1\n20200101 00:00,2\n2020-01-15 00:00:00,3\n2020-01-15T00:00,4\n2020/1/15 0:00,5\n"
	b := "Timestamp,S2\n2020-01-01 00:00:00,1\n"
	c := "Timestamp,S1,S2\n2020-01-01 00:00:00,1,1\n2020-02-01 00:00:00,NA,2\n"
	x := "Timestamp,v,w\n2020-01-01 00:00:00,1,abc\n2020-01-14 23:59:59,2,inf\n"
	for _, o := range []Option{WithConcurrency(1), withTiny(20, 4, 2, 3)} {
		res := check(t, nil, files("data/fan/a.csv", a, "data/fan/b.csv", b, "data/fan/c.csv", c, "data/valve/x.csv", x), o)
		require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
		assert.Equal(t, &lookout.IngestedFilesSummary{TotalNumberOfFiles: new(int64(4)), IngestedNumberOfFiles: new(int64(4)),
			DiscardedFiles: []lookout.S3Object{}}, res.IngestedFilesSummary)
		q := quality{noData: 1, shortRange: 1, missingSensors: 1, missing: 1, invalidSensors: 1, invalid: 2, dups: 4}
		assert.Equal(t, q.summary(), res.DataQualitySummary)
		assert.Equal(t, int64(len(a)+len(b)+len(c)+len(x)), *res.IngestedDataSize)
		assert.Equal(t, ts("2020-01-01 00:00:00"), res.DataStartTime)
		assert.Equal(t, ts("2020-02-01 00:00:00"), res.DataEndTime)
		n := func(c, of float64) float64 { return c / of * 100 }
		assert.Equal(t, []lookout.SensorStatisticsSummary{
			heur(lookout.SensorStatisticsSummary{ComponentName: "fan", SensorName: "S1", DataExists: new(true), MissingValues: cp(1, n(1, 7)), InvalidValues: cp(0, 0),
				InvalidDateEntries: cp(0, 0), DuplicateTimestamps: cp(4, n(4, 7)),
				DataStartTime: ts("2020-01-01 00:00:00"), DataEndTime: ts("2020-01-15 00:00:00")}, 0, 17, 5, "", false),
			heur(lookout.SensorStatisticsSummary{ComponentName: "fan", SensorName: "S2", DataExists: new(true), MissingValues: cp(0, 0), InvalidValues: cp(0, 0),
				InvalidDateEntries: cp(0, 0), DuplicateTimestamps: cp(1, n(1, 3)),
				DataStartTime: ts("2020-01-01 00:00:00"), DataEndTime: ts("2020-02-01 00:00:00")}, 1, 31, 2, lookout.MonotonicityIncreasing, false),
			heur(lookout.SensorStatisticsSummary{ComponentName: "valve", SensorName: "v", DataExists: new(true), MissingValues: cp(0, 0), InvalidValues: cp(0, 0),
				InvalidDateEntries: cp(0, 0), DuplicateTimestamps: cp(0, 0),
				DataStartTime: ts("2020-01-01 00:00:00"), DataEndTime: ts("2020-01-14 23:59:59")}, 0, 13, 2, lookout.MonotonicityIncreasing, false),
			heur(lookout.SensorStatisticsSummary{ComponentName: "valve", SensorName: "w", DataExists: new(false), MissingValues: cp(0, 0), InvalidValues: cp(2, 100),
				InvalidDateEntries: cp(0, 0), DuplicateTimestamps: cp(0, 0)}, 0, 13, 0, "", false),
		}, res.SensorStatisticsSummaries)
	}
}

// TestResultJSON: the service's member names, times in epoch seconds, and
// the checker's own figures; a failed job's result without the figures.
func TestResultJSON(t *testing.T) {
	t.Parallel()
	res := check(t, nil, files("data/pump/a.csv", "Timestamp,a\n2020-01-01 00:00:00,1\n", "data/pump/b.csv", "", "data/x", "x"))
	b, err := json.Marshal(res)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Status":"SUCCESS",
		"IngestedFilesSummary":{"TotalNumberOfFiles":2,"IngestedNumberOfFiles":1,"DiscardedFiles":[{"Bucket":"bkt","Key":"data/pump/b.csv"}]},
		"DataQualitySummary":{"InsufficientSensorData":{"MissingCompleteSensorData":{"AffectedSensorCount":0},"SensorsWithShortDateRange":{"AffectedSensorCount":1}},
			"MissingSensorData":{"AffectedSensorCount":0,"TotalNumberOfMissingValues":0},"InvalidSensorData":{"AffectedSensorCount":0,"TotalNumberOfInvalidValues":0},
			"UnsupportedTimestamps":{"TotalNumberOfUnsupportedTimestamps":0},"DuplicateTimestamps":{"TotalNumberOfDuplicateTimestamps":0}},
		"IngestedDataSize":34,"DataStartTime":1577836800,"DataEndTime":1577836800,
		"SensorStatisticsSummaries":[{"ComponentName":"pump","SensorName":"a","DataExists":true,"MissingValues":{"Count":0,"Percentage":0},
			"InvalidValues":{"Count":0,"Percentage":0},"InvalidDateEntries":{"Count":0,"Percentage":0},"DuplicateTimestamps":{"Count":0,"Percentage":0},
			"DataStartTime":1577836800,"DataEndTime":1577836800,
			"CategoricalValues":{"NumberOfCategory":1,"Status":"POTENTIAL_ISSUE_DETECTED"},
			"LargeTimestampGaps":{"MaxTimestampGapInDays":0,"NumberOfLargeTimestampGaps":0,"Status":"NO_ISSUE_DETECTED"},
			"MonotonicValues":{"Status":"NO_ISSUE_DETECTED"},"MultipleOperatingModes":{"Status":"NO_ISSUE_DETECTED"}}],
		"Ignored":["data/x"],"RaggedRecords":0,
		"Discards":[{"Key":"data/pump/b.csv","Reason":"no-header","Message":"\"data/pump/b.csv\": no header"}]}`, string(b))

	res = check(t, nil, files("data/pump/a.csv", "Timestamp,a b\n2020-01-01 00:00:00,1\n"))
	b, err = json.Marshal(res)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Status":"FAILED","FailedReason":"invalid column name \"a b\" in column 2 of s3://bkt/data/pump/a.csv: a name must match ^[0-9a-zA-Z:#$.\\-_]{1,200}$",
		"Ignored":[],"RaggedRecords":0,
		"Problems":[{"Key":"data/pump/a.csv","InvalidNames":[{"Column":2,"Name":"a b"}],"InvalidNameCount":1}]}`, string(b))
}
