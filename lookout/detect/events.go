package detect

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// MaxDiagnostics is the most sensors a range's diagnostics list.
const MaxDiagnostics = 10

// Share is one sensor's share of a range's anomaly.
type Share struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// Range is a maximal run of consecutive results of prediction 1: Start and
// End are its first and last results' times (Unix seconds; a single result
// lasts 0 s), Rows how many results it holds, Diagnostics its sensors' mean
// shares, largest first (ties in model order), at most MaxDiagnostics.
type Range struct {
	Start, End  int64
	Rows        int
	Diagnostics []Share
}

// Ranges finds the maximal runs of prediction 1 in results (in time order,
// as Score gives them). Two results are consecutive when their times are at
// most step apart: a result missing between them (a row not scored, such as
// one where the machine is off) ends a range, as the service ends an event
// at a MACHINE_OFF line. sensors names the shares (Model.Sensors).
func Ranges(results []Result, sensors []string, step int64) []Range {
	var out []Range
	sum := make([]float64, len(sensors))
	in := false
	var cur Range
	closeRange := func() {
		if in {
			cur.Diagnostics = meanShares(sum, cur.Rows, sensors)
			out = append(out, cur)
			in = false
		}
	}
	var prev int64
	for i, r := range results {
		if in && (r.Prediction != 1 || (i > 0 && r.Time-prev > step)) {
			closeRange()
		}
		prev = r.Time
		if r.Prediction != 1 {
			continue
		}
		if !in {
			in = true
			cur = Range{Start: r.Time}
			clear(sum)
		}
		cur.End = r.Time
		cur.Rows++
		for j := range min(len(sum), len(r.Shares)) {
			sum[j] += r.Shares[j]
		}
	}
	closeRange()
	return out
}

func meanShares(sum []float64, rows int, sensors []string) []Share {
	s := make([]Share, len(sum))
	for j, v := range sum {
		s[j] = Share{Name: sensors[j], Value: v / float64(rows)}
	}
	slices.SortStableFunc(s, func(a, b Share) int {
		switch {
		case a.Value > b.Value:
			return -1
		case a.Value < b.Value:
			return 1
		}
		return 0
	})
	return s[:min(len(s), MaxDiagnostics)]
}

// Label is a labelled anomaly, from Start to End (Unix seconds, inclusive).
type Label struct {
	Start, End int64
}

// LabeledEventMetrics counts the labels of the evaluation range and those
// the model found.
type LabeledEventMetrics struct {
	NumLabeled    int `json:"num_labeled"`
	NumIdentified int `json:"num_identified"`
	// TotalWarningTime is, summed over the identified labels, how long
	// before the label's start the first predicted range overlapping it
	// began (0 when it began later), in seconds.
	TotalWarningTime int64 `json:"total_warning_time_in_seconds"`
}

// UnknownEventMetrics counts the predicted ranges that overlap no label.
type UnknownEventMetrics struct {
	NumIdentified int   `json:"num_identified"`
	TotalDuration int64 `json:"total_duration_in_seconds"` // sum of End - Start
}

// Metrics is the service's ModelMetrics over an evaluation range.
type Metrics struct {
	LabeledRanges   []Label // the labels overlapping the evaluation range, by start
	LabeledEvents   LabeledEventMetrics
	PredictedRanges []Range // in time order
	UnknownEvents   UnknownEventMetrics
}

