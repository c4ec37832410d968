package kpi

import (
	"sort"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// PaymentTiming is how fast the money that came in over a period was paid.
type PaymentTiming struct {
	Paid            int64 // the allocations counted, added: the weight of the averages
	Count           int   // number of allocations counted
	OK              bool  // something was paid: the averages are defined
	DaysToPay       Days  // Σ amount × (payment date − invoice date) / Σ amount
	DaysLate        Days  // Σ amount × max(0, payment date − due date) / Σ amount
	DaysBeyondTerms Days  // Σ amount × (payment date − due date) / Σ amount: early payments count negative
}

// PaymentTimingIn returns the amount-weighted average days to pay and days
// late of the payments of currency dated in p. Each positive allocation to an
// invoice (an item with a positive amount) dated in p counts with its own
// amount and date, so a partly paid invoice counts for the part paid:
//
//	days to pay = Σ a_i × (paid_i − invoiced_i) / Σ a_i
//	days late   = Σ a_i × max(0, paid_i − due_i) / Σ a_i
//
// This is the days-beyond-terms formula "DBT = Σ(payment amount × days in
// arrears) / Σ(payment amount)" (fitsmallbusiness.com, "Days Beyond Terms");
// DaysBeyondTerms keeps early payments negative as that source does, DaysLate
// counts them as 0 days late. The sums Σ amount × days are int64: exact up
// to 9.2 × 10^18 minor-unit-days (EUR 92 billion paid at 1,000 days).
func PaymentTimingIn(items []Item, currency string, p Period) PaymentTiming {
	from, to := day(p.From), day(p.To)
	var pt PaymentTiming
	var toPay, late, beyond int64 // Σ amount × days, in minor units × days
	for i := range items {
		it := &items[i]
		if it.Currency != currency || it.Amount <= 0 {
			continue
		}
		inv, due := day(it.InvoiceDate), it.dueDay()
		for _, pd := range it.Payments {
			d := day(pd.Date)
			if pd.Amount <= 0 || d < from || d > to {
				continue
			}
			pt.Paid += pd.Amount
			pt.Count++
			toPay += pd.Amount * (d - inv)
			beyond += pd.Amount * (d - due)
			late += pd.Amount * max(0, d-due)
		}
	}
	if pt.Paid == 0 {
		return pt
	}
	pt.OK = true
	pt.DaysToPay, _ = ratioDays(toPay, pt.Paid, 1)
	pt.DaysLate, _ = ratioDays(late, pt.Paid, 1)
	pt.DaysBeyondTerms, _ = ratioDays(beyond, pt.Paid, 1)
	return pt
}

// DunningEvent is an item reaching a dunning level on a date (the day its
// reminder or letter went out).
type DunningEvent struct {
	Level   int         // the dunning level (1 = first reminder)
	Reached ledger.Date // the day the level was reached
	Item    Item        // the item, with its payment history
}

// DunningLevel is what followed the dunning at one level.
type DunningLevel struct {
	Level      int     // the dunning level
	Items      int     // items that reached the level with a positive open amount
	Dunned     int64   // their open amount on the day they reached it
	Collected  int64   // of which paid in the N days after
	PaidInFull int     // items with nothing left open N days after
	OK         bool    // something was dunned: Share is defined
	Share      Percent // Collected / Dunned × 100
}

// DunningEffectiveness returns, per dunning level (ascending), the share by
// amount of the dunned items of currency paid within within days after
// reaching the level ("results per dunning stage", Gieskens, Rendement 2020):
//
//	share = Σ (open on day R − open on day R + N) / Σ open on day R
//
// where R is the day the level was reached; a payment on R itself is taken
// to have crossed the reminder and is not counted. Items without a positive
// open amount on R are skipped. The window must have passed for the figure
// to be final: the caller passes events reached at least N days ago.
func DunningEffectiveness(events []DunningEvent, currency string, within int) []DunningLevel {
	byLevel := map[int]*DunningLevel{}
	for k := range events {
		e := &events[k]
		if e.Item.Currency != currency {
			continue
		}
		r := day(e.Reached)
		open := e.Item.openAt(r)
		if open <= 0 {
			continue
		}
		after := e.Item.openAt(r + int64(within))
		l := byLevel[e.Level]
		if l == nil {
			l = &DunningLevel{Level: e.Level}
			byLevel[e.Level] = l
		}
		l.Items++
		l.Dunned += open
		l.Collected += open - max(after, 0)
		if after <= 0 {
			l.PaidInFull++
		}
	}
	out := make([]DunningLevel, 0, len(byLevel))
	for _, l := range byLevel {
		l.Share, l.OK = ratioPercent(l.Collected, l.Dunned)
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Level < out[j].Level })
	return out
}

