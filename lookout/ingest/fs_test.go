package ingest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFS: keys relative to the root, '/'-separated, sizes from Stat, ranged
// reads, short reads reported, links to files followed.
func TestFS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "data", "pump"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "other"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "data", "pump", "a.csv"), []byte("0123456789"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "other", "b.csv"), []byte("xy"), 0o644))
	require.NoError(t, os.Symlink(filepath.Join(dir, "other", "b.csv"), filepath.Join(dir, "data", "pump", "link.csv")))
	src := FS(os.DirFS(dir))
	var got []Object
	require.NoError(t, src.List(context.Background(), "data/", func(o Object) error { got = append(got, o); return nil }))
	assert.ElementsMatch(t, []Object{{Key: "data/pump/a.csv", Size: 10}, {Key: "data/pump/link.csv", Size: 2}}, got)
	got = nil
	require.NoError(t, src.List(context.Background(), "", func(o Object) error { got = append(got, o); return nil }))
	assert.Len(t, got, 3)
	got = nil
	require.NoError(t, src.List(context.Background(), "nowhere/", func(o Object) error { got = append(got, o); return nil }))
	assert.Empty(t, got)

	read := func(off, n int64) (string, error) {
		rc, err := src.Open(context.Background(), "data/pump/a.csv", off, n)
		if err != nil {
			return "", err
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		return string(b), err
	}
	s, err := read(2, 3)
	require.NoError(t, err)
	assert.Equal(t, "234", s)
	s, err = read(7, -1)
	require.NoError(t, err)
	assert.Equal(t, "789", s)
	_, err = read(8, 5)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	_, err = src.Open(context.Background(), "../x", 0, -1)
	assert.Error(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = src.Open(ctx, "data/pump/a.csv", 0, -1)
	assert.ErrorIs(t, err, context.Canceled)
}

// TestNegativeSize: an object listed with a negative size is unreadable.
func TestNegativeSize(t *testing.T) {
	t.Parallel()
	res, err := Check(context.Background(), request(ptr("data/"), nil), nil,
		sizedSource{{Key: "data/pump/a.csv", Size: -5}})
	require.NoError(t, err)
	require.Len(t, res.Discards, 1)
	assert.Equal(t, ReasonUnreadable, res.Discards[0].Reason)
	assert.Equal(t, FailAllDiscarded, res.Failure.Kind)
}
