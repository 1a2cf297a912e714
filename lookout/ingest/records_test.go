package ingest

import (
	"context"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readRecordsOf reads data as the object "f.csv" of a source in memory.
func readRecordsOf(data string) (*FileRecords, error) {
	src := FS(fstest.MapFS{"f.csv": &fstest.MapFile{Data: []byte(data)}})
	return ReadRecords(context.Background(), src, Object{Key: "f.csv", Size: int64(len(data))})
}

func TestReadRecords(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	cases := []struct {
		name   string
		data   string
		times  []int64
		values [][]float64
	}{
		{"plain", "Timestamp,a,b\n2021-04-05 13:00:00,1,2.5\n2021-04-05 13:00:05,-3e2,4\n",
			[]int64{1617627600, 1617627605}, [][]float64{{1, -300}, {2.5, 4}}},
		{"bom, CR LF, empty lines", "\xEF\xBB\xBFTimestamp,a\r\n\r\n2021-04-05 13:00:00,1\r\n\n2021-04-05 13:00:01,2",
			[]int64{1617627600, 1617627601}, [][]float64{{1, 2}}},
		{"missing, invalid, short, ragged", "Timestamp,a,b\n2021-04-05 13:00:00,NaN,x\n2021-04-05 13:00:01,7\n2021-04-05 13:00:02,1,2,3\n",
			[]int64{1617627600, 1617627601, 1617627602}, [][]float64{{nan, 7, 1}, {nan, nan, 2}}},
		{"unsupported dropped", "Timestamp,a\nyesterday,1\n2021-04-05 13:00:00,2\n",
			[]int64{1617627600}, [][]float64{{2}}},
		{"quoted, spaces", "Timestamp,a,b\n\"2021-04-05 13:00:00\",\" 1 \",\"2\"\"\"\n 2021-04-05 13:00:01 ,\t3\t,\"4\n\"\n",
			[]int64{1617627600, 1617627601}, [][]float64{{1, 3}, {nan, nan}}},
		{"underflow is 0", "Timestamp,a\n2021-04-05 13:00:00,1e-400\n", []int64{1617627600}, [][]float64{{0}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			fr, err := readRecordsOf(c.data)
			require.NoError(t, err)
			assert.Equal(t, c.times, fr.Times)
			require.Len(t, fr.Values, len(c.values))
			for j := range c.values {
				require.Len(t, fr.Values[j], len(c.values[j]))
				for i, want := range c.values[j] {
					got := fr.Values[j][i]
					if math.IsNaN(want) {
						assert.True(t, math.IsNaN(got), "column %d record %d: %v", j, i, got)
					} else {
						assert.Equal(t, want, got, "column %d record %d", j, i)
					}
				}
			}
		})
	}
	fr, err := readRecordsOf("Timestamp,a,b\n2021-04-05 13:00:00,1,2\nbad,1\n2021-04-05 13:00:01,1,2,3\n")
	require.NoError(t, err)
	assert.Equal(t, []string{"Timestamp", "a", "b"}, fr.Header)
	assert.Equal(t, [3]int64{3, 1, 1}, [3]int64{fr.Records, fr.Unsupported, fr.Ragged})
}

func TestReadRecordsErrorsAreReadTimes(t *testing.T) {
	t.Parallel()
	for _, data := range []string{
		"Timestamp,a\n2021-04-05 13:00:00,\"1\n",
		"Timestamp,a\n",
		"Timestamp,a b\n2021-04-05 13:00:00,1\n",
		"Timestamp,a\n2021-04-05 13:00:00,x\n",
	} {
		_, want := ReadTimes(context.Background(), FS(fstest.MapFS{"f.csv": &fstest.MapFile{Data: []byte(data)}}),
			Object{Key: "f.csv", Size: int64(len(data))})
		require.Error(t, want)
		_, got := readRecordsOf(data)
		assert.Equal(t, want, got, "%q", data)
	}
}

// changingSource serves a first version of its object once, then another.
type changingSource struct {
	first, then string
	opens       int
}

func (s *changingSource) List(context.Context, string, func(Object) error) error { return nil }

func (s *changingSource) Open(_ context.Context, _ string, off, n int64) (io.ReadCloser, error) {
	s.opens++
	data := s.then
	if s.opens == 1 {
		data = s.first
	}
	end := int64(len(data))
	if n >= 0 {
		end = min(off+n, end)
	}
	return io.NopCloser(strings.NewReader(data[off:end])), nil
}

func TestReadRecordsChanged(t *testing.T) {
	t.Parallel()
	src := &changingSource{
		first: "Timestamp,a\n2021-04-05 13:00:00,1\n2021-04-05 13:00:01,1\n",
		then:  "Timestamp,a\n2021-04-05 13:00:00,1\n2021-04-05 13:00:02,1\n",
	}
	_, err := ReadRecords(context.Background(), src, Object{Key: "k", Size: int64(len(src.first))})
	var d *Discard
	require.True(t, errors.As(err, &d), "%v", err)
	assert.Equal(t, ReasonUnreadable, d.Reason)
	var ce *ChangedError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "k", ce.Key)
}

// FuzzReadRecords checks ReadRecords against ReadTimes (the same errors and
// times) and against the reference reader of reference_test.go (the same
// values).
func FuzzReadRecords(f *testing.F) {
	f.Add("Timestamp,a,b\n2021-04-05 13:00:00,1,2\n")
	f.Add("\xEF\xBB\xBFTimestamp,a\r\n\"2021-04-05 13:00:00\",\"1\"\"\"\r\n2021-04-05 13:00:01,,9\n")
	f.Add("T,a\n 2021-04-05 13:00:00 ,\" 1e3 \"\n\n2021-04-05 13:00:01,\"x\ny\"\n")
	f.Fuzz(func(t *testing.T, data string) {
		src := FS(fstest.MapFS{"f.csv": &fstest.MapFile{Data: []byte(data)}})
		obj := Object{Key: "f.csv", Size: int64(len(data))}
		ft, terr := ReadTimes(context.Background(), src, obj)
		fr, err := ReadRecords(context.Background(), src, obj)
		if terr != nil {
			require.Equal(t, terr, err)
			return
		}
		require.NoError(t, err)
		require.Equal(t, ft.Times, fr.Times)
		recs, rerr := refRecords(data)
		require.Nil(t, rerr, "ReadTimes accepted what the reference refuses")
		n := 0
		for _, rec := range recs[1:] {
			if _, ok := ParseTimestamp(refTrim(rec.fields[0])); !ok {
				continue
			}
			for j := range fr.Values {
				want := math.NaN()
				if j+1 < len(rec.fields) {
					if cell := refTrim(rec.fields[j+1]); refClassify(cell) == Valid {
						want, _ = strconv.ParseFloat(cell, 64)
					}
				}
				got := fr.Values[j][n]
				if math.IsNaN(want) {
					require.True(t, math.IsNaN(got), "record %d column %d: %v", n, j, got)
				} else {
					require.Equal(t, want, got, "record %d column %d", n, j)
				}
			}
			n++
		}
		require.Equal(t, len(fr.Times), n)
	})
}
