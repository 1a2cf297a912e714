package lookout

import (
	"errors"
	"strings"

	"github.com/aws/smithy-go"
)

// sanitizeCode reads an error's name as AWS's protocols write it: what is
// before the first ':', then what is after the '#'
// ("com.amazonaws.lookoutequipment#ValidationException:http://..." is
// "ValidationException"). A name with several '#' (which no service sends)
// keeps what follows the last one, as botocore does, so that reading a name
// twice gives what reading it once gives.
func sanitizeCode(name string) string {
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[:i]
	}
	if i := strings.LastIndexByte(name, '#'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// lookupKind finds the taxonomy entry of code, matched case-insensitively
// as the AWS SDK for Go v2 matches error codes.
func lookupKind(code string) *errorKind {
	for i := range taxonomy {
		if strings.EqualFold(taxonomy[i].code, code) {
			return &taxonomy[i]
		}
	}
	return nil
}

// NewAPIError returns the error of the taxonomy that code names, carrying
// message: a *ThrottlingException for "ThrottlingException", and so on for
// every code of the taxonomy. The code is read as the wire writes it
// (namespace and ":http://..." suffix removed) and matched
// case-insensitively, as the AWS SDK for Go v2 matches codes. A code the
// taxonomy does not know, or an empty one, gives a *[GenericAPIError] that
// keeps code, message and status; status is otherwise not kept, since each
// type of the taxonomy has its own.
func NewAPIError(code, message string, status int) error {
	code = sanitizeCode(code)
	if k := lookupKind(code); k != nil {
		return k.make(message)
	}
	return &GenericAPIError{Code: code, Message: message, StatusCode: status}
}

// ErrorCode returns the code of the first error in err's chain that carries
// one, that is that satisfies smithy.APIError: the errors of this package,
// those of the AWS SDK for Go v2, and any other. The code is read as the wire
// writes it (namespace and ":http://..." suffix removed, see [NewAPIError]),
// and a code that names an error of the taxonomy in another case is spelled
// as the taxonomy spells it. It returns "" when nothing in err's chain
// carries a code.
func ErrorCode(err error) string {
	var api smithy.APIError
	if !errors.As(err, &api) {
		return ""
	}
	code := sanitizeCode(api.ErrorCode())
	if k := lookupKind(code); k != nil {
		return k.code
	}
	return code
}

// IsRetryable reports whether the request that failed with err is worth
// sending again as it is. In order, the first answer found decides:
//   - an error in err's chain that has a RetryableError() bool method (as
//     this package's errors have, and as the AWS SDK for Go v2's retryer
//     honours) says so;
//   - the code of the chain's smithy.APIError, when the taxonomy knows it:
//     ThrottlingException and InternalServerException are worth retrying,
//     the others are the caller's to fix;
//   - an error in the chain with an HTTPStatusCode() int method reports a
//     5xx status or 429 Too Many Requests, or a smithy.APIError reports
//     smithy.FaultServer.
//
// Anything else, nil included, is not retryable.
func IsRetryable(err error) bool {
	if err == nil {
		return false
	}
	var r interface{ RetryableError() bool }
	if errors.As(err, &r) {
		return r.RetryableError()
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		if k := lookupKind(sanitizeCode(api.ErrorCode())); k != nil {
			return k.retryable
		}
		if api.ErrorFault() == smithy.FaultServer {
			return true
		}
	}
	var st interface{ HTTPStatusCode() int }
	if errors.As(err, &st) {
		return retryableStatus(st.HTTPStatusCode())
	}
	return false
}

// taxonomyError is satisfied by the errors of this package's taxonomy,
// GenericAPIError included.
type taxonomyError interface {
	smithy.APIError
	taxonomyError()
}

func (*GenericAPIError) taxonomyError() {}

// FromAPIError returns the error of this package's taxonomy that err stands
// for: the first one in err's chain when there is one; else, for the first
// smithy.APIError in its chain (an AWS SDK for Go v2 error, say), the error
// [NewAPIError] makes of its code and message, with the HTTP status found in
// the chain. It returns nil when err's chain holds no smithy.APIError. A
// *ValidationException made this way has no Fields: the wire's error has
// only a message.
func FromAPIError(err error) error {
	var own taxonomyError
	if errors.As(err, &own) {
		return own
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		return nil
	}
	status := 0
	var st interface{ HTTPStatusCode() int }
	if errors.As(err, &st) {
		status = st.HTTPStatusCode()
	}
	return NewAPIError(api.ErrorCode(), api.ErrorMessage(), status)
}
