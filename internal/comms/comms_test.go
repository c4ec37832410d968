package comms

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/kredo-dev/kredo/internal/ledger"
)

var (
	letterDate = ledger.NewDate(2026, 11, 22)
	entityNL   = ledger.Entity{Code: "NL01", Name: "Kredo Demo Groothandel B.V.", Currency: "EUR",
		IBANs: []string{"NL91ABNA0417164300", "NL20INGB0001234567"}, AddressLine: "Industrieweg 12", PostalCode: "3542 AD",
		City: "Utrecht", Country: "NL", VATNumber: "NL123456789B01", CoCNumber: "12345678",
		Email: "debiteuren@kredo.example", Phone: "+31 30 123 45 67", Website: "www.kredo.example"}
)

// fixture is a letter of template name in language lang to a customer
// whose name needs escaping, with three items (interest on the later
// levels) and the amounts each template needs.
func fixture(name, lang string) Letter {
	l := Letter{
		Template: name, Language: lang, Entity: entityNL,
		Customer: ledger.Customer{Number: "10023", Name: "Bakker & Zn <b>", AddressLine: "Kerkstraat 1",
			PostalCode: "1234 AB", City: "Amersfoort", Country: "NL", Language: lang, Kind: ledger.KindB2B},
		Contact: "Anna de Vries", Date: letterDate, Currency: "EUR",
		Lines: []Line{
			{Number: "2026-1001", InvoiceDate: ledger.NewDate(2026, 9, 1), DueDate: ledger.NewDate(2026, 10, 1), DaysOverdue: 52, Amount: 123456},
			{Number: "2026-1017", InvoiceDate: ledger.NewDate(2026, 9, 15), DueDate: ledger.NewDate(2026, 10, 15), DaysOverdue: 38, Amount: 45000},
			{Number: "CN-77", InvoiceDate: ledger.NewDate(2026, 10, 2), DueDate: ledger.NewDate(2026, 11, 1), DaysOverdue: 21, Amount: 9995},
		},
		Total: 178451, PaymentRef: "RF18 5390 0754 7034", PayBy: letterDate.AddDays(7),
		PortalURL: "https://pay.kredo.example/p/abc?x=1&y=2",
	}
	switch name {
	case PreDue:
		for i := range l.Lines {
			l.Lines[i].DaysOverdue = 0
		}
	case Final, Agency:
		l.Lines[0].Interest, l.Lines[1].Interest, l.Lines[2].Interest = 1402, 374, 46
		l.Interest, l.Costs = 1822, 26768
	case FourteenDay:
		l.AnnouncedCosts = 26768
		l.PayBy = letterDate.AddDays(15)
	case PlanConfirmation:
		l.Instalments = []Instalment{{DueDate: letterDate.AddDays(14), Amount: 90000}, {DueDate: letterDate.AddDays(44), Amount: 88451}}
	}
	return l
}

// flat collapses all white space (wrapped lines, no-break spaces) to single
// spaces, so a check does not depend on where a line was broken.
func flat(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// htmlText returns the text content of an HTML document.
func htmlText(t *testing.T, doc string) string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return b.String()
}

