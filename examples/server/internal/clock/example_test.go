package clock_test

import (
	"context"
	"fmt"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/clock"
)

// A clock that starts on 1 January 2024 and runs an hour a second: a
// schedule due ten hours later comes after ten seconds of wall time (here
// a Manual wall, moved by hand).
func Example() {
	start := time.Date(2026, 12, 6, 22, 0, 0, 0, time.UTC)
	wall := clock.NewManual(start)
	c, err := clock.New(clock.Settings{
		Origin:  time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		Scale:   3600,
		Started: start,
	}, wall)
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Now())

	due := c.Now().Add(10 * time.Hour)
	fmt.Println("wall time to wait:", c.WallDuration(due.Sub(c.Now())))
	done := make(chan error)
	go func() { done <- c.Wait(context.Background(), due) }()
	for wall.Timers() == 0 {
		time.Sleep(time.Millisecond) // until Wait sleeps
	}
	wall.Advance(10 * time.Second)
	fmt.Println(<-done, c.Now())
	// Output:
	// 2024-01-01 00:00:00 +0000 UTC
	// wall time to wait: 10s
	// <nil> 2024-01-01 10:00:00 +0000 UTC
}
