package law

import (
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// dateOrZero parses an ISO date; "" is the zero date.
func dateOrZero(s string) ledger.Date {
	if s == "" {
		return ledger.Date{}
	}
	return ledger.MustDate(s)
}

// TestFourteenDayTerm follows art. 6:96 lid 6 BW as the Hoge Raad read it
// (ECLI:NL:HR:2016:2704): 14 days from the day after receipt.
func TestFourteenDayTerm(t *testing.T) {
	for _, c := range []struct {
		name                            string
		sent, received                  string
		wantReceived, first, last, from string
		assumed                         bool
	}{
		// Friday 9 January 2026: delivered Saturday the 10th; day 14 is Saturday
		// the 24th, so the last day moves to Monday the 26th; costs from the 27th.
		{"friday", "2026-01-09", "", "2026-01-10", "2026-01-11", "2026-01-26", "2026-01-27", true},
		// Saturday: no post on Sunday or Monday, delivered Tuesday the 13th;
		// day 14 is Tuesday the 27th.
		{"saturday", "2026-01-10", "", "2026-01-13", "2026-01-14", "2026-01-27", "2026-01-28", true},
		// Received given: Wednesday 4 March 2026, day 14 is Wednesday the 18th.
		{"received", "2026-03-02", "2026-03-04", "2026-03-04", "2026-03-05", "2026-03-18", "2026-03-19", false},
		{"received only", "", "2026-03-04", "2026-03-04", "2026-03-05", "2026-03-18", "2026-03-19", false},
		// Saturday before Easter 2026: Sunday, Easter Monday skipped; Tuesday 7 April.
		{"easter", "2026-04-04", "", "2026-04-07", "2026-04-08", "2026-04-21", "2026-04-22", true},
		// Day 14 on Koningsdag, Monday 27 April 2026: moves to Tuesday the 28th.
		{"kingsday", "", "2026-04-13", "2026-04-13", "2026-04-14", "2026-04-28", "2026-04-29", false},
		// Day 14 on Christmas Day, Friday 25 December 2026: 26th (Saturday), 27th
		// (Sunday) are no working days either; Monday the 28th.
		{"christmas", "", "2026-12-11", "2026-12-11", "2026-12-12", "2026-12-28", "2026-12-29", false},
	} {
		term, err := FourteenDayTerm(dateOrZero(c.sent), dateOrZero(c.received))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if term.Received != d(c.wantReceived) || term.First != d(c.first) || term.Last != d(c.last) ||
			term.CostsFrom != d(c.from) || term.Assumed != c.assumed {
			t.Errorf("%s: got %+v", c.name, term)
		}
		if term.CostsDue(term.Last) || !term.CostsDue(term.CostsFrom) || !term.CostsDue(term.CostsFrom.AddDays(30)) {
			t.Errorf("%s: CostsDue wrong around %s", c.name, term.CostsFrom)
		}
	}
	if _, err := FourteenDayTerm(dateOrZero(""), dateOrZero("")); err == nil {
		t.Error("no dates accepted")
	}
	if _, err := FourteenDayTerm(d("2026-03-05"), d("2026-03-04")); err == nil {
		t.Error("received before sent accepted")
	}
}

func TestNLPublicHoliday(t *testing.T) {
	for _, s := range []string{
		"2026-01-01", "2026-04-03", "2026-04-06", "2026-04-27", "2026-05-05", "2026-05-14", "2026-05-25",
		"2026-12-25", "2026-12-26", "2025-04-26", "2024-04-01", "2013-04-30", "2025-06-09",
	} {
		if !NLPublicHoliday(d(s)) {
			t.Errorf("%s is a holiday", s)
		}
	}
	for _, s := range []string{"2026-04-05", "2026-04-28", "2025-04-27", "2026-07-01", "2014-04-30"} {
		if NLPublicHoliday(d(s)) {
			t.Errorf("%s is no holiday", s)
		}
	}
	for y, want := range map[int]string{2019: "2019-04-21", 2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2038: "2038-04-25"} {
		if got := easterSunday(y); got != d(want) || got.Time().Weekday() != time.Sunday {
			t.Errorf("Easter %d = %s", y, got)
		}
	}
}
