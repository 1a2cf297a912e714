package client_test

import (
	"context"
	"net/http/httptrace"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TestConnectionsReused: calls one after the other reuse one kept-alive
// connection, each request written whole.
func TestConnectionsReused(t *testing.T) {
	t.Parallel()
	var conns, writeErrs atomic.Int32
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{DescribeDataset: func(context.Context, *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
		return &lookout.DescribeDatasetResponse{}, nil
	}})
	ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) {
		if !i.Reused {
			conns.Add(1)
		}
	}, WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err != nil {
			writeErrs.Add(1)
		}
	}})
	c := newClient(srv)
	for range 100 {
		_, err := c.DescribeDataset(ctx, &lookout.DescribeDatasetRequest{DatasetName: datasetName})
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), conns.Load())
	assert.Zero(t, writeErrs.Load())
}
