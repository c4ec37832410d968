package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kredo-dev/kredo/internal/collect"
	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// NewActivity is an entry a person adds to a customer's activity log.
type NewActivity struct {
	CustomerID int64
	Kind       string // store.ActCall or store.ActNote
	Outcome    string // a call's outcome (reached, voicemail, no answer, ...)
	Note       string
	Corrects   int64 // the entry this one corrects; 0: none
}

// LogActivity adds a call or a note to a customer's log (controllers and
// up). The log is append-only: a correction is a new entry.
func (s *Service) LogActivity(ctx context.Context, u ledger.User, a NewActivity) (int64, error) {
	c, err := s.writableCustomer(ctx, u, a.CustomerID)
	if err != nil {
		return 0, err
	}
	if a.Kind != store.ActCall && a.Kind != store.ActNote {
		return 0, ledger.Errorf(ledger.ErrInvalid, "an activity is a call or a note, not %q", a.Kind)
	}
	if a.Kind == store.ActNote && strings.TrimSpace(a.Note) == "" {
		return 0, ledger.Errorf(ledger.ErrInvalid, "a note needs a text")
	}
	var id int64
	call := a.Kind == store.ActCall && a.Corrects == 0
	err = s.work(ctx, c, call, func(tx *store.Tx) error {
		id, err = tx.InsertActivity(store.Activity{EntityID: c.EntityID, CustomerID: c.ID, User: u.Username, Kind: a.Kind,
			Outcome: a.Outcome, Note: a.Note, Corrects: a.Corrects})
		if err != nil || !call {
			return err
		}
		// a call is the person the dunning run's phone tasks asked for
		_, err := tx.CloseCustomerPhoneTasks(c.ID)
		return err
	})
	return id, err
}

// work runs what a person did to a customer in one transaction (done: the
// customer is also off today's worklist), then moves the customer on the
// worklist. The action is stored by then; a failed move only leaves the row
// as it was until the daily refresh, so it is logged, not returned.
func (s *Service) work(ctx context.Context, c ledger.Customer, done bool, fn func(tx *store.Tx) error) error {
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := fn(tx); err != nil || !done {
			return err
		}
		return tx.SetWorklistDone(c.ID, s.Today())
	})
	if err != nil {
		return err
	}
	if err := s.refreshCustomer(ctx, c.EntityID, c.ID); err != nil {
		s.log.Error("worklist refresh after work", "customer", c.ID, "err", err)
	}
	return nil
}

// writableCustomer checks the user may change data and see the customer.
func (s *Service) writableCustomer(ctx context.Context, u ledger.User, id int64) (ledger.Customer, error) {
	if err := requireWrite(u); err != nil {
		return ledger.Customer{}, err
	}
	return s.store.Customer(ctx, u.Scope(), id)
}

// checkItems checks that every invoice belongs to the customer.
func (s *Service) checkItems(ctx context.Context, u ledger.User, c ledger.Customer, items []int64) ([]ledger.Invoice, error) {
	var out []ledger.Invoice
	for _, id := range items {
		inv, err := s.store.Invoice(ctx, u.Scope(), id)
		if err != nil || inv.CustomerID != c.ID {
			return nil, ledger.Errorf(ledger.ErrInvalid, "invoice %d is not one of %s's", id, c.Number)
		}
		out = append(out, inv)
	}
	return out, nil
}

func currencyOf(c ledger.Customer, given string) string {
	if given != "" {
		return strings.ToUpper(given)
	}
	if c.Currency != "" {
		return c.Currency
	}
	return "EUR"
}

// RecordPromise records a customer's promise to pay (controllers and up)
// and logs it. The controller is the user; Made defaults to today.
func (s *Service) RecordPromise(ctx context.Context, u ledger.User, p collect.Promise) (int64, error) {
	c, err := s.writableCustomer(ctx, u, p.CustomerID)
	if err != nil {
		return 0, err
	}
	p.Controller, p.Currency = u.Username, currencyOf(c, p.Currency)
	if p.Made.IsZero() {
		p.Made = s.Today()
	}
	if err := p.Validate(); err != nil {
		return 0, err
	}
	if _, err := s.checkItems(ctx, u, c, p.Items); err != nil {
		return 0, err
	}
	var id int64
	err = s.work(ctx, c, true, func(tx *store.Tx) error {
		if id, err = tx.InsertPromise(c.EntityID, p); err != nil {
			return err
		}
		_, err = tx.InsertActivity(store.Activity{EntityID: c.EntityID, CustomerID: c.ID, User: u.Username, Kind: store.ActPromise,
			Outcome: "made", RefID: id, Note: fmt.Sprintf("promised %s %s by %s", p.Currency, ledger.FormatAmount(p.Amount, p.Currency), p.Due)})
		return err
	})
	return id, err
}

