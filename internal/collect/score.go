package collect

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Risk classes, as customers.risk_class stores them.
const (
	RiskClassLow    = "low"    // RiskClassLow gives no risk points
	RiskClassMedium = "medium" // RiskClassMedium gives Weights.RiskMedium points
	RiskClassHigh   = "high"   // RiskClassHigh gives Weights.RiskHigh points
)

// CustomerState is what the worklist knows of one customer on a day. The
// caller fills it from the ledger, the dunning run, promises and plans.
type CustomerState struct {
	CustomerID        int64
	Currency          string      // the score currency of Overdue
	Overdue           int64       // overdue and chased (open − disputed), minor units of Currency, converted by the caller
	OldestDays        int         // days overdue of the oldest overdue item
	AvgDays           int         // amount-weighted average days overdue (see SummarizeOverdue)
	PhoneTasks        int         // open phone tasks from the dunning run
	OldestTask        ledger.Date // the day the oldest open phone task was made
	BrokenPromises    int         // promises broken in the broken-promise window (see BrokenRecently)
	LastBroken        ledger.Date // the day the most recent promise counted as broken
	MissedInstalments int         // missed instalments of payment plans (Progress.Missed)
	RiskClass         string      // RiskClassLow, RiskClassMedium, RiskClassHigh or ""
	RiskScore         int         // 1-100 from a risk model; 0 = none, then RiskClass applies
	PredictedLateDays int         // days late the customer is predicted to pay; 0 = no prediction
	SnoozedUntil      ledger.Date // off the list up to and including this day
	LastContact       ledger.Date // the last day a person spoke to or wrote the customer
	DisputesOpen      int         // open disputes
}

// Factor keys: stable names of the factors, for pages and translations.
const (
	FactorAmount        = "amount"             // FactorAmount is the overdue amount, on the log scale
	FactorAvgDays       = "average_days"       // FactorAvgDays is the amount-weighted average days overdue
	FactorOldest        = "oldest_days"        // FactorOldest is the days overdue of the oldest item
	FactorPhoneTask     = "phone_task"         // FactorPhoneTask is an open phone task from the dunning run
	FactorTaskWaiting   = "task_waiting"       // FactorTaskWaiting is the days the oldest phone task has waited
	FactorBroken        = "broken_promise"     // FactorBroken is the most recent broken promise
	FactorMoreBroken    = "more_broken"        // FactorMoreBroken is the further broken promises in the window
	FactorInstalment    = "missed_instalments" // FactorInstalment is the missed plan instalments
	FactorRisk          = "risk"               // FactorRisk is the risk class or score
	FactorPredictedLate = "predicted_late"     // FactorPredictedLate is the predicted lateness
	FactorDispute       = "dispute"            // FactorDispute is open disputes
	FactorContact       = "recent_contact"     // FactorContact is a recent contact (negative points)
)

// Reasons a customer is on the list, as the page shows them.
const (
	ReasonPhoneTask   = "phone task from the dunning run" // ReasonPhoneTask: the dunning run asked for a call
	ReasonBroken      = "promise broken"                  // ReasonBroken: a promise was broken in the window
	ReasonInstalment  = "instalment missed"               // ReasonInstalment: a plan instalment was missed
	ReasonHighRisk    = "high risk"                       // ReasonHighRisk: risk class high or a high risk score
	ReasonLargeAmount = "large amount overdue"            // ReasonLargeAmount: at least Weights.LargeAmount overdue
	ReasonLongOverdue = "long overdue"                    // ReasonLongOverdue: the oldest item at least Weights.LongOverdue days
	ReasonDispute     = "dispute open"                    // ReasonDispute: a dispute is open
)

// Factor is one line of a score's explanation.
type Factor struct {
	Key    string // one of the Factor constants
	Label  string // English text with the raw value: "amount overdue EUR 12400.00"
	Value  int64  // the raw value: minor units, days, a count or a risk score
	Weight int    // the weight applied (its maximum points, or points per unit)
	Points int    // the points it gives; the Entry's Score is the sum
}

// Entry is a customer's place on the worklist with its explanation.
type Entry struct {
	CustomerID int64
	Currency   string
	Overdue    int64
	Score      int      // the sum of the factors' points
	Urgent     bool     // a commitment was broken (promise, instalment): ranked above every other entry
	OnList     bool     // whether the customer needs a person today
	Off        string   // why not on the list ("" when on it)
	Factors    []Factor // every factor with a raw value or points, in a fixed order
	Reasons    []string // Reason constants, in a fixed order
}

