package lookout_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// handlerOp is one operation as the router's tests drive it: a typical
// body, and how to serve it with a function that records what it was
// called with and answers with resp, or err.
type handlerOp struct {
	name string
	body string
	// serve sets the operation's function in s: it records the request it
	// gets in *got and answers resp (JSON: want) or err.
	serve func(s *lookout.Service, got *any, err error)
	// decoded is the body as encoding/json reads it into the request type.
	decoded func(t *testing.T) any
	// want is the response's body.
	want string
}

// handlerOpOf returns the handlerOp of the operation whose function set
// sets, answering resp.
func handlerOpOf[Req, Resp any](name, body string, resp *Resp, want string,
	set func(*lookout.Service, func(context.Context, *Req) (*Resp, error))) handlerOp {
	return handlerOp{
		name: name, body: body, want: want,
		serve: func(s *lookout.Service, got *any, err error) {
			set(s, func(_ context.Context, r *Req) (*Resp, error) {
				*got = r
				if err != nil {
					return nil, err
				}
				return resp, nil
			})
		},
		decoded: func(t *testing.T) any {
			r := new(Req)
			require.NoError(t, json.Unmarshal([]byte(body), r))
			return r
		},
	}
}

// handlerOps lists the eight operations, in the order of the model.
var handlerOps = []handlerOp{
	handlerOpOf("CreateDataset", `{"ClientToken":"6ba7b810-9dad-41d1-80b4-00c04fd430c8","DatasetName":"pumps",`+
		`"DatasetSchema":{"InlineDataSchema":"{\"Components\":[{\"ComponentName\":\"pump\",\"Columns\":[`+
		`{\"Name\":\"Timestamp\",\"Type\":\"DATETIME\"},{\"Name\":\"pressure\",\"Type\":\"DOUBLE\"}]}]}"},`+
		`"ServerSideKmsKeyId":"alias/lookout","Tags":[{"Key":"team","Value":"ops"},{"Key":"cost-centre","Value":""}]}`,
		&lookout.CreateDatasetResponse{DatasetName: "pumps", Status: lookout.DatasetStatusCreated},
		`{"DatasetName":"pumps","Status":"CREATED"}`,
		func(s *lookout.Service, f func(context.Context, *lookout.CreateDatasetRequest) (*lookout.CreateDatasetResponse, error)) {
			s.CreateDataset = f
		}),
	handlerOpOf("DeleteDataset", `{"DatasetName":"pumps"}`, &lookout.DeleteDatasetResponse{}, `{}`,
		func(s *lookout.Service, f func(context.Context, *lookout.DeleteDatasetRequest) (*lookout.DeleteDatasetResponse, error)) {
			s.DeleteDataset = f
		}),
	handlerOpOf("DescribeDataIngestionJob", `{"JobId":"0123456789abcdef0123456789ABCDEF"}`,
		&lookout.DescribeDataIngestionJobResponse{JobId: new("0123456789abcdef"), Status: lookout.IngestionJobStatusFailed,
			CreatedAt: handlerTimestamp(1700000000, 500000000), IngestedDataSize: handlerInt64(1 << 40)},
		`{"CreatedAt":1700000000.5,"IngestedDataSize":1099511627776,"JobId":"0123456789abcdef","Status":"FAILED"}`,
		func(s *lookout.Service, f func(context.Context, *lookout.DescribeDataIngestionJobRequest) (*lookout.DescribeDataIngestionJobResponse, error)) {
			s.DescribeDataIngestionJob = f
		}),
	handlerOpOf("DescribeDataset", `{"DatasetName":"pumps"}`,
		&lookout.DescribeDatasetResponse{DatasetName: "pumps", Status: lookout.DatasetStatusActive},
		`{"DatasetName":"pumps","Status":"ACTIVE"}`,
		func(s *lookout.Service, f func(context.Context, *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error)) {
			s.DescribeDataset = f
		}),
	handlerOpOf("ListDataIngestionJobs", `{"DatasetName":"pumps","MaxResults":50,"NextToken":"page-2","Status":"SUCCESS"}`,
		&lookout.ListDataIngestionJobsResponse{NextToken: new("page-3"),
			DataIngestionJobSummaries: []lookout.DataIngestionJobSummary{{JobId: new("abc"), Status: lookout.IngestionJobStatusSuccess}}},
		`{"DataIngestionJobSummaries":[{"JobId":"abc","Status":"SUCCESS"}],"NextToken":"page-3"}`,
		func(s *lookout.Service, f func(context.Context, *lookout.ListDataIngestionJobsRequest) (*lookout.ListDataIngestionJobsResponse, error)) {
			s.ListDataIngestionJobs = f
		}),
	handlerOpOf("ListDatasets", `{"DatasetNameBeginsWith":"pu","MaxResults":1,"NextToken":"x"}`,
		&lookout.ListDatasetsResponse{DatasetSummaries: []lookout.DatasetSummary{{DatasetName: "pumps"}}},
		`{"DatasetSummaries":[{"DatasetName":"pumps"}]}`,
		func(s *lookout.Service, f func(context.Context, *lookout.ListDatasetsRequest) (*lookout.ListDatasetsResponse, error)) {
			s.ListDatasets = f
		}),
	handlerOpOf("ListSensorStatistics", `{"DatasetName":"pumps","IngestionJobId":"abc","MaxResults":500,"NextToken":""}`,
		&lookout.ListSensorStatisticsResponse{}, `{"SensorStatisticsSummaries":[]}`,
		func(s *lookout.Service, f func(context.Context, *lookout.ListSensorStatisticsRequest) (*lookout.ListSensorStatisticsResponse, error)) {
			s.ListSensorStatistics = f
		}),
	handlerOpOf("StartDataIngestionJob", wireTypicalBody,
		&lookout.StartDataIngestionJobResponse{JobId: new("6f1c2d"), Status: lookout.IngestionJobStatusInProgress},
		`{"JobId":"6f1c2d","Status":"IN_PROGRESS"}`,
		func(s *lookout.Service, f func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error)) {
			s.StartDataIngestionJob = f
		}),
}

