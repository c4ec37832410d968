package ubl

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

const (
	lmtPayable = "LegalMonetaryTotal/PayableAmount"
	lmtTaxIncl = "LegalMonetaryTotal/TaxInclusiveAmount"
	sbdOpen    = `<StandardBusinessDocument xmlns="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader">` +
		`<StandardBusinessDocumentHeader><HeaderVersion>1.0</HeaderVersion></StandardBusinessDocumentHeader>`
)

func TestParseInvalid(t *testing.T) {
	b := base(t)
	body := strings.TrimPrefix(b, `<?xml version="1.0" encoding="UTF-8"?>`)
	repl := func(old, new string) string {
		if !strings.Contains(b, old) {
			t.Fatalf("base example lacks %q", old)
		}
		return strings.Replace(b, old, new, 1)
	}
	cases := []struct {
		name, in, field, reason string
	}{
		// the document element
		{"wrong root", `<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>`,
			FieldRoot, "not a UBL invoice or credit note"},
		{"Invoice without namespace", `<Invoice><ID>1</ID></Invoice>`, FieldRoot, "not a UBL invoice or credit note"},
		{"Invoice in the CreditNote namespace", strings.Replace(b, "xsd:Invoice-2", "xsd:CreditNote-2", 1),
			FieldRoot, "not a UBL invoice or credit note"},
		{"SBDH around an Order", sbdOpen + `<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/></StandardBusinessDocument>`,
			FieldRoot, "not a UBL invoice or credit note"},
		{"SBDH without a document", sbdOpen + `</StandardBusinessDocument>`, FieldRoot, "holds no document"},
		{"SBDH with two documents", sbdOpen + body + body + `</StandardBusinessDocument>`, FieldRoot, "more than one"},
		// malformed input
		{"empty file", "", FieldXML, "empty file"},
		{"white space only", " \n\t", FieldXML, "no document element"},
		{"declaration only", `<?xml version="1.0"?>`, FieldXML, "no document element"},
		{"not XML", "Factuur 2024-001, EUR 100", FieldXML, "text outside"},
		{"truncated XML", b[:len(b)/2], FieldXML, "malformed XML"},
		{"truncated SBDH", (sbdOpen + body)[:len(sbdOpen)+len(body)/2], FieldXML, "malformed XML"},
		{"last character missing", b[:len(strings.TrimSpace(b))-1], FieldXML, "malformed XML"},
		{"mismatched end tag", repl("</cbc:BuyerReference>", "</cbc:BuyerRef>"), FieldXML, "malformed XML"},
		{"content after the document", b + "<Invoice/>", FieldXML, "content after the document element"},
		{"unknown entity", repl("Lisa Johnson", "Lisa &nbsp; Johnson"), FieldXML, "malformed XML"},
		{"invalid UTF-8", repl("Lisa Johnson", "Lisa \xff Johnson"), FieldXML, "malformed XML"},
		{"unsupported encoding", strings.Replace(b, `encoding="UTF-8"`, `encoding="EBCDIC-US"`, 1), FieldXML, "EBCDIC"},
		// required header fields
		{"missing ID", repl("<cbc:ID>Snippet1</cbc:ID>", ""), "ID", "missing"},
		{"empty ID", repl("<cbc:ID>Snippet1</cbc:ID>", "<cbc:ID>  </cbc:ID>"), "ID", "missing"},
		{"two IDs", repl("<cbc:ID>Snippet1</cbc:ID>", "<cbc:ID>A</cbc:ID><cbc:ID>B</cbc:ID>"), "ID", "2 times"},
		{"missing issue date", repl("<cbc:IssueDate>2017-11-13</cbc:IssueDate>", ""), "IssueDate", "missing"},
		{"day-first issue date", repl(">2017-11-13<", ">13-11-2017<"), "IssueDate", "invalid date"},
		{"impossible issue date", repl(">2017-11-13<", ">2017-02-30<"), "IssueDate", "invalid date"},
		{"date with time", repl(">2017-11-13<", ">2017-11-13T10:00:00<"), "IssueDate", "invalid date"},
		{"bad due date", repl(">2017-12-01<", ">2017-12-1<"), "DueDate", "invalid date"},
		{"missing currency", repl("<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>", ""), "DocumentCurrencyCode", "missing"},
		{"bad currency", repl(">EUR</cbc:DocumentCurrencyCode>", ">EURO</cbc:DocumentCurrencyCode>"), "DocumentCurrencyCode", "unknown currency"},
		{"lower-case currency", repl(">EUR</cbc:DocumentCurrencyCode>", ">eur</cbc:DocumentCurrencyCode>"), "DocumentCurrencyCode", "unknown currency"},
		// amounts
		{"missing payable amount", repl(`<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>`, ""), lmtPayable, "missing"},
		{"missing monetary total", cut(t, b, "<cac:LegalMonetaryTotal>", "</cac:LegalMonetaryTotal>"), lmtPayable, "missing"},
		{"too many decimals", repl(">1656.25</cbc:PayableAmount>", ">1656.255</cbc:PayableAmount>"), lmtPayable, "more than 2 decimals"},
		{"too many decimals in total", repl(">1656.25</cbc:TaxInclusiveAmount>", ">1656.251</cbc:TaxInclusiveAmount>"), lmtTaxIncl, "more than 2 decimals"},
		{"decimals in yen", strings.ReplaceAll(b, "EUR", "JPY"), lmtPayable, "more than 0 decimals"},
		{"decimal comma", repl(">1656.25</cbc:PayableAmount>", ">1656,25</cbc:PayableAmount>"), lmtPayable, "invalid amount"},
		{"thousands separator", repl(">1656.25</cbc:PayableAmount>", ">1,656.25</cbc:PayableAmount>"), lmtPayable, "invalid amount"},
		{"empty amount", repl(">1656.25</cbc:PayableAmount>", "></cbc:PayableAmount>"), lmtPayable, "invalid amount"},
		{"too large amount", repl(">1656.25</cbc:PayableAmount>", ">999999999999999999999</cbc:PayableAmount>"), lmtPayable, "too large"},
		{"other currency", repl(`<cbc:PayableAmount currencyID="EUR">`, `<cbc:PayableAmount currencyID="USD">`), lmtPayable, "differs from the document currency EUR"},
		{"no currencyID", repl(`<cbc:PayableAmount currencyID="EUR">`, `<cbc:PayableAmount>`), lmtPayable, "missing currencyID"},
		{"two payable amounts", repl(`<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount>`,
			`<cbc:PayableAmount currencyID="EUR">1656.25</cbc:PayableAmount><cbc:PayableAmount currencyID="EUR">1.00</cbc:PayableAmount>`),
			lmtPayable, "2 times"},
		{"totals do not add up", repl(">1656.25</cbc:PayableAmount>", ">1656.26</cbc:PayableAmount>"), lmtPayable,
			"1656.26 does not equal TaxInclusiveAmount 1656.25 - PrepaidAmount 0.00 + PayableRoundingAmount 0.00 = 1656.25"},
		{"prepaid not subtracted", repl("<cbc:PayableAmount", `<cbc:PrepaidAmount currencyID="EUR">100</cbc:PrepaidAmount><cbc:PayableAmount`),
			lmtPayable, "= 1556.25"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Parse(strings.NewReader(c.in), "bad.xml")
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v (%T), want a *ValidationError", err, err)
			}
			if ve.File != "bad.xml" || ve.Field != c.field || !strings.Contains(ve.Reason, c.reason) {
				t.Errorf("got %q, want field %q with %q", err, c.field, c.reason)
			}
			if !errors.Is(err, ledger.ErrInvalid) {
				t.Errorf("errors.Is(%v, ledger.ErrInvalid) = false", err)
			}
			if !reflect.DeepEqual(d, Document{}) {
				t.Errorf("partial result %+v", d)
			}
		})
	}
}

