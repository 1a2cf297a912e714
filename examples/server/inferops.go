package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/inference"
)

// modelsOf is the service's trainedModels (nil while no part of the server
// trains models: every model is then missing).
func (s *service) modelsOf() trainedModels { return s.models }

// schedulerModel returns the model a scheduler is made for: a model that
// does not exist is a ResourceNotFoundException, one whose status is not
// SUCCESS a ConflictException.
func (s *service) schedulerModel(ctx context.Context, name string) (trainedModel, error) {
	if s.models == nil {
		return trainedModel{}, &lookout.ResourceNotFoundException{Message: "Model " + name + " does not exist"}
	}
	m, err := s.models.active(ctx, name)
	if err != nil {
		return trainedModel{}, serviceError(err)
	}
	if m.Status != lookout.ModelStatusSuccess {
		return trainedModel{}, &lookout.ConflictException{Message: "Model " + name + " is " + string(m.Status) +
			": an inference scheduler needs a model whose status is SUCCESS"}
	}
	return m, nil
}

// checkConfig reads the schedule and input naming of c: a value the
// service reads none from is a ValidationException (an InputTimeZoneOffset
// beyond -12:00..+14:00, say).
func checkConfig(c *schedulerConfig) (*inference.Config, error) {
	in, err := c.inputConfig()
	if err != nil {
		return nil, &lookout.ValidationException{Message: err.Error()}
	}
	return in, nil
}

// CreateInferenceScheduler stores a scheduler for a model whose status is
// SUCCESS. It answers PENDING, and the scheduler is RUNNING at once: its
// first run is at the next wake-up of the server's clock (at or after
// now).
func (s *service) CreateInferenceScheduler(ctx context.Context, req *lookout.CreateInferenceSchedulerRequest) (*lookout.CreateInferenceSchedulerResponse, error) {
	cfg := &schedulerConfig{
		DataUploadFrequency: req.DataUploadFrequency, DataDelayOffsetInMinutes: req.DataDelayOffsetInMinutes,
		DataInputConfiguration: req.DataInputConfiguration, DataOutputConfiguration: req.DataOutputConfiguration,
		RoleArn: req.RoleArn, ServerSideKmsKeyId: req.ServerSideKmsKeyId,
	}
	in, err := checkConfig(cfg)
	if err != nil {
		return nil, err
	}
	m, err := s.schedulerModel(ctx, req.ModelName)
	if err != nil {
		return nil, err
	}
	config, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	tags := tagsOf(req.Tags)
	request, err := json.Marshal(struct {
		Model  string
		Config json.RawMessage
		Tags   []store.Tag `json:",omitempty"`
	}{req.ModelName, config, tags})
	if err != nil {
		return nil, err
	}
	sc, replay, err := s.st.CreateScheduler(ctx, store.NewScheduler{
		Name: strings.Clone(req.InferenceSchedulerName), ClientToken: strings.Clone(req.ClientToken),
		Model: strings.Clone(req.ModelName), ModelARN: m.ARN, Config: config, Request: request,
		Next: in.Schedule.Next(s.st.Clock().Now()), Tags: tags,
	})
	if err != nil {
		return nil, serviceError(err)
	}
	status := lookout.InferenceSchedulerStatusPending
	if replay {
		status = lookout.InferenceSchedulerStatus(sc.Status)
	} else if s.infer != nil {
		s.infer.add(sc.Name, sc.ID, sc.Next)
	}
	return &lookout.CreateInferenceSchedulerResponse{InferenceSchedulerArn: sc.ARN, InferenceSchedulerName: sc.Name,
		Status: status}, nil
}