func handlerTimestamp(sec, nsec int64) *lookout.Timestamp {
	t := lookout.UnixTimestamp(sec, nsec)
	return &t
}

func handlerInt64(n int64) *int64 { return &n }

// handlerOpRequest returns a request for operation op with body.
func handlerOpRequest(op, body string) *http.Request {
	r := wireRequest(body)
	r.Header.Set("X-Amz-Target", "AWSLookoutEquipmentFrontendService."+op)
	return r
}

// TestHandlerOperationsAreTheModels: the operations these tests drive by
// hand are the model's (TestHandlerServesEveryOperation drives every
// operation of the model).
func TestHandlerOperationsAreTheModels(t *testing.T) {
	t.Parallel()
	for _, op := range handlerOps {
		assert.Contains(t, lookout.Operations(), op.name)
	}
}

// TestHandlerRoutesEveryOperation: each target reaches its operation's
// function, with the body decoded as encoding/json reads it, and its
// response is written; the other functions are not called.
func TestHandlerRoutesEveryOperation(t *testing.T) {
	t.Parallel()
	var s lookout.Service
	got := make([]any, len(handlerOps))
	for i, op := range handlerOps {
		op.serve(&s, &got[i], nil)
	}
	h := lookout.NewHandler(s)
	for i, op := range handlerOps {
		t.Run(op.name, func(t *testing.T) {
			a := handlerServe(t, h, handlerOpRequest(op.name, op.body))
			assert.Equal(t, handlerAnswer{status: 200, body: op.want}, a)
			for j := range got {
				if j == i {
					assert.Equal(t, op.decoded(t), got[j], "the function gets the body decoded exactly")
				} else {
					assert.Nil(t, got[j], "%s is not called", handlerOps[j].name)
				}
			}
			got[i] = nil
		})
	}
}

