package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
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

func TestParseFlags(t *testing.T) {
	t.Parallel()
	wd, err := os.Getwd()
	require.NoError(t, err)
	defaults := config{
		addr:           "127.0.0.1:8080",
		db:             filepath.Join(wd, "lookout.db"), // a test binary is go's: the working directory
		dataDir:        "testdata",
		workers:        2,
		maxPending:     5,
		maxDatasets:    15,
		maxLabelGroups: 100,
		maxModels:      50,
		maxSchedulers:  100,
		account:        "123456789012",
		region:         "us-east-1",
		logLevel:       slog.LevelInfo,
		timeouts:       defaultTimeouts,
		reads:          64, // s3source.DefaultReads
		readStall:      30 * time.Second,
	}
	with := func(change func(*config)) config {
		c := defaults
		change(&c)
		return c
	}
	tests := []struct {
		name string
		args []string
		want config
	}{
		{name: "defaults", args: nil, want: defaults},
		{
			name: "every flag",
			args: []string{"-addr", ":9000", "-db", ":memory:", "-workers", "8", "-max-pending", "0",
				"-max-datasets", "100", "-max-label-groups", "7", "-account", "210987654321", "-region", "eu-west-3", "-log-level", "debug",
				"-rate", "10", "-burst", "3", "-grace", "2s", "-time-origin", "2024-01-01T00:00:00Z", "-time-scale", "3600",
				"-reads", "64", "-read-stall", "5s"},
			want: with(func(c *config) {
				c.addr, c.db, c.workers, c.maxPending, c.maxDatasets = ":9000", ":memory:", 8, 0, 100
				c.maxLabelGroups = 7
				c.account, c.region, c.logLevel = "210987654321", "eu-west-3", slog.LevelDebug
				c.rate, c.burst, c.timeouts.shutdown = 10, 3, 2*time.Second
				c.clock = store.ClockRequest{Origin: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Scale: 3600}
				c.reads, c.readStall = 64, 5*time.Second
			}),
		},
		{
			name: "-s3",
			args: []string{"-s3", "-data", ""},
			want: with(func(c *config) { c.s3, c.dataDir = true, "" }),
		},
		{
			name: "burst defaults to the rate rounded up",
			args: []string{"-rate", "2.5"},
			want: with(func(c *config) { c.rate, c.burst = 2.5, 3 }),
		},
		{
			name: "burst at least 1",
			args: []string{"-rate", "0.2"},
			want: with(func(c *config) { c.rate, c.burst = 0.2, 1 }),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stderr bytes.Buffer
			got, code, ok := parseFlags(append([]string{"-data", "testdata"}, tt.args...), &stderr)
			require.True(t, ok, stderr.String())
			assert.Equal(t, 0, code)
			assert.Equal(t, tt.want, got)
			assert.Empty(t, stderr.String())
		})
	}
}

func TestParseFlagsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		args      []string
		wantFirst string // the first line of stderr
	}{
		{"unknown flag", []string{"-port", "80"}, "server: flag provided but not defined: -port"},
		{"argument", []string{"extra"}, `server: invalid flags: unexpected argument "extra"`},
		{"no data source", []string{"-data", ""},
			"server: invalid flags: -data DIR or -s3 is required: where the jobs read their buckets"},
		{"two data sources", []string{"-s3"}, "server: invalid flags: -data and -s3 exclude each other"},
		{"no worker", []string{"-workers", "0"}, "server: invalid flags: -workers must be at least 1"},
		{"negative quota", []string{"-max-pending", "-1"}, "server: invalid flags: -max-pending must not be negative"},
		{"negative dataset quota", []string{"-max-datasets", "-1"},
			"server: invalid flags: -max-datasets must not be negative"},
		{"negative label group quota", []string{"-max-label-groups", "-1"},
			"server: invalid flags: -max-label-groups must not be negative"},
		{"short account", []string{"-account", "12345"}, `server: invalid flags: -account must be 12 digits, not "12345"`},
		{"bad region", []string{"-region", "US-EAST-1"},
			`server: invalid flags: -region must be a region name such as us-east-1, not "US-EAST-1"`},
		{"bad log level", []string{"-log-level", "loud"},
			`server: invalid value "loud" for flag -log-level: slog: level string "loud": unknown name`},
		{"negative rate", []string{"-rate", "-1"}, "server: invalid flags: -rate must be a finite number, not negative"},
		{"infinite rate", []string{"-rate", "+Inf"}, "server: invalid flags: -rate must be a finite number, not negative"},
		{"NaN rate", []string{"-rate", "NaN"}, "server: invalid flags: -rate must be a finite number, not negative"},
		{"negative burst", []string{"-rate", "1", "-burst", "-1"}, "server: invalid flags: -burst must not be negative"},
		{"burst without rate", []string{"-burst", "2"}, "server: invalid flags: -burst needs -rate"},
		{"negative grace", []string{"-grace", "-1s"}, "server: invalid flags: -grace must not be negative"},
		{"origin not RFC 3339", []string{"-time-origin", "2024-01-01"},
			`server: invalid value "2024-01-01" for flag -time-origin: not an RFC 3339 time such as 2024-01-01T00:00:00Z`},
		{"empty origin", []string{"-time-origin", ""},
			`server: invalid value "" for flag -time-origin: not an RFC 3339 time such as 2024-01-01T00:00:00Z`},
		{"scale not a number", []string{"-time-scale", "fast"},
			`server: invalid value "fast" for flag -time-scale: not a number`},
		{"scale 0", []string{"-time-scale", "0"},
			`server: invalid value "0" for flag -time-scale: the time scale 0 is not between 0.001 and 1e+06`},
		{"scale too large", []string{"-time-scale", "1e7"},
			`server: invalid value "1e7" for flag -time-scale: the time scale 1e+07 is not between 0.001 and 1e+06`},
		{"scale NaN", []string{"-time-scale", "NaN"},
			`server: invalid value "NaN" for flag -time-scale: the time scale NaN is not between 0.001 and 1e+06`},
		{"negative reads", []string{"-reads", "-1"}, "server: invalid flags: -reads must not be negative (0: the default)"},
		{"negative stall limit", []string{"-read-stall", "-1s"}, "server: invalid flags: -read-stall must not be negative (0: the default)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stderr bytes.Buffer
			_, code, ok := parseFlags(append([]string{"-data", "testdata"}, tt.args...), &stderr)
			assert.False(t, ok)
			assert.Equal(t, 2, code)
			first, rest, _ := strings.Cut(stderr.String(), "\n")
			assert.Equal(t, tt.wantFirst, first)
			assert.True(t, strings.HasPrefix(rest, "usage: server "), "usage follows: %q", rest)
		})
	}
}

func TestParseFlagsHelp(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	_, code, ok := parseFlags([]string{"-h"}, &stderr)
	assert.False(t, ok)
	assert.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(stderr.String(), "usage: server "))
	assert.Contains(t, stderr.String(), "-max-pending")
}

func TestServerTimeoutsAreSet(t *testing.T) {
	t.Parallel()
	srv := newHTTPServer(testConfig(), http.NotFoundHandler(), slog.New(slog.DiscardHandler))
	for name, d := range map[string]time.Duration{
		"ReadHeaderTimeout": srv.ReadHeaderTimeout, "ReadTimeout": srv.ReadTimeout,
		"WriteTimeout": srv.WriteTimeout, "IdleTimeout": srv.IdleTimeout,
	} {
		assert.Positive(t, d, name)
	}
	assert.Equal(t, maxHeaderBytes, srv.MaxHeaderBytes)
}

// startServer serves a's stack on a real listener on 127.0.0.1 with cfg's
// timeouts, and returns its address and a function that shuts it down and
// returns what serve returned.
func startServer(t *testing.T, cfg config, h http.Handler) (addr string, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	signals := make(chan os.Signal, 1)
	done := make(chan error, 1)
	go func() {
		discard := slog.New(slog.DiscardHandler)
		done <- serve(newHTTPServer(cfg, h, discard), ln, cfg.timeouts.shutdown, signals, discard)
	}()
	stopped := false
	var result error
	stop = func() error {
		if !stopped {
			stopped = true
			signals <- syscall.SIGTERM
			result = <-done
		}
		return result
	}
	t.Cleanup(func() { _ = stop() })
	return ln.Addr().String(), stop
}

