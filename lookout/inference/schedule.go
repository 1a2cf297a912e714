package inference

import (
	"fmt"
	"iter"
	"strconv"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// timeForm is how the service writes a window's bounds in a FailedReason.
const timeForm = "2006-01-02T15:04:05Z"

// Schedule is when a scheduler wakes and which window each run reads.
// The zero Schedule is not valid: make one with NewSchedule.
type Schedule struct {
	// Frequency is the DataUploadFrequency: 5, 10, 15, 30 or 60 minutes.
	Frequency time.Duration
	// Offset is the DataDelayOffsetInMinutes: 0 to 60 minutes.
	Offset time.Duration
}

// ScheduleError is a DataUploadFrequency or DataDelayOffsetInMinutes that
// makes no schedule.
type ScheduleError struct {
	// Frequency is the frequency given, when it is the one at fault.
	Frequency lookout.DataUploadFrequency
	// Offset is the offset given, when it is the one at fault.
	Offset *int64
}

// Error says which value is at fault.
func (e *ScheduleError) Error() string {
	if e.Offset != nil {
		return "inference: DataDelayOffsetInMinutes " + strconv.FormatInt(*e.Offset, 10) + " is not from 0 to 60"
	}
	return fmt.Sprintf("inference: DataUploadFrequency %q is none of PT5M, PT10M, PT15M, PT30M, PT1H", string(e.Frequency))
}

// FrequencyOf returns the duration of a DataUploadFrequency, and ok false
// for a value that is not one of the enum's.
func FrequencyOf(f lookout.DataUploadFrequency) (d time.Duration, ok bool) {
	switch f {
	case lookout.DataUploadFrequencyPt5m:
		return 5 * time.Minute, true
	case lookout.DataUploadFrequencyPt10m:
		return 10 * time.Minute, true
	case lookout.DataUploadFrequencyPt15m:
		return 15 * time.Minute, true
	case lookout.DataUploadFrequencyPt30m:
		return 30 * time.Minute, true
	case lookout.DataUploadFrequencyPt1h:
		return time.Hour, true
	}
	return 0, false
}

// NewSchedule returns the schedule of a frequency and an offset in minutes
// (nil: 0, as the service reads an absent DataDelayOffsetInMinutes). An
// unknown frequency or an offset outside 0 to 60 is a *ScheduleError.
func NewSchedule(f lookout.DataUploadFrequency, offsetMinutes *int64) (Schedule, error) {
	d, ok := FrequencyOf(f)
	if !ok {
		return Schedule{}, &ScheduleError{Frequency: f}
	}
	var off int64
	if offsetMinutes != nil {
		off = *offsetMinutes
		if off < 0 || off > 60 {
			return Schedule{}, &ScheduleError{Offset: new(off)}
		}
	}
	return Schedule{Frequency: d, Offset: time.Duration(off) * time.Minute}, nil
}

// Window is a run's data window (Start, End]: Start exclusive, End
// inclusive, both in UTC.
type Window struct {
	Start, End time.Time
}

// Contains reports whether t lies in (Start, End].
func (w Window) Contains(t time.Time) bool { return t.After(w.Start) && !t.After(w.End) }

// containsUnix is Contains for seconds since the Unix epoch.
func (w Window) containsUnix(sec int64) bool { return sec > w.Start.Unix() && sec <= w.End.Unix() }

// String returns "(START, END]" with the times as the service writes them
// in a FailedReason (2022-05-13T12:10:00Z).
func (w Window) String() string {
	return "(" + w.Start.UTC().Format(timeForm) + ", " + w.End.UTC().Format(timeForm) + "]"
}

// Run is one run of a scheduler: its ScheduledStartTime and the window it
// reads.
type Run struct {
	// Scheduled is the run's ScheduledStartTime, in UTC.
	Scheduled time.Time
	// Window is what it reads: DataStartTime (exclusive) and DataEndTime.
	Window Window
}

// secs is a Schedule's frequency and offset in seconds.
func (s Schedule) secs() (f, off int64) {
	return int64(s.Frequency / time.Second), int64(s.Offset / time.Second)
}

// Next returns the first wake-up at or after t. The schedule must be valid
// (NewSchedule's).
func (s Schedule) Next(t time.Time) time.Time {
	f, off := s.secs()
	sec := t.Unix()
	if t.Nanosecond() > 0 {
		sec++
	}
	k := floorDiv(sec-off, f)
	if k*f+off < sec {
		k++
	}
	return time.Unix(k*f+off, 0).UTC()
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Window returns the window of the run scheduled at start:
// (start - offset - frequency, start - offset].
func (s Schedule) Window(start time.Time) Window {
	end := start.Add(-s.Offset).UTC()
	return Window{Start: end.Add(-s.Frequency), End: end}
}

// Runs yields the runs scheduled in [from, to], in time order.
func (s Schedule) Runs(from, to time.Time) iter.Seq[Run] {
	return func(yield func(Run) bool) {
		if s.Frequency <= 0 {
			return
		}
		for t := s.Next(from); !t.After(to); t = t.Add(s.Frequency) {
			if !yield(Run{Scheduled: t, Window: s.Window(t)}) {
				return
			}
		}
	}
}
