//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TestBinarySecondServerRefused starts two servers on one -db: the second
// exits with status 1, naming the database and the process of the first,
// which goes on serving; once the first is killed (its lock file left
// behind), a server starts on the database again.
func TestBinarySecondServerRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	t.Parallel()
	bin := buildServer(t)
	db := filepath.Join(t.TempDir(), "lookout.db")
	first, addr, _, _ := startBinary(t, bin, "-db", db)

	code, out := runBinary(t, bin, nil, "-addr", "127.0.0.1:0", "-data", "testdata", "-db", db)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "the database "+db+" is in use by process "+strconv.Itoa(first.Process.Pid), out)
	assert.NotContains(t, out, "msg=listening")
	assertServes(t, addr)

	require.NoError(t, first.Process.Kill())
	_, _ = first.Process.Wait()
	_, lockErr := os.Stat(db + store.LockFileSuffix)
	require.NoError(t, lockErr, "the killed server leaves its lock file")
	_, addr, _, _ = startBinary(t, bin, "-db", db)
	assertServes(t, addr)
}

// TestBinaryReadOnlyFolder starts the server on a new database in a folder
// it cannot write (as a user other than root, who writes anywhere): it
// exits with status 1 and says so, not "out of memory (14)".
func TestBinaryReadOnlyFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	t.Parallel()
	bin := buildServer(t)
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		// Root writes anywhere: run the server as nobody, who must reach
		// the binary and the data.
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
		require.NoError(t, os.Chmod(filepath.Dir(bin), 0o755))
	}
	parent, err := os.MkdirTemp("", "read-only")
	require.NoError(t, err)
	t.Cleanup(func() { os.Chmod(filepath.Join(parent, "ro"), 0o755); os.RemoveAll(parent) })
	require.NoError(t, os.Chmod(parent, 0o755))
	dir := filepath.Join(parent, "ro")
	require.NoError(t, os.Mkdir(dir, 0o555))
	require.NoError(t, os.Chmod(dir, 0o555))
	data, err := filepath.Abs("testdata")
	require.NoError(t, err)
	db := filepath.Join(dir, "lookout.db")

	code, out := runBinary(t, bin, cred, "-addr", "127.0.0.1:0", "-data", data, "-db", db)
	if strings.Contains(out, "operation not permitted") && cred != nil {
		t.Skip("cannot run a process as nobody here: " + out)
	}
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "cannot write "+db+store.LockFileSuffix+": the folder "+dir+" is not writable (permission denied)")
	assert.NotContains(t, out, "out of memory")
}

// runBinary runs the binary with args to its end, as cred when it is not
// nil, and returns its exit status and its output.
func runBinary(t *testing.T, bin string, cred *syscall.Credential, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), out.String()
		}
		require.NoError(t, err)
		return 0, out.String()
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		require.FailNow(t, "the command did not exit", out.String())
		return -1, ""
	}
}

// assertServes checks that the server at addr answers ListDatasets.
func assertServes(t *testing.T, addr string) {
	t.Helper()
	var resp lookout.ListDatasetsResponse
	assert.NoError(t, callQuiet("http://"+addr+"/", "ListDatasets", &lookout.ListDatasetsRequest{}, &resp))
}
