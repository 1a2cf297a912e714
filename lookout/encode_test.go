package lookout

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// trickyStrings are strings whose JSON escapes differ between encoders:
// control characters, HTML characters, U+2028, invalid UTF-8.
var trickyStrings = []string{
	"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "\b\f\n\r\t\x00\x1f\x7f",
	"line\u2028para\u2029end", "\xff\xfe bad \xc3", "é ü 日本 🙂", "a\u0085b", strings.Repeat("x", 300),
}

// trickyFloats are floats at the edges of encoding/json's formats.
var trickyFloats = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.1, 100, 1e-6, 9.999999e-7, 1e-7, 1e20, 1e21, 123456789e15, -2.5e-10,
	math.MaxFloat64, math.SmallestNonzeroFloat64, 33.333333333333336,
}

// fill sets v (addressable) to a random value: pointers nil or set, lists
// empty, nil or of a few elements, strings and floats from the tricky lists.
func fill(r *rand.Rand, v reflect.Value) {
	switch v.Type() {
	case reflect.TypeFor[Timestamp]():
		// Nanoseconds, microseconds, milliseconds or whole seconds.
		unit := []int32{1, 1e3, 1e6, 1e9}[r.IntN(4)]
		v.Set(reflect.ValueOf(Timestamp{sec: r.Int64N(maxTimestampSec-minTimestampSec+1) + minTimestampSec,
			nsec: int32(r.IntN(1e9)) / unit * unit}))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if r.IntN(4) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(r, p.Elem())
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(r, v.Field(i))
		}
	case reflect.Slice:
		switch n := r.IntN(5); n {
		case 0:
			v.SetZero()
		default:
			s := reflect.MakeSlice(v.Type(), n-1, n-1)
			for i := range n - 1 {
				fill(r, s.Index(i))
			}
			v.Set(s)
		}
	case reflect.String:
		v.SetString(trickyStrings[r.IntN(len(trickyStrings))])
	case reflect.Int64, reflect.Int32:
		v.SetInt([]int64{0, -1, 1, 42, math.MaxInt32, math.MinInt64, math.MaxInt64, r.Int64()}[r.IntN(8)])
	case reflect.Float64:
		v.SetFloat(trickyFloats[r.IntN(len(trickyFloats))])
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	default:
		panic("fill: " + v.Type().String())
	}
}

// emptyLists sets every nil list in v (addressable) to an empty one: a
// response's lists are written [] when nil.
func emptyLists(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			emptyLists(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			emptyLists(v.Field(i))
		}
	case reflect.Slice:
		if v.IsNil() {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		}
		for i := range v.Len() {
			emptyLists(v.Index(i))
		}
	}
}

// TestAppendJSONMatchesMarshal writes random values of every operation's
// response with the generated writer and with encoding/json, which must
// agree byte for byte (once the response's nil lists are made empty, as the
// writer writes them).
func TestAppendJSONMatchesMarshal(t *testing.T) {
	t.Parallel()
	st := reflect.TypeFor[Service]()
	require.Equal(t, 49, st.NumField())
	for i := range st.NumField() {
		typ := st.Field(i).Type.Out(0).Elem()
		t.Run(typ.Name(), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(1, uint64(len(typ.Name()))))
			for i := range 2000 {
				v := reflect.New(typ)
				if i > 0 {
					fill(r, v.Elem())
				}
				got, err := v.Interface().(Response).appendJSON(nil)
				require.NoError(t, err)
				emptyLists(v)
				want, err := json.Marshal(v.Interface())
				require.NoError(t, err)
				require.Equal(t, string(want), string(got))
			}
		})
	}
}

// TestAppendFloatRefusesNaN checks that a float JSON cannot carry is
// refused, as encoding/json refuses it.
func TestAppendFloatRefusesNaN(t *testing.T) {
	t.Parallel()
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, err := json.Marshal(f)
		require.Error(t, err)
		_, err = appendFloat(nil, f)
		require.ErrorIs(t, err, ErrUnsupportedFloat)
		_, err = (&ListSensorStatisticsResponse{SensorStatisticsSummaries: []SensorStatisticsSummary{
			{MissingValues: &CountPercent{Percentage: &f}}}}).appendJSON(nil)
		assert.ErrorIs(t, err, ErrUnsupportedFloat)
	}
}

// FuzzAppendString checks appendString against encoding/json.
func FuzzAppendString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		require.NoError(t, err)
		require.Equal(t, string(want), string(appendString(nil, s)))
		require.True(t, utf8.Valid(want))
	})
}

// FuzzAppendFloat checks appendFloat against encoding/json.
func FuzzAppendFloat(f *testing.F) {
	for _, x := range trickyFloats {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		want, werr := json.Marshal(x)
		got, err := appendFloat(nil, x)
		if werr != nil {
			require.ErrorIs(t, err, ErrUnsupportedFloat)
			return
		}
		require.NoError(t, err)
		require.Equal(t, string(want), string(got))
	})
}

// BenchmarkWriteBody writes the body of a DescribeDataIngestionJob
// response of a job that succeeded (every member, about 1 KB) from the
// declarations, beside encoding/json's Marshal.
func BenchmarkWriteBody(b *testing.B) {
	ts := Timestamp{sec: 1709251200, nsec: 123000000}
	size, prefix := int64(1036), "plant-1/pumps/"
	resp := &DescribeDataIngestionJobResponse{
		CreatedAt: &ts, DataStartTime: &ts, DataEndTime: &ts,
		DataQualitySummary: &DataQualitySummary{MissingSensorData: &MissingSensorData{AffectedSensorCount: new(int64(2)),
			TotalNumberOfMissingValues: new(int64(17))}},
		DatasetArn:       "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pumps/0123456789abcdef0123456789abcdef",
		IngestedDataSize: &size,
		IngestedFilesSummary: &IngestedFilesSummary{IngestedNumberOfFiles: new(int64(4)), TotalNumberOfFiles: new(int64(6)),
			DiscardedFiles: []S3Object{{Bucket: "sample", Key: "plant-1/pumps/notes.txt"},
				{Bucket: "sample", Key: "plant-1/pumps/empty.csv"}}},
		IngestionInputConfiguration: &IngestionInputConfiguration{
			S3InputConfiguration: &IngestionS3InputConfiguration{Bucket: "sample", Prefix: &prefix}},
		JobId:   new("0123456789abcdef0123456789abcdef"),
		RoleArn: "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion",
		Status:  IngestionJobStatusSuccess,
	}
	want, err := json.Marshal(resp)
	require.NoError(b, err)
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 2048)
		for b.Loop() {
			buf, _ = resp.appendJSON(buf[:0])
		}
		require.Equal(b, string(want), string(buf))
		b.ReportMetric(float64(len(buf)), "bytes")
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = json.Marshal(resp)
		}
	})
}
