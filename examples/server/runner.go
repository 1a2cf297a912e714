package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest/s3source"
)

// sources gives the ingest.Source of a bucket.
type sources interface {
	bucket(name string) ingest.Source
}

// dirSources are buckets in a directory: DIR/<bucket>/<key>.
type dirSources struct{ dir string }

func (d dirSources) bucket(name string) ingest.Source {
	root := filepath.Join(d.dir, name)
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return noBucket{name: name}
	}
	src, err := ingest.Dir(root)
	if err != nil {
		return noBucket{name: name}
	}
	return src // confined to root, following no link; closed after its check
}

// noBucket is a bucket that does not exist: its listing fails, which fails
// the job with the reason.
type noBucket struct{ name string }

func (b noBucket) List(context.Context, string, func(ingest.Object) error) error {
	return fmt.Errorf("NoSuchBucket: the bucket %s does not exist", b.name)
}

func (b noBucket) Open(context.Context, string, int64, int64) (io.ReadCloser, error) {
	return nil, fs.ErrNotExist
}

// s3Sources are the buckets of one S3 client, read with reads in flight
// and a stall limit of stall (s3source's defaults when 0).
type s3Sources struct {
	client *s3.Client
	reads  int
	stall  time.Duration
}

func (s s3Sources) bucket(name string) ingest.Source {
	return s3source.New(s.client, name, s3source.WithReads(s.reads), s3source.WithReadStall(s.stall))
}

// runner runs the data ingestion jobs: at most workers at once, in the
// order they were queued. A job runs ingest.Check over its bucket with its
// dataset's schema and ends SUCCESS or FAILED with the check's figures.
// Stopping the runner interrupts the checks running: their jobs stay
// IN_PROGRESS in the store, to be run again when the server starts again.
type runner struct {
	st      *store.Store
	src     sources
	log     *slog.Logger
	workers int

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	pending []string // job ids, oldest first
	wake    chan struct{}

	// data, when not nil, keeps the copy of the data of each successful
	// job, made after its check and recorded with its outcome.
	data *dataCopies
}

func newRunner(st *store.Store, src sources, workers int, log *slog.Logger) *runner {
	ctx, cancel := context.WithCancel(context.Background())
	return &runner{st: st, src: src, log: log, workers: max(workers, 1), ctx: ctx, cancel: cancel,
		wake: make(chan struct{}, 1)}
}

// start queues the jobs that were IN_PROGRESS when the server stopped and
// starts the workers.
func (r *runner) start(ctx context.Context) error {
	jobs, err := r.st.InProgress(ctx)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		r.enqueue(j.ID)
	}
	if len(jobs) > 0 {
		r.log.Info("resuming the jobs that were running", "jobs", len(jobs))
	}
	for range r.workers {
		r.wg.Add(1)
		go r.work()
	}
	return nil
}

// enqueue queues a job to run.
func (r *runner) enqueue(id string) {
	r.mu.Lock()
	r.pending = append(r.pending, id)
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// next returns the next job to run, or false once the runner is stopped.
func (r *runner) next() (string, bool) {
	for {
		r.mu.Lock()
		if len(r.pending) > 0 {
			id := r.pending[0]
			r.pending[0] = ""
			r.pending = r.pending[1:]
			if len(r.pending) == 0 {
				r.pending = nil // let the array go
			}
			more := len(r.pending) > 0
			r.mu.Unlock()
			if more {
				select { // another worker may take the next one
				case r.wake <- struct{}{}:
				default:
				}
			}
			return id, true
		}
		r.mu.Unlock()
		select {
		case <-r.wake:
		case <-r.ctx.Done():
			return "", false
		}
	}
}

// stop interrupts the jobs running and waits for the workers.
func (r *runner) stop() {
	r.cancel()
	r.wg.Wait()
}

func (r *runner) work() {
	defer r.wg.Done()
	for {
		id, ok := r.next()
		if !ok {
			return
		}
		r.runJob(id)
	}
}

// runJob runs one job and stores its outcome. An error that is not the
// job's (the store failing) is logged, the job left IN_PROGRESS. A panic
// while checking is logged with its stack and fails the job, so that it
// does not stop the server each time it runs again.
func (r *runner) runJob(id string) {
	start := time.Now()
	job, out, err := r.safeCheck(id)
	if errors.Is(err, context.Canceled) && r.ctx.Err() != nil {
		r.log.Info("job interrupted; it runs again at the next start", "job_id", id)
		return
	}
	if err != nil {
		r.log.Error("job could not run", "job_id", id, "error", err)
		return
	}
	if job.Status != store.JobInProgress {
		return // deleted with its dataset, or already finished
	}
	var prev string // the dataset's copy this job's replaces
	if out.DataVersion != "" {
		prev, _ = r.st.DataVersion(r.ctx, job.DatasetName)
	}
	if _, err := r.finish(id, out); err != nil {
		var nf *store.NotFoundError
		if errors.As(err, &nf) && out.DataVersion != "" {
			r.data.remove(out.DataVersion) // the dataset was deleted meanwhile
		}
		return // logged by finish
	}
	if prev != "" && prev != out.DataVersion {
		if err := r.data.remove(prev); err != nil {
			r.log.Warn("the replaced data copy could not be removed; it is at the next start",
				"dataset", job.DatasetName, "version", prev, "error", err)
		}
	}
	r.log.Info("job finished", "job_id", id, "dataset", job.DatasetName, "status", string(out.Status),
		"failed_reason", logValue(out.FailedReason), "duration", time.Since(start))
}

// panicReason is the FailedReason of a job whose check panicked.
const panicReason = "the data could not be checked: internal error"

// safeCheck is check, a panic turned into a failed outcome.
func (r *runner) safeCheck(id string) (job store.Job, out store.Outcome, err error) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("panic while checking a job's data; the job fails", "job_id", id,
				"panic", logValue(fmt.Sprint(p)), "stack", string(debug.Stack()))
			job, out, err = store.Job{ID: id, Status: store.JobInProgress}, failed(panicReason), nil
		}
	}()
	return r.check(id)
}

