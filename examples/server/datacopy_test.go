package main

import (
	"context"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/datacopy"
	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// copyBucket is the bucket the data copy tests write their files in.
const copyBucket = "copies"

// copySchema is the schema of the data copy tests' dataset "plant".
const copySchema = `{"Components":[{"ComponentName":"pump","Columns":[{"Name":"Timestamp","Type":"DATETIME"},` +
	`{"Name":"Flow","Type":"DOUBLE"},{"Name":"Speed","Type":"DOUBLE"}]},` +
	`{"ComponentName":"fan","Columns":[{"Name":"Timestamp","Type":"DATETIME"},{"Name":"Rpm","Type":"DOUBLE"}]}]}`

// copyEnv is an app over a database in a folder, reading buckets in another.
type copyEnv struct {
	t       *testing.T
	cfg     config
	a       *app
	buckets string
}

func newCopyEnv(t *testing.T) *copyEnv {
	t.Helper()
	dir := t.TempDir()
	e := &copyEnv{t: t, cfg: testConfig(), buckets: filepath.Join(dir, "buckets")}
	e.cfg.db = filepath.Join(dir, "lookout.db")
	e.cfg.src = dirSources{dir: e.buckets}
	require.NoError(t, os.MkdirAll(filepath.Join(e.buckets, copyBucket), 0o755))
	e.open()
	schema := copySchema
	_, _, err := e.a.st.CreateDataset(context.Background(), store.NewDataset{Name: "plant", Schema: &schema})
	require.NoError(t, err)
	return e
}

func (e *copyEnv) open() {
	a, err := newApp(context.Background(), e.cfg, discardLogger(), nil)
	require.NoError(e.t, err)
	e.a = a
	e.t.Cleanup(func() {
		if e.a == a {
			assert.NoError(e.t, a.close())
			e.a = nil
		}
	})
}

func (e *copyEnv) restart() {
	require.NoError(e.t, e.a.close())
	e.a = nil
	e.open()
}

// put writes the files (key: contents) of the bucket, removing the others.
func (e *copyEnv) put(files map[string]string) {
	root := filepath.Join(e.buckets, copyBucket)
	require.NoError(e.t, os.RemoveAll(root))
	for k, v := range files {
		p := filepath.Join(root, filepath.FromSlash(k))
		require.NoError(e.t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(e.t, os.WriteFile(p, []byte(v), 0o644))
	}
}

// ingest runs a job over the bucket's prefix "in/" and returns it finished.
func (e *copyEnv) ingest(token string) store.Job {
	e.t.Helper()
	req := startReq(token, "plant", "in/")
	req.IngestionInputConfiguration.S3InputConfiguration.Bucket = copyBucket
	resp, err := e.a.svc.StartDataIngestionJob(context.Background(), req)
	require.NoError(e.t, err)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		job, err := e.a.st.Job(context.Background(), *resp.JobId)
		require.NoError(e.t, err)
		if job.Status != store.JobInProgress {
			return job
		}
		require.False(e.t, time.Now().After(deadline), "job still IN_PROGRESS")
	}
}

// hasVersions asserts that the folders of the copies become want: the
// replaced copy is removed after the job's outcome is stored.
func (e *copyEnv) hasVersions(want ...string) {
	e.t.Helper()
	assert.Eventually(e.t, func() bool { return assert.ObjectsAreEqual(want, e.versions()) }, 10*time.Second,
		5*time.Millisecond, "want %v, have %v", want, e.versions())
}

// versions lists the folders of the copies.
func (e *copyEnv) versions() []string {
	entries, err := os.ReadDir(e.cfg.db + ".data")
	require.NoError(e.t, err)
	var out []string
	for _, en := range entries {
		out = append(out, en.Name())
	}
	return out
}

func (e *copyEnv) series(from, to time.Time) []detect.Series {
	e.t.Helper()
	s, err := e.a.svc.data.series(context.Background(), "plant", from, to)
	require.NoError(e.t, err)
	return s
}

// hourNanos is the Unix time of 2024-03-01 plus h hours, in nanoseconds.
func hourNanos(h int) int64 {
	return time.Date(2024, 3, 1, h, 0, 0, 0, time.UTC).UnixNano()
}

// equalSeries compares series, NaN equal to NaN.
func equalSeries(t *testing.T, want, got []detect.Series) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i].Sensor, got[i].Sensor)
		assert.Equal(t, want[i].Times, got[i].Times, want[i].Sensor)
		require.Len(t, got[i].Values, len(want[i].Values), want[i].Sensor)
		for k, w := range want[i].Values {
			g := got[i].Values[k]
			if math.IsNaN(w) {
				assert.True(t, math.IsNaN(g), "%s[%d] = %v, want NaN", want[i].Sensor, k, g)
			} else {
				assert.Equal(t, w, g, "%s[%d]", want[i].Sensor, k)
			}
		}
	}
}

