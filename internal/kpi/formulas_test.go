package kpi

import (
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

func d(s string) ledger.Date { return ledger.MustDate(s) }

func TestDaysAndPercent(t *testing.T) {
	if s := Days(-5).String(); s != "-0.05" {
		t.Errorf("Days(-5) = %q", s)
	}
	if s := Percent(8263).String(); s != "82.63" {
		t.Errorf("Percent(8263) = %q", s)
	}
	for _, c := range []struct {
		lang string
		v    int64
		ok   bool
		want string
	}{{"en", 4567, true, "45.67"}, {"nl", 4567, true, "45,67"}, {"nl", -5, true, "-0,05"}, {"en", 0, false, "–"}, {"nl", 4567, false, "–"}} {
		if s := FormatFigure(c.lang, c.v, c.ok); s != c.want {
			t.Errorf("FormatFigure(%q, %d, %v) = %q, want %q", c.lang, c.v, c.ok, s, c.want)
		}
	}
}

// TestStandardBestADD checks DSO, best possible DSO and ADD on balances.
func TestStandardBestADD(t *testing.T) {
	// creditguru.com's example: receivables 15,000, current 4,000, credit
	// sales 10,000 in 30 days.
	// DSO   = 15,000 / 10,000 × 30 = 45
	// BPDSO =  4,000 / 10,000 × 30 = 12
	// ADD   = 45 − 12 = 33
	check := func(name string, got Days, ok bool, want Days) {
		t.Helper()
		if !ok || got != want {
			t.Errorf("%s = %s (ok %v), want %s", name, got, ok, want)
		}
	}
	dso, ok := StandardDSO(1500000, 1000000, 30)
	check("DSO", dso, ok, 4500)
	bp, ok := BestPossibleDSO(400000, 1000000, 30)
	check("BPDSO", bp, ok, 1200)
	add, ok := AverageDaysDelinquent(1500000, 400000, 1000000, 30)
	check("ADD", add, ok, 3300)

	// Fractions: receivables 12,345.67, current 5,000.00, sales 20,000.00, 30 days.
	// DSO   = 1,234,567 × 30 / 2,000,000 = 37,037,010 / 2,000,000 = 18.518505 -> 18.52
	// BPDSO =   500,000 × 30 / 2,000,000 = 7.5                              -> 7.50
	// ADD   =   734,567 × 30 / 2,000,000 = 22,037,010 / 2,000,000 = 11.018505 -> 11.02
	dso, ok = StandardDSO(1234567, 2000000, 30)
	check("DSO", dso, ok, 1852)
	bp, ok = BestPossibleDSO(500000, 2000000, 30)
	check("BPDSO", bp, ok, 750)
	add, ok = AverageDaysDelinquent(1234567, 500000, 2000000, 30)
	check("ADD", add, ok, 1102)

	// A 90-day period: 9,000 / 14,500 × 90 = 810,000 / 14,500 = 55.862068... -> 55.86
	dso, ok = StandardDSO(900000, 1450000, 90)
	check("DSO 90 days", dso, ok, 5586)

	if _, ok := StandardDSO(100, 0, 30); ok {
		t.Error("DSO without sales is defined")
	}
}

// TestCountbackDSO checks the countback method across months.
func TestCountbackDSO(t *testing.T) {
	mar, feb, jan, dec := Month(2026, time.March), Month(2026, time.February), Month(2026, time.January), Month(2025, time.December)
	sales := []PeriodSales{ // given oldest first: the function takes them latest first
		{dec, 900000}, {jan, 700000}, {feb, 800000}, {mar, 1000000},
	}
	for _, c := range []struct {
		name        string
		receivables int64
		want        Countback
	}{
		// Receivables 30,000.00 at 31 March:
		//   March    10,000 <= 30,000: rest 20,000, 31 days
		//   February  8,000 <= 20,000: rest 12,000, 31 + 28 = 59 days
		//   January   7,000 <= 12,000: rest  5,000, 59 + 31 = 90 days
		//   December  9,000 >   5,000: 5,000 / 9,000 × 31 = 17.2222... days
		//   DSO = 90 + 17.22 = 107.22
		{"three months and a fraction", 3000000, Countback{Days: 10722, Full: 3, Complete: true}},
		// 23,500: March (31) rest 13,500; February (28) rest 5,500;
		// January 5,500 / 7,000 × 31 = 170,500 / 7,000 = 24.357... -> 59 + 24.36 = 83.36
		{"two months and a fraction", 2350000, Countback{Days: 8336, Full: 2, Complete: true}},
		// 18,000 = March + February exactly: 31 + 28 = 59, nothing left over.
		{"exact", 1800000, Countback{Days: 5900, Full: 2, Complete: true}},
		// 4,000 < March's 10,000: 4,000 / 10,000 × 31 = 12.4
		{"within the last month", 400000, Countback{Days: 1240, Full: 0, Complete: true}},
		// 40,000 > 34,000 of sales given: all 121 days, and incomplete.
		{"sales run out", 4000000, Countback{Days: 12100, Full: 4, Complete: false}},
		{"nothing open", 0, Countback{Complete: true}},
		{"net credit balance", -5000, Countback{Complete: true}},
	} {
		if got := CountbackDSO(c.receivables, sales); got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}

	// A partial latest month: as of 15 March, March counts 15 days.
	// 12,000: March 1-15 5,000 (15 days) rest 7,000; February 7,000 / 8,000 × 28 = 24.5
	// DSO = 15 + 24.5 = 39.50
	part := []PeriodSales{{Period{d("2026-03-01"), d("2026-03-15")}, 500000}, {feb, 800000}}
	if got := CountbackDSO(1200000, part); got != (Countback{Days: 3950, Full: 1, Complete: true}) {
		t.Errorf("partial month: %+v", got)
	}
}

// TestCEI checks the collection effectiveness index on published examples.
func TestCEI(t *testing.T) {
	for _, c := range []struct {
		in   CEIInputs
		want Percent
	}{
		// wizedu.com on creditguru.com's data, January to March, sales in full:
		// (6,200 + 10,890 − 6,340) / (6,200 + 10,890 − 3,590) = 10,750 / 13,500 = 0.796296 -> 79.63%
		{CEIInputs{Beginning: 620000, Sales: 1089000, EndingTotal: 634000, EndingCurrent: 359000}, 7963},
		// creditguru.com's own form divides the sales by N = 3 months: 10,890 / 3 = 3,630
		// (6,200 + 3,630 − 6,340) / (6,200 + 3,630 − 3,590) = 3,490 / 6,240 = 0.55929 -> 55.93% ("55.9%")
		{CEIInputs{Beginning: 620000, Sales: 1089000 / 3, EndingTotal: 634000, EndingCurrent: 359000}, 5593},
		// gaviti.com, a year: (100,000 + 1,000,000 − 120,000) / (100,000 + 1,000,000 − 100,000)
		// = 980,000 / 1,000,000 = 98.00%
		{CEIInputs{Beginning: 10000000, Sales: 100000000, EndingTotal: 12000000, EndingCurrent: 10000000}, 9800},
		// everything collected that was due: ending total = ending current -> 100%
		{CEIInputs{Beginning: 5000, Sales: 10000, EndingTotal: 7000, EndingCurrent: 7000}, 10000},
	} {
		got, ok := CEI(c.in)
		if !ok || got != c.want {
			t.Errorf("CEI(%+v) = %s (ok %v), want %s", c.in, got, ok, c.want)
		}
	}
	if _, ok := CEI(CEIInputs{Beginning: 100, EndingCurrent: 100}); ok {
		t.Error("CEI with a zero denominator is defined")
	}
}

func TestPeriods(t *testing.T) {
	if n := Month(2024, time.February).Days(); n != 29 {
		t.Errorf("February 2024 has %d days", n)
	}
	ms := Months(d("2026-03-15"), 4)
	want := []string{"2025-12-01..2025-12-31", "2026-01-01..2026-01-31", "2026-02-01..2026-02-28", "2026-03-01..2026-03-15"}
	for i, p := range ms {
		if p.String() != want[i] {
			t.Errorf("Months[%d] = %s, want %s", i, p, want[i])
		}
	}
	if p := LastDays(d("2026-03-31"), 90); p.From != d("2026-01-01") || p.Days() != 90 {
		t.Errorf("LastDays = %s", p)
	}
	tp := TrailingPeriods(d("2026-03-31"), 2, 90)
	if tp[0].String() != "2025-12-01..2026-02-28" || tp[1].String() != "2026-01-01..2026-03-31" {
		t.Errorf("TrailingPeriods = %v", tp)
	}
}
