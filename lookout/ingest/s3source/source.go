package s3source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// The operations an [Error] names.
const (
	opList = "ListObjectsV2"
	opGet  = "GetObject"
)

// DefaultResumes is how many times, by default, a reader re-issues its GET
// from where the body stopped when the body breaks off before its end.
const DefaultResumes = 5

// DefaultMaxPages is how many ListObjectsV2 pages a listing reads at most,
// by default: 10,000 pages of up to 1,000 keys, ten times more keys than a
// job may match, so that a store whose listing never ends cannot hold a
// check forever.
const DefaultMaxPages = 10000

// DefaultReadStall is how long, by default, a read may wait for a byte
// (the answer to a GET, or the next bytes of its body) before it fails
// with [ErrStalled].
const DefaultReadStall = 30 * time.Second

// DefaultReads is how many reads a check keeps in flight by default over
// a Source ([Source.Concurrency]): a GET spends tens of milliseconds before
// its first byte, so many at once keep a link busy where the cores alone
// (ingest's default) would leave it idle. Chosen: 64. Each read waits for
// its first byte and is then parsed by the same worker, so that with 20 ms
// a request, 32 in flight spend at least 1,000 / 32 * 20 ms = 625 ms on
// 1,000 objects before any byte is parsed; on 2 cores, 1,000 objects of
// 200 KB were checked at 177-186 MB/s with 32, 279 MB/s with 64
// (BenchmarkCheckLatency). A read in flight costs its buffer (256 KiB to
// start) and a connection.
const DefaultReads = 64

// Source is an [ingest.Source] over one bucket, read through an S3 client.
// It is safe for concurrent use: every List and Open call, and every reader,
// is independent (the client and its connection pool are shared). See the
// package documentation for the concurrency it is built for.
type Source struct {
	client   *s3.Client
	bucket   string
	pageSize int32
	resumes  int
	maxPages int
	stall    time.Duration // 0: none
	reads    int
	region   atomic.Pointer[string] // the bucket's region, once a redirect named it
}

var _ ingest.Source = (*Source)(nil)

// Option sets how a [Source] lists and reads.
type Option func(*Source)

// WithPageSize sets the number of keys asked for per ListObjectsV2 page
// (MaxKeys): 1 to 1000. Any other n leaves the service's default, 1000.
func WithPageSize(n int32) Option {
	return func(s *Source) {
		if n >= 1 && n <= 1000 {
			s.pageSize = n
		} else {
			s.pageSize = 0
		}
	}
}

// WithResumes sets how many times in all one reader re-issues its GET from
// the byte where the body broke off (a connection reset, a body shorter than
// its Content-Length) before it fails with [ErrTruncated]. n < 0 counts as 0:
// the first break fails the read. The default is [DefaultResumes]. These are
// beside the client's own retries of each request.
func WithResumes(n int) Option {
	return func(s *Source) { s.resumes = max(n, 0) }
}

// WithMaxPages sets the most ListObjectsV2 pages a listing reads: past
// them, still truncated, List fails with [ErrListTooLong]. n <= 0 is
// [DefaultMaxPages].
func WithMaxPages(n int) Option {
	return func(s *Source) {
		if n <= 0 {
			n = DefaultMaxPages
		}
		s.maxPages = n
	}
}

// WithReadStall sets how long a read may wait for its next byte (a GET's
// answer, or its body's next bytes) before it fails with [ErrStalled],
// whatever the client's own timeouts: a body that trickles a byte a
// second past the limit fails too. A stalled read is not resumed: a check
// then fails, naming the object. d == 0 is [DefaultReadStall]; d < 0 sets
// no limit.
func WithReadStall(d time.Duration) Option {
	return func(s *Source) {
		switch {
		case d == 0:
			s.stall = DefaultReadStall
		case d < 0:
			s.stall = 0
		default:
			s.stall = d
		}
	}
}

// WithReads sets how many reads a check keeps in flight over the Source
// ([Source.Concurrency]); n <= 0 is [DefaultReads]. Give the client as
// many connections ([Config].MaxConns).
func WithReads(n int) Option {
	return func(s *Source) {
		if n <= 0 {
			n = DefaultReads
		}
		s.reads = n
	}
}

