package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInferenceSensorAndUnusable: a schema sensor that no file of the run
// holds fails the run, naming the sensor; a file ingestion would discard
// is listed as unusable, and its rows are not taken.
func TestInferenceSensorAndUnusable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pre := filepath.Join(dir, "plant-1", "inference")
	require.NoError(t, os.MkdirAll(pre, 0o755))
	put := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(pre, name), []byte(body), 0o644))
	}
	put("pump1_20220513090500.csv", "Timestamp,pressure\n2022-05-13 09:01:00,1\n")   // no flow
	put("pump2_20220513090500.csv", "Timestamp,pressure\n2022-05-13 09:01:00,\"1\n") // a quote that never closes
	code, out, errs := runInf(t, "", "-inference", "-data", dir, "-schema", infSchema,
		"-from", "2022-05-13T09:10:00Z", "-to", "2022-05-13T09:10:00Z", infRequest)
	assert.Equal(t, exitInvalid, code, errs)
	assert.Contains(t, out, "    pump1: 1 row, 2022-05-13T09:01:00Z to 2022-05-13T09:01:00Z; sensors missing: flow\n")
	assert.Contains(t, out, "FAILED: Could not find data file for sensor pump1 within expected range of (2022-05-13T09:00:00Z, 2022-05-13T09:05:00Z]")
	assert.Contains(t, out, "      plant-1/inference/pump2_20220513090500.csv (in): unusable\n")
	assert.Contains(t, out, "  1 file that runs open but cannot read:\n    \"plant-1/inference/pump2_20220513090500.csv\": line 2, column 2: a quoted field never closes\n")
}
