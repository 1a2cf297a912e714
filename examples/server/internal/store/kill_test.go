package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// killChildEnv names the database a re-executed test binary writes to
// until it is killed.
const killChildEnv = "STORE_KILL_CHILD_DB"

// TestKillChild is the child of TestSIGKILL; it is skipped unless run by it.
// It creates datasets and starts and finishes jobs from 64 goroutines, and
// prints a line for each change after the store acknowledged it.
func TestKillChild(t *testing.T) {
	path := os.Getenv(killChildEnv)
	if path == "" {
		t.Skip("run by TestSIGKILL")
	}
	opts := testOptions()
	opts.MaxDatasets, opts.MaxPending = 0, 0
	s, err := Open(path, opts)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	var mu sync.Mutex
	ack := func(format string, args ...any) {
		line := fmt.Sprintf(format+"\n", args...)
		mu.Lock()
		os.Stdout.WriteString(line) // one write: the parent reads whole lines
		mu.Unlock()
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	for w := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprint("d", w)
			if _, _, err := s.CreateDataset(ctx, NewDataset{Name: name, ClientToken: name}); err != nil {
				ack("error %v", err)
				return
			}
			ack("dataset %s", name)
			for i := 0; ; i++ {
				token := fmt.Sprint(name, "-", i)
				job, _, err := s.StartJob(ctx, NewJob{Dataset: name, ClientToken: token, Input: input("b")})
				if err != nil {
					ack("error %v", err)
					return
				}
				ack("start %s %s %s", job.ID, name, token)
				status := JobSuccess
				if i%3 == 2 {
					status = JobFailed
				}
				if _, err := s.FinishJob(ctx, job.ID, Outcome{Status: status, FailedReason: "r",
					Result: []byte(`{"n":1}`), SensorStatistics: [][]byte{[]byte(job.ID)}}); err != nil {
					ack("error %v", err)
					return
				}
				ack("finish %s %s", job.ID, status)
			}
		}()
	}
	wg.Wait()
	os.Exit(3) // only errors end the loops
}

// TestSIGKILL kills a process with SIGKILL while it writes under
// concurrency, opens its database again, and finds every change the
// process was told was made.
func TestSIGKILL(t *testing.T) {
	t.Parallel()
	if os.Getenv(killChildEnv) != "" {
		t.Skip("in the child")
	}
	path := filepath.Join(t.TempDir(), "lookout.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), killChildEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())

	const killAfter = 3000 // acknowledged changes
	datasets := map[string]bool{}
	type started struct{ dataset, token string }
	starts := map[string]started{}
	finished := map[string]JobStatus{}
	lines := bufio.NewScanner(out)
	n := 0
	timer := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	defer timer.Stop()
	for lines.Scan() {
		f := strings.Fields(lines.Text())
		switch {
		case len(f) == 2 && f[0] == "dataset":
			datasets[f[1]] = true
		case len(f) == 4 && f[0] == "start":
			starts[f[1]] = started{f[2], f[3]}
		case len(f) == 3 && f[0] == "finish":
			finished[f[1]] = JobStatus(f[2])
		case len(f) > 0 && (f[0] == "PASS" || f[0] == "ok" || f[0] == "==="):
			continue
		default:
			t.Fatalf("child: %s", lines.Text())
		}
		n++
		if n == killAfter {
			require.NoError(t, cmd.Process.Signal(os.Kill))
		}
	}
	err = cmd.Wait()
	require.Error(t, err, "the child must have been killed")
	require.GreaterOrEqual(t, n, killAfter, "the child stopped before it was killed")
	t.Logf("%d changes acknowledged before the kill took effect: %d datasets, %d jobs started, %d finished",
		n, len(datasets), len(starts), len(finished))

	opts := testOptions()
	opts.MaxDatasets, opts.MaxPending = 0, 0
	s, err := Open(path, opts)
	require.NoError(t, err)
	defer s.Close()
	ctx := context.Background()
	for name := range datasets {
		_, err := s.Dataset(ctx, name)
		require.NoError(t, err, "dataset %s lost", name)
	}
	inProgress, err := s.InProgress(ctx)
	require.NoError(t, err)
	running := map[string]bool{}
	for _, j := range inProgress {
		running[j.ID] = true
	}
	for id, st := range starts {
		job, err := s.Job(ctx, id)
		require.NoError(t, err, "job %s lost", id)
		assert.Equal(t, st.dataset, job.DatasetName)
		if status, ok := finished[id]; ok {
			assert.Equal(t, status, job.Status, "job %s", id)
			assert.Equal(t, `{"n":1}`, string(job.Result))
		} else if job.Status == JobInProgress {
			assert.True(t, running[id], "job %s IN_PROGRESS is not listed to run again", id)
		}
		// The token still replays the job.
		again, replay, err := s.StartJob(ctx, NewJob{Dataset: st.dataset, ClientToken: st.token, Input: input("b")})
		require.NoError(t, err)
		assert.True(t, replay)
		assert.Equal(t, id, again.ID)
	}
	for id := range finished {
		_, ok := starts[id]
		assert.True(t, ok, "finish of %s printed without its start", id)
	}
}
