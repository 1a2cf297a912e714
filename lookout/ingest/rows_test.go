package ingest

import (
	"context"
	"errors"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadTimes(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"ok.csv":      "\xEF\xBB\xBFTimestamp,a,b\r\n2021-04-05 13:00:00,1,2\nbad,1,2\n2021-04-05T13:00:05,,x,9\n",
		"quote.csv":   "Timestamp,a\n2021-04-05 13:00:00,\"1\n",
		"nodata.csv":  "Timestamp,a\n",
		"novalid.csv": "Timestamp,a\n2021-04-05 13:00:00,x\n",
		"dup.csv":     "Timestamp,a,a\n2021-04-05 13:00:00,1,2\n",
		"badname.csv": "Timestamp,a b\n2021-04-05 13:00:00,1\n",
		"epoch.csv":   "Timestamp,a\n1617627600,1\n2021-04-05T13:00:05Z,2\n",
	}
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	src := FS(fsys)
	read := func(key string) (*FileTimes, error) {
		return ReadTimes(context.Background(), src, Object{Key: key, Size: int64(len(files[key]))})
	}
	ft, err := read("ok.csv")
	require.NoError(t, err)
	assert.Equal(t, []string{"Timestamp", "a", "b"}, ft.Header)
	assert.Equal(t, int64(3), ft.Records)
	assert.Equal(t, int64(1), ft.Unsupported)
	assert.Equal(t, int64(1), ft.Ragged)
	assert.Equal(t, []int64{1617627600, 1617627605}, ft.Times)
	assert.Equal(t, []TimestampSample{{Line: 3, Value: "bad"}}, ft.Samples)

	for key, want := range map[string]Reason{
		"quote.csv": ReasonUnclosedQuote, "nodata.csv": ReasonNoDataRecord,
		"novalid.csv": ReasonNoValidValue, "dup.csv": ReasonDuplicateColumn,
	} {
		_, err := read(key)
		var d *Discard
		require.True(t, errors.As(err, &d), "%s: %v", key, err)
		assert.Equal(t, want, d.Reason, key)
		assert.Equal(t, key, d.Key)
	}
	// A file whose every timestamp is unsupported has no valid value: its
	// discard says how many records were dropped, and the first.
	_, err = read("epoch.csv")
	var nv *Discard
	require.True(t, errors.As(err, &nv), "%v", err)
	assert.Equal(t, ReasonNoValidValue, nv.Reason)
	assert.Equal(t, int64(2), nv.Unsupported)
	assert.Equal(t, []TimestampSample{{Line: 2, Value: "1617627600"}, {Line: 3, Value: "2021-04-05T13:00:05Z"}}, nv.Samples)
	assert.Equal(t, `"epoch.csv": no valid sensor value in a record with a supported timestamp`+
		` (2 unsupported timestamps, the first at line 2: "1617627600")`, nv.Error())
	_, err = read("novalid.csv")
	require.True(t, errors.As(err, &nv), "%v", err)
	assert.Zero(t, nv.Unsupported, "a valid timestamp with an invalid value: no timestamp dropped")
	assert.Equal(t, `"novalid.csv": no valid sensor value in a record with a supported timestamp`, nv.Error())

	_, err = read("badname.csv")
	var f *Failure
	require.True(t, errors.As(err, &f), "%v", err)
	assert.Equal(t, FailInvalidHeader, f.Kind)
	assert.Equal(t, 2, f.Column)
	assert.Equal(t, "a b", f.Name)

	// A size other than the listed one: unreadable.
	_, err = ReadTimes(context.Background(), src, Object{Key: "ok.csv", Size: 3})
	var d *Discard
	require.True(t, errors.As(err, &d), "%v", err)
	assert.Equal(t, ReasonUnreadable, d.Reason)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = ReadTimes(ctx, src, Object{Key: "ok.csv", Size: int64(len(files["ok.csv"]))})
	assert.ErrorIs(t, err, context.Canceled)
}
