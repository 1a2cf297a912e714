package store

import (
	"slices"
	"sync"
)

// jobPages caches the pages of ListJobs last read, so that clients
// polling the jobs of a dataset (ListDataIngestionJobs) do not query the
// database each time.
//
// A page is cached with the generation of its dataset's jobs (of every job
// for a list of all datasets) that the reader saw before it read the
// database: every record the writer applies after a commit (a job started
// or finished, a dataset made, changed or deleted) moves the generations
// it concerns on, before the change is acknowledged, so that a page of an
// older generation is never given again. A reader that saw the old
// generation and read the new state fills a page that is stale at once,
// never one that is wrong.
//
// The cache holds at most maxCachedSummaries summaries in all, whatever
// the number of jobs: when a page would go beyond, it starts again empty.
type jobPages struct {
	mu    sync.Mutex
	m     map[pageKey]cachedPage
	items int
}

// maxCachedSummaries bounds the summaries the cache holds (about 300 bytes
// each).
const maxCachedSummaries = 16384

// pageKey is a page's request.
type pageKey struct {
	dataset string
	status  JobStatus
	after   int64
	limit   int
}

type cachedPage struct {
	gen  uint64
	out  []JobSummary // shared: copied out
	next string
}

// get returns a copy of the page of key at generation gen, if cached.
func (c *jobPages) get(key pageKey, gen uint64) ([]JobSummary, string, bool) {
	c.mu.Lock()
	p, ok := c.m[key]
	c.mu.Unlock()
	if !ok || p.gen != gen {
		return nil, "", false
	}
	return cloneSummaries(p.out), p.next, true
}

// fill caches the page of key read at generation gen.
func (c *jobPages) fill(key pageKey, gen uint64, out []JobSummary, next string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.items+len(out) > maxCachedSummaries {
		c.m, c.items = make(map[pageKey]cachedPage), 0
	}
	if old, ok := c.m[key]; ok {
		if old.gen >= gen {
			return
		}
		c.items -= len(old.out)
	}
	c.m[key] = cachedPage{gen: gen, out: cloneSummaries(out), next: next}
	c.items += len(out)
}

// cloneSummaries returns a copy of js that shares nothing with it that can
// be modified, in two allocations: the summaries, and the strings their
// pointers point to.
func cloneSummaries(js []JobSummary) []JobSummary {
	out := slices.Clone(js)
	n := 0
	for i := range out {
		if out[i].Input.Prefix != nil {
			n++
		}
		if out[i].Input.KeyPattern != nil {
			n++
		}
	}
	if n == 0 {
		return out
	}
	strs := make([]string, 0, n)
	for i := range out {
		in := &out[i].Input
		if in.Prefix != nil {
			strs = append(strs, *in.Prefix)
			in.Prefix = &strs[len(strs)-1]
		}
		if in.KeyPattern != nil {
			strs = append(strs, *in.KeyPattern)
			in.KeyPattern = &strs[len(strs)-1]
		}
	}
	return out
}