// PlanRequest is a payment plan as agreed with a customer.
type PlanRequest struct {
	CustomerID  int64
	Total       ledger.Money // the principal; its currency "" is the customer's
	Start       ledger.Date  // the first instalment's due date
	Instalments int
	Every       collect.Interval
	GraceDays   int // days an instalment may be late before the plan breaks
	Options     collect.PlanOptions
}

// AgreePlan records a payment plan (controllers and up), logs it and queues
// its confirmation to the customer, in their language, in one transaction.
func (s *Service) AgreePlan(ctx context.Context, u ledger.User, r PlanRequest) (int64, error) {
	c, err := s.writableCustomer(ctx, u, r.CustomerID)
	if err != nil {
		return 0, err
	}
	if r.GraceDays < 0 {
		return 0, ledger.Errorf(ledger.ErrInvalid, "grace days cannot be negative")
	}
	r.Total.Currency = currencyOf(c, r.Total.Currency)
	r.Options.CustomerID = c.ID
	if r.Options.Agreed.IsZero() && !r.Start.Before(s.Today()) {
		r.Options.Agreed = s.Today()
	}
	plan, err := collect.NewPlan(r.Total, r.Start, r.Instalments, r.Every, r.Options)
	if err != nil {
		return 0, err
	}
	invoices, err := s.checkItems(ctx, u, c, plan.Items)
	if err != nil {
		return 0, err
	}
	e, err := s.store.EntityByCode(ctx, c.EntityCode)
	if err != nil {
		return 0, err
	}
	tpl, err := s.templates(ctx)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.work(ctx, c, true, func(tx *store.Tx) error {
		if id, err = tx.InsertPlan(c.EntityID, u.Username, r.GraceDays, plan); err != nil {
			return err
		}
		note := fmt.Sprintf("%d %s instalments, %s %s in total, from %s", len(plan.Instalments), plan.Every, plan.Currency,
			ledger.FormatAmount(plan.Total, plan.Currency), r.Start)
		if _, err := tx.InsertActivity(store.Activity{EntityID: c.EntityID, CustomerID: c.ID, User: u.Username, Kind: store.ActPlan,
			Outcome: "agreed", RefID: id, Note: note}); err != nil {
			return err
		}
		m, err := planConfirmation(tpl, e, c, plan, invoices, id, s.Today())
		if err != nil {
			return err
		}
		_, err = tx.QueueMessage(m)
		return err
	})
	return id, err
}

// planConfirmation renders the confirmation of a plan: an e-mail, or a
// letter to print when the customer has no e-mail address.
func planConfirmation(tpl *comms.Templates, e ledger.Entity, c ledger.Customer, p collect.Plan, invoices []ledger.Invoice,
	planID int64, today ledger.Date) (store.Message, error) {
	name, _, lang := contactFor(c)
	l := comms.Letter{Template: comms.PlanConfirmation, Language: lang, Entity: e, Customer: c, Contact: name, Date: today,
		Currency: p.Currency, Total: p.Principal, Interest: p.Interest, Costs: p.Costs, PayBy: p.Instalments[len(p.Instalments)-1].Due,
		Consumer: c.Kind == ledger.KindConsumer}
	for _, inv := range invoices {
		l.Lines = append(l.Lines, comms.Line{Number: inv.Number, InvoiceDate: inv.InvoiceDate, DueDate: inv.DueDate, Amount: inv.OpenAmount})
	}
	for _, in := range p.Instalments {
		l.Instalments = append(l.Instalments, comms.Instalment{DueDate: in.Due, Amount: in.Amount})
	}
	return customerMessage(tpl, l, e, c, "plan", planID)
}

// Snooze takes a customer off the worklist up to and including until (a
// zero date puts it back) and logs it.
func (s *Service) Snooze(ctx context.Context, u ledger.User, customerID int64, until ledger.Date, reason string) error {
	c, err := s.writableCustomer(ctx, u, customerID)
	if err != nil {
		return err
	}
	if !until.IsZero() && until.Before(s.Today()) {
		return ledger.Errorf(ledger.ErrInvalid, "the snooze must end today or later")
	}
	outcome := "until " + until.String()
	if until.IsZero() {
		outcome = "ended"
	}
	return s.work(ctx, c, false, func(tx *store.Tx) error {
		if err := tx.SetSnooze(c.ID, until); err != nil {
			return err
		}
		_, err := tx.InsertActivity(store.Activity{EntityID: c.EntityID, CustomerID: c.ID, User: u.Username, Kind: store.ActSnooze,
			Outcome: outcome, Note: reason})
		return err
	})
}

