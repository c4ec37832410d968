package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// seed writes one entity with one customer and returns their ids.
func seed(t *testing.T, s *store.Store, code string) (entityID, customerID int64) {
	t.Helper()
	err := s.Tx(context.Background(), func(tx *store.Tx) error {
		var err error
		entityID, _, err = tx.UpsertEntity(ledger.Entity{Code: code, Name: "Entity " + code, Currency: "EUR",
			IBANs: []string{"NL91ABNA0417164300"}}, 1, 0)
		if err != nil {
			return err
		}
		customerID, err = tx.InsertCustomer(ledger.Customer{EntityID: entityID, Number: "C1", Name: "Bakkerij de Vries",
			Kind: ledger.KindB2B, Language: "nl", PaymentTerms: 30,
			Contacts: []ledger.Contact{{Name: "Jan", Role: ledger.RoleBilling, Email: "jan@example.nl"}}}, 7)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return entityID, customerID
}

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		applied, err := s.Migrate(context.Background())
		if err != nil || len(applied) != 0 {
			t.Fatalf("second migrate applied %v, err %v", applied, err)
		}
	})
}

func TestEntitiesAndCustomers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, cid := seed(t, s, "NL01")
		e, err := s.EntityByCode(ctx, "NL01")
		if err != nil || e.ID != eid || e.IBANs[0] != "NL91ABNA0417164300" || e.CreatedAt.IsZero() {
			t.Fatalf("entity %+v %v", e, err)
		}
		c, err := s.Customer(ctx, ledger.Scope{All: true}, cid)
		if err != nil {
			t.Fatal(err)
		}
		if c.Name != "Bakkerij de Vries" || c.EntityCode != "NL01" || len(c.Contacts) != 1 || c.Contacts[0].Email != "jan@example.nl" {
			t.Fatalf("customer %+v", c)
		}
		if _, err := s.Customer(ctx, ledger.Scope{EntityIDs: []int64{eid + 1}}, cid); !errors.Is(err, ledger.ErrNotFound) {
			t.Fatalf("customer outside scope: err %v, want not found", err)
		}
		if _, err := s.EntityByCode(ctx, "XX"); !errors.Is(err, ledger.ErrNotFound) {
			t.Fatalf("missing entity: %v", err)
		}
		// an unchanged upsert is a no-op; a changed one keeps history
		err = s.Tx(ctx, func(tx *store.Tx) error {
			_, o, err := tx.UpsertEntity(ledger.Entity{Code: "NL01", Name: "Entity NL01", Currency: "EUR"}, 1, 0)
			if err != nil || o != store.Unchanged {
				t.Errorf("same hash: outcome %v err %v", o, err)
			}
			_, o, err = tx.UpsertEntity(ledger.Entity{Code: "NL01", Name: "Renamed", Currency: "EUR"}, 2, 0)
			if err != nil || o != store.Updated {
				t.Errorf("new hash: outcome %v err %v", o, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		h, err := s.History(ctx, "entity", eid)
		if err != nil || len(h) != 1 || !strings.Contains(h[0].Data, "Entity NL01") {
			t.Fatalf("history %+v %v", h, err)
		}
		// a duplicate customer number is a conflict
		err = s.Tx(ctx, func(tx *store.Tx) error {
			_, err := tx.InsertCustomer(ledger.Customer{EntityID: eid, Number: "C1", Name: "dup", Kind: "b2b"}, 1)
			return err
		})
		if !errors.Is(err, ledger.ErrConflict) {
			t.Fatalf("duplicate customer: %v", err)
		}
	})
}

func TestInvoicesBulkAndAllocations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, cid := seed(t, s, "NL01")
		var rows []store.InvoiceRow
		for k := 0; k < 120; k++ { // more than one multi-row statement
			rows = append(rows, store.InvoiceRow{Invoice: ledger.Invoice{EntityID: eid, CustomerID: cid, Kind: ledger.InvoiceKindInvoice,
				Number: "F" + string(rune('A'+k/26)) + string(rune('a'+k%26)), InvoiceDate: ledger.MustDate("2026-10-01"),
				DueDate: ledger.MustDate("2026-10-31"), Currency: "EUR", Amount: 12345, OpenAmount: 12345, Source: "test"},
				Hash: uint64(k+1) | 1<<63}) // high bit set: hashes are unsigned
		}
		err := s.Tx(ctx, func(tx *store.Tx) error { return tx.InsertInvoices(rows) })
		if err != nil {
			t.Fatal(err)
		}
		got, total, err := s.Invoices(ctx, ledger.InvoiceFilter{Scope: ledger.Scope{All: true}, CustomerID: cid, Limit: 10})
		if err != nil || total != 120 || len(got) != 10 {
			t.Fatalf("invoices: %d of %d, %v", len(got), total, err)
		}
		inv := got[0]
		if inv.DueDate.String() != "2026-10-31" || inv.Amount != 12345 || inv.Status != ledger.StatusOpen || inv.CustomerNumber != "C1" {
			t.Fatalf("invoice %+v", inv)
		}
		err = s.Tx(ctx, func(tx *store.Tx) error {
			keys, err := tx.InvoiceKeys(eid, []string{"FAa", "FAb", "nope"})
			if err != nil {
				return err
			}
			if len(keys) != 2 || keys["FAa"].Hash != 1|1<<63 || keys["FAa"].OpenAmount != 12345 {
				t.Errorf("keys %+v", keys)
			}
			_, err = tx.InsertPayment(ledger.Payment{EntityID: eid, Reference: "P1", CustomerID: cid, Date: ledger.MustDate("2026-11-02"),
				Currency: "EUR", Amount: 20000, Allocations: []ledger.Allocation{
					{InvoiceID: keys["FAa"].ID, InvoiceNumber: "FAa", Amount: 12345},
					{InvoiceID: keys["FAb"].ID, InvoiceNumber: "FAb", Amount: 7655}}}, 9)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		paid, _, _ := s.Invoices(ctx, ledger.InvoiceFilter{Scope: ledger.Scope{All: true}, Number: "FAa"})
		part, _, _ := s.Invoices(ctx, ledger.InvoiceFilter{Scope: ledger.Scope{All: true}, Number: "FAb"})
		if paid[0].OpenAmount != 0 || paid[0].Status != ledger.StatusPaid || part[0].OpenAmount != 12345-7655 || part[0].Status != ledger.StatusOpen {
			t.Fatalf("after payment: %+v / %+v", paid[0], part[0])
		}
		var ps []ledger.Payment
		if err := s.EachPayment(ctx, ledger.PaymentFilter{Scope: ledger.Scope{All: true}}, func(p ledger.Payment) error {
			ps = append(ps, p)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || len(ps[0].Allocations) != 2 || ps[0].Unallocated() != 0 || ps[0].CustomerNumber != "C1" {
			t.Fatalf("payments %+v", ps)
		}
		// updating the payment reverses its old allocations
		err = s.Tx(ctx, func(tx *store.Tx) error {
			p := ps[0]
			p.Amount = 5000
			p.Allocations = []ledger.Allocation{{InvoiceID: part[0].ID, InvoiceNumber: "FAb", Amount: 5000}}
			return tx.UpdatePayment(p, 10, 0)
		})
		if err != nil {
			t.Fatal(err)
		}
		paid, _, _ = s.Invoices(ctx, ledger.InvoiceFilter{Scope: ledger.Scope{All: true}, Number: "FAa"})
		part, _, _ = s.Invoices(ctx, ledger.InvoiceFilter{Scope: ledger.Scope{All: true}, Number: "FAb"})
		if paid[0].OpenAmount != 12345 || paid[0].Status != ledger.StatusOpen || part[0].OpenAmount != 12345-5000 {
			t.Fatalf("after payment update: %d / %d", paid[0].OpenAmount, part[0].OpenAmount)
		}
		if h, _ := s.History(ctx, "payment", ps[0].ID); len(h) != 1 || !strings.Contains(h[0].Data, "20000") {
			t.Fatalf("payment history %+v", h)
		}
	})
}

func TestUsersSessionsTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, _ := seed(t, s, "NL01")
		id, err := s.SaveUser(ctx, ledger.User{Username: "anna", Role: ledger.RoleController, EntityIDs: []int64{eid}, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		u, err := s.UserByName(ctx, "anna")
		if err != nil || u.ID != id || u.AllEntities || len(u.EntityIDs) != 1 || !u.Scope().Allows(eid) || u.Scope().Allows(eid+1) {
			t.Fatalf("user %+v %v", u, err)
		}
		if err := s.CreateAPIToken(ctx, id, "erp", "hash1"); err != nil {
			t.Fatal(err)
		}
		if u2, err := s.UserByTokenHash(ctx, "hash1"); err != nil || u2.Username != "anna" {
			t.Fatalf("token user %+v %v", u2, err)
		}
		if _, err := s.UserByTokenHash(ctx, "nope"); !errors.Is(err, ledger.ErrNotFound) {
			t.Fatalf("unknown token: %v", err)
		}
	})
}

func TestPostgresJITOff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if s.Dialect() != store.Postgres {
			return
		}
		var jit string
		if err := s.DB().QueryRow("SHOW jit").Scan(&jit); err != nil || jit != "off" {
			t.Fatalf("jit = %q (%v), want off", jit, err)
		}
	})
}

