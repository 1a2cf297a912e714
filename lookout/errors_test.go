package lookout_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// Each error of the taxonomy is a smithy.APIError, as the AWS SDK for Go
// v2's errors are.
var (
	_ smithy.APIError = (*lookout.AccessDeniedException)(nil)
	_ smithy.APIError = (*lookout.ConflictException)(nil)
	_ smithy.APIError = (*lookout.InternalServerException)(nil)
	_ smithy.APIError = (*lookout.ResourceNotFoundException)(nil)
	_ smithy.APIError = (*lookout.ServiceQuotaExceededException)(nil)
	_ smithy.APIError = (*lookout.ThrottlingException)(nil)
	_ smithy.APIError = (*lookout.ValidationException)(nil)
	_ smithy.APIError = (*lookout.SerializationException)(nil)
	_ smithy.APIError = (*lookout.UnknownOperationException)(nil)
	_ smithy.APIError = (*lookout.GenericAPIError)(nil)
)

// taxonomyError is what each error of the taxonomy offers.
type taxonomyError interface {
	smithy.APIError
	HTTPStatusCode() int
	RetryableError() bool
}

type kind struct {
	code      string
	status    int
	fault     smithy.ErrorFault
	retryable bool
	make      func(msg string) taxonomyError
	typed     func() taxonomyError // a nil pointer of the type
}

var kinds = []kind{
	{"AccessDeniedException", 400, smithy.FaultClient, false,
		func(m string) taxonomyError { return &lookout.AccessDeniedException{Message: m} },
		func() taxonomyError { return (*lookout.AccessDeniedException)(nil) }},
	{"ConflictException", 400, smithy.FaultClient, false,
		func(m string) taxonomyError { return &lookout.ConflictException{Message: m} },
		func() taxonomyError { return (*lookout.ConflictException)(nil) }},
	{"InternalServerException", 500, smithy.FaultServer, true,
		func(m string) taxonomyError { return &lookout.InternalServerException{Message: m} },
		func() taxonomyError { return (*lookout.InternalServerException)(nil) }},
	{"ResourceNotFoundException", 400, smithy.FaultClient, false,
		func(m string) taxonomyError { return &lookout.ResourceNotFoundException{Message: m} },
		func() taxonomyError { return (*lookout.ResourceNotFoundException)(nil) }},
	{"ServiceQuotaExceededException", 400, smithy.FaultClient, false,
		func(m string) taxonomyError { return &lookout.ServiceQuotaExceededException{Message: m} },
		func() taxonomyError { return (*lookout.ServiceQuotaExceededException)(nil) }},
	{"ThrottlingException", 400, smithy.FaultClient, true,
		func(m string) taxonomyError { return &lookout.ThrottlingException{Message: m} },
		func() taxonomyError { return (*lookout.ThrottlingException)(nil) }},
	{"ValidationException", 400, smithy.FaultClient, false,
		func(m string) taxonomyError { return &lookout.ValidationException{Message: m} },
		func() taxonomyError { return (*lookout.ValidationException)(nil) }},
	{"SerializationException", 400, smithy.FaultClient, false,
		func(m string) taxonomyError { return &lookout.SerializationException{Message: m} },
		func() taxonomyError { return (*lookout.SerializationException)(nil) }},
	{"UnknownOperationException", 400, smithy.FaultClient, false,
		func(m string) taxonomyError { return &lookout.UnknownOperationException{Message: m} },
		func() taxonomyError { return (*lookout.UnknownOperationException)(nil) }},
}

