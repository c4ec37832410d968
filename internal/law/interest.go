package law

import (
	"github.com/kredo-dev/kredo/internal/ledger"
)

// InterestPeriod is a stretch of days with one rate and one base.
type InterestPeriod struct {
	From     ledger.Date  // first day, inclusive
	To       ledger.Date  // last day, inclusive
	Days     int          // To − From + 1
	RateBP   int64        // rate per year in basis points
	Base     ledger.Money // the sum interest runs on (principal plus capitalised interest)
	Interest ledger.Money // this period's share of its year's interest, in cents (see StatutoryInterest)
}

// Capitalisation is the end of an interest year: the year's interest is
// added to the base from Date on (art. 6:119 lid 2 BW).
type Capitalisation struct {
	Date     ledger.Date  // first day of the next interest year
	Interest ledger.Money // the interest of the year that ended
	NewBase  ledger.Money // the base from Date on
}

// InterestBreakdown is a statutory-interest computation, step by step.
type InterestBreakdown struct {
	Kind            Kind
	Principal       ledger.Money
	From, Until     ledger.Date // first and last day of interest, inclusive
	Days            int
	DayBasis        int64
	Periods         []InterestPeriod
	Capitalisations []Capitalisation
	Interest        ledger.Money // total interest
	Total           ledger.Money // principal + interest
}

// StatutoryInterest computes the statutory interest of kind on principal for
// every day from from to until, both inclusive, at the rates of table (a zero
// table means the rules' own). For an invoice due on day D, from is D+1: the
// debtor is in default from the day after the last day to pay.
//
// Method (art. 6:119 lid 1-2, 6:119a lid 1-3 BW): simple interest at the rate
// in force on each day; interest years run from from (from, from+1 year, ...,
// a 29 February start rolling to 1 March) and at the end of each full year
// the interest of that year is added to the base.
//
// Day count: actual days over DayBasis (365 for NL), leap years included: a
// day's interest is base × rate / 365, so 29 February earns a day of
// interest like any other. This is what Dutch calculators and courts
// commonly do ("dagen / 365"); the law names a rate per year and no basis.
//
// Rounding: within an interest year Kredo adds the exact interest of the
// periods (as an integer numerator over 10000 × DayBasis, no rounding) and
// rounds the year's sum half up to the cent once; that cent amount is what is
// capitalised. A period's Interest is its share so that the periods of a
// year add up to the year exactly: round(sum up to and including the period)
// − round(sum before it), each within a cent of its exact value. The total is
// the sum of the rounded years.
func (r *Rules) StatutoryInterest(kind Kind, principal ledger.Money, from, until ledger.Date, table RateTable) (InterestBreakdown, error) {
	if err := r.checkCurrency(principal); err != nil {
		return InterestBreakdown{}, err
	}
	if kind != Consumer && kind != Commercial {
		return InterestBreakdown{}, ledger.Errorf(ledger.ErrInvalid, "unknown interest kind %v", kind)
	}
	if principal.Amount <= 0 {
		return InterestBreakdown{}, ledger.Errorf(ledger.ErrInvalid, "the principal must be positive, not %s", principal)
	}
	if from.IsZero() || until.IsZero() {
		return InterestBreakdown{}, ledger.Errorf(ledger.ErrInvalid, "the interest needs a first and a last day")
	}
	if until.Before(from) {
		return InterestBreakdown{}, ledger.Errorf(ledger.ErrInvalid, "the last day of interest %s is before the first %s", until, from)
	}
	if table.IsZero() {
		table = r.Rates
	}
	if _, ok := table.At(kind, from); !ok {
		return InterestBreakdown{}, ledger.Errorf(ledger.ErrInvalid, "the rate table has no %s rate for %s", kind, from)
	}
	cur := principal.Currency
	money := func(a int64) ledger.Money { return ledger.Money{Amount: a, Currency: cur} }
	den := 10000 * r.DayBasis
	b := InterestBreakdown{Kind: kind, Principal: principal, From: from, Until: until,
		Days: from.DaysUntil(until) + 1, DayBasis: r.DayBasis}
	base, total := principal.Amount, int64(0)
	yearStart := from
	for n := 1; !yearStart.After(until); n++ {
		next := from.AddMonths(12 * n) // the anniversary: first day of the next interest year
		if !r.Compound {
			next = until.AddDays(1)
		}
		yearEnd := next.AddDays(-1)
		if yearEnd.After(until) {
			yearEnd = until
		}
		var exact, rounded int64 // exact: numerator over den; rounded: cents so far this year
		for d := yearStart; !d.After(yearEnd); {
			rate, _ := table.At(kind, d) // present: rows only get later and from has one
			end := yearEnd
			if change, ok := table.nextChange(kind, d, rate.RateBP); ok && !change.After(end) {
				end = change.AddDays(-1)
			}
			days := int64(d.DaysUntil(end) + 1)
			num, ok := mul(base, rate.RateBP)
			if ok {
				num, ok = mul(num, days)
			}
			if !ok || exact >= 1<<62 || num >= 1<<62 {
				return InterestBreakdown{}, errTooLarge
			}
			exact += num
			share := roundHalfUp(exact, den) - rounded
			rounded += share
			b.Periods = append(b.Periods, InterestPeriod{From: d, To: end, Days: int(days),
				RateBP: rate.RateBP, Base: money(base), Interest: money(share)})
			d = end.AddDays(1)
		}
		total += rounded
		if r.Compound && yearEnd.Before(until) {
			base += rounded
			b.Capitalisations = append(b.Capitalisations, Capitalisation{Date: next, Interest: money(rounded), NewBase: money(base)})
		}
		yearStart = next
	}
	b.Interest = money(total)
	b.Total = money(principal.Amount + total)
	return b, nil
}
