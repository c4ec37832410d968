package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/kpireport"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// The monthly report's trend and list lengths.
const (
	ReportTrendMonths = 12 // month ends in the DSO trend, the report's month the last
	ReportTop         = 10 // customers most overdue
)

// ParseMonth reads a month "YYYY-MM" and returns its last day.
func ParseMonth(s string) (ledger.Date, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return ledger.Date{}, ledger.Errorf(ledger.ErrInvalid, "month %q: want YYYY-MM", s)
	}
	return kpi.Month(t.Year(), t.Month()).To, nil
}

// ReportMonth returns the month ("YYYY-MM") of the latest monthly report
// there is for figures as of asOf (zero: today): the last month ended by
// asOf and before today.
func ReportMonth(asOf, today ledger.Date) string {
	if asOf.IsZero() || !asOf.Before(today) {
		asOf = today.AddDays(-1)
	}
	end := lastMonthEnd(asOf)
	return fmt.Sprintf("%04d-%02d", end.Year(), int(end.Month()))
}

// MonthlyReport returns what the printable report of the entity's month
// ending monthEnd shows, in lang ("en" or "nl"): the figures as of the
// month end (those of KPI on that date), the aging, the DSO at the last
// ReportTrendMonths month ends and the customers most overdue. The month
// must have ended. Anyone who may see the entity may.
func (s *Service) MonthlyReport(ctx context.Context, u ledger.User, code string, monthEnd ledger.Date, lang string) (kpireport.Report, error) {
	if today := s.Today(); !monthEnd.Before(today) {
		return kpireport.Report{}, ledger.Errorf(ledger.ErrInvalid, "the month ending %s has not ended yet: the report is of a month that has", monthEnd)
	}
	// The entity first: with several in scope and none named, say so
	// before computing the figures of all of them.
	es, err := s.kpiEntities(ctx, u, code)
	if err != nil {
		return kpireport.Report{}, err
	}
	if len(es) != 1 {
		return kpireport.Report{}, ledger.Errorf(ledger.ErrInvalid, "a monthly report is of one entity, and %d are in scope: name one", len(es))
	}
	rep, err := s.entityKPI(ctx, es[0], KPIRequest{Entity: es[0].Code, AsOf: monthEnd, By: []string{kpi.DimCustomer}})
	if err != nil {
		return kpireport.Report{}, err
	}
	r := kpireport.Report{Lang: lang, Entity: rep.Entity, MonthEnd: monthEnd, Window: rep.Window, Figures: rep.Total.Figures,
		Countback: rep.Total.Countback, Converted: rep.Converted, Dunning: rep.Dunning.Levels, DunningWithin: rep.Dunning.Within,
		Disputes: rep.Disputes}
	for _, row := range rep.MostOverdue(ReportTop) {
		r.Top = append(r.Top, kpireport.Customer{Number: row.Value, Name: row.CustomerName, Overdue: row.Aging.Overdue().Amount,
			Receivables: row.Aging.Net(), DSO: row.DSO, HasSales: row.HasSales})
	}
	trend, err := s.reportTrend(ctx, u, rep.Entity, monthEnd)
	if err != nil {
		return r, err
	}
	for _, p := range trend {
		r.Trend = append(r.Trend, kpireport.Point{MonthEnd: p.MonthEnd, DSO: p.DSO, BestDSO: p.BestDSO, OK: p.HasSales})
	}
	return r, nil
}

// reportTrend returns the entity's figures at the ReportTrendMonths month
// ends up to end: from the stored snapshots when they cover those months
// and the lead-in of their windows, else from the ledger's history (the
// same computation, not stored).
func (s *Service) reportTrend(ctx context.Context, u ledger.User, e ledger.Entity, end ledger.Date) ([]TrendPoint, error) {
	periods := kpi.Months(end, ReportTrendMonths+KPIWindowMonths)
	ends := make([]ledger.Date, len(periods))
	for k, p := range periods {
		ends[k] = p.To
	}
	stored, err := s.store.SnapshotMonths(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	covered := true
	for _, m := range ends {
		if !slices.Contains(stored, m) {
			covered = false
			break
		}
	}
	var snaps []store.Snapshot
	if covered {
		snaps, err = s.store.Snapshots(ctx, store.SnapshotFilter{Scope: u.Scope(), EntityID: e.ID, Dimension: kpi.DimEntity, Value: &e.Code, From: ends[0], To: end})
		if err != nil {
			return nil, err
		}
	} else {
		computed, err := s.computeSnapshots(ctx, e, end, &SnapshotReport{Months: len(periods)})
		if err != nil {
			return nil, err
		}
		for _, sn := range computed {
			if sn.Dimension == kpi.DimEntity {
				snaps = append(snaps, sn)
			}
		}
	}
	pts, err := s.trendOf(ctx, e, snaps, ends)
	if err != nil {
		return nil, fmt.Errorf("monthly report trend: %w", err)
	}
	return pts, nil
}

// MonthlyReportPDF renders the report of the entity's month ("YYYY-MM")
// as a PDF and returns it with a file name for it.
func (s *Service) MonthlyReportPDF(ctx context.Context, u ledger.User, code, month, lang string) ([]byte, string, error) {
	end, err := ParseMonth(month)
	if err != nil {
		return nil, "", err
	}
	r, err := s.MonthlyReport(ctx, u, code, end, lang)
	if err != nil {
		return nil, "", err
	}
	b, err := kpireport.PDF(r)
	if err != nil {
		return nil, "", err
	}
	return b, fmt.Sprintf("kpi-report-%s-%s.pdf", r.Entity.Code, month), nil
}
