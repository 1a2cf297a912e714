package ingest

import "github.com/lookout-equipment/lookoutequipment/lookout"

// The names a job reads from the data are the service model's
// ComponentName (from a key) and SensorName (from a header): the lookout
// package declares them ([lookout.CheckComponentName],
// [lookout.CheckSensorName]); the checks and messages here use its
// declarations.
var (
	componentNamePattern = kindPattern("ComponentName")
	sensorNamePattern    = kindPattern("SensorName")
)

// kindPattern returns the pattern of the lookout package's value kind
// name.
func kindPattern(name string) string {
	for _, k := range lookout.Kinds() {
		if k.Name == name {
			return k.Pattern
		}
	}
	panic("ingest: lookout declares no kind " + name)
}

// validComponentName reports whether s is a valid ComponentName.
func validComponentName(s string) bool { return lookout.CheckComponentName(s) == nil }

// validSensorName reports whether s is a valid SensorName.
func validSensorName(s []byte) bool { return lookout.CheckSensorName(string(s)) == nil }
