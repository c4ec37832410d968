package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/collect"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// worklistPage is the data of the worklist.
type worklistPage struct {
	Page
	Tab         string // mine, team, unassigned, done
	Controller  string // the team tab's controller filter
	Segment     string
	Region      string
	Reason      string
	Reasons     []string
	Controllers []string
	Rows        []app.WorklistEntry
	Total       int
	Pager       pager
	Offset      int // rows on the pages before this one
	CSVURL      string
	Feed        []store.FeedPayment
	FeedDays    int
	Notice      string
	Today       ledger.Date
	MadeOn      ledger.Date // the day the list was made in full; zero: never
}

// Stale reports whether the list shown is not today's.
func (p worklistPage) Stale() bool { return p.MadeOn.Before(p.Today) }

// worklistReasons are the reasons a customer is on the list, in the order
// the filter offers them.
var worklistReasons = []string{collect.ReasonBroken, collect.ReasonInstalment, collect.ReasonPhoneTask, collect.ReasonDispute,
	collect.ReasonHighRisk, collect.ReasonLargeAmount, collect.ReasonLongOverdue}

// feedDays is how far back the payment feed looks.
const feedDays = 7

// worklistQuery reads the worklist's tab and filters, shared by the page
// and the CSV export. A controller's default tab is their own list, a
// manager's the team's.
func worklistQuery(r *http.Request, p Page) (app.WorklistQuery, string) {
	v := r.URL.Query()
	tab := v.Get("tab")
	switch tab {
	case "mine", "team", "unassigned", "done":
	default:
		tab = "mine"
		if p.CanManage() {
			tab = "team"
		}
	}
	q := app.WorklistQuery{EntityCode: p.Entity, Segment: strings.TrimSpace(v.Get("segment")),
		Region: strings.TrimSpace(v.Get("region")), Reason: v.Get("reason")}
	switch tab {
	case "mine":
		q.Controller = p.User.Username
	case "team":
		q.Controller = strings.TrimSpace(v.Get("controller"))
	case "unassigned":
		q.Unassigned = true
	case "done":
		q.Done, q.Controller = true, strings.TrimSpace(v.Get("controller"))
	}
	return q, tab
}

// handleWorklistPage shows the customers that need a person today, most
// urgent first, each with why it is there and how its score came about;
// beside it the payments that came in on the user's customers.
func (s *server) handleWorklistPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _, err := s.listPage(r, "worklist.title", "worklist")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		ctx := r.Context()
		q, tab := worklistQuery(r, p)
		n := pageNumber(r, "page")
		q.Offset, q.Limit = (n-1)*perPage, perPage
		rows, total, err := s.svc.Worklist(ctx, p.User, q)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		wp := worklistPage{Page: p, Tab: tab, Controller: r.URL.Query().Get("controller"), Segment: q.Segment, Region: q.Region,
			Reason: q.Reason, Reasons: worklistReasons, Rows: rows, Total: total, Pager: newPager(r.URL, "page", n, total, false), Offset: q.Offset,
			CSVURL: exportURL("/worklist.csv", r.URL), FeedDays: feedDays, Notice: notice(r, p), Today: s.svc.Today()}
		if wp.MadeOn, err = s.svc.WorklistMadeOn(ctx, p.User, p.Entity); err != nil {
			s.pageError(w, r, err)
			return
		}
		if wp.Controllers, err = s.svc.WorklistControllers(ctx, p.User); err != nil {
			s.pageError(w, r, err)
			return
		}
		feedOf := p.User.Username
		if tab != "mine" {
			feedOf = q.Controller
		}
		if wp.Feed, err = s.svc.PaymentFeed(ctx, p.User, p.Entity, feedOf, feedDays, 15); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "worklist", &wp)
	})
}

