package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/clock"
	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// config is the server's configuration, from its flags.
type config struct {
	addr        string
	db          string // the database's path, or store.Memory
	dataDir     string // -data: DIR/<bucket>/<key>; "" with -s3
	s3          bool   // -s3: buckets read through the AWS SDK
	workers     int    // jobs running at once, >= 1
	maxPending  int    // 0: no quota
	maxDatasets int    // 0: no quota
	// maxLabelGroups is the quota of label groups; 0: none.
	maxLabelGroups int
	// maxModels is the quota of models; 0: none.
	maxModels     int
	maxSchedulers int // the quota of inference schedulers; 0: none
	account       string
	region        string
	logLevel      slog.Level
	rate          float64 // requests per second; 0: no limit
	burst         int     // >= 1 when rate > 0
	timeouts      timeouts
	// credentials, from -auth FILE: the access keys whose signed requests
	// are let in, and auth the handler's option that checks them; nil lets
	// every request in, signed or not.
	credentials map[string]string
	auth        lookout.HandlerOption
	// checkHosts: the server listens on loopback, and refuses the requests
	// whose Host names another machine (see checkHost).
	checkHosts bool
	// clock is the clock asked by -time-origin and -time-scale: its zero
	// values are the flags left out.
	clock store.ClockRequest
	src   sources // tests: the buckets, in place of -data or -s3
	// data is the datasets' data copies that trainings read (nil: none;
	// a training then fails saying so).
	data datasetData
	// models, for tests, are the trained models inference schedulers run
	// (nil: the models the server trains).
	models trainedModels
	// retrainer and modelARN, for tests, stand in for the server's own
	// trainings and models in the retraining schedulers (nil: the
	// server's).
	retrainer retrainer
	modelARN  func(ctx context.Context, name string) (string, error)
	// beforeCommit, for tests, fails the store's commits as a full disk
	// would (store.Options.BeforeCommit).
	beforeCommit func() error
	// reads and readStall are how a job reads S3 (-reads, -read-stall):
	// the reads in flight, and how long one may wait for a byte; 0 for
	// s3source's defaults.
	reads     int
	readStall time.Duration
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

// The defaults of the flags.
const (
	// defaultMaxPending is the service's quota of pending data ingestion
	// jobs.
	defaultMaxPending = 5
	// defaultMaxDatasets is the service's quota of datasets.
	defaultMaxDatasets = 15
	// defaultMaxLabelGroups is the quota of label groups: the service's
	// is not in the sources, so this one is chosen, ample for the
	// pipelines seen (a label group per asset or fleet).
	defaultMaxLabelGroups = 100
	// defaultMaxModels is the quota of models: the service's is not in
	// the sources, so this one is chosen (a few models per dataset of the
	// 15 datasets the service allows).
	defaultMaxModels = 50
	// defaultMaxSchedulers is the quota of inference schedulers: the
	// service's is not in the sources, so this one is chosen (a scheduler
	// per asset of a plant).
	defaultMaxSchedulers = 100
	defaultWorkers       = 2
	defaultAccount       = "123456789012"
	defaultRegion        = "us-east-1"
	// defaultDB is the database's file name, beside the binary.
	defaultDB = "lookout.db"
)

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
	fs.StringVar(&cfg.db, "db", "", "the database `file` (default lookout.db beside the binary, or in the working directory under go run; :memory: keeps nothing)")
	fs.StringVar(&cfg.dataDir, "data", "", "read the bucket B of a job from the folder `DIR`/B (the object K is the file DIR/B/K)")
	fs.BoolVar(&cfg.s3, "s3", false, "read the buckets from S3 or AWS_ENDPOINT_URL_S3, as the AWS SDK is configured")
	fs.IntVar(&cfg.workers, "workers", defaultWorkers, "data ingestion jobs that run at once")
	fs.IntVar(&cfg.maxPending, "max-pending", defaultMaxPending,
		"quota of data ingestion jobs IN_PROGRESS (0: no quota)")
	fs.IntVar(&cfg.maxDatasets, "max-datasets", defaultMaxDatasets, "quota of datasets (0: no quota)")
	fs.IntVar(&cfg.maxLabelGroups, "max-label-groups", defaultMaxLabelGroups,
		"quota of label groups (0: no quota; the service's is not published, this default is chosen)")
	fs.IntVar(&cfg.maxModels, "max-models", defaultMaxModels,
		"quota of models (0: no quota; the service's is not published, this default is chosen)")
	fs.IntVar(&cfg.maxSchedulers, "max-schedulers", defaultMaxSchedulers,
		"quota of inference schedulers (0: no quota; the service's is not published, this default is chosen)")
	fs.StringVar(&cfg.account, "account", defaultAccount, "the AWS account `id` of the ARNs")
	fs.StringVar(&cfg.region, "region", defaultRegion, "the AWS `region` of the ARNs")
	fs.TextVar(&cfg.logLevel, "log-level", slog.LevelInfo, "the least `level` logged: DEBUG, INFO, WARN or ERROR")
	fs.Float64Var(&cfg.rate, "rate", 0, "requests per second beyond which requests are throttled (0: no limit)")
	fs.IntVar(&cfg.burst, "burst", 0, "requests allowed at once before -rate applies (0: rate rounded up, at least 1)")
	fs.Func("time-origin", "the clock's `time` (RFC 3339) when a new database is created; "+
		"default: the wall clock's; the database keeps it", func(v string) error {
		t, err := clock.ParseOrigin(v)
		if err != nil {
			return errors.New("not an RFC 3339 time such as 2024-01-01T00:00:00Z")
		}
		cfg.clock.Origin = t
		return nil
	})
	fs.Func("time-scale", "the clock's seconds per wall second, `N` from 0.001 to 1e6, for a new database; "+
		"default: 1; the database keeps it", func(v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return errors.New("not a number")
		}
		if err := (clock.Settings{Scale: f}).Check(); err != nil {
			return err
		}
		cfg.clock.Scale = f
		return nil
	})
	fs.Func("auth", "an AWS shared credentials `file` (the format of ~/.aws/credentials): only requests signed "+
		"(SigV4) with one of its profiles' keys, for -region, are let in (default: every request, signed or not)",
		func(path string) error {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			creds, err := lookout.ParseCredentialsFile(f)
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if len(creds) == 0 {
				return fmt.Errorf("%s: no profile holds both aws_access_key_id and aws_secret_access_key", path)
			}
			cfg.credentials = creds
			return nil
		})
	fs.IntVar(&cfg.reads, "reads", s3source.DefaultReads, "with -s3, the reads (objects, or parts of large ones) a job keeps in flight")
	fs.DurationVar(&cfg.readStall, "read-stall", s3source.DefaultReadStall,
		"with -s3, how long a read may wait for a byte before it fails, and its job with it")
	fs.DurationVar(&cfg.timeouts.shutdown, "grace", defaultTimeouts.shutdown,
		"on SIGINT or SIGTERM, how long the requests in progress may take before their connections are closed")
	usage := func() {
		fmt.Fprintln(stderr, "usage: server (-data DIR | -s3) [-addr ADDR] [-db FILE] [-workers N] [-max-pending N] [-max-datasets N] [-max-label-groups N] [-max-schedulers N] [-account ID] [-region R] [-log-level L] [-rate R] [-burst B] [-grace D] [-time-origin T] [-time-scale N] [-auth FILE] [-reads N] [-read-stall D]")
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
	case cfg.dataDir == "" && !cfg.s3:
		return fmt.Errorf("%w: -data DIR or -s3 is required: where the jobs read their buckets", errUsage)
	case cfg.dataDir != "" && cfg.s3:
		return fmt.Errorf("%w: -data and -s3 exclude each other", errUsage)
	case cfg.workers < 1:
		return fmt.Errorf("%w: -workers must be at least 1", errUsage)
	case cfg.maxDatasets < 0:
		return fmt.Errorf("%w: -max-datasets must not be negative", errUsage)
	case cfg.maxLabelGroups < 0:
		return fmt.Errorf("%w: -max-label-groups must not be negative", errUsage)
	case cfg.maxModels < 0:
		return fmt.Errorf("%w: -max-models must not be negative", errUsage)
	case cfg.maxSchedulers < 0:
		return fmt.Errorf("%w: -max-schedulers must not be negative", errUsage)
	case !isAccount(cfg.account):
		return fmt.Errorf("%w: -account must be 12 digits, not %q", errUsage, cfg.account)
	case !isRegion(cfg.region):
		return fmt.Errorf("%w: -region must be a region name such as us-east-1, not %q", errUsage, cfg.region)
	case cfg.maxPending < 0:
		return fmt.Errorf("%w: -max-pending must not be negative", errUsage)
	case cfg.rate < 0 || math.IsNaN(cfg.rate) || math.IsInf(cfg.rate, 0):
		return fmt.Errorf("%w: -rate must be a finite number, not negative", errUsage)
	case cfg.burst < 0:
		return fmt.Errorf("%w: -burst must not be negative", errUsage)
	case cfg.timeouts.shutdown < 0:
		return fmt.Errorf("%w: -grace must not be negative", errUsage)
	case cfg.reads < 0:
		return fmt.Errorf("%w: -reads must not be negative (0: the default)", errUsage)
	case cfg.readStall < 0:
		return fmt.Errorf("%w: -read-stall must not be negative (0: the default)", errUsage)
	case cfg.burst > 0 && cfg.rate == 0:
		return fmt.Errorf("%w: -burst needs -rate", errUsage)
	case cfg.credentials != nil:
		auth, err := lookout.WithSignatures(cfg.credentials, cfg.region)
		if err != nil {
			return fmt.Errorf("%w: -auth: %v", errUsage, err)
		}
		cfg.auth = auth
	}
	if cfg.db == "" {
		db, err := defaultDBPath()
		if err != nil {
			return err
		}
		cfg.db = db
	}
	if cfg.rate > 0 && cfg.burst == 0 {
		cfg.burst = int(min(math.Ceil(cfg.rate), math.MaxInt32))
	}
	return nil
}

