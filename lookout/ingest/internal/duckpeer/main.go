// Command duckpeer measures DuckDB beside ingest.Check on the same CSV file,
// by hand: it is its own module, so that the library never builds DuckDB
// (cgo). Each side does comparable work on every record: DuckDB reads every
// cell as text, parses the timestamp (TRY_STRPTIME), counts the records,
// the unsupported timestamps and the duplicates (count − count distinct),
// and for each sensor counts its valid and missing cells and takes its
// minimum and maximum; ingest.Check computes all of the service's figures
// for the same file (and the four sensor heuristics). Usage:
//
//	LOOKOUT_BENCH_FILE=/tmp/duckpeer/data/pump/a.csv go test -run TestWriteBenchFile ./lookout/ingest
//	cd lookout/ingest/internal/duckpeer && go run . /tmp/duckpeer
//
// The folder given holds data/pump/a.csv; the file's first line names its
// sensors. It prints each side's time and MB/s, three rounds each, on one
// thread (core) and on two.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: duckpeer DIR (DIR/data/pump/a.csv is the file)")
		os.Exit(2)
	}
	dir := os.Args[1]
	file := filepath.Join(dir, "data", "pump", "a.csv")
	if err := run(dir, file); err != nil {
		fmt.Fprintln(os.Stderr, "duckpeer:", err)
		os.Exit(1)
	}
}

func run(dir, file string) error {
	fi, err := os.Stat(file)
	if err != nil {
		return err
	}
	mb := float64(fi.Size()) / 1e6
	sensors, err := header(file)
	if err != nil {
		return err
	}
	q := query(file, sensors)
	for _, threads := range []int{1, 2} {
		db, err := sql.Open("duckdb", "")
		if err != nil {
			return err
		}
		if _, err := db.Exec(fmt.Sprintf("SET threads=%d", threads)); err != nil {
			return err
		}
		for round := range 3 {
			start := time.Now()
			out := make([]any, 5+4*len(sensors))
			ptrs := make([]any, len(out))
			for i := range out {
				ptrs[i] = &out[i]
			}
			if err := db.QueryRow(q).Scan(ptrs...); err != nil {
				return err
			}
			d := time.Since(start)
			fmt.Printf("duckdb       threads=%d round %d: %v records, %v, %.0f MB/s\n", threads, round, out[0], d.Round(time.Millisecond), mb/d.Seconds())
		}
		db.Close()
	}
	src, err := ingest.Dir(dir)
	if err != nil {
		return err
	}
	defer src.Close()
	req := &lookout.StartDataIngestionJobRequest{DatasetName: "peer", ClientToken: "0d6a3f2e-6c1b-4b8e-9a51-3c2f7e9d4a10",
		RoleArn: "arn:aws:iam::123456789012:role/peer",
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{Bucket: "peer-bucket", Prefix: new("data/")}}}
	for _, cores := range []int{1, 2} {
		for round := range 3 {
			start := time.Now()
			res, err := ingest.Check(context.Background(), req, nil, src, ingest.WithConcurrency(cores))
			if err != nil {
				return err
			}
			if res.Status != lookout.IngestionJobStatusSuccess {
				return fmt.Errorf("the check failed: %s", res.FailedReason)
			}
			d := time.Since(start)
			fmt.Printf("ingest.Check cores=%d   round %d: %d sensors, %v, %.0f MB/s\n", cores, round,
				len(res.SensorStatisticsSummaries), d.Round(time.Millisecond), mb/d.Seconds())
		}
	}
	return nil
}

// header returns the sensor names of the file's first line.
func header(file string) ([]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		return nil, err
	}
	names := strings.Split(strings.TrimRight(line, "\r\n"), ",")
	return names[1:], nil
}

// query is DuckDB's comparable counting over file.
func query(file string, sensors []string) string {
	const missing = `('', '-1.#IND', '1.#QNAN', '1.#IND', '-1.#QNAN', '#N/A N/A', '#N/A', 'N/A', 'n/a', 'NA', '<NA>', '#NA', 'NULL', 'null', 'NaN', '-NaN', 'nan', '-nan', 'None')`
	var cols []string
	for _, s := range sensors {
		s = `"` + s + `"`
		cols = append(cols,
			fmt.Sprintf("count(*) FILTER (WHERE isfinite(TRY_CAST(%s AS DOUBLE)))", s),
			fmt.Sprintf("count(*) FILTER (WHERE %s IS NULL OR trim(%s) IN %s)", s, s, missing),
			fmt.Sprintf("min(TRY_CAST(%s AS DOUBLE))", s), fmt.Sprintf("max(TRY_CAST(%s AS DOUBLE))", s))
	}
	return fmt.Sprintf(`WITH t AS (SELECT TRY_STRPTIME(Timestamp, '%%Y-%%m-%%d %%H:%%M:%%S') AS ts, * EXCLUDE (Timestamp)
		FROM read_csv('%s', all_varchar=true, header=true))
		SELECT count(*), count(*) FILTER (WHERE ts IS NULL), min(ts), max(ts), count(ts) - count(DISTINCT ts), %s FROM t`,
		strings.ReplaceAll(file, "'", "''"), strings.Join(cols, ", "))
}
