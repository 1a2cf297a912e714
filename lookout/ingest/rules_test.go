package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

const good = "Timestamp,a\n2020-01-01 00:00:00,1\n"

// TestFileRules: every rule of section 2 of the package documentation that discards a
// file, each with a file that breaks it (and a good file beside, so that
// the job succeeds and lists it).
func TestFileRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, data string
		want       Discard // Key filled in
	}{
		{"unclosed quote", "Timestamp,a\n2020-01-01 00:00:00,\"1\n2020-01-02 00:00:00,1\n", Discard{Reason: ReasonUnclosedQuote, Line: 2, Column: 2}},
		{"quote in unquoted field", "Timestamp,a\n2020-01-01 00:00:00,1\"\n", Discard{Reason: ReasonQuoteInField, Line: 2, Column: 2}},
		{"space before quote", "Timestamp,a\n2020-01-01 00:00:00, \"1.5\"\n", Discard{Reason: ReasonQuoteInField, Line: 2, Column: 2}},
		{"space after quote", "Timestamp,a\n2020-01-01 00:00:00,\"1.5\" \n", Discard{Reason: ReasonTextAfterQuote, Line: 2, Column: 2}},
		{"lone CR after quote", "Timestamp,a\n2020-01-01 00:00:00,\"1.5\"\r2\n", Discard{Reason: ReasonTextAfterQuote, Line: 2, Column: 2}},
		{"CR ending the file after a quote", "Timestamp,a\n2020-01-01 00:00:00,\"1.5\"\r", Discard{Reason: ReasonTextAfterQuote, Line: 2, Column: 2}},
		{"quoted line breaks count", "Timestamp,a\n2020-01-01 00:00:00,\"1\n\n\"\n2020-01-01 00:00:00,x\"\n", Discard{Reason: ReasonQuoteInField, Line: 5, Column: 2}},
		{"Latin-1 header", "Timestamp,temp\xe9rature\n2020-01-01 00:00:00,1\n", Discard{Reason: ReasonHeaderNotText, Line: 1, Column: 2}},
		{"UTF-16 header", "\xff\xfeT\x00,\x00a\x00\n\x00", Discard{Reason: ReasonHeaderNotText, Line: 1, Column: 1}},
		{"NUL in header", "Timestamp,a\x00\n2020-01-01 00:00:00,1\n", Discard{Reason: ReasonHeaderNotText, Line: 1, Column: 2}},
		{"header not text, after blank lines", "\n\r\n\nTimestamp,\x80\n2020-01-01 00:00:00,1\n", Discard{Reason: ReasonHeaderNotText, Line: 4, Column: 2}},
		{"empty file", "", Discard{Reason: ReasonNoHeader}},
		{"only line breaks", "\n\r\n\n", Discard{Reason: ReasonNoHeader}},
		{"only a BOM", "\xEF\xBB\xBF", Discard{Reason: ReasonNoHeader}},
		{"header only", "Timestamp,a\n", Discard{Reason: ReasonNoDataRecord}},
		{"header and blank lines", "Timestamp,a\n\n\r\n", Discard{Reason: ReasonNoDataRecord}},
		{"one column", "Timestamp\n2020-01-01 00:00:00\n", Discard{Reason: ReasonTooFewColumns}},
		{"duplicate column", "Timestamp,a,b,a\n2020-01-01 00:00:00,1,2,3\n", Discard{Reason: ReasonDuplicateColumn, Column: 4, Name: "a"}},
		{"timestamp column repeated", "a,a\n2020-01-01 00:00:00,1\n", Discard{Reason: ReasonDuplicateColumn, Column: 2, Name: "a"}},
		{"no valid value", "Timestamp,a,b\n2020-01-01 00:00:00,NA,x\nbad,1,2\n", Discard{Reason: ReasonNoValidValue,
			Unsupported: 1, Samples: []TimestampSample{{Line: 3, Value: "bad"}}}},
		{"valid values only under bad timestamps", "Timestamp,a\n2020-01-01 00:00:00,\nnot a time,1\n", Discard{Reason: ReasonNoValidValue,
			Unsupported: 1, Samples: []TimestampSample{{Line: 3, Value: "not a time"}}}},
		{"quote in the header", "Timestamp,a\"\n2020-01-01 00:00:00,1\n", Discard{Reason: ReasonQuoteInField, Line: 1, Column: 2}},
		// Rule 1 comes before rule 2: an invalid name in a file that is not CSV.
		{"not CSV before a bad name", "Time stamp,a\n2020-01-01 00:00:00,\"1\n", Discard{Reason: ReasonUnclosedQuote, Line: 2, Column: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, o := range []Option{WithConcurrency(1), withTiny(64, 3, 2, 2)} {
				res := check(t, nil, files("data/pump/a.csv", good, "data/pump/b.csv", tt.data), o)
				require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
				want := tt.want
				want.Key = "data/pump/b.csv"
				require.Len(t, res.Discards, 1)
				assert.Equal(t, &want, res.Discards[0])
				assert.Equal(t, []lookout.S3Object{{Bucket: "bkt", Key: "data/pump/b.csv"}}, res.IngestedFilesSummary.DiscardedFiles)
				assert.Equal(t, int64(2), *res.IngestedFilesSummary.TotalNumberOfFiles)
				assert.Equal(t, int64(1), *res.IngestedFilesSummary.IngestedNumberOfFiles)
				// A discarded file counts nowhere.
				assert.Equal(t, int64(len(good)), *res.IngestedDataSize)
				require.Len(t, res.SensorStatisticsSummaries, 1)
				assert.Equal(t, int64(0), *res.DataQualitySummary.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps)
			}
		})
	}
}

