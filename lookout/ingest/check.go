package ingest

import (
	"cmp"
	"context"
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// Result is what an ingestion job would make of the data: its status and,
// for a job that succeeds, the figures the service would report, under the
// service's member names; then the checker's own figures (Ignored,
// RaggedRecords, Discards), which a failed job's result keeps too.
type Result struct {
	// Status is SUCCESS or FAILED.
	Status lookout.IngestionJobStatus `json:"Status"`
	// FailedReason says why a job fails: Failure's Error.
	FailedReason string `json:"FailedReason,omitempty"`
	// Failure is why the job fails, typed; nil when it succeeds.
	Failure *Failure `json:"-"`

	// The service's figures (section 4 of the package documentation); nil or empty when the
	// job fails.
	IngestedFilesSummary *lookout.IngestedFilesSummary `json:"IngestedFilesSummary,omitempty"`
	DataQualitySummary   *lookout.DataQualitySummary   `json:"DataQualitySummary,omitempty"`
	// IngestedDataSize is the bytes of the ingested files as listed.
	IngestedDataSize *int64 `json:"IngestedDataSize,omitempty"`
	// DataStartTime and DataEndTime are the earliest and latest supported
	// timestamps of the ingested files' records.
	DataStartTime *lookout.Timestamp `json:"DataStartTime,omitempty"`
	DataEndTime   *lookout.Timestamp `json:"DataEndTime,omitempty"`
	// SensorStatisticsSummaries holds one entry per sensor, in order of
	// ComponentName, then SensorName (byte order).
	SensorStatisticsSummaries []lookout.SensorStatisticsSummary `json:"SensorStatisticsSummaries,omitempty"`

	// Ignored lists the keys under the prefix that match no component (nor
	// the schema), in key order; folder markers (keys ending in "/") are
	// left out.
	Ignored []string `json:"Ignored"`
	// RaggedRecords counts the records of the ingested files with more
	// fields than their header.
	RaggedRecords int64 `json:"RaggedRecords"`
	// Discards says, for every discarded file (in key order), why.
	Discards []*Discard `json:"Discards,omitempty"`
	// Problems lists, for every file read that has them (in key order),
	// all its invalid header names and its first unsupported timestamps.
	Problems []FileProblems `json:"Problems,omitempty"`
	// Ingested lists the files a successful job ingests, in key order
	// (nil when it fails).
	Ingested []IngestedFile `json:"-"`
}

// Progress is how far a check has got. Bytes count what was read (a part of
// a file read twice counts twice, capped at the total).
type Progress struct {
	// BytesDone and BytesTotal are the bytes read and to read (the
	// listed sizes of the files to read).
	BytesDone, BytesTotal int64
	// FilesDone and FilesTotal count the matched files done and in all.
	FilesDone, FilesTotal int
}

// Option configures Check.
type Option func(*config)

type config struct {
	progress func(Progress)
	every    time.Duration
	workers  int
	partSize int64
	maxField int // the longest field held whole (tests make it small)
	bufSize  int // the parser's first buffer size (tests make it small)
	// onComponent, when set, sees each component's figures once summed
	// (tests compare them between runs).
	onComponent func(*compResult)
}

// WithProgress has Check call fn with its progress from one goroutine: about
// every interval (100 ms when it is 0 or less) while it reads, and once
// more when the reading is done.
func WithProgress(fn func(Progress), interval time.Duration) Option {
	return func(c *config) {
		c.progress = fn
		if interval <= 0 {
			interval = 100 * time.Millisecond
		}
		c.every = interval
	}
}

// WithConcurrency sets how many parts of files are read at once: n > 0, or
// the default for n <= 0: runtime.GOMAXPROCS(0), or the source's
// Concurrency when it is a [ConcurrentSource] and says more.
func WithConcurrency(n int) Option {
	return func(c *config) { c.workers = n }
}

// ConcurrentSource is a [Source] whose reads wait on the network more than
// on the CPU (an object store): Check reads Concurrency() parts at once by
// default when that is more than the cores.
type ConcurrentSource interface {
	Source
	// Concurrency is how many reads to keep in flight.
	Concurrency() int
}

// defaultWorkers is the concurrency of a check of src without
// WithConcurrency.
func defaultWorkers(src Source) int {
	n := runtime.GOMAXPROCS(0)
	if c, ok := src.(ConcurrentSource); ok {
		n = max(n, c.Concurrency())
	}
	return n
}

// errTooManyFiles stops a listing once more than MaxFiles keys match.
var errTooManyFiles = errors.New("ingest: more than MaxFiles matched keys")

// WithPartSize sets the size of the parts a large file is read in, in
// bytes (default 8 MiB, at least 64 KiB). A file of at least two parts is
// read in parts at once when the concurrency is more than one.
func WithPartSize(n int64) Option {
	return func(c *config) { c.partSize = max(n, 64<<10) }
}

// defaultPartSize is the size of the parts of a large file.
const defaultPartSize = 8 << 20

// Check returns what the ingestion job that req starts would make of the
// objects of src, given the dataset's schema (nil when it has none), by
// the rules of the package documentation: which keys it reads (section 1),
// how it reads each file (2) and its cells (3), the figures (4), and
// whether it fails (5).
//
// req must be valid: otherwise Check returns req.Validate's
// *lookout.ValidationException. A job that fails (a bucket that cannot be
// listed included) is a Result with Status FAILED, not an error: the error
// is for a check that cannot run (ctx done: ctx.Err()).
//
// Files are read in parallel, and a large file in parts. Memory is bounded
// by the number of sensors and 8 bytes per record (the timestamps, for
// duplicates) of the components being read, whatever the files' sizes.
//
// Where the specification is silent, Check's choices are listed in the
// package documentation.
func Check(ctx context.Context, req *lookout.StartDataIngestionJobRequest, schema *lookout.DataSchema, src Source, opts ...Option) (*Result, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	if src == nil {
		return nil, errors.New("ingest: Check with a nil Source")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cfg := config{workers: defaultWorkers(src), partSize: defaultPartSize, maxField: defaultMaxField, bufSize: minBuf}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.workers <= 0 {
		cfg.workers = defaultWorkers(src)
	}
	s3 := req.IngestionInputConfiguration.S3InputConfiguration
	m := newKeyMatcher(s3)
	res := &Result{Ignored: []string{}}
	failed := func(f *Failure) (*Result, error) {
		f.Bucket = s3.Bucket
		res.Status = lookout.IngestionJobStatusFailed
		res.Failure = f
		res.FailedReason = f.Error()
		return res, nil
	}

	// 1. List, and match the keys to components. The listing stops once
	// more than MaxFiles keys match: the job fails then whatever follows,
	// and a listing that never ends (or lists ignored keys forever, up to
	// the source's own bounds) holds no more than that.
	sc := newSchemaIndex(schema)
	var objs []Object
	var mu sync.Mutex // in case a Source calls fn from several goroutines
	matched := map[string]bool{}
	err := src.List(ctx, m.prefix, func(o Object) error {
		mu.Lock()
		defer mu.Unlock()
		objs = append(objs, o)
		if strings.HasSuffix(o.Key, "/") && strings.HasPrefix(o.Key, m.prefix) {
			return nil // a folder marker
		}
		if comp, ok := m.match(o.Key); ok && (sc == nil || sc.comps[comp] != nil) && !matched[o.Key] {
			matched[o.Key] = true
			if len(matched) > MaxFiles {
				return errTooManyFiles
			}
		}
		return nil
	})
	if errors.Is(err, errTooManyFiles) {
		return failed(&Failure{Kind: FailTooManyFiles, Count: int64(len(matched))})
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return failed(&Failure{Kind: FailList, Key: m.prefix, Err: err})
	}
	matched = nil
	slices.SortFunc(objs, func(a, b Object) int { return strings.Compare(a.Key, b.Key) })
	objs = slices.CompactFunc(objs, func(a, b Object) bool { return a.Key == b.Key })

	var files []*fileState
	comps := map[string]bool{}
	var total int64
	for _, o := range objs {
		if strings.HasSuffix(o.Key, "/") && strings.HasPrefix(o.Key, m.prefix) {
			continue // a folder marker
		}
		comp, ok := m.match(o.Key)
		if ok && sc != nil && sc.comps[comp] == nil {
			ok = false
		}
		if !ok {
			res.Ignored = append(res.Ignored, o.Key)
			continue
		}
		f := &fileState{idx: len(files), key: o.Key, comp: comp, size: o.Size}
		switch {
		case o.Type != 0:
			f.discard = &Discard{Key: o.Key, Reason: ReasonNotRegularFile, Err: &NotRegularError{Key: o.Key, Type: o.Type}}
			f.size = 0
		case o.Size < 0:
			f.discard = &Discard{Key: o.Key, Reason: ReasonUnreadable, Err: &SizeError{Listed: o.Size, Read: 0}}
			f.size = 0
		case !validComponentName(comp):
			f.discard = &Discard{Key: o.Key, Reason: ReasonComponentName, Name: comp}
		case !isCSVKey(o.Key):
			f.discard = &Discard{Key: o.Key, Reason: ReasonNotCSVKey}
		}
		files = append(files, f)
		comps[comp] = true
		total += o.Size
	}
	if sc != nil {
		for _, c := range sc.order {
			comps[c.ComponentName] = true
		}
	}

	// 5. The limits known from the listing.
	switch {
	case len(files) == 0:
		return failed(&Failure{Kind: FailNoMatch, Key: m.prefix})
	case len(files) > MaxFiles:
		return failed(&Failure{Kind: FailTooManyFiles, Count: int64(len(files))})
	case len(comps) > MaxComponents:
		return failed(&Failure{Kind: FailTooManyComponents, Count: int64(len(comps))})
	}
	for _, f := range files {
		if f.discard == nil && f.size > MaxFileSize {
			return failed(&Failure{Kind: FailFileTooLarge, Key: f.key, Count: f.size})
		}
	}
	if total > MaxTotalSize {
		return failed(&Failure{Kind: FailTooMuchData, Count: total})
	}

	// 2-4. Read the files, and sum up each component once its files are read.
	r := newRun(ctx, src, &cfg, sc, files)
	r.bucket = s3.Bucket
	if err := r.run(); err != nil {
		return nil, err
	}
	res, err = r.result(res, failed)
	if err == nil && res.Status == lookout.IngestionJobStatusSuccess {
		res.Ingested = ingestedFiles(files)
	}
	return res, err
}

// schemaIndex is a dataset's schema, indexed.
type schemaIndex struct {
	order []lookout.SchemaComponent
	comps map[string]*schemaComp
}

type schemaComp struct {
	timestamp string          // the first column's name
	hasTS     bool            // the component has a first column
	sensors   map[string]bool // the other columns
	names     []string        // the other columns, in order
}

func newSchemaIndex(s *lookout.DataSchema) *schemaIndex {
	if s == nil {
		return nil
	}
	x := &schemaIndex{order: s.Components, comps: map[string]*schemaComp{}}
	for _, c := range s.Components {
		sc := x.comps[c.ComponentName]
		if sc == nil {
			sc = &schemaComp{sensors: map[string]bool{}}
			x.comps[c.ComponentName] = sc
			if len(c.Columns) > 0 {
				sc.timestamp, sc.hasTS = c.Columns[0].Name, true
			}
		}
		for i, col := range c.Columns {
			if i == 0 || sc.sensors[col.Name] {
				continue
			}
			sc.sensors[col.Name] = true
			sc.names = append(sc.names, col.Name)
		}
	}
	return x
}

// sensorKey orders sensors by component, then name.
func sensorCmp(a, b *lookout.SensorStatisticsSummary) int {
	return cmp.Or(strings.Compare(a.ComponentName, b.ComponentName), strings.Compare(a.SensorName, b.SensorName))
}
