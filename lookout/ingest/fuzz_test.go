package ingest

import (
	"encoding/csv"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// FuzzTimestamp holds ParseTimestamp to refTimestamp (time.Parse over the
// 21 layouts, the digit-count rule checked apart).
func FuzzTimestamp(f *testing.F) {
	for _, s := range []string{"2020-01-01 00:00:00", "2020/1/1 0:00", "20200101T10:30", "202001011030", "20200229235959",
		"2021-02-29 00:00", "0000-01-01 00:00", "9999-12-31-23-59-59", "2020-01-01-10:30", "2020 1 2T3:4:5", "20200108100",
		"2020-01-01T24:00", "2020-1-1 1:1:60", "2020-01-01 00:00:00Z", "2020-01-01  00:00", "+020-01-01 00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseTimestamp(s)
		want, wok := refTimestamp(s)
		require.Equal(t, wok, ok, "%q", s)
		require.Equal(t, want, got, "%q", s)
		bgot, bok := ParseTimestamp([]byte(s))
		require.Equal(t, ok, bok)
		require.Equal(t, got, bgot)
	})
}

// FuzzClassify holds Classify to refClassify (a regexp and strconv), and
// the piece-by-piece reader of long cells to Classify.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"1", "-1.5e3", "1e400", "1e-400", "1.", ".5", ".", "+.e1", "NA", "NaN", "NAN", "inf", "0x1p3",
		"1_0", "179769313486231570000" + strings.Repeat("0", 288), "17976931348623159" + strings.Repeat("0", 292),
		"0e99999999999999", "1e99999999999999", "1e-99999999999999", "#N/A N/A", "00000000000000000000001e308", "1 "} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, s string, cut uint8) {
		k := Classify(s)
		require.Equal(t, refClassify(s), k, "%q", s)
		// The long-cell reader, fed in pieces, with spaces around.
		var c longCell
		c.reset(true)
		padded := " \t" + s + "\t "
		n := int(cut%16) + 1
		for i := 0; i < len(padded); i += n {
			c.feed([]byte(padded[i:min(i+n, len(padded))]))
		}
		want := refClassify(refTrim(padded))
		require.Equal(t, want, c.kind(), "%q", padded)
	})
}

// FuzzReader holds the CSV reader and the figures of one file to the
// references: refRecords to encoding/csv on input both read alike, and
// Check (sequential, and in tiny parts with tiny buffers) to refCheck.
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		"Timestamp,a\n2020-01-01 00:00:00,1\n",
		"\xEF\xBB\xBFTimestamp,a\r\n2020-01-01 00:00:00,\"1\"\r\n\r\n2020-01-01 00:00:00,x,y\n",
		"Timestamp,a\n\"2020-01-01 00:00:00\",\"1\n2\"\n2020-01-02 00:00:00,1\r2\n2020-01-03 00:00:00, \"1\"\n",
		"Timestamp,a b\n2020-01-01 00:00:00,1\n", "T,a,a\n2020-01-01 00:00:00,1,2\n", "T\n2020-01-01 00:00:00\n",
		"T,a\n\"2020-01-01 00:00:00\" ,1\n", "T,\xff\n", "T,a\x00\n1,2\n", "\"T\",\"a\"\"b\"\n2020-01-01 00:00,1\n",
		"T,a\n2020-01-01 00:00,\"1", "T,a\n2020-01-01 00:00,1\n2020-01-01 00:00,2\n", "T,a\n\n\n", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		compareCSV(t, s)
		want := refCheck(s)
		fsys := files("data/c/a.csv", s)
		for _, o := range []Option{WithConcurrency(1), withTiny(13, 5, 2, 2)} {
			res := check(t, nil, fsys, o)
			compareRef(t, s, want, res)
		}
	})
}

