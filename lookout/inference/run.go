package inference

import (
	"context"
	"slices"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// Rows are the rows of one input file: its header and its records' times.
type Rows struct {
	// Header is the file's header, its names as read (the first is the
	// timestamp column's).
	Header []string
	// Times holds the supported timestamps of its records, read in the
	// scheduler's zone, as seconds since the Unix epoch (UTC), in file
	// order.
	Times []int64
	// Records counts the data records; Unsupported those dropped for a
	// timestamp of no supported format; Ragged those with more fields
	// than the header.
	Records, Unsupported, Ragged int64
	// Samples are the first 5 records dropped for their timestamp, in
	// file order.
	Samples []ingest.TimestampSample
}

// ReadRows reads obj of src as ingestion reads a CSV file
// ([ingest.ReadTimes]: sections 2 and 3 of package ingest, without a
// schema) and reads its timestamps in zone: "2021-04-05 18:30:00" in
// +05:30 is 13:00 UTC. The errors are ReadTimes': a *ingest.Discard for
// a file ingestion would discard, a *ingest.Failure for an invalid header
// name or too many columns (a run cannot use the file), ctx's error.
func ReadRows(ctx context.Context, src ingest.Source, obj ingest.Object, zone Zone) (*Rows, error) {
	ft, err := ingest.ReadTimes(ctx, src, obj)
	if err != nil {
		return nil, err
	}
	for i := range ft.Times {
		ft.Times[i] -= int64(zone)
	}
	return &Rows{Header: ft.Header, Times: ft.Times, Records: ft.Records, Unsupported: ft.Unsupported, Ragged: ft.Ragged,
		Samples: ft.Samples}, nil
}

// Counts are how a file's rows fall around a window.
type Counts struct {
	// In counts the rows in (Start, End]; Before those at or before
	// Start; After those after End.
	In, Before, After int64
	// First and Last are the earliest and latest times of the rows in
	// the window (zero when In is 0).
	First, Last time.Time
}

// Count returns how r's rows fall around w.
func (r *Rows) Count(w Window) Counts {
	var c Counts
	s, e := w.Start.Unix(), w.End.Unix()
	first, last := int64(0), int64(0)
	for _, t := range r.Times {
		switch {
		case t <= s:
			c.Before++
		case t > e:
			c.After++
		default:
			if c.In == 0 || t < first {
				first = t
			}
			if c.In == 0 || t > last {
				last = t
			}
			c.In++
		}
	}
	if c.In > 0 {
		c.First, c.Last = time.Unix(first, 0).UTC(), time.Unix(last, 0).UTC()
	}
	return c
}

// Component is a component a run needs data for: its name and its
// sensors.
type Component struct {
	Name string
	// Sensors are the component's sensor columns (none when unknown).
	Sensors []string
}

// ComponentsOf returns the components of a model's schema, in its order:
// each component's sensors are its columns after the first (the
// timestamp).
func ComponentsOf(s *lookout.DataSchema) []Component {
	out := make([]Component, 0, len(s.Components))
	for _, c := range s.Components {
		k := Component{Name: c.ComponentName}
		for i, col := range c.Columns {
			if i > 0 {
				k.Sensors = append(k.Sensors, col.Name)
			}
		}
		out = append(out, k)
	}
	return out
}

// Input is a file a run opens, once read: its rows, or why it could not
// be used.
type Input struct {
	Pick
	// Rows are its rows, nil when Err is set.
	Rows *Rows
	// Err is why the run cannot use the file: ReadRows' error.
	Err error
}

// ComponentOutcome is what a run takes of one component.
type ComponentOutcome struct {
	// Name is the component's.
	Name string
	// Files counts the files of the component the run opens; Usable
	// those it can read.
	Files, Usable int
	// Rows counts the rows it takes: those of its usable files in the
	// window, a row that two files hold counted twice.
	Rows int64
	// First and Last are the earliest and latest times taken.
	First, Last time.Time
	// MissingSensors are the component's sensors that no usable file's
	// header holds, in the component's order.
	MissingSensors []string
}

// Outcome is what a run makes of its inputs.
type Outcome struct {
	Run Run
	// Components holds one entry per component needed, in their order.
	Components []ComponentOutcome
	// Err is why the run fails: a *NoDataError for the first component
	// (in their order) without a row in the window or lacking a sensor;
	// nil when it succeeds.
	Err error
}

// Evaluate returns what run makes of inputs (the files Index.Select
// picked, read) for the components comps. A component without a row in
// the window fails the run, with the service's FailedReason
// ([NoDataError]). So does, in our reading, a sensor of comps that no
// usable file of its component holds in its header (the service's
// "data file for sensor"; its text then names the component, as it does).
// Sensor values are not checked: a row with a supported timestamp counts,
// whatever its cells.
func Evaluate(run Run, comps []Component, inputs []Input) Outcome {
	out := Outcome{Run: run, Components: make([]ComponentOutcome, len(comps))}
	for i, c := range comps {
		co := ComponentOutcome{Name: c.Name}
		seen := map[string]bool{}
		for _, in := range inputs {
			if in.Name.Component != c.Name {
				continue
			}
			co.Files++
			if in.Err != nil || in.Rows == nil {
				continue
			}
			co.Usable++
			for _, h := range in.Rows.Header[1:] {
				seen[h] = true
			}
			n := in.Rows.Count(run.Window)
			if n.In == 0 {
				continue
			}
			if co.Rows == 0 || n.First.Before(co.First) {
				co.First = n.First
			}
			if co.Rows == 0 || n.Last.After(co.Last) {
				co.Last = n.Last
			}
			co.Rows += n.In
		}
		for _, s := range c.Sensors {
			if !seen[s] {
				co.MissingSensors = append(co.MissingSensors, s)
			}
		}
		if out.Err == nil {
			switch {
			case co.Rows == 0:
				out.Err = &NoDataError{Component: c.Name, Window: run.Window}
			case len(co.MissingSensors) > 0:
				out.Err = &NoDataError{Component: c.Name, Sensor: co.MissingSensors[0], Window: run.Window}
			}
		}
		out.Components[i] = co
	}
	return out
}

// NoDataError is a run that fails for want of data: a component without a
// row in the window, or (Sensor set) a sensor that none of the
// component's files holds. Its Error is the service's FailedReason.
type NoDataError struct {
	// Component is the component without data.
	Component string
	// Sensor is the sensor missing, or "" when the component has no row.
	Sensor string
	// Window is the run's window.
	Window Window
}

// Error returns the service's FailedReason: "Could not find data file for
// sensor COMPONENT within expected range of (START, END]. Please ensure
// data is present in the expected location." (the service's text names
// the component where it says sensor; so does this one, for a missing
// sensor too).
func (e *NoDataError) Error() string {
	return "Could not find data file for sensor " + e.Component + " within expected range of " + e.Window.String() +
		". Please ensure data is present in the expected location."
}

// Named returns components of the given names, without sensors, in
// byte order: what a run needs without the model's schema (the components
// of an Index).
func Named(names []string) []Component {
	names = slices.Sorted(slices.Values(names))
	out := make([]Component, len(names))
	for i, n := range names {
		out[i] = Component{Name: n}
	}
	return out
}
