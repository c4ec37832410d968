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

// customerWork is the controller's part of the customer page: the place on
// the worklist, the forms to log a call, a promise or a plan, the activity
// log, promises and plans with their progress.
type customerWork struct {
	Entry      *app.WorklistEntry
	Activities []store.Activity
	Promises   []store.PromiseRecord
	Plans      []app.PlanView
	FromList   bool     // opened from the worklist: offer the next customer
	Form       string   // the form that failed, to show its problem
	Error      string   // the problem, in the page's language when it is about input
	Values     formVals // what the user typed, to show again
	Users      []string // controllers to reassign to (managers)
	Outcomes   []string
	Behaviour  []behaviourBar
	AvgLate    int // amount-weighted days late over the chart's months
}

// formVals is a failed form's values.
type formVals map[string]string

// Get returns a value.
func (v formVals) Get(k string) string { return v[k] }

// callOutcomes are the outcomes a call can have.
var callOutcomes = []string{"reached", "promise", "no_answer", "voicemail", "wrong_number", "dispute", "refused"}

// activityLimit is how many log entries the customer page shows.
const activityLimit = 50

// loadCustomerWork reads the controller's part of the customer page.
func (s *server) loadCustomerWork(r *http.Request, p Page, c ledger.Customer) (customerWork, error) {
	wk := customerWork{FromList: r.URL.Query().Get("from") == "worklist", Outcomes: callOutcomes, Values: formVals{}}
	cw, err := s.svc.CustomerWork(r.Context(), p.User, c.ID, activityLimit, behaviourMonths)
	if err != nil {
		return wk, err
	}
	wk.Entry, wk.Activities, wk.Promises, wk.Plans = cw.Entry, cw.Activities, cw.Promises, cw.Plans
	wk.Behaviour, wk.AvgLate = behaviourBars(p, cw.Behaviour)
	if p.CanManage() {
		if wk.Users, err = s.svc.WorklistControllers(r.Context(), p.User); err != nil {
			return wk, err
		}
	}
	return wk, nil
}

// workForm runs a work form's action for the customer in the path and
// redirects back to the customer page; a problem with the input shows the
// page again with the form as it was (status 422).
func (s *server) workForm(name, done string, act func(r *http.Request, id int64) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if err := act(r, id); err != nil {
			s.workFailed(w, r, id, name, err)
			return
		}
		back := customerURL(id)
		if r.PostFormValue("from") == "worklist" {
			back += "?from=worklist"
		}
		http.Redirect(w, r, withDone(back, done)+"#work", http.StatusSeeOther)
	})
}

// workFailed shows the customer page with the work form's problem and
// what was typed.
func (s *server) workFailed(w http.ResponseWriter, r *http.Request, id int64, form string, err error) {
	s.customerFormFailed(w, r, id, err, func(cp *customerPage, msg string) {
		cp.Work.Form, cp.Work.Error = form, msg
		for k, v := range r.PostForm {
			if k != "csrf" && len(v) > 0 {
				cp.Work.Values[k] = v[0]
			}
		}
	})
}

// invalid is an input problem in the page's language.
func invalid(r *http.Request, key string, detail ...string) error {
	msg := translate(userLang(r), key)
	if len(detail) > 0 {
		msg += ": " + strings.Join(detail, ", ")
	}
	return ledger.Errorf(ledger.ErrInvalid, "%s", msg)
}

// userLang is the UI language of the request's user.
func userLang(r *http.Request) string { return uiLang(userFrom(r)) }

