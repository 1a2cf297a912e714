//go:build race

package validate_test

// raceEnabled reports whether the tests run under the race detector,
// whose sync.Pool drops items at random: validator/v10 then allocates
// what it would otherwise reuse, and allocation counts vary from run to
// run.
const raceEnabled = true
