package lookout_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// The range of a Timestamp, written out: 0001-01-01T00:00:00Z and
// 9999-12-31T23:59:59.999999999Z.
const (
	minSec = -62135596800
	maxSec = 253402300799
)

// tsCase is one reading of ParseTimestamp: the text, and either the instant
// (sec, nsec) or the kind of error.
type tsCase struct {
	in        string
	sec       int64
	nsec      int
	wantErr   bool
	wantRange bool // the error is ErrTimestampRange
}

var tsCases = []tsCase{
	// Integers and fractions.
	{in: "0"},
	{in: "-0"},
	{in: "0.0"},
	{in: "-0.0"},
	{in: "-0e5"},
	{in: "0e-999999"},
	{in: "1", sec: 1},
	{in: "-1", sec: -1},
	{in: "1700000000", sec: 1700000000},
	{in: "1700000000.123", sec: 1700000000, nsec: 123000000},
	{in: "1700000000.000000001", sec: 1700000000, nsec: 1},
	{in: "1700000000.999999999", sec: 1700000000, nsec: 999999999},
	// Past the nanosecond: truncated toward zero.
	{in: "1700000000.9999999999", sec: 1700000000, nsec: 999999999},
	{in: "0.0000000009", sec: 0},
	{in: "0.0000000019", sec: 0, nsec: 1},
	{in: "-0.0000000009", sec: 0},
	{in: "-0.0000000019", sec: -1, nsec: 999999999},
	// Negative fractions: -1.5 is 1.5 s before the epoch.
	{in: "-1.5", sec: -2, nsec: 500000000},
	{in: "-0.5", sec: -1, nsec: 500000000},
	{in: "-0.000000001", sec: -1, nsec: 999999999},
	{in: "-1.000000001", sec: -2, nsec: 999999999},
	{in: "-1.0000000019", sec: -2, nsec: 999999999},
	// Exponents.
	{in: "1e9", sec: 1000000000},
	{in: "1E9", sec: 1000000000},
	{in: "1e+9", sec: 1000000000},
	{in: "17e8", sec: 1700000000},
	{in: "1.7e9", sec: 1700000000},
	{in: "1700000000123e-3", sec: 1700000000, nsec: 123000000},
	{in: "1e-9", nsec: 1},
	{in: "1e-10"},
	{in: "-1e-9", sec: -1, nsec: 999999999},
	{in: "1e00000000000000000000000000009", sec: 1000000000},
	{in: "0.000000000000000000000000000000000000000000000000017e50", sec: 1, nsec: 700000000},
	{in: "1e999999", wantErr: true, wantRange: true},
	{in: "-1e999999", wantErr: true, wantRange: true},
	{in: "1e-999999"},
	{in: "1e99999999999999999999999999999999", wantErr: true, wantRange: true},
	{in: "1e-99999999999999999999999999999999"},
	{in: "1e12", wantErr: true, wantRange: true},
	{in: "1e11", sec: 100000000000},
	// 40 and more significant digits.
	{in: "1700000000.123456789123456789123456789123456789", sec: 1700000000, nsec: 123456789},
	{in: "1700000000123456789123456789123456789123456789e-36", sec: 1700000000, nsec: 123456789},
	{in: "-1700000000.12345678912345678912345678912345678999", sec: -1700000001, nsec: 876543211},
	{in: "0.00000000000000000000000000000000000000000000000000000000000001"},
	{in: "1" + strings.Repeat("0", 60) + "e-60", sec: 1},
	{in: "1" + strings.Repeat("0", 60) + "1e-61", sec: 1},
	{in: "1." + strings.Repeat("0", 60) + "1", sec: 1},
	{in: "1" + strings.Repeat("0", 60), wantErr: true, wantRange: true},
	// The range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
	{in: "-62135596800", sec: minSec},
	{in: "-62135596799.999999999", sec: minSec, nsec: 1},
	{in: "-62135596800.000000001", wantErr: true, wantRange: true},
	{in: "-62135596800.0000000009", sec: minSec}, // truncated toward zero first
	{in: "-62135596801", wantErr: true, wantRange: true},
	{in: "253402300799", sec: maxSec},
	{in: "253402300799.999999999", sec: maxSec, nsec: 999999999},
	{in: "253402300799.9999999999", sec: maxSec, nsec: 999999999},
	{in: "253402300800", wantErr: true, wantRange: true},
	{in: "999999999999", wantErr: true, wantRange: true},
	{in: "9999999999999", wantErr: true, wantRange: true},
	{in: "2.53402300799e11", sec: maxSec},
	{in: "2.534023008e11", wantErr: true, wantRange: true},
	// JSON's grammar.
	{in: "", wantErr: true},
	{in: "-", wantErr: true},
	{in: "+1", wantErr: true},
	{in: "01", wantErr: true},
	{in: "-01", wantErr: true},
	{in: "00", wantErr: true},
	{in: "00.5", wantErr: true},
	{in: ".5", wantErr: true},
	{in: "1.", wantErr: true},
	{in: "1.e5", wantErr: true},
	{in: "1e", wantErr: true},
	{in: "1e+", wantErr: true},
	{in: "1e-", wantErr: true},
	{in: "1e5.5", wantErr: true},
	{in: "1ee5", wantErr: true},
	{in: "--1", wantErr: true},
	{in: " 1", wantErr: true},
	{in: "1 ", wantErr: true},
	{in: "0x10", wantErr: true},
	{in: "1_000", wantErr: true},
	{in: "Infinity", wantErr: true},
	{in: "NaN", wantErr: true},
	{in: "null", wantErr: true},
	{in: "true", wantErr: true},
	{in: `"1700000000"`, wantErr: true},
	{in: "1700000000Z", wantErr: true},
	{in: "١", wantErr: true}, // an Arabic-Indic digit
	{in: "1\x00", wantErr: true},
}

