package web

import "net/http"

// handleAPIMessages lists outbox messages newest first, without their
// bodies: ?entity=&status=&channel=&run=&customer_id=&limit=&offset=.
func (s *server) handleAPIMessages() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := userFrom(r)
		e, err := s.apiEntity(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		limit, offset, err := paging(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		f, err := messageFilter(r, e, "run", "customer_id")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		f.Offset, f.Limit = offset, limit
		ms, total, err := s.svc.Messages(r.Context(), u, f)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		es, err := s.svc.Entities(r.Context(), u)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		out := listJSON[messageJSON]{Items: []messageJSON{}, Total: &total, Limit: limit, Offset: offset, HasMore: offset+len(ms) < total}
		for _, m := range ms {
			ent, _ := entityByID(es, m.EntityID)
			out.Items = append(out.Items, toMessageJSON(m, ent.Code))
		}
		s.encode(w, http.StatusOK, out)
	})
}
