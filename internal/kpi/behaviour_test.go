package kpi

import (
	"testing"
	"time"
)

func TestPaymentTiming(t *testing.T) {
	// Payments dated in Q1 2026 on q1Items:
	//   I1 3,000 paid 20 Jan: invoiced 1 Dec -> 50 days to pay; due 31 Dec -> 20 days late
	//   S1 5,000 paid  5 Feb: invoiced 10 Jan -> 26 days;        due 9 Feb -> 4 days early (0 late)
	//   S2 1,500 paid 20 Mar: invoiced 15 Feb -> 33 days;        due 17 Mar -> 3 days late
	// (S3's payment on 10 April is outside the period.) Σ = 9,500.
	// days to pay   = (3,000×50 + 5,000×26 + 1,500×33) / 9,500 = 329,500 / 9,500 = 34.684... -> 34.68
	// days late     = (3,000×20 + 0 + 1,500×3) / 9,500 = 64,500 / 9,500 = 6.789... -> 6.79
	// beyond terms  = (60,000 − 5,000×4 + 4,500) / 9,500 = 44,500 / 9,500 = 4.684... -> 4.68
	pt := PaymentTimingIn(q1Items(), "EUR", q1)
	want := PaymentTiming{Paid: 950000, Count: 3, OK: true, DaysToPay: 3468, DaysLate: 679, DaysBeyondTerms: 468}
	if pt != want {
		t.Errorf("got %+v, want %+v", pt, want)
	}
	if pt := PaymentTimingIn(q1Items(), "EUR", Month(2025, time.June)); pt.OK {
		t.Errorf("nothing paid in June: %+v", pt)
	}
}

func TestDunningEffectiveness(t *testing.T) {
	a := inv("2026-02-01", "2026-03-01", 100000, pay("2026-03-15", 100000))
	b := inv("2026-02-01", "2026-03-01", 200000, pay("2026-03-22", 50000), pay("2026-03-23", 150000))
	c := inv("2026-02-01", "2026-03-01", 100000, pay("2026-03-08", 100000))
	dd := inv("2026-02-01", "2026-03-01", 300000)
	usd := inv("2026-02-01", "2026-03-01", 500000)
	usd.Currency = "USD"
	ev := func(level int, reached string, it Item) DunningEvent {
		return DunningEvent{Level: level, Reached: d(reached), Item: it}
	}
	events := []DunningEvent{
		ev(2, "2026-03-22", b),  // open 1,500 on the 22nd (500 paid that day); 1,500 on the 23rd: all collected
		ev(1, "2026-03-08", a),  // open 1,000; paid 7 days later: collected in full
		ev(1, "2026-03-08", b),  // open 2,000; 500 on day 14 (in), 1,500 on day 15 (out): 500
		ev(1, "2026-03-08", c),  // paid on the day it was reached: nothing open, skipped
		ev(2, "2026-03-22", dd), // open 3,000; nothing paid
		ev(1, "2026-03-08", usd),
	}
	got := DunningEffectiveness(events, "EUR", 14)
	// level 1: dunned 1,000 + 2,000 = 3,000; collected 1,000 + 500 = 1,500: 50.00%
	// level 2: dunned 1,500 + 3,000 = 4,500; collected 1,500: 33.33%
	want := []DunningLevel{
		{Level: 1, Items: 2, Dunned: 300000, Collected: 150000, PaidInFull: 1, OK: true, Share: 5000},
		{Level: 2, Items: 2, Dunned: 450000, Collected: 150000, PaidInFull: 1, OK: true, Share: 3333},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestPromisesKept(t *testing.T) {
	ps := []Promise{
		{"EUR", 100000, d("2026-03-05"), true},
		{"EUR", 50000, d("2026-03-10"), false},
		{"EUR", 150000, d("2026-03-31"), true},
		{"EUR", 70000, d("2026-04-01"), false}, // due in April
		{"USD", 90000, d("2026-03-10"), false}, // another currency
	}
	// March: 2 of 3 kept = 66.67%; by amount (1,000 + 1,500) / 3,000 = 83.33%
	got := PromisesKept(ps, "EUR", Month(2026, time.March))
	want := PromiseStats{Count: 3, Kept: 2, Amount: 300000, KeptAmount: 250000, OK: true, ByCount: 6667, ByAmount: 8333}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestDisputeResolution(t *testing.T) {
	r := func(opened, resolved string) Dispute {
		dp := Dispute{Opened: d(opened)}
		if resolved != "" {
			dp.Resolved = d(resolved)
		}
		return dp
	}
	ds := []Dispute{
		r("2026-03-01", "2026-03-05"), // 4
		r("2026-02-20", "2026-03-10"), // 8 + 10 = 18
		r("2026-03-10", "2026-03-11"), // 1
		r("2026-01-01", "2026-03-31"), // 30 + 28 + 31 = 89
		r("2026-03-15", "2026-03-25"), // 10
		r("2026-03-20", "2026-03-22"), // 2
		r("2026-03-01", "2026-03-04"), // 3
		r("2026-03-10", "2026-03-15"), // 5
		r("2026-03-01", "2026-03-08"), // 7
		r("2026-02-28", "2026-03-30"), // 30
		r("2026-03-25", ""),           // open at the end of March
		r("2026-03-01", "2026-04-02"), // resolved after March: open at its end
		r("2026-01-05", "2026-02-15"), // resolved before March: neither
		r("2026-04-05", ""),           // opened after March: neither
	}
	// sorted: 1 2 3 4 5 7 10 18 30 89; mean 169 / 10 = 16.90
	// P90, nearest rank: ⌈0.9 × 10⌉ = 9th value = 30
	got := DisputeResolution(ds, Month(2026, time.March))
	want := DisputeStats{Resolved: 10, Open: 2, OK: true, Average: 1690, P90: 3000}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	// eleven values: rank ⌈9.9⌉ = 10th; one value: the value itself
	ds = append(ds[:10:10], r("2026-03-01", "2026-03-31")) // + 30: 1 2 3 4 5 7 10 18 30 30 89
	if got := DisputeResolution(ds, Month(2026, time.March)); got.P90 != 3000 || got.Resolved != 11 {
		t.Errorf("eleven: %+v", got)
	}
	if got := DisputeResolution(ds[:1], Month(2026, time.March)); got.P90 != 400 || got.Average != 400 {
		t.Errorf("one: %+v", got)
	}
}