// TestReadingRules: what section 2 says of a file that is ingested.
func TestReadingRules(t *testing.T) {
	t.Parallel()
	one := func(t *testing.T, data string) (*Result, lookout.SensorStatisticsSummary) {
		t.Helper()
		res := check(t, nil, files("data/pump/a.csv", data))
		require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
		require.Empty(t, res.Discards)
		return res, res.SensorStatisticsSummaries[0]
	}
	t.Run("BOM skipped once", func(t *testing.T) {
		_, s := one(t, "\xEF\xBB\xBFTimestamp,a\n2020-01-01 00:00:00,1\n")
		assert.Equal(t, "a", s.SensorName)
		res := check(t, nil, files("data/pump/a.csv", "\xEF\xBB\xBF\xEF\xBB\xBFTimestamp,a\n2020-01-01 00:00:00,1\n"))
		require.NotNil(t, res.Failure)
		assert.Equal(t, FailInvalidHeader, res.Failure.Kind) // the second BOM is part of the name
		assert.Equal(t, 1, res.Failure.Column)
	})
	t.Run("CRLF, LF, no final line break, blank lines", func(t *testing.T) {
		_, s := one(t, "\n\r\nTimestamp,a\r\n\r\n2020-01-01 00:00:00,1\r\n\n2020-01-02 00:00:00,2\n2020-01-03 00:00:00,3")
		assert.Equal(t, int64(0), *s.MissingValues.Count)
		assert.Equal(t, ts("2020-01-03 00:00:00"), s.DataEndTime)
	})
	t.Run("header names not trimmed", func(t *testing.T) {
		res := check(t, nil, files("data/pump/a.csv", "Timestamp, a\n2020-01-01 00:00:00,1\n"))
		require.NotNil(t, res.Failure)
		assert.Equal(t, &Failure{Kind: FailInvalidHeader, Bucket: "bkt", Key: "data/pump/a.csv", Column: 2, Name: " a"}, res.Failure)
	})
	t.Run("trailing comma in the header", func(t *testing.T) {
		res := check(t, nil, files("data/pump/a.csv", "Timestamp,a,\n2020-01-01 00:00:00,1,\n"))
		require.NotNil(t, res.Failure)
		assert.Equal(t, 3, res.Failure.Column)
		assert.Equal(t, `invalid column name "" in column 3 of s3://bkt/data/pump/a.csv: a name must match ^[0-9a-zA-Z:#$.\-_]{1,200}$`, res.FailedReason)
	})
	t.Run("quoted fields", func(t *testing.T) {
		_, s := one(t, "\"Timestamp\",\"a\"\n\"2020-01-01 00:00:00\",\"1\"\n\"2020-01-02 00:00:00\",\"1,5\"\n2020-01-03 00:00:00,\"a\"\"b\"\n2020-01-04 00:00:00,\"1\n\"\n")
		assert.Equal(t, int64(3), *s.InvalidValues.Count)
	})
	t.Run("ragged and short records", func(t *testing.T) {
		res, s := one(t, "Timestamp,a,b\n2020-01-01 00:00:00,1,2,3\n2020-01-02 00:00:00,1\nbad,1,2,3,4\n2020-01-03 00:00:00\n")
		assert.Equal(t, int64(2), res.RaggedRecords) // counted whatever the timestamp
		assert.Equal(t, int64(1), *s.MissingValues.Count)
		b := res.SensorStatisticsSummaries[1]
		assert.Equal(t, int64(2), *b.MissingValues.Count)
	})
	t.Run("a line of spaces is a record of one field", func(t *testing.T) {
		res, s := one(t, "Timestamp,a\n2020-01-01 00:00:00,1\n   \n")
		assert.Equal(t, int64(1), *res.DataQualitySummary.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps)
		assert.Equal(t, int64(0), *s.MissingValues.Count)
	})
	t.Run("lone CR is data", func(t *testing.T) {
		res, s := one(t, "Timestamp,a\n2020-01-01 00:00:00,1\r2\n2020-01-02 00:00:00,1\r\n2020-01-03 00:00:00\r,1\n")
		assert.Equal(t, int64(1), *s.InvalidValues.Count)
		assert.Equal(t, int64(1), *res.DataQualitySummary.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps)
	})
	t.Run("spaces and tabs trimmed, nothing else", func(t *testing.T) {
		_, s := one(t, "Timestamp,a\n \t2020-01-01 00:00:00\t ,\t 1 \t\n2020-01-02 00:00:00,\u00a01\n2020-01-03 00:00:00,\v1\n2020-01-04 00:00:00, \t \n")
		assert.Equal(t, int64(2), *s.InvalidValues.Count)
		assert.Equal(t, int64(1), *s.MissingValues.Count)
		assert.Equal(t, ts("2020-01-01 00:00:00"), s.DataStartTime)
	})
	t.Run("invalid UTF-8 cells", func(t *testing.T) {
		res, s := one(t, "Timestamp,a\n2020-01-01 00:00:00,1\n2020-01-01\xff00:00:00,1\n2020-01-02 00:00:00,\xff\n")
		assert.Equal(t, int64(1), *s.InvalidValues.Count)
		assert.Equal(t, int64(1), *res.DataQualitySummary.UnsupportedTimestamps.TotalNumberOfUnsupportedTimestamps)
	})
}

