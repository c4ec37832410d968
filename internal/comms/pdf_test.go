package comms

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/pdftext"
)

// pdfText extracts the text of a PDF, page by page.
func pdfText(t *testing.T, b []byte) []string {
	t.Helper()
	pages, err := pdftext.Pages(b)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func TestPDFLetter(t *testing.T) {
	tp := DefaultTemplates()
	for _, lang := range tp.Languages() {
		l := fixture(Final, lang)
		l.Customer.Name = "Café Müller & Zoon"
		l.Customer.Country = "DE"
		l.Customer.City = "Köln"
		b, err := tp.PDF(l)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("%s: not a PDF", lang)
		}
		text := flat(strings.Join(pdfText(t, b), "\n"))
		want := []string{"Café Müller & Zoon", "Köln", "Kredo Demo Groothandel B.V.", FormatMoney(lang, ledger.EUR(l.GrandTotal())),
			FormatIBAN(entityNL.IBANs[0]), l.PaymentRef, "12345678"}
		for _, ln := range l.Lines {
			want = append(want, ln.Number)
		}
		for _, w := range want {
			if !strings.Contains(text, flat(w)) {
				t.Errorf("%s: the PDF lacks %q:\n%s", lang, w, text)
			}
		}
		if strings.Contains(text, "{kp") {
			t.Errorf("%s: a page-count alias was left in the PDF", lang)
		}
	}
}

func TestPDFEveryTemplate(t *testing.T) {
	tp := DefaultTemplates()
	for _, lang := range tp.Languages() {
		for _, name := range tp.Names() {
			b, err := tp.PDF(fixture(name, lang))
			if err != nil {
				t.Fatalf("%s/%s: %v", lang, name, err)
			}
			text := flat(strings.Join(pdfText(t, b), "\n"))
			if !strings.Contains(text, "Bakker & Zn <b>") || !strings.Contains(text, "2026-1017") {
				t.Errorf("%s/%s: incomplete PDF text:\n%s", lang, name, text)
			}
		}
	}
}

func TestPDFIsDeterministic(t *testing.T) {
	tp := DefaultTemplates()
	l := fixture(Second, "fr")
	a, err := tp.PDF(l)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tp.PDF(l)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the same letter rendered to different bytes")
	}
	if !bytes.Contains(a, []byte("D:20261122")) {
		t.Error("the creation date is not the letter date")
	}
}

func TestPDFSurvivesAnyText(t *testing.T) {
	tp := DefaultTemplates()
	l := fixture(Friendly, "nl")
	l.Customer.Name = "Łódź Trading 😀 \u202f «Ωmega» 東京"
	l.Customer.AddressLine = strings.Repeat("Very long street name ", 10)
	b, err := tp.PDF(l)
	if err != nil {
		t.Fatal(err)
	}
	if text := flat(strings.Join(pdfText(t, b), " ")); !strings.Contains(text, "Lódz Trading ? «?mega» ??") {
		t.Errorf("characters outside Windows-1252 were not replaced:\n%s", text)
	}
}

func TestPDFLongLetterRepeatsTableHeading(t *testing.T) {
	tp := DefaultTemplates()
	l := fixture(Friendly, "en")
	l.Lines = nil
	l.Total = 0
	for i := range 80 {
		l.Lines = append(l.Lines, Line{Number: "INV-" + string(rune('A'+i%26)) + strings.Repeat("x", i%5), DueDate: letterDate.AddDays(-30), DaysOverdue: 30, Amount: 1000})
		l.Total += 1000
	}
	b, err := tp.PDF(l)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfText(t, b)
	if len(pages) < 3 {
		t.Fatalf("80 items on %d pages", len(pages))
	}
	for i, p := range pages[:2] {
		if !strings.Contains(p, "Due date") {
			t.Errorf("page %d has no table heading", i+1)
		}
	}
	last := flat(pages[len(pages)-1])
	if want := "Page " + itoa(len(pages)) + " of " + itoa(len(pages)); !strings.Contains(last, want) {
		t.Errorf("last page lacks %q:\n%s", want, last)
	}
}

func TestPrintBatch(t *testing.T) {
	tp := DefaultTemplates()
	var letters []Letter
	names := []string{"Bäckerei Groß GmbH", "Société Générale de Café", "Jansen & Zonen"}
	for i, lang := range []string{"de", "fr", "nl"} {
		l := fixture([]string{Friendly, Final, Second}[i], lang)
		l.Customer.Name = names[i]
		l.Customer.Number = "C" + itoa(i)
		letters = append(letters, l)
	}
	b, err := tp.PrintBatch(letters)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfText(t, b)
	if len(pages) < 3 {
		t.Fatalf("3 letters on %d pages", len(pages))
	}
	all := flat(strings.Join(pages, "\n"))
	for _, n := range names {
		if !strings.Contains(all, n) {
			t.Errorf("the batch lacks %q", n)
		}
	}
	// each letter starts on a page of its own and numbers its own pages
	starts := 0
	for _, p := range pages {
		p = flat(p)
		if strings.Contains(p, "Seite 1 von") || strings.Contains(p, "Page 1 sur") || strings.Contains(p, "Pagina 1 van") {
			starts++
		}
	}
	if starts != 3 {
		t.Errorf("%d pages number themselves as a letter's first, want 3", starts)
	}
	if _, err := tp.PrintBatch(nil); err == nil {
		t.Error("an empty batch was accepted")
	}
	bad := append([]Letter(nil), letters...)
	bad[1].Template = "nonsense"
	if _, err := tp.PrintBatch(bad); err == nil || !strings.Contains(err.Error(), "letter 2 (customer C1)") {
		t.Errorf("a bad letter in a batch: %v", err)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestAddressLines(t *testing.T) {
	tp := DefaultTemplates()
	l := fixture(Friendly, "fr")
	l.Contact = "Émile Zola"
	l.Customer.Country, l.Customer.City, l.Customer.PostalCode = "GB", "London", "SW1A 1AA"
	r, err := tp.render(&l)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(r.addressLines(), " | ")
	want := "Bakker & Zn <b> | À l'attention d'Émile Zola | Kerkstraat 1 | LONDON | SW1A 1AA | ROYAUME-UNI"
	if got != want {
		t.Errorf("address:\n got %s\nwant %s", got, want)
	}
}
