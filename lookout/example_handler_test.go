package lookout_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// A panic in the operation's function is logged, with its stack, to the
// handler's logger; the client gets an InternalServerException that says
// nothing of it.
func ExampleWithLogger() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "stack" || a.Key == "request_id" {
				return slog.Attr{} // left out here: they change from run to run
			}
			return a
		},
	}))
	h := lookout.NewHandler(lookout.Service{
		StartDataIngestionJob: func(_ context.Context, r *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
			parts := strings.Split(r.DatasetName, "/")
			return &lookout.StartDataIngestionJobResponse{JobId: new(parts[1])}, nil // a bug: there is no '/'
		},
	}, lookout.WithLogger(logger))

	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"ClientToken":"6ba7b810-9dad-41d1-80b4-00c04fd430c8",`+
		`"DatasetName":"pump-station_7","IngestionInputConfiguration":{"S3InputConfiguration":{"Bucket":"sensor-data"}},`+
		`"RoleArn":"arn:aws:iam::123456789012:role/LookoutIngestion"}`))
	r.Header.Set("Content-Type", lookout.ContentType)
	r.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("X-Amzn-ErrorType"))
	// Output:
	// level=ERROR msg="lookout: panic in the operation's function; answered InternalServerException" panic="runtime error: index out of range [1] with length 1" operation=StartDataIngestionJob
	// 500 InternalServerException
}

// Reading an error back: what the server said is kept as it came, and
// Error shows it escaped, on one line, whatever the server sent.
func ExampleErrorFromResponse() {
	resp := &http.Response{
		StatusCode: 400,
		Header:     http.Header{"X-Amzn-Errortype": {"ThrottlingException"}},
		Body:       io.NopCloser(strings.NewReader(`{"message":"Rate exceeded\r\nINFO job 7 done\u001b[0m"}`)),
	}
	err := lookout.ErrorFromResponse(resp)
	fmt.Println(err)
	var te *lookout.ThrottlingException
	if errors.As(err, &te) {
		fmt.Printf("%q\n", te.Message)
	}
	fmt.Println(lookout.IsRetryable(err))

	// A proxy's bare 429: not the service's ThrottlingException, but
	// throttling all the same.
	resp = &http.Response{StatusCode: 429, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("Too Many Requests"))}
	err = lookout.ErrorFromResponse(resp)
	fmt.Println(err, lookout.IsRetryable(err))
	// Output:
	// ThrottlingException: Rate exceeded\r\nINFO job 7 done\u001B[0m
	// "Rate exceeded\r\nINFO job 7 done\x1b[0m"
	// true
	// UnknownError: Too Many Requests (HTTP 429) true
}
