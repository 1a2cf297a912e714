package ingest

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// request returns a valid request for bucket "bkt" with the prefix and key
// pattern given (nil: absent).
// deref is *p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func request(prefix, keyPattern *string) *lookout.StartDataIngestionJobRequest {
	return &lookout.StartDataIngestionJobRequest{
		ClientToken: "token", DatasetName: "ds", RoleArn: "arn:aws:iam::123456789012:role/r",
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{Bucket: "bkt", Prefix: prefix, KeyPattern: deref(keyPattern)},
		},
	}
}

func ptr[T any](v T) *T { return &v }

// ptr32 is a pointer to n as the model's 32-bit Integer.
func ptr32[I int | int64](n I) *int32 { return new(int32(n)) }

// files makes a MapFS of key → content.
func files(kv ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return m
}

// check runs Check with prefix "data/" and the default key pattern.
func check(t *testing.T, schema *lookout.DataSchema, fsys fstest.MapFS, opts ...Option) *Result {
	t.Helper()
	res, err := Check(context.Background(), request(ptr("data/"), nil), schema, FS(fsys), opts...)
	require.NoError(t, err)
	return res
}

func cp(n int64, pct float64) *lookout.CountPercent {
	return &lookout.CountPercent{Count: new(n), Percentage: new(pct)}
}

func ts(s string) *lookout.Timestamp {
	sec, ok := ParseTimestamp(s)
	if !ok {
		panic("bad timestamp " + s)
	}
	t := lookout.UnixTimestamp(sec, 0)
	return &t
}

// heur sets the four heuristics of a sensor with ingested files on s: its
// large gaps and longest gap in days, its categories (0: not categorical),
// its monotonicity ("": none) and whether it has multiple modes.
func heur(s lookout.SensorStatisticsSummary, gaps, maxDays, categories int64, mono lookout.Monotonicity, modes bool) lookout.SensorStatisticsSummary {
	st := func(b bool) lookout.StatisticalIssueStatus {
		if b {
			return lookout.StatisticalIssueStatusPotentialIssueDetected
		}
		return lookout.StatisticalIssueStatusNoIssueDetected
	}
	s.LargeTimestampGaps = &lookout.LargeTimestampGaps{Status: st(gaps > 0), NumberOfLargeTimestampGaps: ptr32(gaps), MaxTimestampGapInDays: ptr32(maxDays)}
	s.CategoricalValues = &lookout.CategoricalValues{Status: st(categories > 0)}
	if categories > 0 {
		s.CategoricalValues.NumberOfCategory = ptr32(categories)
	}
	s.MonotonicValues = &lookout.MonotonicValues{Status: st(mono != ""), Monotonicity: mono}
	s.MultipleOperatingModes = &lookout.MultipleOperatingModes{Status: st(modes)}
	return s
}

// noHeur sets the four heuristics of a sensor without an ingested file on
// s: every status NO_ISSUE_DETECTED, and no other member.
func noHeur(s lookout.SensorStatisticsSummary) lookout.SensorStatisticsSummary {
	no := lookout.StatisticalIssueStatusNoIssueDetected
	s.LargeTimestampGaps = &lookout.LargeTimestampGaps{Status: no}
	s.CategoricalValues = &lookout.CategoricalValues{Status: no}
	s.MonotonicValues = &lookout.MonotonicValues{Status: no}
	s.MultipleOperatingModes = &lookout.MultipleOperatingModes{Status: no}
	return s
}
