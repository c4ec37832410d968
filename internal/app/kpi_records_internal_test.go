package app

import (
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// TestRecordColumns: every CSV row has a field per column, and a trend's
// fields are written as the figures' are (amounts in major units, figures
// with two decimals, undefined ones empty).
func TestRecordColumns(t *testing.T) {
	dso := Hundredths(6000)
	rows := KPITable([]KPIRecord{{Entity: "NL01", Currency: "EUR", DSO: &dso}, {Disputes: &DisputeRecord{Resolved: 2}}})
	if len(rows) != 3 || len(rows[0]) != len(KPIColumns) {
		t.Fatalf("KPITable: %d rows, header %v", len(rows), rows[0])
	}
	for k, r := range rows[1:] {
		if len(r) != len(KPIColumns) {
			t.Errorf("record %d: %d fields for %d columns", k, len(r), len(KPIColumns))
		}
	}
	tr := TrendRecord{MonthEnd: ledger.NewDate(2026, 3, 31), Currency: "EUR", Receivables: 220000, DSO: &dso}
	f := tr.Fields()
	if len(f) != len(TrendColumns) {
		t.Fatalf("trend: %d fields for %d columns", len(f), len(TrendColumns))
	}
	got := map[string]string{}
	for k, c := range TrendColumns {
		got[c] = f[k]
	}
	if got["month_end"] != "2026-03-31" || got["receivables"] != "2200.00" || got["dso"] != "60.00" || got["cei"] != "" {
		t.Errorf("trend fields %v", got)
	}
}
