package app_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// TestKPIKeptFigures: figures asked for again are those computed before
// (with the breakdowns asked for, in that order), and a payment booked in
// between is in the next answer at once: kept figures never outlive a change
// of the ledger. WarmKPI computes the figures of today ahead only for an
// entity someone looks at, and only once per change.
func TestKPIKeptFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := kpiLedger(t, st) // clock on 2026-04-30
		if n, err := svc.WarmKPI(ctx); err != nil || n != 0 {
			t.Fatalf("nobody looked yet: WarmKPI computed %d, err %v", n, err)
		}
		first := kpiOf(t, svc, app.System, "NL01", "", "")
		if got := first.Total.Aging.Net(); got != 20000 { // F2 500 − 100 = 400, C1 −200; F1 and F3 paid
			t.Fatalf("net receivables today %d, want 20000", got)
		}
		both, err := svc.KPI(ctx, app.System, app.KPIRequest{Entity: "NL01", By: []string{kpi.DimCustomer, kpi.DimSegment}})
		if err != nil {
			t.Fatal(err)
		}
		if len(both[0].By) != 2 || both[0].By[0].Dimension != kpi.DimCustomer || both[0].By[1].Dimension != kpi.DimSegment {
			t.Fatalf("breakdowns %v, want customer then segment", dims(both[0]))
		}
		again := kpiOf(t, svc, app.System, "NL01", "", "")
		if !reflect.DeepEqual(first, again) || len(again.By) != 0 {
			t.Errorf("asked again: %+v, first %+v", again.Total, first.Total)
		}

		// K1 pays the rest of F2 today: today's figures change at once.
		before := first.Total.Aging.Net()
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,customer_number,invoice_number,allocated\n"+
			"NL01,P4,2026-04-30,EUR,400.00,K1,F2,400.00\n")
		after := kpiOf(t, svc, app.System, "NL01", "", "")
		if got := after.Total.Aging.Net(); got != before-40000 {
			t.Errorf("after a payment of 400.00 the net receivables are %d, before %d: kept figures outlived the payment", got, before)
		}
		// ...and the figures as of a past date do not.
		past := kpiOf(t, svc, app.System, "NL01", "2026-03-31", "")
		if got := past.Total.Aging.Net(); got != 220000 {
			t.Errorf("net receivables on 2026-03-31 %d, want 220000 (docs/kpi.md)", got)
		}

		// NL01 was looked at and is current: nothing to compute ahead; after
		// a change it is computed once.
		if n, err := svc.WarmKPI(ctx); err != nil || n != 0 {
			t.Fatalf("current figures: WarmKPI computed %d, err %v", n, err)
		}
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,customer_number,invoice_number,allocated\n"+
			"NL01,P5,2026-04-30,EUR,100.00,K2,C1,-100.00\n")
		if n, err := svc.WarmKPI(ctx); err != nil || n != 1 {
			t.Fatalf("after a change: WarmKPI computed %d, want 1 (NL01; BE01 nobody looked at), err %v", n, err)
		}
		if n, err := svc.WarmKPI(ctx); err != nil || n != 0 {
			t.Fatalf("again: WarmKPI computed %d, want 0, err %v", n, err)
		}
	})
}

func dims(r app.KPIReport) []string {
	var out []string
	for _, b := range r.By {
		out = append(out, b.Dimension)
	}
	return out
}
