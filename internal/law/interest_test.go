package law

import (
	"errors"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

var d = ledger.MustDate

// flatTable is a table with one constant rate of both kinds from 2000 on.
func flatTable(t *testing.T, rate string) RateTable {
	t.Helper()
	tab, err := LoadRates(strings.NewReader("kind,from,rate\nconsumer,2000-01-01," + rate + "\ncommercial,2000-01-01," + rate + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

type period struct {
	from, to string
	days     int
	bp       int64
	base     int64
	interest int64
}

func checkInterest(t *testing.T, b InterestBreakdown, periods []period, caps []Capitalisation, total int64) {
	t.Helper()
	if len(b.Periods) != len(periods) {
		t.Fatalf("periods: %+v", b.Periods)
	}
	for i, p := range periods {
		g := b.Periods[i]
		if g.From != d(p.from) || g.To != d(p.to) || g.Days != p.days || g.RateBP != p.bp || g.Base.Amount != p.base || g.Interest.Amount != p.interest {
			t.Errorf("period %d: got %s..%s %d days %d bp base %s interest %s, want %+v", i, g.From, g.To, g.Days, g.RateBP, g.Base, g.Interest, p)
		}
	}
	if len(b.Capitalisations) != len(caps) {
		t.Fatalf("capitalisations: %+v", b.Capitalisations)
	}
	for i, c := range caps {
		if b.Capitalisations[i] != c {
			t.Errorf("capitalisation %d: got %+v, want %+v", i, b.Capitalisations[i], c)
		}
	}
	if b.Interest.Amount != total || b.Total.Amount != b.Principal.Amount+total {
		t.Errorf("interest %s total %s, want interest %s", b.Interest, b.Total, ledger.EUR(total))
	}
}

// TestInterestCommercial2024 spans a rate change with the shipped table:
// EUR 10,000 commercial, 2024-01-01 up to and including 2024-12-31.
//
//	2024-01-01..2024-06-30: 182 days at 12.50%: 10,000 × 0.1250 × 182/365 = 623.2877
//	2024-07-01..2024-12-31: 184 days at 12.25%: 10,000 × 0.1225 × 184/365 = 617.5342
//	year (one interest year, nothing capitalised):                        1,240.8219 -> 1,240.82
//	rows: round(623.2877) = 623.29; 1,240.82 − 623.29 = 617.53
func TestInterestCommercial2024(t *testing.T) {
	b, err := StatutoryInterest(Commercial, ledger.EUR(1000000), d("2024-01-01"), d("2024-12-31"), RateTable{})
	if err != nil {
		t.Fatal(err)
	}
	checkInterest(t, b, []period{
		{"2024-01-01", "2024-06-30", 182, 1250, 1000000, 62329},
		{"2024-07-01", "2024-12-31", 184, 1225, 1000000, 61753},
	}, nil, 124082)
	if b.Days != 366 || b.DayBasis != 365 {
		t.Errorf("days %d basis %d", b.Days, b.DayBasis)
	}
}

// TestInterestConsumerYearBoundary spans the end of an interest year, so the
// year's interest is capitalised (art. 6:119 lid 2 BW), and a rate change:
// EUR 1,000 consumer from 2024-03-01 up to and including 2025-05-31.
//
//	year 1, 2024-03-01..2025-02-28:
//	  2024-03-01..2024-12-31: 306 days at 7%: 1,000 × 0.07 × 306/365 = 58.6849
//	  2025-01-01..2025-02-28:  59 days at 6%: 1,000 × 0.06 × 59/365  =  9.6986
//	  year 1 = 68.3836 -> 68.38; rows 58.68 and 68.38 − 58.68 = 9.70
//	capitalised on 2025-03-01: base 1,000 + 68.38 = 1,068.38
//	year 2, 2025-03-01..2025-05-31: 92 days at 6%: 1,068.38 × 0.06 × 92/365 = 16.1574 -> 16.16
//	total 68.38 + 16.16 = 84.54
func TestInterestConsumerYearBoundary(t *testing.T) {
	b, err := StatutoryInterest(Consumer, ledger.EUR(100000), d("2024-03-01"), d("2025-05-31"), RateTable{})
	if err != nil {
		t.Fatal(err)
	}
	checkInterest(t, b, []period{
		{"2024-03-01", "2024-12-31", 306, 700, 100000, 5868},
		{"2025-01-01", "2025-02-28", 59, 600, 100000, 970},
		{"2025-03-01", "2025-05-31", 92, 600, 106838, 1616},
	}, []Capitalisation{{Date: d("2025-03-01"), Interest: ledger.EUR(6838), NewBase: ledger.EUR(106838)}}, 8454)
}

// TestInterestCompoundsYearly: 10% a year on EUR 10,000 for three whole
// non-leap years is the textbook 10,000 × (1.1³ − 1) = 3,310.00:
//
//	2021: 1,000.00 -> base 11,000; 2022: 1,100.00 -> base 12,100; 2023: 1,210.00
func TestInterestCompoundsYearly(t *testing.T) {
	b, err := NL().StatutoryInterest(Commercial, ledger.EUR(1000000), d("2021-01-01"), d("2023-12-31"), flatTable(t, "10"))
	if err != nil {
		t.Fatal(err)
	}
	checkInterest(t, b, []period{
		{"2021-01-01", "2021-12-31", 365, 1000, 1000000, 100000},
		{"2022-01-01", "2022-12-31", 365, 1000, 1100000, 110000},
		{"2023-01-01", "2023-12-31", 365, 1000, 1210000, 121000},
	}, []Capitalisation{
		{Date: d("2022-01-01"), Interest: ledger.EUR(100000), NewBase: ledger.EUR(1100000)},
		{Date: d("2023-01-01"), Interest: ledger.EUR(110000), NewBase: ledger.EUR(1210000)},
	}, 331000)
}

// TestInterestLeapYear pins the day count: actual days / 365, also in a leap
// year, so a whole 2024 at 10% on EUR 10,000 is 10,000 × 0.10 × 366/365 =
// 1,002.7397 -> 1,002.74. An interest year starting on 29 February ends on
// 28 February: the next starts on 1 March.
//
//	EUR 1,000 at 10% from 2024-02-29: year 1 is 2024-02-29..2025-02-28, 366 days:
//	1,000 × 0.10 × 366/365 = 100.2740 -> 100.27, capitalised on 2025-03-01;
//	2025-03-01, 1 day: 1,100.27 × 0.10 / 365 = 0.3014 -> 0.30; total 100.57
func TestInterestLeapYear(t *testing.T) {
	tab := flatTable(t, "10")
	b, err := NL().StatutoryInterest(Consumer, ledger.EUR(1000000), d("2024-01-01"), d("2024-12-31"), tab)
	if err != nil || b.Interest.Amount != 100274 {
		t.Errorf("2024: %v %s", err, b.Interest)
	}
	b, err = NL().StatutoryInterest(Consumer, ledger.EUR(100000), d("2024-02-29"), d("2025-03-01"), tab)
	if err != nil {
		t.Fatal(err)
	}
	checkInterest(t, b, []period{
		{"2024-02-29", "2025-02-28", 366, 1000, 100000, 10027},
		{"2025-03-01", "2025-03-01", 1, 1000, 110027, 30},
	}, []Capitalisation{{Date: d("2025-03-01"), Interest: ledger.EUR(10027), NewBase: ledger.EUR(110027)}}, 10057)
}

// TestInterestPublicExample cross-checks the example published at
// go-figure.nl/tag/rente ("Wanbetalers!"): a client pays EUR 1,000 eleven days
// late at the commercial rate of 8%: 11/365 × 8% × 1,000 = 2.41. Kredo, with
// the shipped table (8% throughout 2020): due 2020-03-10, interest from
// 2020-03-11 up to and including 2020-03-21 = 11 days: 2.4110 -> 2.41.
func TestInterestPublicExample(t *testing.T) {
	b, err := StatutoryInterest(Commercial, ledger.EUR(100000), d("2020-03-11"), d("2020-03-21"), RateTable{})
	if err != nil {
		t.Fatal(err)
	}
	checkInterest(t, b, []period{{"2020-03-11", "2020-03-21", 11, 800, 100000, 241}}, nil, 241)
}

// TestInterestSkipsRepeatedRates: rows that repeat a rate do not split periods.
func TestInterestSkipsRepeatedRates(t *testing.T) {
	b, err := StatutoryInterest(Commercial, ledger.EUR(100000), d("2017-01-01"), d("2017-12-31"), RateTable{})
	if err != nil {
		t.Fatal(err)
	}
	// 1,000 × 8% = 80.00 for the whole year, one period
	checkInterest(t, b, []period{{"2017-01-01", "2017-12-31", 365, 800, 100000, 8000}}, nil, 8000)
}

func TestInterestErrors(t *testing.T) {
	for _, c := range []struct {
		kind        Kind
		m           ledger.Money
		from, until ledger.Date
	}{
		{Commercial, ledger.Money{Amount: 100, Currency: "GBP"}, d("2024-01-01"), d("2024-02-01")},
		{Commercial, ledger.EUR(0), d("2024-01-01"), d("2024-02-01")},
		{Commercial, ledger.EUR(100), d("2024-02-01"), d("2024-01-31")},
		{Commercial, ledger.EUR(100), ledger.Date{}, d("2024-01-31")},
		{Commercial, ledger.EUR(100), d("2001-01-01"), d("2024-01-31")}, // before the table
		{Kind(9), ledger.EUR(100), d("2024-01-01"), d("2024-01-31")},
		{Commercial, ledger.EUR(1 << 60), d("2024-01-01"), d("2024-12-31")},
	} {
		if _, err := StatutoryInterest(c.kind, c.m, c.from, c.until, RateTable{}); !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("%v %s %s..%s: err %v", c.kind, c.m, c.from, c.until, err)
		}
	}
}
