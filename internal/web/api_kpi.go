package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// kpiJSON is the answer of GET /api/v1/kpi: one record per entity (the
// total), followed by its rows when broken down by a dimension.
type kpiJSON struct {
	AsOf  ledger.Date     `json:"as_of"`
	By    string          `json:"by,omitempty"`
	Items []app.KPIRecord `json:"items"`
}

// kpiRequest reads ?entity=&as_of=&by= (or the dimension in the path).
func kpiRequest(r *http.Request) (app.KPIRequest, error) {
	q := r.URL.Query()
	req := app.KPIRequest{Entity: q.Get("entity")}
	by := q.Get("by")
	if d := r.PathValue("dimension"); d != "" {
		by = d
	}
	if by != "" {
		req.By = []string{by}
	}
	if v := q.Get("as_of"); v != "" {
		d, err := ledger.ParseDate(v)
		if err != nil {
			return req, ledger.Errorf(ledger.ErrInvalid, "as_of must be a date (YYYY-MM-DD)")
		}
		req.AsOf = d
	}
	return req, nil
}

// handleAPIKPI returns the figures of the entities the caller may see (or
// of ?entity=) as of ?as_of= (default today), by ?by= or /kpi/{dimension}.
func (s *server) handleAPIKPI() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := kpiRequest(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		reps, err := s.svc.KPI(r.Context(), userFrom(r), req)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if req.AsOf.IsZero() {
			req.AsOf = s.svc.Today()
		}
		out := kpiJSON{AsOf: req.AsOf, Items: []app.KPIRecord{}}
		if len(req.By) == 1 {
			out.By = req.By[0]
		}
		for _, rep := range reps {
			out.AsOf = rep.AsOf
			out.Items = append(out.Items, rep.Records()...)
		}
		s.encode(w, http.StatusOK, out)
	})
}

// handleAPIKPITrend returns the monthly trend of ?entity= (required) from
// the snapshots, of the whole entity or of ?dimension=&value=.
func (s *server) handleAPIKPITrend() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("entity") == "" {
			s.apiError(w, r, ledger.Errorf(ledger.ErrInvalid, "entity is required"))
			return
		}
		pts, err := s.svc.KPITrend(r.Context(), userFrom(r), q.Get("entity"), q.Get("dimension"), q.Get("value"))
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		out := struct {
			Entity string            `json:"entity"`
			Items  []app.TrendRecord `json:"items"`
		}{Entity: q.Get("entity"), Items: []app.TrendRecord{}}
		for _, p := range pts {
			out.Items = append(out.Items, p.Record())
		}
		s.encode(w, http.StatusOK, out)
	})
}
