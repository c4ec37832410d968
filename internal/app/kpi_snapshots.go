package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// KPITrendMonths is the length of the trend the dashboard shows.
const KPITrendMonths = 24

// SnapshotReport tells what a recomputation of snapshots did.
type SnapshotReport struct {
	Entity  string
	Months  int // month ends kept (the trend's months plus the lead-in its windows need)
	First   ledger.Date
	Last    ledger.Date
	Rows    int           // snapshot rows written
	Items   int           // ledger items read
	Elapsed time.Duration // from the start of its computation until its rows were written
}

// lastMonthEnd returns the last day of the latest month that has ended by
// asOf (asOf itself when it is a month end).
func lastMonthEnd(asOf ledger.Date) ledger.Date {
	if asOf.AddDays(1).Day() == 1 {
		return asOf
	}
	return ledger.NewDate(asOf.Year(), asOf.Month(), 1).AddDays(-1)
}

// RecomputeSnapshots recomputes, from the ledger's history, the monthly
// snapshots of the entity (or of every entity in scope when code is ""):
// for each of the months trend months ended by asOf, plus the lead-in the
// first windows need, the month's sales and the aging at its end, for every
// dimension value and currency; then replaces the entity's snapshots in one
// transaction. Administrators and credit managers may.
//
// The next entity is computed while the previous one's rows are written
// (the two take about as long: reading and ageing the history, and
// inserting the rows), so two cores do the work of one entity at a time.
func (s *Service) RecomputeSnapshots(ctx context.Context, u ledger.User, code string, asOf ledger.Date, months int) ([]SnapshotReport, error) {
	if err := requireWrite(u); err != nil {
		return nil, err
	}
	if asOf.IsZero() {
		asOf = s.Today()
	}
	if months <= 0 {
		months = KPITrendMonths
	}
	es, err := s.kpiEntities(ctx, u, code)
	if err != nil {
		return nil, err
	}
	type computed struct {
		rep   SnapshotReport
		start time.Time
		snaps []store.Snapshot
		err   error
	}
	ctx, cancel := context.WithCancel(ctx)
	next := make(chan computed) // unbuffered: one entity computed ahead, not more
	defer func() {
		cancel()
		for range next { // the computing goroutine has stopped when next is closed
		}
	}()
	go func() {
		defer close(next)
		for _, e := range es {
			c := computed{start: time.Now(), rep: SnapshotReport{Entity: e.Code, Months: months + KPIWindowMonths}}
			c.snaps, c.err = s.computeSnapshots(ctx, e, asOf, &c.rep)
			select {
			case next <- c:
			case <-ctx.Done():
				return
			}
			if c.err != nil {
				return
			}
		}
	}()
	var out []SnapshotReport
	for k := 0; k < len(es); k++ {
		c, ok := <-next
		if !ok {
			return out, ctx.Err()
		}
		if c.err != nil {
			return out, c.err
		}
		if err := s.store.ReplaceSnapshots(ctx, es[k].ID, c.snaps); err != nil {
			return out, err
		}
		rep := c.rep
		rep.Rows, rep.Elapsed = len(c.snaps), time.Since(c.start)
		s.log.Info("kpi snapshots recomputed", "entity", rep.Entity, "months", rep.Months, "rows", rep.Rows, "items", rep.Items,
			"elapsed", rep.Elapsed, "user", u.Username)
		out = append(out, rep)
	}
	return out, nil
}

