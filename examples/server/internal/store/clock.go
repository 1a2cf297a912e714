package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/clock"
)

// ClockRequest is the clock asked of a database. A new database keeps the
// clock it makes; the zero values mean: the origin the wall time at
// creation, the scale 1 (the wall clock).
type ClockRequest struct {
	// Origin is the clock's time at the database's creation; the zero
	// time leaves it out.
	Origin time.Time
	// Scale is the clock's speed, in seconds a wall second; 0 leaves it
	// out.
	Scale float64
}

// ClockMismatchError says that a database keeps another clock than the
// one asked: its origin and scale are fixed at its creation, so that its
// times and schedules go on across restarts.
type ClockMismatchError struct {
	Path string
	// Stored is the database's clock, Asked what Open was asked.
	Stored clock.Settings
	Asked  ClockRequest
}

func (e *ClockMismatchError) Error() string {
	asked := ""
	if !e.Asked.Origin.IsZero() {
		asked = "origin " + e.Asked.Origin.UTC().Format(time.RFC3339Nano)
	}
	if e.Asked.Scale != 0 {
		if asked != "" {
			asked += ", "
		}
		asked += "scale " + strconv.FormatFloat(e.Asked.Scale, 'g', -1, 64)
	}
	return "the database " + e.Path + " keeps the clock it was created with (" + e.Stored.String() +
		"), not " + asked + ": leave the time origin and scale out to go on with it, or use a new database"
}

// Clock returns the store's clock: the times the store records, and those
// its schedules follow.
func (s *Store) Clock() *clock.Clock { return s.clock }

// storedClock is the meta row of the clock.
type storedClock struct {
	Origin  string // RFC 3339, nanoseconds, UTC
	Scale   string // strconv.FormatFloat(scale, 'g', -1, 64): reads back exactly
	Started int64  // Unix nanoseconds
}

// initClock reads the database's clock, or stores the one asked in a
// database that has none (a new one, or one made before the clock was
// kept), and makes s.clock.
func (s *Store) initClock(path string) error {
	asked := s.opts.Clock
	var raw []byte
	err := s.w.QueryRow(`SELECT value FROM meta WHERE key = 'clock'`).Scan(&raw)
	var settings clock.Settings
	switch {
	case errors.Is(err, sql.ErrNoRows):
		started := s.opts.Wall.Now().Round(0)
		settings = clock.Settings{Origin: started, Scale: 1, Started: started}
		if !asked.Origin.IsZero() {
			settings.Origin = asked.Origin
		}
		if asked.Scale != 0 {
			settings.Scale = asked.Scale
		}
		settings.Origin = settings.Origin.UTC()
		if err := settings.Check(); err != nil {
			return err
		}
		raw, err = json.Marshal(storedClock{Origin: settings.Origin.Format(time.RFC3339Nano),
			Scale: strconv.FormatFloat(settings.Scale, 'g', -1, 64), Started: started.UnixNano()})
		if err != nil {
			return err
		}
		if _, err := s.w.Exec(`INSERT INTO meta(key, value) VALUES('clock', ?)`, raw); err != nil {
			return explain(path, err)
		}
	case err != nil:
		return explain(path, err)
	default:
		var sc storedClock
		if err := json.Unmarshal(raw, &sc); err != nil {
			return fmt.Errorf("the stored clock is unreadable: %w", err)
		}
		origin, err := time.Parse(time.RFC3339Nano, sc.Origin)
		if err != nil {
			return fmt.Errorf("the stored clock is unreadable: %w", err)
		}
		scale, err := strconv.ParseFloat(sc.Scale, 64)
		if err != nil {
			return fmt.Errorf("the stored clock is unreadable: %w", err)
		}
		settings = clock.Settings{Origin: origin.UTC(), Scale: scale, Started: time.Unix(0, sc.Started).UTC()}
		if !asked.Origin.IsZero() && !asked.Origin.Equal(settings.Origin) || asked.Scale != 0 && asked.Scale != settings.Scale {
			return &ClockMismatchError{Path: path, Stored: settings, Asked: asked}
		}
	}
	c, err := clock.New(settings, s.opts.Wall)
	if err != nil {
		return err
	}
	s.clock, s.now = c, c.Now
	return nil
}
