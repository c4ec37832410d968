package kpi

import (
	"fmt"
	"sort"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Bucket is an aging bracket by days overdue at the as-of date.
type Bucket int

// The aging brackets: days overdue = as-of date − due date. An item due on
// the as-of date itself is 0 days overdue, so not due; the next day it is 1.
const (
	NotDue     Bucket = iota // 0 days overdue or less (current receivables)
	Overdue1                 // 1–30 days overdue
	Overdue31                // 31–60
	Overdue61                // 61–90
	Overdue91                // 91–180
	Overdue181               // more than 180
	NumBuckets = 6           // the number of buckets
)

var bucketNames = [NumBuckets]string{"not due", "1-30", "31-60", "61-90", "91-180", ">180"}

// String returns the bracket's label ("1-30").
func (b Bucket) String() string {
	if b < 0 || b >= NumBuckets {
		return fmt.Sprintf("Bucket(%d)", int(b))
	}
	return bucketNames[b]
}

// BucketOf returns the bracket of an item daysOverdue days past due.
func BucketOf(daysOverdue int) Bucket {
	switch {
	case daysOverdue <= 0:
		return NotDue
	case daysOverdue <= 30:
		return Overdue1
	case daysOverdue <= 60:
		return Overdue31
	case daysOverdue <= 90:
		return Overdue61
	case daysOverdue <= 180:
		return Overdue91
	}
	return Overdue181
}

// Line is an amount in minor units and the number of items making it up.
type Line struct {
	Amount int64 // minor units
	Count  int   // number of items
}

func (l *Line) add(amount int64) { l.Amount += amount; l.Count++ }

// Plus returns the sum of two lines.
func (l Line) Plus(o Line) Line { return Line{l.Amount + o.Amount, l.Count + o.Count} }

// Aging is the receivables of one currency as of a date: the open debit
// items by bracket, the open credits apart, and the disputed part of the
// debit items. It is also the snapshot a store layer may keep per month.
type Aging struct {
	Currency string           // ISO 4217
	AsOf     ledger.Date      // at the end of this day
	Buckets  [NumBuckets]Line // open items with a positive open amount
	Credits  Line             // open items with a negative open amount; not in the buckets
	Disputed Line             // disputed part of the open debit items (a subset of the buckets)
}

// Open returns the gross open debit amount: the sum of the buckets.
func (a Aging) Open() Line {
	var s Line
	for _, l := range a.Buckets {
		s = s.Plus(l)
	}
	return s
}

// Overdue returns the open debit items past due: all buckets but NotDue.
func (a Aging) Overdue() Line {
	o := a.Open()
	return Line{o.Amount - a.Buckets[NotDue].Amount, o.Count - a.Buckets[NotDue].Count}
}

// Current returns the not-yet-due receivables (CRF "ending current receivables").
func (a Aging) Current() int64 { return a.Buckets[NotDue].Amount }

// Net returns the total receivables: gross open debit plus the (negative)
// credits (CRF "ending total receivables", which includes credits).
func (a Aging) Net() int64 { return a.Open().Amount + a.Credits.Amount }

// Share returns bucket b's share of the gross open amount; ok is false when
// nothing is open. The six shares add up to 100% (up to rounding).
func (a Aging) Share(b Bucket) (Percent, bool) {
	return ratioPercent(a.Buckets[b].Amount, a.Open().Amount)
}

// OverdueShare returns overdue open / gross open × 100; ok is false when
// nothing is open.
func (a Aging) OverdueShare() (Percent, bool) {
	return ratioPercent(a.Overdue().Amount, a.Open().Amount)
}

// DisputedShare returns disputed open / gross open × 100; ok is false when
// nothing is open.
func (a Aging) DisputedShare() (Percent, bool) {
	return ratioPercent(a.Disputed.Amount, a.Open().Amount)
}

// Plus returns the sum of two agings of the same currency and date.
func (a Aging) Plus(o Aging) (Aging, error) {
	if a.Currency != o.Currency {
		return Aging{}, fmt.Errorf("kpi: cannot add %s and %s amounts", a.Currency, o.Currency)
	}
	if day(a.AsOf) != day(o.AsOf) {
		return Aging{}, fmt.Errorf("kpi: cannot add agings as of %s and %s", a.AsOf, o.AsOf)
	}
	for i := range a.Buckets {
		a.Buckets[i] = a.Buckets[i].Plus(o.Buckets[i])
	}
	a.Credits = a.Credits.Plus(o.Credits)
	a.Disputed = a.Disputed.Plus(o.Disputed)
	return a, nil
}

// addItem adds the item as it stood at the end of day t.
func (a *Aging) addItem(it *Item, t int64) {
	if day(it.InvoiceDate) > t {
		return
	}
	open := it.openAt(t)
	switch {
	case open == 0:
		return
	case open < 0:
		a.Credits.add(open)
		return
	}
	a.Buckets[BucketOf(int(t-it.dueDay()))].add(open)
	if len(it.Disputes) > 0 {
		if d := it.disputedAt(t, open); d > 0 {
			a.Disputed.add(d)
		}
	}
}

// AgingAt returns the aging of the items of currency as of the end of asOf.
// Items of other currencies are ignored.
func AgingAt(items []Item, currency string, asOf ledger.Date) Aging {
	a := Aging{Currency: currency, AsOf: asOf}
	t := day(asOf)
	for i := range items {
		if items[i].Currency == currency {
			a.addItem(&items[i], t)
		}
	}
	return a
}

// AgingAll returns one aging per currency as of the end of asOf, sorted by
// currency; amounts of different currencies are never added.
func AgingAll(items []Item, asOf ledger.Date) []Aging {
	t := day(asOf)
	byCur := map[string]*Aging{}
	var cur *Aging
	for i := range items {
		it := &items[i]
		if cur == nil || cur.Currency != it.Currency {
			cur = byCur[it.Currency]
			if cur == nil {
				cur = &Aging{Currency: it.Currency, AsOf: asOf}
				byCur[it.Currency] = cur
			}
		}
		cur.addItem(it, t)
	}
	out := make([]Aging, 0, len(byCur))
	for _, a := range byCur {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out
}
