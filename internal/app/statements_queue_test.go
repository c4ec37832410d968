package app_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// credit is one payment in for stmt.
type credit struct {
	cents      int64
	ref        string // the bank's reference (unique per account)
	iban, name string
	remi       string // free remittance text
	kenmerk    string // structured reference
}

// stmt is an MT940 statement of NL91ABNA0417164300 numbered n on
// 2026-10-dd with the credits, opening at open cents; the closing balance
// adds up.
func stmt(n, dd int, open int64, cs ...credit) string {
	day := fmt.Sprintf("2610%02d", dd)
	ls := []string{"{1:F01INGBNL2ABXXX0000000000}{2:I940INGBNL2AXXXN}{4:", ":20:P" + day + fmt.Sprint(n), ":25:NL91ABNA0417164300EUR",
		fmt.Sprintf(":28C:%05d", n), ":60F:C" + day + "EUR" + mtAmount(open)}
	bal := open
	for _, c := range cs {
		ls = append(ls, ":61:"+day+day[2:]+"C"+mtAmount(c.cents)+"NTRFNONREF//"+c.ref)
		d := ":86:/CNTP/" + c.iban + "/RABONL2U/" + c.name + "///REMI/USTD//" + c.remi + "/"
		if c.kenmerk != "" {
			d = ":86:/CNTP/" + c.iban + "/RABONL2U/" + c.name + "///REMI/STRD/CUR/" + c.kenmerk + "/"
		}
		ls = append(ls, d)
		bal += c.cents
	}
	ls = append(ls, ":62F:C"+day+"EUR"+mtAmount(bal), "-}")
	return strings.Join(ls, "\r\n") + "\r\n"
}

func mtAmount(c int64) string { return fmt.Sprintf("%d,%02d", c/100, c%100) }

func txByRef(t *testing.T, st *store.Store, ref string) store.BankTransaction {
	t.Helper()
	for _, b := range bankTransactions(t, st) {
		if b.EntryKey == "ref:"+ref {
			return b
		}
	}
	t.Fatalf("no bank transaction %s", ref)
	return store.BankTransaction{}
}

