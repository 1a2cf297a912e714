package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

// modelSchemaDoc is the schema of the test datasets: one component of
// three sensors.
const modelSchemaDoc = `{"Components":[{"ComponentName":"pump","Columns":[{"Name":"Timestamp","Type":"DATETIME"},` +
	`{"Name":"a","Type":"DOUBLE"},{"Name":"b","Type":"DOUBLE"},{"Name":"c","Type":"DOUBLE"}]}]}`

// dataStart is the first record of the test data.
var dataStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// fakeData is a dataset's data copy made by hand: sensors pump\a (a daily
// cycle with noise), pump\b (twice a, with noise) and pump\c (another
// cycle), every 10 minutes for days days; dead names a sensor whose values
// are all missing. block makes series wait until its context ends.
type fakeData struct {
	days  int
	dead  string
	block bool
}

func (f fakeData) series(ctx context.Context, dataset string, from, to time.Time) ([]detect.Series, error) {
	if f.block {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if dataset == "empty" {
		return nil, &store.NotFoundError{Resource: store.ResourceDataset, Name: dataset}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{`pump\a`, `pump\b`, `pump\c`}
	out := make([]detect.Series, len(names))
	for i := range out {
		out[i].Sensor = names[i]
	}
	const step = 600
	for t := dataStart.Unix(); t < dataStart.Unix()+int64(f.days)*86400; t += step {
		tt := time.Unix(t, 0)
		if (!from.IsZero() && tt.Before(from)) || (!to.IsZero() && tt.After(to)) {
			continue
		}
		day := 2 * math.Pi * float64(t%86400) / 86400
		a := 10 + 3*math.Sin(day) + rng.NormFloat64()*0.3
		vals := []float64{a, 2*a + rng.NormFloat64()*0.3, 5 + math.Cos(day) + rng.NormFloat64()*0.2}
		for i := range out {
			v := vals[i]
			if names[i] == f.dead {
				v = math.NaN()
			}
			out[i].Times = append(out[i].Times, t*int64(time.Second))
			out[i].Values = append(out[i].Values, v)
		}
	}
	return out, nil
}

// newModelApp is a test app whose trainings read data, with an ACTIVE
// dataset "plant" of modelSchemaDoc.
func newModelApp(t *testing.T, cfg config, data datasetData) *app {
	t.Helper()
	cfg.data = data
	a, _ := newTestApp(t, cfg)
	activeDataset(t, a, "plant")
	return a
}

// activeDataset makes an ACTIVE dataset of modelSchemaDoc.
func activeDataset(t *testing.T, a *app, name string) {
	t.Helper()
	ctx := context.Background()
	doc := modelSchemaDoc
	_, _, err := a.st.CreateDataset(ctx, store.NewDataset{Name: name, Schema: &doc})
	require.NoError(t, err)
	j, _, err := a.st.StartJob(ctx, store.NewJob{Dataset: name, Input: store.JobInput{Bucket: "b", RoleARN: "arn:aws:iam::123456789012:role/r"}})
	require.NoError(t, err)
	_, err = a.st.FinishJob(ctx, j.ID, store.Outcome{Status: store.JobSuccess})
	require.NoError(t, err)
}

// ts is the wire time of dataStart plus days.
func ts(days float64) *lookout.Timestamp {
	return new(lookout.TimestampOf(dataStart.Add(time.Duration(days * 24 * float64(time.Hour)))))
}

// waitModel polls DescribeModel until the model leaves IN_PROGRESS.
func waitModel(t *testing.T, a *app, name string) *lookout.DescribeModelResponse {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		d, err := a.svc.DescribeModel(context.Background(), &lookout.DescribeModelRequest{ModelName: name})
		require.NoError(t, err)
		if d.Status != lookout.ModelStatusInProgress && d.Status != lookout.ModelStatusImportInProgress {
			return d
		}
		require.True(t, time.Now().Before(deadline), "model %s still training", name)
		time.Sleep(20 * time.Millisecond)
	}
}

// waitVersion polls DescribeModelVersion until version n has ended.
func waitVersion(t *testing.T, a *app, name string, n int64) *lookout.DescribeModelVersionResponse {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		d, err := a.svc.DescribeModelVersion(context.Background(), &lookout.DescribeModelVersionRequest{ModelName: name, ModelVersion: &n})
		require.NoError(t, err)
		if d.Status != lookout.ModelVersionStatusInProgress && d.Status != lookout.ModelVersionStatusImportInProgress {
			return d
		}
		require.True(t, time.Now().Before(deadline), "version %d of %s still training", n, name)
		time.Sleep(20 * time.Millisecond)
	}
}

