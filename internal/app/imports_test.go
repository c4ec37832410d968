package app_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

var all = ledger.Scope{All: true}

func importCSV(t *testing.T, svc *app.Service, actor ledger.User, kind csvfmt.Kind, file, data string, allOrNothing bool) app.ImportReport {
	t.Helper()
	rep, err := svc.ImportCSV(context.Background(), actor, kind, strings.NewReader(data), file, app.ImportOptions{AllOrNothing: allOrNothing})
	if err != nil {
		t.Fatalf("import %s: %v", file, err)
	}
	return rep
}

// mustImport imports data and fails the test on any rejected row.
func mustImport(t *testing.T, svc *app.Service, kind csvfmt.Kind, data string) app.ImportReport {
	t.Helper()
	rep := importCSV(t, svc, app.System, kind, string(kind)+".csv", data, true)
	if rep.Rejected > 0 || !rep.Committed {
		t.Fatalf("import %s rejected: %+v", kind, rep.Problems)
	}
	return rep
}

func templates(t *testing.T, svc *app.Service) {
	t.Helper()
	for _, k := range csvfmt.Kinds() {
		mustImport(t, svc, k, string(csvfmt.Template(k)))
	}
}

func TestImportTemplatesAndIdempotence(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		ctx := context.Background()
		templates(t, svc)
		invs, _, err := svc.Invoices(ctx, app.System, ledger.InvoiceFilter{})
		if err != nil || len(invs) != 2 {
			t.Fatalf("invoices %v %v", invs, err)
		}
		byNum := map[string]ledger.Invoice{}
		for _, i := range invs {
			byNum[i.Number] = i
		}
		// the payment BNK-2026-0412 settled the invoice and the credit note
		if f := byNum["F2026-00123"]; f.Amount != 123456 || f.OpenAmount != 0 || f.Status != ledger.StatusPaid || f.PaymentRef != "3000012345678901" {
			t.Errorf("invoice after payment: %+v", f)
		}
		if c := byNum["C2026-00007"]; c.Amount != -12100 || c.OpenAmount != 0 || c.Kind != ledger.InvoiceKindCreditNote {
			t.Errorf("credit note after payment: %+v", c)
		}
		// importing the same files again changes nothing
		for _, k := range csvfmt.Kinds() {
			rep := mustImport(t, svc, k, string(csvfmt.Template(k)))
			if rep.Inserted+rep.Updated != 0 || rep.Unchanged == 0 {
				t.Errorf("re-import of %s: %+v", k, rep)
			}
		}
		invs2, _, _ := svc.Invoices(ctx, app.System, ledger.InvoiceFilter{})
		for _, i := range invs2 {
			if i.OpenAmount != byNum[i.Number].OpenAmount {
				t.Errorf("re-import changed open amount of %s: %d -> %d", i.Number, byNum[i.Number].OpenAmount, i.OpenAmount)
			}
		}
	})
}

func TestImportDutchExcelFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,Groothandel B.V.,EUR\n")
		// Windows-1252 ("é" is 0xE9), semicolons, decimal comma, day-first dates
		cust := "entity;klantnummer;naam;plaats\r\nNL01;K1;Caf\xe9 De Zon;Utrecht\r\n"
		mustImport(t, svc, csvfmt.Customers, cust)
		inv := "entity;customer_number;factuurnummer;factuurdatum;vervaldatum;valuta;bedrag\r\n" +
			"NL01;K1;F-1;01-10-2026;31-10-2026;EUR;1.234,56\r\nNL01;K1;F-2;02-10-2026;01-11-2026;EUR;12,5\r\n"
		rep := mustImport(t, svc, csvfmt.Invoices, inv)
		if rep.Inserted != 2 || !strings.Contains(rep.Detected, ";") {
			t.Fatalf("report %+v", rep)
		}
		c, _, _ := svc.Customers(context.Background(), app.System, ledger.CustomerFilter{Search: "zon"})
		if len(c) != 1 || c[0].Name != "Café De Zon" {
			t.Fatalf("customer %+v", c)
		}
		is, _, _ := svc.Invoices(context.Background(), app.System, ledger.InvoiceFilter{CustomerID: c[0].ID})
		got := map[string]int64{}
		for _, i := range is {
			got[i.Number] = i.Amount
			if i.Number == "F-1" && (i.InvoiceDate.String() != "2026-10-01" || i.DueDate.String() != "2026-10-31") {
				t.Errorf("dates %s %s", i.InvoiceDate, i.DueDate)
			}
		}
		if got["F-1"] != 123456 || got["F-2"] != 1250 {
			t.Fatalf("amounts %v", got)
		}
	})
}

