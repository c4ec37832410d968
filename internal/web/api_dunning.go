package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// maxRunBody caps the body of a run request.
const maxRunBody = 64 << 10

// runRequest is the body of POST /api/v1/dunning/runs.
type runRequest struct {
	Entity string      `json:"entity"`
	Date   ledger.Date `json:"date"`
	DryRun bool        `json:"dry_run"`
}

// handleAPIRuns lists the most recent dunning runs, newest first:
// ?entity=&limit=&offset=.
func (s *server) handleAPIRuns() http.Handler {
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
		es, err := s.svc.Entities(r.Context(), u)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if e.ID != 0 {
			u = onlyEntity(u, e)
		}
		runs, err := s.svc.Runs(r.Context(), u, offset+limit+1)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		runs = runs[min(offset, len(runs)):]
		out := listJSON[runJSON]{Items: []runJSON{}, Limit: limit, Offset: offset, HasMore: len(runs) > limit}
		for _, rr := range runRows(runs[:min(limit, len(runs))], es) {
			out.Items = append(out.Items, toRunJSON(rr.Run, rr.EntityCode))
		}
		s.encode(w, http.StatusOK, out)
	})
}

// handleAPIStartRun makes an entity's run of a day (today by default), or
// with dry_run previews it: 200 with the report (a dry run lists its
// planned actions), 201 when a run was made, 200 when that day's run
// already existed. A real run needs a credit manager or admin.
func (s *server) handleAPIStartRun() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req runRequest
		if err := decodeBody(w, r, maxRunBody, &req); err != nil {
			s.apiError(w, r, err)
			return
		}
		if req.Entity == "" {
			s.apiError(w, r, ledger.Errorf(ledger.ErrInvalid, "entity is required"))
			return
		}
		rep, err := s.svc.StartDunningRun(r.Context(), userFrom(r), app.RunOptions{EntityCode: req.Entity, Date: req.Date, DryRun: req.DryRun})
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		status := http.StatusOK
		if !rep.DryRun && !rep.AlreadyRan {
			status = http.StatusCreated
		}
		s.encode(w, status, toRunReportJSON(rep))
	})
}

// handleAPIApproveRun releases the held messages of a run waiting for
// approval (credit managers and admins) and returns the run.
func (s *server) handleAPIApproveRun() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		u := userFrom(r)
		if err := s.svc.ApproveRun(r.Context(), u, id); err != nil {
			s.apiError(w, r, err)
			return
		}
		run, err := s.svc.Run(r.Context(), u, id)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		es, err := s.svc.Entities(r.Context(), u)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		e, _ := entityByID(es, run.EntityID)
		s.encode(w, http.StatusOK, toRunJSON(run, e.Code))
	})
}
