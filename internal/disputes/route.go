package disputes

import (
	"fmt"
	"strings"
)

// Facts are what routing looks at: the dispute and its customer.
type Facts struct {
	EntityID     int64
	Reason       string
	Currency     string
	Amount       int64 // the disputed amount, minor units
	RiskClass    string
	Segment      string
	Group        string // the customer's group: its parent's number, else its own
	ProductGroup string
}

// Rule routes the disputes it matches to an owner with a priority. Empty
// conditions (and zero amounts) match anything; the rules are tried in
// order (Position, then ID) and the first match wins.
type Rule struct {
	ID           int64
	Position     int
	EntityID     int64 // 0: every entity
	Reason       string
	Currency     string // the currency MinAmount and MaxAmount are in; "" = any
	MinAmount    int64  // matches amounts >= this (0: no lower bound)
	MaxAmount    int64  // matches amounts <= this (0: no upper bound)
	RiskClass    string
	Segment      string
	Group        string
	ProductGroup string
	// the owner: a team queue, optionally a person in it
	Queue    string
	Assignee string
	Priority Priority
}

// Validate checks a rule names an owner and a valid priority, and its
// amounts make sense.
func (r Rule) Validate() error {
	switch {
	case strings.TrimSpace(r.Queue) == "" && strings.TrimSpace(r.Assignee) == "":
		return fmt.Errorf("a rule needs a queue or a person to route to")
	case r.Priority != "" && !r.Priority.Valid():
		return fmt.Errorf("unknown priority %q", r.Priority)
	case r.MinAmount < 0 || r.MaxAmount < 0:
		return fmt.Errorf("amounts cannot be negative")
	case r.MaxAmount > 0 && r.MinAmount > r.MaxAmount:
		return fmt.Errorf("the minimum amount is above the maximum")
	}
	return nil
}

// Matches reports whether the rule applies to the facts.
func (r Rule) Matches(f Facts) bool {
	eq := func(cond, v string) bool { return cond == "" || strings.EqualFold(cond, v) }
	if r.EntityID != 0 && r.EntityID != f.EntityID {
		return false
	}
	if !eq(r.Reason, f.Reason) || !eq(r.RiskClass, f.RiskClass) || !eq(r.Segment, f.Segment) ||
		!eq(r.Group, f.Group) || !eq(r.ProductGroup, f.ProductGroup) {
		return false
	}
	if (r.MinAmount > 0 || r.MaxAmount > 0) && r.Currency != "" && !strings.EqualFold(r.Currency, f.Currency) {
		return false
	}
	amount := f.Amount
	if amount < 0 {
		amount = -amount
	}
	return amount >= r.MinAmount && (r.MaxAmount == 0 || amount <= r.MaxAmount)
}

// DefaultQueue is where a dispute goes when no rule matches.
const DefaultQueue = "disputes"

// Decision is where routing sends a dispute, and why.
type Decision struct {
	Queue    string
	Assignee string
	Priority Priority
	RuleID   int64 // 0: no rule matched, the default queue
}

// Route returns the owner of a dispute: the first rule (in the order
// given) that matches, else the default queue with normal priority. A rule
// without a priority gives normal.
func Route(rules []Rule, f Facts, defaultQueue string) Decision {
	for _, r := range rules {
		if r.Matches(f) {
			d := Decision{Queue: r.Queue, Assignee: r.Assignee, Priority: r.Priority, RuleID: r.ID}
			if d.Priority == "" {
				d.Priority = Normal
			}
			if d.Queue == "" {
				d.Queue = defaultQueue
			}
			return d
		}
	}
	if defaultQueue == "" {
		defaultQueue = DefaultQueue
	}
	return Decision{Queue: defaultQueue, Priority: Normal}
}
