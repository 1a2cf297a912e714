package sigv4_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/internal/sigv4"
)

// verified wraps h: it reads the body, verifies the request's signature, and
// writes the refusal as an AWS JSON error, or serves the request with h.
func verified(v *sigv4.Verifier, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, lookout.MaxRequestBodyBytes+1))
		if err != nil {
			lookout.WriteError(w, &lookout.SerializationException{Message: err.Error()})
			return
		}
		if err := v.Verify(r, body); err != nil {
			lookout.WriteError(w, lookout.FromAPIError(err))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		h.ServeHTTP(w, r)
	})
}

// BenchmarkVerify measures the cost of the signature check in an endpoint's
// DescribeDataset: the handler of lookout.NewHandler served in process, bare
// and behind Verify, and Verify alone.
func BenchmarkVerify(b *testing.B) {
	v := newVerifier(b)
	h := lookout.NewHandler(lookout.Service{
		DescribeDataset: func(_ context.Context, r *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return &lookout.DescribeDatasetResponse{DatasetName: r.DatasetName, Status: lookout.DatasetStatusActive}, nil
		},
	})
	const target = "AWSLookoutEquipmentFrontendService.DescribeDataset"
	r, body := signed(b, signing{body: testBody, target: target, contentType: lookout.ContentType})
	serve := func(b *testing.B, h http.Handler) {
		b.ReportAllocs()
		for b.Loop() {
			r.Body = io.NopCloser(bytes.NewReader(body))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				b.Fatalf("status %d: %s", w.Code, w.Body)
			}
		}
	}
	b.Run("handler", func(b *testing.B) { serve(b, h) })
	b.Run("handler+verify", func(b *testing.B) { serve(b, verified(v, h)) })
	// Over loopback HTTP, as a client sees the endpoint's throughput: the
	// same signed request sent again and again (the Verifier does not look
	// for replays).
	overHTTP := func(b *testing.B, h http.Handler) {
		srv := httptest.NewServer(h)
		defer srv.Close()
		client := srv.Client()
		b.ReportAllocs()
		for b.Loop() {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/", bytes.NewReader(body))
			req.Header = r.Header.Clone()
			req.Host = r.Host
			resp, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	}
	b.Run("http", func(b *testing.B) { overHTTP(b, h) })
	b.Run("http+verify", func(b *testing.B) { overHTTP(b, verified(v, h)) })
	b.Run("verify", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := v.Verify(r, body); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestVerifiedHandler checks the wrapper the benchmark measures: a signed
// request is served, an unsigned one answered as AWS answers it.
func TestVerifiedHandler(t *testing.T) {
	t.Parallel()
	h := verified(newVerifier(t), lookout.NewHandler(lookout.Service{
		DescribeDataset: func(_ context.Context, r *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return &lookout.DescribeDatasetResponse{DatasetName: r.DatasetName}, nil
		},
	}))
	const target = "AWSLookoutEquipmentFrontendService.DescribeDataset"
	r, _ := signed(t, signing{body: testBody, target: target, contentType: lookout.ContentType})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("signed: status %d: %s", w.Code, w.Body)
	}
	r, _ = signed(t, signing{body: testBody, target: target, contentType: lookout.ContentType, after: func(r *http.Request) { r.Header.Del("Authorization") }})
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden || w.Header().Get("X-Amzn-ErrorType") != sigv4.CodeMissingAuthenticationToken {
		t.Fatalf("unsigned: status %d, %q: %s", w.Code, w.Header().Get("X-Amzn-ErrorType"), w.Body)
	}
	t.Logf("unsigned: %s", w.Body)
}
