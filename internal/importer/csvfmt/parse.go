package csvfmt

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// rowCtx parses the values of one row and collects its problems.
type rowCtx struct {
	r    *Reader
	line int
	vals []string // trimmed value of each canonical column ("" if absent)
	errs RowErrors
}

func (c *rowCtx) fail(col int, reason string) {
	c.errs = append(c.errs, &RowError{File: c.r.file, Row: c.line, Field: c.r.spec.cols[col].Name, Value: c.vals[col], Reason: reason})
}

// text returns a free-text value, undoing the export's formula escape.
func (c *rowCtx) text(col int) string { return unescapeFormula(c.vals[col]) }

func (c *rowCtx) required(col int) string {
	v := c.text(col)
	if v == "" {
		c.fail(col, "missing required value")
	}
	return v
}

// code reads an entity code: required, without spaces.
func (c *rowCtx) code(col int) string {
	v := c.required(col)
	if strings.ContainsAny(v, " \t\r\n") {
		c.fail(col, fmt.Sprintf("entity code %q contains spaces", v))
	}
	return v
}

func (c *rowCtx) date(col int) ledger.Date {
	v := c.vals[col]
	if v == "" {
		c.fail(col, "missing required value")
		return ledger.Date{}
	}
	d, ok := fastDate(v)
	if !ok {
		var err error
		if d, err = ledger.ParseDateFlexible(v); err != nil {
			c.fail(col, err.Error())
			return ledger.Date{}
		}
	}
	if d.Year() < 1900 || d.Year() > 2199 {
		c.fail(col, fmt.Sprintf("date %q is out of range (year %d)", v, d.Year()))
		return ledger.Date{}
	}
	return d
}

// currency returns the upper-cased code and whether it is usable for amounts.
func (c *rowCtx) currency(col int, required bool) (string, bool) {
	v := strings.ToUpper(c.vals[col])
	switch {
	case v == "" && required:
		c.fail(col, "missing required value")
		return "", false
	case v == "":
		return "", true
	case !ledger.ValidCurrency(v):
		c.fail(col, fmt.Sprintf("unknown currency %q, want an ISO 4217 code such as EUR", c.vals[col]))
		return v, false
	}
	return v, true
}

// amount parses an amount in cur; ok is false when it is empty or invalid.
func (c *rowCtx) amount(col int, cur string, required bool) (n int64, ok bool) {
	v := c.vals[col]
	if v == "" {
		if required {
			c.fail(col, "missing required value")
		}
		return 0, false
	}
	n, err := ledger.ParseAmount(v, cur, c.r.det.Decimal)
	if err != nil {
		c.fail(col, err.Error())
		return 0, false
	}
	return n, true
}

// enum maps a value through table (keys folded by normName); "" gives def.
func (c *rowCtx) enum(col int, def string, table map[string]string, want string) string {
	v := c.vals[col]
	if v == "" {
		return def
	}
	if m, ok := table[normName(v)]; ok {
		return m
	}
	c.fail(col, fmt.Sprintf("invalid %s %q, want %s", c.r.spec.cols[col].Name, v, want))
	return def
}

var customerKinds = map[string]string{
	"b2b": ledger.KindB2B, "business": ledger.KindB2B, "zakelijk": ledger.KindB2B, "company": ledger.KindB2B,
	"consumer": ledger.KindConsumer, "b2c": ledger.KindConsumer, "particulier": ledger.KindConsumer,
	"consument": ledger.KindConsumer, "private": ledger.KindConsumer,
}

var languages = map[string]string{
	"nl": "nl", "nederlands": "nl", "dutch": "nl",
	"en": "en", "english": "en", "engels": "en",
	"de": "de", "deutsch": "de", "duits": "de", "german": "de",
	"fr": "fr", "français": "fr", "francais": "fr", "frans": "fr", "french": "fr",
}

var invoiceTypes = map[string]string{
	"invoice": ledger.InvoiceKindInvoice, "factuur": ledger.InvoiceKindInvoice, "debit": ledger.InvoiceKindInvoice,
	"creditnote": ledger.InvoiceKindCreditNote, "credit": ledger.InvoiceKindCreditNote,
	"creditnota": ledger.InvoiceKindCreditNote, "creditfactuur": ledger.InvoiceKindCreditNote,
}

var countryNames = map[string]string{
	"nederland": "NL", "netherlands": "NL", "thenetherlands": "NL", "holland": "NL",
	"belgie": "BE", "belgië": "BE", "belgium": "BE", "belgique": "BE",
	"duitsland": "DE", "deutschland": "DE", "germany": "DE",
	"frankrijk": "FR", "france": "FR", "luxemburg": "LU", "luxembourg": "LU",
	"verenigdkoninkrijk": "GB", "unitedkingdom": "GB", "uk": "GB",
	"spanje": "ES", "spain": "ES", "italie": "IT", "italië": "IT", "italy": "IT",
	"oostenrijk": "AT", "austria": "AT", "zwitserland": "CH", "switzerland": "CH",
	"verenigdestaten": "US", "unitedstates": "US", "usa": "US",
}

