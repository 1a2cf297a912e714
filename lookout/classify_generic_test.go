package lookout_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TestGenericAPIErrorWireFormCodes: a GenericAPIError built by hand with a
// code as the wire writes it classifies, and is written, as the code it
// names.
func TestGenericAPIErrorWireFormCodes(t *testing.T) {
	t.Parallel()
	for _, code := range []string{
		"ThrottlingException",
		"throttlingexception",
		"com.amazonaws.lookoutequipment#ThrottlingException",
		"ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/",
		"a#b#ThrottlingException",
	} {
		g := &lookout.GenericAPIError{Code: code, Message: "slow down", StatusCode: 400}
		err := fmt.Errorf("call: %w", g)
		assert.True(t, lookout.IsRetryable(err), "IsRetryable, code %q", code)
		assert.Equal(t, lookout.CodeThrottling, lookout.ErrorCode(err), "ErrorCode, code %q", code)

		rec := httptest.NewRecorder()
		lookout.WriteError(rec, err)
		assert.Equal(t, http.StatusBadRequest, rec.Code, "status written, code %q", code)
		assert.Equal(t, lookout.CodeThrottling, rec.Header().Get("X-Amzn-ErrorType"), "header written, code %q", code)
	}
}

// TestGenericAPIErrorServerStatusIsRetryable: any 5xx, and 429 Too Many
// Requests (throttling), is worth retrying, whatever the code says.
func TestGenericAPIErrorServerStatusIsRetryable(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		code   string
		status int
		want   bool
	}{
		{"ValidationException", 503, true},
		{"ValidationException", 400, false},
		{"SlowDown", 503, true},
		{"SlowDown", 429, true},
		{"", 429, true},
		{"ValidationException", 429, true},
		{"", 428, false},
		{"", 430, false},
		{"InternalServerException", 0, true},
		{"", 500, true},
		{"", 0, false},
	} {
		g := &lookout.GenericAPIError{Code: c.code, StatusCode: c.status}
		assert.Equal(t, c.want, g.RetryableError(), "code %q status %d", c.code, c.status)
		assert.Equal(t, c.want, lookout.IsRetryable(g), "IsRetryable, code %q status %d", c.code, c.status)
	}
}

// TestNewAPIErrorReadsOnce: reading a name that was read gives the same
// code, so NewAPIError, ErrorCode and ErrorFromResponse agree however often
// a code goes through them.
func TestNewAPIErrorReadsOnce(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"a#b#c", "ns#X:http://y#z", "#Only", "a##", "Plain"} {
		once := lookout.ErrorCode(lookout.NewAPIError(name, "m", 400))
		twice := lookout.ErrorCode(lookout.NewAPIError(once, "m", 400))
		require.Equal(t, once, twice, "name %q", name)
	}
}