// TestHandlerServesOnlyTheFunctionsGiven: an operation whose function is
// nil is answered UnknownOperationException, naming what is served.
func TestHandlerServesOnlyTheFunctionsGiven(t *testing.T) {
	t.Parallel()
	for i, served := range handlerOps {
		t.Run(served.name, func(t *testing.T) {
			t.Parallel()
			var s lookout.Service
			var got any
			served.serve(&s, &got, nil)
			h := lookout.NewHandler(s, lookout.WithLogger(slog.New(slog.DiscardHandler)))
			for j, op := range handlerOps {
				a := handlerServe(t, h, handlerOpRequest(op.name, op.body))
				if j == i {
					assert.Equal(t, 200, a.status)
					continue
				}
				assert.Equal(t, &lookout.UnknownOperationException{Message: `X-Amz-Target "AWSLookoutEquipmentFrontendService.` +
					op.name + `" names no operation of this endpoint, which serves AWSLookoutEquipmentFrontendService.` + served.name}, a.err)
			}
		})
	}
}

func TestHandlerUnknownTargetNamesWhatIsServed(t *testing.T) {
	t.Parallel()
	var s lookout.Service
	var got any
	for _, op := range handlerOps {
		op.serve(&s, &got, nil)
	}
	h := lookout.NewHandler(s)
	var targets []string
	for _, op := range handlerOps {
		targets = append(targets, "AWSLookoutEquipmentFrontendService."+op.name)
	}
	a := handlerServe(t, h, handlerOpRequest("StopInferenceScheduler", `{}`))
	assert.Equal(t, &lookout.UnknownOperationException{Message: `X-Amz-Target "AWSLookoutEquipmentFrontendService.StopInferenceScheduler" ` +
		`names no operation of this endpoint, which serves ` + strings.Join(targets, ", ")}, a.err)

	r := handlerOpRequest("ListDatasets", `{}`)
	r.Header.Del("X-Amz-Target")
	a = handlerServe(t, h, r)
	assert.Equal(t, &lookout.UnknownOperationException{Message: "the request has no X-Amz-Target header; it must be one of " +
		strings.Join(targets, ", ")}, a.err)
	assert.Nil(t, got)
}

// TestHandlerAnswersTheErrorsOfEachOperation: each operation answers the
// errors its model lists as themselves, and any other as a logged
// InternalServerException.
func TestHandlerAnswersTheErrorsOfEachOperation(t *testing.T) {
	t.Parallel()
	taxonomy := []error{
		&lookout.AccessDeniedException{Message: "m"}, &lookout.ConflictException{Message: "m"},
		&lookout.InternalServerException{Message: "m"}, &lookout.ResourceNotFoundException{Message: "m"},
		&lookout.ServiceQuotaExceededException{Message: "m"}, &lookout.ThrottlingException{Message: "m"},
		&lookout.ValidationException{Message: "m"},
	}
	for _, op := range handlerOps {
		t.Run(op.name, func(t *testing.T) {
			t.Parallel()
			listed := lookout.OperationErrors(op.name)
			require.NotEmpty(t, listed)
			for _, e := range taxonomy {
				var log bytes.Buffer
				var s lookout.Service
				var got any
				op.serve(&s, &got, e)
				h := lookout.NewHandler(s, lookout.WithLogger(handlerJSONLogger(&log)))
				a := handlerServe(t, h, handlerOpRequest(op.name, op.body))
				if slices.Contains(listed, lookout.ErrorCode(e)) {
					assert.Equal(t, e, a.err)
					assert.Empty(t, log.String())
					continue
				}
				assert.Equal(t, 500, a.status, "%s from %s", lookout.ErrorCode(e), op.name)
				assert.Equal(t, &lookout.InternalServerException{Message: wireDefaultInternal}, a.err)
				records := handlerLogRecords(t, &log)
				require.Len(t, records, 1)
				assert.Equal(t, op.name, records[0]["operation"])
				assert.Equal(t, e.Error(), records[0]["error"])
			}
		})
	}
}

