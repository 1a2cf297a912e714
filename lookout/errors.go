package lookout

//go:generate go run ./internal/errorsgen -o errors_gen.go

import (
	"strconv"

	"github.com/aws/smithy-go"
)

// The error taxonomy. Each error is a pointer to a struct with the wire's
// Message member, and satisfies smithy-go's smithy.APIError (ErrorCode,
// ErrorMessage, ErrorFault), as the AWS SDK for Go v2's own error types do.
// Each also has HTTPStatusCode, the status the service answers with, and
// RetryableError, which the SDK's retryer honours. Match them with
// errors.As; [ErrorCode] and [IsRetryable] classify any error.

// AccessDeniedException: the request could not be completed because the
// caller does not have access to the resource. HTTP 400.
type AccessDeniedException struct {
	Message string
}

// ConflictException: the request could not be completed due to a conflict
// with the current state of the target resource (such as a ClientToken used
// before with other parameters). HTTP 400.
type ConflictException struct {
	Message string
}

// InternalServerException: processing of the request failed because of an
// unknown error, exception or failure. HTTP 500; a server fault, worth
// retrying.
type InternalServerException struct {
	Message string
}

// ResourceNotFoundException: the resource requested (the dataset) could not
// be found. HTTP 400.
type ResourceNotFoundException struct {
	Message string
}

// ServiceQuotaExceededException: resource limitations have been exceeded,
// such as the number of pending ingestion jobs. HTTP 400.
type ServiceQuotaExceededException struct {
	Message string
}

// ThrottlingException: the request was denied due to request throttling.
// HTTP 400; worth retrying after a pause.
type ThrottlingException struct {
	Message string
}

// ValidationException: the input fails to satisfy the constraints of the
// service. HTTP 400.
//
// Those that this package finds ([StartDataIngestionJobRequest.Validate], the
// Check functions, the validate package) carry every violation in Fields,
// and a Message in the service's wording (see [NewValidationException]). One
// read from the wire has only the Message.
type ValidationException struct {
	Message string

	// Fields lists the violations, in a stable order. It is not part of
	// the wire's error and is empty on an error read from the wire.
	Fields []FieldError `json:"-"`
}

// SerializationException is the AWS JSON 1.0 protocol's answer to a request
// body that cannot be read: malformed JSON, a member of the wrong type, an
// unknown or duplicate member. HTTP 400.
type SerializationException struct {
	Message string

	// Err is the cause, when this package found the problem itself (where
	// in the body, and what): it is not part of the wire's error, and is
	// nil on an error read from the wire.
	Err error `json:"-"`
}

// Unwrap returns the cause, Err.
func (e *SerializationException) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// UnknownOperationException is the AWS JSON 1.0 protocol's answer to a
// request whose X-Amz-Target names no operation of the service. HTTP 400.
type UnknownOperationException struct {
	Message string
}

// errorKind is one entry of the taxonomy table (errors_gen.go).
type errorKind struct {
	code      string
	status    int
	fault     smithy.ErrorFault
	retryable bool
	protocol  bool
	doc       string // what the error means, from the API reference page
	make      func(message string) error
}

func errorString(code, message string) string {
	if message == "" {
		return code
	}
	return code + ": " + message
}

// GenericAPIError is an error whose code the taxonomy does not know, read
// from the wire or built by [NewAPIError]. It keeps what was said: the code,
// the message and the HTTP status.
type GenericAPIError struct {
	// Code is the error's name as the wire gave it, without namespace
	// ("com.amazonaws.lookoutequipment#") or ":http://..." suffix. It may
	// be empty when the wire named none.
	Code string
	// Message is the error's message, possibly empty.
	Message string
	// StatusCode is the HTTP status, 0 when unknown.
	StatusCode int
}

// Error returns "Code: Message" ("UnknownError" stands for an empty code),
// with the HTTP status when there is one.
func (e *GenericAPIError) Error() string {
	if e == nil {
		return "<nil>"
	}
	s := errorString(e.ErrorCode(), e.Message)
	if e.StatusCode != 0 {
		s += " (HTTP " + strconv.Itoa(e.StatusCode) + ")"
	}
	return s
}

// ErrorCode returns the code, or "UnknownError" when it is empty (as the AWS
// SDK for Go v2 names an error whose code it could not read).
func (e *GenericAPIError) ErrorCode() string {
	if e == nil || e.Code == "" {
		return "UnknownError"
	}
	return e.Code
}

// ErrorMessage returns the message.
func (e *GenericAPIError) ErrorMessage() string {
	if e == nil {
		return ""
	}
	return e.Message
}

// ErrorFault returns smithy.FaultServer for a 5xx status,
// smithy.FaultClient for a 4xx status and smithy.FaultUnknown otherwise.
func (e *GenericAPIError) ErrorFault() smithy.ErrorFault {
	switch {
	case e == nil:
		return smithy.FaultUnknown
	case e.StatusCode >= 500 && e.StatusCode < 600:
		return smithy.FaultServer
	case e.StatusCode >= 400 && e.StatusCode < 500:
		return smithy.FaultClient
	}
	return smithy.FaultUnknown
}

// HTTPStatusCode returns the HTTP status, 0 when unknown.
func (e *GenericAPIError) HTTPStatusCode() int {
	if e == nil {
		return 0
	}
	return e.StatusCode
}

// RetryableError reports whether a retry may help: for a 5xx status, yes,
// since the service treats any server error as worth retrying; otherwise,
// when Code names an error of the taxonomy (read as the wire writes it, in
// any case), as that error says.
func (e *GenericAPIError) RetryableError() bool {
	if e == nil {
		return false
	}
	if e.StatusCode >= 500 && e.StatusCode < 600 {
		return true
	}
	if k := lookupKind(sanitizeCode(e.Code)); k != nil {
		return k.retryable
	}
	return false
}
