package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// A dispute is stored with its items and history; reads fill the invoice
// numbers and open amounts, respect the entity scope and filters, and the
// summaries and held amounts count only disputes that are not closed.
func TestDisputeStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		nl, cnl := seed(t, s, "NL01")
		be, cbe := seed(t, s, "BE01")
		inv := func(eid, cid int64, number, due string, amount int64, hash uint64) store.InvoiceRow {
			return store.InvoiceRow{Invoice: ledger.Invoice{EntityID: eid, CustomerID: cid, Kind: ledger.InvoiceKindInvoice, Number: number,
				InvoiceDate: ledger.MustDate("2026-09-01"), DueDate: ledger.MustDate(due), Currency: "EUR", Amount: amount,
				OpenAmount: amount, ProductGroup: "PG-" + number}, Hash: hash}
		}
		var keys map[string]store.InvoiceKey
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			if err := tx.InsertInvoices([]store.InvoiceRow{inv(nl, cnl, "F1", "2026-10-01", 100000, 1),
				inv(nl, cnl, "F2", "2026-09-15", 30000, 2)}); err != nil {
				return err
			}
			if err := tx.InsertInvoices([]store.InvoiceRow{inv(be, cbe, "B1", "2026-10-01", 5000, 3)}); err != nil {
				return err
			}
			var err error
			keys, err = tx.InvoiceKeys(nl, []string{"F1", "F2"})
			if err != nil {
				return err
			}
			bk, err := tx.InvoiceKeys(be, []string{"B1"})
			keys["B1"] = bk["B1"]
			return err
		}); err != nil {
			t.Fatal(err)
		}
		open := func(eid, cid int64, reason, due string, items ...store.DisputeItem) int64 {
			t.Helper()
			var id int64
			var amount int64
			for _, it := range items {
				amount += it.Amount
			}
			if err := s.Tx(ctx, func(tx *store.Tx) error {
				var err error
				id, err = tx.InsertDispute(store.Dispute{EntityID: eid, CustomerID: cid, Reason: reason, Description: "claim",
					Currency: "EUR", Amount: amount, Status: disputes.Open, Priority: disputes.High, Queue: "sales",
					Opened: ledger.MustDate("2026-11-01"), Due: ledger.MustDate(due), Source: store.DisputeAPI, OpenedBy: "anna",
					Items: items})
				if err != nil {
					return err
				}
				_, err = tx.AddDisputeEvent(store.DisputeEvent{DisputeID: id, User: "anna", Kind: store.EvOpened, To: "sales"})
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return id
		}
		d1 := open(nl, cnl, "wrong_price", "2026-11-15", store.DisputeItem{InvoiceID: keys["F1"].ID, Amount: 40000},
			store.DisputeItem{InvoiceID: keys["F2"].ID, Amount: 30000})
		d2 := open(nl, cnl, "quality", "2026-11-10", store.DisputeItem{InvoiceID: keys["F1"].ID, Amount: 10000})
		d3 := open(be, cbe, "quality", "2026-11-05", store.DisputeItem{InvoiceID: keys["B1"].ID, Amount: 5000})

		// one dispute, its items by due date with numbers and open amounts
		onlyNL := ledger.Scope{EntityIDs: []int64{nl}}
		d, err := s.Dispute(ctx, onlyNL, d1)
		if err != nil {
			t.Fatal(err)
		}
		if d.EntityCode != "NL01" || d.CustomerNumber != "C1" || d.Amount != 70000 || d.Status != disputes.Open ||
			d.Priority != disputes.High || d.Due.String() != "2026-11-15" || d.Source != store.DisputeAPI || d.Owner() != "sales" {
			t.Errorf("dispute %+v", d)
		}
		if len(d.Items) != 2 || d.Items[0].Number != "F2" || d.Items[0].Amount != 30000 || d.Items[0].Open != 30000 ||
			d.Items[1].Number != "F1" || d.Items[1].Amount != 40000 || d.Items[1].Open != 100000 || d.Items[1].ProductGroup != "PG-F1" {
			t.Errorf("items %+v", d.Items)
		}
		if _, err := s.Dispute(ctx, onlyNL, d3); !errors.Is(err, ledger.ErrNotFound) {
			t.Errorf("another entity's dispute: %v, want not found", err)
		}

		// lists: scope, filters, most urgent first, the count beyond the page
		list := func(f store.DisputeFilter) ([]int64, int) {
			t.Helper()
			ds, total, err := s.Disputes(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, d := range ds {
				ids = append(ids, d.ID)
			}
			return ids, total
		}
		for _, tt := range []struct {
			name  string
			f     store.DisputeFilter
			want  []int64
			total int
		}{
			{"all", store.DisputeFilter{Scope: ledger.Scope{All: true}}, []int64{d3, d2, d1}, 3},
			{"scope", store.DisputeFilter{Scope: onlyNL}, []int64{d2, d1}, 2},
			{"page", store.DisputeFilter{Scope: ledger.Scope{All: true}, Offset: 1, Limit: 1}, []int64{d2}, 3},
			{"reason", store.DisputeFilter{Scope: ledger.Scope{All: true}, Reason: "quality"}, []int64{d3, d2}, 2},
			{"overdue on 2026-11-12", store.DisputeFilter{Scope: ledger.Scope{All: true}, OverdueOn: ledger.MustDate("2026-11-12")}, []int64{d3, d2}, 2},
			{"queue", store.DisputeFilter{Scope: ledger.Scope{All: true}, Queues: []string{"billing", "logistics"}}, nil, 0},
			{"entity", store.DisputeFilter{Scope: ledger.Scope{All: true}, EntityID: be}, []int64{d3}, 1},
		} {
			ids, total := list(tt.f)
			if len(ids) != len(tt.want) || total != tt.total {
				t.Errorf("%s: %v (total %d), want %v (%d)", tt.name, ids, total, tt.want, tt.total)
				continue
			}
			for i := range ids {
				if ids[i] != tt.want[i] {
					t.Errorf("%s: %v, want %v", tt.name, ids, tt.want)
				}
			}
		}

		// status moves only from the status it is in; the history keeps order
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			if ok, err := tx.SetDisputeStatus(d1, disputes.WaitingCustomer, disputes.InProgress); err != nil || ok {
				t.Errorf("moved from a status it was not in: %v, %v", ok, err)
			}
			if ok, err := tx.SetDisputeStatus(d1, disputes.Open, disputes.InProgress); err != nil || !ok {
				t.Errorf("move open -> in progress: %v, %v", ok, err)
			}
			if _, err := tx.AddDisputeEvent(store.DisputeEvent{DisputeID: d1, User: "anna", Kind: store.EvStatus, From: "open",
				To: "in_progress"}); err != nil {
				return err
			}
			_, err := tx.AddDisputeEvent(store.DisputeEvent{DisputeID: d1, User: "bob", Kind: store.EvComment, Note: "called"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		evs, err := s.DisputeEvents(ctx, d1)
		if err != nil || len(evs) != 3 || evs[0].Kind != store.EvOpened || evs[1].To != "in_progress" || evs[2].User != "bob" ||
			evs[2].Note != "called" || evs[2].CreatedAt.IsZero() {
			t.Errorf("history %+v, %v", evs, err)
		}

		// summaries and held amounts: open disputes only
		sums, err := s.DisputeSummaries(ctx, nl, 0, ledger.MustDate("2026-11-12"))
		if err != nil {
			t.Fatal(err)
		}
		if sm := sums[cnl]; len(sums) != 1 || sm.Open != 2 || sm.Overdue != 1 || sm.Disputed["EUR"] != 80000 {
			t.Errorf("summaries before closing %+v", sums)
		}
		// one customer's (a refresh after a call reads no one else's)
		if one, err := s.DisputeSummaries(ctx, nl, cnl, ledger.MustDate("2026-11-12")); err != nil || len(one) != 1 ||
			one[cnl].Open != 2 || one[cnl].Disputed["EUR"] != 80000 {
			t.Errorf("one customer's summary %+v, %v", one, err)
		}
		if other, err := s.DisputeSummaries(ctx, nl, cbe, ledger.MustDate("2026-11-12")); err != nil || len(other) != 0 {
			t.Errorf("a customer of another entity: %+v, %v", other, err)
		}
		held, err := s.DisputedAmounts(ctx, nl)
		if err != nil || held[keys["F1"].ID] != 50000 || held[keys["F2"].ID] != 30000 || len(held) != 2 {
			t.Errorf("held amounts %v, %v", held, err)
		}
		if err := s.Tx(ctx, func(tx *store.Tx) error {
			if ok, err := tx.CloseDispute(d2, disputes.InProgress, store.ResolveRejected, 0, ledger.MustDate("2026-11-12"), ""); err != nil || ok {
				t.Errorf("closed from a status it was not in: %v, %v", ok, err)
			}
			ok, err := tx.CloseDispute(d2, disputes.Open, store.ResolveRejected, 0, ledger.MustDate("2026-11-12"), "")
			if !ok {
				t.Errorf("close open dispute: %v", err)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		d, err = s.Dispute(ctx, onlyNL, d2)
		if err != nil || d.Status != disputes.Rejected || d.Resolution != store.ResolveRejected || d.Resolved.String() != "2026-11-12" {
			t.Errorf("closed dispute %+v, %v", d, err)
		}
		sums, err = s.DisputeSummaries(ctx, nl, 0, ledger.MustDate("2026-11-12"))
		if sm := sums[cnl]; err != nil || sm.Open != 1 || sm.Overdue != 0 || sm.Disputed["EUR"] != 70000 {
			t.Errorf("summaries after closing %+v, %v", sums, err)
		}
		held, err = s.DisputedAmounts(ctx, nl)
		if err != nil || held[keys["F1"].ID] != 40000 {
			t.Errorf("held amounts after closing %v, %v", held, err)
		}
		if ids, _ := list(store.DisputeFilter{Scope: onlyNL, OpenOnly: true}); len(ids) != 1 || ids[0] != d1 {
			t.Errorf("open only: %v", ids)
		}
	})
}
