package s3source_test

import (
	"context"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// BenchmarkRead reads a 4 MiB object through the Source's reader, beside
// the baseline: the SDK's GetObject and io.Copy of its body, as a Go user
// would write it (without resuming, without checking lengths). Both read
// from the same in-process S3, so the difference is the reader's cost.
//
//	go test -run '^$' -bench Read -benchtime 20x ./lookout/ingest/s3source
func BenchmarkRead(b *testing.B) {
	f := newFakeS3(b)
	const size = 4 << 20
	f.put(b, "obj", content(size))
	client := f.client()
	src := f.source()
	buf := make([]byte, 256<<10)
	b.Run("baseline=GetObject", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			out, err := client.GetObject(context.Background(), &s3.GetObjectInput{
				Bucket: aws.String(bucket), Key: aws.String("obj"), Range: aws.String("bytes=0-4194303")})
			if err != nil {
				b.Fatal(err)
			}
			n, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{out.Body}, buf)
			out.Body.Close()
			if err != nil || n != size {
				b.Fatal(n, err)
			}
		}
	})
	b.Run("Source.Open", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			r, err := src.Open(context.Background(), "obj", 0, size)
			if err != nil {
				b.Fatal(err)
			}
			n, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{r}, buf)
			r.Close()
			if err != nil || n != size {
				b.Fatal(n, err)
			}
		}
	})
}
