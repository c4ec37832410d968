package app_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/collect"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// worklistLedger is a wholesaler on 2026-12-01 with four customers: K1 owes
// EUR 12,000 for 60 days, K2 EUR 300 for 10 days, K3 EUR 5,000 for 40 days,
// K4 EUR 2,000 not due yet. Users anna and bram are controllers.
func worklistLedger(t *testing.T, st *store.Store, clock *time.Time) (*app.Service, map[string]int64, map[string]int64) {
	t.Helper()
	svc := app.New(st, nil, func() time.Time { return *clock })
	mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,Groothandel B.V.,EUR\n")
	mustImport(t, svc, csvfmt.Customers, "entity,number,name,kind,email,language,segment,region,controller\n"+
		"NL01,K1,Bakkerij Jansen,b2b,a@example.com,nl,retail,north,\n"+
		"NL01,K2,Slagerij Vos,b2b,b@example.com,nl,retail,south,\n"+
		"NL01,K3,Garage Smit,b2b,c@example.com,nl,automotive,north,\n"+
		"NL01,K4,Hotel Zon,b2b,d@example.com,nl,hospitality,south,erik\n")
	mustImport(t, svc, csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
		"NL01,K1,F-1,2026-09-01,2026-10-02,EUR,12000.00\n"+
		"NL01,K2,F-2,2026-10-21,2026-11-21,EUR,300.00\n"+
		"NL01,K3,F-3,2026-09-21,2026-10-22,EUR,5000.00\n"+
		"NL01,K4,F-4,2026-11-20,2026-12-20,EUR,2000.00\n")
	for _, n := range []string{"anna", "bram", "erik"} {
		if _, err := svc.SaveUser(context.Background(), app.System, app.NewUser{Username: n, Role: ledger.RoleController,
			Password: "a long password", AllEntities: true}, cheap); err != nil {
			t.Fatal(err)
		}
	}
	eid := entityID(t, st, "NL01")
	cs := map[string]int64{}
	for _, n := range []string{"K1", "K2", "K3", "K4"} {
		c, err := st.CustomerByNumber(context.Background(), ledger.Scope{All: true}, eid, n)
		if err != nil {
			t.Fatal(err)
		}
		cs[n] = c.ID
	}
	invs := map[string]int64{}
	for n, inv := range invoicesByNumber(t, svc) {
		invs[n] = inv.ID
	}
	return svc, cs, invs
}

// listed returns the customer numbers on a worklist page, in order.
func listed(t *testing.T, svc *app.Service, q app.WorklistQuery) []string {
	t.Helper()
	es, total, err := svc.Worklist(context.Background(), app.System, q)
	if err != nil {
		t.Fatal(err)
	}
	if total != len(es) {
		t.Fatalf("total %d for %d rows", total, len(es))
	}
	var out []string
	for _, e := range es {
		out = append(out, e.CustomerNumber)
	}
	return out
}

func refresh(t *testing.T, svc *app.Service, day string) app.WorklistReport {
	t.Helper()
	rep, err := svc.RefreshWorklist(context.Background(), app.System, "NL01", ledger.MustDate(day))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestWorklistOrderAndExplanation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		clock := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		svc, cs, _ := worklistLedger(t, st, &clock)
		if d, err := svc.WorklistMadeOn(context.Background(), app.System, "NL01"); err != nil || !d.IsZero() {
			t.Fatalf("made on %v before any refresh (%v)", d, err)
		}
		rep := refresh(t, svc, "2026-12-01")
		if d, err := svc.WorklistMadeOn(context.Background(), app.System, ""); err != nil || d.String() != "2026-12-01" {
			t.Errorf("made on %v after the refresh (%v)", d, err)
		}
		if rep.Customers != 4 {
			t.Errorf("refresh %+v, want 4 customers with something open", rep)
		}
		// K1 (12,000 for 60 days) before K3 (5,000 for 40); K2's 300 for 10
		// days stays with the dunning run; K4 owes nothing yet
		if got := listed(t, svc, app.WorklistQuery{}); !slices.Equal(got, []string{"K1", "K3"}) {
			t.Fatalf("worklist %v, want [K1 K3]", got)
		}
		e, err := svc.WorklistEntryOf(context.Background(), app.System, cs["K1"])
		if err != nil {
			t.Fatal(err)
		}
		sum := 0
		for _, f := range e.Factors {
			sum += f.Points
		}
		if sum != e.Score || e.Overdue != 12000_00 || e.OldestDays != 60 || !slices.Contains(e.Reasons, collect.ReasonLargeAmount) ||
			!slices.Contains(e.Reasons, collect.ReasonLongOverdue) {
			t.Errorf("K1's entry %+v: the factors' points add up to %d", e, sum)
		}
		if _, err := svc.WorklistEntryOf(context.Background(), ledger.User{Username: "x", Role: ledger.RoleViewer}, cs["K1"]); !errors.Is(err, ledger.ErrNotFound) {
			t.Errorf("another entity's user sees K1's entry: %v", err)
		}
	})
}

