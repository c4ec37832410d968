package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// dunningLedger imports one entity with three customers:
// K1 (business) with two invoices due 2026-10-01 and 2026-10-20,
// K2 (consumer) with one invoice due 2026-10-01,
// K3 (business, no e-mail address) with one invoice due 2026-10-01.
func dunningLedger(t *testing.T, svc *app.Service) {
	t.Helper()
	mustImport(t, svc, csvfmt.Entities, "code,name,currency,ibans,city,country\nNL01,Groothandel B.V.,EUR,NL91ABNA0417164300,Utrecht,NL\n")
	mustImport(t, svc, csvfmt.Customers, "entity,number,name,kind,email,language,address_line,postal_code,city\n"+
		"NL01,K1,Bakkerij Jansen,b2b,boekhouding@jansen.example,nl,Dorpsstraat 1,1234 AB,Ede\n"+
		"NL01,K2,P. de Vries,consumer,p.devries@example.com,nl,Laan 2,2345 BC,Ede\n"+
		"NL01,K3,Garage Smit,b2b,,en,Weg 3,3456 CD,Ede\n")
	mustImport(t, svc, csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
		"NL01,K1,F-1,2026-09-01,2026-10-01,EUR,1000.00\n"+
		"NL01,K1,F-2,2026-09-20,2026-10-20,EUR,250.00\n"+
		"NL01,K2,F-3,2026-09-01,2026-10-01,EUR,400.00\n"+
		"NL01,K3,F-4,2026-09-01,2026-10-01,EUR,80.00\n")
}

func run(t *testing.T, svc *app.Service, date string, dry bool) app.RunReport {
	t.Helper()
	rep, err := svc.RunDunning(context.Background(), app.System, app.RunOptions{EntityCode: "NL01", Date: ledger.MustDate(date), DryRun: dry})
	if err != nil {
		t.Fatalf("run %s: %v", date, err)
	}
	return rep
}

// planned renders a report's actions as "customer:level name:items".
func planned(rep app.RunReport) []string {
	var out []string
	for _, p := range rep.Planned {
		var ns []string
		for _, it := range p.Action.Items {
			ns = append(ns, it.Number)
		}
		out = append(out, p.CustomerNumber+":"+p.Action.LevelName+":"+strings.Join(ns, ","))
	}
	return out
}

