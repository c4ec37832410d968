package comms

import (
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

func TestFormatMoney(t *testing.T) {
	for _, c := range []struct {
		lang   string
		amount int64
		cur    string
		want   string // "_" stands for a no-break space
	}{
		{"nl", 123456, "EUR", "€_1.234,56"},
		{"de", 123456, "EUR", "1.234,56_€"},
		{"fr", 123456, "EUR", "1_234,56_€"},
		{"en", 123456, "EUR", "€1,234.56"},
		{"nl", -123456, "EUR", "€_-1.234,56"},
		{"en", -5, "GBP", "-£0.05"},
		{"de", 0, "EUR", "0,00_€"},
		{"en", 123456789012, "USD", "$1,234,567,890.12"},
		{"fr", 100000000, "EUR", "1_000_000,00_€"},
		{"en", 250000, "CHF", "CHF_2,500.00"},
		{"nl", 250000, "SEK", "SEK_2.500,00"},
		{"de", 1234, "JPY", "1.234_JPY"},
		{"en", 1234, "KWD", "KWD_1.234"},
		{"xx", 123456, "EUR", "€_1.234,56"},
	} {
		got := FormatMoney(c.lang, ledger.Money{Amount: c.amount, Currency: c.cur})
		if want := strings.ReplaceAll(c.want, "_", nbsp); got != want {
			t.Errorf("FormatMoney(%s, %d %s) = %q, want %q", c.lang, c.amount, c.cur, got, want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	d := ledger.NewDate(2026, 11, 22)
	for lang, want := range map[string]string{"nl": "22-11-2026", "de": "22.11.2026", "fr": "22/11/2026", "en": "22 November 2026"} {
		if got := strings.ReplaceAll(FormatDate(lang, d), nbsp, " "); got != want {
			t.Errorf("FormatDate(%s) = %q, want %q", lang, got, want)
		}
	}
	first := ledger.NewDate(2027, 3, 1)
	for lang, want := range map[string]string{"nl": "1 maart 2027", "de": "1. März 2027", "fr": "1er mars 2027", "en": "1 March 2027"} {
		if got := strings.ReplaceAll(FormatLongDate(lang, first), nbsp, " "); got != want {
			t.Errorf("FormatLongDate(%s) = %q, want %q", lang, got, want)
		}
	}
	if FormatDate("nl", ledger.Date{}) != "" || FormatLongDate("nl", ledger.Date{}) != "" {
		t.Error("the zero date should format as empty")
	}
	if got := FormatDate("nl", ledger.NewDate(2026, 1, 5)); got != "05-01-2026" {
		t.Errorf("FormatDate pads: %q", got)
	}
}

func TestFormatIBAN(t *testing.T) {
	for in, want := range map[string]string{
		"NL91ABNA0417164300":     "NL91 ABNA 0417 1643 00",
		"nl91 abna 0417 1643 00": "NL91 ABNA 0417 1643 00",
		"GB29NWBK60161331926819": "GB29 NWBK 6016 1331 9268 19",
		"BE68-5390-0754-7034":    "BE68 5390 0754 7034",
		"":                       "",
	} {
		if got := FormatIBAN(in); got != want {
			t.Errorf("FormatIBAN(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestToCP1252(t *testing.T) {
	got := toCP1252("€ é ü ß ç ë – ł ő Ž 😀 a\x06b\x01")
	want := "\x80 \xe9 \xfc \xdf \xe7 \xeb \x96 l o \x8e ? a\xa0b"
	if got != want {
		t.Errorf("toCP1252 = %q, want %q", got, want)
	}
	if s := "plain ASCII"; toCP1252(s) != s {
		t.Error("ASCII changed")
	}
}
