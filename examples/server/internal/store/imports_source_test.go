package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestImportSourceAfterReopen: a database that holds an import asks for a
// job's source from its opening on (ImportSource's query is skipped only
// while there is none).
func TestImportSourceAfterReopen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, path := openFile(t, testOptions())
	assert.False(t, s.imported.Load(), "a new database holds no import")
	_, _, err := s.CreateDataset(ctx, NewDataset{Name: "copy"})
	require.NoError(t, err)
	job, _, err := s.StartJob(ctx, NewJob{Dataset: "copy", ClientToken: "t", Input: input("b")})
	require.NoError(t, err)
	src, err := s.ImportSource(ctx, job.ID)
	require.NoError(t, err)
	assert.Empty(t, src)
	// An import's row, as ImportDataset writes it, for that job.
	execRaw(t, s, `INSERT INTO imports(job, dataset, source_arn, request)
		SELECT j.seq, j.dataset, 'arn:source', '{}' FROM jobs j WHERE j.id = ?`, job.ID)
	require.NoError(t, s.Close())

	s, err = Open(path, testOptions())
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	assert.True(t, s.imported.Load())
	src, err = s.ImportSource(ctx, job.ID)
	require.NoError(t, err)
	assert.Equal(t, "arn:source", src)
}
