package main

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/inference"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// schedulerConfig is an inference scheduler's configuration as the store
// keeps it (JSON, opaque to the store): what CreateInferenceScheduler gave,
// as UpdateInferenceScheduler changed it.
type schedulerConfig struct {
	DataUploadFrequency      lookout.DataUploadFrequency
	DataDelayOffsetInMinutes *int64                                `json:",omitempty"`
	DataInputConfiguration   *lookout.InferenceInputConfiguration  `json:",omitempty"`
	DataOutputConfiguration  *lookout.InferenceOutputConfiguration `json:",omitempty"`
	RoleArn                  string
	ServerSideKmsKeyId       string `json:",omitempty"`
}

// inputConfig is what the lookout/inference package reads of c: its
// schedule, naming and input location. A value it reads none from is a
// *inference.ScheduleError or *inference.ConfigError.
func (c *schedulerConfig) inputConfig() (*inference.Config, error) {
	return inference.ConfigOf(&lookout.CreateInferenceSchedulerRequest{
		DataUploadFrequency:      c.DataUploadFrequency,
		DataDelayOffsetInMinutes: c.DataDelayOffsetInMinutes,
		DataInputConfiguration:   c.DataInputConfiguration,
	})
}

// output returns the bucket and prefix of the results.
func (c *schedulerConfig) output() (bucket, prefix string) {
	if o := c.DataOutputConfiguration; o != nil && o.S3OutputConfiguration != nil {
		return o.S3OutputConfiguration.Bucket, deref(o.S3OutputConfiguration.Prefix)
	}
	return "", ""
}

// decodeSchedulerConfig reads a scheduler's stored configuration.
func decodeSchedulerConfig(b []byte) (*schedulerConfig, error) {
	c := new(schedulerConfig)
	if err := json.Unmarshal(b, c); err != nil {
		return nil, errors.New("stored inference scheduler configuration unreadable: " + err.Error())
	}
	return c, nil
}

// runOutcome is what one run makes: the execution's outcome and its
// events (see store.Finished).
type runOutcome struct {
	Status, FailedReason    string
	ResultBucket, ResultKey string
	Events                  []store.Event
	Latest                  string
}

// runFailed is the outcome of a run that failed for reason: it closes the
// open event (store.Finished.CloseOpen) and leaves the scheduler NORMAL
// (chosen: the last run had no prediction-1 line).
func runFailed(reason string) runOutcome {
	return runOutcome{Status: "FAILED", FailedReason: reason, Latest: string(lookout.LatestInferenceResultNormal)}
}

// resultKey is the key of a run's results: <Prefix><ScheduledStartTime as
// yyyy-MM-ddTHH:mm:ssZ>/results.jsonl.
func resultKey(prefix string, scheduled time.Time) string {
	return prefix + scheduled.UTC().Format("2006-01-02T15:04:05Z") + "/results.jsonl"
}

