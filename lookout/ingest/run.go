package ingest

import (
	"context"
	"errors"
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// fileState is one matched file, while it is read and once it is.
type fileState struct {
	idx  int
	key  string
	comp string
	size int64

	discard *Discard // set before reading (key rules) or by decide
	readErr error    // the read failed: the job fails (section 5)
	// The first unsupported timestamps and their count, kept whatever
	// becomes of the file.
	samples     []TimestampSample
	unsupported int64

	// Reading, in parts: part k starts after the first line break at or
	// after bounds[k]-1 and ends at the first record start at or after
	// bounds[k+1]; a part whose start does not meet its predecessor's end
	// (a line break inside quotes) is read again from that end.
	nparts    int
	bounds    []int64
	parts     []*part
	gen       []int
	next      int
	end       int64
	lineBase  int64
	fig       fileFigures
	done      bool
	abandoned atomic.Bool

	// Once done (decide).
	hdr     *header
	badName bool // a header name is invalid: the job fails
	wide    bool // more header names than a job may have sensors
}

// fileFigures are a file's figures: its parts' summed.
type fileFigures struct {
	dataRecords int64
	records     int64
	unsupported int64
	ragged      int64
	minT, maxT  int64
	cols        []colFigures
	ts          []*tsRun // the parts' timestamps, in file order
}

func (f *fileFigures) add(p *part) {
	f.dataRecords += p.dataRecords
	f.records += p.records
	f.unsupported += p.unsupported
	f.ragged += p.ragged
	if p.records > 0 {
		f.minT = min(f.minT, p.minT)
		f.maxT = max(f.maxT, p.maxT)
	}
	if f.cols == nil {
		f.cols = p.cols
	} else {
		for k := range min(len(f.cols), len(p.cols)) {
			c, d := &f.cols[k], &p.cols[k]
			c.missing += d.missing
			c.invalid += d.invalid
			c.valid += d.valid
			c.minT = min(c.minT, d.minT)
			c.maxT = max(c.maxT, d.maxT)
			c.vals.merge(&d.vals)
		}
	}
	if p.ts.n > 0 {
		f.ts = append(f.ts, &p.ts)
	}
}

// task is one part of a file to read.
type task struct {
	f     *fileState
	k     int
	gen   int
	start int64 // where to open
	seek  bool  // the part starts after the first line break from start
	limit int64
	ncols int
}

// taskQueue holds the parts waiting to be read.
type taskQueue []*task

func (q *taskQueue) push(t *task) { *q = append(*q, t) }
func (q *taskQueue) clear()       { *q = nil }

// before orders tasks by file, then part.
func (t *task) before(u *task) bool {
	if t.f.idx != u.f.idx {
		return t.f.idx < u.f.idx
	}
	return t.k < u.k
}

type partResult struct {
	t *task
	p part
}

// run reads the files of one check.
type run struct {
	ctx   context.Context
	src   Source
	cfg   *config
	sc    *schemaIndex
	files []*fileState

	mu    sync.Mutex
	cond  *sync.Cond
	queue taskQueue
	// ahead is how many parts of a file may be read past the first one
	// not yet taken in: parts read ahead of a quoted field that spans
	// them are thrown away, and so bounded.
	ahead  int
	closed bool

	bufs      sync.Pool // parsers' buffers
	results   chan partResult
	bytesRead atomic.Int64
	filesDone atomic.Int64

	// Components, summed up as their last file is done.
	left   map[string]int // files of a component not yet done
	byComp map[string][]*fileState
	comps  []*compResult
	bucket string
}

func newRun(ctx context.Context, src Source, cfg *config, sc *schemaIndex, files []*fileState) *run {
	r := &run{ctx: ctx, src: src, cfg: cfg, sc: sc, files: files, left: map[string]int{}, byComp: map[string][]*fileState{},
		ahead: 2 * cfg.workers}
	r.cond = sync.NewCond(&r.mu)
	r.results = make(chan partResult, cfg.workers)
	return r
}

// next returns the next task, or nil once the run is closed.
func (r *run) nextTask() *task {
	r.mu.Lock()
	defer r.mu.Unlock()
	for !r.closed {
		best := -1
		for i, t := range r.queue {
			if t.k < t.f.next+r.ahead && (best < 0 || t.before(r.queue[best])) {
				best = i
			}
		}
		if best >= 0 {
			t := r.queue[best]
			last := len(r.queue) - 1
			r.queue[best] = r.queue[last]
			r.queue[last] = nil
			r.queue = r.queue[:last]
			return t
		}
		r.cond.Wait()
	}
	return nil
}

// run reads every file, summing up each component as its last file is
// done. It returns ctx's error when ctx is done first.
func (r *run) run() error {
	var totalBytes int64
	for _, f := range r.files {
		r.left[f.comp]++
		r.byComp[f.comp] = append(r.byComp[f.comp], f)
		if f.discard == nil {
			totalBytes += f.size
		}
	}
	// Files the key rules discard are done already.
	pending := 0
	for _, f := range r.files {
		if f.discard != nil {
			r.fileDone(f)
			continue
		}
		pending++
		f.fig.minT, f.fig.maxT = math.MaxInt64, math.MinInt64
		f.nparts = 1
		f.parts = make([]*part, 1)
		f.gen = make([]int, 1)
		t := &task{f: f, limit: math.MaxInt64}
		// The parts do not depend on the number of workers (one reads
		// them in turn): the heuristics' moments, merged part by part,
		// are then the same on any number of cores (section 4b).
		if f.size >= 2*r.cfg.partSize {
			n := int((f.size + r.cfg.partSize - 1) / r.cfg.partSize)
			f.bounds = make([]int64, n+1)
			for k := range n {
				f.bounds[k] = int64(k) * r.cfg.partSize
			}
			f.bounds[n] = math.MaxInt64
		}
		r.queue.push(t)
	}

	var wg sync.WaitGroup
	for range r.cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := r.nextTask(); t != nil; t = r.nextTask() {
				r.results <- partResult{t, r.read(t)}
			}
		}()
	}
	var stopTicker func()
	if r.cfg.progress != nil {
		stopTicker = r.ticker(totalBytes)
	}
	// shutdown stops the workers; with wait, it waits for them. A check
	// whose ctx is done does not wait: a read stuck in the source (a
	// stalled disk, a network file system) must not hold up a program
	// that was told to stop; the workers end as their reads do, and find
	// the run closed.
	shutdown := func(wait bool) {
		r.mu.Lock()
		r.closed = true
		r.queue.clear()
		r.mu.Unlock()
		r.cond.Broadcast()
		for _, f := range r.files {
			f.abandoned.Store(true)
		}
		go func() { wg.Wait(); close(r.results) }()
		if wait {
			for range r.results {
			}
		} else {
			go func() {
				for range r.results {
				}
			}()
		}
		if stopTicker != nil {
			stopTicker()
		}
	}
	for pending > 0 {
		select {
		case <-r.ctx.Done():
			shutdown(false)
			return r.ctx.Err()
		case pr := <-r.results:
			if r.collect(pr) {
				pending--
			}
		}
	}
	shutdown(true)
	if err := r.ctx.Err(); err != nil {
		return err
	}
	return nil
}

