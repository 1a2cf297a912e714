package inference

import (
	"context"
	"errors"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

func file(comp, at, key string) File {
	return File{Key: key, Name: Name{Component: comp, Time: tm(at)}}
}

func TestSelect(t *testing.T) {
	t.Parallel()
	x := NewIndex([]File{
		file("b", "2022-05-13T09:05:00Z", "b3"),
		file("a", "2022-05-13T09:05:00Z", "a3"), // at the window's end: in
		file("a", "2022-05-13T09:00:00Z", "a2"), // at its start: before
		file("a", "2022-05-13T08:55:00Z", "a1"),
		file("a", "2022-05-13T09:05:01Z", "a4"), // just after: the one after
		file("a", "2022-05-13T09:10:00Z", "a5"),
		file("b", "2022-05-13T09:00:00Z", "b2x"), // same time as b2: b2x is the later key
		file("b", "2022-05-13T09:00:00Z", "b2"),
		file("c", "2022-05-13T09:03:00Z", "c1"), // only file: in, nothing around
	})
	assert.Equal(t, []string{"a", "b", "c"}, x.Components())
	w := Window{tm("2022-05-13T09:00:00Z"), tm("2022-05-13T09:05:00Z")}
	var got []string
	for _, p := range x.Select(w) {
		got = append(got, p.Key+":"+p.Role.String())
	}
	assert.Equal(t, []string{"a2:before", "a3:in", "a4:after", "b2x:before", "b3:in", "c1:in"}, got)

	// A window with no file in it still opens the one before and after.
	got = nil
	for _, p := range x.Select(Window{tm("2022-05-13T09:05:01Z"), tm("2022-05-13T09:09:59Z")}) {
		got = append(got, p.Key+":"+p.Role.String())
	}
	assert.Equal(t, []string{"a4:before", "a5:after", "b3:before", "c1:before"}, got)

	// Long before and long after.
	got = nil
	for _, p := range x.Select(Window{tm("2000-01-01T00:00:00Z"), tm("2000-01-01T00:05:00Z")}) {
		got = append(got, p.Key+":"+p.Role.String())
	}
	assert.Equal(t, []string{"a1:after", "b2:after", "c1:after"}, got)
	assert.Empty(t, NewIndex(nil).Select(w))
}

func TestNoDataError(t *testing.T) {
	t.Parallel()
	e := &NoDataError{Component: "pump1", Window: Window{tm("2022-05-13T12:05:00Z"), tm("2022-05-13T12:10:00Z")}}
	assert.Equal(t, "Could not find data file for sensor pump1 within expected range of (2022-05-13T12:05:00Z, 2022-05-13T12:10:00Z]. "+
		"Please ensure data is present in the expected location.", e.Error())
}

// TestRun reads a run's files from a directory: the zone moves the rows,
// the window's edges hold, a component without rows fails the run, as does
// a sensor no file holds.
func TestRun(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		// +05:30: the name 14:30 is 09:00 UTC.
		"in/pump_20220513143000.csv":     {Data: []byte("Timestamp,s1,s2\n2022-05-13 14:25:00,1,2\n2022-05-13 14:30:00,1,2\n")},
		"in/pump_20220513143500.csv":     {Data: []byte("Timestamp,s1,s2\n2022-05-13 14:30:01,1,2\n2022-05-13 14:35:00,1,2\n2022-05-13 14:35:01,1,2\nbad,1,2\n")},
		"in/pump_20220513144000.csv":     {Data: []byte("Timestamp,s1,s2\n2022-05-13 14:40:00,1,2\n")},
		"in/fan_20220513143500.csv":      {Data: []byte("Timestamp,s1\n2022-05-13 14:36:00,1\n")},
		"in/pump-20220513143500.csv":     {Data: []byte("x")},
		"in/sub/pump_20220513143500.csv": {Data: []byte("x")},
	}
	src := ingest.FS(fsys)
	req := &lookout.CreateInferenceSchedulerRequest{
		DataUploadFrequency: "PT5M", DataDelayOffsetInMinutes: new(int64(5)),
		DataInputConfiguration: &lookout.InferenceInputConfiguration{
			InputTimeZoneOffset:             "+05:30",
			S3InputConfiguration:            &lookout.InferenceS3InputConfiguration{Bucket: "b", Prefix: new("in/")},
			InferenceInputNameConfiguration: &lookout.InferenceInputNameConfiguration{ComponentTimestampDelimiter: new("_")},
		},
	}
	cfg, err := ConfigOf(req)
	require.NoError(t, err)
	files, misfits, err := cfg.List(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, files, 4)
	require.Len(t, misfits, 2)
	assert.Equal(t, ReasonDelimiter, misfits[0].Reason)
	assert.Equal(t, ReasonInFolder, misfits[1].Reason)
	x := NewIndex(files)

	run := Run{Scheduled: tm("2022-05-13T09:10:00Z"), Window: cfg.Schedule.Window(tm("2022-05-13T09:10:00Z"))}
	assert.Equal(t, "(2022-05-13T09:00:00Z, 2022-05-13T09:05:00Z]", run.Window.String())
	var inputs []Input
	for _, p := range x.Select(run.Window) {
		rows, err := ReadRows(context.Background(), src, ingest.Object{Key: p.Key, Size: int64(len(fsys[p.Key].Data))}, cfg.Naming.Zone)
		inputs = append(inputs, Input{Pick: p, Rows: rows, Err: err})
	}
	require.Len(t, inputs, 4) // fan: in; pump: before, in, after
	comps := []Component{{Name: "pump", Sensors: []string{"s1", "s2"}}, {Name: "fan", Sensors: []string{"s1"}}}
	require.NoError(t, Evaluate(run, comps[:1], inputs).Err)
	out := Evaluate(run, comps, inputs)
	p := out.Components[0]
	assert.Equal(t, 3, p.Files)
	assert.Equal(t, int64(2), p.Rows) // 14:30:01 and 14:35:00; 14:30:00 is the start, 14:35:01 after the end
	assert.Equal(t, tm("2022-05-13T09:00:01Z"), p.First)
	assert.Equal(t, tm("2022-05-13T09:05:00Z"), p.Last)
	assert.Equal(t, int64(1), inputs[2].Rows.Unsupported)
	f := out.Components[1]
	assert.Equal(t, int64(0), f.Rows) // 14:36 is 09:06, after the end
	var nd *NoDataError
	require.True(t, errors.As(out.Err, &nd))
	assert.Equal(t, "fan", nd.Component)
	assert.Empty(t, nd.Sensor)

	// A sensor no file holds fails the run too.
	out = Evaluate(run, []Component{{Name: "pump", Sensors: []string{"s1", "s3"}}}, inputs)
	require.True(t, errors.As(out.Err, &nd))
	assert.Equal(t, "s3", nd.Sensor)
	assert.Equal(t, []string{"s3"}, out.Components[0].MissingSensors)

	// A component without any file.
	out = Evaluate(run, Named([]string{"valve"}), inputs)
	require.True(t, errors.As(out.Err, &nd))
	assert.Equal(t, "valve", nd.Component)
	assert.Equal(t, 0, out.Components[0].Files)
}

func TestConfigOf(t *testing.T) {
	t.Parallel()
	ok := func() *lookout.CreateInferenceSchedulerRequest {
		return &lookout.CreateInferenceSchedulerRequest{DataUploadFrequency: "PT1H",
			DataInputConfiguration: &lookout.InferenceInputConfiguration{S3InputConfiguration: &lookout.InferenceS3InputConfiguration{Bucket: "b"}}}
	}
	c, err := ConfigOf(ok())
	require.NoError(t, err)
	assert.Equal(t, Schedule{Frequency: time.Hour}, c.Schedule)
	assert.Equal(t, Naming{Format: FormatCompact}, c.Naming)
	assert.Equal(t, "", c.Prefix)

	r := ok()
	r.DataInputConfiguration.S3InputConfiguration = nil
	_, err = ConfigOf(r)
	var ce *ConfigError
	assert.True(t, errors.As(err, &ce))
	r = ok()
	r.DataInputConfiguration.InputTimeZoneOffset = "-13:00"
	_, err = ConfigOf(r)
	assert.True(t, errors.As(err, &ce))
	r = ok()
	r.DataUploadFrequency = "PT2H"
	_, err = ConfigOf(r)
	var se *ScheduleError
	assert.True(t, errors.As(err, &se))
}
