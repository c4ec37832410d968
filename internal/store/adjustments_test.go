package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// A write-off lowers the open amount, can never take it past zero, and is
// counted with the allocations when an import derives the open amount again.
func TestAdjustments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, cid := seed(t, s, "NL01")
		rows := []store.InvoiceRow{
			{Invoice: ledger.Invoice{EntityID: eid, CustomerID: cid, Kind: ledger.InvoiceKindInvoice, Number: "F1",
				InvoiceDate: ledger.MustDate("2026-10-01"), DueDate: ledger.MustDate("2026-10-31"), Currency: "EUR",
				Amount: 10000, OpenAmount: 10000}, Hash: 1},
			{Invoice: ledger.Invoice{EntityID: eid, CustomerID: cid, Kind: ledger.InvoiceKindCreditNote, Number: "C1",
				InvoiceDate: ledger.MustDate("2026-10-01"), DueDate: ledger.MustDate("2026-10-01"), Currency: "EUR",
				Amount: -3000, OpenAmount: -3000}, Hash: 2},
		}
		if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.InsertInvoices(rows) }); err != nil {
			t.Fatal(err)
		}
		var keys map[string]store.InvoiceKey
		adjust := func(number string, amount int64, currency string) error {
			return s.Tx(ctx, func(tx *store.Tx) error {
				var err error
				if keys, err = tx.InvoiceKeys(eid, []string{"F1", "C1"}); err != nil {
					return err
				}
				_, err = tx.InsertAdjustment(store.Adjustment{EntityID: eid, InvoiceID: keys[number].ID, Kind: store.AdjustWriteOff,
					Date: ledger.MustDate("2026-11-02"), Currency: currency, Amount: amount, Reason: "bank costs", User: "anna"})
				return err
			})
		}
		if err := adjust("F1", 250, "EUR"); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []struct {
			number   string
			amount   int64
			currency string
		}{
			{"F1", 9751, "EUR"}, // more than the 97.50 open
			{"F1", -100, "EUR"}, // would raise an invoice's open amount
			{"F1", 100, "USD"},  // another currency
			{"C1", 100, "EUR"},  // a credit note goes towards zero from below
			{"C1", -3001, "EUR"},
			{"F1", 0, "EUR"},
		} {
			if err := adjust(bad.number, bad.amount, bad.currency); !errors.Is(err, ledger.ErrInvalid) {
				t.Errorf("adjust %s by %d %s: %v, want invalid", bad.number, bad.amount, bad.currency, err)
			}
		}
		if err := adjust("C1", -3000, "EUR"); err != nil {
			t.Fatal(err)
		}
		_ = s.Tx(ctx, func(tx *store.Tx) error {
			keys, _ = tx.InvoiceKeys(eid, []string{"F1", "C1"})
			return nil
		})
		if f := keys["F1"]; f.OpenAmount != 9750 || f.Allocated != 250 {
			t.Errorf("F1 after write-off: open %d, taken off %d; want 9750, 250", f.OpenAmount, f.Allocated)
		}
		if c := keys["C1"]; c.OpenAmount != 0 || c.Allocated != -3000 {
			t.Errorf("C1 after write-off: open %d, taken off %d; want 0, -3000", c.OpenAmount, c.Allocated)
		}
		adj, err := s.Adjustments(ctx, ledger.Scope{All: true}, keys["F1"].ID)
		if err != nil || len(adj) != 1 || adj[0].Amount != 250 || adj[0].Date.String() != "2026-11-02" || adj[0].User != "anna" {
			t.Fatalf("adjustments of F1: %+v, %v", adj, err)
		}
		if adj, err := s.Adjustments(ctx, ledger.Scope{}, keys["F1"].ID); err != nil || len(adj) != 0 {
			t.Errorf("adjustments outside the scope: %+v, %v", adj, err)
		}
	})
}