// modelRequest is a CreateModel request on "plant": 17 days of training,
// 3 of evaluation.
func modelRequest(name string) *lookout.CreateModelRequest {
	return &lookout.CreateModelRequest{
		ModelName: name, DatasetName: "plant", ClientToken: "token-" + name,
		TrainingDataStartTime: ts(0), TrainingDataEndTime: ts(17),
		EvaluationDataStartTime: ts(17), EvaluationDataEndTime: ts(20),
	}
}

// exception asserts that err is the service exception *E and returns it.
func exception[E error](t *testing.T, err error) E {
	t.Helper()
	var e E
	require.Error(t, err)
	require.True(t, errors.As(err, &e), "%T: %v", err, err)
	return e
}

func TestModelLifecycle(t *testing.T) {
	t.Parallel()
	a := newModelApp(t, testConfig(), fakeData{days: 21})
	ctx := context.Background()
	_, _, err := a.st.CreateLabelGroup(ctx, store.NewLabelGroup{Name: "faults"})
	require.NoError(t, err)
	_, _, err = a.st.CreateLabel(ctx, store.NewLabel{Group: "faults", Start: ts(18).Time(), End: ts(18.1).Time(), Rating: "ANOMALY"})
	require.NoError(t, err)
	req := modelRequest("pump-model")
	req.LabelsInputConfiguration = &lookout.LabelsInputConfiguration{LabelGroupName: "faults"}
	req.DataPreProcessingConfiguration = &lookout.DataPreProcessingConfiguration{TargetSamplingRate: lookout.TargetSamplingRatePt10m}
	req.Tags = []lookout.Tag{{Key: "team", Value: new("ops")}}
	resp, err := a.svc.CreateModel(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, lookout.ModelStatusInProgress, resp.Status)
	assert.Regexp(t, `^arn:aws:lookoutequipment:us-east-1:123456789012:model/pump-model/[0-9a-f-]{36}$`, resp.ModelArn)

	d := waitModel(t, a, "pump-model")
	require.Equal(t, lookout.ModelStatusSuccess, d.Status, d.FailedReason)
	assert.Equal(t, int64(1), *d.ActiveModelVersion)
	assert.Equal(t, resp.ModelArn+"/model-version/1", d.ActiveModelVersionArn)
	require.NotNil(t, d.TrainingExecutionStartTime)
	require.NotNil(t, d.TrainingExecutionEndTime)
	assert.Equal(t, modelSchemaDoc, d.Schema)
	var metrics struct {
		LabeledRanges []struct{ Start, End string } `json:"labeled_ranges"`
		Labeled       struct {
			NumLabeled int `json:"num_labeled"`
		} `json:"labeled_event_metrics"`
		PredictedRanges []json.RawMessage `json:"predicted_ranges"`
	}
	require.NoError(t, json.Unmarshal([]byte(d.ModelMetrics), &metrics), d.ModelMetrics)
	assert.Equal(t, 1, metrics.Labeled.NumLabeled)
	require.Len(t, metrics.LabeledRanges, 1)
	assert.Equal(t, "2024-01-19T00:00:00.000000", metrics.LabeledRanges[0].Start)

	v := waitVersion(t, a, "pump-model", 1)
	assert.Equal(t, lookout.ModelVersionSourceTypeTraining, v.SourceType)
	assert.Equal(t, d.ModelMetrics, v.ModelMetrics)

	tm, err := a.svc.active(ctx, "pump-model")
	require.NoError(t, err)
	require.NotNil(t, tm.Detector)
	assert.Equal(t, []string{`pump\a`, `pump\b`, `pump\c`}, tm.Detector.Sensors())
	assert.Equal(t, 10*time.Minute, tm.Rate)
	require.Len(t, tm.Components, 1)
	assert.Equal(t, []string{"a", "b", "c"}, tm.Components[0].Sensors)
	again, err := a.svc.active(ctx, "pump-model")
	require.NoError(t, err)
	assert.Same(t, tm.Detector, again.Detector, "the detector is loaded once")

	tags, err := a.svc.ListTagsForResource(ctx, &lookout.ListTagsForResourceRequest{ResourceArn: resp.ModelArn})
	require.NoError(t, err)
	require.Len(t, tags.Tags, 1)
	assert.Equal(t, "team", tags.Tags[0].Key)
}

