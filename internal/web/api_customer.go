package web

import "net/http"

// handleAPICustomer returns one customer; 404 when it does not exist or
// belongs to an entity not granted to the caller.
func (s *server) handleAPICustomer() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		c, err := s.svc.Customer(r.Context(), userFrom(r), id)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		s.encode(w, http.StatusOK, toCustomerJSON(c))
	})
}
