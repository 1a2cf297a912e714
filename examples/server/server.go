package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// storeConfig configures a jobStore.
type storeConfig struct {
	// Datasets names the datasets that exist; nil means every name does.
	Datasets []string
	// JobDuration is how long a job stays IN_PROGRESS before it is
	// SUCCESS. Zero makes every job finish at once.
	JobDuration time.Duration
	// MaxPending bounds the unfinished jobs; 0 means no bound.
	MaxPending int
	// Now reads the clock; nil means time.Now.
	Now func() time.Time
}

// jobStore holds the data ingestion jobs in memory and answers
// StartDataIngestionJob. Its methods are safe for concurrent use. Jobs are
// kept for the life of the store, so that a ClientToken stays bound to its
// job.
type jobStore struct {
	datasets    map[string]struct{} // nil: every name exists
	jobDuration time.Duration
	maxPending  int
	now         func() time.Time

	mu      sync.Mutex
	byToken map[string]*job // every job, by ClientToken
	pending []*job          // the jobs that may be unfinished; only kept when maxPending > 0
}

// job is one data ingestion job.
type job struct {
	id     string
	params jobParams
	done   time.Time // when the job finishes
}

// jobParams are the parameters of a request other than its ClientToken, as
// the service reads them: two requests with the same token must have equal
// parameters. An absent member is its default: an absent Prefix is "" and
// an absent KeyPattern is lookout.KeyPatternSlash.
type jobParams struct {
	dataset, bucket, roleArn string
	prefix, keyPattern       string
}

func newJobStore(cfg storeConfig) *jobStore {
	s := &jobStore{
		jobDuration: cfg.JobDuration,
		maxPending:  cfg.MaxPending,
		now:         cfg.Now,
		byToken:     make(map[string]*job),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if cfg.Datasets != nil {
		s.datasets = make(map[string]struct{}, len(cfg.Datasets))
		for _, name := range cfg.Datasets {
			s.datasets[name] = struct{}{}
		}
	}
	return s
}

// paramsOf returns the parameters of a valid request. Each string is a copy:
// a decoded request's strings share the memory of its whole body, which a
// job kept for the life of the process must not hold on to.
func paramsOf(req *lookout.StartDataIngestionJobRequest) jobParams {
	s3 := req.IngestionInputConfiguration.S3InputConfiguration
	p := jobParams{
		dataset:    strings.Clone(req.DatasetName),
		bucket:     strings.Clone(s3.Bucket),
		roleArn:    strings.Clone(req.RoleArn),
		keyPattern: lookout.KeyPatternSlash,
	}
	if s3.Prefix != nil {
		p.prefix = strings.Clone(*s3.Prefix)
	}
	if s3.KeyPattern != nil {
		p.keyPattern = strings.Clone(*s3.KeyPattern)
	}
	return p
}

// conflictMessage is the Message of the ConflictException for a known
// ClientToken with other parameters.
const conflictMessage = "The ClientToken was already used to start a data ingestion job with different parameters"

// Start is StartDataIngestionJob: the start function of lookout.NewHandler.
//
// A ClientToken seen before returns its job, in its current status, when
// the parameters are the same as the service reads them (an absent Prefix
// or KeyPattern is its default), and a *lookout.ConflictException, which
// names no job, when they differ. Otherwise the dataset must exist (else
// *lookout.ResourceNotFoundException) and the unfinished jobs must be fewer
// than the quota (else *lookout.ServiceQuotaExceededException); a new job
// starts, IN_PROGRESS. An invalid request gives the
// *lookout.ValidationException of its Validate method.
func (s *jobStore) Start(_ context.Context, req *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	params := paramsOf(req)

	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if j, ok := s.byToken[req.ClientToken]; ok {
		if j.params != params {
			// The message names no job: whoever presents a known token
			// need not be the caller who started it.
			return nil, &lookout.ConflictException{Message: conflictMessage}
		}
		return j.response(now), nil
	}
	if s.datasets != nil {
		if _, ok := s.datasets[params.dataset]; !ok {
			return nil, &lookout.ResourceNotFoundException{
				Message: "Dataset " + params.dataset + " does not exist",
			}
		}
	}
	if s.maxPending > 0 {
		s.prunePending(now)
		if len(s.pending) >= s.maxPending {
			return nil, &lookout.ServiceQuotaExceededException{
				Message: "The number of pending data ingestion jobs has reached the quota of " +
					strconv.Itoa(s.maxPending),
			}
		}
	}
	j := &job{id: newJobID(), params: params, done: now.Add(s.jobDuration)}
	s.byToken[strings.Clone(req.ClientToken)] = j
	if s.maxPending > 0 && now.Before(j.done) {
		s.pending = append(s.pending, j)
	}
	return j.response(now), nil
}

// prunePending drops the jobs finished at now from s.pending.
func (s *jobStore) prunePending(now time.Time) {
	kept := s.pending[:0]
	for _, j := range s.pending {
		if now.Before(j.done) {
			kept = append(kept, j)
		}
	}
	clear(s.pending[len(kept):])
	s.pending = kept
}

// jobCount returns the number of jobs in the store.
func (s *jobStore) jobCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byToken)
}

// status returns the job's status at now.
func (j *job) status(now time.Time) lookout.IngestionJobStatus {
	if now.Before(j.done) {
		return lookout.IngestionJobStatusInProgress
	}
	return lookout.IngestionJobStatusSuccess
}

func (j *job) response(now time.Time) *lookout.StartDataIngestionJobResponse {
	return &lookout.StartDataIngestionJobResponse{JobId: j.id, Status: j.status(now)}
}

// newJobID returns a new JobId: 32 lowercase hexadecimal digits from
// crypto/rand.
func newJobID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails since Go 1.24: it crashes the program instead
	return hex.EncodeToString(b[:])
}
