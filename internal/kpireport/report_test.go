package kpireport

import (
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/pdftext"
)

func text(t *testing.T, r Report) []string {
	t.Helper()
	b, err := PDF(r)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(b)
	if err != nil {
		t.Fatal(err)
	}
	for k := range pages {
		pages[k] = strings.Join(strings.Fields(strings.ReplaceAll(pages[k], "\u00a0", " ")), " ")
	}
	return pages
}

// A month without sales or anything overdue says so instead of drawing
// empty tables; a long list continues on a second page under its header,
// numbered, with the entity's name (accents and all) on each.
func TestReportEmptyAndLong(t *testing.T) {
	e := ledger.Entity{Code: "NL01", Name: "Café Groothandel B.V.", Currency: "EUR"}
	end := ledger.MustDate("2026-02-28")
	empty := Report{Lang: "nl", Entity: e, MonthEnd: end, Window: kpi.Period{From: ledger.MustDate("2025-12-01"), To: end},
		Figures: kpi.Figures{Currency: "EUR", Aging: kpi.Aging{Currency: "EUR", AsOf: end}}, Countback: kpi.Countback{Complete: true}}
	pages := text(t, empty)
	for _, w := range []string{"Maandrapportage debiteuren — februari 2026", "Geen maandcijfers voor het verloop.",
		"Geen klant had iets vervallen.", "DSO, standaardmethode (dagen) –", "Incasso-effectiviteit, CEI (%) –", "Pagina 1 van 1"} {
		if len(pages) != 1 || !strings.Contains(pages[0], w) {
			t.Errorf("empty report lacks %q: %q", w, pages)
		}
	}

	long := empty
	long.Lang = "en"
	for i := range 40 {
		long.Top = append(long.Top, Customer{Number: "K" + string(rune('A'+i%26)) + string(rune('0'+i/26)), Name: "Klant", Overdue: int64(100000 - i)})
	}
	for k := range 12 {
		long.Trend = append(long.Trend, Point{MonthEnd: ledger.NewDate(2025, 3, 1).AddMonths(k + 1).AddDays(-1), DSO: kpi.Days(4000 + 100*k), OK: k != 3})
	}
	pages = text(t, long)
	if len(pages) != 2 || !strings.Contains(pages[1], "Page 2 of 2") || !strings.Contains(pages[1], "Café Groothandel B.V.") ||
		!strings.Contains(pages[1], "Customer Name Overdue Receivables DSO KD0") || !strings.Contains(pages[1], "KN1 Klant €999.61") {
		t.Errorf("long report: %d pages\n%q", len(pages), pages)
	}
	if !strings.Contains(pages[0], "40.00 41.00 42.00 – 44.00") {
		t.Errorf("trend values, a month without figures as a dash: %q", pages[0])
	}
}

func TestNiceStep(t *testing.T) {
	for v, want := range map[float64]float64{0: 1, 0.4: 1, 3: 5, 23: 25, 26: 50, 120: 200, 2100: 2500} {
		if got := niceStep(v); got != want {
			t.Errorf("niceStep(%v) = %v, want %v", v, got, want)
		}
	}
}
