package lookout

import "context"

// Service is the service's side of the operations that [NewHandler] serves:
// one function per operation, named as the operation. A function receives
// the request's context (whose [RequestID] is the response's) and a request
// that passed validation, and returns the operation's response or one of
// the errors its model lists ([OperationErrors]). A nil function is an
// operation the handler does not serve: a request for it is answered
// UnknownOperationException.
type Service struct {
	CreateDataset            func(context.Context, *CreateDatasetRequest) (*CreateDatasetResponse, error)
	DeleteDataset            func(context.Context, *DeleteDatasetRequest) (*DeleteDatasetResponse, error)
	DescribeDataIngestionJob func(context.Context, *DescribeDataIngestionJobRequest) (*DescribeDataIngestionJobResponse, error)
	DescribeDataset          func(context.Context, *DescribeDatasetRequest) (*DescribeDatasetResponse, error)
	ListDataIngestionJobs    func(context.Context, *ListDataIngestionJobsRequest) (*ListDataIngestionJobsResponse, error)
	ListDatasets             func(context.Context, *ListDatasetsRequest) (*ListDatasetsResponse, error)
	ListSensorStatistics     func(context.Context, *ListSensorStatisticsRequest) (*ListSensorStatisticsResponse, error)
	StartDataIngestionJob    func(context.Context, *StartDataIngestionJobRequest) (*StartDataIngestionJobResponse, error)
}

// routes returns the table of the operations: each with its declaration
// and s's function bound to it, in the order of the service model.
func (s *Service) routes() []route {
	return []route{
		bind(s.CreateDataset),
		bind(s.DeleteDataset),
		bind(s.DescribeDataIngestionJob),
		bind(s.DescribeDataset),
		bind(s.ListDataIngestionJobs),
		bind(s.ListDatasets),
		bind(s.ListSensorStatistics),
		bind(s.StartDataIngestionJob),
	}
}
