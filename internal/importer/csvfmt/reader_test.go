package csvfmt

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// readAll reads every record of data; row errors are collected, other errors fail the test.
func readAll(t testing.TB, kind Kind, data string, opt Options) (*Reader, []Record, []*RowError) {
	t.Helper()
	r, err := NewReader(strings.NewReader(data), "test.csv", kind, opt)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var recs []Record
	var errs []*RowError
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return r, recs, errs
		}
		if err != nil {
			re := AsRowErrors(err)
			if re == nil {
				t.Fatalf("Next: non-row error %v", err)
			}
			errs = append(errs, re...)
			continue
		}
		recs = append(recs, rec)
	}
}

// win1252 encodes s (Latin-1 range only) to Windows-1252 bytes.
func win1252(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			panic("not in Latin-1")
		}
		b = append(b, byte(r))
	}
	return string(b)
}

func TestDutchExcelInvoices(t *testing.T) {
	data := win1252("Administratie;Klantnummer;Factuurnummer;Soort;Factuurdatum;Vervaldatum;Valuta;Bedrag;Openstaand;Betalingskenmerk;Omschrijving\r\n" +
		"NL01;10023;F2026-001;factuur;02-03-2026;01-04-2026;EUR;1.234,56;1.000,00;3000012345678901;Café De Gouden Leeuw\r\n" +
		"NL01;10024;C2026-002;Creditnota;5-3-2026;05.03.2026;eur;121,00;;;\"Retour; één doos\"\r\n" +
		"\r\n" +
		"NL01;10025;F2026-003;;31/03/2026;30/04/2026;EUR;-12,50;-12,50;;correctie\r\n")
	if !strings.Contains(data, "\xe9") {
		t.Fatal("test data is not Windows-1252")
	}
	r, recs, errs := readAll(t, Invoices, data, Options{})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	d := r.Detected()
	if d.Encoding != Windows1252 || d.Delimiter != ';' || d.Decimal != ledger.DecimalComma || d.DecimalBy != "values" || d.BOM {
		t.Errorf("detected %+v", d)
	}
	want := []InvoiceRow{
		{Invoice: ledger.Invoice{EntityCode: "NL01", CustomerNumber: "10023", Number: "F2026-001", Kind: "invoice",
			InvoiceDate: ledger.MustDate("2026-03-02"), DueDate: ledger.MustDate("2026-04-01"), Currency: "EUR",
			Amount: 123456, OpenAmount: 100000, PaymentRef: "3000012345678901", Description: "Café De Gouden Leeuw",
			Status: "open", Source: "csv"}, OpenGiven: true},
		{Invoice: ledger.Invoice{EntityCode: "NL01", CustomerNumber: "10024", Number: "C2026-002", Kind: "credit_note",
			InvoiceDate: ledger.MustDate("2026-03-05"), DueDate: ledger.MustDate("2026-03-05"), Currency: "EUR",
			Amount: -12100, OpenAmount: -12100, Description: "Retour; één doos", Status: "open", Source: "csv"}},
		{Invoice: ledger.Invoice{EntityCode: "NL01", CustomerNumber: "10025", Number: "F2026-003", Kind: "invoice",
			InvoiceDate: ledger.MustDate("2026-03-31"), DueDate: ledger.MustDate("2026-04-30"), Currency: "EUR",
			Amount: -1250, OpenAmount: -1250, Description: "correctie", Status: "open", Source: "csv"}, OpenGiven: true},
	}
	wantRows := []int{2, 3, 5}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i, rec := range recs {
		if rec.Invoice == nil || rec.Customer != nil || rec.Payment != nil || rec.Entity != nil {
			t.Fatalf("record %d: wrong kind set: %+v", i, rec)
		}
		if *rec.Invoice != want[i] {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, *rec.Invoice, want[i])
		}
		if rec.Row != wantRows[i] {
			t.Errorf("record %d: row %d, want %d", i, rec.Row, wantRows[i])
		}
	}
}

