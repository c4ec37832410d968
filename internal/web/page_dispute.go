package web

import (
	"net/http"
	"strconv"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/store"
)

// disputePage is the data of a dispute's page.
type disputePage struct {
	Page
	D           app.DisputeDetail
	Overdue     bool
	Notice      string
	Moves       []disputes.Status // the statuses the dispute may move to by hand
	Queues      []store.DisputeQueue
	Priorities  []disputes.Priority
	Resolutions []string
	CanChange   bool
}

// handleDisputePage shows a dispute: its invoices, owner, SLA, history and
// attachments, with the forms to comment, move, reassign and resolve it.
func (s *server) handleDisputePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		u := userFrom(r)
		d, err := s.svc.Dispute(r.Context(), u, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		p := s.newPage(r, "dispute.title", "disputes")
		p.Title = p.T("dispute.title") + " #" + strconv.FormatInt(d.ID, 10)
		dp := disputePage{Page: p, D: d, Overdue: disputes.Overdue(d.Status, d.Due, s.svc.Today()),
			Priorities: disputes.Priorities, CanChange: u.CanWrite() && !d.Status.Final(),
			Resolutions: []string{store.ResolveCreditPending, store.ResolveCreditNote, store.ResolveWriteOff, store.ResolveRejected}}
		if k := r.URL.Query().Get("done"); k != "" && p.T("dnotice."+k) != "dnotice."+k {
			dp.Notice = p.T("dnotice." + k)
		}
		for _, st := range []disputes.Status{disputes.Open, disputes.InProgress, disputes.WaitingCustomer} {
			if disputes.CanMove(d.Status, st) == nil {
				dp.Moves = append(dp.Moves, st)
			}
		}
		if dp.Queues, err = s.svc.DisputeQueues(r.Context()); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "dispute", dp)
	})
}