// readable returns fn's result when the user may see the customer, else
// not found.
func readable[T any](ctx context.Context, s *Service, u ledger.User, customerID int64, fn func() (T, error)) (T, error) {
	if _, err := s.store.Customer(ctx, u.Scope(), customerID); err != nil {
		var zero T
		return zero, err
	}
	return fn()
}

// Activities lists a customer's activity log, newest first (limit 0: 50).
func (s *Service) Activities(ctx context.Context, u ledger.User, customerID int64, offset, limit int) ([]store.Activity, error) {
	return readable(ctx, s, u, customerID, func() ([]store.Activity, error) {
		return s.store.Activities(ctx, u.Scope(), customerID, offset, cmp.Or(max(limit, 0), 50))
	})
}

// Promises lists a customer's promises to pay, newest first.
func (s *Service) Promises(ctx context.Context, u ledger.User, customerID int64) ([]store.PromiseRecord, error) {
	return readable(ctx, s, u, customerID, func() ([]store.PromiseRecord, error) { return s.store.Promises(ctx, u.Scope(), customerID) })
}

// Plans lists a customer's payment plans, newest first.
func (s *Service) Plans(ctx context.Context, u ledger.User, customerID int64) ([]store.PlanRecord, error) {
	return readable(ctx, s, u, customerID, func() ([]store.PlanRecord, error) { return s.store.Plans(ctx, u.Scope(), customerID) })
}

// Evaluation counts what EvaluateCommitments changed.
type Evaluation struct {
	Kept, Broken                int // promises that became kept or broken
	PlansCompleted, PlansBroken int
	OpenPromises, ActivePlans   int // still open or active afterwards
}

// commitments are an entity's open promises and active plans with the
// payments since the earliest of them (all, and by customer).
type commitments struct {
	records  []store.PromiseRecord
	promises []collect.Promise
	plans    []store.PlanRecord
	all      []ledger.Payment
	payments map[int64][]ledger.Payment
}

// loadCommitments loads an entity's open promises, active plans and the
// payments since the earliest of them, once; with a customer id, only that
// customer's (a single worklist row is recomputed after every call).
func (s *Service) loadCommitments(ctx context.Context, entityID, customerID int64) (*commitments, error) {
	cm := &commitments{}
	var err error
	if cm.records, err = s.store.OpenPromises(ctx, entityID, customerID); err != nil {
		return nil, err
	}
	if cm.plans, err = s.store.ActivePlans(ctx, entityID, customerID); err != nil {
		return nil, err
	}
	var dates []ledger.Date
	for _, p := range cm.records {
		cm.promises, dates = append(cm.promises, p.Promise), append(dates, p.Made)
	}
	for _, p := range cm.plans {
		dates = append(dates, p.Agreed)
	}
	if len(dates) == 0 {
		return cm, nil
	}
	earliest := slices.MinFunc(dates, func(a, b ledger.Date) int { return a.Time().Compare(b.Time()) })
	if cm.payments, err = s.store.CustomerPayments(ctx, entityID, customerID, earliest); err != nil {
		return nil, err
	}
	for _, pays := range cm.payments {
		cm.all = append(cm.all, pays...)
	}
	return cm, nil
}

