package jobs

import (
	"context"
	"log/slog"
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

// The scheduler recomputes an entity's KPI snapshots once a day: the first
// tick of a day makes them, a later tick that day leaves them (a
// backdated invoice waits), the next day's first tick takes it in.
func TestTickRecomputesSnapshotsDaily(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := app.New(st, nil, nil)
		load := func(k csvfmt.Kind, data string) {
			t.Helper()
			if rep, err := svc.ImportCSV(ctx, app.System, k, strings.NewReader(data), string(k), app.ImportOptions{AllOrNothing: true}); err != nil || !rep.Committed {
				t.Fatalf("import %s: %v %+v", k, err, rep.Problems)
			}
		}
		load(csvfmt.Entities, "code,name,currency\nNL01,A,EUR\n")
		load(csvfmt.Customers, "entity,number,name\nNL01,K1,Klant\n")
		load(csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\nNL01,K1,F1,2026-10-01,2026-10-31,EUR,100.00\n")
		e, err := st.EntityByCode(ctx, "NL01")
		if err != nil {
			t.Fatal(err)
		}
		// salesOf returns the snapshot's sales of the month ending end.
		salesOf := func(end string) (int64, bool) {
			snaps, err := st.Snapshots(ctx, store.SnapshotFilter{Scope: app.System.Scope(), EntityID: e.ID, Dimension: kpi.DimEntity,
				From: ledger.MustDate(end), To: ledger.MustDate(end)})
			if err != nil {
				t.Fatal(err)
			}
			if len(snaps) != 1 {
				return 0, false
			}
			return snaps[0].Sales, true
		}
		clock := time.Date(2026, 11, 23, 0, 5, 0, 0, time.Local)
		s := &Scheduler{Svc: svc, Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return clock }}
		if _, err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		months, err := st.SnapshotMonths(ctx, e.ID)
		if err != nil || len(months) != app.KPITrendMonths+app.KPIWindowMonths || months[len(months)-1] != ledger.MustDate("2026-10-31") {
			t.Fatalf("after the day's first tick: %d month ends up to %v, %v", len(months), months, err)
		}
		if v, ok := salesOf("2026-10-31"); !ok || v != 10000 {
			t.Fatalf("October's sales %d (%v), want 100.00", v, ok)
		}
		load(csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\nNL01,K1,F0,2026-09-15,2026-10-15,EUR,50.00\n")
		clock = clock.Add(time.Hour)
		if _, err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		if v, _ := salesOf("2026-09-30"); v != 0 {
			t.Errorf("recomputed again the same day: September's sales %d", v)
		}
		clock = clock.Add(24 * time.Hour)
		if _, err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		if v, _ := salesOf("2026-09-30"); v != 5000 {
			t.Errorf("the next day: September's sales %d, want 50.00", v)
		}
	})
}
