package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// TestReadFlags: -reads and -read-stall, their defaults and their bounds.
func TestReadFlags(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	opts, files, code := parseArgs([]string{"-data", "s3", "r.json"}, &stdout, &stderr)
	require.Equal(t, exitOK, code, stderr.String())
	assert.Equal(t, []string{"r.json"}, files)
	assert.Equal(t, 0, opts.reads, "the source's default")
	assert.Equal(t, s3source.DefaultReadStall, opts.readStall)

	opts, _, code = parseArgs([]string{"-data", "s3", "-reads", "64", "-read-stall", "2s", "r.json"}, &stdout, &stderr)
	require.Equal(t, exitOK, code, stderr.String())
	assert.Equal(t, 64, opts.reads)
	assert.Equal(t, 2*time.Second, opts.readStall)

	for _, bad := range [][]string{{"-reads", "-1"}, {"-read-stall", "0s"}, {"-read-stall", "-3s"}, {"-read-stall", "soon"}} {
		stderr.Reset()
		_, files, code := parseArgs(append(append([]string{"-data", "s3"}, bad...), "r.json"), &stdout, &stderr)
		assert.Nil(t, files, bad)
		assert.Equal(t, exitInput, code, bad)
		assert.Contains(t, stderr.String(), "preflight: ", bad)
	}
}
