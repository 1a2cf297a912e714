package ingest

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// decide applies rules 1 to 5 of section 2 of the package documentation to a file read to
// its end (or to its first problem), and drops the figures of a file that
// is not ingested.
func (f *fileState) decide(sc *schemaIndex) {
	discard := func(r Reason, col int, name string) {
		f.discard = &Discard{Key: f.key, Reason: r, Column: col, Name: name}
	}
	h := f.hdr
	switch {
	case f.readErr != nil:
	case f.discard != nil:
	case h == nil:
		discard(ReasonNoHeader, 0, "")
	case f.fig.dataRecords == 0:
		discard(ReasonNoDataRecord, 0, "")
	case h.badCol > 0:
		f.badName = true
	case h.count-1 > MaxSensors:
		f.wide = true
	case h.count < 2:
		discard(ReasonTooFewColumns, 0, "")
	}
	if f.readErr != nil {
		f.fig = fileFigures{}
		return
	}
	if f.discard == nil && !f.badName && !f.wide {
		seen := make(map[string]bool, len(h.names))
		for k, n := range h.names {
			if seen[n] {
				discard(ReasonDuplicateColumn, k+1, n)
				break
			}
			seen[n] = true
		}
	}
	if f.discard == nil && !f.badName && !f.wide && sc != nil {
		c := sc.comps[f.comp]
		if !c.hasTS || h.names[0] != c.timestamp {
			discard(ReasonSchemaTimestamp, 1, h.names[0])
		} else {
			for k, n := range h.names[1:] {
				if !c.sensors[n] {
					discard(ReasonSchemaColumn, k+2, n)
					break
				}
			}
		}
	}
	if f.discard == nil && !f.badName && !f.wide {
		var valid int64
		for _, c := range f.fig.cols {
			valid += c.valid
		}
		if valid == 0 {
			discard(ReasonNoValidValue, 0, "")
			f.discard.Unsupported, f.discard.Samples = f.unsupported, f.samples
		}
	}
	if !f.ingested() {
		f.fig = fileFigures{}
	}
}

// ingested reports whether the job would ingest f.
func (f *fileState) ingested() bool {
	return f.discard == nil && f.readErr == nil && !f.badName && !f.wide
}

// sensorFigures are one sensor's figures over its component's files.
type sensorFigures struct {
	name                    string
	records                 int64
	missing, invalid, valid int64
	invalidDate             int64
	dups                    int64
	minT, maxT              int64
	files                   []int32 // indexes of the component's ingested files holding it
	vals                    valueStats
	gaps                    gapStats
}

// compResult is a component's figures.
type compResult struct {
	name    string
	sensors []*sensorFigures
	dups    int64 // records that duplicate for at least one sensor
}

// component sums up the ingested files of a component whose files are all
// done, and frees their timestamps.
func (r *run) component(comp string) *compResult {
	var files []*fileState
	for _, f := range r.byComp[comp] {
		if f.ingested() {
			files = append(files, f)
		}
	}
	c := &compResult{name: comp}
	byName := map[string]*sensorFigures{}
	for i, f := range files {
		for k, name := range f.hdr.names[1:] {
			s := byName[name]
			if s == nil {
				s = &sensorFigures{name: name, minT: math.MaxInt64, maxT: math.MinInt64}
				byName[name] = s
				c.sensors = append(c.sensors, s)
			}
			col := &f.fig.cols[k]
			s.records += f.fig.records
			s.missing += col.missing
			s.invalid += col.invalid
			s.valid += col.valid
			s.invalidDate += f.fig.unsupported
			if col.valid > 0 {
				s.minT = min(s.minT, col.minT)
				s.maxT = max(s.maxT, col.maxT)
			}
			s.vals.merge(&col.vals) // files in key order: read order
			s.files = append(s.files, int32(i))
		}
	}
	c.dups = duplicates(files, c.sensors)
	for _, f := range files {
		f.fig.ts = nil
	}
	return c
}

