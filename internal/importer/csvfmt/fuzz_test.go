package csvfmt

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"testing"
)

// FuzzReader checks that no input panics, that every error is a row error
// with a row number, and that every record parsed writes and reads back
// unchanged.
func FuzzReader(f *testing.F) {
	for i, k := range Kinds() {
		f.Add(Template(k), uint8(i))
	}
	f.Add([]byte(win1252("Administratie;Klantnummer;Factuurnummer;Soort;Factuurdatum;Vervaldatum;Valuta;Bedrag;Openstaand\r\n"+
		"NL01;10023;F1;creditnota;02-03-2026;01-04-2026;EUR;1.234,56;1.000,00\r\n")), uint8(2))
	f.Add([]byte("\ufeffsep=|\ncode|name|currency|ibans\nNL01|'=x|eur|NL91 ABNA 0417 1643 00\n"), uint8(0))
	f.Add([]byte("entity,number,name,contacts\nNL01,1,\"A, \"\"B\"\"\",\"x\\|y|dunning|a@b.nl;z\"\n\n,,,\n"), uint8(1))
	f.Add([]byte("entity\treference\tdate\tcurrency\tamount\tinvoice_number\tallocated\nNL01\tP\t20260101\tJPY\t(100)\tF\t\n"), uint8(3))
	f.Add([]byte("a,b\n\"unterminated\n"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		kind := Kinds()[int(k)%len(Kinds())]
		r, err := NewReader(bytes.NewReader(data), "fuzz.csv", kind, Options{})
		if err != nil {
			checkRowErrors(t, err)
			return
		}
		for i := 0; i < 5000; i++ {
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				checkRowErrors(t, err)
				continue
			}
			if rec.Row < 1 {
				t.Fatalf("record row %d", rec.Row)
			}
			if i < 20 { // each round trip allocates a reader's 128 KiB of buffers
				checkRoundTrip(t, kind, rec)
			}
		}
	})
}

func checkRowErrors(t *testing.T, err error) {
	t.Helper()
	errs := AsRowErrors(err)
	if len(errs) == 0 {
		t.Fatalf("not a row error: %v", err)
	}
	for _, e := range errs {
		if e.Row < 1 || e.File != "fuzz.csv" || e.Reason == "" {
			t.Fatalf("bad row error %#v", e)
		}
	}
}

// checkRoundTrip writes rec with a Writer and reads it back.
func checkRoundTrip(t *testing.T, kind Kind, rec Record) {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, kind)
	var err error
	switch kind {
	case Entities:
		err = w.WriteEntity(*rec.Entity)
	case Customers:
		err = w.WriteCustomer(*rec.Customer)
	case Invoices:
		err = w.WriteInvoice(rec.Invoice.Invoice)
	case Payments:
		p := rec.Payment.Payment
		if rec.Payment.HasAllocation {
			p.Allocations = append(p.Allocations, allocation(rec.Payment))
		}
		err = w.WritePayment(p)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(&b, "again.csv", kind, Options{})
	if err != nil {
		t.Fatalf("re-read header: %v\n%s", err, b.String())
	}
	got, err := r.Next()
	if err != nil {
		t.Fatalf("re-read: %v\n%s", err, b.String())
	}
	var a, c any
	switch kind {
	case Entities:
		a, c = *rec.Entity, *got.Entity
	case Customers:
		a, c = *rec.Customer, *got.Customer
	case Invoices:
		a, c = rec.Invoice.Invoice, got.Invoice.Invoice
	case Payments:
		p, q := rec.Payment, got.Payment
		a = fmt.Sprint(p.Payment, p.InvoiceNumber, p.Allocated, p.HasAllocation)
		c = fmt.Sprint(q.Payment, q.InvoiceNumber, q.Allocated, q.HasAllocation)
	}
	if !reflect.DeepEqual(a, c) {
		t.Fatalf("round trip changed the record:\n got %+v\nwant %+v\n%s", c, a, b.String())
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("re-read: extra record or error %v", err)
	}
}
