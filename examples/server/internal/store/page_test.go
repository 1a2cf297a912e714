package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startFinished makes n finished jobs on the dataset, the even ones
// SUCCESS and the odd ones FAILED, and returns their ids in order.
func startFinished(t testing.TB, s *Store, dataset string, n int) []string {
	t.Helper()
	ctx := context.Background()
	ids := make([]string, n)
	for i := range n {
		job, _, err := s.StartJob(ctx, NewJob{Dataset: dataset, ClientToken: fmt.Sprint(dataset, "-", i), Input: input("b")})
		require.NoError(t, err)
		status := JobSuccess
		if i%2 == 1 {
			status = JobFailed
		}
		_, err = s.FinishJob(ctx, job.ID, Outcome{Status: status})
		require.NoError(t, err)
		ids[i] = job.ID
	}
	return ids
}

func TestListDatasets(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxDatasets = 0
	s := openMemory(t, opts)
	ctx := context.Background()
	names := []string{"a", "pump-1", "pump-10", "pump-2", "pump.", "pumpx", "z"}
	for _, name := range []string{"z", "pump-2", "a", "pump-10", "pumpx", "pump-1", "pump."} {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: name})
		require.NoError(t, err)
	}
	for _, tc := range []struct {
		prefix string
		limit  int
		want   []string
	}{
		{"", 0, names},
		{"", 1, names},
		{"", 3, names},
		{"pump-", 2, []string{"pump-1", "pump-10", "pump-2"}},
		{"pump", 500, []string{"pump-1", "pump-10", "pump-2", "pump.", "pumpx"}},
		{"q", 1, nil},
		{"z", 1, []string{"z"}},
	} {
		var got []string
		token, pages := "", 0
		for {
			page, next, err := s.ListDatasets(ctx, DatasetFilter{NameBeginsWith: tc.prefix}, Page{Limit: tc.limit, Token: token})
			require.NoError(t, err)
			pages++
			for _, d := range page {
				got = append(got, d.Name)
				assert.Equal(t, DatasetCreated, d.Status)
				assert.NotEmpty(t, d.ARN)
			}
			if next == "" {
				break
			}
			require.LessOrEqual(t, pages, 10)
			token = next
		}
		assert.Equal(t, tc.want, got, "prefix %q limit %d", tc.prefix, tc.limit)
	}
	for _, limit := range []int{-1, MaxPageSize + 1} {
		_, _, err := s.ListDatasets(ctx, DatasetFilter{}, Page{Limit: limit})
		var pe *PageLimitError
		require.ErrorAs(t, err, &pe)
	}
}

func TestListJobs(t *testing.T) {
	t.Parallel()
	s := openMemory(t, testOptions())
	ctx := context.Background()
	for _, name := range []string{"a", "b"} {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: name})
		require.NoError(t, err)
	}
	a := startFinished(t, s, "a", 7)
	b := startFinished(t, s, "b", 4)
	running, _, err := s.StartJob(ctx, NewJob{Dataset: "a", ClientToken: "run", Input: input("b")})
	require.NoError(t, err)

	every := func(ids []string, from int) []string {
		var out []string
		for i := from; i < len(ids); i += 2 {
			out = append(out, ids[i])
		}
		return out
	}
	for _, tc := range []struct {
		filter JobFilter
		want   []string
	}{
		{JobFilter{}, append(append(append([]string{}, a...), b...), running.ID)},
		{JobFilter{Dataset: "a"}, append(append([]string{}, a...), running.ID)},
		{JobFilter{Dataset: "b", Status: JobSuccess}, every(b, 0)},
		{JobFilter{Status: JobFailed}, append(every(a, 1), every(b, 1)...)},
		{JobFilter{Status: JobInProgress}, []string{running.ID}},
		{JobFilter{Dataset: "a", Status: JobInProgress}, []string{running.ID}},
	} {
		for _, limit := range []int{1, 2, 5, 50} {
			var got []string
			token := ""
			for {
				page, next, err := s.ListJobs(ctx, tc.filter, Page{Limit: limit, Token: token})
				require.NoError(t, err)
				require.LessOrEqual(t, len(page), limit)
				for _, j := range page {
					got = append(got, j.ID)
					if tc.filter.Status != "" {
						assert.Equal(t, tc.filter.Status, j.Status)
					}
					assert.Equal(t, input("b"), j.Input)
				}
				if next == "" {
					break
				}
				token = next
			}
			assert.Equal(t, tc.want, got, "%+v limit %d", tc.filter, limit)
		}
	}
	_, _, err = s.ListJobs(ctx, JobFilter{Dataset: "nope"}, Page{})
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, ResourceDataset, nf.Resource)
}

