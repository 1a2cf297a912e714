// Package clock is the stand-in endpoint's one clock: the time every
// schedule follows and every time the endpoint reports.
//
// A Clock is the wall clock, or a clock that started at an origin and runs
// scale times as fast as the wall clock:
//
//	Now = Origin + Scale × (wall time elapsed since Started)
//
// where Started is the wall time at which the clock was made (the
// database's creation, for the server), so that a test runs months of
// schedule in seconds (scale 86,400: a day a second) or starts in the
// past. The Settings are stored with the state: a clock made again from
// them, after a restart, goes on where it was, counting the time the
// process was down.
//
// Within a process a Clock counts elapsed time with the wall clock's
// monotonic reading, so that a change of the system's time does not make
// it jump; across restarts it counts from the Started the Settings hold.
//
// Wait waits until the clock reaches a time: it sleeps the wall time that
// the scale makes of it, on a Wall's timer, and looks again (a scale
// rounds). Tests drive a Clock with a Manual wall.
package clock

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Settings are what makes a clock; they are stored with the state.
type Settings struct {
	// Origin is the clock's time at Started.
	Origin time.Time
	// Scale is how many seconds of the clock pass in a second of wall
	// time: positive and finite; 1 for a clock that runs as the wall's.
	Scale float64
	// Started is the wall time at which the clock started.
	Started time.Time
}

// MaxScale bounds Scale: a million seconds of the clock a second (11.6
// days), beyond which a schedule's runs would come faster than they can be
// made.
const MaxScale = 1e6

// MinScale bounds Scale from below: a second of the clock every 1,000
// seconds.
const MinScale = 1e-3

// ScaleError says that a scale is out of its bounds.
type ScaleError struct{ Scale float64 }

func (e *ScaleError) Error() string {
	return "the time scale " + strconv.FormatFloat(e.Scale, 'g', -1, 64) + " is not between " +
		strconv.FormatFloat(MinScale, 'g', -1, 64) + " and " + strconv.FormatFloat(MaxScale, 'g', -1, 64)
}

// Check returns a *ScaleError for a scale out of bounds (NaN and the
// infinities included).
func (s Settings) Check() error {
	if !(s.Scale >= MinScale && s.Scale <= MaxScale) {
		return &ScaleError{Scale: s.Scale}
	}
	return nil
}

// IsWall reports whether the settings make the wall clock: scale 1, the
// origin the start.
func (s Settings) IsWall() bool { return s.Scale == 1 && s.Origin.Equal(s.Started) }

// String describes the settings: "wall clock", or "origin 2024-01-01T00:00:00Z
// at 2026-12-06T22:00:00Z, scale 3600".
func (s Settings) String() string {
	if s.IsWall() {
		return "wall clock"
	}
	return fmt.Sprintf("origin %s at %s, scale %s", s.Origin.UTC().Format(time.RFC3339Nano),
		s.Started.UTC().Format(time.RFC3339Nano), strconv.FormatFloat(s.Scale, 'g', -1, 64))
}

// Wall is the wall clock a Clock follows: Real, or Manual in tests.
type Wall interface {
	// Now returns the wall time, with a monotonic reading when it has one.
	Now() time.Time
	// NewTimer returns a timer that fires once d has passed on this wall.
	NewTimer(d time.Duration) Timer
}

// Timer is a Wall's timer.
type Timer interface {
	// C delivers the wall time once the timer fires.
	C() <-chan time.Time
	// Stop stops the timer; it reports whether it stopped it before it
	// fired.
	Stop() bool
}

// Real is the system's wall clock.
var Real Wall = realWall{}

type realWall struct{}

func (realWall) Now() time.Time { return time.Now() }

func (realWall) NewTimer(d time.Duration) Timer { return realTimer{time.NewTimer(d)} }

type realTimer struct{ t *time.Timer }

func (t realTimer) C() <-chan time.Time { return t.t.C }
func (t realTimer) Stop() bool          { return t.t.Stop() }

// Clock is the time of a Settings on a Wall. Its methods are safe for
// concurrent use.
type Clock struct {
	s    Settings
	wall Wall
	// base is the wall time at New, with its monotonic reading; elapsed
	// the wall time from Started to base.
	base    time.Time
	elapsed time.Duration
}

// New returns the clock of s on wall (Real when nil). s must pass Check.
func New(s Settings, wall Wall) (*Clock, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	if wall == nil {
		wall = Real
	}
	base := wall.Now()
	return &Clock{s: s, wall: wall, base: base, elapsed: base.Sub(s.Started)}, nil
}

// Settings returns the clock's settings.
func (c *Clock) Settings() Settings { return c.s }

// Now returns the clock's time, in UTC.
func (c *Clock) Now() time.Time {
	wall := c.elapsed + c.wall.Now().Sub(c.base)
	if c.s.Scale == 1 {
		return c.s.Origin.Add(wall).UTC()
	}
	return c.s.Origin.Add(scale(wall, c.s.Scale)).UTC()
}

// WallDuration returns the wall time in which d passes on the clock,
// rounded up to the nanosecond; 0 for d <= 0.
func (c *Clock) WallDuration(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	if c.s.Scale == 1 {
		return d
	}
	w := math.Ceil(float64(d) / c.s.Scale)
	if w >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(w)
}

// Wait returns once the clock has reached t, or ctx's error when ctx ends
// first. It returns at once when t is not after Now.
func (c *Clock) Wait(ctx context.Context, t time.Time) error {
	for {
		d := c.WallDuration(t.Sub(c.Now()))
		if d <= 0 {
			return nil
		}
		timer := c.wall.NewTimer(d)
		select {
		case <-timer.C():
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		}
	}
}

// scale returns d × f, saturated at the bounds of a Duration.
func scale(d time.Duration, f float64) time.Duration {
	v := math.Round(float64(d) * f)
	switch {
	case v >= math.MaxInt64:
		return math.MaxInt64
	case v <= math.MinInt64:
		return math.MinInt64
	}
	return time.Duration(v)
}

// ErrNoTime is returned by ParseOrigin for an empty value.
var ErrNoTime = errors.New("no time given")

// ParseOrigin reads an origin as RFC 3339 (2024-01-01T00:00:00Z, with an
// optional fraction of a second and any zone offset).
func ParseOrigin(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, ErrNoTime
	}
	return time.Parse(time.RFC3339Nano, s)
}
