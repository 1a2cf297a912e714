package store

import (
	"bytes"
	"context"
	"database/sql"
	"slices"
	"sort"
	"strings"
	"sync"
)

// datasetIndex holds every dataset in memory: Dataset and ListDatasets
// answer from it without a query, ListJobs finds a dataset's id in it, and
// the writer's changes read the datasets from it rather than from the
// database. Datasets are few (a quota of 15 by default), unlike jobs,
// which stay in the database.
//
// The writer owns it. A change reads it through its transaction (wtx),
// which lays the batch's own changes over it, and sets what it changes in
// that overlay; once the batch is committed, the writer applies the
// overlay before any of its changes is acknowledged, so that a client reads
// what it was told was done. A batch rolled back applies nothing: its
// changes run again on a new overlay. A change refused by a rule sets
// nothing: a change checks its rules before it writes anything.
//
// Entries are never modified once published: a change replaces the entry.
type datasetIndex struct {
	mu      sync.RWMutex
	byName  map[string]*indexed
	names   []string // sorted, bytewise as SQLite's BINARY collation
	running int      // the datasets with a job running
	// gen counts the batches applied: a dataset's entry takes the count
	// when a batch makes or changes it, so that a page of its jobs read
	// at an older count is stale (see jobPages).
	gen uint64
}

// indexed is a dataset, its row id, the job running on it ("" when none)
// and the index's gen when it was last changed.
type indexed struct {
	id      int64
	running string
	gen     uint64
	ds      Dataset
}

func newDatasetIndex() *datasetIndex {
	return &datasetIndex{byName: make(map[string]*indexed)}
}

// get returns a copy of the dataset named, with its row id.
func (x *datasetIndex) get(name string) (Dataset, int64, bool) {
	x.mu.RLock()
	e, ok := x.byName[name]
	x.mu.RUnlock()
	if !ok {
		return Dataset{}, 0, false
	}
	return e.ds.clone(), e.id, true
}

// jobsKey returns the ARN and the row id of the dataset named and the
// generation of its jobs (see jobPages); for name "", the generation of
// every job.
func (x *datasetIndex) jobsKey(name string) (arn string, id int64, gen uint64, ok bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if name == "" {
		return "", 0, x.gen, true
	}
	e, ok := x.byName[name]
	if !ok {
		return "", 0, 0, false
	}
	return e.ds.ARN, e.id, e.gen, true
}

// list returns the summaries of up to limit datasets whose names begin with
// prefix and sort after after (all of them when after is ""), in name
// order, and whether more follow.
func (x *datasetIndex) list(prefix, after string, limit int) ([]DatasetSummary, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	from := prefix
	if after > from {
		from = after
	}
	i := sort.SearchStrings(x.names, from)
	if i < len(x.names) && x.names[i] == after {
		i++
	}
	out := make([]DatasetSummary, 0, min(limit, len(x.names)-i))
	for ; i < len(x.names) && strings.HasPrefix(x.names[i], prefix); i++ {
		if len(out) == limit {
			return out, true
		}
		d := &x.byName[x.names[i]].ds
		out = append(out, DatasetSummary{Name: d.Name, ARN: d.ARN, Status: d.Status, CreatedAt: d.CreatedAt})
	}
	return out, false
}

// put adds or replaces a dataset; x.mu is held.
func (x *datasetIndex) put(e *indexed) {
	old, ok := x.byName[e.ds.Name]
	if !ok {
		i, _ := slices.BinarySearch(x.names, e.ds.Name)
		x.names = slices.Insert(x.names, i, e.ds.Name)
	} else if old.running != "" {
		x.running--
	}
	if e.running != "" {
		x.running++
	}
	x.byName[e.ds.Name] = e
}

// remove removes a dataset; x.mu is held.
func (x *datasetIndex) remove(name string) {
	old, ok := x.byName[name]
	if !ok {
		return
	}
	if old.running != "" {
		x.running--
	}
	delete(x.byName, name)
	i, _ := slices.BinarySearch(x.names, name)
	x.names = slices.Delete(x.names, i, i+1)
}

// apply applies the overlay of a committed batch: an entry per dataset
// made or changed, nil for one deleted.
func (x *datasetIndex) apply(overlay map[string]*indexed) {
	if len(overlay) == 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.gen++
	for name, e := range overlay {
		if e == nil {
			x.remove(name)
			continue
		}
		e.gen = x.gen
		x.put(e)
	}
}

// lookup returns the dataset named as the batch of w sees it.
func (w *wtx) lookup(name string) (*indexed, bool) {
	if e, ok := w.overlay[name]; ok {
		return e, e != nil
	}
	x := w.index
	x.mu.RLock()
	defer x.mu.RUnlock()
	e, ok := x.byName[name]
	return e, ok
}

// set makes e the dataset of its name for the rest of the batch, and in
// the index once the batch is committed; e is not modified afterwards.
func (w *wtx) set(e *indexed) {
	if w.overlay == nil {
		w.overlay = make(map[string]*indexed)
	}
	w.overlay[e.ds.Name] = e
}

// del deletes the dataset named, for the rest of the batch and in the
// index once the batch is committed.
func (w *wtx) del(name string) {
	if w.overlay == nil {
		w.overlay = make(map[string]*indexed)
	}
	w.overlay[name] = nil
}

// counts returns the datasets and those with a job running, as the batch
// of w sees them.
func (w *wtx) counts() (datasets, running int) {
	x := w.index
	x.mu.RLock()
	defer x.mu.RUnlock()
	datasets, running = len(x.byName), x.running
	for name, e := range w.overlay {
		if old, ok := x.byName[name]; ok {
			datasets--
			if old.running != "" {
				running--
			}
		}
		if e != nil {
			datasets++
			if e.running != "" {
				running++
			}
		}
	}
	return datasets, running
}

// load fills the index from the database.
func (s *Store) loadDatasets(ctx context.Context) error {
	rows, err := s.w.QueryContext(ctx, `SELECT d.id, r.id, `+datasetColumns+` FROM datasets d LEFT JOIN jobs j ON j.seq = d.last_job
		LEFT JOIN jobs r ON r.seq = d.running_job`)
	if err != nil {
		return err
	}
	defer rows.Close()
	x := s.index
	x.mu.Lock()
	defer x.mu.Unlock()
	for rows.Next() {
		var id int64
		var running sql.NullString
		var r datasetRow
		if err := rows.Scan(append([]any{&id, &running}, r.dest()...)...); err != nil {
			return err
		}
		ds, err := r.dataset()
		if err != nil {
			return err
		}
		x.put(&indexed{id: id, running: running.String, ds: ds})
	}
	return rows.Err()
}

// clone returns a copy of d that shares nothing with it that can be
// modified.
func (d Dataset) clone() Dataset {
	d.Schema, d.KMSKeyID = clonePtr(d.Schema), clonePtr(d.KMSKeyID)
	d.Tags = slices.Clone(d.Tags)
	if d.LastIngestion != nil {
		j := d.LastIngestion.clone()
		d.LastIngestion = &j
	}
	return d
}

// clone returns a copy of j that shares nothing with it that can be
// modified.
func (j Job) clone() Job {
	j.Input.Prefix, j.Input.KeyPattern = clonePtr(j.Input.Prefix), clonePtr(j.Input.KeyPattern)
	j.Result = bytes.Clone(j.Result)
	return j
}

func clonePtr(p *string) *string {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
