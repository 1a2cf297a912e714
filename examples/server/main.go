// Command server stands in for Amazon Lookout for Equipment, all 49
// operations of its API: programs written against the service point it at
// this endpoint (--endpoint-url) and run their whole flow, from
// CreateDataset through training and inference to DeleteDataset. It speaks
// the service's wire protocol (AWS JSON 1.0) through [lookout.NewHandler],
// runs real ingestion jobs (the check of lookout/ingest over the job's
// bucket), trains real models on the data ingested (lookout/detect), runs
// inference schedulers that read their input files and write results.jsonl,
// and keeps its state in an embedded SQLite database.
//
// Usage:
//
//	go run ./examples/server (-data DIR | -s3) [-addr ADDR] [-db FILE] [-workers N] [-max-pending N]
//	    [-max-datasets N] [-max-label-groups N] [-max-models N] [-max-schedulers N] [-account ID] [-region R] [-log-level L] [-rate R] [-burst B] [-grace D]
//	    [-time-origin T] [-time-scale N] [-auth FILE]
//
// Flags:
//
//	-data DIR         read the bucket B of a job from the directory DIR/B: the
//	                  object KEY is the file DIR/B/KEY
//	-s3               read the buckets from S3, or from an S3-compatible store,
//	                  through the AWS SDK's default configuration: credentials,
//	                  AWS_REGION, AWS_ENDPOINT_URL_S3 (path-style addressing
//	                  with a custom endpoint)
//	-addr ADDR        where to listen (default 127.0.0.1:8080)
//	-db FILE          the database (default lookout.db beside the binary; see
//	                  below); :memory: keeps everything in memory, for tests
//	-workers N        jobs that run at once (default 2); the others wait, IN_PROGRESS
//	-max-pending N    the quota of jobs IN_PROGRESS: a new job beyond it gets
//	                  ServiceQuotaExceededException (default 5, the service's
//	                  quota; 0: no quota)
//	-max-datasets N   the quota of datasets (default 15, the service's; 0: none)
//	-max-label-groups N
//	                  the quota of label groups: a new one beyond it gets
//	                  ServiceQuotaExceededException (default 100, chosen:
//	                  the service's is not published; 0: none)
//	-max-models N     the quota of models (default 50, chosen: the service's
//	                  is not published; 0: none)
//	-max-schedulers N
//	                  the quota of inference schedulers: a new one beyond it
//	                  gets ServiceQuotaExceededException (default 100,
//	                  chosen: the service's is not in the sources; 0: none)
//	-account ID       the account id of the ARNs (default 123456789012)
//	-region R         the region of the ARNs (default us-east-1)
//	-log-level L      the least level logged: DEBUG, INFO, WARN, ERROR (default INFO)
//	-rate R           requests per second: a request beyond the rate gets
//	                  ThrottlingException (default 0: no limit)
//	-burst B          requests allowed at once before -rate applies (default:
//	                  R rounded up, at least 1)
//	-grace D          on SIGINT or SIGTERM, how long the requests in progress
//	                  may take before their connections are closed
//	                  (default 10s)
//	-time-origin T    the clock's time, RFC 3339 (2024-01-01T00:00:00Z), when
//	                  a new database is created (default: the wall clock's);
//	                  see "The clock"
//	-time-scale N     the clock's seconds per wall second, from 0.001 to
//	                  1e6, for a new database (default 1)
//	-auth FILE        an AWS shared credentials file (the format of
//	                  ~/.aws/credentials): only the requests signed (SigV4,
//	                  for -region, within 15 minutes of the wall clock) with
//	                  one of its profiles' keys are let in; the others get
//	                  403 MissingAuthenticationTokenException,
//	                  UnrecognizedClientException or InvalidSignatureException,
//	                  as AWS answers. Without it every request is let in, and
//	                  the server says so at start
//
// # Operations
//
// A request is read and checked by [lookout.NewHandler]: a body that is not
// a readable request gets SerializationException, a request that breaks a
// constraint gets ValidationException, with the service's wording. The
// ClientToken of CreateDataset and StartDataIngestionJob is required, as on
// the wire; the AWS SDKs and the AWS CLI fill one in. A ClientToken seen
// before with the same parameters returns the same dataset or job; with
// other parameters, ConflictException, which names no job or dataset.
// Parameters are compared as the service reads them: an absent Prefix is "",
// an absent KeyPattern is the default {prefix}/{component_name}/*.
//
// CreateDataset's request is validated as every request is, its
// InlineDataSchema read with [lookout.ParseDataSchema] once: a schema that
// breaks its rules gets a ValidationException listing every violation.
// ListDatasets, ListDataIngestionJobs and ListSensorStatistics
// return pages of MaxResults items (1 to 500; 50 by default) and a
// NextToken for the next page: an opaque token, sealed by the server and
// bound to the list and its filters, so that a token forged, altered or
// made for another list gets a ValidationException. A page never repeats or
// skips an item that exists throughout the listing, whatever is created
// meanwhile. ListDatasets filters by DatasetNameBeginsWith;
// ListDataIngestionJobs by DatasetName and Status (a dataset that does not
// exist has no jobs); ListSensorStatistics lists those of the dataset's
// last successful ingestion, or of IngestionJobId.
//
// # Labels
//
// CreateLabelGroup, DescribeLabelGroup, ListLabelGroups, UpdateLabelGroup
// and DeleteLabelGroup keep label groups; CreateLabel, DescribeLabel,
// ListLabels and DeleteLabel their labels. A label group lists at most 50
// FaultCodes, none twice (ValidationException); its ARN is
// arn:aws:lookoutequipment:REGION:ACCOUNT:label-group/NAME/UUID. A label's
// FaultCode, when given, must be one of its group's, and its EndTime must
// not be before its StartTime (ValidationException otherwise); its LabelId
// is 32 lowercase hexadecimal digits (read without regard to case).
// UpdateLabelGroup replaces the FaultCodes (without FaultCodes it changes
// nothing); the labels made keep theirs. DeleteLabelGroup deletes its
// labels, tags and policy. The ClientTokens of CreateLabelGroup and
// CreateLabel replay as CreateDataset's do. ListLabelGroups lists by name
// (LabelGroupNameBeginsWith filters); ListLabels by StartTime, then
// LabelId, those of the Equipment and FaultCode asked that end at or after
// IntervalStartTime and start before IntervalEndTime; a label group that
// does not exist has no labels (the operation has no
// ResourceNotFoundException). Both page as ListDatasets does.
//
// # Tags and resource policies
//
// TagResource, UntagResource and ListTagsForResource work on every
// resource that has an ARN: datasets, label groups, models and inference
// schedulers. A resource has at most
// 200 tags: a TagResource past it gets a ValidationException and changes
// nothing; a key given again replaces its value; keys beginning with aws:
// are refused; UntagResource of a key the resource lacks is no error;
// ListTagsForResource lists by key. CreateDataset's and CreateLabelGroup's
// Tags are stored there too, and deleting a resource deletes its tags. An
// ARN the server does not hold gets ResourceNotFoundException.
//
// PutResourcePolicy, DescribeResourcePolicy and DeleteResourcePolicy keep
// one policy per ARN. The service puts policies on models and model
// versions; the server takes one on any resource it holds (chosen: a
// pipeline that puts one on a dataset is not refused). A policy must be a JSON
// object (ValidationException); it is stored, never enforced. Each Put
// makes a new PolicyRevisionId (32 hexadecimal digits); a Put with a
// PolicyRevisionId other than the current one (or when there is no
// policy) gets ConflictException, a Put without one replaces the policy.
// Its ClientToken replays the Put (the same revision) until the policy is
// deleted. DescribeResourcePolicy returns the policy, its revision and its
// CreationTime and LastModifiedTime; it and DeleteResourcePolicy get
// ResourceNotFoundException where there is none. Deleting a resource
// deletes its policy.
//
// # The dataset's lifecycle
//
// A dataset is CREATED when made. StartDataIngestionJob stores the job
// IN_PROGRESS and the dataset INGESTION_IN_PROGRESS; a worker then runs the
// check over the bucket, with the dataset's schema when it has one, and the
// job ends SUCCESS, with every figure the check computes, or FAILED, with
// its FailedReason. After a SUCCESS the dataset is ACTIVE, and
// DescribeDataset shows that ingestion's input configuration, role,
// figures and data range; after a FAILED it returns to what it was (ACTIVE
// when an earlier ingestion succeeded, CREATED otherwise).
// DescribeDataIngestionJob and ListSensorStatistics give the figures back.
//
//   - A second StartDataIngestionJob for a dataset while one of its jobs is
//     IN_PROGRESS, and DeleteDataset of such a dataset, get
//     ConflictException. Deleting a dataset deletes its jobs.
//   - A dataset name or job id that does not exist gets
//     ResourceNotFoundException.
//   - A dataset beyond -max-datasets, or a job beyond -max-pending jobs
//     IN_PROGRESS, gets ServiceQuotaExceededException.
//   - A dataset's ARN is arn:aws:lookoutequipment:REGION:ACCOUNT:dataset/NAME/UUID,
//     with -region and -account; a JobId is 32 lowercase hexadecimal
//     digits.
//
// # Models
//
// CreateModel needs an ACTIVE dataset (its DatasetSchema, when given, may
// list only the dataset's components and sensors), an OffCondition of the
// form COMPONENT\SENSOR < 10 on a sensor of the schema, and an existing
// label group when LabelsInputConfiguration names one; it answers
// IN_PROGRESS, and a training on the workers reads the dataset's copy of
// its data (see below) between TrainingDataStartTime and
// TrainingDataEndTime, resampled to TargetSamplingRate (or the rate
// lookout/detect picks), leaving out the labelled ANOMALY and NEUTRAL
// ranges and the records OffCondition marks. It ends SUCCESS, with
// ModelMetrics computed on the evaluation range and, with
// ModelDiagnosticsOutputConfiguration, the evaluation's results written to
// the bucket, or FAILED with a FailedReason that says what to change (too
// little data, a sensor without a valid value, a label file that does not
// read). Each training adds a version; the first that succeeds becomes
// active; UpdateActiveModelVersion moves it. DeleteModel, and DeleteDataset
// or DeleteLabelGroup of what a training reads, while it runs:
// ConflictException. Retraining schedulers train a new version on their
// lookback window at each RetrainingFrequency, on the server's clock.
//
// A successful ingestion copies the data it ingested beside the database
// (FILE.data: a columnar file per component, checksummed, written under a
// temporary name and renamed): trainings read that copy, never the bucket,
// and a later ingestion replaces it. ImportDataset copies a dataset the
// server holds, ImportModelVersion a model version; its
// InferenceDataImportStrategy ADD_WHEN_EMPTY or OVERWRITE makes the
// model's retrainings add the rows that the inference schedulers of the
// source model and of the model read in their successful runs (read again
// from their input files) to the dataset's data in the lookback window,
// at the times the data lacks or at every time, in the data the
// retraining reads (the stored copy is not rewritten).
//
// # Inference schedulers
//
// CreateInferenceScheduler needs a model whose status is SUCCESS; the
// scheduler wakes at every multiple of DataUploadFrequency from the top of
// the hour plus DataDelayOffsetInMinutes, on the server's clock, and each
// run reads the input files named COMPONENT + delimiter + time in the
// window (plus one before and one after), takes the rows of its window,
// scores them with the model's active version and writes
// <Prefix><ScheduledStartTime>/results.jsonl to the output bucket (-data:
// the folder of that bucket, which must exist). ListInferenceExecutions
// gives each run, ListInferenceEvents the runs of anomalous lines. A run
// without data for a component fails with the service's FailedReason; a
// deleted model fails the next run.
//
// # Durability
//
// A dataset, job, label group, label, tag, policy, model, version or
// scheduler is committed to the
// database, and the database synced to disk, before the request that made
// or changed it gets its 200: a server killed at
// any moment loses nothing it acknowledged. Jobs that were IN_PROGRESS when
// the server stopped (killed, or shut down while they ran) run again when
// it starts (the check only reads), and so do trainings; a RUNNING
// scheduler makes the runs it missed, in order. Memory does not grow with the jobs kept:
// they are in the database, with bounded caches of recent ones and of the
// pages of ListDataIngestionJobs last read; the datasets, which are few,
// are held in memory as well.
//
// The default -db is lookout.db in the directory of the binary, so that the
// state follows the program wherever it is started from; a binary built by
// go run lives in a temporary directory that the go command removes, so
// then the default is lookout.db in the working directory. A -db given is a
// path as usual: relative to the working directory. The log's first line
// names the database.
//
// # The database
//
// One server has a database at a time: the server locks the file
// FILE.lock beside it (the lock is the operating system's, flock, and the
// file holds the server's process id), and a second server started on the
// same -db exits with status 1, naming the database and the process that
// holds it. The lock ends with the process however it ends, so that the
// lock file a killed server leaves behind locks nothing. At start, the
// server reads every page of the database (SQLite's quick_check) and
// refuses a damaged one, exit status 1, naming the first damage; a
// database that its folder cannot hold (read-only, not the server's) is
// refused with the file and the folder named.
//
// A job's outcome that the database fails to store (a full disk, a
// database another program keeps busy) is logged and stored again, after
// a wait that doubles from 20 ms up to 5 s, until it is: the job does not
// stay IN_PROGRESS. A server stopped meanwhile leaves the job IN_PROGRESS,
// to run again at the next start.
//
// # The clock
//
// Every time the server reports (CreatedAt, LastUpdatedAt, UpdatedAt, a
// job's times, a policy's CreationTime and LastModifiedTime)
// follows one clock: the wall clock, or, with -time-origin T and
// -time-scale N, T + N × (the wall time elapsed since the database was
// created), so that a test runs months of schedule in seconds. The origin
// and the scale are stored in the database when it is created: the clock
// goes on across restarts, counting the time the server was down. A later
// start without the flags goes on with the stored clock; with values other
// than the stored ones it is refused (exit status 1), the stored clock
// named. The log's first line shows the clock and its time.
//
// # Who may call it
//
// The server checks no credentials (any signature is accepted). Listening
// on loopback (the default, 127.0.0.1), it answers only requests whose
// Host is localhost, an address of 127.0.0.0/8 or [::1], with any port: a
// request with another Host gets 403 and an AccessDeniedException naming
// it. A web page that makes its own name resolve to 127.0.0.1 (DNS
// rebinding) could otherwise call the server from the browser of the
// machine it runs on. Listening on another address (-addr :8080,
// 0.0.0.0:8080), the server logs a warning at start: whoever reaches it
// can change and delete the datasets. Every answer carries an
// x-amzn-RequestId, a refused or throttled one included.
//
// # Logging
//
// Each request is logged on standard error, one line: method, X-Amz-Target,
// status, error code, request id (the x-amzn-RequestId the client got),
// duration and client address. Values from the request are escaped
// (controls, invisible characters, invalid UTF-8) and cut to 128 bytes,
// with "…[cut: N bytes]" saying so. A client that goes away before sending
// its whole body is logged with the status 499 and outcome "client closed
// request", or 408 and "client timed out" after the read timeout, not with
// the error its request was answered; one whose connection the server
// closed at shutdown, with 503 and "cut off at shutdown". A panic in the
// operation is logged there too, at level ERROR with its stack; the client
// gets an InternalServerException that says nothing of it. Each job's end
// is logged with its id, dataset, status and reason. The server bounds
// request bodies and headers, and times out slow clients (reading headers,
// reading the request, writing the response, idle connections).
//
// # Stopping
//
// On SIGINT or SIGTERM the server stops accepting connections and lets the
// requests in progress finish, for at most -grace; then it closes the
// connections still open, interrupts the jobs running (they stay
// IN_PROGRESS, and run again at the next start), closes the database and
// exits with status 0. A second signal closes the connections at once: the
// server exits with status 1, since requests were cut off. Exit status 1
// also says that the server could not start, listen or serve, 2 a usage
// error.
//
// # Calling it with the AWS CLI
//
// Any credentials do: the server does not check signatures. The README
// shows the whole flow on the sample bucket of testdata; with the server
// running on 127.0.0.1:8080 (go run ./examples/server -data examples/server/testdata):
//
//	export AWS_ACCESS_KEY_ID=dummy AWS_SECRET_ACCESS_KEY=dummy AWS_REGION=us-east-1
//	aws lookoutequipment create-dataset --endpoint-url http://127.0.0.1:8080 \
//	    --dataset-name pumps --dataset-schema InlineDataSchema="$(cat examples/server/testdata/schema-pumps.json)"
//	aws lookoutequipment start-data-ingestion-job --endpoint-url http://127.0.0.1:8080 \
//	    --dataset-name pumps \
//	    --ingestion-input-configuration 'S3InputConfiguration={Bucket=sensor-data.example,Prefix=plant-1/pumps/}' \
//	    --role-arn arn:aws:iam::123456789012:role/LookoutEquipmentIngestion
//
// The AWS SDKs take the endpoint the same way (endpoint_url in boto3,
// BaseEndpoint in the AWS SDK for Go v2).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/clock"
	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
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
	logger := newLogger(stderr, cfg.logLevel)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		logger.Error("cannot listen", "addr", cfg.addr, "error", err)
		return 1
	}
	cfg.checkHosts = isLoopback(ln.Addr())
	a, err := newApp(context.Background(), cfg, logger, nil)
	if err != nil {
		ln.Close()
		logger.Error("cannot start", "error", err)
		return 1
	}
	logger.Info("listening", "addr", ln.Addr().String(), "db", cfg.db, "data", cfg.dataDir, "s3", cfg.s3,
		"workers", cfg.workers, "max_pending", cfg.maxPending, "max_datasets", cfg.maxDatasets,
		"max_label_groups", cfg.maxLabelGroups, "max_models", cfg.maxModels, "max_schedulers", cfg.maxSchedulers,
		"account", cfg.account, "region", cfg.region, "rate", cfg.rate, "burst", cfg.burst,
		"grace", cfg.timeouts.shutdown, "clock", a.st.Clock().Settings().String(),
		"clock_now", a.st.Clock().Now().Format(time.RFC3339))
	if cfg.credentials == nil {
		logger.Warn("no -auth: every request is let in, signed or not; give an AWS credentials file with -auth " +
			"to let in only the requests signed with its keys")
	} else {
		logger.Info("signatures checked", "access_keys", len(cfg.credentials), "region", cfg.region)
	}
	if !cfg.checkHosts {
		logger.Warn("listening beyond loopback: whoever reaches this address can read, change and delete the "+
			"datasets, since the server checks no credentials; listen on 127.0.0.1 unless other machines must call it",
			"addr", ln.Addr().String())
	}
	err = serve(newHTTPServer(cfg, a.handler, logger), ln, cfg.timeouts.shutdown, signals, logger)
	if cerr := a.close(); cerr != nil {
		logger.Error("closing the database failed", "error", cerr)
		if err == nil {
			err = cerr
		}
	}
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

