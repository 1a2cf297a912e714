package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/inference"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// diagnosticsName is the object a training with
// ModelDiagnosticsOutputConfiguration writes under its prefix.
const diagnosticsName = "model_diagnostics_results.json.gz"

// versionKey names a model version to train.
type versionKey struct {
	model   string
	version int64
}

// trainer runs the trainings of model versions: at most workers at once,
// in the order they were queued. Stopping it interrupts the trainings
// running: their versions stay IN_PROGRESS in the store, to run again
// when the server starts again.
type trainer struct {
	svc     *service
	log     *slog.Logger
	workers int

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	pending []versionKey
	wake    chan struct{}
}

func newTrainer(svc *service, workers int, log *slog.Logger) *trainer {
	ctx, cancel := context.WithCancel(context.Background())
	return &trainer{svc: svc, log: log, workers: max(workers, 1), ctx: ctx, cancel: cancel, wake: make(chan struct{}, 1)}
}

// start queues the versions that were IN_PROGRESS (or IMPORT_IN_PROGRESS)
// when the server stopped and starts the workers.
func (t *trainer) start(ctx context.Context) error {
	list, err := t.svc.st.TrainingsInProgress(ctx)
	if err != nil {
		return err
	}
	for _, v := range list {
		t.enqueue(v.Model, v.Version)
	}
	if len(list) > 0 {
		t.log.Info("resuming the trainings that were running", "trainings", len(list))
	}
	for range t.workers {
		t.wg.Add(1)
		go t.work()
	}
	return nil
}

