// Command server is a local endpoint for StartDataIngestionJob, for trying
// clients without an AWS account: it speaks the service's wire protocol (AWS
// JSON 1.0) through [lookout.NewHandler], keeps its jobs in memory, and
// answers with the service's errors.
//
// Usage:
//
//	go run ./examples/server -addr 127.0.0.1:8080 [-dataset NAME]... [-job-duration D] [-max-pending N] [-rate R] [-burst B] [-grace D]
//
// Flags:
//
//	-addr ADDR        where to listen (default 127.0.0.1:8080)
//	-dataset NAME     a dataset that exists; repeatable. A request for another
//	                  dataset gets ResourceNotFoundException. Without -dataset,
//	                  every name exists.
//	-job-duration D   how long a job stays IN_PROGRESS before it is SUCCESS
//	                  (default 5s)
//	-max-pending N    the quota of unfinished jobs: a new job beyond it gets
//	                  ServiceQuotaExceededException (default 5, the service's
//	                  quota of pending data ingestion jobs; 0: no quota)
//	-rate R           requests per second: a request beyond the rate gets
//	                  ThrottlingException (default 0: no limit)
//	-burst B          requests allowed at once before -rate applies (default:
//	                  R rounded up, at least 1)
//	-grace D          on SIGINT or SIGTERM, how long the requests in progress
//	                  may take before their connections are closed
//	                  (default 10s)
//
// # Behaviour
//
// A request is read and checked by [lookout.NewHandler]: a body that is not
// a readable request gets SerializationException, a request that breaks a
// constraint gets ValidationException, with the service's wording. The
// ClientToken is required, as on the wire; the AWS SDKs and the AWS CLI fill
// one in. A valid request then:
//
//   - with a ClientToken seen before and the same parameters, gets the same
//     job (JobId and current Status); with other parameters,
//     ConflictException, which names no job. Parameters are compared as
//     the service reads them: an absent Prefix is "", an absent KeyPattern
//     is the default {prefix}/{component_name}/*;
//   - for a dataset that does not exist, gets ResourceNotFoundException;
//   - when -max-pending jobs are unfinished, gets
//     ServiceQuotaExceededException;
//   - else starts a new job: a JobId of 32 lowercase hexadecimal digits and
//     the Status IN_PROGRESS, which becomes SUCCESS after -job-duration.
//
// Requests beyond -rate get ThrottlingException before they are read. Jobs
// are kept in memory for the life of the process.
//
// Each request is logged on standard error, one line: method, X-Amz-Target,
// status, error code, duration and client address. Values from the request
// are escaped (controls, invisible characters, invalid UTF-8) and cut to 128
// bytes, with "…[cut: N bytes]" saying so. A client that goes away before
// sending its whole body is logged with the status 499 and outcome "client
// closed request", or 408 and "client timed out" after the read timeout,
// not with the error its request was answered; one whose connection the
// server closed at shutdown, with 503 and "cut off at shutdown". A panic in the
// operation is logged there too, at level ERROR with its stack; the client
// gets an InternalServerException that says nothing of it. The server bounds
// request bodies ([lookout.MaxRequestBodyBytes]) and headers, and times out
// slow clients (reading headers, reading the request, writing the response,
// idle connections).
//
// # Stopping
//
// On SIGINT or SIGTERM the server stops accepting connections and lets the
// requests in progress finish, for at most -grace; then it closes the
// connections still open and exits with status 0. A second signal closes
// them at once: the server exits with status 1, since requests were cut off.
// Exit status 1 also says that the server could not listen or serve, 2 a
// usage error.
//
// # Calling it with the AWS CLI
//
// Any credentials do: the server does not check signatures. With the server
// running on 127.0.0.1:8080:
//
//	export AWS_ACCESS_KEY_ID=dummy AWS_SECRET_ACCESS_KEY=dummy
//	aws lookoutequipment start-data-ingestion-job \
//	    --endpoint-url http://127.0.0.1:8080 --region us-east-1 \
//	    --dataset-name pump-station_7 \
//	    --ingestion-input-configuration 'S3InputConfiguration={Bucket=sensor-data.example,Prefix=plant-1/pumps/}' \
//	    --role-arn arn:aws:iam::123456789012:role/LookoutEquipmentIngestion
//
// The CLI generates a ClientToken for each call; pass --client-token TOKEN to
// send one of your own, and the same call twice to see the same job. The AWS
// SDKs take the endpoint the same way (endpoint_url in boto3, BaseEndpoint in
// the AWS SDK for Go v2).
package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

