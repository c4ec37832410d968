package web

import "net/http"

// handleAPIInvoice returns one invoice; 404 when it does not exist or
// belongs to an entity not granted to the caller.
func (s *server) handleAPIInvoice() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		i, err := s.svc.Invoice(r.Context(), userFrom(r), id)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		s.encode(w, http.StatusOK, toInvoiceJSON(i, s.svc.Today()))
	})
}