// TestKeyRules: section 1 through Check: ignored keys, discards before
// reading, the schema's components.
func TestKeyRules(t *testing.T) {
	t.Parallel()
	src := memSource{
		"data/":               nil,
		"data/pump/":          nil, // folder markers: skipped, not counted
		"data/pump/a.csv":     []byte(good),
		"data/pump/b.CSV":     []byte(good),
		"data/pump/c.Csv":     []byte(good),
		"data/pump/d.csv.gz":  []byte(good),
		"data/pump/sub/e.csv": []byte(good),
		"data/f.csv":          []byte(good),
		"data/pump#1/g.csv":   []byte(good),
		"data/" + strings.Repeat("x", 201) + "/h.csv": []byte(good),
		"elsewhere/pump/a.csv":                        []byte(good),
	}
	res, err := Check(context.Background(), request(ptr("data/"), nil), nil, src)
	require.NoError(t, err)
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	assert.Equal(t, []string{"data/f.csv", "data/pump/sub/e.csv"}, res.Ignored)
	assert.Equal(t, int64(6), *res.IngestedFilesSummary.TotalNumberOfFiles)
	assert.Equal(t, int64(3), *res.IngestedFilesSummary.IngestedNumberOfFiles)
	var reasons []string
	for _, d := range res.Discards {
		reasons = append(reasons, d.Reason.String()+" "+d.Key[:min(len(d.Key), 16)])
	}
	assert.Equal(t, []string{"invalid-component-name data/pump#1/g.cs", "not-csv-key data/pump/d.csv.", "invalid-component-name data/xxxxxxxxxxx"}, reasons)

	// With a schema: a component it does not name (case included) is
	// unmatched; a schema component without files has "no data" sensors.
	schema := &lookout.DataSchema{Components: []lookout.SchemaComponent{
		{ComponentName: "pump", Columns: []lookout.SchemaColumn{{Name: "Timestamp", Type: "DATETIME"}, {Name: "a", Type: "DOUBLE"}, {Name: "z", Type: "DOUBLE"}}},
		{ComponentName: "fan", Columns: []lookout.SchemaColumn{{Name: "Timestamp", Type: "DATETIME"}, {Name: "speed", Type: "DOUBLE"}}},
	}}
	src2 := memSource{"data/pump/a.csv": []byte(good), "data/Pump/a.csv": []byte(good), "data/valve/a.csv": []byte(good)}
	res, err = Check(context.Background(), request(ptr("data/"), nil), schema, src2)
	require.NoError(t, err)
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	assert.Equal(t, []string{"data/Pump/a.csv", "data/valve/a.csv"}, res.Ignored)
	var names []string
	for _, s := range res.SensorStatisticsSummaries {
		names = append(names, s.ComponentName+"/"+s.SensorName)
	}
	assert.Equal(t, []string{"fan/speed", "pump/a", "pump/z"}, names)
	none := noHeur(lookout.SensorStatisticsSummary{ComponentName: "fan", SensorName: "speed", DataExists: new(false), MissingValues: cp(0, 0), InvalidValues: cp(0, 0),
		InvalidDateEntries: cp(0, 0), DuplicateTimestamps: cp(0, 0)})
	assert.Equal(t, none, res.SensorStatisticsSummaries[0])
	assert.Equal(t, int64(2), *res.DataQualitySummary.InsufficientSensorData.MissingCompleteSensorData.AffectedSensorCount)
}

