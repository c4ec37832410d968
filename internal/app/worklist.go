package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/kredo-dev/kredo/internal/collect"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// WorklistReport says what a refresh of the worklist did.
type WorklistReport struct {
	Customers int // with something open
	OnList    int // needing a person
	Assigned  int // customers whose rule assignment changed
}

// RefreshWorklist recomputes an entity's worklist for day today (zero:
// today): it applies the assignment rules, then scores every customer with
// something open (collect.Score) and stores the list with each score's
// explanation. The daily job runs it after the dunning run; pages read the
// stored list, so they stay fast on a large ledger.
func (s *Service) RefreshWorklist(ctx context.Context, u ledger.User, entityCode string, today ledger.Date) (WorklistReport, error) {
	if err := requireWrite(u); err != nil {
		return WorklistReport{}, err
	}
	e, err := s.grantedEntity(ctx, u, entityCode)
	if err != nil {
		return WorklistReport{}, err
	}
	if today.IsZero() {
		today = s.Today()
	}
	return s.refreshWorklist(ctx, e.ID, 0, today)
}

// refreshCustomer recomputes one customer's place on the worklist after
// something happened to it (a call, a promise, a plan, a snooze, a payment).
func (s *Service) refreshCustomer(ctx context.Context, entityID, customerID int64) error {
	_, err := s.refreshWorklist(ctx, entityID, customerID, s.Today())
	return err
}

// refreshWorklist is the one computation behind both: an entity's whole
// list (customerID 0) or one customer's row.
func (s *Service) refreshWorklist(ctx context.Context, entityID, customerID int64, today ledger.Date) (WorklistReport, error) {
	var rep WorklistReport
	customers, err := s.store.WorklistCustomers(ctx, entityID, customerID)
	if err != nil {
		return rep, err
	}
	if rep.Assigned, err = s.applyAssignmentRules(ctx, entityID, customers); err != nil {
		return rep, err
	}
	states, err := s.worklistStates(ctx, entityID, customerID, customers, today)
	if err != nil {
		return rep, err
	}
	w := collect.DefaultWeights()
	rows := make([]store.WorklistRow, 0, len(customers))
	for i, c := range customers {
		st := states[i]
		e := collect.Score(st, today, w)
		factors, err := json.Marshal(e.Factors)
		if err != nil {
			return rep, fmt.Errorf("worklist: %w", err)
		}
		rows = append(rows, store.WorklistRow{CustomerID: c.ID, Controller: c.Controller(), Currency: st.Currency,
			Overdue: st.Overdue, OldestDays: st.OldestDays, Score: e.Score, Urgent: e.Urgent, OnList: e.OnList, Reasons: e.Reasons, Factors: factors})
		if e.OnList {
			rep.OnList++
		}
	}
	rep.Customers = len(rows)
	if err := s.store.ReplaceWorklist(ctx, entityID, customerID, today, rows); err != nil {
		return rep, err
	}
	return rep, nil
}

