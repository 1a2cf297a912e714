package inference

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

func tm(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNewSchedule(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		f    lookout.DataUploadFrequency
		off  *int64
		want Schedule
		err  bool
	}{
		{lookout.DataUploadFrequencyPt5m, nil, Schedule{5 * time.Minute, 0}, false},
		{lookout.DataUploadFrequencyPt10m, new(int64(0)), Schedule{10 * time.Minute, 0}, false},
		{lookout.DataUploadFrequencyPt15m, new(int64(60)), Schedule{15 * time.Minute, time.Hour}, false},
		{lookout.DataUploadFrequencyPt30m, new(int64(7)), Schedule{30 * time.Minute, 7 * time.Minute}, false},
		{lookout.DataUploadFrequencyPt1h, new(int64(1)), Schedule{time.Hour, time.Minute}, false},
		{"PT2M", nil, Schedule{}, true},
		{"", nil, Schedule{}, true},
		{lookout.DataUploadFrequencyPt5m, new(int64(61)), Schedule{}, true},
		{lookout.DataUploadFrequencyPt5m, new(int64(-1)), Schedule{}, true},
	} {
		got, err := NewSchedule(tc.f, tc.off)
		if tc.err {
			var se *ScheduleError
			require.True(t, errors.As(err, &se), "%v %v", tc.f, err)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
}

func TestScheduleRuns(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		f        lookout.DataUploadFrequency
		off      int64
		from, to string
		want     []string // scheduled starts
	}{
		// The service's example: PT5M, 5 minutes' offset.
		{"PT5M", 5, "2022-05-13T09:08:00Z", "2022-05-13T09:16:00Z", []string{"2022-05-13T09:10:00Z", "2022-05-13T09:15:00Z"}},
		// Both ends included.
		{"PT5M", 0, "2022-05-13T09:00:00Z", "2022-05-13T09:10:00Z", []string{"2022-05-13T09:00:00Z", "2022-05-13T09:05:00Z", "2022-05-13T09:10:00Z"}},
		// A second after a wake-up: the next one.
		{"PT10M", 0, "2022-05-13T09:00:01Z", "2022-05-13T09:20:00Z", []string{"2022-05-13T09:10:00Z", "2022-05-13T09:20:00Z"}},
		// A nanosecond after.
		{"PT15M", 0, "2022-05-13T09:00:00.000000001Z", "2022-05-13T09:15:00Z", []string{"2022-05-13T09:15:00Z"}},
		{"PT15M", 7, "2022-05-13T09:00:00Z", "2022-05-13T09:40:00Z", []string{"2022-05-13T09:07:00Z", "2022-05-13T09:22:00Z", "2022-05-13T09:37:00Z"}},
		{"PT30M", 60, "2022-05-13T09:00:00Z", "2022-05-13T10:00:00Z", []string{"2022-05-13T09:00:00Z", "2022-05-13T09:30:00Z", "2022-05-13T10:00:00Z"}},
		{"PT1H", 0, "2022-05-13T09:00:00Z", "2022-05-13T11:59:59Z", []string{"2022-05-13T09:00:00Z", "2022-05-13T10:00:00Z", "2022-05-13T11:00:00Z"}},
		{"PT1H", 60, "2022-05-13T09:30:00Z", "2022-05-13T10:30:00Z", []string{"2022-05-13T10:00:00Z"}},
		{"PT1H", 59, "2022-05-13T09:00:00Z", "2022-05-13T10:00:00Z", []string{"2022-05-13T09:59:00Z"}},
		// Before 1970: the multiples still count from the top of the hour.
		{"PT5M", 3, "1969-12-31T23:50:00Z", "1969-12-31T23:59:00Z", []string{"1969-12-31T23:53:00Z", "1969-12-31T23:58:00Z"}},
		// Times given in another zone are the same instants.
		{"PT1H", 0, "2022-05-13T14:30:01+05:30", "2022-05-13T10:00:00Z", []string{"2022-05-13T10:00:00Z"}},
		// An empty span.
		{"PT5M", 0, "2022-05-13T09:01:00Z", "2022-05-13T09:04:00Z", nil},
		{"PT5M", 0, "2022-05-13T09:10:00Z", "2022-05-13T09:00:00Z", nil},
	} {
		s, err := NewSchedule(tc.f, new(tc.off))
		require.NoError(t, err)
		var got []string
		for r := range s.Runs(tm(tc.from), tm(tc.to)) {
			got = append(got, r.Scheduled.Format(time.RFC3339))
			assert.Equal(t, r.Scheduled.Add(-s.Offset), r.Window.End)
			assert.Equal(t, r.Scheduled.Add(-s.Offset-s.Frequency), r.Window.Start)
			assert.Equal(t, time.UTC, r.Scheduled.Location())
		}
		assert.Equal(t, tc.want, got, "%s %d %s %s", tc.f, tc.off, tc.from, tc.to)
	}
}

func TestWindow(t *testing.T) {
	t.Parallel()
	s, err := NewSchedule("PT5M", new(int64(5)))
	require.NoError(t, err)
	w := s.Window(tm("2022-05-13T09:10:00Z"))
	assert.Equal(t, "(2022-05-13T09:00:00Z, 2022-05-13T09:05:00Z]", w.String())
	for _, tc := range []struct {
		t  string
		in bool
	}{
		{"2022-05-13T09:00:00Z", false}, // the start is out
		{"2022-05-13T09:00:01Z", true},
		{"2022-05-13T09:05:00Z", true}, // the end is in
		{"2022-05-13T09:05:01Z", false},
		{"2022-05-13T14:35:00+05:30", true},
	} {
		assert.Equal(t, tc.in, w.Contains(tm(tc.t)), tc.t)
		assert.Equal(t, tc.in, w.containsUnix(tm(tc.t).Unix()), tc.t)
	}
	// Every wake-up of every frequency and offset is a multiple of the
	// frequency from the top of the hour, plus the offset.
	for _, f := range lookout.DataUploadFrequency("").Values() {
		for _, off := range []int64{0, 1, 5, 59, 60} {
			s, err := NewSchedule(f, new(off))
			require.NoError(t, err)
			from := tm("2024-02-29T22:00:00Z")
			runs := slices.Collect(s.Runs(from, from.Add(3*time.Hour)))
			require.NotEmpty(t, runs)
			for i, r := range runs {
				m := r.Scheduled.Sub(from) - s.Offset
				assert.Zero(t, m%s.Frequency, "%s %d %v", f, off, r.Scheduled)
				if i > 0 {
					assert.Equal(t, s.Frequency, r.Scheduled.Sub(runs[i-1].Scheduled))
					assert.Equal(t, runs[i-1].Window.End, r.Window.Start, "windows tile")
				}
			}
		}
	}
}
