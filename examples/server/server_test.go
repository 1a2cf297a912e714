package main

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

func isJobID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return false
		}
	}
	return true
}

func TestNewJob(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig())

	first := startJob(t, a.handler, validRequest("token-1").JSON(t))
	second := startJob(t, a.handler, validRequest("token-2").JSON(t))

	assert.True(t, isJobID(first.JobId), "JobId %q: 32 lowercase hexadecimal digits", first.JobId)
	assert.True(t, isJobID(second.JobId), "JobId %q: 32 lowercase hexadecimal digits", second.JobId)
	assert.NotEqual(t, first.JobId, second.JobId)
	assert.Equal(t, lookout.IngestionJobStatusInProgress, first.Status)
	assert.Equal(t, lookout.IngestionJobStatusInProgress, second.Status)
	assert.NoError(t, first.Validate())
	assert.Equal(t, 2, a.store.jobCount())
}

func TestSameTokenSameParametersSameJob(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig())

	first := startJob(t, a.handler, validRequest("token-1").JSON(t))
	// The same parameters, keys in another order and spaced otherwise.
	reordered := `{"RoleArn": "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion",
		"IngestionInputConfiguration": {"S3InputConfiguration": {"Prefix": "plant-1/pumps/", "Bucket": "sensor-data.example"}},
		"DatasetName": "pump-station_7", "ClientToken": "token-1"}`
	again := startJob(t, a.handler, reordered)

	assert.Equal(t, first, again)
	assert.Equal(t, 1, a.store.jobCount())
}

func TestJobFinishesAfterJobDuration(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.jobDuration = 3 * time.Second
	a, clock := newTestApp(t, cfg)
	body := validRequest("token-1").JSON(t)

	started := startJob(t, a.handler, body)
	require.Equal(t, lookout.IngestionJobStatusInProgress, started.Status)

	clock.Advance(3*time.Second - time.Nanosecond)
	assert.Equal(t, lookout.StartDataIngestionJobResponse{JobId: started.JobId, Status: lookout.IngestionJobStatusInProgress},
		startJob(t, a.handler, body))

	clock.Advance(time.Nanosecond)
	assert.Equal(t, lookout.StartDataIngestionJobResponse{JobId: started.JobId, Status: lookout.IngestionJobStatusSuccess},
		startJob(t, a.handler, body))
	assert.Equal(t, 1, a.store.jobCount())
}

func TestZeroJobDurationFinishesAtOnce(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.jobDuration = 0
	cfg.maxPending = 1
	a, _ := newTestApp(t, cfg)

	// Finished jobs are not pending: the quota of one never applies.
	for _, token := range []string{"token-1", "token-2", "token-3"} {
		got := startJob(t, a.handler, validRequest(token).JSON(t))
		assert.Equal(t, lookout.IngestionJobStatusSuccess, got.Status)
	}
}

func TestQuotaCountsOnlyUnfinishedJobs(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.maxPending = 2
	cfg.jobDuration = 10 * time.Second
	a, clock := newTestApp(t, cfg)
	quota := answer{
		Status:    http.StatusBadRequest,
		ErrorType: lookout.CodeServiceQuotaExceeded,
		Body: errorBody(t, lookout.CodeServiceQuotaExceeded,
			"The number of pending data ingestion jobs has reached the quota of 2"),
	}

	first := startJob(t, a.handler, validRequest("token-1").JSON(t))
	clock.Advance(time.Second)
	startJob(t, a.handler, validRequest("token-2").JSON(t))
	assert.Equal(t, quota, read(t, post(t, a.handler, validRequest("token-3").JSON(t))))

	// A known token still gets its job: it starts none.
	assert.Equal(t, first, startJob(t, a.handler, validRequest("token-1").JSON(t)))

	// The first job finishes: one place is free, then none.
	clock.Advance(9 * time.Second)
	startJob(t, a.handler, validRequest("token-3").JSON(t))
	assert.Equal(t, quota, read(t, post(t, a.handler, validRequest("token-4").JSON(t))))
	assert.Equal(t, 3, a.store.jobCount())
}

func TestEveryDatasetExistsWithoutDatasetFlag(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig())
	for i, name := range []string{"pump-station_7", "x", "Another_dataset-2"} {
		req := validRequest("token-" + name)
		req.DatasetName = name
		got := startJob(t, a.handler, req.JSON(t))
		assert.True(t, isJobID(got.JobId), "request %d", i)
	}
}

