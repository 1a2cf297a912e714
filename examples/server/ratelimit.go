package main

import (
	"net/http"
	"sync"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// tokenBucket is a rate limiter: it holds up to burst tokens, gains rate
// tokens per second, and each request allowed takes one. It is safe for
// concurrent use.
type tokenBucket struct {
	rate  float64 // tokens per second, > 0
	burst float64 // capacity, >= 1
	now   func() time.Time

	mu     sync.Mutex
	tokens float64
	last   time.Time // when tokens was last brought up to date
}

// newTokenBucket returns a full bucket. rate must be positive and burst at
// least 1; now nil means time.Now.
func newTokenBucket(rate float64, burst int, now func() time.Time) *tokenBucket {
	if now == nil {
		now = time.Now
	}
	return &tokenBucket{rate: rate, burst: float64(burst), now: now, tokens: float64(burst), last: now()}
}

// allow takes a token and reports true, or reports false when the bucket is
// empty.
func (b *tokenBucket) allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if elapsed := now.Sub(b.last); elapsed > 0 {
		// A clock going backwards adds nothing.
		b.tokens = min(b.burst, b.tokens+elapsed.Seconds()*b.rate)
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// throttleMessage is the Message of the ThrottlingException that a request
// beyond the rate gets.
const throttleMessage = "Rate exceeded"

// throttle answers ThrottlingException to the requests that find b empty,
// before reading them, with a request id of their own in x-amzn-RequestId,
// and passes the others to next.
func throttle(b *tokenBucket, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !b.allow() {
			// Every answer carries a request id, as lookout's handler
			// gives its own.
			w.Header().Set(requestIDHeader, lookout.NewClientToken())
			lookout.WriteError(w, &lookout.ThrottlingException{Message: throttleMessage})
			return
		}
		next.ServeHTTP(w, r)
	})
}
