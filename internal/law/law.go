// Package law holds what the law lets a creditor add to an overdue claim:
// extrajudicial collection costs and statutory late-payment interest.
//
// The rules of a country are a value (Rules): a cost scale, a VAT rate, a
// day-count basis, whether interest compounds yearly, and a dated rate table.
// The computations (Scale.Costs, Rules.StatutoryInterest) are generic; a
// country is added by writing its Rules value, not by special cases. The
// Netherlands is the first: NL() and the package-level CollectionCosts and
// StatutoryInterest use it. What only Dutch law knows (the consumer's 14-day
// letter of art. 6:96 lid 6 BW) lives in nl.go.
//
// Money is exact: amounts are int64 minor units, percentages are integer
// basis points (1/100 of a percent), and every rounding is written down where
// it happens (round half up to the cent, see roundHalfUp).
package law

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Kind is the kind of transaction, which decides the statutory interest rate.
type Kind int

// The kinds of statutory interest.
const (
	// Consumer is the general statutory interest (NL: art. 6:119 BW, for
	// consumers and every non-commercial claim).
	Consumer Kind = iota + 1
	// Commercial is the interest on commercial transactions (NL: art. 6:119a
	// BW, handelsrente, between businesses and with public authorities).
	Commercial
)

// String returns "consumer" or "commercial", the names the rate file uses.
func (k Kind) String() string {
	switch k {
	case Consumer:
		return "consumer"
	case Commercial:
		return "commercial"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind parses "consumer" or "commercial" (case-insensitive).
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "consumer":
		return Consumer, nil
	case "commercial":
		return Commercial, nil
	}
	return 0, fmt.Errorf("invalid interest kind %q, want consumer or commercial", s)
}

// Rules is one country's law on collection costs and statutory interest.
type Rules struct {
	Country   string    // ISO 3166-1 alpha-2, e.g. "NL"
	Currency  string    // the only currency the rules accept, e.g. "EUR"
	Costs     Scale     // the collection-cost scale
	VATRateBP int       // VAT on collection costs when the creditor cannot deduct it, in basis points
	DayBasis  int64     // days per year in the day-count fraction (interest = base × rate × days / DayBasis)
	Compound  bool      // add each year's interest to the base at the end of that year
	Rates     RateTable // the rate table shipped with Kredo
}

// NL returns the rules of the Netherlands (see nl.go); each call returns a
// fresh copy, so a caller may change it (e.g. its Rates) without affecting others.
func NL() *Rules {
	r := *nlRules()
	r.Costs.Brackets = slices.Clone(r.Costs.Brackets)
	return &r
}

// ForCountry returns the rules of a country by its ISO 3166-1 alpha-2 code.
func ForCountry(code string) (*Rules, error) {
	switch strings.ToUpper(strings.TrimSpace(code)) {
	case "NL":
		return NL(), nil
	}
	return nil, fmt.Errorf("no collection rules for country %q (known: NL)", code)
}

// CollectionCosts computes the Dutch collection costs (BIK art. 2) on principal.
func CollectionCosts(principal ledger.Money, opt CostOptions) (CostBreakdown, error) {
	return NL().CollectionCosts(principal, opt)
}

// StatutoryInterest computes Dutch statutory interest (art. 6:119/6:119a BW)
// from the first day of default to until, inclusive; a zero table means the
// table shipped with Kredo.
func StatutoryInterest(kind Kind, principal ledger.Money, from, until ledger.Date, table RateTable) (InterestBreakdown, error) {
	return NL().StatutoryInterest(kind, principal, from, until, table)
}

// checkCurrency rejects money in another currency than the rules'.
func (r *Rules) checkCurrency(m ledger.Money) error {
	if m.Currency != r.Currency {
		return ledger.Errorf(ledger.ErrInvalid, "%s rules compute in %s, not %q", r.Country, r.Currency, m.Currency)
	}
	return nil
}

// roundHalfUp returns num/den rounded to the nearest integer, halves away
// from zero (num >= 0 and den > 0 here, so: halves up). This is the one
// rounding rule of the package: every amount is rounded to the cent this way.
func roundHalfUp(num, den int64) int64 {
	q, r := num/den, num%den
	if 2*r >= den {
		q++
	}
	return q
}

// mul returns a*b for non-negative a and b, or ok=false when it overflows int64.
func mul(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > 1<<63-1 {
		return 0, false
	}
	return int64(lo), true
}

// errTooLarge is returned when an amount is too large to compute exactly.
var errTooLarge = ledger.Errorf(ledger.ErrInvalid, "amount too large to compute")
