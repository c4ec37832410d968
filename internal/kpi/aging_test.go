package kpi

import (
	"testing"
)

// inv makes an EUR invoice (or, with a negative amount, a credit note).
func inv(date, due string, amount int64, pays ...Paid) Item {
	return Item{Currency: "EUR", InvoiceDate: d(date), DueDate: d(due), Amount: amount, Payments: pays}
}

func pay(date string, amount int64) Paid { return Paid{Date: d(date), Amount: amount} }

// TestAgingBoundaries puts one item due on each side of each bracket's edge.
func TestAgingBoundaries(t *testing.T) {
	asOf := d("2026-03-31")
	for _, c := range []struct {
		due  string
		days int // as-of − due, counted by hand
		want Bucket
	}{
		{"2026-04-15", -15, NotDue},
		{"2026-03-31", 0, NotDue},     // due today: not yet overdue
		{"2026-03-30", 1, Overdue1},   // due yesterday
		{"2026-03-01", 30, Overdue1},  // 1 Mar -> 31 Mar
		{"2026-02-28", 31, Overdue31}, // 28 Feb -> 31 Mar: 0 + 31
		{"2026-01-30", 60, Overdue31}, // 30 Jan -> 31 Jan 1, -> 28 Feb 29, -> 31 Mar 60
		{"2026-01-29", 61, Overdue61},
		{"2025-12-31", 90, Overdue61}, // 31 + 28 + 31
		{"2025-12-30", 91, Overdue91},
		{"2025-10-02", 180, Overdue91}, // 2 Oct -> 31 Oct 29, -> 30 Nov 59, -> 31 Dec 90, + 90
		{"2025-10-01", 181, Overdue181},
	} {
		if n := d(c.due).DaysUntil(asOf); n != c.days {
			t.Fatalf("%s: %d days overdue, the table says %d", c.due, n, c.days)
		}
		a := AgingAt([]Item{inv("2025-09-01", c.due, 10000)}, "EUR", asOf)
		for b := range NumBuckets {
			want := Line{}
			if b == int(c.want) {
				want = Line{10000, 1}
			}
			if a.Buckets[b] != want {
				t.Errorf("due %s (%d days): bucket %s = %+v, want %+v", c.due, c.days, Bucket(b), a.Buckets[b], want)
			}
		}
	}
	if BucketOf(30) != Overdue1 || BucketOf(31) != Overdue31 || Overdue181.String() != ">180" {
		t.Error("BucketOf or String is off")
	}
}

// agingItems is a small ledger as it stood on 31 March 2026 (amounts in cents).
func agingItems() []Item {
	c := inv("2025-12-16", "2026-01-15", 80000)
	c.Disputes = []Span{{From: d("2026-02-01"), Amount: 25000}}
	usd := inv("2026-03-01", "2026-03-31", 99900)
	usd.Currency = "USD"
	return []Item{
		inv("2026-03-31", "2026-04-30", 100000),                          // A: 1,000.00 not due
		inv("2026-02-13", "2026-03-15", 50000, pay("2026-03-20", 20000)), // B: 300.00 open, 16 days: 1-30
		c,                                       // C: 800.00, 75 days: 61-90, 250.00 disputed
		inv("2026-03-10", "2026-03-10", -15000), // D: credit note -150.00
		inv("2026-04-02", "2026-05-02", 40000),  // E: invoiced after the date: absent
		inv("2026-01-02", "2026-02-01", 60000, pay("2026-03-01", 60000)), // F: paid before: absent
		inv("2026-01-11", "2026-02-10", 70000, pay("2026-04-05", 70000)), // G: paid after: 700.00 open, 49 days: 31-60
		usd, // H: another currency
	}
}

