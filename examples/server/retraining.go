package main

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// The retraining schedulers: RetrainingFrequency from P30D to P1Y in days
// (a month 30, a year 365), LookbackWindow P180D to P720D, Delete only
// when STOPPED. The choices where the service's documentation is silent:
//
//   - A new scheduler is PENDING and makes no run until
//     StartRetrainingScheduler makes it RUNNING; StopRetrainingScheduler
//     makes it STOPPING, and the scheduling loop makes it STOPPED once no
//     run is under way. Start is refused (ConflictException) unless the
//     scheduler is PENDING or STOPPED, Stop unless PENDING or RUNNING,
//     Update while STOPPING, Delete unless STOPPED.
//   - The runs fall at anchor + k × frequency (k = 0, 1, ...), on the
//     server's clock, a day 24 hours: the anchor is RetrainingStartDate
//     truncated to its UTC day, or, without one, the UTC day of the
//     creation plus one frequency. Start and Update schedule the first
//     run at or after the clock's time (the runs a stopped scheduler
//     missed are not made); the runs a RUNNING scheduler missed while the
//     server was down are made, in order, when it starts again.
//   - A run trains on the lookback window ending at the run's time. A run
//     the retrainer refuses (a training of the model under way, the store
//     failing) is tried again retrainingRetry later on the clock; a model
//     that no longer exists stops its scheduler.
//   - PromoteMode defaults to MANAGED.

// retrainingRetry is how long, on the server's clock, a run that could not
// be made waits before it is tried again.
const retrainingRetry = 10 * time.Minute

// frequencyPattern is the model's RetrainingFrequency pattern.
var frequencyPattern = regexp.MustCompile(`^P(?:(\d)Y)?(?:(\d{1,2})M)?(?:(\d{1,3})D)?$`)

// frequencyDays is the RetrainingFrequency s in days (a year 365 days, a
// month 30): a *lookout.ValidationException when it is not of the model's
// form, is P alone, or is not from 30 days to a year.
func frequencyDays(s string) (int, error) {
	m := frequencyPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, &lookout.ValidationException{Message: "RetrainingFrequency " + strconv.Quote(s) +
			" is not an ISO 8601 period of years, months and days (such as P3M15D)"}
	}
	days := 0
	for i, unit := range []int{365, 30, 1} {
		if m[i+1] != "" {
			n, _ := strconv.Atoi(m[i+1]) // at most 3 digits
			days += n * unit
		}
	}
	if days < 30 || days > 365 {
		return 0, &lookout.ValidationException{Message: "RetrainingFrequency " + s + " is " + strconv.Itoa(days) +
			" days: it must be from P30D to P1Y (30 to 365 days, a month counting 30 and a year 365)"}
	}
	return days, nil
}

// lookbackDays is the LookbackWindow s in days (the model's pattern allows
// P180D, P360D, P540D and P720D alone).
func lookbackDays(s string) (int, error) {
	d, ok := strings.CutPrefix(s, "P")
	d, ok2 := strings.CutSuffix(d, "D")
	n, err := strconv.Atoi(d)
	if !ok || !ok2 || err != nil || n != 180 && n != 360 && n != 540 && n != 720 {
		return 0, &lookout.ValidationException{Message: "LookbackWindow " + strconv.Quote(s) + " is not P180D, P360D, P540D or P720D"}
	}
	return n, nil
}

const day = 24 * time.Hour

