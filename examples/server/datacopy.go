package main

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/datacopy"
	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// dataCopies keeps the datasets' data copies (what a successful ingestion
// ingested, per component, duplicates resolved to the last read, gaps
// kept) in a datacopy.Dir: a version per successful job, named by
// the job's id, which the store records as the dataset's DataVersion in
// the commit of the job's outcome. It is the server's datasetData.
type dataCopies struct {
	st  *store.Store
	dir *datacopy.Dir
}

var _ datasetData = (*dataCopies)(nil)

// openCopies opens the copies of the database at db: the folder db+".data"
// beside it, or a temporary folder for store.Memory (removed by close). It
// removes the versions no dataset refers to (a job that did not finish, a
// replaced version whose removal was cut short).
func openCopies(ctx context.Context, st *store.Store, db string) (*dataCopies, error) {
	var dir *datacopy.Dir
	var err error
	if db == store.Memory {
		dir, err = datacopy.Temp()
	} else {
		dir, err = datacopy.Open(db + ".data")
	}
	if err != nil {
		return nil, err
	}
	keep, err := st.DataVersions(ctx)
	if err == nil {
		_, err = dir.Sweep(func(v string) bool { return keep[v] })
	}
	if err != nil {
		dir.Close()
		return nil, err
	}
	return &dataCopies{st: st, dir: dir}, nil
}

// close removes a temporary folder.
func (c *dataCopies) close() error { return c.dir.Close() }

