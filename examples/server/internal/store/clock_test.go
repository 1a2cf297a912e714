package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/clock"
)

// TestClockKept: a database keeps the clock it was created with: the
// times it records follow it, it goes on across a reopening (counting the
// time in between), the same values or none are accepted again, and
// others are refused.
func TestClockKept(t *testing.T) {
	t.Parallel()
	wallStart := time.Date(2026, 12, 6, 22, 0, 0, 0, time.UTC)
	origin := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "lookout.db")
	ctx := context.Background()

	wall := clock.NewManual(wallStart)
	opts := testOptions()
	opts.Wall = wall
	opts.Clock = ClockRequest{Origin: origin, Scale: 60} // an hour a minute
	s, err := Open(path, opts)
	require.NoError(t, err)
	wall.Advance(time.Minute)
	ds, _, err := s.CreateDataset(ctx, NewDataset{Name: "pumps"})
	require.NoError(t, err)
	assert.Equal(t, origin.Add(time.Hour), ds.CreatedAt)
	wall.Advance(time.Minute)
	job, _, err := s.StartJob(ctx, NewJob{Dataset: "pumps", Input: input("b")})
	require.NoError(t, err)
	assert.Equal(t, origin.Add(2*time.Hour), job.CreatedAt)
	wall.Advance(30 * time.Second)
	done, err := s.FinishJob(ctx, job.ID, Outcome{Status: JobFailed, FailedReason: "no"})
	require.NoError(t, err)
	assert.Equal(t, origin.Add(150*time.Minute), done.FinishedAt)
	require.NoError(t, s.Close())

	for _, tc := range []struct {
		name  string
		asked ClockRequest
	}{
		{"left out", ClockRequest{}},
		{"the same", ClockRequest{Origin: origin.In(time.FixedZone("CET", 3600)), Scale: 60}},
		{"the same scale", ClockRequest{Scale: 60}},
	} {
		wall := clock.NewManual(wallStart.Add(time.Hour)) // the database was closed for 57.5 minutes
		opts := testOptions()
		opts.Wall, opts.Clock = wall, tc.asked
		s, err := Open(path, opts)
		require.NoError(t, err, tc.name)
		assert.Equal(t, origin.Add(60*time.Hour), s.Clock().Now(), tc.name)
		got, err := s.Dataset(ctx, "pumps")
		require.NoError(t, err)
		assert.Equal(t, origin.Add(time.Hour), got.CreatedAt, tc.name)
		require.NoError(t, s.Close())
	}

	for _, asked := range []ClockRequest{
		{Scale: 61},
		{Origin: origin.Add(time.Second)},
		{Origin: origin, Scale: 1},
	} {
		opts := testOptions()
		opts.Clock = asked
		_, err := Open(path, opts)
		var mismatch *ClockMismatchError
		require.ErrorAs(t, err, &mismatch, "%+v", asked)
		assert.Equal(t, 60.0, mismatch.Stored.Scale)
		assert.True(t, mismatch.Stored.Origin.Equal(origin))
		assert.Contains(t, err.Error(), "the database "+path+" keeps the clock it was created with (origin 2024-01-01T00:00:00Z")
	}
}

// TestClockWall: a database created without a clock keeps the wall clock:
// its times are the wall's, and an origin asked later is refused.
func TestClockWall(t *testing.T) {
	t.Parallel()
	wallStart := time.Date(2026, 12, 6, 22, 0, 0, 0, time.UTC)
	opts := testOptions()
	wall := clock.NewManual(wallStart)
	opts.Wall = wall
	s, path := openFile(t, opts)
	assert.True(t, s.Clock().Settings().IsWall())
	wall.Advance(time.Hour)
	assert.Equal(t, wallStart.Add(time.Hour), s.Clock().Now())
	require.NoError(t, s.Close())

	opts.Clock = ClockRequest{Origin: wallStart.Add(-time.Hour)}
	_, err := Open(path, opts)
	var mismatch *ClockMismatchError
	require.ErrorAs(t, err, &mismatch)
	assert.Contains(t, err.Error(), "(wall clock), not origin 2026-12-06T21:00:00Z")
}