func TestParseTimestamp(t *testing.T) {
	t.Parallel()
	for _, tc := range tsCases {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := lookout.ParseTimestamp(tc.in)
			ref, refErr := refParseTimestamp(tc.in)
			if tc.wantErr {
				require.Error(t, err)
				var te *lookout.TimestampError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, tc.wantRange, errors.Is(err, lookout.ErrTimestampRange), "%v", err)
				assert.Equal(t, tc.in, te.Text)
				assert.Equal(t, lookout.Timestamp{}, got)
				assert.Equal(t, refErr, refVerdict(err), "the reference disagrees")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.sec, got.Unix())
			assert.Equal(t, tc.nsec, got.Nanosecond())
			assert.Equal(t, lookout.UnixTimestamp(tc.sec, int64(tc.nsec)), got)
			require.Equal(t, refOK, refErr, "the reference refuses it")
			assert.Equal(t, ref, got, "the reference disagrees")
		})
	}
}

func TestTimestampErrorMessage(t *testing.T) {
	t.Parallel()
	_, err := lookout.ParseTimestamp("1.e5")
	require.EqualError(t, err, `lookout: timestamp "1.e5": not a JSON number: no digit after '.'`)
	_, err = lookout.ParseTimestamp("1e999999")
	require.EqualError(t, err, `lookout: timestamp "1e999999": outside the years 0001 to 9999`)

	// The text is cut at 64 bytes, between characters.
	long := strings.Repeat("9", 63) + "é" + strings.Repeat("9", 100)
	_, err = lookout.ParseTimestamp(long)
	var te *lookout.TimestampError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, strings.Repeat("9", 63), te.Text)
	_, err = lookout.ParseTimestamp(strings.Repeat("1", 10000))
	require.ErrorAs(t, err, &te)
	assert.Len(t, te.Text, 64)
	assert.Less(t, len(err.Error()), 200)
	_, err = lookout.ParseTimestamp("\xff\x00\n")
	require.ErrorAs(t, err, &te)
	assert.Equal(t, `lookout: timestamp "\xff\x00\n": not a JSON number`, err.Error())
}

