package ubl

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// FuzzParse checks that Parse never panics, and that it returns either a
// complete Document or a *ValidationError with an empty Document.
// Run it with: go test -fuzz=FuzzParse -fuzztime=30s ./internal/importer/ubl/
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(testdata, "*", "*.xml"))
	if len(files) == 0 {
		f.Fatal("no sample files to seed the corpus")
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(""))
	f.Add([]byte(`<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>`))
	f.Add([]byte(sbdOpen + `</StandardBusinessDocument>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(bytes.NewReader(data), "fuzz.xml")
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field == "" || ve.Reason == "" || !errors.Is(err, ledger.ErrInvalid) {
				t.Fatalf("error %v (%T) is not a complete *ValidationError", err, err)
			}
			if !reflect.DeepEqual(d, Document{}) {
				t.Fatalf("partial result with error %v: %+v", err, d)
			}
			return
		}
		if d.Number == "" || d.IssueDate.IsZero() || !ledger.ValidCurrency(d.Currency) {
			t.Fatalf("accepted an incomplete document: %+v", d)
		}
		if d.Kind != ledger.InvoiceKindInvoice && d.Kind != ledger.InvoiceKindCreditNote {
			t.Fatalf("unknown kind %q", d.Kind)
		}
	})
}
