package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// kpiLedger writes a small ledger whose figures are worked out by hand in
// TestKPIItems, and returns the entity id and the invoice ids by number.
//
//	F1 C1 hw  2026-01-10 due 02-09  1000.00  paid 600 on 02-20, 400 on 03-20
//	F2 C1 sw  2026-02-15 due 03-17   500.00  paid 100 on 03-20, 50 written off 03-25
//	F3 C2 hw  2026-03-01 due 03-31  2000.00  paid in full on 04-10
//	CN1 C2    2026-03-05           −200.00  open
//	F6 C2 hw  2026-03-10 due 03-10   300.00  the ERP says 100 open (source_open)
//	F4 C2 hw  2026-04-20 due 05-20   700.00  open (after the as-of dates)
func kpiLedger(t *testing.T, s *store.Store) (int64, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	d := ledger.MustDate
	ids := map[string]int64{}
	var eid int64
	err := s.Tx(ctx, func(tx *store.Tx) error {
		var err error
		if eid, _, err = tx.UpsertEntity(ledger.Entity{Code: "NL01", Name: "Kredo BV", Currency: "EUR"}, 1, 0); err != nil {
			return err
		}
		c1, err := tx.InsertCustomer(ledger.Customer{EntityID: eid, Number: "C1", Name: "Bakker", Kind: ledger.KindB2B, Language: "nl",
			Segment: "retail", Region: "north", Controller: "anna", PaymentTerms: 30}, 1)
		if err != nil {
			return err
		}
		c2, err := tx.InsertCustomer(ledger.Customer{EntityID: eid, Number: "C2", Name: "Visser", Kind: ledger.KindB2B, Language: "nl",
			Segment: "wholesale", Region: "south", Controller: "bob", ParentNumber: "C1", PaymentTerms: 30}, 2)
		if err != nil {
			return err
		}
		inv := func(num string, cust int64, pg, date, due string, amount, open int64, so *int64) store.InvoiceRow {
			kind := ledger.InvoiceKindInvoice
			if amount < 0 {
				kind = ledger.InvoiceKindCreditNote
			}
			return store.InvoiceRow{Invoice: ledger.Invoice{EntityID: eid, CustomerID: cust, Kind: kind, Number: num, ProductGroup: pg,
				InvoiceDate: d(date), DueDate: d(due), Currency: "EUR", Amount: amount, OpenAmount: open}, Hash: 1, SourceOpen: so}
		}
		erp := int64(10000)
		if err := tx.InsertInvoices([]store.InvoiceRow{
			inv("F1", c1, "hw", "2026-01-10", "2026-02-09", 100000, 100000, nil),
			inv("F2", c1, "sw", "2026-02-15", "2026-03-17", 50000, 50000, nil),
			inv("F3", c2, "hw", "2026-03-01", "2026-03-31", 200000, 200000, nil),
			inv("CN1", c2, "", "2026-03-05", "2026-03-05", -20000, -20000, nil),
			inv("F6", c2, "hw", "2026-03-10", "2026-03-10", 30000, 10000, &erp),
			inv("F4", c2, "hw", "2026-04-20", "2026-05-20", 70000, 70000, nil),
		}); err != nil {
			return err
		}
		keys, err := tx.InvoiceKeys(eid, []string{"F1", "F2", "F3", "CN1", "F6", "F4"})
		if err != nil {
			return err
		}
		for n, k := range keys {
			ids[n] = k.ID
		}
		pay := func(ref, date string, cust int64, allocs ...ledger.Allocation) error {
			var sum int64
			for k := range allocs {
				allocs[k].InvoiceID = ids[allocs[k].InvoiceNumber]
				sum += allocs[k].Amount
			}
			_, err := tx.InsertPayment(ledger.Payment{EntityID: eid, Reference: ref, CustomerID: cust, Date: d(date), Currency: "EUR",
				Amount: sum, Allocations: allocs}, 1)
			return err
		}
		if err := pay("P1", "2026-02-20", c1, ledger.Allocation{InvoiceNumber: "F1", Amount: 60000}); err != nil {
			return err
		}
		if err := pay("P2", "2026-03-20", c1, ledger.Allocation{InvoiceNumber: "F1", Amount: 40000},
			ledger.Allocation{InvoiceNumber: "F2", Amount: 10000}); err != nil {
			return err
		}
		if err := pay("P3", "2026-04-10", c2, ledger.Allocation{InvoiceNumber: "F3", Amount: 200000}); err != nil {
			return err
		}
		_, err = tx.InsertAdjustment(store.Adjustment{EntityID: eid, InvoiceID: ids["F2"], Kind: store.AdjustWriteOff,
			Date: d("2026-03-25"), Currency: "EUR", Amount: 5000})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return eid, ids
}

func TestKPIItems(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, ids := kpiLedger(t, s)
		dims, err := s.KPIDimensions(ctx, eid)
		if err != nil {
			t.Fatal(err)
		}
		load := func() []kpi.Item {
			t.Helper()
			items, err := s.KPIItems(ctx, store.KPIQuery{EntityID: eid, Since: ledger.MustDate("2026-02-28"), Until: ledger.MustDate("2026-03-31")}, dims)
			if err != nil {
				t.Fatal(err)
			}
			return items
		}
		items := load()
		var refs []string
		for _, it := range items {
			refs = append(refs, it.Ref)
		}
		// F4 is invoiced after Until; every other item is open at some day of the range.
		if got := join(refs); got != "F1 F2 F3 CN1 F6" {
			t.Fatalf("items %s, want F1 F2 F3 CN1 F6", got)
		}
		// At the end of March: F1 paid (0); F2 500 − 100 − 50 = 350, 14 days
		// overdue; F3 2000 due that day (not due, paid only in April); CN1
		// −200 a credit; F6 100 open as the ERP says, 21 days overdue.
		mar := kpi.AgingAt(items, "EUR", ledger.MustDate("2026-03-31"))
		want := kpi.Aging{Currency: "EUR", AsOf: ledger.MustDate("2026-03-31")}
		want.Buckets[kpi.NotDue] = kpi.Line{Amount: 200000, Count: 1}
		want.Buckets[kpi.Overdue1] = kpi.Line{Amount: 45000, Count: 2}
		want.Credits = kpi.Line{Amount: -20000, Count: 1}
		if mar != want {
			t.Errorf("aging at 03-31 = %+v, want %+v", mar, want)
		}
		// At the end of February: F1 1000 − 600 = 400, 19 days overdue; F2
		// 500 not due; the rest not yet invoiced.
		feb := kpi.AgingAt(items, "EUR", ledger.MustDate("2026-02-28"))
		if feb.Buckets[kpi.Overdue1] != (kpi.Line{Amount: 40000, Count: 1}) || feb.Buckets[kpi.NotDue] != (kpi.Line{Amount: 50000, Count: 1}) || feb.Net() != 90000 {
			t.Errorf("aging at 02-28 = %+v, want 400 overdue 1-30 and 500 not due", feb)
		}
		for _, it := range items {
			if it.Ref == "F2" {
				if it.Dims[kpi.DimSegment] != "retail" || it.Dims[kpi.DimProductGroup] != "sw" || it.Dims[kpi.DimGroup] != "C1" ||
					it.Dims[kpi.DimController] != "anna" || it.Dims[kpi.DimEntity] != "NL01" || it.Dims[kpi.DimCustomer] != "C1" {
					t.Errorf("F2 dims %v", it.Dims)
				}
			}
			if it.Ref == "CN1" && (it.Dims[kpi.DimGroup] != "C1" || it.Dims[kpi.DimRegion] != "south") {
				t.Errorf("CN1 dims %v: a subsidiary belongs to its parent's group", it.Dims)
			}
		}

		// Later payments, write-offs and invoices leave March's figures as they were.
		err = s.Tx(ctx, func(tx *store.Tx) error {
			if _, err := tx.InsertPayment(ledger.Payment{EntityID: eid, Reference: "P4", Date: ledger.MustDate("2026-04-25"), Currency: "EUR",
				Amount: 30000, Allocations: []ledger.Allocation{{InvoiceID: ids["F2"], InvoiceNumber: "F2", Amount: 30000}}}, 1); err != nil {
				return err
			}
			if _, err := tx.InsertAdjustment(store.Adjustment{EntityID: eid, InvoiceID: ids["F6"], Kind: store.AdjustWriteOff,
				Date: ledger.MustDate("2026-04-26"), Currency: "EUR", Amount: 10000}); err != nil {
				return err
			}
			return tx.InsertInvoices([]store.InvoiceRow{{Invoice: ledger.Invoice{EntityID: eid, CustomerID: dimsCustomer(dims, "C1"),
				Kind: ledger.InvoiceKindInvoice, Number: "F7", InvoiceDate: ledger.MustDate("2026-04-27"), DueDate: ledger.MustDate("2026-05-27"),
				Currency: "EUR", Amount: 99900, OpenAmount: 99900}, Hash: 1}})
		})
		if err != nil {
			t.Fatal(err)
		}
		if again := kpi.AgingAt(load(), "EUR", ledger.MustDate("2026-03-31")); again != want {
			t.Errorf("aging at 03-31 after April's bookings = %+v, want %+v", again, want)
		}

		sales, err := s.KPISales(ctx, eid, ledger.MustDate("2026-01-01"), ledger.MustDate("2026-03-31"))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, c := range sales {
			got[dims.Customers[c.CustomerID][kpi.DimCustomer]+"/"+c.ProductGroup+"/"+c.Month.String()[:7]] += c.Amount
		}
		wantSales := map[string]int64{"C1/hw/2026-01": 100000, "C1/sw/2026-02": 50000, "C2/hw/2026-03": 230000, "C2//2026-03": -20000}
		if len(got) != len(wantSales) {
			t.Errorf("sales %v, want %v", got, wantSales)
		}
		for k, v := range wantSales {
			if got[k] != v {
				t.Errorf("sales %s = %d, want %d", k, got[k], v)
			}
		}
	})
}