// TestSchemaRules: rule 4.
func TestSchemaRules(t *testing.T) {
	t.Parallel()
	schema := &lookout.DataSchema{Components: []lookout.SchemaComponent{
		{ComponentName: "pump", Columns: []lookout.SchemaColumn{{Name: "Timestamp", Type: "DATETIME"}, {Name: "a", Type: "DOUBLE"}, {Name: "b", Type: "DOUBLE"}}},
		{ComponentName: "empty"},
	}}
	res := check(t, schema, files(
		"data/pump/1.csv", "Timestamp,a\n2020-01-01 00:00:00,1\n", // lacks b: fine
		"data/pump/2.csv", "time,a\n2020-01-01 00:00:00,1\n",
		"data/pump/3.csv", "Timestamp,a,c\n2020-01-01 00:00:00,1,2\n",
		"data/pump/4.csv", "Timestamp,A\n2020-01-01 00:00:00,1\n",
		"data/empty/5.csv", "Timestamp,a\n2020-01-01 00:00:00,1\n",
	))
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	assert.Equal(t, []*Discard{
		{Key: "data/empty/5.csv", Reason: ReasonSchemaTimestamp, Column: 1, Name: "Timestamp"},
		{Key: "data/pump/2.csv", Reason: ReasonSchemaTimestamp, Column: 1, Name: "time"},
		{Key: "data/pump/3.csv", Reason: ReasonSchemaColumn, Column: 3, Name: "c"},
		{Key: "data/pump/4.csv", Reason: ReasonSchemaColumn, Column: 2, Name: "A"},
	}, res.Discards)
}

// failingSource fails its listing, or its reads.
type failingSource struct {
	memSource
	list, open error
	midRead    error // the error of b.csv's reader after its first bytes
}

func (s failingSource) List(ctx context.Context, prefix string, fn func(Object) error) error {
	if s.list != nil {
		return s.list
	}
	return s.memSource.List(ctx, prefix, fn)
}

