package s3source_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// inRegion answers as S3 does for a bucket in region: a request signed for
// another region is redirected (301 PermanentRedirect, x-amz-bucket-region).
func inRegion(region string, redirects *atomic.Int64) hook {
	return func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
		if strings.Contains(r.Header.Get("Authorization"), "/"+region+"/s3/") {
			return false
		}
		redirects.Add(1)
		w.Header().Set("X-Amz-Bucket-Region", region)
		writeS3Error(w, http.StatusMovedPermanently, "PermanentRedirect",
			"The bucket you are attempting to access must be addressed using the specified endpoint.")
		return true
	}
}

// A bucket in another region than the client's is read in its region, as
// the redirect names it, from then on.
func TestFollowsTheBucketsRegion(t *testing.T) {
	t.Parallel()
	for _, first := range []string{"List", "Open"} {
		t.Run(first, func(t *testing.T) {
			t.Parallel()
			f := newFakeS3(t)
			f.put(t, "in/a.csv", []byte("Timestamp,S1\n"))
			var redirects atomic.Int64
			f.setHook(inRegion("eu-west-1", &redirects))
			src := f.source() // signs for us-east-1
			list := func() {
				var keys []string
				require.NoError(t, src.List(context.Background(), "in/", func(o ingest.Object) error {
					keys = append(keys, o.Key)
					return nil
				}))
				assert.Equal(t, []string{"in/a.csv"}, keys)
			}
			open := func() {
				got, err := readRange(src, "in/a.csv", 0, 9)
				require.NoError(t, err)
				assert.Equal(t, "Timestamp", string(got))
			}
			if first == "List" {
				list()
				open()
			} else {
				open()
				list()
			}
			assert.Equal(t, int64(1), redirects.Load(), "one redirect, then the bucket's region")
			assert.Equal(t, "us-east-1", src.Client().Options().Region, "the client is left as it is")
		})
	}
}

// A redirect without the region named is an error.
func TestWrongRegionUnnamed(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	f.put(t, "in/a.csv", []byte("x"))
	f.setHook(func(w http.ResponseWriter, _ *http.Request, _ http.Handler) bool {
		writeS3Error(w, http.StatusMovedPermanently, "PermanentRedirect", "elsewhere")
		return true
	})
	err := f.source().List(context.Background(), "in/", func(ingest.Object) error { return nil })
	var e *s3source.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, s3source.ErrWrongRegion)
	assert.Empty(t, e.Region)
	assert.Equal(t, int64(1), f.lists.Load())
	_, err = f.source().Open(context.Background(), "in/a.csv", 0, -1)
	assert.ErrorIs(t, err, s3source.ErrWrongRegion)
	assert.NotErrorIs(t, err, io.ErrUnexpectedEOF)
}