// copyLayout is the components of a copy and each one's sensors, in schema
// order: the dataset schema's components and columns (the first column, the
// timestamp, left out) when it has a schema; else (chosen) the ingested
// components in byte order of their names, each with the sensors of its
// files' headers in the order first read (set by write, once the
// component's files are read).
func copyLayout(schema *lookout.DataSchema, files []ingest.IngestedFile) []datacopy.Component {
	var out []datacopy.Component
	if schema != nil {
		for _, sc := range schema.Components {
			c := datacopy.Component{Name: sc.ComponentName}
			seen := map[string]bool{}
			for i, col := range sc.Columns {
				if i == 0 || seen[col.Name] {
					continue
				}
				seen[col.Name] = true
				c.Sensors = append(c.Sensors, col.Name)
			}
			out = append(out, c)
		}
		return out
	}
	for _, f := range files {
		if i := slices.IndexFunc(out, func(c datacopy.Component) bool { return c.Name == f.Component }); i < 0 {
			out = append(out, datacopy.Component{Name: f.Component})
		}
	}
	slices.SortFunc(out, func(a, b datacopy.Component) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// readFailure is the FailedReason of a job whose ingested file key cannot
// be read again for the copy.
func readFailure(bucket, key string, err error) string {
	return (&ingest.Failure{Kind: ingest.FailRead, Bucket: bucket, Key: key, Err: err}).Error()
}

// write makes version v of a dataset's copy from the files a successful
// check ingested, read again from src. It returns reason != "" when a file
// cannot be read (the job fails, naming its key), and an error when the
// copy cannot be written or ctx is done.
//
// A component's records are its files' supported records, the files in
// key order and each in file order; of the records with the same time the
// last one read is kept (duplicates), and a value missing, invalid or of a
// column the file lacks is a gap (NaN). Memory: the components are made
// one at a time, each holding its files' values (8 bytes per cell of each
// file's columns and per record) and the merged copy (8 bytes per sensor
// and per record of the component) at once.
func (c *dataCopies) write(ctx context.Context, src ingest.Source, bucket, v string, schema *lookout.DataSchema, files []ingest.IngestedFile) (reason string, err error) {
	if err := c.dir.Begin(v); err != nil {
		return "", err
	}
	for n, comp := range copyLayout(schema, files) {
		var recs []*ingest.FileRecords
		for _, f := range files {
			if f.Component != comp.Name {
				continue
			}
			fr, err := ingest.ReadRecords(ctx, src, f.Object())
			if err != nil {
				if ctx.Err() != nil {
					return "", ctx.Err()
				}
				return readFailure(bucket, f.Key, err), nil
			}
			recs = append(recs, fr)
		}
		if schema == nil {
			for _, fr := range recs {
				for _, h := range fr.Header[1:] {
					if !slices.Contains(comp.Sensors, h) {
						comp.Sensors = append(comp.Sensors, h)
					}
				}
			}
		}
		merge(&comp, recs)
		recs = nil
		if err := c.dir.Put(v, n, &comp); err != nil {
			return "", err
		}
	}
	return "", nil
}

// merge sets c's Times and Values from its files' records (see write).
func merge(c *datacopy.Component, files []*ingest.FileRecords) {
	type ref struct {
		t    int64
		f, i int32
	}
	var refs []ref
	for fi, fr := range files {
		for i, t := range fr.Times {
			refs = append(refs, ref{t: t, f: int32(fi), i: int32(i)})
		}
	}
	// Stable: of equal times, the order read (file, then record) stays.
	slices.SortStableFunc(refs, func(a, b ref) int { return cmp.Compare(a.t, b.t) })
	kept := refs[:0]
	for i, r := range refs {
		if i+1 < len(refs) && refs[i+1].t == r.t {
			continue // a later read of the same time wins
		}
		kept = append(kept, r)
	}
	// cols[f][j] is the column of sensor j in file f, or -1.
	cols := make([][]int, len(files))
	for fi, fr := range files {
		cols[fi] = make([]int, len(c.Sensors))
		for j, s := range c.Sensors {
			cols[fi][j] = -1
			for k, h := range fr.Header[1:] {
				if h == s {
					cols[fi][j] = k
					break
				}
			}
		}
	}
	c.Times = make([]int64, len(kept))
	for i, r := range kept {
		c.Times[i] = r.t
	}
	c.Values = make([][]float64, len(c.Sensors))
	for j := range c.Sensors {
		col := make([]float64, len(kept))
		for i, r := range kept {
			k := cols[r.f][j]
			if k < 0 {
				col[i] = math.NaN()
				continue
			}
			col[i] = files[r.f].Values[k][r.i]
		}
		c.Values[j] = col
	}
}

// series implements datasetData. Times are Unix nanoseconds: a record
// after the year 2262 cannot be given (the copy keeps seconds).
func (c *dataCopies) series(ctx context.Context, dataset string, from, to time.Time) ([]detect.Series, error) {
	v, err := c.st.DataVersion(ctx, dataset)
	if err != nil {
		return nil, err
	}
	if v == "" {
		return nil, &store.NotFoundError{Resource: store.ResourceDataset, Name: dataset}
	}
	n, err := c.dir.Count(v)
	if err != nil {
		return nil, err
	}
	var out []detect.Series
	for i := range n {
		comp, err := c.dir.Get(v, i)
		if err != nil {
			return nil, err
		}
		lo, hi := 0, len(comp.Times)
		if !from.IsZero() {
			lo, _ = slices.BinarySearchFunc(comp.Times, from, func(t int64, at time.Time) int {
				return time.Unix(t, 0).Compare(at)
			})
		}
		if !to.IsZero() {
			hi, _ = slices.BinarySearchFunc(comp.Times, to, func(t int64, at time.Time) int {
				if time.Unix(t, 0).After(at) {
					return 1
				}
				return -1
			})
		}
		hi = max(hi, lo)
		times := make([]int64, hi-lo)
		for k, t := range comp.Times[lo:hi] {
			times[k] = t * int64(time.Second)
		}
		for j, s := range comp.Sensors {
			out = append(out, detect.Series{Sensor: comp.Name + `\` + s, Times: times, Values: comp.Values[j][lo:hi:hi]})
		}
	}
	return out, nil
}

// remove removes version v ("": none). A version whose removal fails is
// removed at the next start (openCopies).
func (c *dataCopies) remove(v string) error {
	if v == "" {
		return nil
	}
	return c.dir.Remove(v)
}
