package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// disputeUsers adds a controller (anna, in the sales queue), a credit
// manager (max, managing sales) and returns them.
func disputeUsers(t *testing.T, st *store.Store, svc *app.Service) (anna, max ledger.User) {
	t.Helper()
	ctx := context.Background()
	anna = ledger.User{Username: "anna", Name: "Anna", Email: "anna@kredo.example", Role: ledger.RoleController, Language: "nl", AllEntities: true}
	max = ledger.User{Username: "max", Name: "Max", Email: "max@kredo.example", Role: ledger.RoleManager, Language: "en", AllEntities: true}
	for _, u := range []*ledger.User{&anna, &max} {
		id, err := st.SaveUser(ctx, *u)
		if err != nil {
			t.Fatal(err)
		}
		u.ID = id
	}
	if err := svc.SaveDisputeQueue(ctx, max, store.DisputeQueue{Code: "sales", Name: "Sales", Manager: "max", Members: []string{"anna"}}); err != nil {
		t.Fatal(err)
	}
	return anna, max
}

func dispute(t *testing.T, st *store.Store, id int64) store.Dispute {
	t.Helper()
	d, err := st.Dispute(context.Background(), ledger.Scope{All: true}, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func openDispute(t *testing.T, svc *app.Service, u ledger.User, nd app.NewDispute) int64 {
	t.Helper()
	id, err := svc.OpenDispute(context.Background(), u, nd)
	if err != nil {
		t.Fatalf("open dispute: %v", err)
	}
	return id
}

// A controller disputes 400.00 of F-1 (1,000.00) for a wrong price: the
// rule for price disputes above 300.00 sends it to anna with high priority
// (the default rule would say sales); the dunning run chases the other
// 600.00 meanwhile; statuses move only along the workflow; a reassignment
// is logged and notifies the new owner.
func TestDisputeRoutedAndPartialHold(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, inv := collectLedger(t, st)
		anna, max := disputeUsers(t, st, svc)
		if _, err := svc.SaveDisputeRule(ctx, anna, disputes.Rule{Reason: "wrong_price", Queue: "sales"}); !errors.Is(err, ledger.ErrForbidden) {
			t.Errorf("a controller edits a rule: %v", err)
		}
		ruleID, err := svc.SaveDisputeRule(ctx, max, disputes.Rule{Position: -1, Reason: "wrong_price", Currency: "EUR", MinAmount: 300_00,
			Queue: "sales", Assignee: "anna", Priority: disputes.High})
		if err != nil {
			t.Fatal(err)
		}
		id := openDispute(t, svc, anna, app.NewDispute{CustomerID: cs["K1"], Reason: "wrong_price", Description: "price list of 2025 used",
			Invoices: []app.DisputedInvoice{{InvoiceID: inv["F-1"], Amount: 400_00}}})
		d := dispute(t, st, id)
		if d.Assignee != "anna" || d.Queue != "sales" || d.Priority != disputes.High || d.RuleID != ruleID || d.Amount != 400_00 ||
			d.Due.String() != "2026-10-19" || d.Status != disputes.Open {
			t.Fatalf("routed dispute: %+v", d)
		}
		small := openDispute(t, svc, anna, app.NewDispute{CustomerID: cs["K2"], Reason: "wrong_price",
			Invoices: []app.DisputedInvoice{{InvoiceID: inv["F-3"], Amount: 10_00}}})
		if d := dispute(t, st, small); d.Assignee != "" || d.Queue != "sales" || d.Priority != disputes.Normal {
			t.Errorf("small price dispute: the default rule should route it to the sales queue: %+v", d)
		}
		if c := chased(run(t, svc, "2026-10-25", true)); c["F-1"] != 600_00 || c["F-3"] != 390_00 {
			t.Errorf("chased during the disputes: %v", c)
		}
		if err := svc.SetDisputeStatus(ctx, anna, id, disputes.InProgress, "called the buyer"); err != nil {
			t.Fatal(err)
		}
		for _, to := range []disputes.Status{disputes.Open, disputes.InProgress, disputes.Resolved} {
			if err := svc.SetDisputeStatus(ctx, anna, id, to, ""); !errors.Is(err, ledger.ErrInvalid) {
				t.Errorf("in progress -> %s: %v, want refused", to, err)
			}
		}
		if err := svc.CommentDispute(ctx, anna, id, "waiting for the sales director"); err != nil {
			t.Fatal(err)
		}
		if err := svc.ReassignDispute(ctx, anna, id, app.Reassignment{Assignee: "max", Note: "above my limit"}); err != nil {
			t.Fatal(err)
		}
		dd, err := svc.Dispute(ctx, anna, id)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, e := range dd.Events {
			kinds = append(kinds, e.Kind)
		}
		if got := strings.Join(kinds, ","); got != "opened,status,comment,reassign" {
			t.Errorf("history: %s", got)
		}
		if last := dd.Events[3]; last.From != "anna (high)" || last.To != "max (high)" || last.User != "anna" {
			t.Errorf("reassignment logged as %+v", last)
		}
		ns, err := svc.Notifications(ctx, max, true)
		if err != nil || len(ns) != 1 || ns[0].Kind != store.NotifyAssigned || ns[0].DisputeID != id {
			t.Errorf("max's notifications: %+v, %v", ns, err)
		}
		viewer := ledger.User{Username: "vera", Role: ledger.RoleViewer, AllEntities: true}
		if err := svc.CommentDispute(ctx, viewer, id, "x"); !errors.Is(err, ledger.ErrForbidden) {
			t.Errorf("a viewer comments: %v", err)
		}
		other := ledger.User{Username: "otto", Role: ledger.RoleController, EntityIDs: []int64{999}}
		if _, err := svc.Dispute(ctx, other, id); !errors.Is(err, ledger.ErrNotFound) {
			t.Errorf("a user of another entity reads the dispute: %v", err)
		}
	})
}