func TestImportRejectsWithFileRowField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		ctx := context.Background()
		mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,A,EUR\nBE01,B,EUR\n")
		mustImport(t, svc, csvfmt.Customers, "entity,number,name\nNL01,K1,Klant 1\nBE01,K9,Klant 9\n")
		bad := "entity,customer_number,number,invoice_date,due_date,currency,amount\n" +
			"NL01,K1,F-1,2026-10-01,2026-10-31,EUR,100.00\n" + // good
			"NL01,K404,F-2,2026-10-01,2026-10-31,EUR,100.00\n" + // unknown customer
			"XX01,K1,F-3,2026-10-01,2026-10-31,EUR,100.00\n" + // unknown entity
			"NL01,K1,F-4,2026-10-01,2026-10-31,EUR,1.001\n" + // three decimals
			"NL01,K1,F-1,2026-10-01,2026-10-31,EUR,100.00\n" + // duplicate in file
			"NL01,K1,F-6,2026-10-01,2026-09-30,EUR,100.00\n" // due before invoice date
		want := []app.Problem{
			{File: "bad.csv", Row: 3, Field: "customer_number"},
			{File: "bad.csv", Row: 4, Field: "entity"},
			{File: "bad.csv", Row: 5, Field: "amount"},
			{File: "bad.csv", Row: 6, Field: "number"},
			{File: "bad.csv", Row: 7, Field: "due_date"},
		}
		check := func(rep app.ImportReport) {
			t.Helper()
			if rep.Rejected != len(want) {
				t.Fatalf("rejected %d, problems %+v", rep.Rejected, rep.Problems)
			}
			found := map[int]app.Problem{}
			for _, p := range rep.Problems {
				found[p.Row] = p
			}
			for _, w := range want {
				p := found[w.Row]
				if p.File != w.File || p.Field != w.Field || p.Reason == "" {
					t.Errorf("row %d: got %+v, want file %s field %s", w.Row, p, w.File, w.Field)
				}
			}
		}
		rep := importCSV(t, svc, app.System, csvfmt.Invoices, "bad.csv", bad, true)
		check(rep)
		if rep.Committed || rep.Inserted != 0 {
			t.Fatalf("all-or-nothing committed: %+v", rep)
		}
		if _, n, _ := svc.Invoices(ctx, app.System, ledger.InvoiceFilter{}); n != 0 {
			t.Fatalf("all-or-nothing left %d invoices", n)
		}
		rep = importCSV(t, svc, app.System, csvfmt.Invoices, "bad.csv", bad, false)
		check(rep)
		if !rep.Committed || rep.Inserted != 1 {
			t.Fatalf("valid rows not imported: %+v", rep)
		}
		// a user granted only BE01 cannot write into NL01
		beOnly := ledger.User{Username: "be", Role: ledger.RoleController, EntityIDs: []int64{entityID(t, st, "BE01")}}
		rep = importCSV(t, svc, beOnly, csvfmt.Invoices, "nl.csv",
			"entity,customer_number,number,invoice_date,due_date,currency,amount\nNL01,K1,F-9,2026-10-01,2026-10-31,EUR,1\n", true)
		if rep.Rejected != 1 || rep.Problems[0].Field != "entity" {
			t.Fatalf("write outside scope: %+v", rep)
		}
		// a viewer may not import at all
		if _, err := svc.ImportCSV(ctx, ledger.User{Role: ledger.RoleViewer, AllEntities: true}, csvfmt.Invoices, strings.NewReader(bad), "v.csv", app.ImportOptions{}); err == nil {
			t.Fatal("viewer import allowed")
		}
		// a header problem names row 1
		rep = importCSV(t, svc, app.System, csvfmt.Invoices, "hdr.csv", "entity,number\nNL01,F1\n", true)
		if rep.Rejected == 0 || rep.Problems[0].Row != 1 || rep.Problems[0].File != "hdr.csv" {
			t.Fatalf("header problem %+v", rep)
		}
	})
}

