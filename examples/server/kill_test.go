package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TestKillLosesNothing runs the binary on a database file under load from
// 16 clients creating datasets and starting jobs, kills it with SIGKILL,
// starts it again on the same file, and finds every dataset and job that
// a client got a 200 for; the jobs that were running run again and end.
func TestKillLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL on Windows")
	}
	t.Parallel()
	bin := buildServer(t)
	db := filepath.Join(t.TempDir(), "lookout.db")
	args := []string{"-db", db, "-max-datasets", "0", "-max-pending", "0"}
	cmd, addr, log, _ := startBinary(t, bin, args...)
	c := client{t: t, url: "http://" + addr + "/"}

	var (
		mu       sync.Mutex
		datasets []string
		jobs     []string
		acked    atomic.Int64
		wg       sync.WaitGroup
	)
	stop := make(chan struct{})
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("w%d-%d", w, i)
				// Any error (the server killed mid-request) ends the
				// worker; only what was acknowledged counts.
				if callQuiet(c.url, "CreateDataset", createReq(name), &lookout.CreateDatasetResponse{}) != nil {
					return
				}
				mu.Lock()
				datasets = append(datasets, name)
				mu.Unlock()
				var out lookout.StartDataIngestionJobResponse
				if callQuiet(c.url, "StartDataIngestionJob", startReq("s-"+name, name, "plant-1/pumps/"), &out) != nil {
					return
				}
				mu.Lock()
				jobs = append(jobs, *out.JobId)
				mu.Unlock()
				acked.Add(1)
			}
		}()
	}
	for acked.Load() < 200 {
		time.Sleep(10 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
	close(stop)
	wg.Wait()
	require.NotContains(t, log.String(), "level=ERROR")

	_, addr, log, _ = startBinary(t, bin, args...)
	c = client{t: t, url: "http://" + addr + "/"}
	for _, name := range datasets {
		var ds lookout.DescribeDatasetResponse
		require.NoError(t, c.call("DescribeDataset", &lookout.DescribeDatasetRequest{DatasetName: name}, &ds), name)
	}
	for _, id := range jobs {
		job := c.waitJob(id)
		assert.Equal(t, lookout.IngestionJobStatus("SUCCESS"), job.Status, id)
	}
	t.Logf("%d datasets and %d jobs acknowledged before SIGKILL, all found again", len(datasets), len(jobs))
	assert.NotContains(t, log.String(), "level=ERROR")
}