func messages(t *testing.T, st *store.Store, f store.MessageFilter) []store.Message {
	t.Helper()
	f.Scope = ledger.Scope{All: true}
	ms, _, err := st.Messages(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func TestDunningRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		dunningLedger(t, svc)

		// the preview writes nothing
		prev := run(t, svc, "2026-10-10", true)
		want := "[K1:Friendly reminder:F-1 K2:Friendly reminder:F-3 K3:Friendly reminder:F-4]"
		if got := fmt.Sprint(planned(prev)); got != want || prev.Status != "preview" {
			t.Fatalf("preview %s, want %s", got, want)
		}
		if ms := messages(t, st, store.MessageFilter{}); len(ms) != 0 {
			t.Fatalf("preview queued %d messages", len(ms))
		}

		// the real run does what the preview said, and queues the messages
		rep := run(t, svc, "2026-10-10", false)
		if got := fmt.Sprint(planned(rep)); got != want || rep.Status != "done" || rep.Messages != 3 {
			t.Fatalf("run %s status %s messages %d", got, rep.Status, rep.Messages)
		}
		ms := messages(t, st, store.MessageFilter{})
		byTo := map[string]store.Message{}
		for _, m := range ms {
			byTo[m.ToName+m.ToAddress+"/"+m.Channel] = m
		}
		mail := byTo["boekhouding@jansen.example/email"]
		if mail.Status != store.MsgPending || !strings.Contains(mail.BodyText, "F-1") || !strings.Contains(mail.BodyText, "1.000,00") ||
			!strings.Contains(mail.BodyHTML, "Bakkerij Jansen") || mail.Language != "nl" {
			t.Errorf("K1 e-mail: %+v", mail)
		}
		// no e-mail address: a letter to print instead
		letter := byTo["Weg 3, 3456 CD Ede/letter"]
		if letter.Status != store.MsgToPrint {
			t.Errorf("K3 letter: %+v (messages %v)", letter, keys(byTo))
		}
		full, err := svc.Message(context.Background(), app.System, letter.ID)
		if err != nil || !strings.HasPrefix(string(full.PDF), "%PDF-") {
			t.Errorf("K3 letter PDF: %v %q", err, string(full.PDF[:min(8, len(full.PDF))]))
		}

		// the same day again: nothing new, whoever asks
		again := run(t, svc, "2026-10-10", false)
		if !again.AlreadyRan || len(messages(t, st, store.MessageFilter{})) != 3 {
			t.Fatalf("second run of the day: %+v", again)
		}

		// F-1 is paid before the next run: it is not chased again
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,invoice_number,allocated\nNL01,P1,2026-10-20,EUR,1000.00,F-1,1000.00\n")
		rep = run(t, svc, "2026-10-27", false)
		if got := fmt.Sprint(planned(rep)); got != "[K1:Friendly reminder:F-2 K2:14-day letter:F-3 K3:Second reminder:F-4]" {
			t.Fatalf("after payment: %s", got)
		}
		if rep.Levels == nil || rep.Customers != 3 {
			t.Errorf("report %+v", rep)
		}

		// a long gap (the server was down): F-2 jumps from the friendly reminder
		// straight to the final notice, once, without the missed levels in between
		rep = run(t, svc, "2026-12-10", false)
		if got := fmt.Sprint(planned(rep)); !strings.Contains(got, "K1:Final notice:F-2") {
			t.Fatalf("catch-up: %s", got)
		}
		for _, p := range rep.Planned {
			if p.CustomerNumber == "K1" && (p.Action.Costs == 0 || p.Action.Interest == 0) {
				t.Errorf("final notice without costs or interest: %+v", p.Action)
			}
		}
	})
}

func keys(m map[string]store.Message) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestDunningRunApproval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		dunningLedger(t, svc)
		e, _ := st.EntityByCode(context.Background(), "NL01")
		if err := st.SetEntityDunning(context.Background(), e.ID, store.EntityDunning{Time: "06:00", Approval: true}); err != nil {
			t.Fatal(err)
		}
		rep := run(t, svc, "2026-10-10", false)
		if rep.Status != store.RunAwaitingApproval {
			t.Fatalf("status %s", rep.Status)
		}
		for _, m := range messages(t, st, store.MessageFilter{Channel: "email"}) {
			if m.Status != store.MsgHeld {
				t.Fatalf("message %d is %s before approval", m.ID, m.Status)
			}
		}
		controller := ledger.User{Username: "anna", Role: ledger.RoleController, AllEntities: true}
		if err := svc.ApproveRun(context.Background(), controller, rep.RunID); err == nil {
			t.Fatal("a controller approved a run")
		}
		manager := ledger.User{Username: "mia", Role: ledger.RoleManager, AllEntities: true}
		if err := svc.ApproveRun(context.Background(), manager, rep.RunID); err != nil {
			t.Fatal(err)
		}
		for _, m := range messages(t, st, store.MessageFilter{Channel: "email"}) {
			if m.Status != store.MsgPending {
				t.Fatalf("message %d is %s after approval", m.ID, m.Status)
			}
		}
		if err := svc.ApproveRun(context.Background(), manager, rep.RunID); err == nil {
			t.Fatal("approved twice")
		}
	})
}

