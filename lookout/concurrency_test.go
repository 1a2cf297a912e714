package lookout_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// concurrencyToken is the ClientToken of goroutine g's request of round i:
// start answers with a JobId made of its hexadecimal digits, so that each
// answer can be matched to its request.
func concurrencyToken(g, i int) string { return fmt.Sprintf("%08x-%08x", g, i) }

// concurrencyJobID is the JobId that start answers for token: its
// hexadecimal digits, or none (an absent JobId) when it has other
// characters or too many.
func concurrencyJobID(token string) string {
	id := strings.ReplaceAll(token, "-", "")
	if lookout.CheckJobId(id) != nil {
		return ""
	}
	return id
}

// TestConcurrentUse validates, decodes and serves from many goroutines at
// once, through shared requests, bodies, one validator (validate.Struct's)
// and one handler, served both directly and over HTTP; run it with -race.
// Every result must be exactly the one computed beforehand, on one
// goroutine.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	const goroutines, rounds = 32, 30

	var calls atomic.Int64
	h := handlerStart(func(ctx context.Context, r *lookout.StartDataIngestionJobRequest) (*lookout.StartDataIngestionJobResponse, error) {
		calls.Add(1)
		if err := r.Validate(); err != nil {
			return nil, fmt.Errorf("start got an invalid request: %w", err) // answered 500: fails the test
		}
		return &lookout.StartDataIngestionJobResponse{
			JobId: new(concurrencyJobID(r.ClientToken)), Status: lookout.IngestionJobStatusInProgress,
		}, nil
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := srv.Client()

	// Shared inputs, and what each must give.
	valid := testcases.Valid()
	validBody, err := json.Marshal(valid)
	require.NoError(t, err)
	type sharedCase struct {
		req        *lookout.StartDataIngestionJobRequest
		validate   error // of req.Validate
		structErr  error // of validate.Struct(req)
		body       []byte
		decoded    *lookout.StartDataIngestionJobRequest // DecodeRequest(body)
		decodeErr  error
		served     error // what the handler answers for body: nil for a 200
		servedCode string
	}
	var shared []sharedCase
	for _, c := range testcases.Requests {
		r := c.Request()
		sc := sharedCase{req: r, validate: r.Validate(), structErr: validate.Struct(r)}
		sc.body, err = json.Marshal(r)
		require.NoError(t, err)
		sc.decoded, sc.decodeErr = wireDecodeStart(sc.body)
		switch {
		case sc.decodeErr != nil:
			sc.served, sc.servedCode = sc.decodeErr, lookout.CodeSerialization
		case sc.decoded.Validate() != nil:
			sc.served, sc.servedCode = sc.decoded.Validate(), lookout.CodeValidation
		}
		shared = append(shared, sc)
	}
	malformed := []byte(`{"DatasetName":"a","DatasetName":"b"}`)
	_, wantMalformed := wireDecodeStart(malformed)
	require.Error(t, wantMalformed)
	checks := []struct {
		check func(string) error
		value string
		want  error
	}{
		{lookout.CheckClientToken, valid.ClientToken, nil},
		{lookout.CheckDatasetName, "pump station", lookout.CheckDatasetName("pump station")},
		{lookout.CheckBucket, "Sensor_Data", lookout.CheckBucket("Sensor_Data")},
		{lookout.CheckPrefix, "plant-1/", nil},
		{lookout.CheckKeyPattern, "{prefix}/*", lookout.CheckKeyPattern("{prefix}/*")},
		{lookout.CheckRoleArn, valid.RoleArn + "\u2028", lookout.CheckRoleArn(valid.RoleArn + "\u2028")},
		{lookout.CheckJobId, "0123456789abcdef", nil},
		{func(s string) error { return lookout.CheckJobStatus(lookout.IngestionJobStatus(s)) }, "DONE",
			lookout.CheckJobStatus("DONE")},
	}

	// post sends body to the shared handler: over HTTP when remote, else
	// with ServeHTTP and a recorder.
	post := func(body []byte, remote bool) (status int, code string, resp lookout.StartDataIngestionJobResponse, werr error) {
		var res *http.Response
		if remote {
			r, err := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
			if !assert.NoError(t, err) {
				return 0, "", resp, nil
			}
			r.Header.Set("Content-Type", lookout.ContentType)
			r.Header.Set("X-Amz-Target", lookout.TargetStartDataIngestionJob)
			res, err = client.Do(r)
			if !assert.NoError(t, err) {
				return 0, "", resp, nil
			}
			defer res.Body.Close()
		} else {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, hostileHTTPRequest(string(body), true))
			res = rec.Result()
		}
		if res.StatusCode != http.StatusOK {
			return res.StatusCode, res.Header.Get("X-Amzn-ErrorType"), resp, lookout.ErrorFromResponse(res)
		}
		assert.NoError(t, json.NewDecoder(res.Body).Decode(&resp))
		return res.StatusCode, "", resp, nil
	}

	var served atomic.Int64 // the valid requests sent to the handler
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				// A request of this goroutine's own, changed each round.
				own := testcases.Valid()
				own.ClientToken = concurrencyToken(g, i)
				own.DatasetName = fmt.Sprintf("dataset-%d-%d", g, i)
				assert.NoError(t, own.Validate())
				assert.NoError(t, validate.Struct(own))

				sc := shared[(g+i)%len(shared)]
				assert.Equal(t, sc.validate, sc.req.Validate())
				assert.Equal(t, sc.structErr, validate.Struct(sc.req))
				for _, c := range checks {
					assert.Equal(t, c.want, c.check(c.value))
				}

				dec, err := wireDecodeStart(sc.body)
				assert.Equal(t, sc.decodeErr, err)
				assert.Equal(t, sc.decoded, dec)
				dec, err = wireDecodeStart(validBody)
				if assert.NoError(t, err) {
					assert.Equal(t, valid, dec)
				}
				_, err = wireDecodeStart(malformed)
				assert.Equal(t, wantMalformed, err)

				remote := i%3 == 0
				ownBody, err := json.Marshal(own)
				assert.NoError(t, err)
				status, code, resp, werr := post(ownBody, remote)
				served.Add(1)
				assert.Equal(t, http.StatusOK, status, "%v", werr)
				assert.Empty(t, code)
				assert.Equal(t, lookout.StartDataIngestionJobResponse{
					JobId: new(concurrencyJobID(own.ClientToken)), Status: lookout.IngestionJobStatusInProgress,
				}, resp)

				status, code, _, werr = post(sc.body, !remote)
				if sc.served == nil {
					served.Add(1)
					assert.Equal(t, http.StatusOK, status, "%v", werr)
				} else {
					assert.Equal(t, http.StatusBadRequest, status)
					assert.Equal(t, sc.servedCode, code)
					assert.Equal(t, sc.served.Error(), fmt.Sprint(werr))
				}

				status, code, _, werr = post(malformed, remote)
				assert.Equal(t, http.StatusBadRequest, status)
				assert.Equal(t, lookout.CodeSerialization, code)
				assert.Equal(t, wantMalformed.Error(), fmt.Sprint(werr))
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, served.Load(), calls.Load(), "start is called once for each valid request, and only for those")
	assert.GreaterOrEqual(t, calls.Load(), int64(goroutines*rounds))
}
