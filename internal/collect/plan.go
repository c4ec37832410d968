package collect

import (
	"math/big"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Interval is the time between two instalments of a plan.
type Interval string

// The intervals a plan can have.
const (
	Weekly  Interval = "weekly"  // Weekly instalments fall every 7 days
	Monthly Interval = "monthly" // Monthly instalments fall on the start's day of the month (see InstalmentDate)
)

// Consequence is what happens to a plan's items when the plan breaks.
type Consequence string

// The consequences of a broken plan.
const (
	BackToDunning Consequence = "back_to_dunning" // BackToDunning: the items go back into the dunning scheme where they were
	FinalLevel    Consequence = "final_level"     // FinalLevel: the items go straight to the scheme's final level
)

// Plan limits.
const (
	MinInstalments = 2  // MinInstalments is the fewest instalments a plan can have
	MaxInstalments = 36 // MaxInstalments is the most instalments a plan can have
)

// PlanOptions are the optional terms of a payment plan.
type PlanOptions struct {
	CustomerID    int64
	Agreed        ledger.Date // the day the plan was agreed: payments from then on count (zero: the start)
	Items         []int64     // the invoices the plan covers; empty: the account in general
	InterestBP    int         // yearly interest in basis points (800 = 8%) on the declining principal; 0: none
	Costs         int64       // fixed costs added to the plan (collection costs, a fee), minor units
	MinInstalment int64       // the smallest instalment allowed, minor units; 0: 25 units of the currency
	OnBreak       Consequence // what a broken plan does; "": BackToDunning
}

// Instalment is one payment due under a plan.
type Instalment struct {
	No     int // 1-based
	Due    ledger.Date
	Amount int64
}

// Plan is an agreed payment plan with its schedule. Principal + Interest +
// Costs = Total = the sum of the instalments, exactly.
type Plan struct {
	CustomerID  int64
	Agreed      ledger.Date
	Currency    string
	Items       []int64
	Every       Interval
	Principal   int64
	Interest    int64
	Costs       int64
	Total       int64
	OnBreak     Consequence
	Instalments []Instalment
}

// NewPlan splits total (plus interest and costs) into n instalments, the
// first due on start, then one every interval. Every instalment but the last
// is ⌊Total / n⌋; the last takes the remainder, so the instalments add up to
// Total exactly (EUR 1000.00 in 3: 333.33, 333.33, 333.34).
//
// Interest is simple interest at InterestBP a year on the principal still
// open between instalments, as if the principal were repaid in n equal
// parts: after instalment k (1..n−1) (n − k)/n of it is open for one
// interval, so Interest = Principal × rate × (n − 1)/2 × interval, with a
// month as 1/12 year and a week as 7/365; it is rounded once, half up.
//
// n must be between MinInstalments and MaxInstalments and ⌊Total / n⌋ at
// least the minimum instalment.
func NewPlan(total ledger.Money, start ledger.Date, n int, every Interval, opts PlanOptions) (Plan, error) {
	switch {
	case total.Amount <= 0:
		return Plan{}, ledger.Errorf(ledger.ErrInvalid, "a payment plan needs a positive amount")
	case start.IsZero():
		return Plan{}, ledger.Errorf(ledger.ErrInvalid, "a payment plan needs a start date")
	case n < MinInstalments || n > MaxInstalments:
		return Plan{}, ledger.Errorf(ledger.ErrInvalid, "a payment plan has %d to %d instalments, not %d", MinInstalments, MaxInstalments, n)
	case every != Weekly && every != Monthly:
		return Plan{}, ledger.Errorf(ledger.ErrInvalid, "unknown interval %q: weekly or monthly", every)
	case opts.InterestBP < 0 || opts.InterestBP > 10000:
		return Plan{}, ledger.Errorf(ledger.ErrInvalid, "interest of %d basis points is out of range (0-10000)", opts.InterestBP)
	case opts.Costs < 0 || opts.MinInstalment < 0:
		return Plan{}, ledger.Errorf(ledger.ErrInvalid, "costs and the minimum instalment cannot be negative")
	case opts.OnBreak != "" && opts.OnBreak != BackToDunning && opts.OnBreak != FinalLevel:
		return Plan{}, ledger.Errorf(ledger.ErrInvalid, "unknown consequence %q", opts.OnBreak)
	case !opts.Agreed.IsZero() && opts.Agreed.After(start):
		return Plan{}, ledger.Errorf(ledger.ErrInvalid, "the first instalment (%s) is before the plan was agreed (%s)", start, opts.Agreed)
	}
	p := Plan{CustomerID: opts.CustomerID, Agreed: opts.Agreed, Currency: total.Currency, Items: opts.Items, Every: every,
		Principal: total.Amount, Costs: opts.Costs, OnBreak: opts.OnBreak}
	if p.Agreed.IsZero() {
		p.Agreed = start
	}
	if p.OnBreak == "" {
		p.OnBreak = BackToDunning
	}
	p.Interest = planInterest(total.Amount, opts.InterestBP, n, every)
	p.Total = p.Principal + p.Interest + p.Costs
	minimum := opts.MinInstalment
	if minimum == 0 {
		minimum = 25 * pow10(ledger.Exponent(total.Currency))
	}
	base := p.Total / int64(n)
	if base < minimum {
		return Plan{}, ledger.Errorf(ledger.ErrInvalid, "%d instalments of %s %s are below the minimum of %s: fewer instalments, please",
			n, total.Currency, ledger.FormatAmount(base, total.Currency), ledger.FormatAmount(minimum, total.Currency))
	}
	for k := 0; k < n; k++ {
		amount := base
		if k == n-1 {
			amount = p.Total - base*int64(n-1)
		}
		p.Instalments = append(p.Instalments, Instalment{No: k + 1, Due: InstalmentDate(start, every, k), Amount: amount})
	}
	return p, nil
}

// InstalmentDate returns the due date of instalment k (0-based) of a plan
// starting on start. Weekly: start + 7k days. Monthly: the start's day of
// the month, k months on, on the last day of that month when it is shorter;
// each date is computed from the start, not from the previous one, so 31 Jan
// gives 28 (or 29) Feb, 31 Mar, 30 Apr, 31 May. A start on the 28th stays on
// the 28th, also when that was the end of February.
func InstalmentDate(start ledger.Date, every Interval, k int) ledger.Date {
	if every == Weekly {
		return start.AddDays(7 * k)
	}
	m := int(start.Month()) - 1 + k
	y, mon := start.Year()+m/12, time.Month(m%12+1)
	return ledger.NewDate(y, mon, min(start.Day(), daysIn(y, mon)))
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func pow10(n int) int64 {
	v := int64(1)
	for range n {
		v *= 10
	}
	return v
}

// planInterest is Principal × bp/10000 × (n − 1)/2 × interval in years,
// rounded half up, computed exactly.
func planInterest(principal int64, bp, n int, every Interval) int64 {
	if bp == 0 {
		return 0
	}
	num := new(big.Int).Mul(big.NewInt(principal), big.NewInt(int64(bp)*int64(n-1)))
	den := big.NewInt(2 * 10000 * 12)
	if every == Weekly {
		num.Mul(num, big.NewInt(7))
		den = big.NewInt(2 * 10000 * 365)
	}
	// (2 × num + den) / (2 × den): the quotient rounded half up
	num.Lsh(num, 1).Add(num, den)
	den.Lsh(den, 1)
	return num.Quo(num, den).Int64()
}