func TestDataCopyIngestTwice(t *testing.T) {
	t.Parallel()
	e := newCopyEnv(t)
	nan := math.NaN()
	e.put(map[string]string{
		// Columns in another order than the schema's; a duplicate time
		// across files and within one; gaps: missing, invalid, short.
		"in/pump/a.csv": "Timestamp,Speed,Flow\n" +
			"2024-03-01 01:00:00,10,1\n" +
			"2024-03-01 00:00:00,11,\n" +
			"2024-03-01 02:00:00,x,3\n",
		"in/pump/b.csv": "Timestamp,Flow\n" +
			"2024-03-01 02:00:00,30\n" +
			"2024-03-01 03:00:00,4\n" +
			"2024-03-01 03:00:00,5\n",
		"in/fan/f.csv": "Timestamp,Rpm\n2024-03-01 00:00:00,900\n2024-03-01 01:00:00\n",
	})
	job := e.ingest("one")
	require.Equal(t, store.JobSuccess, job.Status, job.FailedReason)
	equalSeries(t, []detect.Series{
		{Sensor: `pump\Flow`, Times: []int64{hourNanos(0), hourNanos(1), hourNanos(2), hourNanos(3)}, Values: []float64{nan, 1, 30, 5}},
		{Sensor: `pump\Speed`, Times: []int64{hourNanos(0), hourNanos(1), hourNanos(2), hourNanos(3)}, Values: []float64{11, 10, nan, nan}},
		{Sensor: `fan\Rpm`, Times: []int64{hourNanos(0), hourNanos(1)}, Values: []float64{900, nan}},
	}, e.series(time.Time{}, time.Time{}))
	e.hasVersions(job.ID)

	// A second ingestion replaces the copy, and its files.
	e.put(map[string]string{"in/pump/c.csv": "Timestamp,Flow,Speed\n2024-03-01 05:00:00,7,8\n"})
	job2 := e.ingest("two")
	require.Equal(t, store.JobSuccess, job2.Status, job2.FailedReason)
	equalSeries(t, []detect.Series{
		{Sensor: `pump\Flow`, Times: []int64{hourNanos(5)}, Values: []float64{7}},
		{Sensor: `pump\Speed`, Times: []int64{hourNanos(5)}, Values: []float64{8}},
		{Sensor: `fan\Rpm`, Times: []int64{}, Values: []float64{}},
	}, e.series(time.Time{}, time.Time{}))
	e.hasVersions(job2.ID)

	// A failed ingestion keeps it.
	e.put(map[string]string{"in/other.txt": "x"})
	job3 := e.ingest("three")
	require.Equal(t, store.JobFailed, job3.Status)
	assert.Len(t, e.series(time.Time{}, time.Time{})[0].Times, 1)
	e.hasVersions(job2.ID)

	// A restart keeps the copy.
	e.restart()
	assert.Len(t, e.series(time.Time{}, time.Time{})[0].Times, 1)

	// Deleting the dataset removes it.
	_, err := e.a.svc.DeleteDataset(context.Background(), &lookout.DeleteDatasetRequest{DatasetName: "plant"})
	require.NoError(t, err)
	e.hasVersions()
	_, err = e.a.svc.data.series(context.Background(), "plant", time.Time{}, time.Time{})
	var nf *store.NotFoundError
	assert.ErrorAs(t, err, &nf)
}

