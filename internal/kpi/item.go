package kpi

import (
	"sort"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// The dimensions a store layer fills in Item.Dims; figures can be grouped by
// any of them (ByDimension), or by any other key it chooses to fill.
const (
	DimEntity       = "entity"        // the entity (administration) code
	DimSegment      = "segment"       // the customer's segment
	DimRegion       = "region"        // the customer's region
	DimProductGroup = "product_group" // the invoice's product group
	DimController   = "controller"    // the assigned credit controller
	DimCustomer     = "customer"      // the customer number
	DimGroup        = "group"         // the customer's parent (group of companies)
)

// Item is one invoice or credit note as it stood over time: its amount and
// the history that lowered its open amount, so that the open amount on any
// date can be computed (OpenAt).
type Item struct {
	Ref         string            // invoice number, for the caller; no formula reads it
	Currency    string            // ISO 4217
	InvoiceDate ledger.Date       // the item exists from this day on
	DueDate     ledger.Date       // zero: due on the invoice date
	Amount      int64             // signed minor units: credit notes are negative
	Payments    []Paid            // every allocation (and write-off) with its date
	Disputes    []Span            // disputed amounts over time; may be empty
	Dims        map[string]string // Dim* name -> value; may be shared between items
}

// Paid is one allocation to the item: from Date on, the open amount is lower
// by Amount (negative for a credit note's allocations).
type Paid struct {
	Date   ledger.Date // the payment's (or allocation's) date
	Amount int64       // minor units of the item's currency
}

// Span is an amount of an item in dispute from From (inclusive) until To
// (exclusive, the day it was resolved); a zero To means still disputed.
type Span struct {
	From, To ledger.Date // disputed on From..To−1
	Amount   int64       // the amount in dispute, minor units
}

// day returns the day number of d (days since 1970-01-01); a zero date is
// far in the past, so a zero invoice date means "always existed".
func day(d ledger.Date) int64 { return d.Time().Unix() / 86400 }

// OpenAt returns the open amount at the end of day d: zero before the
// invoice date, else Amount minus the payments dated on or before d.
func (it *Item) OpenAt(d ledger.Date) int64 { return it.openAt(day(d)) }

func (it *Item) openAt(t int64) int64 {
	if day(it.InvoiceDate) > t {
		return 0
	}
	open := it.Amount
	for i := range it.Payments {
		if day(it.Payments[i].Date) <= t {
			open -= it.Payments[i].Amount
		}
	}
	return open
}

// DisputedAt returns the disputed part of the open amount at the end of day
// d: the spans active on d, added, and capped at the open amount (a dispute
// cannot outlast the payment of what it is about). Zero for credits.
func (it *Item) DisputedAt(d ledger.Date) int64 {
	t := day(d)
	return it.disputedAt(t, it.openAt(t))
}

func (it *Item) disputedAt(t, open int64) int64 {
	if open <= 0 {
		return 0
	}
	var s int64
	for i := range it.Disputes {
		sp := &it.Disputes[i]
		if day(sp.From) <= t && (sp.To.IsZero() || t < day(sp.To)) {
			s += sp.Amount
		}
	}
	return min(max(s, 0), open)
}

// dueDay returns the due day, the invoice day when no due date is set.
func (it *Item) dueDay() int64 {
	if it.DueDate.IsZero() {
		return day(it.InvoiceDate)
	}
	return day(it.DueDate)
}

// Currencies returns the currencies of the items, sorted.
func Currencies(items []Item) []string {
	seen := map[string]bool{}
	var out []string
	last := "\x00"
	for i := range items {
		c := items[i].Currency
		if c == last || seen[c] {
			continue
		}
		seen[c], last = true, c
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// Period is an inclusive range of calendar days.
type Period struct {
	From, To ledger.Date // both included
}

// Days returns the number of days in the period (To − From + 1).
func (p Period) Days() int { return p.From.DaysUntil(p.To) + 1 }

// Contains reports whether d falls in the period.
func (p Period) Contains(d ledger.Date) bool { return !d.Before(p.From) && !d.After(p.To) }

// String formats the period as "2026-01-01..2026-01-31".
func (p Period) String() string { return p.From.String() + ".." + p.To.String() }

// Month returns the calendar month m of year y.
func Month(y int, m time.Month) Period {
	from := ledger.NewDate(y, m, 1)
	return Period{From: from, To: from.AddMonths(1).AddDays(-1)}
}

// LastDays returns the n days ending on end (end included).
func LastDays(end ledger.Date, n int) Period {
	return Period{From: end.AddDays(1 - n), To: end}
}

// Months returns the n calendar months ending with the month of end, oldest
// first; the last one ends on end, so it is partial when end is not the last
// day of its month.
func Months(end ledger.Date, n int) []Period {
	out := make([]Period, n)
	for i := range n {
		p := Month(end.Year(), end.Month())
		first := p.From.AddMonths(i - n + 1)
		p = Month(first.Year(), first.Month())
		if i == n-1 {
			p.To = end
		}
		out[i] = p
	}
	return out
}

// MonthEnds returns the last days of the n calendar months ending with the
// month of end, oldest first; the last one is end itself.
func MonthEnds(end ledger.Date, n int) []ledger.Date {
	ms := Months(end, n)
	out := make([]ledger.Date, n)
	for i, p := range ms {
		out[i] = p.To
	}
	return out
}
