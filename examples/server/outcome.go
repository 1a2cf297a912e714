package main

import (
	"context"
	"errors"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
)

// The backoff between the attempts to store a job's outcome: the first
// wait, doubled after each failure up to the last.
const (
	finishFirstWait = 20 * time.Millisecond
	finishMaxWait   = 5 * time.Second
)

// finish stores the outcome of the job id, and returns the job.
//
// The outcome is stored even when the runner is stopping: the check is
// done. A failure of the store (a full disk, a database another program
// holds busy, an I/O error) is logged and the outcome stored again after a
// wait, doubled after each failure from finishFirstWait up to
// finishMaxWait, until it is stored: a job is never left IN_PROGRESS, its
// work done, for as long as the server runs. When the runner stops
// meanwhile, finish gives up and the job stays IN_PROGRESS, to run again
// at the next start. A verdict of the store's rules (the job deleted with
// its dataset, or already finished) ends it at once; it is returned, and
// logged when it is not a deletion.
func (r *runner) finish(id string, out store.Outcome) (store.Job, error) {
	wait := finishFirstWait
	for attempt := 1; ; attempt++ {
		job, err := r.st.FinishJob(context.Background(), id, out)
		if err == nil {
			if attempt > 1 {
				r.log.Info("job outcome stored after failures", "job_id", id, "attempts", attempt)
			}
			return job, nil
		}
		var (
			nf *store.NotFoundError
			cf *store.ConflictError
		)
		switch {
		case errors.As(err, &nf):
			return store.Job{}, err // deleted with its dataset meanwhile
		case errors.As(err, &cf), errors.Is(err, store.ErrClosed):
			r.log.Error("job outcome not stored", "job_id", id, "error", err)
			return store.Job{}, err
		}
		r.log.Error("job outcome not stored; storing it again", "job_id", id, "attempt", attempt,
			"error", err, "retry_in", wait)
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-r.ctx.Done():
			t.Stop()
			r.log.Warn("job outcome not stored before the server stopped; the job runs again at the next start",
				"job_id", id)
			return store.Job{}, err
		}
		wait = min(2*wait, finishMaxWait)
	}
}