// makeRun makes one run of a scheduler over the bucket src: it lists the
// input, opens the files inference.Index.Select picks (read with
// ingest.ReadRecords, their times moved by the scheduler's zone as
// inference.ReadRows moves them), fails as inference.Evaluate says (the
// service's FailedReason for a component without data), takes the rows in
// (DataStartTime, DataEndTime], resamples them to the model's rate, scores
// them with the active version's detector, marks the rows where the
// model's off condition holds MACHINE_OFF, and writes results.jsonl
// through out (nothing is written when out is nil; the execution still
// names the object).
//
// Each run scores with a new detect.Scorer (chosen): its drift and stuck
// state restarts at the window's first row, so that a run's lines depend
// on its window alone, whatever runs came before or failed.
//
// open is the scheduler's open event, which the run's first line extends
// when it is a prediction 1 one grid step after the event's end. The error
// is ctx's alone (the run is made again): a run that fails for its input,
// or whose results cannot be written, is an outcome with Status FAILED
// (chosen: the text says why).
func makeRun(ctx context.Context, src ingest.Source, out outputs, m *trainedModel, cfg *inference.Config,
	outBucket, outPrefix string, run inference.Run, open *store.Event) (runOutcome, error) {
	if m.Detector == nil {
		return runFailed("The model " + m.Name + " has no trained version to run inference with"), nil
	}
	known := make(map[string]bool, len(m.Components))
	for _, c := range m.Components {
		known[c.Name] = true
	}
	files, _, err := cfg.List(ctx, src)
	if err != nil {
		if ctx.Err() != nil {
			return runOutcome{}, ctx.Err()
		}
		return runFailed("Could not list the input location s3://" + cfg.Bucket + "/" + cfg.Prefix + ": " + err.Error()), nil
	}
	kept := files[:0]
	for _, f := range files {
		if known[f.Name.Component] {
			kept = append(kept, f)
		}
	}
	picks := inference.NewIndex(kept).Select(run.Window)
	inputs := make([]inference.Input, len(picks))
	records := make([]*ingest.FileRecords, len(picks))
	for i, p := range picks {
		inputs[i].Pick = p
		rec, err := ingest.ReadRecords(ctx, src, ingest.Object{Key: p.Key, Size: p.Size})
		if err != nil {
			if ctx.Err() != nil {
				return runOutcome{}, ctx.Err()
			}
			inputs[i].Err = err
			continue
		}
		if z := int64(cfg.Naming.Zone); z != 0 {
			for j := range rec.Times {
				rec.Times[j] -= z
			}
		}
		records[i] = rec
		inputs[i].Rows = &inference.Rows{Header: rec.Header, Times: rec.Times, Records: rec.Records,
			Unsupported: rec.Unsupported, Ragged: rec.Ragged}
	}
	if oc := inference.Evaluate(run, m.Components, inputs); oc.Err != nil {
		return runFailed(oc.Err.Error()), nil
	}
	series := seriesOf(m.Detector.Sensors(), picks, records, run.Window)
	frame, err := detect.Resample(series, run.Window.Start.Add(time.Second), run.Window.End, m.Rate)
	if err != nil {
		return runFailed("Could not resample the input data: " + err.Error()), nil
	}
	var results []detect.Result
	if frame.Rows() > 0 {
		if results, err = m.Detector.Score(frame); err != nil {
			return runFailed("Could not score the input data: " + err.Error()), nil
		}
	}
	var off []bool
	if m.Off != nil && frame.Rows() > 0 {
		if off, err = m.Off.Mask(frame); err != nil {
			return runFailed("Could not apply the off condition: " + err.Error()), nil
		}
	}
	sensors := m.Detector.Sensors()
	body := make([]byte, 0, len(results)*(120+40*len(sensors)))
	ev := eventMaker{sensors: sensors, step: m.Detector.Step(), open: open}
	for i, r := range results {
		if off != nil && off[i] {
			body = detect.AppendOffLine(body, r.Time)
			ev.line(r.Time, nil)
			continue
		}
		body = detect.AppendResultLine(body, r, sensors)
		if rr := r.Round(); rr.Prediction == 1 {
			ev.line(r.Time, rr.Shares)
		} else {
			ev.line(r.Time, nil)
		}
	}
	key := resultKey(outPrefix, run.Scheduled)
	if out != nil {
		if err := out.put(ctx, outBucket, key, body); err != nil {
			if ctx.Err() != nil {
				return runOutcome{}, ctx.Err()
			}
			return runFailed("Could not write the results to s3://" + outBucket + "/" + key + ": " + err.Error()), nil
		}
	}
	latest := lookout.LatestInferenceResultNormal
	if ev.anomalous {
		latest = lookout.LatestInferenceResultAnomalous
	}
	return runOutcome{Status: "SUCCESS", ResultBucket: outBucket, ResultKey: key, Events: ev.finish(),
		Latest: string(latest)}, nil
}

