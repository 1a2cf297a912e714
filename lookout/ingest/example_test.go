package ingest_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/ingest"
)

// Check on a directory of two components: one file discarded, one key
// ignored, and the figures of the rest.
func ExampleCheck() {
	bucket := fstest.MapFS{
		"plant/pump/jan.csv": {Data: []byte("Timestamp,Pressure,Flow\n" +
			"2024-01-01 00:00:00,1.5,20\n2024-01-01 00:10:00,NA,21\n2024-01-01 00:10:00,1.7,x\n")},
		"plant/pump/feb.csv": {Data: []byte("Timestamp,Pressure\n2024-02-01 00:00:00,\"1.6\n")},
		"plant/fan/jan.csv":  {Data: []byte("Timestamp,Speed\n2024/1/1 0:00,900\n2024-01-20T00:00,910\n")},
		"plant/README.txt":   {Data: []byte("sensor exports")},
	}
	prefix := "plant/"
	req := &lookout.StartDataIngestionJobRequest{
		ClientToken: "example", DatasetName: "plant", RoleArn: "arn:aws:iam::123456789012:role/lookout",
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{Bucket: "sensor-data", Prefix: &prefix},
		},
	}
	res, err := ingest.Check(context.Background(), req, nil, ingest.FS(bucket))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Status, *res.IngestedFilesSummary.IngestedNumberOfFiles, "of", *res.IngestedFilesSummary.TotalNumberOfFiles, "files")
	for _, d := range res.Discards {
		fmt.Println("discarded:", d.Error())
	}
	fmt.Println("ignored:", res.Ignored)
	q := res.DataQualitySummary
	fmt.Println("duplicates:", *q.DuplicateTimestamps.TotalNumberOfDuplicateTimestamps,
		"missing:", *q.MissingSensorData.TotalNumberOfMissingValues,
		"invalid:", *q.InvalidSensorData.TotalNumberOfInvalidValues,
		"short ranges:", *q.InsufficientSensorData.SensorsWithShortDateRange.AffectedSensorCount)
	for _, s := range res.SensorStatisticsSummaries {
		fmt.Printf("%s/%s: %.4g%% missing, %.4g%% invalid, from %s\n", s.ComponentName, s.SensorName,
			*s.MissingValues.Percentage, *s.InvalidValues.Percentage, s.DataStartTime)
	}
	// Output:
	// SUCCESS 2 of 3 files
	// discarded: "plant/pump/feb.csv": line 2, column 2: a quoted field never closes
	// ignored: [plant/README.txt]
	// duplicates: 1 missing: 1 invalid: 1 short ranges: 2
	// fan/Speed: 0% missing, 0% invalid, from 2024-01-01T00:00:00Z
	// pump/Flow: 0% missing, 33.33% invalid, from 2024-01-01T00:00:00Z
	// pump/Pressure: 33.33% missing, 0% invalid, from 2024-01-01T00:00:00Z
}
