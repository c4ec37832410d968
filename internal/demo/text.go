package demo

import "strings"

// slug turns a name into a lower-case ASCII domain label: "Café De Zwaan" →
// "cafe-de-zwaan".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if m, ok := fold[c]; ok {
			b.WriteString(m)
			dash = false
			continue
		}
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case c == ' ' || c == '-' || c == '&' || c == '/':
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// fold maps the accented letters of the word lists to ASCII.
// (German umlauts the German way: "Bäckerei" → "baeckerei").
var fold = map[rune]string{'à': "a", 'á': "a", 'â': "a", 'ä': "ae", 'ç': "c", 'è': "e", 'é': "e", 'ê': "e",
	'ë': "e", 'ï': "i", 'î': "i", 'ô': "o", 'ö': "oe", 'ü': "ue", 'û': "u", 'ß': "ss"}

// capitalize upper-cases the first letter ("van Dijk" → "Van Dijk" at the
// start of a name; Dutch writes the prefix in lower case after a word).
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// words are the phrases of invoices and payments per language.
type words struct {
	delivery, services, week string
	invoice, invoices        string
	creditNote               string
	creditFor                string // "Creditnota bij factuur"
	reasons                  [4]string
	payment                  string
	paymentRun               string
	settlement               string
	with                     string
	months                   [12]string
}

// vocab holds the phrases for nl, en, fr and de.
var vocab = map[string]*words{
	"nl": {
		delivery: "Levering", services: "Dienstverlening", week: "week",
		invoice: "Factuur", invoices: "Facturen", creditNote: "creditnota",
		creditFor: "Creditnota bij factuur",
		reasons:   [4]string{"retour goederen", "prijscorrectie", "beschadigde levering", "gedeeltelijke retour"},
		payment:   "Betaling", paymentRun: "Betaalrun", settlement: "Verrekening creditnota", with: "met factuur",
		months: [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	},
	"en": {
		delivery: "Delivery", services: "Services", week: "week",
		invoice: "Invoice", invoices: "Invoices", creditNote: "credit note",
		creditFor: "Credit note for invoice",
		reasons:   [4]string{"returned goods", "price correction", "damaged delivery", "partial return"},
		payment:   "Payment", paymentRun: "Payment run", settlement: "Settlement of credit note", with: "against invoice",
		months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	},
	"fr": {
		delivery: "Livraison", services: "Prestations", week: "semaine",
		invoice: "Facture", invoices: "Factures", creditNote: "note de crédit",
		creditFor: "Note de crédit pour la facture",
		reasons:   [4]string{"retour de marchandises", "correction de prix", "livraison endommagée", "retour partiel"},
		payment:   "Paiement", paymentRun: "Paiement groupé", settlement: "Compensation note de crédit", with: "avec facture",
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	},
	"de": {
		delivery: "Lieferung", services: "Dienstleistungen", week: "KW",
		invoice: "Rechnung", invoices: "Rechnungen", creditNote: "Gutschrift",
		creditFor: "Gutschrift zu Rechnung",
		reasons:   [4]string{"Warenrücksendung", "Preiskorrektur", "beschädigte Lieferung", "Teilrücksendung"},
		payment:   "Zahlung", paymentRun: "Zahllauf", settlement: "Verrechnung Gutschrift", with: "mit Rechnung",
		months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	},
}
