package collect

import (
	"slices"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Promise is a customer's promise to pay Amount by Due, recorded by a
// credit controller on the day Made, optionally for specific invoices.
type Promise struct {
	ID         int64
	CustomerID int64
	Controller string      // username of the controller who recorded it
	Made       ledger.Date // the day it was recorded; payments before it do not count (zero: no limit)
	Due        ledger.Date // the promised payment date
	GraceDays  int         // days after Due that a payment still keeps the promise
	Currency   string
	Amount     int64   // promised amount, minor units
	Items      []int64 // invoice ids the promise is for; empty: the account in general
}

// Deadline returns the last day a payment keeps the promise: Due + GraceDays.
func (p Promise) Deadline() ledger.Date { return p.Due.AddDays(max(p.GraceDays, 0)) }

// Validate checks that the promise can be recorded.
func (p Promise) Validate() error {
	switch {
	case p.Amount <= 0:
		return ledger.Errorf(ledger.ErrInvalid, "a promise to pay needs a positive amount")
	case p.Due.IsZero():
		return ledger.Errorf(ledger.ErrInvalid, "a promise to pay needs a date")
	case !p.Made.IsZero() && p.Due.Before(p.Made):
		return ledger.Errorf(ledger.ErrInvalid, "the promised date %s is before the day the promise was made (%s)", p.Due, p.Made)
	case p.GraceDays < 0:
		return ledger.Errorf(ledger.ErrInvalid, "grace days cannot be negative")
	}
	return nil
}

// PromiseState is where a promise stands.
type PromiseState string

// The states of a promise.
const (
	PromiseOpen   PromiseState = "open"   // PromiseOpen: not covered yet, the deadline has not passed
	PromiseKept   PromiseState = "kept"   // PromiseKept: covered by payments up to the deadline
	PromiseBroken PromiseState = "broken" // PromiseBroken: the deadline passed and it was not covered
)

// Status is a promise's state on a day.
type Status struct {
	State    PromiseState
	Paid     int64       // counted payments up to the deadline (and up to today)
	Missing  int64       // what is still missing to cover the amount (0 when kept)
	KeptOn   ledger.Date // the day of the payment that covered it
	InGrace  bool        // kept after Due, within the grace days
	BrokenOn ledger.Date // the first day it counted as broken: the day after the deadline
}

// piece is one part of a payment: an allocation to an invoice, or the
// unallocated rest (invoice 0). Arrangements use up pieces, so one euro is
// never counted twice.
type piece struct {
	date     ledger.Date
	currency string
	invoice  int64
	amount   int64
}

// piecesOf splits payments into pieces sorted by date (the given order on a
// day). Pieces of zero or less (refunds, reversals) are left out.
func piecesOf(payments []ledger.Payment) []piece {
	var ps []piece
	for _, p := range payments {
		rest := p.Amount
		for _, a := range p.Allocations {
			ps = append(ps, piece{p.Date, p.Currency, a.InvoiceID, a.Amount})
			rest -= a.Amount
		}
		ps = append(ps, piece{p.Date, p.Currency, 0, rest})
	}
	ps = slices.DeleteFunc(ps, func(pc piece) bool { return pc.amount <= 0 })
	slices.SortStableFunc(ps, func(a, b piece) int { return a.date.Time().Compare(b.date.Time()) })
	return ps
}

// counts reports whether piece pc counts for an arrangement in currency on
// items (any piece when items is empty: the account in general) dated from
// from (zero: no limit) to to.
func (pc piece) counts(currency string, items []int64, from, to ledger.Date) bool {
	return pc.amount > 0 && (pc.currency == "" || currency == "" || pc.currency == currency) &&
		(len(items) == 0 || slices.Contains(items, pc.invoice)) &&
		!pc.date.After(to) && (from.IsZero() || !pc.date.Before(from))
}

// PromiseStatus returns the state of promise p on day today, given the
// customer's payments. A payment counts when it is dated from the day the
// promise was made up to the deadline (and not after today), in the
// promise's currency: for a promise on items only what it allocates to those
// items, for a general promise the whole payment. Partial payments add up;
// the promise is kept on the day they cover the amount. Paid is what was
// applied to the promise, at most its amount. With several promises of a
// customer, use Outcomes: it applies each payment once.
func PromiseStatus(p Promise, payments []ledger.Payment, today ledger.Date) Status {
	return apply(p, piecesOf(payments), today)
}

// apply applies the pieces to promise p, using up what it takes.
func apply(p Promise, ps []piece, today ledger.Date) Status {
	var s Status
	deadline := p.Deadline()
	to := deadline
	if today.Before(to) {
		to = today
	}
	for i := range ps {
		pc := &ps[i]
		if s.Paid >= p.Amount || !pc.counts(p.Currency, p.Items, p.Made, to) {
			continue
		}
		take := min(pc.amount, p.Amount-s.Paid)
		pc.amount -= take
		s.Paid += take
		if s.Paid >= p.Amount {
			s.State, s.KeptOn, s.InGrace = PromiseKept, pc.date, pc.date.After(p.Due)
		}
	}
	if s.State == PromiseKept {
		return s
	}
	s.Missing = p.Amount - s.Paid
	if today.After(deadline) {
		s.State, s.BrokenOn = PromiseBroken, deadline.AddDays(1)
	} else {
		s.State = PromiseOpen
	}
	return s
}

// HeldItems returns the invoices that promises hold from dunning on day
// today: the items of every promise made by today whose deadline (Due plus
// grace) has not passed. A kept promise's items are paid, a broken one's are
// released, so the payments are not needed. General promises hold no items:
// see AccountHeldUntil.
func HeldItems(promises []Promise, today ledger.Date) map[int64]bool {
	held := map[int64]bool{}
	for _, p := range promises {
		if holds(p, today) {
			for _, id := range p.Items {
				held[id] = true
			}
		}
	}
	return held
}

// AccountHeldUntil returns the last day that general promises (those on no
// items) of the customer hold all its dunning, or the zero date: the latest
// deadline among those holding on day today. It goes into
// dunning.Customer.PausedUntil (the later of it and a manual pause).
func AccountHeldUntil(promises []Promise, customerID int64, today ledger.Date) ledger.Date {
	var until ledger.Date
	for _, p := range promises {
		if p.CustomerID == customerID && len(p.Items) == 0 && holds(p, today) && p.Deadline().After(until) {
			until = p.Deadline()
		}
	}
	return until
}

func holds(p Promise, today ledger.Date) bool {
	return !today.After(p.Deadline()) && (p.Made.IsZero() || !today.Before(p.Made))
}

// Outcome is a promise with its status.
type Outcome struct {
	Promise Promise
	Status  Status
}

// Outcomes returns the status of each promise on day today. A payment
// counts for the promises of its own customer (ledger.Payment.CustomerID),
// and each part of it once: a customer's promises take payments in the
// order of their deadlines (then due dates, then as given), so one payment
// does not keep two promises.
func Outcomes(promises []Promise, payments []ledger.Payment, today ledger.Date) []Outcome {
	byCustomer := map[int64][]ledger.Payment{}
	for _, p := range payments {
		byCustomer[p.CustomerID] = append(byCustomer[p.CustomerID], p)
	}
	pieces := map[int64][]piece{}
	for c, ps := range byCustomer {
		pieces[c] = piecesOf(ps)
	}
	order := make([]int, len(promises))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := promises[a].Deadline().Time().Compare(promises[b].Deadline().Time()); c != 0 {
			return c
		}
		return promises[a].Due.Time().Compare(promises[b].Due.Time())
	})
	out := make([]Outcome, len(promises))
	for _, i := range order {
		p := promises[i]
		out[i] = Outcome{p, apply(p, pieces[p.CustomerID], today)}
	}
	return out
}

