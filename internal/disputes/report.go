package disputes

import (
	"cmp"
	"slices"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Row is one dispute as the report sees it.
type Row struct {
	Reason       string
	Owner        string // the queue, or the person when assigned
	ProductGroup string
	Customer     string
	Currency     string
	Amount       int64 // disputed, minor units
	Opened       ledger.Date
	Closed       ledger.Date // resolved or rejected; zero while open
}

// Group is one line of the report: the disputes sharing a key.
type Group struct {
	Key      string
	Count    int
	Open     int              // not yet closed
	Amounts  map[string]int64 // disputed per currency
	Closed   int              // resolved or rejected: the ones with a resolution time
	AvgDays  float64          // mean days from opening to closing, of the closed
	P90Days  int              // 90th percentile of the same (nearest rank)
	MaxDays  int
	closedOn []int
}

// ResolutionDays is the days a closed dispute took (calendar days from
// the day it was opened to the day it was closed).
func (r Row) ResolutionDays() int { return r.Opened.DaysUntil(r.Closed) }

// Report groups rows by key (reason, owner, product group, customer...) and
// returns one group per key, the largest count first (then by key).
func Report(rows []Row, key func(Row) string) []Group {
	by := map[string]*Group{}
	for _, r := range rows {
		k := key(r)
		g := by[k]
		if g == nil {
			g = &Group{Key: k, Amounts: map[string]int64{}}
			by[k] = g
		}
		g.Count++
		g.Amounts[r.Currency] += r.Amount
		if r.Closed.IsZero() {
			g.Open++
			continue
		}
		g.Closed++
		g.closedOn = append(g.closedOn, r.ResolutionDays())
	}
	out := make([]Group, 0, len(by))
	for _, g := range by {
		if len(g.closedOn) > 0 {
			sum := 0
			for _, d := range g.closedOn {
				sum += d
			}
			g.AvgDays = float64(sum) / float64(len(g.closedOn))
			g.P90Days = Percentile(g.closedOn, 90)
			g.MaxDays = slices.Max(g.closedOn)
		}
		g.closedOn = nil
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b Group) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// Percentile returns the p-th percentile (0 < p <= 100) of values by the
// nearest-rank method: the smallest value with at least p% of the values
// at or below it, that is the ⌈p/100 × n⌉-th smallest. 0 for no values.
func Percentile(values []int, p int) int {
	if len(values) == 0 {
		return 0
	}
	s := slices.Clone(values)
	slices.Sort(s)
	rank := (p*len(s) + 99) / 100 // ceil(p*n/100)
	return s[max(rank, 1)-1]
}