func TestModelTrainingFails(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		data   fakeData
		req    func(*lookout.CreateModelRequest)
		reason string
	}{
		{name: "13 days", data: fakeData{days: 13}, req: func(r *lookout.CreateModelRequest) {
			r.TrainingDataEndTime, r.EvaluationDataStartTime, r.EvaluationDataEndTime = ts(13), nil, nil
		}, reason: " of data, at least 14.00 days are needed; give a training range (TrainingDataStartTime, TrainingDataEndTime)"},
		{name: "a sensor without a valid value", data: fakeData{days: 21, dead: `pump\b`}, reason: `Sensor pump\b has no valid value in the training range; leave it out`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := newModelApp(t, testConfig(), tt.data)
			req := modelRequest("m")
			if tt.req != nil {
				tt.req(req)
			}
			_, err := a.svc.CreateModel(context.Background(), req)
			require.NoError(t, err)
			d := waitModel(t, a, "m")
			assert.Equal(t, lookout.ModelStatusFailed, d.Status)
			assert.Contains(t, d.FailedReason, tt.reason)
			assert.Nil(t, d.ActiveModelVersion)
		})
	}
}

func TestCreateModelRefused(t *testing.T) {
	t.Parallel()
	a := newModelApp(t, testConfig(), fakeData{block: true})
	ctx := context.Background()
	_, _, err := a.st.CreateDataset(ctx, store.NewDataset{Name: "idle"})
	require.NoError(t, err)
	tests := []struct {
		name string
		req  func(*lookout.CreateModelRequest)
		want func(*testing.T, error)
	}{
		{"no dataset", func(r *lookout.CreateModelRequest) { r.DatasetName = "nope" }, func(t *testing.T, err error) {
			exception[*lookout.ResourceNotFoundException](t, err)
		}},
		{"dataset not active", func(r *lookout.CreateModelRequest) { r.DatasetName = "idle" }, func(t *testing.T, err error) {
			assert.Contains(t, exception[*lookout.ValidationException](t, err).Message, "CREATED")
		}},
		{"schema beyond the dataset's", func(r *lookout.CreateModelRequest) {
			r.DatasetSchema = &lookout.DatasetSchema{InlineDataSchema: strings.Replace(modelSchemaDoc, `"c"`, `"z"`, 1)}
		}, func(t *testing.T, err error) {
			assert.Contains(t, exception[*lookout.ValidationException](t, err).Message, `sensor pump\z`)
		}},
		{"off condition unreadable", func(r *lookout.CreateModelRequest) { r.OffCondition = `pump\a = 3` }, func(t *testing.T, err error) {
			exception[*lookout.ValidationException](t, err)
		}},
		{"off condition on another sensor", func(r *lookout.CreateModelRequest) { r.OffCondition = `pump\q < 3` }, func(t *testing.T, err error) {
			assert.Contains(t, exception[*lookout.ValidationException](t, err).Message, `pump\q`)
		}},
		{"no label group", func(r *lookout.CreateModelRequest) {
			r.LabelsInputConfiguration = &lookout.LabelsInputConfiguration{LabelGroupName: "missing"}
		}, func(t *testing.T, err error) {
			exception[*lookout.ResourceNotFoundException](t, err)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := modelRequest("refused")
			tt.req(req)
			_, err := a.svc.CreateModel(ctx, req)
			tt.want(t, err)
		})
	}
	_, err = a.svc.DescribeModel(ctx, &lookout.DescribeModelRequest{ModelName: "refused"})
	exception[*lookout.ResourceNotFoundException](t, err)
}

