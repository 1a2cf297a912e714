package ingest

import "slices"

// tsRun is a part's supported timestamps, in file order, kept for the
// duplicates and gaps of its component (section 4).
//
// While the timestamps come in time order (none below the one before),
// tsRun keeps their summary: the first and last, how many repeat the one
// before (duplicates) and the gaps between consecutive distinct ones. The
// component's figures then need nothing else when its parts do not
// overlap in time. The timestamps themselves are kept as runs of equal
// steps: a record every 10 seconds, however many, is one run, so that
// time-ordered data sampled at a fixed rate (with pauses, restarts and
// repeats) takes no memory per record. Chosen: when the steps change so
// often that the runs would take more than the timestamps (more than one
// run per four timestamps), or once a timestamp comes out of order, they
// are kept as they are, 8 bytes a timestamp in chunks, as before; out of
// order, the summary no longer holds and the component merges the
// timestamps (duplicates).
type tsRun struct {
	n           int64
	first, last int64
	// unordered: a timestamp came below the one before it; dups and gaps
	// are then meaningless.
	unordered bool
	dups      int64
	gaps      gapStats

	// The timestamps: first, then the steps, while raw is false; in raw
	// chunks (each at most tsChunk, and cur the one being filled) once
	// raw is true.
	steps []tsStep
	raw   bool
	ts    [][]int64
	cur   []int64
}

// tsStep is a run of count timestamps, each step after the one before.
type tsStep struct {
	step, count int64
}

// tsChunk is the most timestamps a raw chunk holds.
const tsChunk = 64 << 10

// add takes the part's next timestamp.
func (r *tsRun) add(t int64) {
	if r.n == 0 {
		r.first, r.last, r.n = t, t, 1
		if r.raw {
			r.addRaw(t)
		}
		return
	}
	d := t - r.last
	switch {
	case d < 0 && !r.unordered:
		r.unordered = true
		r.toRaw()
	case d == 0:
		r.dups++
	case d > 0:
		r.gaps.add(d)
	}
	r.last = t
	r.n++
	if r.raw {
		r.addRaw(t)
		return
	}
	if k := len(r.steps); k > 0 && r.steps[k-1].step == d {
		r.steps[k-1].count++
		return
	}
	r.steps = append(r.steps, tsStep{d, 1})
	if int64(len(r.steps)) > 64 && int64(len(r.steps)) > r.n/4 {
		r.toRaw()
	}
}

// addRaw appends t to the raw chunks.
func (r *tsRun) addRaw(t int64) {
	if len(r.cur) == cap(r.cur) {
		r.flush()
		r.cur = make([]int64, 0, min(max(2*cap(r.cur), 1024), tsChunk))
	}
	r.cur = append(r.cur, t)
}

// flush moves the chunk being filled to the run's chunks.
func (r *tsRun) flush() {
	if len(r.cur) > 0 {
		r.ts = append(r.ts, r.cur)
	}
	r.cur = nil
}

// toRaw turns the runs of steps into raw chunks.
func (r *tsRun) toRaw() {
	if r.raw {
		return
	}
	r.raw = true
	if r.n == 0 {
		return
	}
	// The last timestamp is not in the steps yet when add turns raw on
	// an unordered one.
	steps := r.steps
	r.steps = nil
	t := r.first
	r.addRaw(t)
	for _, s := range steps {
		for range s.count {
			t += s.step
			r.addRaw(t)
		}
	}
}

// chunks returns the timestamps in file order, in chunks (the runs of
// steps unrolled: new memory for those).
func (r *tsRun) chunks() [][]int64 {
	if r.n == 0 {
		return nil
	}
	if r.raw {
		r.flush()
		return r.ts
	}
	ts := make([]int64, 0, r.n)
	t := r.first
	ts = append(ts, t)
	for _, s := range r.steps {
		for range s.count {
			t += s.step
			ts = append(ts, t)
		}
	}
	return [][]int64{ts}
}

// sortedChunks returns the timestamps in chunks that are each sorted
// (sorting raw chunks in place).
func (r *tsRun) sortedChunks() [][]int64 {
	cs := r.chunks()
	for _, c := range cs {
		if !slices.IsSorted(c) {
			slices.Sort(c)
		}
	}
	return cs
}