// TestBankQueue walks a controller through the queue: a payment nobody
// could match is put on a customer's account and its IBAN learned, so the
// next payment from that account matches automatically; that match is
// undone (a wrong match) and allocated by hand; a line is set aside. Every
// decision is logged with the user.
func TestBankQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		ctx := context.Background()
		bankLedger(t, svc)
		nl := entityID(t, st, "NL01")
		anna := ledger.User{Username: "anna", Role: ledger.RoleController, AllEntities: true}
		cust := customersByNumber(t, svc)

		importStatement(t, svc, "ing.sta", mt940("12410,95"))
		q, err := svc.BankQueue(ctx, anna, nl)
		if err != nil {
			t.Fatal(err)
		}
		if len(q.Lines) != 1 || q.Lines[0].Amount != 12345 || q.Lines[0].CounterpartyIBAN != "NL18RABO0300000123" {
			t.Fatalf("queue %+v", q.Lines)
		}
		unknown := q.Lines[0].ID

		// K1's new bookkeeper: on account, IBAN learned
		if err := svc.AllocateBankTransaction(ctx, anna, unknown, app.BankDecision{CustomerID: cust["K1"].ID, LearnIBAN: true}); err != nil {
			t.Fatal(err)
		}
		if err := svc.AllocateBankTransaction(ctx, anna, unknown, app.BankDecision{CustomerID: cust["K1"].ID}); !isConflict(err) {
			t.Fatalf("deciding twice: %v", err)
		}
		pays, err := svc.Payments(ctx, app.System, ledger.PaymentFilter{CustomerID: cust["K1"].ID})
		if err != nil {
			t.Fatal(err)
		}
		var onAccount int
		for _, p := range pays {
			if p.Amount == 12345 && len(p.Allocations) == 0 && p.Source == "bank" {
				onAccount++
			}
		}
		if onAccount != 1 {
			t.Fatalf("K1's payments %+v, want one of 123.45 unallocated", pays)
		}

		// the next statement: the same account pays K1's 75.00 without a reference
		importStatement(t, svc, "ing2.sta", stmt(192, 6, 1241095,
			credit{cents: 7500, ref: "N2-1", iban: "NL18RABO0300000123", name: "J. DE BOER", remi: "betaling"},
			credit{cents: 4200, ref: "N2-2", iban: "NL77INGB0007777777", name: "PARTICULIER", remi: "retour borg"}))
		auto := txByRef(t, st, "N2-1")
		if auto.State != store.MatchAuto || auto.Rule != "iban-amount" {
			t.Fatalf("payment from the learned IBAN: %s by %q, want auto by iban-amount", auto.State, auto.Rule)
		}
		if inv := invoicesByNumber(t, svc)["F-2026-107"]; inv.OpenAmount != 0 {
			t.Fatalf("F-2026-107 open %d after the automatic match", inv.OpenAmount)
		}

		// anna undoes it (a wrong match) and allocates it by hand
		if err := svc.ReopenBankTransaction(ctx, anna, auto.ID); err != nil {
			t.Fatal(err)
		}
		if inv := invoicesByNumber(t, svc)["F-2026-107"]; inv.OpenAmount != 7500 {
			t.Fatalf("F-2026-107 open %d after undoing, want 7500", inv.OpenAmount)
		}
		q, _ = svc.BankQueue(ctx, anna, nl)
		if len(q.Lines) != 2 || q.Lines[0].ID != auto.ID || len(q.Lines[0].Suggestions) == 0 ||
			q.Lines[0].Suggestions[0].Allocations[0].Number != "F-2026-107" || q.Lines[0].Payer != "Bakkerij Jansen" {
			t.Fatalf("queue after undoing %+v", q.Lines)
		}
		f1 := invoicesByNumber(t, svc)["F-2026-107"]
		if err := svc.AllocateBankTransaction(ctx, anna, auto.ID, app.BankDecision{Items: []app.ItemAmount{{InvoiceID: f1.ID, Amount: 7600}}}); err == nil {
			t.Fatal("allocating more than is open was accepted")
		}
		if err := svc.AllocateBankTransaction(ctx, anna, auto.ID, app.BankDecision{Items: []app.ItemAmount{{InvoiceID: f1.ID, Amount: 7500}}}); err != nil {
			t.Fatal(err)
		}
		if inv := invoicesByNumber(t, svc)["F-2026-107"]; inv.OpenAmount != 0 {
			t.Fatalf("F-2026-107 open %d after allocating by hand", inv.OpenAmount)
		}
		if err := svc.IgnoreBankTransaction(ctx, anna, txByRef(t, st, "N2-2").ID, "deposit refund"); err != nil {
			t.Fatal(err)
		}
		if q, _ = svc.BankQueue(ctx, anna, nl); len(q.Lines) != 0 {
			t.Fatalf("queue not empty: %+v", q.Lines)
		}

		ds, err := svc.BankDecisions(ctx, anna, nl, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range ds {
			if d.User != "anna" || d.CreatedAt.IsZero() {
				t.Errorf("decision %+v: want user anna and a time", d)
			}
			got = append(got, fmt.Sprintf("%s:%v", d.Action, d.OverridesAuto))
		}
		if want := "ignore:false|allocate:false|reopen:true|on_account:false|learn_iban:false"; strings.Join(got, "|") != want {
			t.Fatalf("decisions %s, want %s", strings.Join(got, "|"), want)
		}

		// the metrics: the undone match counts as automatic and wrong
		m, err := svc.BankMetrics(ctx, anna, nl)
		if err != nil {
			t.Fatal(err)
		}
		tot := m.Total
		if tot.Lines != 7 || tot.Automatic != 5 || tot.Wrong != 1 || tot.Manual != 2 || tot.SetAside != 1 || tot.Waiting != 0 ||
			tot.Amount != 254045 || tot.AutoAmount != 230000 {
			t.Fatalf("totals %+v", tot)
		}
		if r := tot.WrongRate(); r != 20 {
			t.Errorf("wrong rate %v, want 20%%", r)
		}
		if len(m.Imports) != 2 || m.Imports[0].File != "ing2.sta" || m.Imports[0].Lines != 2 || m.Imports[0].Wrong != 1 ||
			m.Imports[1].Automatic != 4 || m.Imports[1].AutoRate() != 80 || len(m.Months) != 1 || m.Queue.Waiting != 0 {
			t.Fatalf("per import %+v, months %+v, queue %+v", m.Imports, m.Months, m.Queue)
		}

		// a viewer may look, not decide
		viewer := ledger.User{Username: "vic", Role: ledger.RoleViewer, AllEntities: true}
		if err := svc.ReopenBankTransaction(ctx, viewer, auto.ID); err == nil {
			t.Fatal("a viewer reopened a line")
		}
	})
}

