package csvfmt

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

func TestRoundTripEntities(t *testing.T) {
	in := []ledger.Entity{
		{Code: "NL01", Name: "Van Dijk \"Installatie\", B.V.", Currency: "EUR", IBANs: []string{"NL91ABNA0417164300", "BE68539007547034"},
			AddressLine: "Stationsweg 12", PostalCode: "3811 KL", City: "Amersfoort", Country: "NL", VATNumber: "NL853746281B01",
			CoCNumber: "61234567", Email: "info@vandijk.nl", Phone: "+31 33 123 4567", Website: "https://vandijk.nl"},
		{Code: "JP01", Name: "=cmd|' /C calc'!A0", Currency: "JPY"},
	}
	var b bytes.Buffer
	w := NewWriter(&b, Entities)
	for _, e := range in {
		if err := w.WriteEntity(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `'=cmd`) || !strings.Contains(b.String(), `'+31 33`) {
		t.Errorf("formula not escaped:\n%s", b.String())
	}
	_, recs, errs := readAll(t, Entities, b.String(), Options{})
	if len(errs) > 0 || len(recs) != len(in) {
		t.Fatalf("errors %v, %d records", errs, len(recs))
	}
	for i, rec := range recs {
		if !reflect.DeepEqual(*rec.Entity, in[i]) {
			t.Errorf("entity %d:\n got %+v\nwant %+v", i, *rec.Entity, in[i])
		}
	}
}

func TestRoundTripCustomers(t *testing.T) {
	in := []ledger.Customer{
		{EntityCode: "NL01", Number: "10023", Name: `Bakkerij "De Korenaar", Jansen & Zn.`, Kind: "b2b", CoCNumber: "34123456",
			VATNumber: "NL812345678B01", AddressLine: "Kerkstraat 1\nachterom", PostalCode: "1012 AB", City: "Amsterdam",
			Country: "NL", Email: "a@korenaar.nl; b@korenaar.nl", Phone: "020 123 4567", Language: "de", Segment: "Retail",
			Region: "Noord", AccountManager: "Sanne", Controller: "pieter", ParentNumber: "10000", PaymentTerms: 0,
			Currency: "USD", CreditLimit: 1234567, Contacts: []ledger.Contact{
				{Name: `Jansen, "Piet" | de \ Bakker; sr.`, Role: "billing", Email: "piet@korenaar.nl", Phone: "+31 6 1234 5678", Language: "nl"},
				{Name: "=HYPERLINK(\"x\")", Role: "dunning"},
				{Name: "", Role: "general", Email: "info@korenaar.nl", Language: "fr"},
			}},
		{EntityCode: "NL01", Number: "-7", Name: "'Quoted' Name", Kind: "consumer", Language: "nl", PaymentTerms: 30},
		{EntityCode: "JP01", Number: "J1", Name: "Kabushiki", Kind: "b2b", Language: "en", PaymentTerms: 60, Currency: "JPY", CreditLimit: 5000000},
		{EntityCode: "NL01", Number: "C9", Name: "'=tricky", Kind: "b2b", Language: "nl", PaymentTerms: 14, CreditLimit: 100050},
	}
	var b bytes.Buffer
	w := NewWriter(&b, Customers)
	for _, c := range in {
		if err := w.WriteCustomer(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	_, recs, errs := readAll(t, Customers, b.String(), Options{})
	if len(errs) > 0 || len(recs) != len(in) {
		t.Fatalf("errors %v, %d records\n%s", errs, len(recs), b.String())
	}
	for i, rec := range recs {
		if !reflect.DeepEqual(*rec.Customer, in[i]) {
			t.Errorf("customer %d:\n got %+v\nwant %+v", i, *rec.Customer, in[i])
		}
	}
}

func TestRoundTripInvoices(t *testing.T) {
	d := ledger.MustDate
	in := []ledger.Invoice{
		{EntityCode: "NL01", CustomerNumber: "10023", Number: "F1", Kind: "invoice", InvoiceDate: d("2026-03-02"), DueDate: d("2026-04-01"),
			Currency: "EUR", Amount: 123456, OpenAmount: 100000, PaymentRef: "3000 0123 4567 8901", ProductGroup: "Brood",
			PONumber: "PO-1", Description: "Line one,\n\"line\" two", Status: "open", Source: "csv"},
		{EntityCode: "NL01", CustomerNumber: "10023", Number: "C1", Kind: "credit_note", InvoiceDate: d("2026-03-02"), DueDate: d("2026-03-02"),
			Currency: "EUR", Amount: -12100, OpenAmount: 0, Description: "-korting", Status: "paid", Source: "csv"},
		{EntityCode: "NL01", CustomerNumber: "10024", Number: "F2", Kind: "invoice", InvoiceDate: d("2026-03-02"), DueDate: d("2026-03-31"),
			Currency: "EUR", Amount: -1, OpenAmount: -1, Status: "open", Source: "csv"},
		{EntityCode: "JP01", CustomerNumber: "J1", Number: "JP-1", Kind: "invoice", InvoiceDate: d("2026-01-10"), DueDate: d("2026-02-09"),
			Currency: "JPY", Amount: 1500000, OpenAmount: 1, Status: "open", Source: "csv"},
		{EntityCode: "KW01", CustomerNumber: "K1", Number: "KW-1", Kind: "invoice", InvoiceDate: d("2026-01-10"), DueDate: d("2026-02-09"),
			Currency: "KWD", Amount: 1234567, OpenAmount: 1234567, Status: "open", Source: "csv"},
	}
	var b bytes.Buffer
	w := NewWriter(&b, Invoices)
	for _, inv := range in {
		if err := w.WriteInvoice(inv); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "entity,customer_number,number,type,invoice_date,due_date,currency,amount,open_amount,payment_reference,product_group,po_number,description\n") {
		t.Errorf("header: %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
	_, recs, errs := readAll(t, Invoices, b.String(), Options{})
	if len(errs) > 0 || len(recs) != len(in) {
		t.Fatalf("errors %v, %d records", errs, len(recs))
	}
	for i, rec := range recs {
		if rec.Invoice.Invoice != in[i] || !rec.Invoice.OpenGiven {
			t.Errorf("invoice %d:\n got %+v\nwant %+v", i, *rec.Invoice, in[i])
		}
	}
}

func TestRoundTripPayments(t *testing.T) {
	d := ledger.MustDate
	in := []ledger.Payment{
		{EntityCode: "NL01", Reference: "BNK-1", CustomerNumber: "10023", Date: d("2026-04-03"), Currency: "EUR", Amount: 111356,
			Description: "Betaling F1, C1", Source: "csv", Allocations: []ledger.Allocation{
				{InvoiceNumber: "F1", Amount: 123456}, {InvoiceNumber: "C1", Amount: -12100}}},
		{EntityCode: "NL01", Reference: "BNK-2", Date: d("2026-04-04"), Currency: "EUR", Amount: 5000, Source: "csv"},
		{EntityCode: "NL01", Reference: "BNK-3", CustomerNumber: "10024", Date: d("2026-04-05"), Currency: "EUR", Amount: 10000,
			Source: "csv", Allocations: []ledger.Allocation{{InvoiceNumber: "F2", Amount: 2500}}},
		{EntityCode: "NL01", Reference: "REFUND-1", CustomerNumber: "10024", Date: d("2026-04-06"), Currency: "EUR", Amount: -2500,
			Source: "csv", Allocations: []ledger.Allocation{{InvoiceNumber: "C7", Amount: -2500}}},
		{EntityCode: "JP01", Reference: "JP-PAY", Date: d("2026-04-06"), Currency: "JPY", Amount: 1500000,
			Source: "csv", Allocations: []ledger.Allocation{{InvoiceNumber: "JP-1", Amount: 1000000}, {InvoiceNumber: "JP-2", Amount: 500000}}},
	}
	var b bytes.Buffer
	w := NewWriter(&b, Payments)
	for _, p := range in {
		if err := w.WritePayment(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != 1+2+1+1+1+2 {
		t.Errorf("%d lines:\n%s", n, b.String())
	}
	_, recs, errs := readAll(t, Payments, b.String(), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	groups := groupPayments(recs)
	if len(groups) != len(in) {
		t.Fatalf("%d payments, want %d", len(groups), len(in))
	}
	for i, g := range groups {
		if !reflect.DeepEqual(g, in[i]) {
			t.Errorf("payment %d:\n got %+v\nwant %+v", i, g, in[i])
		}
	}
}

func TestWriterErrors(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, Invoices)
	if err := w.WriteEntity(ledger.Entity{Code: "X"}); err == nil {
		t.Error("entity written to an invoices file")
	}
	if err := w.Flush(); err != nil || b.String() != strings.Join(headerNames(Invoices), ",")+"\n" {
		t.Errorf("empty export %q, %v", b.String(), err)
	}
	if err := NewWriter(&b, "bogus").Flush(); err != nil {
		t.Errorf("flush of unknown kind: %v", err)
	}
	if err := NewWriter(&b, "bogus").WriteInvoice(ledger.Invoice{}); err == nil {
		t.Error("no error for unknown kind")
	}
}

func headerNames(k Kind) []string {
	var n []string
	for _, c := range Columns(k) {
		n = append(n, c.Name)
	}
	return n
}

func TestContactsEncoding(t *testing.T) {
	cs := []ledger.Contact{
		{Name: `A|B;C\D`, Role: "billing", Email: "a@b.nl"},
		{Name: "Jan", Role: "general"},
	}
	s := EncodeContacts(cs)
	if s != `A\|B\;C\\D|billing|a@b.nl;Jan|general` {
		t.Errorf("encoded %q", s)
	}
	got, err := DecodeContacts(s)
	if err != nil || !reflect.DeepEqual(got, cs) {
		t.Errorf("decoded %+v, %v", got, err)
	}
	got, err = DecodeContacts(" Piet | Aanmaning ; ; ||info@x.nl||EN;")
	want := []ledger.Contact{{Name: "Piet", Role: "dunning"}, {Role: "general", Email: "info@x.nl", Language: "en"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("decoded %+v, %v", got, err)
	}
	for _, bad := range []string{`Jan\`, "|billing", "Jan|boss", "Jan||not-an-email", "Jan||||xx", "a|b|c|d|e|f"} {
		if _, err := DecodeContacts(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if got, err := DecodeContacts(""); got != nil || err != nil {
		t.Errorf("empty: %v %v", got, err)
	}
}

func TestFormulaEscape(t *testing.T) {
	for _, s := range []string{"", "=", "'", "''", "'=", "''=x", "'abc", "-1", "+31", "@x", "\tx", "abc", "'''"} {
		e := escapeFormula(s)
		if got := unescapeFormula(e); got != s {
			t.Errorf("%q -> %q -> %q", s, e, got)
		}
		if formulaStart(e) && e[0] != '\'' {
			t.Errorf("%q escaped to a formula %q", s, e)
		}
	}
}

func TestTemplates(t *testing.T) {
	for _, k := range Kinds() {
		tpl := string(Template(k))
		if !strings.HasPrefix(tpl, strings.Join(headerNames(k), ",")+"\n") {
			t.Errorf("%s: template header %q", k, strings.SplitN(tpl, "\n", 2)[0])
		}
		_, recs, errs := readAll(t, k, tpl, Options{})
		if len(errs) > 0 || len(recs) < 2 {
			t.Errorf("%s: template: %d records, errors %v\n%s", k, len(recs), errs, tpl)
		}
		if k == Payments {
			if g := groupPayments(recs); len(g) != 2 || g[0].Unallocated() != 0 {
				t.Errorf("template payments: %+v", g)
			}
		}
	}
	if len(Template("bogus")) != 0 {
		t.Error("template for unknown kind")
	}
}

func TestDocumentation(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	md := Markdown()
	for _, k := range Kinds() {
		section := string(src)
		if i := strings.Index(section, "// # "+strings.ToUpper(string(k[:1]))+string(k[1:])); i >= 0 {
			section = section[i:]
		} else {
			t.Errorf("doc.go has no section for %s", k)
		}
		for _, c := range Columns(k) {
			if !strings.Contains(section, c.Name) {
				t.Errorf("doc.go does not document %s.%s", k, c.Name)
			}
			if !strings.Contains(md, "| `"+c.Name+"` |") {
				t.Errorf("Markdown lacks %s.%s", k, c.Name)
			}
			if c.Description == "" {
				t.Errorf("%s.%s has no description", k, c.Name)
			}
		}
	}
	if Columns("bogus") != nil {
		t.Error("columns for unknown kind")
	}
	cols := Columns(Invoices)
	cols[0].Aliases[0] = "changed"
	if Columns(Invoices)[0].Aliases[0] == "changed" {
		t.Error("Columns exposes internal state")
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]Kind{"Invoices": Invoices, "facturen": Invoices, "klanten": Customers, "payment": Payments, "entities": Entities} {
		if k, err := ParseKind(in); err != nil || k != want {
			t.Errorf("%q: %v %v", in, k, err)
		}
	}
	if _, err := ParseKind("orders"); err == nil {
		t.Error("orders accepted")
	}
}
