package lookout_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// sdkAPIError stands for an error type of the AWS SDK for Go v2 (such as
// types.ThrottlingException): a smithy.APIError, and nothing else.
type sdkAPIError struct {
	code, message string
	fault         smithy.ErrorFault
}

func (e *sdkAPIError) Error() string                 { return e.code + ": " + e.message }
func (e *sdkAPIError) ErrorCode() string             { return e.code }
func (e *sdkAPIError) ErrorMessage() string          { return e.message }
func (e *sdkAPIError) ErrorFault() smithy.ErrorFault { return e.fault }

// sdkResponseError stands for the SDK's *awshttp.ResponseError: it wraps
// the API error and knows the HTTP status.
type sdkResponseError struct {
	status int
	err    error
}

func (e *sdkResponseError) Error() string {
	return fmt.Sprintf("https response error StatusCode: %d, %v", e.status, e.err)
}
func (e *sdkResponseError) Unwrap() error       { return e.err }
func (e *sdkResponseError) HTTPStatusCode() int { return e.status }

// sdkError is an error as the SDK returns it: an operation error around a
// response error around the API error.
func sdkError(code, message string, status int) error {
	return &smithy.OperationError{
		ServiceID: "LookoutEquipment", OperationName: "StartDataIngestionJob",
		Err: &sdkResponseError{status: status, err: &sdkAPIError{code: code, message: message}},
	}
}

func TestNewAPIError(t *testing.T) {
	cases := []struct {
		code   string
		status int
		want   error
	}{
		{"ThrottlingException", 400, &lookout.ThrottlingException{Message: "m"}},
		{"throttlingexception", 400, &lookout.ThrottlingException{Message: "m"}},
		{"THROTTLINGEXCEPTION", 400, &lookout.ThrottlingException{Message: "m"}},
		{"com.amazonaws.lookoutequipment#ValidationException", 400, &lookout.ValidationException{Message: "m"}},
		{"ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/", 400, &lookout.ValidationException{Message: "m"}},
		{"com.amazonaws.lookoutequipment#ConflictException:http://internal.amazon.com/coral/com.amazonaws.lookoutequipment/", 400,
			&lookout.ConflictException{Message: "m"}},
		{"aws.protocols#serializationexception", 400, &lookout.SerializationException{Message: "m"}},
		{"InternalServerException", 0, &lookout.InternalServerException{Message: "m"}},
		{"UnknownOperationException", 404, &lookout.UnknownOperationException{Message: "m"}},
		{"AccessDeniedException", 403, &lookout.AccessDeniedException{Message: "m"}},
		{"ResourceNotFoundException", 400, &lookout.ResourceNotFoundException{Message: "m"}},
		{"ServiceQuotaExceededException", 400, &lookout.ServiceQuotaExceededException{Message: "m"}},
		// Unknown codes keep code, message and status.
		{"SlowDown", 503, &lookout.GenericAPIError{Code: "SlowDown", Message: "m", StatusCode: 503}},
		{"com.amazonaws.lookoutequipment#NewException:http://x", 400, &lookout.GenericAPIError{Code: "NewException", Message: "m", StatusCode: 400}},
		{"", 502, &lookout.GenericAPIError{Code: "", Message: "m", StatusCode: 502}},
		{"Throttling", 400, &lookout.GenericAPIError{Code: "Throttling", Message: "m", StatusCode: 400}},
		{"ThrottlingExceptionX", 400, &lookout.GenericAPIError{Code: "ThrottlingExceptionX", Message: "m", StatusCode: 400}},
		{" ThrottlingException", 400, &lookout.GenericAPIError{Code: " ThrottlingException", Message: "m", StatusCode: 400}},
		{"#", 400, &lookout.GenericAPIError{Code: "", Message: "m", StatusCode: 400}},
		{":ThrottlingException", 400, &lookout.GenericAPIError{Code: "", Message: "m", StatusCode: 400}},
	}
	for _, c := range cases {
		got := lookout.NewAPIError(c.code, "m", c.status)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("NewAPIError(%q, m, %d) = %#v, want %#v", c.code, c.status, got, c.want)
		}
	}
	if g := lookout.NewAPIError("", "m", 0); g.(smithy.APIError).ErrorCode() != "UnknownError" {
		t.Errorf("empty code: ErrorCode() = %q", g.(smithy.APIError).ErrorCode())
	}
}

