package lookout

import "context"

// Service is the service's side of the operations that [NewHandler] serves:
// one function per operation, named as the operation. A function receives
// the request's context (whose [RequestID] is the response's) and a request
// that passed validation, and returns the operation's response or one of
// the errors its model lists. A nil function is an operation the handler
// does not serve: a request for it is answered UnknownOperationException.
type Service struct {
	StartDataIngestionJob func(context.Context, *StartDataIngestionJobRequest) (*StartDataIngestionJobResponse, error)
}

// routes returns the table of the operations: each with its declaration
// and s's function bound to it, in the order of the service model.
func (s *Service) routes() []route {
	return []route{
		bind(s.StartDataIngestionJob),
	}
}