// Score scores one customer on day today. The score is the sum of these
// factors' points (each rounded half away from zero; W is the weight):
//
//	amount        A > 0:   Amount × log(1 + A/U) / log(1 + C/U), Amount from A ≥ C
//	average days  d:       AvgDays × min(d, AvgDaysCap) / AvgDaysCap
//	oldest item   d:       Oldest × min(d, OldestCap) / OldestCap
//	phone task    n > 0:   PhoneTask
//	task waiting  d days:  min(d × TaskWaitingDay, TaskWaitingMax)
//	broken        d ago:   BrokenPromise × (BrokenWindow − d) / BrokenWindow, for 0 ≤ d < BrokenWindow
//	more broken   n:       MoreBroken × min(n − 1, MoreBrokenMax)
//	instalments   n:       Instalment × min(n, InstalmentMax)
//	risk          s:       RiskHigh × s / 100 for a score s; class high RiskHigh, medium RiskMedium
//	predicted     d:       PredictedLate × min(d, PredictedCap) / PredictedCap
//	dispute       n > 0:   Dispute
//	contact       d ago:   −RecentContact × (ContactWindow − d) / ContactWindow, for 0 ≤ d < ContactWindow
//
// The logarithm (any base: it cancels) makes every tenfold of the amount add
// the same points, so one huge customer does not swamp the list. A customer
// is on the list unless snoozed (up to and including SnoozedUntil): always
// with an open phone task, else when something is overdue and the score
// reaches Threshold. A broken commitment (a promise broken within the
// window, an instalment missed) makes the entry Urgent: it is on the list
// and ranks above every entry that is not, whatever its score.
func Score(c CustomerState, today ledger.Date, w Weights) Entry {
	e := Entry{CustomerID: c.CustomerID, Currency: c.Currency, Overdue: c.Overdue}
	add := func(key string, value int64, weight, points int, format string, args ...any) {
		if value == 0 && points == 0 {
			return
		}
		e.Factors = append(e.Factors, Factor{Key: key, Label: fmt.Sprintf(format, args...), Value: value, Weight: weight, Points: points})
		e.Score += points
	}
	reason := func(ok bool, r string) {
		if ok {
			e.Reasons = append(e.Reasons, r)
		}
	}
	amount := max(c.Overdue, 0)
	add(FactorAmount, amount, w.Amount, amountPoints(amount, w), "amount overdue %s %s", c.Currency, ledger.FormatAmount(amount, c.Currency))
	add(FactorAvgDays, int64(c.AvgDays), w.AvgDays, scale(w.AvgDays, int64(c.AvgDays), int64(w.AvgDaysCap)),
		"on average %d days overdue", c.AvgDays)
	add(FactorOldest, int64(c.OldestDays), w.Oldest, scale(w.Oldest, int64(c.OldestDays), int64(w.OldestCap)),
		"oldest item %d days overdue", c.OldestDays)
	if c.PhoneTasks > 0 {
		add(FactorPhoneTask, int64(c.PhoneTasks), w.PhoneTask, w.PhoneTask, "%d phone task(s) from the dunning run", c.PhoneTasks)
		if waited := daysSince(c.OldestTask, today); waited > 0 {
			add(FactorTaskWaiting, int64(waited), w.TaskWaitingDay, int(min(int64(waited)*int64(w.TaskWaitingDay), int64(w.TaskWaitingMax))),
				"oldest phone task waiting %d days", waited)
		}
	}
	recentBroken := false
	if ago := daysSince(c.LastBroken, today); !c.LastBroken.IsZero() && ago >= 0 && ago < w.BrokenWindow {
		recentBroken = true
		add(FactorBroken, int64(ago), w.BrokenPromise, scale(w.BrokenPromise, int64(w.BrokenWindow-ago), int64(w.BrokenWindow)),
			"promise broken %d days ago", ago)
	}
	if more := min(c.BrokenPromises-1, w.MoreBrokenMax); more > 0 {
		add(FactorMoreBroken, int64(c.BrokenPromises-1), w.MoreBroken, more*w.MoreBroken, "%d more broken promises", c.BrokenPromises-1)
	}
	if c.MissedInstalments > 0 {
		add(FactorInstalment, int64(c.MissedInstalments), w.Instalment, min(c.MissedInstalments, w.InstalmentMax)*w.Instalment,
			"%d instalment(s) missed", c.MissedInstalments)
	}
	highRisk := false
	switch {
	case c.RiskScore > 0:
		s := min(c.RiskScore, 100)
		highRisk = w.HighRiskScore > 0 && s >= w.HighRiskScore
		add(FactorRisk, int64(s), w.RiskHigh, scale(w.RiskHigh, int64(s), 100), "risk score %d", s)
	case c.RiskClass == RiskClassHigh:
		highRisk = true
		add(FactorRisk, 100, w.RiskHigh, w.RiskHigh, "risk class high")
	case c.RiskClass == RiskClassMedium:
		add(FactorRisk, 50, w.RiskMedium, w.RiskMedium, "risk class medium")
	}
	add(FactorPredictedLate, int64(max(c.PredictedLateDays, 0)), w.PredictedLate,
		scale(w.PredictedLate, int64(c.PredictedLateDays), int64(w.PredictedCap)), "predicted to pay %d days late", max(c.PredictedLateDays, 0))
	if c.DisputesOpen > 0 {
		add(FactorDispute, int64(c.DisputesOpen), w.Dispute, w.Dispute, "%d dispute(s) open", c.DisputesOpen)
	}
	if ago := daysSince(c.LastContact, today); !c.LastContact.IsZero() && ago >= 0 && ago < w.ContactWindow {
		add(FactorContact, int64(ago), -w.RecentContact, -scale(w.RecentContact, int64(w.ContactWindow-ago), int64(w.ContactWindow)),
			"last contact %d days ago", ago)
	}

	reason(c.PhoneTasks > 0, ReasonPhoneTask)
	reason(recentBroken || c.BrokenPromises > 0, ReasonBroken)
	reason(c.MissedInstalments > 0, ReasonInstalment)
	reason(highRisk, ReasonHighRisk)
	reason(w.LargeAmount > 0 && amount >= w.LargeAmount, ReasonLargeAmount)
	reason(w.LongOverdue > 0 && amount > 0 && c.OldestDays >= w.LongOverdue, ReasonLongOverdue)
	reason(c.DisputesOpen > 0, ReasonDispute)

	e.Urgent = recentBroken || c.MissedInstalments > 0
	switch {
	case !c.SnoozedUntil.IsZero() && !today.After(c.SnoozedUntil):
		e.Off = "snoozed until " + c.SnoozedUntil.String()
	case c.PhoneTasks > 0 || e.Urgent:
		e.OnList = true
	case amount == 0:
		e.Off = "nothing overdue and no phone task"
	case e.Score < w.Threshold:
		e.Off = fmt.Sprintf("score %d is below the threshold %d", e.Score, w.Threshold)
	default:
		e.OnList = true
	}
	return e
}