func TestDataCopySeriesBounds(t *testing.T) {
	t.Parallel()
	e := newCopyEnv(t)
	_, err := e.a.svc.data.series(context.Background(), "plant", time.Time{}, time.Time{})
	var nf *store.NotFoundError
	require.ErrorAs(t, err, &nf, "no data yet")
	e.put(map[string]string{"in/pump/a.csv": "Timestamp,Flow,Speed\n" +
		"2024-03-01 00:00:00,0,0\n2024-03-01 01:00:00,1,1\n2024-03-01 02:00:00,2,2\n2024-03-01 03:00:00,3,3\n"})
	require.Equal(t, store.JobSuccess, e.ingest("one").Status)
	at := func(h int) time.Time { return time.Unix(0, hourNanos(h)) }
	tests := []struct {
		name     string
		from, to time.Time
		want     []int64
	}{
		{"unbounded", time.Time{}, time.Time{}, []int64{hourNanos(0), hourNanos(1), hourNanos(2), hourNanos(3)}},
		{"inclusive", at(1), at(2), []int64{hourNanos(1), hourNanos(2)}},
		{"from only", at(3), time.Time{}, []int64{hourNanos(3)}},
		{"to only", time.Time{}, at(0), []int64{hourNanos(0)}},
		{"between records", at(1).Add(time.Nanosecond), at(2).Add(-time.Nanosecond), []int64{}},
		{"after all", at(9), time.Time{}, []int64{}},
		{"to before from", at(2), at(1), []int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := e.series(tt.from, tt.to)
			require.Len(t, s, 3)
			assert.Equal(t, tt.want, s[0].Times)
			assert.Len(t, s[1].Values, len(tt.want))
		})
	}
}

func TestDataCopyUnreadableFileFailsTheJob(t *testing.T) {
	t.Parallel()
	e := newCopyEnv(t)
	e.put(map[string]string{"in/pump/a.csv": "Timestamp,Flow,Speed\n2024-03-01 00:00:00,0,0\n"})
	src := e.a.run.src.bucket(copyBucket)
	// Check has read the file; the copy cannot read it again.
	reason, err := e.a.run.data.write(context.Background(), brokenSource{src}, copyBucket, "v1", nil,
		[]ingest.IngestedFile{{Key: "in/pump/a.csv", Size: 44, Component: "pump"}})
	require.NoError(t, err)
	assert.Contains(t, reason, "in/pump/a.csv")
}

func TestDataCopyOrphansRemovedAtStart(t *testing.T) {
	t.Parallel()
	e := newCopyEnv(t)
	e.put(map[string]string{"in/pump/a.csv": "Timestamp,Flow,Speed\n2024-03-01 00:00:00,0,0\n"})
	job := e.ingest("one")
	require.Equal(t, store.JobSuccess, job.Status)
	root := e.cfg.db + ".data"
	require.NoError(t, os.MkdirAll(filepath.Join(root, "orphan"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "stray.tmp"), nil, 0o644))
	e.restart()
	e.hasVersions(job.ID)
	assert.Len(t, e.series(time.Time{}, time.Time{}), 3)
}

func TestDataCopyDamagedFile(t *testing.T) {
	t.Parallel()
	e := newCopyEnv(t)
	e.put(map[string]string{"in/pump/a.csv": "Timestamp,Flow,Speed\n2024-03-01 00:00:00,0,0\n"})
	job := e.ingest("one")
	require.Equal(t, store.JobSuccess, job.Status)
	p := filepath.Join(e.cfg.db+".data", job.ID, "0.col")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	b[len(b)-10] ^= 1
	require.NoError(t, os.WriteFile(p, b, 0o644))
	_, err = e.a.svc.data.series(context.Background(), "plant", time.Time{}, time.Time{})
	var fe *datacopy.FormatError
	assert.ErrorAs(t, err, &fe)
}

func TestDataCopyMemoryStore(t *testing.T) {
	t.Parallel()
	a, err := newApp(context.Background(), testConfig(), discardLogger(), nil)
	require.NoError(t, err)
	root := a.data.dir.Root()
	require.DirExists(t, root)
	require.NoError(t, a.close())
	assert.NoDirExists(t, root)
}

// brokenSource lists what its Source lists and opens nothing.
type brokenSource struct{ ingest.Source }

func (brokenSource) Open(context.Context, string, int64, int64) (io.ReadCloser, error) {
	return nil, errors.New("broken: the object cannot be read")
}