// Stats counts promises by outcome. KeptRatio is kept / (kept + broken) in
// hundredths of a percent (8333 is 83.33%), rounded half up; open promises
// do not count in it. OK is false when no promise was kept or broken.
type Stats struct {
	Kept, Broken, Open int
	KeptRatio          int64
	OK                 bool
}

// PromiseStats counts the outcomes and their kept ratio.
func PromiseStats(outcomes []Outcome) Stats {
	var s Stats
	for _, o := range outcomes {
		switch o.Status.State {
		case PromiseKept:
			s.Kept++
		case PromiseBroken:
			s.Broken++
		default:
			s.Open++
		}
	}
	if n := s.Kept + s.Broken; n > 0 {
		s.KeptRatio, s.OK = ledger.MulDivRound(int64(s.Kept), 10000, int64(n))
	}
	return s
}

// PromiseStatsBy counts the outcomes per key: per customer with
// func(p Promise) int64 { return p.CustomerID }, per controller with
// func(p Promise) string { return p.Controller }.
func PromiseStatsBy[K comparable](outcomes []Outcome, key func(Promise) K) map[K]Stats {
	groups := map[K][]Outcome{}
	for _, o := range outcomes {
		k := key(o.Promise)
		groups[k] = append(groups[k], o)
	}
	out := make(map[K]Stats, len(groups))
	for k, g := range groups {
		out[k] = PromiseStats(g)
	}
	return out
}

// BrokenRecently returns how many promises became broken in the window of
// days up to and including today, and the most recent day one did: the
// BrokenPromises and LastBroken of a CustomerState.
func BrokenRecently(outcomes []Outcome, today ledger.Date, windowDays int) (n int, last ledger.Date) {
	for _, o := range outcomes {
		if o.Status.State != PromiseBroken {
			continue
		}
		if ago := o.Status.BrokenOn.DaysUntil(today); ago >= 0 && ago < windowDays {
			n++
			if o.Status.BrokenOn.After(last) {
				last = o.Status.BrokenOn
			}
		}
	}
	return n, last
}
