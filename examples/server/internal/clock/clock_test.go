package clock

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	wallStart = time.Date(2026, 12, 6, 22, 0, 0, 0, time.UTC)
	origin    = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
)

func TestNow(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		s       Settings
		before  time.Duration // wall time from Started to New
		advance time.Duration // then
		want    time.Time
	}{
		{"wall clock", Settings{Origin: wallStart, Scale: 1, Started: wallStart}, 0, time.Hour, wallStart.Add(time.Hour)},
		{"origin, scale 1", Settings{Origin: origin, Scale: 1, Started: wallStart}, 0, time.Minute, origin.Add(time.Minute)},
		{"a day a second", Settings{Origin: origin, Scale: 86400, Started: wallStart}, 0, 3 * time.Second,
			origin.Add(72 * time.Hour)},
		{"goes on across a restart", Settings{Origin: origin, Scale: 60, Started: wallStart}, time.Hour, time.Minute,
			origin.Add(61 * time.Hour)},
		{"slower than the wall", Settings{Origin: origin, Scale: 0.5, Started: wallStart}, 0, time.Hour,
			origin.Add(30 * time.Minute)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			wall := NewManual(wallStart.Add(tc.before))
			c, err := New(tc.s, wall)
			require.NoError(t, err)
			wall.Advance(tc.advance)
			assert.Equal(t, tc.want, c.Now())
			assert.Equal(t, time.UTC, c.Now().Location())
		})
	}
}

func TestSettingsCheck(t *testing.T) {
	t.Parallel()
	for _, scale := range []float64{0, -1, MinScale / 2, MaxScale * 2, math.NaN(), math.Inf(1)} {
		_, err := New(Settings{Origin: origin, Scale: scale, Started: wallStart}, nil)
		var se *ScaleError
		assert.ErrorAs(t, err, &se, "%v", scale)
	}
	for _, scale := range []float64{MinScale, 1, 3600, MaxScale} {
		_, err := New(Settings{Origin: origin, Scale: scale, Started: wallStart}, nil)
		assert.NoError(t, err, "%v", scale)
	}
}

func TestWallDuration(t *testing.T) {
	t.Parallel()
	c, err := New(Settings{Origin: origin, Scale: 3, Started: wallStart}, NewManual(wallStart))
	require.NoError(t, err)
	assert.Equal(t, time.Duration(0), c.WallDuration(-time.Second))
	assert.Equal(t, time.Second, c.WallDuration(3*time.Second))
	assert.Equal(t, time.Duration(1), c.WallDuration(1), "rounded up")
	assert.Equal(t, time.Duration(334), c.WallDuration(1000))
}

// TestWait: a wait for a clock time sleeps the wall time its scale makes
// of it, and returns once the clock reaches it; a time passed returns at
// once; a context ending stops it.
func TestWait(t *testing.T) {
	t.Parallel()
	wall := NewManual(wallStart)
	c, err := New(Settings{Origin: origin, Scale: 3600, Started: wallStart}, wall) // an hour a second
	require.NoError(t, err)

	require.NoError(t, c.Wait(context.Background(), origin.Add(-time.Hour)))
	require.NoError(t, c.Wait(context.Background(), origin))

	done := make(chan error, 1)
	due := origin.Add(10 * time.Hour)
	go func() { done <- c.Wait(context.Background(), due) }()
	waitTimers(t, wall, 1)
	wall.Advance(9 * time.Second)
	waitTimers(t, wall, 1) // not due yet
	select {
	case err := <-done:
		require.FailNow(t, "returned before its time", "%v", err)
	default:
	}
	wall.Advance(time.Second)
	require.NoError(t, <-done)
	assert.False(t, c.Now().Before(due))

	ctx, cancel := context.WithCancel(context.Background())
	go func() { done <- c.Wait(ctx, due.Add(time.Hour)) }()
	waitTimers(t, wall, 1)
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
	assert.Equal(t, 0, wall.Timers(), "the timer is stopped")
}

// waitTimers waits until n timers wait on wall.
func waitTimers(t *testing.T, wall *Manual, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); wall.Timers() != n; {
		require.False(t, time.Now().After(deadline), "no timer")
		time.Sleep(time.Millisecond)
	}
}

func TestParseOrigin(t *testing.T) {
	t.Parallel()
	got, err := ParseOrigin("2024-01-01T01:00:00+01:00")
	require.NoError(t, err)
	assert.True(t, got.Equal(origin))
	_, err = ParseOrigin("")
	assert.ErrorIs(t, err, ErrNoTime)
	_, err = ParseOrigin("2024-01-01")
	assert.Error(t, err)
}
