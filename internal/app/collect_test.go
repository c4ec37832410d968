package app_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/collect"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// collectLedger is dunningLedger with the service's clock on 2026-10-05.
func collectLedger(t *testing.T, st *store.Store) (*app.Service, map[string]int64, map[string]int64) {
	t.Helper()
	svc := app.New(st, nil, func() time.Time { return time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC) })
	dunningLedger(t, svc)
	eid := entityID(t, st, "NL01")
	customers := map[string]int64{}
	for _, n := range []string{"K1", "K2", "K3"} {
		c, err := st.CustomerByNumber(context.Background(), ledger.Scope{All: true}, eid, n)
		if err != nil {
			t.Fatal(err)
		}
		customers[n] = c.ID
	}
	invoices := map[string]int64{}
	for n, inv := range invoicesByNumber(t, svc) {
		invoices[n] = inv.ID
	}
	return svc, customers, invoices
}

func evaluate(t *testing.T, svc *app.Service, date string) app.Evaluation {
	t.Helper()
	ev, err := svc.EvaluateCommitments(context.Background(), app.System, "NL01", ledger.MustDate(date))
	if err != nil {
		t.Fatalf("evaluate %s: %v", date, err)
	}
	return ev
}

// countActivities counts a customer's log entries of a kind and outcome.
func countActivities(t *testing.T, svc *app.Service, customerID int64, kind, outcome string) int {
	t.Helper()
	as, err := svc.Activities(context.Background(), app.System, customerID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range as {
		if a.Kind == kind && a.Outcome == outcome {
			n++
		}
	}
	return n
}

func TestPromiseKeptByImportedPayment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, inv := collectLedger(t, st)
		id, err := svc.RecordPromise(ctx, app.System, collect.Promise{CustomerID: cs["K1"], Due: ledger.MustDate("2026-10-15"),
			GraceDays: 3, Amount: 1000_00, Items: []int64{inv["F-1"]}})
		if err != nil {
			t.Fatal(err)
		}
		if ev := evaluate(t, svc, "2026-10-12"); ev.OpenPromises != 1 || ev.Kept != 0 {
			t.Fatalf("before the payment: %+v", ev)
		}
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,invoice_number,allocated\nNL01,P1,2026-10-14,EUR,1000.00,F-1,1000.00\n")
		for i, want := range []int{1, 0} { // evaluating twice changes nothing
			if ev := evaluate(t, svc, "2026-10-16"); ev.Kept != want || ev.OpenPromises != 0 {
				t.Fatalf("evaluation %d: %+v", i+1, ev)
			}
		}
		ps, err := svc.Promises(ctx, app.System, cs["K1"])
		if err != nil || len(ps) != 1 || ps[0].ID != id || ps[0].Status != collect.PromiseKept || ps[0].Controller != "system" {
			t.Fatalf("promises %+v %v", ps, err)
		}
		if n := countActivities(t, svc, cs["K1"], store.ActPromise, "kept"); n != 1 {
			t.Errorf("%d 'kept' entries, want 1", n)
		}
		if n := countActivities(t, svc, cs["K1"], store.ActPromise, "made"); n != 1 {
			t.Errorf("%d 'made' entries, want 1", n)
		}
	})
}

func TestBrokenPromiseResumesDunning(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, inv := collectLedger(t, st)
		if _, err := svc.RecordPromise(ctx, app.System, collect.Promise{CustomerID: cs["K1"], Due: ledger.MustDate("2026-10-08"),
			GraceDays: 2, Amount: 1000_00, Items: []int64{inv["F-1"]}}); err != nil {
			t.Fatal(err)
		}
		// a general promise of K2 holds the whole account up to its deadline
		if _, err := svc.RecordPromise(ctx, app.System, collect.Promise{CustomerID: cs["K2"], Due: ledger.MustDate("2026-10-09"),
			GraceDays: 1, Amount: 400_00}); err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(planned(run(t, svc, "2026-10-09", false))); got != "[K3:Friendly reminder:F-4]" {
			t.Fatalf("under the promises: %s", got)
		}
		ev := evaluate(t, svc, "2026-10-11")
		if ev.Broken != 2 || evaluate(t, svc, "2026-10-11").Broken != 0 {
			t.Fatalf("evaluation %+v", ev)
		}
		if n := countActivities(t, svc, cs["K1"], store.ActPromise, "broken"); n != 1 {
			t.Errorf("%d 'broken' entries, want 1", n)
		}
		got := fmt.Sprint(planned(run(t, svc, "2026-10-11", false)))
		if got != "[K1:Friendly reminder:F-1 K2:Friendly reminder:F-3]" {
			t.Fatalf("after the broken promises: %s", got)
		}
	})
}

