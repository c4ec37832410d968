package kpireport

import (
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// The report shows the dunning effectiveness per level and the dispute
// resolution times of the month, in the report's language.
func TestReportBehaviour(t *testing.T) {
	e := ledger.Entity{Code: "NL01", Name: "Groothandel B.V.", Currency: "EUR"}
	end := ledger.MustDate("2026-03-31")
	r := Report{Lang: "nl", Entity: e, MonthEnd: end, Window: kpi.Period{From: ledger.MustDate("2026-01-01"), To: end},
		Figures: kpi.Figures{Currency: "EUR", Aging: kpi.Aging{Currency: "EUR", AsOf: end}}, Countback: kpi.Countback{Complete: true},
		Dunning: []kpi.DunningLevel{{Level: 1, Items: 5, Dunned: 520000, Collected: 305000, OK: true, Share: 5865},
			{Level: 2, Items: 2, Dunned: 90000, Collected: 60000, OK: true, Share: 6667}},
		DunningWithin: 14, Disputes: kpi.DisputeStats{Resolved: 3, Open: 2, OK: true, Average: 2000, P90: 3000}}
	pages := text(t, r)
	for _, w := range []string{"Aanmanen en geschillen", "Binnen 14 dagen ontvangen", "1 5 € 5.200,00 € 3.050,00 58,65",
		"2 2 € 900,00 € 600,00 66,67", "3 20,00 30,00 2"} {
		if len(pages) != 1 || !strings.Contains(pages[0], w) {
			t.Errorf("report lacks %q: %q", w, pages)
		}
	}
	r.Dunning, r.Disputes = nil, kpi.DisputeStats{}
	if pages := text(t, r); strings.Contains(strings.Join(pages, " "), "Aanmanen en geschillen") {
		t.Errorf("a month without dunning or disputes has the section: %q", pages)
	}
}
