package store_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
)

// A dataset's life: created, ingested once, listed, refused a second
// ingestion while one runs.
func Example() {
	s, err := store.Open(store.Memory, store.Options{Region: "us-east-1", Account: "123456789012", MaxDatasets: 15, MaxPending: 5})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	ctx := context.Background()

	ds, _, err := s.CreateDataset(ctx, store.NewDataset{Name: "pump", ClientToken: "c1"})
	if err != nil {
		panic(err)
	}
	fmt.Println(ds.Status)

	job, _, err := s.StartJob(ctx, store.NewJob{Dataset: "pump", ClientToken: "s1",
		Input: store.JobInput{Bucket: "sensor-bucket", RoleARN: "arn:aws:iam::123456789012:role/Ingest"}})
	if err != nil {
		panic(err)
	}
	ds, _ = s.Dataset(ctx, "pump")
	fmt.Println(job.Status, ds.Status)

	_, _, err = s.StartJob(ctx, store.NewJob{Dataset: "pump", ClientToken: "s2",
		Input: store.JobInput{Bucket: "sensor-bucket", RoleARN: "arn:aws:iam::123456789012:role/Ingest"}})
	var conflict *store.ConflictError
	fmt.Println(errors.As(err, &conflict) && conflict.Reason == store.ReasonIngestionInProgress)

	_, err = s.FinishJob(ctx, job.ID, store.Outcome{Status: store.JobSuccess, Result: []byte(`{"IngestedDataSize":1024}`)})
	if err != nil {
		panic(err)
	}
	ds, _ = s.Dataset(ctx, "pump")
	fmt.Println(ds.Status, string(ds.LastIngestion.Result))

	jobs, next, _ := s.ListJobs(ctx, store.JobFilter{Dataset: "pump"}, store.Page{Limit: 10})
	fmt.Println(len(jobs), jobs[0].Status, next == "")
	// Output:
	// CREATED
	// IN_PROGRESS INGESTION_IN_PROGRESS
	// true
	// ACTIVE {"IngestedDataSize":1024}
	// 1 SUCCESS true
}
