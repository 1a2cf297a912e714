package inference_test

import (
	"fmt"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/inference"
)

// The runs of a scheduler at PT5M with a 5-minute delay, whose files are
// named pump_yyyyMMddHHmmss.csv in +05:30: which window each run reads,
// which files it opens, and how a mis-named file is refused.
func Example() {
	req := &lookout.CreateInferenceSchedulerRequest{
		DataUploadFrequency:      lookout.DataUploadFrequencyPt5m,
		DataDelayOffsetInMinutes: new(int64(5)),
		DataInputConfiguration: &lookout.InferenceInputConfiguration{
			InputTimeZoneOffset:             "+05:30",
			S3InputConfiguration:            &lookout.InferenceS3InputConfiguration{Bucket: "sensors", Prefix: new("in/")},
			InferenceInputNameConfiguration: &lookout.InferenceInputNameConfiguration{ComponentTimestampDelimiter: new("_")},
		},
	}
	cfg, err := inference.ConfigOf(req)
	if err != nil {
		panic(err)
	}
	var files []inference.File
	for _, name := range []string{"pump_20220513142500.csv", "pump_20220513143000.csv", "pump_20220513143500.csv",
		"pump_20220513144000.csv", "pump-20220513143500.csv"} {
		n, err := cfg.Naming.Parse(name)
		if err != nil {
			fmt.Println(err)
			continue
		}
		files = append(files, inference.File{Key: "in/" + name, Name: n})
	}
	x := inference.NewIndex(files)
	from := time.Date(2022, 5, 13, 9, 10, 0, 0, time.UTC)
	for run := range cfg.Schedule.Runs(from, from.Add(5*time.Minute)) {
		fmt.Println(run.Scheduled.Format(time.RFC3339), "reads", run.Window)
		for _, p := range x.Select(run.Window) {
			fmt.Printf("  %s (%s, named %s)\n", p.Key, p.Role, p.Name.Time.Format(time.RFC3339))
		}
	}
	// Output:
	// "pump-20220513143500.csv": delimiter "-" before its time
	// 2022-05-13T09:10:00Z reads (2022-05-13T09:00:00Z, 2022-05-13T09:05:00Z]
	//   in/pump_20220513143000.csv (before, named 2022-05-13T09:00:00Z)
	//   in/pump_20220513143500.csv (in, named 2022-05-13T09:05:00Z)
	//   in/pump_20220513144000.csv (after, named 2022-05-13T09:10:00Z)
	// 2022-05-13T09:15:00Z reads (2022-05-13T09:05:00Z, 2022-05-13T09:10:00Z]
	//   in/pump_20220513143500.csv (before, named 2022-05-13T09:05:00Z)
	//   in/pump_20220513144000.csv (in, named 2022-05-13T09:10:00Z)
}
