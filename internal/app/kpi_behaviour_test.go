package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// dunLevel writes a dunning run of the entity on the date in which each
// named invoice reaches the level (one action per customer), finished as
// status says.
func dunLevel(t *testing.T, st *store.Store, entityID int64, date string, status string, level int, numbers ...string) int64 {
	t.Helper()
	ctx := context.Background()
	run, _, err := st.StartRun(ctx, entityID, ledger.MustDate(date), store.RunRunning, "test")
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]store.InvoiceKey
	if err := st.Tx(ctx, func(tx *store.Tx) error {
		keys, err = tx.InvoiceKeys(entityID, numbers)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	byCustomer := map[int64]*dunning.Action{}
	var ws []store.ActionWrite
	for _, n := range numbers {
		k, ok := keys[n]
		if !ok {
			t.Fatalf("no invoice %s", n)
		}
		a := byCustomer[k.CustomerID]
		if a == nil {
			a = &dunning.Action{CustomerID: k.CustomerID, Level: level, LevelName: "level", Channels: []string{dunning.Letter}, Currency: k.Currency}
			byCustomer[k.CustomerID] = a
		}
		a.Items = append(a.Items, dunning.ActionItem{InvoiceID: k.ID, Number: n, Amount: k.OpenAmount})
		a.Total += k.OpenAmount
	}
	for _, a := range byCustomer {
		ws = append(ws, store.ActionWrite{RunID: run.ID, EntityID: entityID, Date: run.Date, Action: *a})
	}
	if _, err := st.WriteActions(ctx, ws); err != nil {
		t.Fatal(err)
	}
	run.Status = status
	if err := st.FinishRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	return run.ID
}

// openClosedDispute writes a dispute on the invoice opened on one day and,
// unless closed is "", rejected on another.
func openClosedDispute(t *testing.T, st *store.Store, entityID int64, number, opened, closed string) {
	t.Helper()
	if err := st.Tx(context.Background(), func(tx *store.Tx) error {
		keys, err := tx.InvoiceKeys(entityID, []string{number})
		if err != nil {
			return err
		}
		k := keys[number]
		id, err := tx.InsertDispute(store.Dispute{EntityID: entityID, CustomerID: k.CustomerID, Reason: "wrong_price", Currency: k.Currency,
			Amount: 1000, Status: disputes.Open, Priority: disputes.Normal, Queue: disputes.DefaultQueue, Opened: ledger.MustDate(opened),
			Due: ledger.MustDate(opened).AddDays(10), Source: "manual", Items: []store.DisputeItem{{InvoiceID: k.ID, Amount: 1000}}})
		if err != nil || closed == "" {
			return err
		}
		_, err = tx.CloseDispute(id, disputes.Open, store.ResolveRejected, 0, ledger.MustDate(closed), "")
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// TestKPIBehaviourWorkedExample: the dunning effectiveness and dispute
// resolution times of docs/kpi.md's second worked example, as of
// 2026-03-31 (window 01-01..03-31; levels reached 01-01..03-17 count, their
// 14 days having passed), in EUR with 1 USD = 0.90 EUR:
//
//	level 1  A1 01-10 1000.00, 400 paid 01-15          collected  400.00
//	         A2 01-24  500.00, 200 paid 02-07 (day 14)  collected  200.00
//	         A3 02-14 2000.00, paid 02-20              collected 2000.00 (in full)
//	         A4 02-20 USD 1000 = 900.00, USD 500 03-01  collected  450.00
//	         A5 03-10  800.00, unpaid                   collected    0.00
//	         = 3050.00 of 5200.00: 58.65%
//	level 2  A1 01-31  600.00, paid 02-10              collected  600.00 (in full)
//	         A2 02-14  300.00, paid 03-20 (day 34)      collected    0.00
//	         = 600.00 of 900.00: 66.67%
//
// not counted: A6 reached level 1 on 03-20 (its 14 days end after 03-31),
// A7 on 03-05 in a run awaiting approval (until it is approved).
// Disputes closed in the window after 20 (12-20..01-09), 10 and 30 days:
// average 20.00, P90 (rank ⌈0.9 × 3⌉ = 3) 30.00; open at 03-31: one closed
// only on 04-10 and one still open; one closed in December is not counted.
func TestKPIBehaviourWorkedExample(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := app.New(st, nil, func() time.Time { return time.Date(2026, 4, 30, 9, 0, 0, 0, time.UTC) })
		mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,Groothandel B.V.,EUR\n")
		mustImport(t, svc, csvfmt.Customers, "entity,number,name\nNL01,K1,Bakkerij Jansen\nNL01,K2,Garage Smit\n")
		mustImport(t, svc, csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
			"NL01,K1,A1,2025-12-01,2025-12-31,EUR,1000.00\n"+
			"NL01,K1,A2,2025-12-15,2026-01-14,EUR,500.00\n"+
			"NL01,K2,A3,2026-01-05,2026-02-04,EUR,2000.00\n"+
			"NL01,K2,A4,2026-01-10,2026-02-09,USD,1000.00\n"+
			"NL01,K2,A5,2026-02-01,2026-03-03,EUR,800.00\n"+
			"NL01,K1,A6,2026-02-15,2026-03-01,EUR,300.00\n"+
			"NL01,K2,A7,2026-01-20,2026-02-19,EUR,700.00\n")
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,customer_number,invoice_number,allocated\n"+
			"NL01,P1,2026-01-15,EUR,400.00,K1,A1,400.00\n"+
			"NL01,P2,2026-02-07,EUR,200.00,K1,A2,200.00\n"+
			"NL01,P3,2026-02-10,EUR,600.00,K1,A1,600.00\n"+
			"NL01,P4,2026-02-20,EUR,2000.00,K2,A3,2000.00\n"+
			"NL01,P5,2026-03-01,USD,500.00,K2,A4,500.00\n"+
			"NL01,P6,2026-03-20,EUR,300.00,K1,A2,300.00\n")
		if _, err := svc.ImportRates(ctx, app.System, strings.NewReader("date,from,to,rate\n2026-01-01,USD,EUR,0.90\n"), "rates.csv"); err != nil {
			t.Fatal(err)
		}
		e, err := st.EntityByCode(ctx, "NL01")
		if err != nil {
			t.Fatal(err)
		}
		dunLevel(t, st, e.ID, "2026-01-10", store.RunDone, 1, "A1")
		dunLevel(t, st, e.ID, "2026-01-24", store.RunDone, 1, "A2")
		dunLevel(t, st, e.ID, "2026-01-31", store.RunDone, 2, "A1")
		dunLevel(t, st, e.ID, "2026-02-14", store.RunDone, 2, "A2")
		dunLevel(t, st, e.ID, "2026-02-14", store.RunDone, 1, "A3") // the same run: StartRun finds it
		dunLevel(t, st, e.ID, "2026-02-20", store.RunDone, 1, "A4")
		waiting := dunLevel(t, st, e.ID, "2026-03-05", store.RunAwaitingApproval, 1, "A7")
		dunLevel(t, st, e.ID, "2026-03-10", store.RunDone, 1, "A5")
		dunLevel(t, st, e.ID, "2026-03-20", store.RunDone, 1, "A6")
		openClosedDispute(t, st, e.ID, "A1", "2025-11-01", "2025-12-15")
		openClosedDispute(t, st, e.ID, "A1", "2025-12-20", "2026-01-09")
		openClosedDispute(t, st, e.ID, "A2", "2026-01-05", "2026-01-15")
		openClosedDispute(t, st, e.ID, "A3", "2026-02-01", "2026-03-03")
		openClosedDispute(t, st, e.ID, "A5", "2026-03-01", "2026-04-10")
		openClosedDispute(t, st, e.ID, "A6", "2026-03-15", "")

		r := kpiOf(t, svc, app.System, "NL01", "2026-03-31", "")
		if r.Dunning.Within != 14 || r.Dunning.Reached != (kpi.Period{From: ledger.MustDate("2026-01-01"), To: ledger.MustDate("2026-03-17")}) {
			t.Errorf("dunning: within %d, reached %s", r.Dunning.Within, r.Dunning.Reached)
		}
		want := []kpi.DunningLevel{
			{Level: 1, Items: 5, Dunned: 520000, Collected: 305000, PaidInFull: 1, OK: true, Share: 5865},
			{Level: 2, Items: 2, Dunned: 90000, Collected: 60000, PaidInFull: 1, OK: true, Share: 6667},
		}
		if len(r.Dunning.Levels) != len(want) {
			t.Fatalf("dunning levels %+v, want %+v", r.Dunning.Levels, want)
		}
		for k := range want {
			if r.Dunning.Levels[k] != want[k] {
				t.Errorf("level %d: %+v, want %+v", want[k].Level, r.Dunning.Levels[k], want[k])
			}
		}
		if d := r.Disputes; d != (kpi.DisputeStats{Resolved: 3, Open: 2, OK: true, Average: 2000, P90: 3000}) {
			t.Errorf("disputes: %+v, want 3 resolved (average 20.00, P90 30.00), 2 open", d)
		}
		if strings.Join(r.Converted, ",") != "USD" {
			t.Errorf("converted %v, want USD", r.Converted)
		}

		// The run awaiting approval is approved: A7 (700.00, unpaid) now
		// counts at level 1, and the figures kept are not stale.
		if err := st.ApproveRun(ctx, waiting, "max"); err != nil {
			t.Fatal(err)
		}
		l1 := kpiOf(t, svc, app.System, "NL01", "2026-03-31", "").Dunning.Levels[0]
		if l1.Items != 6 || l1.Dunned != 590000 || l1.Collected != 305000 || l1.Share != 5169 {
			t.Errorf("level 1 after approval: %+v, want 6 items, 3050.00 of 5900.00 = 51.69%%", l1)
		}

		// As of 02-28 (window 12-01..02-28): levels reached up to 02-14;
		// closed in the window after 44 (11-01..12-15), 20 and 10 days:
		// average 24.67, P90 44.00; A3's dispute was open then (closed 03-03).
		feb := kpiOf(t, svc, app.System, "NL01", "2026-02-28", "")
		if lv := feb.Dunning.Levels; len(lv) != 2 || lv[0].Items != 3 || lv[0].Collected != 260000 || lv[1].Items != 2 {
			t.Errorf("as of 02-28: %+v", lv)
		}
		if d := feb.Disputes; d.Resolved != 3 || d.Open != 1 || d.Average != 2467 || d.P90 != 4400 {
			t.Errorf("disputes as of 02-28: %+v", d)
		}
	})
}
