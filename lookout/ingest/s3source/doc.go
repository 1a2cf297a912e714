// Package s3source is the [ingest.Source] of an S3 bucket, read through
// github.com/aws/aws-sdk-go-v2/service/s3. It is a package of its own so that
// a program that imports only lookout or lookout/ingest does not compile the
// AWS SDK.
//
// [New] wraps a client you configured; [Load] builds one from the default
// credential chain (config.LoadDefaultConfig), honours AWS_ENDPOINT_URL_S3
// (read by the SDK) or [Config].Endpoint for S3-compatible stores, with
// path-style addressing there by default.
//
// # Listing and reading
//
// List pages through ListObjectsV2 and passes every key under the prefix,
// folder markers included. A store cannot make it list forever: a
// continuation token given twice fails it ([ErrListLoop]), and so does a
// listing still truncated after [DefaultMaxPages] pages ([ErrListTooLong]).
// ingest.Check stops it itself once more than 1,000 keys match. Open sends a ranged GET (Range: bytes=off-end)
// and returns a reader that delivers exactly the bytes asked for or fails
// with an error matching io.ErrUnexpectedEOF: a body that breaks off is
// re-issued from the byte where it stopped (If-Match on its ETag, at most
// [DefaultResumes] times unless [WithResumes] says otherwise), never counted
// as a shorter object.
//
// # Retries
//
// Each request is retried by the client's retryer: with the SDK's standard
// one, 3 attempts in all with exponential backoff for 500, 502, 503, 504,
// throttling codes (SlowDown, ...) and broken connections, within a shared
// retry quota. A page of a listing that fails mid-way is retried alone; the
// pages before it are not listed again. A bucket in another region than the
// client's is read in its own region once S3's redirect names it.
//
// # Errors
//
// Every failure other than a done context is an [*Error]: the operation,
// bucket and key, the service's status and code, and a Kind, one of
// [ErrNoSuchBucket], [ErrNoSuchKey], [ErrAccessDenied], [ErrCredentials],
// [ErrWrongRegion], [ErrUnavailable], [ErrTruncated], [ErrChanged],
// [ErrConfig], [ErrOther], matched with errors.Is. A check turns them into a
// failed job whose reason is the error's message.
//
// # Concurrency
//
// A [Source] is safe for concurrent use; each reader is for one goroutine.
// A single GET stream from S3 typically runs at 50 to 100 MB/s and a request
// costs tens of milliseconds before its first byte, so reading 8 to 16
// objects or ranges at once (ranges of 8 MiB or more) keeps a link busy
// without being throttled (S3 serves at least 5,500 GETs per second per
// prefix). Set [Config].MaxConns (or the client's HTTP transport) to at
// least the number of concurrent reads, so that connections are reused
// rather than opened and closed: the SDK keeps only 10 idle per host. A
// stream that stalls fails after [Config].ReadTimeout (one minute by default;
// the SDK sets none) and is resumed, so one slow connection does not hold a
// check. Beside that, a read that waits for a byte longer than
// [DefaultReadStall] (30 s; [WithReadStall]) fails with [ErrStalled],
// however the connection behaves: a body that trickles a byte a second
// fails too. A Source asks ingest.Check for [DefaultReads] (64) reads in
// flight ([Source.Concurrency], [WithReads]) rather than one per core.
package s3source
