package s3source_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// checkRequest is a valid request for the fake's bucket, prefix "plant/",
// the default key pattern.
func checkRequest() *lookout.StartDataIngestionJobRequest {
	return &lookout.StartDataIngestionJobRequest{
		ClientToken: "token", DatasetName: "ds", RoleArn: "arn:aws:iam::123456789012:role/r",
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{Bucket: bucket, Prefix: aws.String("plant/")},
		},
	}
}

// bucketFiles is a small bucket: two components, a large file read in
// parts, a discarded file, an ignored key, a folder marker.
func bucketFiles() map[string]string {
	var big strings.Builder
	big.WriteString("Timestamp,Flow,Temp\n")
	for i := range 20000 {
		fmt.Fprintf(&big, "2024-01-%02d %02d:%02d:%02d,%d.5,%d\n", 1+i/3600%28, i/60%24, i%60, i%60, i%97, i%13)
	}
	return map[string]string{
		"plant/pump1/big.csv":   big.String(),
		"plant/pump1/small.csv": "Timestamp,Flow\n2024-02-01 00:00:00,1\n2024-02-20 00:00:00,NA\n",
		"plant/pump2/a.csv":     "Timestamp,Speed\n2024-01-01T00:00:00,3\nbad,4\n",
		"plant/pump2/notes.txt": "not read",
		"plant/readme.csv":      "ignored: directly under the prefix",
		"plant/pump2/":          "",
	}
}

// The check reads the same bucket through S3 as through a directory, and
// gets the same result, faults and retries included.
func TestCheckThroughS3MatchesFS(t *testing.T) {
	t.Parallel()
	kv := bucketFiles()
	fsys := fstest.MapFS{}
	for k, v := range kv {
		if !strings.HasSuffix(k, "/") {
			fsys[k] = &fstest.MapFile{Data: []byte(v)}
		}
	}
	opts := []ingest.Option{ingest.WithConcurrency(4), ingest.WithPartSize(64 << 10)}
	want, err := ingest.Check(context.Background(), checkRequest(), nil, ingest.FS(fsys), opts...)
	require.NoError(t, err)
	require.Equal(t, lookout.IngestionJobStatusSuccess, want.Status, want.FailedReason)

	for _, tc := range []struct {
		name   string
		faults bool
	}{{"no fault", false}, {"a 503 mid-listing, bodies cut once", true}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeS3(t)
			for k, v := range kv {
				f.put(t, k, []byte(v))
			}
			var listFault, cuts atomic.Int64
			if tc.faults {
				var pages atomic.Int64
				f.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
					if r.URL.Query().Has("continuation-token") && pages.Add(1) == 1 {
						listFault.Add(1)
						writeS3Error(w, http.StatusServiceUnavailable, "SlowDown", "Please reduce your request rate.")
						return true
					}
					// Every first GET of an Open (a resumed one carries
					// If-Match) is cut after 100 bytes.
					if r.Method != http.MethodGet || r.URL.Query().Has("list-type") || r.Header.Get("If-Match") != "" {
						return false
					}
					cuts.Add(1)
					cutBody(t, w, r, next, 100)
					return true
				})
			}
			src := s3source.New(f.client(), bucket, s3source.WithPageSize(2))
			got, err := ingest.Check(context.Background(), checkRequest(), nil, src, opts...)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			if tc.faults {
				assert.Equal(t, int64(1), listFault.Load(), "one listing fault")
				assert.Greater(t, cuts.Load(), int64(3), "bodies cut")
			}
		})
	}
}

// A file whose body keeps breaking off is discarded as unreadable: it is
// not read as a smaller file, and its bytes count nowhere.
func TestCheckBodyCutShortIsNotASmallerFile(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	good := "Timestamp,Flow\n2024-02-01 00:00:00,1\n2024-02-20 00:00:00,2\n"
	cut := "Timestamp,Flow\n2024-03-01 00:00:00,1\n2024-03-20 00:00:00,2\n2024-04-20 00:00:00,3\n"
	f.put(t, "plant/pump1/a.csv", []byte(good))
	f.put(t, "plant/pump1/b.csv", []byte(cut))
	f.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/b.csv") {
			// At most 10 bytes of each answer, then the connection closes:
			// 6 GETs deliver whole records, a prefix that parses if it were
			// taken for the file.
			cutBody(t, w, r, next, 10)
			return true
		}
		return false
	})
	res, err := ingest.Check(context.Background(), checkRequest(), nil, s3source.New(f.client(), bucket))
	require.NoError(t, err)
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	assert.Equal(t, int64(len(good)), *res.IngestedDataSize)
	assert.Equal(t, []lookout.S3Object{{Bucket: bucket, Key: "plant/pump1/b.csv"}}, res.IngestedFilesSummary.DiscardedFiles)
	require.Len(t, res.Discards, 1)
	assert.Equal(t, ingest.ReasonUnreadable, res.Discards[0].Reason)
	require.NotNil(t, res.DataEndTime)
	assert.Equal(t, "2024-02-20T00:00:00Z", res.DataEndTime.String(), "the cut file's records count nowhere")
}

// A bucket that cannot be listed fails the job, with the source's error as
// its reason.
func TestCheckFailsWhenTheBucketCannotBeListed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		bucket string
		hook   hook
		kind   error
		reason string
	}{
		{"missing bucket", "gone", nil, s3source.ErrNoSuchBucket,
			"cannot list s3://gone/plant/: s3source: ListObjectsV2 s3://gone/plant/: no such bucket (404 NoSuchBucket)"},
		{"access denied", bucket, func(w http.ResponseWriter, _ *http.Request, _ http.Handler) bool {
			writeS3Error(w, http.StatusForbidden, "AccessDenied", "Access Denied")
			return true
		}, s3source.ErrAccessDenied, "cannot list s3://data/plant/: s3source: ListObjectsV2 s3://data/plant/: access denied (403 AccessDenied)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeS3(t)
			f.setHook(tc.hook)
			req := checkRequest()
			req.IngestionInputConfiguration.S3InputConfiguration.Bucket = tc.bucket
			res, err := ingest.Check(context.Background(), req, nil, s3source.New(f.client(), tc.bucket))
			require.NoError(t, err)
			assert.Equal(t, lookout.IngestionJobStatusFailed, res.Status)
			assert.True(t, strings.HasPrefix(res.FailedReason, tc.reason), res.FailedReason)
			require.NotNil(t, res.Failure)
			assert.ErrorIs(t, res.Failure.Err, tc.kind)
		})
	}
}
