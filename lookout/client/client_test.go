package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/client"
	"github.com/lookout-equipment/lookoutequipment/lookout/internal/sigv4"
)

const (
	datasetName = "pump-station_7"
	datasetArn  = "arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pump-station_7/6ba7b810-9dad-41d1-80b4-00c04fd430c8"
	roleArn     = "arn:aws:iam::123456789012:role/LookoutIngestion"
)

func startRequest() *lookout.StartDataIngestionJobRequest {
	return &lookout.StartDataIngestionJobRequest{
		DatasetName: datasetName,
		IngestionInputConfiguration: &lookout.IngestionInputConfiguration{
			S3InputConfiguration: &lookout.IngestionS3InputConfiguration{Bucket: "sensor-data", Prefix: aws.String("plant/")},
		},
		RoleArn: roleArn,
	}
}

func TestOperations(t *testing.T) {
	t.Parallel()
	created := time.Date(2026, 12, 6, 12, 0, 0, 500_000_000, time.UTC)
	var (
		mu       sync.Mutex
		received []any
	)
	record := func(r any) { mu.Lock(); received = append(received, r); mu.Unlock() }
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{
		CreateDataset: func(_ context.Context, r *lookout.CreateDatasetRequest) (*lookout.CreateDatasetResponse, error) {
			record(r)
			return &lookout.CreateDatasetResponse{DatasetArn: datasetArn, DatasetName: r.DatasetName, Status: lookout.DatasetStatusCreated}, nil
		},
		DescribeDataset: func(_ context.Context, r *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			record(r)
			ts := lookout.TimestampOf(created)
			return &lookout.DescribeDatasetResponse{DatasetArn: datasetArn, DatasetName: r.DatasetName, Status: lookout.DatasetStatusActive, CreatedAt: &ts}, nil
		},
		ListDatasets: func(_ context.Context, r *lookout.ListDatasetsRequest) (*lookout.ListDatasetsResponse, error) {
			record(r)
			return &lookout.ListDatasetsResponse{DatasetSummaries: []lookout.DatasetSummary{{DatasetName: datasetName, Status: lookout.DatasetStatusActive}}, NextToken: new("page-2")}, nil
		},
		StartDataIngestionJob: func(_ context.Context, r *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
			record(r)
			return &lookout.StartDataIngestionJobResponse{JobId: new("0123456789abcdef0123456789abcdef"), Status: lookout.IngestionJobStatusInProgress}, nil
		},
	})
	c := newClient(srv)
	ctx := context.Background()

	cr := &lookout.CreateDatasetRequest{DatasetName: datasetName, Tags: []lookout.Tag{{Key: "team", Value: new("pumps")}}}
	cout, err := c.CreateDataset(ctx, cr)
	require.NoError(t, err)
	assert.Equal(t, &lookout.CreateDatasetResponse{DatasetArn: datasetArn, DatasetName: datasetName, Status: lookout.DatasetStatusCreated}, cout)
	assert.Len(t, cr.ClientToken, 36, "the empty ClientToken is filled, in the caller's request")

	dout, err := c.DescribeDataset(ctx, &lookout.DescribeDatasetRequest{DatasetName: datasetName})
	require.NoError(t, err)
	assert.Equal(t, lookout.DatasetStatusActive, dout.Status)
	require.NotNil(t, dout.CreatedAt)
	assert.Equal(t, created, dout.CreatedAt.Time())

	lout, err := c.ListDatasets(ctx, &lookout.ListDatasetsRequest{MaxResults: aws.Int32(10)})
	require.NoError(t, err)
	assert.Equal(t, new("page-2"), lout.NextToken)
	assert.Equal(t, []lookout.DatasetSummary{{DatasetName: datasetName, Status: lookout.DatasetStatusActive}}, lout.DatasetSummaries)

	sr := startRequest()
	sr.ClientToken = "my-own-token"
	sout, err := c.StartDataIngestionJob(ctx, sr)
	require.NoError(t, err)
	assert.Equal(t, lookout.IngestionJobStatusInProgress, sout.Status)
	assert.Equal(t, "my-own-token", sr.ClientToken, "a ClientToken set is kept")

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, received, 4)
	assert.Equal(t, cr.ClientToken, received[0].(*lookout.CreateDatasetRequest).ClientToken)
	assert.Equal(t, []lookout.Tag{{Key: "team", Value: new("pumps")}}, received[0].(*lookout.CreateDatasetRequest).Tags)
	assert.Equal(t, int32(10), *received[2].(*lookout.ListDatasetsRequest).MaxResults)
	assert.Equal(t, "my-own-token", received[3].(*lookout.StartDataIngestionJobRequest).ClientToken)
	assert.Equal(t, "plant/", *received[3].(*lookout.StartDataIngestionJobRequest).IngestionInputConfiguration.S3InputConfiguration.Prefix)

	attempts := rec.seen()
	require.Len(t, attempts, 4)
	for i, want := range []string{"CreateDataset", "DescribeDataset", "ListDatasets", "StartDataIngestionJob"} {
		assert.Equal(t, "AWSLookoutEquipmentFrontendService."+want, attempts[i].target)
		assert.NoError(t, attempts[i].verifyErr, "the server's Verifier lets the client's signature in")
		assert.Contains(t, attempts[i].auth, "/"+region+"/lookoutequipment/aws4_request")
	}
}