func TestKnownDatasetStartsJob(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.datasets = []string{"pump-station_7", "turbines"}
	a, _ := newTestApp(t, cfg)
	req := validRequest("token-1")
	req.DatasetName = "turbines"
	got := startJob(t, a.handler, req.JSON(t))
	assert.Equal(t, lookout.IngestionJobStatusInProgress, got.Status)
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.rate = 2
	cfg.burst = 2
	cfg.maxPending = 0
	a, clock := newTestApp(t, cfg)
	throttled := answer{
		Status:    http.StatusBadRequest,
		ErrorType: lookout.CodeThrottling,
		Body:      errorBody(t, lookout.CodeThrottling, "Rate exceeded"),
	}
	send := func(token string) answer { return read(t, post(t, a.handler, validRequest(token).JSON(t))) }

	// The burst, then nothing until the bucket refills.
	assert.Equal(t, http.StatusOK, send("token-1").Status)
	assert.Equal(t, http.StatusOK, send("token-2").Status)
	assert.Equal(t, throttled, send("token-3"))

	// At 2 per second, half a second gives one request.
	clock.Advance(500 * time.Millisecond)
	assert.Equal(t, http.StatusOK, send("token-3").Status)
	assert.Equal(t, throttled, send("token-4"))

	// A long pause refills the bucket to its burst, no further.
	clock.Advance(time.Hour)
	assert.Equal(t, http.StatusOK, send("token-4").Status)
	assert.Equal(t, http.StatusOK, send("token-5").Status)
	assert.Equal(t, throttled, send("token-6"))

	// Throttled requests were not read: they started no job.
	assert.Equal(t, 5, a.store.jobCount())
}

func TestSameTokenConcurrently(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig())
	body := validRequest("token-1").JSON(t)

	const n = 32
	got := make([]lookout.StartDataIngestionJobResponse, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			resp := post(t, a.handler, body)
			got[i] = decodeJob(resp)
		}()
	}
	close(start)
	wg.Wait()

	assert.Equal(t, 1, a.store.jobCount())
	require.True(t, isJobID(got[0].JobId), "JobId %q", got[0].JobId)
	for i := range got {
		assert.Equal(t, got[0], got[i], "response %d", i)
	}
}

// TestSameJobAsTheServiceReadsIt checks that requests are compared as the
// service reads them: an absent member and its default are the same.
func TestSameJobAsTheServiceReadsIt(t *testing.T) {
	t.Parallel()
	body := func(s3 string) string {
		return `{"ClientToken": "token-1", "DatasetName": "pump-station_7",
			"RoleArn": "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion",
			"IngestionInputConfiguration": {"S3InputConfiguration": {"Bucket": "sensor-data.example"` + s3 + `}}}`
	}
	tests := []struct {
		name          string
		first, second string
		same          bool // false: ConflictException
	}{
		{"KeyPattern absent, then the default", body(``), body(`, "KeyPattern": "{prefix}/{component_name}/*"`), true},
		{"KeyPattern the default, then absent", body(`, "KeyPattern": "{prefix}/{component_name}/*"`), body(``), true},
		{"KeyPattern null, then the default", body(`, "KeyPattern": null`), body(`, "KeyPattern": "{prefix}/{component_name}/*"`), true},
		{"Prefix absent, then empty", body(``), body(`, "Prefix": ""`), true},
		{"Prefix empty, then absent", body(`, "Prefix": ""`), body(``), true},
		{"both absent, then both defaults", body(``), body(`, "Prefix": "", "KeyPattern": "{prefix}/{component_name}/*"`), true},
		{"KeyPattern absent, then another", body(``), body(`, "KeyPattern": "{prefix}/{component_name}_*"`), false},
		{"KeyPattern another, then absent", body(`, "KeyPattern": "{prefix}/{component_name}.*"`), body(``), false},
		{"Prefix absent, then given", body(``), body(`, "Prefix": "plant-1/"`), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, _ := newTestApp(t, testConfig())
			first := startJob(t, a.handler, tt.first)
			if tt.same {
				assert.Equal(t, first, startJob(t, a.handler, tt.second))
			} else {
				got := read(t, post(t, a.handler, tt.second))
				assert.Equal(t, answer{http.StatusBadRequest, lookout.CodeConflict,
					errorBody(t, lookout.CodeConflict, conflictMessage)}, got)
				assert.NotContains(t, got.Body, first.JobId, "the conflict names no job")
			}
			assert.Equal(t, 1, a.store.jobCount())
		})
	}
}
