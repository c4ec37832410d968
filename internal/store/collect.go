package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kredo-dev/kredo/internal/collect"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// The kinds of activity in a customer's log.
const (
	ActCall            = "call"             // ActCall is a phone call, with its outcome
	ActNote            = "note"             // ActNote is a free note
	ActPromise         = "promise"          // ActPromise is a promise made, kept or broken
	ActPlan            = "plan"             // ActPlan is a payment plan agreed, completed or broken
	ActPause           = "pause"            // ActPause is dunning paused
	ActResume          = "resume"           // ActResume is dunning resumed
	ActReassign        = "reassign"         // ActReassign is a change of controller
	ActSnooze          = "snooze"           // ActSnooze is the customer taken off the worklist until a date
	ActPaymentReceived = "payment_received" // ActPaymentReceived is a payment noticed
)

// The states of a stored payment plan.
const (
	PlanActive    = "active"    // PlanActive: the plan holds its items
	PlanCompleted = "completed" // PlanCompleted: every instalment was paid
	PlanBroken    = "broken"    // PlanBroken: an instalment was missed beyond its grace
)

// Activity is one entry of a customer's append-only activity log.
type Activity struct {
	ID         int64
	EntityID   int64
	CustomerID int64
	User       string
	Kind       string
	Outcome    string
	Note       string
	RefID      int64 // the promise or plan the entry is about; 0: none
	Corrects   int64 // the entry this one corrects; 0: none
	CreatedAt  time.Time
}