// ticker reports progress every interval until the function it returns is
// called, which reports it once more.
func (r *run) ticker(total int64) func() {
	done := make(chan struct{})
	stopped := make(chan struct{})
	report := func() {
		b := min(r.bytesRead.Load(), total)
		r.cfg.progress(Progress{BytesDone: b, BytesTotal: total, FilesDone: int(r.filesDone.Load()), FilesTotal: len(r.files)})
	}
	go func() {
		defer close(stopped)
		t := time.NewTicker(r.cfg.every)
		defer t.Stop()
		for {
			select {
			case <-done:
				report()
				return
			case <-t.C:
				report()
			}
		}
	}()
	return func() { close(done); <-stopped }
}

// read reads one part.
func (r *run) read(t *task) part {
	f := t.f
	first := f.size // open-ended: read to the end
	if t.limit != math.MaxInt64 {
		first = min(t.limit+slack, f.size)
	}
	rr := newRangeReader(r.ctx, r.src, f.key, f.size, t.start, first)
	defer rr.Close()
	p := parser{
		r: rr, base: t.start, withHeader: t.start == 0 && !t.seek, seek: t.seek,
		ncols: t.ncols, limit: t.limit, progress: &r.bytesRead, maxField: r.cfg.maxField,
		buf:  r.getBuf(),
		stop: func() bool { return f.abandoned.Load() || r.ctx.Err() != nil },
	}
	if p.withHeader && f.bounds != nil {
		p.onHeader = func(ncols int) int64 { return r.split(f, ncols, &p) }
	}
	res := p.run()
	r.putBuf(p.buf)
	return res
}