// TestDunningRunInterrupted kills a run midway (its context is cancelled
// after the first batch) and runs again: every customer gets its reminder
// exactly once.
func TestDunningRunInterrupted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,Groothandel B.V.,EUR\n")
		var cs, is strings.Builder
		cs.WriteString("entity,number,name,email\n")
		is.WriteString("entity,customer_number,number,invoice_date,due_date,currency,amount\n")
		const n = 450 // more than two batches
		for k := 0; k < n; k++ {
			fmt.Fprintf(&cs, "NL01,K%03d,Klant %d,k%d@example.com\n", k, k, k)
			fmt.Fprintf(&is, "NL01,K%03d,F-%03d,2026-09-01,2026-10-01,EUR,100.00\n", k, k)
		}
		mustImport(t, svc, csvfmt.Customers, cs.String())
		mustImport(t, svc, csvfmt.Invoices, is.String())

		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			// cancel as soon as the first batch is in
			for {
				if ms, _, _ := st.Messages(context.Background(), store.MessageFilter{Scope: ledger.Scope{All: true}, Limit: 1}); len(ms) > 0 {
					cancel()
					return
				}
				time.Sleep(time.Millisecond)
			}
		}()
		_, err := svc.RunDunning(ctx, app.System, app.RunOptions{EntityCode: "NL01", Date: ledger.MustDate("2026-10-10")})
		cancel()
		first := len(messages(t, st, store.MessageFilter{}))
		if err == nil && first == n {
			t.Skip("the run finished before it could be interrupted")
		}
		if first == 0 || first >= n {
			t.Fatalf("interrupted run queued %d of %d (err %v)", first, n, err)
		}
		rep := run(t, svc, "2026-10-10", false)
		if rep.AlreadyRan {
			t.Fatal("an interrupted run was not continued")
		}
		ms := messages(t, st, store.MessageFilter{})
		seen := map[string]bool{}
		for _, m := range ms {
			if seen[m.ToAddress] {
				t.Fatalf("%s got two reminders", m.ToAddress)
			}
			seen[m.ToAddress] = true
		}
		if len(ms) != n {
			t.Fatalf("%d messages after the re-run, want %d", len(ms), n)
		}
	})
}

func TestPrintBatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		dunningLedger(t, svc)
		rep := run(t, svc, "2026-11-20", false) // final notices: e-mail and letter
		pdf, n, err := svc.PrintBatch(context.Background(), app.System, rep.RunID, true)
		if err != nil || n == 0 || !strings.HasPrefix(string(pdf), "%PDF-") {
			t.Fatalf("print batch: %d letters, %v", n, err)
		}
		if _, _, err := svc.PrintBatch(context.Background(), app.System, rep.RunID, false); err == nil {
			t.Fatal("letters printed twice")
		}
	})
}

// TestDunningRunConcurrent: two processes start the same day's run at the
// same moment; every customer gets its reminder exactly once.
func TestDunningRunConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,Groothandel B.V.,EUR\n")
		var cs, is strings.Builder
		cs.WriteString("entity,number,name,email\n")
		is.WriteString("entity,customer_number,number,invoice_date,due_date,currency,amount\n")
		const n = 600
		for k := 0; k < n; k++ {
			fmt.Fprintf(&cs, "NL01,K%03d,Klant %d,k%d@example.com\n", k, k, k)
			fmt.Fprintf(&is, "NL01,K%03d,F-%03d,2026-09-01,2026-10-01,EUR,100.00\n", k, k)
		}
		mustImport(t, svc, csvfmt.Customers, cs.String())
		mustImport(t, svc, csvfmt.Invoices, is.String())
		// the second process has its own Service (and, on PostgreSQL, its own connections)
		other, err := store.Open(context.Background(), st.DSN(), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		svcs := []*app.Service{svc, app.New(other, nil, nil)}
		errs := make(chan error, 2)
		for _, s := range svcs {
			go func() {
				_, err := s.RunDunning(context.Background(), app.System, app.RunOptions{EntityCode: "NL01", Date: ledger.MustDate("2026-10-10")})
				errs <- err
			}()
		}
		for range svcs {
			if err := <-errs; err != nil {
				t.Errorf("run: %v", err)
			}
		}
		ms := messages(t, st, store.MessageFilter{})
		seen := map[string]bool{}
		for _, m := range ms {
			if seen[m.ToAddress] {
				t.Fatalf("%s got two reminders", m.ToAddress)
			}
			seen[m.ToAddress] = true
		}
		if len(ms) != n {
			t.Fatalf("%d messages, want %d", len(ms), n)
		}
	})
}