// Evaluate compares predicted ranges (Ranges of the evaluation's results)
// with labels (the ANOMALY labels; the caller leaves the others out) over
// the evaluation range [from, to]. Intervals are closed: a range and a label
// overlap when each starts at or before the other's end.
func Evaluate(labels []Label, predicted []Range, from, to int64) Metrics {
	var m Metrics
	for _, l := range labels {
		if l.Start <= to && from <= l.End {
			m.LabeledRanges = append(m.LabeledRanges, l)
		}
	}
	slices.SortStableFunc(m.LabeledRanges, func(a, b Label) int {
		if a.Start != b.Start {
			return cmpInt(a.Start, b.Start)
		}
		return cmpInt(a.End, b.End)
	})
	m.PredictedRanges = slices.Clone(predicted)
	slices.SortStableFunc(m.PredictedRanges, func(a, b Range) int { return cmpInt(a.Start, b.Start) })
	m.LabeledEvents.NumLabeled = len(m.LabeledRanges)
	for _, l := range m.LabeledRanges {
		for _, r := range m.PredictedRanges {
			if r.Start <= l.End && l.Start <= r.End {
				m.LabeledEvents.NumIdentified++
				m.LabeledEvents.TotalWarningTime += max(l.Start-r.Start, 0)
				break
			}
		}
	}
	for _, r := range m.PredictedRanges {
		known := false
		for _, l := range m.LabeledRanges {
			if r.Start <= l.End && l.Start <= r.End {
				known = true
				break
			}
		}
		if !known {
			m.UnknownEvents.NumIdentified++
			m.UnknownEvents.TotalDuration += r.End - r.Start
		}
	}
	return m
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TimeLayout is the form of times inside the service's documents.
const TimeLayout = "2006-01-02T15:04:05.000000"

// MaxMetricsChars is the longest ModelMetrics document: the model's limit.
const MaxMetricsChars = 50000

// FormatTime is t (Unix seconds) in TimeLayout, UTC.
func FormatTime(t int64) string { return time.Unix(t, 0).UTC().Format(TimeLayout) }

type jsonSpan struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type jsonRange struct {
	Start       string      `json:"start"`
	End         string      `json:"end"`
	Diagnostics []jsonShare `json:"diagnostics"`
}

type jsonShare struct {
	Name  string      `json:"name"`
	Value json.Number `json:"value"`
}

// MarshalJSON writes the ModelMetrics document in the service's form: the
// keys labeled_ranges, labeled_event_metrics, predicted_ranges and
// unknown_event_metrics, times in TimeLayout, shares at Decimals decimals.
// The document stays within MaxMetricsChars characters: the predicted
// ranges that would pass it are left out of the list (and then, should the
// labels alone pass it, the labels that would), still counted in the
// metrics.
func (m Metrics) MarshalJSON() ([]byte, error) {
	head := func(labels, ranges []json.RawMessage) []byte {
		b := []byte(`{"labeled_ranges":[`)
		for i, l := range labels {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, l...)
		}
		b = append(b, `],"labeled_event_metrics":`...)
		lm, _ := json.Marshal(m.LabeledEvents)
		b = append(b, lm...)
		b = append(b, `,"predicted_ranges":[`...)
		for i, r := range ranges {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, r...)
		}
		b = append(b, `],"unknown_event_metrics":`...)
		um, _ := json.Marshal(m.UnknownEvents)
		b = append(b, um...)
		return append(b, '}')
	}
	budget := MaxMetricsChars - utf8.RuneCount(head(nil, nil))
	var labels, ranges []json.RawMessage
	for _, l := range m.LabeledRanges {
		b, err := json.Marshal(jsonSpan{FormatTime(l.Start), FormatTime(l.End)})
		if err != nil {
			return nil, err
		}
		if n := utf8.RuneCount(b) + 1; n <= budget {
			budget -= n
			labels = append(labels, b)
		} else {
			break
		}
	}
	for _, r := range m.PredictedRanges {
		jr := jsonRange{Start: FormatTime(r.Start), End: FormatTime(r.End), Diagnostics: []jsonShare{}}
		for _, d := range r.Diagnostics {
			jr.Diagnostics = append(jr.Diagnostics, jsonShare{d.Name, json.Number(formatDecimal(d.Value))})
		}
		b, err := json.Marshal(jr)
		if err != nil {
			return nil, err
		}
		if n := utf8.RuneCount(b) + 1; n <= budget {
			budget -= n
			ranges = append(ranges, b)
		} else {
			break
		}
	}
	return head(labels, ranges), nil
}

// formatDecimal writes v rounded to Decimals decimals, without trailing
// zeros.
func formatDecimal(v float64) string {
	return strconv.FormatFloat(roundTo(v), 'f', -1, 64)
}

func roundTo(v float64) float64 {
	r := math.Round(v*unit) / unit
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}