// cut removes s from the first from up to and including the first to.
func cut(t *testing.T, s, from, to string) string {
	i, j := strings.Index(s, from), strings.Index(s, to)
	if i < 0 || j < i {
		t.Fatalf("cannot cut %s..%s", from, to)
	}
	return s[:i] + s[j+len(to):]
}

func TestValidationErrorText(t *testing.T) {
	b := strings.Replace(base(t), ">1656.25</cbc:PayableAmount>", ">1656.255</cbc:PayableAmount>", 1)
	_, err := Parse(strings.NewReader(b), "base.xml")
	want := `base.xml: field LegalMonetaryTotal/PayableAmount: amount "1656.255" has more than 2 decimals for EUR`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if msg := ledger.UserMessage(err); msg != want {
		t.Errorf("ledger.UserMessage = %q, want the reason", msg)
	}
	_, err = Parse(strings.NewReader(""), "")
	if err == nil || err.Error() != "input: field XML: empty file" {
		t.Errorf("unnamed empty input: %v", err)
	}
}

type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

func TestParseReaderError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader(base(t)[:500]), failingReader{boom})
	_, err := Parse(r, "base.xml")
	var ve *ValidationError
	if !errors.Is(err, boom) || errors.As(err, &ve) || !strings.HasPrefix(err.Error(), "base.xml: ") {
		t.Errorf("got %v, want the reader's error, wrapped with the file name", err)
	}
}

func TestParseSizeLimit(t *testing.T) {
	b := base(t)
	if _, err := parse(strings.NewReader(b), "base.xml", int64(len(b))); err != nil {
		t.Errorf("file of exactly the limit: %v", err)
	}
	_, err := parse(strings.NewReader(b), "base.xml", int64(len(b)-1))
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != FieldXML || !strings.Contains(ve.Reason, "larger than") {
		t.Errorf("file over the limit: %v", err)
	}
}