// computeSnapshots reads the entity's history and computes its snapshots
// for the rep.Months months ended by asOf; it fills rep's months and items.
func (s *Service) computeSnapshots(ctx context.Context, e ledger.Entity, asOf ledger.Date, rep *SnapshotReport) ([]store.Snapshot, error) {
	periods := kpi.Months(lastMonthEnd(asOf), rep.Months)
	rep.First, rep.Last = periods[0].To, periods[len(periods)-1].To
	dims, err := s.store.KPIDimensions(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	items, err := s.store.KPIItems(ctx, store.KPIQuery{EntityID: e.ID, Since: periods[0].From.AddDays(-1), Until: rep.Last}, dims)
	if err != nil {
		return nil, err
	}
	rep.Items = len(items)
	return monthlySnapshots(e, items, periods), nil
}

// TrendPoint is the figures at one month end, from the snapshots.
type TrendPoint struct {
	MonthEnd ledger.Date
	Window   kpi.Period
	KPIFigures
}

// KPITrend returns the figures at each month end the entity has snapshots
// for (up to the last KPITrendMonths), of one dimension value (dim "" for
// the whole entity), in the entity's currency: at each month end the
// window's sales, the aging and the beginning balance converted at that
// month end's rates. A month without the lead-in of its window is left out.
func (s *Service) KPITrend(ctx context.Context, u ledger.User, code, dim, value string) ([]TrendPoint, error) {
	es, err := s.kpiEntities(ctx, u, code)
	if err != nil {
		return nil, err
	}
	if len(es) != 1 {
		return nil, ledger.Errorf(ledger.ErrInvalid, "a trend is of one entity")
	}
	e := es[0]
	if dim == "" {
		dim, value = kpi.DimEntity, e.Code
	}
	snaps, err := s.store.Snapshots(ctx, store.SnapshotFilter{Scope: u.Scope(), EntityID: e.ID, Dimension: dim, Value: &value})
	if err != nil {
		return nil, err
	}
	if dim == kpi.DimGroup && len(snaps) == 0 {
		// A group that was its one customer alone is stored as that
		// customer's rows (monthlySnapshots): they are the same figures.
		c, err := s.store.CustomerByNumber(ctx, u.Scope(), e.ID, value)
		switch {
		case err == nil && (c.ParentNumber == "" || c.ParentNumber == c.Number):
			if snaps, err = s.store.Snapshots(ctx, store.SnapshotFilter{Scope: u.Scope(), EntityID: e.ID, Dimension: kpi.DimCustomer, Value: &value}); err != nil {
				return nil, err
			}
		case err != nil && !errors.Is(err, ledger.ErrNotFound):
			return nil, err
		}
	}
	months, err := s.store.SnapshotMonths(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	if err := checkMonths(months); err != nil {
		return nil, err
	}
	out, err := s.trendOf(ctx, e, snaps, months)
	if err != nil {
		return nil, err
	}
	if len(out) > KPITrendMonths {
		out = out[len(out)-KPITrendMonths:]
	}
	return out, nil
}

// trendOf returns the figures at the month ends of months (consecutive,
// oldest first) from the snapshots of one dimension value (one row per
// currency and month), the first KPIWindowMonths months being the lead-in
// of the first window.
func (s *Service) trendOf(ctx context.Context, e ledger.Entity, snaps []store.Snapshot, months []ledger.Date) ([]TrendPoint, error) {
	byMonth := map[ledger.Date][]store.Snapshot{}
	for _, sn := range snaps {
		byMonth[sn.Aging.AsOf] = append(byMonth[sn.Aging.AsOf], sn)
	}
	var rates *kpi.RateTable
	var out []TrendPoint
	for k := KPIWindowMonths; k < len(months); k++ {
		end := months[k]
		conv := newConverter(ctx, s, e.Currency, end, &rates)
		net := func(m ledger.Date) (kpi.Aging, int64, error) {
			total := kpi.Aging{Currency: e.Currency, AsOf: m}
			var sales int64
			for _, sn := range byMonth[m] {
				a, err := conv.aging(sn.Aging)
				if err != nil {
					return total, 0, err
				}
				a.AsOf = m
				if total, err = total.Plus(a); err != nil {
					return total, 0, err
				}
				v, err := conv.amount(sn.Sales, sn.Aging.Currency)
				if err != nil {
					return total, 0, err
				}
				sales += v
			}
			return total, sales, nil
		}
		begin, _, err := net(months[k-KPIWindowMonths])
		if err != nil {
			return nil, err
		}
		aging, _, err := net(end)
		if err != nil {
			return nil, err
		}
		var ps []kpi.PeriodSales
		var windowSales int64
		for j := max(0, k-KPICountbackMonths+1); j <= k; j++ {
			_, v, err := net(months[j])
			if err != nil {
				return nil, err
			}
			m := months[j]
			ps = append(ps, kpi.PeriodSales{Period: kpi.Month(m.Year(), m.Month()), Sales: v})
			if j > k-KPIWindowMonths {
				windowSales += v
			}
		}
		w := kpi.Period{From: kpi.Month(months[k-KPIWindowMonths+1].Year(), months[k-KPIWindowMonths+1].Month()).From, To: end}
		f := KPIFigures{Figures: kpi.FromBalances(begin.Net(), aging, windowSales, w)}
		f.Countback = kpi.CountbackDSO(aging.Net(), ps)
		out = append(out, TrendPoint{MonthEnd: end, Window: w, KPIFigures: f})
	}
	return out, nil
}

// checkMonths reports an error unless the months are consecutive month ends.
func checkMonths(ms []ledger.Date) error {
	for k := 1; k < len(ms); k++ {
		if ms[k] != lastMonthEnd(ms[k-1].AddDays(32)) {
			return fmt.Errorf("snapshots: month ends %s and %s are not consecutive", ms[k-1], ms[k])
		}
	}
	return nil
}

// snapAcc adds up the items of one cell or one row at one month end.
type snapAcc struct {
	sales             int64
	buckets           [kpi.NumBuckets]kpi.Line
	credits, disputed kpi.Line
}

func (a *snapAcc) add(o *snapAcc) {
	a.sales += o.sales
	for i := range a.buckets {
		a.buckets[i] = a.buckets[i].Plus(o.buckets[i])
	}
	a.credits = a.credits.Plus(o.credits)
	a.disputed = a.disputed.Plus(o.disputed)
}

func (a *snapAcc) addAging(g *kpi.Aging) {
	for i := range a.buckets {
		a.buckets[i] = a.buckets[i].Plus(g.Buckets[i])
	}
	a.credits = a.credits.Plus(g.Credits)
	a.disputed = a.disputed.Plus(g.Disputed)
}

// snapCell is the items of one customer, product group and currency, which
// share every dimension value.
type snapCell struct {
	dims map[string]string
	cur  int // index into the sorted currencies
}

// monthlySnapshots computes the snapshots of the entity at the month ends
// of periods in one pass over the items: each item is aged (kpi.AgingAt)
// at the month ends from its invoice date until it is settled for good,
// into cells of one customer, product group and currency, which are then
// added up per dimension value. The figures are those of kpi.ByDimension
// over each month (the tests compare them with the live figures). The rows
// come in the order of the table's primary key (dimension, value, currency,
// month end), the order SQLite writes fastest.
//
// The hot loop has integer keys only: a cell's month is cell<<8 | month
// (periods has fewer than 256 months), a row's is the rank of its value,
// currency and month in their sorted orders, so sorting the keys sorts the
// rows.
func monthlySnapshots(e ledger.Entity, items []kpi.Item, periods []kpi.Period) []store.Snapshot {
	if len(periods) > 255 {
		panic("monthlySnapshots: more than 255 months")
	}
	type cellKey struct{ customer, product, cur string }
	cellOf := map[cellKey]int32{}
	var cells []snapCell
	curs := []string{e.Currency}
	curIndex := map[string]int{e.Currency: 0}
	cellMonths := map[uint64]int32{} // cell<<8 | month -> index into accs
	accs := make([]snapAcc, 0, len(items))
	acc := func(cell int32, k int) *snapAcc {
		key := uint64(cell)<<8 | uint64(k)
		i, ok := cellMonths[key]
		if !ok {
			i = int32(len(accs))
			cellMonths[key] = i
			accs = append(accs, snapAcc{})
		}
		return &accs[i]
	}
	for i := range items {
		it := &items[i]
		key := cellKey{it.Dims[kpi.DimCustomer], it.Dims[kpi.DimProductGroup], it.Currency}
		cell, ok := cellOf[key]
		if !ok {
			cur, ok := curIndex[it.Currency]
			if !ok {
				cur = len(curs)
				curIndex[it.Currency] = cur
				curs = append(curs, it.Currency)
			}
			cell = int32(len(cells))
			cellOf[key] = cell
			cells = append(cells, snapCell{dims: it.Dims, cur: cur})
		}
		var settled ledger.Date // from this day on the open amount no longer changes
		for _, p := range it.Payments {
			if p.Date.After(settled) {
				settled = p.Date
			}
		}
		for k, p := range periods {
			if it.InvoiceDate.After(p.To) {
				continue
			}
			if p.Contains(it.InvoiceDate) {
				acc(cell, k).sales += it.Amount
			}
			a := kpi.AgingAt(items[i:i+1], it.Currency, p.To)
			if a.Open().Count == 0 && a.Credits.Count == 0 {
				if !p.To.Before(settled) {
					break
				}
				continue
			}
			acc(cell, k).addAging(&a)
		}
	}

	// Ranks: the sorted order of the currencies and of each dimension's values.
	curRank := ranks(curs)
	sortedCurs := make([]string, len(curs))
	for n, c := range curs {
		sortedCurs[curRank[n]] = c
	}
	dimRank := make([][]uint64, len(KPIDimensions)) // dimension -> cell -> rank of its value
	dimValues := make([][]string, len(KPIDimensions))
	for d, dim := range KPIDimensions {
		index := map[string]int{}
		var values []string
		valueOf := make([]int, len(cells))
		if dim == kpi.DimEntity {
			index[e.Code], values = 0, []string{e.Code}
		}
		for c := range cells {
			v := cells[c].dims[dim]
			n, ok := index[v]
			if !ok {
				n = len(values)
				index[v] = n
				values = append(values, v)
			}
			valueOf[c] = n
		}
		r := ranks(values)
		dimRank[d] = make([]uint64, len(cells))
		for c := range cells {
			dimRank[d][c] = r[valueOf[c]]
		}
		dimValues[d] = make([]string, len(values))
		for n, v := range values {
			dimValues[d][r[n]] = v
		}
	}
	rowKey := func(value, cur uint64, k int) uint64 { return value<<24 | cur<<8 | uint64(k) }
	// A group whose items are all of the one customer whose number it is (a
	// customer without parent or subsidiaries: most groups) has that
	// customer's rows; they are not stored twice (KPITrend reads them).
	var alone []bool // by the group's rank
	for d, dim := range KPIDimensions {
		if dim != kpi.DimGroup {
			continue
		}
		alone = make([]bool, len(dimValues[d]))
		for r := range alone {
			alone[r] = true
		}
		for c := range cells {
			if cells[c].dims[kpi.DimCustomer] != cells[c].dims[kpi.DimGroup] {
				alone[dimRank[d][c]] = false
			}
		}
	}

	// The dimensions in the order of their names, as the primary key sorts them.
	order := make([]int, len(KPIDimensions))
	for d := range order {
		order[d] = d
	}
	sort.Slice(order, func(i, j int) bool { return KPIDimensions[order[i]] < KPIDimensions[order[j]] })
	var out []store.Snapshot
	for _, d := range order {
		rows := map[uint64]*snapAcc{}
		if KPIDimensions[d] == kpi.DimEntity {
			// The entity's own row in its currency is kept for every month,
			// also an empty one: the months a trend covers are those rows.
			for k := range periods {
				rows[rowKey(0, curRank[0], k)] = &snapAcc{}
			}
		}
		for key, i := range cellMonths {
			cell, k := int32(key>>8), int(key&0xff)
			if KPIDimensions[d] == kpi.DimGroup && alone[dimRank[d][cell]] {
				continue
			}
			rk := rowKey(dimRank[d][cell], curRank[cells[cell].cur], k)
			r := rows[rk]
			if r == nil {
				r = &snapAcc{}
				rows[rk] = r
			}
			r.add(&accs[i])
		}
		keys := make([]uint64, 0, len(rows))
		for rk := range rows {
			keys = append(keys, rk)
		}
		slices.Sort(keys)
		out = slices.Grow(out, len(keys))
		for _, rk := range keys {
			r := rows[rk]
			k := int(rk & 0xff)
			out = append(out, store.Snapshot{EntityID: e.ID, Dimension: KPIDimensions[d], Value: dimValues[d][rk>>24],
				Sales: r.sales, Aging: kpi.Aging{Currency: sortedCurs[rk>>8&0xffff], AsOf: periods[k].To,
					Buckets: r.buckets, Credits: r.credits, Disputed: r.disputed}})
		}
	}
	return out
}

// ranks returns the rank of each string in the sorted order of ss (distinct).
func ranks(ss []string) []uint64 {
	idx := make([]int, len(ss))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(i, j int) bool { return ss[idx[i]] < ss[idx[j]] })
	out := make([]uint64, len(ss))
	for r, i := range idx {
		out[i] = uint64(r)
	}
	return out
}