// app is the server's state and its handler stack.
type app struct {
	st      *store.Store
	run     *runner
	svc     *service
	data    *dataCopies
	handler http.Handler
}

// newApp opens the database, starts the runner (which queues the jobs that
// were running when the server last stopped) and builds the handler stack
// over the service (see newStack). now nil means time.Now; it is the wall
// clock of the store's clock, the rate limiter and the log.
func newApp(ctx context.Context, cfg config, logger *slog.Logger, now func() time.Time) (*app, error) {
	src := cfg.src
	switch {
	case src != nil:
	case cfg.s3:
		client, err := s3source.NewClient(ctx, s3source.Config{MaxConns: cfg.reads})
		if err != nil {
			return nil, err
		}
		src = s3Sources{client: client, reads: cfg.reads, stall: cfg.readStall}
	default:
		fi, err := os.Stat(cfg.dataDir)
		if err != nil {
			return nil, fmt.Errorf("-data: %w", err)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("-data: %s is not a directory", cfg.dataDir)
		}
		src = dirSources{dir: cfg.dataDir}
	}
	var wall clock.Wall
	if now != nil {
		wall = funcWall{now: now}
	}
	st, err := store.Open(cfg.db, store.Options{
		Region: cfg.region, Account: cfg.account,
		MaxDatasets: cfg.maxDatasets, MaxPending: cfg.maxPending, MaxLabelGroups: cfg.maxLabelGroups,
		MaxModels: cfg.maxModels, MaxSchedulers: cfg.maxSchedulers,
		Clock: cfg.clock, Wall: wall,
		BeforeCommit: cfg.beforeCommit,
	})
	if err != nil {
		return nil, err
	}
	data, err := openCopies(ctx, st, cfg.db)
	if err != nil {
		st.Close()
		return nil, err
	}
	run := newRunner(st, src, cfg.workers, logger)
	run.data = data
	if err := run.start(ctx); err != nil {
		st.Close()
		data.close()
		return nil, err
	}
	out, _ := src.(outputs) // nil for a test's sources that write nothing
	svc := &service{st: st, run: run, log: logger, out: out, data: data, models: cfg.models}
	if cfg.data != nil {
		svc.data = cfg.data
	}
	if svc.models == nil {
		svc.models = svc
	}
	svc.train = newTrainer(svc, cfg.workers, logger)
	if err := svc.train.start(ctx); err != nil {
		run.stop()
		st.Close()
		data.close()
		return nil, err
	}
	svc.modelARN = svc.storedModelARN
	if cfg.modelARN != nil {
		svc.modelARN = cfg.modelARN
	}
	var retrain retrainer = svc
	if cfg.retrainer != nil {
		retrain = cfg.retrainer
	}
	svc.retraining = newRetrainingLoop(st, retrain, logger)
	svc.retraining.start()
	svc.infer = newInferer(st, src, out, svc.modelsOf, defaultInferenceWorkers, logger)
	if err := svc.infer.start(ctx); err != nil {
		svc.retraining.stop()
		svc.train.stop()
		run.stop()
		st.Close()
		data.close()
		return nil, err
	}
	return &app{st: st, run: run, svc: svc, data: data, handler: newStack(cfg, logger, now, svc.operations())}, nil
}