func (c *rowCtx) country(col int) string {
	v := c.vals[col]
	if v == "" {
		return ""
	}
	if len(v) == 2 && isLetter(v[0]) && isLetter(v[1]) {
		return strings.ToUpper(v)
	}
	if cc, ok := countryNames[normName(v)]; ok {
		return cc
	}
	c.fail(col, fmt.Sprintf("invalid country %q, want a two-letter ISO code such as NL", v))
	return ""
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func (c *rowCtx) email(col int) string {
	v := c.text(col)
	if err := checkEmails(v); err != nil {
		c.fail(col, err.Error())
	}
	return v
}

// checkEmails accepts "", one address, or several separated by , or ;.
func checkEmails(v string) error {
	if v == "" {
		return nil
	}
	for _, a := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' }) {
		a = strings.TrimSpace(a)
		at := strings.IndexByte(a, '@')
		if at <= 0 || at == len(a)-1 || strings.ContainsAny(a, " \t\r\n") {
			return fmt.Errorf("invalid e-mail address %q", a)
		}
	}
	return nil
}

func (c *rowCtx) entity() *ledger.Entity {
	e := &ledger.Entity{
		Code:        c.code(eCode),
		Name:        c.required(eName),
		AddressLine: c.text(eAddress),
		PostalCode:  c.text(ePostal),
		City:        c.text(eCity),
		Country:     c.country(eCountry),
		VATNumber:   c.text(eVAT),
		CoCNumber:   c.text(eCoC),
		Email:       c.email(eEmail),
		Phone:       c.text(ePhone),
		Website:     c.text(eWebsite),
	}
	e.Currency, _ = c.currency(eCurrency, true)
	ibans, err := parseIBANs(c.vals[eIBANs])
	if err != nil {
		c.fail(eIBANs, err.Error())
	}
	e.IBANs = ibans
	return e
}

func (c *rowCtx) customer() *ledger.Customer {
	cu := &ledger.Customer{
		EntityCode:     c.code(cEntity),
		Number:         c.required(cNumber),
		Name:           c.required(cName),
		Kind:           c.enum(cKind, ledger.KindB2B, customerKinds, "b2b or consumer"),
		CoCNumber:      c.text(cCoC),
		VATNumber:      c.text(cVAT),
		AddressLine:    c.text(cAddress),
		PostalCode:     c.text(cPostal),
		City:           c.text(cCity),
		Country:        c.country(cCountry),
		Email:          c.email(cEmail),
		Phone:          c.text(cPhone),
		Language:       c.enum(cLanguage, "nl", languages, "nl, en, de or fr"),
		Segment:        c.text(cSegment),
		Region:         c.text(cRegion),
		RiskClass:      c.enum(cRiskClass, "", riskClasses, "low, medium or high"),
		AccountManager: c.text(cAccountManager),
		Controller:     c.text(cController),
		ParentNumber:   c.text(cParent),
		PaymentTerms:   30,
	}
	if cu.ParentNumber != "" && cu.ParentNumber == cu.Number {
		c.fail(cParent, "a customer cannot be its own parent")
	}
	if v := c.vals[cTerms]; v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimRight(strings.ToLower(v), "adegnsy ")))
		if err != nil || n < 0 || n > 999 {
			c.fail(cTerms, fmt.Sprintf("invalid payment terms %q, want a number of days", v))
		} else {
			cu.PaymentTerms = n
		}
	}
	var ok bool
	if cu.Currency, ok = c.currency(cCurrency, false); ok {
		if n, ok := c.amount(cCreditLimit, cu.Currency, false); ok {
			if n < 0 {
				c.fail(cCreditLimit, "credit limit cannot be negative")
			}
			cu.CreditLimit = n
		}
	}
	contacts, err := DecodeContacts(c.text(cContacts))
	if err != nil {
		c.fail(cContacts, err.Error())
	}
	cu.Contacts = contacts
	return cu
}

