package collect

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

var d = ledger.MustDate

func TestLog2Fixed(t *testing.T) {
	for _, x := range []int64{1, 2, 3, 7, 10, 100_00, 123_456, 1_000_000_00, 1<<62 + 12345, math.MaxInt64} {
		got := float64(log2Fixed(x)) / (1 << fracBits)
		if want := math.Log2(float64(x)); math.Abs(got-want) > 1e-6 {
			t.Errorf("log2(%d) = %.9f, want %.9f", x, got, want)
		}
	}
	if log2Fixed(0) != 0 || log2Fixed(-5) != 0 {
		t.Error("log2 of less than 1 should be 0")
	}
}

// TestAmountScale checks the amount factor against the formula, worked out
// by hand: 80 × ln(1 + A/100) / ln(10001) with A in euros.
func TestAmountScale(t *testing.T) {
	w := DefaultWeights()
	for _, c := range []struct {
		euros int64
		want  int
	}{
		{1, 0},           // ln 1.01 = 0.00995 → 0.09
		{80, 5},          // ln 1.8 = 0.588 → 5.1
		{300, 12},        // ln 4 = 1.386 → 12.04
		{1_000, 21},      // ln 11 = 2.398 → 20.8
		{5_000, 34},      // ln 51 = 3.932 → 34.2
		{6_000, 36},      // ln 61 = 4.111 → 35.7
		{12_400, 42},     // ln 125 = 4.828 → 41.9
		{100_000, 60},    // ln 1001 = 6.909 → 60.0
		{999_999, 80},    // just under the cap
		{1_000_000, 80},  // the cap
		{50_000_000, 80}, // beyond the cap: still 80
	} {
		if got := amountPoints(c.euros*100, w); got != c.want {
			t.Errorf("EUR %d: %d points, want %d", c.euros, got, c.want)
		}
	}
}

// customers of a Dutch wholesaler on 10 March 2026, as the worklist sees them.
var today = d("2026-03-10")

var (
	brokenPromise = CustomerState{CustomerID: 1, Currency: "EUR", Overdue: 5_000_00, OldestDays: 25, AvgDays: 20,
		BrokenPromises: 1, LastBroken: d("2026-03-07")}
	justLate   = CustomerState{CustomerID: 2, Currency: "EUR", Overdue: 6_000_00, OldestDays: 3, AvgDays: 3}
	phoneTask  = CustomerState{CustomerID: 3, Currency: "EUR", Overdue: 300_00, OldestDays: 31, AvgDays: 31, PhoneTasks: 1, OldestTask: d("2026-03-08")}
	snoozed    = CustomerState{CustomerID: 4, Currency: "EUR", Overdue: 50_000_00, OldestDays: 60, AvgDays: 60, SnoozedUntil: d("2026-03-10")}
	allPaid    = CustomerState{CustomerID: 5, Currency: "EUR", RiskClass: RiskClassHigh}
	highRisk   = CustomerState{CustomerID: 6, Currency: "EUR", Overdue: 20_000_00, OldestDays: 45, AvgDays: 45, RiskClass: RiskClassHigh}
	small      = CustomerState{CustomerID: 7, Currency: "EUR", Overdue: 80_00, OldestDays: 10, AvgDays: 10}
	taskSnooze = CustomerState{CustomerID: 8, Currency: "EUR", Overdue: 900_00, OldestDays: 35, AvgDays: 35, PhoneTasks: 1,
		OldestTask: d("2026-03-10"), SnoozedUntil: d("2026-03-11")}
	taskOnly = CustomerState{CustomerID: 9, Currency: "EUR", PhoneTasks: 2, OldestTask: d("2026-03-01")}
	missed   = CustomerState{CustomerID: 10, Currency: "EUR", Overdue: 1_500_00, OldestDays: 40, AvgDays: 30, MissedInstalments: 1,
		LastContact: d("2026-03-09")}
)

func TestScoreExplainsItself(t *testing.T) {
	e := Score(brokenPromise, today, DefaultWeights())
	want := []Factor{
		{FactorAmount, "amount overdue EUR 5000.00", 5_000_00, 80, 34},
		{FactorAvgDays, "on average 20 days overdue", 20, 30, 7}, // 30 × 20/90 = 6.67
		{FactorOldest, "oldest item 25 days overdue", 25, 10, 1}, // 10 × 25/180 = 1.39
		{FactorBroken, "promise broken 3 days ago", 3, 40, 39},   // 40 × 87/90 = 38.67
	}
	if !reflect.DeepEqual(e.Factors, want) {
		t.Errorf("factors:\n got %+v\nwant %+v", e.Factors, want)
	}
	if e.Score != 81 || !e.OnList || e.Off != "" {
		t.Errorf("score %d, on list %v (%q), want 81 on the list", e.Score, e.OnList, e.Off)
	}
	if !reflect.DeepEqual(e.Reasons, []string{ReasonBroken}) {
		t.Errorf("reasons %q", e.Reasons)
	}
}

