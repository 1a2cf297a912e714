package ingest

// The service model's patterns for the names a job reads from the data: a
// component's name (from a key) and a sensor's name (from a header). They are
// declared here once; the matchers, the messages and the docs use them.
const (
	// ComponentNamePattern is the model's ComponentName: the name a key
	// gives its component must match it.
	ComponentNamePattern = `^[0-9a-zA-Z._\-]{1,200}$`
	// SensorNamePattern is the model's SensorName: every header name must
	// match it.
	SensorNamePattern = `^[0-9a-zA-Z:#$.\-_]{1,200}$`
	// maxNameLen is the longest name either pattern accepts, in bytes (both
	// are ASCII-only).
	maxNameLen = 200
)

// nameClass marks, for each byte, whether it may appear in a component name
// (bit 0) and in a sensor name (bit 1).
var nameClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = 3
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = 3
		t[c-'a'+'A'] = 3
	}
	for _, c := range "._-" {
		t[c] = 3
	}
	for _, c := range ":#$" {
		t[c] |= 2
	}
	return t
}()

// validName reports whether s is 1 to 200 bytes of the class bit.
func validName[T string | []byte](s T, bit uint8) bool {
	if len(s) == 0 || len(s) > maxNameLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if nameClass[s[i]]&bit == 0 {
			return false
		}
	}
	return true
}

// validComponentName reports whether s matches [ComponentNamePattern].
func validComponentName(s string) bool { return validName(s, 1) }

// validSensorName reports whether s matches [SensorNamePattern].
func validSensorName(s []byte) bool { return validName(s, 2) }
