package app_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// kpiLedger imports the ledger of the worked example in TestKPIWorkedExample
// (docs/kpi.md) with the clock on 2026-04-30.
func kpiLedger(t *testing.T, st *store.Store) *app.Service {
	t.Helper()
	svc := app.New(st, nil, func() time.Time { return time.Date(2026, 4, 30, 9, 0, 0, 0, time.UTC) })
	mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,Groothandel B.V.,EUR\nBE01,Handel BV,EUR\n")
	mustImport(t, svc, csvfmt.Customers, "entity,number,name,segment,region,controller,parent_number\n"+
		"NL01,K1,Bakkerij Jansen,retail,north,anna,\n"+
		"NL01,K2,Jansen Groothandel,wholesale,south,bob,K1\n"+
		"BE01,B1,Brood BV,retail,,,\n")
	mustImport(t, svc, csvfmt.Invoices, "entity,customer_number,number,type,invoice_date,due_date,currency,amount,product_group\n"+
		"NL01,K1,F1,invoice,2026-01-10,2026-02-09,EUR,1000.00,hw\n"+
		"NL01,K1,F2,invoice,2026-02-15,2026-03-17,EUR,500.00,sw\n"+
		"NL01,K2,F3,invoice,2026-03-01,2026-03-31,EUR,2000.00,hw\n"+
		"NL01,K2,C1,credit_note,2026-03-05,2026-03-05,EUR,-200.00,\n"+
		"BE01,B1,B-1,invoice,2026-03-01,2026-03-31,EUR,777.00,\n")
	mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,customer_number,invoice_number,allocated\n"+
		"NL01,P1,2026-02-20,EUR,600.00,K1,F1,600.00\n"+
		"NL01,P2,2026-03-20,EUR,500.00,K1,F1,400.00\n"+
		"NL01,P2,2026-03-20,EUR,500.00,K1,F2,100.00\n"+
		"NL01,P3,2026-04-10,EUR,2000.00,K2,F3,2000.00\n")
	return svc
}

func kpiOf(t *testing.T, svc *app.Service, u ledger.User, entity, asOf, by string) app.KPIReport {
	t.Helper()
	var d ledger.Date
	if asOf != "" {
		d = ledger.MustDate(asOf)
	}
	req := app.KPIRequest{Entity: entity, AsOf: d}
	if by != "" {
		req.By = []string{by}
	}
	rs, err := svc.KPI(context.Background(), u, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("%d reports, want 1", len(rs))
	}
	return rs[0]
}

// The worked example of docs/kpi.md, as of 2026-03-31 (window January to
// March, 90 days; nothing open before it):
//
//	sales   1000 + 500 + 2000 − 200 = 3300
//	aging   F2 500 − 100 = 400, 14 days overdue; F3 2000 due that day
//	        (paid only on 04-10); C1 −200 a credit.  Net 2200, current 2000
//	DSO     2200 / 3300 × 90 = 60.00      best possible 2000 / 3300 × 90 = 54.55
//	ADD     200 / 3300 × 90 = 5.45        CEI (0 + 3300 − 2200) / (0 + 3300 − 2000) = 84.62%
//	countback: March's 1800 fits in 2200 (31 days), 400 of February's 500
//	        is 400 / 500 × 28 = 22.40: 53.40 days
//	timing  600 paid 41 days after invoicing (11 late), 400 69 (39), 100 33 (3):
//	        days to pay 55500 / 1100 = 50.45, days late 22500 / 1100 = 20.45
//	overdue share 400 / 2400 = 16.67%
func TestKPIWorkedExample(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := kpiLedger(t, st)
		r := kpiOf(t, svc, app.System, "NL01", "2026-03-31", kpi.DimSegment)
		f := r.Total
		if r.Window.Days() != 90 || f.Sales != 330000 || f.Beginning != 0 || f.Aging.Net() != 220000 || f.Aging.Current() != 200000 {
			t.Fatalf("balances: window %s sales %d beginning %d net %d current %d", r.Window, f.Sales, f.Beginning, f.Aging.Net(), f.Aging.Current())
		}
		for name, c := range map[string][2]int64{
			"DSO": {int64(f.DSO), 6000}, "best DSO": {int64(f.BestDSO), 5455}, "ADD": {int64(f.ADD), 545}, "CEI": {int64(f.CEI), 8462},
			"countback": {int64(f.Countback.Days), 5340}, "days to pay": {int64(f.Timing.DaysToPay), 5045},
			"days late": {int64(f.Timing.DaysLate), 2045}, "overdue share": {int64(f.OverdueShare), 1667},
		} {
			if c[0] != c[1] {
				t.Errorf("%s = %d, want %d (hundredths)", name, c[0], c[1])
			}
		}
		// By segment: retail (K1) 400 open of 1500 sold, 24.00 days; wholesale
		// (K2) 1800 net of 1800 sold, 90.00 days; the overdue one first.
		if rows := r.By[0].Rows; len(rows) != 2 || rows[0].Value != "retail" || rows[0].DSO != 2400 || rows[1].Value != "wholesale" || rows[1].DSO != 9000 {
			t.Errorf("by segment: %+v", rows)
		}
		// K2 is in K1's group: one group, the whole entity.
		if g := kpiOf(t, svc, app.System, "NL01", "2026-03-31", kpi.DimGroup).By[0].Rows; len(g) != 1 || g[0].Value != "K1" ||
			g[0].CustomerName != "Bakkerij Jansen" || g[0].Figures != f.Figures {
			t.Errorf("by group: %+v", g)
		}

		// Later bookings (a payment of March's open invoice, a new invoice, a
		// write-off) leave the figures as of March as they were.
		mustImport(t, svc, csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\nNL01,K1,F5,2026-04-15,2026-05-15,EUR,900.00\n")
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,customer_number,invoice_number,allocated\nNL01,P4,2026-04-20,EUR,400.00,K1,F2,400.00\n")
		again := kpiOf(t, svc, app.System, "NL01", "2026-03-31", kpi.DimSegment)
		if !reflect.DeepEqual(again.Total, r.Total) || !reflect.DeepEqual(again.By, r.By) {
			t.Errorf("as of 03-31 after April's imports:\n%+v\nwant\n%+v", again.Total, r.Total)
		}
		// ...while today's figures see them: F5 not due, F2 paid.
		if now := kpiOf(t, svc, app.System, "NL01", "", ""); now.AsOf != ledger.MustDate("2026-04-30") || now.Total.Aging.Net() != 90000-20000 {
			t.Errorf("today: as of %s net %d, want 2026-04-30 and 700.00", now.AsOf, now.Total.Aging.Net())
		}

		// The monthly snapshots give the same figures at a month end.
		reps, err := svc.RecomputeSnapshots(ctx, app.System, "NL01", ledger.MustDate("2026-04-30"), 2)
		if err != nil || len(reps) != 1 || reps[0].First != ledger.MustDate("2025-12-31") || reps[0].Last != ledger.MustDate("2026-04-30") {
			t.Fatalf("recompute: %+v, %v", reps, err)
		}
		trend, err := svc.KPITrend(ctx, app.System, "NL01", "", "")
		if err != nil || len(trend) != 2 || trend[0].MonthEnd != ledger.MustDate("2026-03-31") {
			t.Fatalf("trend %+v, %v", trend, err)
		}
		if trend[0].Figures != r.Total.Figures || trend[0].Countback != r.Total.Countback {
			t.Errorf("trend at March:\n%+v %+v\nlive:\n%+v %+v", trend[0].Figures, trend[0].Countback, r.Total.Figures, r.Total.Countback)
		}
		seg, err := svc.KPITrend(ctx, app.System, "NL01", kpi.DimSegment, "retail")
		if err != nil || len(seg) != 2 || seg[0].Figures != r.By[0].Rows[0].Figures {
			t.Errorf("retail trend %+v, %v; want %+v", seg, err, r.By[0].Rows[0].Figures)
		}
	})
}

