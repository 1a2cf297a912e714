package lookout_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// handlerRawRequest is an HTTP/1.1 request to the handler with body and
// the given Content-Length header ("" for chunked).
func handlerRawRequest(target, contentLength, body string) string {
	var b strings.Builder
	b.WriteString("POST / HTTP/1.1\r\nHost: test\r\nContent-Type: " + lookout.ContentType + "\r\n")
	b.WriteString("X-Amz-Target: " + target + "\r\n")
	if contentLength == "" {
		b.WriteString("Transfer-Encoding: chunked\r\n\r\n")
		b.WriteString(strconv.FormatInt(int64(len(body)), 16) + "\r\n" + body + "\r\n0\r\n\r\n")
		return b.String()
	}
	b.WriteString("Content-Length: " + contentLength + "\r\n\r\n" + body)
	return b.String()
}

// TestHandlerClosesTheConnectionOfABodyTooLong: over a real connection, a
// body over the limit is answered with Connection: close and the server
// closes the connection, rather than read and discard the rest of a body
// that net/http would discard to keep the connection (up to 256 KiB).
func TestHandlerClosesTheConnectionOfABodyTooLong(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(handlerStart(func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
		return &lookout.StartDataIngestionJobResponse{JobId: new("ab12")}, nil
	}))
	t.Cleanup(srv.Close)

	over := `{"DatasetName":"d"}` + strings.Repeat(" ", 100<<10) // 100 KiB: discarded by net/http if left unread
	tests := []struct {
		name    string
		request string
		status  int
		closed  bool
	}{
		{name: "within the limit: the connection is kept",
			request: handlerRawRequest(lookout.TargetStartDataIngestionJob, strconv.Itoa(len(wireTypicalBody)), wireTypicalBody),
			status:  200},
		{name: "declared over the limit",
			request: handlerRawRequest(lookout.TargetStartDataIngestionJob, strconv.Itoa(len(over)), over), status: 400, closed: true},
		{name: "declared over the limit, wrong target",
			request: handlerRawRequest("Other.Operation", strconv.Itoa(len(over)), over), status: 400, closed: true},
		{name: "chunked, over the limit",
			request: handlerRawRequest(lookout.TargetStartDataIngestionJob, "", over), status: 400, closed: true},
		{name: "within the limit, refused: the connection is kept",
			request: handlerRawRequest(lookout.TargetStartDataIngestionJob, "17", `{"DatasetName":1}`), status: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			conn, err := net.Dial("tcp", srv.Listener.Addr().String())
			require.NoError(t, err)
			defer conn.Close()
			go func() { _, _ = io.WriteString(conn, tt.request) }() // the server may stop reading

			require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
			br := bufio.NewReader(conn)
			res, err := http.ReadResponse(br, nil)
			require.NoError(t, err)
			_, err = io.Copy(io.Discard, res.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.status, res.StatusCode)
			assert.Equal(t, tt.closed, res.Close, "Connection: close")

			// Is the connection closed? A read then ends at once (EOF or
			// reset); on a kept connection it waits for the deadline.
			require.NoError(t, conn.SetReadDeadline(time.Now().Add(time.Second)))
			_, err = br.ReadByte()
			require.Error(t, err)
			if tt.closed {
				assert.False(t, errors.Is(err, os.ErrDeadlineExceeded), "the connection is still open: %v", err)
			} else {
				assert.ErrorIs(t, err, os.ErrDeadlineExceeded, "the connection is kept")
			}
		})
	}
}