// TestShortPaymentWithinTolerance: a payment EUR 2.50 short of its
// betalingskenmerk's item, within the entity's tolerance of EUR 5, closes
// the item with a write-off caused by the bank transaction; above the
// tolerance the rest stays open.
func TestShortPaymentWithinTolerance(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		ctx := context.Background()
		bankLedger(t, svc)
		nl := entityID(t, st, "NL01")
		if err := svc.SetBankTolerance(ctx, ledger.User{Username: "c", Role: ledger.RoleController, AllEntities: true}, nl, 500); err == nil {
			t.Fatal("a controller set the tolerance")
		}
		if err := svc.SetBankTolerance(ctx, app.System, nl, 500); err != nil {
			t.Fatal(err)
		}
		rep, err := svc.ImportStatement(ctx, app.System, strings.NewReader(stmt(300, 7, 0,
			credit{cents: 49750, ref: "S-1", iban: "NL44RABO0123456789", name: "GARAGE SMIT", kenmerk: "4000000202600002"},
			credit{cents: 79000, ref: "S-2", iban: "NL55INGB0009876543", name: "DRUKKERIJ PETERS", kenmerk: "7000000202600006"})),
			"short.sta", app.StatementOptions{})
		if err != nil || !rep.Committed || rep.AutoMatched != 2 {
			t.Fatalf("report %+v, %v", rep, err)
		}
		inv := invoicesByNumber(t, svc)
		if i := inv["F-2026-202"]; i.OpenAmount != 0 || i.Status != ledger.StatusPaid {
			t.Fatalf("F-2026-202: open %d status %s, want written off and paid", i.OpenAmount, i.Status)
		}
		adj, err := st.Adjustments(ctx, all, inv["F-2026-202"].ID)
		if err != nil {
			t.Fatal(err)
		}
		b := txByRef(t, st, "S-1")
		if len(adj) != 1 || adj[0].Kind != store.AdjustWriteOff || adj[0].Amount != 250 || adj[0].RefKind != "bank_transaction" || adj[0].RefID != b.ID {
			t.Fatalf("adjustments %+v, want one write-off of 250 by transaction %d", adj, b.ID)
		}
		if i := inv["F-2026-406"]; i.OpenAmount != 1000 {
			t.Fatalf("F-2026-406 open %d, want 10.00 left (above tolerance)", i.OpenAmount)
		}
		if rep.ShortPayments != 1 {
			t.Fatalf("short payments %d, want 1", rep.ShortPayments)
		}

		// undoing the match reverses the write-off too
		if err := svc.ReopenBankTransaction(ctx, app.System, b.ID); err != nil {
			t.Fatal(err)
		}
		if i := invoicesByNumber(t, svc)["F-2026-202"]; i.OpenAmount != 50000 {
			t.Fatalf("F-2026-202 open %d after undoing, want 50000", i.OpenAmount)
		}
	})
}

func customersByNumber(t *testing.T, svc *app.Service) map[string]ledger.Customer {
	t.Helper()
	cs, _, err := svc.Customers(context.Background(), app.System, ledger.CustomerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]ledger.Customer{}
	for _, c := range cs {
		out[c.Number] = c
	}
	return out
}

func isConflict(err error) bool { return errors.Is(err, ledger.ErrConflict) }

