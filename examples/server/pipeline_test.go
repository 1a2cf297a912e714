package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

// TestPipeline runs a pipeline's whole flow on the server as newApp wires
// it, with no part standing in for another: a bucket ingested into a
// dataset (its data copy), a model trained on that copy, and an inference
// scheduler whose first run scores input files with the trained model and
// writes results.jsonl.
func TestPipeline(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	buckets := filepath.Join(dir, "buckets")
	cfg := testConfig()
	cfg.db, cfg.src = filepath.Join(dir, "lookout.db"), dirSources{dir: buckets}
	clk := newFakeClock() // 2024-06-01 12:00 UTC
	ctx := context.Background()

	// 16 days of the pump's signal at one minute, in one file.
	rng := rand.New(rand.NewPCG(5, 6))
	start := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	var b strings.Builder
	b.WriteString("Timestamp,a,b\n")
	for ts := start; ts.Before(start.Add(16 * 24 * time.Hour)); ts = ts.Add(time.Minute) {
		a, v := pumpSignal(ts.Unix(), rng)
		fmt.Fprintf(&b, "%s,%.3f,%.3f\n", ts.Format("2006-01-02 15:04:05"), a, v)
	}
	train := filepath.Join(buckets, "history", "train", "pump", "data.csv")
	require.NoError(t, os.MkdirAll(filepath.Dir(train), 0o755))
	require.NoError(t, os.WriteFile(train, []byte(b.String()), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(buckets, "out"), 0o755))

	a, err := newApp(ctx, cfg, discardLogger(), clk.Now)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, a.close()) })
	s := a.svc

	schema := `{"Components":[{"ComponentName":"pump","Columns":[{"Name":"Timestamp","Type":"DATETIME"},` +
		`{"Name":"a","Type":"DOUBLE"},{"Name":"b","Type":"DOUBLE"}]}]}`
	_, err = s.CreateDataset(ctx, &lookout.CreateDatasetRequest{DatasetName: "plant", ClientToken: "ds",
		DatasetSchema: &lookout.DatasetSchema{InlineDataSchema: schema}})
	require.NoError(t, err)
	req := startReq("job", "plant", "train/")
	req.IngestionInputConfiguration.S3InputConfiguration.Bucket = "history"
	job, err := s.StartDataIngestionJob(ctx, req)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		d, err := s.DescribeDataIngestionJob(ctx, &lookout.DescribeDataIngestionJobRequest{JobId: job.JobId})
		require.NoError(t, err)
		require.NotEqual(t, lookout.IngestionJobStatusFailed, d.Status, d.FailedReason)
		return d.Status == lookout.IngestionJobStatusSuccess
	}, 30*time.Second, 5*time.Millisecond)

	at := func(days int) *lookout.Timestamp { return new(lookout.TimestampOf(start.AddDate(0, 0, days))) }
	_, err = s.CreateModel(ctx, &lookout.CreateModelRequest{ModelName: "pump-model", DatasetName: "plant",
		ClientToken: "model", TrainingDataStartTime: at(0), TrainingDataEndTime: at(15),
		EvaluationDataStartTime: at(15), EvaluationDataEndTime: at(16), OffCondition: `pump\b < -50`,
		DataPreProcessingConfiguration: &lookout.DataPreProcessingConfiguration{TargetSamplingRate: lookout.TargetSamplingRate("PT1M")}})
	require.NoError(t, err)
	m := waitModel(t, a, "pump-model")
	require.Equal(t, lookout.ModelStatusSuccess, m.Status, m.FailedReason)
	require.NotEmpty(t, m.ModelMetrics)
	var metrics struct {
		Unknown struct {
			Identified int `json:"num_identified"`
		} `json:"unknown_event_metrics"`
	}
	require.NoError(t, json.Unmarshal([]byte(m.ModelMetrics), &metrics))
	assert.LessOrEqual(t, metrics.Unknown.Identified, 1, "a day of normal signal: at most one false event")

	// The input of the run at 12:00, reading (11:55, 12:00]: a spike on a
	// from 11:58:30, b off at 11:57.
	h := func(hh, mm, ss int) time.Time { return time.Date(2024, 6, 1, hh, mm, ss, 0, time.UTC) }
	writePumpFile(t, buckets, h(11, 50, 0), h(11, 50, 0), h(12, 5, 0), h(11, 58, 30), h(12, 1, 0), h(11, 57, 0))
	_, err = s.CreateInferenceScheduler(ctx, createRequest("pump-watch", "sched"))
	require.NoError(t, err)
	runs := waitRuns(t, s, "pump-watch", 1)
	require.Equal(t, lookout.InferenceExecutionStatusSuccess, runs[0].Status, runs[0].FailedReason)
	assert.Equal(t, m.ActiveModelVersionArn, runs[0].ModelVersionArn, "scored by the model's active version")
	body, err := os.ReadFile(filepath.Join(buckets, "out", "results", "2024-06-01T12:00:00Z", "results.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"2024-06-01T11:56:00.000000": "NO_ANOMALY_DETECTED", "2024-06-01T11:57:00.000000": "MACHINE_OFF",
		"2024-06-01T11:58:00.000000": "NO_ANOMALY_DETECTED", "2024-06-01T11:59:00.000000": "ANOMALY_DETECTED",
		"2024-06-01T12:00:00.000000": "ANOMALY_DETECTED",
	}, checkResults(t, string(body), []string{`pump\a`, `pump\b`}))

	// A copy imported with ADD_WHEN_EMPTY: its retraining reads, besides
	// the dataset's data, the rows that the source model's schedulers and
	// its own read.
	_, err = s.ImportModelVersion(ctx, &lookout.ImportModelVersionRequest{ClientToken: "imp", ModelName: "pump-copy",
		SourceModelVersionArn: m.ActiveModelVersionArn, InferenceDataImportStrategy: lookout.InferenceDataImportStrategyAddWhenEmpty})
	require.NoError(t, err)
	require.Equal(t, lookout.ModelVersionStatusSuccess, waitVersion(t, a, "pump-copy", 1).Status)
	stored, err := a.st.Model(ctx, "pump-copy")
	require.NoError(t, err)
	cfg2, err := decodeModelConfig(stored.Config)
	require.NoError(t, err)
	assert.Equal(t, lookout.InferenceDataImportStrategyAddWhenEmpty, cfg2.InferenceImport)
	assert.Equal(t, "pump-model", cfg2.InferenceImportFrom)
	sensors := []string{`pump\a`, `pump\b`}
	rows, err := s.train.inferenceRows(ctx, []string{"pump-copy"}, sensors, start, h(12, 0, 0))
	require.NoError(t, err)
	assert.Empty(t, rows[0].Times, "no run of the copy's yet")
	both := []string{"pump-copy", "pump-model"}
	window := func(rows []detect.Series) {
		t.Helper()
		for j := range sensors {
			require.Len(t, rows[j].Times, 10, "the run's window (11:55, 12:00] at 30 s")
			assert.Equal(t, h(11, 55, 30).UnixNano(), rows[j].Times[0])
			assert.Equal(t, h(12, 0, 0).UnixNano(), rows[j].Times[9])
		}
	}
	rows, err = s.train.inferenceRows(ctx, both, sensors, start, h(12, 0, 0))
	require.NoError(t, err)
	window(rows) // the source model's scheduler's run
	copyReq := createRequest("copy-watch", "sched-copy")
	copyReq.ModelName = "pump-copy"
	copyReq.DataOutputConfiguration.S3OutputConfiguration.Prefix = new("copy-results/")
	_, err = s.CreateInferenceScheduler(ctx, copyReq)
	require.NoError(t, err)
	runs = waitRuns(t, s, "copy-watch", 1)
	require.Equal(t, lookout.InferenceExecutionStatusSuccess, runs[0].Status, runs[0].FailedReason)
	rows, err = s.train.inferenceRows(ctx, []string{"pump-copy"}, sensors, start, h(12, 0, 0))
	require.NoError(t, err)
	window(rows) // its own scheduler's run
	rows, err = s.train.inferenceRows(ctx, both, sensors, start, h(12, 0, 0))
	require.NoError(t, err)
	window(rows) // both runs' rows, each time once
	rows, err = s.train.inferenceRows(ctx, both, sensors, start, h(11, 59, 0))
	require.NoError(t, err)
	assert.Empty(t, rows[0].Times, "a run whose data range ends after the window is left out")
	n, err := s.retrain(ctx, "pump-copy", start, h(12, 0, 0), lookout.ModelPromoteModeManual)
	require.NoError(t, err)
	v := waitVersion(t, a, "pump-copy", n)
	require.Equal(t, lookout.ModelVersionStatusSuccess, v.Status, v.FailedReason)
}