func TestDutchExcelCustomers(t *testing.T) {
	data := win1252("sep=;\n" +
		"Administratie;Debiteurnummer;Naam;KvK;BTW-nummer;Plaats;Postcode;Land;Taal;Betalingstermijn;Kredietlimiet;Contactpersonen;Soort\n" +
		"NL01;10023;Brasserie Café Zoë;34123456;NL812345678B01;'s-Hertogenbosch;5211 AB;Nederland;NL;14 dagen;25.000,00;\"Zoë Müller|facturatie|zoe@cafe.nl\";zakelijk\n" +
		"NL01;10024;J. de Vries;;;Utrecht;;nl;EN;;;;Particulier\n")
	r, recs, errs := readAll(t, Customers, data, Options{})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if d := r.Detected(); !d.SepLine || d.HeaderLine != 2 || d.Encoding != Windows1252 || d.Decimal != ledger.DecimalComma {
		t.Errorf("detected %+v", d)
	}
	if len(recs) != 2 {
		t.Fatalf("got %d records", len(recs))
	}
	c := recs[0].Customer
	if c.Name != "Brasserie Café Zoë" || c.City != "'s-Hertogenbosch" || c.Country != "NL" || c.Language != "nl" ||
		c.PaymentTerms != 14 || c.CreditLimit != 2500000 || c.Kind != "b2b" || c.VATNumber != "NL812345678B01" || recs[0].Row != 3 {
		t.Errorf("customer 1: %+v (row %d)", c, recs[0].Row)
	}
	if len(c.Contacts) != 1 || c.Contacts[0] != (ledger.Contact{Name: "Zoë Müller", Role: "billing", Email: "zoe@cafe.nl"}) {
		t.Errorf("contacts %+v", c.Contacts)
	}
	c = recs[1].Customer
	if c.Kind != "consumer" || c.Language != "en" || c.PaymentTerms != 30 || c.CreditLimit != 0 || c.Contacts != nil || recs[1].Row != 4 {
		t.Errorf("customer 2: %+v", c)
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name      string
		kind      Kind
		data      string
		opt       Options
		enc       Encoding
		bom       bool
		delim     rune
		dec       ledger.DecimalSeparator
		amount    int64 // of the first record
		currency  string
		recs      int
		lastRow   int
		firstText string // description / name of the first record
	}{
		{"english", Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount,open_amount,description\r\n" +
			"NL01,C1,INV-1,2026-01-10,2026-02-09,EUR,\"1,234.56\",1234.56,\"Widgets, blue \"\"deluxe\"\"\"\r\n" +
			"NL01,C1,INV-2,2026-01-11,2026-02-10,USD,99.5,,\"two\r\nlines\"\r\n" +
			"NL01,C1,INV-3,2026-01-12,2026-02-11,GBP,10,,x\r\n",
			Options{}, UTF8, false, ',', ledger.DecimalPoint, 123456, "EUR", 3, 5, `Widgets, blue "deluxe"`},
		{"bom", Invoices, "\ufeffEntity,Customer Number,Number,Invoice Date,Due Date,Currency,Amount\n" +
			"NL01,C1,INV-1,2026-01-10,2026-02-09,EUR,12.5\n",
			Options{}, UTF8, true, ',', ledger.DecimalPoint, 1250, "EUR", 1, 2, ""},
		{"tab", Invoices, "entity\tcustomer_number\tnumber\ttype\tinvoice_date\tdue_date\tcurrency\tamount\tdescription\n" +
			"NL01\tC1\tINV-1\t\t2026-01-10\t2026-02-09\tEUR\t1 234,56\tTab\n",
			Options{}, UTF8, false, '\t', ledger.DecimalComma, 123456, "EUR", 1, 2, "Tab"},
		{"pipe", Invoices, "entity|customer_number|number|invoice_date|due_date|currency|amount\n" +
			"NL01|C1|INV-1|2026-01-10|2026-02-09|EUR|1234.50\n",
			Options{}, UTF8, false, '|', ledger.DecimalPoint, 123450, "EUR", 1, 2, ""},
		{"jpy", Invoices, "entity;customer_number;number;invoice_date;due_date;currency;amount\n" +
			"JP01;C9;JP-1;2026-01-10;2026-02-09;jpy;150.000\n",
			Options{}, UTF8, false, ';', ledger.DecimalComma, 150000, "JPY", 1, 2, ""},
		{"kwd three decimals", Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\n" +
			"KW01,C9,KW-1,2026-01-10,2026-02-09,KWD,12.345\n",
			Options{}, UTF8, false, ',', ledger.DecimalPoint, 12345, "KWD", 1, 2, ""},
		{"forced decimal", Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\n" +
			"NL01,C1,INV-1,2026-01-10,2026-02-09,EUR,\"1,234\"\n",
			Options{Decimal: ledger.DecimalComma}, UTF8, false, ',', ledger.DecimalComma, 0, "EUR", 0, 0, ""},
		{"forced delimiter and encoding", Entities, "code;name;currency\nNL01;Kredo, B.V.;EUR\n",
			Options{Delimiter: ';', Encoding: Windows1252}, Windows1252, false, ';', ledger.DecimalComma, 0, "", 1, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, recs, errs := readAll(t, tt.kind, tt.data, tt.opt)
			d := r.Detected()
			if d.Encoding != tt.enc || d.BOM != tt.bom || d.Delimiter != tt.delim || d.Decimal != tt.dec {
				t.Errorf("detected %s, want %s bom=%v %q %q", d, tt.enc, tt.bom, tt.delim, rune(tt.dec))
			}
			if tt.name == "forced decimal" { // "1,234" as 1.234 EUR: three decimals
				if len(errs) != 1 || errs[0].Field != "amount" || !strings.Contains(errs[0].Reason, "more than 2 decimals") {
					t.Errorf("errors %v", errs)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if len(recs) != tt.recs || recs[len(recs)-1].Row != tt.lastRow {
				t.Fatalf("got %d records, last row %d; want %d, %d", len(recs), recs[len(recs)-1].Row, tt.recs, tt.lastRow)
			}
			if tt.kind == Entities {
				if e := recs[0].Entity; e.Code != "NL01" || e.Name != "Kredo, B.V." || e.Currency != "EUR" {
					t.Errorf("entity %+v", e)
				}
				return
			}
			inv := recs[0].Invoice
			if inv.Amount != tt.amount || inv.Currency != tt.currency || inv.Description != tt.firstText {
				t.Errorf("invoice %+v", inv)
			}
			if tt.name == "english" && recs[1].Invoice.Description != "two\nlines" {
				t.Errorf("multi-line description %q", recs[1].Invoice.Description)
			}
		})
	}
}

func TestCreditNoteSigns(t *testing.T) {
	tests := []struct {
		typ, amount, open string
		wantAmount        int64
		wantOpen          int64
		wantOpenGiven     bool
	}{
		{"credit_note", "121.00", "", -12100, -12100, false},
		{"credit_note", "-121.00", "-21.00", -12100, -2100, true},
		{"CREDIT NOTE", "121.00", "21.00", -12100, -2100, true},
		{"creditnota", "(121.00)", "0", -12100, 0, true},
		{"invoice", "-50.00", "-50.00", -5000, -5000, true},
		{"", "50.00-", "", -5000, -5000, false},
		{"invoice", "50", "0.00", 5000, 0, true},
	}
	for _, tt := range tests {
		data := "entity,customer_number,number,type,invoice_date,due_date,currency,amount,open_amount\n" +
			"NL01,C1,X1," + tt.typ + ",2026-01-01,2026-01-31,EUR," + tt.amount + "," + tt.open + "\n"
		_, recs, errs := readAll(t, Invoices, data, Options{Decimal: ledger.DecimalPoint})
		if len(errs) > 0 || len(recs) != 1 {
			t.Errorf("%v: errors %v", tt, errs)
			continue
		}
		inv := recs[0].Invoice
		if inv.Amount != tt.wantAmount || inv.OpenAmount != tt.wantOpen || inv.OpenGiven != tt.wantOpenGiven {
			t.Errorf("%v: got amount %d open %d given %v", tt, inv.Amount, inv.OpenAmount, inv.OpenGiven)
		}
		wantStatus := "open"
		if tt.wantOpen == 0 {
			wantStatus = "paid"
		}
		if inv.Status != wantStatus {
			t.Errorf("%v: status %q", tt, inv.Status)
		}
	}
}

func TestPaymentRows(t *testing.T) {
	data := "entity;reference;date;currency;amount;customer_number;invoice_number;allocated\n" +
		"NL01;BNK-1;03-04-2026;EUR;1.113,56;10023;F1;1.234,56\n" +
		"NL01;BNK-2;04-04-2026;EUR;50,00;;;\n" +
		"NL01;BNK-1;03-04-2026;EUR;1.113,56;10023;C1;-121,00\n" +
		"NL01;BNK-3;05-04-2026;EUR;75,00;10024;F2;\n"
	_, recs, errs := readAll(t, Payments, data, Options{})
	if len(errs) > 0 || len(recs) != 4 {
		t.Fatalf("errors %v, %d records", errs, len(recs))
	}
	p := recs[0].Payment
	if p.Payment.Amount != 111356 || p.Payment.Date != ledger.MustDate("2026-04-03") || p.InvoiceNumber != "F1" ||
		p.Allocated != 123456 || !p.HasAllocation || !p.AllocatedGiven || p.Payment.Source != "csv" {
		t.Errorf("row 2: %+v", p)
	}
	if p := recs[1].Payment; p.HasAllocation || p.Allocated != 0 || p.Payment.Amount != 5000 {
		t.Errorf("row 3: %+v", p)
	}
	if p := recs[3].Payment; !p.HasAllocation || p.AllocatedGiven || p.Allocated != 7500 {
		t.Errorf("row 5: %+v", p)
	}
	// the rows of a payment belong together only when adjacent (the
	// importer reports a payment reference that comes back later as a
	// repeat); here BNK-1's second row comes after BNK-2
	groups := groupPayments(recs)
	if len(groups) != 4 || groups[0].Reference != "BNK-1" || groups[2].Reference != "BNK-1" {
		t.Fatalf("groups %v", groups)
	}
	if g := groups[2]; len(g.Allocations) != 1 || g.Allocations[0] != (ledger.Allocation{InvoiceNumber: "C1", Amount: -12100}) {
		t.Errorf("BNK-1, row 4: %+v", g)
	}
}

func TestErrors(t *testing.T) {
	const invHead = "entity,customer_number,number,type,invoice_date,due_date,currency,amount,open_amount\n"
	const good = "NL01,C1,F0,invoice,2026-01-01,2026-01-31,EUR,100.50,100.50\n"
	const custHead = "entity,number,name,kind,language,payment_terms,currency,credit_limit,contacts,country,email\n"
	const entHead = "code,name,currency,ibans,country\n"
	const payHead = "entity,reference,date,currency,amount,invoice_number,allocated\n"
	tests := []struct {
		name   string
		kind   Kind
		data   string
		header bool // the error comes from NewReader
		row    int
		field  string
		reason string
	}{
		{"bad date", Invoices, invHead + good + "NL01,C1,F1,,31-02-2026,2026-03-31,EUR,10.00,\n", false, 3, "invoice_date", `invalid date "31-02-2026"`},
		{"bad amount", Invoices, invHead + good + "NL01,C1,F1,,2026-01-01,2026-01-31,EUR,12x,\n", false, 3, "amount", "invalid amount"},
		{"wrong decimal separator", Invoices, invHead + good + "NL01,C1,F1,,2026-01-01,2026-01-31,EUR,\"12,5\",\n", false, 3, "amount", "decimal separator"},
		{"too many decimals", Invoices, invHead + good + "NL01,C1,F1,,2026-01-01,2026-01-31,EUR,12.345,\n", false, 3, "amount", "more than 2 decimals"},
		{"jpy decimals", Invoices, invHead + good + "NL01,C1,F1,,2026-01-01,2026-01-31,JPY,1200.50,\n", false, 3, "amount", "more than 0 decimals for JPY"},
		{"unknown currency", Invoices, invHead + good + "NL01,C1,F1,,2026-01-01,2026-01-31,EUX,12.00,\n", false, 3, "currency", `unknown currency "EUX"`},
		{"missing value", Invoices, invHead + good + "NL01,C1,,,2026-01-01,2026-01-31,EUR,12.00,\n", false, 3, "number", "missing required value"},
		{"missing amount", Invoices, invHead + good + "NL01,C1,F1,,2026-01-01,2026-01-31,EUR,,\n", false, 3, "amount", "missing required value"},
		{"missing column", Invoices, "entity,customer_number,number,invoice_date,currency,amount\n" + good, true, 1, "due_date", "missing required column due_date"},
		{"unknown column", Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount,colour\n", true, 1, "colour", `unknown column "colour"`},
		{"duplicate column", Invoices, "entity,customer_number,number,invoice_date,due_date,Vervaldatum,currency,amount\n", true, 1, "due_date", "appears twice"},
		{"empty file", Invoices, "", true, 1, "", "empty"},
		{"utf16", Invoices, "\xff\xfee\x00", true, 1, "", "UTF-16"},
		{"too many fields", Invoices, invHead + good + "NL01,C1,F1,,2026-01-01,2026-01-31,EUR,12,50,\n", false, 3, "", "expected 9 fields, got 10"},
		{"too few fields", Invoices, invHead + "\n" + good + "NL01,C1\n", false, 4, "", "expected 9 fields, got 2"},
		{"row after multi-line", Invoices, invHead + "NL01,C1,\"F\n0\",,2026-01-01,2026-01-31,EUR,1.00,\n" + "NL01,C1\n", false, 4, "", "expected 9 fields"},
		{"bare quote", Invoices, invHead + good + "NL01,C1,F\"1,,2026-01-01,2026-01-31,EUR,12.00,\n", false, 3, "", "quote"},
		{"due before invoice", Invoices, invHead + good + "NL01,C1,F1,,2026-02-01,2026-01-31,EUR,12.00,\n", false, 3, "due_date", "before the invoice date 2026-02-01"},
		{"open above amount", Invoices, invHead + good + "NL01,C1,F1,,2026-01-01,2026-01-31,EUR,12.00,12.01\n", false, 3, "open_amount", "not exceed"},
		{"open wrong sign", Invoices, invHead + good + "NL01,C1,F1,,2026-01-01,2026-01-31,EUR,12.00,-1.00\n", false, 3, "open_amount", "sign"},
		{"negative open above negative amount", Invoices, invHead + good + "NL01,C1,F1,,2026-01-01,2026-01-31,EUR,-12.00,-13.00\n", false, 3, "open_amount", "not exceed"},
		{"bad type", Invoices, invHead + good + "NL01,C1,F1,bill,2026-01-01,2026-01-31,EUR,12.00,\n", false, 3, "type", `invalid type "bill", want invoice or credit_note`},
		{"entity with space", Invoices, invHead + good + "NL 01,C1,F1,,2026-01-01,2026-01-31,EUR,12.00,\n", false, 3, "entity", "contains spaces"},
		{"year out of range", Invoices, invHead + good + "NL01,C1,F1,,0202-01-01,2026-01-31,EUR,12.00,\n", false, 3, "invoice_date", "out of range"},
		{"bad language", Customers, custHead + "NL01,C1,Acme,b2b,es,30,,,,,\n", false, 2, "language", `invalid language "es"`},
		{"bad kind", Customers, custHead + "NL01,C1,Acme,government,nl,30,,,,,\n", false, 2, "kind", "want b2b or consumer"},
		{"bad terms", Customers, custHead + "NL01,C1,Acme,,,soon,,,,,\n", false, 2, "payment_terms", "invalid payment terms"},
		{"negative credit limit", Customers, custHead + "NL01,C1,Acme,,,,,-5.00,,,\n", false, 2, "credit_limit", "negative"},
		{"credit limit decimals", Customers, custHead + "NL01,C1,Acme,,,,JPY,5.5,,,\n", false, 2, "credit_limit", "more than 0 decimals"},
		{"bad contact role", Customers, custHead + "NL01,C1,Acme,,,,,,Jan|boss,,\n", false, 2, "contacts", `invalid role "boss"`},
		{"too many contact fields", Customers, custHead + "NL01,C1,Acme,,,,,,a|b|c|d|e|f,,\n", false, 2, "contacts", "6 fields"},
		{"own parent", Customers, "entity,number,name,parent_number\nNL01,C1,Acme,C1\n", false, 2, "parent_number", "own parent"},
		{"bad country", Customers, custHead + "NL01,C1,Acme,,,,,,,Narnia,\n", false, 2, "country", "invalid country"},
		{"bad email", Customers, custHead + "NL01,C1,Acme,,,,,,,,info.acme.nl\n", false, 2, "email", "invalid e-mail"},
		{"bad iban", Entities, entHead + "NL01,Acme,EUR,NL91ABNA0417164301,NL\n", false, 2, "ibans", `invalid IBAN "NL91ABNA0417164301"`},
		{"missing entity currency", Entities, entHead + "NL01,Acme,,,\n", false, 2, "currency", "missing required value"},
		{"allocated without invoice", Payments, payHead + "NL01,P1,2026-01-01,EUR,10.00,,10.00\n", false, 2, "invoice_number", "missing invoice number"},
		{"bad allocated", Payments, payHead + "NL01,P1,2026-01-01,EUR,10.00,F1,ten\n", false, 2, "allocated", "invalid amount"},
		{"value in unnamed column", Entities, "code,name,currency,\nNL01,Acme,EUR,x\n", false, 2, "", "no column name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs []*RowError
			r, err := NewReader(strings.NewReader(tt.data), "invoices.csv", tt.kind, Options{})
			if tt.header {
				if r != nil || err == nil {
					t.Fatalf("NewReader: no error")
				}
				errs = AsRowErrors(err)
			} else {
				if err != nil {
					t.Fatalf("NewReader: %v", err)
				}
				var nrec int
				for {
					rec, err := r.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						errs = append(errs, AsRowErrors(err)...)
						if !errors.Is(err, ledger.ErrInvalid) {
							t.Errorf("errors.Is(err, ErrInvalid) is false")
						}
						continue
					}
					nrec++
					if rec.Row == tt.row {
						t.Errorf("row %d parsed without error: %+v", rec.Row, rec)
					}
				}
			}
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
			}
			e := errs[0]
			if e.File != "invoices.csv" || e.Row != tt.row || e.Field != tt.field || !strings.Contains(e.Reason, tt.reason) {
				t.Errorf("got %q (row %d field %q)\nwant row %d field %q reason containing %q", e.Error(), e.Row, e.Field, tt.row, tt.field, tt.reason)
			}
		})
	}
}

