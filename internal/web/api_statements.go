package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/app"
)

// handleAPIStatements imports a bank statement file sent as the raw body
// (MT940/MT942, camt.052/053/054 XML, or a zip of those; the format is read
// from the content). ?entity=CODE is the entity an account not known yet is
// registered to; ?file= names the file in the report and the import log.
// 200 with the report when committed, 422 when the file was rejected
// (nothing written).
func (s *server) handleAPIStatements() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Query().Get("file")
		if name == "" {
			name = "api:statement"
		}
		body := http.MaxBytesReader(w, r.Body, maxBatchBody)
		rep, err := s.svc.ImportStatement(r.Context(), userFrom(r), body, name, app.StatementOptions{EntityCode: r.URL.Query().Get("entity")})
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		status := http.StatusOK
		if !rep.Committed {
			status = http.StatusUnprocessableEntity
		}
		s.encode(w, status, rep)
	})
}
