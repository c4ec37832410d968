// Package dunning decides who is reminded of what, and when. It is a pure
// function over plain values: given a scheme, a customer's open items with
// the level each has reached, the holds on them and a date, Decide returns
// the actions of that day. No I/O; the daily run (app) feeds it from the
// store and writes its actions, the outbox messages with them.
package dunning

import (
	"fmt"
	"sort"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Channels a level communicates through.
const (
	Email  = "email"
	Letter = "letter" // a PDF letter, printed and posted
	Phone  = "phone"  // a phone task for the credit controller
	SMS    = "sms"
)

// Level is one step of a scheme.
type Level struct {
	Name         string   `json:"name"`
	OffsetDays   int      `json:"offset_days"`   // days after the due date; negative: a pre-due reminder
	MinAmount    int64    `json:"min_amount"`    // minor units: the items at this level must add up to at least this
	Channels     []string `json:"channels"`      // email, letter, phone, sms
	Template     string   `json:"template"`      // template name; one text per language
	AddCosts     bool     `json:"add_costs"`     // charge the statutory collection costs (once per customer)
	AddInterest  bool     `json:"add_interest"`  // claim statutory interest on the items
	CostsNotice  bool     `json:"costs_notice"`  // the 14-day letter: announces the exact costs (required for consumers)
	NotifyEmail  string   `json:"notify_email"`  // tell an internal team (e.g. the old-debts desk)
	ProposeBlock bool     `json:"propose_block"` // propose blocking the account, for a person to approve
	Handover     bool     `json:"handover"`      // hand the items over to the collection agency
}

// Scheme is an ordered list of levels with the rules that apply to all.
type Scheme struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	MinGapDays int     `json:"min_gap_days"` // at least this many days between two contacts with a customer
	Levels     []Level `json:"levels"`
}

// FinalLevel is the 1-based number of the scheme's final level: the last
// one that still talks to the customer (a handover to the collection agency
// or an account-block proposal after it is not the customer's final notice).
func (s Scheme) FinalLevel() int {
	for i := len(s.Levels) - 1; i >= 0; i-- {
		if l := s.Levels[i]; !l.Handover && !l.ProposeBlock {
			return i + 1
		}
	}
	return len(s.Levels)
}

// Validate checks that the levels are in order and make sense.
func (s Scheme) Validate() error {
	if len(s.Levels) == 0 {
		return ledger.Errorf(ledger.ErrInvalid, "scheme %q has no levels", s.Name)
	}
	for i, l := range s.Levels {
		if l.Name == "" {
			return ledger.Errorf(ledger.ErrInvalid, "level %d of scheme %q has no name", i+1, s.Name)
		}
		if i > 0 && l.OffsetDays <= s.Levels[i-1].OffsetDays {
			return ledger.Errorf(ledger.ErrInvalid, "level %d (%s) of scheme %q must come later than level %d (%d days after due, not %d)",
				i+1, l.Name, s.Name, i, s.Levels[i-1].OffsetDays, l.OffsetDays)
		}
		if len(l.Channels) == 0 && l.NotifyEmail == "" && !l.ProposeBlock && !l.Handover {
			return ledger.Errorf(ledger.ErrInvalid, "level %d (%s) of scheme %q does nothing: give it a channel or an action", i+1, l.Name, s.Name)
		}
		for _, c := range l.Channels {
			switch c {
			case Email, Letter, Phone, SMS:
			default:
				return ledger.Errorf(ledger.ErrInvalid, "level %d (%s): unknown channel %q", i+1, l.Name, c)
			}
		}
		if l.MinAmount < 0 {
			return ledger.Errorf(ledger.ErrInvalid, "level %d (%s): negative minimum amount", i+1, l.Name)
		}
	}
	if s.MinGapDays < 0 {
		return ledger.Errorf(ledger.ErrInvalid, "scheme %q: negative minimum gap", s.Name)
	}
	return nil
}