// EvaluateCommitments evaluates an entity's open promises and active plans
// against the payments on day today (zero: today), stores the new statuses
// and logs each change once: evaluating again changes nothing.
func (s *Service) EvaluateCommitments(ctx context.Context, u ledger.User, entityCode string, today ledger.Date) (Evaluation, error) {
	if err := requireWrite(u); err != nil {
		return Evaluation{}, err
	}
	e, err := s.grantedEntity(ctx, u, entityCode)
	if err != nil {
		return Evaluation{}, err
	}
	if today.IsZero() {
		today = s.Today()
	}
	cm, err := s.loadCommitments(ctx, e.ID, 0)
	if err != nil {
		return Evaluation{}, err
	}
	var ev Evaluation
	// change moves a row from its status once and logs that; another
	// evaluation that got there first leaves nothing to do
	change := func(tx *store.Tx, set func() (bool, error), customerID, ref int64, kind, outcome, note string) (bool, error) {
		changed, err := set()
		if err != nil || !changed {
			return false, err
		}
		_, err = tx.InsertActivity(store.Activity{EntityID: e.ID, CustomerID: customerID, User: u.Username, Kind: kind,
			Outcome: outcome, RefID: ref, Note: note})
		return err == nil, err
	}
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		for _, o := range collect.Outcomes(cm.promises, cm.all, today) {
			p, st := o.Promise, o.Status
			if st.State == collect.PromiseOpen {
				ev.OpenPromises++
				continue
			}
			note := fmt.Sprintf("promise of %s %s due %s: paid %s", p.Currency, ledger.FormatAmount(p.Amount, p.Currency), p.Due,
				ledger.FormatAmount(st.Paid, p.Currency))
			set := func() (bool, error) { return tx.SetPromiseStatus(p.ID, collect.PromiseOpen, st.State) }
			changed, err := change(tx, set, p.CustomerID, p.ID, store.ActPromise, string(st.State), note)
			if err != nil {
				return err
			}
			if changed && st.State == collect.PromiseKept {
				ev.Kept++
			} else if changed {
				ev.Broken++
			}
		}
		for _, p := range cm.plans {
			pr := collect.PlanProgress(p.Plan, cm.payments[p.CustomerID], today, p.GraceDays)
			to, outcome, count := store.PlanCompleted, "completed", &ev.PlansCompleted
			if pr.Broken {
				to, outcome, count = store.PlanBroken, "instalment_missed", &ev.PlansBroken
			} else if !pr.Completed {
				ev.ActivePlans++
				continue
			}
			note := fmt.Sprintf("plan of %s %s: paid %s", p.Currency, ledger.FormatAmount(p.Total, p.Currency), ledger.FormatAmount(pr.Paid, p.Currency))
			if pr.Broken {
				note += fmt.Sprintf(", broken on %s (%s)", pr.BrokenOn, pr.Consequence)
			}
			set := func() (bool, error) { return tx.SetPlanStatus(p.ID, store.PlanActive, to) }
			changed, err := change(tx, set, p.CustomerID, p.ID, store.ActPlan, outcome, note)
			if err != nil {
				return err
			}
			if changed {
				*count++
			}
		}
		return nil
	})
	return ev, err
}

// dunningHolds is what promises and plans hold from an entity's dunning
// run on a day: items by invoice id, and customers paused until a day.
type dunningHolds struct {
	items  map[int64]bool
	paused map[int64]ledger.Date
	// escalate: items, or whole customers (a plan on no items), of broken
	// plans whose consequence is the final level
	escalate, escalateAll map[int64]bool
	disputed              map[int64]int64 // invoice id -> amount its open disputes hold (the rest is dunned)
}

// holdsFor loads an entity's commitments once per run and works out what
// they hold on day today. A plan holds while collect.PlanProgress says so
// (not broken, not completed); a plan on no items holds the customer.
func (s *Service) holdsFor(ctx context.Context, entityID int64, today ledger.Date) (dunningHolds, error) {
	h := dunningHolds{paused: map[int64]ledger.Date{}, escalate: map[int64]bool{}, escalateAll: map[int64]bool{}}
	ev, err := s.loadCommitments(ctx, entityID, 0)
	if err != nil {
		return h, err
	}
	if h.disputed, err = s.store.DisputedAmounts(ctx, entityID); err != nil {
		return h, err
	}
	byCustomer := map[int64][]collect.Promise{}
	for _, p := range ev.promises {
		byCustomer[p.CustomerID] = append(byCustomer[p.CustomerID], p)
	}
	h.items = collect.HeldItems(ev.promises, today)
	for id, group := range byCustomer {
		h.paused[id] = collect.AccountHeldUntil(group, id, today)
	}
	for _, p := range ev.plans {
		if !collect.PlanProgress(p.Plan, ev.payments[p.CustomerID], today, p.GraceDays).Holds {
			continue
		}
		if len(p.Items) == 0 && today.After(h.paused[p.CustomerID]) {
			h.paused[p.CustomerID] = today
		}
		for _, id := range p.Items {
			h.items[id] = true
		}
	}
	broken, err := s.store.BrokenPlans(ctx, entityID, collect.FinalLevel)
	if err != nil {
		return h, err
	}
	for _, p := range broken {
		h.escalateAll[p.CustomerID] = h.escalateAll[p.CustomerID] || len(p.Items) == 0
		for _, id := range p.Items {
			h.escalate[id] = true
		}
	}
	return h, nil
}

// apply marks a customer's held items and returns its pause: the later of
// a person's pause and the commitments' hold.
func (h dunningHolds) apply(customerID int64, paused ledger.Date, items []dunning.Item) ledger.Date {
	for i := range items {
		items[i].OnHold = items[i].OnHold || h.items[items[i].InvoiceID]
		items[i].Disputed = max(items[i].Disputed, h.disputed[items[i].InvoiceID])
		items[i].Escalate = h.escalateAll[customerID] || h.escalate[items[i].InvoiceID]
	}
	if until := h.paused[customerID]; until.After(paused) {
		return until
	}
	return paused
}