// truncDay is t truncated to its UTC day.
func truncDay(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// anchorOf is the time a scheduler's runs count from: start truncated to
// its UTC day, or the day of created plus one frequency when start is nil.
func anchorOf(start *time.Time, created time.Time, freqDays int) time.Time {
	if start != nil {
		return truncDay(*start)
	}
	return truncDay(created).Add(time.Duration(freqDays) * day)
}

// firstRun is the first run anchor + k × freqDays days (k >= 0) at or after
// now.
func firstRun(anchor time.Time, freqDays int, now time.Time) time.Time {
	if !anchor.Before(now) {
		return anchor
	}
	period := time.Duration(freqDays) * day
	k := (now.Sub(anchor) + period - 1) / period
	return anchor.Add(k * period)
}

// retrainingLoop makes the runs of the RUNNING retraining schedulers, one
// at a time in the order of their times, and makes the STOPPING ones
// STOPPED. Its state is the store's; poke makes it look again.
type retrainingLoop struct {
	st  *store.Store
	log *slog.Logger
	// retrainer queues the trainings; nil until the models' part is wired
	// in, when every due run waits and is tried again.
	retrainer retrainer

	wake   chan struct{}
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once

	mu      sync.Mutex
	blocked map[string]time.Time // model → the clock's time before which its run is not tried again
}

func newRetrainingLoop(st *store.Store, r retrainer, log *slog.Logger) *retrainingLoop {
	ctx, cancel := context.WithCancel(context.Background())
	return &retrainingLoop{st: st, log: log, retrainer: r, wake: make(chan struct{}, 1), ctx: ctx, cancel: cancel,
		done: make(chan struct{}), blocked: map[string]time.Time{}}
}

// start starts the loop.
func (l *retrainingLoop) start() { go l.run() }

// stop stops the loop and waits for it; a run under way finishes first.
func (l *retrainingLoop) stop() {
	l.once.Do(func() {
		l.cancel()
		<-l.done
	})
}

// poke makes the loop read the schedulers again.
func (l *retrainingLoop) poke() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

func (l *retrainingLoop) run() {
	defer close(l.done)
	clk := l.st.Clock()
	for l.ctx.Err() == nil {
		next, err := l.step(clk.Now())
		if err != nil {
			if l.ctx.Err() != nil {
				return
			}
			l.log.Error("retraining schedulers: cannot read or update them", "error", err)
			next = clk.Now().Add(retrainingRetry)
		}
		if next.IsZero() || next.After(clk.Now()) {
			l.wait(clk.Wait, next)
		}
	}
}

// wait waits until the clock reaches next (forever when zero), a poke, or
// the loop's stop.
func (l *retrainingLoop) wait(until func(context.Context, time.Time) error, next time.Time) {
	ctx, cancel := context.WithCancel(l.ctx)
	defer cancel()
	if next.IsZero() {
		select {
		case <-l.wake:
		case <-ctx.Done():
		}
		return
	}
	go func() {
		select {
		case <-l.wake:
			cancel()
		case <-ctx.Done():
		}
	}()
	until(ctx, next) // ctx's end is a wake
}

// step makes STOPPING schedulers STOPPED and the first run due at now, and
// returns when the next run falls (zero: none), or now when it made one.
func (l *retrainingLoop) step(now time.Time) (time.Time, error) {
	list, err := l.st.ActiveRetrainingSchedulers(l.ctx)
	if err != nil {
		return time.Time{}, err
	}
	var next time.Time
	for _, r := range list {
		if r.Status == store.SchedulerStopping {
			if _, err := l.st.StoppedRetraining(l.ctx, r.Model); err != nil && !isNotFound(err) {
				return time.Time{}, err
			}
			continue
		}
		at := r.NextRun
		l.mu.Lock()
		if b, ok := l.blocked[r.Model]; ok && b.After(at) {
			at = b
		}
		l.mu.Unlock()
		if !at.After(now) {
			return now, l.runOnce(r, now)
		}
		if next.IsZero() || at.Before(next) {
			next = at
		}
	}
	return next, nil
}

// runOnce makes the run of r due at r.NextRun.
func (l *retrainingLoop) runOnce(r store.RetrainingScheduler, now time.Time) error {
	freq, err := frequencyDays(r.Frequency)
	if err != nil {
		return err
	}
	look, err := lookbackDays(r.Lookback)
	if err != nil {
		return err
	}
	to := r.NextRun
	from := to.Add(-time.Duration(look) * day)
	var version int64
	if l.retrainer == nil {
		err = errors.New("no retrainer: models cannot be trained")
	} else {
		version, err = l.retrainer.retrain(l.ctx, r.Model, from, to, lookout.ModelPromoteMode(r.Promote))
	}
	if isNotFound(err) {
		l.log.Warn("retraining scheduler stopped: its model does not exist", "model", r.Model)
		_, err := l.st.StoppedRetraining(l.ctx, r.Model)
		if isNotFound(err) {
			err = nil
		}
		return err
	}
	if err != nil {
		if l.ctx.Err() != nil {
			return l.ctx.Err()
		}
		l.log.Warn("retraining run not made; it is tried again later", "model", r.Model, "run", to,
			"error", err, "retry_at", now.Add(retrainingRetry))
		l.mu.Lock()
		l.blocked[r.Model] = now.Add(retrainingRetry)
		l.mu.Unlock()
		return nil
	}
	l.mu.Lock()
	delete(l.blocked, r.Model)
	l.mu.Unlock()
	l.log.Info("retraining run made", "model", r.Model, "run", to, "version", version)
	_, err = l.st.RetrainingRan(l.ctx, r.Model, to, to.Add(time.Duration(freq)*day))
	return err
}

func isNotFound(err error) bool {
	var nf *store.NotFoundError
	return errors.As(err, &nf)
}

// schedulerCheck validates the periods of a Create or Update: the
// frequency's days (0 when freq is "").
func schedulerCheck(freq, lookback string) (int, error) {
	days := 0
	if freq != "" {
		var err error
		if days, err = frequencyDays(freq); err != nil {
			return 0, err
		}
	}
	if lookback != "" {
		if _, err := lookbackDays(lookback); err != nil {
			return 0, err
		}
	}
	return days, nil
}

// modelOf returns the ARN of the model named name, through s.modelARN: a
// ResourceNotFoundException when it does not exist.
func (s *service) modelOf(ctx context.Context, name string) (string, error) {
	arn, err := s.modelARN(ctx, name)
	if err != nil {
		return "", serviceError(err)
	}
	return arn, nil
}

// storedModelARN is the service's modelARN: the ARN of the model the store
// holds under name, or its *store.NotFoundError.
func (s *service) storedModelARN(ctx context.Context, name string) (string, error) {
	m, err := s.st.Model(ctx, name)
	if err != nil {
		return "", err
	}
	return m.ARN, nil
}

// CreateRetrainingScheduler stores a scheduler, PENDING, for an existing
// model that has none.
func (s *service) CreateRetrainingScheduler(ctx context.Context, req *lookout.CreateRetrainingSchedulerRequest) (*lookout.CreateRetrainingSchedulerResponse, error) {
	days, err := schedulerCheck(req.RetrainingFrequency, req.LookbackWindow)
	if err != nil {
		return nil, err
	}
	arn, err := s.modelOf(ctx, req.ModelName)
	if err != nil {
		return nil, err
	}
	promote := string(req.PromoteMode)
	if promote == "" {
		promote = string(lookout.ModelPromoteModeManaged)
	}
	n := store.NewRetrainingScheduler{
		Model: strings.Clone(req.ModelName), ModelARN: arn,
		Frequency: strings.Clone(req.RetrainingFrequency), Lookback: strings.Clone(req.LookbackWindow), Promote: promote,
		ClientToken: strings.Clone(req.ClientToken),
	}
	if req.RetrainingStartDate != nil {
		t := truncDay(req.RetrainingStartDate.Time())
		n.Start = &t
	}
	now := s.st.Clock().Now()
	n.Anchor = anchorOf(n.Start, now, days)
	n.NextRun = firstRun(n.Anchor, days, now)
	r, _, err := s.st.CreateRetrainingScheduler(ctx, n)
	if err != nil {
		return nil, serviceError(err)
	}
	return &lookout.CreateRetrainingSchedulerResponse{ModelArn: r.ModelARN, ModelName: r.Model,
		Status: lookout.RetrainingSchedulerStatus(r.Status)}, nil
}

// DescribeRetrainingScheduler returns the scheduler of a model.
func (s *service) DescribeRetrainingScheduler(ctx context.Context, req *lookout.DescribeRetrainingSchedulerRequest) (*lookout.DescribeRetrainingSchedulerResponse, error) {
	r, err := s.st.RetrainingScheduler(ctx, req.ModelName)
	if err != nil {
		return nil, serviceError(err)
	}
	return &lookout.DescribeRetrainingSchedulerResponse{
		ModelName: r.Model, ModelArn: r.ModelARN, RetrainingFrequency: r.Frequency, LookbackWindow: r.Lookback,
		PromoteMode: lookout.ModelPromoteMode(r.Promote), RetrainingStartDate: startDate(r),
		Status: lookout.RetrainingSchedulerStatus(r.Status), CreatedAt: stamp(r.CreatedAt), UpdatedAt: stamp(r.UpdatedAt),
	}, nil
}

// startDate is the RetrainingStartDate a scheduler reports: the one given,
// truncated to its day, else its first run's anchor.
func startDate(r store.RetrainingScheduler) *lookout.Timestamp {
	if r.Start != nil {
		return stamp(*r.Start)
	}
	return stamp(r.Anchor)
}

func stamp(t time.Time) *lookout.Timestamp {
	ts := lookout.TimestampOf(t)
	return &ts
}

// ListRetrainingSchedulers returns a page of the schedulers, in the order
// of their models' names.
func (s *service) ListRetrainingSchedulers(ctx context.Context, req *lookout.ListRetrainingSchedulersRequest) (*lookout.ListRetrainingSchedulersResponse, error) {
	list, next, err := s.st.ListRetrainingSchedulers(ctx,
		store.RetrainingFilter{NameBeginsWith: req.ModelNameBeginsWith, Status: store.SchedulerStatus(req.Status)},
		pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		return nil, serviceError(err)
	}
	out := &lookout.ListRetrainingSchedulersResponse{RetrainingSchedulerSummaries: make([]lookout.RetrainingSchedulerSummary, len(list))}
	for i, r := range list {
		out.RetrainingSchedulerSummaries[i] = lookout.RetrainingSchedulerSummary{
			ModelName: r.Model, ModelArn: r.ModelARN, RetrainingFrequency: r.Frequency, LookbackWindow: r.Lookback,
			RetrainingStartDate: startDate(r), Status: lookout.RetrainingSchedulerStatus(r.Status),
		}
	}
	if next != "" {
		out.NextToken = &next
	}
	return out, nil
}

// UpdateRetrainingScheduler changes the members given; a new frequency or
// start date moves the anchor, and the next run is the first at or after
// the clock's time.
func (s *service) UpdateRetrainingScheduler(ctx context.Context, req *lookout.UpdateRetrainingSchedulerRequest) (*lookout.UpdateRetrainingSchedulerResponse, error) {
	days, err := schedulerCheck(req.RetrainingFrequency, req.LookbackWindow)
	if err != nil {
		return nil, err
	}
	old, err := s.st.RetrainingScheduler(ctx, req.ModelName)
	if err != nil {
		return nil, serviceError(err)
	}
	if days == 0 {
		if days, err = frequencyDays(old.Frequency); err != nil {
			return nil, err
		}
	}
	u := store.RetrainingUpdate{Frequency: strings.Clone(req.RetrainingFrequency), Lookback: strings.Clone(req.LookbackWindow),
		Promote: string(req.PromoteMode)}
	start := old.Start
	if req.RetrainingStartDate != nil {
		t := truncDay(req.RetrainingStartDate.Time())
		u.Start, start = &t, &t
	}
	u.Anchor = anchorOf(start, old.CreatedAt, days)
	u.NextRun = firstRun(u.Anchor, days, s.st.Clock().Now())
	if _, err := s.st.UpdateRetrainingScheduler(ctx, req.ModelName, u); err != nil {
		return nil, serviceError(err)
	}
	s.pokeRetraining()
	return &lookout.UpdateRetrainingSchedulerResponse{}, nil
}

// StartRetrainingScheduler makes a PENDING or STOPPED scheduler RUNNING.
func (s *service) StartRetrainingScheduler(ctx context.Context, req *lookout.StartRetrainingSchedulerRequest) (*lookout.StartRetrainingSchedulerResponse, error) {
	old, err := s.st.RetrainingScheduler(ctx, req.ModelName)
	if err != nil {
		return nil, serviceError(err)
	}
	days, err := frequencyDays(old.Frequency)
	if err != nil {
		return nil, err
	}
	r, err := s.st.StartRetrainingScheduler(ctx, req.ModelName, firstRun(old.Anchor, days, s.st.Clock().Now()))
	if err != nil {
		return nil, serviceError(err)
	}
	s.pokeRetraining()
	return &lookout.StartRetrainingSchedulerResponse{ModelName: r.Model, ModelArn: r.ModelARN,
		Status: lookout.RetrainingSchedulerStatus(r.Status)}, nil
}

// StopRetrainingScheduler makes a PENDING or RUNNING scheduler STOPPING;
// the loop makes it STOPPED.
func (s *service) StopRetrainingScheduler(ctx context.Context, req *lookout.StopRetrainingSchedulerRequest) (*lookout.StopRetrainingSchedulerResponse, error) {
	r, err := s.st.StopRetrainingScheduler(ctx, req.ModelName)
	if err != nil {
		return nil, serviceError(err)
	}
	s.pokeRetraining()
	return &lookout.StopRetrainingSchedulerResponse{ModelName: r.Model, ModelArn: r.ModelARN,
		Status: lookout.RetrainingSchedulerStatus(r.Status)}, nil
}

// DeleteRetrainingScheduler deletes a STOPPED scheduler.
func (s *service) DeleteRetrainingScheduler(ctx context.Context, req *lookout.DeleteRetrainingSchedulerRequest) (*lookout.DeleteRetrainingSchedulerResponse, error) {
	if err := s.st.DeleteRetrainingScheduler(ctx, req.ModelName); err != nil {
		return nil, serviceError(err)
	}
	return &lookout.DeleteRetrainingSchedulerResponse{}, nil
}

// pokeRetraining makes the scheduling loop, when there is one, look again.
func (s *service) pokeRetraining() {
	if s.retraining != nil {
		s.retraining.poke()
	}
}
