//go:build !race

package ingest

// raceOn reports whether the race detector is on.
const raceOn = false
