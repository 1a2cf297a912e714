package detect_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

// Example trains a model on 20 days of two related sensors read every 5
// minutes, saves and loads it, and scores a day where their relation breaks
// for two hours while each stays within its usual range. The range found
// outlasts the fault by less than the drift window (3 hours): the rolling
// mean still holds the fault's residuals.
func Example() {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	records := func(days int, broken func(time.Time) bool) []detect.Series {
		flow := detect.Series{Sensor: `pump\flow`}
		power := detect.Series{Sensor: `pump\power`}
		for i := range days * 288 {
			t := start.Add(time.Duration(i)*5*time.Minute + 7*time.Second) // irregular: 7 s past the grid
			load := math.Sin(2*math.Pi*float64(i)/288) + 0.3*math.Sin(float64(i)*0.37)
			f := 100 + 20*load + 0.5*math.Sin(float64(i)*1.3)
			w := 40 + 8*load + 0.3*math.Cos(float64(i)*1.1)
			if broken(t) {
				w = 80 - w // high when the flow is low
			}
			flow.Times, flow.Values = append(flow.Times, t.UnixNano()), append(flow.Values, f)
			power.Times, power.Values = append(power.Times, t.UnixNano()), append(power.Values, w)
		}
		return []detect.Series{flow, power}
	}
	all := records(21, func(t time.Time) bool {
		return t.After(start.Add(20*24*time.Hour+9*time.Hour)) && t.Before(start.Add(20*24*time.Hour+11*time.Hour))
	})
	rate, _ := detect.PickRate(all)
	train, err := detect.Resample(all, start, start.Add(20*24*time.Hour-time.Second), rate)
	if err != nil {
		panic(err)
	}
	m, err := detect.Train(train, detect.Options{})
	if err != nil {
		panic(err)
	}
	var file bytes.Buffer
	if err := m.Save(&file); err != nil {
		panic(err)
	}
	m, err = detect.Load(&file)
	if err != nil {
		panic(err)
	}
	// Score the last day, with the hours before it as warm-up.
	from := start.Add(20*24*time.Hour - time.Duration(m.Warmup())*rate)
	eval, err := detect.Resample(all, from, start.Add(21*24*time.Hour-time.Second), rate)
	if err != nil {
		panic(err)
	}
	res, err := m.Score(eval)
	if err != nil {
		panic(err)
	}
	res = res[m.Warmup():]
	fmt.Println("rate", rate, "rows", len(res))
	for _, r := range detect.Ranges(res, m.Sensors(), m.Step()) {
		fmt.Printf("anomaly %s to %s, first %s\n", detect.FormatTime(r.Start), detect.FormatTime(r.End), r.Diagnostics[0].Name)
	}
	// Output:
	// rate 5m0s rows 288
	// anomaly 2026-01-21T09:05:00.000000 to 2026-01-21T13:45:00.000000, first pump\power
}

// ExampleEvaluate compares the ranges a model predicted with labelled ones
// and writes the ModelMetrics document.
func ExampleEvaluate() {
	results := []detect.Result{
		{Time: 1617235200, Score: 0.2, Shares: []float64{0.5, 0.5}},
		{Time: 1617235500, Score: 0.7, Prediction: 1, Shares: []float64{0.9, 0.1}},
		{Time: 1617235800, Score: 0.8, Prediction: 1, Shares: []float64{0.7, 0.3}},
		{Time: 1617236100, Score: 0.1, Shares: []float64{0.5, 0.5}},
		{Time: 1617236400, Score: 0.6, Prediction: 1, Shares: []float64{0.2, 0.8}},
	}
	sensors := []string{`pump\flow`, `pump\power`}
	ranges := detect.Ranges(results, sensors, 300)
	labels := []detect.Label{{Start: 1617235800, End: 1617236000}}
	m := detect.Evaluate(labels, ranges, 1617235200, 1617236400)
	doc, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err)
	}
	fmt.Println(string(doc))
	// Output:
	// {
	//   "labeled_ranges": [
	//     {
	//       "start": "2021-04-01T00:10:00.000000",
	//       "end": "2021-04-01T00:13:20.000000"
	//     }
	//   ],
	//   "labeled_event_metrics": {
	//     "num_labeled": 1,
	//     "num_identified": 1,
	//     "total_warning_time_in_seconds": 300
	//   },
	//   "predicted_ranges": [
	//     {
	//       "start": "2021-04-01T00:05:00.000000",
	//       "end": "2021-04-01T00:10:00.000000",
	//       "diagnostics": [
	//         {
	//           "name": "pump\\flow",
	//           "value": 0.8
	//         },
	//         {
	//           "name": "pump\\power",
	//           "value": 0.2
	//         }
	//       ]
	//     },
	//     {
	//       "start": "2021-04-01T00:20:00.000000",
	//       "end": "2021-04-01T00:20:00.000000",
	//       "diagnostics": [
	//         {
	//           "name": "pump\\power",
	//           "value": 0.8
	//         },
	//         {
	//           "name": "pump\\flow",
	//           "value": 0.2
	//         }
	//       ]
	//     }
	//   ],
	//   "unknown_event_metrics": {
	//     "num_identified": 1,
	//     "total_duration_in_seconds": 0
	//   }
	// }
}
