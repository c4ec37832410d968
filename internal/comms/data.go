package comms

import (
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Data is what a template sees: the letter with its amounts as Money (so
// {{money .Total}} knows the currency), its strings cleaned of line breaks
// and control characters (so data can never inject markup; the sender's
// phone number and the payment reference keep their groups together with
// an internal no-break marker) and a few phrases chosen for the sender's
// country. Templates format with the
// functions money, date, longdate, ibans, bold, link, items and
// instalments.
type Data struct {
	Template       string
	Language       string
	Entity         Party // the sender
	Customer       Party // the debtor; Number is the customer number
	Contact        string
	Consumer       bool
	Date           ledger.Date
	PayBy          ledger.Date
	Currency       string
	Lines          []DataLine
	Count          int    // number of lines
	One            bool   // exactly one line: {{if .One}}invoice{{else}}invoices{{end}}
	FirstNumber    string // the first line's invoice number
	Total          ledger.Money
	Interest       ledger.Money
	Costs          ledger.Money
	AnnouncedCosts ledger.Money
	GrandTotal     ledger.Money // Total + Interest + Costs
	PaymentRef     string
	PortalURL      string
	Agency         string
	Instalments    []DataInstalment
	InterestBasis  string // the legal basis of the interest, as a phrase ("de wettelijke handelsrente (artikel 6:119a BW)")
	CostsBasis     string // the legal basis of the collection costs, as a phrase
}

// Party is the sender or the addressee.
type Party struct {
	Number     string
	Name       string
	Address    string
	PostalCode string
	City       string
	Country    string // ISO 3166-1 alpha-2
	Email      string
	Phone      string
	Website    string
	VAT        string
	CoC        string // chamber of commerce number (KvK)
	IBANs      []string
}

// DataLine is one item as a template sees it.
type DataLine struct {
	Number      string
	InvoiceDate ledger.Date
	DueDate     ledger.Date
	DaysOverdue int
	Amount      ledger.Money
	Interest    ledger.Money
}

// DataInstalment is one payment plan term as a template sees it.
type DataInstalment struct {
	Number  int // 1-based
	DueDate ledger.Date
	Amount  ledger.Money
}

// newData builds the template data of a letter in language set s.
func newData(l Letter, s *langSet) *Data {
	cur := l.currency()
	money := func(v int64) ledger.Money { return ledger.Money{Amount: v, Currency: cur} }
	d := &Data{
		Template:       l.Template,
		Language:       s.lang,
		Entity:         entityParty(l.Entity),
		Customer:       customerParty(l.Customer),
		Contact:        clean(l.Contact),
		Consumer:       l.Consumer,
		Date:           l.Date,
		PayBy:          l.PayBy,
		Currency:       cur,
		Count:          len(l.Lines),
		One:            len(l.Lines) == 1,
		Total:          money(l.Total),
		Interest:       money(l.Interest),
		Costs:          money(l.Costs),
		AnnouncedCosts: money(l.AnnouncedCosts),
		GrandTotal:     money(l.GrandTotal()),
		PaymentRef:     tied(clean(l.PaymentRef)),
		PortalURL:      cleanURL(l.PortalURL),
		Agency:         clean(l.Agency),
	}
	d.Lines = make([]DataLine, len(l.Lines))
	for i, ln := range l.Lines {
		d.Lines[i] = DataLine{Number: clean(ln.Number), InvoiceDate: ln.InvoiceDate, DueDate: ln.DueDate,
			DaysOverdue: ln.DaysOverdue, Amount: money(ln.Amount), Interest: money(ln.Interest)}
	}
	if len(d.Lines) > 0 {
		d.FirstNumber = d.Lines[0].Number
	}
	if d.PaymentRef == "" {
		if len(d.Lines) == 1 {
			d.PaymentRef = d.FirstNumber
		} else {
			d.PaymentRef = d.Customer.Number
		}
	}
	if len(l.Instalments) > 0 {
		d.Instalments = make([]DataInstalment, len(l.Instalments))
		for i, in := range l.Instalments {
			d.Instalments[i] = DataInstalment{Number: i + 1, DueDate: in.DueDate, Amount: money(in.Amount)}
		}
	}
	kind := "b2b"
	if l.Consumer {
		kind = "consumer"
	}
	d.InterestBasis = s.labels.law("interest", l.Entity.Country, kind)
	d.CostsBasis = s.labels.law("costs", l.Entity.Country, kind)
	return d
}

// entityParty is the sender's letterhead.
func entityParty(e ledger.Entity) Party {
	p := Party{Number: clean(e.Code), Name: clean(e.Name), Address: clean(e.AddressLine), PostalCode: clean(e.PostalCode),
		City: clean(e.City), Country: strings.ToUpper(clean(e.Country)), Email: clean(e.Email), Phone: tied(clean(e.Phone)),
		Website: clean(e.Website), VAT: clean(e.VATNumber), CoC: clean(e.CoCNumber)}
	for _, iban := range e.IBANs {
		if iban = clean(iban); iban != "" {
			p.IBANs = append(p.IBANs, iban)
		}
	}
	return p
}

// customerParty is the addressee.
func customerParty(c ledger.Customer) Party {
	return Party{Number: clean(c.Number), Name: clean(c.Name), Address: clean(c.AddressLine), PostalCode: clean(c.PostalCode),
		City: clean(c.City), Country: strings.ToUpper(clean(c.Country)), Email: clean(c.Email), Phone: clean(c.Phone),
		VAT: clean(c.VATNumber), CoC: clean(c.CoCNumber)}
}

// clean makes a data string safe for the markup: line breaks and tabs
// become spaces, other control characters (the markup's markers among
// them) are dropped, and surrounding space is trimmed. Strings without
// control characters are returned as they are, without allocating.
func clean(s string) string {
	dirty := false
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			dirty = true
			break
		}
	}
	if !dirty {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n' || c == '\r' || c == '\t':
			b.WriteByte(' ')
		case c < 0x20 || c == 0x7f:
		default:
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(b.String())
}

// tied joins the groups of a phone number or payment reference with ties,
// so no output breaks them over two lines.
func tied(s string) string {
	return strings.ReplaceAll(s, " ", string(tie))
}

// cleanURL keeps http(s) links only: a portal link is never javascript:.
func cleanURL(s string) string {
	s = clean(s)
	if strings.ContainsAny(s, " \"'<>") {
		return ""
	}
	if l := strings.ToLower(s); strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return s
	}
	return ""
}
