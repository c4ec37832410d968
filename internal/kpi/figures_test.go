package kpi

import (
	"reflect"
	"testing"
	"time"
)

// q1Items is a first quarter of 2026 (amounts in cents):
//
//	I1 2025-12-01 due 2025-12-31  3,000.00  paid 2026-01-20 in full
//	I2 2025-11-15 due 2025-12-15  1,000.00  never paid
//	S1 2026-01-10 due 2026-02-09  5,000.00  paid 2026-02-05 in full
//	S2 2026-02-15 due 2026-03-17  4,000.00  1,500.00 paid 2026-03-20
//	S3 2026-03-20 due 2026-04-19  6,000.00  paid 2026-04-10, after the quarter
//	CN 2026-03-05                  −500.00  credit note, not applied
func q1Items() []Item {
	return []Item{
		inv("2025-12-01", "2025-12-31", 300000, pay("2026-01-20", 300000)),
		inv("2025-11-15", "2025-12-15", 100000),
		inv("2026-01-10", "2026-02-09", 500000, pay("2026-02-05", 500000)),
		inv("2026-02-15", "2026-03-17", 400000, pay("2026-03-20", 150000)),
		inv("2026-03-20", "2026-04-19", 600000, pay("2026-04-10", 600000)),
		inv("2026-03-05", "2026-03-05", -50000),
	}
}

var q1 = Period{d("2026-01-01"), d("2026-03-31")} // 31 + 28 + 31 = 90 days

func TestComputeQuarter(t *testing.T) {
	f := Compute(q1Items(), "EUR", q1)
	// beginning (31 Dec): I1 3,000 + I2 1,000 = 4,000.00
	// sales: S1 5,000 + S2 4,000 + S3 6,000 − CN 500 = 14,500.00
	// ending total (31 Mar): I2 1,000 + S2 2,500 + S3 6,000 − CN 500 = 9,000.00
	// ending current: S3 6,000.00 (due 19 April)
	if f.Beginning != 400000 || f.Sales != 1450000 || f.Aging.Net() != 900000 || f.Aging.Current() != 600000 {
		t.Fatalf("balances: beginning %d sales %d net %d current %d", f.Beginning, f.Sales, f.Aging.Net(), f.Aging.Current())
	}
	// DSO   = 9,000 / 14,500 × 90 = 810,000 / 14,500 = 55.862... -> 55.86
	// BPDSO = 6,000 / 14,500 × 90 = 540,000 / 14,500 = 37.241... -> 37.24
	// ADD   = 3,000 / 14,500 × 90 = 270,000 / 14,500 = 18.620... -> 18.62
	// CEI   = (4,000 + 14,500 − 9,000) / (4,000 + 14,500 − 6,000) = 9,500 / 12,500 = 76.00%
	//         (9,500 is what came in: I1 3,000 + S1 5,000 + S2 1,500)
	// overdue share = (I2 1,000 + S2 2,500) / (1,000 + 2,500 + 6,000) = 3,500 / 9,500 = 36.84%
	want := struct {
		DSO, BestDSO, ADD Days
		CEI, Overdue      Percent
	}{5586, 3724, 1862, 7600, 3684}
	if !f.HasSales || !f.HasCEI || !f.HasOpen || f.DSO != want.DSO || f.BestDSO != want.BestDSO || f.ADD != want.ADD ||
		f.CEI != want.CEI || f.OverdueShare != want.Overdue {
		t.Errorf("figures: DSO %s BPDSO %s ADD %s CEI %s overdue %s; want %+v", f.DSO, f.BestDSO, f.ADD, f.CEI, f.OverdueShare, want)
	}
	// the credit note is a line apart; I2 is 106 days overdue (15 Dec -> 31 Mar: 16 + 31 + 28 + 31)
	if f.Aging.Credits != (Line{-50000, 1}) || f.Aging.Buckets[Overdue91] != (Line{100000, 1}) {
		t.Errorf("aging %+v", f.Aging)
	}
	// the same from balances, as a store layer with snapshots would call it
	if g := FromBalances(400000, f.Aging, 1450000, q1); !reflect.DeepEqual(g, f) {
		t.Errorf("FromBalances differs:\n%+v\n%+v", g, f)
	}
}

// TestAsOfUnchangedByLaterPayments: figures for a past period are computed
// from history, so payments dated after it change nothing.
func TestAsOfUnchangedByLaterPayments(t *testing.T) {
	before := Compute(q1Items(), "EUR", q1)
	items := q1Items()
	items[1].Payments = append(items[1].Payments, pay("2026-04-02", 100000)) // I2 paid in April
	items[3].Payments = append(items[3].Payments, pay("2026-04-01", 250000)) // S2 rest in April
	items = append(items, inv("2026-04-01", "2026-05-01", 999900))           // a sale in April
	if after := Compute(items, "EUR", q1); !reflect.DeepEqual(before, after) {
		t.Errorf("Q1 figures changed by April's events:\n%+v\n%+v", before, after)
	}
	// and today's figures do see them: as of 2 April, I2 is paid, S2 is paid,
	// S3 still open; the April sale not yet due.
	now := AgingAt(items, "EUR", d("2026-04-02"))
	if now.Overdue().Amount != 0 || now.Current() != 600000+999900 {
		t.Errorf("aging on 2 April: %+v", now)
	}
}

