//go:build unix

package ingest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TestDirConfined: the attacks of a directory bucket. A link to a
// directory outside the root and a link to a file inside are discarded
// (not followed: nothing outside is read, not even named); a FIFO is
// discarded without being opened (an open for reading would wait for a
// writer); a prefix that is itself a link lists nothing.
func TestDirConfined(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("Timestamp,root:x:0:0\n2020-01-01 00:00:00,1\n"), 0o644))
	dir := t.TempDir()
	pump := filepath.Join(dir, "data", "pump")
	require.NoError(t, os.MkdirAll(pump, 0o755))
	good := "Timestamp,a\n2020-01-01 00:00:00,1\n"
	require.NoError(t, os.WriteFile(filepath.Join(pump, "a.csv"), []byte(good), 0o644))
	require.NoError(t, os.Symlink(outside, filepath.Join(pump, "etc")))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "data", "evil")))
	require.NoError(t, os.Symlink("a.csv", filepath.Join(pump, "inside.csv")))
	require.NoError(t, syscall.Mkfifo(filepath.Join(pump, "fifo.csv"), 0o644))
	require.NoError(t, os.Symlink(filepath.Join(dir, "data"), filepath.Join(dir, "alias")))

	d, err := Dir(dir)
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	res, err := Check(context.Background(), request(ptr("data/"), nil), nil, d)
	require.NoError(t, err)
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	var discards []string
	for _, x := range res.Discards {
		discards = append(discards, x.Error())
		assert.Equal(t, ReasonNotRegularFile, x.Reason)
	}
	assert.Equal(t, []string{
		`"data/pump/etc": not a regular file: a symbolic link, not followed`,
		`"data/pump/fifo.csv": not a regular file: a named pipe (FIFO), not a regular file`,
		`"data/pump/inside.csv": not a regular file: a symbolic link, not followed`,
	}, discards)
	// data/evil is a link directly under the prefix: unmatched, listed as
	// ignored, never walked into.
	assert.Equal(t, []string{"data/evil"}, res.Ignored)
	require.Len(t, res.SensorStatisticsSummaries, 1)
	assert.Equal(t, "a", res.SensorStatisticsSummaries[0].SensorName)

	// Through the links, nothing opens.
	for _, key := range []string{"data/pump/etc/secret.csv", "data/evil/secret.csv", "alias/pump/a.csv", "data/pump/fifo.csv"} {
		_, err := d.Open(context.Background(), key, 0, -1)
		assert.Error(t, err, key)
	}
	// A prefix that is a link lists nothing.
	var got []Object
	require.NoError(t, d.List(context.Background(), "alias/", func(o Object) error { got = append(got, o); return nil }))
	assert.Empty(t, got)
	res, err = Check(context.Background(), request(ptr("data/evil/"), ptr("{prefix}/{component_name}_*")), nil, d)
	require.NoError(t, err)
	assert.Equal(t, FailNoMatch, res.Failure.Kind)

	// A FIFO swapped in between the listing and the read: discarded, not
	// waited on.
	swap := &swapSource{DirSource: d, before: func() {
		require.NoError(t, os.Remove(filepath.Join(pump, "a.csv")))
		require.NoError(t, syscall.Mkfifo(filepath.Join(pump, "a.csv"), 0o644))
	}}
	res, err = Check(context.Background(), request(ptr("data/"), nil), nil, swap)
	require.NoError(t, err)
	require.Len(t, res.Discards, 4)
	assert.Equal(t, `"data/pump/a.csv": not a regular file: a named pipe (FIFO), not a regular file`, res.Discards[0].Error())
	assert.Equal(t, FailAllDiscarded, res.Failure.Kind)
}

// swapSource runs before once, after its listing and before its first
// open.
type swapSource struct {
	*DirSource
	before func()
	once   sync.Once
}

func (s *swapSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	s.once.Do(s.before)
	return s.DirSource.Open(ctx, key, off, n)
}
