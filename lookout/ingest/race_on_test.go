//go:build race

package ingest

// raceOn reports whether the race detector is on: the hostile inputs are
// then smaller, for the detector reads every byte slowly.
const raceOn = true
