package sigv4_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/internal/sigv4"
)

// An endpoint that lets in the keys of a credentials file: the body is read
// (within the operation's limit), the signature checked, and a refusal
// written as any AWS JSON error.
func ExampleVerifier_Verify() {
	creds, err := sigv4.ParseCredentialsFile(strings.NewReader("[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	v, err := sigv4.New(creds, "us-east-1")
	if err != nil {
		fmt.Println(err)
		return
	}
	service := lookout.NewHandler(lookout.Service{
		DescribeDataset: func(_ context.Context, r *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return &lookout.DescribeDatasetResponse{DatasetName: r.DatasetName}, nil
		},
	})
	endpoint := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, lookout.MaxRequestBodyBytes+1))
		if err != nil {
			lookout.WriteError(w, &lookout.SerializationException{Message: err.Error()})
			return
		}
		if err := v.Verify(r, body); err != nil {
			lookout.WriteError(w, lookout.FromAPIError(err)) // 403, the code, the message
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		service.ServeHTTP(w, r)
	})

	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"DatasetName":"pump-station_7"}`))
	r.Header.Set("Content-Type", lookout.ContentType)
	r.Header.Set("X-Amz-Target", "AWSLookoutEquipmentFrontendService.DescribeDataset")
	w := httptest.NewRecorder()
	endpoint.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("X-Amzn-ErrorType"))
	fmt.Println(w.Body)
	// Output:
	// 403 MissingAuthenticationTokenException
	// {"__type":"com.amazon.coral.service#MissingAuthenticationTokenException","Message":"Missing Authentication Token"}
}