// DescribeInferenceScheduler returns a scheduler with its configuration
// and, once a run ended, its LatestInferenceResult.
func (s *service) DescribeInferenceScheduler(ctx context.Context, req *lookout.DescribeInferenceSchedulerRequest) (*lookout.DescribeInferenceSchedulerResponse, error) {
	sc, err := s.st.Scheduler(ctx, req.InferenceSchedulerName)
	if err != nil {
		return nil, serviceError(err)
	}
	cfg, err := decodeSchedulerConfig(sc.Config)
	if err != nil {
		return nil, err
	}
	var ts timestamps
	return &lookout.DescribeInferenceSchedulerResponse{
		InferenceSchedulerName: sc.Name, InferenceSchedulerArn: sc.ARN,
		ModelName: sc.Model, ModelArn: sc.ModelARN,
		Status:                   lookout.InferenceSchedulerStatus(sc.Status),
		DataDelayOffsetInMinutes: cfg.DataDelayOffsetInMinutes,
		DataUploadFrequency:      cfg.DataUploadFrequency,
		DataInputConfiguration:   cfg.DataInputConfiguration,
		DataOutputConfiguration:  cfg.DataOutputConfiguration,
		RoleArn:                  cfg.RoleArn,
		ServerSideKmsKeyId:       cfg.ServerSideKmsKeyId,
		LatestInferenceResult:    lookout.LatestInferenceResult(sc.Latest),
		CreatedAt:                ts.of(sc.CreatedAt),
		UpdatedAt:                ts.of(sc.UpdatedAt),
	}, nil
}

