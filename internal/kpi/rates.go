package kpi

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// ErrNoRate means the rate table has no rate for a currency pair on a date.
var ErrNoRate = errors.New("kpi: no exchange rate")

// Rate is an exchange rate as an exact fraction: from Date on (until the
// pair's next rate), 1 unit of From is worth Num/Den units of To (major
// units, e.g. 1 EUR = 10834/10000 USD).
type Rate struct {
	From, To string      // ISO 4217 codes
	Date     ledger.Date // valid from this day on
	Num, Den int64       // the rate Num/Den, both positive
}

// ParseRate makes a Rate from a decimal string such as "1.0834", exactly.
func ParseRate(from, to string, date ledger.Date, decimal string) (Rate, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(decimal))
	if !ok || r.Sign() <= 0 || !r.Num().IsInt64() || !r.Denom().IsInt64() {
		return Rate{}, fmt.Errorf("kpi: invalid rate %q for %s/%s", decimal, from, to)
	}
	return Rate{From: from, To: to, Date: date, Num: r.Num().Int64(), Den: r.Denom().Int64()}, nil
}

// RateTable holds dated exchange rates per currency pair.
type RateTable struct {
	pairs map[[2]string][]Rate // sorted by date
}

// NewRateTable returns a table of the rates; a pair may be looked up in
// either direction (the inverse of a rate is exact). It rejects
// non-positive rates and two rates of one pair on one date.
func NewRateTable(rates []Rate) (*RateTable, error) {
	t := &RateTable{pairs: map[[2]string][]Rate{}}
	for _, r := range rates {
		if r.Num <= 0 || r.Den <= 0 || r.From == "" || r.To == "" || r.From == r.To {
			return nil, fmt.Errorf("kpi: invalid rate %s/%s %d/%d on %s", r.From, r.To, r.Num, r.Den, r.Date)
		}
		k := [2]string{r.From, r.To}
		t.pairs[k] = append(t.pairs[k], r)
	}
	for k, rs := range t.pairs {
		sort.Slice(rs, func(i, j int) bool { return rs[i].Date.Before(rs[j].Date) })
		for i := 1; i < len(rs); i++ {
			if day(rs[i].Date) == day(rs[i-1].Date) {
				return nil, fmt.Errorf("kpi: two %s/%s rates on %s", k[0], k[1], rs[i].Date)
			}
		}
	}
	return t, nil
}

// Rate returns the rate converting from into to on date on: the pair's
// latest rate dated on or before on, or the inverse of the reverse pair's.
// When both directions are given, the more recent one wins (the direct one
// on a tie). The same currency converts at 1/1.
func (t *RateTable) Rate(from, to string, on ledger.Date) (Rate, error) {
	if from == to {
		return Rate{From: from, To: to, Date: on, Num: 1, Den: 1}, nil
	}
	direct, okD := latest(t.pairs[[2]string{from, to}], on)
	inv, okI := latest(t.pairs[[2]string{to, from}], on)
	switch {
	case okD && (!okI || !inv.Date.After(direct.Date)):
		return direct, nil
	case okI:
		return Rate{From: from, To: to, Date: inv.Date, Num: inv.Den, Den: inv.Num}, nil
	}
	return Rate{}, fmt.Errorf("%w for %s/%s on %s", ErrNoRate, from, to, on)
}

func latest(rs []Rate, on ledger.Date) (Rate, bool) {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].Date.After(on) })
	if i == 0 {
		return Rate{}, false
	}
	return rs[i-1], true
}

// converter converts minor units of one currency into another at one rate.
type converter struct{ num, den int64 }

