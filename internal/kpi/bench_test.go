package kpi

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

var (
	benchOnce  sync.Once
	benchItems []Item
	benchSink  Aging
)

// benchLedger returns 2,000,000 items over 1,000 customers: invoice dates
// spread over 400 days, a third paid in full, a tenth partly paid, one in
// fifty a credit note, one in a hundred disputed; amounts vary.
func benchLedger() []Item {
	benchOnce.Do(func() {
		const n, customers = 2000000, 1000
		dims := make([]map[string]string, customers)
		for c := range dims {
			dims[c] = map[string]string{
				DimCustomer: fmt.Sprintf("C%04d", c),
				DimSegment:  []string{"retail", "wholesale", "public"}[c%3],
				DimRegion:   []string{"north", "south", "east", "west"}[c%4],
			}
		}
		start := ledger.NewDate(2025, time.January, 1)
		benchItems = make([]Item, n)
		for i := range benchItems {
			invDate := start.AddDays(i % 400)
			it := Item{
				Currency:    "EUR",
				InvoiceDate: invDate,
				DueDate:     invDate.AddDays(30),
				Amount:      int64(1000 + (i*7919)%500000),
				Dims:        dims[i%customers],
			}
			switch {
			case i%50 == 0:
				it.Amount = -it.Amount
			case i%3 == 0:
				it.Payments = []Paid{{Date: invDate.AddDays(20 + i%60), Amount: it.Amount}}
			case i%10 == 1:
				it.Payments = []Paid{{Date: invDate.AddDays(45), Amount: it.Amount / 2}}
			}
			if i%100 == 7 {
				it.Disputes = []Span{{From: invDate.AddDays(35), Amount: it.Amount / 3}}
			}
			benchItems[i] = it
		}
	})
	return benchItems
}

// BenchmarkAging ages 2,000,000 items as of one date and reports items/s.
func BenchmarkAging(b *testing.B) {
	items := benchLedger()
	asOf := ledger.NewDate(2026, time.January, 31)
	runs := 0
	for b.Loop() {
		benchSink = AgingAt(items, "EUR", asOf)
		runs++
	}
	b.ReportMetric(float64(len(items))*float64(runs)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkByDimension groups the same 2,000,000 items by segment over a
// quarter and reports items/s.
func BenchmarkByDimension(b *testing.B) {
	items := benchLedger()
	p := Period{From: ledger.NewDate(2025, time.November, 1), To: ledger.NewDate(2026, time.January, 31)}
	runs := 0
	for b.Loop() {
		rows := ByDimension(items, DimSegment, "EUR", p)
		if len(rows) != 3 {
			b.Fatalf("%d rows", len(rows))
		}
		runs++
	}
	b.ReportMetric(float64(len(items))*float64(runs)/b.Elapsed().Seconds(), "items/s")
}
