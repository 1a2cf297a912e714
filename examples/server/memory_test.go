package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TestMemoryFlat measures the server's resident memory as jobs accumulate:
// the binary, on a database file, is sent StartDataIngestionJob requests
// from 64 clients over 20,000 datasets until it holds LOOKOUT_MEMORY_JOBS
// jobs (1,000,000 by default), and its RSS is read at every tenth of the
// way. RSS at the end must be within 20% of RSS at a tenth. It runs only
// when LOOKOUT_MEMORY=1 (it takes minutes):
//
//	LOOKOUT_MEMORY=1 go test -run TestMemoryFlat -v -timeout 2h ./examples/server
func TestMemoryFlat(t *testing.T) {
	if os.Getenv("LOOKOUT_MEMORY") != "1" {
		t.Skip("set LOOKOUT_MEMORY=1 to measure memory as jobs accumulate")
	}
	total := 1_000_000
	if s := os.Getenv("LOOKOUT_MEMORY_JOBS"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(t, err)
		total = n
	}
	const datasets = 20000
	bin := buildServer(t)
	db := filepath.Join(t.TempDir(), "lookout.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	cmd := exec.Command(bin, "-addr", addr, "-data", "testdata", "-db", db, "-max-datasets", "0", "-max-pending", "0",
		"-log-level", "ERROR", "-workers", "64")
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	url := "http://" + addr + "/"
	for deadline := time.Now().Add(30 * time.Second); ; {
		if conn, err := net.Dial("tcp", addr); err == nil {
			conn.Close()
			break
		}
		require.False(t, time.Now().After(deadline), "the server does not listen")
		time.Sleep(20 * time.Millisecond)
	}
	var made atomic.Int64
	var cwg sync.WaitGroup
	for range 64 {
		cwg.Add(1)
		go func() {
			defer cwg.Done()
			for i := made.Add(1) - 1; i < datasets; i = made.Add(1) - 1 {
				if err := callQuiet(url, "CreateDataset", createReq(fmt.Sprintf("mem-%d", i)), &lookout.CreateDatasetResponse{}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	cwg.Wait()
	require.False(t, t.Failed())

	var (
		jobs, conflicts atomic.Int64
		next            atomic.Int64
		wg              sync.WaitGroup
		failed          atomic.Pointer[error]
	)
	start := time.Now()
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for jobs.Load() < int64(total) && failed.Load() == nil {
				i := next.Add(1)
				var out lookout.StartDataIngestionJobResponse
				req := startReq(fmt.Sprintf("mem-token-%d", i), fmt.Sprintf("mem-%d", i%datasets), "plant-1/pumps/")
				req.IngestionInputConfiguration.S3InputConfiguration.Bucket = "no-such-bucket"
				err := callQuiet(url, "StartDataIngestionJob", req, &out)
				var conflict *lookout.ConflictException
				switch {
				case err == nil:
					jobs.Add(1)
				case errors.As(err, &conflict):
					conflicts.Add(1) // the dataset's last job has not ended yet
				default:
					failed.Store(&err)
				}
			}
		}()
	}
	var rss []int64
	step := int64(total / 10)
	for mark := step; mark <= int64(total); mark += step {
		for jobs.Load() < mark && failed.Load() == nil {
			time.Sleep(50 * time.Millisecond)
		}
		if err := failed.Load(); err != nil {
			require.NoError(t, *err)
		}
		kb := rssKB(t, cmd.Process.Pid)
		rss = append(rss, kb)
		t.Logf("%8d jobs: RSS %6.1f MiB (%s, %d conflicts)", mark, float64(kb)/1024, time.Since(start).Round(time.Second),
			conflicts.Load())
	}
	wg.Wait()
	first, last := rss[0], rss[len(rss)-1]
	t.Logf("RSS at %d jobs is %.2fx RSS at %d", total, float64(last)/float64(first), step)
	require.LessOrEqual(t, float64(last), 1.2*float64(first), "RSS grew more than 20%% from %d to %d jobs", step, total)
}

// rssKB reads the resident set size of process pid, in KiB.
func rssKB(t *testing.T, pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			require.NoError(t, err)
			return kb
		}
	}
	t.Fatal("no VmRSS in /proc status")
	return 0
}
