package match

import (
	"testing"
	"time"
)

// BenchmarkMatch matches 100,000 generated lines against an index of 300,000
// open items, applying each line's allocations as the import would. It
// reports lines/s (index building excluded; it is logged) and the share of
// payments matched automatically.
func BenchmarkMatch(b *testing.B) {
	const nItems, nLines = 300000, 100000
	w := newWorld(42, nItems)
	items, known := append([]OpenItem(nil), w.items...), w.known
	lines := make([]truthLine, nLines)
	for i := range lines {
		lines[i] = w.nextLine()
		w.apply(lines[i].want)
	}
	opt := Options{Tolerance: tolerance}
	b.ResetTimer()
	var elapsed time.Duration
	autos, wrong, payments := 0, 0, 0
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		t0 := time.Now()
		ix := NewIndex(items, known)
		if n == 0 {
			b.Logf("index of %d items built in %v", ix.Len(), time.Since(t0).Round(time.Millisecond))
		}
		autos, wrong, payments = 0, 0, 0
		b.StartTimer()
		t1 := time.Now()
		for i := range lines {
			tl := &lines[i]
			r := ix.Match(tl.line, opt)
			if r.Auto != nil {
				autos++
				if tl.want == nil || !sameAllocs(r.Auto.Allocations, tl.want) || r.Auto.Difference != tl.diff {
					wrong++
				}
			}
			if tl.want != nil {
				payments++
				ix.Apply(tl.want)
			}
		}
		elapsed += time.Since(t1)
	}
	b.ReportMetric(float64(nLines*b.N)/elapsed.Seconds(), "lines/s")
	b.ReportMetric(100*float64(autos)/float64(payments), "auto%")
	b.ReportMetric(float64(wrong), "wrong-auto")
}

// sameAllocs reports whether two allocation lists hold the same invoices and
// amounts, in any order.
func sameAllocs(a, b []Allocation) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x.InvoiceID == y.InvoiceID && x.Amount == y.Amount
		}
		if !found {
			return false
		}
	}
	return true
}

// BenchmarkNewIndex builds the index of 300,000 generated open items, the
// first thing a statement import waits for before it can match a line.
func BenchmarkNewIndex(b *testing.B) {
	w := newWorld(42, 300000)
	items, known := append([]OpenItem(nil), w.items...), w.known
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		NewIndex(items, known)
	}
}