// getBuf returns a parser's buffer, from those the run's parts are done
// with when there is one.
func (r *run) getBuf() []byte {
	if b, ok := r.bufs.Get().(*[]byte); ok {
		return *b
	}
	return make([]byte, r.cfg.bufSize)
}

// putBuf keeps a parser's buffer for the next part, unless it grew large.
func (r *run) putBuf(b []byte) {
	if len(b) <= 4*r.cfg.bufSize {
		r.bufs.Put(&b)
	}
}

// split schedules the parts of f after the first once its header is read
// (p is the first part's parser), and returns the first part's limit.
func (r *run) split(f *fileState, ncols int, p *parser) int64 {
	n := len(f.bounds) - 1
	if p.at >= f.bounds[1] {
		return math.MaxInt64 // a header longer than a part: read the file whole
	}
	r.mu.Lock()
	f.nparts = n
	f.parts = make([]*part, n)
	f.gen = make([]int, n)
	for k := 1; k < n; k++ {
		r.queue.push(&task{f: f, k: k, start: f.bounds[k] - 1, seek: true, limit: f.bounds[k+1], ncols: ncols})
	}
	r.mu.Unlock()
	r.cond.Broadcast()
	return f.bounds[1]
}

// collect takes a part's result and reports whether its file is now done.
func (r *run) collect(pr partResult) bool {
	t, f := pr.t, pr.t.f
	r.mu.Lock()
	defer r.mu.Unlock()
	defer r.cond.Broadcast() // the parts read ahead may move on
	if f.done || t.gen != f.gen[t.k] {
		return false
	}
	p := pr.p
	f.parts[t.k] = &p
	for f.next < f.nparts {
		p := f.parts[f.next]
		if p == nil {
			return false
		}
		if p.empty {
			// No record starts in the part: its predecessor read past it.
			f.parts[f.next] = nil
			f.next++
			if f.next == f.nparts {
				r.fileDoneLocked(f)
				return true
			}
			continue
		}
		if f.next > 0 && p.start != f.end {
			// The part started inside a quoted field: read it again from
			// where its predecessor ended.
			f.parts[f.next] = nil
			f.gen[f.next]++
			r.queue.push(&task{f: f, k: f.next, gen: f.gen[f.next], start: f.end, limit: f.bounds[f.next+1], ncols: len(f.hdr.names)})
			r.cond.Signal()
			return false
		}
		f.parts[f.next] = nil
		if p.hdr != nil {
			f.hdr = p.hdr
		}
		f.unsupported += p.unsupported
		for _, s := range p.samples {
			if len(f.samples) < maxSamples {
				s.Line += f.lineBase
				f.samples = append(f.samples, s)
			}
		}
		if p.err != nil {
			e := *p.err
			e.line += f.lineBase
			f.fig.add(p)
			f.finishErr(&e)
			r.fileDoneLocked(f)
			return true
		}
		f.lineBase += p.lines
		f.fig.add(p)
		f.end = p.end
		f.next++
		if p.eof || f.next == f.nparts {
			r.fileDoneLocked(f)
			return true
		}
	}
	return false
}

// finishErr ends a file at the first problem of its reading: a
// discard, but for a read that fails (section 5: the data is not bad, the
// read is), which fails the job. A file that is not a regular file
// (swapped in after the listing) and one whose size is not the listed one
// are discarded.
func (f *fileState) finishErr(e *parseError) {
	var nr *NotRegularError
	var se *SizeError
	switch {
	case e.reason == ReasonUnreadable && errors.As(e.err, &nr):
		f.discard = &Discard{Key: f.key, Reason: ReasonNotRegularFile, Err: nr}
	case e.reason == ReasonUnreadable && !errors.As(e.err, &se):
		f.readErr = e.err
	default:
		f.discard = &Discard{Key: f.key, Reason: e.reason, Line: e.line, Column: e.column, Err: e.err}
	}
}

func (r *run) fileDoneLocked(f *fileState) {
	r.mu.Unlock()
	r.fileDone(f)
	r.mu.Lock()
}

// fileDone decides a read file's fate, and sums up its component when it
// was the last.
func (r *run) fileDone(f *fileState) {
	f.done = true
	f.abandoned.Store(true)
	f.parts = nil
	r.filesDone.Add(1)
	f.decide(r.sc)
	r.left[f.comp]--
	if r.left[f.comp] == 0 {
		c := r.component(f.comp)
		if r.cfg.onComponent != nil {
			r.cfg.onComponent(c)
		}
		r.comps = append(r.comps, c)
	}
}