// TestStatementShortPaymentDispute: a certain match that pays EUR 790 of an
// EUR 800 invoice, beyond the entity's tolerance of EUR 5, allocates what
// was paid and raises one payment-difference dispute (reason short
// payment) for the EUR 10 left, with the remittance text; importing the
// statement again raises none more.
func TestStatementShortPaymentDispute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		ctx := context.Background()
		bankLedger(t, svc)
		nl := entityID(t, st, "NL01")
		if err := svc.SetBankTolerance(ctx, app.System, nl, 500); err != nil {
			t.Fatal(err)
		}
		file := stmt(400, 8, 0, credit{cents: 79000, ref: "D-1", iban: "NL55INGB0009876543", name: "DRUKKERIJ PETERS",
			remi: "7000000202600006 minus 10 euro korting volgens afspraak"})
		for round := 1; round <= 2; round++ {
			rep, err := svc.ImportStatement(ctx, app.System, strings.NewReader(file), "short.sta", app.StatementOptions{})
			if err != nil || !rep.Committed {
				t.Fatalf("round %d: %+v %v", round, rep, err)
			}
			if round == 1 && (rep.AutoMatched != 1 || rep.ShortPayments != 1) {
				t.Fatalf("report %+v, want one automatic match with a short payment", rep)
			}
			ds, n, err := svc.Disputes(ctx, app.System, store.DisputeFilter{EntityID: nl})
			if err != nil {
				t.Fatal(err)
			}
			if n != 1 || len(ds) != 1 {
				t.Fatalf("round %d: %d disputes, want 1", round, n)
			}
			d := ds[0]
			if d.Reason != disputes.ShortPayment || d.Amount != 1000 || d.PaymentID == 0 ||
				!strings.Contains(d.Description, "minus 10 euro korting volgens afspraak") {
				t.Fatalf("dispute %+v", d)
			}
		}
		if i := invoicesByNumber(t, svc)["F-2026-406"]; i.OpenAmount != 1000 {
			t.Fatalf("F-2026-406 open %d, want the 10.00 not paid", i.OpenAmount)
		}
		// the match cannot be undone while its dispute stands
		if err := svc.ReopenBankTransaction(ctx, app.System, txByRef(t, st, "D-1").ID); !isConflict(err) {
			t.Fatalf("undoing a match with a dispute: %v", err)
		}
	})
}

// TestStatementLearnsIBANs: a payment that names its invoice teaches Kredo
// the payer's IBAN at once, for the rest of the file too; an IBAN known
// keeps its customer when the same account then pays another customer's
// invoice (an accountant paying for two clients), until a person says
// otherwise in the queue.
func TestStatementLearnsIBANs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		ctx := context.Background()
		bankLedger(t, svc)
		nl := entityID(t, st, "NL01")
		cust := customersByNumber(t, svc)
		const shared = "NL20INGB0001234567"
		importStatement(t, svc, "learn.sta", stmt(1, 5, 0,
			credit{cents: 100000, ref: "L-1", iban: shared, name: "BAKKERIJ JANSEN", remi: "Factuur F-2026-101"},
			credit{cents: 30000, ref: "L-2", iban: shared, name: "ADMINISTRATIEKANTOOR", remi: "Factuur F-2026-303"}))
		if b := txByRef(t, st, "L-1"); b.State != store.MatchAuto {
			t.Fatalf("L-1: %s by %q, want an automatic match by number", b.State, b.Rule)
		}
		// the account is K1's now: a number of K3's paid from it is no
		// longer certain
		if b := txByRef(t, st, "L-2"); b.State != store.MatchSuggested {
			t.Fatalf("L-2: %s by %q, want a suggestion", b.State, b.Rule)
		}
		ibans, err := st.CustomerIBANs(ctx, nl)
		if err != nil {
			t.Fatal(err)
		}
		if got := ibans[shared]; got != cust["K1"].ID {
			t.Fatalf("%s learned for customer %d, want K1 (%d), the first to pay from it; K3 is %d", shared, got, cust["K1"].ID, cust["K3"].ID)
		}

		// the controller knows better: the account is the accountant's
		// for K3's invoices, and remembering it replaces what was learned
		anna := ledger.User{Username: "anna", Role: ledger.RoleController, AllEntities: true}
		inv := invoicesByNumber(t, svc)["F-2026-303"]
		if err := svc.AllocateBankTransaction(ctx, anna, txByRef(t, st, "L-2").ID, app.BankDecision{
			Items: []app.ItemAmount{{InvoiceID: inv.ID, Amount: 30000}}, LearnIBAN: true}); err != nil {
			t.Fatal(err)
		}
		if ibans, err = st.CustomerIBANs(ctx, nl); err != nil {
			t.Fatal(err)
		}
		if got := ibans[shared]; got != cust["K3"].ID {
			t.Fatalf("after anna remembered %s for K3 (%d) it is known for %d", shared, cust["K3"].ID, got)
		}
	})
}
