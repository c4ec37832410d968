package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/app"
)

// handleAPIUBL imports one UBL invoice or credit note sent as XML. The
// entity is matched by the seller, or named by ?entity=CODE.
func (s *server) handleAPIUBL() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := requireContentType(r, "application/xml", "text/xml"); err != nil {
			s.apiError(w, r, err)
			return
		}
		opt := app.ImportOptions{AllOrNothing: true, EntityCode: r.URL.Query().Get("entity")}
		body := http.MaxBytesReader(w, r.Body, maxBatchBody)
		rep, err := s.svc.ImportUBL(r.Context(), userFrom(r), body, "api:ubl", opt)
		s.importResult(w, r, rep, err)
	})
}