// isAccount reports whether s is an AWS account id: 12 digits.
func isAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isRegion reports whether s has the form of a region name: lowercase
// letters, digits and hyphens, beginning with a letter and ending with a
// digit, at most 32 bytes (us-east-1, eu-central-2, us-gov-west-1).
func isRegion(s string) bool {
	if s == "" || len(s) > 32 || s[0] < 'a' || s[0] > 'z' || s[len(s)-1] < '0' || s[len(s)-1] > '9' {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// defaultDBPath is the default database: lookout.db beside the binary, so
// that the state follows the program rather than the directory it was
// started from. A binary that `go run` built lives in a temporary
// directory that is removed when it exits: the database is then made in
// the working directory instead.
func defaultDBPath() (string, error) {
	exe, err := os.Executable()
	if err == nil {
		exe, err = filepath.EvalSymlinks(exe)
	}
	if err != nil {
		return "", fmt.Errorf("cannot find the binary's directory for the default -db (pass -db FILE): %w", err)
	}
	dir := filepath.Dir(exe)
	if isBuildDir(dir) {
		wd, err := os.Getwd()
		if err != nil {
			return "", fmt.Errorf("cannot find the working directory for the default -db (pass -db FILE): %w", err)
		}
		dir = wd
	}
	return filepath.Join(dir, defaultDB), nil
}

// isBuildDir reports whether dir is a temporary directory of the go
// command (go run, go test): under the temporary directory, in a
// go-build* directory.
func isBuildDir(dir string) bool {
	tmp, err := filepath.EvalSymlinks(os.TempDir())
	if err != nil {
		tmp = os.TempDir()
	}
	rel, err := filepath.Rel(tmp, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if strings.HasPrefix(part, "go-build") {
			return true
		}
	}
	return false
}