// Every way a dispute ends, and what it leaves open and dunned.
func TestDisputeResolutions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, inv := collectLedger(t, st)
		anna, max := disputeUsers(t, st, svc)
		eid := entityID(t, st, "NL01")
		if err := svc.SetWriteOffThreshold(ctx, max, eid, 100_00); err != nil {
			t.Fatal(err)
		}
		open := func(customer string, number string, amount int64, reason string) int64 {
			return openDispute(t, svc, anna, app.NewDispute{CustomerID: cs[customer], Reason: reason,
				Invoices: []app.DisputedInvoice{{InvoiceID: inv[number], Amount: amount}}})
		}
		openOf := func(number string) int64 {
			i, err := st.Invoice(ctx, ledger.Scope{All: true}, inv[number])
			if err != nil {
				t.Fatal(err)
			}
			return i.OpenAmount
		}

		// partial pending credit: 150.00 of 400.00 disputed on F-1 credited;
		// F-1 open 850.00, and all of it dunned again
		credit := open("K1", "F-1", 400_00, "wrong_price")
		if _, err := svc.ResolveDispute(ctx, anna, credit, app.Resolution{Kind: store.ResolveCreditPending, Amount: 150_00}); err != nil {
			t.Fatal(err)
		}
		if d := dispute(t, st, credit); d.Status != disputes.Resolved || d.Resolution != store.ResolveCreditPending ||
			d.ResolvedAmount != 150_00 || d.Resolved.String() != "2026-10-05" {
			t.Errorf("credited dispute: %+v", d)
		}
		if o := openOf("F-1"); o != 850_00 {
			t.Errorf("F-1 open after the credit: %d", o)
		}
		pc, err := svc.PendingCredits(ctx, anna)
		if err != nil || len(pc) != 1 || pc[0].InvoiceNumber != "F-1" || pc[0].Amount != 150_00 || pc[0].DisputeID != credit {
			t.Errorf("pending credits for the ERP: %+v, %v", pc, err)
		}
		if _, err := svc.ResolveDispute(ctx, anna, credit, app.Resolution{Kind: store.ResolveRejected}); !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("resolving twice: %v", err)
		}

		// write-off above the threshold by a controller waits for approval
		wo := open("K2", "F-3", 150_00, "quality")
		pending, err := svc.ResolveDispute(ctx, anna, wo, app.Resolution{Kind: store.ResolveWriteOff})
		if err != nil || !pending {
			t.Fatalf("controller's write-off of 150.00 over a 100.00 threshold: pending %v, %v", pending, err)
		}
		if d := dispute(t, st, wo); d.Status != disputes.Open || d.PendingAmount != 150_00 || d.PendingBy != "anna" || openOf("F-3") != 400_00 {
			t.Errorf("before approval: %+v, F-3 open %d", d, openOf("F-3"))
		}
		if err := svc.ApproveWriteOff(ctx, anna, wo); !errors.Is(err, ledger.ErrForbidden) {
			t.Errorf("the controller approves her own write-off: %v", err)
		}
		if err := svc.ApproveWriteOff(ctx, max, wo); err != nil {
			t.Fatal(err)
		}
		if d := dispute(t, st, wo); d.Status != disputes.Resolved || d.Resolution != store.ResolveWriteOff || d.ResolvedAmount != 150_00 ||
			openOf("F-3") != 250_00 {
			t.Errorf("after approval: %+v, F-3 open %d", d, openOf("F-3"))
		}
		// within the threshold a controller writes off at once
		small := open("K1", "F-2", 40_00, "quality")
		if pending, err := svc.ResolveDispute(ctx, anna, small, app.Resolution{Kind: store.ResolveWriteOff}); err != nil || pending {
			t.Fatalf("write-off of 40.00: pending %v, %v", pending, err)
		}
		if openOf("F-2") != 210_00 {
			t.Errorf("F-2 open after a 40.00 write-off: %d", openOf("F-2"))
		}

		// ERP credit note: must have been imported
		cn := open("K3", "F-4", 80_00, "invoice_error")
		if _, err := svc.ResolveDispute(ctx, anna, cn, app.Resolution{Kind: store.ResolveCreditNote, Ref: "CN-9"}); !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("credit note not imported: %v", err)
		}
		mustImport(t, svc, "invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount,kind\nNL01,K3,CN-9,2026-10-05,2026-10-05,EUR,-80.00,credit_note\n")
		if _, err := svc.ResolveDispute(ctx, anna, cn, app.Resolution{Kind: store.ResolveCreditNote, Ref: "CN-9"}); err != nil {
			t.Fatal(err)
		}
		if d := dispute(t, st, cn); d.Resolution != store.ResolveCreditNote || d.ResolutionRef != "CN-9" || d.Status != disputes.Resolved {
			t.Errorf("ERP credit note: %+v", d)
		}

		// rejection: dunning resumes on the whole amount and the customer
		// gets a notice in Dutch (K2's language) with what is owed
		rej := open("K2", "F-3", 100_00, "delivery_delay")
		if c := chased(run(t, svc, "2026-10-25", true)); c["F-3"] != 150_00 {
			t.Errorf("F-3 chased while 100.00 of its 250.00 is disputed: %v", c)
		}
		if _, err := svc.ResolveDispute(ctx, anna, rej, app.Resolution{Kind: store.ResolveRejected, Note: "delivered on time, signed"}); err != nil {
			t.Fatal(err)
		}
		if d := dispute(t, st, rej); d.Status != disputes.Rejected || d.Resolution != store.ResolveRejected {
			t.Errorf("rejected: %+v", d)
		}
		if c := chased(run(t, svc, "2026-10-25", true)); c["F-3"] != 250_00 {
			t.Errorf("F-3 chased after the rejection: %v", c)
		}
		ms := messages(t, st, store.MessageFilter{CustomerID: cs["K2"]})
		var notice *store.Message
		for i := range ms {
			if ms[i].Template == comms.DisputeRejected {
				notice = &ms[i]
			}
		}
		if notice == nil || notice.Language != "nl" || notice.ToAddress != "p.devries@example.com" || notice.Status != store.MsgPending ||
			!strings.Contains(notice.BodyText, "F-3") || !strings.Contains(notice.BodyText, "250,00") || !strings.Contains(notice.Subject, "bezwaar") {
			t.Errorf("rejection notice: %+v", notice)
		}
	})
}

