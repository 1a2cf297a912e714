package inference

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

func TestParseZone(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want Zone
		ok   bool
		str  string
	}{
		{"", 0, true, "+00:00"},
		{"+00:00", 0, true, "+00:00"},
		{"-00:00", 0, true, "+00:00"},
		{"+05:30", 5*3600 + 1800, true, "+05:30"},
		{"-12:00", -12 * 3600, true, "-12:00"},
		{"+14:00", 14 * 3600, true, "+14:00"},
		{"-03:45", -(3*3600 + 45*60), true, "-03:45"},
		{"-12:01", 0, false, ""},
		{"+14:01", 0, false, ""},
		{"+15:00", 0, false, ""},
		{"+05:60", 0, false, ""},
		{"05:30", 0, false, ""},
		{"+5:30", 0, false, ""},
		{"+05:3", 0, false, ""},
		{"+0530", 0, false, ""},
		{"+05-30", 0, false, ""},
		{"Z", 0, false, ""},
		{"+0a:00", 0, false, ""},
	} {
		z, err := ParseZone(tc.in)
		if !tc.ok {
			var ce *ConfigError
			require.True(t, errors.As(err, &ce), "%q: %v", tc.in, err)
			assert.Equal(t, "InputTimeZoneOffset", ce.Member)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, z, tc.in)
		assert.Equal(t, tc.str, z.String())
	}
}

func TestParseTimeFormat(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]TimeFormat{"": FormatCompact, "yyyyMMddHHmmss": FormatCompact,
		"yyyy-MM-dd-HH-mm-ss": FormatDashed, "EPOCH": FormatEpoch} {
		f, err := ParseTimeFormat(in)
		require.NoError(t, err)
		assert.Equal(t, want, f)
	}
	for _, in := range []string{"epoch", "EPOCHS", "yyyyMMddHHmm", "yyyy-MM-dd HH:mm:ss"} {
		_, err := ParseTimeFormat(in)
		var ce *ConfigError
		assert.True(t, errors.As(err, &ce), in)
	}
}

func TestNewNaming(t *testing.T) {
	t.Parallel()
	n, err := NewNaming(nil)
	require.NoError(t, err)
	assert.Equal(t, Naming{Format: FormatCompact}, n)
	n, err = NewNaming(&lookout.InferenceInputConfiguration{InputTimeZoneOffset: "+05:30",
		InferenceInputNameConfiguration: &lookout.InferenceInputNameConfiguration{ComponentTimestampDelimiter: new("_"), TimestampFormat: "EPOCH"}})
	require.NoError(t, err)
	assert.Equal(t, Naming{Delimiter: "_", Format: FormatEpoch, Zone: 19800}, n)
	for _, in := range []*lookout.InferenceInputConfiguration{
		{InputTimeZoneOffset: "+14:30"},
		{InferenceInputNameConfiguration: &lookout.InferenceInputNameConfiguration{ComponentTimestampDelimiter: new(".")}},
		{InferenceInputNameConfiguration: &lookout.InferenceInputNameConfiguration{ComponentTimestampDelimiter: new("--")}},
		{InferenceInputNameConfiguration: &lookout.InferenceInputNameConfiguration{TimestampFormat: "EPOCHS"}},
	} {
		_, err := NewNaming(in)
		var ce *ConfigError
		assert.True(t, errors.As(err, &ce), "%+v: %v", in, err)
	}
}

