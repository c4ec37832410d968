package web

import (
	"net/http"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// disputeReportPage is the dispute report: count, amount, average and
// 90th-percentile days to resolve, by one grouping.
type disputeReportPage struct {
	Page
	By       app.DisputeReportBy
	Bys      []app.DisputeReportBy
	From, To string
	Groups   []disputes.Group
}

// handleDisputeReport shows the report: ?by=reason|owner|product_group|
// customer, ?from=&to= (the opening dates), ?entity=.
func (s *server) handleDisputeReport() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, e, err := s.listPage(r, "dreport.title", "disputes")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		q := r.URL.Query()
		dp := disputeReportPage{Page: p, By: app.DisputeReportBy(cmpStr(q.Get("by"), string(app.ByReason))), From: q.Get("from"), To: q.Get("to"),
			Bys: []app.DisputeReportBy{app.ByReason, app.ByOwner, app.ByProductGroup, app.ByCustomer}}
		var from, to ledger.Date
		if dp.From != "" {
			if from, err = ledger.ParseDate(dp.From); err != nil {
				s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "from: %q is not a date", dp.From))
				return
			}
		}
		if dp.To != "" {
			if to, err = ledger.ParseDate(dp.To); err != nil {
				s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "to: %q is not a date", dp.To))
				return
			}
		}
		if dp.Groups, err = s.svc.DisputeReport(r.Context(), userFrom(r), e.ID, from, to, dp.By); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "dispute_report", dp)
	})
}