// InsertActivity appends an entry to the activity log. A correction must
// name an entry of the same customer.
func (t *Tx) InsertActivity(a Activity) (int64, error) {
	if a.Corrects != 0 {
		var cust int64
		err := t.queryRow("SELECT customer_id FROM activities WHERE id = ?", a.Corrects).Scan(&cust)
		if err != nil || cust != a.CustomerID {
			return 0, ledger.Errorf(ledger.ErrInvalid, "activity %d to correct is not this customer's", a.Corrects)
		}
	}
	id, err := t.insertID(`INSERT INTO activities (entity_id, customer_id, username, kind, outcome, note, ref_id, corrects, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.EntityID, a.CustomerID, a.User, a.Kind, a.Outcome, a.Note, nullID(a.RefID),
		nullID(a.Corrects), ts(t.s.now()))
	if err != nil {
		return 0, fmt.Errorf("log activity: %w", err)
	}
	return id, nil
}

// Activities lists a customer's activity log, newest first, paged; the
// customer's entity must be in scope.
func (s *Store) Activities(ctx context.Context, sc ledger.Scope, customerID int64, offset, limit int) ([]Activity, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, entity_id, customer_id, username, kind, outcome, note,
		COALESCE(ref_id, 0), COALESCE(corrects, 0), created_at FROM activities WHERE customer_id = ?`+scopeClause("entity_id", sc)+
		" ORDER BY id DESC"+limitClause(offset, limit)), customerID)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	defer rows.Close()
	var out []Activity
	for rows.Next() {
		var a Activity
		if err := rows.Scan(&a.ID, &a.EntityID, &a.CustomerID, &a.User, &a.Kind, &a.Outcome, &a.Note, &a.RefID, &a.Corrects,
			timeCol{&a.CreatedAt}); err != nil {
			return nil, fmt.Errorf("list activities: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// PromiseRecord is a stored promise to pay with its evaluated status.
type PromiseRecord struct {
	collect.Promise
	EntityID  int64
	Status    collect.PromiseState
	CreatedAt time.Time
}

func itemsJSON(items []int64) string {
	if len(items) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(items)
	return string(b)
}

func parseItems(s string) ([]int64, error) {
	var items []int64
	if err := json.Unmarshal([]byte(s), &items); err != nil {
		return nil, fmt.Errorf("items %q: %w", s, err)
	}
	if len(items) == 0 {
		return nil, nil
	}
	return items, nil
}

// InsertPromise stores a new open promise of a customer of the entity.
func (t *Tx) InsertPromise(entityID int64, p collect.Promise) (int64, error) {
	id, err := t.insertID(`INSERT INTO promises (entity_id, customer_id, controller, made_date, due_date, grace_days, currency,
		amount, items, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, entityID, p.CustomerID, p.Controller,
		p.Made.String(), p.Due.String(), p.GraceDays, p.Currency, p.Amount, itemsJSON(p.Items), string(collect.PromiseOpen), ts(t.s.now()))
	if err != nil {
		return 0, fmt.Errorf("record promise: %w", err)
	}
	return id, nil
}

const promiseSelect = `SELECT id, entity_id, customer_id, controller, made_date, due_date, grace_days, currency, amount, items,
	status, created_at FROM promises`

func (s *Store) listPromises(ctx context.Context, where string, args ...any) ([]PromiseRecord, error) {
	rows, err := s.read.QueryContext(ctx, s.q(promiseSelect+where+" ORDER BY id DESC"), args...)
	if err != nil {
		return nil, fmt.Errorf("list promises: %w", err)
	}
	defer rows.Close()
	var out []PromiseRecord
	for rows.Next() {
		var p PromiseRecord
		var items, status string
		if err := rows.Scan(&p.ID, &p.EntityID, &p.CustomerID, &p.Controller, dateCol{&p.Made}, dateCol{&p.Due}, &p.GraceDays,
			&p.Currency, &p.Amount, &items, &status, timeCol{&p.CreatedAt}); err != nil {
			return nil, fmt.Errorf("list promises: %w", err)
		}
		if p.Items, err = parseItems(items); err != nil {
			return nil, fmt.Errorf("promise %d: %w", p.ID, err)
		}
		p.Status = collect.PromiseState(status)
		out = append(out, p)
	}
	return out, rows.Err()
}

// Promises lists a customer's promises, newest first.
func (s *Store) Promises(ctx context.Context, sc ledger.Scope, customerID int64) ([]PromiseRecord, error) {
	return s.listPromises(ctx, " WHERE customer_id = ?"+scopeClause("entity_id", sc), customerID)
}

// OpenPromises lists the open promises of an entity (of one customer when
// customerID is not 0), for evaluation, the worklist and the dunning run's
// holds.
func (s *Store) OpenPromises(ctx context.Context, entityID, customerID int64) ([]PromiseRecord, error) {
	if customerID != 0 {
		return s.listPromises(ctx, " WHERE entity_id = ? AND status = ? AND customer_id = ?", entityID, string(collect.PromiseOpen), customerID)
	}
	return s.listPromises(ctx, " WHERE entity_id = ? AND status = ?", entityID, string(collect.PromiseOpen))
}

// setStatus changes a row's status only when it is still from; it reports
// whether it changed, so the caller logs a change once.
func (t *Tx) setStatus(table string, id int64, from, to string) (bool, error) {
	r, err := t.exec("UPDATE "+table+" SET status = ? WHERE id = ? AND status = ?", to, id, from)
	if err != nil {
		return false, fmt.Errorf("set %s status: %w", table, err)
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

// SetPromiseStatus moves a promise from one status to another; false when
// it was no longer in from (someone else evaluated it first).
func (t *Tx) SetPromiseStatus(id int64, from, to collect.PromiseState) (bool, error) {
	return t.setStatus("promises", id, string(from), string(to))
}

// PlanRecord is a stored payment plan with its schedule and status.
type PlanRecord struct {
	collect.Plan
	ID        int64
	EntityID  int64
	AgreedBy  string
	GraceDays int
	Status    string
	CreatedAt time.Time
}

// InsertPlan stores a new active plan with its instalments.
func (t *Tx) InsertPlan(entityID int64, agreedBy string, graceDays int, p collect.Plan) (int64, error) {
	id, err := t.insertID(`INSERT INTO payment_plans (entity_id, customer_id, agreed_by, agreed_date, currency, principal, interest,
		costs, total, every, grace_days, on_break, items, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		entityID, p.CustomerID, agreedBy, p.Agreed.String(), p.Currency, p.Principal, p.Interest, p.Costs, p.Total, string(p.Every),
		graceDays, string(p.OnBreak), itemsJSON(p.Items), PlanActive, ts(t.s.now()))
	if err != nil {
		return 0, fmt.Errorf("record plan: %w", err)
	}
	for _, in := range p.Instalments {
		if _, err := t.exec("INSERT INTO plan_instalments (plan_id, seq, due_date, amount) VALUES (?, ?, ?, ?)",
			id, in.No, in.Due.String(), in.Amount); err != nil {
			return 0, fmt.Errorf("record plan instalment: %w", err)
		}
	}
	return id, nil
}

// listPlans reads plans with their instalments in one query.
func (s *Store) listPlans(ctx context.Context, where string, args ...any) ([]PlanRecord, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT p.id, p.entity_id, p.customer_id, p.agreed_by, p.agreed_date, p.currency,
		p.principal, p.interest, p.costs, p.total, p.every, p.grace_days, p.on_break, p.items, p.status, p.created_at,
		i.seq, i.due_date, i.amount FROM payment_plans p JOIN plan_instalments i ON i.plan_id = p.id`+where+
		" ORDER BY p.id DESC, i.seq"), args...)
	if err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	defer rows.Close()
	var out []PlanRecord
	for rows.Next() {
		var p PlanRecord
		var every, onBreak, items string
		var in collect.Instalment
		if err := rows.Scan(&p.ID, &p.EntityID, &p.CustomerID, &p.AgreedBy, dateCol{&p.Agreed}, &p.Currency, &p.Principal,
			&p.Interest, &p.Costs, &p.Total, &every, &p.GraceDays, &onBreak, &items, &p.Status, timeCol{&p.CreatedAt},
			&in.No, dateCol{&in.Due}, &in.Amount); err != nil {
			return nil, fmt.Errorf("list plans: %w", err)
		}
		if n := len(out); n > 0 && out[n-1].ID == p.ID {
			out[n-1].Instalments = append(out[n-1].Instalments, in)
			continue
		}
		if p.Items, err = parseItems(items); err != nil {
			return nil, fmt.Errorf("plan %d: %w", p.ID, err)
		}
		p.Every, p.OnBreak, p.Instalments = collect.Interval(every), collect.Consequence(onBreak), []collect.Instalment{in}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Plans lists a customer's payment plans, newest first.
func (s *Store) Plans(ctx context.Context, sc ledger.Scope, customerID int64) ([]PlanRecord, error) {
	return s.listPlans(ctx, " WHERE p.customer_id = ?"+scopeClause("p.entity_id", sc), customerID)
}

// ActivePlans lists the active plans of an entity (of one customer when
// customerID is not 0).
func (s *Store) ActivePlans(ctx context.Context, entityID, customerID int64) ([]PlanRecord, error) {
	if customerID != 0 {
		return s.listPlans(ctx, " WHERE p.entity_id = ? AND p.status = ? AND p.customer_id = ?", entityID, PlanActive, customerID)
	}
	return s.listPlans(ctx, " WHERE p.entity_id = ? AND p.status = ?", entityID, PlanActive)
}

// BrokenPlans lists an entity's broken plans whose consequence is the
// given one (the dunning run escalates the items of final-level plans).
func (s *Store) BrokenPlans(ctx context.Context, entityID int64, onBreak collect.Consequence) ([]PlanRecord, error) {
	return s.listPlans(ctx, " WHERE p.entity_id = ? AND p.status = ? AND p.on_break = ?", entityID, PlanBroken, string(onBreak))
}

// SetPlanStatus moves a plan from one status to another; false when it was
// no longer in from.
func (t *Tx) SetPlanStatus(id int64, from, to string) (bool, error) {
	return t.setStatus("payment_plans", id, from, to)
}

// SetSnooze takes a customer off the worklist up to and including until; a
// zero date puts it back.
func (t *Tx) SetSnooze(customerID int64, until ledger.Date) error {
	if _, err := t.exec("UPDATE customers SET snoozed_until = ? WHERE id = ?", dateArg(until), customerID); err != nil {
		return fmt.Errorf("snooze: %w", err)
	}
	return nil
}

// SnoozedUntil returns the day a customer is snoozed until (zero: not).
func (s *Store) SnoozedUntil(ctx context.Context, sc ledger.Scope, customerID int64) (ledger.Date, error) {
	var d ledger.Date
	err := s.read.QueryRowContext(ctx, s.q("SELECT snoozed_until FROM customers WHERE id = ?"+scopeClause("entity_id", sc)),
		customerID).Scan(dateCol{&d})
	if err != nil {
		return d, fmt.Errorf("customer %d: %w", customerID, translate(err))
	}
	return d, nil
}

// CustomerPayments returns an entity's payments dated since a day (zero:
// all), with their allocated invoice ids, by customer id.
func (s *Store) CustomerPayments(ctx context.Context, entityID, customerID int64, since ledger.Date) (map[int64][]ledger.Payment, error) {
	out := map[int64][]ledger.Payment{}
	err := s.EachPayment(ctx, ledger.PaymentFilter{Scope: ledger.Scope{All: true}, EntityID: entityID, CustomerID: customerID, From: since},
		func(p ledger.Payment) error {
			out[p.CustomerID] = append(out[p.CustomerID], p)
			return nil
		})
	return out, err
}

// QueueMessage adds a message to the outbox inside the transaction, so it
// goes out only when what caused it is committed.
func (t *Tx) QueueMessage(m Message) (int64, error) { return t.insertMessage(m) }