func TestTaxonomy(t *testing.T) {
	codes := map[string]string{
		"AccessDeniedException": lookout.CodeAccessDenied, "ConflictException": lookout.CodeConflict,
		"InternalServerException": lookout.CodeInternalServer, "ResourceNotFoundException": lookout.CodeResourceNotFound,
		"ServiceQuotaExceededException": lookout.CodeServiceQuotaExceeded, "ThrottlingException": lookout.CodeThrottling,
		"ValidationException": lookout.CodeValidation, "SerializationException": lookout.CodeSerialization,
		"UnknownOperationException": lookout.CodeUnknownOperation,
	}
	for _, k := range kinds {
		t.Run(k.code, func(t *testing.T) {
			if codes[k.code] != k.code {
				t.Errorf("the Code constant is %q", codes[k.code])
			}
			e := k.make("something went wrong")
			if got := e.ErrorCode(); got != k.code {
				t.Errorf("ErrorCode() = %q", got)
			}
			if got := e.ErrorMessage(); got != "something went wrong" {
				t.Errorf("ErrorMessage() = %q", got)
			}
			if got := e.ErrorFault(); got != k.fault {
				t.Errorf("ErrorFault() = %v, want %v", got, k.fault)
			}
			if got := e.HTTPStatusCode(); got != k.status {
				t.Errorf("HTTPStatusCode() = %d, want %d", got, k.status)
			}
			if got := e.RetryableError(); got != k.retryable {
				t.Errorf("RetryableError() = %v", got)
			}
			if got, want := e.Error(), k.code+": something went wrong"; got != want {
				t.Errorf("Error() = %q, want %q", got, want)
			}
			if got := k.make("").Error(); got != k.code {
				t.Errorf("Error() without message = %q, want %q", got, k.code)
			}
			// The classifiers agree with the type.
			if got := lookout.ErrorCode(e); got != k.code {
				t.Errorf("ErrorCode(e) = %q", got)
			}
			if got := lookout.IsRetryable(e); got != k.retryable {
				t.Errorf("IsRetryable(e) = %v", got)
			}
			if got := lookout.FromAPIError(e); got != error(e) {
				t.Errorf("FromAPIError(e) = %#v, want e itself", got)
			}
			// NewAPIError makes this type for this code.
			made := lookout.NewAPIError(k.code, "m", 599)
			if fmt.Sprintf("%T", made) != fmt.Sprintf("%T", e) || made.(smithy.APIError).ErrorMessage() != "m" {
				t.Errorf("NewAPIError(%q) = %#v", k.code, made)
			}
		})
	}
}

// TestTaxonomyNilReceivers: no method of a nil error panics.
func TestTaxonomyNilReceivers(t *testing.T) {
	typed := []taxonomyError{(*lookout.GenericAPIError)(nil)}
	for _, k := range kinds {
		typed = append(typed, k.typed())
	}
	for _, e := range typed {
		t.Run(fmt.Sprintf("%T", e), func(t *testing.T) {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("panic: %v", p)
				}
			}()
			_ = e.Error()
			_ = e.ErrorCode()
			if got := e.ErrorMessage(); got != "" {
				t.Errorf("ErrorMessage() = %q", got)
			}
			_ = e.ErrorFault()
			_ = e.HTTPStatusCode()
			_ = e.RetryableError()
			_ = lookout.ErrorCode(e)
			_ = lookout.IsRetryable(e)
			_ = lookout.FromAPIError(e)
			if u, ok := e.(interface{ Unwrap() []error }); ok && u.Unwrap() != nil {
				t.Errorf("Unwrap() = %v", u.Unwrap())
			}
			if u, ok := e.(interface{ Unwrap() error }); ok && u.Unwrap() != nil {
				t.Errorf("Unwrap() = %v", u.Unwrap())
			}
		})
	}
	var g *lookout.GenericAPIError
	if g.Error() != "<nil>" || g.ErrorCode() != "UnknownError" || g.ErrorFault() != smithy.FaultUnknown ||
		g.HTTPStatusCode() != 0 || g.RetryableError() {
		t.Errorf("nil *GenericAPIError: %q %q %v %d %v", g.Error(), g.ErrorCode(), g.ErrorFault(), g.HTTPStatusCode(), g.RetryableError())
	}
	var v *lookout.ValidationException
	if got := v.Error(); got != "ValidationException" {
		t.Errorf("nil *ValidationException: Error() = %q", got)
	}
}