// elements returns the elements of a tag in an HTML document.
func elements(t *testing.T, doc, tag string) []*html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func TestEveryTemplateInEveryLanguage(t *testing.T) {
	tp := DefaultTemplates()
	for _, lang := range tp.Languages() {
		for _, name := range tp.Names() {
			for _, consumer := range []bool{false, true} {
				l := fixture(name, lang)
				if consumer {
					l.Consumer, l.Contact, l.Customer.Kind, l.Customer.Name = true, "", ledger.KindConsumer, "Renée Müller"
				}
				e, err := tp.Email(l)
				if err != nil {
					t.Fatalf("%s/%s: %v", lang, name, err)
				}
				if strings.TrimSpace(e.Subject) == "" {
					t.Errorf("%s/%s: empty subject", lang, name)
				}
				want := []string{l.Customer.Name, FormatMoney(lang, ledger.Money{Amount: l.GrandTotal(), Currency: "EUR"}),
					FormatIBAN(entityNL.IBANs[0]), FormatIBAN(entityNL.IBANs[1]), l.PaymentRef, entityNL.Phone, entityNL.Email}
				for _, ln := range l.Lines {
					want = append(want, ln.Number)
				}
				if name != PreDue && name != PlanConfirmation {
					want = append(want, FormatLongDate(lang, l.PayBy))
				}
				for part, body := range map[string]string{"text": e.Text, "html": htmlText(t, e.HTML)} {
					for _, w := range want {
						if !strings.Contains(flat(body), flat(w)) {
							t.Errorf("%s/%s (consumer %v) %s part lacks %q:\n%s", lang, name, consumer, part, w, body)
						}
					}
					if !strings.Contains(body, l.PortalURL) {
						t.Errorf("%s/%s %s part lacks the portal link", lang, name, part)
					}
					if strings.ContainsAny(body, "\x01\x02\x03\x04\x05\x06") || strings.Contains(body, "{{") || strings.Contains(body, "<no value>") {
						t.Errorf("%s/%s %s part leaks markup:\n%q", lang, name, part, body)
					}
				}
			}
		}
	}
}

func TestPortalSentenceOnlyWithLink(t *testing.T) {
	tp := DefaultTemplates()
	l := fixture(Friendly, "nl")
	l.PortalURL = ""
	e, err := tp.Email(l)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(e.Text, "persoonlijke pagina") || len(elements(t, e.HTML, "a")) != 0 {
		t.Errorf("portal sentence without a link:\n%s", e.Text)
	}
	l.PortalURL = "javascript:alert(1)"
	if e, _ = tp.Email(l); strings.Contains(e.HTML, "javascript") {
		t.Error("a javascript: link made it into the mail")
	}
}