// Figures are per entity in the entity's currency: another currency is
// converted at the dated rate, or the request fails saying which rate is
// missing; a user sees only the entities granted.
func TestKPICurrencyAndScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := kpiLedger(t, st)
		mustImport(t, svc, csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\nNL01,K2,U1,2026-03-10,2026-04-09,USD,100.00\n")
		if _, err := svc.KPI(ctx, app.System, app.KPIRequest{Entity: "NL01", AsOf: ledger.MustDate("2026-03-31")}); !errors.Is(err, ledger.ErrInvalid) || !strings.Contains(err.Error(), "USD/EUR") {
			t.Fatalf("without a rate: %v", err)
		}
		_, err := svc.ImportRates(ctx, app.System, strings.NewReader("date,from,to,rate\n2026-01-01,USD,EUR,0.9\n2026-02-30,USD,EUR,1\n"), "rates.csv")
		if err == nil || !strings.Contains(err.Error(), "rates.csv: row 3") || !strings.Contains(err.Error(), "date") {
			t.Fatalf("bad date: %v", err)
		}
		if _, err := svc.ImportRates(ctx, ledger.User{Username: "v", Role: ledger.RoleViewer, AllEntities: true}, strings.NewReader("date,from,to,rate\n2026-01-01,USD,EUR,0.9\n"), "r.csv"); !errors.Is(err, ledger.ErrForbidden) {
			t.Fatalf("viewer imports rates: %v", err)
		}
		if n, err := svc.ImportRates(ctx, app.System, strings.NewReader("date;from;to;rate\n2026-01-01;USD;EUR;0,9\n2026-04-01;USD;EUR;0,5\n"), "rates.csv"); err != nil || n != 2 {
			t.Fatalf("import rates: %d, %v", n, err)
		}
		r := kpiOf(t, svc, app.System, "NL01", "2026-03-31", "")
		// USD 100.00 at 0.9 on 03-31 (April's rate comes later): EUR 90.00 more, not due.
		if r.Total.Aging.Current() != 200000+9000 || r.Total.Sales != 330000+9000 || !reflect.DeepEqual(r.Converted, []string{"USD"}) {
			t.Errorf("converted: current %d sales %d converted %v", r.Total.Aging.Current(), r.Total.Sales, r.Converted)
		}

		be := entityID(t, st, "BE01")
		viewer := ledger.User{Username: "v", Role: ledger.RoleViewer, EntityIDs: []int64{be}}
		rs, err := svc.KPI(ctx, viewer, app.KPIRequest{AsOf: ledger.MustDate("2026-03-31")})
		if err != nil || len(rs) != 1 || rs[0].Entity.Code != "BE01" || rs[0].Total.Aging.Net() != 77700 {
			t.Fatalf("viewer of BE01: %+v, %v", rs, err)
		}
		if _, err := svc.KPI(ctx, viewer, app.KPIRequest{Entity: "NL01"}); !errors.Is(err, ledger.ErrNotFound) {
			t.Errorf("viewer asks for NL01: %v, want not found", err)
		}
		if _, err := svc.KPITrend(ctx, viewer, "NL01", "", ""); !errors.Is(err, ledger.ErrNotFound) {
			t.Errorf("viewer asks for NL01's trend: %v, want not found", err)
		}
		if _, err := svc.RecomputeSnapshots(ctx, viewer, "BE01", ledger.Date{}, 0); !errors.Is(err, ledger.ErrForbidden) {
			t.Errorf("viewer recomputes: %v, want forbidden", err)
		}
	})
}