// KPIItems reads a short window by its candidates and a long one (most of
// the entity's trade) by plain scans filtered in Go; both choose the items
// open at some day of the window or invoiced in it, with their whole history.
func TestKPIItemsWindows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, _ := kpiLedger(t, s)
		dims, err := s.KPIDimensions(ctx, eid)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			since, until, want string
		}{
			// Short windows (candidates): F1 was paid in full on 03-20.
			{"2026-03-21", "2026-04-10", "F2 F3 CN1 F6"},
			{"2026-03-19", "2026-04-10", "F1 F2 F3 CN1 F6"},
			// Since before the first invoice (scans, nothing filtered out).
			{"2025-12-31", "2026-03-31", "F1 F2 F3 CN1 F6"},
			{"2025-06-30", "2026-06-30", "F1 F2 F3 CN1 F6 F4"},
			// Most of the trade, from after F1 was settled (scans, filtered).
			{"2026-03-21", "2026-06-30", "F2 F3 CN1 F6 F4"},
			{"2026-03-19", "2026-06-30", "F1 F2 F3 CN1 F6 F4"},
		} {
			items, err := s.KPIItems(ctx, store.KPIQuery{EntityID: eid, Since: ledger.MustDate(c.since), Until: ledger.MustDate(c.until)}, dims)
			if err != nil {
				t.Fatal(err)
			}
			var refs []string
			for _, it := range items {
				refs = append(refs, it.Ref)
			}
			if got := join(refs); got != c.want {
				t.Errorf("(%s, %s]: items %s, want %s", c.since, c.until, got, c.want)
			}
			// Every item with its whole history: F2 350 open at the end of
			// March, F6 100 as the ERP says, F3 paid in April.
			if c.until >= "2026-04-10" {
				a := kpi.AgingAt(items, "EUR", ledger.MustDate("2026-04-10"))
				if a.Open().Amount != 45000 || a.Credits.Amount != -20000 {
					t.Errorf("(%s, %s]: aging at 04-10 %+v, want 450.00 open and -200.00 credits", c.since, c.until, a)
				}
			}
		}
	})
}