// TestSlowHeadersAreCutOff checks that a client that does not finish
// sending its headers within the read header timeout is disconnected.
func TestSlowHeadersAreCutOff(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.timeouts.readHeader = 50 * time.Millisecond
	// The other timeouts are far away: only the read header timeout can
	// end the exchange before the test's deadline.
	cfg.timeouts.read, cfg.timeouts.write, cfg.timeouts.idle = time.Hour, time.Hour, time.Hour
	a, _ := newTestApp(t, cfg)
	addr, _ := startServer(t, cfg, a.handler)

	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	// Headers begun, never finished.
	_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: "+addr+"\r\nContent-Type: "+lookout.ContentType+"\r\n")
	require.NoError(t, err)

	// The server closes the connection without answering. The deadline,
	// hundreds of times the timeout, only keeps a server without the
	// timeout from hanging the test: reaching it fails the test.
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(30*time.Second)))
	n, err := conn.Read(make([]byte, 1))
	assert.Equal(t, 0, n)
	assert.ErrorIs(t, err, io.EOF, "the server must close the connection, not the test's deadline")
}

// TestSlowBodyIsCutOff checks that a client that sends its headers but not
// its whole body within the read timeout is cut off: its request fails, and
// starts no job.
func TestSlowBodyIsCutOff(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.timeouts.read = 100 * time.Millisecond
	cfg.timeouts.write, cfg.timeouts.idle = time.Hour, time.Hour
	logger, log := newTestLogger()
	a := newTestAppLogging(t, cfg, logger, newFakeClock().Now, "pump-station_7")
	addr, _ := startServer(t, cfg, a.handler)

	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	body := validRequest("token-1").JSON(t)
	_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: "+addr+"\r\n"+
		"Content-Type: "+lookout.ContentType+"\r\n"+
		"X-Amz-Target: "+lookout.TargetStartDataIngestionJob+"\r\n"+
		"Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body[:10])
	require.NoError(t, err)

	// The handler's read of the body fails when the read timeout
	// passes, and it answers so. The deadline, hundreds of times the
	// timeout, only keeps a server without the timeout from hanging the
	// test: reaching it fails the test.
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(30*time.Second)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err, "the server must answer, not the test's deadline end the exchange")
	assert.Equal(t, answer{http.StatusBadRequest, lookout.CodeSerialization,
		errorBody(t, lookout.CodeSerialization, "the body could not be read to its end")}, read(t, resp))
	assert.Equal(t, 0, jobCount(t, a))

	// The log says what happened: not a SerializationException.
	line := waitForLog(t, log, "msg=request")
	assert.Contains(t, line, `status=408 error="" outcome="client timed out" cause=`)
	assert.NotContains(t, line, lookout.CodeSerialization)
}

// TestClientClosedMidBody checks that a client that closes its connection
// before sending its whole body is logged as such, and starts no job.
func TestClientClosedMidBody(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	logger, log := newTestLogger()
	a := newTestAppLogging(t, cfg, logger, newFakeClock().Now, "pump-station_7")
	addr, _ := startServer(t, cfg, a.handler)

	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	body := validRequest("token-1").JSON(t)
	_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: "+addr+"\r\n"+
		"Content-Type: "+lookout.ContentType+"\r\n"+
		"X-Amz-Target: "+lookout.TargetStartDataIngestionJob+"\r\n"+
		"Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body[:10])
	require.NoError(t, err)
	require.NoError(t, conn.Close())

	line := waitForLog(t, log, "msg=request")
	assert.Contains(t, line, `status=499 error="" outcome="client closed request" cause="unexpected EOF"`)
	assert.NotContains(t, line, lookout.CodeSerialization)
	assert.Equal(t, 0, jobCount(t, a))
}