// TestNilRequest: a nil request is sent as {} when valid (ListDatasets has no
// required member), and refused by validation otherwise.
func TestNilRequest(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{
		ListDatasets: func(context.Context, *lookout.ListDatasetsRequest) (*lookout.ListDatasetsResponse, error) {
			return &lookout.ListDatasetsResponse{}, nil
		},
	})
	c := newClient(srv)
	_, err := c.ListDatasets(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, "{}", string(rec.seen()[0].body))

	_, err = c.DescribeDataset(context.Background(), nil)
	var ve *lookout.ValidationException
	require.ErrorAs(t, err, &ve)
	assert.Len(t, rec.seen(), 1, "an invalid request is not sent")
}

func TestValidation(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{
		StartDataIngestionJob: func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
			return &lookout.StartDataIngestionJobResponse{}, nil
		},
	})
	bad := startRequest()
	bad.RoleArn = "abc"

	_, err := newClient(srv).StartDataIngestionJob(context.Background(), bad)
	var ve *lookout.ValidationException
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, ve.Message, "Value 'abc' at 'roleArn' failed to satisfy constraint")
	var fe *lookout.FieldError
	require.ErrorAs(t, err, &fe, "the client's own validation keeps the violations")
	assert.Equal(t, "RoleArn", fe.Path)
	var op *smithy.OperationError
	require.ErrorAs(t, err, &op)
	assert.Equal(t, "LookoutEquipment", op.ServiceID)
	assert.Equal(t, "StartDataIngestionJob", op.OperationName)
	var re *awshttp.ResponseError
	assert.False(t, errors.As(err, &re), "nothing was sent")
	assert.Empty(t, rec.seen())

	// With DisableValidation the request is sent, and the server's
	// ValidationException comes back, with its request id.
	_, err = newClient(srv, func(o *client.Options) { o.DisableValidation = true }).StartDataIngestionJob(context.Background(), bad)
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, ve.Message, "Value 'abc' at 'roleArn' failed to satisfy constraint")
	require.ErrorAs(t, err, &re)
	assert.Len(t, re.ServiceRequestID(), 36)
	assert.Equal(t, http.StatusBadRequest, re.HTTPStatusCode())
	assert.Len(t, rec.seen(), 1, "a ValidationException is not retried")
}