func TestModelConflicts(t *testing.T) {
	t.Parallel()
	a := newModelApp(t, testConfig(), fakeData{block: true})
	ctx := context.Background()
	_, _, err := a.st.CreateLabelGroup(ctx, store.NewLabelGroup{Name: "faults"})
	require.NoError(t, err)
	req := modelRequest("busy")
	req.LabelsInputConfiguration = &lookout.LabelsInputConfiguration{LabelGroupName: "faults"}
	first, err := a.svc.CreateModel(ctx, req)
	require.NoError(t, err)

	replay, err := a.svc.CreateModel(ctx, req)
	require.NoError(t, err, "the same token and request replay")
	assert.Equal(t, first.ModelArn, replay.ModelArn)
	other := *req
	other.TrainingDataEndTime = ts(18)
	_, err = a.svc.CreateModel(ctx, &other)
	assert.Contains(t, exception[*lookout.ConflictException](t, err).Message, "ClientToken")
	other = *req
	other.ClientToken = "another"
	_, err = a.svc.CreateModel(ctx, &other)
	assert.Contains(t, exception[*lookout.ConflictException](t, err).Message, "already exists")

	_, err = a.svc.DeleteModel(ctx, &lookout.DeleteModelRequest{ModelName: "busy"})
	exception[*lookout.ConflictException](t, err)
	_, err = a.svc.DeleteDataset(ctx, &lookout.DeleteDatasetRequest{DatasetName: "plant"})
	assert.Contains(t, exception[*lookout.ConflictException](t, err).Message, "model busy")
	_, err = a.svc.DeleteLabelGroup(ctx, &lookout.DeleteLabelGroupRequest{LabelGroupName: "faults"})
	assert.Contains(t, exception[*lookout.ConflictException](t, err).Message, "model busy")
	_, err = a.svc.retrain(ctx, "busy", dataStart, dataStart.Add(20*24*time.Hour), lookout.ModelPromoteModeManaged)
	var cf *store.ConflictError
	assert.ErrorAs(t, err, &cf)

	for _, name := range []string{"nope"} {
		_, err = a.svc.DeleteModel(ctx, &lookout.DeleteModelRequest{ModelName: name})
		exception[*lookout.ResourceNotFoundException](t, err)
		_, err = a.svc.DescribeModelVersion(ctx, &lookout.DescribeModelVersionRequest{ModelName: name, ModelVersion: new(int64(1))})
		exception[*lookout.ResourceNotFoundException](t, err)
		_, err = a.svc.active(ctx, name)
		var nf *store.NotFoundError
		assert.ErrorAs(t, err, &nf)
	}
	_, err = a.svc.DescribeModelVersion(ctx, &lookout.DescribeModelVersionRequest{ModelName: "busy", ModelVersion: new(int64(2))})
	assert.Contains(t, exception[*lookout.ResourceNotFoundException](t, err).Message, "Version 2 of model busy")
}