func (s failingSource) Open(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	if s.open != nil && strings.HasSuffix(key, "b.csv") {
		return nil, s.open
	}
	rc, err := s.memSource.Open(ctx, key, off, n)
	if err == nil && s.midRead != nil && strings.HasSuffix(key, "b.csv") {
		return &failAfter{rc, 5, s.midRead}, nil
	}
	return rc, err
}

// failAfter reads n bytes, then fails with err.
type failAfter struct {
	io.ReadCloser
	n   int
	err error
}

func (r *failAfter) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, r.err
	}
	m, err := r.ReadCloser.Read(p[:min(len(p), r.n)])
	r.n -= m
	if err == nil {
		err = r.err // one read, then the failure
	}
	return m, err
}

// sizedSource lists objects of any size without holding them.
type sizedSource []Object

func (s sizedSource) List(_ context.Context, _ string, fn func(Object) error) error {
	for _, o := range s {
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}

func (s sizedSource) Open(context.Context, string, int64, int64) (io.ReadCloser, error) {
	return nil, errors.New("not read")
}

// TestJobFailures: every failure of section 5, and the shape of a failed
// result.
func TestJobFailures(t *testing.T) {
	t.Parallel()
	denied := errors.New("AccessDenied")
	reset := errors.New("connection reset by peer")
	manyFiles := sizedSource{}
	for i := range MaxFiles + 1 {
		manyFiles = append(manyFiles, Object{Key: fmt.Sprintf("data/pump/%04d.txt", i), Size: 1})
	}
	manyComps := &lookout.DataSchema{Components: []lookout.SchemaComponent{{ComponentName: "pump"}}}
	for i := range MaxComponents {
		manyComps.Components = append(manyComps.Components, lookout.SchemaComponent{ComponentName: fmt.Sprintf("c%d", i)})
	}
	wideHeader := "Timestamp"
	for i := range MaxSensors + 1 {
		wideHeader += fmt.Sprintf(",s%d", i)
	}
	wideHeader += "\n2020-01-01 00:00:00,1\n"
	manySensors := &lookout.DataSchema{}
	for _, c := range []string{"pump", "fan"} {
		sc := lookout.SchemaComponent{ComponentName: c, Columns: []lookout.SchemaColumn{{Name: "Timestamp"}}}
		for i := range MaxSensors / 2 {
			sc.Columns = append(sc.Columns, lookout.SchemaColumn{Name: fmt.Sprintf("s%d", i)})
		}
		manySensors.Components = append(manySensors.Components, sc)
	}
	manySensors.Components[0].Columns = append(manySensors.Components[0].Columns, lookout.SchemaColumn{Name: "a"})
	tests := []struct {
		name   string
		src    Source
		schema *lookout.DataSchema
		want   Failure
		reason string
	}{
		{"listing", failingSource{list: denied}, nil, Failure{Kind: FailList, Key: "data/", Err: denied}, "cannot list s3://bkt/data/: AccessDenied"},
		{"no match", memSource{"data/a.csv": []byte(good)}, nil, Failure{Kind: FailNoMatch, Key: "data/"}, "no object under s3://bkt/data/ matches the key pattern"},
		{"files", manyFiles, nil, Failure{Kind: FailTooManyFiles, Count: 1001}, "more than 1000 files match (the listing stopped at the 1001th), more than a job may read"},
		{"components", memSource{"data/pump/a.csv": []byte(good)}, manyComps, Failure{Kind: FailTooManyComponents, Count: 3001}, "3001 components, more than the 3000 a dataset may have"},
		{"file size", sizedSource{{Key: "data/pump/a.csv", Size: MaxFileSize + 1}}, nil, Failure{Kind: FailFileTooLarge, Key: "data/pump/a.csv", Count: MaxFileSize + 1}, "s3://bkt/data/pump/a.csv is 5368709121 bytes, more than the 5368709120 a file may have"},
		{"total size", func() sizedSource {
			var s sizedSource
			for i := range 10 {
				s = append(s, Object{Key: fmt.Sprintf("data/pump/%d.csv", i), Size: MaxFileSize})
			}
			return append(s, Object{Key: "data/pump/x.txt", Size: 1})
		}(), nil, Failure{Kind: FailTooMuchData, Count: MaxTotalSize + 1}, "the matched files hold 53687091201 bytes, more than the 53687091200 a job may read"},
		{"invalid header", memSource{"data/pump/a.csv": []byte(good), "data/pump/b.csv": []byte("Timestamp,a b\n2020-01-01 00:00:00,1\n"), "data/pump/c.csv": []byte("x y,a\n")},
			nil, Failure{Kind: FailInvalidHeader, Key: "data/pump/b.csv", Column: 2, Name: "a b"}, `invalid column name "a b" in column 2 of s3://bkt/data/pump/b.csv: a name must match ^[0-9a-zA-Z:#$.\-_]{1,200}$`},
		{"all discarded", memSource{"data/pump/a.txt": []byte(good), "data/pump/b.csv": []byte("")}, nil, Failure{Kind: FailAllDiscarded}, "every matched file is discarded"},
		// Section 5: a read that fails is not bad data.
		{"a denied read", failingSource{memSource: memSource{"data/pump/a.csv": []byte(good), "data/pump/b.csv": []byte(good)}, open: denied}, nil,
			Failure{Kind: FailRead, Key: "data/pump/b.csv", Err: denied}, "cannot read s3://bkt/data/pump/b.csv: AccessDenied"},
		{"a key gone between listing and reading", failingSource{memSource: memSource{"data/pump/a.csv": []byte(good), "data/pump/b.csv": []byte(good)}, open: fs.ErrNotExist}, nil,
			Failure{Kind: FailRead, Key: "data/pump/b.csv", Err: fs.ErrNotExist}, "cannot read s3://bkt/data/pump/b.csv: file does not exist"},
		{"a reset that never resumes", failingSource{memSource: memSource{"data/pump/a.csv": []byte(good), "data/pump/b.csv": []byte(good)}, midRead: reset}, nil,
			Failure{Kind: FailRead, Key: "data/pump/b.csv", Err: reset}, "cannot read s3://bkt/data/pump/b.csv: connection reset by peer"},
		{"sensors of one file", memSource{"data/pump/a.csv": []byte(wideHeader)}, nil, Failure{Kind: FailTooManySensors, Key: "data/pump/a.csv", Count: 3001}, "s3://bkt/data/pump/a.csv has 3001 sensor columns, more than the 3000 a dataset may have"},
		{"sensors of files and schema", memSource{"data/pump/a.csv": []byte(good)}, manySensors, Failure{Kind: FailTooManySensors, Count: 3001}, "3001 sensors, more than the 3000 a dataset may have"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := Check(context.Background(), request(ptr("data/"), nil), tt.schema, tt.src)
			require.NoError(t, err)
			want := tt.want
			want.Bucket = "bkt"
			assert.Equal(t, &want, res.Failure)
			assert.Equal(t, lookout.IngestionJobStatusFailed, res.Status)
			assert.Equal(t, tt.reason, res.FailedReason)
			// Only Status and FailedReason of the service's members.
			assert.Nil(t, res.IngestedFilesSummary)
			assert.Nil(t, res.DataQualitySummary)
			assert.Nil(t, res.IngestedDataSize)
			assert.Nil(t, res.DataStartTime)
			assert.Nil(t, res.DataEndTime)
			assert.Nil(t, res.SensorStatisticsSummaries)
		})
	}
}

