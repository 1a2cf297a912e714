package main

import (
	"log/slog"
	"net/http"
	"time"
)

// errorTypeHeader is the header that names the error of an error response.
const errorTypeHeader = "X-Amzn-ErrorType"

// logRequests logs one line per request once next has answered it: the
// method, the X-Amz-Target header, the status, the error code of an error
// response ("" on success), the duration and the client's address. now nil
// means time.Now.
func logRequests(logger *slog.Logger, now func() time.Time, next http.Handler) http.Handler {
	if now == nil {
		now = time.Now
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		status := rec.status
		if status == 0 {
			status = http.StatusOK // nothing written: net/http answers 200
		}
		logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("target", r.Header.Get("X-Amz-Target")),
			slog.Int("status", status),
			slog.String("error", rec.Header().Get(errorTypeHeader)),
			slog.Duration("duration", now().Sub(start)),
			slog.String("remote", r.RemoteAddr),
		)
	})
}

// statusRecorder remembers the status written through it.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the first final status and passes it on.
func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 && code >= 200 { // 1xx responses are not the final status
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Write records the implicit 200 of a body written first, and passes p on.
func (s *statusRecorder) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(p)
}

// Unwrap gives http.ResponseController the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