// A broken promise puts the customer at the top; a call takes it off
// today's list (and closes nothing it should not); a snooze keeps it off.
func TestWorklistBrokenPromiseCallAndSnooze(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
		svc, cs, invs := worklistLedger(t, st, &clock)
		if _, err := svc.RecordPromise(ctx, app.System, collect.Promise{CustomerID: cs["K2"], Due: ledger.MustDate("2026-11-25"),
			Amount: 300_00, Items: []int64{invs["F-2"]}}); err != nil {
			t.Fatal(err)
		}
		clock = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		if ev := evaluate(t, svc, "2026-12-01"); ev.Broken != 1 {
			t.Fatalf("evaluation %+v", ev)
		}
		refresh(t, svc, "2026-12-01")
		if got := listed(t, svc, app.WorklistQuery{}); len(got) != 3 || got[0] != "K2" {
			t.Fatalf("worklist %v, want K2 (broken promise on EUR 300) first", got)
		}
		if got := listed(t, svc, app.WorklistQuery{Reason: collect.ReasonBroken}); !slices.Equal(got, []string{"K2"}) {
			t.Errorf("by reason 'promise broken': %v", got)
		}
		// the controller calls K2: off today's list, listed as done
		if _, err := svc.LogActivity(ctx, app.System, app.NewActivity{CustomerID: cs["K2"], Kind: store.ActCall, Outcome: "reached",
			Note: "pays Friday"}); err != nil {
			t.Fatal(err)
		}
		if got := listed(t, svc, app.WorklistQuery{}); !slices.Equal(got, []string{"K1", "K3"}) {
			t.Errorf("after the call: %v, want [K1 K3]", got)
		}
		if got := listed(t, svc, app.WorklistQuery{Done: true}); !slices.Equal(got, []string{"K2"}) {
			t.Errorf("done today: %v, want [K2]", got)
		}
		// the nightly refresh of the same day keeps it done
		refresh(t, svc, "2026-12-01")
		if got := listed(t, svc, app.WorklistQuery{}); slices.Contains(got, "K2") {
			t.Errorf("K2 back on the list after a refresh the same day: %v", got)
		}
		// snoozed until the 3rd: off the list on the 2nd and 3rd, back on the 4th
		if err := svc.Snooze(ctx, app.System, cs["K1"], ledger.MustDate("2026-12-03"), "director on holiday"); err != nil {
			t.Fatal(err)
		}
		if got := listed(t, svc, app.WorklistQuery{}); slices.Contains(got, "K1") {
			t.Errorf("K1 snoozed but listed: %v", got)
		}
		clock = time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
		refresh(t, svc, "2026-12-04")
		if got := listed(t, svc, app.WorklistQuery{}); !slices.Contains(got, "K1") || !slices.Contains(got, "K2") {
			t.Errorf("on the 4th: %v, want K1 and K2 back", got)
		}
	})
}