func TestAgingAt(t *testing.T) {
	a := AgingAt(agingItems(), "EUR", d("2026-03-31"))
	want := [NumBuckets]Line{
		NotDue:    {100000, 1}, // A
		Overdue1:  {30000, 1},  // B: 500.00 − 200.00
		Overdue31: {70000, 1},  // G: 10 Feb -> 28 Feb 18, + 31 = 49 days
		Overdue61: {80000, 1},  // C: 15 Jan -> 31 Jan 16, + 28 + 31 = 75 days
	}
	if a.Buckets != want {
		t.Errorf("buckets = %+v, want %+v", a.Buckets, want)
	}
	// open 1,000 + 300 + 700 + 800 = 2,800.00 in 4 items; overdue 1,800.00 in 3
	if a.Open() != (Line{280000, 4}) || a.Overdue() != (Line{180000, 3}) {
		t.Errorf("open %+v overdue %+v", a.Open(), a.Overdue())
	}
	// credits apart: -150.00; net receivables 2,800 − 150 = 2,650.00; current 1,000.00
	if a.Credits != (Line{-15000, 1}) || a.Net() != 265000 || a.Current() != 100000 {
		t.Errorf("credits %+v net %d current %d", a.Credits, a.Net(), a.Current())
	}
	if a.Disputed != (Line{25000, 1}) {
		t.Errorf("disputed %+v", a.Disputed)
	}
	// overdue share 1,800 / 2,800 = 64.2857% -> 64.29; disputed 250 / 2,800 = 8.9286% -> 8.93
	if s, ok := a.OverdueShare(); !ok || s != 6429 {
		t.Errorf("overdue share %s", s)
	}
	if s, ok := a.DisputedShare(); !ok || s != 893 {
		t.Errorf("disputed share %s", s)
	}
	// 1,000 / 2,800 = 35.714% -> 35.71
	if s, _ := a.Share(NotDue); s != 3571 {
		t.Errorf("share not due %s", s)
	}

	// Ten days later: the items moved on by ten days.
	b := AgingAt(agingItems(), "EUR", d("2026-04-10"))
	// A (due 30 April) and E (invoiced 2 April, due 2 May) are not due; B is
	// 26 days overdue; G was paid on 5 April; C is 85 days overdue.
	if b.Buckets[NotDue] != (Line{140000, 2}) || b.Buckets[Overdue1] != (Line{30000, 1}) ||
		b.Buckets[Overdue31] != (Line{}) || b.Buckets[Overdue61] != (Line{80000, 1}) {
		t.Errorf("aging on 10 April = %+v", b.Buckets)
	}

	// The past does not change: the aging as of 31 March is the same after
	// more payments dated later.
	later := agingItems()
	later[0].Payments = append(later[0].Payments, pay("2026-04-20", 100000))
	later[2].Payments = append(later[2].Payments, pay("2026-04-01", 80000))
	if again := AgingAt(later, "EUR", d("2026-03-31")); again != a {
		t.Errorf("aging as of 31 March changed with later payments:\n%+v\n%+v", again, a)
	}
	// ... and C, paid on 1 April, is no longer disputed (nothing open to dispute).
	if c := later[2]; c.DisputedAt(d("2026-04-01")) != 0 || c.DisputedAt(d("2026-03-31")) != 25000 {
		t.Error("dispute not capped at the open amount")
	}
}

func TestOpenAt(t *testing.T) {
	it := inv("2026-01-10", "2026-02-09", 100000, pay("2026-02-01", 30000), pay("2026-03-01", 70000))
	for _, c := range []struct {
		on   string
		want int64
	}{
		{"2026-01-09", 0},      // before the invoice existed
		{"2026-01-10", 100000}, // its own day
		{"2026-01-31", 100000},
		{"2026-02-01", 70000}, // a payment counts from its own day
		{"2026-03-01", 0},
	} {
		if got := it.OpenAt(d(c.on)); got != c.want {
			t.Errorf("OpenAt(%s) = %d, want %d", c.on, got, c.want)
		}
	}
	// no due date: due on the invoice date
	nd := Item{Currency: "EUR", InvoiceDate: d("2026-03-01"), Amount: 100}
	if a := AgingAt([]Item{nd}, "EUR", d("2026-03-02")); a.Buckets[Overdue1].Count != 1 {
		t.Errorf("no due date: %+v", a.Buckets)
	}
}

func TestAgingAll(t *testing.T) {
	all := AgingAll(agingItems(), d("2026-03-31"))
	if len(all) != 2 || all[0].Currency != "EUR" || all[1].Currency != "USD" {
		t.Fatalf("AgingAll = %+v", all)
	}
	if all[0] != AgingAt(agingItems(), "EUR", d("2026-03-31")) {
		t.Error("AgingAll EUR differs from AgingAt")
	}
	// the USD invoice is due on the date itself: not due; never added to EUR
	if all[1].Buckets[NotDue] != (Line{99900, 1}) || all[1].Open().Amount != 99900 {
		t.Errorf("USD = %+v", all[1])
	}
	if cs := Currencies(agingItems()); len(cs) != 2 || cs[0] != "EUR" || cs[1] != "USD" {
		t.Errorf("Currencies = %v", cs)
	}
	if _, err := all[0].Plus(all[1]); err == nil {
		t.Error("EUR + USD added")
	}
	twice, err := all[0].Plus(all[0])
	if err != nil || twice.Net() != 2*all[0].Net() || twice.Credits.Count != 2 {
		t.Errorf("Plus: %+v %v", twice, err)
	}
}
