package web

import (
	"net/http"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// apiEntity resolves the optional entity query parameter (a code) among
// the caller's entities.
func (s *server) apiEntity(r *http.Request) (ledger.Entity, error) {
	code := r.URL.Query().Get("entity")
	if code == "" {
		return ledger.Entity{}, nil
	}
	es, err := s.svc.Entities(r.Context(), userFrom(r))
	if err != nil {
		return ledger.Entity{}, err
	}
	return pickEntity(es, code)
}

// handleAPICustomers lists customers: ?entity=&q=&segment=&region=&limit=&offset=.
func (s *server) handleAPICustomers() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
		q := r.URL.Query()
		f := ledger.CustomerFilter{EntityID: e.ID, Search: strings.TrimSpace(q.Get("q")), Segment: q.Get("segment"),
			Region: q.Get("region"), Offset: offset, Limit: limit}
		cs, total, err := s.svc.Customers(r.Context(), userFrom(r), f)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		out := listJSON[customerJSON]{Items: []customerJSON{}, Total: &total, Limit: limit, Offset: offset,
			HasMore: offset+len(cs) < total}
		for _, c := range cs {
			out.Items = append(out.Items, toCustomerJSON(c))
		}
		s.encode(w, http.StatusOK, out)
	})
}