// enqueue queues version n of the model named.
func (t *trainer) enqueue(model string, n int64) {
	t.mu.Lock()
	t.pending = append(t.pending, versionKey{model, n})
	t.mu.Unlock()
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// next returns the next version to train, or false once stopped.
func (t *trainer) next() (versionKey, bool) {
	for {
		t.mu.Lock()
		if len(t.pending) > 0 {
			k := t.pending[0]
			t.pending = t.pending[1:]
			more := len(t.pending) > 0
			t.mu.Unlock()
			if more {
				select {
				case t.wake <- struct{}{}:
				default:
				}
			}
			return k, true
		}
		t.mu.Unlock()
		select {
		case <-t.wake:
		case <-t.ctx.Done():
			return versionKey{}, false
		}
	}
}

// stop interrupts the trainings running and waits for the workers.
func (t *trainer) stop() {
	t.cancel()
	t.wg.Wait()
}

func (t *trainer) work() {
	defer t.wg.Done()
	for {
		k, ok := t.next()
		if !ok {
			return
		}
		t.run(k)
	}
}

// run trains one version and stores its outcome. An error that is not the
// training's (the store failing, the server stopping) leaves the version
// IN_PROGRESS; a panic fails it, so that it does not stop the server each
// time it runs again.
func (t *trainer) run(k versionKey) {
	start := time.Now()
	out, err := t.safeTrain(k)
	if t.ctx.Err() != nil {
		t.log.Info("training interrupted; it runs again at the next start", "model", k.model, "version", k.version)
		return
	}
	var nf *store.NotFoundError
	if errors.As(err, &nf) {
		return // deleted meanwhile
	}
	if err != nil {
		t.log.Error("training could not run", "model", k.model, "version", k.version, "error", err)
		return
	}
	if out == nil {
		return // already finished
	}
	err = t.svc.st.FinishVersion(t.ctx, k.model, k.version, *out)
	if err != nil && !errors.As(err, &nf) {
		var cf *store.ConflictError
		if !errors.As(err, &cf) {
			t.log.Error("training outcome not stored", "model", k.model, "version", k.version, "error", err)
		}
		return
	}
	t.log.Info("training finished", "model", k.model, "version", k.version, "status", out.Status,
		"failed_reason", logValue(out.FailedReason), "duration", time.Since(start))
}

// safeTrain is train, a panic turned into a failed outcome.
func (t *trainer) safeTrain(k versionKey) (out *store.VersionOutcome, err error) {
	defer func() {
		if p := recover(); p != nil {
			t.log.Error("panic while training; the training fails", "model", k.model, "version", k.version,
				"panic", logValue(fmt.Sprint(p)), "stack", string(debug.Stack()))
			out, err = trainingFailed("the model could not be trained: internal error"), nil
		}
	}()
	return t.train(k)
}

// trainingFailed is the outcome of a training that failed for reason.
func trainingFailed(reason string) *store.VersionOutcome {
	return &store.VersionOutcome{Status: store.ModelFailed, FailedReason: reason}
}

// train trains version k and returns its outcome (nil when it is not in
// progress).
func (t *trainer) train(k versionKey) (*store.VersionOutcome, error) {
	ctx := t.ctx
	st := t.svc.st
	v, err := st.ModelVersion(ctx, k.model, k.version)
	if err != nil {
		return nil, err
	}
	if v.Status != store.ModelInProgress && v.Status != store.ModelImportInProgress {
		return nil, nil
	}
	if v.SourceType == store.SourceImport {
		return t.importVersion(ctx, v)
	}
	cfg, err := decodeModelConfig(v.Config)
	if err != nil {
		return nil, err
	}
	if t.svc.data == nil {
		return trainingFailed("the dataset's data is not available to training on this endpoint"), nil
	}
	sensors, _, err := schemaSensors(cfg.Schema)
	if err != nil {
		return trainingFailed("the model's schema is unusable: " + err.Error()), nil
	}
	series, fail, err := t.read(ctx, v.Dataset, sensors, cfg.TrainingStart, cfg.TrainingEnd)
	if fail != nil || err != nil {
		return fail, err
	}
	if v.SourceType == store.SourceRetraining && importsInference(cfg.InferenceImport) &&
		cfg.TrainingStart != nil && cfg.TrainingEnd != nil {
		models := []string{v.Model}
		if f := cfg.InferenceImportFrom; f != "" && f != v.Model {
			models = append(models, f)
		}
		add, err := t.inferenceRows(ctx, models, sensors, *cfg.TrainingStart, *cfg.TrainingEnd)
		if err != nil {
			return nil, err
		}
		var rows int
		for j := range series {
			rows = max(rows, len(add[j].Times))
			series[j] = mergeRows(series[j], add[j], cfg.InferenceImport)
		}
		t.log.Info("retraining: inference data added", "model", v.Model, "version", v.Version,
			"strategy", string(cfg.InferenceImport), "rows", rows)
	}
	rate, fail := rateOf(cfg.Rate, series)
	if fail != nil {
		return fail, nil
	}
	from, to := bounds(series, cfg.TrainingStart, cfg.TrainingEnd)
	frame, err := detect.Resample(series, from, to, rate)
	if err != nil {
		return trainingFailed("the training data could not be put on a grid: " + err.Error()), nil
	}
	labels, fail, err := t.labels(ctx, cfg)
	if fail != nil || err != nil {
		return fail, err
	}
	var off *detect.OffCondition
	if cfg.OffCondition != "" {
		if off, err = detect.ParseOffCondition(cfg.OffCondition); err != nil {
			return trainingFailed("OffCondition: " + err.Error()), nil
		}
	}
	exclude := frame.Overlapping(labels.excluded)
	if off != nil {
		mask, err := off.Mask(frame)
		if err != nil {
			return trainingFailed("OffCondition: " + err.Error()), nil
		}
		for i, m := range mask {
			exclude[i] = exclude[i] || m
		}
	}
	model, err := detect.Train(frame, detect.Options{Exclude: exclude})
	if err != nil {
		return trainingFailed(trainReason(err)), nil
	}
	metrics := detect.Metrics{LabeledRanges: []detect.Label{}, PredictedRanges: []detect.Range{}}
	if cfg.EvaluationStart != nil && cfg.EvaluationEnd != nil {
		m, fail, err := t.evaluate(ctx, v, cfg, model, off, labels.anomalies)
		if fail != nil || err != nil {
			return fail, err
		}
		metrics = m
	}
	doc, err := metrics.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var saved bytes.Buffer
	if err := model.Save(&saved); err != nil {
		return nil, err
	}
	out := &store.VersionOutcome{Status: store.ModelSuccess, Metrics: string(doc), Detector: saved.Bytes()}
	if v.SourceType == store.SourceRetraining {
		promote, err := t.promote(ctx, v, metrics)
		if err != nil {
			return nil, err
		}
		out.Promote = promote
		out.Promotion = string(lookout.AutoPromotionResultModelNotPromoted)
		if promote {
			out.Promotion = string(lookout.AutoPromotionResultModelPromoted)
		}
	}
	return out, nil
}

// read returns the dataset's series of the sensors named, in their order,
// over [from, to]; a sensor the data lacks fails the training.
func (t *trainer) read(ctx context.Context, dataset string, sensors []string, from, to *time.Time) ([]detect.Series, *store.VersionOutcome, error) {
	var f, e time.Time
	if from != nil {
		f = *from
	}
	if to != nil {
		e = *to
	}
	all, err := t.svc.data.series(ctx, dataset, f, e)
	var nf *store.NotFoundError
	if errors.As(err, &nf) {
		return nil, trainingFailed("Dataset " + dataset + " holds no data: ingest data into it first"), nil
	}
	if err != nil {
		return nil, nil, err
	}
	byName := make(map[string]detect.Series, len(all))
	for _, s := range all {
		byName[s.Sensor] = s
	}
	out := make([]detect.Series, 0, len(sensors))
	for _, name := range sensors {
		s, ok := byName[name]
		if !ok {
			return nil, trainingFailed("the dataset's data has no sensor " + name + ", which the model's schema lists"), nil
		}
		out = append(out, s)
	}
	return out, nil, nil
}

// rateOf is the grid's rate: the TargetSamplingRate given, or
// detect.PickRate's.
func rateOf(rate lookout.TargetSamplingRate, series []detect.Series) (time.Duration, *store.VersionOutcome) {
	if rate != "" {
		d, err := time.ParseDuration(strings.ToLower(strings.TrimPrefix(string(rate), "PT")))
		if err != nil {
			return 0, trainingFailed("TargetSamplingRate " + string(rate) + " is not a rate")
		}
		return d, nil
	}
	d, err := detect.PickRate(series)
	if err != nil {
		return 0, trainingFailed("the training range holds too little data to choose a sampling rate: " + err.Error())
	}
	return d, nil
}

// bounds is the range of the grid: the range given, or the data's first
// and last times (Unix nanoseconds in a Series) where it is open.
func bounds(series []detect.Series, from, to *time.Time) (time.Time, time.Time) {
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for _, s := range series {
		if len(s.Times) > 0 {
			lo, hi = min(lo, s.Times[0]), max(hi, s.Times[len(s.Times)-1])
		}
	}
	var f, e time.Time
	if lo <= hi {
		f, e = time.Unix(0, lo).UTC(), time.Unix(0, hi).UTC()
	}
	if from != nil {
		f = *from
	}
	if to != nil {
		e = *to
	}
	return f, e
}

// trainReason is the FailedReason of an error of detect.Train: what a
// person can do about it.
func trainReason(err error) string {
	var (
		little *detect.TooLittleDataError
		none   *detect.NoValidValueError
		frame  *detect.FrameError
	)
	inDays := func(d time.Duration) string { return strconv.FormatFloat(d.Hours()/24, 'f', 2, 64) + " days" }
	switch {
	case errors.As(err, &little) && little.Span < detect.MinTrainingSpan:
		return "Not enough training data: the training range holds " + inDays(little.Span) + " of data, at least " +
			inDays(detect.MinTrainingSpan) + " are needed; give a training range (TrainingDataStartTime, " +
			"TrainingDataEndTime) over at least " + inDays(detect.MinTrainingSpan) + " of the dataset's data"
	case errors.As(err, &little):
		reason := "Not enough training data: " + inDays(little.Kept) + " of the " + inDays(little.Span) +
			" of the training range remain once labelled ranges, off times and incomplete rows are left out, at least " +
			inDays(detect.MinKeptSpan) + " are needed"
		if little.Late != "" {
			reason += " (sensor " + little.Late + " has no valid value before " +
				time.Unix(little.First, 0).UTC().Format(time.RFC3339) + ")"
		}
		return reason + "; widen the training range, or label less of it"
	case errors.As(err, &none):
		where := "in the training range"
		if none.Anywhere {
			where = "in the training rows kept (its values all fall in labelled ranges or off times)"
		}
		return "Sensor " + none.Sensor + " has no valid value " + where +
			"; leave it out of the model's DatasetSchema or train on a range where it reads"
	case errors.As(err, &frame):
		return "The training data is unusable: " + frame.Error()
	}
	return "The model could not be trained: " + err.Error()
}

// labelSet are a model's labelled ranges: those left out of training
// (ANOMALY and NEUTRAL) and those evaluation compares with (ANOMALY).
type labelSet struct {
	excluded, anomalies []detect.Label
}

// labels reads the model's labels from its label group or its bucket.
func (t *trainer) labels(ctx context.Context, cfg modelConfig) (labelSet, *store.VersionOutcome, error) {
	var set labelSet
	add := func(start, end time.Time, rating string) {
		l := detect.Label{Start: start.Unix(), End: end.Unix()}
		switch lookout.LabelRating(rating) {
		case lookout.LabelRatingAnomaly:
			set.excluded, set.anomalies = append(set.excluded, l), append(set.anomalies, l)
		case lookout.LabelRatingNeutral:
			set.excluded = append(set.excluded, l)
		}
	}
	if cfg.Labels == nil {
		return set, nil, nil
	}
	if g := cfg.Labels.LabelGroupName; g != "" {
		p := store.Page{Limit: store.MaxPageSize}
		for {
			list, next, err := t.svc.st.ListLabels(ctx, store.LabelFilter{Group: g}, p)
			if err != nil {
				return set, nil, err
			}
			for _, l := range list {
				add(l.Start, l.End, l.Rating)
			}
			if next == "" {
				return set, nil, nil
			}
			p.Token = next
		}
	}
	s3 := cfg.Labels.S3InputConfiguration
	if s3 == nil || t.svc.run == nil || t.svc.run.src == nil {
		return set, nil, nil
	}
	src := t.svc.run.src.bucket(s3.Bucket)
	if c, ok := src.(io.Closer); ok {
		defer c.Close()
	}
	var keys []string
	err := src.List(ctx, deref(s3.Prefix), func(o ingest.Object) error {
		if o.Type == 0 && strings.HasSuffix(o.Key, ".csv") {
			keys = append(keys, o.Key)
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return set, nil, ctx.Err()
		}
		return set, trainingFailed("the labels could not be listed in s3://" + s3.Bucket + "/" + deref(s3.Prefix) + ": " + err.Error()), nil
	}
	for _, key := range keys {
		if fail := readLabelFile(ctx, src, s3.Bucket, key, add); fail != nil {
			return set, fail, nil
		}
	}
	return set, nil, nil
}

// labelTimeLayouts are the forms a label file's times may take.
var labelTimeLayouts = []string{detect.TimeLayout, detect.TimeLayout + "Z", "2006-01-02T15:04:05", "2006-01-02T15:04:05Z", time.RFC3339Nano}

// parseLabelTime reads a label file's time.
func parseLabelTime(s string) (time.Time, bool) {
	for _, l := range labelTimeLayouts {
		if t, err := time.Parse(l, strings.TrimSpace(s)); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// readLabelFile reads the rows start,end[,rating[,fault_code[,equipment]]]
// of one label file; a row that does not read fails the training, naming
// the object and the row.
func readLabelFile(ctx context.Context, src ingest.Source, bucket, key string, add func(start, end time.Time, rating string)) *store.VersionOutcome {
	rc, err := src.Open(ctx, key, 0, -1)
	if err != nil {
		return trainingFailed("the label file s3://" + bucket + "/" + key + " could not be read: " + err.Error())
	}
	defer rc.Close()
	r := csv.NewReader(bufio.NewReader(rc))
	r.FieldsPerRecord = -1
	for row := 1; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		where := fmt.Sprintf("the label file s3://%s/%s, row %d: ", bucket, key, row)
		if err != nil {
			return trainingFailed(where + err.Error())
		}
		if len(rec) < 2 || len(rec) > 5 {
			return trainingFailed(where + "a row is start,end[,rating[,fault_code[,equipment]]]")
		}
		start, ok1 := parseLabelTime(rec[0])
		end, ok2 := parseLabelTime(rec[1])
		if !ok1 || !ok2 {
			return trainingFailed(where + "a time is not of the form " + detect.TimeLayout)
		}
		rating := string(lookout.LabelRatingAnomaly)
		if len(rec) > 2 && strings.TrimSpace(rec[2]) != "" {
			rating = strings.TrimSpace(rec[2])
			if !lookout.LabelRating(rating).IsKnown() {
				return trainingFailed(where + "the rating " + rating + " is not ANOMALY, NO_ANOMALY or NEUTRAL")
			}
		}
		add(start, end, rating)
	}
}

// evaluate scores the evaluation range and compares the predicted ranges
// with the ANOMALY labels; with ModelDiagnosticsOutputConfiguration it
// writes every row's result to the bucket.
func (t *trainer) evaluate(ctx context.Context, v store.ModelVersion, cfg modelConfig, model *detect.Model,
	off *detect.OffCondition, anomalies []detect.Label) (detect.Metrics, *store.VersionOutcome, error) {
	series, fail, err := t.read(ctx, v.Dataset, model.Sensors(), cfg.EvaluationStart, cfg.EvaluationEnd)
	if fail != nil || err != nil {
		if fail != nil {
			fail.FailedReason = "evaluation: " + fail.FailedReason
		}
		return detect.Metrics{}, fail, err
	}
	frame, err := detect.Resample(series, *cfg.EvaluationStart, *cfg.EvaluationEnd, time.Duration(model.Step())*time.Second)
	if err != nil {
		return detect.Metrics{}, trainingFailed("the evaluation data could not be put on a grid: " + err.Error()), nil
	}
	var offMask []bool
	if off != nil {
		if offMask, err = off.Mask(frame); err != nil {
			return detect.Metrics{}, trainingFailed("OffCondition: " + err.Error()), nil
		}
	}
	scorer := model.NewScorer()
	row := make([]float64, len(frame.Columns))
	var results []detect.Result
	var lines []byte
	diagnostics := cfg.Diagnostics != nil && cfg.Diagnostics.S3OutputConfiguration != nil
	for i := range frame.Rows() {
		if offMask != nil && offMask[i] {
			if diagnostics {
				lines = detect.AppendOffLine(lines, frame.Time(i))
			}
			continue
		}
		for j, c := range frame.Columns {
			row[j] = c[i]
		}
		var res detect.Result
		if err := scorer.Next(frame.Time(i), row, &res); err != nil {
			return detect.Metrics{}, trainingFailed("the evaluation data could not be scored: " + err.Error()), nil
		}
		results = append(results, res)
		if diagnostics {
			lines = detect.AppendResultLine(lines, res, model.Sensors())
		}
	}
	ranges := detect.Ranges(results, model.Sensors(), model.Step())
	m := detect.Evaluate(anomalies, ranges, cfg.EvaluationStart.Unix(), cfg.EvaluationEnd.Unix())
	if m.LabeledRanges == nil {
		m.LabeledRanges = []detect.Label{}
	}
	if m.PredictedRanges == nil {
		m.PredictedRanges = []detect.Range{}
	}
	if diagnostics {
		if fail := t.writeDiagnostics(ctx, cfg.Diagnostics.S3OutputConfiguration, lines); fail != nil {
			return detect.Metrics{}, fail, nil
		}
	}
	return m, nil, nil
}

// writeDiagnostics writes <Prefix>model_diagnostics_results.json.gz.
func (t *trainer) writeDiagnostics(ctx context.Context, out *lookout.ModelDiagnosticsS3OutputConfiguration, lines []byte) *store.VersionOutcome {
	dest := "s3://" + out.Bucket + "/" + deref(out.Prefix) + diagnosticsName
	if t.svc.out == nil {
		return trainingFailed("the model diagnostics could not be written to " + dest + ": this endpoint writes no bucket")
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(lines)
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = t.svc.out.put(ctx, out.Bucket, deref(out.Prefix)+diagnosticsName, buf.Bytes())
	}
	if err != nil {
		return trainingFailed("the model diagnostics could not be written to " + dest + ": " + err.Error())
	}
	return nil
}

// eventCounts are the counts of a stored ModelMetrics document that the
// MANAGED promotion rule compares.
type eventCounts struct {
	Labeled struct {
		Identified int `json:"num_identified"`
	} `json:"labeled_event_metrics"`
	Unknown struct {
		Identified int `json:"num_identified"`
	} `json:"unknown_event_metrics"`
}

// promote applies a retraining's promotion mode: MANAGED promotes a
// version whose evaluation identifies no fewer labelled ranges and no more
// unknown events than the active version's (any version when none is
// active); MANUAL never does.
func (t *trainer) promote(ctx context.Context, v store.ModelVersion, m detect.Metrics) (bool, error) {
	if v.Promote != string(lookout.ModelPromoteModeManaged) {
		return false, nil
	}
	model, err := t.svc.st.Model(ctx, v.Model)
	if err != nil {
		return false, err
	}
	if model.Active == 0 {
		return true, nil
	}
	active, err := t.svc.st.ModelVersion(ctx, v.Model, model.Active)
	if err != nil {
		return false, err
	}
	var c eventCounts
	if active.Metrics != "" {
		if err := json.Unmarshal([]byte(active.Metrics), &c); err != nil {
			return false, errors.New("stored model metrics unreadable: " + err.Error())
		}
	}
	return m.LabeledEvents.NumIdentified >= c.Labeled.Identified && m.UnknownEvents.NumIdentified <= c.Unknown.Identified, nil
}

// importVersion copies the source version's detector and metrics.
func (t *trainer) importVersion(ctx context.Context, v store.ModelVersion) (*store.VersionOutcome, error) {
	src, err := t.svc.st.VersionByARN(ctx, v.SourceARN)
	var nf *store.NotFoundError
	if errors.As(err, &nf) {
		return trainingFailed("the source model version " + v.SourceARN + " no longer exists"), nil
	}
	if err != nil {
		return nil, err
	}
	det, err := t.svc.st.Detector(ctx, src.Model, src.Version)
	if err != nil {
		return nil, err
	}
	if len(det) == 0 {
		return trainingFailed("the source model version " + v.SourceARN + " holds no trained model"), nil
	}
	return &store.VersionOutcome{Status: store.ModelSuccess, Metrics: src.Metrics, Detector: det}, nil
}

// detectorCache holds the detectors loaded for inference, by model
// version ARN: a version's detector never changes once stored.
type detectorCache struct {
	mu sync.Mutex
	m  map[string]*detect.Model
}

// get returns the cached detector of arn.
func (c *detectorCache) get(arn string) (*detect.Model, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.m[arn]
	return d, ok
}

// put caches d as the detector of arn.
func (c *detectorCache) put(arn string, d *detect.Model) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]*detect.Model)
	}
	c.m[arn] = d
}

