package synth

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// Tolerance is how far before an event's start or after its end a predicted
// range may start and still find it.
const Tolerance = 3600 // seconds

// MaxStretch is how many times an event's duration a predicted range that
// finds it may last.
const MaxStretch = 3

// KindReport counts one kind's events.
type KindReport struct {
	Events int
	Found  int // a predicted range started within Tolerance of the event and lasted at most MaxStretch times as long
	Top    int // of those found, the events whose sensor has the largest mean share in the range that found them
	// Delays are, for each event found, the seconds from the event's start
	// to the start of the range that found it (negative when it began
	// before).
	Delays []int64
}

// Report is a detector's figures on a benchmark's evaluation part.
type Report struct {
	Kinds [NumKinds]KindReport
	// NormalRows are the rows outside every event (from Tolerance before it
	// to Tolerance after it); Flagged are those of them predicted 1 outside
	// a range that found an event, StrictFlagged all of them predicted 1.
	NormalRows, Flagged, StrictFlagged int
	// FalseEvents are the predicted ranges that touch no event.
	FalseEvents int
	Ranges      int
	Days        float64 // of evaluation
	Shares      bool    // whether the detector gave diagnostics
}

// Recall is the share of the kind's events found.
func (r *Report) Recall(k Kind) float64 {
	return float64(r.Kinds[k].Found) / float64(max(r.Kinds[k].Events, 1))
}

// TopShare is the share of found events (every kind) whose sensor led the
// diagnostics.
func (r *Report) TopShare() float64 {
	found, top := 0, 0
	for _, k := range r.Kinds {
		found += k.Found
		top += k.Top
	}
	return float64(top) / float64(max(found, 1))
}

// FlaggedShare is the share of normal rows flagged.
func (r *Report) FlaggedShare() float64 { return float64(r.Flagged) / float64(max(r.NormalRows, 1)) }

// FalsePer30Days is the false events per 30 days of evaluation.
func (r *Report) FalsePer30Days() float64 { return float64(r.FalseEvents) * 30 / r.Days }

// Add sums two reports (of separate benchmarks).
func (r *Report) Add(o *Report) {
	for k := range r.Kinds {
		r.Kinds[k].Events += o.Kinds[k].Events
		r.Kinds[k].Found += o.Kinds[k].Found
		r.Kinds[k].Top += o.Kinds[k].Top
		r.Kinds[k].Delays = append(r.Kinds[k].Delays, o.Kinds[k].Delays...)
	}
	r.NormalRows += o.NormalRows
	r.Flagged += o.Flagged
	r.StrictFlagged += o.StrictFlagged
	r.FalseEvents += o.FalseEvents
	r.Ranges += o.Ranges
	r.Days += o.Days
	r.Shares = r.Shares || o.Shares
}

// Print writes the report as a small table under the detector's name.
func (r *Report) Print(w io.Writer, name string) {
	fmt.Fprintf(w, "%s: %.0f days of evaluation, %d predicted ranges\n", name, r.Days, r.Ranges)
	for k := range NumKinds {
		kr := r.Kinds[k]
		fmt.Fprintf(w, "  %-9s recall %d/%d = %.2f", k.String(), kr.Found, kr.Events, r.Recall(k))
		if r.Shares {
			fmt.Fprintf(w, ", sensor first in diagnostics %d/%d", kr.Top, kr.Found)
		}
		if len(kr.Delays) > 0 {
			d := slices.Sorted(slices.Values(kr.Delays))
			early := 0
			for _, v := range d {
				if v <= Tolerance {
					early++
				}
			}
			fmt.Fprintf(w, ", found after %s (median), %s (most), %d within %s of the start",
				time.Duration(d[len(d)/2])*time.Second, time.Duration(d[len(d)-1])*time.Second, early, time.Duration(Tolerance)*time.Second)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "  normal time flagged %.3f%% (%d of %d rows; %.3f%% counting the tails of ranges that found an event)\n",
		100*r.FlaggedShare(), r.Flagged, r.NormalRows, 100*float64(r.StrictFlagged)/float64(max(r.NormalRows, 1)))
	fmt.Fprintf(w, "  false events %d = %.2f per 30 days\n", r.FalseEvents, r.FalsePer30Days())
	if r.Shares {
		fmt.Fprintf(w, "  injected sensor first in diagnostics: %.2f of found events\n", r.TopShare())
	}
}

type span struct {
	first, rows int
	mean        []float64
}

// Evaluate scores predictions of the evaluation part (pred[i] for row
// Train+i, 0 or 1) against the events; shares[i] (nil when the detector
// gives none) are row i's per-sensor shares.
func (d *Data) Evaluate(pred []int, shares [][]float64) Report {
	step := d.Step
	tol := int(Tolerance / step)
	var spans []span
	p := len(d.Sensors)
	for i := 0; i < len(pred); i++ {
		if pred[i] != 1 {
			continue
		}
		s := span{first: d.Train + i}
		if shares != nil {
			s.mean = make([]float64, p)
		}
		for ; i < len(pred) && pred[i] == 1; i++ {
			s.rows++
			if shares != nil {
				for j, v := range shares[i] {
					s.mean[j] += v
				}
			}
		}
		spans = append(spans, s)
	}
	rep := Report{Ranges: len(spans), Days: float64(len(pred)) * float64(step) / 86400, Shares: shares != nil}
	matched := make([]bool, len(spans))
	inEvent := make([]bool, len(pred))
	for _, e := range d.Events {
		for r := max(e.Row-tol, d.Train); r < min(e.Row+e.Rows+tol, d.Train+len(pred)); r++ {
			inEvent[r-d.Train] = true
		}
		kr := &rep.Kinds[e.Kind]
		kr.Events++
		for si, s := range spans {
			if s.first >= e.Row-tol && s.first <= e.Row+e.Rows-1+tol && s.rows <= MaxStretch*e.Rows {
				kr.Found++
				kr.Delays = append(kr.Delays, int64(s.first-e.Row)*step)
				matched[si] = true
				if shares != nil {
					top := 0
					for j, v := range s.mean {
						if v > s.mean[top] {
							top = j
						}
					}
					if top == e.Sensor {
						kr.Top++
					}
				}
				break
			}
		}
	}
	legit := make([]bool, len(pred))
	for si, s := range spans {
		touches := false
		for r := s.first; r < s.first+s.rows; r++ {
			if matched[si] {
				legit[r-d.Train] = true
			}
			if inEvent[r-d.Train] {
				touches = true
			}
		}
		if !touches {
			rep.FalseEvents++
		}
	}
	for i, in := range inEvent {
		if in {
			continue
		}
		rep.NormalRows++
		if pred[i] == 1 {
			rep.StrictFlagged++
			if !legit[i] {
				rep.Flagged++
			}
		}
	}
	return rep
}