// An instalment due and unpaid puts the customer on the list while the
// plan's grace runs (before the plan breaks and dunning takes over).
func TestWorklistInstalmentDue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
		svc, cs, invs := worklistLedger(t, st, &clock)
		if _, err := svc.AgreePlan(ctx, app.System, app.PlanRequest{CustomerID: cs["K2"], Total: ledger.EUR(300_00),
			Start: ledger.MustDate("2026-11-25"), Instalments: 3, Every: collect.Monthly, GraceDays: 10,
			Options: collect.PlanOptions{Items: []int64{invs["F-2"]}}}); err != nil {
			t.Fatal(err)
		}
		clock = time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
		refresh(t, svc, "2026-11-24")
		if got := listed(t, svc, app.WorklistQuery{Reason: collect.ReasonInstalment}); len(got) != 0 {
			t.Fatalf("before the first instalment is due: %v", got)
		}
		clock = time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)
		refresh(t, svc, "2026-11-28")
		if got := listed(t, svc, app.WorklistQuery{Reason: collect.ReasonInstalment}); !slices.Equal(got, []string{"K2"}) {
			t.Fatalf("three days after the first instalment's date: %v, want [K2]", got)
		}
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,invoice_number,allocated\n"+
			"NL01,P1,2026-11-28,EUR,100.00,F-2,100.00\n")
		refresh(t, svc, "2026-11-28")
		if got := listed(t, svc, app.WorklistQuery{Reason: collect.ReasonInstalment}); len(got) != 0 {
			t.Errorf("after the instalment was paid: %v", got)
		}
	})
}

// Rules assign who has no controller from the ERP; a manager's
// reassignment sticks; the payment feed shows a controller's payments.
func TestWorklistAssignment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		svc, cs, _ := worklistLedger(t, st, &clock)
		manager := ledger.User{Username: "mia", Role: ledger.RoleManager, AllEntities: true}
		controller := ledger.User{Username: "anna", Role: ledger.RoleController, AllEntities: true}
		if err := svc.SaveAssignmentRules(ctx, controller, []store.AssignmentRule{{Controller: "anna"}}); !errors.Is(err, ledger.ErrForbidden) {
			t.Errorf("a controller changed the rules: %v", err)
		}
		if err := svc.SaveAssignmentRules(ctx, manager, []store.AssignmentRule{{Controller: "nobody"}}); !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("a rule for an unknown user: %v", err)
		}
		rules := []store.AssignmentRule{
			{EntityCode: "NL01", Segment: "retail", MinOpen: 1000_00, Controller: "bram"}, // large retail
			{Region: "north", Controller: "anna"},
			{Segment: "retail", Controller: "anna"},
			{Controller: "bram"}, // everything else
		}
		if err := svc.SaveAssignmentRules(ctx, manager, rules); err != nil {
			t.Fatal(err)
		}
		if rep := refresh(t, svc, "2026-12-01"); rep.Assigned != 3 {
			t.Errorf("refresh %+v, want 3 assigned (K4 has the ERP's controller)", rep)
		}
		want := map[string]string{"K1": "bram", "K2": "anna", "K3": "anna", "K4": "erik"}
		for n, id := range cs {
			c, err := svc.Customer(ctx, app.System, id)
			if err != nil || c.Controller != want[n] {
				t.Errorf("%s: controller %q, want %q (%v)", n, c.Controller, want[n], err)
			}
		}
		if got := listed(t, svc, app.WorklistQuery{Controller: "anna"}); !slices.Equal(got, []string{"K3"}) {
			t.Errorf("anna's list %v, want [K3]", got)
		}
		// the manager moves K3 to bram; the rules no longer move it
		if _, err := svc.Reassign(ctx, controller, []int64{cs["K3"]}, "bram"); !errors.Is(err, ledger.ErrForbidden) {
			t.Errorf("a controller reassigned: %v", err)
		}
		if n, err := svc.Reassign(ctx, manager, []int64{cs["K3"], cs["K1"]}, "bram"); err != nil || n != 1 {
			t.Fatalf("reassign: %d, %v", n, err)
		}
		refresh(t, svc, "2026-12-01")
		if got := listed(t, svc, app.WorklistQuery{Controller: "bram"}); !slices.Equal(got, []string{"K1", "K3"}) {
			t.Errorf("bram's list %v, want [K1 K3]", got)
		}
		if n := countActivities(t, svc, cs["K3"], store.ActReassign, "bram"); n != 1 {
			t.Errorf("%d reassignment entries, want 1", n)
		}
		// a partial payment on K3 shows in bram's feed, not anna's
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,invoice_number,allocated\n"+
			"NL01,P1,2026-12-01,EUR,2000.00,F-3,2000.00\n")
		feed, err := svc.PaymentFeed(ctx, app.System, "NL01", "bram", 7, 50)
		if err != nil || len(feed) != 1 || feed[0].CustomerNumber != "K3" || feed[0].Allocated != 2000_00 ||
			feed[0].StillOpen != 3000_00 || feed[0].Invoices != "F-3" {
			t.Errorf("bram's feed %+v, %v", feed, err)
		}
		if feed, _ := svc.PaymentFeed(ctx, app.System, "NL01", "anna", 7, 50); len(feed) != 0 {
			t.Errorf("anna's feed %+v", feed)
		}
	})
}

