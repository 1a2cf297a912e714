package store

import (
	"errors"
	"strconv"
)

// ErrClosed is returned by the methods of a closed Store.
var ErrClosed = errors.New("store: closed")

// Resource names the kind of a missing thing in a NotFoundError.
type Resource string

// The kinds of resources.
const (
	ResourceDataset Resource = "Dataset"
	ResourceJob     Resource = "Data ingestion job"
)

// NotFoundError says that a dataset or job does not exist.
type NotFoundError struct {
	Resource Resource
	// Name is the dataset's name or the job's id.
	Name string
}

func (e *NotFoundError) Error() string {
	return string(e.Resource) + " " + e.Name + " does not exist"
}

// Reason says why a change conflicts with the state.
type Reason int

// The reasons of a ConflictError.
const (
	// ReasonTokenReused: the ClientToken was used before with other
	// parameters.
	ReasonTokenReused Reason = iota + 1
	// ReasonDatasetExists: a dataset of that name exists.
	ReasonDatasetExists
	// ReasonIngestionInProgress: the dataset is being ingested (a second
	// StartJob, or DeleteDataset).
	ReasonIngestionInProgress
	// ReasonJobFinished: FinishJob on a job that is not IN_PROGRESS.
	ReasonJobFinished
)

// ConflictError says that a change conflicts with the state.
type ConflictError struct {
	Reason Reason
	// Dataset names the dataset concerned, if any.
	Dataset string
	// JobID is the job concerned: the one the token made, the one
	// running, or the one finished.
	JobID string
}

func (e *ConflictError) Error() string {
	switch e.Reason {
	case ReasonTokenReused:
		// The message names neither the job nor the dataset: whoever
		// presents a known token need not be the caller who used it.
		if e.JobID != "" {
			return "The ClientToken was already used to start a data ingestion job with different parameters"
		}
		return "The ClientToken was already used to create a dataset with different parameters"
	case ReasonDatasetExists:
		return "Dataset " + e.Dataset + " already exists"
	case ReasonIngestionInProgress:
		return "Dataset " + e.Dataset + " is being ingested by job " + e.JobID
	case ReasonJobFinished:
		return "Data ingestion job " + e.JobID + " has already finished"
	}
	return "conflict (reason " + strconv.Itoa(int(e.Reason)) + ")"
}

// Limit names a quota.
type Limit string

// The quotas.
const (
	LimitDatasets    Limit = "datasets"
	LimitPendingJobs Limit = "pending data ingestion jobs"
)

// QuotaError says that a change would exceed a quota.
type QuotaError struct {
	Limit Limit
	Max   int
}

func (e *QuotaError) Error() string {
	return "The number of " + string(e.Limit) + " has reached the quota of " + strconv.Itoa(e.Max)
}

// InvalidTokenError says that a page token was not made by this store for
// this list and these filters: it was forged, altered, truncated, or made
// for another list.
type InvalidTokenError struct {
	// Reason is a short phrase: "malformed" or "not made for this list".
	Reason string
}

func (e *InvalidTokenError) Error() string {
	return "invalid NextToken: " + e.Reason
}

// PageLimitError says that Page.Limit is out of its bounds.
type PageLimitError struct {
	Limit int
}

func (e *PageLimitError) Error() string {
	return "page limit " + strconv.Itoa(e.Limit) + " is not between 1 and " + strconv.Itoa(MaxPageSize)
}
