package ingest

import (
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
func TestHandWorkedTwoFiles(t *testing.T) {
	one, three := 1.0, 3.0
	third := one / three * 100 // Count / n * 100 in float64, as the service computes it
	t.Parallel()
	a := "Timestamp,p,q\n2020-01-01 00:00:00,1,2\n2020-01-01 00:00:00,NA,x\nbad,1,2\n2020-01-20 00:00:00,3\n"
	b := "Timestamp,p\n2020-01-01 00:00:00,1\n"
	res := check(t, nil, files("data/pump/a.csv", a, "data/pump/b.csv", b, "data/pump/c.txt", "x", "data/x.csv", "x"))
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	assert.Equal(t, &lookout.IngestedFilesSummary{TotalNumberOfFiles: 3, IngestedNumberOfFiles: 2,
		DiscardedFiles: []lookout.S3Object{{Bucket: "bkt", Key: "data/pump/c.txt"}}}, res.IngestedFilesSummary)
	var q lookout.DataQualitySummary
	q.InsufficientSensorData.SensorsWithShortDateRange.AffectedSensorCount = 1
	q.MissingSensorData = lookout.MissingSensorData{AffectedSensorCount: 2, TotalNumberOfMissingValues: 2}
	q.InvalidSensorData = lookout.InvalidSensorData{AffectedSensorCount: 1, TotalNumberOfInvalidValues: 1}
	q.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps = 1
	q.DuplicateTimestamps.TotalNumberOfDuplicateTimestamps = 2
	assert.Equal(t, &q, res.DataQualitySummary)
	assert.Equal(t, int64(len(a)+len(b)), *res.IngestedDataSize)
	assert.Equal(t, ts("2020-01-01 00:00:00"), res.DataStartTime)
	assert.Equal(t, ts("2020-01-20 00:00:00"), res.DataEndTime)
	assert.Equal(t, []lookout.SensorStatisticsSummary{
		{ComponentName: "pump", SensorName: "p", DataExists: true, MissingValues: cp(1, 25), InvalidValues: cp(0, 0),
			InvalidDateEntries: cp(1, 20), DuplicateTimestamps: cp(2, 50),
			DataStartTime: ts("2020-01-01 00:00:00"), DataEndTime: ts("2020-01-20 00:00:00")},
		{ComponentName: "pump", SensorName: "q", DataExists: true, MissingValues: cp(1, third), InvalidValues: cp(1, third),
			InvalidDateEntries: cp(1, 25), DuplicateTimestamps: cp(1, third),
			DataStartTime: ts("2020-01-01 00:00:00"), DataEndTime: ts("2020-01-01 00:00:00")},
	}, res.SensorStatisticsSummaries)
	assert.Equal(t, []string{"data/x.csv"}, res.Ignored)
	require.Len(t, res.Discards, 1)
	assert.Equal(t, ReasonNotCSVKey, res.Discards[0].Reason)
}
