package csvfmt

import (
	"fmt"
	"strings"
	"unicode"
)

// Kind is the kind of records a CSV file holds.
type Kind string

// The four kinds of CSV files Kredo imports and exports.
const (
	Entities  Kind = "entities"
	Customers Kind = "customers"
	Invoices  Kind = "invoices"
	Payments  Kind = "payments"
)

// Kinds returns every kind, in the order they are best imported.
func Kinds() []Kind { return []Kind{Entities, Customers, Invoices, Payments} }

// ParseKind parses a kind name such as "invoices" (singular and Dutch names are accepted).
func ParseKind(s string) (Kind, error) {
	switch normName(s) {
	case "entities", "entity", "administraties", "administratie":
		return Entities, nil
	case "customers", "customer", "klanten", "klant", "debiteuren", "debiteur":
		return Customers, nil
	case "invoices", "invoice", "facturen", "factuur":
		return Invoices, nil
	case "payments", "payment", "betalingen", "betaling":
		return Payments, nil
	}
	return "", fmt.Errorf("unknown kind %q, want entities, customers, invoices or payments", s)
}

// Column describes one column of a kind's CSV format.
type Column struct {
	Name        string   // canonical lower-case header name
	Required    bool     // the column must be present and every row must have a value
	Description string   // one or two sentences for the user documentation
	Aliases     []string // other accepted header names (matched ignoring case, spaces, _ and -)
}

// Columns returns the columns of kind in canonical order, or nil for an unknown kind.
func Columns(kind Kind) []Column {
	s := specs[kind]
	if s == nil {
		return nil
	}
	out := make([]Column, len(s.cols))
	for i, c := range s.cols {
		c.Aliases = append([]string(nil), c.Aliases...)
		out[i] = c
	}
	return out
}

// Column indexes, in the canonical order of each kind's column list below.
const (
	eCode = iota
	eName
	eCurrency
	eIBANs
	eAddress
	ePostal
	eCity
	eCountry
	eVAT
	eCoC
	eEmail
	ePhone
	eWebsite
)

const (
	cEntity = iota
	cNumber
	cName
	cKind
	cCoC
	cVAT
	cAddress
	cPostal
	cCity
	cCountry
	cEmail
	cPhone
	cLanguage
	cSegment
	cRegion
	cRiskClass
	cAccountManager
	cController
	cParent
	cTerms
	cCurrency
	cCreditLimit
	cContacts
)

const (
	iEntity = iota
	iCustomer
	iNumber
	iType
	iDate
	iDue
	iCurrency
	iAmount
	iOpen
	iPayRef
	iProductGroup
	iPO
	iDescription
)

const (
	pEntity = iota
	pReference
	pDate
	pCurrency
	pAmount
	pCustomer
	pDescription
	pInvoice
	pAllocated
)

var (
	aliasEntity   = []string{"entity code", "administratie", "administratiecode", "administration"}
	aliasCustomer = []string{"customer", "customer no", "klantnummer", "klantnr", "debiteurnummer", "debiteurnr", "debiteur", "relatienummer"}
	aliasCurrency = []string{"valuta", "munteenheid", "currency code"}
	aliasAddress  = []string{"address", "adres", "straat", "street"}
	aliasPostal   = []string{"postcode", "zip", "zip code", "postalcode"}
	aliasCity     = []string{"plaats", "woonplaats", "stad", "town"}
	aliasCountry  = []string{"land", "landcode", "country code"}
	aliasVAT      = []string{"btw", "btw nummer", "btw nr", "btw id", "vat", "vat id", "vat no"}
	aliasCoC      = []string{"kvk", "kvk nummer", "kvk nr", "coc", "chamber of commerce"}
	aliasEmail    = []string{"e-mail", "mail", "e-mailadres", "email address"}
	aliasPhone    = []string{"telefoon", "telefoonnummer", "tel", "telephone"}
	aliasDesc     = []string{"omschrijving", "beschrijving", "memo"}
)

