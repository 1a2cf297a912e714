package lookout

import "context"

// targetPrefix is the service's target prefix: an operation's X-Amz-Target
// header is targetPrefix followed by its name.
const targetPrefix = "AWSLookoutEquipmentFrontendService."

// Request is the input of one of the service's operations:
// *[StartDataIngestionJobRequest], *[CreateDatasetRequest], and so on.
// [DecodeRequest] and [ReadRequest] read any of them; only this package's
// request types implement it.
type Request interface {
	// Validate reports whether the request satisfies every constraint
	// the service enforces on the operation's input: nil, or a
	// *[ValidationException] listing every violation.
	Validate() error

	// operation returns the declaration of the request's operation. It
	// is called on a nil pointer too.
	wireOp() *wireOp

	// validateWire is Validate for a request decoded from a body, with
	// what the body said of its members that the request cannot.
	validateWire(p *presence) error
}

// Response is the output of one of the service's operations:
// *[StartDataIngestionJobResponse], *[CreateDatasetResponse], and so on.
type Response interface {
	// Validate reports whether the response satisfies the constraints of
	// the service model: nil, or a *[ValidationException].
	Validate() error

	// appendJSON appends the response's JSON body to b, byte for byte
	// what encoding/json's Marshal writes for it.
	appendJSON(b []byte) ([]byte, error)
}

// operation is the declaration of one of the service's operations, as the
// wire needs it: its name, the limit of its body, the errors its model
// lists, and how its request is read.
type wireOp struct {
	// name is the operation's name; target its X-Amz-Target header.
	name, target string
	// maxBody bounds the request's body, in bytes.
	maxBody int
	// errors lists the codes of the errors the model lists for the
	// operation: those its function may answer with. The protocol's own
	// errors (SerializationException, UnknownOperationException) answer a
	// request the handler cannot read, whatever its operation.
	errors []string
	// decode reads the object at d.pos into req, which it sets to its
	// zero value first; reset sets req to its zero value.
	decode func(d *decoder, req Request) *DecodeError
	reset  func(req Request)
	// isNil reports whether req is a nil pointer.
	isNil func(req Request) bool
}

// declareWireOp declares the operation name, whose request is a Req
// read with the table t, whose body is at most maxBody bytes, and whose
// model lists the errors of codes errs.
func declareWireOp[Req any, PReq interface {
	*Req
	Request
}](name string, t *wireStruct[Req], maxBody int, errs ...string) *wireOp {
	reset := func(req Request) {
		if v, ok := req.(PReq); ok && v != nil {
			*v = *new(Req)
		}
	}
	return &wireOp{
		name: name, target: targetPrefix + name, maxBody: maxBody, errors: errs,
		reset: reset,
		isNil: func(req Request) bool { v, _ := req.(PReq); return v == nil },
		decode: func(d *decoder, req Request) *DecodeError {
			v := req.(PReq) // the operation is the request's own
			*v = *new(Req)
			return decodeObject(d, (*Req)(v), where{ptr: (*Req)(v)}, t)
		},
	}
}

// noRequest is the error of DecodeRequest and ReadRequest given a nil
// request to read into: there is nowhere to put what the body says.
func noRequest() error {
	de := &DecodeError{Reason: "there is no request to decode into: req is nil"}
	return &SerializationException{Message: de.Error(), Err: de}
}

// answers reports whether the operation's model lists the error of code.
func (op *wireOp) answers(code string) bool {
	for _, c := range op.errors {
		if c == code {
			return true
		}
	}
	return false
}

// requestIDKey is the context key of the request id.
type requestIDKey struct{}

// RequestID returns the id that the handler of [NewHandler] gave the
// request whose context is ctx, and sent in the response's x-amzn-RequestId
// header: a version 4 UUID, such as "6ba7b810-9dad-41d1-80b4-00c04fd430c8".
// The operation's function can log it beside what it does, so that a
// client's report (boto3's ResponseMetadata.RequestId, the AWS SDK for Go's
// middleware.GetRequestIDMetadata) finds the server's log. It returns ""
// for a context that no handler made.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
