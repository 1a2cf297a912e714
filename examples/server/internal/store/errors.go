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
	ResourceDataset    Resource = "Dataset"
	ResourceJob        Resource = "Data ingestion job"
	ResourceLabelGroup Resource = "Label group"
	ResourceLabel      Resource = "Label"
	ResourceModel      Resource = "Model"
	// ResourceModelVersion: Name is the version, Group the model.
	ResourceModelVersion Resource = "Model version"
	// ResourceARN: no resource the store holds has the ARN (TagResource,
	// PutPolicy, ...).
	ResourceARN Resource = "Resource"
	// ResourcePolicy: the resource has no policy.
	ResourcePolicy Resource = "Resource policy"
)

// NotFoundError says that a dataset, job, label group, label, resource or
// resource policy does not exist.
type NotFoundError struct {
	Resource Resource
	// Name is the dataset's or label group's name, the job's or label's
	// id, or the resource's ARN (ResourceARN, ResourcePolicy).
	Name string
	// Group is the label group of a label (ResourceLabel).
	Group string
}

func (e *NotFoundError) Error() string {
	switch e.Resource {
	case ResourcePolicy:
		return "Resource " + e.Name + " has no resource policy"
	case ResourceLabel:
		return "Label " + e.Name + " does not exist in label group " + e.Group
	case ResourceModelVersion:
		return "Version " + e.Name + " of model " + e.Group + " does not exist"
	}
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
	// ReasonLabelGroupExists: a label group of that name exists.
	ReasonLabelGroupExists
	// ReasonPolicyRevision: PutPolicy named a revision that is not the
	// policy's current one (or the resource has no policy).
	ReasonPolicyRevision
	// ReasonModelExists: a model of that name exists.
	ReasonModelExists
	// ReasonTrainingInProgress: the model (Name) is training: DeleteModel,
	// a second training, or DeleteDataset and DeleteLabelGroup of what it
	// reads (Dataset or Name the dataset or label group, Model the model).
	ReasonTrainingInProgress
	// ReasonVersionFinished: FinishVersion on a version that has ended.
	ReasonVersionFinished
)

// ConflictError says that a change conflicts with the state.
type ConflictError struct {
	Reason Reason
	// Dataset names the dataset concerned, if any.
	Dataset string
	// JobID is the job concerned: the one the token made, the one
	// running, or the one finished.
	JobID string
	// Resource, for ReasonTokenReused, is the kind of thing the token
	// made: "" for a dataset or a job (JobID says which),
	// ResourceLabelGroup, ResourceLabel or ResourcePolicy.
	Resource Resource
	// Name is the label group (ReasonLabelGroupExists), the resource's
	// ARN (ReasonPolicyRevision) or the model (ReasonModelExists,
	// ReasonTrainingInProgress, ReasonVersionFinished).
	Name string
	// Model is the model training, when a dataset or label group it reads
	// is to be deleted (ReasonTrainingInProgress).
	Model string
}

func (e *ConflictError) Error() string {
	switch e.Reason {
	case ReasonTokenReused:
		// The message names neither the job nor the dataset: whoever
		// presents a known token need not be the caller who used it.
		switch e.Resource {
		case ResourceLabelGroup:
			return "The ClientToken was already used to create a label group with different parameters"
		case ResourceLabel:
			return "The ClientToken was already used to create a label with different parameters"
		case ResourcePolicy:
			return "The ClientToken was already used to put a resource policy with different parameters"
		case ResourceModel:
			return "The ClientToken was already used to create a model with different parameters"
		}
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
	case ReasonLabelGroupExists:
		return "Label group " + e.Name + " already exists"
	case ReasonPolicyRevision:
		return "The PolicyRevisionId is not the current revision of the resource policy of " + e.Name
	case ReasonNoData:
		return "Dataset " + e.Dataset + " holds no ingested data to import"
	case ReasonModelExists:
		return "Model " + e.Name + " already exists"
	case ReasonTrainingInProgress:
		switch {
		case e.Dataset != "":
			return "Dataset " + e.Dataset + " is being read by the training of model " + e.Model
		case e.Model != "":
			return "Label group " + e.Name + " is being read by the training of model " + e.Model
		}
		return "Model " + e.Name + " has a training in progress"
	case ReasonVersionFinished:
		return "The training of model " + e.Name + " has already finished"
	}
	return "conflict (reason " + strconv.Itoa(int(e.Reason)) + ")"
}

// Limit names a quota.
type Limit string

// The quotas.
const (
	LimitDatasets    Limit = "datasets"
	LimitPendingJobs Limit = "pending data ingestion jobs"
	LimitLabelGroups Limit = "label groups"
	LimitModels      Limit = "models"
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

// TagLimitError says that a TagResource would leave a resource with more
// than MaxTags tags.
type TagLimitError struct {
	ARN string
	// Tags is how many the resource would have.
	Tags int
}

func (e *TagLimitError) Error() string {
	return "A resource has at most " + strconv.Itoa(MaxTags) + " tags: " + e.ARN + " would have " + strconv.Itoa(e.Tags)
}

// FaultCodeError says that a label's fault code is not one of its label
// group's.
type FaultCodeError struct {
	FaultCode, Group string
}

func (e *FaultCodeError) Error() string {
	return "FaultCode " + strconv.Quote(e.FaultCode) + " is not one of the FaultCodes of label group " + e.Group
}
