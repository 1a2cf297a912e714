package lookout

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// ContentType is the media type of AWS JSON 1.0 requests and responses.
const ContentType = "application/x-amz-json-1.0"

// maxShownHeader bounds the bytes of a request's header value that an error
// message shows.
const maxShownHeader = 128

// ReadRequest reads a request of req's operation, as AWS JSON 1.0 sends it,
// into req, and returns what [DecodeRequest] returns for its body. A request
// that does not name the operation (a method other than POST, a
// Content-Type other than [ContentType], an X-Amz-Target other than the
// operation's) is refused with a *[UnknownOperationException]. A
// Content-Encoding other than identity, a body over the operation's limit
// (read no further than one byte past it) and a body that cannot be read are
// refused with a *[SerializationException]; for the last two its Err is a
// *[DecodeError] that unwraps to the cause (a *http.MaxBytesError, the
// reader's error, [ErrInvalidRead] or [io.ErrNoProgress]).
//
// It checks neither the request's path nor the members' constraints (call
// [Presence.Validate]), and does not close r.Body. The package doc
// ("Reading a request") says more.
func ReadRequest(r *http.Request, req Request) (Presence, error) {
	if req == nil || req.isNil() {
		return Presence{}, noRequest()
	}
	op := req.operation()
	if r == nil {
		req.reset()
		de := &DecodeError{Reason: "there is no request to read"}
		return Presence{}, &SerializationException{Message: de.Error(), Err: de}
	}
	if _, err := checkRoute(r, routeOne{op}); err != nil {
		req.reset()
		return Presence{}, err
	}
	bp := bodyBuffers.Get().(*[]byte)
	defer putBodyBuffer(bp)
	data, err := readRequestBody(r, op.maxBody, bp)
	if err != nil {
		req.reset()
		return Presence{}, err
	}
	return DecodeRequest(data, req) // keeps nothing of data
}

// readRequestBody checks r's Content-Encoding and reads its body, at most
// limit bytes of it, into *bp when the body fits it (see readBody).
func readRequestBody(r *http.Request, limit int, bp *[]byte) ([]byte, error) {
	if enc := r.Header["Content-Encoding"]; len(enc) > 1 || len(enc) == 1 && enc[0] != "" && !strings.EqualFold(enc[0], "identity") {
		de := &DecodeError{Reason: "the body must be JSON without a Content-Encoding; the request has Content-Encoding " +
			quoteBounded(r.Header.Get("Content-Encoding"), maxShownHeader)}
		return nil, &SerializationException{Message: de.Error(), Err: de}
	}
	return readBody(r, limit, bp)
}

// router finds the operation a request's X-Amz-Target names.
type router interface {
	// find returns the operation of target, or nil when the endpoint
	// serves no such operation.
	find(target string) *operation
	// served lists the targets the endpoint serves, for errors: one
	// target, or several joined by ", ", or "" for none.
	served() (list string, n int)
}

// routeOne is the router of an endpoint that serves one operation.
type routeOne struct{ op *operation }

func (r routeOne) find(target string) *operation {
	if target == r.op.target {
		return r.op
	}
	return nil
}

func (r routeOne) served() (string, int) { return r.op.target, 1 }

