package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// customerDunning is the dunning section of the customer page.
type customerDunning struct {
	Pause       app.DunningPause
	History     []store.DunningAction
	Messages    []store.Message
	More        bool   // the customer has more messages than shown
	MessagesURL string // all the customer's messages
	Today       ledger.Date
	Scheme      app.CustomerScheme // the scheme that applies and the entity's schemes
	// the pause form after a failed POST: the input and the problem
	Until, Reason, Error string
}

// customerMessages is how many messages the customer page shows.
const customerMessages = 20

// customerDunning reads a customer's pause, dunning history and messages.
func (s *server) customerDunning(r *http.Request, p Page, c ledger.Customer) (customerDunning, error) {
	ctx := r.Context()
	d := customerDunning{Today: s.svc.Today(), MessagesURL: "/messages?customer=" + strconv.FormatInt(c.ID, 10)}
	var err error
	if d.Pause, err = s.svc.CustomerDunningPause(ctx, p.User, c.ID); err != nil {
		return d, err
	}
	if d.History, err = s.svc.DunningHistory(ctx, p.User, c.ID); err != nil {
		return d, err
	}
	if d.Scheme, err = s.svc.CustomerScheme(ctx, p.User, c.ID); err != nil {
		return d, err
	}
	var total int
	d.Messages, total, err = s.svc.Messages(ctx, p.User, store.MessageFilter{CustomerID: c.ID, Limit: customerMessages})
	d.More = total > len(d.Messages)
	return d, err
}

// handleCustomerPause pauses dunning for a customer until a date with a
// reason (controllers and up). A problem with the input shows the customer
// page again with the form as it was, status 422.
func (s *server) handleCustomerPause() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		until, reason := strings.TrimSpace(r.PostFormValue("until")), strings.TrimSpace(r.PostFormValue("reason"))
		d, err := ledger.ParseDate(until)
		if err != nil {
			err = ledger.Errorf(ledger.ErrInvalid, "%s", s.newPage(r, "", "").T("pause.err_date"))
		} else {
			err = s.svc.PauseDunning(r.Context(), userFrom(r), id, d, reason)
		}
		if err != nil {
			s.pauseFailed(w, r, id, until, reason, err)
			return
		}
		http.Redirect(w, r, withDone(customerURL(id), "paused")+"#dunning", http.StatusSeeOther)
	})
}

// handleCustomerResume ends a customer's pause (controllers and up).
func (s *server) handleCustomerResume() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if err := s.svc.PauseDunning(r.Context(), userFrom(r), id, ledger.Date{}, ""); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, withDone(customerURL(id), "resumed")+"#dunning", http.StatusSeeOther)
	})
}

// pauseFailed shows the customer page with the pause form's problem.
func (s *server) pauseFailed(w http.ResponseWriter, r *http.Request, id int64, until, reason string, err error) {
	s.customerFormFailed(w, r, id, err, func(cp *customerPage, msg string) {
		cp.Dunning.Until, cp.Dunning.Reason, cp.Dunning.Error = until, reason, msg
	})
}

// customerFormFailed shows the customer page again (422) with a form's
// problem, which fill puts in place; an error that is not about the input
// becomes an error page. A form sent from the worklist keeps its way back.
func (s *server) customerFormFailed(w http.ResponseWriter, r *http.Request, id int64, err error, fill func(cp *customerPage, msg string)) {
	var le *ledger.Error
	if statusOf(err) != http.StatusBadRequest || !errors.As(err, &le) {
		s.pageError(w, r, err)
		return
	}
	page := *r.URL
	page.Path, page.RawQuery = customerURL(id), ""
	if r.PostFormValue("from") == "worklist" {
		page.RawQuery = "from=worklist"
	}
	r2 := r.Clone(r.Context())
	r2.URL = &page
	cp, lerr := s.loadCustomerPage(r2)
	if lerr != nil {
		s.pageError(w, r, lerr)
		return
	}
	fill(cp, le.Message)
	s.render(w, r, http.StatusUnprocessableEntity, "customer", cp)
}

// customerURL is the page of a customer.
func customerURL(id int64) string { return "/customers/" + url.PathEscape(strconv.FormatInt(id, 10)) }