// TestInvalidRequest: a request that fails validation starts no job.
func TestInvalidRequest(t *testing.T) {
	t.Parallel()
	req := request(ptr("data/"), ptr("{prefix}/{component_name}*"))
	res, err := Check(context.Background(), req, nil, memSource{})
	assert.Nil(t, res)
	var ve *lookout.ValidationException
	require.ErrorAs(t, err, &ve)
	_, err = Check(context.Background(), request(nil, nil), nil, nil)
	require.Error(t, err)
}

// twiceSource lists every key twice.
type twiceSource struct{ memSource }

func (s twiceSource) List(ctx context.Context, prefix string, fn func(Object) error) error {
	for range 2 {
		if err := s.memSource.List(ctx, prefix, fn); err != nil {
			return err
		}
	}
	return nil
}

// TestChoices: what the package documentation chooses where the guide is
// silent, beside those the other tests hold.
func TestChoices(t *testing.T) {
	t.Parallel()
	// A key listed twice is read once.
	res, err := Check(context.Background(), request(ptr("data/"), nil), nil, twiceSource{memSource{"data/pump/a.csv": []byte(good)}})
	require.NoError(t, err)
	assert.Equal(t, int64(1), *res.IngestedFilesSummary.TotalNumberOfFiles)
	assert.Equal(t, int64(0), *res.DataQualitySummary.DuplicateTimestamps.TotalNumberOfDuplicateTimestamps)

	// A schema naming a component twice: the union of its columns.
	schema := &lookout.DataSchema{Components: []lookout.SchemaComponent{
		{ComponentName: "pump", Columns: []lookout.SchemaColumn{{Name: "Timestamp"}, {Name: "a"}}},
		{ComponentName: "pump", Columns: []lookout.SchemaColumn{{Name: "Other"}, {Name: "b"}}},
	}}
	res = check(t, schema, files("data/pump/a.csv", "Timestamp,a,b\n2020-01-01 00:00:00,1,2\n"))
	require.Equal(t, lookout.IngestionJobStatusSuccess, res.Status, res.FailedReason)
	assert.Empty(t, res.Discards)
	assert.Len(t, res.SensorStatisticsSummaries, 2)

	// Ragged records of a discarded file count nowhere.
	res = check(t, nil, files("data/pump/a.csv", good, "data/pump/b.csv", "Timestamp,a\n2020-01-01 00:00:00,x,1\n"))
	assert.Equal(t, int64(0), res.RaggedRecords)
	require.Len(t, res.Discards, 1)
}

