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
	a, _ := newTestApp(t, testConfig(), "pump-station_7", "pumps-2")

	first := startJob(t, a.handler, validRequest("token-1").JSON(t))
	second := startJob(t, a.handler, onDataset(t, "token-2", "pumps-2"))

	assert.True(t, isJobID(*first.JobId), "JobId %q: 32 lowercase hexadecimal digits", *first.JobId)
	assert.True(t, isJobID(*second.JobId), "JobId %q: 32 lowercase hexadecimal digits", *second.JobId)
	assert.NotEqual(t, first.JobId, second.JobId)
	assert.Equal(t, lookout.IngestionJobStatusInProgress, first.Status)
	assert.Equal(t, lookout.IngestionJobStatusInProgress, second.Status)
	assert.NoError(t, first.Validate())
	assert.Equal(t, 2, jobCount(t, a))
}

func TestSameTokenSameParametersSameJob(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig(), "pump-station_7")

	first := startJob(t, a.handler, validRequest("token-1").JSON(t))
	// The same parameters, keys in another order and spaced otherwise.
	reordered := `{"RoleArn": "arn:aws:iam::123456789012:role/LookoutEquipmentIngestion",
		"IngestionInputConfiguration": {"S3InputConfiguration": {"Prefix": "plant-1/pumps/", "Bucket": "sensor-data.example"}},
		"DatasetName": "pump-station_7", "ClientToken": "token-1"}`
	again := startJob(t, a.handler, reordered)

	assert.Equal(t, first, again)
	assert.Equal(t, 1, jobCount(t, a))
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.rate = 2
	cfg.burst = 2
	cfg.maxPending = 0
	datasets := []string{"d1", "d2", "d3", "d4", "d5", "d6"}
	a, clock := newTestApp(t, cfg, datasets...)
	throttled := answer{
		Status:    http.StatusBadRequest,
		ErrorType: lookout.CodeThrottling,
		Body:      errorBody(t, lookout.CodeThrottling, "Rate exceeded"),
	}
	send := func(i int) answer {
		return read(t, post(t, a.handler, onDataset(t, "token-"+datasets[i-1], datasets[i-1])))
	}

	// The burst, then nothing until the bucket refills.
	assert.Equal(t, http.StatusOK, send(1).Status)
	assert.Equal(t, http.StatusOK, send(2).Status)
	assert.Equal(t, throttled, send(3))

	// At 2 per second, half a second gives one request.
	clock.Advance(500 * time.Millisecond)
	assert.Equal(t, http.StatusOK, send(3).Status)
	assert.Equal(t, throttled, send(4))

	// A long pause refills the bucket to its burst, no further.
	clock.Advance(time.Hour)
	assert.Equal(t, http.StatusOK, send(4).Status)
	assert.Equal(t, http.StatusOK, send(5).Status)
	assert.Equal(t, throttled, send(6))

	// Throttled requests were not read: they started no job.
	assert.Equal(t, 5, jobCount(t, a))
}

func TestSameTokenConcurrently(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig(), "pump-station_7")
	body := validRequest("token-1").JSON(t)

	const n = 32
	got := make([]lookout.StartDataIngestionJobResponse, n)
	codes := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			a := read(t, post(t, a.handler, body))
			codes[i] = a.Status
			if a.Status == http.StatusOK {
				got[i] = decodeStart(t, a.Body)
			}
		}()
	}
	close(start)
	wg.Wait()

	assert.Equal(t, 1, jobCount(t, a))
	require.True(t, isJobID(*got[0].JobId), "JobId %q", *got[0].JobId)
	for i := range got {
		assert.Equal(t, http.StatusOK, codes[i], "response %d", i)
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
			a, _ := newTestApp(t, testConfig(), "pump-station_7")
			first := startJob(t, a.handler, tt.first)
			if tt.same {
				assert.Equal(t, first, startJob(t, a.handler, tt.second))
			} else {
				got := read(t, post(t, a.handler, tt.second))
				assert.Equal(t, answer{http.StatusBadRequest, lookout.CodeConflict,
					errorBody(t, lookout.CodeConflict, conflictMessage)}, got)
				assert.NotContains(t, got.Body, *first.JobId, "the conflict names no job")
			}
			assert.Equal(t, 1, jobCount(t, a))
		})
	}
}