func TestListSensorStatistics(t *testing.T) {
	t.Parallel()
	s := openMemory(t, testOptions())
	ctx := context.Background()
	for _, name := range []string{"a", "b"} {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: name})
		require.NoError(t, err)
	}
	// No ingestion yet: no statistics.
	stats, next, err := s.ListSensorStatistics(ctx, StatisticsFilter{Dataset: "a"}, Page{})
	require.NoError(t, err)
	assert.Empty(t, stats)
	assert.Empty(t, next)

	var want [][]byte
	for i := range 7 {
		want = append(want, fmt.Appendf(nil, `{"SensorName":"s%d"}`, i))
	}
	job, _, err := s.StartJob(ctx, NewJob{Dataset: "a", ClientToken: "j", Input: input("b")})
	require.NoError(t, err)
	_, err = s.FinishJob(ctx, job.ID, Outcome{Status: JobSuccess, SensorStatistics: want})
	require.NoError(t, err)
	for _, f := range []StatisticsFilter{{Dataset: "a"}, {Dataset: "a", JobID: job.ID}} {
		for _, limit := range []int{1, 3, 7, 8} {
			var got [][]byte
			token := ""
			for {
				page, next, err := s.ListSensorStatistics(ctx, f, Page{Limit: limit, Token: token})
				require.NoError(t, err)
				got = append(got, page...)
				if next == "" {
					break
				}
				token = next
			}
			assert.Equal(t, want, got, "%+v limit %d", f, limit)
		}
	}
	var nf *NotFoundError
	_, _, err = s.ListSensorStatistics(ctx, StatisticsFilter{Dataset: "nope"}, Page{})
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, ResourceDataset, nf.Resource)
	// A job of another dataset is not found in this one.
	_, _, err = s.ListSensorStatistics(ctx, StatisticsFilter{Dataset: "b", JobID: job.ID}, Page{})
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, &NotFoundError{Resource: ResourceJob, Name: job.ID}, nf)
	_, _, err = s.ListSensorStatistics(ctx, StatisticsFilter{Dataset: "a", JobID: "0123456789abcdef0123456789abcdef"}, Page{})
	require.ErrorAs(t, err, &nf)
}

