package ingest

import (
	"bytes"
	"context"
	"sync"
	"testing"
)

// wideFile is a generated file of 3,000 sensors (lines of about 22 KB,
// many of them across the end of the parser's first buffer), of benchMB
// MiB.
var wideFile = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	genCSV(&b, benchMB()<<20, MaxSensors)
	return b.Bytes()
})

// BenchmarkCheckWide reads the 3,000-sensor file beside the baseline, on
// one core: lines longer than a tenth of the read buffer.
func BenchmarkCheckWide(b *testing.B) {
	data := wideFile()
	src := memSource{"data/pump/a.csv": data}
	req := request(ptr("data/"), nil)
	b.Run("baseline", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := baseline(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cores=1", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			res, err := Check(context.Background(), req, nil, src, WithConcurrency(1))
			if err != nil || res.Status != "SUCCESS" {
				b.Fatal(err, res.FailedReason)
			}
		}
	})
}
