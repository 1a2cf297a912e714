package main

import (
	"context"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/inference"
)

// The seams between the server's machines: ingestion keeps each dataset's
// data (datasetData), training reads it and keeps trained models
// (trainedModels), inference runs score with them, and training and
// inference write to their customers' buckets (outputs).

// datasetData is the copy of each dataset's data that a successful
// ingestion makes (a later one replaces it): training and
// retraining read it, never the bucket.
type datasetData interface {
	// series returns the data of the dataset's sensors, one detect.Series
	// per sensor named COMPONENT\SENSOR, in schema order (component, then
	// column), with the records whose time t has from <= t <= to (a zero
	// from or to: unbounded). A missing or invalid value is NaN. A dataset
	// without data gives a *store.NotFoundError.
	series(ctx context.Context, dataset string, from, to time.Time) ([]detect.Series, error)
}

// trainedModels gives an inference run what it needs of a model.
type trainedModels interface {
	// active returns the model named name as an inference run reads it; a
	// model that does not exist (or was deleted) is a *store.NotFoundError.
	active(ctx context.Context, name string) (trainedModel, error)
}

// trainedModel is a model as an inference run reads it.
type trainedModel struct {
	Name, ARN string
	Status    lookout.ModelStatus
	// Version and VersionARN name the active version; Detector is what it
	// learnt (nil while no version succeeded). The detector's sensors are
	// COMPONENT\SENSOR, in schema order.
	Version    int64
	VersionARN string
	Detector   *detect.Model
	// Components are the model's components and their sensors, in schema
	// order: what an inference run must find files for.
	Components []inference.Component
	// Rate is the grid the model was trained on (Detector.Step seconds).
	Rate time.Duration
	// Off is the model's off condition, nil when it has none.
	Off *detect.OffCondition
}

// retrainer starts the trainings retraining schedulers ask for.
type retrainer interface {
	// retrain queues, durably, a training of a new version of the model
	// named name (SourceType RETRAINING) on its dataset's data in [from,
	// to], promoted as promote says (MANAGED: when its evaluation finds no
	// fewer labelled ranges and no more unknown events than the active
	// version's; MANUAL: never), and returns the version's number. A model
	// that does not exist is a *store.NotFoundError; one already training
	// is a *store.ConflictError.
	retrain(ctx context.Context, name string, from, to time.Time, promote lookout.ModelPromoteMode) (version int64, err error)
}
