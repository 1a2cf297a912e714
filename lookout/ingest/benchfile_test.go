package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestWriteBenchFile writes the file BenchmarkCheck reads (benchMB MiB of
// 20 sensors) to LOOKOUT_BENCH_FILE, for measuring a peer on the same
// bytes by hand (internal/duckpeer); without the variable it is skipped.
func TestWriteBenchFile(t *testing.T) {
	path := os.Getenv("LOOKOUT_BENCH_FILE")
	if path == "" {
		t.Skip("LOOKOUT_BENCH_FILE is not set")
	}
	var b bytes.Buffer
	genCSV(&b, benchMB()<<20, 20)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
}
