package s3source_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// latencyObjects, latencySize and firstByte are the remote benchmark's
// bucket and network: 1,000 objects of 200 KiB, 20 ms before the first
// byte of every request (listings and GETs alike).
const (
	latencyObjects = 1000
	latencySize    = 200 << 10
	firstByte      = 20 * time.Millisecond
)

// latencyCSV returns a file of about latencySize bytes: a header of ten
// sensors and records ten seconds apart from start, values of three
// decimals, a few missing.
func latencyCSV(start int64) []byte {
	b := make([]byte, 0, latencySize)
	b = append(b, "Timestamp"...)
	for k := range 10 {
		b = fmt.Appendf(b, ",s%d", k)
	}
	b = append(b, '\n')
	x := uint64(start) | 1
	var line []byte
	for t := start; ; t += 10 {
		line = time.Unix(t, 0).UTC().AppendFormat(line[:0], time.DateTime)
		for range 10 {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			line = append(line, ',')
			if x%50 != 0 {
				v := int64(x>>40) % 100000
				line = strconv.AppendInt(line, v/1000-50, 10)
				line = append(line, '.', byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
			}
		}
		line = append(line, '\n')
		if len(b)+len(line) > latencySize {
			return b
		}
		b = append(b, line...)
	}
}

// latencyClient is a client of the fake that keeps enough idle
// connections for every read in flight, as s3source.NewClient's MaxConns
// does.
func latencyClient(f *fakeS3, conns int) *s3.Client {
	hc := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConns, t.MaxIdleConnsPerHost = 4*conns, 4*conns
	})
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(f.srv.URL),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		HTTPClient:   hc,
	})
}

// BenchmarkCheckLatency is a check over S3 when every request waits 20 ms
// before its first byte (a delay in front of the in-process S3): 1,000
// objects of 200 KiB in 10 components, beside the baseline, the same
// objects fetched by as many GetObject calls in flight and discarded (what
// the network alone allows here). MB/s counts the objects' bytes.
//
//	go test -run '^$' -bench CheckLatency -benchtime 3x ./lookout/ingest/s3source
func BenchmarkCheckLatency(b *testing.B) {
	f := newFakeS3(b)
	var keys []string
	var total int64
	for i := range latencyObjects {
		key := fmt.Sprintf("plant/pump%d/part%03d.csv", i%10, i/10)
		body := latencyCSV(1577836800 + int64(i/10)*10_000_000)
		f.put(b, key, body)
		keys = append(keys, key)
		total += int64(len(body))
	}
	f.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
		time.Sleep(firstByte)
		return false
	})
	reads := s3source.DefaultReads
	client := latencyClient(f, reads)
	req := checkRequest()
	b.Run("baseline=GetObject", func(b *testing.B) {
		b.SetBytes(total)
		buf := make([][]byte, reads)
		for k := range buf {
			buf[k] = make([]byte, 64<<10)
		}
		for b.Loop() {
			var next atomic.Int64
			var wg sync.WaitGroup
			errs := make([]error, reads)
			for w := range reads {
				wg.Go(func() {
					for i := next.Add(1) - 1; i < int64(len(keys)); i = next.Add(1) - 1 {
						out, err := client.GetObject(context.Background(),
							&s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(keys[i])})
						if err != nil {
							errs[w] = err
							return
						}
						_, err = io.CopyBuffer(io.Discard, struct{ io.Reader }{out.Body}, buf[w])
						out.Body.Close()
						if err != nil {
							errs[w] = err
							return
						}
					}
				})
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("Check/reads="+strconv.Itoa(reads), func(b *testing.B) {
		src := s3source.New(client, bucket)
		b.SetBytes(total)
		lists, gets := f.lists.Load(), f.gets.Load()
		for b.Loop() {
			res, err := ingest.Check(context.Background(), req, nil, src)
			if err != nil || res.Status != lookout.IngestionJobStatusSuccess {
				b.Fatal(err, res.FailedReason)
			}
			if n := *res.IngestedFilesSummary.IngestedNumberOfFiles; n != latencyObjects {
				b.Fatalf("%d files ingested, want %d", n, latencyObjects)
			}
		}
		b.ReportMetric(float64(f.lists.Load()-lists)/float64(b.N), "lists/op")
		b.ReportMetric(float64(f.gets.Load()-gets)/float64(b.N), "gets/op")
	})
}
