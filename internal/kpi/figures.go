package kpi

import (
	"sort"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// CreditSales returns the net credit sales of currency in period p: the
// amounts of the items invoiced in p, credit notes (negative) included. CRF:
// "total invoiced receivable for the period".
func CreditSales(items []Item, currency string, p Period) int64 {
	from, to := day(p.From), day(p.To)
	var s int64
	for i := range items {
		it := &items[i]
		if it.Currency != currency {
			continue
		}
		if d := day(it.InvoiceDate); d >= from && d <= to {
			s += it.Amount
		}
	}
	return s
}

// SalesByPeriod returns the net credit sales of currency in each of the
// periods (in the order given), in one pass over the items. An item dated in
// overlapping periods counts in each.
func SalesByPeriod(items []Item, currency string, periods []Period) []PeriodSales {
	out := make([]PeriodSales, len(periods))
	from, to := make([]int64, len(periods)), make([]int64, len(periods))
	for k, p := range periods {
		out[k].Period = p
		from[k], to[k] = day(p.From), day(p.To)
	}
	for i := range items {
		it := &items[i]
		if it.Currency != currency {
			continue
		}
		d := day(it.InvoiceDate)
		for k := range periods {
			if d >= from[k] && d <= to[k] {
				out[k].Sales += it.Amount
			}
		}
	}
	return out
}

// CountbackDSOAt returns the countback DSO of currency at the end of asOf,
// counting back over the months calendar months ending with asOf's month
// (the latest one partial, from its first day to asOf, with that many days).
// The receivables are the net total at asOf.
func CountbackDSOAt(items []Item, currency string, asOf ledger.Date, months int) Countback {
	receivables := AgingAt(items, currency, asOf).Net()
	return CountbackDSO(receivables, SalesByPeriod(items, currency, Months(asOf, months)))
}

// Figures are the steering figures of one currency over a period, with the
// balances they come from, so each can be recomputed and shown.
type Figures struct {
	Currency  string // ISO 4217
	Period    Period // the period of Sales and CEI; the aging is at its end
	Beginning int64  // net receivables at the end of the day before Period.From
	Sales     int64  // net credit sales in Period
	Aging     Aging  // at the end of Period.To

	HasSales bool // DSO, BestDSO and ADD are defined (sales are not zero)
	DSO      Days // standard method over the period: Aging.Net() / Sales × Period.Days()
	BestDSO  Days // Aging.Current() / Sales × Period.Days()
	ADD      Days // (Aging.Net() − Aging.Current()) / Sales × Period.Days()

	HasCEI bool    // CEI is defined (its denominator is not zero)
	CEI    Percent // collection effectiveness index over the period

	HasOpen       bool    // the shares are defined (something is open)
	OverdueShare  Percent // Aging.Overdue() / Aging.Open()
	DisputedShare Percent // Aging.Disputed / Aging.Open()
}

// FromBalances computes the figures from balances: the net receivables at
// the start of p, the aging at its end and the credit sales in it. This is
// the path for pre-computed snapshots; Compute uses it too.
func FromBalances(beginning int64, end Aging, sales int64, p Period) Figures {
	f := Figures{Currency: end.Currency, Period: p, Beginning: beginning, Sales: sales, Aging: end}
	days, net, cur := p.Days(), end.Net(), end.Current()
	f.DSO, f.HasSales = StandardDSO(net, sales, days)
	f.BestDSO, _ = BestPossibleDSO(cur, sales, days)
	f.ADD, _ = AverageDaysDelinquent(net, cur, sales, days)
	f.CEI, f.HasCEI = CEI(CEIInputs{Beginning: beginning, Sales: sales, EndingTotal: net, EndingCurrent: cur})
	f.OverdueShare, f.HasOpen = end.OverdueShare()
	f.DisputedShare, _ = end.DisputedShare()
	return f
}

// Compute returns the figures of the items of currency over period p, from
// their history: balances as they stood at the start and end of p, whatever
// happened later.
func Compute(items []Item, currency string, p Period) Figures {
	a := newAccumulator(currency, p)
	for i := range items {
		if items[i].Currency == currency {
			a.add(&items[i])
		}
	}
	return a.figures()
}

// accumulator gathers the balances of Figures in one pass over items.
type accumulator struct {
	p               Period
	end             Aging
	t, b            int64 // day numbers of p.To and of the day before p.From
	beginning, sale int64
}

func newAccumulator(currency string, p Period) *accumulator {
	return &accumulator{p: p, end: Aging{Currency: currency, AsOf: p.To}, t: day(p.To), b: day(p.From) - 1}
}

func (a *accumulator) add(it *Item) {
	a.end.addItem(it, a.t)
	a.beginning += it.openAt(a.b)
	if d := day(it.InvoiceDate); d > a.b && d <= a.t {
		a.sale += it.Amount
	}
}

func (a *accumulator) figures() Figures { return FromBalances(a.beginning, a.end, a.sale, a.p) }

// Series returns the figures over each period, in the order given: the
// trend of DSO, ADD, CEI and the shares (e.g. over Months(today, 12), or
// TrailingPeriods for a rolling quarter at each month end).
func Series(items []Item, currency string, periods []Period) []Figures {
	out := make([]Figures, len(periods))
	for k, p := range periods {
		out[k] = Compute(items, currency, p)
	}
	return out
}

// TrailingPeriods returns, for each of the last n month ends up to end (the
// last being end itself), the period of days days ending there: a rolling
// window for a DSO trend that is not a calendar month.
func TrailingPeriods(end ledger.Date, n, days int) []Period {
	ends := MonthEnds(end, n)
	out := make([]Period, n)
	for i, e := range ends {
		out[i] = LastDays(e, days)
	}
	return out
}

// Row is the figures of the items sharing one value of a dimension.
type Row struct {
	Dimension string // the Dim* name grouped by
	Value     string // "" for items without the dimension
	Figures
}

// ByDimension groups the items of currency by their value of dim (one of
// the Dim* names) and computes the figures of each group over p. Rows are
// sorted by overdue amount at p.To, largest first, then by value.
func ByDimension(items []Item, dim, currency string, p Period) []Row {
	groups := map[string]*accumulator{}
	for i := range items {
		it := &items[i]
		if it.Currency != currency {
			continue
		}
		v := it.Dims[dim]
		g := groups[v]
		if g == nil {
			g = newAccumulator(currency, p)
			groups[v] = g
		}
		g.add(it)
	}
	rows := make([]Row, 0, len(groups))
	for v, g := range groups {
		rows = append(rows, Row{Dimension: dim, Value: v, Figures: g.figures()})
	}
	sort.Slice(rows, func(i, j int) bool {
		oi, oj := rows[i].Aging.Overdue().Amount, rows[j].Aging.Overdue().Amount
		if oi != oj {
			return oi > oj
		}
		return rows[i].Value < rows[j].Value
	})
	return rows
}
