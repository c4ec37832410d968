package comms

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

func TestOverrideRejectsBadTemplates(t *testing.T) {
	tp := DefaultTemplates()
	_, common := tp.Source("nl", Common)
	brokenClosing := strings.Replace(common, "{{.Entity.Name}}\nDebiteurenbeheer", "{{.Entity.Nope}}", 1)
	if brokenClosing == common {
		t.Fatal("the closing is not where the test expects it")
	}
	for _, c := range []struct {
		name, subject, body string
		want                []string
	}{
		{Friendly, "Herinnering", "Beste klant,\n\n{{if .Contact}}\nopen if\n", []string{"friendly", "(nl)", "body line", "unexpected EOF"}},
		{Friendly, "Herinnering", "Regel 1\nRegel 2\n{{.Total | money}\n", []string{"friendly", "(nl)", "body line 3"}},
		{Second, "Herinnering {{.Nope}}", "tekst", []string{"second", "(nl)", "subject line 1", "Nope"}},
		{Final, "Aanmaning", "{{money .Customer.Name}}", []string{"final", "(nl)", "body line 1", "expected ledger.Money"}},
		{Final, "Aanmaning", "{{template \"bestaat-niet\" .}}", []string{"final", "(nl)", "bestaat-niet"}},
		{Common, "", brokenClosing, []string{"(nl)", "partials line", "Nope"}},
		{"nonsense", "x", "y", []string{"unknown template"}},
		{Friendly, "", "body", []string{"subject is empty"}},
		{Friendly, "x", "  \n", []string{"text is empty"}},
	} {
		err := tp.Override("nl", c.name, c.subject, c.body)
		if err == nil {
			t.Errorf("%s %q accepted", c.name, c.body)
			continue
		}
		if !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("%v is not ErrInvalid", err)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q lacks %q", err, w)
			}
		}
	}
	// the texts in force are untouched
	e, err := tp.Email(fixture(Friendly, "nl"))
	if err != nil || !strings.HasPrefix(e.Subject, "Herinnering: 3 openstaande facturen") {
		t.Errorf("after rejected overrides: %q, %v", e.Subject, err)
	}
	if err := tp.Override("es", Friendly, "x", "y"); err == nil {
		t.Error("an override in a language without texts was accepted")
	}
}

func TestOverrideAndReset(t *testing.T) {
	tp := DefaultTemplates()
	defSubject, defBody := tp.Source("nl", Friendly)
	body := "{{template \"salutation\" .}}\n\nGraag ontvangen wij {{bold (money .GrandTotal)}} van {{.Customer.Name}}.\n\n{{items}}\n\n{{template \"closing\" .}}\n"
	if err := tp.Override("NL", Friendly, "Even herinneren: {{.Count}} facturen", body); err != nil {
		t.Fatal(err)
	}
	e, err := tp.Email(fixture(Friendly, "nl"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Subject != "Even herinneren: 3 facturen" || !strings.Contains(flat(e.Text), "Graag ontvangen wij € 1.784,51 van Bakker & Zn <b>.") {
		t.Errorf("override not used: %q\n%s", e.Subject, e.Text)
	}
	if s, b := tp.Source("nl", Friendly); s != "Even herinneren: {{.Count}} facturen" || b != body {
		t.Errorf("Source after override: %q", s)
	}
	if s, _ := tp.Default("nl", Friendly); s != defSubject {
		t.Errorf("Default changed: %q", s)
	}
	// other languages and templates keep their texts
	if e, _ := tp.Email(fixture(Friendly, "en")); !strings.HasPrefix(e.Subject, "Payment reminder") {
		t.Errorf("English changed: %q", e.Subject)
	}
	// the shared blocks can be overridden too
	_, common := tp.Source("nl", Common)
	if err := tp.Override("nl", Common, "", strings.Replace(common, "Debiteurenbeheer", "Team Finance", 1)); err != nil {
		t.Fatal(err)
	}
	if e, _ := tp.Email(fixture(Second, "nl")); !strings.Contains(e.Text, "Team Finance") {
		t.Error("the common override is not used")
	}
	if err := tp.Reset("nl", Friendly); err != nil {
		t.Fatal(err)
	}
	if s, b := tp.Source("nl", Friendly); s != defSubject || b != defBody {
		t.Error("Reset did not restore the default")
	}
}

func TestSourceForEveryTemplate(t *testing.T) {
	tp := DefaultTemplates()
	for _, lang := range tp.Languages() {
		for _, name := range tp.Names() {
			s, b := tp.Source(lang, name)
			if s == "" || b == "" || strings.HasPrefix(b, "\n") {
				t.Errorf("%s/%s: subject %q, body starts %q", lang, name, s, b[:min(len(b), 20)])
			}
			// a default text is accepted back as an override unchanged
			if err := tp.Override(lang, name, s, b); err != nil {
				t.Errorf("%s/%s: %v", lang, name, err)
			}
		}
		if _, b := tp.Source(lang, Common); !strings.Contains(b, `define "closing"`) {
			t.Errorf("%s: no closing in the common blocks", lang)
		}
	}
	if s, _ := tp.Source("es", Friendly); !strings.HasPrefix(s, "Payment reminder") {
		t.Errorf("Source falls back to English: %q", s)
	}
}

func TestConcurrentRenderAndOverride(t *testing.T) {
	tp := DefaultTemplates()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if i == 0 {
					s, b := tp.Source("nl", Friendly)
					if err := tp.Override("nl", Friendly, s, b); err != nil {
						t.Error(err)
					}
					continue
				}
				if _, err := tp.Email(fixture(Friendly, "nl")); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestSample(t *testing.T) {
	tp := DefaultTemplates()
	for _, name := range tp.Names() {
		if _, err := tp.PDF(Sample(name, "de")); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