// duplicates counts, for each sensor, its records whose timestamp an
// earlier record of the sensor has, and returns the number of records that
// duplicate for at least one sensor. From the same timestamps, it measures
// each sensor's gaps between consecutive distinct timestamps (section 4b's
// LargeTimestampGaps). It sorts the files' timestamps in place.
func duplicates(files []*fileState, sensors []*sensorFigures) int64 {
	if len(files) == 0 {
		return 0
	}
	// Sensors held by the same files have the same records: one class.
	classOf := map[string]int{}
	var classes [][]int32
	sensorClass := make([]int, len(sensors))
	for i, s := range sensors {
		var b strings.Builder
		for _, x := range s.files {
			b.WriteString(strconv.Itoa(int(x)))
			b.WriteByte(',')
		}
		c, ok := classOf[b.String()]
		if !ok {
			c = len(classes)
			classOf[b.String()] = c
			classes = append(classes, s.files)
		}
		sensorClass[i] = c
	}
	classDups := make([]int64, len(classes))
	classGaps := make([]gapStats, len(classes))
	// Every file holds the same sensors.
	oneClass := len(classes) == 1 && len(classes[0]) == len(files)
	total, ok := spanDups(files, classes, classDups, classGaps, oneClass)
	if !ok {
		total = mergedDups(files, classes, classDups, classGaps, oneClass)
	}
	for i, s := range sensors {
		s.dups = classDups[sensorClass[i]]
		s.gaps = classGaps[sensorClass[i]]
	}
	return total
}

// spanDups gives the duplicates and the gaps (as duplicates does) from the
// parts' summaries alone, when the timestamps of every part came in time
// order and no two parts overlap in time, once sorted by their first and
// last timestamps: each instant then lies in one part, or (when every file
// holds the same sensors) in parts that only touch at it. It reports false,
// and sets nothing, otherwise: the timestamps are merged then.
func spanDups(files []*fileState, classes [][]int32, classDups []int64, classGaps []gapStats, oneClass bool) (int64, bool) {
	type span struct {
		r    *tsRun
		file int32
	}
	var spans []span
	for i, f := range files {
		for _, r := range f.fig.ts {
			if r.unordered {
				return 0, false
			}
			spans = append(spans, span{r, int32(i)})
		}
	}
	slices.SortStableFunc(spans, func(a, b span) int {
		if a.r.first != b.r.first {
			return cmp.Compare(a.r.first, b.r.first)
		}
		return cmp.Compare(a.r.last, b.r.last)
	})
	for k := 1; k < len(spans); k++ {
		prev, cur := spans[k-1].r, spans[k].r
		if prev.last > cur.first || prev.last == cur.first && !oneClass {
			return 0, false
		}
	}
	fileClasses := make([][]int32, len(files))
	for c, fs := range classes {
		for _, f := range fs {
			fileClasses[f] = append(fileClasses[f], int32(c))
		}
	}
	lastT := make([]int64, len(classes)) // the class's last instant so far
	seenT := make([]bool, len(classes))
	var total int64
	for k, s := range spans {
		d := s.r.dups
		if k > 0 && spans[k-1].r.last == s.r.first {
			d++ // touching: one class, the instant repeats
		}
		total += d
		for _, c := range fileClasses[s.file] {
			classDups[c] += d
			g := &classGaps[c]
			if seenT[c] && s.r.first > lastT[c] {
				g.add(s.r.first - lastT[c])
			}
			g.large += s.r.gaps.large
			g.max = max(g.max, s.r.gaps.max)
			lastT[c], seenT[c] = s.r.last, true
		}
	}
	return total, true
}

// mergedDups gives the duplicates and the gaps (as duplicates does) by
// merging the parts' timestamps, sorted: 8 bytes a timestamp while the
// component is summed up.
func mergedDups(files []*fileState, classes [][]int32, classDups []int64, classGaps []gapStats, oneClass bool) int64 {
	var runs []run64
	for i, f := range files {
		for _, r := range f.fig.ts {
			for _, ts := range r.sortedChunks() {
				runs = append(runs, run64{ts: ts, file: int32(i)})
			}
		}
	}
	if oneClass {
		total, g := countDups(runs)
		classDups[0], classGaps[0] = total, g
		return total
	}
	return generalDups(runs, len(files), classes, classDups, classGaps)
}

// run64 is one part's sorted timestamps, and the file they belong to.
type run64 struct {
	ts   []int64
	file int32
}