// TestForgedTokens: a token altered in any byte, cut, made up, made for
// another list, other filters or another database is refused with an
// *InvalidTokenError.
func TestForgedTokens(t *testing.T) {
	t.Parallel()
	s := openMemory(t, testOptions())
	other := openMemory(t, testOptions())
	ctx := context.Background()
	for _, st := range []*Store{s, other} {
		for _, name := range []string{"a", "b", "c"} {
			_, _, err := st.CreateDataset(ctx, NewDataset{Name: name})
			require.NoError(t, err)
		}
		startFinished(t, st, "a", 3)
	}
	_, dsToken, err := s.ListDatasets(ctx, DatasetFilter{}, Page{Limit: 1})
	require.NoError(t, err)
	require.NotEmpty(t, dsToken)
	_, jobToken, err := s.ListJobs(ctx, JobFilter{Dataset: "a"}, Page{Limit: 1})
	require.NoError(t, err)
	require.NotEmpty(t, jobToken)
	_, otherToken, err := other.ListDatasets(ctx, DatasetFilter{}, Page{Limit: 1})
	require.NoError(t, err)

	raw, err := base64.RawURLEncoding.DecodeString(dsToken)
	require.NoError(t, err)
	var forged []string
	for i := range raw {
		b := append([]byte(nil), raw...)
		b[i] ^= 0x01
		forged = append(forged, base64.RawURLEncoding.EncodeToString(b))
	}
	forged = append(forged,
		dsToken[:len(dsToken)-1],
		dsToken+"A",
		"x",
		"!!!!",
		base64.RawURLEncoding.EncodeToString([]byte("a")),      // a plain position
		base64.RawURLEncoding.EncodeToString(make([]byte, 64)), // zeros
		jobToken,   // another list
		otherToken, // another database
	)
	for _, token := range forged {
		_, _, err := s.ListDatasets(ctx, DatasetFilter{}, Page{Token: token})
		var ie *InvalidTokenError
		require.ErrorAs(t, err, &ie, "%q", token)
	}
	// Other filters than the token was made for.
	var ie *InvalidTokenError
	_, _, err = s.ListDatasets(ctx, DatasetFilter{NameBeginsWith: "a"}, Page{Token: dsToken})
	require.ErrorAs(t, err, &ie)
	_, _, err = s.ListJobs(ctx, JobFilter{Dataset: "a", Status: JobSuccess}, Page{Token: jobToken})
	require.ErrorAs(t, err, &ie)
	_, _, err = s.ListJobs(ctx, JobFilter{}, Page{Token: jobToken})
	require.ErrorAs(t, err, &ie)
	_, _, err = s.ListSensorStatistics(ctx, StatisticsFilter{Dataset: "a"}, Page{Token: jobToken})
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "invalid NextToken: not made for this list", ie.Error())
	// The genuine ones pass.
	_, _, err = s.ListDatasets(ctx, DatasetFilter{}, Page{Token: dsToken})
	require.NoError(t, err)
	_, _, err = s.ListJobs(ctx, JobFilter{Dataset: "a"}, Page{Token: jobToken})
	require.NoError(t, err)
}

// TestPaginationUnderInserts pages through the jobs while others are
// started: every job that existed before the listing began is listed once,
// nothing is listed twice, and the order is creation order.
func TestPaginationUnderInserts(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxDatasets, opts.MaxPending = 0, 0
	s, _ := openFile(t, opts)
	ctx := context.Background()
	const writers = 8
	for i := range writers {
		_, _, err := s.CreateDataset(ctx, NewDataset{Name: fmt.Sprint("d", i)})
		require.NoError(t, err)
	}
	var before []string
	for i := range writers {
		before = append(before, startFinished(t, s, fmt.Sprint("d", i), 25)...)
	}

	stop := make(chan struct{})
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }) }
	defer halt()
	var made atomic.Int64 // jobs started by the writers
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				job, _, err := s.StartJob(ctx, NewJob{Dataset: fmt.Sprint("d", w), ClientToken: fmt.Sprint("late-", w, "-", i), Input: input("b")})
				if !assert.NoError(t, err) {
					return
				}
				made.Add(1)
				_, err = s.FinishJob(ctx, job.ID, Outcome{Status: JobSuccess})
				if !assert.NoError(t, err) {
					return
				}
			}
		}()
	}
	seen := map[string]bool{}
	var order []string
	token := ""
	for pages := 0; ; pages++ {
		page, next, err := s.ListJobs(ctx, JobFilter{}, Page{Limit: 7, Token: token})
		require.NoError(t, err)
		for _, j := range page {
			require.False(t, seen[j.ID], "job %s listed twice", j.ID)
			seen[j.ID] = true
			order = append(order, j.ID)
		}
		// Let the writers start a job between pages, and stop them after
		// a while so that the listing ends.
		for pages < 20 && made.Load() <= int64(pages) {
			time.Sleep(time.Millisecond)
		}
		if pages == 20 {
			halt()
		}
		if next == "" {
			break
		}
		token = next
	}
	halt()
	wg.Wait()
	for _, id := range before {
		assert.True(t, seen[id], "job %s not listed", id)
	}
	assert.Equal(t, before, order[:len(before)])
	assert.Greater(t, len(order), len(before), "no job was started during the listing")
}
