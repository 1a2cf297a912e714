package s3source_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// putKeys stores n objects under prefix, object i holding i%7 bytes, and
// returns their sizes by key.
func putKeys(t *testing.T, f *fakeS3, prefix string, n int) map[string]int64 {
	t.Helper()
	want := make(map[string]int64, n)
	for i := range n {
		key := fmt.Sprintf("%spump%d/day-%04d.csv", prefix, i%3, i)
		body := make([]byte, i%7)
		f.put(t, key, body)
		want[key] = int64(len(body))
	}
	return want
}

// listAll lists prefix and fails the test when a key comes twice.
func listAll(t *testing.T, src ingest.Source, prefix string) (map[string]int64, error) {
	t.Helper()
	got := make(map[string]int64)
	err := src.List(context.Background(), prefix, func(o ingest.Object) error {
		if _, dup := got[o.Key]; dup {
			t.Errorf("key %q listed twice", o.Key)
		}
		got[o.Key] = o.Size
		return nil
	})
	return got, err
}

func TestListEveryKeyOnceAcrossPages(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	want := putKeys(t, f, "in/", 2500)
	// Outside the prefix, and a near miss of it.
	f.put(t, "other/pump0/x.csv", []byte("x"))
	f.put(t, "in", []byte("x"))
	// A folder marker and keys that need escaping are listed like any key.
	for _, k := range []string{"in/pump0/", "in/pump 1/a+b%20c.csv", "in/pümp/ä.csv"} {
		f.put(t, k, nil)
		want[k] = 0
	}
	for _, tc := range []struct {
		name  string
		opts  []s3source.Option
		pages int64
	}{
		{"default page size", nil, 3},
		{"1000 keys a page", []s3source.Option{s3source.WithPageSize(1000)}, 3},
		{"97 keys a page", []s3source.Option{s3source.WithPageSize(97)}, 26},
		{"out of range page size is the default", []s3source.Option{s3source.WithPageSize(5000)}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.lists.Load()
			got, err := listAll(t, f.source(tc.opts...), "in/")
			require.NoError(t, err)
			assert.Equal(t, want, got)
			assert.Equal(t, tc.pages, f.lists.Load()-before, "ListObjectsV2 requests")
		})
	}
}

func TestListEmptyPrefixListsTheBucket(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	want := putKeys(t, f, "", 10)
	got, err := listAll(t, f.source(), "")
	require.NoError(t, err)
	assert.Equal(t, want, got)

	got, err = listAll(t, f.source(), "nothing/")
	require.NoError(t, err)
	assert.Empty(t, got)
}

// faultOnPage answers the first `times` requests for page `page` (1-based)
// of a listing with status and code.
func faultOnPage(page, times int, status int, code string) (hook, *atomic.Int64) {
	var served atomic.Int64
	var seen atomic.Int64
	return func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
		if !r.URL.Query().Has("list-type") {
			return false
		}
		// Page 1 has no continuation token; count the requests of each page by
		// that: every request with a token is page >= 2.
		isPage := (page == 1) == !r.URL.Query().Has("continuation-token")
		if page > 2 {
			panic("faultOnPage supports pages 1 and 2")
		}
		if isPage && seen.Add(1) <= int64(times) {
			served.Add(1)
			writeS3Error(w, status, code, "injected fault")
			return true
		}
		return false
	}, &served
}

func TestListRetriesAFaultMidListing(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		status int
		code   string
		times  int
	}{
		{"500 InternalError once", http.StatusInternalServerError, "InternalError", 1},
		{"503 SlowDown once", http.StatusServiceUnavailable, "SlowDown", 1},
		{"503 SlowDown twice (the third attempt succeeds)", http.StatusServiceUnavailable, "SlowDown", 2},
		{"502 without a code", http.StatusBadGateway, "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeS3(t)
			want := putKeys(t, f, "in/", 250)
			h, served := faultOnPage(2, tc.times, tc.status, tc.code)
			f.setHook(h)
			got, err := listAll(t, f.source(s3source.WithPageSize(100)), "in/")
			require.NoError(t, err)
			assert.Equal(t, want, got, "every key exactly once")
			assert.Equal(t, int64(tc.times), served.Load(), "faults served")
			assert.Equal(t, int64(3+tc.times), f.lists.Load(), "3 pages and the retries of page 2")
		})
	}
}