// seriesOf gathers, for each sensor COMPONENT\SENSOR of the model, the
// values of the files of its component in (w.Start, w.End], in the order
// the files were picked (Resample keeps the later of two values at the same
// time). Series times are Unix nanoseconds.
func seriesOf(sensors []string, picks []inference.Pick, records []*ingest.FileRecords, w inference.Window) []detect.Series {
	start, end := w.Start.Unix(), w.End.Unix()
	series := make([]detect.Series, len(sensors))
	for j, name := range sensors {
		series[j].Sensor = name
		comp, col, _ := strings.Cut(name, `\`)
		var n int
		for i, rec := range records {
			if rec != nil && picks[i].Name.Component == comp && slices.Contains(rec.Header[1:], col) {
				n += len(rec.Times)
			}
		}
		times, values := make([]int64, 0, n), make([]float64, 0, n)
		for i, rec := range records {
			if rec == nil || picks[i].Name.Component != comp {
				continue
			}
			c := slices.Index(rec.Header[1:], col)
			if c < 0 {
				continue
			}
			vals := rec.Values[c]
			for k, t := range rec.Times {
				if t > start && t <= end {
					times = append(times, t*int64(time.Second))
					values = append(values, vals[k])
				}
			}
		}
		series[j].Times, series[j].Values = times, values
	}
	return series
}

// eventMaker makes a run's events from its lines: a maximal run of
// consecutive prediction-1 lines, across runs, ended by a prediction-0 or
// MACHINE_OFF line (or a failed run: the store closes the open event).
type eventMaker struct {
	sensors   []string
	step      int64
	open      *store.Event // the scheduler's, before the run
	cur       *store.Event
	first     bool // a line was seen
	events    []store.Event
	anomalous bool
}

// line adds the line at t: a prediction 1 with its shares, or nil for
// any other.
func (m *eventMaker) line(t int64, shares []float64) {
	firstLine := !m.first
	m.first = true
	if shares == nil {
		m.close()
		return
	}
	m.anomalous = true
	if m.cur == nil {
		if firstLine && m.open != nil && len(m.open.Sums) == len(shares) && t-m.open.End <= m.step && t > m.open.End {
			e := *m.open
			e.Sums = slices.Clone(e.Sums)
			m.cur = &e
		} else {
			m.cur = &store.Event{Start: t, Sums: make([]float64, len(shares))}
		}
	}
	m.cur.End = t
	m.cur.Rows++
	for j, v := range shares {
		m.cur.Sums[j] += v
	}
}

func (m *eventMaker) close() {
	if m.cur == nil {
		return
	}
	m.cur.Diagnostics = diagnosticsOf(m.sensors, m.cur.Sums, m.cur.Rows)
	m.cur.Open = false
	m.events = append(m.events, *m.cur)
	m.cur = nil
}

// finish returns the events, the last one open when the run's last line
// is a prediction 1.
func (m *eventMaker) finish() []store.Event {
	if m.cur != nil {
		m.cur.Diagnostics = diagnosticsOf(m.sensors, m.cur.Sums, m.cur.Rows)
		m.cur.Open = true
		m.events = append(m.events, *m.cur)
		m.cur = nil
	}
	return m.events
}

// diagnosticsOf is an event's Diagnostics: the JSON text of its sensors'
// mean shares, [{"name": ..., "value": ...}], largest first (ties in model
// order), at most detect.MaxDiagnostics, at detect.Decimals decimals.
func diagnosticsOf(sensors []string, sums []float64, rows int64) string {
	idx := make([]int, len(sums))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case sums[a] > sums[b]:
			return -1
		case sums[a] < sums[b]:
			return 1
		}
		return 0
	})
	if len(idx) > detect.MaxDiagnostics {
		idx = idx[:detect.MaxDiagnostics]
	}
	b := []byte{'['}
	for k, i := range idx {
		if k > 0 {
			b = append(b, ", "...)
		}
		name, _ := json.Marshal(sensors[i])
		b = append(b, `{"name": `...)
		b = append(b, name...)
		b = append(b, `, "value": `...)
		v := math.Round(sums[i]/float64(max(rows, 1))*1e5) / 1e5
		b = strconv.AppendFloat(b, v, 'f', -1, 64)
		b = append(b, '}')
	}
	return string(append(b, ']'))
}