func TestListModelsPages(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.maxModels = 5
	a := newModelApp(t, cfg, fakeData{block: true})
	ctx := context.Background()
	activeDataset(t, a, "other")
	for _, n := range []string{"m3", "m1", "m2", "x1"} {
		_, err := a.svc.CreateModel(ctx, modelRequest(n))
		require.NoError(t, err)
	}
	r := modelRequest("y1")
	r.DatasetName = "other"
	_, err := a.svc.CreateModel(ctx, r)
	require.NoError(t, err)
	_, err = a.svc.CreateModel(ctx, modelRequest("z1"))
	exception[*lookout.ServiceQuotaExceededException](t, err)

	list := func(req *lookout.ListModelsRequest) []string {
		var names []string
		for {
			resp, err := a.svc.ListModels(ctx, req)
			require.NoError(t, err)
			require.LessOrEqual(t, len(resp.ModelSummaries), 2)
			for _, m := range resp.ModelSummaries {
				names = append(names, m.ModelName)
			}
			if resp.NextToken == nil {
				return names
			}
			req.NextToken = resp.NextToken
		}
	}
	two := new(int32(2))
	assert.Equal(t, []string{"m1", "m2", "m3", "x1", "y1"}, list(&lookout.ListModelsRequest{MaxResults: two}))
	assert.Equal(t, []string{"m1", "m2", "m3"}, list(&lookout.ListModelsRequest{MaxResults: two, ModelNameBeginsWith: "m"}))
	assert.Equal(t, []string{"y1"}, list(&lookout.ListModelsRequest{MaxResults: two, DatasetNameBeginsWith: "oth"}))
	assert.Empty(t, list(&lookout.ListModelsRequest{MaxResults: two, Status: lookout.ModelStatusSuccess}))

	resp, err := a.svc.ListModels(ctx, &lookout.ListModelsRequest{MaxResults: two})
	require.NoError(t, err)
	_, err = a.svc.ListModels(ctx, &lookout.ListModelsRequest{MaxResults: two, ModelNameBeginsWith: "m", NextToken: resp.NextToken})
	exception[*lookout.ValidationException](t, err)
}

func TestTrainingResumesAfterRestart(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.db = filepath.Join(t.TempDir(), "lookout.db")
	cfg.data = fakeData{block: true}
	first, err := newApp(context.Background(), cfg, discardLogger(), nil)
	require.NoError(t, err)
	activeDataset(t, first, "plant")
	_, err = first.svc.CreateModel(context.Background(), modelRequest("resumed"))
	require.NoError(t, err)
	require.NoError(t, first.close())

	cfg.data = fakeData{days: 21}
	second := newTestAppLogging(t, cfg, discardLogger(), nil)
	d := waitModel(t, second, "resumed")
	assert.Equal(t, lookout.ModelStatusSuccess, d.Status, d.FailedReason)
}