// Concurrency returns how many reads a check keeps in flight over the
// Source by default ([WithReads]; [DefaultReads]): ingest.Check reads that
// many objects, or parts of them, at once unless told otherwise.
func (s *Source) Concurrency() int { return s.reads }

// New returns the Source of bucket read through client. The client's
// configuration (credentials, region, endpoint, retryer, HTTP client) is used
// as it is: the client's retryer retries throttles, 5xx answers and broken
// connections of each request, as the SDK does. When the service answers
// that the bucket is in another region and names it (a 301
// PermanentRedirect with x-amz-bucket-region), the request is sent once
// more in that region, and every later request of the Source uses it; the
// client itself is not changed. With a nil client or an empty
// bucket name, every List and Open fails with an [*Error] of kind [ErrConfig].
func New(client *s3.Client, bucket string, opts ...Option) *Source {
	s := &Source{client: client, bucket: bucket, resumes: DefaultResumes, maxPages: DefaultMaxPages,
		stall: DefaultReadStall, reads: DefaultReads}
	for _, o := range opts {
		o(s)
	}
	return s
}

// unusable returns the error of a Source without a client or a bucket.
func (s *Source) unusable(op, key string) error {
	switch {
	case s.client == nil:
		return &Error{Op: op, Bucket: s.bucket, Key: key, Kind: ErrConfig, Err: errors.New("no S3 client")}
	case s.bucket == "":
		return &Error{Op: op, Bucket: s.bucket, Key: key, Kind: ErrConfig, Err: errors.New("no bucket name")}
	}
	return nil
}

// callOptions returns the per-operation options of every request: marked
// credentials errors, and the bucket's region once known.
func (s *Source) callOptions() []func(*s3.Options) {
	if r := s.region.Load(); r != nil {
		region := *r
		return []func(*s3.Options){markCredentials, func(o *s3.Options) { o.Region = region }}
	}
	return []func(*s3.Options){markCredentials}
}

// redirected reports whether a request that failed with err is to be sent
// again: the service answered that the bucket is in another region, and
// named it (S3's PermanentRedirect or AuthorizationHeaderMalformed with
// x-amz-bucket-region). The region is then used for every later request.
func (s *Source) redirected(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Kind != ErrWrongRegion || e.Region == "" {
		return false
	}
	current := s.client.Options().Region
	if r := s.region.Load(); r != nil {
		current = *r
	}
	if e.Region == current {
		return false
	}
	s.region.Store(&e.Region)
	return true
}

// Bucket returns the bucket the Source reads.
func (s *Source) Bucket() string { return s.bucket }

// Client returns the client the Source reads through.
func (s *Source) Client() *s3.Client { return s.client }

