package web

import (
	"net/http"
	"strconv"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// disputesPage is the data of the dispute list (and a customer's tab).
type disputesPage struct {
	Page
	Customer      *ledger.Customer // the customer tab; nil: the list of all
	Filter        disputeFilterForm
	Reasons       []disputes.Reason
	Statuses      []disputes.Status
	Rows          []disputeRow
	Pager         pager
	Notifications []store.DisputeNotification
	Today         ledger.Date
}

// disputeFilterForm is the list's filters as the query gave them.
type disputeFilterForm struct {
	Mine, Team, Overdue, All bool
	Status, Reason           string
}

// disputeRow is one dispute in a list.
type disputeRow struct {
	store.Dispute
	URL     string
	Overdue bool
}

// ReasonLabel names a reason code in the page's language (a code the UI
// does not know shows its configured label).
func (p Page) ReasonLabel(code string) string {
	if v := p.T("dreason." + code); v != "dreason."+code {
		return v
	}
	return code
}

func disputeURL(id int64) string { return "/disputes/" + strconv.FormatInt(id, 10) }

// handleDisputesPage lists disputes: ?mine=1, ?team=1, ?status=, ?reason=,
// ?overdue=1, ?all=1 (closed ones too), ?entity=.
func (s *server) handleDisputesPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, e, err := s.listPage(r, "disputes.title", "disputes")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.renderDisputes(w, r, disputesPage{Page: p}, store.DisputeFilter{EntityID: e.ID})
	})
}

// handleCustomerDisputes is the disputes tab of a customer.
func (s *server) handleCustomerDisputes() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		u := userFrom(r)
		c, err := s.svc.Customer(r.Context(), u, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		p := s.newPage(r, "disputes.title", "customers")
		p.Title = c.Name + " · " + p.Title
		s.renderDisputes(w, r, disputesPage{Page: p, Customer: &c}, store.DisputeFilter{CustomerID: c.ID})
	})
}

func (s *server) renderDisputes(w http.ResponseWriter, r *http.Request, dp disputesPage, f store.DisputeFilter) {
	ctx, u, q := r.Context(), userFrom(r), r.URL.Query()
	dp.Today = s.svc.Today()
	dp.Filter = disputeFilterForm{Mine: q.Get("mine") == "1", Team: q.Get("team") == "1", Overdue: q.Get("overdue") == "1",
		All: q.Get("all") == "1", Status: q.Get("status"), Reason: q.Get("reason")}
	f.Status, f.Reason = disputes.Status(dp.Filter.Status), dp.Filter.Reason
	if f.Status != "" && !f.Status.Valid() {
		s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "unknown status %q", f.Status))
		return
	}
	f.OpenOnly = !dp.Filter.All && f.Status == ""
	if dp.Filter.Mine {
		f.Assignee = u.Username
	}
	if dp.Filter.Team {
		qs, err := s.svc.MyQueues(ctx, u)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f.Queues = append(qs, "\x00") // no queue: nothing matches
	}
	if dp.Filter.Overdue {
		f.OverdueOn = dp.Today
	}
	n := pageNumber(r, "page")
	f.Offset, f.Limit = (n-1)*perPage, perPage
	list, total, err := s.svc.Disputes(ctx, u, f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, d := range list {
		dp.Rows = append(dp.Rows, disputeRow{Dispute: d, URL: disputeURL(d.ID), Overdue: disputes.Overdue(d.Status, d.Due, dp.Today)})
	}
	dp.Pager = newPager(r.URL, "page", n, total, false)
	if dp.Reasons, err = s.svc.DisputeReasons(ctx); err != nil {
		s.pageError(w, r, err)
		return
	}
	dp.Statuses = disputes.Statuses
	if dp.Customer == nil {
		if dp.Notifications, err = s.svc.Notifications(ctx, u, true); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "disputes", dp)
}

// handleNotificationsRead marks the user's dispute notifications read.
func (s *server) handleNotificationsRead() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.svc.MarkNotificationsRead(r.Context(), userFrom(r)); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, "/disputes", http.StatusSeeOther)
	})
}

// CanManageDisputes reports whether the user edits routing and approves
// write-offs.
func (p Page) CanManageDisputes() bool { return app.CanManageDisputes(p.User) }