// checkRoute checks the method, Content-Type and X-Amz-Target of r, and
// returns the operation the target names among those rt serves.
func checkRoute(r *http.Request, rt router) (*operation, error) {
	if r.Method != http.MethodPost {
		return nil, &UnknownOperationException{Message: "AWS JSON 1.0 requests are sent with POST; this one was sent with " +
			quoteBounded(r.Method, maxShownHeader)}
	}
	// The keys are canonical: the map is read directly (Values would
	// canonicalize them again on every request).
	switch ct := r.Header["Content-Type"]; {
	case len(ct) == 0:
		return nil, &UnknownOperationException{Message: "the request has no Content-Type header; it must be " + ContentType}
	case len(ct) > 1:
		return nil, &UnknownOperationException{Message: "the request has " + strconv.Itoa(len(ct)) +
			" Content-Type headers; it must have one, " + ContentType}
	case ct[0] == ContentType:
		// As clients send it: nothing to parse.
	default:
		mt, _, err := mime.ParseMediaType(ct[0])
		if err != nil || mt != ContentType {
			return nil, &UnknownOperationException{Message: "the Content-Type must be " + ContentType + "; the request's is " +
				quoteBounded(ct[0], maxShownHeader)}
		}
	}
	t := r.Header["X-Amz-Target"]
	if len(t) == 1 {
		if op := rt.find(t[0]); op != nil {
			return op, nil
		}
	}
	// The error's words, only for a request refused: the list of targets
	// is long.
	served, n := rt.served()
	oneOf := served
	switch n {
	case 0:
		served, oneOf = "no operation", "an operation's target"
	case 1:
	default:
		oneOf = "one of " + served
	}
	switch {
	case len(t) == 0:
		return nil, &UnknownOperationException{Message: "the request has no X-Amz-Target header; it must be " + oneOf}
	case len(t) > 1:
		return nil, &UnknownOperationException{Message: "the request has " + strconv.Itoa(len(t)) +
			" X-Amz-Target headers; it must have one, " + oneOf}
	default:
		return nil, &UnknownOperationException{Message: "X-Amz-Target " + quoteBounded(t[0], maxShownHeader) +
			" names no operation of this endpoint, which serves " + served}
	}
}

// ErrInvalidRead is the error of reading a request body whose reader
// broke io.Reader's contract, returning a count of bytes below zero or
// above the buffer's length: ReadRequest's *SerializationException wraps
// it (errors.Is finds it), as it wraps [io.ErrNoProgress] for a reader that
// returns no bytes and no error many times in a row.
var ErrInvalidRead = errors.New("lookout: the body's reader returned an invalid count of bytes")

// readStartSize is the buffer readBody starts with: the typical request
// fits, and a client that declares a long body and sends nothing costs no
// more. The buffer then doubles as bytes arrive, up to the declared length
// and the limit.
const readStartSize = 512

// maxEmptyReads is the number of reads in a row that return no bytes and no
// error after which readBody gives up with io.ErrNoProgress, as bufio does.
const maxEmptyReads = 100

// readGuard holds the reads of a body to io.Reader's contract, for the
// readers of this package: a count of bytes below zero or above the
// buffer's length is ErrInvalidRead (using such a count would panic, or
// take bytes that were never read), and maxEmptyReads reads in a row that
// return no bytes and no error are io.ErrNoProgress, as bufio gives up (a
// reader that does so for ever would otherwise be read for ever, at full
// CPU). A read with bytes, or with an error, ends a run of empty reads.
type readGuard struct{ empty int }

// check returns the error of a read into a buffer of size bytes that
// returned n and err, or nil when the read keeps the contract.
func (g *readGuard) check(n, size int, err error) error {
	switch {
	case n < 0 || n > size:
		return ErrInvalidRead
	case n > 0 || err != nil:
		g.empty = 0
	default:
		if g.empty++; g.empty >= maxEmptyReads {
			return io.ErrNoProgress
		}
	}
	return nil
}

// bodyBuffers holds the buffers request bodies are read into (a *[]byte
// each, of capacity pooledBody): the typical request fits one.
var bodyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, pooledBody); return &b }}

// pooledBody is the capacity of a pooled body buffer.
const pooledBody = 4 << 10

// putBodyBuffer returns *bp to bodyBuffers once the body read into it is
// no longer used.
func putBodyBuffer(bp *[]byte) {
	*bp = (*bp)[:0]
	bodyBuffers.Put(bp)
}

