package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/store"
)

// schemesPage is the data of an entity's dunning schemes.
type schemesPage struct {
	Page
	EntityName string
	Currency   string
	Schemes    []store.SchemeRecord
	Notice     string
}

// handleSchemesPage lists an entity's dunning schemes in the order they
// are tried, each with its selection rule and levels.
func (s *server) handleSchemesPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, e, err := s.entityPage(r, "schemes.title", "dunning")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		rs, err := s.svc.Schemes(r.Context(), p.User, e.ID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		sp := schemesPage{Page: p, EntityName: e.Name, Currency: e.Currency, Schemes: rs, Notice: notice(r, p)}
		s.render(w, r, http.StatusOK, "schemes", &sp)
	})
}