// TestHandlerEveryOperationLogsAPanic: a panic in any operation's function
// is logged with its stack, and the client learns nothing of it.
func TestHandlerEveryOperationLogsAPanic(t *testing.T) {
	t.Parallel()
	for _, op := range handlerOps {
		t.Run(op.name, func(t *testing.T) {
			t.Parallel()
			var log bytes.Buffer
			var s lookout.Service
			var got any
			op.serve(&s, &got, handlerPanicError{})
			h := lookout.NewHandler(s, lookout.WithLogger(handlerJSONLogger(&log)))
			a := handlerServe(t, h, handlerOpRequest(op.name, op.body))
			assert.Equal(t, &lookout.InternalServerException{Message: wireDefaultInternal}, a.err)
			assert.NotContains(t, a.body, "secret")
			records := handlerLogRecords(t, &log)
			require.Len(t, records, 1)
			assert.Equal(t, "secret: boom", records[0]["panic"])
			assert.Equal(t, op.name, records[0]["operation"])
			assert.Contains(t, records[0]["stack"], "handlerPanicError.Error")
		})
	}
}

// handlerPanicError panics when the handler reads it: a function that
// returns it panics as far as the handler is concerned, from a frame of
// its own that the logged stack shows.
type handlerPanicError struct{}

func (handlerPanicError) Error() string { panic("secret: boom") }

// TestHandlerExplicitEmptyInEveryKindOfPlace: "" is a value on the wire,
// in a nested structure and in a list's element too.
func TestHandlerExplicitEmptyInEveryKindOfPlace(t *testing.T) {
	t.Parallel()
	var s lookout.Service
	var got any
	for _, op := range handlerOps {
		op.serve(&s, &got, nil)
	}
	h := lookout.NewHandler(s)
	tests := []struct {
		op, body, want string
	}{
		{"CreateDataset", `{"ClientToken":"t","DatasetName":"d","Tags":[{"Key":"a","Value":""},{"Key":"","Value":"v"},{"Value":"w"},{"Key":"b"}]}`,
			"4 validation errors detected: " +
				"Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
				"^(?!aws:)[a-zA-Z+-=._:/]+$; " +
				"Value null at 'tags.3.member.key' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'tags.4.member.value' failed to satisfy constraint: Member must not be null"},
		{"CreateDataset", `{"ClientToken":"t","DatasetName":"d","DatasetSchema":{"InlineDataSchema":""}}`,
			"1 validation error detected: " +
				"Value '' at 'datasetSchema.inlineDataSchema' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"DescribeDataIngestionJob", `{"JobId":""}`, ""},
		{"DescribeDataIngestionJob", `{}`,
			"1 validation error detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null"},
		{"ListDatasets", `{"DatasetNameBeginsWith":""}`, "2 validation errors detected: " +
			"Value '' at 'datasetNameBeginsWith' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
			"Value '' at 'datasetNameBeginsWith' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
			"^[0-9a-zA-Z_-]{1,200}$"},
		{"ListDatasets", `{"NextToken":""}`, ""},
	}
	for _, tt := range tests {
		a := handlerServe(t, h, handlerOpRequest(tt.op, tt.body))
		if tt.want == "" {
			assert.Equal(t, 200, a.status, "%s %s: %v", tt.op, tt.body, a.err)
			continue
		}
		var ve *lookout.ValidationException
		require.True(t, errors.As(a.err, &ve), "%s %s: %v", tt.op, tt.body, a.err)
		assert.Equal(t, tt.want, ve.Message, "%s %s", tt.op, tt.body)
	}
}