func TestPlanHoldsItemsUntilBroken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, inv := collectLedger(t, st)
		id, err := svc.AgreePlan(ctx, app.System, app.PlanRequest{CustomerID: cs["K1"], Total: ledger.EUR(1000_00),
			Start: ledger.MustDate("2026-10-15"), Instalments: 4, Every: collect.Monthly, GraceDays: 5,
			Options: collect.PlanOptions{Items: []int64{inv["F-1"]}}})
		if err != nil {
			t.Fatal(err)
		}
		// the confirmation waits in the outbox, in the customer's language
		ms := messages(t, st, store.MessageFilter{CustomerID: cs["K1"]})
		if len(ms) != 1 || ms[0].Template != "plan_confirmation" || ms[0].Language != "nl" || ms[0].Channel != "email" ||
			ms[0].Status != store.MsgPending || !strings.Contains(ms[0].Subject, "betalingsregeling") || !strings.Contains(ms[0].BodyText, "F-1") {
			t.Fatalf("confirmation %+v", ms)
		}
		if _, err := svc.RecordPromise(ctx, app.System, collect.Promise{CustomerID: cs["K2"], Due: ledger.MustDate("2026-10-25"),
			GraceDays: 5, Amount: 400_00, Items: []int64{inv["F-3"]}}); err != nil {
			t.Fatal(err)
		}
		// the first instalment is paid on time
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,invoice_number,allocated\nNL01,P1,2026-10-15,EUR,250.00,F-1,250.00\n")
		if ev := evaluate(t, svc, "2026-10-27"); ev.ActivePlans != 1 || ev.PlansBroken != 0 {
			t.Fatalf("evaluation %+v", ev)
		}
		// F-1 (plan) and F-3 (promise) are held; K1's other item is chased
		if got := fmt.Sprint(planned(run(t, svc, "2026-10-27", false))); got != "[K1:Friendly reminder:F-2 K3:Second reminder:F-4]" {
			t.Fatalf("under the plan: %s", got)
		}
		// the second instalment (15 Nov, 5 days' grace) is missed: the plan breaks
		for i, want := range []int{1, 0} {
			if ev := evaluate(t, svc, "2026-11-21"); ev.PlansBroken != want {
				t.Fatalf("evaluation %d: %+v", i+1, ev)
			}
		}
		plans, err := svc.Plans(ctx, app.System, cs["K1"])
		if err != nil || len(plans) != 1 || plans[0].ID != id || plans[0].Status != store.PlanBroken || len(plans[0].Instalments) != 4 {
			t.Fatalf("plans %+v %v", plans, err)
		}
		if n := countActivities(t, svc, cs["K1"], store.ActPlan, "instalment_missed"); n != 1 {
			t.Errorf("%d 'instalment_missed' entries, want 1", n)
		}
		if got := fmt.Sprint(planned(run(t, svc, "2026-11-21", true))); !strings.Contains(got, ":F-1") {
			t.Errorf("after the broken plan F-1 is not chased: %s", got)
		}
	})
}

func TestCollectAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, _ := collectLedger(t, st)
		mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL02,Andere B.V.,EUR\n")
		nl01, nl02 := entityID(t, st, "NL01"), entityID(t, st, "NL02")
		p := collect.Promise{CustomerID: cs["K1"], Due: ledger.MustDate("2026-10-15"), Amount: 100_00}

		viewer := ledger.User{Username: "vera", Role: ledger.RoleViewer, EntityIDs: []int64{nl01}}
		if _, err := svc.RecordPromise(ctx, viewer, p); !errors.Is(err, ledger.ErrForbidden) {
			t.Errorf("viewer records a promise: %v", err)
		}
		if _, err := svc.Promises(ctx, viewer, cs["K1"]); err != nil {
			t.Errorf("viewer reads promises: %v", err)
		}
		other := ledger.User{Username: "otto", Role: ledger.RoleController, EntityIDs: []int64{nl02}}
		if _, err := svc.RecordPromise(ctx, other, p); !errors.Is(err, ledger.ErrNotFound) {
			t.Errorf("controller of another entity records a promise: %v", err)
		}
		if _, err := svc.Activities(ctx, other, cs["K1"], 0, 10); !errors.Is(err, ledger.ErrNotFound) {
			t.Errorf("controller of another entity reads the log: %v", err)
		}
		if _, err := svc.EvaluateCommitments(ctx, other, "NL01", ledger.Date{}); !errors.Is(err, ledger.ErrNotFound) {
			t.Errorf("controller of another entity evaluates: %v", err)
		}
		ctl := ledger.User{Username: "carla", Role: ledger.RoleController, EntityIDs: []int64{nl01}}
		if _, err := svc.LogActivity(ctx, ctl, app.NewActivity{CustomerID: cs["K1"], Kind: store.ActCall, Outcome: "voicemail"}); err != nil {
			t.Fatal(err)
		}
		first, err := svc.LogActivity(ctx, ctl, app.NewActivity{CustomerID: cs["K1"], Kind: store.ActNote, Note: "pays on Friday"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.LogActivity(ctx, ctl, app.NewActivity{CustomerID: cs["K1"], Kind: store.ActNote, Note: "pays on Thursday",
			Corrects: first}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.LogActivity(ctx, ctl, app.NewActivity{CustomerID: cs["K2"], Kind: store.ActNote, Note: "x",
			Corrects: first}); !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("correcting another customer's entry: %v", err)
		}
		if err := svc.Snooze(ctx, ctl, cs["K1"], ledger.MustDate("2026-10-07"), "on holiday"); err != nil {
			t.Fatal(err)
		}
		if d, err := st.SnoozedUntil(ctx, viewer.Scope(), cs["K1"]); err != nil || d != ledger.MustDate("2026-10-07") {
			t.Errorf("snoozed until %s %v", d, err)
		}
		as, err := svc.Activities(ctx, viewer, cs["K1"], 0, 2)
		if err != nil || len(as) != 2 || as[0].Kind != store.ActSnooze || as[1].Corrects != first {
			t.Errorf("log newest first, paged: %+v %v", as, err)
		}
	})
}

// A plan agreed with "straight to the final level" sends its items to the
// scheme's final notice the day it breaks, not back to where they were.
func TestBrokenPlanEscalatesToFinalLevel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, inv := collectLedger(t, st)
		if _, err := svc.AgreePlan(ctx, app.System, app.PlanRequest{CustomerID: cs["K1"], Total: ledger.EUR(1000_00),
			Start: ledger.MustDate("2026-10-15"), Instalments: 4, Every: collect.Monthly, GraceDays: 5,
			Options: collect.PlanOptions{Items: []int64{inv["F-1"]}, OnBreak: collect.FinalLevel}}); err != nil {
			t.Fatal(err)
		}
		// nothing is paid: the first instalment's grace ends on 20 October
		if ev := evaluate(t, svc, "2026-10-21"); ev.PlansBroken != 1 {
			t.Fatalf("evaluation %+v", ev)
		}
		// F-1 is 20 days overdue: without the plan it would get the second reminder
		got := fmt.Sprint(planned(run(t, svc, "2026-10-21", false)))
		if !strings.Contains(got, "K1:Final notice:F-1") {
			t.Fatalf("after the broken plan F-1 is not at the final notice: %s", got)
		}
		// once there, it is not sent again
		if got := fmt.Sprint(planned(run(t, svc, "2026-10-28", true))); strings.Contains(got, "F-1") {
			t.Errorf("F-1 escalated twice: %s", got)
		}
	})
}

// TestPauseDunningLogged: pausing and resuming a customer's dunning each
// leave an entry in the customer's activity log, with who, until when and
// why; a pause without a reason is refused and logs nothing.
func TestPauseDunningLogged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc, customers, _ := collectLedger(t, st)
		ctx := context.Background()
		anna := ledger.User{Username: "anna", Role: ledger.RoleController, AllEntities: true}
		k1 := customers["K1"]
		if err := svc.PauseDunning(ctx, anna, k1, ledger.MustDate("2026-10-20"), ""); !errors.Is(err, ledger.ErrInvalid) {
			t.Fatalf("a pause without a reason: %v", err)
		}
		if err := svc.PauseDunning(ctx, anna, k1, ledger.MustDate("2026-10-20"), "disputed delivery"); err != nil {
			t.Fatal(err)
		}
		if err := svc.PauseDunning(ctx, anna, k1, ledger.Date{}, ""); err != nil {
			t.Fatal(err)
		}
		as, err := svc.Activities(ctx, app.System, k1, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range as {
			if a.Kind == store.ActPause || a.Kind == store.ActResume {
				got = append(got, a.Kind+" by "+a.User+": "+a.Note)
			}
		}
		want := []string{"resume by anna: ", "pause by anna: 2026-10-20: disputed delivery"} // newest first
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("activity log: %q, want %q", got, want)
		}
	})
}
