package detect_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

func TestRanges(t *testing.T) {
	t.Parallel()
	r := func(tm int64, pred int, a, b float64) detect.Result {
		return detect.Result{Time: tm, Prediction: pred, Score: 0.25 + 0.5*float64(pred), Shares: []float64{a, b}}
	}
	sensors := []string{"x", "y"}
	tests := []struct {
		name    string
		results []detect.Result
		want    []detect.Range
	}{
		{"none", []detect.Result{r(0, 0, 1, 0), r(60, 0, 1, 0)}, nil},
		{"a single row lasts 0 s", []detect.Result{r(0, 0, 1, 0), r(60, 1, 0.2, 0.8), r(120, 0, 1, 0)},
			[]detect.Range{{Start: 60, End: 60, Rows: 1, Diagnostics: []detect.Share{{"y", 0.8}, {"x", 0.2}}}}},
		{"mean shares, largest first", []detect.Result{r(0, 1, 0.9, 0.1), r(60, 1, 0.5, 0.5)},
			[]detect.Range{{Start: 0, End: 60, Rows: 2, Diagnostics: []detect.Share{{"x", 0.7}, {"y", 0.3}}}}},
		{"ties in model order", []detect.Result{r(0, 1, 0.5, 0.5)},
			[]detect.Range{{Start: 0, End: 0, Rows: 1, Diagnostics: []detect.Share{{"x", 0.5}, {"y", 0.5}}}}},
		{"a missing row ends a range", []detect.Result{r(0, 1, 1, 0), r(120, 1, 0, 1)},
			[]detect.Range{{Start: 0, End: 0, Rows: 1, Diagnostics: []detect.Share{{"x", 1}, {"y", 0}}},
				{Start: 120, End: 120, Rows: 1, Diagnostics: []detect.Share{{"y", 1}, {"x", 0}}}}},
		{"a range at the end", []detect.Result{r(0, 0, 1, 0), r(60, 1, 1, 0)},
			[]detect.Range{{Start: 60, End: 60, Rows: 1, Diagnostics: []detect.Share{{"x", 1}, {"y", 0}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := detect.Ranges(tt.results, sensors, 60)
			require.Len(t, got, len(tt.want))
			for i := range got {
				assert.Equal(t, tt.want[i].Start, got[i].Start)
				assert.Equal(t, tt.want[i].End, got[i].End)
				assert.Equal(t, tt.want[i].Rows, got[i].Rows)
				require.Len(t, got[i].Diagnostics, len(tt.want[i].Diagnostics))
				for k, d := range got[i].Diagnostics {
					assert.Equal(t, tt.want[i].Diagnostics[k].Name, d.Name)
					assert.InDelta(t, tt.want[i].Diagnostics[k].Value, d.Value, 1e-12)
				}
			}
		})
	}
	// At most MaxDiagnostics sensors.
	sh := make([]float64, 12)
	names := make([]string, 12)
	for j := range sh {
		sh[j] = float64(j+1) / 78
		names[j] = fmt.Sprint("s", j)
	}
	got := detect.Ranges([]detect.Result{{Prediction: 1, Shares: sh}}, names, 60)
	require.Len(t, got[0].Diagnostics, detect.MaxDiagnostics)
	assert.Equal(t, "s11", got[0].Diagnostics[0].Name)
	assert.Equal(t, "s2", got[0].Diagnostics[9].Name)
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	rg := func(a, b int64) detect.Range { return detect.Range{Start: a, End: b} }
	tests := []struct {
		name      string
		labels    []detect.Label
		predicted []detect.Range
		want      detect.Metrics
	}{
		{"nothing", nil, nil, detect.Metrics{}},
		{"a label found early: warning time", []detect.Label{{1000, 2000}}, []detect.Range{rg(400, 1200)},
			detect.Metrics{LabeledRanges: []detect.Label{{1000, 2000}}, LabeledEvents: detect.LabeledEventMetrics{1, 1, 600}, PredictedRanges: []detect.Range{rg(400, 1200)}}},
		{"found late: no warning; ranges touching at one end overlap", []detect.Label{{1000, 2000}}, []detect.Range{rg(2000, 2500)},
			detect.Metrics{LabeledRanges: []detect.Label{{1000, 2000}}, LabeledEvents: detect.LabeledEventMetrics{1, 1, 0}, PredictedRanges: []detect.Range{rg(2000, 2500)}}},
		{"the first overlapping range gives the warning", []detect.Label{{1000, 2000}}, []detect.Range{rg(1500, 1600), rg(900, 1100)},
			detect.Metrics{LabeledRanges: []detect.Label{{1000, 2000}}, LabeledEvents: detect.LabeledEventMetrics{1, 1, 100}, PredictedRanges: []detect.Range{rg(900, 1100), rg(1500, 1600)}}},
		{"unknown events and a missed label", []detect.Label{{1000, 2000}}, []detect.Range{rg(3000, 3300), rg(5000, 5000)},
			detect.Metrics{LabeledRanges: []detect.Label{{1000, 2000}}, LabeledEvents: detect.LabeledEventMetrics{1, 0, 0}, PredictedRanges: []detect.Range{rg(3000, 3300), rg(5000, 5000)},
				UnknownEvents: detect.UnknownEventMetrics{2, 300}}},
		{"labels outside the evaluation range are left out", []detect.Label{{0, 99}, {9000, 9999}, {50, 150}}, nil,
			detect.Metrics{LabeledRanges: []detect.Label{{50, 150}}, LabeledEvents: detect.LabeledEventMetrics{NumLabeled: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, detect.Evaluate(tt.labels, tt.predicted, 100, 8999))
		})
	}
}

func TestMetricsJSON(t *testing.T) {
	t.Parallel()
	m := detect.Evaluate([]detect.Label{{1617235200, 1617238800}},
		[]detect.Range{{Start: 1617234900, End: 1617235500, Rows: 3, Diagnostics: []detect.Share{{`pump\b`, 0.6666666}, {`pump\a`, 0.3333334}}}},
		1617000000, 1618000000)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"labeled_ranges": [{"start": "2021-04-01T00:00:00.000000", "end": "2021-04-01T01:00:00.000000"}],
		"labeled_event_metrics": {"num_labeled": 1, "num_identified": 1, "total_warning_time_in_seconds": 300},
		"predicted_ranges": [{"start": "2021-03-31T23:55:00.000000", "end": "2021-04-01T00:05:00.000000",
			"diagnostics": [{"name": "pump\\b", "value": 0.66667}, {"name": "pump\\a", "value": 0.33333}]}],
		"unknown_event_metrics": {"num_identified": 0, "total_duration_in_seconds": 0}}`, string(b))
	assert.True(t, strings.HasPrefix(string(b), `{"labeled_ranges":`), "keys in the service's order")

	// Empty: lists, not null.
	b, err = json.Marshal(detect.Metrics{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"labeled_ranges":[],"labeled_event_metrics":{"num_labeled":0,"num_identified":0,"total_warning_time_in_seconds":0},
		"predicted_ranges":[],"unknown_event_metrics":{"num_identified":0,"total_duration_in_seconds":0}}`, string(b))

	// Many ranges: the document stays within the limit, the counts keep them all.
	var many []detect.Range
	for i := range 2000 {
		many = append(many, detect.Range{Start: int64(i * 1000), End: int64(i*1000 + 300), Rows: 2,
			Diagnostics: []detect.Share{{`componentÄ\sensor`, 1}}})
	}
	m = detect.Evaluate(nil, many, 0, 1<<40)
	b, err = json.Marshal(m)
	require.NoError(t, err)
	assert.LessOrEqual(t, utf8.RuneCount(b), detect.MaxMetricsChars)
	assert.Greater(t, utf8.RuneCount(b), detect.MaxMetricsChars-200)
	var back struct {
		Predicted []json.RawMessage `json:"predicted_ranges"`
		Unknown   struct {
			N int `json:"num_identified"`
		} `json:"unknown_event_metrics"`
	}
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Less(t, len(back.Predicted), 2000)
	assert.Equal(t, 2000, back.Unknown.N)
}