// Item is an open item of the customer as the engine sees it.
type Item struct {
	InvoiceID int64
	Number    string
	Kind      string // ledger.InvoiceKindInvoice or ledger.InvoiceKindCreditNote
	DueDate   ledger.Date
	Currency  string
	Open      int64 // open amount, minor units
	Disputed  int64 // part of Open held by an open dispute: not chased
	OnHold    bool  // under a promise to pay, a payment plan or paused by a person
	Level     int   // the highest level already reached by this item (0: none)
	Escalate  bool  // go straight to the scheme's final level (a broken payment plan said so)
}

// Customer is one customer's dunning state on a day.
type Customer struct {
	ID           int64
	Consumer     bool
	PausedUntil  ledger.Date // dunning paused for the whole customer until this date (inclusive)
	LastContact  ledger.Date // the last day a reminder went out; zero if never
	CostsCharged bool        // collection costs were already charged
	CostsNotice  ledger.Date // when the 14-day letter went out; zero if never
	Items        []Item
}

// Law computes the amounts the law allows; the engine asks, it does not
// know the rules of any country.
type Law interface {
	// CollectionCosts returns the costs over a principal (zero, nil when
	// the currency has no rule).
	CollectionCosts(principal ledger.Money, consumer bool) (int64, error)
	// Interest returns the statutory interest on an amount from the due
	// date until a date.
	Interest(amount ledger.Money, consumer bool, due, until ledger.Date) (int64, error)
	// CostsAllowed reports whether costs may be charged to a consumer on
	// day today after the 14-day letter sent on notice.
	CostsAllowed(notice, today ledger.Date) bool
}

// ActionItem is one item in an action, with what is chased on it.
type ActionItem struct {
	InvoiceID   int64
	Number      string
	DueDate     ledger.Date
	DaysOverdue int
	Amount      int64 // chased: open minus disputed
	Interest    int64 // statutory interest on it, when the level adds interest
}

// Action is one communication (or task) for a customer at one level in one
// currency: every item that reaches that level that day, consolidated.
type Action struct {
	CustomerID     int64
	Level          int // 1-based index into the scheme's levels
	LevelName      string
	Channels       []string
	Template       string
	Currency       string
	Items          []ActionItem
	Total          int64 // sum of the items' amounts
	Interest       int64 // sum of the items' interest
	Costs          int64 // collection costs charged with this action
	AnnouncedCosts int64 // the 14-day letter: the costs that will be charged
	NotifyEmail    string
	ProposeBlock   bool
	Handover       bool
}

// Skip explains why a customer or an item got no action today, for the
// preview ("why is this customer not reminded?").
type Skip struct {
	CustomerID int64
	Number     string // the item, or "" for the whole customer
	Reason     string
}

// Decision is what Decide returns for one customer on one day.
type Decision struct {
	Actions []Action
	Skipped []Skip
}

