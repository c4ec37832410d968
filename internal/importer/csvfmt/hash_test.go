package csvfmt

import (
	"reflect"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// notInFormat lists struct fields that no CSV column carries.
var notInFormat = map[string]bool{"ID": true, "EntityID": true, "CustomerID": true, "ParentID": true,
	"CreatedAt": true, "UpdatedAt": true, "Status": true, "Source": true, "Allocations": true,
	"AllocatedGiven": true, // how the file wrote it, not what it means
}

// TestHashCoversEveryField changes each field in turn and expects a new hash,
// so a field added to a ledger type and a column cannot be forgotten here.
func TestHashCoversEveryField(t *testing.T) {
	d := ledger.MustDate("2026-01-01")
	values := []struct {
		v    any
		hash func(any) uint64
	}{
		{&ledger.Entity{IBANs: []string{"NL91ABNA0417164300"}}, func(v any) uint64 { return hashEntity(v.(*ledger.Entity)) }},
		{&ledger.Customer{Contacts: []ledger.Contact{{Name: "a"}}}, func(v any) uint64 { return hashCustomer(v.(*ledger.Customer)) }},
		{&ledger.Invoice{InvoiceDate: d, DueDate: d}, func(v any) uint64 { return hashInvoice(v.(*ledger.Invoice)) }},
		{&PaymentRow{Payment: ledger.Payment{Date: d}, HasAllocation: true}, func(v any) uint64 { return hashPaymentRow(v.(*PaymentRow)) }},
	}
	for _, tt := range values {
		var visit func(rv reflect.Value, path string)
		visit = func(rv reflect.Value, path string) {
			for i := 0; i < rv.NumField(); i++ {
				f, sf := rv.Field(i), rv.Type().Field(i)
				name := path + sf.Name
				if notInFormat[sf.Name] {
					continue
				}
				before := tt.hash(tt.v)
				switch {
				case f.Kind() == reflect.String:
					old := f.String()
					f.SetString(old + "x")
					defer f.SetString(old)
				case f.Kind() == reflect.Int64 || f.Kind() == reflect.Int:
					old := f.Int()
					f.SetInt(old + 1)
					defer f.SetInt(old)
				case f.Kind() == reflect.Bool:
					f.SetBool(!f.Bool())
					defer f.SetBool(!f.Bool())
				case f.Type() == reflect.TypeOf(ledger.Date{}):
					old := f.Interface().(ledger.Date)
					f.Set(reflect.ValueOf(old.AddDays(1)))
					defer f.Set(reflect.ValueOf(old))
				case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
					old := f.Index(0).String()
					f.Index(0).SetString(old + "x")
					defer f.Index(0).SetString(old)
				case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct:
					visit(f.Index(0), name+".")
					continue
				case f.Kind() == reflect.Struct:
					visit(f, name+".")
					continue
				default:
					t.Errorf("%s: unhandled field type %s", name, f.Type())
					continue
				}
				if tt.hash(tt.v) == before {
					t.Errorf("changing %s does not change the hash", name)
				}
			}
		}
		visit(reflect.ValueOf(tt.v).Elem(), reflect.TypeOf(tt.v).Elem().Name()+".")
	}
}

func TestFastDate(t *testing.T) {
	for _, s := range []string{"2026-03-31", "31-03-2026", "1-3-2026", "01/12/2026", "1.12.2026", "29-02-2028", "12-1-2026"} {
		got, ok := fastDate(s)
		want, err := ledger.ParseDateFlexible(s)
		if !ok || err != nil || got != want {
			t.Errorf("%q: fast %v %v, flexible %v %v", s, got, ok, want, err)
		}
	}
	for _, s := range []string{"29-02-2026", "31-04-2026", "2026-3-31", "1-3/2026", "20260331", "2026/03/31", "123-1-2026", "1--2026", "00-01-2026", "x1-01-2026"} {
		if d, ok := fastDate(s); ok {
			t.Errorf("%q: fast path accepted %v", s, d)
		}
	}
}

// FuzzFastDate checks that the fast path agrees with ledger.ParseDateFlexible.
func FuzzFastDate(f *testing.F) {
	for _, s := range []string{"2026-03-31", "31-03-2026", "1.2.2026", "29/02/2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := fastDate(s)
		if !ok {
			return
		}
		want, err := ledger.ParseDateFlexible(s)
		if err != nil || got != want {
			t.Fatalf("%q: fast %v, flexible %v %v", s, got, want, err)
		}
	})
}
