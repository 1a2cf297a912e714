package main

import (
	"bufio"
	"errors"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
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
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build with")
	}
	bin := filepath.Join(t.TempDir(), "server")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)

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
			cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-db", ":memory:", "-data", "testdata", "-grace", tt.grace)
			stderr, err := cmd.StderrPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			t.Cleanup(func() { _ = cmd.Process.Kill() })

			log := &syncBuffer{}
			lines := bufio.NewScanner(stderr)
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
			conn := startSlowRequest(t, addr)

			for i, sig := range tt.signals {
				if i > 0 {
					waitForLog(t, log, `msg="shutting down"`)
				}
				require.NoError(t, cmd.Process.Signal(sig))
			}
			exited := make(chan error, 1)
			go func() { <-scanned; exited <- cmd.Wait() }()
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
