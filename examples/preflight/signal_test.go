package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// childEnv, set in the environment, makes the test binary run the command
// as main does, with a source whose reads block until the check is
// cancelled: the process a signal test interrupts.
const childEnv = "PREFLIGHT_TEST_CHILD"

// childReading is what the child writes on stderr once a read has begun.
const childReading = "child: reading"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		src := &blockingSource{opened: make(chan struct{})}
		go func() {
			<-src.opened
			_, _ = io.WriteString(os.Stderr, childReading+"\n")
		}()
		os.Exit(command(os.Args[1:], func(s ingest.Source) ingest.Source { src.Source = s; return src }))
	}
	os.Exit(m.Run())
}

// TestInterruptStopsTheCheck: SIGINT (Ctrl-C) cancels a data check under
// way; the process says so and exits with status 130, promptly.
func TestInterruptStopsTheCheck(t *testing.T) {
	t.Parallel()
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-data", "testdata/bucket", "testdata/request.json")
			cmd.Env = append(os.Environ(), childEnv+"=1")
			var stdout strings.Builder
			cmd.Stdout = &stdout
			stderr, err := cmd.StderrPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			lines := bufio.NewScanner(stderr)
			require.True(t, lines.Scan(), "the child stopped before reading")
			require.Equal(t, childReading, lines.Text())
			require.NoError(t, cmd.Process.Signal(sig))
			var rest []string
			for lines.Scan() {
				rest = append(rest, lines.Text())
			}
			err = cmd.Wait()
			require.NoError(t, ctx.Err(), "the child did not stop")
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit)
			assert.Equal(t, exitInterrupted, exit.ExitCode())
			assert.Equal(t, []string{"preflight: interrupted: the data check did not finish"}, rest)
			assert.Empty(t, stdout.String())
		})
	}
}
