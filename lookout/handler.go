package lookout

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
)

// NewHandler returns an http.Handler that serves StartDataIngestionJob over
// AWS JSON 1.0 with start, the service's part of the operation: start
// receives the request's context and a request that passed validation. For
// each request the handler:
//
//  1. reads it with [ReadRequest], the body through an http.MaxBytesReader
//     of [MaxRequestBodyBytes], and writes the protocol's error when that
//     fails (*UnknownOperationException, *SerializationException). The
//     answer to a request whose body is over the limit, declared so by its
//     Content-Length or found so while reading, carries "Connection:
//     close", and the server closes the connection after it rather than
//     read the rest of the body (net/http would otherwise read and discard
//     up to 256 KiB that the handler left unread, to keep the connection);
//  2. validates it with [StartDataIngestionJobRequest.Validate], and writes
//     the *ValidationException, in the service's wording, when a constraint
//     fails;
//  3. calls start with the request's context, and writes its error with
//     [WriteError] (an error outside the taxonomy becomes an
//     InternalServerException that says nothing of it), or its response with
//     [WriteResponse]. A response that the service model forbids is not
//     sent: an InternalServerException is written instead. A nil response
//     with a nil error is written "{}".
//
// A panic in start is recovered, logged at level Error with its value
// (attribute "panic") and the stack of the panicking goroutine (attribute
// "stack"), and answered with an InternalServerException that says nothing
// of it; a nil start is logged and answered the same way. The exception is
// http.ErrAbortHandler, which is neither logged nor answered but panicked
// again, so that the server aborts the response as net/http documents. The
// log is [slog.Default] (read when the panic happens) unless [WithLogger]
// says otherwise; the handler logs nothing else.
//
// It does not look at the request's path: mount it where the service is
// expected ("/" for AWS's clients).
func NewHandler(start func(context.Context, *StartDataIngestionJobRequest) (*StartDataIngestionJobResponse, error), opts ...HandlerOption) http.Handler {
	h := &handler{start: start}
	for _, o := range opts {
		if o != nil {
			o(&h.options)
		}
	}
	return h
}

// A HandlerOption configures the handler [NewHandler] returns.
type HandlerOption func(*handlerOptions)

// handlerOptions is what HandlerOptions set.
type handlerOptions struct {
	logger *slog.Logger // nil: slog.Default()
}

// WithLogger makes the handler log to logger what it logs: a panic of the
// operation's function, with its stack. A nil logger is the default,
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

type handler struct {
	start   func(context.Context, *StartDataIngestionJobRequest) (*StartDataIngestionJobResponse, error)
	options handlerOptions
}

// ServeHTTP serves one StartDataIngestionJob request.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r != nil && r.Body != nil && r.Body != http.NoBody {
		r.Body = http.MaxBytesReader(w, r.Body, MaxRequestBodyBytes)
	}
	req, err := ReadRequest(r)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if r != nil && r.ContentLength > MaxRequestBodyBytes || errors.As(err, &tooLarge) {
			w.Header().Set("Connection", "close")
		}
		WriteError(w, err)
		return
	}
	if err := req.Validate(); err != nil {
		WriteError(w, err)
		return
	}
	resp, err := h.call(r.Context(), req)
	if err != nil {
		WriteError(w, err)
		return
	}
	if err := WriteResponse(w, resp); err != nil {
		// WriteResponse wrote nothing of a response that breaks the
		// model; any other error is the client gone: nothing more to do.
		var invalid *ValidationException
		if errors.As(err, &invalid) {
			WriteError(w, &InternalServerException{})
		}
	}
}

// call calls start, turning a panic into a logged InternalServerException.
func (h *handler) call(ctx context.Context, req *StartDataIngestionJobRequest) (resp *StartDataIngestionJobResponse, err error) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			h.options.log().ErrorContext(ctx, "lookout: panic in the operation's function; answered InternalServerException",
				slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
			resp, err = nil, &InternalServerException{}
		}
	}()
	if h.start == nil {
		h.options.log().ErrorContext(ctx, "lookout: the handler has no operation function; answered InternalServerException")
		return nil, &InternalServerException{}
	}
	return h.start(ctx, req)
}