// check runs the check of job id and returns the job and its outcome.
func (r *runner) check(id string) (store.Job, store.Outcome, error) {
	job, err := r.st.Job(r.ctx, id)
	var nf *store.NotFoundError
	if errors.As(err, &nf) {
		return store.Job{}, store.Outcome{}, nil
	}
	if err != nil || job.Status != store.JobInProgress {
		return job, store.Outcome{}, err
	}
	ds, err := r.st.Dataset(r.ctx, job.DatasetName)
	if errors.As(err, &nf) {
		return store.Job{}, store.Outcome{}, nil
	}
	if err != nil {
		return job, store.Outcome{}, err
	}
	if source, err := r.st.ImportSource(r.ctx, id); err != nil || source != "" {
		if err != nil {
			return job, store.Outcome{}, err
		}
		out, err := r.importData(job, source)
		return job, out, err
	}
	var schema *lookout.DataSchema
	if ds.Schema != nil {
		if schema, err = lookout.ParseDataSchema(*ds.Schema); err != nil {
			return job, failed("the dataset's schema is invalid: " + err.Error()), nil
		}
	}
	req := requestOf(job)
	src := r.src.bucket(job.Input.Bucket)
	if c, ok := src.(io.Closer); ok {
		defer c.Close()
	}
	res, err := ingest.Check(r.ctx, req, schema, src)
	if err != nil {
		if r.ctx.Err() != nil {
			return job, store.Outcome{}, context.Canceled
		}
		return job, store.Outcome{}, err
	}
	out, err := outcomeOf(res)
	if err != nil || out.Status != store.JobSuccess || r.data == nil {
		return job, out, err
	}
	reason, err := r.data.write(r.ctx, src, job.Input.Bucket, job.ID, schema, res.Ingested)
	switch {
	case err != nil && r.ctx.Err() != nil:
		return job, store.Outcome{}, context.Canceled
	case err != nil:
		return job, store.Outcome{}, fmt.Errorf("writing the dataset's data copy: %w", err)
	case reason != "":
		r.data.remove(job.ID)
		return job, failed(reason), nil
	}
	out.DataVersion = job.ID
	return job, out, nil
}

// requestOf is the StartDataIngestionJob request that made job.
func requestOf(job store.Job) *lookout.StartDataIngestionJobRequest {
	token := job.ClientToken
	if token == "" {
		token = "0" // a job stored without one; Check wants a valid request
	}
	return &lookout.StartDataIngestionJobRequest{
		ClientToken: token,
		DatasetName: job.DatasetName,
		RoleArn:     job.Input.RoleARN,
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{
				Bucket: job.Input.Bucket, Prefix: job.Input.Prefix, KeyPattern: deref(job.Input.KeyPattern),
			},
		},
	}
}

// failed is the outcome of a job that failed for reason.
func failed(reason string) store.Outcome {
	return store.Outcome{Status: store.JobFailed, FailedReason: reason}
}

// outcomeOf is the stored outcome of a check's result.
func outcomeOf(res *ingest.Result) (store.Outcome, error) {
	out := store.Outcome{Status: store.JobStatus(res.Status), FailedReason: res.FailedReason}
	if res.DataStartTime != nil {
		out.DataStartTime = res.DataStartTime.Time()
	}
	if res.DataEndTime != nil {
		out.DataEndTime = res.DataEndTime.Time()
	}
	var err error
	out.Result, err = json.Marshal(figures{
		IngestedFilesSummary: res.IngestedFilesSummary,
		DataQualitySummary:   res.DataQualitySummary,
		IngestedDataSize:     res.IngestedDataSize,
	})
	if err != nil {
		return out, err
	}
	out.SensorStatistics = make([][]byte, len(res.SensorStatisticsSummaries))
	for i := range res.SensorStatisticsSummaries {
		if out.SensorStatistics[i], err = json.Marshal(&res.SensorStatisticsSummaries[i]); err != nil {
			return out, err
		}
	}
	return out, nil
}