// funcWall is a wall clock read from now, for tests, whose timers are the
// system's.
type funcWall struct{ now func() time.Time }

func (w funcWall) Now() time.Time { return w.now() }

func (w funcWall) NewTimer(d time.Duration) clock.Timer { return clock.Real.NewTimer(d) }

// close stops the inference and retraining schedules, the runner and the
// trainer, leaving the runs, jobs and trainings they were making
// IN_PROGRESS for the next start, and closes the database and the data
// copies.
func (a *app) close() error {
	a.svc.infer.stop()
	a.svc.retraining.stop()
	a.run.stop()
	a.svc.train.stop()
	err := a.st.Close()
	return errors.Join(err, a.data.close())
}

// operations is the lookout.Service of s.
func (s *service) operations() lookout.Service {
	return lookout.Service{
		CreateDataset:            s.CreateDataset,
		DeleteDataset:            s.DeleteDataset,
		DescribeDataIngestionJob: s.DescribeDataIngestionJob,
		DescribeDataset:          s.DescribeDataset,
		ListDataIngestionJobs:    s.ListDataIngestionJobs,
		ListDatasets:             s.ListDatasets,
		ListSensorStatistics:     s.ListSensorStatistics,
		ImportDataset:            s.ImportDataset,
		StartDataIngestionJob:    s.StartDataIngestionJob,

		CreateLabelGroup:   s.CreateLabelGroup,
		DescribeLabelGroup: s.DescribeLabelGroup,
		ListLabelGroups:    s.ListLabelGroups,
		UpdateLabelGroup:   s.UpdateLabelGroup,
		DeleteLabelGroup:   s.DeleteLabelGroup,
		CreateLabel:        s.CreateLabel,
		DescribeLabel:      s.DescribeLabel,
		ListLabels:         s.ListLabels,
		DeleteLabel:        s.DeleteLabel,

		TagResource:         s.TagResource,
		UntagResource:       s.UntagResource,
		ListTagsForResource: s.ListTagsForResource,

		PutResourcePolicy:      s.PutResourcePolicy,
		DescribeResourcePolicy: s.DescribeResourcePolicy,
		DeleteResourcePolicy:   s.DeleteResourcePolicy,

		CreateRetrainingScheduler:   s.CreateRetrainingScheduler,
		DescribeRetrainingScheduler: s.DescribeRetrainingScheduler,
		ListRetrainingSchedulers:    s.ListRetrainingSchedulers,
		UpdateRetrainingScheduler:   s.UpdateRetrainingScheduler,
		StartRetrainingScheduler:    s.StartRetrainingScheduler,
		StopRetrainingScheduler:     s.StopRetrainingScheduler,
		DeleteRetrainingScheduler:   s.DeleteRetrainingScheduler,

		CreateModel:              s.CreateModel,
		DescribeModel:            s.DescribeModel,
		ListModels:               s.ListModels,
		UpdateModel:              s.UpdateModel,
		DeleteModel:              s.DeleteModel,
		DescribeModelVersion:     s.DescribeModelVersion,
		ListModelVersions:        s.ListModelVersions,
		UpdateActiveModelVersion: s.UpdateActiveModelVersion,
		ImportModelVersion:       s.ImportModelVersion,

		CreateInferenceScheduler:   s.CreateInferenceScheduler,
		DescribeInferenceScheduler: s.DescribeInferenceScheduler,
		ListInferenceSchedulers:    s.ListInferenceSchedulers,
		UpdateInferenceScheduler:   s.UpdateInferenceScheduler,
		StartInferenceScheduler:    s.StartInferenceScheduler,
		StopInferenceScheduler:     s.StopInferenceScheduler,
		DeleteInferenceScheduler:   s.DeleteInferenceScheduler,
		ListInferenceExecutions:    s.ListInferenceExecutions,
		ListInferenceEvents:        s.ListInferenceEvents,
	}
}

// newStack returns the handler stack: logging, then the check of the Host
// (when cfg.checkHosts is set), then throttling (when cfg.rate is set),
// then lookout.NewHandler over svc. A panic in an operation is logged to
// logger, with its stack, and answered with an InternalServerException
// that says nothing of it.
func newStack(cfg config, logger *slog.Logger, now func() time.Time, svc lookout.Service) http.Handler {
	opts := []lookout.HandlerOption{lookout.WithLogger(logger)}
	if cfg.auth != nil {
		opts = append(opts, cfg.auth)
	}
	h := lookout.NewHandler(svc, opts...)
	if cfg.rate > 0 {
		h = throttle(newTokenBucket(cfg.rate, cfg.burst, now), h)
	}
	if cfg.checkHosts {
		h = checkHost(h)
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
