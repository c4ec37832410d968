package disputes

import (
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

func TestCanMove(t *testing.T) {
	cases := []struct {
		from, to Status
		ok       bool
	}{
		{Open, InProgress, true},
		{Open, WaitingCustomer, true},
		{Open, Resolved, true},
		{InProgress, WaitingCustomer, true},
		{WaitingCustomer, InProgress, true},
		{WaitingCustomer, Rejected, true},
		{InProgress, Open, false},     // back to open: no
		{Open, Open, false},           // no change
		{Resolved, InProgress, false}, // final
		{Rejected, Open, false},       // final
		{Open, "closed", false},       // unknown
	}
	for _, c := range cases {
		if err := CanMove(c.from, c.to); (err == nil) != c.ok {
			t.Errorf("%s -> %s: %v, want ok=%v", c.from, c.to, err, c.ok)
		}
	}
}

// Due dates counted by hand on the 2026 calendar (2026-10-02 is a Friday).
func TestDueDate(t *testing.T) {
	cases := []struct {
		opened string
		days   int
		want   string
	}{
		{"2026-10-05", 10, "2026-10-19"}, // Monday + 2 working weeks = Monday
		{"2026-10-02", 1, "2026-10-05"},  // Friday + 1 = Monday
		{"2026-10-03", 1, "2026-10-05"},  // Saturday + 1 = Monday
		{"2026-10-03", 5, "2026-10-09"},  // Saturday + 5 = Friday
		{"2026-10-07", 0, "2026-10-07"},  // no SLA days: the same day
		{"2026-12-30", 3, "2027-01-04"},  // Wed + 3: Thu, Fri, Mon (holidays are not known)
	}
	for _, c := range cases {
		if got := DueDate(ledger.MustDate(c.opened), c.days); got.String() != c.want {
			t.Errorf("DueDate(%s, %d) = %s, want %s", c.opened, c.days, got, c.want)
		}
	}
}

func TestEscalate(t *testing.T) {
	due := ledger.MustDate("2026-10-19")
	cases := []struct {
		name      string
		st        Status
		escalated bool
		today     string
		want      bool
	}{
		{"on the due day", InProgress, false, "2026-10-19", false},
		{"the day after", InProgress, false, "2026-10-20", true},
		{"waiting for the customer counts too", WaitingCustomer, false, "2026-10-20", true},
		{"already escalated", Open, true, "2026-10-25", false},
		{"resolved", Resolved, false, "2026-10-25", false},
		{"rejected", Rejected, false, "2026-10-25", false},
	}
	for _, c := range cases {
		if got := Escalate(c.st, due, c.escalated, ledger.MustDate(c.today)); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestRoute(t *testing.T) {
	rules := []Rule{
		{ID: 1, Reason: "wrong_price", Currency: "EUR", MinAmount: 10000_00, Queue: "sales", Assignee: "head.sales", Priority: High},
		{ID: 2, Reason: "wrong_price", Queue: "sales"},
		{ID: 3, RiskClass: "high", Queue: "credit", Priority: Urgent},
		{ID: 4, EntityID: 2, Queue: "be-team"},
		{ID: 5, Segment: "retail", ProductGroup: "bread", Queue: "quality"},
		{ID: 6, Group: "G100", MaxAmount: 50_00, Queue: "billing", Priority: Low},
	}
	cases := []struct {
		name string
		f    Facts
		want Decision
	}{
		{"large price dispute to the head of sales", Facts{EntityID: 1, Reason: "wrong_price", Currency: "EUR", Amount: 12000_00},
			Decision{Queue: "sales", Assignee: "head.sales", Priority: High, RuleID: 1}},
		{"exactly the minimum matches", Facts{EntityID: 1, Reason: "wrong_price", Currency: "EUR", Amount: 10000_00},
			Decision{Queue: "sales", Assignee: "head.sales", Priority: High, RuleID: 1}},
		{"small price dispute, no priority: normal", Facts{EntityID: 1, Reason: "wrong_price", Currency: "EUR", Amount: 99_99},
			Decision{Queue: "sales", Priority: Normal, RuleID: 2}},
		{"amount rule in another currency does not match", Facts{EntityID: 1, Reason: "wrong_price", Currency: "USD", Amount: 20000_00},
			Decision{Queue: "sales", Priority: Normal, RuleID: 2}},
		{"order: price before risk", Facts{EntityID: 1, Reason: "wrong_price", RiskClass: "high", Currency: "EUR", Amount: 1},
			Decision{Queue: "sales", Priority: Normal, RuleID: 2}},
		{"risk class, case-insensitive", Facts{EntityID: 1, Reason: "quality", RiskClass: "HIGH"},
			Decision{Queue: "credit", Priority: Urgent, RuleID: 3}},
		{"entity", Facts{EntityID: 2, Reason: "quality"}, Decision{Queue: "be-team", Priority: Normal, RuleID: 4}},
		{"segment and product group both needed", Facts{EntityID: 1, Reason: "quality", Segment: "retail", ProductGroup: "cake"},
			Decision{Queue: DefaultQueue, Priority: Normal}},
		{"segment and product group", Facts{EntityID: 1, Reason: "quality", Segment: "retail", ProductGroup: "bread"},
			Decision{Queue: "quality", Priority: Normal, RuleID: 5}},
		{"group under the maximum", Facts{EntityID: 1, Reason: "other", Group: "G100", Amount: 50_00},
			Decision{Queue: "billing", Priority: Low, RuleID: 6}},
		{"group above the maximum: default", Facts{EntityID: 1, Reason: "other", Group: "G100", Amount: 50_01},
			Decision{Queue: DefaultQueue, Priority: Normal}},
	}
	for _, c := range cases {
		if got := Route(rules, c.f, DefaultQueue); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
	if got := Route(nil, Facts{}, "triage"); got.Queue != "triage" {
		t.Errorf("no rules: %+v, want the given default queue", got)
	}
}

func TestRuleValidate(t *testing.T) {
	for _, r := range []Rule{{}, {Queue: "x", Priority: "asap"}, {Queue: "x", MinAmount: 10, MaxAmount: 5}, {Queue: "x", MinAmount: -1}} {
		if r.Validate() == nil {
			t.Errorf("%+v: valid, want an error", r)
		}
	}
	if err := (Rule{Assignee: "anna", MinAmount: 5, MaxAmount: 5}).Validate(); err != nil {
		t.Error(err)
	}
}

func TestWriteOffNeedsApproval(t *testing.T) {
	cases := []struct {
		amount, threshold int64
		want              bool
	}{{500_00, 500_00, false}, {500_01, 500_00, true}, {-600_00, 500_00, true}, {1, 0, true}, {0, 0, false}, {1, -1, true}}
	for _, c := range cases {
		if got := WriteOffNeedsApproval(c.amount, c.threshold); got != c.want {
			t.Errorf("WriteOffNeedsApproval(%d, %d) = %v", c.amount, c.threshold, got)
		}
	}
}

func TestSpread(t *testing.T) {
	parts := []Part{{1, 30_00, 100_00}, {2, 50_00, 20_00}, {3, 10_00, 10_00}}
	cases := []struct {
		amount int64
		want   []int64
		rest   int64
	}{
		{25_00, []int64{25_00, 0, 0}, 0},
		{45_00, []int64{30_00, 15_00, 0}, 0}, // the second is capped by what is open on it
		{60_00, []int64{30_00, 20_00, 10_00}, 0},
		{70_00, []int64{30_00, 20_00, 10_00}, 10_00}, // more than can be placed
	}
	for _, c := range cases {
		got, rest := Spread(parts, c.amount)
		if rest != c.rest || len(got) != len(c.want) {
			t.Fatalf("Spread(%d) = %v, %d", c.amount, got, rest)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Spread(%d) = %v, want %v", c.amount, got, c.want)
				break
			}
		}
	}
}

// TestPercentile: nearest rank, worked by hand. For 1..10 the 90th
// percentile is the 9th value (⌈0.9×10⌉ = 9); for 11 values the 10th
// (⌈9.9⌉ = 10); for one value, that value.
func TestPercentile(t *testing.T) {
	cases := []struct {
		values []int
		want   int
	}{
		{[]int{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 9},
		{[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100}, 10},
		{[]int{7}, 7},
		{[]int{3, 40}, 40}, // ⌈1.8⌉ = 2
		{nil, 0},
	}
	for _, c := range cases {
		if got := Percentile(c.values, 90); got != c.want {
			t.Errorf("P90(%v) = %d, want %d", c.values, got, c.want)
		}
	}
}

// TestReport: a hand-computed report by reason.
//   - wrong_price: 3 disputes, EUR 100 + 200 + 300 = 600; closed after 2
//     and 10 days, one open: avg 6, p90 = ⌈0.9×2⌉ = 2nd = 10.
//   - quality: 1 dispute, USD 50, open: no resolution time.
func TestReport(t *testing.T) {
	d := ledger.MustDate
	rows := []Row{
		{Reason: "wrong_price", Currency: "EUR", Amount: 100_00, Opened: d("2026-10-01"), Closed: d("2026-10-03")},
		{Reason: "wrong_price", Currency: "EUR", Amount: 200_00, Opened: d("2026-10-01"), Closed: d("2026-10-11")},
		{Reason: "wrong_price", Currency: "EUR", Amount: 300_00, Opened: d("2026-10-05")},
		{Reason: "quality", Currency: "USD", Amount: 50_00, Opened: d("2026-10-05")},
	}
	got := Report(rows, func(r Row) string { return r.Reason })
	if len(got) != 2 {
		t.Fatalf("groups: %+v", got)
	}
	wp, q := got[0], got[1]
	if wp.Key != "wrong_price" || wp.Count != 3 || wp.Open != 1 || wp.Closed != 2 || wp.Amounts["EUR"] != 600_00 ||
		wp.AvgDays != 6 || wp.P90Days != 10 || wp.MaxDays != 10 {
		t.Errorf("wrong_price: %+v", wp)
	}
	if q.Key != "quality" || q.Count != 1 || q.Open != 1 || q.Closed != 0 || q.Amounts["USD"] != 50_00 || q.AvgDays != 0 {
		t.Errorf("quality: %+v", q)
	}
}
