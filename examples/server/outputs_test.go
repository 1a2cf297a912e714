package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDirPut(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "out"), 0o755))
	d := dirSources{dir: dir}
	ctx := context.Background()

	require.NoError(t, d.put(ctx, "out", "a/b/2024-01-01T00:00:00Z/results.jsonl", []byte("x\n")))
	got, err := os.ReadFile(filepath.Join(dir, "out", "a/b/2024-01-01T00:00:00Z/results.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, "x\n", string(got))
	require.NoError(t, d.put(ctx, "out", "a/b/2024-01-01T00:00:00Z/results.jsonl", []byte("y\n")), "replaced")
	got, _ = os.ReadFile(filepath.Join(dir, "out", "a/b/2024-01-01T00:00:00Z/results.jsonl"))
	assert.Equal(t, "y\n", string(got))

	var nb *NoBucketError
	require.ErrorAs(t, d.put(ctx, "missing", "k", nil), &nb)
	assert.Equal(t, "missing", nb.Bucket)
	require.ErrorAs(t, d.put(ctx, "..", "k", nil), &nb)
	require.Error(t, d.put(ctx, "out", "../escape", nil))
	require.Error(t, d.put(ctx, "out", "folder/", nil))
	require.Error(t, d.put(ctx, "out", "", nil))
	_, err = os.Stat(filepath.Join(dir, "escape"))
	assert.ErrorIs(t, err, os.ErrNotExist)

	require.NoError(t, os.Symlink(t.TempDir(), filepath.Join(dir, "out", "link")))
	require.Error(t, d.put(ctx, "out", "link/x", nil), "a link leaves the bucket")
	entries, err := os.ReadDir(filepath.Join(dir, "out", "a/b/2024-01-01T00:00:00Z"))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")
}