func main() {
	// Room for two signals: the second one stops the server at once.
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	os.Exit(run(os.Args[1:], os.Stderr, signals))
}

// run parses args, listens and serves until a signal arrives on signals,
// then shuts down (see serve). It returns the exit status: 0 after a
// shutdown on one signal, the grace period's end included; 1 when serving
// failed or a second signal cut the shutdown short; 2 for a usage error.
func run(args []string, stderr io.Writer, signals <-chan os.Signal) int {
	cfg, code, ok := parseFlags(args, stderr)
	if !ok {
		return code
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		logger.Error("cannot listen", "addr", cfg.addr, "error", err)
		return 1
	}
	a := newApp(cfg, logger, nil)
	logger.Info("listening", "addr", ln.Addr().String(), "datasets", datasetsAttr(cfg.datasets),
		"job_duration", cfg.jobDuration, "max_pending", cfg.maxPending, "rate", cfg.rate, "burst", cfg.burst,
		"grace", cfg.timeouts.shutdown)
	err = serve(newHTTPServer(cfg, a.handler, logger), ln, cfg.timeouts.shutdown, signals, logger)
	switch {
	case errors.Is(err, errStoppedAtOnce):
		logger.Warn("stopped at once on a second signal; the requests in progress were cut off")
		return 1
	case err != nil:
		logger.Error("serving failed", "error", err)
		return 1
	}
	logger.Info("stopped")
	return 0
}

func datasetsAttr(names []string) any {
	if names == nil {
		return "any"
	}
	return names
}

// app is the server's state and its handler stack.
type app struct {
	store   *jobStore
	handler http.Handler
}

// newApp builds the job store and the handler stack over it (see
// newStack). now nil means time.Now; it is the clock of the jobs, the rate
// limiter and the log.
func newApp(cfg config, logger *slog.Logger, now func() time.Time) *app {
	store := newJobStore(storeConfig{
		Datasets:    cfg.datasets,
		JobDuration: cfg.jobDuration,
		MaxPending:  cfg.maxPending,
		Now:         now,
	})
	return &app{store: store, handler: newStack(cfg, logger, now, store.Start)}
}

// newStack returns the handler stack: logging, then throttling (when
// cfg.rate is set), then lookout.NewHandler over start. A panic in start is
// logged to logger, with its stack, and answered with an
// InternalServerException that says nothing of it.
func newStack(cfg config, logger *slog.Logger, now func() time.Time,
	start func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error),
) http.Handler {
	h := lookout.NewHandler(lookout.Service{StartDataIngestionJob: start}, lookout.WithLogger(logger))
	if cfg.rate > 0 {
		h = throttle(newTokenBucket(cfg.rate, cfg.burst, now), h)
	}
	return logRequests(logger, now, h)
}

// maxHeaderBytes bounds the request headers; a request's are a few hundred
// bytes.
const maxHeaderBytes = 64 << 10

// newHTTPServer returns the server of h, with cfg's timeouts.
func newHTTPServer(cfg config, h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: cfg.timeouts.readHeader,
		ReadTimeout:       cfg.timeouts.read,
		WriteTimeout:      cfg.timeouts.write,
		IdleTimeout:       cfg.timeouts.idle,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// errStoppedAtOnce is what serve returns when a second signal cut the
// shutdown short.
var errStoppedAtOnce = errors.New("stopped at once on a second signal")

// serve serves on ln until a signal arrives on signals, then shuts srv down:
// it stops accepting connections and waits at most grace for the requests
// in progress, then closes the connections still open and returns nil. A
// second signal during the wait closes them at once, and serve returns
// errStoppedAtOnce. It returns the error of serving when that fails.
func serve(srv *http.Server, ln net.Listener, grace time.Duration, signals <-chan os.Signal, logger *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	var sig os.Signal
	select {
	case err := <-errc:
		return err // Serve never returns nil
	case sig = <-signals:
	}
	logger.Info("shutting down", "signal", signalName(sig), "grace", grace)

	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(ctx) }()
	var result error
	select {
	case err := <-shut:
		if err != nil {
			// The grace period is over: what is left is cut off, as
			// asked.
			_ = srv.Close()
			logger.Warn("grace period over; closed the connections still open", "grace", grace)
		}
	case sig = <-signals:
		logger.Warn("second signal; closing every connection", "signal", signalName(sig))
		_ = srv.Close()
		cancel()
		<-shut
		result = errStoppedAtOnce
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return result
}

// signalName names sig in the log.
func signalName(sig os.Signal) string {
	if sig == nil {
		return ""
	}
	return sig.String()
}
