package main

import (
	"bufio"
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// worstShown is how many sensors the report lists as the worst.
const worstShown = 5

// ignoredShown is how many ignored keys the report lists before it counts
// the rest.
const ignoredShown = 10

// writeIngestion writes the short report on the data check of r, indented
// under its verdict line.
func writeIngestion(out *bufio.Writer, r *result) {
	res := r.Ingestion
	out.WriteString("  data: " + r.Data + "\n")
	out.WriteString("  ingestion: ")
	if res.Status != lookout.IngestionJobStatusSuccess {
		out.WriteString(string(res.Status) + ": " + res.FailedReason + "\n")
	} else {
		out.WriteString(string(res.Status))
		if hasWarnings(res) {
			out.WriteString(", with warnings")
		}
		out.WriteByte('\n')
		writeFigures(out, res)
	}
	if len(res.Discards) > 0 {
		out.WriteString("  discarded files:\n")
		for _, d := range res.Discards {
			out.WriteString("    " + d.Error() + "\n")
		}
	}
	if n := len(res.Ignored); n > 0 {
		out.WriteString("  ignored keys (no component):\n")
		for _, k := range res.Ignored[:min(n, ignoredShown)] {
			out.WriteString("    " + strconv.Quote(k) + "\n")
		}
		if n > ignoredShown {
			out.WriteString("    ... and " + strconv.Itoa(n-ignoredShown) + " more\n")
		}
	}
	writeProblems(out, res.Problems)
	for _, h := range r.Hints {
		out.WriteString("  hint: " + h.Message + "\n")
	}
}

// writeProblems writes every invalid header name of every file (a job
// stops at the first), then the files' first unsupported timestamps and
// the formats a job reads.
func writeProblems(out *bufio.Writer, problems []ingest.FileProblems) {
	names, stamps := false, false
	for _, p := range problems {
		names = names || p.InvalidNameCount > 0
		stamps = stamps || p.UnsupportedTimestamps > 0
	}
	if names {
		out.WriteString("  invalid header names (a name must match " + sensorNamePattern + "):\n")
		for _, p := range problems {
			for _, n := range p.InvalidNames {
				out.WriteString("    " + strconv.Quote(p.Key) + ": column " + strconv.Itoa(n.Column) + ": " + strconv.Quote(n.Name) + "\n")
			}
			if more := p.InvalidNameCount - len(p.InvalidNames); more > 0 {
				out.WriteString("    " + strconv.Quote(p.Key) + ": ... and " + strconv.Itoa(more) + " more\n")
			}
		}
	}
	if stamps {
		out.WriteString("  unsupported timestamps (records dropped):\n")
		for _, p := range problems {
			if p.UnsupportedTimestamps == 0 {
				continue
			}
			out.WriteString("    " + strconv.Quote(p.Key) + ": " + plural(p.UnsupportedTimestamps, "record"))
			for i, s := range p.Samples {
				sep := ", "
				if i == 0 {
					sep = ": "
				}
				out.WriteString(sep + "line " + strconv.FormatInt(s.Line, 10) + " " + strconv.Quote(s.Value))
			}
			if int64(len(p.Samples)) < p.UnsupportedTimestamps {
				out.WriteString(", ...")
			}
			out.WriteByte('\n')
		}
		out.WriteString("    the formats a job reads: " + strings.Join(ingest.TimestampFormats(), ", ") + "\n")
	}
}

// sensorNamePattern is the pattern of a valid header name (the model's
// SensorName).
const sensorNamePattern = "^[0-9a-zA-Z:#$.\\-_]{1,200}$"

// hasWarnings reports whether a job that succeeds leaves something to look
// at: a discarded file, an ignored key, a ragged record, any figure of the
// data quality summary, or a sensor a heuristic flags.
func hasWarnings(res *ingest.Result) bool {
	q := res.DataQualitySummary
	flagged := slices.ContainsFunc(res.SensorStatisticsSummaries, func(s lookout.SensorStatisticsSummary) bool {
		return len(sensorFlags(&s)) > 0
	})
	return flagged || len(res.Discards) > 0 || len(res.Ignored) > 0 || res.RaggedRecords > 0 ||
		*q.InsufficientSensorData.MissingCompleteSensorData.AffectedSensorCount > 0 ||
		*q.InsufficientSensorData.SensorsWithShortDateRange.AffectedSensorCount > 0 ||
		*q.MissingSensorData.AffectedSensorCount > 0 ||
		*q.InvalidSensorData.AffectedSensorCount > 0 ||
		*q.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps > 0 ||
		*q.DuplicateTimestamps.TotalNumberOfDuplicateTimestamps > 0
}

// writeFigures writes the figures of a job that succeeds.
func writeFigures(out *bufio.Writer, res *ingest.Result) {
	f, q := res.IngestedFilesSummary, res.DataQualitySummary
	out.WriteString("  files: " + strconv.FormatInt(*f.TotalNumberOfFiles, 10) + " matched, " +
		strconv.FormatInt(*f.IngestedNumberOfFiles, 10) + " ingested (" + plural(*res.IngestedDataSize, "byte") + "), " +
		strconv.Itoa(len(f.DiscardedFiles)) + " discarded; " + plural(int64(len(res.Ignored)), "key") + " ignored\n")
	out.WriteString("  time: " + formatTime(res.DataStartTime) + " to " + formatTime(res.DataEndTime) + " (UTC)\n")
	out.WriteString("  records: " + plural(*q.DuplicateTimestamps.TotalNumberOfDuplicateTimestamps, "duplicate timestamp") + ", " +
		plural(*q.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps, "unsupported timestamp") + ", " +
		plural(res.RaggedRecords, "ragged record") + "\n")
	out.WriteString("  sensors: " + strconv.Itoa(len(res.SensorStatisticsSummaries)) + ": " +
		strconv.FormatInt(*q.MissingSensorData.AffectedSensorCount, 10) + " with missing values (" +
		strconv.FormatInt(*q.MissingSensorData.TotalNumberOfMissingValues, 10) + " in all), " +
		strconv.FormatInt(*q.InvalidSensorData.AffectedSensorCount, 10) + " with invalid values (" +
		strconv.FormatInt(*q.InvalidSensorData.TotalNumberOfInvalidValues, 10) + " in all), " +
		strconv.FormatInt(*q.InsufficientSensorData.MissingCompleteSensorData.AffectedSensorCount, 10) + " without a valid value, " +
		strconv.FormatInt(*q.InsufficientSensorData.SensorsWithShortDateRange.AffectedSensorCount, 10) + " with less than 14 days of data\n")
	writeHeuristics(out, res.SensorStatisticsSummaries)
	worst := worstSensors(res.SensorStatisticsSummaries, worstShown)
	if len(worst) == 0 {
		return
	}
	out.WriteString("  worst sensors (missing + invalid values):\n")
	for _, s := range worst {
		out.WriteString("    " + s.ComponentName + "/" + s.SensorName + ": " + formatPercent(*s.MissingValues.Percentage) +
			" missing, " + formatPercent(*s.InvalidValues.Percentage) + " invalid")
		switch {
		case !*s.DataExists:
			out.WriteString(", no valid value")
		case s.DataEndTime.Unix()-s.DataStartTime.Unix() < 14*24*3600:
			out.WriteString(", less than 14 days of data")
		}
		if f := sensorFlags(s); len(f) > 0 {
			out.WriteString("; " + strings.Join(f, ", "))
		}
		out.WriteByte('\n')
	}
}

// flaggedShown is how many sensors the report lists as flagged by the
// heuristics before it counts the rest.
const flaggedShown = 10

// writeHeuristics writes how many sensors each of the four heuristics
// flags (ingest's section 4b), then the flagged sensors.
func writeHeuristics(out *bufio.Writer, sensors []lookout.SensorStatisticsSummary) {
	var cat, mono, modes, gaps int64
	var flagged []*lookout.SensorStatisticsSummary
	for i := range sensors {
		s := &sensors[i]
		if len(sensorFlags(s)) > 0 {
			flagged = append(flagged, s)
		}
		if detected(s.CategoricalValues.Status) {
			cat++
		}
		if detected(s.MonotonicValues.Status) {
			mono++
		}
		if detected(s.MultipleOperatingModes.Status) {
			modes++
		}
		if detected(s.LargeTimestampGaps.Status) {
			gaps++
		}
	}
	out.WriteString("  heuristics: " + strconv.FormatInt(cat, 10) + " categorical, " + strconv.FormatInt(mono, 10) + " monotonic, " +
		strconv.FormatInt(modes, 10) + " with multiple operating modes, " + strconv.FormatInt(gaps, 10) + " with gaps over 30 days\n")
	if len(flagged) == 0 {
		return
	}
	out.WriteString("  flagged sensors:\n")
	for _, s := range flagged[:min(len(flagged), flaggedShown)] {
		out.WriteString("    " + s.ComponentName + "/" + s.SensorName + ": " + strings.Join(sensorFlags(s), ", ") + "\n")
	}
	if n := len(flagged); n > flaggedShown {
		out.WriteString("    ... and " + strconv.Itoa(n-flaggedShown) + " more\n")
	}
}

// detected reports whether a heuristic's status flags the sensor.
func detected(s lookout.StatisticalIssueStatus) bool {
	return s == lookout.StatisticalIssueStatusPotentialIssueDetected
}

// sensorFlags says which heuristics flag s, in the order categorical,
// monotonic, modes, gaps: "categorical (3 values)", "monotonic
// (INCREASING)", "multiple operating modes", "2 gaps over 30 days (longest
// 45 days)".
func sensorFlags(s *lookout.SensorStatisticsSummary) []string {
	var out []string
	if c := s.CategoricalValues; c != nil && detected(c.Status) {
		out = append(out, "categorical ("+plural(int64(deref(c.NumberOfCategory)), "value")+")")
	}
	if m := s.MonotonicValues; m != nil && detected(m.Status) {
		out = append(out, "monotonic ("+string(m.Monotonicity)+")")
	}
	if m := s.MultipleOperatingModes; m != nil && detected(m.Status) {
		out = append(out, "multiple operating modes")
	}
	if g := s.LargeTimestampGaps; g != nil && detected(g.Status) {
		out = append(out, plural(int64(deref(g.NumberOfLargeTimestampGaps)), "gap")+" over 30 days (longest "+
			plural(int64(deref(g.MaxTimestampGapInDays)), "day")+")")
	}
	return out
}

// deref returns *p, or 0 for nil.
func deref[I int32 | int64](p *I) I {
	if p == nil {
		return 0
	}
	return *p
}

// worstSensors returns at most n of sensors with missing or invalid
// values, by the sum of their missing and invalid percentages, highest
// first (ties in the order of sensors: component, then sensor name).
func worstSensors(sensors []lookout.SensorStatisticsSummary, n int) []*lookout.SensorStatisticsSummary {
	score := func(s *lookout.SensorStatisticsSummary) float64 {
		return *s.MissingValues.Percentage + *s.InvalidValues.Percentage
	}
	var out []*lookout.SensorStatisticsSummary
	for i := range sensors {
		if s := &sensors[i]; *s.MissingValues.Count+*s.InvalidValues.Count > 0 {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b *lookout.SensorStatisticsSummary) int { return cmp.Compare(score(b), score(a)) })
	return out[:min(n, len(out))]
}

// formatPercent writes p rounded to two decimals, without trailing zeros:
// "12.5%", "16.67%", "80%".
func formatPercent(p float64) string {
	s := strconv.FormatFloat(p, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	return s + "%"
}

// formatTime writes t as "2006-01-02 15:04:05", in UTC.
func formatTime(t *lookout.Timestamp) string {
	return t.Time().Format("2006-01-02 15:04:05")
}

// plural returns "N word" or "N words".
func plural(n int64, word string) string {
	s := strconv.FormatInt(n, 10) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}
