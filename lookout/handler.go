package lookout

import (
	"context"
	"encoding/binary"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout/internal/sigv4"
)

// NewHandler returns an http.Handler that serves over AWS JSON 1.0 each
// operation whose function in s is not nil. Each request gets an id, which
// every response carries in its x-amzn-RequestId header and [RequestID]
// finds in the function's context. The request is read with [ReadRequest]
// and validated with [Presence.Validate], their errors written when that
// fails; else the operation's function is called with the request's
// context, and its response written with [WriteResponse] (a nil one as
// "{}"), or its error with [WriteError] when the operation's model lists it.
// Any other error, a response the model forbids and a panic are answered
// with an InternalServerException that says nothing of them, and logged.
//
// It ignores the request's path, and keeps no state between requests: s's
// functions may be called concurrently. The package doc ("Serving") says
// more.
func NewHandler(s Service, opts ...HandlerOption) http.Handler {
	h := &handler{}
	for _, o := range opts {
		if o != nil {
			o(&h.options)
		}
	}
	var targets []string
	h.routes = s.routes()
	for i, rt := range h.routes {
		if rt.op != operations[i] {
			panic("lookout: the routes are not in the order of the operations")
		}
		if rt.serve != nil {
			targets = append(targets, rt.op.target)
			h.count++
		}
	}
	h.shown = strings.Join(targets, ", ")
	return h
}

// A HandlerOption configures the handler [NewHandler] returns.
type HandlerOption func(*handlerOptions)

// handlerOptions is what HandlerOptions set.
type handlerOptions struct {
	logger   *slog.Logger    // nil: slog.Default()
	verifier *sigv4.Verifier // nil: no signature is checked
}

// WithSignatures returns the option that makes the handler check each
// request's AWS Signature Version 4, as the service does: signed with one
// of credentials (an access key id to its secret access key) for the
// service lookoutequipment in region, dated within 15 minutes of the wall
// clock, over the request's method, path, host, date, body and
// X-Amz-Target. A request that fails is answered 403 with
// [MissingAuthenticationTokenException], [IncompleteSignatureException],
// [UnrecognizedClientException] or [InvalidSignatureException], in AWS's
// words; X-Amz-Security-Token may be signed and is not checked. The
// signature is checked once the request names an operation the handler
// serves and its body is read. It returns an error for empty credentials
// or region.
func WithSignatures(credentials map[string]string, region string) (HandlerOption, error) {
	v, err := sigv4.New(credentials, region)
	if err != nil {
		return nil, err
	}
	return func(o *handlerOptions) { o.verifier = v }, nil
}

// WithLogger makes the handler log to logger what it logs: a panic of an
// operation's function, with its stack, and an error or a response of a
// function that the operation cannot answer. A nil logger is the default,
// [slog.Default]; to log nothing, pass slog.New(slog.DiscardHandler).
func WithLogger(logger *slog.Logger) HandlerOption {
	return func(o *handlerOptions) { o.logger = logger }
}

// log returns the logger the handler logs to.
func (o *handlerOptions) log() *slog.Logger {
	if o.logger != nil {
		return o.logger
	}
	return slog.Default()
}

// route is an operation and the handler's service of it: nil for an
// operation the Service has no function for.
type route struct {
	op    *operation
	serve func(h *handler, ctx context.Context, w http.ResponseWriter, data []byte)
}

// handler serves the operations of a Service.
type handler struct {
	routes  []route // every operation, in the order of operations; serve nil for those not served
	count   int     // the operations served
	shown   string  // their targets, for errors
	options handlerOptions
}

// find returns the operation served whose target is target, or nil: one
// look-up of the target, whose route ServeHTTP then takes by index.
func (h *handler) find(target string) *operation {
	if op := lookupTarget(target); op != nil && h.routes[op.index()].serve != nil {
		return op
	}
	return nil
}

func (h *handler) served() (string, int) { return h.shown, h.count }

// requestIDKey is the context key of the request id.
type requestIDKey struct{}

// RequestID returns the id that the handler of [NewHandler] gave the
// request whose context is ctx, and sent in the response's x-amzn-RequestId
// header: a version 4 UUID. It returns "" for a context that no handler
// made.
func RequestID(ctx context.Context) string {
	if rc, ok := ctx.Value(requestIDKey{}).(*requestContext); ok {
		return rc.id
	}
	return ""
}

// requestContext is the context of a request the handler serves: the
// request's own, with the request's id as the value of requestIDKey. It
// holds what the handler needs of each request in one allocation: the
// id, and the header value that sends it.
type requestContext struct {
	context.Context
	id     string
	header [1]string // the id, as the value of the response's header
}

// Value returns rc itself for requestIDKey (RequestID reads its id: no
// string is boxed), and asks the request's context for any other key.
func (rc *requestContext) Value(key any) any {
	if _, ok := key.(requestIDKey); ok {
		return rc
	}
	return rc.Context.Value(key)
}