// countDups returns the number of values of the sorted runs that repeat
// an earlier one, and the gaps between their consecutive distinct values.
func countDups(runs []run64) (int64, gapStats) {
	ordered := true
	for i := 1; i < len(runs); i++ {
		if runs[i-1].ts[len(runs[i-1].ts)-1] >= runs[i].ts[0] {
			ordered = false
			break
		}
	}
	var d int64
	var g gapStats
	if ordered {
		for k, r := range runs {
			if k > 0 {
				prev := runs[k-1].ts
				g.add(r.ts[0] - prev[len(prev)-1])
			}
			for i := 1; i < len(r.ts); i++ {
				if r.ts[i] == r.ts[i-1] {
					d++
				} else {
					g.add(r.ts[i] - r.ts[i-1])
				}
			}
		}
		return d, g
	}
	m := newMerger(runs)
	first := true
	var last int64
	for m.Len() > 0 {
		t, _ := m.pop()
		switch {
		case first:
		case t == last:
			d++
		default:
			g.add(t - last)
		}
		first, last = false, t
	}
	return d, g
}

// generalDups counts duplicates when files hold different sensors: for each
// instant, the files that hold it and how often; and each class's gaps
// between the distinct instants its files hold.
func generalDups(runs []run64, nfiles int, classes [][]int32, classDups []int64, classGaps []gapStats) int64 {
	fileClasses := make([][]int32, nfiles)
	for c, fs := range classes {
		for _, f := range fs {
			fileClasses[f] = append(fileClasses[f], int32(c))
		}
	}
	share := map[[2]int32]bool{}
	shares := func(g, f int32) bool {
		k := [2]int32{g, f}
		v, ok := share[k]
		if !ok {
			for _, a := range fileClasses[g] {
				if slices.Contains(fileClasses[f], a) {
					v = true
					break
				}
			}
			share[k] = v
		}
		return v
	}
	type member struct {
		file int32
		n    int64
	}
	var group []member
	counts := make([]int64, len(classes))
	lastT := make([]int64, len(classes)) // the class's last instant
	seenT := make([]bool, len(classes))
	var touched []int32
	var total int64
	var last int64 // the instant of the group
	flush := func() {
		for i, g := range group {
			total += g.n - 1
			for _, h := range group[:i] {
				if shares(h.file, g.file) {
					total++
					break
				}
			}
			for _, c := range fileClasses[g.file] {
				if counts[c] == 0 {
					touched = append(touched, c)
				}
				counts[c] += g.n
			}
		}
		for _, c := range touched {
			classDups[c] += counts[c] - 1
			counts[c] = 0
			if seenT[c] {
				classGaps[c].add(last - lastT[c])
			}
			lastT[c], seenT[c] = last, true
		}
		touched = touched[:0]
		group = group[:0]
	}
	m := newMerger(runs)
	for m.Len() > 0 {
		t, file := m.pop()
		if len(group) > 0 && t != last {
			flush()
		}
		last = t
		if n := len(group); n > 0 && group[n-1].file == file {
			group[n-1].n++
		} else {
			group = append(group, member{file, 1})
		}
	}
	flush()
	return total
}

// merger yields the values of sorted runs in order of (value, file).
type merger struct {
	runs []run64
	pos  []int
	h    []int // indexes of runs with values left
}

func newMerger(runs []run64) *merger {
	m := &merger{runs: runs, pos: make([]int, len(runs))}
	for i, r := range runs {
		if len(r.ts) > 0 {
			m.h = append(m.h, i)
		}
	}
	heap.Init(m)
	return m
}

func (m *merger) Len() int { return len(m.h) }
func (m *merger) Less(i, j int) bool {
	a, b := m.h[i], m.h[j]
	va, vb := m.runs[a].ts[m.pos[a]], m.runs[b].ts[m.pos[b]]
	if va != vb {
		return va < vb
	}
	return m.runs[a].file < m.runs[b].file
}
func (m *merger) Swap(i, j int) { m.h[i], m.h[j] = m.h[j], m.h[i] }
func (m *merger) Push(x any)    { m.h = append(m.h, x.(int)) }
func (m *merger) Pop() any {
	x := m.h[len(m.h)-1]
	m.h = m.h[:len(m.h)-1]
	return x
}

