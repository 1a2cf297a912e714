package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOpenInUse: a second Store on a database open in another is refused,
// naming the database and the process; once the first is closed, the
// database opens again.
func TestOpenInUse(t *testing.T) {
	t.Parallel()
	s, path := openFile(t, testOptions())
	_, err := Open(path, testOptions())
	var inUse *InUseError
	require.ErrorAs(t, err, &inUse)
	assert.Equal(t, path, inUse.Path)
	assert.Equal(t, path+LockFileSuffix, inUse.LockFile)
	assert.Equal(t, os.Getpid(), inUse.PID)
	assert.Contains(t, err.Error(), "the database "+path+" is in use by process "+strconv.Itoa(os.Getpid()))

	require.NoError(t, s.Close())
	again, err := Open(path, testOptions())
	require.NoError(t, err)
	require.NoError(t, again.Close())
}

// TestOpenStaleLockFile: a lock file left by a process that ended (its
// pid written, its lock gone with it) does not keep the database from
// opening, and the new Store writes its own pid there.
func TestOpenStaleLockFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "lookout.db")
	require.NoError(t, os.WriteFile(path+LockFileSuffix, []byte("999999999\n"), 0o644))
	s, err := Open(path, testOptions())
	require.NoError(t, err)
	defer s.Close()
	b, err := os.ReadFile(path + LockFileSuffix)
	require.NoError(t, err)
	assert.Equal(t, strconv.Itoa(os.Getpid())+"\n", string(b))
}

// TestOpenDamaged damages one page of a real database file, in its cells
// or whole: Open finds it and refuses the database, naming the damage.
func TestOpenDamaged(t *testing.T) {
	t.Parallel()
	const pageSize = 4096
	for _, tc := range []struct {
		name     string
		from, to int // the bytes of the page overwritten
		want     string
	}{
		{"cell pointers", 8, 64, "Tree "},
		{"whole page", 0, pageSize, "database disk image is malformed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filledDatabase(t)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			require.Greater(t, len(data), 8*pageSize, "the database has pages to damage")
			page := data[len(data)-3*pageSize : len(data)-2*pageSize]
			for i := tc.from; i < tc.to; i++ {
				page[i] = byte(i * 7)
			}
			require.NoError(t, os.WriteFile(path, data, 0o600))

			s, err := Open(path, testOptions())
			if err == nil {
				s.Close()
			}
			var damaged *DamagedError
			require.ErrorAs(t, err, &damaged)
			assert.Equal(t, path, damaged.Path)
			assert.Contains(t, damaged.First, tc.want)
			assert.Contains(t, err.Error(), "the database "+path+" is damaged: "+damaged.First)
		})
	}
}

// filledDatabase makes a database of 40 datasets, closed, and returns its
// path.
func filledDatabase(t *testing.T) string {
	opts := testOptions()
	opts.MaxDatasets = 0
	s, path := openFile(t, opts)
	schema := strings.Repeat("x", 2000)
	var g errgroup
	for i := range 40 {
		g.Go(func() error {
			_, _, err := s.CreateDataset(context.Background(), NewDataset{Name: fmt.Sprintf("dataset-%03d", i),
				ClientToken: fmt.Sprint(i), Schema: &schema})
			return err
		})
	}
	require.NoError(t, g.Wait())
	require.NoError(t, s.Close()) // the last connection checkpoints the log into the file
	return path
}

// errgroup runs functions at once and keeps the first error.
type errgroup struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	first error
}

func (g *errgroup) Go(fn func() error) {
	g.wg.Go(func() {
		if err := fn(); err != nil {
			g.mu.Lock()
			if g.first == nil {
				g.first = err
			}
			g.mu.Unlock()
		}
	})
}

func (g *errgroup) Wait() error {
	g.wg.Wait()
	return g.first
}