// compareCSV compares refRecords to encoding/csv where both read alike: no
// CR (encoding/csv drops it before LF, in quotes too), no BOM.
func compareCSV(t *testing.T, s string) {
	if hasCR([]byte(s)) || strings.HasPrefix(s, "\xEF\xBB\xBF") {
		return
	}
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	got, err := r.ReadAll()
	recs, rerr := refRecords(s)
	if err != nil {
		var pe *csv.ParseError
		require.True(t, errors.As(err, &pe), "%v", err)
		require.NotNil(t, rerr, "encoding/csv: %v on %q", err, s)
		return
	}
	require.Nil(t, rerr, "%q", s)
	require.Len(t, recs, len(got), "%q", s)
	for i := range got {
		require.Equal(t, got[i], recs[i].fields, "%q", s)
	}
}

// compareRef compares Check's result on one file to the reference's.
func compareRef(t *testing.T, s string, want refFile, res *Result) {
	t.Helper()
	switch {
	case want.badCol > 0:
		require.NotNil(t, res.Failure, "%q", s)
		require.Equal(t, FailInvalidHeader, res.Failure.Kind, "%q", s)
		require.Equal(t, want.badCol, res.Failure.Column, "%q", s)
		return
	case want.reason != 0:
		require.Len(t, res.Discards, 1, "%q", s)
		d := res.Discards[0]
		require.Equal(t, want.reason, d.Reason, "%q", s)
		if want.line > 0 {
			require.Equal(t, int64(want.line), d.Line, "%q", s)
		}
		require.Equal(t, want.column, d.Column, "%q", s)
		return
	}
	require.Empty(t, res.Discards, "%q", s)
	require.Equal(t, "SUCCESS", string(res.Status), "%q: %s", s, res.FailedReason)
	require.Equal(t, want.ragged, res.RaggedRecords, "%q", s)
	require.Equal(t, want.unsupported, *res.DataQualitySummary.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps, "%q", s)
	require.Equal(t, want.dups, *res.DataQualitySummary.DuplicateTimestamps.TotalNumberOfDuplicateTimestamps, "%q", s)
	require.Equal(t, want.minT, res.DataStartTime.Unix(), "%q", s)
	require.Equal(t, want.maxT, res.DataEndTime.Unix(), "%q", s)
	require.Len(t, res.SensorStatisticsSummaries, len(want.sensors), "%q", s)
	for _, got := range res.SensorStatisticsSummaries {
		w := want.sensors[got.SensorName]
		require.NotNil(t, w, "%q: sensor %q", s, got.SensorName)
		require.Equal(t, w.valid > 0, *got.DataExists, "%q", s)
		require.Equal(t, w.missing, *got.MissingValues.Count, "%q %s", s, got.SensorName)
		require.Equal(t, w.invalid, *got.InvalidValues.Count, "%q %s", s, got.SensorName)
		require.Equal(t, w.invalidDate, *got.InvalidDateEntries.Count, "%q", s)
		require.Equal(t, w.dups, *got.DuplicateTimestamps.Count, "%q", s)
		if w.valid > 0 {
			require.Equal(t, w.minT, got.DataStartTime.Unix(), "%q", s)
			require.Equal(t, w.maxT, got.DataEndTime.Unix(), "%q", s)
		}
		large, days := refGaps(w.times)
		require.Equal(t, large, int64(*got.LargeTimestampGaps.NumberOfLargeTimestampGaps), "%q", s)
		require.Equal(t, days, int64(*got.LargeTimestampGaps.MaxTimestampGapInDays), "%q", s)
		d, mono, bc := refVerdicts(w.vals)
		cat := d >= 1 && d <= 10
		require.Equal(t, cat, got.CategoricalValues.Status == detected, "%q", s)
		if cat {
			require.Equal(t, int32(d), *got.CategoricalValues.NumberOfCategory, "%q", s)
		}
		require.Equal(t, lookout.Monotonicity(mono), got.MonotonicValues.Monotonicity, "%q", s)
		if math.Abs(bc-5.0/9) > 1e-9 || math.IsNaN(bc) {
			require.Equal(t, !cat && mono != "STATIC" && bc > 5.0/9, got.MultipleOperatingModes.Status == detected, "%q", s)
		}
	}
}