// newRequestID returns a new request id: a version 4 UUID in its canonical
// form, as NewClientToken writes it, of 122 random bits from math/rand/v2's
// generator (ChaCha8, seeded by the runtime from the operating system's
// entropy): as unlikely to repeat as crypto/rand's, without a system call.
// A request id names a request in logs; it guards nothing.
func newRequestID() string {
	var u [16]byte
	binary.LittleEndian.PutUint64(u[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(u[8:], rand.Uint64())
	return formatUUID(&u)
}

// signatureError returns the error of the taxonomy that answers a request
// whose signature err refused.
func signatureError(err error) error {
	var se *sigv4.Error
	if errors.As(err, &se) {
		return NewAPIError(se.Code, se.Message, se.HTTPStatus)
	}
	return &InternalServerException{}
}

// headerRequestID is the header of a response that carries the request's
// id.
const headerRequestID = "X-Amzn-Requestid"

// ServeHTTP serves one request.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := &requestContext{id: newRequestID()}
	rc.header[0] = rc.id
	// The key is canonical: the map is set directly, with a value of the
	// request's own that holds no more than the id (cap 1).
	w.Header()[headerRequestID] = rc.header[:]
	if r == nil {
		_, err := ReadRequest(nil, (*StartDataIngestionJobRequest)(nil))
		WriteError(w, err)
		return
	}
	op, err := checkRoute(r, h)
	if err != nil {
		if r.ContentLength > MaxRequestBodyBytes {
			// A body the handler will not read: not worth reading to
			// keep the connection.
			w.Header().Set("Connection", "close")
		}
		WriteError(w, err)
		return
	}
	if r.Body != nil && r.Body != http.NoBody && (r.ContentLength < 0 || r.ContentLength > int64(op.maxBody)) {
		// A body of unknown length (chunked) is held to the limit as it
		// is read. One whose length is known and within the limit needs
		// no reader over it: net/http's reads no further than that
		// length.
		r.Body = http.MaxBytesReader(w, r.Body, int64(op.maxBody))
	}
	bp := bodyBuffers.Get().(*[]byte)
	defer putBodyBuffer(bp)
	data, err := readRequestBody(r, op.maxBody, bp)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if r.ContentLength > int64(op.maxBody) || errors.As(err, &tooLarge) {
			w.Header().Set("Connection", "close")
		}
		WriteError(w, err)
		return
	}
	if v := h.options.verifier; v != nil {
		if err := v.Verify(r, data); err != nil {
			WriteError(w, signatureError(err))
			return
		}
	}
	rc.Context = r.Context()
	// The body's buffer goes back to its pool once serve returns:
	// DecodeRequest keeps nothing of data.
	h.routes[op.index()].serve(h, rc, w, data)
}

// bind returns the route of fn's operation, the operation of its request
// type.
func bind[Req, Resp any, PReq interface {
	*Req
	Request
}, PResp interface {
	*Resp
	Response
}](fn func(context.Context, PReq) (PResp, error)) route {
	op := PReq(nil).operation()
	if fn == nil {
		return route{op: op}
	}
	return route{op: op, serve: func(h *handler, ctx context.Context, w http.ResponseWriter, data []byte) {
		req := PReq(new(Req))
		p, err := DecodeRequest(data, req)
		if err == nil {
			err = p.Validate(req)
		}
		if err != nil {
			WriteError(w, err)
			return
		}
		resp, err := call(h, ctx, op, fn, req)
		if err != nil {
			WriteError(w, err)
			return
		}
		if err := WriteResponse(w, resp); err != nil {
			// WriteResponse wrote nothing of a response that breaks the
			// model; any other error is the client gone: nothing more to
			// do.
			var invalid *ValidationException
			if errors.As(err, &invalid) {
				h.log(ctx, op, "lookout: the operation's function returned a response the service model forbids; "+
					"answered InternalServerException", slog.String("error", invalid.Message))
				WriteError(w, &InternalServerException{})
			}
		}
	}}
}

// call calls fn and reads its error: it returns fn's response, or the
// error to answer with (see answer). A panic, in fn or in reading its
// error (an Error or As method that panics), is logged and answered as an
// InternalServerException.
func call[Req, Resp any](h *handler, ctx context.Context, op *operation, fn func(context.Context, Req) (Resp, error), req Req) (resp Resp, answer error) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			h.log(ctx, op, "lookout: panic in the operation's function; answered InternalServerException",
				slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
			var zero Resp
			resp, answer = zero, &InternalServerException{}
		}
	}()
	resp, err := fn(ctx, req)
	if err != nil {
		return resp, h.answer(ctx, op, err)
	}
	return resp, nil
}

// answer returns the error to write for err, the error of op's function:
// the taxonomy's error of err's code, with its message, when op's model
// lists it; otherwise, logged, an InternalServerException that says nothing
// of err. What it returns is the package's own value, safe to write.
func (h *handler) answer(ctx context.Context, op *operation, err error) error {
	code, status, message := wireError(err)
	var own taxonomyError
	if !op.answers(code) || code == CodeInternalServer && !errors.As(err, &own) {
		h.log(ctx, op, "lookout: the operation's function returned an error the operation does not answer; "+
			"answered InternalServerException", slog.String("error", err.Error()))
		return &InternalServerException{}
	}
	return NewAPIError(code, message, status)
}

// log writes a record at level Error about op's request.
func (h *handler) log(ctx context.Context, op *operation, msg string, attrs ...slog.Attr) {
	attrs = append(attrs, slog.String("operation", op.name), slog.String("request_id", RequestID(ctx)))
	h.options.log().LogAttrs(ctx, slog.LevelError, msg, attrs...)
}