func TestTypedErrors(t *testing.T) {
	t.Parallel()
	var (
		mu  sync.Mutex
		ids []string
	)
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{
		DescribeDataset: func(ctx context.Context, r *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			mu.Lock()
			ids = append(ids, lookout.RequestID(ctx))
			mu.Unlock()
			switch r.DatasetName {
			case "denied":
				return nil, &lookout.AccessDeniedException{Message: "no access"}
			}
			return nil, &lookout.ResourceNotFoundException{Message: "Dataset " + r.DatasetName + " not found"}
		},
	})
	c := newClient(srv)

	_, err := c.DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: "missing"})
	var nf *lookout.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Dataset missing not found", nf.Message)
	var re *awshttp.ResponseError
	require.ErrorAs(t, err, &re)
	mu.Lock()
	assert.Equal(t, ids[0], re.ServiceRequestID(), "the request id is the one the server gave")
	mu.Unlock()
	var withID interface{ ServiceRequestID() string }
	require.ErrorAs(t, err, &withID)
	var api smithy.APIError
	require.ErrorAs(t, err, &api)
	assert.Equal(t, "ResourceNotFoundException", api.ErrorCode())
	assert.Equal(t, "ResourceNotFoundException", lookout.ErrorCode(err))
	var op *smithy.OperationError
	require.ErrorAs(t, err, &op)
	assert.Equal(t, "DescribeDataset", op.OperationName)
	assert.Contains(t, err.Error(), "operation error LookoutEquipment: DescribeDataset, https response error StatusCode: 400, RequestID: "+re.ServiceRequestID())

	_, err = c.DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: "denied"})
	var ad *lookout.AccessDeniedException
	require.ErrorAs(t, err, &ad)
	assert.Len(t, rec.seen(), 2, "client errors are not retried")
}

func TestSignatureRefused(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{
		DescribeDataset: func(context.Context, *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return &lookout.DescribeDatasetResponse{}, nil
		},
	})
	for name, tc := range map[string]struct {
		creds aws.CredentialsProvider
		code  string
	}{
		"wrong secret":   {credentials.NewStaticCredentialsProvider(keyID, "wrong", ""), sigv4.CodeInvalidSignature},
		"unknown key":    {credentials.NewStaticCredentialsProvider("AKIDUNKNOWN", secret, ""), sigv4.CodeUnrecognizedClient},
		"no credentials": {aws.AnonymousCredentials{}, sigv4.CodeMissingAuthenticationToken},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := newClient(srv, func(o *client.Options) { o.Credentials = tc.creds })
			_, err := c.DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: datasetName})
			// The taxonomy's own type of the code, found as the SDK's
			// errors are.
			var api smithy.APIError
			require.ErrorAs(t, err, &api)
			assert.Equal(t, tc.code, api.ErrorCode())
			assert.NotNil(t, lookout.FromAPIError(api))
			var hs interface{ HTTPStatusCode() int }
			require.ErrorAs(t, err, &hs)
			assert.Equal(t, http.StatusForbidden, hs.HTTPStatusCode())
			var re *awshttp.ResponseError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, "refused-by-the-verifier", re.ServiceRequestID())
		})
	}
}

// TestRetryThrottling: a handler that throttles twice; the third attempt
// succeeds. Each attempt carries the whole body again and is signed anew.
func TestRetryThrottling(t *testing.T) {
	t.Parallel()
	var calls int
	var mu sync.Mutex
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{
		StartDataIngestionJob: func(context.Context, *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			if calls <= 2 {
				return nil, &lookout.ThrottlingException{Message: "Rate exceeded"}
			}
			return &lookout.StartDataIngestionJobResponse{JobId: new("abc"), Status: lookout.IngestionJobStatusInProgress}, nil
		},
	})
	tick := time.Now()
	var clockMu sync.Mutex
	backoff := newNoDelay()
	c := newClient(srv, func(o *client.Options) {
		o.Clock = func() time.Time { clockMu.Lock(); defer clockMu.Unlock(); tick = tick.Add(time.Second); return tick }
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) { so.Backoff = backoff })
	})
	out, err := c.StartDataIngestionJob(context.Background(), startRequest())
	require.NoError(t, err)
	assert.Equal(t, new("abc"), out.JobId)

	attempts := rec.seen()
	require.Len(t, attempts, 3)
	for i, a := range attempts {
		assert.NoError(t, a.verifyErr, "attempt %d", i+1)
		assert.Equal(t, string(attempts[0].body), string(a.body), "attempt %d carries the whole body", i+1)
		assert.Equal(t, "attempt="+string(rune('1'+i))+"; max=3", a.sdkRequest)
		if i > 0 {
			assert.NotEqual(t, attempts[i-1].date, a.date, "attempt %d is signed anew", i+1)
			assert.NotEqual(t, attempts[i-1].auth, a.auth)
		}
	}
	var body struct{ ClientToken string }
	require.NoError(t, json.Unmarshal(attempts[0].body, &body))
	assert.Len(t, body.ClientToken, 36, "the same ClientToken on every attempt")
	backoff.mu.Lock()
	assert.Len(t, backoff.delays, 2, "the backoff is asked before each retry")
	backoff.mu.Unlock()
}