func entityID(t *testing.T, st *store.Store, code string) int64 {
	t.Helper()
	e, err := st.EntityByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return e.ID
}

func TestChangedRowKeepsHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		ctx := context.Background()
		mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,A,EUR\n")
		mustImport(t, svc, csvfmt.Customers, "entity,number,name\nNL01,K1,Klant 1\n")
		head := "entity,customer_number,number,invoice_date,due_date,currency,amount\n"
		mustImport(t, svc, csvfmt.Invoices, head+"NL01,K1,F-1,2026-10-01,2026-10-31,EUR,100.00\n")
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,invoice_number,allocated\nNL01,P1,2026-10-20,EUR,40.00,F-1,40.00\n")
		rep := mustImport(t, svc, csvfmt.Invoices, head+"NL01,K1,F-1,2026-10-01,2026-11-15,EUR,120.00\n")
		if rep.Updated != 1 {
			t.Fatalf("report %+v", rep)
		}
		is, _, _ := svc.Invoices(ctx, app.System, ledger.InvoiceFilter{Number: "F-1"})
		// no open_amount column: open = new amount minus what payments allocated
		if is[0].Amount != 12000 || is[0].OpenAmount != 8000 || is[0].DueDate.String() != "2026-11-15" {
			t.Fatalf("updated invoice %+v", is[0])
		}
		h, err := st.History(ctx, "invoice", is[0].ID)
		if err != nil || len(h) != 1 || !strings.Contains(h[0].Data, "2026-10-31") || h[0].ImportID == 0 {
			t.Fatalf("history %+v %v", h, err)
		}
		// the ERP's open amount, when given, is taken as is
		mustImport(t, svc, csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount,open_amount\n"+
			"NL01,K1,F-1,2026-10-01,2026-11-15,EUR,120.00,0\n")
		is, _, _ = svc.Invoices(ctx, app.System, ledger.InvoiceFilter{Number: "F-1"})
		if is[0].OpenAmount != 0 || is[0].Status != ledger.StatusPaid {
			t.Fatalf("open given: %+v", is[0])
		}
	})
}

func TestPaymentValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,A,EUR\n")
		mustImport(t, svc, csvfmt.Customers, "entity,number,name\nNL01,K1,Klant 1\nNL01,K2,Klant 2\n")
		mustImport(t, svc, csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
			"NL01,K1,F-1,2026-10-01,2026-10-31,EUR,100.00\nNL01,K1,F-2,2026-10-01,2026-10-31,EUR,50.00\nNL01,K2,F-3,2026-10-01,2026-10-31,EUR,10.00\n")
		head := "entity,reference,customer_number,date,currency,amount,invoice_number,allocated\n"
		cases := []struct {
			name, rows string
			row        int
			field      string
		}{
			{"over-allocation", "NL01,P1,K1,2026-10-20,EUR,150.00,F-1,120.00\n", 2, "allocated"},
			{"more than the payment", "NL01,P1,K1,2026-10-20,EUR,50.00,F-1,30.00\nNL01,P1,K1,2026-10-20,EUR,50.00,F-2,30.00\n", 2, "allocated"},
			{"unknown invoice", "NL01,P1,K1,2026-10-20,EUR,50.00,F-404,50.00\n", 2, "invoice_number"},
			{"another customer's invoice", "NL01,P1,K1,2026-10-20,EUR,10.00,F-3,10.00\n", 2, "invoice_number"},
			{"rows disagree", "NL01,P1,K1,2026-10-20,EUR,50.00,F-1,25.00\nNL01,P1,K1,2026-10-21,EUR,50.00,F-2,25.00\n", 3, "date"},
		}
		for _, c := range cases {
			rep := importCSV(t, svc, app.System, csvfmt.Payments, "pay.csv", head+c.rows, true)
			if rep.Rejected != 1 || rep.Problems[0].Row != c.row || rep.Problems[0].Field != c.field || rep.Committed {
				t.Errorf("%s: %+v", c.name, rep)
			}
		}
		// a combined payment for two invoices, and a partial one
		rep := mustImport(t, svc, csvfmt.Payments, head+"NL01,P1,K1,2026-10-20,EUR,120.00,F-1,100.00\nNL01,P1,K1,2026-10-20,EUR,120.00,F-2,20.00\n")
		if rep.Inserted != 1 {
			t.Fatalf("%+v", rep)
		}
		is, _, _ := svc.Invoices(context.Background(), app.System, ledger.InvoiceFilter{})
		open := map[string]int64{}
		for _, i := range is {
			open[i.Number] = i.OpenAmount
		}
		if open["F-1"] != 0 || open["F-2"] != 3000 || open["F-3"] != 1000 {
			t.Fatalf("open amounts %v", open)
		}
	})
}

// TestExportImportRoundTrip imports the templates, exports every kind as CSV
// and re-imports the export: nothing changes.
func TestExportImportRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		ctx := context.Background()
		templates(t, svc)
		for _, k := range csvfmt.Kinds() {
			var buf bytes.Buffer
			w := csvfmt.NewWriter(&buf, k)
			var err error
			switch k {
			case csvfmt.Entities:
				es, _ := svc.Entities(ctx, app.System)
				for _, e := range es {
					w.WriteEntity(e)
				}
			case csvfmt.Customers:
				err = svc.EachCustomer(ctx, app.System, ledger.CustomerFilter{}, w.WriteCustomer)
			case csvfmt.Invoices:
				err = svc.EachInvoice(ctx, app.System, ledger.InvoiceFilter{}, w.WriteInvoice)
			case csvfmt.Payments:
				err = svc.EachPayment(ctx, app.System, ledger.PaymentFilter{}, w.WritePayment)
			}
			if err != nil || w.Flush() != nil {
				t.Fatal(err)
			}
			rep := mustImport(t, svc, k, buf.String())
			if rep.Unchanged == 0 || rep.Inserted+rep.Updated != 0 {
				t.Errorf("%s export re-imported with changes: %+v\n%s", k, rep, buf.String())
			}
		}
	})
}