// pop returns the least value and its file.
func (m *merger) pop() (int64, int32) {
	i := m.h[0]
	v := m.runs[i].ts[m.pos[i]]
	m.pos[i]++
	if m.pos[i] == len(m.runs[i].ts) {
		heap.Pop(m)
	} else {
		heap.Fix(m, 0)
	}
	return v, m.runs[i].file
}

// percent returns n / of * 100, or 0 when of is 0.
func percent(n, of int64) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of) * 100
}

// result builds the job's result once every file is read.
func (r *run) result(res *Result, failed func(*Failure) (*Result, error)) (*Result, error) {
	res.Problems = r.problems()
	for _, f := range r.files {
		if f.discard != nil {
			res.Discards = append(res.Discards, f.discard)
		}
	}
	for _, f := range r.files {
		if f.readErr != nil {
			return failed(&Failure{Kind: FailRead, Key: f.key, Err: f.readErr})
		}
	}
	for _, f := range r.files {
		if f.badName {
			return failed(&Failure{Kind: FailInvalidHeader, Key: f.key, Column: f.hdr.badCol, Name: f.hdr.badName})
		}
	}
	for _, f := range r.files {
		if f.wide {
			return failed(&Failure{Kind: FailTooManySensors, Key: f.key, Count: int64(f.hdr.count - 1)})
		}
	}
	var ingested []*fileState
	for _, f := range r.files {
		if f.ingested() {
			ingested = append(ingested, f)
		}
	}
	if len(ingested) == 0 {
		return failed(&Failure{Kind: FailAllDiscarded})
	}
	// The sensors: the ingested files' and the schema's.
	var stats []lookout.SensorStatisticsSummary
	seen := map[[2]string]bool{}
	var q quality
	var dups int64
	for _, c := range r.comps {
		dups += c.dups
		for _, s := range c.sensors {
			seen[[2]string{c.name, s.name}] = true
			stats = append(stats, sensorSummary(c.name, s))
		}
	}
	if r.sc != nil {
		for _, sc := range r.sc.order {
			for _, col := range r.sc.comps[sc.ComponentName].names {
				k := [2]string{sc.ComponentName, col}
				if seen[k] {
					continue
				}
				seen[k] = true
				stats = append(stats, sensorSummary(sc.ComponentName, &sensorFigures{name: col}))
			}
		}
	}
	if len(stats) > MaxSensors {
		return failed(&Failure{Kind: FailTooManySensors, Count: int64(len(stats))})
	}
	slices.SortFunc(stats, func(a, b lookout.SensorStatisticsSummary) int { return sensorCmp(&a, &b) })
	for i := range stats {
		s := &stats[i]
		if n := *s.MissingValues.Count; n > 0 {
			q.missingSensors++
			q.missing += n
		}
		if n := *s.InvalidValues.Count; n > 0 {
			q.invalidSensors++
			q.invalid += n
		}
		if !*s.DataExists {
			q.noData++
		} else if s.DataEndTime.Unix()-s.DataStartTime.Unix() < shortRange {
			q.shortRange++
		}
	}
	q.dups = dups
	files := &lookout.IngestedFilesSummary{TotalNumberOfFiles: new(int64(len(r.files))), IngestedNumberOfFiles: new(int64(len(ingested))),
		DiscardedFiles: []lookout.S3Object{}}
	for _, d := range res.Discards {
		files.DiscardedFiles = append(files.DiscardedFiles, lookout.S3Object{Bucket: r.bucket, Key: d.Key})
	}
	var size int64
	minT, maxT := int64(math.MaxInt64), int64(math.MinInt64)
	for _, f := range ingested {
		size += f.size
		q.unsupported += f.fig.unsupported
		res.RaggedRecords += f.fig.ragged
		minT, maxT = min(minT, f.fig.minT), max(maxT, f.fig.maxT)
	}
	res.Status = lookout.IngestionJobStatusSuccess
	res.IngestedFilesSummary = files
	res.DataQualitySummary = q.summary()
	res.IngestedDataSize = &size
	start, end := lookout.UnixTimestamp(minT, 0), lookout.UnixTimestamp(maxT, 0)
	res.DataStartTime, res.DataEndTime = &start, &end
	res.SensorStatisticsSummaries = stats
	return res, nil
}