func TestRetryStatuses(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		answer   func(w http.ResponseWriter)
		attempts int
		ok       bool
	}{
		"429 from a proxy": {func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, "<html>slow down</html>")
		}, 2, true},
		"503 from a proxy": {func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusServiceUnavailable)
		}, 2, true},
		"InternalServerException": {func(w http.ResponseWriter) {
			lookout.WriteError(w, &lookout.InternalServerException{Message: "boom"})
		}, 2, true},
		"connection closed": {func(w http.ResponseWriter) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		}, 2, true},
		"403 not retried": {func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusForbidden)
		}, 1, false},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{before: func(n int, w http.ResponseWriter, r *http.Request) bool {
				if n == 1 {
					tc.answer(w)
					return true
				}
				return false
			}}
			srv := rec.serve(t, lookout.Service{
				DescribeDataset: func(context.Context, *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
					return &lookout.DescribeDatasetResponse{DatasetName: datasetName}, nil
				},
			})
			out, err := newClient(srv).DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: datasetName})
			assert.Len(t, rec.seen(), tc.attempts)
			if tc.ok {
				require.NoError(t, err)
				assert.Equal(t, datasetName, out.DatasetName)
			} else {
				require.Error(t, err)
			}
		})
	}
}

func TestRetriesRunOut(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{
		DescribeDataset: func(context.Context, *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return nil, &lookout.InternalServerException{Message: "down"}
		},
	})
	_, err := newClient(srv).DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: datasetName})
	var maxErr *retry.MaxAttemptsError
	require.ErrorAs(t, err, &maxErr)
	assert.Equal(t, 3, maxErr.Attempt)
	var ise *lookout.InternalServerException
	require.ErrorAs(t, err, &ise)
	assert.Equal(t, "down", ise.Message)
	var re *awshttp.ResponseError
	require.ErrorAs(t, err, &re)
	assert.NotEmpty(t, re.ServiceRequestID())
	assert.Len(t, rec.seen(), 3)

	// RetryMaxAttempts, per call.
	_, err = newClient(srv).DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: datasetName},
		func(o *client.Options) { o.RetryMaxAttempts = 5 })
	require.ErrorAs(t, err, &maxErr)
	assert.Equal(t, 5, maxErr.Attempt)
	assert.Len(t, rec.seen(), 8)
}

// TestRetryTokenBucket: a retry costs tokens from the retryer's bucket; an
// empty bucket stops the retries.
func TestRetryTokenBucket(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{
		DescribeDataset: func(context.Context, *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return nil, &lookout.InternalServerException{Message: "down"}
		},
	})
	c := newClient(srv, func(o *client.Options) {
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
			so.Backoff = newNoDelay()
			so.RateLimiter = ratelimit.NewTokenRateLimit(20) // one retry (14 tokens) and no more
		})
	})
	_, err := c.DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: datasetName})
	var quota ratelimit.QuotaExceededError
	require.ErrorAs(t, err, &quota)
	var ise *lookout.InternalServerException
	require.ErrorAs(t, err, &ise)
	assert.Len(t, rec.seen(), 2)
}

