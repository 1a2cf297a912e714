package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// inferenceDay writes a day of PT5M input under dir (the bucket's folder):
// for pump1 and pump2, one file per 5 minutes named as request.json's
// naming says, each with a row a second of two sensors. It returns the
// number of files.
func inferenceDay(b *testing.B, dir string) int {
	b.Helper()
	folder := filepath.Join(dir, "plant-1", "inference")
	require.NoError(b, os.MkdirAll(folder, 0o755))
	start := time.Date(2022, 5, 13, 0, 0, 0, 0, time.UTC)
	n := 0
	var sb strings.Builder
	for _, comp := range []string{"pump1", "pump2"} {
		for f := range 288 {
			t0 := start.Add(time.Duration(f) * 5 * time.Minute)
			sb.Reset()
			sb.WriteString("Timestamp,pressure,flow\n")
			for s := 1; s <= 300; s++ {
				t := t0.Add(time.Duration(s) * time.Second)
				fmt.Fprintf(&sb, "%s,%d.%d,%d.%d\n", t.Format("2006-01-02 15:04:05"), 10+s%7, s%10, 3+s%3, s%10)
			}
			name := comp + "_" + t0.Add(5*time.Minute).Format("20060102150405") + ".csv"
			require.NoError(b, os.WriteFile(filepath.Join(folder, name), []byte(sb.String()), 0o644))
			n++
		}
	}
	return n
}

// BenchmarkInferenceCheck measures preflight -inference over a day of PT5M
// input (2 components, 576 files of 300 rows, 288 runs) beside a baseline
// that only reads every file with encoding/csv, time.Parse and
// strconv.ParseFloat, in the same run.
//
//	go test -run '^$' -bench BenchmarkInferenceCheck -benchtime 5x ./examples/preflight
func BenchmarkInferenceCheck(b *testing.B) {
	dir := b.TempDir()
	files := inferenceDay(b, dir)
	args := []string{"-inference", "-json", "-data", dir, "-schema", infSchema,
		"-from", "2022-05-13T00:10:00Z", "-to", "2022-05-14T00:00:00Z", infRequest}
	b.Run("preflight", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			code := runEnv(context.Background(), args, &env{stdout: io.Discard, stderr: io.Discard, stdin: strings.NewReader("")})
			if code != exitOK {
				b.Fatalf("exit %d", code)
			}
		}
		b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	})
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		paths, err := filepath.Glob(filepath.Join(dir, "plant-1", "inference", "*.csv"))
		require.NoError(b, err)
		for b.Loop() {
			for _, p := range paths {
				f, err := os.Open(p)
				require.NoError(b, err)
				r := csv.NewReader(f)
				r.ReuseRecord = true
				for i := 0; ; i++ {
					rec, err := r.Read()
					if err == io.EOF {
						break
					}
					require.NoError(b, err)
					if i == 0 {
						continue
					}
					if _, err := time.Parse("2006-01-02 15:04:05", rec[0]); err != nil {
						b.Fatal(err)
					}
					for _, c := range rec[1:] {
						if _, err := strconv.ParseFloat(c, 64); err != nil {
							b.Fatal(err)
						}
					}
				}
				f.Close()
			}
		}
		b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	})
}
