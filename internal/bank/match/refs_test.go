package match

import (
	"reflect"
	"strings"
	"testing"
)

func TestKeys(t *testing.T) {
	if got := normKey("f 2026.00123-x"); got != "F202600123X" {
		t.Errorf("normKey %q", got)
	}
	if got := numberRuns("INV/2026-0042a"); !reflect.DeepEqual(got, []string{"INV", "2026", "0042", "A"}) {
		t.Errorf("numberRuns %q", got)
	}
	if got := shape("F202600123"); got != "F299999999" {
		t.Errorf("shape %q", got)
	}
	if significant("00123") != 3 || stripZeros("000") != "0" || stripZeros("0042") != "42" {
		t.Error("significant/stripZeros")
	}
	// the keys an invoice number is indexed under
	ix := NewIndex([]OpenItem{{InvoiceID: 1, CustomerID: 1, Number: "F2026-00123", Currency: "EUR", Open: 1},
		{InvoiceID: 2, CustomerID: 1, Number: "INV-2026-104522", Currency: "EUR", Open: 1}}, Known{})
	want := map[string]uint8{"F202600123": kindNumber, "F2026123": kindLoose, "202600123": kindLoose, "2026123": kindLoose,
		"INV2026104522": kindNumber, "2026104522": kindLoose, "104522": kindSuffix}
	for k, kind := range want {
		h, ok := ix.keys[k]
		if !ok || ix.hits[h].kind != kind {
			t.Errorf("key %s: %v kind %d, want %d", k, ok, ix.hits[h].kind, kind)
		}
	}
	if _, ok := ix.keys["00123"]; ok {
		t.Error("too short a key")
	}
	if _, ok := ix.keys["123"]; ok {
		t.Error("too short a key")
	}
}

func TestRemittanceText(t *testing.T) {
	raw := "/TRTP/SEPA OVERBOEKING/IBAN/NL91ABNA0417164300/BIC/ABNANL2A/NAME/Jansen Bouw BV/REMI/BETALING FACT 2026-00123/EREF/NOTPROVIDED"
	if got := remittanceText(raw); got != "BETALING FACT 2026-00123" {
		t.Errorf("remittanceText = %q", got)
	}
	if got := remittanceText("/REMI/USTD//Factuur 1260100006/"); got != "Factuur 1260100006/" {
		t.Errorf("remittanceText ING = %q", got)
	}
	if got := remittanceText("gewoon tekst"); got != "gewoon tekst" {
		t.Errorf("plain = %q", got)
	}
}

func TestTokenize(t *testing.T) {
	s := "Fact. 1260100006, F 2026-00123;x"
	var parts []string
	for _, tk := range tokenize(s, nil) {
		p := s[tk.start:tk.end]
		if tk.join {
			p += "+"
		}
		parts = append(parts, p)
	}
	if got := strings.Join(parts, " "); got != "Fact+ 1260100006 F+ 2026+ 00123 x" {
		t.Errorf("tokens %q", got)
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct {
		name string
		want string
	}{
		{"Jansen Bouw B.V.", "JANSEN BOUW"},
		{"JANSEN BOUW BV", "JANSEN BOUW"},
		{"Jansen Bouw B V", "JANSEN BOUW"},
		{"Müller GmbH & Co. KG", "MULLER"},
		{"De Vries Logistiek N.V.", "VRIES LOGISTIEK"},
		{"Café 't Hoekje", "CAFE T HOEKJE"},
	} {
		if got := nameKey(c.name); got != c.want {
			t.Errorf("nameKey(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"JANSEN BOUW BV", "Jansen Bouw B.V.", true},
		{"J. Jansen", "Jansen Bouw B.V.", true},
		{"Jansen Bouw en Infra Holding", "Jansen Bouw B.V.", true},
		{"Bouwbedrijf Pietersen", "Jansen Bouw B.V.", false},
		{"B.V.", "Jansen Bouw B.V.", false},
		{"", "Jansen", false},
		{"Hendriks Transport", "De Vries Logistiek B.V.", false},
	} {
		if got := resembles(c.a, c.b); got != c.want {
			t.Errorf("resembles(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestExactSubsets(t *testing.T) {
	vals := []int64{500, 300, 200, 100, -50}
	sols, done := exactSubsets(vals, 600, 10)
	if !done {
		t.Error("a small search was cut short")
	}
	got := map[string]bool{}
	for _, s := range sols {
		var parts []string
		for _, k := range s {
			parts = append(parts, itoa(vals[k]))
		}
		got[strings.Join(parts, "+")] = true
	}
	if len(got) != 2 || !got["500+100"] || !got["300+200+100"] {
		t.Errorf("600: %v", got)
	}
	if s, _ := exactSubsets(vals, 650, 10); len(s) != 1 || !reflect.DeepEqual(s[0], []int{0, 2, 4}) {
		t.Errorf("650 with a credit note: %v", s)
	}
	if s, done := exactSubsets(vals, 10000, 10); len(s) != 0 || !done {
		t.Error("impossible target found")
	}
	// the search is bounded, and says so
	big := make([]int64, 40)
	for i := range big {
		big[i] = int64(100000 + i*7)
	}
	if _, done := exactSubsets(big, 1000003, 2); done {
		t.Error("a search of 2^40 sets was complete")
	}
}

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"1260100006", "1260100006", true},
		{"1260100006", "1260100096", true},  // changed
		{"1260100006", "1260100060", true},  // swapped
		{"1260100006", "126010006", true},   // left out
		{"1260100006", "12601000061", true}, // added
		{"1260100006", "1260100069", false},
		{"1260100006", "2160100060", false},
		{"1260100006", "12601006", false},
	} {
		if got := oneEdit(c.a, c.b); got != c.want {
			t.Errorf("oneEdit(%s, %s) = %v", c.a, c.b, got)
		}
	}
}
