package main

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// serializationMessage is the Message of the SerializationException that
// body gets: what the strict reader says about it.
func serializationMessage(t *testing.T, body string) string {
	t.Helper()
	_, err := lookout.DecodeRequest([]byte(body), new(lookout.StartDataIngestionJobRequest))
	var se *lookout.SerializationException
	require.ErrorAs(t, err, &se)
	return se.Message
}

// conflictMessage is the Message of the ConflictException for a known
// ClientToken with other parameters: it names no job.
const conflictMessage = "The ClientToken was already used to start a data ingestion job with different parameters"

// onDataset is the body of a valid request for dataset.
func onDataset(t *testing.T, token, dataset string) string {
	r := validRequest(token)
	r.DatasetName = dataset
	return r.JSON(t)
}

// TestErrors sends, for each behaviour, the requests that set the scene
// (each must succeed) and then the one that must fail, and checks the whole
// answer: status, X-Amzn-ErrorType and body.
func TestErrors(t *testing.T) {
	t.Parallel()
	withPrefix := func(token, prefix string) string {
		r := validRequest(token)
		r.Prefix = prefix
		return r.JSON(t)
	}
	tests := []struct {
		name     string
		config   func(*config)
		datasets []string // the datasets that exist; pump-station_7 when nil
		before   []string // requests that must succeed first
		body     string
		// want returns the answer, given the jobs the requests before
		// started.
		want func(jobs []lookout.StartDataIngestionJobResponse) answer
	}{
		{
			name:     "dataset that does not exist",
			datasets: []string{"pump-station_7", "turbines"},
			body: func() string {
				r := validRequest("token-1")
				r.DatasetName = "compressors"
				return r.JSON(t)
			}(),
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeResourceNotFound,
					errorBody(t, lookout.CodeResourceNotFound, "Dataset compressors does not exist")}
			},
		},
		{
			name:   "same ClientToken, another prefix",
			before: []string{validRequest("token-1").JSON(t)},
			body:   withPrefix("token-1", "plant-2/pumps/"),
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeConflict, errorBody(t, lookout.CodeConflict,
					conflictMessage)}
			},
		},
		{
			name:   "same ClientToken, prefix left out",
			before: []string{validRequest("token-1").JSON(t)},
			body:   withPrefix("token-1", ""),
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeConflict, errorBody(t, lookout.CodeConflict,
					conflictMessage)}
			},
		},
		{
			name:   "same ClientToken, another dataset that does not exist",
			before: []string{validRequest("token-1").JSON(t)},
			body: func() string {
				r := validRequest("token-1")
				r.DatasetName = "compressors"
				return r.JSON(t)
			}(),
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeConflict, errorBody(t, lookout.CodeConflict,
					conflictMessage)}
			},
		},
		{
			name:     "pending jobs at the quota",
			config:   func(c *config) { c.maxPending = 2 },
			datasets: []string{"pumps-1", "pumps-2", "pumps-3"},
			before:   []string{onDataset(t, "token-1", "pumps-1"), onDataset(t, "token-2", "pumps-2")},
			body:     onDataset(t, "token-3", "pumps-3"),
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeServiceQuotaExceeded, errorBody(t,
					lookout.CodeServiceQuotaExceeded, "The number of pending data ingestion jobs has reached the quota of 2")}
			},
		},
		{
			name:   "a second ingestion while one runs",
			before: []string{validRequest("token-1").JSON(t)},
			body:   validRequest("token-2").JSON(t),
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeConflict, errorBody(t, lookout.CodeConflict,
					"Dataset pump-station_7 has a data ingestion job in progress")}
			},
		},
		{
			name:     "beyond the rate",
			config:   func(c *config) { c.rate, c.burst = 1, 1 },
			datasets: []string{"pump-station_7", "pumps-2"},
			before:   []string{validRequest("token-1").JSON(t)},
			body:     onDataset(t, "token-2", "pumps-2"),
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeThrottling,
					errorBody(t, lookout.CodeThrottling, "Rate exceeded")}
			},
		},
		{
			name: "ClientToken absent: required on the wire",
			body: validRequest("").JSON(t),
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeValidation, errorBody(t, lookout.CodeValidation,
					"1 validation error detected: Value null at 'clientToken' failed to satisfy constraint: Member must not be null")}
			},
		},
		{
			name: "several violations",
			body: func() string {
				r := validRequest("token-1")
				r.Bucket = "ab"
				r.RoleArn = "arn:aws:iam::1234:role/x"
				return r.JSON(t)
			}(),
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeValidation, errorBody(t, lookout.CodeValidation,
					"3 validation errors detected: "+
						"Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: "+
						"Member must have length greater than or equal to 3; "+
						"Value 'ab' at 'ingestionInputConfiguration.s3InputConfiguration.bucket' failed to satisfy constraint: "+
						`Member must satisfy regular expression pattern: ^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$; `+
						"Value 'arn:aws:iam::1234:role/x' at 'roleArn' failed to satisfy constraint: "+
						"Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+")}
			},
		},
		{
			name: "malformed JSON",
			body: `{"ClientToken": "token-1",}`,
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeSerialization, errorBody(t, lookout.CodeSerialization,
					serializationMessage(t, `{"ClientToken": "token-1",}`))}
			},
		},
		{
			name: "miscased member",
			body: `{"clientToken": "token-1"}`,
			want: func([]lookout.StartDataIngestionJobResponse) answer {
				return answer{http.StatusBadRequest, lookout.CodeSerialization, errorBody(t, lookout.CodeSerialization,
					serializationMessage(t, `{"clientToken": "token-1"}`))}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := testConfig()
			if tt.config != nil {
				tt.config(&cfg)
				require.NoError(t, finish(&cfg, nil))
			}
			datasets := tt.datasets
			if datasets == nil {
				datasets = []string{"pump-station_7"}
			}
			a, _ := newTestApp(t, cfg, datasets...)
			var jobs []lookout.StartDataIngestionJobResponse
			for _, body := range tt.before {
				jobs = append(jobs, startJob(t, a.handler, body))
			}
			jobsBefore := jobCount(t, a)

			got := read(t, post(t, a.handler, tt.body))

			assert.Equal(t, tt.want(jobs), got)
			for _, j := range jobs {
				assert.NotContains(t, got.Body, *j.JobId, "an error names no other caller's job")
			}
			assert.Equal(t, jobsBefore, jobCount(t, a), "a failed request starts no job")
		})
	}
}

// TestErrorsReadByClient checks that a client of the wire reads the
// server's errors as the taxonomy's types.
func TestErrorsReadByClient(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig(), "turbines")

	resp := post(t, a.handler, validRequest("token-1").JSON(t))
	defer resp.Body.Close()
	err := lookout.ErrorFromResponse(resp)

	var rnf *lookout.ResourceNotFoundException
	require.ErrorAs(t, err, &rnf)
	assert.Equal(t, "Dataset pump-station_7 does not exist", rnf.Message)
	assert.False(t, lookout.IsRetryable(err))
}
