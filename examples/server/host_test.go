package main

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

func TestLocalHost(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		host string
		want bool
	}{
		{"localhost", true},
		{"localhost:8080", true},
		{"LocalHost:1", true},
		{"127.0.0.1", true},
		{"127.0.0.1:8080", true},
		{"127.255.255.254:65535", true},
		{"127.1.2.3:99999", true}, // any port: 1 to 5 digits
		{"[::1]", true},
		{"[::1]:8080", true},
		{"[0:0:0:0:0:0:0:1]:8080", true},

		{"", false},
		{"evil.example", false},
		{"evil.example:8080", false},
		{"localhost.", false},
		{"localhost.:8080", false},
		{"localhost.evil.example", false},
		{"localhostx", false},
		{"localhost:", false},
		{"localhost:123456", false},
		{"localhost:80:80", false},
		{"localhost:8o", false},
		{"127.0.0.1:", false},
		{"128.0.0.1", false},
		{"126.255.255.255", false},
		{"0.0.0.0", false},
		{"127.1", false},
		{"0177.0.0.1", false},
		{"127.0.0.01", false},
		{"::1", false},
		{"[::1", false},
		{"[::1]:", false},
		{"[::1]8080", false},
		{"[::1%lo]", false},
		{"[::ffff:127.0.0.1]", false},
		{"[::2]", false},
		{"[127.0.0.1]", false},
		{"[localhost]", false},
		{"192.168.1.1:8080", false},
	} {
		assert.Equal(t, tc.want, localHost(tc.host), "%q", tc.host)
	}
}

// TestHostRefused: listening on loopback, a request whose Host names
// another machine gets 403 AccessDeniedException naming the Host, with a
// request id, and is logged; the others are served.
func TestHostRefused(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.checkHosts = true
	logger, log := newTestLogger()
	a := newTestAppLogging(t, cfg, logger, nil)
	for _, tc := range []struct {
		host   string
		status int
	}{
		{"rebound.example:8080", http.StatusForbidden},
		{"localhost:8080", http.StatusOK},
		{"127.0.0.1:8080", http.StatusOK},
		{"[::1]:8080", http.StatusOK},
	} {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
		req.Host = tc.host
		req.Header.Set("Content-Type", lookout.ContentType)
		req.Header.Set("X-Amz-Target", target("ListDatasets"))
		rec := httptest.NewRecorder()
		a.handler.ServeHTTP(rec, req)
		assert.Equal(t, tc.status, rec.Code, tc.host)
		assert.Len(t, rec.Header().Get(requestIDHeader), 36, tc.host)
		if tc.status == http.StatusForbidden {
			assert.Equal(t, lookout.CodeAccessDenied, rec.Header().Get(errorTypeHeader))
			var body struct{ Message string }
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
			assert.Contains(t, body.Message, `Host "rebound.example:8080" is not allowed`)
			assert.Contains(t, log.String(), "status=403 error=AccessDeniedException request_id="+rec.Header().Get(requestIDHeader))
		}
	}
}

// TestEveryAnswerHasARequestID: success, the handler's errors, a
// throttled request and a refused Host all carry x-amzn-RequestId, each
// its own.
func TestEveryAnswerHasARequestID(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.rate, cfg.burst = 1, 3
	cfg.checkHosts = true
	a, _ := newTestApp(t, cfg, "pumps")
	seen := map[string]bool{}
	for _, tc := range []struct {
		name, host, target, body string
		status                   int
		code                     string
	}{
		{"success", "localhost", "ListDatasets", "{}", http.StatusOK, ""},
		{"validation", "localhost", "DescribeDataset", "{}", http.StatusBadRequest, lookout.CodeValidation},
		{"refused Host", "evil.example", "ListDatasets", "{}", http.StatusForbidden, lookout.CodeAccessDenied},
		{"unknown operation", "localhost", "Nothing", "{}", http.StatusBadRequest, lookout.CodeUnknownOperation},
		{"throttled", "localhost", "ListDatasets", "{}", http.StatusBadRequest, lookout.CodeThrottling},
	} {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tc.body))
		req.Host = tc.host
		req.Header.Set("Content-Type", lookout.ContentType)
		req.Header.Set("X-Amz-Target", target(tc.target))
		rec := httptest.NewRecorder()
		a.handler.ServeHTTP(rec, req)
		assert.Equal(t, tc.status, rec.Code, tc.name)
		assert.Equal(t, tc.code, rec.Header().Get(errorTypeHeader), tc.name)
		id := rec.Header().Get(requestIDHeader)
		assert.Len(t, id, 36, tc.name)
		assert.False(t, seen[id], "%s: a request id of its own", tc.name)
		seen[id] = true
	}
}

// TestRunWarnsBeyondLoopback: run warns when it listens on every interface,
// and not on loopback, where it refuses a foreign Host.
func TestRunWarnsBeyondLoopback(t *testing.T) {
	t.Parallel()
	const warning = "listening beyond loopback"
	addr, log, signals, done := startRun(t)
	resp := hostRequest(t, addr, "rebound.example")
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	resp = hostRequest(t, addr, "localhost")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	signals <- syscall.SIGTERM
	assert.Equal(t, 0, exitWithin(t, done, defaultTimeouts.shutdown))
	assert.NotContains(t, log.String(), warning)

	log2 := &syncBuffer{}
	signals2 := make(chan os.Signal, 1)
	done2 := make(chan int, 1)
	go func() {
		done2 <- run([]string{"-addr", "0.0.0.0:0", "-db", ":memory:", "-data", "testdata"}, log2, signals2)
	}()
	line := waitForLog(t, log2, warning)
	assert.Contains(t, line, "level=WARN")
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.SplitN(strings.SplitN(line, " addr=", 2)[1], " ", 2)[0], "\n"))
	resp = hostRequest(t, "127.0.0.1:"+port, "rebound.example")
	assert.Equal(t, http.StatusOK, resp.StatusCode, "beyond loopback, the Host is not checked")
	signals2 <- syscall.SIGTERM
	assert.Equal(t, 0, exitWithin(t, done2, defaultTimeouts.shutdown))
}

// hostRequest sends ListDatasets to addr with the Host header host.
func hostRequest(t *testing.T, addr, host string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/", strings.NewReader("{}"))
	require.NoError(t, err)
	req.Host = host
	req.Header.Set("Content-Type", lookout.ContentType)
	req.Header.Set("X-Amz-Target", target("ListDatasets"))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp
}