func TestRowErrorsAllFields(t *testing.T) {
	data := "entity,customer_number,number,invoice_date,due_date,currency,amount\n" +
		"NL01,,F1,2026-13-01,2026-01-31,EUR,1.00\n"
	_, recs, errs := readAll(t, Invoices, data, Options{})
	if len(recs) != 0 || len(errs) != 2 {
		t.Fatalf("records %d, errors %v", len(recs), errs)
	}
	if errs[0].Field != "customer_number" || errs[1].Field != "invoice_date" || errs[1].Value != "2026-13-01" || errs[0].Row != 2 {
		t.Errorf("errors %v", errs)
	}
	want := `test.csv: row 2, field invoice_date: invalid date "2026-13-01", want YYYY-MM-DD or DD-MM-YYYY`
	if errs[1].Error() != want {
		t.Errorf("Error() = %q\nwant %q", errs[1].Error(), want)
	}
}

func TestHeaderAliases(t *testing.T) {
	for _, h := range []string{"FACTUUR-NUMMER", "Factuur nummer", "factuurnummer", "invoice_number", " Number "} {
		data := "entity,customer_number," + h + ",invoice_date,due_date,currency,amount\nNL01,C1,F1,2026-01-01,2026-01-01,EUR,1\n"
		r, recs, errs := readAll(t, Invoices, data, Options{})
		if len(errs) > 0 || len(recs) != 1 || recs[0].Invoice.Number != "F1" || r.Detected().Columns[2] != "number" {
			t.Errorf("header %q: %v %v", h, errs, recs)
		}
	}
}
