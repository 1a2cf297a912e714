package store

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJobCache(t *testing.T) {
	t.Parallel()
	c := newJobCache(3)
	job := func(id string, status JobStatus) Job { return Job{ID: id, Status: status, Result: []byte(id)} }

	// A fill that raced with a change of the job is dropped.
	gen := c.generation()
	c.changed(job("a", JobSuccess), true)
	c.fill(gen, job("a", JobInProgress))
	got, ok := c.get("a")
	assert.True(t, ok)
	assert.Equal(t, JobSuccess, got.Status)

	// A fill with no change since its generation lands.
	c.fill(c.generation(), job("b", JobInProgress))
	_, ok = c.get("b")
	assert.True(t, ok)

	// The returned Result is a copy.
	got.Result[0] = 'x'
	again, _ := c.get("a")
	assert.Equal(t, "a", string(again.Result))

	// Bounded: the oldest entries go first.
	for i := range 5 {
		c.changed(job(fmt.Sprint("n", i), JobInProgress), false)
	}
	assert.Len(t, c.m, 3)
	for _, id := range []string{"a", "b", "n0", "n1"} {
		_, ok := c.get(id)
		assert.False(t, ok, id)
	}
	for _, id := range []string{"n2", "n3", "n4"} {
		_, ok := c.get(id)
		assert.True(t, ok, id)
	}

	// A purge empties it and voids pending fills.
	gen = c.generation()
	c.purge()
	c.fill(gen, job("z", JobSuccess))
	assert.Empty(t, c.m)
	_, ok = c.get("n4")
	assert.False(t, ok)
}