func TestTrend(t *testing.T) {
	s := Series(q1Items(), "EUR", Months(d("2026-03-31"), 3))
	// January:  ending I2 1,000 + S1 5,000 = 6,000 (I1 paid 20 Jan); sales 5,000
	//           DSO = 6,000 / 5,000 × 31 = 37.20
	// February: ending I2 1,000 + S2 4,000 = 5,000 (S1 paid 5 Feb); sales 4,000
	//           DSO = 5,000 / 4,000 × 28 = 35.00
	// March:    ending 9,000 (above); sales 6,000 − 500 = 5,500
	//           DSO = 9,000 / 5,500 × 31 = 279,000 / 5,500 = 50.727... -> 50.73
	want := []Days{3720, 3500, 5073}
	for i, f := range s {
		if f.DSO != want[i] {
			t.Errorf("%s: DSO %s, want %s", f.Period, f.DSO, want[i])
		}
	}
	// CEI of January: beginning 4,000, sales 5,000, ending 6,000, current S1 5,000
	// (due 9 Feb): (4,000 + 5,000 − 6,000) / (4,000 + 5,000 − 5,000) = 3,000 / 4,000 = 75.00%
	if s[0].CEI != 7500 {
		t.Errorf("January CEI %s", s[0].CEI)
	}
}

func TestCountbackFromItems(t *testing.T) {
	// One sale a month; open at 31 March: March 10,000, February 8,000,
	// January 7,000 and 5,000 of December's 9,000: 30,000.00 in all.
	items := []Item{
		inv("2025-11-10", "2025-12-10", 600000, pay("2025-12-05", 600000)),
		inv("2025-12-10", "2026-01-09", 900000, pay("2026-01-05", 400000)),
		inv("2026-01-15", "2026-02-14", 700000),
		inv("2026-02-15", "2026-03-17", 800000),
		inv("2026-03-15", "2026-04-14", 1000000),
	}
	// As in TestCountbackDSO: 31 + 28 + 31 + 5,000 / 9,000 × 31 = 90 + 17.22 = 107.22
	got := CountbackDSOAt(items, "EUR", d("2026-03-31"), 6)
	if got != (Countback{Days: 10722, Full: 3, Complete: true}) {
		t.Errorf("countback = %+v", got)
	}
	// Only two months of history: not enough, and it says so (31 + 28 = 59).
	if got := CountbackDSOAt(items, "EUR", d("2026-03-31"), 2); got.Complete || got.Days != 5900 {
		t.Errorf("short countback = %+v", got)
	}
	ms := SalesByPeriod(items, "EUR", []Period{Month(2025, time.December), Month(2026, time.March)})
	if ms[0].Sales != 900000 || ms[1].Sales != 1000000 || CreditSales(items, "EUR", q1) != 2500000 {
		t.Errorf("sales %+v", ms)
	}
}

func TestByDimension(t *testing.T) {
	items := q1Items()
	seg := func(v string) map[string]string { return map[string]string{DimSegment: v} }
	for i := range items {
		items[i].Dims = seg("wholesale")
	}
	items[1].Dims = seg("retail") // I2: 1,000.00 overdue
	// X: no segment, 200.00 invoiced 5 Jan, due 20 Jan, unpaid: 70 days overdue
	items = append(items, inv("2026-01-05", "2026-01-20", 20000))
	usd := inv("2026-01-05", "2026-01-20", 10000000)
	usd.Currency, usd.Dims = "USD", seg("retail")
	items = append(items, usd) // never counted in an EUR row

	rows := ByDimension(items, DimSegment, "EUR", q1)
	if len(rows) != 3 || rows[0].Value != "wholesale" || rows[1].Value != "retail" || rows[2].Value != "" {
		t.Fatalf("rows %+v", rows)
	}
	// wholesale (overdue S2 2,500): beginning I1 3,000; sales 14,500; ending
	// 2,500 + 6,000 − 500 = 8,000; current 6,000.
	//   DSO = 8,000 / 14,500 × 90 = 720,000 / 14,500 = 49.655... -> 49.66
	//   CEI = (3,000 + 14,500 − 8,000) / (3,000 + 14,500 − 6,000) = 9,500 / 11,500 = 82.608... -> 82.61
	w := rows[0]
	if w.Aging.Overdue().Amount != 250000 || w.DSO != 4966 || w.CEI != 8261 || w.Dimension != DimSegment {
		t.Errorf("wholesale: overdue %d DSO %s CEI %s", w.Aging.Overdue().Amount, w.DSO, w.CEI)
	}
	// retail (I2 1,000 overdue): no sales in Q1, so no DSO; CEI = (1,000 + 0 − 1,000) / (1,000 − 0) = 0%
	r := rows[1]
	if r.Aging.Overdue().Amount != 100000 || r.HasSales || !r.HasCEI || r.CEI != 0 {
		t.Errorf("retail: %+v", r.Figures)
	}
	// no segment (X 200 overdue): DSO = 200 / 200 × 90 = 90.00
	if x := rows[2]; x.Aging.Overdue().Amount != 20000 || x.DSO != 9000 {
		t.Errorf("none: %+v", x.Figures)
	}
	// the groups add up to the whole
	whole := Compute(items, "EUR", q1)
	var net int64
	for _, r := range rows {
		net += r.Aging.Net()
	}
	if net != whole.Aging.Net() {
		t.Errorf("rows add up to %d, whole %d", net, whole.Aging.Net())
	}
}