// amountPoints is the amount factor: Amount × log(1 + A/U) / log(1 + C/U),
// computed as (log2(U + A) − log2(U)) / (log2(U + C) − log2(U)).
func amountPoints(a int64, w Weights) int {
	if a <= 0 || w.AmountUnit <= 0 || w.AmountCap <= w.AmountUnit {
		return 0
	}
	if a >= w.AmountCap {
		return w.Amount
	}
	base := log2Fixed(w.AmountUnit)
	return scale(w.Amount, log2Fixed(w.AmountUnit+a)-base, log2Fixed(w.AmountUnit+w.AmountCap)-base)
}

// daysSince returns the days from d to today, or 0 when d is unset.
func daysSince(d, today ledger.Date) int {
	if d.IsZero() {
		return 0
	}
	return d.DaysUntil(today)
}

// Rank sorts entries for the worklist: urgent first, then score
// descending, then overdue amount descending, then customer id ascending, so
// equal input gives equal order.
func Rank(entries []Entry) {
	slices.SortStableFunc(entries, func(a, b Entry) int {
		if a.Urgent != b.Urgent {
			if a.Urgent {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Overdue, a.Overdue); c != 0 {
			return c
		}
		return cmp.Compare(a.CustomerID, b.CustomerID)
	})
}

// Worklist scores the customers and returns those on the list, ranked.
func Worklist(customers []CustomerState, today ledger.Date, w Weights) []Entry {
	var out []Entry
	for _, c := range customers {
		if e := Score(c, today, w); e.OnList {
			out = append(out, e)
		}
	}
	Rank(out)
	return out
}