// readBody reads r's body, at most limit bytes of it, into a buffer that
// grows as bytes arrive: what a request costs is what its client sent, not
// what it declared. The buffer is *bp while the body fits its capacity (a
// nil bp is no buffer); what it returns is then in *bp.
func readBody(r *http.Request, limit int, bp *[]byte) ([]byte, error) {
	if r.ContentLength > int64(limit) {
		return nil, bodyTooLarge(&http.MaxBytesError{Limit: int64(limit)})
	}
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	// Room for the whole body and one byte more, to see io.EOF without
	// growing; the limit and one byte more, to see a body over the limit.
	want := limit + 1
	if r.ContentLength >= 0 {
		want = int(r.ContentLength) + 1
	}
	// The pooled buffer, when there is one, is offered as a buffer of
	// our own would be (readStartSize, then doubling), each size a view
	// of it with the bytes in place: the reads are the same, without the
	// allocations.
	var pool []byte
	if bp != nil {
		pool = *bp
	}
	var data []byte
	if start := min(readStartSize, want); start <= cap(pool) {
		data = pool[:0:start]
	} else {
		data = make([]byte, 0, start)
	}
	var guard readGuard
	for {
		if len(data) == cap(data) {
			// Double, but not past what the body declared (when it
			// says true) nor past the limit and a byte.
			size := 2 * cap(data)
			if len(data) < want {
				size = min(size, want)
			}
			size = min(size, limit+1)
			if size <= cap(pool) && len(data) > 0 && &data[0] == &pool[:1][0] {
				data = pool[:len(data):size]
			} else {
				data = append(make([]byte, 0, size), data...)
			}
		}
		room := data[len(data):cap(data)]
		n, err := r.Body.Read(room)
		if gerr := guard.check(n, len(room), err); gerr != nil {
			return nil, bodyUnreadable(int64(len(data)), gerr)
		}
		data = data[:len(data)+n]
		if len(data) > limit {
			return nil, bodyTooLarge(&http.MaxBytesError{Limit: int64(limit)})
		}
		switch {
		case err == io.EOF:
			return data, nil
		case err != nil:
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, bodyTooLarge(mbe)
			}
			return nil, bodyUnreadable(int64(len(data)), err)
		}
	}
}

// bodyUnreadable is ReadRequest's error for a body whose reading failed
// with err after offset bytes.
func bodyUnreadable(offset int64, err error) error {
	de := &DecodeError{Offset: offset, Reason: "the body could not be read to its end: " + err.Error(), cause: err}
	return &SerializationException{Message: "the body could not be read to its end", Err: de}
}

// WriteResponse writes resp as the 200 response of its operation:
// Content-Type [ContentType] and the members that are present, such as
// {"JobId":"...","Status":"IN_PROGRESS"}. A nil resp is written "{}".
//
// resp is validated first: an invalid one (a JobId that is not hexadecimal,
// an unknown Status) is not written at all, and WriteResponse returns its
// *[ValidationException], so that nothing the service model forbids is ever
// sent; the caller then writes an error ([NewHandler] writes an
// *[InternalServerException]). Otherwise WriteResponse returns the error of
// writing the body, if any.
func WriteResponse[Resp any, PResp interface {
	*Resp
	Response
}](w http.ResponseWriter, resp PResp) error {
	if resp == nil {
		return writeJSON(w, http.StatusOK, []byte("{}"))
	}
	if err := resp.Validate(); err != nil {
		return err
	}
	bp := responseBuffers.Get().(*[]byte)
	defer responseBuffers.Put(bp)
	body, err := resp.appendJSON((*bp)[:0])
	if err != nil {
		return err // a Timestamp out of range, which Validate refuses first
	}
	if cap(body) <= maxPooledResponse {
		*bp = body
	}
	return writeJSON(w, http.StatusOK, body)
}

// responseBuffers holds the buffers WriteResponse writes bodies in (a
// *[]byte each): the ResponseWriter copies the body, so a buffer serves
// the next response.
var responseBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

// maxPooledResponse bounds the capacity of a buffer kept for the next
// response: a large list's body is left to the collector.
const maxPooledResponse = 64 << 10

// writeJSON writes a response of status whose body is the JSON body.
func writeJSON(w http.ResponseWriter, status int, body []byte) error {
	// The keys are canonical: the map is set directly. Each response has
	// its own values: a wrapper may write into them.
	h := w.Header()
	vals := make([]string, 2) // one allocation for both; each slice capped
	vals[0], vals[1] = ContentType, strconv.Itoa(len(body))
	h["Content-Type"] = vals[0:1:1]
	h["Content-Length"] = vals[1:2:2]
	w.WriteHeader(status)
	_, err := w.Write(body)
	return err
}
