package store

import (
	"bytes"
	"sync"
)

// jobCacheSize bounds the jobs kept in memory for Job: clients poll the
// jobs they just started, which stay in the cache.
const jobCacheSize = 8192

// jobCache keeps the jobs most recently written or read, up to
// jobCacheSize, evicting the oldest entry first.
//
// A reader that misses reads the database and then fills the cache; a
// change to a job committed meanwhile would make that fill stale. Every
// change to existing jobs increments gen after its commit, and a fill only
// lands if gen is still the one the reader saw before it read.
type jobCache struct {
	mu   sync.RWMutex
	gen  uint64
	m    map[string]Job
	ring []string // the keys in order of insertion
	next int      // the ring's oldest slot
}

func newJobCache(size int) *jobCache {
	return &jobCache{m: make(map[string]Job, size), ring: make([]string, size)}
}

// get returns a copy of the cached job.
func (c *jobCache) get(id string) (Job, bool) {
	c.mu.RLock()
	j, ok := c.m[id]
	c.mu.RUnlock()
	if ok {
		j.Result = bytes.Clone(j.Result)
	}
	return j, ok
}

// generation returns the generation a reader must see again to fill.
func (c *jobCache) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

// fill caches a job read from the database if no change happened since
// generation gen.
func (c *jobCache) fill(gen uint64, j Job) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		c.put(j)
	}
}

// changed caches a job just committed; replaced says it changed a job that
// existed, so that pending fills are void.
func (c *jobCache) changed(j Job, replaced bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if replaced {
		c.gen++
	}
	c.put(j)
}

// purge empties the cache after jobs were deleted.
func (c *jobCache) purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.m)
	clear(c.ring)
	c.next = 0
}

// put caches a copy of j; c.mu is held.
func (c *jobCache) put(j Job) {
	j.Result = bytes.Clone(j.Result)
	if _, ok := c.m[j.ID]; ok {
		c.m[j.ID] = j
		return
	}
	if old := c.ring[c.next]; old != "" {
		delete(c.m, old)
	}
	c.ring[c.next] = j.ID
	c.next = (c.next + 1) % len(c.ring)
	c.m[j.ID] = j
}
