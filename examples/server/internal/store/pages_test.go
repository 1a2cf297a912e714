package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJobPagesFresh: the pages ListJobs caches are never given once a job
// is started or finished, or its dataset deleted and made again.
func TestJobPagesFresh(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxPending = 0
	s := openMemory(t, opts)
	ctx := context.Background()
	_, _, err := s.CreateDataset(ctx, NewDataset{Name: "pumps"})
	require.NoError(t, err)
	statuses := func(f JobFilter) []JobStatus {
		t.Helper()
		var out []JobStatus
		for range 2 { // the second read is the cache's
			list, _, err := s.ListJobs(ctx, f, Page{})
			require.NoError(t, err)
			out = out[:0]
			for _, j := range list {
				out = append(out, j.Status)
			}
		}
		return out
	}
	mine := JobFilter{Dataset: "pumps"}
	running := JobFilter{Dataset: "pumps", Status: JobInProgress}
	assert.Empty(t, statuses(mine))
	assert.Empty(t, statuses(JobFilter{}))

	job, _, err := s.StartJob(ctx, NewJob{Dataset: "pumps", Input: input("b")})
	require.NoError(t, err)
	assert.Equal(t, []JobStatus{JobInProgress}, statuses(mine))
	assert.Equal(t, []JobStatus{JobInProgress}, statuses(running))
	assert.Equal(t, []JobStatus{JobInProgress}, statuses(JobFilter{}))

	_, err = s.FinishJob(ctx, job.ID, Outcome{Status: JobSuccess})
	require.NoError(t, err)
	assert.Equal(t, []JobStatus{JobSuccess}, statuses(mine))
	assert.Empty(t, statuses(running))
	assert.Equal(t, []JobStatus{JobSuccess}, statuses(JobFilter{}))

	require.NoError(t, s.DeleteDataset(ctx, "pumps"))
	_, _, err = s.ListJobs(ctx, mine, Page{})
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Empty(t, statuses(JobFilter{}))
	_, _, err = s.CreateDataset(ctx, NewDataset{Name: "pumps"})
	require.NoError(t, err)
	assert.Empty(t, statuses(mine))
	_, _, err = s.StartJob(ctx, NewJob{Dataset: "pumps", Input: input("b")})
	require.NoError(t, err)
	assert.Equal(t, []JobStatus{JobInProgress}, statuses(mine))
}

// TestJobPagesBounded: the cache holds at most maxCachedSummaries
// summaries, and a page it gives is the caller's.
func TestJobPagesBounded(t *testing.T) {
	t.Parallel()
	var c jobPages
	page := make([]JobSummary, 500)
	for i := range 100 {
		c.fill(pageKey{after: int64(i)}, 1, page, "")
		assert.LessOrEqual(t, c.items, maxCachedSummaries)
	}
	prefix := "in/"
	c.fill(pageKey{dataset: "d"}, 2, []JobSummary{{ID: "a", Input: JobInput{Prefix: &prefix}}}, "next")
	out, next, ok := c.get(pageKey{dataset: "d"}, 2)
	require.True(t, ok)
	assert.Equal(t, "next", next)
	out[0].ID = "changed"
	*out[0].Input.Prefix = "changed"
	again, _, _ := c.get(pageKey{dataset: "d"}, 2)
	assert.Equal(t, "a", again[0].ID)
	assert.Equal(t, "in/", *again[0].Input.Prefix)
	_, _, ok = c.get(pageKey{dataset: "d"}, 3)
	assert.False(t, ok, "another generation")
}

// TestCloneSummaries: a copy of a page shares nothing that can be
// modified with it; absent pointers stay absent.
func TestCloneSummaries(t *testing.T) {
	t.Parallel()
	in := []JobSummary{
		{ID: "a", Input: JobInput{Bucket: "b", Prefix: ptr("p/"), KeyPattern: ptr("{prefix}")}},
		{ID: "b", Input: JobInput{Bucket: "b"}},
		{ID: "c", Input: JobInput{Bucket: "b", KeyPattern: ptr("k")}},
	}
	out := cloneSummaries(in)
	require.Equal(t, in, out)
	*out[0].Input.Prefix, *out[0].Input.KeyPattern, *out[2].Input.KeyPattern = "x", "y", "z"
	out[1].ID = "changed"
	assert.Equal(t, "p/", *in[0].Input.Prefix)
	assert.Equal(t, "{prefix}", *in[0].Input.KeyPattern)
	assert.Equal(t, "k", *in[2].Input.KeyPattern)
	assert.Equal(t, "b", in[1].ID)
	assert.Nil(t, out[1].Input.Prefix)
	assert.Nil(t, out[1].Input.KeyPattern)
	assert.Nil(t, out[2].Input.Prefix)
	assert.Empty(t, cloneSummaries(nil))
}