func TestScoreSumsItsFactors(t *testing.T) {
	for _, c := range []CustomerState{brokenPromise, justLate, phoneTask, snoozed, allPaid, highRisk, small, taskSnooze, taskOnly, missed} {
		e := Score(c, today, DefaultWeights())
		sum := 0
		for _, f := range e.Factors {
			sum += f.Points
		}
		if sum != e.Score {
			t.Errorf("customer %d: factors add up to %d, score %d", c.CustomerID, sum, e.Score)
		}
		if e.OnList == (e.Off != "") {
			t.Errorf("customer %d: on list %v but off %q", c.CustomerID, e.OnList, e.Off)
		}
	}
}

// TestWorklistOrder is the order a credit controller expects on a Tuesday.
func TestWorklistOrder(t *testing.T) {
	all := []CustomerState{brokenPromise, justLate, phoneTask, snoozed, allPaid, highRisk, small, taskSnooze, taskOnly, missed}
	list := Worklist(all, today, DefaultWeights())
	var got []int64
	for _, e := range list {
		got = append(got, e.CustomerID)
	}
	// broken commitments first (urgent), by score:
	//   broken promise on EUR 5k: 81
	//   instalment missed on EUR 1,500, spoken to yesterday: 24 + 10 + 2 + 25 − 17 = 44
	// then by score:
	//   high risk EUR 20k 45 days: 46 + 15 + 3 + 30 = 94
	//   phone task, EUR 300 for 31 days: 12 + 10 + 2 + 50 + 4 = 78
	//   phone task, nothing overdue, waiting 9 days: 50 + 18 = 68
	want := []int64{1, 10, 6, 3, 9}
	if !slices.Equal(got, want) {
		for _, e := range list {
			t.Logf("%d: %d %v", e.CustomerID, e.Score, e.Factors)
		}
		t.Fatalf("worklist %v, want %v", got, want)
	}

	w := DefaultWeights()
	off := map[int64]string{
		2: "score 37 is below the threshold 40", // EUR 6k just 3 days late: the dunning run handles it
		4: "snoozed until 2026-03-10",
		5: "nothing overdue and no phone task",
		7: "score 9 is below the threshold 40", // 5 + 3 + 1
		8: "snoozed until 2026-03-11",          // a snooze is a person's decision: it wins over a phone task
	}
	for id, why := range off {
		for _, c := range all {
			if c.CustomerID == id {
				if e := Score(c, today, w); e.OnList || e.Off != why {
					t.Errorf("customer %d: on list %v, off %q, want off %q", id, e.OnList, e.Off, why)
				}
			}
		}
	}
	// the broken promise outranks more money just a few days late
	if a, b := Score(brokenPromise, today, w), Score(justLate, today, w); a.Score <= b.Score {
		t.Errorf("broken promise on 5k scores %d, 6k three days late %d", a.Score, b.Score)
	}
}

func TestReasons(t *testing.T) {
	w := DefaultWeights()
	for _, c := range []struct {
		state CustomerState
		want  []string
	}{
		{highRisk, []string{ReasonHighRisk, ReasonLargeAmount}},
		{phoneTask, []string{ReasonPhoneTask}},
		{missed, []string{ReasonInstalment}},
		{CustomerState{Overdue: 30_000_00, OldestDays: 70, RiskScore: 75, DisputesOpen: 1, BrokenPromises: 2, LastBroken: d("2026-02-01"), PhoneTasks: 1},
			[]string{ReasonPhoneTask, ReasonBroken, ReasonHighRisk, ReasonLargeAmount, ReasonLongOverdue, ReasonDispute}},
		{CustomerState{Overdue: 100_00, RiskScore: 69}, nil},
	} {
		if got := Score(c.state, today, w).Reasons; !slices.Equal(got, c.want) {
			t.Errorf("customer %+v: reasons %q, want %q", c.state, got, c.want)
		}
	}
}

func TestSnoozeEndsAfterItsDay(t *testing.T) {
	c := snoozed
	for _, c2 := range []struct {
		day  string
		want bool
	}{{"2026-03-09", false}, {"2026-03-10", false}, {"2026-03-11", true}} {
		if e := Score(c, d(c2.day), DefaultWeights()); e.OnList != c2.want {
			t.Errorf("%s: on list %v, want %v (%s)", c2.day, e.OnList, c2.want, e.Off)
		}
	}
}

