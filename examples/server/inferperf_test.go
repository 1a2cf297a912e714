package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/inference"
)

// perfComponents are the components of the performance model: 3 of 10
// sensors each, 30 sensors in all.
var perfComponents = func() []inference.Component {
	comps := make([]inference.Component, 3)
	for i := range comps {
		comps[i].Name = "comp" + strconv.Itoa(i)
		for j := range 10 {
			comps[i].Sensors = append(comps[i].Sensors, "s"+strconv.Itoa(j))
		}
	}
	return comps
}()

// perfSignal is sensor j of component c at Unix second t: a daily cycle
// scaled per sensor, with a little noise.
func perfSignal(t int64, c, j int, rng *rand.Rand) float64 {
	day := 2 * math.Pi * float64(t%86400) / 86400
	a := 10 + 3*math.Sin(day)
	return float64(c+1)*a + float64(j)*0.5*a + 0.1*rng.NormFloat64()
}

var (
	perfOnce  sync.Once
	perfModel *detect.Model
	perfErr   error
)

// perfDetector is a detector of the 30 sensors of perfComponents at 1 s.
// Training at 1 s needs 14 days of rows (36 million values): it is trained
// on 15 days at 1 minute instead, then moved to a 1 s grid through its
// file format (detect.Save documents it): the step becomes 1 and the drift
// window the 3 hours of rows Train gives a 1 s grid (capped at 4,096).
// Scoring does the same work per row whatever the coefficients.
func perfDetector(tb testing.TB) *detect.Model {
	tb.Helper()
	perfOnce.Do(func() {
		rng := rand.New(rand.NewPCG(5, 6))
		const rows = 15 * 1440
		start := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).Unix()
		f := &detect.Frame{Start: start, Step: 60}
		for c, comp := range perfComponents {
			for j, s := range comp.Sensors {
				f.Sensors = append(f.Sensors, comp.Name+`\`+s)
				col := make([]float64, rows)
				for i := range col {
					col[i] = perfSignal(start+int64(i)*60, c, j, rng)
				}
				f.Columns = append(f.Columns, col)
			}
		}
		var m *detect.Model
		if m, perfErr = detect.Train(f, detect.Options{}); perfErr != nil {
			return
		}
		var buf bytes.Buffer
		if perfErr = m.Save(&buf); perfErr != nil {
			return
		}
		b := buf.Bytes()
		binary.LittleEndian.PutUint64(b[20:28], 1)    // step
		binary.LittleEndian.PutUint32(b[32:36], 4096) // window
		n := len(b) - 4
		binary.LittleEndian.PutUint32(b[n:], crc32.Checksum(b[:n], crc32.MakeTable(crc32.Castagnoli)))
		perfModel, perfErr = detect.Load(bytes.NewReader(b))
	})
	require.NoError(tb, perfErr)
	require.Equal(tb, int64(1), perfModel.Step())
	return perfModel
}

// perfTrained is the trained model of perfDetector as a run reads it.
func perfTrained(tb testing.TB) *trainedModel {
	return &trainedModel{Name: "perf-model", Status: lookout.ModelStatusSuccess, Version: 1,
		Detector: perfDetector(tb), Components: perfComponents, Rate: time.Second}
}

// writePerfFiles writes, under DIR/<bucket>/<prefix>, the input files of
// every component of perfComponents, one per span starting at from and
// each holding a row every step in [its name time, name time + span), until
// to; it returns the bytes written.
func writePerfFiles(tb testing.TB, dir, bucket, prefix string, from, to time.Time, span, step time.Duration) int64 {
	tb.Helper()
	rng := rand.New(rand.NewPCG(7, 8))
	var total int64
	var b bytes.Buffer
	for c, comp := range perfComponents {
		for name := from; name.Before(to); name = name.Add(span) {
			b.Reset()
			b.WriteString("Timestamp")
			for _, s := range comp.Sensors {
				b.WriteString("," + s)
			}
			b.WriteByte('\n')
			for ts := name; ts.Before(name.Add(span)); ts = ts.Add(step) {
				b.WriteString(ts.UTC().Format("2006-01-02 15:04:05"))
				for j := range comp.Sensors {
					b.WriteByte(',')
					b.Write(strconv.AppendFloat(nil, perfSignal(ts.Unix(), c, j, rng), 'f', 3, 64))
				}
				b.WriteByte('\n')
			}
			key := filepath.Join(dir, bucket, filepath.FromSlash(prefix), comp.Name+"_"+name.UTC().Format("20060102150405")+".csv")
			require.NoError(tb, os.MkdirAll(filepath.Dir(key), 0o755))
			require.NoError(tb, os.WriteFile(key, b.Bytes(), 0o644))
			total += int64(b.Len())
		}
	}
	return total
}

// perfScheduler is a scheduler configuration over bucket "in" at prefix,
// results to bucket "out" at "results/".
func perfScheduler(freq, prefix string) *schedulerConfig {
	return &schedulerConfig{
		DataUploadFrequency: lookout.DataUploadFrequency(freq),
		DataInputConfiguration: &lookout.InferenceInputConfiguration{S3InputConfiguration: &lookout.InferenceS3InputConfiguration{
			Bucket: "in", Prefix: new(prefix)},
			InferenceInputNameConfiguration: &lookout.InferenceInputNameConfiguration{ComponentTimestampDelimiter: new("_")}},
		DataOutputConfiguration: &lookout.InferenceOutputConfiguration{
			S3OutputConfiguration: &lookout.InferenceS3OutputConfiguration{Bucket: "out", Prefix: new("results/")}},
		RoleArn: "arn:aws:iam::123456789012:role/Inference",
	}
}

// BenchmarkInferenceRun is one run as the scheduler makes it (makeRun):
// one hour of 30 sensors at 1 s (108,000 values) in 3 components, files
// of 5 minutes, listed, read, resampled, scored and written as
// results.jsonl through dirSources.put. SetBytes is the input the run
// reads (the hour's 36 files and the one before and after of each
// component).
func BenchmarkInferenceRun(b *testing.B) {
	dir := b.TempDir()
	require.NoError(b, os.MkdirAll(filepath.Join(dir, "out"), 0o755))
	m := perfTrained(b)
	sched := time.Date(2024, 6, 1, 13, 0, 0, 0, time.UTC)
	from, to := sched.Add(-time.Hour-5*time.Minute), sched.Add(5*time.Minute)
	total := writePerfFiles(b, dir, "in", "plant/", from, to, 5*time.Minute, time.Second)
	sc := perfScheduler("PT1H", "plant/")
	in, err := sc.inputConfig()
	require.NoError(b, err)
	run := inference.Run{Scheduled: sched, Window: in.Schedule.Window(sched)}
	src := dirSources{dir: dir}
	bucket, prefix := sc.output()
	ctx := context.Background()
	b.SetBytes(total * 14 / 16) // the 14 files of 16 per component that a run opens
	b.ReportAllocs()
	for b.Loop() {
		oc, err := makeRun(ctx, src.bucket(in.Bucket), src, m, in, bucket, prefix, run, nil)
		if err != nil || oc.Status != "SUCCESS" {
			b.Fatalf("run: %v %+v", err, oc)
		}
	}
	body, err := os.ReadFile(filepath.Join(dir, "out", "results", "2024-06-01T13:00:00Z", "results.jsonl"))
	require.NoError(b, err)
	require.Equal(b, 3600, bytes.Count(body, []byte{'\n'}), "a line per second of the hour")
}

// TestInferenceRunOneHour checks what BenchmarkInferenceRun measures: the
// run over an hour at 1 s succeeds and writes a line per second in the
// service's form.
func TestInferenceRunOneHour(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "out"), 0o755))
	m := perfTrained(t)
	sched := time.Date(2024, 6, 1, 13, 0, 0, 0, time.UTC)
	writePerfFiles(t, dir, "in", "plant/", sched.Add(-time.Hour-5*time.Minute), sched.Add(5*time.Minute), 5*time.Minute, time.Second)
	sc := perfScheduler("PT1H", "plant/")
	in, err := sc.inputConfig()
	require.NoError(t, err)
	run := inference.Run{Scheduled: sched, Window: in.Schedule.Window(sched)}
	src := dirSources{dir: dir}
	bucket, prefix := sc.output()
	oc, err := makeRun(context.Background(), src.bucket(in.Bucket), src, m, in, bucket, prefix, run, nil)
	require.NoError(t, err)
	require.Equal(t, "SUCCESS", oc.Status, oc.FailedReason)
	body, err := os.ReadFile(filepath.Join(dir, "out", "results", "2024-06-01T13:00:00Z", "results.jsonl"))
	require.NoError(t, err)
	reasons := checkResults(t, string(body), m.Detector.Sensors())
	require.Len(t, reasons, 3600)
	require.Contains(t, reasons, "2024-06-01T12:00:01.000000")
	require.Contains(t, reasons, "2024-06-01T13:00:00.000000")
}

// manySchedulers creates n schedulers of pump-model at PT5M, each over its
// own prefix of bucket "in" holding one small file per window, on the
// server's clock at scale (the real wall), then waits until the clock has
// made the given number of wake-ups and checks that every run due started
// (store.Execution.Started) within slack of clock time of its
// ScheduledStartTime. The clock starts create (of the wall) per scheduler
// before the first wake-up, room for the creates. It returns the largest
// lateness seen.
func manySchedulers(t *testing.T, n int, scale float64, windows int, slack, create time.Duration) time.Duration {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "out"), 0o755))
	first := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC) // the first wake-up
	// The clock starts early enough for the creates.
	origin := first.Add(-time.Duration(float64(time.Duration(n)*create) * scale)).Add(-10 * time.Second)
	rng := rand.New(rand.NewPCG(9, 10))
	// One file per window, the same for every scheduler: the window
	// named at its start, a row every 30 s in (start, start+5m].
	bodies := make(map[time.Time][]byte)
	for w := first.Add(-10 * time.Minute); !w.After(first.Add(time.Duration(windows) * 5 * time.Minute)); w = w.Add(5 * time.Minute) {
		var b bytes.Buffer
		b.WriteString("Timestamp,a,b\n")
		for ts := w.Add(30 * time.Second); !ts.After(w.Add(5 * time.Minute)); ts = ts.Add(30 * time.Second) {
			a, v := pumpSignal(ts.Unix(), rng)
			b.WriteString(ts.Format("2006-01-02 15:04:05") + "," + strconv.FormatFloat(a, 'f', 3, 64) + "," + strconv.FormatFloat(v, 'f', 3, 64) + "\n")
		}
		bodies[w] = b.Bytes()
	}
	for i := range n {
		folder := filepath.Join(dir, "in", fmt.Sprintf("s%04d", i))
		require.NoError(t, os.MkdirAll(folder, 0o755))
		for w, body := range bodies {
			require.NoError(t, os.WriteFile(filepath.Join(folder, "pump"+w.Format("20060102150405")+".csv"), body, 0o644))
		}
	}
	cfg := inferConfig(dir, filepath.Join(dir, "lookout.db"), pumpModels(t))
	cfg.maxSchedulers = n
	cfg.clock = store.ClockRequest{Origin: origin, Scale: scale}
	ctx := context.Background()
	a, err := newApp(ctx, cfg, discardLogger(), nil)
	require.NoError(t, err)
	defer func() { assert.NoError(t, a.close()) }()
	for i := range n {
		req := createRequest(fmt.Sprintf("sched-%04d", i), fmt.Sprintf("tok-%04d", i))
		req.DataInputConfiguration.S3InputConfiguration.Prefix = new(fmt.Sprintf("s%04d/", i))
		req.Tags = nil
		_, err := a.svc.CreateInferenceScheduler(ctx, req)
		require.NoError(t, err)
	}
	created := a.st.Clock().Now()
	require.True(t, created.Before(first), "the creates took until %s", created)
	last := first.Add(time.Duration(windows-1) * 5 * time.Minute)
	require.NoError(t, a.st.Clock().Wait(ctx, last.Add(slack)))
	var worst time.Duration
	late := 0
	for i := range n {
		name := fmt.Sprintf("sched-%04d", i)
		list, _, err := a.st.ListExecutions(ctx, name, store.ExecutionFilter{}, store.Page{Limit: 100})
		require.NoError(t, err)
		got := make(map[time.Time]store.Execution, len(list))
		for _, e := range list {
			got[e.Scheduled] = e
		}
		for w := first; !w.After(last); w = w.Add(5 * time.Minute) {
			e, ok := got[w]
			if !ok {
				late++
				worst = max(worst, a.st.Clock().Now().Sub(w))
				continue
			}
			require.False(t, e.Started.IsZero(), "%s at %s: no start recorded", name, w)
			if d := e.Started.Sub(w); d > worst {
				worst = d
			}
			if e.Started.Sub(w) > slack {
				late++
			}
			if e.Status != "IN_PROGRESS" {
				assert.Equal(t, "SUCCESS", e.Status, "%s at %s: %s", name, w, e.FailedReason)
			}
		}
	}
	t.Logf("%d schedulers, %d wake-ups at scale %g: the latest start %s of clock after its ScheduledStartTime, %d later than %s",
		n, windows, scale, worst, late, slack)
	assert.Zero(t, late, "runs later than %s (the latest %s)", slack, worst)
	return worst
}

// TestManySchedulersSmall: 50 schedulers at PT5M, the clock at 60 times
// the wall's, two wake-ups: every run is made and starts within two clock
// minutes (two wall seconds: room for the race detector on a loaded
// machine) of its ScheduledStartTime. The service's figure, within one
// clock minute at scale 10, is TestManySchedulers'.
func TestManySchedulersSmall(t *testing.T) {
	t.Parallel()
	manySchedulers(t, 50, 60, 2, 2*time.Minute, 40*time.Millisecond)
}

// TestManySchedulers is the service's figure: 1,000 schedulers at PT5M,
// -time-scale 10, over 30 clock minutes (3 wall minutes), every run
// starting within 1 clock minute of its ScheduledStartTime. It runs when
// LOOKOUT_MANY_SCHEDULERS=1.
func TestManySchedulers(t *testing.T) {
	if os.Getenv("LOOKOUT_MANY_SCHEDULERS") != "1" {
		t.Skip("LOOKOUT_MANY_SCHEDULERS=1 runs it (3 minutes)")
	}
	manySchedulers(t, 1000, 10, 6, time.Minute, 8*time.Millisecond)
}
