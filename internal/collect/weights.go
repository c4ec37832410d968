package collect

import "github.com/kredo-dev/kredo/internal/ledger"

// Weights are the tunable parts of the worklist score. Points are whole
// numbers; amounts are minor units of the score currency; a weight of 0
// switches its factor off. See Score for how each weight is used.
type Weights struct {
	Amount     int   // points for an overdue amount of AmountCap or more
	AmountUnit int64 // U of the amount scale: the amount that counts as "1" (minor units)
	AmountCap  int64 // C of the amount scale: from this amount on, Amount points (minor units)

	AvgDays    int // points for an amount-weighted average of AvgDaysCap days overdue or more
	AvgDaysCap int // days
	Oldest     int // points for an oldest item OldestCap days overdue or more
	OldestCap  int // days

	PhoneTask      int // points for having an open phone task from the dunning run
	TaskWaitingDay int // points per day the oldest phone task has waited
	TaskWaitingMax int // at most this many points for the waiting

	BrokenPromise int   // points for a promise broken today, falling linearly to 0 at BrokenWindow days
	BrokenWindow  int   // days a broken promise counts
	MoreBroken    int   // points for each further broken promise within the window
	MoreBrokenMax int   // at most this many further broken promises count
	Instalment    int   // points per missed plan instalment
	InstalmentMax int   // at most this many missed instalments count
	RiskHigh      int   // points for risk class high or a risk score of 100 (scores scale linearly)
	RiskMedium    int   // points for risk class medium (low gives none)
	PredictedLate int   // points for a predicted lateness of PredictedLateCap days or more
	PredictedCap  int   // days
	Dispute       int   // points for having a dispute open
	RecentContact int   // points taken off for a contact today, falling linearly to 0 at ContactWindow days
	ContactWindow int   // days a recent contact lowers the score
	Threshold     int   // a customer with something overdue is on the list from this score on
	LargeAmount   int64 // minor units: this much overdue gives the reason "large amount overdue"
	LongOverdue   int   // days: the oldest item this late gives the reason "long overdue"
	HighRiskScore int   // a risk score from this value on gives the reason "high risk"
}

// DefaultWeights returns the weights Kredo starts with, tuned so that, in
// EUR: a broken promise on EUR 5,000 outranks EUR 6,000 three days late; a
// customer owing EUR 100,000 scores about three times the amount points of
// one owing EUR 1,000, not a hundred times; and small amounts a few days late
// stay with the dunning run (below the threshold) unless a person is needed.
func DefaultWeights() Weights {
	return Weights{
		Amount: 80, AmountUnit: 100_00, AmountCap: 1_000_000_00,
		AvgDays: 30, AvgDaysCap: 90,
		Oldest: 10, OldestCap: 180,
		PhoneTask: 50, TaskWaitingDay: 2, TaskWaitingMax: 20,
		BrokenPromise: 40, BrokenWindow: 90, MoreBroken: 10, MoreBrokenMax: 3,
		Instalment: 25, InstalmentMax: 3,
		RiskHigh: 30, RiskMedium: 15,
		PredictedLate: 15, PredictedCap: 60,
		Dispute:       10,
		RecentContact: 20, ContactWindow: 7,
		Threshold:   40,
		LargeAmount: 10_000_00, LongOverdue: 60, HighRiskScore: 70,
	}
}

// Validate checks that the scales of the weights are usable.
func (w Weights) Validate() error {
	switch {
	case w.AmountUnit <= 0 || w.AmountCap <= w.AmountUnit:
		return ledger.Errorf(ledger.ErrInvalid, "the amount scale needs 0 < unit < cap (unit %d, cap %d)", w.AmountUnit, w.AmountCap)
	case w.AvgDaysCap <= 0 || w.OldestCap <= 0 || w.PredictedCap <= 0:
		return ledger.Errorf(ledger.ErrInvalid, "the day caps must be positive")
	case w.BrokenWindow <= 0:
		return ledger.Errorf(ledger.ErrInvalid, "the broken-promise window must be positive")
	case w.ContactWindow < 0 || w.MoreBrokenMax < 0 || w.InstalmentMax < 0 || w.TaskWaitingMax < 0:
		return ledger.Errorf(ledger.ErrInvalid, "windows and maxima cannot be negative")
	}
	return nil
}