func TestFactorsScale(t *testing.T) {
	w := DefaultWeights()
	points := func(c CustomerState, key string) int {
		for _, f := range Score(c, today, w).Factors {
			if f.Key == key {
				return f.Points
			}
		}
		return 0
	}
	for _, c := range []struct {
		name  string
		state CustomerState
		key   string
		want  int
	}{
		{"broken today", CustomerState{LastBroken: today}, FactorBroken, 40},
		{"broken 89 days ago", CustomerState{LastBroken: today.AddDays(-89)}, FactorBroken, 0}, // 40/90 = 0.44
		{"broken 90 days ago: out of the window", CustomerState{LastBroken: today.AddDays(-90)}, FactorBroken, 0},
		{"three broken", CustomerState{BrokenPromises: 3, LastBroken: today}, FactorMoreBroken, 20},
		{"ten broken: capped", CustomerState{BrokenPromises: 10, LastBroken: today}, FactorMoreBroken, 30},
		{"five instalments: capped", CustomerState{MissedInstalments: 5}, FactorInstalment, 75},
		{"risk medium", CustomerState{RiskClass: RiskClassMedium}, FactorRisk, 15},
		{"risk score 50", CustomerState{RiskScore: 50, RiskClass: RiskClassHigh}, FactorRisk, 15}, // the score wins
		{"risk low", CustomerState{RiskClass: RiskClassLow}, FactorRisk, 0},
		{"predicted 30 days late", CustomerState{PredictedLateDays: 30}, FactorPredictedLate, 8}, // 7.5
		{"predicted early", CustomerState{PredictedLateDays: -5}, FactorPredictedLate, 0},
		{"average days capped", CustomerState{AvgDays: 400}, FactorAvgDays, 30},
		{"oldest 180", CustomerState{OldestDays: 180}, FactorOldest, 10},
		{"contact today", CustomerState{LastContact: today}, FactorContact, -20},
		{"contact 7 days ago", CustomerState{LastContact: today.AddDays(-7)}, FactorContact, 0},
		{"task waiting 30 days: capped", CustomerState{PhoneTasks: 1, OldestTask: today.AddDays(-30)}, FactorTaskWaiting, 20},
		{"dispute", CustomerState{DisputesOpen: 2}, FactorDispute, 10},
	} {
		if got := points(c.state, c.key); got != c.want {
			t.Errorf("%s: %d points, want %d", c.name, got, c.want)
		}
	}
}

func TestRankIsDeterministic(t *testing.T) {
	entries := []Entry{
		{CustomerID: 5, Score: 50, Overdue: 100},
		{CustomerID: 2, Score: 60, Overdue: 10},
		{CustomerID: 9, Score: 50, Overdue: 300},
		{CustomerID: 1, Score: 50, Overdue: 100},
		{CustomerID: 3, Score: -5, Overdue: 0},
	}
	want := []int64{2, 9, 1, 5, 3}
	for i := range 5 {
		es := slices.Clone(entries)
		slices.Reverse(es[:i])
		Rank(es)
		var got []int64
		for _, e := range es {
			got = append(got, e.CustomerID)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("rank %v, want %v", got, want)
		}
	}
}

func TestSummarizeOverdue(t *testing.T) {
	items := []OpenItem{
		{d("2026-03-01"), 1_000_00},  // 9 days
		{d("2026-01-09"), 3_000_00},  // 60 days
		{d("2026-03-10"), 5_000_00},  // due today: not overdue
		{d("2026-02-01"), -2_000_00}, // credit note: not counted
	}
	got := SummarizeOverdue(items, today)
	// (1000 × 9 + 3000 × 60) / 4000 = 47.25
	if want := (Overdue{Amount: 4_000_00, OldestDays: 60, AvgDays: 47}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if s := got.State(7, "EUR"); s.CustomerID != 7 || s.Overdue != 4_000_00 || s.AvgDays != 47 {
		t.Errorf("state %+v", s)
	}
	if got := SummarizeOverdue(nil, today); got != (Overdue{}) {
		t.Errorf("nothing: %+v", got)
	}
}

func TestWeightsValidate(t *testing.T) {
	if err := DefaultWeights().Validate(); err != nil {
		t.Fatal(err)
	}
	w := DefaultWeights()
	w.AmountCap = w.AmountUnit
	if w.Validate() == nil {
		t.Error("a cap equal to the unit should be rejected")
	}
	w = DefaultWeights()
	w.BrokenWindow = 0
	if w.Validate() == nil {
		t.Error("a zero window should be rejected")
	}
}