// ListInferenceSchedulers returns a page of the schedulers, by name,
// filtered by name prefix, model and status.
func (s *service) ListInferenceSchedulers(ctx context.Context, req *lookout.ListInferenceSchedulersRequest) (*lookout.ListInferenceSchedulersResponse, error) {
	list, next, err := s.st.ListSchedulers(ctx, store.SchedulerFilter{NameBeginsWith: req.InferenceSchedulerNameBeginsWith,
		Model: req.ModelName, Status: string(req.Status)}, pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.ListInferenceSchedulersResponse{NextToken: optional(next),
		InferenceSchedulerSummaries: make([]lookout.InferenceSchedulerSummary, len(list))}
	for i, sc := range list {
		cfg, err := decodeSchedulerConfig(sc.Config)
		if err != nil {
			return nil, err
		}
		resp.InferenceSchedulerSummaries[i] = lookout.InferenceSchedulerSummary{
			InferenceSchedulerName: sc.Name, InferenceSchedulerArn: sc.ARN, ModelName: sc.Model, ModelArn: sc.ModelARN,
			Status: lookout.InferenceSchedulerStatus(sc.Status), DataDelayOffsetInMinutes: cfg.DataDelayOffsetInMinutes,
			DataUploadFrequency: cfg.DataUploadFrequency, LatestInferenceResult: lookout.LatestInferenceResult(sc.Latest),
		}
	}
	return resp, nil
}

// UpdateInferenceScheduler replaces the members given of a scheduler's
// configuration, whatever its status. The change applies from the next
// wake-up: a run in progress keeps the configuration it started with, and
// the next run is the new schedule's first wake-up at or after the one the
// old schedule had next (chosen: the runs still due are made, on the new
// schedule).
func (s *service) UpdateInferenceScheduler(ctx context.Context, req *lookout.UpdateInferenceSchedulerRequest) (*lookout.UpdateInferenceSchedulerResponse, error) {
	sc, err := s.st.Scheduler(ctx, req.InferenceSchedulerName)
	if err != nil {
		return nil, serviceError(err)
	}
	cfg, err := decodeSchedulerConfig(sc.Config)
	if err != nil {
		return nil, err
	}
	if req.DataUploadFrequency != "" {
		cfg.DataUploadFrequency = req.DataUploadFrequency
	}
	if req.DataDelayOffsetInMinutes != nil {
		cfg.DataDelayOffsetInMinutes = req.DataDelayOffsetInMinutes
	}
	if req.DataInputConfiguration != nil {
		cfg.DataInputConfiguration = req.DataInputConfiguration
	}
	if req.DataOutputConfiguration != nil {
		cfg.DataOutputConfiguration = req.DataOutputConfiguration
	}
	if req.RoleArn != "" {
		cfg.RoleArn = req.RoleArn
	}
	in, err := checkConfig(cfg)
	if err != nil {
		return nil, err
	}
	config, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	next := in.Schedule.Next(sc.Next)
	if err := s.st.UpdateScheduler(ctx, sc.Name, config, next); err != nil {
		return nil, serviceError(err)
	}
	if sc.Status == "RUNNING" && s.infer != nil {
		s.infer.add(sc.Name, sc.ID, next)
	}
	return &lookout.UpdateInferenceSchedulerResponse{}, nil
}

// StartInferenceScheduler makes a STOPPED scheduler RUNNING; its next run
// is at the next wake-up (the runs that fell due while it was stopped are
// not made). A scheduler RUNNING or STOPPING gets a ConflictException.
func (s *service) StartInferenceScheduler(ctx context.Context, req *lookout.StartInferenceSchedulerRequest) (*lookout.StartInferenceSchedulerResponse, error) {
	sc, err := s.st.Scheduler(ctx, req.InferenceSchedulerName)
	if err != nil {
		return nil, serviceError(err)
	}
	cfg, err := decodeSchedulerConfig(sc.Config)
	if err != nil {
		return nil, err
	}
	in, err := checkConfig(cfg)
	if err != nil {
		return nil, err
	}
	if sc.Status == "STOPPED" {
		if _, err := s.schedulerModel(ctx, sc.Model); err != nil {
			return nil, err
		}
	}
	sc, err = s.st.StartScheduler(ctx, sc.Name, in.Schedule.Next(s.st.Clock().Now()))
	if err != nil {
		return nil, serviceError(err)
	}
	if s.infer != nil {
		s.infer.add(sc.Name, sc.ID, sc.Next)
	}
	return &lookout.StartInferenceSchedulerResponse{InferenceSchedulerArn: sc.ARN, InferenceSchedulerName: sc.Name,
		ModelName: sc.Model, ModelArn: sc.ModelARN, Status: lookout.InferenceSchedulerStatus(sc.Status)}, nil
}

// StopInferenceScheduler stops a scheduler: STOPPING until its run in
// progress ends, STOPPED at once when none is. A scheduler already
// STOPPING or STOPPED is answered as it is (chosen: stopping is
// idempotent).
func (s *service) StopInferenceScheduler(ctx context.Context, req *lookout.StopInferenceSchedulerRequest) (*lookout.StopInferenceSchedulerResponse, error) {
	var (
		sc  store.Scheduler
		err error
	)
	if s.infer != nil {
		sc, err = s.infer.stopScheduler(ctx, req.InferenceSchedulerName)
	} else {
		sc, err = s.st.StopScheduler(ctx, req.InferenceSchedulerName, false)
	}
	if err != nil {
		return nil, serviceError(err)
	}
	return &lookout.StopInferenceSchedulerResponse{InferenceSchedulerArn: sc.ARN, InferenceSchedulerName: sc.Name,
		ModelName: sc.Model, ModelArn: sc.ModelARN, Status: lookout.InferenceSchedulerStatus(sc.Status)}, nil
}

// DeleteInferenceScheduler deletes a STOPPED scheduler with its
// executions, events and tags; one that is not STOPPED gets a
// ConflictException.
func (s *service) DeleteInferenceScheduler(ctx context.Context, req *lookout.DeleteInferenceSchedulerRequest) (*lookout.DeleteInferenceSchedulerResponse, error) {
	if err := s.st.DeleteScheduler(ctx, req.InferenceSchedulerName); err != nil {
		return nil, serviceError(err)
	}
	if s.infer != nil {
		s.infer.remove(req.InferenceSchedulerName)
	}
	return &lookout.DeleteInferenceSchedulerResponse{}, nil
}

// ListInferenceExecutions returns a page of a scheduler's executions,
// newest first (by ScheduledStartTime), filtered by Status and by
// DataStartTimeAfter and DataEndTimeBefore (both inclusive, chosen).
func (s *service) ListInferenceExecutions(ctx context.Context, req *lookout.ListInferenceExecutionsRequest) (*lookout.ListInferenceExecutionsResponse, error) {
	sc, err := s.st.Scheduler(ctx, req.InferenceSchedulerName)
	if err != nil {
		return nil, serviceError(err)
	}
	f := store.ExecutionFilter{Status: string(req.Status)}
	if req.DataStartTimeAfter != nil {
		f.DataStartAfter = req.DataStartTimeAfter.Time()
	}
	if req.DataEndTimeBefore != nil {
		f.DataEndBefore = req.DataEndTimeBefore.Time()
	}
	list, next, err := s.st.ListExecutions(ctx, sc.Name, f, pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.ListInferenceExecutionsResponse{NextToken: optional(next),
		InferenceExecutionSummaries: make([]lookout.InferenceExecutionSummary, len(list))}
	for i, e := range list {
		cfg, err := decodeSchedulerConfig(e.Config)
		if err != nil {
			return nil, err
		}
		var ts timestamps
		sum := lookout.InferenceExecutionSummary{
			InferenceSchedulerName: sc.Name, InferenceSchedulerArn: sc.ARN, ModelName: sc.Model, ModelArn: sc.ModelARN,
			ScheduledStartTime: ts.of(e.Scheduled), DataStartTime: ts.of(e.DataStart), DataEndTime: ts.of(e.DataEnd),
			DataInputConfiguration: cfg.DataInputConfiguration, DataOutputConfiguration: cfg.DataOutputConfiguration,
			Status: lookout.InferenceExecutionStatus(e.Status), FailedReason: e.FailedReason,
			ModelVersionArn: e.ModelVersionARN,
		}
		if e.ModelVersion > 0 {
			sum.ModelVersion = new(e.ModelVersion)
		}
		if e.ResultKey != "" && e.Status == "SUCCESS" {
			sum.CustomerResultObject = &lookout.S3Object{Bucket: e.ResultBucket, Key: e.ResultKey}
		}
		resp.InferenceExecutionSummaries[i] = sum
	}
	return resp, nil
}

// ListInferenceEvents returns a page of a scheduler's events that overlap
// [IntervalStartTime, IntervalEndTime), by EventStartTime. An event still
// open (the last run's last line a prediction 1) is listed as it is so
// far.
func (s *service) ListInferenceEvents(ctx context.Context, req *lookout.ListInferenceEventsRequest) (*lookout.ListInferenceEventsResponse, error) {
	sc, err := s.st.Scheduler(ctx, req.InferenceSchedulerName)
	if err != nil {
		return nil, serviceError(err)
	}
	from, to := req.IntervalStartTime.Time(), req.IntervalEndTime.Time()
	if to.Before(from) {
		return nil, &lookout.ValidationException{Message: "IntervalEndTime " + to.Format(time.RFC3339Nano) +
			" is before IntervalStartTime " + from.Format(time.RFC3339Nano)}
	}
	list, next, err := s.st.ListEvents(ctx, sc.Name, from, to, pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.ListInferenceEventsResponse{NextToken: optional(next),
		InferenceEventSummaries: make([]lookout.InferenceEventSummary, len(list))}
	for i, e := range list {
		var ts timestamps
		resp.InferenceEventSummaries[i] = lookout.InferenceEventSummary{
			InferenceSchedulerName: sc.Name, InferenceSchedulerArn: sc.ARN,
			EventStartTime: ts.of(time.Unix(e.Start, 0).UTC()), EventEndTime: ts.of(time.Unix(e.End, 0).UTC()),
			EventDurationInSeconds: new(e.End - e.Start), Diagnostics: e.Diagnostics,
		}
	}
	return resp, nil
}

// schedulerError maps the store's scheduler conflicts to the service's
// ConflictException.
func schedulerError(err error) (error, bool) {
	var sc *store.SchedulerConflictError
	if errors.As(err, &sc) {
		return &lookout.ConflictException{Message: sc.Error()}, true
	}
	return nil, false
}