// quality holds the figures of the service's DataQualitySummary.
type quality struct {
	missingSensors, missing, invalidSensors, invalid int64
	noData, shortRange, dups, unsupported            int64
}

// summary returns q as the service's DataQualitySummary, every member set.
func (q *quality) summary() *lookout.DataQualitySummary {
	return &lookout.DataQualitySummary{
		DuplicateTimestamps: &lookout.DuplicateTimestamps{TotalNumberOfDuplicateTimestamps: new(q.dups)},
		InsufficientSensorData: &lookout.InsufficientSensorData{
			MissingCompleteSensorData: &lookout.MissingCompleteSensorData{AffectedSensorCount: new(q.noData)},
			SensorsWithShortDateRange: &lookout.SensorsWithShortDateRange{AffectedSensorCount: new(q.shortRange)},
		},
		InvalidSensorData: &lookout.InvalidSensorData{AffectedSensorCount: new(q.invalidSensors),
			TotalNumberOfInvalidValues: new(q.invalid)},
		MissingSensorData: &lookout.MissingSensorData{AffectedSensorCount: new(q.missingSensors),
			TotalNumberOfMissingValues: new(q.missing)},
		UnsupportedTimestamps: &lookout.UnsupportedTimestamps{TotalNumberOfUnsupportedTimestamps: new(q.unsupported)},
	}
}

// countPercent returns a CountPercent of n out of of.
func countPercent(n, of int64) *lookout.CountPercent {
	return &lookout.CountPercent{Count: new(n), Percentage: new(percent(n, of))}
}

// shortRange is the least span of a sensor's valid values, in seconds, that
// is not a short date range: 14 days.
const shortRange = 14 * 24 * 3600

func sensorSummary(comp string, s *sensorFigures) lookout.SensorStatisticsSummary {
	out := lookout.SensorStatisticsSummary{
		ComponentName:       comp,
		SensorName:          s.name,
		DataExists:          new(s.valid > 0),
		MissingValues:       countPercent(s.missing, s.records),
		InvalidValues:       countPercent(s.invalid, s.records),
		InvalidDateEntries:  countPercent(s.invalidDate, s.invalidDate+s.records),
		DuplicateTimestamps: countPercent(s.dups, s.records),
	}
	if s.valid > 0 {
		a, b := lookout.UnixTimestamp(s.minT, 0), lookout.UnixTimestamp(s.maxT, 0)
		out.DataStartTime, out.DataEndTime = &a, &b
	}
	status := func(detected bool) lookout.StatisticalIssueStatus {
		if detected {
			return lookout.StatisticalIssueStatusPotentialIssueDetected
		}
		return lookout.StatisticalIssueStatusNoIssueDetected
	}
	if len(s.files) == 0 {
		// A sensor without an ingested file: every status NO_ISSUE_DETECTED
		// and no other member (section 4b).
		out.LargeTimestampGaps = &lookout.LargeTimestampGaps{Status: status(false)}
		out.CategoricalValues = &lookout.CategoricalValues{Status: status(false)}
		out.MonotonicValues = &lookout.MonotonicValues{Status: status(false)}
		out.MultipleOperatingModes = &lookout.MultipleOperatingModes{Status: status(false)}
		return out
	}
	h := s.vals.heuristics(s.gaps)
	// Timestamps lie in the years 0001 to 9999: fewer than 2^31 days, and
	// fewer large gaps still, so both fit the model's 32-bit Integer.
	out.LargeTimestampGaps = &lookout.LargeTimestampGaps{Status: status(h.LargeGaps > 0),
		NumberOfLargeTimestampGaps: new(int32(h.LargeGaps)), MaxTimestampGapInDays: new(int32(h.MaxGapDays))}
	out.CategoricalValues = &lookout.CategoricalValues{Status: status(h.Categorical)}
	if h.Categorical {
		out.CategoricalValues.NumberOfCategory = new(int32(h.Distinct)) // at most 10
	}
	out.MonotonicValues = &lookout.MonotonicValues{Status: status(h.Monotonicity != ""), Monotonicity: lookout.Monotonicity(h.Monotonicity)}
	out.MultipleOperatingModes = &lookout.MultipleOperatingModes{Status: status(h.MultipleModes)}
	return out
}
