package web

import (
	"net/http"
	"strconv"

	"github.com/kredo-dev/kredo/internal/app"
)

// handleDashboardReport sends the printable monthly report of an entity as
// a PDF in the user's language: ?entity=&month=YYYY-MM, the month by
// default the last one ended before the dashboard's date (?as_of=).
func (s *server) handleDashboardReport() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, req, err := s.dashboardRequest(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		month := r.URL.Query().Get("month")
		if month == "" {
			month = app.ReportMonth(req.AsOf, s.svc.Today())
		}
		b, name, err := s.svc.MonthlyReportPDF(r.Context(), p.User, req.Entity, month, p.Lang)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
	})
}
