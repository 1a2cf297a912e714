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
