package lookout

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/aws/smithy-go"
)

// The error taxonomy. Each error is a pointer to a struct with the wire's
// Message member, and satisfies smithy-go's smithy.APIError (ErrorCode,
// ErrorMessage, ErrorFault), as the AWS SDK for Go v2's own error types do.
// Each also has HTTPStatusCode, the status the service answers with, and
// RetryableError, which the SDK's retryer honours. Match them with
// errors.As; [ErrorCode] and [IsRetryable] classify any error.

// Unwrap returns the cause, Err.
func (e *SerializationException) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
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

// errorString returns what an error's Error method shows: the code, then
// ": " and the message when there is one, each shown as showText shows it,
// so that an error read from anywhere prints as one bounded line.
func errorString(code, message string) string {
	if showsAsIs(code, maxShownCode) && showsAsIs(message, maxShownMessage) {
		if message == "" {
			return code // no allocation for the taxonomy's codes
		}
		return code + ": " + message
	}
	var b strings.Builder
	b.Grow(min(len(code), 2*maxShownCode) + len(": ") + min(len(message), 2*maxShownMessage))
	showText(&b, code, maxShownCode)
	if message != "" {
		b.WriteString(": ")
		showText(&b, message, maxShownMessage)
	}
	return b.String()
}

// The bounds of what Error shows of an error's code and message, in bytes.
// Every Message the service model allows (5,000 characters, 4 bytes at
// most each) fits in maxShownMessage as long as it needs no escape, so the
// service's messages and this package's show whole; one of 5,000
// characters that are all escaped (\u00A0 for a no-break space, say) is
// cut.
const (
	maxShownCode    = 128
	maxShownMessage = 4 * maxMessage
)

// GenericAPIError is an error whose code the taxonomy does not know, read
// from the wire or built by [NewAPIError]. It keeps what was said: the code,
// the message and the HTTP status.
type GenericAPIError struct {
	// Code is the error's name as the wire gave it, without namespace
	// ("com.amazonaws.lookoutequipment#") or ":http://..." suffix. It may
	// be empty when the wire named none. It is kept as it came: Error
	// shows it escaped and bounded.
	Code string
	// Message is the error's message, possibly empty, kept as it came:
	// Error shows it escaped and bounded.
	Message string
	// StatusCode is the HTTP status, 0 when unknown.
	StatusCode int
}

// Error returns "Code: Message" ("UnknownError" stands for an empty code),
// with the HTTP status when there is one. Code and Message are shown
// escaped and bounded, as the package doc says; the fields
// keep them as they are.
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
// since the service treats any server error as worth retrying; for 429 Too
// Many Requests, yes, since it is throttling (a proxy's or a gateway's:
// the service itself answers ThrottlingException with 400); otherwise,
// when Code names an error of the taxonomy (read as the wire writes it, in
// any case), as that error says.
//
// A 429 is not read as a *ThrottlingException: the code stays the one the
// response gave (or "UnknownError"), so that nothing is said that the
// response did not say; [IsRetryable] is what tells that it is worth
// retrying.
func (e *GenericAPIError) RetryableError() bool {
	if e == nil {
		return false
	}
	if retryableStatus(e.StatusCode) {
		return true
	}
	if k := lookupKind(sanitizeCode(e.Code)); k != nil {
		return k.retryable
	}
	return false
}

// retryableStatus reports whether an HTTP status says that the same request
// may succeed later: 429 Too Many Requests and any 5xx.
func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500 && status < 600
}
