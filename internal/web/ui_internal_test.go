package web

import (
	"testing"

	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// TestEditorTranslations checks the keys the new pages build at run time:
// the help of the template editor, the languages and the shared blocks.
func TestEditorTranslations(t *testing.T) {
	keys := []string{"tpl.common", "msgchannel.phone", "calc.kind_commercial", "calc.kind_consumer"}
	for _, h := range append(append([]helpItem{}, templateFuncs...), templateFields...) {
		keys = append(keys, h.Key)
	}
	for _, lang := range comms.DefaultTemplates().Languages() {
		keys = append(keys, "lang."+lang)
	}
	for _, k := range keys {
		if _, ok := messages[k]; !ok {
			t.Errorf("no translation for %s", k)
		}
	}
}

// TestParseFormAmount checks the calculator's amounts: the user's decimal
// separator, the other one tolerated, ambiguous ones refused.
func TestParseFormAmount(t *testing.T) {
	for _, c := range []struct {
		lang, in string
		want     int64
		ok       bool
	}{
		{"en", "3000", 300000, true},
		{"en", "3,000.50", 300050, true},
		{"en", "EUR 1,234,567.89", 123456789, true},
		{"en", "2500,5", 250050, true},
		{"en", "1.234,56", 123456, true},
		{"en", "12,345", 0, false},
		{"en", "12.345", 0, false},
		{"en", "12.3456", 0, false},
		{"en", "abc", 0, false},
		{"en", "", 0, false},
		{"nl", "€ 3.000,00", 300000, true},
		{"nl", "12,5", 1250, true},
		{"nl", "1234.56", 123456, true},
		{"nl", "1.234.567", 123456700, true},
		{"nl", "2.500", 0, false},
	} {
		got, err := parseFormAmount(c.lang, c.in, "EUR")
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%s %q: %d, %v; want %d, ok %v", c.lang, c.in, got, err, c.want, c.ok)
		}
	}
	if _, err := parseFormAmount("en", "1,234", "EUR"); err != errAmbiguous {
		t.Errorf("1,234: %v, want ambiguous", err)
	}
	p := Page{Lang: "nl", User: ledger.User{}}
	if got := p.Percent(1225); got != "12,25%" {
		t.Errorf("percent %q", got)
	}
}
