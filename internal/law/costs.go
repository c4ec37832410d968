package law

import (
	"github.com/kredo-dev/kredo/internal/ledger"
)

// Bracket is one step of a degressive cost scale: RateBP basis points of the
// part of the principal between the previous bracket's Upto and this Upto.
type Bracket struct {
	Upto   int64 // upper bound of the bracket in minor units; 0 means no upper bound (last bracket)
	RateBP int64 // percentage in basis points: 1500 is 15%
}

// Scale is a cost scale: brackets over the principal, then a minimum and a
// maximum on their sum.
type Scale struct {
	Brackets []Bracket // ascending; only the last may be open-ended
	Min      int64     // minimum costs in minor units (0: none)
	Max      int64     // maximum costs in minor units (0: none)
}

// CostOptions are the choices the creditor makes for a cost computation.
type CostOptions struct {
	VAT       bool // add VAT: the creditor cannot deduct the VAT charged to it (BIK art. 2 lid 3)
	VATRateBP int  // VAT rate in basis points; 0 means the country's rate (NL: 2100 = 21%)
}

// CostLine is one bracket's share of the costs.
type CostLine struct {
	From   ledger.Money // lower bound of the bracket
	To     ledger.Money // upper bound of the bracket; zero amount for the open-ended last bracket
	RateBP int64        // percentage in basis points
	Base   ledger.Money // the part of the principal in this bracket
	Amount ledger.Money // Base × RateBP / 10000, rounded half up to the cent
}

// CostBreakdown is a collection-cost computation, step by step.
type CostBreakdown struct {
	Principal      ledger.Money
	Lines          []CostLine   // the brackets the principal reaches
	Subtotal       ledger.Money // sum of the lines
	MinimumApplied bool         // the subtotal was below the minimum, which was charged instead
	MaximumApplied bool         // the subtotal was above the maximum, which was charged instead
	Costs          ledger.Money // the subtotal after minimum and maximum
	VATRateBP      int          // 0 when no VAT is added
	VAT            ledger.Money // Costs × VATRateBP / 10000, rounded half up to the cent
	Total          ledger.Money // Costs + VAT
}

// CollectionCosts computes the collection costs on principal under these rules.
func (r *Rules) CollectionCosts(principal ledger.Money, opt CostOptions) (CostBreakdown, error) {
	if err := r.checkCurrency(principal); err != nil {
		return CostBreakdown{}, err
	}
	if opt.VAT && opt.VATRateBP == 0 {
		opt.VATRateBP = r.VATRateBP
	}
	return r.Costs.Costs(principal, opt)
}

// Costs applies the scale to principal.
//
// Rounding: each bracket's amount is rounded half up to the cent on its own
// (base in cents × basis points / 10000), the lines are summed, the minimum
// and maximum are applied to that sum, and VAT is computed on the result and
// rounded half up to the cent. With the Dutch scale every full bracket gives
// whole cents, so only the last, partial bracket is ever rounded: rounding
// per bracket and rounding the exact total give the same figure.
func (s Scale) Costs(principal ledger.Money, opt CostOptions) (CostBreakdown, error) {
	if principal.Amount <= 0 {
		return CostBreakdown{}, ledger.Errorf(ledger.ErrInvalid, "the principal must be positive, not %s", principal)
	}
	if opt.VAT && (opt.VATRateBP <= 0 || opt.VATRateBP > 10000) {
		return CostBreakdown{}, ledger.Errorf(ledger.ErrInvalid, "VAT rate must be between 0 and 100%%")
	}
	cur := principal.Currency
	money := func(a int64) ledger.Money { return ledger.Money{Amount: a, Currency: cur} }
	b := CostBreakdown{Principal: principal}
	var lower, sum int64
	for _, br := range s.Brackets {
		if lower >= principal.Amount {
			break
		}
		upper := br.Upto
		base := principal.Amount - lower
		if upper != 0 && upper-lower < base {
			base = upper - lower
		}
		num, ok := mul(base, br.RateBP)
		if !ok {
			return CostBreakdown{}, errTooLarge
		}
		amount := roundHalfUp(num, 10000)
		b.Lines = append(b.Lines, CostLine{From: money(lower), To: money(upper), RateBP: br.RateBP, Base: money(base), Amount: money(amount)})
		sum += amount
		if upper == 0 {
			break
		}
		lower = upper
	}
	b.Subtotal = money(sum)
	costs := sum
	if s.Min > 0 && costs < s.Min {
		costs, b.MinimumApplied = s.Min, true
	}
	if s.Max > 0 && costs > s.Max {
		costs, b.MaximumApplied = s.Max, true
	}
	b.Costs = money(costs)
	if opt.VAT {
		b.VATRateBP = opt.VATRateBP
		num, ok := mul(costs, int64(opt.VATRateBP))
		if !ok {
			return CostBreakdown{}, errTooLarge
		}
		b.VAT = money(roundHalfUp(num, 10000))
	} else {
		b.VAT = money(0)
	}
	b.Total = money(costs + b.VAT.Amount)
	return b, nil
}
