package store

import (
	"bytes"
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
)

// datasetIndex holds every dataset in memory, for the reads: Dataset and
// ListDatasets answer from it without a query, and ListJobs finds a
// dataset's id in it. Datasets are few (a quota of 15 by default), unlike
// jobs, which stay in the database.
//
// The writer owns it: a change records what it does to the index in its
// transaction (wtx.after), and the writer applies those records, in the
// batch's order, once the batch is committed and before any of its
// changes is acknowledged, so that a client reads what it was told was
// done. A batch rolled back applies nothing; a change refused by a rule
// records nothing. The changes themselves read the database inside their
// transaction, never the index, so that they see the batch's earlier
// changes.
//
// Entries are never modified once published: a change replaces the entry.
type datasetIndex struct {
	mu     sync.RWMutex
	byName map[string]*indexed
	names  []string // sorted, bytewise as SQLite's BINARY collation
	// gen counts the records applied: a dataset's entry takes the count
	// when a record makes or changes it, so that a page of its jobs read
	// at an older count is stale (see jobPages).
	gen uint64
}

// indexed is a dataset, its row id and the index's gen when it was last
// changed.
type indexed struct {
	id  int64
	gen uint64
	ds  Dataset
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

// key returns the ARN and the row id of the dataset named.
func (x *datasetIndex) key(name string) (arn string, id int64, ok bool) {
	x.mu.RLock()
	e, ok := x.byName[name]
	x.mu.RUnlock()
	if !ok {
		return "", 0, false
	}
	return e.ds.ARN, e.id, true
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
func (x *datasetIndex) put(id int64, ds Dataset) {
	if _, ok := x.byName[ds.Name]; !ok {
		i, _ := slices.BinarySearch(x.names, ds.Name)
		x.names = slices.Insert(x.names, i, ds.Name)
	}
	x.byName[ds.Name] = &indexed{id: id, gen: x.gen, ds: ds}
}

// update replaces the dataset named by what change makes of a copy of it;
// x.mu is held. A dataset that is not there is left so.
func (x *datasetIndex) update(name string, change func(*Dataset)) {
	e, ok := x.byName[name]
	if !ok {
		return
	}
	ds := e.ds.clone()
	change(&ds)
	x.byName[name] = &indexed{id: e.id, gen: x.gen, ds: ds}
}

// remove removes a dataset; x.mu is held.
func (x *datasetIndex) remove(name string) {
	if _, ok := x.byName[name]; !ok {
		return
	}
	delete(x.byName, name)
	i, _ := slices.BinarySearch(x.names, name)
	x.names = slices.Delete(x.names, i, i+1)
}

// apply runs the records of a committed batch, in order.
func (x *datasetIndex) apply(records []func(*datasetIndex)) {
	if len(records) == 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, r := range records {
		x.gen++
		r(x)
	}
}

// load fills the index from the database.
func (s *Store) loadDatasets(ctx context.Context) error {
	rows, err := s.w.QueryContext(ctx, `SELECT d.id, `+datasetColumns+` FROM datasets d LEFT JOIN jobs j ON j.seq = d.last_job`)
	if err != nil {
		return err
	}
	defer rows.Close()
	x := s.index
	x.mu.Lock()
	defer x.mu.Unlock()
	for rows.Next() {
		var id int64
		var r datasetRow
		if err := rows.Scan(append([]any{&id}, r.dest()...)...); err != nil {
			return err
		}
		ds, err := r.dataset()
		if err != nil {
			return err
		}
		x.put(id, ds)
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