func TestModelVersions(t *testing.T) {
	t.Parallel()
	a := newModelApp(t, testConfig(), fakeData{days: 21})
	ctx := context.Background()
	_, err := a.svc.CreateModel(ctx, modelRequest("m"))
	require.NoError(t, err)
	require.Equal(t, lookout.ModelStatusSuccess, waitModel(t, a, "m").Status)

	n, err := a.svc.retrain(ctx, "m", dataStart, dataStart.Add(16*24*time.Hour), lookout.ModelPromoteModeManual)
	require.NoError(t, err)
	assert.Equal(t, int64(2), n)
	v2 := waitVersion(t, a, "m", 2)
	assert.Equal(t, lookout.ModelVersionStatusSuccess, v2.Status, v2.FailedReason)
	assert.Equal(t, lookout.ModelVersionSourceTypeRetraining, v2.SourceType)
	assert.Equal(t, lookout.AutoPromotionResultModelNotPromoted, v2.AutoPromotionResult)
	n, err = a.svc.retrain(ctx, "m", dataStart, dataStart.Add(10*24*time.Hour), lookout.ModelPromoteModeManaged)
	require.NoError(t, err)
	v3 := waitVersion(t, a, "m", n)
	assert.Equal(t, lookout.ModelVersionStatusFailed, v3.Status)

	d := waitModel(t, a, "m")
	assert.Equal(t, int64(1), *d.ActiveModelVersion, "MANUAL promotes nothing")
	up, err := a.svc.UpdateActiveModelVersion(ctx, &lookout.UpdateActiveModelVersionRequest{ModelName: "m", ModelVersion: new(int64(2))})
	require.NoError(t, err)
	assert.Equal(t, int64(2), *up.CurrentActiveVersion)
	assert.Equal(t, int64(1), *up.PreviousActiveVersion)
	assert.Equal(t, d.ModelArn+"/model-version/1", up.PreviousActiveVersionArn)
	d = waitModel(t, a, "m")
	assert.Equal(t, int64(2), *d.ActiveModelVersion)
	assert.Equal(t, int64(1), *d.PreviousActiveModelVersion)
	_, err = a.svc.UpdateActiveModelVersion(ctx, &lookout.UpdateActiveModelVersionRequest{ModelName: "m", ModelVersion: new(int64(3))})
	assert.Contains(t, exception[*lookout.ValidationException](t, err).Message, "FAILED")
	_, err = a.svc.UpdateActiveModelVersion(ctx, &lookout.UpdateActiveModelVersionRequest{ModelName: "m", ModelVersion: new(int64(9))})
	exception[*lookout.ResourceNotFoundException](t, err)

	versions := func(req *lookout.ListModelVersionsRequest) []int64 {
		var out []int64
		for {
			resp, err := a.svc.ListModelVersions(ctx, req)
			require.NoError(t, err)
			for _, v := range resp.ModelVersionSummaries {
				out = append(out, *v.ModelVersion)
			}
			if resp.NextToken == nil {
				return out
			}
			req.NextToken = resp.NextToken
		}
	}
	one := new(int32(1))
	assert.Equal(t, []int64{1, 2, 3}, versions(&lookout.ListModelVersionsRequest{ModelName: "m", MaxResults: one}))
	assert.Equal(t, []int64{1, 2}, versions(&lookout.ListModelVersionsRequest{ModelName: "m", Status: lookout.ModelVersionStatusSuccess}))
	assert.Equal(t, []int64{2, 3}, versions(&lookout.ListModelVersionsRequest{ModelName: "m", SourceType: lookout.ModelVersionSourceTypeRetraining}))
	assert.Equal(t, []int64{2}, versions(&lookout.ListModelVersionsRequest{ModelName: "m", MinModelVersion: new(int64(2)), MaxModelVersion: new(int64(2))}))

	imp, err := a.svc.ImportModelVersion(ctx, &lookout.ImportModelVersionRequest{ClientToken: "imp", DatasetName: "plant",
		ModelName: "copy", SourceModelVersionArn: d.ModelArn + "/model-version/2"})
	require.NoError(t, err)
	assert.Equal(t, lookout.ModelVersionStatusImportInProgress, imp.Status)
	c := waitModel(t, a, "copy")
	assert.Equal(t, lookout.ModelStatusSuccess, c.Status, c.FailedReason)
	assert.Equal(t, d.ModelArn+"/model-version/2", c.SourceModelVersionArn)
	_, err = a.svc.ImportModelVersion(ctx, &lookout.ImportModelVersionRequest{ClientToken: "imp2", DatasetName: "plant",
		ModelName: "copy2", SourceModelVersionArn: d.ModelArn + "/model-version/7"})
	exception[*lookout.ResourceNotFoundException](t, err)

	// ClientToken: a replay, into the model it made or into one that
	// existed, returns the version it made; the token with other
	// parameters is a ConflictException.
	again, err := a.svc.ImportModelVersion(ctx, &lookout.ImportModelVersionRequest{ClientToken: "imp", DatasetName: "plant",
		ModelName: "copy", SourceModelVersionArn: d.ModelArn + "/model-version/2"})
	require.NoError(t, err)
	assert.Equal(t, imp.ModelVersionArn, again.ModelVersionArn)
	assert.Equal(t, lookout.ModelVersionStatusSuccess, again.Status)
	into := &lookout.ImportModelVersionRequest{ClientToken: "imp3", ModelName: "copy", SourceModelVersionArn: d.ModelArn + "/model-version/1"}
	second, err := a.svc.ImportModelVersion(ctx, into)
	require.NoError(t, err)
	assert.Equal(t, int64(2), *second.ModelVersion, "a version added to the existing model")
	waitVersion(t, a, "copy", 2)
	replayed, err := a.svc.ImportModelVersion(ctx, into)
	require.NoError(t, err)
	assert.Equal(t, second.ModelVersionArn, replayed.ModelVersionArn)
	assert.Equal(t, []int64{1, 2}, versions(&lookout.ListModelVersionsRequest{ModelName: "copy"}), "the replay added none")
	into.SourceModelVersionArn = d.ModelArn + "/model-version/2"
	_, err = a.svc.ImportModelVersion(ctx, into)
	exception[*lookout.ConflictException](t, err)

	// The strategy of the latest import becomes the model's, its label
	// group and the rest of its configuration kept.
	strategy := func(model string) lookout.InferenceDataImportStrategy {
		m, err := a.svc.st.Model(ctx, model)
		require.NoError(t, err)
		cfg, err := decodeModelConfig(m.Config)
		require.NoError(t, err)
		return cfg.InferenceImport
	}
	before, err := a.svc.st.Model(ctx, "copy")
	require.NoError(t, err)
	for i, st := range []lookout.InferenceDataImportStrategy{lookout.InferenceDataImportStrategyOverwrite,
		lookout.InferenceDataImportStrategyAddWhenEmpty, lookout.InferenceDataImportStrategyNoImport, ""} {
		r, err := a.svc.ImportModelVersion(ctx, &lookout.ImportModelVersionRequest{ClientToken: fmt.Sprintf("imp-s%d", i), ModelName: "copy",
			SourceModelVersionArn: d.ModelArn + "/model-version/1", InferenceDataImportStrategy: st})
		require.NoError(t, err, st)
		waitVersion(t, a, "copy", *r.ModelVersion)
		want := st
		if st == lookout.InferenceDataImportStrategyNoImport {
			want = ""
		}
		assert.Equal(t, want, strategy("copy"), st)
	}
	after, err := a.svc.st.Model(ctx, "copy")
	require.NoError(t, err)
	assert.Equal(t, before.LabelGroup, after.LabelGroup)
	_, err = a.svc.ImportModelVersion(ctx, &lookout.ImportModelVersionRequest{ClientToken: "imp-new", ModelName: "copy-2",
		SourceModelVersionArn: d.ModelArn + "/model-version/1", InferenceDataImportStrategy: lookout.InferenceDataImportStrategyAddWhenEmpty})
	require.NoError(t, err)
	assert.Equal(t, lookout.InferenceDataImportStrategyAddWhenEmpty, strategy("copy-2"), "into a new model")
}

