package main

import (
	"container/heap"
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/clock"
	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout/inference"
)

// defaultInferenceWorkers is how many inference runs are made at once
// (chosen: a run of an hour at 1 s over 30 sensors takes a seventh of a
// second of one core, BenchmarkInferenceRun; a small run mostly waits on
// storage, its results synced and its two commits, so that more runs than
// cores in flight keep 1,000 schedulers waking at once on time,
// TestManySchedulers; the others wait their turn in time order).
const defaultInferenceWorkers = 8

// inferer makes the runs of every RUNNING inference scheduler on the
// server's clock: one loop for all of them, waiting on a heap of their
// next wake-ups (store.Scheduler.Next), hands each run that is due to a
// bounded pool of workers, the earliest first. A scheduler's runs are made
// one at a time and in order: a run that falls behind the clock (the
// server down, the workers busy) is made as soon as a worker is free, then
// the next, until the scheduler has caught up. Each run is recorded
// IN_PROGRESS, then, with its outcome, events and the scheduler's next
// wake-up, in one commit: a run the server did not finish is made again
// when it starts.
type inferer struct {
	st     *store.Store
	clock  *clock.Clock
	models func() trainedModels // the service's, read at each run
	src    sources
	out    outputs
	log    *slog.Logger

	sem  chan struct{} // the pool's free places
	wake chan struct{} // the heap changed

	mu      sync.Mutex
	entries map[string]*schedEntry // every scheduler scheduled, by name
	due     schedHeap              // those not busy, by next wake-up

	wg     sync.WaitGroup
	cancel context.CancelFunc
	done   chan struct{}
}

// schedEntry is a scheduler in the loop.
type schedEntry struct {
	name string
	id   int64
	next time.Time
	busy bool // a worker is making one of its runs
	// stopping: a stop came while a run was in progress (the store has
	// the scheduler STOPPING); the run's end makes it STOPPED.
	stopping bool
	index    int // in the heap; -1 when not in it
}

// schedHeap orders entries by next wake-up, then by name.
type schedHeap []*schedEntry

func (h schedHeap) Len() int { return len(h) }
func (h schedHeap) Less(i, j int) bool {
	if !h[i].next.Equal(h[j].next) {
		return h[i].next.Before(h[j].next)
	}
	return h[i].name < h[j].name
}
func (h schedHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *schedHeap) Push(x any) {
	e := x.(*schedEntry)
	e.index = len(*h)
	*h = append(*h, e)
}
func (h *schedHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	e.index = -1
	return e
}

func newInferer(st *store.Store, src sources, out outputs, models func() trainedModels, workers int, logger *slog.Logger) *inferer {
	return &inferer{
		st: st, clock: st.Clock(), models: models, src: src, out: out, log: logger,
		sem: make(chan struct{}, max(workers, 1)), wake: make(chan struct{}, 1),
		entries: make(map[string]*schedEntry),
	}
}

// start schedules the schedulers RUNNING when the server last stopped
// (their missed runs first, in order) and makes STOPPED those it left
// STOPPING (no run is in progress at start), then starts the loop.
func (f *inferer) start(ctx context.Context) error {
	list, err := f.st.RunningSchedulers(ctx)
	if err != nil {
		return err
	}
	for _, sc := range list {
		if sc.Status == "STOPPING" {
			if _, err := f.st.Stopped(ctx, sc.ID); err != nil {
				return err
			}
			continue
		}
		f.add(sc.Name, sc.ID, sc.Next)
	}
	ctx, f.cancel = context.WithCancel(context.WithoutCancel(ctx))
	f.done = make(chan struct{})
	go f.loop(ctx)
	return nil
}

// stop ends the loop and waits for the runs in progress, which end at
// once, unrecorded: they are made again at the next start.
func (f *inferer) stop() {
	if f.cancel == nil {
		return
	}
	f.cancel()
	<-f.done
	f.wg.Wait()
}

// add schedules the scheduler name (or moves its next wake-up).
func (f *inferer) add(name string, id int64, next time.Time) {
	f.mu.Lock()
	e, ok := f.entries[name]
	if !ok || e.id != id {
		if ok && e.index >= 0 {
			heap.Remove(&f.due, e.index)
		}
		e = &schedEntry{name: name, id: id, index: -1}
		f.entries[name] = e
	}
	e.next = next
	if !e.busy {
		if e.index >= 0 {
			heap.Fix(&f.due, e.index)
		} else {
			heap.Push(&f.due, e)
		}
	}
	f.mu.Unlock()
	f.notify()
}

// remove unschedules the scheduler name.
func (f *inferer) remove(name string) {
	f.mu.Lock()
	if e, ok := f.entries[name]; ok {
		if e.index >= 0 {
			heap.Remove(&f.due, e.index)
		}
		delete(f.entries, name)
	}
	f.mu.Unlock()
	f.notify()
}

// stopScheduler stops the scheduler name in the store: STOPPING when one
// of its runs is in progress (the run's end makes it STOPPED), else
// STOPPED at once. The decision and the write are made under the loop's
// lock, so that a run that ends meanwhile sees the one or the other.
func (f *inferer) stopScheduler(ctx context.Context, name string) (store.Scheduler, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, ok := f.entries[name]
	sc, err := f.st.StopScheduler(ctx, name, ok && e.busy)
	if err != nil {
		return sc, err
	}
	if sc.Status == "STOPPING" && ok {
		e.stopping = true
	}
	if sc.Status == "STOPPED" && ok {
		if e.index >= 0 {
			heap.Remove(&f.due, e.index)
		}
		delete(f.entries, name)
	}
	return sc, nil
}

