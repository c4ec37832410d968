package ubl

import (
	"encoding/xml"
	"fmt"
	"strings"
	"unicode"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// creditTypeCodes are the UNCL1001 codes of credit notes. EN 16931 allows a
// credit note in the Invoice syntax with one of these codes.
var creditTypeCodes = map[string]bool{"81": true, "83": true, "381": true, "396": true, "532": true}

// extractor reads a Document from the tree and keeps the first error.
type extractor struct {
	file string
	err  error
}

func (p *extractor) fail(field, format string, args ...any) {
	if p.err == nil {
		p.err = &ValidationError{File: p.file, Field: field, Reason: fmt.Sprintf(format, args...)}
	}
}

// one returns the single child named name, failing when there are several.
func (p *extractor) one(parent *node, name xml.Name, field string) *node {
	ns := parent.all(name)
	if len(ns) > 1 {
		p.fail(field, "appears %d times, want at most once", len(ns))
	}
	if len(ns) == 0 {
		return nil
	}
	return ns[0]
}

func (p *extractor) document(root *node) Document {
	var d Document
	if root.name.Space == NSCreditNote {
		d.Kind = ledger.InvoiceKindCreditNote
		d.TypeCode = p.one(root, cbc("CreditNoteTypeCode"), "CreditNoteTypeCode").value()
	} else {
		d.Kind = ledger.InvoiceKindInvoice
		d.TypeCode = p.one(root, cbc("InvoiceTypeCode"), "InvoiceTypeCode").value()
		if creditTypeCodes[d.TypeCode] {
			d.Kind = ledger.InvoiceKindCreditNote
		}
	}
	d.Profile = p.one(root, cbc("CustomizationID"), "CustomizationID").value()
	d.Process = p.one(root, cbc("ProfileID"), "ProfileID").value()

	if d.Number = p.one(root, cbc("ID"), "ID").value(); d.Number == "" {
		p.fail("ID", "missing document number")
	}
	if n := p.one(root, cbc("IssueDate"), "IssueDate"); n == nil || n.value() == "" {
		p.fail("IssueDate", "missing issue date")
	} else {
		d.IssueDate = p.date("IssueDate", n.value())
	}
	d.DueDate = p.dueDate(root)

	d.Currency = p.one(root, cbc("DocumentCurrencyCode"), "DocumentCurrencyCode").value()
	switch {
	case d.Currency == "":
		p.fail("DocumentCurrencyCode", "missing currency")
	case !ledger.ValidCurrency(d.Currency):
		p.fail("DocumentCurrencyCode", "unknown currency %q", d.Currency)
	}
	d.Payable, d.TaxInclusive = p.totals(root, d.Currency)
	if d.Kind == ledger.InvoiceKindCreditNote {
		d.Payable, d.TaxInclusive = -d.Payable, -d.TaxInclusive
	}

	seen := map[string]bool{}
	for _, pm := range root.all(cac("PaymentMeans")) {
		if d.PaymentRef == "" {
			d.PaymentRef = pm.get(cbc("PaymentID")).value()
		}
		for _, acc := range pm.all(cac("PayeeFinancialAccount")) {
			iban := normalizeIBAN(acc.get(cbc("ID")).value())
			if iban != "" && !seen[iban] {
				seen[iban] = true
				d.PayeeIBANs = append(d.PayeeIBANs, iban)
			}
		}
	}
	for _, pt := range root.all(cac("PaymentTerms")) {
		if d.PaymentTermNote == "" {
			d.PaymentTermNote = pt.get(cbc("Note")).value()
		}
	}

	order := p.one(root, cac("OrderReference"), "OrderReference")
	if d.PONumber = order.get(cbc("ID")).value(); d.PONumber == "NA" {
		d.PONumber = "" // Peppol: "NA" when there is only a sales order
	}
	d.SalesOrderID = order.get(cbc("SalesOrderID")).value()
	d.Note = root.get(cbc("Note")).value()
	d.BuyerReference = p.one(root, cbc("BuyerReference"), "BuyerReference").value()
	for _, br := range root.all(cac("BillingReference")) {
		if id := br.get(cac("InvoiceDocumentReference"), cbc("ID")).value(); id != "" {
			d.BillingRefs = append(d.BillingRefs, id)
		}
	}
	d.Seller = party(p.one(root, cac("AccountingSupplierParty"), "AccountingSupplierParty").get(cac("Party")))
	d.Buyer = party(p.one(root, cac("AccountingCustomerParty"), "AccountingCustomerParty").get(cac("Party")))
	return d
}

// dueDate returns cbc:DueDate, else the first PaymentMeans/PaymentDueDate,
// else the first PaymentTerms/PaymentDueDate or InstallmentDueDate.
func (p *extractor) dueDate(root *node) ledger.Date {
	if n := p.one(root, cbc("DueDate"), "DueDate"); n.value() != "" {
		return p.date("DueDate", n.value())
	}
	for _, pm := range root.all(cac("PaymentMeans")) {
		if v := pm.get(cbc("PaymentDueDate")).value(); v != "" {
			return p.date("PaymentMeans/PaymentDueDate", v)
		}
	}
	for _, pt := range root.all(cac("PaymentTerms")) {
		for _, local := range []string{"PaymentDueDate", "InstallmentDueDate"} {
			if v := pt.get(cbc(local)).value(); v != "" {
				return p.date("PaymentTerms/"+local, v)
			}
		}
	}
	return ledger.Date{}
}

// date parses an xsd:date, ignoring a time zone suffix (Z, +01:00).
func (p *extractor) date(field, s string) ledger.Date {
	if len(s) >= 10 && validZone(s[10:]) {
		if d, err := ledger.ParseDate(s[:10]); err == nil {
			return d
		}
	}
	p.fail(field, "invalid date %q, want YYYY-MM-DD", s)
	return ledger.Date{}
}

func validZone(z string) bool {
	if z == "" || z == "Z" {
		return true
	}
	return len(z) == 6 && (z[0] == '+' || z[0] == '-') && isDigits(z[1:3]) && z[3] == ':' && isDigits(z[4:6])
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// totals reads LegalMonetaryTotal and checks that PayableAmount equals
// TaxInclusiveAmount - PrepaidAmount + PayableRoundingAmount. The check needs
// TaxInclusiveAmount; an absent prepaid or rounding amount counts as zero.
func (p *extractor) totals(root *node, cur string) (payable, taxIncl int64) {
	const base = "LegalMonetaryTotal/"
	lmt := p.one(root, cac("LegalMonetaryTotal"), "LegalMonetaryTotal")
	payable, hasPayable := p.amount(lmt, "PayableAmount", cur)
	if !hasPayable {
		p.fail(base+"PayableAmount", "missing payable amount")
		return 0, 0
	}
	taxIncl, hasTaxIncl := p.amount(lmt, "TaxInclusiveAmount", cur)
	prepaid, _ := p.amount(lmt, "PrepaidAmount", cur)
	rounding, _ := p.amount(lmt, "PayableRoundingAmount", cur)
	if hasTaxIncl && p.err == nil {
		if want := taxIncl - prepaid + rounding; payable != want {
			p.fail(base+"PayableAmount", "%s does not equal TaxInclusiveAmount %s - PrepaidAmount %s + PayableRoundingAmount %s = %s",
				ledger.FormatAmount(payable, cur), ledger.FormatAmount(taxIncl, cur), ledger.FormatAmount(prepaid, cur),
				ledger.FormatAmount(rounding, cur), ledger.FormatAmount(want, cur))
		}
	}
	return payable, taxIncl
}

// amount parses the amount lmt/cbc:local exactly, in minor units of cur.
func (p *extractor) amount(lmt *node, local, cur string) (int64, bool) {
	field := "LegalMonetaryTotal/" + local
	n := p.one(lmt, cbc(local), field)
	if n == nil {
		return 0, false
	}
	s := n.value()
	if !isDecimal(s) {
		p.fail(field, "invalid amount %q", s)
		return 0, false
	}
	switch id := n.attr("currencyID"); {
	case id == "":
		p.fail(field, "missing currencyID")
	case id != cur:
		p.fail(field, "currencyID %s differs from the document currency %s", id, cur)
	}
	v, err := ledger.ParseAmount(s, cur, ledger.DecimalPoint)
	if err != nil {
		p.fail(field, "%v", err)
		return 0, false
	}
	return v, true
}

// isDecimal reports whether s is an xsd:decimal: sign, digits, one point.
func isDecimal(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}

// normalizeIBAN removes all white space and upper-cases an account number.
func normalizeIBAN(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
}

// oneLine trims s and collapses runs of white space to one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// party reads a cac:Party; a missing party gives the zero Party.
func party(n *node) Party {
	if n == nil {
		return Party{}
	}
	val := func(path ...xml.Name) string { return oneLine(n.get(path...).value()) }
	pt := Party{
		LegalName:        val(cac("PartyLegalEntity"), cbc("RegistrationName")),
		EndpointID:       val(cbc("EndpointID")),
		EndpointScheme:   n.get(cbc("EndpointID")).attr("schemeID"),
		CoCNumber:        val(cac("PartyLegalEntity"), cbc("CompanyID")),
		CoCScheme:        n.get(cac("PartyLegalEntity"), cbc("CompanyID")).attr("schemeID"),
		Street:           val(cac("PostalAddress"), cbc("StreetName")),
		AdditionalStreet: val(cac("PostalAddress"), cbc("AdditionalStreetName")),
		PostalCode:       val(cac("PostalAddress"), cbc("PostalZone")),
		City:             val(cac("PostalAddress"), cbc("CityName")),
		Country:          strings.ToUpper(val(cac("PostalAddress"), cac("Country"), cbc("IdentificationCode"))),
		ContactName:      val(cac("Contact"), cbc("Name")),
		Email:            val(cac("Contact"), cbc("ElectronicMail")),
		Phone:            val(cac("Contact"), cbc("Telephone")),
	}
	for _, pn := range n.all(cac("PartyName")) {
		if pt.Name = oneLine(pn.get(cbc("Name")).value()); pt.Name != "" {
			break
		}
	}
	if pt.Name == "" {
		pt.Name = pt.LegalName
	}
	if b := val(cac("PostalAddress"), cbc("BuildingNumber")); b != "" {
		pt.Street = strings.TrimSpace(pt.Street + " " + b)
	}
	if pt.Street == "" {
		pt.Street = val(cac("PostalAddress"), cac("AddressLine"), cbc("Line"))
	}
	for _, pi := range n.all(cac("PartyIdentification")) {
		if id := pi.get(cbc("ID")); id.value() != "" {
			pt.IDs = append(pt.IDs, PartyID{ID: oneLine(id.value()), Scheme: id.attr("schemeID")})
		}
	}
	for _, ts := range n.all(cac("PartyTaxScheme")) {
		vat := oneLine(ts.get(cbc("CompanyID")).value())
		if vat != "" && strings.EqualFold(ts.get(cac("TaxScheme"), cbc("ID")).value(), "VAT") {
			pt.VATNumber = vat
			break
		}
	}
	return pt
}
