package app

import (
	"context"
	"errors"

	"github.com/kredo-dev/kredo/internal/collect"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// CustomerWork is the controller's view of one customer: its place on the
// worklist, the activity log, promises, plans with their progress and how
// it paid month by month.
type CustomerWork struct {
	Entry      *WorklistEntry // nil when the customer has nothing open
	Activities []store.Activity
	Promises   []store.PromiseRecord
	Plans      []PlanView
	Behaviour  []MonthBehaviour // oldest month first, every month present
}

// PlanView is a payment plan with its progress today.
type PlanView struct {
	store.PlanRecord
	Progress collect.Progress
}

// MonthBehaviour is how a customer paid in one month: what came in on its
// invoices and how late, amount-weighted.
type MonthBehaviour struct {
	Month    ledger.Date // the first of the month
	Currency string
	Paid     int64
	DaysLate int // Σ(amount × days after the due date, early = 0) / Σ amount, rounded half up
}

// CustomerWork reads the controller's view of a customer the user may see,
// with the last activities and the payment behaviour of the last months
// (one access check, then each part once).
func (s *Service) CustomerWork(ctx context.Context, u ledger.User, customerID int64, activities, months int) (CustomerWork, error) {
	var w CustomerWork
	c, err := s.store.Customer(ctx, u.Scope(), customerID)
	if err != nil {
		return w, err
	}
	switch e, err := s.WorklistEntryOf(ctx, u, c.ID); {
	case err == nil:
		w.Entry = &e
	case !errors.Is(err, ledger.ErrNotFound):
		return w, err
	}
	if w.Activities, err = s.store.Activities(ctx, u.Scope(), c.ID, 0, activities); err != nil {
		return w, err
	}
	if w.Promises, err = s.store.Promises(ctx, u.Scope(), c.ID); err != nil {
		return w, err
	}
	plans, err := s.store.Plans(ctx, u.Scope(), c.ID)
	if err != nil {
		return w, err
	}
	if len(plans) > 0 {
		// newest first: the last was agreed first, its payments cover all
		pays, err := s.store.CustomerPayments(ctx, c.EntityID, c.ID, plans[len(plans)-1].Agreed)
		if err != nil {
			return w, err
		}
		for _, p := range plans {
			w.Plans = append(w.Plans, PlanView{PlanRecord: p, Progress: collect.PlanProgress(p.Plan, pays[c.ID], s.Today(), p.GraceDays)})
		}
	}
	start := monthsBack(s.Today(), months)
	pieces, err := s.store.CustomerPaidPieces(ctx, u.Scope(), c.ID, start)
	if err != nil {
		return w, err
	}
	w.Behaviour = monthlyBehaviour(pieces, c.Currency, start, months)
	return w, nil
}

// monthsBack is the first day of the month months−1 months before today's.
func monthsBack(today ledger.Date, months int) ledger.Date {
	t := today.Time()
	return ledger.DateOf(ledger.NewDate(t.Year(), t.Month(), 1).Time().AddDate(0, -(months - 1), 0))
}

// monthlyBehaviour adds up what was paid in currency per month from start,
// with the amount-weighted days after the due date (early counts as 0).
func monthlyBehaviour(pieces []store.PaidPiece, currency string, start ledger.Date, months int) []MonthBehaviour {
	out := make([]MonthBehaviour, months)
	weighted := make([]int64, months)
	for i := range out {
		out[i] = MonthBehaviour{Month: ledger.DateOf(start.Time().AddDate(0, i, 0)), Currency: currency}
	}
	for _, p := range pieces {
		t, s := p.PaidOn.Time(), start.Time()
		i := (t.Year()-s.Year())*12 + int(t.Month()) - int(s.Month())
		if p.Currency != currency || i < 0 || i >= months {
			continue
		}
		out[i].Paid += p.Amount
		weighted[i] += p.Amount * int64(max(p.DueDate.DaysUntil(p.PaidOn), 0))
	}
	for i := range out {
		if out[i].Paid > 0 {
			out[i].DaysLate = int((2*weighted[i] + out[i].Paid) / (2 * out[i].Paid))
		}
	}
	return out
}