// Decide returns the actions for customer c on day today under scheme s.
// Each item jumps straight to the highest level it has reached by today
// (after a gap the run catches up once, it does not send the missed levels
// in a burst); no item ever gets a level twice; items at the same level are
// consolidated into one action per currency.
func Decide(s Scheme, c Customer, today ledger.Date, law Law) (Decision, error) {
	var d Decision
	skip := func(number, format string, args ...any) {
		d.Skipped = append(d.Skipped, Skip{CustomerID: c.ID, Number: number, Reason: fmt.Sprintf(format, args...)})
	}
	if !c.PausedUntil.IsZero() && !today.After(c.PausedUntil) {
		skip("", "dunning paused until %s", c.PausedUntil)
		return d, nil
	}
	if !c.LastContact.IsZero() && c.LastContact.DaysUntil(today) < s.MinGapDays {
		skip("", "last contact on %s, less than %d days ago", c.LastContact, s.MinGapDays)
		return d, nil
	}
	// a customer whose credit notes cover what is open owes nothing on balance
	balance := map[string]int64{}
	for _, it := range c.Items {
		balance[it.Currency] += it.Open - it.Disputed
	}
	type key struct {
		level    int
		currency string
	}
	groups := map[key][]Item{}
	for _, it := range c.Items {
		if it.Kind == ledger.InvoiceKindCreditNote || it.Open <= 0 {
			continue
		}
		if it.OnHold {
			skip(it.Number, "on hold (promise to pay, payment plan or paused)")
			continue
		}
		if it.Open-it.Disputed <= 0 {
			skip(it.Number, "disputed in full")
			continue
		}
		if balance[it.Currency] <= 0 {
			skip(it.Number, "the customer's credit in %s covers it", it.Currency)
			continue
		}
		target := 0
		for i, l := range s.Levels {
			if !it.DueDate.AddDays(l.OffsetDays).After(today) {
				target = i + 1
			}
		}
		if it.Escalate && it.DueDate.Before(today) {
			target = max(target, s.FinalLevel())
		}
		// a consumer pays costs only after the 14-day term of the letter
		// that announced them: until then the item stops below that level
		held := false
		for target > it.Level && s.Levels[target-1].AddCosts && c.Consumer && !c.CostsCharged &&
			(c.CostsNotice.IsZero() || !law.CostsAllowed(c.CostsNotice, today)) {
			target--
			held = true
		}
		if target <= it.Level {
			if held {
				skip(it.Number, "waiting for the 14-day term of the letter announcing the costs")
			}
			continue
		}
		groups[key{target, it.Currency}] = append(groups[key{target, it.Currency}], it)
	}
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].level != keys[j].level {
			return keys[i].level < keys[j].level
		}
		return keys[i].currency < keys[j].currency
	})
	costsCharged := c.CostsCharged
	for _, k := range keys {
		l := s.Levels[k.level-1]
		items := groups[k]
		sort.Slice(items, func(i, j int) bool {
			if items[i].DueDate != items[j].DueDate {
				return items[i].DueDate.Before(items[j].DueDate)
			}
			return items[i].Number < items[j].Number
		})
		a := Action{CustomerID: c.ID, Level: k.level, LevelName: l.Name, Channels: l.Channels, Template: l.Template,
			Currency: k.currency, NotifyEmail: l.NotifyEmail, ProposeBlock: l.ProposeBlock, Handover: l.Handover}
		for _, it := range items {
			ai := ActionItem{InvoiceID: it.InvoiceID, Number: it.Number, DueDate: it.DueDate, DaysOverdue: max(it.DueDate.DaysUntil(today), 0),
				Amount: it.Open - it.Disputed}
			if l.AddInterest && ai.DaysOverdue > 0 {
				v, err := law.Interest(ledger.Money{Amount: ai.Amount, Currency: k.currency}, c.Consumer, it.DueDate, today)
				if err != nil {
					return d, fmt.Errorf("interest on %s: %w", it.Number, err)
				}
				ai.Interest = v
			}
			a.Items = append(a.Items, ai)
			a.Total += ai.Amount
			a.Interest += ai.Interest
		}
		if l.MinAmount > 0 && a.Total < l.MinAmount {
			skip("", "%s: %s %s at this level is below the minimum %s", l.Name, k.currency,
				ledger.FormatAmount(a.Total, k.currency), ledger.FormatAmount(l.MinAmount, k.currency))
			continue
		}
		principal := overdue(c.Items, k.currency, today)
		if l.CostsNotice {
			v, err := law.CollectionCosts(ledger.Money{Amount: principal, Currency: k.currency}, c.Consumer)
			if err != nil {
				return d, fmt.Errorf("costs: %w", err)
			}
			a.AnnouncedCosts = v
		}
		if l.AddCosts && !costsCharged {
			v, err := law.CollectionCosts(ledger.Money{Amount: principal, Currency: k.currency}, c.Consumer)
			if err != nil {
				return d, fmt.Errorf("costs: %w", err)
			}
			a.Costs = v
			costsCharged = v > 0
		}
		d.Actions = append(d.Actions, a)
	}
	return d, nil
}

// overdue sums what is overdue and chased in a currency: the principal of
// the collection costs.
func overdue(items []Item, currency string, today ledger.Date) int64 {
	var sum int64
	for _, it := range items {
		if it.Currency == currency && it.Kind != ledger.InvoiceKindCreditNote && !it.OnHold && it.DueDate.Before(today) && it.Open > it.Disputed {
			sum += it.Open - it.Disputed
		}
	}
	return sum
}
