package inference

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// refTime is an independent reading of a name's time, by the standard
// library: the digits of the format's layout, read in zone.
func refTime(f TimeFormat, s string, zone Zone) (time.Time, bool) {
	switch f {
	case FormatEpoch:
		if s == "" || len(s) > 1 && s[0] == '0' || strings.ContainsAny(s, "+-") {
			return time.Time{}, false
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v > 253402300799 {
			return time.Time{}, false
		}
		return time.Unix(v, 0).UTC(), true
	case FormatDashed:
		t, err := time.ParseInLocation("2006-01-02-15-04-05", s, zone.Location())
		return t.UTC(), err == nil && len(s) == 19
	}
	t, err := time.ParseInLocation("20060102150405", s, zone.Location())
	return t.UTC(), err == nil && len(s) == 14
}

// FuzzParse: Parse never panics; a name it accepts is its component, its
// delimiter and its time, which the standard library reads the same,
// and Key writes it back (but for the case of ".csv").
func FuzzParse(f *testing.F) {
	for _, s := range []string{"pump20210405130000.csv", "pump_2021-04-05-13-00-00.csv", "pump-1617627600.csv",
		"p 1.csv", "pump11617627600.CSV", "a/b.csv", "x.csv", "_20210405130000.csv", "pump.20210405130000.csv"} {
		for _, d := range []string{"", "-", "_", " "} {
			for fm := FormatCompact; fm <= FormatEpoch; fm++ {
				f.Add(s, d, uint8(fm), int32(19800))
			}
		}
	}
	f.Fuzz(func(t *testing.T, name, delim string, fm uint8, zone int32) {
		if len(delim) > 1 {
			delim = delim[:1]
		}
		n := Naming{Delimiter: delim, Format: TimeFormat(fm%3 + 1), Zone: Zone(zone % (14 * 3600))}
		got, err := n.Parse(name)
		if err != nil {
			var ne *NameError
			if !errors.As(err, &ne) || ne.Name != name || ne.Reason == 0 || ne.Error() == "" {
				t.Fatalf("%q: %#v", name, err)
			}
			return
		}
		stem := name[:len(name)-4]
		if !strings.EqualFold(name[len(name)-4:], ".csv") || !strings.HasPrefix(stem, got.Component+delim) {
			t.Fatalf("%q: component %q, delimiter %q", name, got.Component, delim)
		}
		ts := stem[len(got.Component)+len(delim):]
		want, ok := refTime(n.Format, ts, n.Zone)
		if !ok || !want.Equal(got.Time) {
			t.Fatalf("%q: time %v, the reference %v (%v)", name, got.Time, want, ok)
		}
		if k := n.Key(got.Component, got.Time); k[:len(k)-4] != stem {
			t.Fatalf("%q: Key writes %q", name, k)
		}
		again, err := n.Parse(n.Key(got.Component, got.Time))
		if err != nil || again != got {
			t.Fatalf("%q: read back as %v, %v", name, again, err)
		}
	})
}
