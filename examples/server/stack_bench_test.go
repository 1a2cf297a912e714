package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
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
// the Host check, lookout.NewHandler, the store on a database file), for
// reads of what exists (a dataset, its job IN_PROGRESS), beside BenchmarkLoad's read baseline (its handler:
// encoding/json, the map, the fixed answer of 1 KB and a request id),
// without HTTP: what the server adds to a request beside what net/http
// costs.
//
//	go test -run '^$' -bench BenchmarkStack -benchtime 40000x -count 3 ./examples/server
func BenchmarkStack(b *testing.B) {
	// Held buckets: the jobs stay IN_PROGRESS, and nothing runs beside.
	a, _ := loadServer(b, heldSources{})
	createDatasets(b, a, 1)
	job, _, err := a.st.StartJob(context.Background(), store.NewJob{Dataset: "load-0", ClientToken: "t",
		Input: store.JobInput{Bucket: sampleBucket, Prefix: &samplePrefix, RoleARN: "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion"}})
	if err != nil {
		b.Fatal(err)
	}
	ids := []string{job.ID}
	var req lookout.DescribeDatasetRequest
	baseline := readBaselineHandler(&req, []string{"load-0"}, func(r *lookout.DescribeDatasetRequest) string { return r.DatasetName })
	for _, bc := range []struct {
		name, op, body string
		h              http.Handler
	}{
		{"baseline", "DescribeDataset", `{"DatasetName":"load-0"}`, baseline},
		{"DescribeDataset", "DescribeDataset", `{"DatasetName":"load-0"}`, a.handler},
		{"DescribeDataIngestionJob", "DescribeDataIngestionJob", `{"JobId":"` + ids[0] + `"}`, a.handler},
		{"ListDatasets", "ListDatasets", `{"DatasetNameBeginsWith":"load-","MaxResults":5}`, a.handler},
		{"ListDataIngestionJobs", "ListDataIngestionJobs", `{"DatasetName":"load-0"}`, a.handler},
	} {
		b.Run(bc.name, func(b *testing.B) {
			body := []byte(bc.body)
			req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:8080/", nil)
			req.Header.Set("Content-Type", lookout.ContentType)
			req.Header.Set("X-Amz-Target", target(bc.op))
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
				bc.h.ServeHTTP(w, &r)
				if w.status != http.StatusOK && w.status != 0 {
					b.Fatalf("status %d", w.status)
				}
			}
		})
	}
}