func TestContextCanceled(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{
		DescribeDataset: func(context.Context, *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return &lookout.DescribeDatasetResponse{}, nil
		},
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newClient(srv).DescribeDataset(ctx, &lookout.DescribeDatasetRequest{DatasetName: datasetName})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, rec.seen())
}

// TestUnknownMembers: members the client does not know are ignored, for
// forward compatibility; a body that is not JSON is a DeserializationError.
func TestUnknownMembers(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		body string
		ok   bool
	}{
		"unknown member": {`{"DatasetName":"pump-station_7","NewMember":{"x":[1,2]}}`, true},
		"empty body":     {``, true},
		"not json":       {`<html>`, false},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{before: func(_ int, w http.ResponseWriter, _ *http.Request) bool {
				w.Header().Set("Content-Type", lookout.ContentType)
				_, _ = io.WriteString(w, tc.body)
				return true
			}}
			srv := rec.serve(t, lookout.Service{})
			out, err := newClient(srv).DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: datasetName})
			if !tc.ok {
				var de *smithy.DeserializationError
				require.ErrorAs(t, err, &de)
				return
			}
			require.NoError(t, err)
			if tc.body != "" {
				assert.Equal(t, datasetName, out.DatasetName)
			}
		})
	}
}

func TestOptionsCopy(t *testing.T) {
	t.Parallel()
	c := client.New(aws.Config{Region: region})
	o := c.Options()
	assert.Equal(t, region, o.Region)
	assert.NotNil(t, o.Retryer)
	assert.NotNil(t, o.HTTPClient)
	assert.Nil(t, o.BaseEndpoint)
	assert.True(t, strings.HasPrefix(client.ServiceID, "Lookout"))
}

// TestConcurrentCalls: one client, many goroutines; each call signed,
// verified and answered with its own dataset.
func TestConcurrentCalls(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	srv := rec.serve(t, lookout.Service{
		DescribeDataset: func(_ context.Context, r *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return &lookout.DescribeDatasetResponse{DatasetName: r.DatasetName}, nil
		},
	})
	c := newClient(srv)
	var wg sync.WaitGroup
	errs := make(chan error, 8*10)
	for g := range 8 {
		wg.Go(func() {
			for i := range 10 {
				name := "ds-" + string(rune('a'+g)) + "-" + string(rune('0'+i))
				out, err := c.DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: name})
				if err == nil && out.DatasetName != name {
					err = errors.New("answer of another call: " + out.DatasetName)
				}
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	for _, a := range rec.seen() {
		assert.NoError(t, a.verifyErr)
	}
	assert.Len(t, rec.seen(), 80)
}

// TestSecurityToken: temporary credentials' security token is sent signed,
// and the server's Verifier accepts it without checking it.
func TestSecurityToken(t *testing.T) {
	t.Parallel()
	tokens := make(chan string, 1)
	rec := &recorder{before: func(_ int, _ http.ResponseWriter, r *http.Request) bool {
		tokens <- r.Header.Get("X-Amz-Security-Token")
		return false
	}}
	srv := rec.serve(t, lookout.Service{
		DescribeDataset: func(context.Context, *lookout.DescribeDatasetRequest) (*lookout.DescribeDatasetResponse, error) {
			return &lookout.DescribeDatasetResponse{}, nil
		},
	})
	c := newClient(srv, func(o *client.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider(keyID, secret, "FQoGZXIvYXdzEPT//////////wEaDEXAMPLE")
	})
	_, err := c.DescribeDataset(context.Background(), &lookout.DescribeDatasetRequest{DatasetName: datasetName})
	require.NoError(t, err)
	assert.Equal(t, "FQoGZXIvYXdzEPT//////////wEaDEXAMPLE", <-tokens)
	require.Len(t, rec.seen(), 1)
	assert.Contains(t, rec.seen()[0].auth, "x-amz-security-token")
}