// forget drops the detectors of the model named (deleted).
func (c *detectorCache) forget(model string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for arn := range c.m {
		if strings.Contains(arn, ":model/"+model+"/") {
			delete(c.m, arn)
		}
	}
}

// active is trainedModels.active: the model as an inference run reads it,
// its active version's detector loaded once and cached.
func (s *service) active(ctx context.Context, name string) (trainedModel, error) {
	m, err := s.st.Model(ctx, name)
	if err != nil {
		return trainedModel{}, err
	}
	cfg, err := decodeModelConfig(m.Config)
	if err != nil {
		return trainedModel{}, err
	}
	tm := trainedModel{Name: m.Name, ARN: m.ARN, Status: lookout.ModelStatus(m.Status)}
	if cfg.OffCondition != "" {
		if tm.Off, err = detect.ParseOffCondition(cfg.OffCondition); err != nil {
			return trainedModel{}, fmt.Errorf("stored off condition unreadable: %w", err)
		}
	}
	if m.Active == 0 {
		if _, sc, err := schemaSensors(cfg.Schema); err == nil {
			tm.Components = inference.ComponentsOf(sc)
		}
		return tm, nil
	}
	tm.Version, tm.VersionARN = m.Active, m.VersionARN(m.Active)
	v, err := s.st.ModelVersion(ctx, m.Name, m.Active)
	if err != nil {
		return trainedModel{}, err
	}
	vcfg, err := decodeModelConfig(v.Config)
	if err != nil {
		return trainedModel{}, err
	}
	if _, sc, err := schemaSensors(vcfg.Schema); err == nil {
		tm.Components = inference.ComponentsOf(sc)
	}
	det, ok := s.detectors.get(tm.VersionARN)
	if !ok {
		b, err := s.st.Detector(ctx, m.Name, m.Active)
		if err != nil {
			return trainedModel{}, err
		}
		if det, err = detect.Load(bytes.NewReader(b)); err != nil {
			return trainedModel{}, fmt.Errorf("the stored model of %s is unreadable: %w", tm.VersionARN, err)
		}
		s.detectors.put(tm.VersionARN, det)
	}
	tm.Detector, tm.Rate = det, time.Duration(det.Step())*time.Second
	return tm, nil
}

// retrain is retrainer.retrain: it queues a RETRAINING version of the
// model on its data in [from, to], with the model's current
// configuration, promoted as promote says.
func (s *service) retrain(ctx context.Context, name string, from, to time.Time, promote lookout.ModelPromoteMode) (int64, error) {
	m, err := s.st.Model(ctx, name)
	if err != nil {
		return 0, err
	}
	cfg, err := decodeModelConfig(m.Config)
	if err != nil {
		return 0, err
	}
	f, e := from.UTC(), to.UTC()
	cfg.TrainingStart, cfg.TrainingEnd = &f, &e
	doc, err := json.Marshal(cfg)
	if err != nil {
		return 0, err
	}
	v, _, err := s.st.AddVersion(ctx, name, store.NewVersion{SourceType: store.SourceRetraining, Status: store.ModelInProgress,
		Config: doc, LabelGroup: m.LabelGroup, Promote: string(promote)})
	if err != nil {
		return 0, err
	}
	if s.train != nil {
		s.train.enqueue(name, v.Version)
	}
	return v.Version, nil
}
