package kpi

import (
	"errors"
	"testing"
)

func rates(t *testing.T) *RateTable {
	t.Helper()
	mk := func(from, to, date, dec string) Rate {
		r, err := ParseRate(from, to, d(date), dec)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	rt, err := NewRateTable([]Rate{
		mk("USD", "EUR", "2026-03-20", "0.915"), // out of order on purpose
		mk("USD", "EUR", "2026-03-01", "0.92"),
		mk("EUR", "JPY", "2026-03-01", "162.35"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return rt
}

func TestConvertDated(t *testing.T) {
	rt := rates(t)
	for _, c := range []struct {
		amount   int64
		from, to string
		on       string
		want     int64
	}{
		// USD 1,000.05 on 10 March at 0.92: 100,005 × 0.92 = 92,004.6 cents -> EUR 920.05
		{100005, "USD", "EUR", "2026-03-10", 92005},
		// the same on 25 March at 0.915 (dated 20 March): 91,504.575 -> EUR 915.05
		{100005, "USD", "EUR", "2026-03-25", 91505},
		// on the rate's own date the new rate applies
		{100005, "USD", "EUR", "2026-03-20", 91505},
		// USD 1.00 at 0.915 = 91.5 cents: half up -> 92; a credit note -> −92
		{100, "USD", "EUR", "2026-03-25", 92},
		{-100, "USD", "EUR", "2026-03-25", -92},
		// inverse: EUR 915.05 at 1 / 0.915 = 200/183: 91,505 × 200 / 183 = 100,005.46 -> USD 1,000.05
		{91505, "EUR", "USD", "2026-03-25", 100005},
		// minor units differ: EUR 12.34 × 162.35 = JPY 2,003.399 -> 2,003 (JPY has no decimals)
		{1234, "EUR", "JPY", "2026-03-05", 2003},
		// JPY 2,003 / 162.35 = EUR 12.3375... -> 1,234 cents (2,003 × 10,000 / 16,235 = 1,233.75)
		{2003, "JPY", "EUR", "2026-03-05", 1234},
		{777, "EUR", "EUR", "2020-01-01", 777},
	} {
		got, err := rt.Convert(c.amount, c.from, c.to, d(c.on))
		if err != nil || got != c.want {
			t.Errorf("Convert(%d %s->%s on %s) = %d, %v; want %d", c.amount, c.from, c.to, c.on, got, err, c.want)
		}
	}
	if _, err := rt.Convert(100, "USD", "EUR", d("2026-02-28")); !errors.Is(err, ErrNoRate) {
		t.Errorf("before the first rate: %v", err)
	}
	if _, err := rt.Convert(100, "GBP", "EUR", d("2026-03-28")); !errors.Is(err, ErrNoRate) {
		t.Errorf("unknown pair: %v", err)
	}
	if _, err := ParseRate("USD", "EUR", d("2026-03-01"), "-1"); err == nil {
		t.Error("negative rate accepted")
	}
	r1, _ := ParseRate("USD", "EUR", d("2026-03-01"), "0.9")
	if _, err := NewRateTable([]Rate{r1, r1}); err == nil {
		t.Error("two rates on one date accepted")
	}
}

func TestConvertItems(t *testing.T) {
	rt := rates(t)
	// USD 1,000.01 paid in three parts, converted at 0.915 on 25 March:
	//   amount 100,001 × 0.915 = 91,500.915 -> 91,501
	//   running totals 33,333 -> 30,499.695 -> 30,500; 66,666 -> 60,999.39 -> 60,999;
	//   100,001 -> 91,501; payments 30,500, 30,499, 30,502: exactly the amount
	// (converted one by one: 30,500 + 30,500 + 30,502 = 91,502, one cent too much).
	u := inv("2026-03-01", "2026-03-31", 100001, pay("2026-03-10", 33333), pay("2026-03-11", 33333), pay("2026-03-12", 33335))
	u.Currency = "USD"
	u.Disputes = []Span{{From: d("2026-03-02"), Amount: 100}}
	e := inv("2026-03-01", "2026-03-31", 5000)
	out, err := ConvertItems([]Item{u, e}, "EUR", rt, d("2026-03-25"))
	if err != nil {
		t.Fatal(err)
	}
	c := out[0]
	if c.Currency != "EUR" || c.Amount != 91501 || c.OpenAt(d("2026-03-31")) != 0 || c.Disputes[0].Amount != 92 {
		t.Errorf("converted %+v", c)
	}
	if c.Payments[0].Amount != 30500 || c.Payments[1].Amount != 30499 || c.Payments[2].Amount != 30502 {
		t.Errorf("payments %+v", c.Payments)
	}
	if out[1].Amount != 5000 || u.Currency != "USD" || u.Payments[0].Amount != 33333 {
		t.Error("EUR item changed or the input was modified")
	}
	// open on 10 March: 100,001 − 33,333 = USD 666.68 -> at 0.915: 91,501 − 30,500 = EUR 610.01
	a := AgingAt(out, "EUR", d("2026-03-10"))
	if a.Open().Amount != 61001+5000 {
		t.Errorf("consolidated aging %+v", a)
	}
	if _, err := ConvertItems([]Item{u}, "EUR", rt, d("2026-01-01")); !errors.Is(err, ErrNoRate) {
		t.Errorf("no rate: %v", err)
	}
}

func TestAgingConvert(t *testing.T) {
	rt := rates(t)
	usd := Aging{Currency: "USD", AsOf: d("2026-03-31")}
	usd.Buckets[NotDue] = Line{100005, 2} // USD 1,000.05 -> EUR 915.05 (91,504.575)
	usd.Buckets[Overdue31] = Line{100, 1} // USD 1.00 -> 91.5 -> 92 cents
	usd.Credits = Line{-100, 1}           // -> -92
	eur := Aging{Currency: "EUR", AsOf: d("2026-03-31")}
	eur.Buckets[NotDue] = Line{50000, 1}
	conv, err := usd.Convert(rt, "EUR", d("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := eur.Plus(conv)
	if err != nil {
		t.Fatal(err)
	}
	// not due 500.00 + 915.05; 31-60 0.92; credits −0.92; net 1,415.05
	if sum.Buckets[NotDue] != (Line{141505, 3}) || sum.Buckets[Overdue31] != (Line{92, 1}) || sum.Net() != 141505 {
		t.Errorf("sum %+v", sum)
	}
}