var specs = map[Kind]*kindSpec{
	Entities: {cols: []Column{
		{"code", true, "Short unique key of the entity (administration), e.g. NL01; used in the other files to refer to it.", []string{"entity", "entity code", "administratie", "administratiecode"}},
		{"name", true, "Legal name of the entity.", []string{"naam", "bedrijfsnaam", "entity name"}},
		{"currency", true, "ISO 4217 code of the entity's own currency, e.g. EUR.", aliasCurrency},
		{"ibans", false, "Bank accounts of the entity, separated by spaces or |. Spaces inside one IBAN are allowed; IBANs are checked and stored without spaces.", []string{"iban", "bankrekening", "rekeningnummer", "bank accounts"}},
		{"address_line", false, "Street and house number.", aliasAddress},
		{"postal_code", false, "Postal code.", aliasPostal},
		{"city", false, "City.", aliasCity},
		{"country", false, "ISO 3166-1 alpha-2 country code, e.g. NL (a few country names such as Nederland are accepted).", aliasCountry},
		{"vat_number", false, "VAT number (btw-nummer).", aliasVAT},
		{"coc_number", false, "Chamber of commerce number (KvK-nummer).", aliasCoC},
		{"email", false, "E-mail address shown on letters and used as sender.", aliasEmail},
		{"phone", false, "Phone number.", aliasPhone},
		{"website", false, "Website.", []string{"web", "url", "site", "homepage"}},
	}},
	Customers: {cols: []Column{
		{"entity", true, "Code of the entity the customer belongs to.", aliasEntity},
		{"number", true, "The ERP's customer (debtor) number, unique per entity.", []string{"customer number", "customer no", "klantnummer", "klantnr", "debiteurnummer", "debiteurnr", "debiteur", "relatienummer"}},
		{"name", true, "Customer name.", []string{"naam", "klantnaam", "debiteurnaam", "customer name", "bedrijfsnaam", "company"}},
		{"kind", false, "b2b (business, default) or consumer; zakelijk, particulier, consument and b2c are accepted.", []string{"type", "soort", "klanttype", "customer type"}},
		{"coc_number", false, "Chamber of commerce number (KvK-nummer).", aliasCoC},
		{"vat_number", false, "VAT number (btw-nummer).", aliasVAT},
		{"address_line", false, "Street and house number.", aliasAddress},
		{"postal_code", false, "Postal code.", aliasPostal},
		{"city", false, "City.", aliasCity},
		{"country", false, "ISO 3166-1 alpha-2 country code, e.g. NL.", aliasCountry},
		{"email", false, "General e-mail address; several may be separated by , or ;.", aliasEmail},
		{"phone", false, "Phone number.", aliasPhone},
		{"language", false, "Language of letters and e-mails: nl (default), en, de or fr.", []string{"taal", "lang", "language code"}},
		{"segment", false, "Free segment label for reports and filters.", []string{"klantgroep", "customer group"}},
		{"region", false, "Free region label for reports and filters.", []string{"regio"}},
		{"risk_class", false, "Risk class: low, medium or high; a dunning scheme may be chosen by it (e.g. pre-due reminders for high risk).", []string{"risico", "risicoklasse", "risk"}},
		{"account_manager", false, "Name of the account manager.", []string{"accountmanager", "verkoper", "sales rep"}},
		{"controller", false, "Username of the assigned credit controller.", []string{"credit controller", "creditcontroller", "behandelaar"}},
		{"parent_number", false, "Customer number of the parent (group) customer in the same entity.", []string{"parent", "parent customer", "hoofdklant", "concern", "moederklant"}},
		{"payment_terms", false, "Payment terms in days (default 30).", []string{"betalingstermijn", "betaaltermijn", "payment term", "terms"}},
		{"currency", false, "ISO 4217 currency of the customer; empty means the entity's currency.", aliasCurrency},
		{"credit_limit", false, "Credit limit in the customer currency (two decimals when currency is empty); empty or 0 means none.", []string{"kredietlimiet", "limiet", "credit"}},
		{"contacts", false, "Contact persons: name|role|email|phone|language, several separated by ; (see Contacts encoding).", []string{"contactpersonen", "contacten", "contact persons"}},
	}},
	Invoices: {cols: []Column{
		{"entity", true, "Code of the entity that sent the invoice.", aliasEntity},
		{"customer_number", true, "The ERP's customer number of the debtor.", aliasCustomer},
		{"number", true, "Invoice or credit note number, unique per entity.", []string{"invoice number", "invoice no", "factuurnummer", "factuurnr", "document number", "documentnummer"}},
		{"type", false, "invoice (default) or credit_note; factuur, creditnota and credit are accepted.", []string{"kind", "soort", "factuursoort", "document type"}},
		{"invoice_date", true, "Invoice date: YYYY-MM-DD, or day first DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY.", []string{"date", "datum", "factuurdatum", "document date"}},
		{"due_date", true, "Due date, same formats; not before the invoice date.", []string{"due", "vervaldatum", "vervaldag", "expiry date"}},
		{"currency", true, "ISO 4217 currency of the invoice.", aliasCurrency},
		{"amount", true, "Total amount including VAT. A credit note is negative; it may be written positive and is made negative on import.", []string{"bedrag", "factuurbedrag", "totaal", "total", "bedrag incl btw", "amount incl vat"}},
		{"open_amount", false, "Amount still open: same sign as amount and not larger. Empty means not given (a new invoice is then fully open).", []string{"open", "openstaand", "openstaand bedrag", "outstanding", "balance", "saldo"}},
		{"payment_reference", false, "Structured payment reference (betalingskenmerk) or RF reference.", []string{"payment ref", "betalingskenmerk", "betaalkenmerk", "kenmerk"}},
		{"product_group", false, "Free product group label.", []string{"productgroep"}},
		{"po_number", false, "The customer's purchase order number.", []string{"po", "purchase order", "inkoopordernummer", "inkoopnummer", "ordernummer"}},
		{"description", false, "Free description.", aliasDesc},
	}},
	Payments: {cols: []Column{
		{"entity", true, "Code of the entity that received the payment.", aliasEntity},
		{"reference", true, "Unique reference of the payment in the ERP or bank, per entity. Rows with the same entity and reference are one payment.", []string{"payment reference", "referentie", "betalingsreferentie", "payment id", "transaction id", "transactie", "boekstuknummer"}},
		{"date", true, "Payment date, same formats as invoice dates.", []string{"datum", "payment date", "betaaldatum", "boekdatum"}},
		{"currency", true, "ISO 4217 currency of the payment.", aliasCurrency},
		{"amount", true, "Total amount of the payment (negative for a refund); repeated on every row of the payment.", []string{"bedrag", "payment amount", "betaald bedrag"}},
		{"customer_number", false, "The ERP's customer number of the payer, if known.", aliasCustomer},
		{"description", false, "Free description, e.g. the bank statement text.", aliasDesc},
		{"invoice_number", false, "Number of the invoice (or credit note) this row allocates to; empty for an unallocated row.", []string{"invoice", "factuur", "factuurnummer", "factuurnr", "invoice no"}},
		{"allocated", false, "Part of the payment allocated to invoice_number. Empty with an invoice number: the whole payment amount.", []string{"allocated amount", "toegewezen", "afgeletterd", "afgeletterd bedrag"}},
	}},
}

