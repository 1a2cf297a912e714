package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBinaryStopsOnSignals builds the command and stops it with real
// signals, a request in progress: after the grace period it exits 0; a
// second signal makes it exit at once, with status 1.
func TestBinaryStopsOnSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	if runtime.GOOS == "windows" {
		t.Skip("signals other than os.Kill cannot be sent on Windows")
	}
	t.Parallel()
	bin := buildServer(t)

	tests := []struct {
		name     string
		grace    string
		signals  []syscall.Signal
		wantCode int
		wantLog  string
	}{
		{"grace period ends", "100ms", []syscall.Signal{syscall.SIGTERM}, 0,
			"grace period over; closed the connections still open"},
		{"second signal", "1h", []syscall.Signal{syscall.SIGTERM, syscall.SIGINT}, 1,
			"stopped at once on a second signal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cmd, addr, log, scanned := startBinary(t, bin, "-db", ":memory:", "-grace", tt.grace)
			conn := startSlowRequest(t, addr)

			for i, sig := range tt.signals {
				if i > 0 {
					waitForLog(t, log, `msg="shutting down"`)
				}
				require.NoError(t, cmd.Process.Signal(sig))
			}
			exited := make(chan error, 1)
			go func() { <-scanned; exited <- cmd.Wait() }()
			var err error
			select {
			case err = <-exited:
			case <-time.After(10 * time.Second):
				require.FailNow(t, "the command did not exit in time", log.String())
			}
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.wantCode, code, log.String())
			assert.Contains(t, log.String(), tt.wantLog)
			assertClosed(t, conn)
		})
	}
}

// TestMain removes the binary that buildServer built.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildServer builds the command once for the tests of the run, and
// returns the binary's path.
func buildServer(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build with")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "server-bin")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "server")
		if out, err := exec.Command(goTool, "build", "-o", builtBin, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("%w: %s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return builtBin
}

// startBinary starts the binary on a free port reading the buckets of
// testdata, with args, and returns the command, its address, its log and a
// channel closed once its standard error is read to its end. The process
// is killed when the test ends.
func startBinary(t *testing.T, bin string, args ...string) (*exec.Cmd, string, *syncBuffer, chan struct{}) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-data", "testdata"}, args...)...)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	log := &syncBuffer{}
	lines := bufio.NewScanner(stderr)
	lines.Buffer(make([]byte, 64<<10), 1<<20)
	scanned := make(chan struct{})
	go func() {
		defer close(scanned)
		for lines.Scan() {
			_, _ = log.Write([]byte(lines.Text() + "\n"))
		}
	}()
	line := waitForLog(t, log, "msg=listening")
	_, rest, _ := strings.Cut(line, " addr=")
	addr, _, _ := strings.Cut(rest, " ")
	return cmd, addr, log, scanned
}
