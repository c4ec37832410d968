package collect

import (
	"errors"
	"slices"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

func amounts(p Plan) []int64 {
	var out []int64
	for _, in := range p.Instalments {
		out = append(out, in.Amount)
	}
	return out
}

func TestPlanAddsUpExactly(t *testing.T) {
	for _, c := range []struct {
		total ledger.Money
		n     int
		want  []int64
	}{
		{ledger.EUR(1000_00), 3, []int64{333_33, 333_33, 333_34}},
		{ledger.EUR(100_00), 3, []int64{33_33, 33_33, 33_34}},
		{ledger.EUR(250_00), 7, []int64{35_71, 35_71, 35_71, 35_71, 35_71, 35_71, 35_74}},
		{ledger.EUR(12_345_67), 12, []int64{1028_80, 1028_80, 1028_80, 1028_80, 1028_80, 1028_80, 1028_80, 1028_80, 1028_80, 1028_80, 1028_80, 1028_87}},
		{ledger.EUR(50_00), 2, []int64{25_00, 25_00}},
		{ledger.Money{Amount: 100_000, Currency: "JPY"}, 3, []int64{33_333, 33_333, 33_334}},
		{ledger.Money{Amount: 1_000_001, Currency: "KWD"}, 6, []int64{166_666, 166_666, 166_666, 166_666, 166_666, 166_671}},
	} {
		p, err := NewPlan(c.total, d("2026-04-01"), c.n, Monthly, PlanOptions{})
		if err != nil {
			t.Fatalf("%s in %d: %v", c.total, c.n, err)
		}
		if got := amounts(p); !slices.Equal(got, c.want) {
			t.Errorf("%s in %d: %v, want %v", c.total, c.n, got, c.want)
		}
	}
	// every split of these awkward totals adds up exactly, the last
	// instalment carrying less than n cents more than the others
	for _, total := range []int64{1000_00, 999_99, 1234_57, 77_777_77, 100_000_01} {
		for n := MinInstalments; n <= MaxInstalments; n++ {
			p, err := NewPlan(ledger.EUR(total), d("2026-01-31"), n, Weekly, PlanOptions{MinInstalment: 1})
			if err != nil {
				t.Fatal(err)
			}
			var sum int64
			for _, in := range p.Instalments {
				sum += in.Amount
			}
			base, last := p.Instalments[0].Amount, p.Instalments[n-1].Amount
			if sum != total || p.Total != total || len(p.Instalments) != n || last < base || last-base >= int64(n) {
				t.Fatalf("%d in %d: sum %d, base %d, last %d", total, n, sum, base, last)
			}
		}
	}
}

func TestInstalmentDates(t *testing.T) {
	for _, c := range []struct {
		start string
		every Interval
		want  []string
	}{
		// the rule: the start's day of the month, or the month's last day when shorter
		{"2026-01-31", Monthly, []string{"2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"}},
		{"2028-01-31", Monthly, []string{"2028-01-31", "2028-02-29", "2028-03-31"}}, // leap year
		{"2026-01-30", Monthly, []string{"2026-01-30", "2026-02-28", "2026-03-30"}},
		{"2026-02-28", Monthly, []string{"2026-02-28", "2026-03-28", "2026-04-28"}}, // the 28th stays the 28th
		{"2026-11-15", Monthly, []string{"2026-11-15", "2026-12-15", "2027-01-15", "2027-02-15"}},
		{"2026-12-29", Weekly, []string{"2026-12-29", "2027-01-05", "2027-01-12"}},
	} {
		p, err := NewPlan(ledger.EUR(10_000_00), d(c.start), len(c.want), c.every, PlanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i, in := range p.Instalments {
			if in.Due.String() != c.want[i] || in.No != i+1 {
				t.Errorf("%s %s: instalment %d due %s, want %s", c.start, c.every, in.No, in.Due, c.want[i])
			}
		}
	}
	if got := InstalmentDate(d("2026-01-31"), Monthly, 35); got != d("2028-12-31") {
		t.Errorf("36th monthly instalment: %s", got)
	}
}

func TestPlanInterestAndCosts(t *testing.T) {
	// EUR 1,200 at 12% a year in 12 monthly instalments: after instalment k,
	// (12 − k)/12 of the principal is open for a month, on average 5.5/12 of
	// it for 11 months: 1200 × 0.12 × 11/2 / 12 = 66.00.
	p, err := NewPlan(ledger.EUR(1200_00), d("2026-04-01"), 12, Monthly, PlanOptions{InterestBP: 1200, Costs: 40_00})
	if err != nil {
		t.Fatal(err)
	}
	if p.Interest != 66_00 || p.Costs != 40_00 || p.Total != 1306_00 || p.Principal != 1200_00 {
		t.Errorf("interest %d, costs %d, total %d", p.Interest, p.Costs, p.Total)
	}
	if got := amounts(p); got[0] != 108_83 || got[11] != 108_87 {
		t.Errorf("instalments %v", got)
	}
	// EUR 1,000 at 8% in 4 weekly instalments: 1000 × 0.08 × 3/2 × 7/365 = 2.3014
	p, err = NewPlan(ledger.EUR(1000_00), d("2026-04-01"), 4, Weekly, PlanOptions{InterestBP: 800})
	if err != nil || p.Interest != 2_30 || p.Total != 1002_30 {
		t.Errorf("weekly interest %d, total %d, %v", p.Interest, p.Total, err)
	}
	if p.OnBreak != BackToDunning || p.Agreed != d("2026-04-01") {
		t.Errorf("defaults: %q, agreed %s", p.OnBreak, p.Agreed)
	}
}

func TestPlanValidation(t *testing.T) {
	start := d("2026-04-01")
	for _, c := range []struct {
		name  string
		total ledger.Money
		n     int
		every Interval
		opts  PlanOptions
	}{
		{"one instalment", ledger.EUR(1000_00), 1, Monthly, PlanOptions{}},
		{"37 instalments", ledger.EUR(100_000_00), 37, Monthly, PlanOptions{}},
		{"below the default minimum of EUR 25", ledger.EUR(100_00), 5, Monthly, PlanOptions{}},
		{"below a set minimum", ledger.EUR(1000_00), 10, Monthly, PlanOptions{MinInstalment: 150_00}},
		{"nothing to pay", ledger.EUR(0), 3, Monthly, PlanOptions{}},
		{"daily", ledger.EUR(1000_00), 3, "daily", PlanOptions{}},
		{"negative interest", ledger.EUR(1000_00), 3, Monthly, PlanOptions{InterestBP: -1}},
		{"negative costs", ledger.EUR(1000_00), 3, Monthly, PlanOptions{Costs: -1}},
		{"unknown consequence", ledger.EUR(1000_00), 3, Monthly, PlanOptions{OnBreak: "court"}},
		{"agreed after the start", ledger.EUR(1000_00), 3, Monthly, PlanOptions{Agreed: d("2026-04-02")}},
	} {
		_, err := NewPlan(c.total, start, c.n, c.every, c.opts)
		if !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("%s: %v, want an invalid-input error", c.name, err)
		}
	}
	if _, err := NewPlan(ledger.EUR(100_00), start, 4, Monthly, PlanOptions{}); err != nil {
		t.Errorf("4 × EUR 25 is the minimum exactly: %v", err)
	}
	if _, err := NewPlan(ledger.EUR(1000_00), start, 36, Weekly, PlanOptions{Agreed: d("2026-03-28")}); err != nil {
		t.Errorf("36 weekly: %v", err)
	}
}
