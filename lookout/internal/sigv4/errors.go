package sigv4

import (
	"net/http"

	"github.com/aws/smithy-go"
)

// The codes of the errors Verify returns, as AWS's services name them on the
// wire.
const (
	// CodeMissingAuthenticationToken: the request has no Authorization
	// header.
	CodeMissingAuthenticationToken = "MissingAuthenticationTokenException"
	// CodeIncompleteSignature: the Authorization header, or the headers a
	// signature needs, are malformed or incomplete.
	CodeIncompleteSignature = "IncompleteSignatureException"
	// CodeUnrecognizedClient: the access key id is not one the Verifier
	// knows.
	CodeUnrecognizedClient = "UnrecognizedClientException"
	// CodeInvalidSignature: the signature does not match, is out of date, or
	// is scoped to another service, region or terminator.
	CodeInvalidSignature = "InvalidSignatureException"
)

// Reason says which check a request failed, finer than the wire's Code: a
// test or a log can tell an expired signature from a wrong one without
// reading the message.
type Reason uint8

// The reasons, each with the Code it is answered with.
const (
	// ReasonMissing: no Authorization header (CodeMissingAuthenticationToken).
	ReasonMissing Reason = iota + 1
	// ReasonMalformed: the Authorization header cannot be read, lacks a
	// parameter, or the request lacks a date header (CodeIncompleteSignature).
	ReasonMalformed
	// ReasonUnsigned: a header that must be signed (host, the date header,
	// and when present content-type, X-Amz-Target, X-Amz-Content-Sha256 and
	// X-Amz-Security-Token) is not in SignedHeaders (CodeIncompleteSignature).
	ReasonUnsigned
	// ReasonScope: the credential scope names another terminator, service or
	// region, or a day other than the request's date (CodeInvalidSignature).
	ReasonScope
	// ReasonExpired: the request's date is more than MaxSkew before the wall
	// clock (CodeInvalidSignature).
	ReasonExpired
	// ReasonNotYetCurrent: the request's date is more than MaxSkew after the
	// wall clock (CodeInvalidSignature).
	ReasonNotYetCurrent
	// ReasonUnknownKey: the access key id is not known (CodeUnrecognizedClient).
	ReasonUnknownKey
	// ReasonMismatch: the signature, or the X-Amz-Content-Sha256 header, does
	// not match the request (CodeInvalidSignature).
	ReasonMismatch
)

var reasonNames = [...]string{
	ReasonMissing:       "missing",
	ReasonMalformed:     "malformed",
	ReasonUnsigned:      "unsigned",
	ReasonScope:         "scope",
	ReasonExpired:       "expired",
	ReasonNotYetCurrent: "not_yet_current",
	ReasonUnknownKey:    "unknown_key",
	ReasonMismatch:      "mismatch",
}

// String returns the reason's short name: "missing", "malformed", "unsigned",
// "scope", "expired", "not_yet_current", "unknown_key" or "mismatch".
func (r Reason) String() string {
	if int(r) < len(reasonNames) && reasonNames[r] != "" {
		return reasonNames[r]
	}
	return "unknown"
}

// Error is the refusal of a request by Verify: the code, message and HTTP
// status AWS answers with, for the handler to write as an AWS JSON error.
// It satisfies smithy.APIError, and has HTTPStatusCode, so
// lookout.FromAPIError (or lookout.NewAPIError(e.Code, e.Message,
// e.HTTPStatus)) turns it into an error lookout.WriteError writes as it is.
type Error struct {
	// Code is the error's name on the wire, one of the Code constants.
	Code string
	// Message says what failed, in AWS's wording where AWS has one.
	Message string
	// HTTPStatus is the status to answer with: 403 Forbidden for every
	// refusal, as AWS answers them.
	HTTPStatus int
	// Reason says which check failed.
	Reason Reason
}

func newError(reason Reason, msg string) *Error {
	code := CodeInvalidSignature
	switch reason {
	case ReasonMissing:
		code = CodeMissingAuthenticationToken
	case ReasonMalformed, ReasonUnsigned:
		code = CodeIncompleteSignature
	case ReasonUnknownKey:
		code = CodeUnrecognizedClient
	}
	return &Error{Code: code, Message: msg, HTTPStatus: http.StatusForbidden, Reason: reason}
}

// Error returns "Code: Message".
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// ErrorCode returns Code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorMessage returns Message.
func (e *Error) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient: the caller has to sign differently.
func (e *Error) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// HTTPStatusCode returns HTTPStatus.
func (e *Error) HTTPStatusCode() int { return e.HTTPStatus }

// RetryableError reports false: the same request would be refused again. (An
// AWS SDK retries a signature error only when it sees clock skew in the
// response's Date header, and then signs anew.)
func (e *Error) RetryableError() bool { return false }

// The messages AWS's services answer with, where they have one. AWS ends some
// of them with a space (they are joined to others); these do not.
const (
	msgMissingToken  = "Missing Authentication Token"
	msgUnknownKey    = "The security token included in the request is invalid."
	msgMismatch      = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	msgHostUnsigned  = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
	msgNoCredential  = "Authorization header requires 'Credential' parameter."
	msgNoSignature   = "Authorization header requires 'Signature' parameter."
	msgNoSigned      = "Authorization header requires 'SignedHeaders' parameter."
	msgNoDateHeader  = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
	msgScopeService  = "Credential should be scoped to correct service: '"
	msgScopeRegion   = "Credential should be scoped to a valid region, not '"
	msgScopeTerm     = "Credential should be scoped with a valid terminator: 'aws4_request', not '"
	msgCredentialLen = "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
)