func TestListFailsWhenRetriesAreSpent(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	putKeys(t, f, "in/", 250)
	h, served := faultOnPage(2, 1<<30, http.StatusServiceUnavailable, "SlowDown")
	f.setHook(h)
	n := 0
	err := f.source(s3source.WithPageSize(100)).List(context.Background(), "in/", func(ingest.Object) error {
		n++
		return nil
	})
	var e *s3source.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, s3source.ErrUnavailable)
	assert.Equal(t, "ListObjectsV2", e.Op)
	assert.Equal(t, bucket, e.Bucket)
	assert.Equal(t, "in/", e.Key)
	assert.Equal(t, http.StatusServiceUnavailable, e.StatusCode)
	assert.Equal(t, "SlowDown", e.Code)
	assert.Equal(t, 100, n, "the first page was passed on before the failure")
	assert.Equal(t, int64(3), served.Load(), "the standard retryer's 3 attempts")
	assert.Contains(t, err.Error(), "s3source: ListObjectsV2 s3://data/in/: service unavailable (503 SlowDown)")
}

func TestListMissingBucket(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	err := s3source.New(f.client(), "no-such-bucket").List(context.Background(), "in/",
		func(ingest.Object) error { t.Error("fn called"); return nil })
	var e *s3source.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, s3source.ErrNoSuchBucket)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
	assert.Equal(t, "NoSuchBucket", e.Code)
	assert.Equal(t, "no-such-bucket", e.Bucket)
	assert.Equal(t, int64(1), f.lists.Load(), "not retried")
	assert.Contains(t, err.Error(), "s3source: ListObjectsV2 s3://no-such-bucket/in/: no such bucket (404 NoSuchBucket)")
}

func TestListAccessDenied(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	putKeys(t, f, "in/", 3)
	f.setHook(func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
		writeS3Error(w, http.StatusForbidden, "AccessDenied", "Access Denied")
		return true
	})
	err := f.source().List(context.Background(), "in/", func(ingest.Object) error { return nil })
	var e *s3source.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, s3source.ErrAccessDenied)
	assert.NotErrorIs(t, err, s3source.ErrNoSuchBucket)
	assert.Equal(t, http.StatusForbidden, e.StatusCode)
	assert.Equal(t, "AccessDenied", e.Code)
	assert.Equal(t, int64(1), f.lists.Load(), "not retried")
	assert.Contains(t, err.Error(), "s3source: ListObjectsV2 s3://data/in/: access denied (403 AccessDenied)")
}

func TestListStopsAtFnError(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	putKeys(t, f, "in/", 50)
	stop := errors.New("stop")
	n := 0
	err := f.source(s3source.WithPageSize(10)).List(context.Background(), "in/", func(ingest.Object) error {
		n++
		if n == 15 {
			return stop
		}
		return nil
	})
	assert.Same(t, stop, err, "fn's error, unchanged")
	assert.Equal(t, 15, n)
	assert.Equal(t, int64(2), f.lists.Load(), "no page after the one that stopped")
}

func TestListStopsWhenContextIsDone(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	putKeys(t, f, "in/", 50)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	err := f.source(s3source.WithPageSize(10)).List(ctx, "in/", func(ingest.Object) error {
		n++
		if n == 5 {
			cancel()
		}
		return nil
	})
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 10, n, "the page in hand is passed on, no further page is asked for")
	assert.Equal(t, int64(1), f.lists.Load())

	err = f.source().List(ctx, "in/", func(ingest.Object) error { t.Error("fn called"); return nil })
	require.ErrorIs(t, err, context.Canceled)
}

