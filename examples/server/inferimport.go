package main

import (
	"cmp"
	"context"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/inference"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// The inference data a retraining adds (ImportModelVersion's
// InferenceDataImportStrategy, kept in the model's configuration by the
// latest import into it, with the model its version came from): with
// ADD_WHEN_EMPTY or OVERWRITE, a retraining run of the model reads,
// besides the dataset's data in its window, the rows that the inference
// schedulers of the model and of that source model read in their
// successful runs whose data range lies in the window (the source's
// accumulated inference data, and the model's own since); ADD_WHEN_EMPTY
// adds those at the times the dataset's data lacks, OVERWRITE puts them in
// place of the dataset's at the times both hold.
//
// Chosen, where the service says no more:
//   - The rows are read again from the runs' input files when the
//     retraining runs (each run's input configuration as it was, the
//     files it would pick for its window): a file gone or unreadable since
//     is left out, with a warning in the log, and does not fail the
//     training.
//   - They are added to the data the retraining reads, not written into
//     the dataset's stored copy: nothing the API reports reads that copy
//     otherwise, and an ingestion that replaces it meanwhile is not
//     raced.
//   - A row is taken whole: with OVERWRITE, a cell missing in the input
//     replaces the dataset's value at that time; with ADD_WHEN_EMPTY, a
//     time the dataset holds keeps the dataset's cells, a missing one
//     included ("empty" is a timestamp the data lacks). Two runs holding
//     the same time (two schedulers): the later run's row.

// successfulRuns calls fn with each SUCCESS execution, its data range in
// [from, to], of the inference schedulers of model, page after page.
func successfulRuns(ctx context.Context, st *store.Store, model string, from, to time.Time, fn func(store.Execution)) error {
	p := store.Page{Limit: store.MaxPageSize}
	for {
		scheds, next, err := st.ListSchedulers(ctx, store.SchedulerFilter{Model: model}, p)
		if err != nil {
			return err
		}
		for _, sc := range scheds {
			ep := store.Page{Limit: store.MaxPageSize}
			for {
				list, enext, err := st.ListExecutions(ctx, sc.Name, store.ExecutionFilter{Status: "SUCCESS",
					DataStartAfter: from, DataEndBefore: to}, ep)
				if err != nil {
					return err
				}
				for _, e := range list {
					fn(e)
				}
				if enext == "" {
					break
				}
				ep.Token = enext
			}
		}
		if next == "" {
			return nil
		}
		p.Token = next
	}
}

// importsInference reports whether a strategy adds inference data.
func importsInference(s lookout.InferenceDataImportStrategy) bool {
	return s == lookout.InferenceDataImportStrategyAddWhenEmpty || s == lookout.InferenceDataImportStrategyOverwrite
}

// inferenceRows returns, for each sensor COMPONENT\SENSOR named, the rows
// the inference schedulers of the models read in their successful runs
// whose data range lies in [from, to], times in Unix nanoseconds, in time
// order (a time held twice: the later run's).
func (t *trainer) inferenceRows(ctx context.Context, models []string, sensors []string, from, to time.Time) ([]detect.Series, error) {
	st := t.svc.st
	// The runs, each with its input configuration's index in configs
	// (a configuration is held once, however many runs used it).
	type run struct {
		config             int
		scheduled          time.Time
		dataStart, dataEnd time.Time
	}
	var (
		runs    []run
		configs [][]byte
	)
	configIndex := map[string]int{}
	for _, model := range models {
		err := successfulRuns(ctx, st, model, from, to, func(e store.Execution) {
			k, ok := configIndex[string(e.Config)]
			if !ok {
				k = len(configs)
				configIndex[string(e.Config)] = k
				configs = append(configs, e.Config)
			}
			runs = append(runs, run{config: k, scheduled: e.Scheduled, dataStart: e.DataStart, dataEnd: e.DataEnd})
		})
		if err != nil {
			return nil, err
		}
	}
	who := strings.Join(models, ",") // the models, as the warnings name them
	// Oldest first, so that a later run's row comes last at its time.
	slices.SortStableFunc(runs, func(a, b run) int { return a.scheduled.Compare(b.scheduled) })

	known := map[string]bool{}
	for _, s := range sensors {
		comp, _, _ := strings.Cut(s, `\`)
		known[comp] = true
	}
	out := make([]detect.Series, len(sensors))
	for j, s := range sensors {
		out[j].Sensor = s
	}
	// One listing per input configuration. A file's records are kept
	// while the runs of its configuration pick it: the runs come in time
	// order, so a file the latest run did not pick, no later run does.
	type input struct {
		cfg     *inference.Config
		src     ingest.Source
		index   *inference.Index
		records map[string]*ingest.FileRecords
	}
	inputs := make([]*input, len(configs))
	defer func() {
		for _, in := range inputs {
			if in == nil {
				continue
			}
			if c, ok := in.src.(io.Closer); ok {
				c.Close()
			}
		}
	}()
	for _, r := range runs {
		in := inputs[r.config]
		if in == nil {
			in = &input{records: map[string]*ingest.FileRecords{}}
			inputs[r.config] = in
			sc, err := decodeSchedulerConfig(configs[r.config])
			if err == nil {
				in.cfg, err = sc.inputConfig()
			}
			if err != nil || t.svc.run == nil || t.svc.run.src == nil {
				t.log.Warn("retraining: inference input not read", "model", who, "error", err)
				continue
			}
			in.src = t.svc.run.src.bucket(in.cfg.Bucket)
			files, _, err := in.cfg.List(ctx, in.src)
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				t.log.Warn("retraining: inference input not listed", "model", who,
					"location", "s3://"+in.cfg.Bucket+"/"+in.cfg.Prefix, "error", err)
				continue
			}
			files = slices.DeleteFunc(files, func(f inference.File) bool { return !known[f.Name.Component] })
			in.index = inference.NewIndex(files)
		}
		if in.index == nil {
			continue
		}
		w := inference.Window{Start: r.dataStart, End: r.dataEnd}
		picks := in.index.Select(w)
		records := make([]*ingest.FileRecords, len(picks))
		picked := make(map[string]bool, len(picks))
		for i, pk := range picks {
			picked[pk.Key] = true
			rec, ok := in.records[pk.Key]
			if !ok {
				var err error
				rec, err = ingest.ReadRecords(ctx, in.src, ingest.Object{Key: pk.Key, Size: pk.Size})
				if err != nil {
					if ctx.Err() != nil {
						return nil, ctx.Err()
					}
					t.log.Warn("retraining: inference input file not read", "model", who,
						"key", pk.Key, "error", err)
					rec = nil
				} else if z := int64(in.cfg.Naming.Zone); z != 0 {
					for k := range rec.Times {
						rec.Times[k] -= z
					}
				}
				in.records[pk.Key] = rec
			}
			records[i] = rec
		}
		maps.DeleteFunc(in.records, func(key string, _ *ingest.FileRecords) bool { return !picked[key] })
		for j, s := range seriesOf(sensors, picks, records, w) {
			out[j].Times = append(out[j].Times, s.Times...)
			out[j].Values = append(out[j].Values, s.Values...)
		}
	}
	for j := range out {
		out[j] = lastAtEachTime(out[j])
	}
	return out, nil
}

// lastAtEachTime sorts s by time, keeping at a time held more than once
// the value that came last.
func lastAtEachTime(s detect.Series) detect.Series {
	idx := make([]int, len(s.Times))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(s.Times[a], s.Times[b]) })
	out := detect.Series{Sensor: s.Sensor, Times: make([]int64, 0, len(idx)), Values: make([]float64, 0, len(idx))}
	for _, i := range idx {
		if n := len(out.Times); n > 0 && out.Times[n-1] == s.Times[i] {
			out.Values[n-1] = s.Values[i]
			continue
		}
		out.Times = append(out.Times, s.Times[i])
		out.Values = append(out.Values, s.Values[i])
	}
	return out
}

// mergeRows merges add (in time order, each time once) into base (the
// dataset's series of the same sensor, in time order) by strategy:
// ADD_WHEN_EMPTY keeps base's value where both hold a time, OVERWRITE
// takes add's. The result is in time order.
func mergeRows(base, add detect.Series, strategy lookout.InferenceDataImportStrategy) detect.Series {
	if len(add.Times) == 0 {
		return base
	}
	out := detect.Series{Sensor: base.Sensor, Times: make([]int64, 0, len(base.Times)+len(add.Times)),
		Values: make([]float64, 0, len(base.Times)+len(add.Times))}
	i, k := 0, 0
	for i < len(base.Times) || k < len(add.Times) {
		switch {
		case k == len(add.Times) || (i < len(base.Times) && base.Times[i] < add.Times[k]):
			out.Times, out.Values = append(out.Times, base.Times[i]), append(out.Values, base.Values[i])
			i++
		case i == len(base.Times) || add.Times[k] < base.Times[i]:
			out.Times, out.Values = append(out.Times, add.Times[k]), append(out.Values, add.Values[k])
			k++
		default: // the same time
			v := base.Values[i]
			if strategy == lookout.InferenceDataImportStrategyOverwrite {
				v = add.Values[k]
			}
			out.Times, out.Values = append(out.Times, base.Times[i]), append(out.Values, v)
			i, k = i+1, k+1
		}
	}
	return out
}