func TestModelTagsAndPolicies(t *testing.T) {
	t.Parallel()
	a := newModelApp(t, testConfig(), fakeData{days: 21})
	ctx := context.Background()
	resp, err := a.svc.CreateModel(ctx, modelRequest("m"))
	require.NoError(t, err)
	require.Equal(t, lookout.ModelStatusSuccess, waitModel(t, a, "m").Status)
	version := resp.ModelArn + "/model-version/1"
	_, err = a.svc.TagResource(ctx, &lookout.TagResourceRequest{ResourceArn: resp.ModelArn, Tags: []lookout.Tag{{Key: "k", Value: new("v")}}})
	require.NoError(t, err)
	for _, arn := range []string{resp.ModelArn, version} {
		_, err = a.svc.PutResourcePolicy(ctx, &lookout.PutResourcePolicyRequest{ResourceArn: arn, ResourcePolicy: `{"Version":"2012-10-17"}`, ClientToken: "p" + arn[len(arn)-3:]})
		require.NoError(t, err)
		_, err = a.svc.DescribeResourcePolicy(ctx, &lookout.DescribeResourcePolicyRequest{ResourceArn: arn})
		require.NoError(t, err)
	}
	_, err = a.svc.PutResourcePolicy(ctx, &lookout.PutResourcePolicyRequest{ResourceArn: resp.ModelArn + "/model-version/5", ResourcePolicy: `{}`, ClientToken: "p5"})
	exception[*lookout.ResourceNotFoundException](t, err)

	_, err = a.svc.DeleteModel(ctx, &lookout.DeleteModelRequest{ModelName: "m"})
	require.NoError(t, err)
	for _, arn := range []string{resp.ModelArn, version} {
		_, err = a.svc.ListTagsForResource(ctx, &lookout.ListTagsForResourceRequest{ResourceArn: arn})
		exception[*lookout.ResourceNotFoundException](t, err)
	}
	// A model made again under the name has none of the old one's.
	_, err = a.svc.CreateModel(ctx, modelRequest("m"))
	require.NoError(t, err)
	m, err := a.st.Model(ctx, "m")
	require.NoError(t, err)
	tags, err := a.st.Tags(ctx, m.ARN)
	require.NoError(t, err)
	assert.Empty(t, tags)
}