// formItems resolves the invoice numbers typed in a form (separated by
// commas or spaces) to the customer's invoices.
func (s *server) formItems(r *http.Request, customerID int64) ([]int64, error) {
	var ids []int64
	for _, n := range strings.FieldsFunc(r.PostFormValue("items"), func(c rune) bool { return c == ',' || c == ' ' || c == ';' }) {
		invs, _, err := s.svc.Invoices(r.Context(), userFrom(r), ledger.InvoiceFilter{CustomerID: customerID, Number: n, Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(invs) == 0 {
			return nil, invalid(r, "work.err_item", n)
		}
		ids = append(ids, invs[0].ID)
	}
	return ids, nil
}

// workDate reads a date field (YYYY-MM-DD, as date inputs send it).
func workDate(r *http.Request, field string) (ledger.Date, error) {
	d, err := ledger.ParseDate(strings.TrimSpace(r.PostFormValue(field)))
	if err != nil {
		return d, invalid(r, "work.err_date")
	}
	return d, nil
}

// moneyField reads an amount field in a currency.
func moneyField(r *http.Request, field, currency string) (ledger.Money, error) {
	v, err := parseFormAmount(userLang(r), r.PostFormValue(field), currency)
	if err != nil || v <= 0 {
		return ledger.Money{}, invalid(r, "work.err_amount")
	}
	return ledger.Money{Amount: v, Currency: currency}, nil
}

// currencyOf is the currency of the customer's amounts in a form.
func (s *server) currencyOf(r *http.Request, customerID int64) (string, error) {
	c, err := s.svc.Customer(r.Context(), userFrom(r), customerID)
	return c.Currency, err
}

// handleLogActivity logs a call (with its outcome) or a note.
func (s *server) handleLogActivity() http.Handler {
	return s.workForm("activity", "logged", func(r *http.Request, id int64) error {
		kind := r.PostFormValue("kind")
		if kind != store.ActCall && kind != store.ActNote {
			return invalid(r, "work.err_kind")
		}
		outcome := r.PostFormValue("outcome")
		if kind == store.ActNote {
			outcome = ""
		}
		_, err := s.svc.LogActivity(r.Context(), userFrom(r), app.NewActivity{CustomerID: id, Kind: kind, Outcome: outcome,
			Note: strings.TrimSpace(r.PostFormValue("note"))})
		return err
	})
}

// handleRecordPromise records a promise to pay an amount by a date, for
// some invoices or the account.
func (s *server) handleRecordPromise() http.Handler {
	return s.workForm("promise", "promised", func(r *http.Request, id int64) error {
		cur, err := s.currencyOf(r, id)
		if err != nil {
			return err
		}
		amt, err := moneyField(r, "amount", cur)
		if err != nil {
			return err
		}
		due, err := workDate(r, "due")
		if err != nil {
			return err
		}
		items, err := s.formItems(r, id)
		if err != nil {
			return err
		}
		grace, _ := strconv.Atoi(r.PostFormValue("grace"))
		_, err = s.svc.RecordPromise(r.Context(), userFrom(r), collect.Promise{CustomerID: id, Due: due, GraceDays: grace,
			Amount: amt.Amount, Currency: amt.Currency, Items: items})
		return err
	})
}

// handleAgreePlan agrees a payment plan: a total in instalments.
func (s *server) handleAgreePlan() http.Handler {
	return s.workForm("plan", "planned", func(r *http.Request, id int64) error {
		cur, err := s.currencyOf(r, id)
		if err != nil {
			return err
		}
		total, err := moneyField(r, "total", cur)
		if err != nil {
			return err
		}
		start, err := workDate(r, "start")
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(r.PostFormValue("instalments"))
		if err != nil {
			return invalid(r, "work.err_instalments")
		}
		items, err := s.formItems(r, id)
		if err != nil {
			return err
		}
		grace, _ := strconv.Atoi(r.PostFormValue("grace"))
		opts := collect.PlanOptions{Items: items, OnBreak: collect.Consequence(r.PostFormValue("on_break"))}
		if v := strings.TrimSpace(r.PostFormValue("interest")); v != "" {
			pct, err := parseFormAmount(userLang(r), v, "EUR") // percent with two decimals = basis points
			if err != nil || pct < 0 {
				return invalid(r, "work.err_interest")
			}
			opts.InterestBP = int(pct)
		}
		if v := strings.TrimSpace(r.PostFormValue("costs")); v != "" {
			costs, err := moneyField(r, "costs", cur)
			if err != nil {
				return err
			}
			opts.Costs = costs.Amount
		}
		_, err = s.svc.AgreePlan(r.Context(), userFrom(r), app.PlanRequest{CustomerID: id, Total: total, Start: start,
			Instalments: n, Every: collect.Interval(r.PostFormValue("every")), GraceDays: grace, Options: opts})
		return err
	})
}

// handleCustomerSnooze takes the customer off the worklist until a date.
func (s *server) handleCustomerSnooze() http.Handler {
	return s.workForm("snooze", "snoozed", func(r *http.Request, id int64) error {
		var until ledger.Date
		if v := strings.TrimSpace(r.PostFormValue("until")); v != "" {
			d, err := workDate(r, "until")
			if err != nil {
				return err
			}
			until = d
		}
		return s.svc.Snooze(r.Context(), userFrom(r), id, until, strings.TrimSpace(r.PostFormValue("reason")))
	})
}

// handleCustomerReassign gives the customer to another controller.
func (s *server) handleCustomerReassign() http.Handler {
	return s.workForm("reassign", "reassigned", func(r *http.Request, id int64) error {
		_, err := s.svc.Reassign(r.Context(), userFrom(r), []int64{id}, strings.TrimSpace(r.PostFormValue("controller")))
		return err
	})
}

// handleCustomerDone takes the customer off today's worklist.
func (s *server) handleCustomerDone() http.Handler {
	return s.workForm("done", "worked", func(r *http.Request, id int64) error {
		return s.svc.MarkDone(r.Context(), userFrom(r), id)
	})
}
