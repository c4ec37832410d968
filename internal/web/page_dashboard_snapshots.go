package web

import (
	"net/http"
	"net/url"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// handleDashboardSnapshots recomputes the entity's monthly snapshots (the
// trend) from the ledger's history and returns to the dashboard.
func (s *server) handleDashboardSnapshots() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code := r.PostFormValue("entity")
		if _, err := s.svc.RecomputeSnapshots(r.Context(), userFrom(r), code, ledger.Date{}, app.KPITrendMonths); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, "/dashboard?entity="+url.QueryEscape(code), http.StatusSeeOther)
	})
}
