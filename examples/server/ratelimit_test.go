package main

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestTokenBucket(t *testing.T) {
	t.Parallel()
	type step struct {
		advance time.Duration
		want    bool
	}
	tests := []struct {
		name  string
		rate  float64
		burst int
		steps []step
	}{
		{
			name: "burst, then one per interval", rate: 1, burst: 3,
			steps: []step{{0, true}, {0, true}, {0, true}, {0, false},
				{999 * time.Millisecond, false}, {time.Millisecond, true}, {0, false}},
		},
		{
			name: "refill stops at the burst", rate: 10, burst: 2,
			steps: []step{{0, true}, {0, true}, {0, false},
				{time.Minute, true}, {0, true}, {0, false}},
		},
		{
			name: "fractional rate", rate: 0.5, burst: 1,
			steps: []step{{0, true}, {time.Second, false}, {time.Second, true}, {0, false}},
		},
		{
			name: "tokens add up across calls", rate: 4, burst: 1,
			steps: []step{{0, true}, {100 * time.Millisecond, false}, {100 * time.Millisecond, false},
				{50 * time.Millisecond, true}, {0, false}},
		},
		{
			name: "a clock going backwards adds nothing", rate: 1, burst: 1,
			steps: []step{{0, true}, {-time.Hour, false}, {time.Hour, false}, {time.Second, true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			b := newTokenBucket(tt.rate, tt.burst, clock.Now)
			for i, s := range tt.steps {
				clock.Advance(s.advance)
				assert.Equal(t, s.want, b.allow(), "step %d", i)
			}
		})
	}
}

func TestTokenBucketConcurrent(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	b := newTokenBucket(1, 10, clock.Now)
	var allowed sync.WaitGroup
	var mu sync.Mutex
	n := 0
	for range 50 {
		allowed.Add(1)
		go func() {
			defer allowed.Done()
			if b.allow() {
				mu.Lock()
				n++
				mu.Unlock()
			}
		}()
	}
	allowed.Wait()
	assert.Equal(t, 10, n, "exactly the burst is allowed while the clock stands still")
}
