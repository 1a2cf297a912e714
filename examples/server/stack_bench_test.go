package main

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// nullWriter is a ResponseWriter that keeps its header map between
// requests (cleared) and throws the body away, the least a server can do.
type nullWriter struct {
	h      http.Header
	status int
}

func (w *nullWriter) Header() http.Header         { return w.h }
func (w *nullWriter) WriteHeader(code int)        { w.status = code }
func (w *nullWriter) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkStack measures the server's whole handler stack in process, as
// BenchmarkLoad's server runs it (the log line formatted and thrown away,
// the Host check, lookout.NewHandler, the store on a database file), for a
// DescribeDataset of a dataset that exists, without HTTP: what the server
// adds to a request beside what net/http costs.
//
//	go test -run '^$' -bench BenchmarkStack -benchtime 40000x -count 3 ./examples/server
func BenchmarkStack(b *testing.B) {
	a, _ := loadServer(b, heldSources{})
	createDatasets(b, a, 1)
	body := []byte(`{"DatasetName":"load-0"}`)
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:8080/", nil)
	req.Header.Set("Content-Type", lookout.ContentType)
	req.Header.Set("X-Amz-Target", target("DescribeDataset"))
	req.RemoteAddr = "127.0.0.1:54321"
	req.Host = "127.0.0.1:8080"
	w := &nullWriter{h: http.Header{}}
	rd := bytes.NewReader(body)
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		w.status = 0
		rd.Reset(body)
		r := *req
		r.Body = io.NopCloser(rd)
		r.ContentLength = int64(len(body))
		a.handler.ServeHTTP(w, &r)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
}