func TestCustomerBalances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, cid := seed(t, s, "NL01")
		inv := func(n, due string, amount int64, kind string) store.InvoiceRow {
			return store.InvoiceRow{Invoice: ledger.Invoice{EntityID: eid, CustomerID: cid, Kind: kind, Number: n,
				InvoiceDate: ledger.MustDate("2026-09-01"), DueDate: ledger.MustDate(due), Currency: "EUR", Amount: amount, OpenAmount: amount}}
		}
		err := s.Tx(ctx, func(tx *store.Tx) error {
			return tx.InsertInvoices([]store.InvoiceRow{inv("F1", "2026-10-01", 10000, "invoice"), inv("F2", "2026-12-01", 5000, "invoice"),
				inv("C1", "2026-10-01", -2000, "credit_note")})
		})
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.CustomerBalances(ctx, ledger.Scope{All: true}, []int64{cid}, ledger.MustDate("2026-11-22"))
		// open: 100 + 50 - 20; overdue: only F1 (the credit note is not overdue)
		if err != nil || len(b[cid]) != 1 || b[cid][0].Open != 13000 || b[cid][0].Overdue != 10000 {
			t.Fatalf("balances %+v %v", b, err)
		}
		if b, _ := s.CustomerBalances(ctx, ledger.Scope{EntityIDs: []int64{eid + 1}}, []int64{cid}, ledger.MustDate("2026-11-22")); len(b[cid]) != 0 {
			t.Fatalf("balance outside scope: %+v", b)
		}
	})
}
