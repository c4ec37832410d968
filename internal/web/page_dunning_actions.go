package web

import (
	"net/http"
	"net/url"

	"github.com/kredo-dev/kredo/internal/app"
)

// handleDunningSettings saves an entity's run time and approval setting
// (credit managers and admins) and returns to the overview.
func (s *server) handleDunningSettings() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e, err := s.formEntity(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		approval := r.PostFormValue("approval") != ""
		if err := s.svc.SetDunningSettings(r.Context(), userFrom(r), e.ID, r.PostFormValue("time"), approval); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, withDone("/dunning?entity="+url.QueryEscape(e.Code), "saved"), http.StatusSeeOther)
	})
}

// handleDunningStart makes today's run of an entity for real (credit
// managers and admins) and shows the run. A run already made today is
// shown as it is: there is one run per entity and day.
func (s *server) handleDunningStart() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e, err := s.formEntity(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		rep, err := s.svc.StartDunningRun(r.Context(), userFrom(r), app.RunOptions{EntityCode: e.Code})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		done := "started"
		if rep.AlreadyRan {
			done = "already"
		}
		http.Redirect(w, r, withDone(runURL(rep.RunID), done), http.StatusSeeOther)
	})
}