func TestListURLEncodedKeys(t *testing.T) {
	t.Parallel()
	// S3 answers with EncodingType url when asked (the source asks); the keys
	// are then URL-encoded in the XML, '+' for a space.
	f := newFakeS3(t)
	var asked atomic.Value
	f.setHook(func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
		asked.Store(r.URL.Query().Get("encoding-type"))
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>`+
			`<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>data</Name>`+
			`<Prefix>in%2F</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType>`+
			`<IsTruncated>false</IsTruncated>`+
			`<Contents><Key>in/pump+1/a%2Bb.csv</Key><Size>3</Size></Contents>`+
			`<Contents><Key>in/%01ctl.csv</Key><Size>4</Size></Contents>`+
			`<Contents><Key>in/p%C3%BCmp/</Key><Size>0</Size></Contents>`+
			`</ListBucketResult>`)
		return true
	})
	got, err := listAll(t, f.source(), "in/")
	require.NoError(t, err)
	assert.Equal(t, "url", asked.Load())
	assert.Equal(t, map[string]int64{"in/pump 1/a+b.csv": 3, "in/\x01ctl.csv": 4, "in/pümp/": 0}, got)
}

func TestUnusableSource(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	for _, tc := range []struct {
		name string
		src  *s3source.Source
		want string
	}{
		{"nil client", s3source.New(nil, bucket), "s3source: ListObjectsV2 s3://data/in/: invalid configuration: no S3 client"},
		{"no bucket", s3source.New(f.client(), ""), "s3source: ListObjectsV2 s3:///in/: invalid configuration: no bucket name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.src.List(context.Background(), "in/", func(ingest.Object) error { return nil })
			require.ErrorIs(t, err, s3source.ErrConfig)
			assert.EqualError(t, err, tc.want)
			_, err = tc.src.Open(context.Background(), "in/a.csv", 0, -1)
			require.ErrorIs(t, err, s3source.ErrConfig)
		})
	}
	assert.Zero(t, f.lists.Load()+f.gets.Load(), "no request sent")
}

// The client passed in is used as it is.
func TestSourceAccessors(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	c := f.client()
	src := s3source.New(c, bucket)
	assert.Same(t, c, src.Client())
	assert.Equal(t, bucket, src.Bucket())
	_, err := c.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	require.NoError(t, err)
}

// A store that says a page is truncated without a new continuation token
// would end the listing early, or loop: an error instead.
func TestListBrokenContinuation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, token string
		want        string
	}{
		{"no token", "", `s3source: ListObjectsV2 s3://data/in/: request failed: a truncated page with continuation token "" after ""`},
		{"the same token again", "T", `s3source: ListObjectsV2 s3://data/in/: the listing loops: a continuation token repeats: page 2 gave continuation token "T", which page 1 gave`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeS3(t)
			f.setHook(func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
				next := ""
				if tc.token != "" {
					next = "<NextContinuationToken>" + tc.token + "</NextContinuationToken>"
				}
				w.Header().Set("Content-Type", "application/xml")
				fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>`+
					`<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>data</Name>`+
					`<KeyCount>1</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>true</IsTruncated>`+next+
					`<Contents><Key>in/a.csv</Key><Size>3</Size></Contents></ListBucketResult>`)
				return true
			})
			n := 0
			err := f.source().List(context.Background(), "in/", func(ingest.Object) error {
				n++
				return nil
			})
			if tc.token == "" {
				require.ErrorIs(t, err, s3source.ErrOther)
			} else {
				require.ErrorIs(t, err, s3source.ErrListLoop)
			}
			assert.EqualError(t, err, tc.want)
			assert.LessOrEqual(t, n, 2)
		})
	}
}

// listPage answers a ListObjectsV2 request with one key and, when next is
// not "", IsTruncated and the continuation token next.
func listPage(w http.ResponseWriter, key, next string) {
	truncated := "false"
	if next != "" {
		truncated = "true"
		next = "<NextContinuationToken>" + next + "</NextContinuationToken>"
	}
	w.Header().Set("Content-Type", "application/xml")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>`+
		`<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>data</Name>`+
		`<KeyCount>1</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>`+truncated+`</IsTruncated>`+next+
		`<Contents><Key>`+key+`</Key><Size>3</Size></Contents></ListBucketResult>`)
}

// TestListCyclingTokens: tokens that come round again (A, B, C, A) stop
// the listing with ErrListLoop, after the pages before the repeat.
func TestListCyclingTokens(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	cycle := map[string]string{"": "A", "A": "B", "B": "C", "C": "A"}
	f.setHook(func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
		tok := r.URL.Query().Get("continuation-token")
		listPage(w, "in/"+tok+".csv", cycle[tok])
		return true
	})
	var keys []string
	err := f.source().List(context.Background(), "in/", func(o ingest.Object) error {
		keys = append(keys, o.Key)
		return nil
	})
	require.ErrorIs(t, err, s3source.ErrListLoop)
	var e *s3source.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "in/", e.Key)
	assert.EqualError(t, err, `s3source: ListObjectsV2 s3://data/in/: the listing loops: a continuation token repeats: page 4 gave continuation token "A", which page 1 gave`)
	assert.Equal(t, []string{"in/.csv", "in/A.csv", "in/B.csv"}, keys)
	assert.Equal(t, int64(4), f.lists.Load())
}

// TestListEndlessPages: a store whose pages never end, each with a new
// token, stops at the page limit with ErrListTooLong.
func TestListEndlessPages(t *testing.T) {
	t.Parallel()
	f := newFakeS3(t)
	var n atomic.Int64
	f.setHook(func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
		i := n.Add(1)
		listPage(w, fmt.Sprintf("in/%d.csv", i), fmt.Sprintf("T%d", i))
		return true
	})
	keys := 0
	err := f.source(s3source.WithMaxPages(25)).List(context.Background(), "in/", func(ingest.Object) error {
		keys++
		return nil
	})
	require.ErrorIs(t, err, s3source.ErrListTooLong)
	assert.EqualError(t, err, "s3source: ListObjectsV2 s3://data/in/: the listing does not end: still truncated after 25 pages")
	assert.Equal(t, int64(25), f.lists.Load())
	assert.Equal(t, 24, keys, "the last page's keys are not passed on")
	assert.Equal(t, 10000, s3source.DefaultMaxPages)
}