// waitForLog waits for a line of log that contains s, and returns it. The
// deadline only keeps a broken server from hanging the test.
func waitForLog(t *testing.T, log *syncBuffer, s string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		for _, line := range strings.Split(log.String(), "\n") {
			if strings.Contains(line, s) {
				return line
			}
		}
		if time.Now().After(deadline) {
			require.FailNow(t, "no log line contains "+s, "log: %s", log.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestRealServer sends requests over a real connection, an oversized body
// among them, and shuts the server down.
func TestRealServer(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	a, _ := newTestApp(t, cfg, "pump-station_7", "pumps-2")
	addr, stop := startServer(t, cfg, a.handler)
	url := "http://" + addr + "/"
	send := func(body io.Reader) answer {
		req, err := http.NewRequest(http.MethodPost, url, body)
		require.NoError(t, err)
		req.Header.Set("Content-Type", lookout.ContentType)
		req.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		return read(t, resp)
	}

	ok := send(strings.NewReader(validRequest("token-1").JSON(t)))
	assert.Equal(t, http.StatusOK, ok.Status, ok.Body)

	// A valid request padded with spaces past the bound of a body.
	valid := onDataset(t, "token-2", "pumps-2")
	padded := valid + strings.Repeat(" ", int(lookout.MaxRequestBodyBytes)+1-len(valid))
	big := send(strings.NewReader(padded))
	assert.Equal(t, http.StatusBadRequest, big.Status, big.Body)
	assert.Equal(t, lookout.CodeSerialization, big.ErrorType)
	assert.Equal(t, 1, jobCount(t, a), "the oversized request started no job")

	// At the bound exactly, the same request is read.
	exact := send(strings.NewReader(padded[:lookout.MaxRequestBodyBytes]))
	assert.Equal(t, http.StatusOK, exact.Status, exact.Body)

	require.NoError(t, stop())
	_, err := net.Dial("tcp", addr)
	assert.Error(t, err, "the listener is closed after shutdown")
}

// TestRunStopsOnSignal runs the command as main does, and stops it with a
// signal.
func TestRunStopsOnSignal(t *testing.T) {
	t.Parallel()
	signals := make(chan os.Signal, 2)
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"-addr", "127.0.0.1:0", "-db", ":memory:", "-data", "testdata"}, &stderr, signals)
	}()
	waitForLog(t, &stderr, "msg=listening")
	signals <- os.Interrupt
	assert.Equal(t, 0, <-done)
	assert.Contains(t, stderr.String(), "msg=\"shutting down\" signal=interrupt")
	assert.Contains(t, stderr.String(), "msg=stopped")
}

func TestRunUsageError(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	assert.Equal(t, 2, run([]string{"-data", "testdata", "-rate", "-3"}, &stderr, nil))
	assert.True(t, strings.HasPrefix(stderr.String(), "server: invalid flags: -rate"))
}

func TestRunCannotListen(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	assert.Equal(t, 1, run([]string{"-addr", "127.0.0.1:-1", "-db", ":memory:", "-data", "testdata"}, &stderr, nil))
	assert.Contains(t, stderr.String(), "msg=\"cannot listen\"")
}

// startRun runs the command with args on 127.0.0.1:0 and returns its
// address, its log, the channel of its signals and the channel of its exit
// status.
func startRun(t *testing.T, args ...string) (addr string, log *syncBuffer, signals chan os.Signal, done chan int) {
	t.Helper()
	log = &syncBuffer{}
	signals = make(chan os.Signal, 2)
	done = make(chan int, 1)
	go func() {
		done <- run(append([]string{"-addr", "127.0.0.1:0", "-db", ":memory:", "-data", "testdata"}, args...), log, signals)
	}()
	line := waitForLog(t, log, "msg=listening")
	_, rest, ok := strings.Cut(line, " addr=")
	require.True(t, ok, line)
	addr, _, _ = strings.Cut(rest, " ")
	return addr, log, signals, done
}

// startSlowRequest sends the headers of a request and part of its body, and
// returns the connection once the handler reads the body: the request stays
// in progress until the read timeout (30s). The request expects "100
// Continue", which the server sends when the handler starts reading the
// body.
func startSlowRequest(t *testing.T, addr string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	body := validRequest("token-1").JSON(t)
	_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: "+addr+"\r\n"+
		"Content-Type: "+lookout.ContentType+"\r\n"+
		"X-Amz-Target: "+lookout.TargetStartDataIngestionJob+"\r\n"+
		"Expect: 100-continue\r\n"+
		"Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n")
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
	var head []byte
	for !bytes.HasSuffix(head, []byte("\r\n\r\n")) {
		var b [1]byte
		_, err := conn.Read(b[:])
		require.NoError(t, err)
		head = append(head, b[0])
	}
	require.True(t, bytes.HasPrefix(head, []byte("HTTP/1.1 100 ")), "%q", head)
	_, err = io.WriteString(conn, body[:10])
	require.NoError(t, err)
	return conn
}

