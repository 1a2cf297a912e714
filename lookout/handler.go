package lookout

import (
	"context"
	"errors"
	"net/http"
)

// NewHandler returns an http.Handler that serves StartDataIngestionJob over
// AWS JSON 1.0 with start, the service's part of the operation: start
// receives the request's context and a request that passed validation. For
// each request the handler:
//
//  1. reads it with [ReadRequest], the body through an http.MaxBytesReader
//     of [MaxRequestBodyBytes] (so that the server closes the connection
//     of a body over the limit rather than read it), and writes the
//     protocol's error when that fails (*UnknownOperationException,
//     *SerializationException);
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
// A panic in start is recovered and answered with an InternalServerException
// that says nothing of it; so is a nil start. The exception is
// http.ErrAbortHandler, which is panicked again so that the server aborts
// the response as net/http documents. The handler logs nothing: wrap it, or
// start, to log.
//
// It does not look at the request's path: mount it where the service is
// expected ("/" for AWS's clients).
func NewHandler(start func(context.Context, *StartDataIngestionJobRequest) (*StartDataIngestionJobResponse, error)) http.Handler {
	return &handler{start: start}
}

type handler struct {
	start func(context.Context, *StartDataIngestionJobRequest) (*StartDataIngestionJobResponse, error)
}

// ServeHTTP serves one StartDataIngestionJob request.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r != nil && r.Body != nil && r.Body != http.NoBody {
		r.Body = http.MaxBytesReader(w, r.Body, MaxRequestBodyBytes)
	}
	req, err := ReadRequest(r)
	if err != nil {
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

// call calls start, turning a panic into an InternalServerException.
func (h *handler) call(ctx context.Context, req *StartDataIngestionJobRequest) (resp *StartDataIngestionJobResponse, err error) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			resp, err = nil, &InternalServerException{}
		}
	}()
	if h.start == nil {
		return nil, &InternalServerException{}
	}
	return h.start(ctx, req)
}
