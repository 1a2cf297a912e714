package lookout_test

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"testing"
	"unicode/utf8"

	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// FuzzReadRequest checks that ReadRequest never panics, answers only with
// the protocol's errors (which WriteError writes and ErrorFromResponse
// reads back as they are), accepts only a well-routed request, and reads
// its body exactly as DecodeRequest does.
func FuzzReadRequest(f *testing.F) {
	f.Add("POST", lookout.ContentType, lookout.TargetStartDataIngestionJob, []byte(wireTypicalBody))
	f.Add("POST", "application/x-amz-json-1.0; charset=utf-8", lookout.TargetStartDataIngestionJob, []byte(`{}`))
	f.Add("GET", lookout.ContentType, lookout.TargetStartDataIngestionJob, []byte(`{}`))
	f.Add("POST", "application/json", lookout.TargetStartDataIngestionJob, []byte(`{}`))
	f.Add("POST", lookout.ContentType, "AWSLookoutEquipmentFrontendService.ListDatasets", []byte(`{}`))
	f.Add("POST", lookout.ContentType, lookout.TargetStartDataIngestionJob, []byte(`{"DatasetName":"a","DatasetName":"b"}`))
	f.Add("POST", "", "", []byte(nil))
	f.Fuzz(func(t *testing.T, method, contentType, target string, body []byte) {
		r := &http.Request{
			Method: method, Header: http.Header{},
			Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
		}
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
		if target != "" {
			r.Header.Set("X-Amz-Target", target)
		}
		got, err := wireReadStart(r)
		mt, _, mtErr := mime.ParseMediaType(contentType)
		routed := method == http.MethodPost && mtErr == nil && mt == lookout.ContentType &&
			target == lookout.TargetStartDataIngestionJob
		want, decodeErr := wireDecodeStart(body)
		switch {
		case !routed:
			var uoe *lookout.UnknownOperationException
			require.ErrorAs(t, err, &uoe)
		case decodeErr != nil:
			require.Equal(t, decodeErr, err)
		default:
			require.NoError(t, err)
			require.Equal(t, want, got)
			return
		}
		require.Nil(t, got)
		require.Equal(t, err, wireRoundTripAs(t, err))
	})
}

// wireRoundTripAs writes err and reads it back, keeping only what the
// wire carries of the original: its type and Message.
func wireRoundTripAs(t *testing.T, err error) error {
	t.Helper()
	back := wireRoundTrip(t, err)
	var se *lookout.SerializationException
	if errors.As(back, &se) {
		var orig *lookout.SerializationException
		require.ErrorAs(t, err, &orig)
		require.Equal(t, orig.Message, se.Message)
		return err
	}
	return back
}

// FuzzErrorFromResponse checks that ErrorFromResponse never panics and
// always returns an error with a code, whatever the status, header and body,
// whose Error text is one bounded line with nothing to escape;
// and that an error of the taxonomy it reads is written back and read again
// as the same error.
func FuzzErrorFromResponse(f *testing.F) {
	f.Add(400, "", []byte(`{"__type":"com.amazonaws.lookoutequipment#ValidationException","Message":"m"}`))
	f.Add(500, "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", []byte(nil))
	f.Add(500, "", []byte(`{"code":"aws.protocoltests.json10#FooError"}`))
	f.Add(500, "", []byte(`{"__type":"FooError","ErrorDetails":[{"__type":"com.amazon.internal#ErrorDetails"}]}`))
	f.Add(400, "throttlingexception", []byte(`{"message":"slow"}`))
	f.Add(502, "", []byte("<html>Bad Gateway</html>"))
	f.Add(503, "", []byte(nil))
	f.Add(200, "ThrottlingException", []byte(`{}`))
	f.Add(0, "a##", []byte("\xff"))
	f.Fuzz(func(t *testing.T, status int, errorType string, body []byte) {
		h := http.Header{}
		if errorType != "" {
			h["X-Amzn-Errortype"] = []string{errorType}
		}
		resp := &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(body))}
		err := lookout.ErrorFromResponse(resp)
		require.Error(t, err)
		var api smithy.APIError
		require.ErrorAs(t, err, &api)
		require.NotEmpty(t, api.ErrorCode())
		require.NotEmpty(t, lookout.ErrorCode(err))
		requireShownSafe(t, err.Error(), showMaxMessage+300) // one bounded line, safe to log

		var generic *lookout.GenericAPIError
		if errors.As(err, &generic) || !utf8.ValidString(api.ErrorMessage()) ||
			api.ErrorMessage() == "" || utf8.RuneCountInString(api.ErrorMessage()) > 5000 {
			return
		}
		// An error of the taxonomy, whose message the wire carries as it is.
		rec := httptest.NewRecorder()
		lookout.WriteError(rec, err)
		res := rec.Result()
		require.Equal(t, api, lookout.ErrorFromResponse(res))
	})
}