func (t *RateTable) converter(from, to string, on ledger.Date) (converter, error) {
	r, err := t.Rate(from, to, on)
	if err != nil {
		return converter{}, err
	}
	// minor_to = minor_from × Num/Den × 10^(exp_to − exp_from)
	num, den := big.NewInt(r.Num), big.NewInt(r.Den)
	shift := ledger.Exponent(to) - ledger.Exponent(from)
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(shift))), nil)
	if shift > 0 {
		num.Mul(num, p)
	} else {
		den.Mul(den, p)
	}
	g := new(big.Int).GCD(nil, nil, num, den)
	num.Quo(num, g)
	den.Quo(den, g)
	if !num.IsInt64() || !den.IsInt64() {
		return converter{}, fmt.Errorf("kpi: rate %s/%s %d/%d too precise", from, to, r.Num, r.Den)
	}
	return converter{num.Int64(), den.Int64()}, nil
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func (c converter) conv(amount int64) (int64, error) {
	v, ok := ledger.MulDivRound(amount, c.num, c.den)
	if !ok {
		return 0, fmt.Errorf("kpi: amount %d out of range after conversion", amount)
	}
	return v, nil
}

// Convert converts amount minor units of from into minor units of to at the
// rate valid on on, rounded half up (away from zero, so a credit note
// converts to the exact opposite of the same invoice) to the minor unit of
// to: 10,000 cents at 1.00005 are 10,000.5 cents, which become 10,001.
func (t *RateTable) Convert(amount int64, from, to string, on ledger.Date) (int64, error) {
	c, err := t.converter(from, to, on)
	if err != nil {
		return 0, err
	}
	return c.conv(amount)
}

// ConvertItems returns the items in reporting currency to, every amount of
// an item converted at the one rate valid on on ("constant rate": figures
// then move with collections, not with exchange rates). Payments are
// converted cumulatively (each is the difference of the converted running
// totals), so a fully paid item stays exactly paid; disputed amounts are
// converted one by one. Items already in to are returned as they are.
func ConvertItems(items []Item, to string, t *RateTable, on ledger.Date) ([]Item, error) {
	out := make([]Item, len(items))
	convs := map[string]converter{}
	for i, it := range items {
		out[i] = it
		if it.Currency == to {
			continue
		}
		c, ok := convs[it.Currency]
		if !ok {
			var err error
			if c, err = t.converter(it.Currency, to, on); err != nil {
				return nil, err
			}
			convs[it.Currency] = c
		}
		ci, err := convertItem(it, c)
		if err != nil {
			return nil, fmt.Errorf("item %s: %w", it.Ref, err)
		}
		ci.Currency = to
		out[i] = ci
	}
	return out, nil
}

func convertItem(it Item, c converter) (Item, error) {
	var err error
	if it.Amount, err = c.conv(it.Amount); err != nil {
		return it, err
	}
	if len(it.Payments) > 0 {
		ps := make([]Paid, len(it.Payments))
		var cum, prev int64
		for k, p := range it.Payments {
			cum += p.Amount
			now, err := c.conv(cum)
			if err != nil {
				return it, err
			}
			ps[k] = Paid{Date: p.Date, Amount: now - prev}
			prev = now
		}
		it.Payments = ps
	}
	if len(it.Disputes) > 0 {
		ds := make([]Span, len(it.Disputes))
		for k, d := range it.Disputes {
			if d.Amount, err = c.conv(d.Amount); err != nil {
				return it, err
			}
			ds[k] = d
		}
		it.Disputes = ds
	}
	return it, nil
}

// Convert returns the aging in currency to at the rate valid on on, each
// line of the buckets, credits and disputed amount converted on its own
// and rounded half up to the minor unit; the counts are unchanged, so the
// totals are sums of the converted lines.
func (a Aging) Convert(t *RateTable, to string, on ledger.Date) (Aging, error) {
	c, err := t.converter(a.Currency, to, on)
	if err != nil {
		return Aging{}, err
	}
	lines := make([]*Line, 0, NumBuckets+2)
	for i := range a.Buckets {
		lines = append(lines, &a.Buckets[i])
	}
	lines = append(lines, &a.Credits, &a.Disputed)
	for _, l := range lines {
		if l.Amount, err = c.conv(l.Amount); err != nil {
			return Aging{}, err
		}
	}
	a.Currency = to
	return a, nil
}
