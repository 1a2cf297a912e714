package s3source

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// The kinds of [Error]. Every *Error's Kind is one of these; errors.Is(err,
// ErrNoSuchBucket) and the like match an *Error of that kind anywhere in
// err's chain.
var (
	// ErrNoSuchBucket: the bucket does not exist (the service's NoSuchBucket,
	// or a 404 without a code on a listing).
	ErrNoSuchBucket = errors.New("no such bucket")
	// ErrNoSuchKey: the object does not exist (NoSuchKey, or a 404 without a
	// code on a GET), for example because it was deleted after the listing.
	ErrNoSuchKey = errors.New("no such key")
	// ErrAccessDenied: the request was refused (any 403: AccessDenied,
	// InvalidAccessKeyId, SignatureDoesNotMatch, RequestTimeTooSkewed, ...).
	ErrAccessDenied = errors.New("access denied")
	// ErrCredentials: no credentials could be found or retrieved, so no
	// request was sent (the default credential chain found nothing, say), or
	// the service refused a session token as expired or invalid
	// (ExpiredToken, InvalidToken, TokenRefreshRequired).
	ErrCredentials = errors.New("no credentials")
	// ErrWrongRegion: the bucket is in another region than the client's
	// (PermanentRedirect, AuthorizationHeaderMalformed, a 301). [Error.Region]
	// holds the bucket's region when the service named it.
	ErrWrongRegion = errors.New("bucket is in another region")
	// ErrUnavailable: the service kept failing (5xx, throttling, a broken
	// connection, a timeout) after the client's retries.
	ErrUnavailable = errors.New("service unavailable")
	// ErrTruncated: an object's body ended before the bytes asked for, and
	// re-issuing the GET from where it stopped did not deliver them (or the
	// bytes asked for lie beyond the object's end). It wraps
	// io.ErrUnexpectedEOF: errors.Is(err, io.ErrUnexpectedEOF) holds too.
	ErrTruncated = fmt.Errorf("body cut short: %w", io.ErrUnexpectedEOF)
	// ErrChanged: the object changed (another ETag, or If-Match refused)
	// while it was being read, so its bytes cannot be joined.
	ErrChanged = errors.New("object changed while read")
	// ErrListLoop: a listing gave a continuation token it had given
	// before: the store would list the same pages forever.
	ErrListLoop = errors.New("the listing loops: a continuation token repeats")
	// ErrListTooLong: a listing was still truncated after its page limit
	// ([DefaultMaxPages], [WithMaxPages]).
	ErrListTooLong = errors.New("the listing does not end")
	// ErrStalled: a read delivered no byte for the stall limit
	// ([DefaultReadStall], [WithReadStall]).
	ErrStalled = errors.New("the read stalled")
	// ErrConfig: the Source or its client cannot be used as configured (no
	// client, no bucket name, no region); no request was sent.
	ErrConfig = errors.New("invalid configuration")
	// ErrOther: any other failure; Code, StatusCode and the wrapped error
	// say what it was.
	ErrOther = errors.New("request failed")
)

// Error is the error of every failed call of a [Source] other than a done
// context: which operation on which object failed, how (Kind), and the
// service's answer when there was one.
//
// errors.Is(err, Kind) holds, and errors.Is / errors.As reach the SDK's error
// (Err) too.
type Error struct {
	// Op is the S3 operation: "ListObjectsV2" or "GetObject".
	Op string
	// Bucket is the bucket; Key the object's key (GetObject) or the listing's
	// prefix (ListObjectsV2).
	Bucket, Key string
	// Kind is one of the package's Err* values.
	Kind error
	// StatusCode is the HTTP status of the service's last answer, 0 when
	// there was none.
	StatusCode int
	// Code is the service's error code ("NoSuchBucket", "AccessDenied",
	// "SlowDown", ...), "" when there was none.
	Code string
	// Region is the bucket's region when the service named it (with
	// ErrWrongRegion), "" otherwise.
	Region string
	// Err is the underlying error (the SDK's, or io.ErrUnexpectedEOF), nil
	// when there is none beyond Kind.
	Err error
}