func TestGenericAPIError(t *testing.T) {
	cases := []struct {
		e         lookout.GenericAPIError
		err, code string
		fault     smithy.ErrorFault
		retryable bool
	}{
		{lookout.GenericAPIError{Code: "SlowDown", Message: "reduce your rate", StatusCode: 503},
			"SlowDown: reduce your rate (HTTP 503)", "SlowDown", smithy.FaultServer, true},
		{lookout.GenericAPIError{Code: "Boom", StatusCode: 500}, "Boom (HTTP 500)", "Boom", smithy.FaultServer, true},
		{lookout.GenericAPIError{Code: "Edge", StatusCode: 599}, "Edge (HTTP 599)", "Edge", smithy.FaultServer, true},
		{lookout.GenericAPIError{Code: "Teapot", Message: "short and stout", StatusCode: 418},
			"Teapot: short and stout (HTTP 418)", "Teapot", smithy.FaultClient, false},
		{lookout.GenericAPIError{Code: "Low", StatusCode: 400}, "Low (HTTP 400)", "Low", smithy.FaultClient, false},
		{lookout.GenericAPIError{Code: "High", StatusCode: 499}, "High (HTTP 499)", "High", smithy.FaultClient, false},
		{lookout.GenericAPIError{Code: "NoStatus", Message: "m"}, "NoStatus: m", "NoStatus", smithy.FaultUnknown, false},
		{lookout.GenericAPIError{Message: "m"}, "UnknownError: m", "UnknownError", smithy.FaultUnknown, false},
		{lookout.GenericAPIError{}, "UnknownError", "UnknownError", smithy.FaultUnknown, false},
		{lookout.GenericAPIError{Code: "Redirect", StatusCode: 302}, "Redirect (HTTP 302)", "Redirect", smithy.FaultUnknown, false},
		{lookout.GenericAPIError{Code: "Odd", StatusCode: 600}, "Odd (HTTP 600)", "Odd", smithy.FaultUnknown, false},
		{lookout.GenericAPIError{Code: "Odd", StatusCode: 399}, "Odd (HTTP 399)", "Odd", smithy.FaultUnknown, false},
	}
	for _, c := range cases {
		e := c.e
		if got := e.Error(); got != c.err {
			t.Errorf("%+v: Error() = %q, want %q", c.e, got, c.err)
		}
		if got := e.ErrorCode(); got != c.code {
			t.Errorf("%+v: ErrorCode() = %q, want %q", c.e, got, c.code)
		}
		if got := e.ErrorMessage(); got != c.e.Message {
			t.Errorf("%+v: ErrorMessage() = %q", c.e, got)
		}
		if got := e.ErrorFault(); got != c.fault {
			t.Errorf("%+v: ErrorFault() = %v, want %v", c.e, got, c.fault)
		}
		if got := e.HTTPStatusCode(); got != c.e.StatusCode {
			t.Errorf("%+v: HTTPStatusCode() = %d", c.e, got)
		}
		if got := e.RetryableError(); got != c.retryable {
			t.Errorf("%+v: RetryableError() = %v", c.e, got)
		}
		if got := lookout.IsRetryable(&e); got != c.retryable {
			t.Errorf("%+v: IsRetryable = %v", c.e, got)
		}
		if got := lookout.ErrorCode(&e); got != c.code {
			t.Errorf("%+v: ErrorCode(e) = %q", c.e, got)
		}
	}
}

// TestValidationExceptionUnwrap: errors.As reaches each *FieldError through
// a *ValidationException, wrapped or not.
func TestValidationExceptionUnwrap(t *testing.T) {
	err := lookout.CheckBucket("A")
	var ve *lookout.ValidationException
	if !errors.As(err, &ve) {
		t.Fatalf("%T is not a *ValidationException", err)
	}
	us := ve.Unwrap()
	if len(us) != len(ve.Fields) || len(us) != 2 {
		t.Fatalf("Unwrap() has %d errors for %d Fields", len(us), len(ve.Fields))
	}
	for i, u := range us {
		if u != error(&ve.Fields[i]) {
			t.Errorf("Unwrap()[%d] is not &Fields[%d]", i, i)
		}
	}
	for _, e := range []error{err, fmt.Errorf("preflight: %w", err), fmt.Errorf("a: %w", fmt.Errorf("b: %w", err))} {
		var fe *lookout.FieldError
		if !errors.As(e, &fe) {
			t.Fatalf("errors.As(%v, *FieldError) failed", e)
		}
		if fe.Constraint != lookout.ConstraintMinLength || fe.Limit != 3 || fe.Value != "A" {
			t.Errorf("first violation = %+v", fe)
		}
		if !errors.Is(e, &ve.Fields[1]) {
			t.Error("errors.Is does not reach the second violation")
		}
	}
	if u := (&lookout.ValidationException{Message: "from the wire"}).Unwrap(); u != nil {
		t.Errorf("Unwrap() without Fields = %v", u)
	}
	var fe *lookout.FieldError
	if errors.As(&lookout.ValidationException{Message: "from the wire"}, &fe) {
		t.Error("errors.As found a *FieldError in a ValidationException without Fields")
	}
}

func TestSerializationExceptionCause(t *testing.T) {
	e := &lookout.SerializationException{Message: "bad JSON", Err: io.ErrUnexpectedEOF}
	if !errors.Is(e, io.ErrUnexpectedEOF) {
		t.Error("errors.Is does not reach Err")
	}
	if e.Unwrap() != io.ErrUnexpectedEOF {
		t.Error("Unwrap() is not Err")
	}
	if got := e.Error(); got != "SerializationException: bad JSON" {
		t.Errorf("Error() = %q", got)
	}
	if (&lookout.SerializationException{}).Unwrap() != nil {
		t.Error("Unwrap() without Err is not nil")
	}
}