// A long run of digits reads in linear time, whatever their number.
func TestParseTimestampLong(t *testing.T) {
	t.Parallel()
	// Against the reference, at a length math/big reads quickly.
	for _, in := range []string{
		"1." + strings.Repeat("0", 1<<14) + "1",
		"0." + strings.Repeat("0", 1<<14) + "1e16386",
		"1" + strings.Repeat("0", 1<<14) + "e-16384",
		strings.Repeat("1", 1<<14) + "e-16374",
		"-" + strings.Repeat("1", 1<<14) + "e-16374",
	} {
		got, err := lookout.ParseTimestamp(in)
		ref, refErr := refParseTimestamp(in)
		require.Equal(t, refErr, refVerdict(err), "%.40s: %v", in, err)
		if err == nil {
			assert.Equal(t, ref, got, "%.40s", in)
		}
	}
	got, err := lookout.ParseTimestamp("0." + strings.Repeat("0", 1<<20) + "1e1048578")
	require.NoError(t, err)
	assert.Equal(t, lookout.UnixTimestamp(10, 0), got)
	// An exponent of more digits than a bound on it would keep: not read
	// as its first seven digits (10485780 is not 1048578).
	_, err = lookout.ParseTimestamp("0." + strings.Repeat("0", 1<<20) + "1e10485780")
	require.ErrorIs(t, err, lookout.ErrTimestampRange)
	got, err = lookout.ParseTimestamp("1" + strings.Repeat("0", 1<<20) + "e-10485760")
	require.NoError(t, err)
	assert.Equal(t, lookout.Timestamp{}, got)
}

func TestUnixTimestamp(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		sec, nsec int64
		wantSec   int64
		wantNsec  int
	}{
		{0, 0, 0, 0},
		{1, 999999999, 1, 999999999},
		{1, 1e9, 2, 0},
		{1, -1, 0, 999999999},
		{0, -1e9, -1, 0},
		{0, -1e9 - 1, -2, 999999999},
		{-1, 2500000000, 1, 500000000},
		{0, math.MinInt64, -9223372037, 145224192},
		{0, math.MaxInt64, 9223372036, 854775807},
	} {
		got := lookout.UnixTimestamp(tc.sec, tc.nsec)
		assert.Equal(t, tc.wantSec, got.Unix(), "%d %d", tc.sec, tc.nsec)
		assert.Equal(t, tc.wantNsec, got.Nanosecond(), "%d %d", tc.sec, tc.nsec)
		assert.True(t, got.Time().Equal(time.Unix(tc.sec, tc.nsec)), "%d %d", tc.sec, tc.nsec)
	}
}

func TestTimestampTime(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		ts   lookout.Timestamp
		want string
	}{
		{lookout.Timestamp{}, "1970-01-01T00:00:00Z"},
		{lookout.UnixTimestamp(minSec, 0), "0001-01-01T00:00:00Z"},
		{lookout.UnixTimestamp(maxSec, 999999999), "9999-12-31T23:59:59.999999999Z"},
		{lookout.UnixTimestamp(-2, 500000000), "1969-12-31T23:59:58.5Z"},
	} {
		assert.Equal(t, tc.want, tc.ts.String())
		assert.Equal(t, tc.want, tc.ts.Time().Format(time.RFC3339Nano))
		assert.Equal(t, time.UTC, tc.ts.Time().Location())
		assert.Equal(t, tc.ts, lookout.TimestampOf(tc.ts.Time()))
	}
	// TimestampOf reads the instant, whatever the location.
	at := time.Date(2024, 2, 29, 12, 30, 15, 250, time.FixedZone("X", -7*3600))
	ts := lookout.TimestampOf(at)
	assert.Equal(t, at.Unix(), ts.Unix())
	assert.Equal(t, 250, ts.Nanosecond())
	assert.True(t, ts.Time().Equal(at))
	// Before the epoch, the nanoseconds still count forward.
	before := time.Date(1969, 12, 31, 23, 59, 59, 1, time.UTC)
	assert.Equal(t, lookout.UnixTimestamp(-1, 1), lookout.TimestampOf(before))
}

func TestTimestampCompareInRange(t *testing.T) {
	t.Parallel()
	order := []lookout.Timestamp{
		lookout.UnixTimestamp(minSec-1, 999999999),
		lookout.UnixTimestamp(minSec, 0),
		lookout.UnixTimestamp(-2, 500000000),
		lookout.UnixTimestamp(-1, 0),
		lookout.UnixTimestamp(-1, 1),
		{},
		lookout.UnixTimestamp(0, 1),
		lookout.UnixTimestamp(1, 0),
		lookout.UnixTimestamp(maxSec, 999999999),
		lookout.UnixTimestamp(maxSec+1, 0),
	}
	for i, a := range order {
		for j, b := range order {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			assert.Equal(t, want, a.Compare(b), "%v %v", a, b)
			assert.Equal(t, want, a.Time().Compare(b.Time()), "%v %v", a, b)
		}
		assert.Equal(t, i != 0 && i != len(order)-1, a.InRange(), "%v", a)
	}
}

func TestTimestampAppendJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		ts   lookout.Timestamp
		want string
	}{
		{lookout.Timestamp{}, "0"},
		{lookout.UnixTimestamp(1700000000, 0), "1700000000"},
		{lookout.UnixTimestamp(1700000000, 123000000), "1700000000.123"},
		{lookout.UnixTimestamp(1700000000, 1), "1700000000.000000001"},
		{lookout.UnixTimestamp(1700000000, 999999999), "1700000000.999999999"},
		{lookout.UnixTimestamp(1700000000, 100000000), "1700000000.1"},
		{lookout.UnixTimestamp(-1, 0), "-1"},
		{lookout.UnixTimestamp(-2, 500000000), "-1.5"},
		{lookout.UnixTimestamp(-1, 500000000), "-0.5"},
		{lookout.UnixTimestamp(-1, 999999999), "-0.000000001"},
		{lookout.UnixTimestamp(0, 1), "0.000000001"},
		{lookout.UnixTimestamp(minSec, 0), "-62135596800"},
		{lookout.UnixTimestamp(minSec, 1), "-62135596799.999999999"},
		{lookout.UnixTimestamp(maxSec, 999999999), "253402300799.999999999"},
	} {
		b, err := tc.ts.AppendJSON([]byte("x"))
		require.NoError(t, err)
		assert.Equal(t, "x"+tc.want, string(b))
		m, err := tc.ts.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(m))
		back, err := lookout.ParseTimestamp(tc.want)
		require.NoError(t, err)
		assert.Equal(t, tc.ts, back)
	}
	for _, ts := range []lookout.Timestamp{
		lookout.UnixTimestamp(minSec-1, 999999999),
		lookout.UnixTimestamp(maxSec+1, 0),
		lookout.UnixTimestamp(math.MinInt64, 0),
		lookout.UnixTimestamp(math.MaxInt64, 999999999),
	} {
		b, err := ts.AppendJSON([]byte("x"))
		require.ErrorIs(t, err, lookout.ErrTimestampRange)
		assert.Equal(t, "x", string(b), "nothing appended")
		_, err = json.Marshal(struct{ T lookout.Timestamp }{ts})
		require.ErrorIs(t, err, lookout.ErrTimestampRange)
	}
}

// A Timestamp inside a struct, as a value and as a pointer with omitempty,
// through encoding/json both ways.
func TestTimestampEncodingJSON(t *testing.T) {
	t.Parallel()
	type job struct {
		CreatedAt lookout.Timestamp  `json:"CreatedAt"`
		EndTime   *lookout.Timestamp `json:"EndTime,omitempty"`
	}
	end := lookout.UnixTimestamp(1700000100, 500000000)
	in := job{CreatedAt: lookout.UnixTimestamp(1700000000, 0), EndTime: &end}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"CreatedAt":1700000000,"EndTime":1700000100.5}`, string(b))
	assert.Equal(t, `{"CreatedAt":1700000000,"EndTime":1700000100.5}`, string(b))
	var out job
	require.NoError(t, json.Unmarshal(b, &out))
	require.NotNil(t, out.EndTime)
	assert.Equal(t, in.CreatedAt, out.CreatedAt)
	assert.Equal(t, end, *out.EndTime)

	b, err = json.Marshal(job{CreatedAt: lookout.UnixTimestamp(-2, 500000000)})
	require.NoError(t, err)
	assert.Equal(t, `{"CreatedAt":-1.5}`, string(b))

	// Read: exponents, null, and what is not a number.
	for _, tc := range []struct {
		in      string
		want    job
		wantErr bool
	}{
		{in: `{"CreatedAt":1.7e9}`, want: job{CreatedAt: lookout.UnixTimestamp(1700000000, 0)}},
		{in: `{"CreatedAt": 1 , "EndTime" : null}`, want: job{CreatedAt: lookout.UnixTimestamp(1, 0)}},
		{in: `{"CreatedAt":null}`, want: job{}},
		{in: `{"EndTime":-0.000000001}`, want: job{EndTime: ptr(lookout.UnixTimestamp(-1, 999999999))}},
		{in: `{"CreatedAt":"1700000000"}`, wantErr: true},
		{in: `{"CreatedAt":true}`, wantErr: true},
		{in: `{"CreatedAt":[1]}`, wantErr: true},
		{in: `{"CreatedAt":{}}`, wantErr: true},
		{in: `{"CreatedAt":1e999999}`, wantErr: true},
		{in: `{"EndTime":253402300800}`, wantErr: true},
	} {
		var got job
		err := json.Unmarshal([]byte(tc.in), &got)
		if tc.wantErr {
			require.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	var te *lookout.TimestampError
	require.ErrorAs(t, json.Unmarshal([]byte(`{"CreatedAt":1e999999}`), new(job)), &te)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"CreatedAt":1e999999}`), new(job)), lookout.ErrTimestampRange)

	// null leaves a value as it was.
	keep := job{CreatedAt: lookout.UnixTimestamp(5, 0)}
	require.NoError(t, json.Unmarshal([]byte(`{"CreatedAt":null}`), &keep))
	assert.Equal(t, lookout.UnixTimestamp(5, 0), keep.CreatedAt)
}

