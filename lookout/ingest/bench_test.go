package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// benchMB is the size of the benchmarks' generated file, in MiB
// (LOOKOUT_BENCH_MB, default 64).
func benchMB() int64 {
	if v, err := strconv.Atoi(os.Getenv("LOOKOUT_BENCH_MB")); err == nil && v > 0 {
		return int64(v)
	}
	return 64
}

var benchFile = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	genCSV(&b, benchMB()<<20, 20)
	return b.Bytes()
})

// BenchmarkCheck reads one generated file of 20 sensors: the check on one
// core and on every core, beside the baseline, the code a Go user would
// write (encoding/csv, strconv.ParseFloat, time.Parse) for the same
// figures.
func BenchmarkCheck(b *testing.B) {
	data := benchFile()
	src := memSource{"data/pump/a.csv": data}
	req := request(ptr("data/"), nil)
	run := func(b *testing.B, opts ...Option) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			res, err := Check(context.Background(), req, nil, src, opts...)
			if err != nil || res.Status != "SUCCESS" {
				b.Fatal(err, res.FailedReason)
			}
		}
	}
	b.Run("baseline", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := baseline(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cores=1", func(b *testing.B) { run(b, WithConcurrency(1)) })
	b.Run("cores="+strconv.Itoa(runtime.GOMAXPROCS(0)), func(b *testing.B) { run(b) })
}

// baselineFigures are the figures the baseline computes.
type baselineFigures struct {
	records, unsupported, dups int64
	missing, invalid, valid    []int64
	minT, maxT                 []int64
}

var baselineMissing = map[string]bool{"": true, "-1.#IND": true, "1.#QNAN": true, "1.#IND": true, "-1.#QNAN": true,
	"#N/A N/A": true, "#N/A": true, "N/A": true, "n/a": true, "NA": true, "<NA>": true, "#NA": true, "NULL": true,
	"null": true, "NaN": true, "-NaN": true, "nan": true, "-nan": true, "None": true}

// baseline is what a Go user would write: encoding/csv with ReuseRecord,
// time.Parse for the timestamp and strconv.ParseFloat for the values,
// duplicates by sorting the timestamps.
func baseline(r io.Reader) (*baselineFigures, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	hdr, err := cr.Read()
	if err != nil {
		return nil, err
	}
	n := len(hdr) - 1
	f := &baselineFigures{missing: make([]int64, n), invalid: make([]int64, n), valid: make([]int64, n),
		minT: make([]int64, n), maxT: make([]int64, n)}
	for k := range n {
		f.minT[k], f.maxT[k] = math.MaxInt64, math.MinInt64
	}
	var stamps []int64
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		t, err := time.Parse(time.DateTime, rec[0])
		if err != nil {
			f.unsupported++
			continue
		}
		sec := t.Unix()
		f.records++
		stamps = append(stamps, sec)
		for k := range n {
			v := ""
			if k+1 < len(rec) {
				v = rec[k+1]
			}
			if baselineMissing[v] {
				f.missing[k]++
				continue
			}
			if x, err := strconv.ParseFloat(v, 64); err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
				f.invalid[k]++
				continue
			}
			f.valid[k]++
			f.minT[k], f.maxT[k] = min(f.minT[k], sec), max(f.maxT[k], sec)
		}
	}
	slices.Sort(stamps)
	for i := 1; i < len(stamps); i++ {
		if stamps[i] == stamps[i-1] {
			f.dups++
		}
	}
	return f, nil
}

// BenchmarkCheckQuoted reads the benchmarks' file with every field quoted
// (as some exports write them), beside the baseline, on one core.
func BenchmarkCheckQuoted(b *testing.B) {
	q := bytes.ReplaceAll(benchFile(), []byte(","), []byte(`","`))
	q = bytes.ReplaceAll(q, []byte("\n"), []byte("\"\n\""))
	q = append([]byte(`"`), q[:len(q)-1]...)
	src := memSource{"data/pump/a.csv": q}
	req := request(ptr("data/"), nil)
	b.Run("baseline", func(b *testing.B) {
		b.SetBytes(int64(len(q)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := baseline(bytes.NewReader(q)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cores=1", func(b *testing.B) {
		b.SetBytes(int64(len(q)))
		b.ReportAllocs()
		for b.Loop() {
			res, err := Check(context.Background(), req, nil, src, WithConcurrency(1))
			if err != nil || res.Status != "SUCCESS" {
				b.Fatal(err, res.FailedReason)
			}
		}
	})
}
