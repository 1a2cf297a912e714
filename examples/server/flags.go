package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// config is the server's configuration, from its flags.
type config struct {
	addr        string
	datasets    []string // nil: every name exists
	jobDuration time.Duration
	maxPending  int     // 0: no quota
	rate        float64 // requests per second; 0: no limit
	burst       int     // >= 1 when rate > 0
	timeouts    timeouts
}

// timeouts are the server's bounds on slow clients and on its shutdown.
type timeouts struct {
	readHeader time.Duration // to read a request's headers
	read       time.Duration // to read a whole request
	write      time.Duration // from the end of the headers to the end of the response
	idle       time.Duration // a kept-alive connection waiting for the next request
	shutdown   time.Duration // for the requests in progress at shutdown (-grace)
}

// defaultTimeouts are the server's timeouts. A request body is at most
// lookout.MaxRequestBodyBytes, which the read timeout leaves ample time for.
var defaultTimeouts = timeouts{
	readHeader: 5 * time.Second,
	read:       30 * time.Second,
	write:      30 * time.Second,
	idle:       2 * time.Minute,
	shutdown:   10 * time.Second,
}

// defaultMaxPending is the service's quota of pending data ingestion jobs.
const defaultMaxPending = 5

// datasetsFlag collects the repeatable -dataset flag.
type datasetsFlag struct{ names *[]string }

// String returns the names given, separated by commas.
func (d datasetsFlag) String() string {
	if d.names == nil {
		return ""
	}
	return strings.Join(*d.names, ",")
}

// Set adds a dataset name, which must be one a request can carry.
func (d datasetsFlag) Set(name string) error {
	if err := lookout.CheckDatasetName(name); err != nil {
		return err
	}
	*d.names = append(*d.names, name)
	return nil
}

// errUsage is the cause of a configuration that the flags cannot give.
var errUsage = errors.New("invalid flags")

// parseFlags reads the flags. ok is false when the command must stop, with
// the exit status code: 0 after -h, 2 after a usage error, reported on
// stderr with the usage.
func parseFlags(args []string, stderr io.Writer) (cfg config, code int, ok bool) {
	cfg.timeouts = defaultTimeouts
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "`address` to listen on")
	fs.Var(datasetsFlag{&cfg.datasets}, "dataset",
		"a dataset `name` that exists (repeatable); without it, every name exists")
	fs.DurationVar(&cfg.jobDuration, "job-duration", 5*time.Second,
		"how long a job stays IN_PROGRESS before it is SUCCESS")
	fs.IntVar(&cfg.maxPending, "max-pending", defaultMaxPending,
		"quota of unfinished jobs (0: no quota)")
	fs.Float64Var(&cfg.rate, "rate", 0, "requests per second beyond which requests are throttled (0: no limit)")
	fs.IntVar(&cfg.burst, "burst", 0, "requests allowed at once before -rate applies (0: rate rounded up, at least 1)")
	fs.DurationVar(&cfg.timeouts.shutdown, "grace", defaultTimeouts.shutdown,
		"on SIGINT or SIGTERM, how long the requests in progress may take before their connections are closed")
	usage := func() {
		fmt.Fprintln(stderr, "usage: server [-addr ADDR] [-dataset NAME]... [-job-duration D] [-max-pending N] [-rate R] [-burst B] [-grace D]")
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		usage()
		return cfg, 0, false
	}
	if err == nil {
		err = finish(&cfg, fs.Args())
	}
	if err != nil {
		fmt.Fprintf(stderr, "server: %v\n", err)
		usage()
		return cfg, 2, false
	}
	return cfg, 0, true
}

// finish checks the values of the flags and fills in the defaults that
// depend on others.
func finish(cfg *config, extra []string) error {
	switch {
	case len(extra) > 0:
		return fmt.Errorf("%w: unexpected argument %q", errUsage, extra[0])
	case cfg.jobDuration < 0:
		return fmt.Errorf("%w: -job-duration must not be negative", errUsage)
	case cfg.maxPending < 0:
		return fmt.Errorf("%w: -max-pending must not be negative", errUsage)
	case cfg.rate < 0 || math.IsNaN(cfg.rate) || math.IsInf(cfg.rate, 0):
		return fmt.Errorf("%w: -rate must be a finite number, not negative", errUsage)
	case cfg.burst < 0:
		return fmt.Errorf("%w: -burst must not be negative", errUsage)
	case cfg.timeouts.shutdown < 0:
		return fmt.Errorf("%w: -grace must not be negative", errUsage)
	case cfg.burst > 0 && cfg.rate == 0:
		return fmt.Errorf("%w: -burst needs -rate", errUsage)
	}
	if cfg.rate > 0 && cfg.burst == 0 {
		cfg.burst = int(min(math.Ceil(cfg.rate), math.MaxInt32))
	}
	return nil
}