func TestErrorCode(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"plain error", errors.New("boom"), ""},
		{"wrapped plain error", fmt.Errorf("op: %w", errors.New("boom")), ""},
		{"own error", &lookout.ThrottlingException{}, "ThrottlingException"},
		{"own error wrapped", fmt.Errorf("op: %w", &lookout.ConflictException{Message: "m"}), "ConflictException"},
		{"own error wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", &lookout.ValidationException{})), "ValidationException"},
		{"joined", errors.Join(errors.New("a"), &lookout.ResourceNotFoundException{}), "ResourceNotFoundException"},
		{"Validate's error", lookout.CheckBucket("A"), "ValidationException"},
		{"SDK error", sdkError("ThrottlingException", "m", 400), "ThrottlingException"},
		{"SDK error in another case", sdkError("throttlingEXCEPTION", "m", 400), "ThrottlingException"},
		{"SDK error namespaced", sdkError("com.amazonaws.lookoutequipment#AccessDeniedException:http://x", "m", 400), "AccessDeniedException"},
		{"SDK error unknown", sdkError("SlowDown", "m", 503), "SlowDown"},
		{"SDK error unknown, namespaced", sdkError("aws#SlowDown:http://x", "m", 503), "SlowDown"},
		{"smithy.GenericAPIError", &smithy.GenericAPIError{Code: "InternalServerException"}, "InternalServerException"},
		{"smithy.GenericAPIError unknown", &smithy.GenericAPIError{Code: "Whatever"}, "Whatever"},
		{"smithy.GenericAPIError empty", &smithy.GenericAPIError{}, ""},
		{"own GenericAPIError", &lookout.GenericAPIError{Code: "Whatever"}, "Whatever"},
		{"own GenericAPIError empty", &lookout.GenericAPIError{}, "UnknownError"},
	}
	for _, c := range cases {
		if got := lookout.ErrorCode(c.err); got != c.want {
			t.Errorf("%s: ErrorCode = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestIsRetryable(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"plain error", errors.New("boom"), false},
		{"throttling", &lookout.ThrottlingException{}, true},
		{"internal", &lookout.InternalServerException{}, true},
		{"validation", &lookout.ValidationException{}, false},
		{"conflict wrapped", fmt.Errorf("op: %w", &lookout.ConflictException{}), false},
		{"throttling wrapped", fmt.Errorf("op: %w", &lookout.ThrottlingException{}), true},
		{"throttling joined", errors.Join(errors.New("a"), &lookout.ThrottlingException{}), true},
		// The SDK's errors: the code decides when the taxonomy knows it...
		{"SDK throttling, 400", sdkError("ThrottlingException", "m", 400), true},
		{"SDK throttling, lower case", sdkError("throttlingexception", "m", 400), true},
		{"SDK internal, 500", sdkError("InternalServerException", "m", 500), true},
		{"SDK validation, 400", sdkError("ValidationException", "m", 400), false},
		{"SDK access denied, namespaced", sdkError("com.amazonaws.lookoutequipment#AccessDeniedException", "m", 400), false},
		// ...else the status.
		{"SDK unknown, 503", sdkError("SlowDown", "m", 503), true},
		{"SDK unknown, 500", sdkError("Mystery", "m", 500), true},
		{"SDK unknown, 429", sdkError("TooManyRequests", "m", 429), true},
		{"status alone, 429", &sdkResponseError{status: 429, err: errors.New("too many requests")}, true},
		{"SDK unknown, 400", sdkError("Mystery", "m", 400), false},
		{"SDK unknown, 600", sdkError("Mystery", "m", 600), false},
		{"status alone, 502", &sdkResponseError{status: 502, err: errors.New("bad gateway")}, true},
		{"status alone, 404", &sdkResponseError{status: 404, err: errors.New("not found")}, false},
		{"smithy.GenericAPIError throttling", &smithy.GenericAPIError{Code: "ThrottlingException"}, true},
		{"smithy.GenericAPIError server fault", &smithy.GenericAPIError{Code: "Mystery", Fault: smithy.FaultServer}, true},
		{"smithy.GenericAPIError client fault", &smithy.GenericAPIError{Code: "Mystery", Fault: smithy.FaultClient}, false},
		{"SDK unknown, server fault, no status", &sdkAPIError{code: "Mystery", fault: smithy.FaultServer}, true},
		{"own GenericAPIError 503", &lookout.GenericAPIError{Code: "SlowDown", StatusCode: 503}, true},
		{"own GenericAPIError 400", &lookout.GenericAPIError{Code: "Mystery", StatusCode: 400}, false},
		{"own GenericAPIError no status", &lookout.GenericAPIError{Code: "Mystery"}, false},
	}
	for _, c := range cases {
		if got := lookout.IsRetryable(c.err); got != c.want {
			t.Errorf("%s: IsRetryable = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestFromAPIError(t *testing.T) {
	own := &lookout.ThrottlingException{Message: "slow down"}
	ownGeneric := &lookout.GenericAPIError{Code: "X", StatusCode: 418}
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"nil", nil, nil},
		{"plain error", errors.New("boom"), nil},
		{"own error", own, own},
		{"own error wrapped", fmt.Errorf("op: %w", own), own},
		{"own GenericAPIError wrapped", fmt.Errorf("op: %w", ownGeneric), ownGeneric},
		{"SDK throttling", sdkError("ThrottlingException", "slow down", 400), &lookout.ThrottlingException{Message: "slow down"}},
		{"SDK validation, namespaced", sdkError("com.amazonaws.lookoutequipment#ValidationException", "bad", 400),
			&lookout.ValidationException{Message: "bad"}},
		{"SDK unknown keeps its status", sdkError("SlowDown", "later", 503),
			&lookout.GenericAPIError{Code: "SlowDown", Message: "later", StatusCode: 503}},
		{"smithy.GenericAPIError, no status", &smithy.GenericAPIError{Code: "Foo", Message: "bar"},
			&lookout.GenericAPIError{Code: "Foo", Message: "bar"}},
		{"smithy.GenericAPIError known", &smithy.GenericAPIError{Code: "conflictexception", Message: "bar"},
			&lookout.ConflictException{Message: "bar"}},
		{"status alone", &sdkResponseError{status: 502, err: errors.New("x")}, nil},
	}
	for _, c := range cases {
		got := lookout.FromAPIError(c.err)
		if c.want == own || c.want == ownGeneric {
			if got != c.want {
				t.Errorf("%s: FromAPIError = %#v, want the error itself", c.name, got)
			}
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: FromAPIError = %#v, want %#v", c.name, got, c.want)
		}
	}
	// An error made from the wire's has no Fields.
	ve, ok := lookout.FromAPIError(sdkError("ValidationException", "1 validation error detected: ...", 400)).(*lookout.ValidationException)
	if !ok || ve.Fields != nil {
		t.Errorf("ValidationException from the SDK: %#v", ve)
	}
}