func TestImportUBLExamples(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "ubl", "peppol-bis-3-examples")
	cases := []struct {
		file, number, kind, issue, due, currency, ref string
		amount                                        int64
	}{
		// values read from the files themselves (LegalMonetaryTotal/PayableAmount etc.)
		{"base-example.xml", "Snippet1", ledger.InvoiceKindInvoice, "2017-11-13", "2017-12-01", "EUR", "Snippet1", 165625},
		{"base-creditnote-correction.xml", "Snippet1", ledger.InvoiceKindCreditNote, "2017-11-13", "", "EUR", "Snippet1", -165625},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, st *store.Store) {
				svc := app.New(st, nil, nil)
				ctx := context.Background()
				mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,Seller,EUR\n")
				f, err := os.Open(filepath.Join(dir, c.file))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				rep, err := svc.ImportUBL(ctx, app.System, f, c.file, app.ImportOptions{})
				if err != nil || rep.Inserted != 1 || !rep.Committed {
					t.Fatalf("import: %+v %v", rep, err)
				}
				is, _, _ := svc.Invoices(ctx, app.System, ledger.InvoiceFilter{})
				if len(is) != 1 {
					t.Fatalf("%d invoices", len(is))
				}
				i := is[0]
				if i.Number != c.number || i.Kind != c.kind || i.InvoiceDate.String() != c.issue || i.Currency != c.currency || i.Amount != c.amount {
					t.Errorf("invoice %+v", i)
				}
				if c.due != "" && i.DueDate.String() != c.due {
					t.Errorf("due %s, want %s", i.DueDate, c.due)
				}
				if c.ref != "" && i.PaymentRef != c.ref {
					t.Errorf("payment ref %q, want %q", i.PaymentRef, c.ref)
				}
				cs, _, _ := svc.Customers(ctx, app.System, ledger.CustomerFilter{})
				if len(cs) != 1 || cs[0].Name == "" {
					t.Errorf("buyer customer %+v", cs)
				}
				// the same document again changes nothing
				f.Seek(0, 0)
				rep, err = svc.ImportUBL(ctx, app.System, f, c.file, app.ImportOptions{})
				if err != nil || rep.Unchanged != 1 {
					t.Errorf("re-import: %+v %v", rep, err)
				}
			})
		})
	}
	t.Run("invalid", func(t *testing.T) {
		storetest.Each(t, func(t *testing.T, st *store.Store) {
			svc := app.New(st, nil, nil)
			mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,Seller,EUR\n")
			rep, err := svc.ImportUBL(context.Background(), app.System, strings.NewReader("<Invoice>"), "broken.xml", app.ImportOptions{})
			if err != nil || rep.Rejected != 1 || rep.Problems[0].File != "broken.xml" || rep.Problems[0].Field == "" || rep.Committed {
				t.Fatalf("broken document: %+v %v", rep, err)
			}
		})
	})
}

// TestDuplicateAcrossBatches: a number repeated thousands of rows later (in
// another batch) is still caught, without keeping every number in memory.
func TestDuplicateAcrossBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,A,EUR\n")
		mustImport(t, svc, csvfmt.Customers, "entity,number,name\nNL01,K1,Klant 1\n")
		var b strings.Builder
		b.WriteString("entity,customer_number,number,invoice_date,due_date,currency,amount\n")
		for k := 0; k < 10500; k++ {
			fmt.Fprintf(&b, "NL01,K1,F-%d,2026-10-01,2026-10-31,EUR,1.00\n", k)
		}
		b.WriteString("NL01,K1,F-7,2026-10-01,2026-10-31,EUR,1.00\n") // row 10502 repeats row 9
		rep := importCSV(t, svc, app.System, csvfmt.Invoices, "big.csv", b.String(), false)
		if rep.Rejected != 1 || rep.Problems[0].Row != 10502 || rep.Problems[0].Field != "number" || rep.Inserted != 10500 {
			t.Fatalf("report: inserted %d, problems %+v", rep.Inserted, rep.Problems)
		}
	})
}

// TestSameDataAnyFormat: the same invoice in another file format (Dutch
// Excel, or comma-separated with the columns in another order) changes
// nothing; a different amount does.
func TestSameDataAnyFormat(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := app.New(st, nil, nil)
		mustImport(t, svc, csvfmt.Entities, "code,name,currency\nNL01,A,EUR\n")
		mustImport(t, svc, csvfmt.Customers, "entity,number,name\nNL01,C1,Klant\n")
		a := "entity;customer_number;number;invoice_date;due_date;currency;amount\nNL01;C1;F1;01-02-2026;03-03-2026;EUR;1.234,50\n"
		b := "amount,number,entity,customer_number,currency,invoice_date,due_date\n1234.5,F1,NL01,C1,eur,2026-02-01,2026-03-03\n"
		if rep := mustImport(t, svc, csvfmt.Invoices, a); rep.Inserted != 1 {
			t.Fatalf("first import %+v", rep)
		}
		if rep := mustImport(t, svc, csvfmt.Invoices, b); rep.Unchanged != 1 {
			t.Fatalf("same invoice, other format: %+v", rep)
		}
		if rep := mustImport(t, svc, csvfmt.Invoices, strings.Replace(b, "1234.5", "1234.51", 1)); rep.Updated != 1 {
			t.Fatalf("other amount: %+v", rep)
		}
	})
}
