package lookout_test

import (
	"context"
	"net/http"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// wireDecodeStart decodes a StartDataIngestionJob body with DecodeRequest:
// the request, or nil and the error.
func wireDecodeStart(data []byte) (*lookout.StartDataIngestionJobRequest, error) {
	req := new(lookout.StartDataIngestionJobRequest)
	if _, err := lookout.DecodeRequest(data, req); err != nil {
		return nil, err
	}
	return req, nil
}

// wireReadStart reads a StartDataIngestionJob request with ReadRequest: the
// request, or nil and the error.
func wireReadStart(r *http.Request) (*lookout.StartDataIngestionJobRequest, error) {
	req := new(lookout.StartDataIngestionJobRequest)
	if _, err := lookout.ReadRequest(r, req); err != nil {
		return nil, err
	}
	return req, nil
}

// handlerStart is the handler of a Service that serves
// StartDataIngestionJob with start alone.
func handlerStart(start func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error),
	opts ...lookout.HandlerOption) http.Handler {
	return lookout.NewHandler(lookout.Service{StartDataIngestionJob: start}, opts...)
}
