package app_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// Recomputing every entity at once (one entity is computed while the
// previous one is written) reports each entity in order, and every
// dimension value's trend point at a month end equals the live figures by
// that dimension as of that day, also the groups of one customer, which are
// stored as that customer's rows.
func TestRecomputeSnapshotsAllEntities(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := kpiLedger(t, st)
		reps, err := svc.RecomputeSnapshots(ctx, app.System, "", ledger.MustDate("2026-04-30"), 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(reps) != 2 || reps[0].Entity != "BE01" || reps[1].Entity != "NL01" {
			t.Fatalf("reports %+v, want BE01 then NL01", reps)
		}
		for _, r := range reps {
			if r.Rows == 0 || r.Items == 0 || r.Months != 2+app.KPIWindowMonths {
				t.Errorf("%s: %d rows of %d items over %d months", r.Entity, r.Rows, r.Items, r.Months)
			}
		}
		for _, code := range []string{"NL01", "BE01"} {
			rs, err := svc.KPI(ctx, app.System, app.KPIRequest{Entity: code, AsOf: ledger.MustDate("2026-03-31"), By: app.KPIDimensions})
			if err != nil || len(rs) != 1 {
				t.Fatalf("%s: %d reports, %v", code, len(rs), err)
			}
			n := 0
			for _, b := range rs[0].By {
				for _, row := range b.Rows {
					trend, err := svc.KPITrend(ctx, app.System, code, b.Dimension, row.Value)
					if err != nil || len(trend) != 2 || trend[0].MonthEnd != ledger.MustDate("2026-03-31") {
						t.Fatalf("%s %s=%s: trend %+v, %v", code, b.Dimension, row.Value, trend, err)
					}
					if trend[0].Figures != row.Figures || trend[0].Countback != row.Countback {
						t.Errorf("%s %s=%s at March: trend %+v %+v, live %+v %+v", code, b.Dimension, row.Value,
							trend[0].Figures, trend[0].Countback, row.Figures, row.Countback)
					}
					n++
				}
			}
			if n < len(app.KPIDimensions) {
				t.Errorf("%s: %d dimension values compared", code, n)
			}
		}
		// K2 belongs to K1's group: there is no group K2, though K2 has
		// figures of its own as a customer.
		k2, err := svc.KPITrend(ctx, app.System, "NL01", kpi.DimGroup, "K2")
		if err != nil {
			t.Fatal(err)
		}
		none, err := svc.KPITrend(ctx, app.System, "NL01", kpi.DimGroup, "no such group")
		if err != nil || !reflect.DeepEqual(k2, none) {
			t.Errorf("group K2: %+v, want as no group: %+v (%v)", k2, none, err)
		}
	})
}