func TestNamingParse(t *testing.T) {
	t.Parallel()
	compact := Naming{Format: FormatCompact}
	dashed := Naming{Format: FormatDashed, Delimiter: "-"}
	epoch := Naming{Format: FormatEpoch, Delimiter: "_"}
	known := func(cs ...string) func(string) bool {
		return func(c string) bool {
			for _, k := range cs {
				if c == k {
					return true
				}
			}
			return false
		}
	}
	with := func(n Naming, f func(*Naming)) Naming { f(&n); return n }
	for _, tc := range []struct {
		n    Naming
		name string
		comp string
		time string // RFC 3339, UTC
		err  *NameError
	}{
		// The default: no delimiter, yyyyMMddHHmmss, UTC.
		{n: compact, name: "pump20210405130000.csv", comp: "pump", time: "2021-04-05T13:00:00Z"},
		{n: compact, name: "pump20210405130000.CSV", comp: "pump", time: "2021-04-05T13:00:00Z"},
		{n: compact, name: "pump-120210405130000.csv", comp: "pump-1", time: "2021-04-05T13:00:00Z"},
		// The service's example: +05:30 reads 20210405183000 as 13:00 UTC.
		{n: with(compact, func(n *Naming) { n.Zone = 19800 }), name: "pump20210405183000.csv", comp: "pump", time: "2021-04-05T13:00:00Z"},
		{n: with(compact, func(n *Naming) { n.Zone = -12 * 3600 }), name: "pump20211231120000.csv", comp: "pump", time: "2022-01-01T00:00:00Z"},
		{n: with(compact, func(n *Naming) { n.Zone = 14 * 3600 }), name: "pump20220101000000.csv", comp: "pump", time: "2021-12-31T10:00:00Z"},
		{n: compact, name: "pump20240229235959.csv", comp: "pump", time: "2024-02-29T23:59:59Z"},
		{n: compact, name: "pump00000101000000.csv", err: &NameError{Reason: ReasonBadTime, Time: "00000101000000"}},
		{n: compact, name: "pump00010101000000.csv", comp: "pump", time: "0001-01-01T00:00:00Z"},
		{n: compact, name: "pump20230229000000.csv", err: &NameError{Reason: ReasonBadTime, Time: "20230229000000"}},
		{n: compact, name: "pump20210405240000.csv", err: &NameError{Reason: ReasonBadTime, Time: "20210405240000"}},
		{n: compact, name: "pump20210405235960.csv", err: &NameError{Reason: ReasonBadTime, Time: "20210405235960"}},
		{n: compact, name: "pump20211305130000.csv", err: &NameError{Reason: ReasonBadTime, Time: "20211305130000"}},
		// Delimiters: none expected.
		{n: compact, name: "pump_20210405130000.csv", err: &NameError{Reason: ReasonDelimiter, Delimiter: "_", Component: "pump"}},
		{n: compact, name: "pump 20210405130000.csv", err: &NameError{Reason: ReasonDelimiter, Delimiter: " ", Component: "pump"}},
		{n: compact, name: "pump-20210405130000.csv", err: &NameError{Reason: ReasonDelimiter, Delimiter: "-", Component: "pump"}},
		{n: with(compact, func(n *Naming) { n.Known = known("pump-") }), name: "pump-20210405130000.csv", comp: "pump-", time: "2021-04-05T13:00:00Z"},
		// "-" expected.
		{n: with(compact, func(n *Naming) { n.Delimiter = "-" }), name: "pump-20210405130000.csv", comp: "pump", time: "2021-04-05T13:00:00Z"},
		{n: with(compact, func(n *Naming) { n.Delimiter = "-" }), name: "pump20210405130000.csv", err: &NameError{Reason: ReasonDelimiter, Component: "pump"}},
		{n: with(compact, func(n *Naming) { n.Delimiter = "-" }), name: "pump_20210405130000.csv", err: &NameError{Reason: ReasonDelimiter, Delimiter: "_", Component: "pump"}},
		{n: with(compact, func(n *Naming) { n.Delimiter = "-" }), name: "pump.20210405130000.csv", err: &NameError{Reason: ReasonDelimiter, Delimiter: ".", Component: "pump"}},
		{n: with(compact, func(n *Naming) { n.Delimiter = "-" }), name: "-20210405130000.csv", err: &NameError{Reason: ReasonComponentName, Component: ""}},
		// "_" and a space expected.
		{n: with(compact, func(n *Naming) { n.Delimiter = "_" }), name: "pump_a_20210405130000.csv", comp: "pump_a", time: "2021-04-05T13:00:00Z"},
		{n: with(compact, func(n *Naming) { n.Delimiter = "_" }), name: "pump 20210405130000.csv", err: &NameError{Reason: ReasonDelimiter, Delimiter: " ", Component: "pump"}},
		{n: with(compact, func(n *Naming) { n.Delimiter = " " }), name: "pump 20210405130000.csv", comp: "pump", time: "2021-04-05T13:00:00Z"},
		{n: with(compact, func(n *Naming) { n.Delimiter = " " }), name: "pump\t20210405130000.csv", err: &NameError{Reason: ReasonDelimiter, Delimiter: "\t", Component: "pump"}},
		{n: with(compact, func(n *Naming) { n.Delimiter = " " }), name: "my pump 20210405130000.csv", err: &NameError{Reason: ReasonComponentName, Component: "my pump"}},
		// yyyy-MM-dd-HH-mm-ss with "-".
		{n: dashed, name: "pump-2021-04-05-13-00-00.csv", comp: "pump", time: "2021-04-05T13:00:00Z"},
		{n: dashed, name: "pump-a-2021-04-05-13-00-00.csv", comp: "pump-a", time: "2021-04-05T13:00:00Z"},
		{n: dashed, name: "pump2021-04-05-13-00-00.csv", err: &NameError{Reason: ReasonDelimiter, Component: "pump"}},
		{n: dashed, name: "pump-2021-04-05-13-00.csv", err: &NameError{Reason: ReasonNoTime}},
		{n: dashed, name: "pump-2021-04-05-13-00-61.csv", err: &NameError{Reason: ReasonBadTime, Time: "2021-04-05-13-00-61"}},
		{n: dashed, name: "pump-20210405130000.csv", err: &NameError{Reason: ReasonOtherFormat, Found: FormatCompact, Time: "20210405130000"}},
		{n: dashed, name: "pump-1617627600.csv", err: &NameError{Reason: ReasonOtherFormat, Found: FormatEpoch, Time: "1617627600"}},
		// EPOCH with "_": an instant, no zone applied.
		{n: epoch, name: "pump_1617627600.csv", comp: "pump", time: "2021-04-05T13:00:00Z"},
		{n: with(epoch, func(n *Naming) { n.Zone = 19800 }), name: "pump_1617627600.csv", comp: "pump", time: "2021-04-05T13:00:00Z"},
		{n: epoch, name: "pump_0.csv", comp: "pump", time: "1970-01-01T00:00:00Z"},
		{n: epoch, name: "pump_253402300799.csv", comp: "pump", time: "9999-12-31T23:59:59Z"},
		{n: epoch, name: "pump_253402300800.csv", err: &NameError{Reason: ReasonBadTime, Time: "253402300800"}},
		{n: epoch, name: "pump_01617627600.csv", err: &NameError{Reason: ReasonBadTime, Time: "01617627600"}},
		{n: epoch, name: "pump_1617627600000.csv", err: &NameError{Reason: ReasonBadTime, Time: "1617627600000"}},
		{n: epoch, name: "pump_20210405130000.csv", err: &NameError{Reason: ReasonOtherFormat, Found: FormatCompact, Time: "20210405130000"}},
		{n: epoch, name: "pump_2021-04-05-13-00-00.csv", err: &NameError{Reason: ReasonOtherFormat, Found: FormatDashed, Time: "2021-04-05-13-00-00"}},
		{n: epoch, name: "pump_.csv", err: &NameError{Reason: ReasonNoTime}},
		{n: compact, name: "pump_1617627600.csv", err: &NameError{Reason: ReasonOtherFormat, Found: FormatEpoch, Time: "1617627600"}},
		{n: compact, name: "pump_2021-04-05-13-00-00.csv", err: &NameError{Reason: ReasonOtherFormat, Found: FormatDashed, Time: "2021-04-05-13-00-00"}},
		{n: compact, name: "pump_202104051300.csv", err: &NameError{Reason: ReasonNoTime}},
		// EPOCH without a delimiter.
		{n: Naming{Format: FormatEpoch}, name: "pump1617627600.csv", comp: "pump", time: "2021-04-05T13:00:00Z"},
		{n: Naming{Format: FormatEpoch}, name: "pump11617627600.csv", comp: "pump1", time: "2021-04-05T13:00:00Z"},
		{n: Naming{Format: FormatEpoch, Known: known("pump")}, name: "pump11617627600.csv", comp: "pump", time: "2338-02-24T06:46:40Z"},
		{n: Naming{Format: FormatEpoch, Known: known("p12")}, name: "p12999.csv", comp: "p12", time: "1970-01-01T00:16:39Z"},
		// Components.
		{n: with(compact, func(n *Naming) { n.Known = known("pump") }), name: "Pump20210405130000.csv", err: &NameError{Reason: ReasonComponent, Component: "Pump"}},
		{n: compact, name: "pümp20210405130000.csv", err: &NameError{Reason: ReasonComponentName, Component: "pümp"}},
		{n: compact, name: "20210405130000.csv", err: &NameError{Reason: ReasonComponentName, Component: ""}},
		// Not a name of a run.
		{n: compact, name: "pump/20210405130000.csv", err: &NameError{Reason: ReasonInFolder}},
		{n: compact, name: "pump20210405130000.csv.gz", err: &NameError{Reason: ReasonNotCSV}},
		{n: compact, name: "pump20210405130000.txt", err: &NameError{Reason: ReasonNotCSV}},
		{n: compact, name: ".csv", err: &NameError{Reason: ReasonNoTime}},
		{n: compact, name: "csv", err: &NameError{Reason: ReasonNotCSV}},
		{n: compact, name: "", err: &NameError{Reason: ReasonNotCSV}},
	} {
		got, err := tc.n.Parse(tc.name)
		if tc.err != nil {
			var ne *NameError
			require.True(t, errors.As(err, &ne), "%q: %v", tc.name, err)
			want := *tc.err
			want.Name = tc.name
			assert.Equal(t, &want, ne, tc.name)
			assert.NotEmpty(t, ne.Error())
			continue
		}
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.comp, got.Component, tc.name)
		assert.Equal(t, tc.time, got.Time.Format(time.RFC3339), tc.name)
		assert.Equal(t, time.UTC, got.Time.Location())
		// Key writes it back.
		k := tc.n.Key(got.Component, got.Time)
		assert.Equal(t, tc.name[:len(tc.name)-4], k[:len(k)-4], tc.name)
	}
}

func TestParseAllocs(t *testing.T) {
	n := Naming{Format: FormatDashed, Delimiter: "_", Zone: 19800}
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := n.Parse("pump_2021-04-05-13-00-00.csv"); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

func TestNameReasonText(t *testing.T) {
	t.Parallel()
	for r := ReasonInFolder; r <= ReasonComponent; r++ {
		assert.NotContains(t, r.String(), "NameReason(")
	}
	assert.Equal(t, "NameReason(99)", NameReason(99).String())
	assert.Equal(t, "EPOCH", FormatEpoch.String())
}