// worklistStates gathers collect.CustomerState for each customer, in order:
// the overdue items in the customer's currency (others are not converted
// into the score; they are few and the customer page shows them), open phone
// tasks, the activity log's broken promises and plans and last contact,
// instalments due and unpaid under active plans, open disputes (their amount
// is not counted as overdue), risk class and snooze.
func (s *Service) worklistStates(ctx context.Context, entityID, customerID int64, customers []store.WorklistCustomer,
	today ledger.Date) ([]collect.CustomerState, error) {
	w := collect.DefaultWeights()
	at := make(map[int64]int, len(customers))
	states := make([]collect.CustomerState, len(customers))
	for i, c := range customers {
		at[c.ID] = i
		states[i] = collect.CustomerState{CustomerID: c.ID, Currency: c.Currency, RiskClass: c.RiskClass, SnoozedUntil: c.SnoozedUntil}
	}
	var items []collect.OpenItem
	var cur int64
	flush := func() {
		if i, ok := at[cur]; ok && len(items) > 0 {
			o := collect.SummarizeOverdue(items, today)
			states[i].Overdue, states[i].OldestDays, states[i].AvgDays = o.Amount, o.OldestDays, o.AvgDays
		}
		items = items[:0]
	}
	err := s.store.EachOverdueItem(ctx, entityID, customerID, today, func(it store.OverdueItem) error {
		if it.CustomerID != cur {
			flush()
			cur = it.CustomerID
		}
		if i, ok := at[it.CustomerID]; ok && it.Currency == states[i].Currency {
			items = append(items, collect.OpenItem{DueDate: it.DueDate, Amount: it.Open})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	flush()
	tasks, err := s.store.OpenPhoneTasks(ctx, entityID, customerID)
	if err != nil {
		return nil, err
	}
	signals, err := s.store.ActivitySignals(ctx, entityID, customerID, today.AddDays(-max(w.BrokenWindow, w.ContactWindow)))
	if err != nil {
		return nil, err
	}
	due, err := s.instalmentsDue(ctx, entityID, customerID, today)
	if err != nil {
		return nil, err
	}
	disputed, err := s.store.DisputeSummaries(ctx, entityID, customerID, today)
	if err != nil {
		return nil, err
	}
	for i := range states {
		id := states[i].CustomerID
		if d, ok := disputed[id]; ok {
			// the disputed amount is not chased: it waits for the dispute's owner
			states[i].DisputesOpen = d.Open
			states[i].Overdue = max(states[i].Overdue-d.Disputed[states[i].Currency], 0)
		}
		t, sg := tasks[id], signals[id]
		states[i].PhoneTasks, states[i].OldestTask = t.Open, t.Oldest
		states[i].BrokenPromises, states[i].LastBroken, states[i].LastContact = sg.BrokenPromises, sg.LastBroken, sg.LastContact
		states[i].MissedInstalments = due[id] + sg.PlansBroken
	}
	return states, nil
}

// instalmentsDue counts, per customer, the instalments of active plans that
// are due and not (fully) paid: the plan is not broken yet (its grace runs),
// but a person should call before it is.
func (s *Service) instalmentsDue(ctx context.Context, entityID, customerID int64, today ledger.Date) (map[int64]int, error) {
	cm, err := s.loadCommitments(ctx, entityID, customerID)
	if err != nil {
		return nil, err
	}
	out := map[int64]int{}
	for _, p := range cm.plans {
		pr := collect.PlanProgress(p.Plan, cm.payments[p.CustomerID], today, p.GraceDays)
		for _, ip := range pr.Instalments {
			if ip.State == collect.InstalmentDue || (ip.State == collect.InstalmentPartly && ip.Due.Before(today)) {
				out[p.CustomerID]++
			}
		}
	}
	return out, nil
}

// applyAssignmentRules gives each customer without a controller from the
// ERP or a person the controller of the first rule that matches it (entity,
// segment, region, size), and takes a rule's assignment away when no rule
// matches any more. It updates customers in place and returns how many
// changed.
func (s *Service) applyAssignmentRules(ctx context.Context, entityID int64, customers []store.WorklistCustomer) (int, error) {
	rules, err := s.store.AssignmentRules(ctx)
	if err != nil {
		return 0, err
	}
	want := map[string][]int64{}
	for i := range customers {
		c := &customers[i]
		if c.AssignedHow == store.AssignedByHand || c.ERPController != "" {
			continue
		}
		to := ""
		for _, r := range rules {
			if MatchesRule(r, entityID, *c) {
				to = r.Controller
				break
			}
		}
		if to == c.AssignedTo && ruleHow(to) == c.AssignedHow {
			continue
		}
		want[to] = append(want[to], c.ID)
		c.AssignedTo, c.AssignedHow = to, ruleHow(to)
	}
	if len(want) == 0 {
		return 0, nil
	}
	n := 0
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		for _, to := range slices.Sorted(maps.Keys(want)) {
			k, err := tx.Assign(want[to], to, ruleHow(to))
			if err != nil {
				return err
			}
			n += k
		}
		return nil
	})
	return n, err
}

// ruleHow is how a rule's assignment to a controller is stored: by rule,
// or no assignment at all when no rule matched.
func ruleHow(to string) string {
	if to == "" {
		return ""
	}
	return store.AssignedByRule
}

// MatchesRule reports whether an assignment rule matches a customer of an
// entity: every condition set on the rule must hold.
func MatchesRule(r store.AssignmentRule, entityID int64, c store.WorklistCustomer) bool {
	return (r.EntityID == 0 || r.EntityID == entityID) && (r.Segment == "" || r.Segment == c.Segment) &&
		(r.Region == "" || r.Region == c.Region) && c.Open >= r.MinOpen
}

// WorklistQuery is what a worklist page asks for.
type WorklistQuery struct {
	EntityCode string // "": every entity the user sees
	Controller string // "": the team's list
	Unassigned bool
	Segment    string
	Region     string
	Reason     string
	Done       bool // the customers finished today instead
	Offset     int
	Limit      int
}

// WorklistEntry is a row of the worklist with its explanation decoded.
type WorklistEntry struct {
	store.WorklistRow
	Factors []collect.Factor
}

// Worklist returns a page of the stored worklist for the user and the
// number of rows the query selects.
func (s *Service) Worklist(ctx context.Context, u ledger.User, q WorklistQuery) ([]WorklistEntry, int, error) {
	entityID, err := s.entityFilter(ctx, u, q.EntityCode)
	if err != nil {
		return nil, 0, err
	}
	rows, total, err := s.store.Worklist(ctx, store.WorklistFilter{Scope: u.Scope(), EntityID: entityID, Controller: q.Controller,
		Unassigned: q.Unassigned, Segment: q.Segment, Region: q.Region, Reason: q.Reason, Day: s.Today(), Done: q.Done,
		Offset: q.Offset, Limit: q.Limit})
	if err != nil {
		return nil, 0, err
	}
	out := make([]WorklistEntry, len(rows))
	for i, r := range rows {
		if out[i], err = entryOf(r); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// entryOf decodes a stored row's explanation.
func entryOf(r store.WorklistRow) (WorklistEntry, error) {
	e := WorklistEntry{WorklistRow: r}
	if err := json.Unmarshal(r.Factors, &e.Factors); err != nil {
		return e, fmt.Errorf("worklist factors of %d: %w", r.CustomerID, err)
	}
	return e, nil
}

// WorklistEntryOf returns a customer's row on the worklist (for the
// customer page); ErrNotFound when it has none.
func (s *Service) WorklistEntryOf(ctx context.Context, u ledger.User, customerID int64) (WorklistEntry, error) {
	r, err := s.store.WorklistEntry(ctx, u.Scope(), customerID)
	if err != nil {
		return WorklistEntry{}, err
	}
	return entryOf(r)
}

// WorklistControllers lists the users who can work customers, for the
// worklist's filter and reassignment.
func (s *Service) WorklistControllers(ctx context.Context, u ledger.User) ([]string, error) {
	return s.store.WorkingUsers(ctx)
}

// MarkDone takes a customer off today's worklist: a person has dealt with
// it. Logging a call, a promise or a plan does this too.
func (s *Service) MarkDone(ctx context.Context, u ledger.User, customerID int64) error {
	c, err := s.writableCustomer(ctx, u, customerID)
	if err != nil {
		return err
	}
	return s.work(ctx, c, true, func(*store.Tx) error { return nil })
}

// Reassign gives customers to another controller by hand (credit managers
// and admins): the assignment sticks, rules and the ERP no longer move
// them. Each customer's log records it.
func (s *Service) Reassign(ctx context.Context, u ledger.User, customerIDs []int64, controller string) (int, error) {
	if err := requireManager(u, "reassign customers"); err != nil {
		return 0, err
	}
	if controller != "" {
		cu, err := s.store.UserByName(ctx, controller)
		if err != nil {
			return 0, ledger.Errorf(ledger.ErrInvalid, "no user %q to assign to", controller)
		}
		if cu.Role == ledger.RoleViewer {
			return 0, ledger.Errorf(ledger.ErrInvalid, "%s is a viewer and cannot work customers", controller)
		}
	}
	var cs []ledger.Customer
	for _, id := range customerIDs {
		c, err := s.writableCustomer(ctx, u, id)
		if err != nil {
			return 0, err
		}
		cs = append(cs, c)
	}
	n := 0
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		for _, c := range cs {
			if c.Controller == controller {
				continue
			}
			if _, err := tx.Assign([]int64{c.ID}, controller, store.AssignedByHand); err != nil {
				return err
			}
			note := fmt.Sprintf("from %s to %s", orDash(c.Controller), orDash(controller))
			if _, err := tx.InsertActivity(store.Activity{EntityID: c.EntityID, CustomerID: c.ID, User: u.Username,
				Kind: store.ActReassign, Outcome: controller, Note: note}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// AssignmentRules lists the assignment rules in order.
func (s *Service) AssignmentRules(ctx context.Context, u ledger.User) ([]store.AssignmentRule, error) {
	return s.store.AssignmentRules(ctx)
}

// SaveAssignmentRules replaces the assignment rules (credit managers and
// admins); the next worklist refresh applies them.
func (s *Service) SaveAssignmentRules(ctx context.Context, u ledger.User, rules []store.AssignmentRule) error {
	if err := requireManager(u, "change assignment rules"); err != nil {
		return err
	}
	for i, r := range rules {
		if r.Controller == "" {
			return ledger.Errorf(ledger.ErrInvalid, "rule %d: assign to whom?", i+1)
		}
		if _, err := s.store.UserByName(ctx, r.Controller); err != nil {
			return ledger.Errorf(ledger.ErrInvalid, "rule %d: no user %q", i+1, r.Controller)
		}
		if r.MinOpen < 0 {
			return ledger.Errorf(ledger.ErrInvalid, "rule %d: the size cannot be negative", i+1)
		}
		if r.EntityCode != "" {
			e, err := s.grantedEntity(ctx, u, r.EntityCode)
			if errors.Is(err, ledger.ErrNotFound) {
				return ledger.Errorf(ledger.ErrInvalid, "rule %d: unknown entity %q", i+1, r.EntityCode)
			}
			if err != nil {
				return err
			}
			rules[i].EntityID = e.ID
		}
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error { return tx.ReplaceAssignmentRules(rules, u.Username) })
}

// PaymentFeed lists the payments of the last days on a controller's
// customers ("" for everyone the user sees), newest first: no one calls
// about an invoice that was paid this morning.
func (s *Service) PaymentFeed(ctx context.Context, u ledger.User, entityCode, controller string, days, limit int) ([]store.FeedPayment, error) {
	id, err := s.entityFilter(ctx, u, entityCode)
	if err != nil {
		return nil, err
	}
	return s.store.PaymentFeed(ctx, u.Scope(), id, controller, s.Today().AddDays(-days), limit)
}

// WorklistMadeOn is the day the worklists the user sees (one entity's, or
// all for "") were last made in full; zero when one never was.
func (s *Service) WorklistMadeOn(ctx context.Context, u ledger.User, entityCode string) (ledger.Date, error) {
	id, err := s.entityFilter(ctx, u, entityCode)
	if err != nil {
		return ledger.Date{}, err
	}
	return s.store.WorklistMadeOn(ctx, u.Scope(), id)
}
