package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// TestLedgerVersion: the version moves when a transaction that wrote the
// ledger commits (whichever way it wrote: statements, prepared inserts or
// COPY on PostgreSQL), and stays when a transaction wrote nothing the
// figures read or was rolled back.
func TestLedgerVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		version := func() int64 {
			t.Helper()
			v, err := s.LedgerVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		v0 := version()
		eid, ids := kpiLedger(t, s)
		v1 := version()
		if v1 <= v0 {
			t.Fatalf("after writing a ledger the version is %d, before %d", v1, v0)
		}
		var cust int64
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			keys, err := tx.InvoiceKeys(eid, []string{"F1"})
			if err != nil {
				return err
			}
			cust = keys["F1"].CustomerID
			_, err = tx.InsertActivity(store.Activity{EntityID: eid, CustomerID: cust, User: "anna", Kind: "call", Note: "no answer"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != v1 {
			t.Errorf("a call logged moved the version from %d to %d", v1, v)
		}
		errStop := errors.New("stop")
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			if _, err := tx.InsertPayment(ledger.Payment{EntityID: eid, Reference: "P9", CustomerID: cust, Date: ledger.MustDate("2026-05-01"),
				Currency: "EUR", Amount: 100, Allocations: []ledger.Allocation{{InvoiceID: ids["F4"], InvoiceNumber: "F4", Amount: 100}}}, 1); err != nil {
				return err
			}
			return errStop
		}); !errors.Is(err, errStop) {
			t.Fatal(err)
		}
		if v := version(); v != v1 {
			t.Errorf("a rolled back payment moved the version from %d to %d", v1, v)
		}
		// invoices alone: prepared multi-row INSERTs on SQLite, COPY on PostgreSQL
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			return tx.InsertInvoices([]store.InvoiceRow{{Invoice: ledger.Invoice{EntityID: eid, CustomerID: cust, Kind: ledger.InvoiceKindInvoice,
				Number: "F7", InvoiceDate: ledger.MustDate("2026-05-02"), DueDate: ledger.MustDate("2026-06-01"), Currency: "EUR",
				Amount: 1000, OpenAmount: 1000}, Hash: 1}})
		}); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != v1+1 {
			t.Errorf("an invoice imported: version %d, want %d", v, v1+1)
		}
	})
}
