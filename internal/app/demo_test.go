package app_test

import (
	"context"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/auth"
	"github.com/kredo-dev/kredo/internal/demo"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

var cheap = auth.Params{Memory: 1024, Time: 1, Threads: 1}

// TestLoadDemo loads a small demo company and checks the ledger in the
// database agrees with what the generator says it made: every invoice's
// open amount is its amount minus its allocations, and the totals match.
func TestLoadDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		ctx := context.Background()
		sum, err := svc.LoadDemo(ctx, demo.Config{Seed: 7, Customers: 150, Today: ledger.MustDate("2026-11-22")}, cheap)
		if err != nil {
			t.Fatal(err)
		}
		allocated := map[int64]int64{}
		payments := 0
		if err := svc.EachPayment(ctx, app.System, ledger.PaymentFilter{}, func(p ledger.Payment) error {
			payments++
			for _, a := range p.Allocations {
				allocated[a.InvoiceID] += a.Amount
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		open := map[string]int64{}
		n := 0
		if err := svc.EachInvoice(ctx, app.System, ledger.InvoiceFilter{}, func(i ledger.Invoice) error {
			n++
			if i.OpenAmount != i.Amount-allocated[i.ID] {
				// a short payment from the bank statement written off
				adj, err := st.Adjustments(ctx, ledger.Scope{All: true}, i.ID)
				if err != nil {
					t.Fatal(err)
				}
				var off int64
				for _, a := range adj {
					off += a.Amount
				}
				if i.OpenAmount != i.Amount-allocated[i.ID]-off {
					t.Errorf("invoice %s: open %d, amount %d, allocated %d, adjusted %d", i.Number, i.OpenAmount, i.Amount, allocated[i.ID], off)
				}
			}
			open[i.Currency] += i.OpenAmount
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if n != sum.Invoices+sum.CreditNotes && n != sum.Invoices {
			t.Errorf("%d invoices in the database, generator made %+v", n, sum)
		}
		// the last week's payments arrive by bank statement: taken out of
		// the ledger, the automatic matches booked again
		taken, auto := 0, 0
		for _, q := range sum.Statements {
			taken += q.Taken
			auto += q.Auto
			if q.Wrong != 0 || q.OtherAuto != 0 || q.Lines == 0 {
				t.Errorf("demo statement %+v: want payment lines and no wrong automatic match", q)
			}
		}
		if len(sum.Statements) == 0 || taken == 0 {
			t.Fatalf("no demo statements: %+v", sum.Statements)
		}
		if payments != sum.Payments-taken+auto {
			t.Errorf("%d payments in the database, generator made %d, %d taken for the statements, %d matched from them", payments, sum.Payments, taken, auto)
		}
		es, _ := svc.Entities(ctx, app.System)
		if len(es) != 3 {
			t.Errorf("%d entities", len(es))
		}
		if _, _, _, err := svc.Login(ctx, "demo", app.DemoPassword); err != nil {
			t.Errorf("demo login: %v", err)
		}
		if _, err := svc.LoadDemo(ctx, demo.Config{Customers: 10}, cheap); err == nil {
			t.Error("demo loaded twice")
		}
	})
}
