package ingest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDuplicatesBruteForce holds the duplicate counts to the definition,
// walked record by record: files of one component in key order, each with
// a random subset of sensors and timestamps from a small set.
func TestDuplicatesBruteForce(t *testing.T) {
	t.Parallel()
	for seed := range uint64(60) {
		r := rand.New(rand.NewPCG(seed, 7))
		sensors := []string{"A", "B", "C", "D"}
		nfiles := 1 + r.IntN(5)
		kv := []string{}
		seen := map[string]map[int]bool{} // sensor -> instants seen
		dups := map[string]int64{}
		var total int64
		for f := range nfiles {
			var cols []string
			for _, s := range sensors {
				if r.IntN(2) == 0 {
					cols = append(cols, s)
				}
			}
			if len(cols) == 0 {
				cols = []string{sensors[r.IntN(len(sensors))]}
			}
			var b strings.Builder
			b.WriteString("Timestamp," + strings.Join(cols, ",") + "\n")
			for range 1 + r.IntN(12) {
				day := 1 + r.IntN(4)
				fmt.Fprintf(&b, "2020-01-%02d 00:00:00", day)
				for range cols {
					b.WriteString(",1")
				}
				b.WriteString("\n")
				dup := false
				for _, s := range cols {
					if seen[s] == nil {
						seen[s] = map[int]bool{}
					}
					if seen[s][day] {
						dups[s]++
						dup = true
					}
					seen[s][day] = true
				}
				if dup {
					total++
				}
			}
			kv = append(kv, fmt.Sprintf("data/c/%02d.csv", f), b.String())
		}
		for _, o := range []Option{WithConcurrency(1), withTiny(40, 16, 1<<20, 3)} {
			res := check(t, nil, files(kv...), o)
			require.Equal(t, total, *res.DataQualitySummary.DuplicateTimestamps.TotalNumberOfDuplicateTimestamps, "seed %d", seed)
			for _, s := range res.SensorStatisticsSummaries {
				require.Equal(t, dups[s.SensorName], *s.DuplicateTimestamps.Count, "seed %d sensor %s", seed, s.SensorName)
			}
		}
	}
}
