package law

import (
	"errors"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// TestCollectionCostsWIK checks the scale of art. 2 BIK (Stb. 2012, 141) on
// worked examples; the arithmetic of each is in its comment. The brackets:
// 15% of the first 2,500; 10% of the next 2,500; 5% of the next 5,000; 1% of
// the next 190,000; 0.5% of the rest; minimum 40; maximum 6,775.
func TestCollectionCostsWIK(t *testing.T) {
	for _, c := range []struct {
		principal, subtotal, costs int64 // cents
		min, max                   bool
		lines                      int
	}{
		{100000, 15000, 15000, false, false, 1},      // 1,000 × 15% = 150
		{250000, 37500, 37500, false, false, 1},      // 2,500 × 15% = 375
		{300000, 42500, 42500, false, false, 2},      // 375 + 500 × 10% = 425
		{500000, 62500, 62500, false, false, 2},      // 375 + 2,500 × 10% = 625
		{1000000, 87500, 87500, false, false, 3},     // 375 + 250 + 5,000 × 5% = 875
		{2000000, 97500, 97500, false, false, 4},     // 875 + 10,000 × 1% = 975
		{20000, 3000, 4000, true, false, 1},          // 200 × 15% = 30, below the minimum: 40
		{26667, 4000, 4000, false, false, 1},         // 266.67 × 15% = 40.0005 -> 40.00, exactly the minimum
		{26663, 3999, 4000, true, false, 1},          // 266.63 × 15% = 39.9945 -> 39.99, minimum: 40
		{100000000, 677500, 677500, false, false, 5}, // 375+250+250+1,900 + 800,000 × 0.5% = 6,775, exactly the maximum
		{200000000, 1177500, 677500, false, true, 5}, // 2,775 + 1,800,000 × 0.5% = 11,775, maximum: 6,775
	} {
		b, err := CollectionCosts(ledger.EUR(c.principal), CostOptions{})
		if err != nil {
			t.Fatalf("%d: %v", c.principal, err)
		}
		if b.Subtotal.Amount != c.subtotal || b.Costs.Amount != c.costs || b.Total.Amount != c.costs ||
			b.MinimumApplied != c.min || b.MaximumApplied != c.max || len(b.Lines) != c.lines || b.VAT.Amount != 0 {
			t.Errorf("%s: got subtotal %s costs %s total %s min %v max %v lines %d", ledger.EUR(c.principal),
				b.Subtotal, b.Costs, b.Total, b.MinimumApplied, b.MaximumApplied, len(b.Lines))
		}
		var sum int64
		for _, l := range b.Lines {
			sum += l.Amount.Amount
		}
		if sum != b.Subtotal.Amount {
			t.Errorf("%d: lines add up to %d, subtotal %d", c.principal, sum, b.Subtotal.Amount)
		}
	}
}

func TestCollectionCostsLines(t *testing.T) {
	b, err := CollectionCosts(ledger.EUR(300000), CostOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []CostLine{
		{From: ledger.EUR(0), To: ledger.EUR(250000), RateBP: 1500, Base: ledger.EUR(250000), Amount: ledger.EUR(37500)},
		{From: ledger.EUR(250000), To: ledger.EUR(500000), RateBP: 1000, Base: ledger.EUR(50000), Amount: ledger.EUR(5000)},
	}
	if len(b.Lines) != len(want) {
		t.Fatalf("lines %+v", b.Lines)
	}
	for i := range want {
		if b.Lines[i] != want[i] {
			t.Errorf("line %d: got %+v, want %+v", i, b.Lines[i], want[i])
		}
	}
	// the open-ended last bracket has a zero upper bound
	b, _ = CollectionCosts(ledger.EUR(30000000), CostOptions{})
	if l := b.Lines[4]; l.To.Amount != 0 || l.From.Amount != 20000000 || l.Base.Amount != 10000000 || l.Amount.Amount != 50000 {
		t.Errorf("last bracket %+v", l)
	}
}

// TestCollectionCostsRounding pins the rounding rule: per bracket, half up to the cent.
func TestCollectionCostsRounding(t *testing.T) {
	for _, c := range []struct{ principal, costs int64 }{
		{100010, 15002},    // 1,000.10 × 15% = 150.015 -> 150.02 (half up)
		{100003, 15000},    // 1,000.03 × 15% = 150.0045 -> 150.00
		{100004, 15001},    // 1,000.04 × 15% = 150.006 -> 150.01
		{250005, 37501},    // 375 + 0.05 × 10% = 375.005 -> 375.01
		{500010, 62501},    // 625 + 0.10 × 5% = 625.005 -> 625.01
		{1000050, 87501},   // 875 + 0.50 × 1% = 875.005 -> 875.01
		{20000100, 277501}, // 2,775 + 1.00 × 0.5% = 2,775.005 -> 2,775.01
		{26666, 4000},      // 266.66 × 15% = 39.999 -> 40.00: rounding reaches the minimum
	} {
		b, err := CollectionCosts(ledger.EUR(c.principal), CostOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Costs.Amount != c.costs {
			t.Errorf("%s: costs %s, want %s", ledger.EUR(c.principal), b.Costs, ledger.EUR(c.costs))
		}
	}
}

// TestCollectionCostsVAT: art. 2 lid 3 BIK raises the costs by the VAT rate
// (21%) when the creditor cannot deduct VAT.
func TestCollectionCostsVAT(t *testing.T) {
	for _, c := range []struct {
		principal int64
		rate      int
		vat, tot  int64
	}{
		{300000, 0, 8925, 51425},   // 425 × 21% = 89.25; 514.25
		{20000, 0, 840, 4840},      // minimum 40 × 21% = 8.40; 48.40
		{100010, 0, 3150, 18152},   // 150.02 × 21% = 31.5042 -> 31.50; 181.52
		{100000, 900, 1350, 16350}, // 150 × 9% = 13.50 (an explicit rate)
	} {
		b, err := CollectionCosts(ledger.EUR(c.principal), CostOptions{VAT: true, VATRateBP: c.rate})
		if err != nil {
			t.Fatal(err)
		}
		wantRate := c.rate
		if wantRate == 0 {
			wantRate = 2100
		}
		if b.VAT.Amount != c.vat || b.Total.Amount != c.tot || b.VATRateBP != wantRate {
			t.Errorf("%s: VAT %s (%d bp) total %s", ledger.EUR(c.principal), b.VAT, b.VATRateBP, b.Total)
		}
	}
}

func TestCollectionCostsErrors(t *testing.T) {
	for _, c := range []struct {
		m   ledger.Money
		opt CostOptions
	}{
		{ledger.Money{Amount: 100000, Currency: "USD"}, CostOptions{}},
		{ledger.EUR(0), CostOptions{}},
		{ledger.EUR(-100), CostOptions{}},
		{ledger.EUR(100), CostOptions{VAT: true, VATRateBP: 10001}},
		{ledger.EUR(1 << 62), CostOptions{}},
	} {
		if _, err := CollectionCosts(c.m, c.opt); !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("%s %+v: err %v", c.m, c.opt, err)
		}
	}
}

func TestForCountry(t *testing.T) {
	r, err := ForCountry("nl")
	if err != nil || r.Country != "NL" || r.Currency != "EUR" || r.Rates.IsZero() {
		t.Fatalf("NL: %v %+v", err, r)
	}
	if _, err := ForCountry("XX"); err == nil {
		t.Error("unknown country accepted")
	}
}