func (c *rowCtx) invoice() *InvoiceRow {
	inv := &InvoiceRow{Invoice: ledger.Invoice{
		EntityCode:     c.code(iEntity),
		CustomerNumber: c.required(iCustomer),
		Number:         c.required(iNumber),
		Kind:           c.enum(iType, ledger.InvoiceKindInvoice, invoiceTypes, "invoice or credit_note"),
		InvoiceDate:    c.date(iDate),
		DueDate:        c.date(iDue),
		PaymentRef:     c.text(iPayRef),
		ProductGroup:   c.text(iProductGroup),
		PONumber:       c.text(iPO),
		Description:    c.text(iDescription),
		Source:         "csv",
	}}
	if !inv.DueDate.IsZero() && !inv.InvoiceDate.IsZero() && inv.DueDate.Before(inv.InvoiceDate) {
		c.fail(iDue, fmt.Sprintf("due date %s is before the invoice date %s", inv.DueDate, inv.InvoiceDate))
	}
	cur, ok := c.currency(iCurrency, true)
	inv.Currency = cur
	if !ok {
		return inv
	}
	amount, amountOK := c.amount(iAmount, cur, true)
	open, openOK := c.amount(iOpen, cur, false)
	credit := inv.Kind == ledger.InvoiceKindCreditNote
	if credit {
		amount, open = -abs(amount), -abs(open)
	}
	inv.Amount, inv.OpenAmount, inv.OpenGiven = amount, amount, openOK
	if openOK {
		inv.OpenAmount = open
		if amountOK && (amount >= 0 && (open < 0 || open > amount) || amount < 0 && (open > 0 || open < amount)) {
			c.fail(iOpen, fmt.Sprintf("open amount %s must have the sign of the amount %s and not exceed it",
				ledger.FormatAmount(open, cur), ledger.FormatAmount(amount, cur)))
		}
	}
	inv.Status = ledger.StatusPaid
	if inv.OpenAmount != 0 {
		inv.Status = ledger.StatusOpen
	}
	return inv
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

func (c *rowCtx) payment() *PaymentRow {
	p := &PaymentRow{Payment: ledger.Payment{
		EntityCode:     c.code(pEntity),
		Reference:      c.required(pReference),
		Date:           c.date(pDate),
		CustomerNumber: c.text(pCustomer),
		Description:    c.text(pDescription),
		Source:         "csv",
	}, InvoiceNumber: c.text(pInvoice)}
	cur, ok := c.currency(pCurrency, true)
	p.Payment.Currency = cur
	p.HasAllocation = p.InvoiceNumber != ""
	if !ok {
		return p
	}
	p.Payment.Amount, _ = c.amount(pAmount, cur, true)
	alloc, allocOK := c.amount(pAllocated, cur, false)
	switch {
	case !p.HasAllocation && c.vals[pAllocated] != "":
		c.fail(pInvoice, "missing invoice number for the allocated amount")
	case p.HasAllocation && c.vals[pAllocated] == "":
		p.Allocated = p.Payment.Amount
	case p.HasAllocation && allocOK:
		p.Allocated, p.AllocatedGiven = alloc, true
	}
	return p
}

// parseIBANs reads IBANs separated by |, comma, semicolon or spaces; an IBAN
// itself may contain spaces ("NL91 ABNA 0417 1643 00").
func parseIBANs(s string) ([]string, error) {
	var out []string
	for _, part := range strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == '|' || r == ',' || r == ';' }) {
		cur := ""
		for _, tok := range strings.Fields(part) {
			if cur != "" && ibanStart(tok) {
				out = append(out, cur)
				cur = ""
			}
			cur += tok
		}
		if cur != "" {
			out = append(out, cur)
		}
	}
	for _, iban := range out {
		if !validIBAN(iban) {
			return out, fmt.Errorf("invalid IBAN %q", iban)
		}
	}
	return out, nil
}

// ibanStart reports whether tok can begin an IBAN: two letters, two digits.
func ibanStart(tok string) bool {
	return len(tok) >= 4 && isLetter(tok[0]) && isLetter(tok[1]) && isDigit(tok[2]) && isDigit(tok[3])
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// validIBAN checks the form and the ISO 7064 mod-97 check digits.
func validIBAN(s string) bool {
	if len(s) < 15 || len(s) > 34 || !ibanStart(s) {
		return false
	}
	rem := 0
	for i := 0; i < len(s); i++ {
		ch := s[(i+4)%len(s)] // the first four characters move to the end
		switch {
		case isDigit(ch):
			rem = (rem*10 + int(ch-'0')) % 97
		case ch >= 'A' && ch <= 'Z':
			rem = (rem*100 + int(ch-'A'+10)) % 97
		default:
			return false
		}
	}
	return rem == 1
}

// fastDate parses the two common layouts, 2026-03-31 and 31-03-2026 (or with
// / or . and one-digit day or month), without allocating; anything else,
// including invalid days, is left to ledger.ParseDateFlexible.
func fastDate(s string) (ledger.Date, bool) {
	var y, m, d int
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, m, d = num(s[:4]), num(s[5:7]), num(s[8:])
	case len(s) >= 8 && len(s) <= 10:
		sep := s[len(s)-5]
		if sep != '-' && sep != '/' && sep != '.' {
			return ledger.Date{}, false
		}
		i := strings.IndexByte(s, sep)
		if i < 1 || i > 2 || i == len(s)-5 || len(s)-5-i-1 > 2 {
			return ledger.Date{}, false
		}
		d, m, y = num(s[:i]), num(s[i+1:len(s)-5]), num(s[len(s)-4:])
	default:
		return ledger.Date{}, false
	}
	if y < 0 || m < 1 || m > 12 || d < 1 || d > 31 {
		return ledger.Date{}, false
	}
	date := ledger.NewDate(y, time.Month(m), d)
	if date.Day() != d { // 31-02 rolled over into March
		return ledger.Date{}, false
	}
	return date, true
}

// num parses 1 to 4 decimal digits, or returns -1.
func num(s string) int {
	if len(s) == 0 || len(s) > 4 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// riskClasses are the accepted risk classes (Dutch too).
var riskClasses = map[string]string{"low": "low", "medium": "medium", "high": "high", "laag": "low", "gemiddeld": "medium", "middel": "medium", "hoog": "high"}