// TestProblems: every invalid header name of every file, and the first 5
// unsupported timestamps of each file with their lines, whatever the
// parts the file is read in.
func TestProblems(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("Timestamp,a\n")
	for i := range 300 {
		if i%40 == 7 {
			fmt.Fprintf(&b, "%d,1\n", 1577836800+i) // epoch seconds: unsupported
			continue
		}
		fmt.Fprintf(&b, "2020-01-01 %02d:%02d:00,1\n", i/60, i%60)
	}
	fsys := files(
		"data/pump/a.csv", "Timestamp,ok,bad name,also;bad,\n2020-01-01 00:00:00,1,2,3,4\n",
		"data/pump/b.csv", "Timestamp;Flow;Pressure\n2020-01-01 00:00:00;1;2\n",
		"data/pump/c.csv", b.String(),
		"data/pump/d.csv", "Timestamp,a\n\"2020-01-01\n00:00:00\",1\n  bad  ,1\n",
	)
	want := []FileProblems{
		{Key: "data/pump/a.csv", InvalidNameCount: 3, InvalidNames: []InvalidName{{3, "bad name"}, {4, "also;bad"}, {5, ""}}},
		// One column: the whole line is its timestamp, unsupported.
		{Key: "data/pump/b.csv", InvalidNameCount: 1, InvalidNames: []InvalidName{{1, "Timestamp;Flow;Pressure"}},
			UnsupportedTimestamps: 1, Samples: []TimestampSample{{2, "2020-01-01 00:00:00;1;2"}}},
		// Lines 2 + 7, 47, 87, 127, 167 (8 of them in all: i = 7 + 40k).
		{Key: "data/pump/c.csv", UnsupportedTimestamps: 8, Samples: []TimestampSample{
			{9, "1577836807"}, {49, "1577836847"}, {89, "1577836887"}, {129, "1577836927"}, {169, "1577836967"}}},
		// A quoted timestamp over two lines (line 2), then one trimmed.
		{Key: "data/pump/d.csv", UnsupportedTimestamps: 2, Samples: []TimestampSample{{2, "2020-01-01\n00:00:00"}, {4, "bad"}}},
	}
	for _, o := range []Option{WithConcurrency(1), withTiny(128, 16, 4, 2), withTiny(64<<10, 1<<10, 1<<20, 3)} {
		res := check(t, nil, fsys, o)
		assert.Equal(t, FailInvalidHeader, res.Failure.Kind)
		assert.Equal(t, want, res.Problems)
	}
}
