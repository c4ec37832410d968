package kpi

import "sort"

// The formulas over balances. Item-level functions (figures.go) compute the
// balances from history and call these; a store layer with monthly snapshots
// can call them directly. Every result is the exact rational rounded once,
// half away from zero, to hundredths.

// StandardDSO returns days sales outstanding by the standard (period) method:
//
//	DSO = ending total receivables / credit sales of the period × days in the period
//
// with the period's length a parameter (a month, 90 days, a quarter, a
// year). CRF reports it quarterly; creditguru.com "Average Days Delinquent"
// gives it as "(Total Accounts Receivables / Total Credit Sales) × Number of
// Days in the period". ok is false when sales are zero.
func StandardDSO(receivables, sales int64, days int) (Days, bool) {
	return ratioDays(receivables, sales, days)
}

// BestPossibleDSO returns the DSO the receivables would have if every item
// were paid on its due date:
//
//	BPDSO = ending current (not yet due) receivables / credit sales × days
//
// (CRF "Best Possible DSO"; creditguru.com gives "(Current Receivables /
// Total Credit Sales) × Number of Days"). ok is false when sales are zero.
func BestPossibleDSO(current, sales int64, days int) (Days, bool) {
	return ratioDays(current, sales, days)
}

// AverageDaysDelinquent returns ADD = DSO − best possible DSO (CRF "Average
// Days Delinquent"; creditguru.com "ADD = Regular DSO – Best Possible DSO"),
// computed exactly as (receivables − current) / sales × days and rounded
// once, so it can differ by 0.01 from the difference of the two rounded
// figures. ok is false when sales are zero.
func AverageDaysDelinquent(receivables, current, sales int64, days int) (Days, bool) {
	return ratioDays(receivables-current, sales, days)
}

// PeriodSales is the credit sales of one period (usually a calendar month).
type PeriodSales struct {
	Period Period // its days count in the countback
	Sales  int64  // net credit sales, minor units
}

// Countback is the result of the countback DSO.
type Countback struct {
	Days     Days // the DSO
	Full     int  // periods whose sales were counted in full
	Complete bool // false when the sales given ran out before the receivables did: Days is then a lower bound
}

// CountbackDSO returns days sales outstanding by the countback method
// (Credit Today, "Why You Should Switch to the Countback Method to Calculate
// DSO"): start from the ending receivables; going back from the latest
// period, while the remainder is at least that period's sales, subtract the
// sales and count all of the period's days; then add the fraction
// remainder / that period's sales × that period's days, and stop:
//
//	DSO = Σ days of the fully covered periods + R / S_k × D_k
//
// A period with no (or negative) sales is passed over in full. The periods
// may be given in any order; they are taken latest first. Receivables of
// zero or less give 0 days.
func CountbackDSO(receivables int64, periods []PeriodSales) Countback {
	ps := append([]PeriodSales(nil), periods...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Period.To.After(ps[j].Period.To) })
	rest := receivables
	var c Countback
	for _, p := range ps {
		if rest <= 0 {
			c.Complete = true
			return c
		}
		d := p.Period.Days()
		if rest >= p.Sales {
			rest -= p.Sales
			c.Days += WholeDays(d)
			c.Full++
			continue
		}
		frac, _ := ratioDays(rest, p.Sales, d) // 0 < rest < sales: cannot fail
		c.Days += frac
		c.Complete = true
		return c
	}
	c.Complete = rest <= 0
	return c
}

// CEIInputs are the four balances of the collection effectiveness index.
type CEIInputs struct {
	Beginning     int64 // total receivables at the start of the period
	Sales         int64 // credit sales of the period
	EndingTotal   int64 // total receivables at the end of the period
	EndingCurrent int64 // not-yet-due receivables at the end of the period
}

// CEI returns the collection effectiveness index of a period:
//
//	CEI = (beginning receivables + credit sales − ending total receivables) /
//	      (beginning receivables + credit sales − ending current receivables) × 100
//
// what was collected out of what could have been collected (CRF; the formula
// as in creditguru.com and gaviti.com "Collection Effectiveness Index").
// Some publish the form with credit sales / N for an N-month period
// (creditguru.com, Oracle Advanced Collections); this function takes the
// sales as given: the period's credit sales in full (as the brief, gaviti.com
// and wizedu.com do), or Sales / N for that other form. ok is false when the
// denominator is zero.
func CEI(in CEIInputs) (Percent, bool) {
	return ratioPercent(in.Beginning+in.Sales-in.EndingTotal, in.Beginning+in.Sales-in.EndingCurrent)
}
