package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// TestS3SourcesOptions: a job's S3 source asks the check for the -reads
// it was given (ingest.ConcurrentSource).
func TestS3SourcesOptions(t *testing.T) {
	t.Parallel()
	src, ok := s3Sources{reads: 48}.bucket("b").(ingest.ConcurrentSource)
	require.True(t, ok)
	assert.Equal(t, 48, src.Concurrency())
}