func TestHTMLEscapesData(t *testing.T) {
	tp := DefaultTemplates()
	l := fixture(Friendly, "en")
	l.Contact = `<script>alert("x")</script>`
	e, err := tp.Email(l)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(elements(t, e.HTML, "b")); n != 0 {
		t.Errorf("the customer name became %d <b> elements", n)
	}
	if n := len(elements(t, e.HTML, "script")); n != 0 {
		t.Errorf("the contact became %d <script> elements", n)
	}
	text := htmlText(t, e.HTML)
	for _, w := range []string{"Bakker & Zn <b>", `Dear <script>alert("x")</script>,`} {
		if !strings.Contains(text, w) {
			t.Errorf("HTML text lacks %q", w)
		}
	}
	links := elements(t, e.HTML, "a")
	if len(links) != 1 || attr(links[0], "href") != l.PortalURL {
		t.Errorf("want one link to %s, got %d", l.PortalURL, len(links))
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestMarkupCannotBeInjected(t *testing.T) {
	tp := DefaultTemplates()
	l := fixture(Friendly, "nl")
	l.Customer.Name = "Evil \x02Bold\x03 {{items}}\n\nCo"
	e, err := tp.Email(l)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(flat(e.Text), "Evil Bold {{items}} Co") {
		t.Errorf("name not kept as text:\n%s", e.Text)
	}
	if n := len(elements(t, e.HTML, "table")); n != 3 { // the layout (2) and the items
		t.Errorf("%d tables, want 3", n)
	}
	if n := len(elements(t, e.HTML, "strong")); n != 4 { // the amount, date and reference, the sender in the footer
		t.Errorf("%d bold runs, want 4", n)
	}
	if strings.Count(e.Text, "Totaal") != 1 {
		t.Errorf("the item table appears more than once:\n%s", e.Text)
	}
}

func TestInterestColumnOnlyWithInterest(t *testing.T) {
	tp := DefaultTemplates()
	for _, withInterest := range []bool{false, true} {
		l := fixture(Second, "de")
		if withInterest {
			l.Lines[0].Interest, l.Interest = 1402, 1402
		}
		e, err := tp.Email(l)
		if err != nil {
			t.Fatal(err)
		}
		var heads []string
		for _, th := range elements(t, e.HTML, "th") {
			heads = append(heads, th.FirstChild.Data)
		}
		has := strings.Contains(strings.Join(heads, "|"), "Zinsen")
		if has != withInterest {
			t.Errorf("interest %v: headings %v", withInterest, heads)
		}
		found := false
		for _, line := range strings.Split(e.Text, "\n") {
			if strings.HasPrefix(line, "Rechnung  ") {
				found = true
				if strings.HasSuffix(line, "Zinsen") != withInterest {
					t.Errorf("interest %v: text table heading %q", withInterest, line)
				}
			}
		}
		if !found {
			t.Errorf("no table heading in the text part:\n%s", e.Text)
		}
	}
}

func TestFourteenDayLetter(t *testing.T) {
	tp := DefaultTemplates()
	for _, lang := range tp.Languages() {
		l := fixture(FourteenDay, lang)
		l.Consumer = true
		e, err := tp.Email(l)
		if err != nil {
			t.Fatal(err)
		}
		costs := FormatMoney(lang, ledger.EUR(l.AnnouncedCosts))
		if !strings.Contains(e.Text, costs) {
			t.Errorf("%s: the 14-day letter does not state the costs %s:\n%s", lang, costs, e.Text)
		}
		if !strings.Contains(flat(e.Text), flat(FormatLongDate(lang, l.PayBy))) {
			t.Errorf("%s: no pay-by date", lang)
		}
	}
	l := fixture(FourteenDay, "nl")
	l.PayBy = l.Date.AddDays(14)
	if _, err := tp.Email(l); err == nil || !strings.Contains(err.Error(), "15 days") {
		t.Errorf("a 14-day letter with a 14-day term: %v", err)
	}
	l = fixture(FourteenDay, "nl")
	l.AnnouncedCosts = 0
	e, err := tp.Email(l)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(e.Text, "incassokosten verschuldigd van") || !strings.Contains(flat(e.Text), "Vanaf de vervaldatum bent u de wettelijke") {
		t.Errorf("a 14-day letter without costs:\n%s", e.Text)
	}
}

func TestLanguageFallback(t *testing.T) {
	tp := DefaultTemplates()
	for lang, want := range map[string]string{"es": "Payment reminder", "": "Payment reminder", "nl-BE": "Herinnering", "DE": "Zahlungserinnerung", "fr_FR": "Rappel"} {
		e, err := tp.Email(fixture(Friendly, lang))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(e.Subject, want) {
			t.Errorf("language %q: subject %q, want %q...", lang, e.Subject, want)
		}
	}
	if _, err := tp.Email(fixture("nonsense", "nl")); err == nil {
		t.Error("an unknown template rendered")
	}
}

func TestSubjectsCountInvoices(t *testing.T) {
	tp := DefaultTemplates()
	l := fixture(Friendly, "nl")
	l.Lines = l.Lines[:1]
	l.Total = l.Lines[0].Amount
	l.PaymentRef = ""
	e, err := tp.Email(l)
	if err != nil {
		t.Fatal(err)
	}
	if e.Subject != "Herinnering: factuur 2026-1001" {
		t.Errorf("subject %q", e.Subject)
	}
	if !strings.Contains(e.Text, "onder vermelding van 2026-1001") {
		t.Errorf("without a payment reference the invoice number is quoted:\n%s", e.Text)
	}
}

func TestNoDoubleFullStop(t *testing.T) {
	tp := DefaultTemplates()
	l := fixture(Second, "en")
	l.Customer.Name = "Smith & Sons Ltd."
	e, err := tp.Email(l)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(e.Text, "Ltd..") {
		t.Errorf("double full stop:\n%s", e.Text)
	}
	for in, want := range map[string]string{"B.V..": "B.V.", "wait...": "wait...", "B.V.\x03.": "B.V.\x03", "a.b": "a.b", "\x04http://x..y\x05": "\x04http://x..y\x05"} {
		if got := tidy(in); got != want {
			t.Errorf("tidy(%q) = %q, want %q", in, got, want)
		}
	}
}
