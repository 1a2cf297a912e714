package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBatchFailure: in one batch, a change refused by a rule and a change
// that fails after writing leave nothing behind, and every other change is
// committed.
func TestBatchFailure(t *testing.T) {
	t.Parallel()
	s, _ := openFile(t, testOptions())
	ctx := context.Background()

	// Hold the writer inside a change so that the next ones queue up and
	// run as one batch.
	// holding has room for the signal, so that the held change never
	// misses it when this goroutine is not yet waiting (on a loaded machine
	// it skipped the signal and the test waited forever). release is
	// closed on every way out, so that Close never waits on a held writer.
	release := make(chan struct{})
	var releaseOnce sync.Once
	releaseAll := func() { releaseOnce.Do(func() { close(release) }) }
	t.Cleanup(releaseAll)
	holding := make(chan struct{}, 1)
	held := make(chan error, 1)
	go func() {
		held <- s.write(ctx, func(w *wtx) error {
			select {
			case holding <- struct{}{}:
			default: // run again after a failure
			}
			<-release
			_, err := w.ExecContext(w.ctx, `INSERT INTO meta(key, value) VALUES('first', 1)`)
			return err
		})
	}()
	<-holding

	failure := errors.New("disk on fire")
	insert := func(key string, then error) func(*wtx) error {
		return func(w *wtx) error {
			if _, err := w.ExecContext(w.ctx, `INSERT INTO meta(key, value) VALUES(?, 1)`, key); err != nil {
				return err
			}
			return then
		}
	}
	changes := map[string]func(*wtx) error{
		"ok-1":   insert("ok-1", nil),
		"failed": insert("failed", failure),
		"ok-2":   insert("ok-2", nil),
		"refused": func(*wtx) error {
			return &QuotaError{Limit: LimitDatasets, Max: 1}
		},
		"ok-3": insert("ok-3", nil),
	}
	var wg sync.WaitGroup
	results := map[string]error{}
	var mu sync.Mutex
	for key, fn := range changes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.write(ctx, fn)
			mu.Lock()
			results[key] = err
			mu.Unlock()
		}()
	}
	// Let them queue behind the held change.
	require.Eventually(t, func() bool { return len(s.queue) == len(changes) }, time.Minute, time.Millisecond)
	releaseAll()
	wg.Wait()
	require.NoError(t, <-held)

	assert.NoError(t, results["ok-1"])
	assert.NoError(t, results["ok-2"])
	assert.NoError(t, results["ok-3"])
	assert.ErrorIs(t, results["failed"], failure)
	var qe *QuotaError
	assert.ErrorAs(t, results["refused"], &qe)
	for key, want := range map[string]int{"first": 1, "ok-1": 1, "ok-2": 1, "ok-3": 1, "failed": 0} {
		var n int
		require.NoError(t, s.r.QueryRow(`SELECT count(*) FROM meta WHERE key = ?`, key).Scan(&n))
		assert.Equal(t, want, n, fmt.Sprint("rows of ", key))
	}
}