// TestMergeRows: ADD_WHEN_EMPTY keeps the dataset's value at a time both
// hold, OVERWRITE takes the inference row's; every other time of either is
// kept, in time order.
func TestMergeRows(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	base := detect.Series{Sensor: `c\s`, Times: []int64{10, 20, 30}, Values: []float64{1, 2, 3}}
	tests := []struct {
		name     string
		add      detect.Series
		strategy lookout.InferenceDataImportStrategy
		times    []int64
		values   []float64
	}{
		{"nothing to add", detect.Series{}, lookout.InferenceDataImportStrategyOverwrite, []int64{10, 20, 30}, []float64{1, 2, 3}},
		{"before, between, after", detect.Series{Times: []int64{5, 25, 40}, Values: []float64{9, 8, 7}},
			lookout.InferenceDataImportStrategyAddWhenEmpty, []int64{5, 10, 20, 25, 30, 40}, []float64{9, 1, 2, 8, 3, 7}},
		{"a time both hold, add when empty", detect.Series{Times: []int64{20, 35}, Values: []float64{9, 8}},
			lookout.InferenceDataImportStrategyAddWhenEmpty, []int64{10, 20, 30, 35}, []float64{1, 2, 3, 8}},
		{"a time both hold, overwrite", detect.Series{Times: []int64{20, 35}, Values: []float64{9, 8}},
			lookout.InferenceDataImportStrategyOverwrite, []int64{10, 20, 30, 35}, []float64{1, 9, 3, 8}},
		{"overwrite with a missing cell", detect.Series{Times: []int64{10}, Values: []float64{nan}},
			lookout.InferenceDataImportStrategyOverwrite, []int64{10, 20, 30}, []float64{nan, 2, 3}},
		{"every time both hold", detect.Series{Times: []int64{10, 20, 30}, Values: []float64{7, 8, 9}},
			lookout.InferenceDataImportStrategyOverwrite, []int64{10, 20, 30}, []float64{7, 8, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := mergeRows(base, tt.add, tt.strategy)
			assert.Equal(t, `c\s`, got.Sensor)
			assert.Equal(t, tt.times, got.Times)
			require.Len(t, got.Values, len(tt.values))
			for i, v := range tt.values {
				if math.IsNaN(v) {
					assert.True(t, math.IsNaN(got.Values[i]), "value %d", i)
				} else {
					assert.Equal(t, v, got.Values[i], "value %d", i)
				}
			}
		})
	}
	assert.Equal(t, []float64{1, 2, 3}, base.Values, "the dataset's series is not changed")

	// Rows gathered from several runs: sorted, the later run's at a time
	// held twice.
	s := lastAtEachTime(detect.Series{Times: []int64{30, 10, 30, 20}, Values: []float64{1, 2, 3, 4}})
	assert.Equal(t, []int64{10, 20, 30}, s.Times)
	assert.Equal(t, []float64{2, 4, 3}, s.Values)
}
