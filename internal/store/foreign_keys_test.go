package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// TestForeignKeys: a row naming a parent that does not exist is refused,
// whether written alone or in bulk (COPY on PostgreSQL), and nothing of its
// transaction stays; a parent still named cannot be deleted, nor its id
// changed. On PostgreSQL the keys of payments, allocations,
// bank_transactions and customer_ibans are checked once per statement
// (migration 0012); SQLite declares them. Both must refuse the same.
func TestForeignKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, ids := kpiLedger(t, s)
		var cust, stmt int64
		var acc store.BankAccount
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			keys, err := tx.InvoiceKeys(eid, []string{"F1"})
			if err != nil {
				return err
			}
			cust = keys["F1"].CustomerID
			if acc, err = tx.RegisterBankAccount(eid, "NL91ABNA0417164300"); err != nil {
				return err
			}
			stmt, _, err = tx.InsertStatement(store.StatementRow{AccountID: acc.ID, Format: "mt940", StatementID: "1", Currency: "EUR"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		const missing = int64(987654)
		payment := func(ref string, customer, invoice int64) *ledger.Payment {
			return &ledger.Payment{EntityID: eid, Reference: ref, CustomerID: customer, Date: ledger.MustDate("2026-05-01"), Currency: "EUR",
				Amount: 100, Source: "bank", Allocations: []ledger.Allocation{{InvoiceID: invoice, InvoiceNumber: "F1", Amount: 100}}}
		}
		booking := func(key string, statement int64, p *ledger.Payment) store.BankBooking {
			return store.BankBooking{Payment: p, Tx: store.BankTransaction{StatementID: statement, AccountID: acc.ID, EntryKey: key, Amount: 100,
				Currency: "EUR", Kind: "incoming", State: store.MatchAuto}}
		}
		payments := func() int {
			t.Helper()
			var n int
			if err := s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM payments").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := payments()
		fromStore := true
		refused := func(what string, fn func(tx *store.Tx) error) {
			t.Helper()
			var err error
			if fromStore {
				err = s.Tx(ctx, fn)
			} else {
				err = fn(nil)
			}
			// the store's writers report ErrConflict; both databases
			// name the foreign key in their message
			if err == nil || !strings.Contains(strings.ToLower(err.Error()), "foreign key") {
				t.Errorf("%s: %v, want it refused by a foreign key", what, err)
			} else if fromStore && !errors.Is(err, ledger.ErrConflict) {
				t.Errorf("%s: %v, want a conflict", what, err)
			}
			if n := payments(); n != before {
				t.Errorf("%s: %d payments after the refusal, want %d", what, n, before)
			}
		}
		refused("a payment allocated to an invoice that does not exist", func(tx *store.Tx) error {
			_, err := tx.InsertPayment(*payment("P-1", cust, missing), 1)
			return err
		})
		refused("a payment of a customer that does not exist", func(tx *store.Tx) error {
			_, err := tx.InsertPayment(*payment("P-2", missing, ids["F1"]), 1)
			return err
		})
		refused("a bank line of a statement that does not exist, among good ones", func(tx *store.Tx) error {
			_, err := tx.BookBank([]store.BankBooking{booking("k1", stmt, payment("B-1", cust, ids["F1"])), booking("k2", missing, nil)})
			return err
		})
		refused("a bank payment allocated to an invoice that does not exist, in bulk", func(tx *store.Tx) error {
			_, err := tx.BookBank([]store.BankBooking{booking("k1", stmt, payment("B-1", cust, ids["F1"])),
				booking("k2", stmt, payment("B-2", cust, missing))})
			return err
		})
		refused("an IBAN learned for a customer that does not exist", func(tx *store.Tx) error {
			return tx.LearnIBANs(eid, map[string]int64{"NL02RABO0123456789": missing})
		})

		// a good booking goes in; its parents are then named
		var txID int64
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			got, err := tx.BookBank([]store.BankBooking{booking("k1", stmt, payment("B-1", cust, ids["F1"]))})
			if err != nil {
				return err
			}
			txID = got[0]
			return tx.LearnIBANs(eid, map[string]int64{"NL02RABO0123456789": cust})
		}); err != nil {
			t.Fatal(err)
		}
		before = payments()
		var pid int64
		if err := s.DB().QueryRowContext(ctx, "SELECT payment_id FROM bank_transactions WHERE id = "+itoa(txID)).Scan(&pid); err != nil || pid == 0 {
			t.Fatalf("the bank line's payment: %d, %v", pid, err)
		}
		exec := func(q string) func(tx *store.Tx) error {
			return func(*store.Tx) error {
				_, err := s.DB().ExecContext(ctx, q)
				return err
			}
		}
		fromStore = false
		refused("deleting a payment its allocations name", exec("DELETE FROM payments WHERE id = "+itoa(pid)))
		refused("deleting an invoice an allocation names", exec("DELETE FROM invoices WHERE id = "+itoa(ids["F1"])))
		refused("deleting a customer a payment names", exec("DELETE FROM customers WHERE id = "+itoa(cust)))
		refused("deleting a statement a bank line names", exec("DELETE FROM statements WHERE id = "+itoa(stmt)))
		refused("changing the id of an invoice an allocation names", exec("UPDATE invoices SET id = "+itoa(missing)+" WHERE id = "+itoa(ids["F1"])))
		refused("pointing a bank line at a payment that does not exist", exec("UPDATE bank_transactions SET payment_id = "+itoa(missing)+
			" WHERE id = "+itoa(txID)))

		// undone in the right order (as the queue's undo does), it goes
		for _, q := range []string{"UPDATE bank_transactions SET payment_id = NULL WHERE id = " + itoa(txID),
			"DELETE FROM allocations WHERE payment_id = " + itoa(pid), "DELETE FROM payments WHERE id = " + itoa(pid)} {
			if _, err := s.DB().ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
