package web

import (
	"context"
	"net/http"
	"time"
)

// healthJSON is the body of the health check.
type healthJSON struct {
	Status string `json:"status"`
}

// handleHealthz reports whether the database answers: 200 {"status":"ok"}
// or 503 {"status":"unavailable"}. It needs no login, for load balancers.
func (s *server) handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := s.svc.Store().Ping(ctx); err != nil {
			s.log.Error("health check", "err", err)
			s.encode(w, http.StatusServiceUnavailable, healthJSON{Status: "unavailable"})
			return
		}
		s.encode(w, http.StatusOK, healthJSON{Status: "ok"})
	})
}
