package collect

import (
	"slices"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// plan is EUR 1,000 in 3 monthly instalments from 31 January 2026, agreed
// on 26 January: 333.33 on 31 Jan, 333.33 on 28 Feb, 333.34 on 31 Mar.
func plan(t *testing.T, opts PlanOptions) Plan {
	t.Helper()
	opts.CustomerID, opts.Agreed = 1, d("2026-01-26")
	p, err := NewPlan(ledger.EUR(1000_00), d("2026-01-31"), 3, Monthly, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func states(pr Progress) []InstalmentState {
	var out []InstalmentState
	for _, ip := range pr.Instalments {
		out = append(out, ip.State)
	}
	return out
}

const grace = 5 // days

func TestPlanProgress(t *testing.T) {
	const (
		paid     = InstalmentPaid
		partly   = InstalmentPartly
		due      = InstalmentDue
		missed   = InstalmentMissed
		upcoming = InstalmentUpcoming
	)
	p := plan(t, PlanOptions{})
	for _, c := range []struct {
		name       string
		payments   []ledger.Payment
		today      string
		want       []InstalmentState
		paid       int64
		nextDue    string
		nextAmount int64
		brokenOn   string // "" when not broken
	}{
		{"nothing due yet", nil, "2026-01-28", []InstalmentState{upcoming, upcoming, upcoming}, 0, "2026-01-31", 333_33, ""},
		{"first due today", nil, "2026-01-31", []InstalmentState{due, upcoming, upcoming}, 0, "2026-01-31", 333_33, ""},
		{"last day of grace: not broken", nil, "2026-02-05", []InstalmentState{due, upcoming, upcoming}, 0, "2026-01-31", 333_33, ""},
		{"a day after the grace: broken", nil, "2026-02-06", []InstalmentState{missed, upcoming, upcoming}, 0, "2026-01-31", 333_33, "2026-02-06"},
		{"paid on time", []ledger.Payment{pay("2026-01-30", 333_33)}, "2026-03-02",
			[]InstalmentState{paid, due, upcoming}, 333_33, "2026-02-28", 333_33, ""},
		{"paid within grace", []ledger.Payment{pay("2026-02-04", 333_33)}, "2026-02-10",
			[]InstalmentState{paid, upcoming, upcoming}, 333_33, "2026-02-28", 333_33, ""},
		{"paid after the grace: paid, and the plan broke", []ledger.Payment{pay("2026-02-08", 333_33)}, "2026-02-10",
			[]InstalmentState{paid, upcoming, upcoming}, 333_33, "2026-02-28", 333_33, "2026-02-06"},
		{"partly paid, in grace", []ledger.Payment{pay("2026-01-31", 100_00)}, "2026-02-02",
			[]InstalmentState{partly, upcoming, upcoming}, 100_00, "2026-01-31", 233_33, ""},
		{"partly paid, grace over", []ledger.Payment{pay("2026-01-31", 100_00)}, "2026-02-06",
			[]InstalmentState{missed, upcoming, upcoming}, 100_00, "2026-01-31", 233_33, "2026-02-06"},
		{"overpayment carries to the next", []ledger.Payment{pay("2026-01-30", 500_00)}, "2026-02-10",
			[]InstalmentState{paid, partly, upcoming}, 500_00, "2026-02-28", 166_66, ""},
		{"the carried part and the rest cover the second", []ledger.Payment{pay("2026-01-30", 500_00), pay("2026-02-27", 166_66)}, "2026-03-01",
			[]InstalmentState{paid, paid, upcoming}, 666_66, "2026-03-31", 333_34, ""},
		{"two payments for one instalment", []ledger.Payment{pay("2026-02-03", 33_33), pay("2026-01-29", 300_00)}, "2026-02-10",
			[]InstalmentState{paid, upcoming, upcoming}, 333_33, "2026-02-28", 333_33, ""},
		{"everything at once", []ledger.Payment{pay("2026-01-27", 1000_00)}, "2026-02-01",
			[]InstalmentState{paid, paid, paid}, 1000_00, "", 0, ""},
		{"a payment before the plan was agreed does not count", []ledger.Payment{pay("2026-01-20", 333_33)}, "2026-02-06",
			[]InstalmentState{missed, upcoming, upcoming}, 0, "2026-01-31", 333_33, "2026-02-06"},
		{"a payment dated after today does not count yet", []ledger.Payment{pay("2026-02-04", 333_33)}, "2026-02-03",
			[]InstalmentState{due, upcoming, upcoming}, 0, "2026-01-31", 333_33, ""},
		{"second missed after the first was paid", []ledger.Payment{pay("2026-01-30", 333_33)}, "2026-03-06",
			[]InstalmentState{paid, missed, upcoming}, 333_33, "2026-02-28", 333_33, "2026-03-06"},
	} {
		pr := PlanProgress(p, c.payments, d(c.today), grace)
		if got := states(pr); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		if pr.Paid != c.paid || pr.NextDue.String() != c.nextDue || pr.NextAmount != c.nextAmount {
			t.Errorf("%s: paid %d, next %s %d; want %d, %s %d", c.name, pr.Paid, pr.NextDue, pr.NextAmount, c.paid, c.nextDue, c.nextAmount)
		}
		if pr.Broken != (c.brokenOn != "") || pr.BrokenOn.String() != c.brokenOn {
			t.Errorf("%s: broken %v on %s, want %q", c.name, pr.Broken, pr.BrokenOn, c.brokenOn)
		}
		if pr.Holds != (!pr.Broken && !pr.Completed) || (pr.Broken && pr.Consequence != BackToDunning) {
			t.Errorf("%s: holds %v, consequence %q", c.name, pr.Holds, pr.Consequence)
		}
		if pr.Remaining != p.Total-pr.Paid+pr.Overpaid {
			t.Errorf("%s: remaining %d", c.name, pr.Remaining)
		}
	}
}

func TestPlanCompletedAndOverpaid(t *testing.T) {
	pr := PlanProgress(plan(t, PlanOptions{}), []ledger.Payment{pay("2026-01-30", 600_00), pay("2026-03-20", 450_00)}, d("2026-03-21"), grace)
	// the second instalment came after its grace (5 Mar): the plan broke on
	// 6 Mar, and paying it all later completes it without un-breaking it
	if !pr.Completed || pr.Holds || !pr.Broken || pr.BrokenOn != d("2026-03-06") || pr.Overpaid != 50_00 || pr.Remaining != 0 || !pr.NextDue.IsZero() {
		t.Errorf("%+v", pr)
	}

	if ip := pr.Instalments[2]; ip.PaidOn != d("2026-03-20") || ip.Late {
		t.Errorf("last instalment %+v", ip)
	}
	if ip := pr.Instalments[1]; ip.PaidOn != d("2026-03-20") || !ip.Late {
		t.Errorf("second instalment, covered late: %+v", ip)
	}
	intime := PlanProgress(plan(t, PlanOptions{}), []ledger.Payment{pay("2026-01-30", 600_00), pay("2026-03-02", 450_00)}, d("2026-03-21"), grace)
	if !intime.Completed || intime.Broken || intime.Holds || intime.Overpaid != 50_00 || !intime.Instalments[1].Late {
		t.Errorf("paid within grace: %+v", intime)
	}
}

func TestPlanOnItems(t *testing.T) {
	p := plan(t, PlanOptions{Items: []int64{101, 102}, OnBreak: FinalLevel})
	payments := []ledger.Payment{
		payOn("2026-01-30", 101, 200_00, 103, 500_00), // only 200.00 is for the plan
		payOn("2026-02-02", 102, 133_33),
		pay("2026-02-02", 900_00), // unallocated: not for the plan's items
	}
	pr := PlanProgress(p, payments, d("2026-03-10"), grace)
	if pr.Paid != 333_33 || !slices.Equal(states(pr), []InstalmentState{InstalmentPaid, InstalmentMissed, InstalmentUpcoming}) {
		t.Errorf("paid %d, %v", pr.Paid, states(pr))
	}
	if !pr.Broken || pr.Consequence != FinalLevel || pr.Holds || pr.Missed() != 1 {
		t.Errorf("broken %v, consequence %q, holds %v, missed %d", pr.Broken, pr.Consequence, pr.Holds, pr.Missed())
	}
	// while it holds, the caller marks the plan's items OnHold for dunning
	pr = PlanProgress(p, payments, d("2026-02-10"), grace)
	if !pr.Holds || pr.Missed() != 0 {
		t.Errorf("on 10 Feb the plan should hold: %+v", pr)
	}
}