// Promise is a customer's promise to pay Amount by Due, and whether it was kept.
type Promise struct {
	Currency string      // ISO 4217
	Amount   int64       // promised amount, minor units
	Due      ledger.Date // the promised payment date
	Kept     bool        // paid as promised
}

// PromiseStats is the promise kept ratio over a period.
type PromiseStats struct {
	Count, Kept        int     // promises falling due, and of those kept
	Amount, KeptAmount int64   // their amounts, minor units
	OK                 bool    // some promise fell due: the ratios are defined
	ByCount            Percent // Kept / Count × 100
	ByAmount           Percent // KeptAmount / Amount × 100
}

// PromisesKept returns the promise kept ratio of the promises of currency
// falling due in p, by number and by amount:
//
//	kept ratio = promises kept / promises due × 100
func PromisesKept(promises []Promise, currency string, p Period) PromiseStats {
	var s PromiseStats
	for _, pr := range promises {
		if pr.Currency != currency || !p.Contains(pr.Due) {
			continue
		}
		s.Count++
		s.Amount += pr.Amount
		if pr.Kept {
			s.Kept++
			s.KeptAmount += pr.Amount
		}
	}
	s.ByCount, s.OK = ratioPercent(int64(s.Kept), int64(s.Count))
	s.ByAmount, _ = ratioPercent(s.KeptAmount, s.Amount)
	return s
}

// Dispute is a dispute's life: the day it was opened and the day it was
// resolved (zero while open).
type Dispute struct {
	Opened, Resolved ledger.Date // Resolved is zero while open
}

// DisputeStats is the resolution time of the disputes resolved in a period.
type DisputeStats struct {
	Resolved int  // disputes resolved in the period
	Open     int  // disputes opened by the period's end and not resolved by then
	OK       bool // some dispute was resolved: Average and P90 are defined
	Average  Days // mean of (resolved − opened) in days
	P90      Days // 90th percentile of (resolved − opened), nearest-rank method
}

// DisputeResolution returns the average and 90th percentile of the days
// from opening to resolution of the disputes resolved in p. The percentile
// is the nearest-rank one (Wikipedia, "Percentile"): the value at ordinal
// rank ⌈0.9 × n⌉ of the sorted durations, always one of them.
func DisputeResolution(disputes []Dispute, p Period) DisputeStats {
	var s DisputeStats
	var ds []int64
	var sum int64
	end := day(p.To)
	for _, d := range disputes {
		switch {
		case !d.Resolved.IsZero() && p.Contains(d.Resolved):
			n := day(d.Resolved) - day(d.Opened)
			ds = append(ds, n)
			sum += n
		case day(d.Opened) <= end && (d.Resolved.IsZero() || day(d.Resolved) > end):
			s.Open++
		}
	}
	s.Resolved = len(ds)
	if s.Resolved == 0 {
		return s
	}
	s.OK = true
	s.Average, _ = ratioDays(sum, int64(s.Resolved), 1)
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	rank := (9*len(ds) + 9) / 10 // ⌈0.9 × n⌉
	s.P90 = Days(ds[rank-1] * 100)
	return s
}