func (f *inferer) notify() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// loop hands the due runs to the workers, the earliest first, and waits
// on the clock for the next wake-up.
func (f *inferer) loop(ctx context.Context) {
	defer close(f.done)
	for {
		f.mu.Lock()
		var next time.Time
		var e *schedEntry
		if len(f.due) > 0 {
			next = f.due[0].next
			if !next.After(f.clock.Now()) {
				e = heap.Pop(&f.due).(*schedEntry)
				e.busy = true
			}
		}
		f.mu.Unlock()
		switch {
		case e != nil:
			select {
			case f.sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			f.wg.Add(1)
			go f.work(ctx, e)
		case next.IsZero():
			select {
			case <-f.wake:
			case <-ctx.Done():
				return
			}
		default:
			wctx, cancel := context.WithCancel(ctx)
			go func() {
				select {
				case <-f.wake:
					cancel()
				case <-wctx.Done():
				}
			}()
			_ = f.clock.Wait(wctx, next)
			cancel()
			if ctx.Err() != nil {
				return
			}
		}
	}
}

// work makes the run of e that is due, then puts e back in the heap at
// its next wake-up (or leaves it out, when the scheduler is no longer
// RUNNING).
func (f *inferer) work(ctx context.Context, e *schedEntry) {
	defer f.wg.Done()
	defer func() { <-f.sem }()
	next, keep := f.runOnce(ctx, e)
	f.mu.Lock()
	e.busy = false
	stopping := e.stopping
	e.stopping = false
	cur, ok := f.entries[e.name]
	if ok && cur == e {
		if keep && ctx.Err() == nil {
			if e.next.Before(next) {
				e.next = next
			}
			heap.Push(&f.due, e)
		} else if !keep {
			delete(f.entries, e.name)
		}
	}
	f.mu.Unlock()
	if stopping && ctx.Err() == nil {
		// The run's end makes a STOPPING scheduler STOPPED (only then
		// a write: the writer is not asked for each of the many runs).
		if _, err := f.st.Stopped(ctx, e.id); err != nil && ctx.Err() == nil {
			f.log.Error("inference scheduler: recording a stop", "scheduler", e.name, "error", err)
		}
	}
	f.notify()
}

// runOnce makes the scheduler's run due at its stored next wake-up and
// records it. It returns the next wake-up, and keep false when the
// scheduler is gone or no longer RUNNING.
func (f *inferer) runOnce(ctx context.Context, e *schedEntry) (time.Time, bool) {
	sc, err := f.st.Scheduler(ctx, e.name)
	var nf *store.NotFoundError
	switch {
	case errors.As(err, &nf):
		return time.Time{}, false
	case err != nil:
		f.log.Error("inference scheduler: reading", "scheduler", e.name, "error", err)
		return f.clock.Now().Add(time.Minute), true // chosen: looked at again a minute later
	case sc.ID != e.id || sc.Status != "RUNNING":
		return time.Time{}, false
	case sc.Next.After(f.clock.Now()):
		return sc.Next, true
	}
	cfg, err := decodeSchedulerConfig(sc.Config)
	var in *inference.Config
	if err == nil {
		in, err = cfg.inputConfig()
	}
	if err != nil {
		f.log.Error("inference scheduler: configuration", "scheduler", e.name, "error", err)
		return time.Time{}, false
	}
	run := inference.Run{Scheduled: sc.Next, Window: in.Schedule.Window(sc.Next)}
	next := in.Schedule.Next(sc.Next.Add(time.Nanosecond))
	var m trainedModel
	var oc runOutcome
	models := f.models()
	if models == nil {
		oc = runFailed(modelGoneReason(sc.Model))
	} else if m, err = models.active(ctx, sc.Model); err != nil {
		if !errors.As(err, &nf) {
			if ctx.Err() == nil {
				f.log.Error("inference scheduler: reading the model", "scheduler", e.name, "error", err)
			}
			return f.clock.Now().Add(time.Minute), true
		}
		oc = runFailed(modelGoneReason(sc.Model))
	}
	exec := store.Execution{Scheduled: run.Scheduled, DataStart: run.Window.Start, DataEnd: run.Window.End,
		ModelVersion: m.Version, ModelVersionARN: m.VersionARN, Config: sc.Config, Started: f.clock.Now()}
	if err := f.st.BeginExecution(ctx, sc.ID, exec); err != nil {
		return time.Time{}, !errors.As(err, &nf) && ctx.Err() == nil
	}
	if oc.Status == "" {
		open, err := f.st.OpenEvent(ctx, sc.ID)
		if err != nil {
			return f.clock.Now().Add(time.Minute), ctx.Err() == nil
		}
		bucket, prefix := cfg.output()
		oc, err = makeRun(ctx, f.src.bucket(in.Bucket), f.out, &m, in, bucket, prefix, run, open)
		if err != nil {
			return time.Time{}, false // ctx ended: made again at the next start
		}
	}
	exec.Status, exec.FailedReason = oc.Status, oc.FailedReason
	exec.ResultBucket, exec.ResultKey = oc.ResultBucket, oc.ResultKey
	err = f.st.FinishExecution(ctx, store.Finished{Scheduler: sc.ID, Execution: exec, CloseOpen: true,
		Events: oc.Events, Latest: oc.Latest, Next: next})
	if err != nil {
		if !errors.As(err, &nf) && ctx.Err() == nil {
			f.log.Error("inference scheduler: recording a run", "scheduler", e.name, "error", err)
		}
		return time.Time{}, false
	}
	f.log.Debug("inference run", "scheduler", e.name, "scheduled", run.Scheduled, "status", oc.Status)
	return next, true
}

// modelGoneReason is the FailedReason of a run whose model was deleted
// (chosen: the service's text is not public).
func modelGoneReason(model string) string {
	return "The model " + model + " of the inference scheduler does not exist: it was deleted"
}
