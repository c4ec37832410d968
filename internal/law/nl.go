package law

import (
	"bytes"
	_ "embed"
	"sync"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

//go:embed rates_nl.csv
var ratesNLCSV []byte

// RatesNLCSV returns the Dutch rate table shipped with Kredo, as CSV in the
// format LoadRates reads, for an operator to copy and edit.
func RatesNLCSV() []byte { return bytes.Clone(ratesNLCSV) }

// nlScale is the scale of art. 2 lid 1 and 2 of the Besluit vergoeding voor
// buitengerechtelijke incassokosten (BIK, Stb. 2012, 141; BWBR0031432): 15%
// of the first EUR 2,500 of the principal, 10% of the next 2,500, 5% of the
// next 5,000, 1% of the next 190,000, 0.5% of the rest; at least EUR 40, at
// most EUR 6,775. The costs are computed over the principal (hoofdsom), not
// over interest or earlier costs. The scale applies to claims whose debtor
// fell into default on or after 1 July 2012 (BIK art. 3).
var nlScale = Scale{
	Brackets: []Bracket{
		{Upto: 250000, RateBP: 1500},
		{Upto: 500000, RateBP: 1000},
		{Upto: 1000000, RateBP: 500},
		{Upto: 20000000, RateBP: 100},
		{Upto: 0, RateBP: 50},
	},
	Min: 4000,
	Max: 677500,
}

var nlRules = sync.OnceValue(func() *Rules {
	t, err := LoadRates(bytes.NewReader(ratesNLCSV))
	if err != nil {
		panic("law: the shipped rates_nl.csv is invalid: " + err.Error())
	}
	return &Rules{
		Country:  "NL",
		Currency: "EUR",
		Costs:    nlScale,
		// BIK art. 2 lid 3: the costs are raised by the VAT percentage of art. 9
		// lid 1 Wet OB 1968 (21%) when the creditor cannot deduct the VAT on the
		// collection service and declares so.
		VATRateBP: 2100,
		// Art. 6:119 lid 1 BW gives a rate "per jaar" without a day count; Kredo
		// counts actual days over 365, also in leap years (see interest.go).
		DayBasis: 365,
		// Art. 6:119 lid 2 and 6:119a lid 3 BW: after each year the interest of
		// that year is added to the sum on which interest runs.
		Compound: true,
		Rates:    t,
	}
})

// LetterTerm is the term of the consumer's 14-day letter (veertiendagenbrief)
// of art. 6:96 lid 6 BW: collection costs may be charged to a consumer only
// after a letter, sent after default, that states the costs and gives 14 days
// to pay, "aanvangende de dag na aanmaning".
//
// The Hoge Raad (25 November 2016, ECLI:NL:HR:2016:2704) held that the term
// starts the day after the day the consumer RECEIVED the letter, and that a
// letter naming too early a start or end of the term has no effect. Kredo
// therefore errs late, never early:
//   - Received: the day given, or else assumed: the first postal delivery day
//     after the day of sending. PostNL delivers letters Tuesday to Saturday,
//     so Sundays, Mondays and public holidays are skipped. (The brief's rule
//     "delivered the day after sending", made safe for weekends. Commentators
//     read the HR as allowing, in default cases, delivery on the second day
//     after sending; a creditor who wants that margin passes Received.)
//   - First: the day after receipt, day 1 of the 14.
//   - Last: the 14th day; when it is a Saturday, Sunday or public holiday it
//     moves to the next day that is none of these (Algemene termijnenwet art. 1,
//     applied for safety: a later end never voids the letter, an earlier one does).
//   - CostsFrom: the day after Last: from then on, if unpaid, the costs are due.
type LetterTerm struct {
	Sent      ledger.Date // the day the letter was sent (zero if only Received is known)
	Received  ledger.Date // the day the consumer received it, given or assumed
	Assumed   bool        // Received was assumed from Sent
	First     ledger.Date // first day of the 14-day term
	Last      ledger.Date // last day to pay without costs
	CostsFrom ledger.Date // first day on which the costs are due if still unpaid
}

// FourteenDayTerm computes the term of a 14-day letter sent on sent and, if
// known, received on received (zero when unknown: then it is assumed).
func FourteenDayTerm(sent, received ledger.Date) (LetterTerm, error) {
	t := LetterTerm{Sent: sent, Received: received}
	switch {
	case received.IsZero() && sent.IsZero():
		return t, ledger.Errorf(ledger.ErrInvalid, "the 14-day letter needs the day it was sent or received")
	case received.IsZero():
		t.Received, t.Assumed = NLDeliveryDay(sent), true
	case !sent.IsZero() && received.Before(sent):
		return t, ledger.Errorf(ledger.ErrInvalid, "the 14-day letter cannot be received (%s) before it was sent (%s)", received, sent)
	}
	t.First = t.Received.AddDays(1)
	t.Last = t.Received.AddDays(14)
	for t.Last.Time().Weekday() == time.Saturday || t.Last.Time().Weekday() == time.Sunday || NLPublicHoliday(t.Last) {
		t.Last = t.Last.AddDays(1)
	}
	t.CostsFrom = t.Last.AddDays(1)
	return t, nil
}

// CostsDue reports whether, on today, the collection costs are due from a
// consumer who has not paid: the 14-day term has passed.
func (t LetterTerm) CostsDue(today ledger.Date) bool { return !today.Before(t.CostsFrom) }

// NLDeliveryDay is the day Kredo assumes a letter posted on sent is delivered:
// the first day after sent that is not a Sunday, Monday or public holiday.
func NLDeliveryDay(sent ledger.Date) ledger.Date {
	d := sent.AddDays(1)
	for d.Time().Weekday() == time.Sunday || d.Time().Weekday() == time.Monday || NLPublicHoliday(d) {
		d = d.AddDays(1)
	}
	return d
}

// NLPublicHoliday reports whether d is a Dutch public holiday in the sense of
// art. 3 Algemene termijnenwet: New Year's Day, Easter Monday, Ascension Day,
// Whit Monday, Christmas Day and Boxing Day, the King's (before 2014 the
// Queen's) birthday and 5 May. Good Friday is counted too: it is not in the
// list, but treating it as one only ever makes Kredo's dates later (safer).
func NLPublicHoliday(d ledger.Date) bool {
	y, m, day := d.Year(), d.Month(), d.Day()
	switch {
	case m == time.January && day == 1,
		m == time.May && day == 5,
		m == time.December && (day == 25 || day == 26):
		return true
	}
	if kd := kingsDay(y); m == kd.Month() && day == kd.Day() {
		return true
	}
	easter := easterSunday(y)
	for _, off := range []int{-2, 1, 39, 50} { // Good Friday, Easter Monday, Ascension, Whit Monday
		if e := easter.AddDays(off); e.Month() == m && e.Day() == day {
			return true
		}
	}
	return false
}

// kingsDay is Koningsdag: 27 April, or the 26th when the 27th is a Sunday;
// before 2014 Koninginnedag: 30 April, or the 29th when that is a Sunday.
func kingsDay(y int) ledger.Date {
	d := ledger.NewDate(y, time.April, 27)
	if y < 2014 {
		d = ledger.NewDate(y, time.April, 30)
	}
	if d.Time().Weekday() == time.Sunday {
		d = d.AddDays(-1)
	}
	return d
}

// easterSunday computes Western Easter with the anonymous Gregorian algorithm
// (Meeus/Jones/Butcher).
func easterSunday(y int) ledger.Date {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return ledger.NewDate(y, time.Month(month), day)
}
