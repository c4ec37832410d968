package web

import "net/http"

// handleAPIEntities lists the entities the caller may see.
func (s *server) handleAPIEntities() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		es, err := s.svc.Entities(r.Context(), userFrom(r))
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		n := len(es)
		out := listJSON[entityJSON]{Items: []entityJSON{}, Limit: n, Total: &n}
		for _, e := range es {
			out.Items = append(out.Items, toEntityJSON(e))
		}
		s.encode(w, http.StatusOK, out)
	})
}