// SLA escalation: a dispute due 2026-10-19 is escalated on the 20th, once,
// to its queue's manager; the digest mails each user their notifications
// once, in their language.
func TestDisputeEscalation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, inv := collectLedger(t, st)
		anna, max := disputeUsers(t, st, svc)
		id := openDispute(t, svc, anna, app.NewDispute{CustomerID: cs["K1"], Reason: "wrong_price",
			Invoices: []app.DisputedInvoice{{InvoiceID: inv["F-1"]}}})
		if d := dispute(t, st, id); d.Queue != "sales" || d.Amount != 1000_00 || d.Due.String() != "2026-10-19" {
			t.Fatalf("dispute: %+v", d)
		}
		for _, c := range []struct {
			day  string
			want int
		}{{"2026-10-19", 0}, {"2026-10-20", 1}, {"2026-10-21", 0}} {
			n, err := svc.EvaluateDisputes(ctx, app.System, "NL01", ledger.MustDate(c.day))
			if err != nil || n != c.want {
				t.Errorf("evaluate %s: %d escalated, %v; want %d", c.day, n, err, c.want)
			}
		}
		if d := dispute(t, st, id); d.EscalatedOn.String() != "2026-10-20" {
			t.Errorf("escalated on %s", d.EscalatedOn)
		}
		ns, err := svc.Notifications(ctx, max, false)
		if err != nil || len(ns) != 1 || ns[0].Kind != store.NotifyEscalated {
			t.Errorf("max's notifications: %+v, %v", ns, err)
		}
		sent, err := svc.SendDisputeDigests(ctx)
		if err != nil || sent != 2 {
			t.Fatalf("digests: %d, %v; want anna (new) and max (escalated)", sent, err)
		}
		if again, err := svc.SendDisputeDigests(ctx); err != nil || again != 0 {
			t.Errorf("second digest run: %d, %v", again, err)
		}
		byTo := map[string]store.Message{}
		for _, m := range messages(t, st, store.MessageFilter{}) {
			if m.Template == "dispute_digest" {
				byTo[m.ToAddress] = m
			}
		}
		if m := byTo["anna@kredo.example"]; !strings.Contains(m.Subject, "geschillen") || !strings.Contains(m.BodyText, "K1") {
			t.Errorf("anna's digest (Dutch, new dispute): %+v", m)
		}
		if m := byTo["max@kredo.example"]; !strings.Contains(m.BodyText, "ESCALATED") || m.Status != store.MsgPending {
			t.Errorf("max's digest (escalated): %+v", m)
		}
		if err := svc.MarkNotificationsRead(ctx, max); err != nil {
			t.Fatal(err)
		}
		if ns, _ := svc.Notifications(ctx, max, true); len(ns) != 0 {
			t.Errorf("unread after marking read: %+v", ns)
		}
	})
}