func dimsCustomer(d *store.KPIDims, number string) int64 {
	for id, m := range d.Customers {
		if m[kpi.DimCustomer] == number {
			return id
		}
	}
	return 0
}

func join(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out
}

// Rates are stored as given and replaced per pair and date; snapshots are
// replaced per entity as a whole and read back line for line.
func TestRatesAndSnapshots(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, _ := kpiLedger(t, s)
		if err := s.SaveRates(ctx, []store.RateRow{{From: "USD", To: "EUR", Date: ledger.MustDate("2026-01-01"), Rate: "0.9"},
			{From: "USD", To: "EUR", Date: ledger.MustDate("2026-02-01"), Rate: "0.95"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveRates(ctx, []store.RateRow{{From: "USD", To: "EUR", Date: ledger.MustDate("2026-02-01"), Rate: "0.925", Source: "b.csv"}}); err != nil {
			t.Fatal(err)
		}
		rs, err := s.Rates(ctx)
		if err != nil || len(rs) != 2 || rs[1].Rate != "0.925" || rs[1].Source != "b.csv" || rs[0].Date != ledger.MustDate("2026-01-01") {
			t.Fatalf("rates %+v, %v", rs, err)
		}

		a := kpi.Aging{Currency: "EUR", AsOf: ledger.MustDate("2026-03-31")}
		a.Buckets[kpi.Overdue61] = kpi.Line{Amount: 1234, Count: 2}
		a.Credits = kpi.Line{Amount: -5, Count: 1}
		a.Disputed = kpi.Line{Amount: 7, Count: 1}
		snap := store.Snapshot{EntityID: eid, Dimension: kpi.DimSegment, Value: "retail", Sales: 999, Aging: a}
		old := snap
		old.Value = "gone"
		if err := s.ReplaceSnapshots(ctx, eid, []store.Snapshot{old}); err != nil {
			t.Fatal(err)
		}
		if err := s.ReplaceSnapshots(ctx, eid, []store.Snapshot{snap}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Snapshots(ctx, store.SnapshotFilter{Scope: ledger.Scope{All: true}, EntityID: eid, Dimension: kpi.DimSegment})
		if err != nil || len(got) != 1 || got[0] != snap {
			t.Fatalf("snapshots %+v, %v; want only %+v", got, err, snap)
		}
		if got, _ := s.Snapshots(ctx, store.SnapshotFilter{Scope: ledger.Scope{EntityIDs: []int64{eid + 1}}, EntityID: eid, Dimension: kpi.DimSegment}); len(got) != 0 {
			t.Errorf("snapshots out of scope: %+v", got)
		}

		// Many rows: SQLite writes them by multi-row statements; two full
		// ones and a partial one must all arrive, each with its own values.
		var many []store.Snapshot
		for k := range 250 {
			sn := snap
			sn.Dimension, sn.Value, sn.Sales = kpi.DimCustomer, fmt.Sprintf("K%04d", k), int64(k)
			sn.Aging.Buckets[kpi.NotDue] = kpi.Line{Amount: int64(1000 + k), Count: k}
			many = append(many, sn)
		}
		if err := s.ReplaceSnapshots(ctx, eid, many); err != nil {
			t.Fatal(err)
		}
		got, err = s.Snapshots(ctx, store.SnapshotFilter{Scope: ledger.Scope{All: true}, EntityID: eid, Dimension: kpi.DimCustomer})
		if err != nil || len(got) != len(many) {
			t.Fatalf("%d snapshots back of %d, %v", len(got), len(many), err)
		}
		for k := range many {
			if got[k] != many[k] {
				t.Fatalf("snapshot %d: %+v, want %+v", k, got[k], many[k])
			}
		}
		if got, _ := s.Snapshots(ctx, store.SnapshotFilter{Scope: ledger.Scope{All: true}, EntityID: eid, Dimension: kpi.DimSegment}); len(got) != 0 {
			t.Errorf("the earlier set survived the replacement: %+v", got)
		}
		one := "K0100"
		if got, err := s.Snapshots(ctx, store.SnapshotFilter{Scope: ledger.Scope{All: true}, EntityID: eid, Dimension: kpi.DimCustomer, Value: &one}); err != nil || len(got) != 1 || got[0] != many[100] {
			t.Errorf("snapshots of %s: %+v, %v", one, got, err)
		}
	})
}

// Snapshots are stored packed per dimension value and currency; they read
// back one per month, in order of value, currency and month end, whatever
// order they were given in; From and To select months, SnapshotMonths lists
// the entity's months over its currencies; a month end given twice is a
// conflict that leaves the stored set as it was.
func TestSnapshotsPacked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		eid, _ := kpiLedger(t, s)
		ends := []ledger.Date{ledger.MustDate("2025-12-31"), ledger.MustDate("2026-01-31"), ledger.MustDate("2026-02-28"), ledger.MustDate("2026-03-31")}
		var want []store.Snapshot
		for v := range 230 { // over two SQLite chunks of packed rows
			for _, cur := range []string{"EUR", "USD"} {
				for m, end := range ends {
					if (v+m)%3 == 0 && cur == "USD" {
						continue // a value without this month in this currency
					}
					sn := store.Snapshot{EntityID: eid, Dimension: kpi.DimCustomer, Value: fmt.Sprintf("K%04d", v), Sales: int64(v*100 + m),
						Aging: kpi.Aging{Currency: cur, AsOf: end}}
					sn.Aging.Buckets[m%kpi.NumBuckets] = kpi.Line{Amount: int64(v*1000 + m), Count: v + m}
					sn.Aging.Credits = kpi.Line{Amount: -int64(m), Count: m}
					want = append(want, sn)
				}
			}
		}
		entity := func(cur string, end ledger.Date) store.Snapshot {
			return store.Snapshot{EntityID: eid, Dimension: kpi.DimEntity, Value: "E", Sales: 1, Aging: kpi.Aging{Currency: cur, AsOf: end}}
		}
		given := append([]store.Snapshot{entity("USD", ends[3]), entity("EUR", ends[1]), entity("EUR", ends[2])}, want...)
		slices.Reverse(given) // not in the table's order
		if err := s.ReplaceSnapshots(ctx, eid, given); err != nil {
			t.Fatal(err)
		}
		all := ledger.Scope{All: true}
		got, err := s.Snapshots(ctx, store.SnapshotFilter{Scope: all, EntityID: eid, Dimension: kpi.DimCustomer})
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("%d snapshots back, %v; want %d as given", len(got), err, len(want))
		}
		one := "K0007"
		got, err = s.Snapshots(ctx, store.SnapshotFilter{Scope: all, EntityID: eid, Dimension: kpi.DimCustomer, Value: &one,
			From: ends[1], To: ends[2]})
		var wantOne []store.Snapshot
		for _, sn := range want {
			if sn.Value == one && !sn.Aging.AsOf.Before(ends[1]) && !sn.Aging.AsOf.After(ends[2]) {
				wantOne = append(wantOne, sn)
			}
		}
		if err != nil || len(wantOne) != 3 || !slices.Equal(got, wantOne) {
			t.Fatalf("%s from %s to %s: %+v, %v; want %+v", one, ends[1], ends[2], got, err, wantOne)
		}
		months, err := s.SnapshotMonths(ctx, eid)
		if err != nil || !slices.Equal(months, ends[1:]) {
			t.Fatalf("snapshot months %v, %v; want %v", months, err, ends[1:])
		}

		twice := []store.Snapshot{entity("EUR", ends[0]), entity("EUR", ends[0])}
		if err := s.ReplaceSnapshots(ctx, eid, twice); !errors.Is(err, ledger.ErrConflict) {
			t.Fatalf("a month end twice: %v, want a conflict", err)
		}
		if months, err := s.SnapshotMonths(ctx, eid); err != nil || !slices.Equal(months, ends[1:]) {
			t.Fatalf("after a rejected replacement: months %v, %v; want %v", months, err, ends[1:])
		}
		if err := s.ReplaceSnapshots(ctx, eid, nil); err != nil {
			t.Fatal(err)
		}
		if months, err := s.SnapshotMonths(ctx, eid); err != nil || len(months) != 0 {
			t.Fatalf("after replacing with nothing: months %v, %v", months, err)
		}
	})
}
