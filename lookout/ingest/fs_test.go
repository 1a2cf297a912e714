package ingest

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFS: keys relative to the root, '/'-separated, sizes from Stat, ranged
// reads, short reads reported; a link is listed with its type, not
// followed: through Dir and through FS(os.DirFS).
func TestFS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "data", "pump"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "other"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "data", "pump", "a.csv"), []byte("0123456789"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "other", "b.csv"), []byte("xy"), 0o644))
	require.NoError(t, os.Symlink(filepath.Join(dir, "other", "b.csv"), filepath.Join(dir, "data", "pump", "link.csv")))
	d, err := Dir(dir)
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	for name, src := range map[string]Source{"Dir": d, "FS": FS(os.DirFS(dir))} {
		t.Run(name, func(t *testing.T) {
			var got []Object
			require.NoError(t, src.List(context.Background(), "data/", func(o Object) error { got = append(got, o); return nil }))
			assert.ElementsMatch(t, []Object{{Key: "data/pump/a.csv", Size: 10}, {Key: "data/pump/link.csv", Type: fs.ModeSymlink}}, got)
			got = nil
			require.NoError(t, src.List(context.Background(), "", func(o Object) error { got = append(got, o); return nil }))
			assert.Len(t, got, 3)
			got = nil
			require.NoError(t, src.List(context.Background(), "nowhere/", func(o Object) error { got = append(got, o); return nil }))
			assert.Empty(t, got)

			read := func(key string, off, n int64) (string, error) {
				rc, err := src.Open(context.Background(), key, off, n)
				if err != nil {
					return "", err
				}
				defer rc.Close()
				b, err := io.ReadAll(rc)
				return string(b), err
			}
			s, err := read("data/pump/a.csv", 2, 3)
			require.NoError(t, err)
			assert.Equal(t, "234", s)
			s, err = read("data/pump/a.csv", 7, -1)
			require.NoError(t, err)
			assert.Equal(t, "789", s)
			_, err = read("data/pump/a.csv", 8, 5)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
			_, err = read("data/pump/link.csv", 0, -1)
			var nr *NotRegularError
			require.ErrorAs(t, err, &nr)
			assert.Equal(t, &NotRegularError{Key: "data/pump/link.csv", Type: fs.ModeSymlink}, nr)
			_, err = src.Open(context.Background(), "../x", 0, -1)
			assert.Error(t, err)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err = src.Open(ctx, "data/pump/a.csv", 0, -1)
			assert.ErrorIs(t, err, context.Canceled)
		})
	}
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