// List calls fn with every object whose key begins with prefix, each once,
// in the service's order (ascending UTF-8 byte order on S3), page by page of
// ListObjectsV2. Folder markers (keys ending in "/") are listed like any key.
// A listing that gives a continuation token twice fails with
// [ErrListLoop], one still truncated after its page limit with
// [ErrListTooLong] ([WithMaxPages]), one whose truncated page has no token
// with [ErrOther]: a store must not make it list forever.
// A page that fails is retried by the client's retryer; when it still fails,
// List returns an [*Error] (Op "ListObjectsV2", Key the prefix) after the
// objects of the pages before it were passed to fn. It stops at fn's first
// error and returns it unchanged, and returns ctx's error once ctx is done.
func (s *Source) List(ctx context.Context, prefix string, fn func(ingest.Object) error) error {
	if err := s.unusable(opList, prefix); err != nil {
		return err
	}
	in := &s3.ListObjectsV2Input{
		Bucket:       aws.String(s.bucket),
		EncodingType: types.EncodingTypeUrl,
	}
	if prefix != "" {
		in.Prefix = aws.String(prefix)
	}
	if s.pageSize > 0 {
		in.MaxKeys = aws.Int32(s.pageSize)
	}
	p := s3.NewListObjectsV2Paginator(s.client, in)
	var token string           // the continuation token of the page asked for
	tokens := map[string]int{} // the tokens given, and the page that gave each
	for pages := 1; p.HasMorePages(); pages++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := p.NextPage(ctx, s.callOptions()...)
		if err != nil && ctx.Err() == nil {
			err = classify(opList, s.bucket, prefix, err)
			if s.redirected(err) {
				if page, err = p.NextPage(ctx, s.callOptions()...); err != nil {
					err = classify(opList, s.bucket, prefix, err)
				}
			}
		}
		if err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			return err
		}
		// A store that says there is more without saying where, or gives the
		// same page again, would end the listing early or never.
		if aws.ToBool(page.IsTruncated) {
			next := aws.ToString(page.NextContinuationToken)
			if next == "" {
				return &Error{Op: opList, Bucket: s.bucket, Key: prefix, Kind: ErrOther,
					Err: fmt.Errorf("a truncated page with continuation token %q after %q", next, token)}
			}
			if k, ok := tokens[next]; ok {
				return &Error{Op: opList, Bucket: s.bucket, Key: prefix, Kind: ErrListLoop,
					Err: fmt.Errorf("page %d gave continuation token %q, which page %d gave", pages, next, k)}
			}
			if pages >= s.maxPages {
				return &Error{Op: opList, Bucket: s.bucket, Key: prefix, Kind: ErrListTooLong,
					Err: fmt.Errorf("still truncated after %d pages", pages)}
			}
			tokens[next] = pages
			token = next
		}
		encoded := page.EncodingType == types.EncodingTypeUrl
		for _, o := range page.Contents {
			if o.Key == nil {
				continue
			}
			key := *o.Key
			if encoded {
				k, err := url.QueryUnescape(key)
				if err != nil {
					return &Error{Op: opList, Bucket: s.bucket, Key: prefix, Kind: ErrOther,
						Err: fmt.Errorf("listed key %q is not URL-encoded: %w", key, err)}
				}
				key = k
			}
			if err := fn(ingest.Object{Key: key, Size: aws.ToInt64(o.Size)}); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

// Open returns a reader of the bytes [off, off+n) of the object key, or of
// [off, end) when n < 0, and sends the first GET (a ranged one unless the
// whole object is asked for) before it returns, so that a missing key or a
// refusal is Open's error. n == 0 returns an empty reader without a request.
//
// The reader delivers exactly the bytes asked for, or fails: when the body
// breaks off early it re-issues the GET from the byte where it stopped,
// with If-Match on the first answer's ETag (see [WithResumes]), and when that
// does not deliver the rest, Read returns an [*Error] for which
// errors.Is(err, io.ErrUnexpectedEOF) holds (Kind [ErrTruncated], or the
// re-issued GET's failure: [ErrChanged] when the object was replaced). Bytes
// asked for beyond the object's end are such an error too ([ErrTruncated]),
// from Open or from Read. Read returns ctx's error once ctx is done. A reader
// is for one goroutine; Close it to release its connection.
//
// off < 0, or off+n beyond the largest int64, is an [*Error] of kind
// [ErrOther] without a request.
func (s *Source) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	if err := s.unusable(opGet, key); err != nil {
		return nil, err
	}
	if off < 0 || (n > 0 && n > math.MaxInt64-off) {
		return nil, &Error{Op: opGet, Bucket: s.bucket, Key: key, Kind: ErrOther,
			Err: fmt.Errorf("invalid range: offset %d, length %d", off, n)}
	}
	if n == 0 {
		return io.NopCloser(strings.NewReader("")), nil
	}
	r := &reader{ctx: ctx, s: s, key: key, off: off, pos: off, end: -1, resumes: s.resumes}
	if n > 0 {
		r.end = off + n
	}
	if err := r.get(); err != nil {
		if empty, ok := r.emptyTail(err); ok {
			return empty, nil
		}
		return nil, err
	}
	return r, nil
}

// emptyTail handles Open(key, size, -1): S3 refuses a range that starts at
// the object's end (416), where the bytes asked for are none. It asks for the
// object's size and returns an empty reader when off is that size.
func (r *reader) emptyTail(err error) (io.ReadCloser, bool) {
	var e *Error
	if r.end >= 0 || r.pos == 0 || !errors.As(err, &e) || e.Kind != ErrTruncated {
		return nil, false
	}
	h, herr := r.s.client.HeadObject(r.ctx, &s3.HeadObjectInput{
		Bucket: aws.String(r.s.bucket), Key: aws.String(r.key)}, r.s.callOptions()...)
	if herr != nil || aws.ToInt64(h.ContentLength) != r.pos {
		return nil, false
	}
	return io.NopCloser(strings.NewReader("")), true
}