// The report by reason, owner and product group against a hand-computed
// case: three disputes opened on 2026-10-05 (Monday), one resolved on the
// 7th (2 days), one on the 15th (10 days), one open.
//
//	wrong_price, sales, bread: 400.00, closed after 2 days
//	wrong_price, sales, cake:  100.00, closed after 10 days
//	quality, quality, bread:    80.00, open
//
// By reason: wrong_price count 2, EUR 500.00, avg 6 days, p90 10 (the
// ⌈0.9×2⌉ = 2nd of 2, 10); quality 1, 80.00, none closed. By product
// group: bread 2 (480.00, avg 2, p90 2), cake 1 (100.00, avg 10, p90 10).
func TestDisputeReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc, cs, _ := collectLedger(t, st)
		anna, _ := disputeUsers(t, st, svc)
		mustImport(t, svc, "invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount,product_group\n"+
			"NL01,K1,G-1,2026-09-01,2026-10-01,EUR,500.00,bread\n"+
			"NL01,K1,G-2,2026-09-01,2026-10-01,EUR,500.00,cake\n"+
			"NL01,K2,G-3,2026-09-01,2026-10-01,EUR,500.00,bread\n")
		inv := map[string]int64{}
		for n, i := range invoicesByNumber(t, svc) {
			inv[n] = i.ID
		}
		a := openDispute(t, svc, anna, app.NewDispute{CustomerID: cs["K1"], Reason: "wrong_price", Invoices: []app.DisputedInvoice{{inv["G-1"], 400_00}}})
		b := openDispute(t, svc, anna, app.NewDispute{CustomerID: cs["K1"], Reason: "wrong_price", Invoices: []app.DisputedInvoice{{inv["G-2"], 100_00}}})
		openDispute(t, svc, anna, app.NewDispute{CustomerID: cs["K2"], Reason: "quality", Invoices: []app.DisputedInvoice{{inv["G-3"], 80_00}}})
		at := func(day int) *app.Service {
			return app.New(st, nil, func() time.Time { return time.Date(2026, 10, day, 9, 0, 0, 0, time.UTC) })
		}
		if _, err := at(7).ResolveDispute(ctx, anna, a, app.Resolution{Kind: store.ResolveRejected}); err != nil {
			t.Fatal(err)
		}
		if _, err := at(15).ResolveDispute(ctx, anna, b, app.Resolution{Kind: store.ResolveCreditPending}); err != nil {
			t.Fatal(err)
		}
		report := func(by app.DisputeReportBy) map[string]disputes.Group {
			gs, err := svc.DisputeReport(ctx, anna, 0, ledger.Date{}, ledger.Date{}, by)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]disputes.Group{}
			for _, g := range gs {
				out[g.Key] = g
			}
			return out
		}
		r := report(app.ByReason)
		if g := r["wrong_price"]; g.Count != 2 || g.Amounts["EUR"] != 500_00 || g.Closed != 2 || g.AvgDays != 6 || g.P90Days != 10 {
			t.Errorf("wrong_price: %+v", g)
		}
		if g := r["quality"]; g.Count != 1 || g.Amounts["EUR"] != 80_00 || g.Open != 1 || g.Closed != 0 {
			t.Errorf("quality: %+v", g)
		}
		p := report(app.ByProductGroup)
		if g := p["bread"]; g.Count != 2 || g.Amounts["EUR"] != 480_00 || g.AvgDays != 2 || g.P90Days != 2 {
			t.Errorf("bread: %+v", g)
		}
		if g := p["cake"]; g.Count != 1 || g.AvgDays != 10 || g.P90Days != 10 {
			t.Errorf("cake: %+v", g)
		}
		o := report(app.ByOwner)
		if g := o["sales"]; g.Count != 2 {
			t.Errorf("by owner: %+v", o)
		}
		if g := o["quality"]; g.Count != 1 {
			t.Errorf("by owner: %+v", o)
		}
	})
}
