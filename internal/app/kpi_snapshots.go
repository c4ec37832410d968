package app

import (
	"context"
	"fmt"
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
	Rows    int // snapshot rows written
	Items   int // ledger items read
	Elapsed time.Duration
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
	var out []SnapshotReport
	for _, e := range es {
		start := time.Now()
		rep := SnapshotReport{Entity: e.Code, Months: months + KPIWindowMonths}
		periods := kpi.Months(lastMonthEnd(asOf), rep.Months)
		rep.First, rep.Last = periods[0].To, periods[len(periods)-1].To
		dims, err := s.store.KPIDimensions(ctx, e.ID)
		if err != nil {
			return out, err
		}
		items, err := s.store.KPIItems(ctx, store.KPIQuery{EntityID: e.ID, Since: periods[0].From.AddDays(-1), Until: rep.Last}, dims)
		if err != nil {
			return out, err
		}
		rep.Items = len(items)
		// The entity's own row in its currency is kept for every month, also
		// an empty one: the months a trend covers are those rows.
		var snaps []store.Snapshot
		for _, p := range periods {
			if len(kpi.ByDimension(items, kpi.DimEntity, e.Currency, p)) == 0 {
				snaps = append(snaps, store.Snapshot{EntityID: e.ID, Dimension: kpi.DimEntity, Value: e.Code,
					Aging: kpi.Aging{Currency: e.Currency, AsOf: p.To}})
			}
		}
		for _, cur := range kpi.Currencies(items) {
			for _, dim := range KPIDimensions {
				for _, p := range periods {
					for _, row := range kpi.ByDimension(items, dim, cur, p) {
						if row.Sales == 0 && row.Aging.Open().Count == 0 && row.Aging.Credits.Count == 0 && (dim != kpi.DimEntity || cur != e.Currency) {
							continue
						}
						snaps = append(snaps, store.Snapshot{EntityID: e.ID, Dimension: dim, Value: row.Value, Sales: row.Sales, Aging: row.Aging})
					}
				}
			}
		}
		if err := s.store.ReplaceSnapshots(ctx, e.ID, snaps); err != nil {
			return out, err
		}
		rep.Rows, rep.Elapsed = len(snaps), time.Since(start)
		s.log.Info("kpi snapshots recomputed", "entity", e.Code, "months", rep.Months, "rows", rep.Rows, "items", rep.Items,
			"elapsed", rep.Elapsed, "user", u.Username)
		out = append(out, rep)
	}
	return out, nil
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
	snaps, err := s.store.Snapshots(ctx, store.SnapshotFilter{Scope: u.Scope(), EntityID: e.ID, Dimension: dim})
	if err != nil {
		return nil, err
	}
	byMonth := map[ledger.Date][]store.Snapshot{}
	for _, sn := range snaps {
		if sn.Value != value {
			continue
		}
		byMonth[sn.Aging.AsOf] = append(byMonth[sn.Aging.AsOf], sn)
	}
	months, err := s.store.SnapshotMonths(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	if err := checkMonths(months); err != nil {
		return nil, err
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
	if len(out) > KPITrendMonths {
		out = out[len(out)-KPITrendMonths:]
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
