// Package comms writes what customers receive: reminders and letters in
// Dutch, English, German and French, as an e-mail (HTML and plain text) and
// as a PDF letter on the entity's letterhead, and a print batch of a run.
//
// One source of truth per language and template: each text is a
// text/template file (templates/LANG/NAME.txt, first line the subject, then
// a blank line, then the body) over a typed Data value. The body is
// Markdown-ish: paragraphs separated by blank lines, a single newline is a
// line break, and a few functions mark what each output renders itself:
// {{items}} (the table of items and totals), {{instalments}}, {{bold ...}}
// and {{link ...}}. The e-mail's text and HTML parts and the PDF are all
// rendered from the same executed body. Operators can override any text
// (Override); a bad template is rejected with its language, name and line.
package comms

import (
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Template names, in the order a scheme uses them.
const (
	PreDue           = "pre_due"           // a friendly note before the due date
	Friendly         = "friendly"          // first reminder
	Second           = "second"            // second, firmer reminder
	Final            = "final"             // last reminder, with costs and interest
	FourteenDay      = "fourteen_day"      // Dutch consumer 14-day letter announcing the exact costs
	Agency           = "agency"            // notice of the handover to a collection agency
	PlanConfirmation = "plan_confirmation" // confirmation of a payment plan
	DisputeRejected  = "dispute_rejected"  // a dispute not accepted: the amount is owed after all
)

// Common is the name of each language's shared partials (salutation,
// payment instructions, closing); Source and Override accept it too.
const Common = "common"

// templateNames lists the letter templates in scheme order.
var templateNames = []string{PreDue, Friendly, Second, Final, FourteenDay, Agency, PlanConfirmation, DisputeRejected}

// languages lists the languages with default texts; the first fallback is
// English, then Dutch.
var languages = []string{"nl", "en", "de", "fr"}

// Line is one item of a letter: an invoice and what is chased on it.
type Line struct {
	Number      string
	InvoiceDate ledger.Date // may be zero (the column is left out when all are)
	DueDate     ledger.Date
	DaysOverdue int
	Amount      int64 // what is chased, minor units
	Interest    int64 // statutory interest on it, minor units
}

// Instalment is one term of a payment plan.
type Instalment struct {
	DueDate ledger.Date
	Amount  int64 // minor units
}

// Letter is everything one reminder or letter says, whatever the channel.
type Letter struct {
	Template       string        // one of the template names (PreDue ... PlanConfirmation)
	Language       string        // nl, en, de, fr ("" = the customer's); others fall back to en, then nl
	Entity         ledger.Entity // the sender: letterhead, contact details, IBANs
	Customer       ledger.Customer
	Contact        string      // the addressee's name (the dunning contact); may be empty
	Date           ledger.Date // the date of the letter
	Currency       string      // "" = the customer's, else the entity's currency
	Lines          []Line
	Total          int64  // sum of the lines' amounts, minor units
	Interest       int64  // statutory interest charged
	Costs          int64  // collection costs charged
	AnnouncedCosts int64  // the 14-day letter: the costs charged if not paid in time
	PaymentRef     string // to quote when paying; "" = the invoice number (one line) or customer number
	PayBy          ledger.Date
	PortalURL      string // personal link to see and pay the items; "" leaves the sentence out
	Consumer       bool
	Agency         string       // the collection agency's name, for the agency letter ("" = not named)
	Instalments    []Instalment // the payment plan's terms, for the plan confirmation (optional)
}

// GrandTotal returns what the letter asks to pay: Total + Interest + Costs.
func (l Letter) GrandTotal() int64 { return l.Total + l.Interest + l.Costs }

// currency returns the letter's currency, falling back to the customer's
// and the entity's.
func (l Letter) currency() string {
	for _, c := range []string{l.Currency, l.Customer.Currency, l.Entity.Currency} {
		if c != "" {
			return strings.ToUpper(c)
		}
	}
	return "EUR"
}

// Email is a rendered e-mail: subject, plain-text part and HTML part.
type Email struct {
	Subject string
	Text    string
	HTML    string
}

// Names returns the letter template names in scheme order.
func (t *Templates) Names() []string { return append([]string(nil), templateNames...) }

// Languages returns the languages that have texts.
func (t *Templates) Languages() []string { return append([]string(nil), languages...) }

// normLanguage reduces "nl-BE" or "NL" to "nl".
func normLanguage(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	return s
}