// kindSpec is the compiled column list of one kind.
type kindSpec struct {
	cols       []Column
	byName     map[string]int // normalized name or alias -> column index
	amountCols []int          // columns holding amounts
}

func init() {
	for kind, s := range specs {
		s.byName = map[string]int{}
		for i, c := range s.cols {
			for _, n := range append([]string{c.Name}, c.Aliases...) {
				k := normName(n)
				if j, dup := s.byName[k]; dup && j != i {
					panic(fmt.Sprintf("csvfmt: %s: header %q maps to both %s and %s", kind, n, s.cols[j].Name, c.Name))
				}
				s.byName[k] = i
			}
		}
	}
	specs[Customers].amountCols = []int{cCreditLimit}
	specs[Invoices].amountCols = []int{iAmount, iOpen}
	specs[Payments].amountCols = []int{pAmount, pAllocated}
	check := func(k Kind, idx int, name string) {
		if specs[k].cols[idx].Name != name {
			panic("csvfmt: column index out of step for " + string(k) + "." + name)
		}
	}
	check(Entities, eWebsite, "website")
	check(Customers, cContacts, "contacts")
	check(Invoices, iDescription, "description")
	check(Payments, pAllocated, "allocated")
}

// normName folds a header name for matching: lower case, letters and digits only.
func normName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// header maps a file's header record onto the kind's columns. pos[c] is the
// field index of canonical column c, or -1 when the file lacks it.
func (s *kindSpec) header(file string, line int, rec []string) (pos []int, names []string, err error) {
	pos = make([]int, len(s.cols))
	for i := range pos {
		pos[i] = -1
	}
	names = make([]string, len(rec))
	var errs RowErrors
	for f, h := range rec {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if h == "" {
			continue // an unnamed column: its values must be empty
		}
		c, ok := s.byName[normName(h)]
		switch {
		case !ok:
			errs = append(errs, &RowError{File: file, Row: line, Field: h, Value: h,
				Reason: fmt.Sprintf("unknown column %q (known columns: %s)", h, s.names())})
		case pos[c] >= 0:
			errs = append(errs, &RowError{File: file, Row: line, Field: s.cols[c].Name, Value: h,
				Reason: fmt.Sprintf("column %q appears twice (as %q and %q)", s.cols[c].Name, rec[pos[c]], h)})
		default:
			pos[c] = f
			names[f] = s.cols[c].Name
		}
	}
	for c, col := range s.cols {
		if col.Required && pos[c] < 0 {
			errs = append(errs, &RowError{File: file, Row: line, Field: col.Name, Reason: "missing required column " + col.Name})
		}
	}
	return pos, names, errs.orNil()
}

func (s *kindSpec) names() string {
	n := make([]string, len(s.cols))
	for i, c := range s.cols {
		n[i] = c.Name
	}
	return strings.Join(n, ", ")
}

// amounts returns the indexes of the kind's amount columns.
func (s *kindSpec) amounts() []int { return s.amountCols }

// numeric reports whether column c holds a number, which is never
// formula-escaped on export.
func (s *kindSpec) numeric(c int) bool {
	for _, a := range s.amountCols {
		if a == c {
			return true
		}
	}
	return s == specs[Customers] && c == cTerms
}