// A dispute counts in the KPI's disputed amount from the day it was opened,
// and not as of the day before (the figures read the disputes' history).
func TestDisputeInKPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		svc, cs, invs := worklistLedger(t, st, &clock)
		if _, err := svc.OpenDispute(ctx, app.System, app.NewDispute{CustomerID: cs["K3"], Reason: "wrong_price",
			Invoices: []app.DisputedInvoice{{InvoiceID: invs["F-3"], Amount: 1200_00}}}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			day  string
			want int64
		}{{"2026-11-30", 0}, {"2026-12-01", 1200_00}} {
			reps, err := svc.KPI(ctx, app.System, app.KPIRequest{Entity: "NL01", AsOf: ledger.MustDate(c.day)})
			if err != nil || len(reps) != 1 {
				t.Fatalf("kpi %s: %v", c.day, err)
			}
			if got := reps[0].Total.Aging.Disputed.Amount; got != c.want {
				t.Errorf("disputed as of %s: %d, want %d", c.day, got, c.want)
			}
		}
		// the worklist counts the dispute and does not chase its amount
		refresh(t, svc, "2026-12-01")
		e, err := svc.WorklistEntryOf(ctx, app.System, cs["K3"])
		if err != nil || e.Overdue != 3800_00 || !slices.Contains(e.Reasons, collect.ReasonDispute) {
			t.Errorf("K3 on the worklist: %+v, %v", e, err)
		}
	})
}

// The customer page's view: what was paid per month and how late,
// amount-weighted, early payments counting as on time; a plan with its
// progress; the worklist entry.
func TestCustomerWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		svc, cs, _ := worklistLedger(t, st, &clock)
		mustImport(t, svc, csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
			"NL01,K1,F-5,2026-10-10,2026-11-10,EUR,1000.00\n")
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,invoice_number,allocated\n"+
			"NL01,P1,2026-10-12,EUR,6000.00,F-1,6000.00\n"+ // 10 days late
			"NL01,P2,2026-11-01,EUR,6000.00,F-1,6000.00\n"+ // 30 days late
			"NL01,P3,2026-11-05,EUR,1000.00,F-5,1000.00\n") // 5 days early: on time
		refresh(t, svc, "2026-12-01")
		w, err := svc.CustomerWork(ctx, app.System, cs["K1"], 50, 3)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range w.Behaviour {
			got = append(got, fmt.Sprintf("%s %d %d", m.Month, m.Paid, m.DaysLate))
		}
		// November: (6000 × 30 + 1000 × 0) / 7000 = 25.7 -> 26
		want := []string{"2026-10-01 600000 10", "2026-11-01 700000 26", "2026-12-01 0 0"}
		if !slices.Equal(got, want) {
			t.Errorf("behaviour %q, want %q", got, want)
		}
		if w.Entry != nil {
			t.Errorf("K1 paid everything but has a worklist entry %+v", w.Entry)
		}
		if _, err := svc.CustomerWork(ctx, ledger.User{Username: "x", Role: ledger.RoleViewer}, cs["K1"], 50, 3); !errors.Is(err, ledger.ErrNotFound) {
			t.Errorf("a user without the entity sees K1's work: %v", err)
		}
		if _, err := svc.AgreePlan(ctx, app.System, app.PlanRequest{CustomerID: cs["K3"], Total: ledger.EUR(5000_00),
			Start: ledger.MustDate("2026-12-10"), Instalments: 2, Every: collect.Monthly}); err != nil {
			t.Fatal(err)
		}
		w, err = svc.CustomerWork(ctx, app.System, cs["K3"], 50, 3)
		if err != nil || w.Entry == nil || len(w.Plans) != 1 || len(w.Plans[0].Progress.Instalments) != 2 ||
			w.Plans[0].Progress.NextDue.String() != "2026-12-10" || len(w.Activities) != 1 || w.Activities[0].Kind != store.ActPlan {
			t.Errorf("K3's work %+v, %v", w, err)
		}
	})
}