func TestModelDiagnosticsWritten(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "out"), 0o755))
	cfg := testConfig()
	cfg.src = dirSources{dir: dir}
	a := newModelApp(t, cfg, fakeData{days: 21})
	ctx := context.Background()
	req := modelRequest("m")
	req.OffCondition = `pump\c < 4.5`
	req.ModelDiagnosticsOutputConfiguration = &lookout.ModelDiagnosticsOutputConfiguration{
		S3OutputConfiguration: &lookout.ModelDiagnosticsS3OutputConfiguration{Bucket: "out", Prefix: new("diag/")}}
	_, err := a.svc.CreateModel(ctx, req)
	require.NoError(t, err)
	d := waitModel(t, a, "m")
	require.Equal(t, lookout.ModelStatusSuccess, d.Status, d.FailedReason)
	f, err := os.Open(filepath.Join(dir, "out", "diag", diagnosticsName))
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	body, err := io.ReadAll(zr)
	require.NoError(t, err)
	lines := bytes.Split(bytes.TrimSuffix(body, []byte("\n")), []byte("\n"))
	assert.Equal(t, 3*144+1, len(lines), "one line per grid point of the evaluation range")
	off := 0
	for _, l := range lines {
		var r struct {
			Reason string `json:"prediction_reason"`
		}
		require.NoError(t, json.Unmarshal(l, &r), string(l))
		if r.Reason == "MACHINE_OFF" {
			off++
		}
	}
	assert.Positive(t, off, "the off condition holds somewhere")
	v := waitVersion(t, a, "m", 1)
	require.NotNil(t, v.ModelDiagnosticsResultsObject)
	assert.Equal(t, "diag/"+diagnosticsName, v.ModelDiagnosticsResultsObject.Key)

	_, err = a.svc.CreateModel(ctx, &lookout.CreateModelRequest{ModelName: "nobucket", DatasetName: "plant", ClientToken: "nb",
		TrainingDataEndTime: ts(17), EvaluationDataStartTime: ts(17), EvaluationDataEndTime: ts(18),
		ModelDiagnosticsOutputConfiguration: &lookout.ModelDiagnosticsOutputConfiguration{
			S3OutputConfiguration: &lookout.ModelDiagnosticsS3OutputConfiguration{Bucket: "missing"}}})
	require.NoError(t, err)
	nb := waitModel(t, a, "nobucket")
	assert.Equal(t, lookout.ModelStatusFailed, nb.Status)
	assert.Contains(t, nb.FailedReason, "s3://missing/")
}