func ptr[T any](v T) *T { return &v }

// The reference: JSON's number grammar as a regular expression, the value
// read exactly by math/big, truncated toward zero to the nanosecond.

var refNumber = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$`)

// refVerdicts: refOK, refGrammar (not a JSON number), refRange.
const (
	refOK = iota
	refGrammar
	refRange
)

func refVerdict(err error) int {
	switch {
	case err == nil:
		return refOK
	case errors.Is(err, lookout.ErrTimestampRange):
		return refRange
	}
	return refGrammar
}

func refParseTimestamp(s string) (lookout.Timestamp, int) {
	m := refNumber.FindStringSubmatch(s)
	if m == nil {
		return lookout.Timestamp{}, refGrammar
	}
	// value = sign * D * 10^E, D the digits without the point.
	neg := strings.HasPrefix(s, "-")
	mant := strings.TrimPrefix(s, "-")
	if i := strings.IndexAny(mant, "eE"); i >= 0 {
		mant = mant[:i]
	}
	digits := strings.Replace(mant, ".", "", 1)
	exp := new(big.Int)
	if m[2] != "" {
		exp.SetString(m[2], 10)
	}
	exp.Sub(exp, big.NewInt(int64(len(m[1]))))
	sig := strings.TrimLeft(digits, "0")
	if sig == "" {
		return lookout.Timestamp{}, refOK
	}
	// |value| lies in [10^(k-1+E), 10^(k+E)), k the significant digits:
	// bound E before math/big raises ten to it.
	k := big.NewInt(int64(len(sig)))
	lo := new(big.Int).Add(k, exp)
	switch {
	case lo.Cmp(big.NewInt(13)) >= 0: // |value| >= 10^12
		return lookout.Timestamp{}, refRange
	case lo.Cmp(big.NewInt(-10)) <= 0: // |value| < 10^-10
		return lookout.Timestamp{}, refOK
	}
	d, _ := new(big.Int).SetString(sig, 10)
	// Nanoseconds, truncated toward zero: D * 10^(E+9).
	e := exp.Int64() + 9
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(abs(e)), nil)
	ns := new(big.Int)
	if e >= 0 {
		ns.Mul(d, pow)
	} else {
		ns.Quo(d, pow)
	}
	if neg {
		ns.Neg(ns)
	}
	sec, nsec := new(big.Int).DivMod(ns, big.NewInt(1e9), new(big.Int)) // Euclidean: nsec >= 0
	if sec.Cmp(big.NewInt(minSec)) < 0 || sec.Cmp(big.NewInt(maxSec)) > 0 {
		return lookout.Timestamp{}, refRange
	}
	return lookout.UnixTimestamp(sec.Int64(), nsec.Int64()), refOK
}

func abs(e int64) int64 {
	if e < 0 {
		return -e
	}
	return e
}

// refFormat writes ts as the reference reads it back: the exact decimal
// value, without trailing zeros.
func refFormat(ts lookout.Timestamp) string {
	r := new(big.Rat).SetFrac(
		new(big.Int).Add(new(big.Int).Mul(big.NewInt(ts.Unix()), big.NewInt(1e9)), big.NewInt(int64(ts.Nanosecond()))),
		big.NewInt(1e9))
	s := r.FloatString(9)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

func FuzzParseTimestamp(f *testing.F) {
	for _, tc := range tsCases {
		f.Add(tc.in)
	}
	f.Add("1e-0000000000000000000000000000000000000000000000009")
	f.Add("-1700000000.5e-2")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := lookout.ParseTimestamp(s)
		want, verdict := refParseTimestamp(s)
		if v := refVerdict(err); v != verdict {
			t.Fatalf("ParseTimestamp(%q) = %v, %v; the reference's verdict is %d", s, got, err, verdict)
		}
		if err != nil {
			var te *lookout.TimestampError
			if !errors.As(err, &te) || len(te.Text) > 64 || !strings.HasPrefix(s, te.Text) {
				t.Fatalf("ParseTimestamp(%q): error %#v", s, err)
			}
			return
		}
		if got != want {
			t.Fatalf("ParseTimestamp(%q) = %v, want %v", s, got, want)
		}
		// Round trip: what it writes reads back to it, and is the
		// exact decimal value.
		b, err := got.AppendJSON(nil)
		if err != nil {
			t.Fatalf("AppendJSON(%v): %v", got, err)
		}
		if string(b) != refFormat(got) {
			t.Fatalf("AppendJSON(%v) = %s, want %s", got, b, refFormat(got))
		}
		if back, err := lookout.ParseTimestamp(string(b)); err != nil || back != got {
			t.Fatalf("ParseTimestamp(%s) = %v, %v; want %v", b, back, err, got)
		}
	})
}

// FuzzTimestampAppendJSON writes any instant and reads it back.
func FuzzTimestampAppendJSON(f *testing.F) {
	f.Add(int64(0), int64(0))
	f.Add(int64(-2), int64(500000000))
	f.Add(int64(minSec), int64(0))
	f.Add(int64(minSec), int64(-1))
	f.Add(int64(maxSec), int64(999999999))
	f.Add(int64(maxSec), int64(1e9))
	f.Add(int64(math.MaxInt64), int64(math.MaxInt64))
	f.Fuzz(func(t *testing.T, sec, nsec int64) {
		ts := lookout.UnixTimestamp(sec, nsec)
		if ts.Nanosecond() < 0 || ts.Nanosecond() >= 1e9 {
			t.Fatalf("UnixTimestamp(%d, %d) = %d s %d ns", sec, nsec, ts.Unix(), ts.Nanosecond())
		}
		b, err := ts.AppendJSON(nil)
		if !ts.InRange() {
			if !errors.Is(err, lookout.ErrTimestampRange) || len(b) != 0 {
				t.Fatalf("AppendJSON(%d s %d ns) = %q, %v", ts.Unix(), ts.Nanosecond(), b, err)
			}
			return
		}
		if err != nil || string(b) != refFormat(ts) {
			t.Fatalf("AppendJSON(%d s %d ns) = %q, %v; want %s", ts.Unix(), ts.Nanosecond(), b, err, refFormat(ts))
		}
		if !json.Valid(b) {
			t.Fatalf("AppendJSON(%v) = %s, not JSON", ts, b)
		}
		back, err := lookout.ParseTimestamp(string(b))
		if err != nil || back != ts {
			t.Fatalf("ParseTimestamp(%s) = %v, %v; want %v", b, back, err, ts)
		}
		if f, err := strconv.ParseFloat(string(b), 64); err != nil || math.Abs(f-float64(ts.Unix())) > 1 {
			t.Fatalf("%s reads as the float %v, %v", b, f, err)
		}
		if !ts.Time().Equal(time.Unix(ts.Unix(), int64(ts.Nanosecond()))) || lookout.TimestampOf(ts.Time()) != ts {
			t.Fatalf("%v: Time and TimestampOf disagree", ts)
		}
	})
}