// exitWithin returns the exit status that done delivers, failing the test
// when none comes within d.
func exitWithin(t *testing.T, done <-chan int, d time.Duration) int {
	t.Helper()
	select {
	case code := <-done:
		return code
	case <-time.After(d):
		require.FailNow(t, "the command did not exit in time")
		return -1
	}
}

// assertClosed checks that the server closed conn without answering.
func assertClosed(t *testing.T, conn net.Conn) {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
	_, err := conn.Read(make([]byte, 1))
	var ne net.Error
	assert.False(t, errors.As(err, &ne) && ne.Timeout(), "the server must close the connection: %v", err)
}

// TestRunGracePeriodEnds checks that a request still in progress when the
// grace period ends is cut off, and that the server then exits cleanly.
func TestRunGracePeriodEnds(t *testing.T) {
	t.Parallel()
	addr, log, signals, done := startRun(t, "-grace", "100ms")
	conn := startSlowRequest(t, addr)

	signals <- syscall.SIGTERM
	// The bound is far beyond the grace period: it only keeps a server
	// that waits for the slow client (30s) from passing.
	assert.Equal(t, 0, exitWithin(t, done, 10*time.Second), log.String())
	assert.Contains(t, log.String(), "grace period over; closed the connections still open")
	assert.Contains(t, log.String(), "msg=stopped")
	assert.NotContains(t, log.String(), "deadline exceeded")
	assertClosed(t, conn)
	// The request cut off is logged as such, not as the client's doing.
	line := waitForLog(t, log, "msg=request")
	assert.Contains(t, line, `status=503 error="" outcome="cut off at shutdown"`)
}

// TestRunSecondSignalStopsAtOnce checks that a second signal ends the wait
// for the requests in progress.
func TestRunSecondSignalStopsAtOnce(t *testing.T) {
	t.Parallel()
	addr, log, signals, done := startRun(t, "-grace", "1h")
	conn := startSlowRequest(t, addr)

	signals <- syscall.SIGTERM
	waitForLog(t, log, `msg="shutting down" signal=terminated grace=1h0m0s`)
	select {
	case code := <-done:
		require.FailNow(t, "the command exited before the second signal", "status %d", code)
	case <-time.After(50 * time.Millisecond):
	}
	signals <- os.Interrupt
	assert.Equal(t, 1, exitWithin(t, done, 10*time.Second), log.String())
	assert.Contains(t, log.String(), "second signal; closing every connection")
	assert.Contains(t, log.String(), "stopped at once on a second signal")
	assertClosed(t, conn)
}

// TestShutdownLetsRequestsFinish checks that shutting down waits for the
// request in progress, which gets its answer.
func TestShutdownLetsRequestsFinish(t *testing.T) {
	t.Parallel()
	entered, release, shuttingDown := make(chan struct{}), make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		close(entered)
		<-release
		_, _ = io.WriteString(w, "finished")
	})
	cfg := testConfig()
	srv := newHTTPServer(cfg, h, slog.New(slog.DiscardHandler))
	srv.RegisterOnShutdown(func() { close(shuttingDown) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	signals := make(chan os.Signal, 1)
	served := make(chan error, 1)
	go func() { served <- serve(srv, ln, cfg.timeouts.shutdown, signals, slog.New(slog.DiscardHandler)) }()

	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		got <- result{string(body), err}
	}()

	<-entered
	signals <- syscall.SIGTERM
	select {
	case <-shuttingDown:
	case err := <-served:
		close(release)
		require.FailNow(t, "serve returned without shutting down gracefully", "%v", err)
	}
	close(release)

	r := <-got
	require.NoError(t, r.err)
	assert.Equal(t, "finished", r.body)
	assert.NoError(t, <-served)
}

// TestIsBuildDir: the default database is beside the binary, except for a
// binary of the go command's temporary directories.
func TestIsBuildDir(t *testing.T) {
	t.Parallel()
	tmp := os.TempDir()
	for dir, want := range map[string]bool{
		filepath.Join(tmp, "go-build123", "b001", "exe"): true,
		filepath.Join(tmp, "go-build456"):                true,
		filepath.Join(tmp, "server-bin"):                 false,
		"/usr/local/bin":                                 false,
		filepath.Join(tmp, "..", "go-build1"):            false,
	} {
		assert.Equal(t, want, isBuildDir(dir), dir)
	}
}