// Error returns one line: "s3source: GetObject s3://bucket/key: kind
// (status code): detail" (without "s3://bucket/key" when both are empty).
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("s3source: ")
	b.WriteString(e.Op)
	if e.Bucket != "" || e.Key != "" {
		b.WriteString(" s3://")
		b.WriteString(e.Bucket)
		b.WriteByte('/')
		b.WriteString(e.Key)
	}
	b.WriteString(": ")
	if e.Kind != nil {
		b.WriteString(e.Kind.Error())
	}
	if e.StatusCode != 0 || e.Code != "" {
		b.WriteString(" (")
		if e.StatusCode != 0 {
			b.WriteString(strconv.Itoa(e.StatusCode))
			if e.Code != "" {
				b.WriteByte(' ')
			}
		}
		b.WriteString(e.Code)
		b.WriteByte(')')
	}
	if e.Region != "" {
		b.WriteString(", bucket region ")
		b.WriteString(e.Region)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns Kind and Err, so that errors.Is matches either.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// classify returns the *Error for err, a failed op on bucket/key.
func classify(op, bucket, key string, err error) *Error {
	e := &Error{Op: op, Bucket: bucket, Key: key, Err: err}
	var re *awshttp.ResponseError
	var hdr http.Header
	if errors.As(err, &re) && re.Response != nil {
		e.StatusCode = re.Response.StatusCode
		hdr = re.Response.Header
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		e.Code = ae.ErrorCode()
	}
	if hdr != nil {
		e.Region = hdr.Get("X-Amz-Bucket-Region")
	}
	var se *v4.SigningError
	var ce *credentialsError
	switch {
	case errors.As(err, &ce) || errors.As(err, &se) ||
		e.Code == "ExpiredToken" || e.Code == "InvalidToken" || e.Code == "TokenRefreshRequired":
		e.Kind = ErrCredentials
	case e.Code == "NoSuchBucket":
		e.Kind = ErrNoSuchBucket
	case e.Code == "NoSuchKey":
		e.Kind = ErrNoSuchKey
	case e.Code == "PreconditionFailed" || e.StatusCode == http.StatusPreconditionFailed:
		e.Kind = ErrChanged
	case e.Code == "PermanentRedirect" || e.Code == "AuthorizationHeaderMalformed" ||
		e.Code == "IllegalLocationConstraintException" || e.StatusCode == http.StatusMovedPermanently:
		e.Kind = ErrWrongRegion
	case e.StatusCode == http.StatusForbidden:
		e.Kind = ErrAccessDenied
	case e.StatusCode == http.StatusNotFound && op == opList:
		e.Kind = ErrNoSuchBucket
	case e.StatusCode == http.StatusNotFound:
		e.Kind = ErrNoSuchKey
	case e.Code == "InvalidRange" || e.StatusCode == http.StatusRequestedRangeNotSatisfiable:
		e.Kind = ErrTruncated
	case e.StatusCode >= 500 || e.StatusCode == http.StatusTooManyRequests || isThrottle(e.Code) ||
		(e.StatusCode == 0 && isTransport(err)):
		e.Kind = ErrUnavailable
	default:
		e.Kind = ErrOther
	}
	if e.Kind != ErrWrongRegion {
		e.Region = ""
	}
	return e
}

// isThrottle reports whether code is one the SDK's standard retryer treats as
// throttling or a timeout.
func isThrottle(code string) bool {
	switch code {
	case "SlowDown", "Throttling", "ThrottlingException", "RequestThrottled",
		"RequestTimeout", "RequestLimitExceeded", "BandwidthLimitExceeded",
		"TooManyRequestsException", "ServiceUnavailable", "InternalError":
		return true
	}
	return false
}

// isTransport reports whether err is a failure to exchange bytes with the
// service (a connection refused or broken, a timeout), not an answer.
func isTransport(err error) bool {
	var re *smithyhttp.RequestSendError
	if errors.As(err, &re) {
		return true
	}
	var ce interface{ CanceledError() bool }
	if errors.As(err, &ce) && ce.CanceledError() {
		return false
	}
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout() ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}