// handleWorklistCSV exports the worklist as the page filters it, every row.
func (s *server) handleWorklistCSV() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _, err := s.listPage(r, "worklist.title", "worklist")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		q, _ := worklistQuery(r, p)
		rows, _, err := s.svc.Worklist(r.Context(), p.User, q)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		cw := plainCSV(w, "worklist.csv")
		_ = cw.Write([]string{"rank", "entity", "customer_number", "customer_name", "controller", "currency", "overdue",
			"oldest_days", "score", "urgent", "reasons"})
		for i, e := range rows {
			_ = cw.Write([]string{strconv.Itoa(i + 1), e.EntityCode, e.CustomerNumber, e.CustomerName, e.Controller, e.Currency,
				ledger.FormatAmount(e.Overdue, e.Currency), strconv.Itoa(e.OldestDays), strconv.Itoa(e.Score),
				strconv.FormatBool(e.Urgent), strings.Join(e.Reasons, "; ")})
		}
		cw.Flush()
	})
}

// handleWorklistNext opens the first customer still on the user's list
// (their own, else the team's): what was just done has left the list, so
// the top is the next one. With nothing left it shows the list.
func (s *server) handleWorklistNext() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := userFrom(r)
		for _, q := range []app.WorklistQuery{{Controller: u.Username, Limit: 1}, {Limit: 1}} {
			rows, _, err := s.svc.Worklist(r.Context(), u, q)
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			if len(rows) > 0 {
				http.Redirect(w, r, customerURL(rows[0].CustomerID)+"?from=worklist", http.StatusSeeOther)
				return
			}
		}
		http.Redirect(w, r, withDone("/worklist", "list_done"), http.StatusSeeOther)
	})
}

// handleWorklistDone takes a customer off today's list (controllers and up).
func (s *server) handleWorklistDone() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err == nil {
			err = s.svc.MarkDone(r.Context(), userFrom(r), id)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, backTo(r, "/worklist", "worked"), http.StatusSeeOther)
	})
}

// handleWorklistSnooze takes a customer off the list for some days.
func (s *server) handleWorklistSnooze() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		days, err := strconv.Atoi(r.PostFormValue("days"))
		if err != nil || days < 1 || days > 365 {
			s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "%s", s.newPage(r, "", "").T("snooze.err_days")))
			return
		}
		until := s.svc.Today().AddDays(days)
		if err := s.svc.Snooze(r.Context(), userFrom(r), id, until, strings.TrimSpace(r.PostFormValue("reason"))); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, backTo(r, "/worklist", "snoozed"), http.StatusSeeOther)
	})
}

// handleWorklistReassign gives the selected customers to a controller
// (credit managers and admins).
func (s *server) handleWorklistReassign() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "bad form"))
			return
		}
		var ids []int64
		for _, v := range r.PostForm["customer"] {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "bad customer %q", v))
				return
			}
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			s.pageError(w, r, ledger.Errorf(ledger.ErrInvalid, "%s", s.newPage(r, "", "").T("reassign.err_none")))
			return
		}
		if _, err := s.svc.Reassign(r.Context(), userFrom(r), ids, strings.TrimSpace(r.PostFormValue("controller"))); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, backTo(r, "/worklist", "reassigned"), http.StatusSeeOther)
	})
}

// backTo returns the form's "back" path (a local path only) with a notice,
// else fallback.
func backTo(r *http.Request, fallback, done string) string {
	back := r.PostFormValue("back")
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.ContainsAny(back, "\\\r\n") {
		back = fallback
	}
	if i := strings.Index(back, "#"); i >= 0 {
		return withDone(back[:i], done) + back[i:]
	}
	return withDone(back, done)
}

// ReasonText translates a worklist reason.
func (p Page) ReasonText(reason string) string { return p.T("reason." + reason) }

// FactorText says what a factor of the score measured, in the page's
// language: "Amount overdue: EUR 12.400,00".
func (p Page) FactorText(f collect.Factor, currency string) string {
	label := p.T("factor." + f.Key)
	switch f.Key {
	case collect.FactorAmount:
		return label + ": " + p.Money(f.Value, currency)
	case collect.FactorRisk:
		return label + ": " + strconv.FormatInt(f.Value, 10)
	default:
		return label + ": " + p.Int(int(f.Value))
	}
}

// Outcome translates an activity's outcome when it is one of the known
// ones (a call's outcome, a promise's state); other outcomes (a snooze's
// date, a new controller's name) show as they are.
func (p Page) Outcome(o string) string {
	if _, ok := messages["outcome."+o]; ok {
		return p.T("outcome." + o)
	}
	return o
}
