package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// controllerExpr is the effective controller of customer c: a manual
// assignment in Kredo, else the ERP's controller, else a rule's assignment.
const controllerExpr = `CASE WHEN c.assigned_how = 'manual' OR c.controller = '' THEN c.assigned_to ELSE c.controller END`

// How Kredo assigned a customer (customers.assigned_how; "" when it did not:
// then the ERP's controller column, if any, is the controller).
const (
	AssignedByRule = "rule"   // AssignedByRule: the first matching assignment rule
	AssignedByHand = "manual" // AssignedByHand: a manager reassigned it in Kredo
)

// worklistChunkLen is how many rows one multi-row statement writes.
const worklistChunkLen = 500

// WorklistCustomer is what the worklist refresh needs of a customer with
// something open.
type WorklistCustomer struct {
	ID            int64
	Currency      string
	RiskClass     string
	SnoozedUntil  ledger.Date
	Segment       string
	Region        string
	ERPController string // the ERP's column
	AssignedTo    string // Kredo's assignment
	AssignedHow   string // "", rule, manual
	Open          int64  // the open balance in Currency (the size assignment rules look at)
}

// Controller is the customer's effective controller: controllerExpr in
// Go, for the refresh, which changes rule assignments before it stores
// the worklist (TestWorklistAssignment checks the two agree).
func (c WorklistCustomer) Controller() string {
	if c.AssignedHow == AssignedByHand || c.ERPController == "" {
		return c.AssignedTo
	}
	return c.ERPController
}

// customerFilter returns " AND col = ?" and its argument for one customer,
// or nothing for all.
func customerFilter(col string, customerID int64) (string, []any) {
	if customerID == 0 {
		return "", nil
	}
	return " AND " + col + " = ?", []any{customerID}
}

// WorklistCustomers lists an entity's customers with something open (all,
// or just one), with their open balance in their own currency.
func (s *Store) WorklistCustomers(ctx context.Context, entityID, customerID int64) ([]WorklistCustomer, error) {
	one, args := customerFilter("c.id", customerID)
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT c.id, c.currency, c.risk_class, c.snoozed_until, c.segment, c.region,
		c.controller, c.assigned_to, c.assigned_how,
		COALESCE(SUM(CASE WHEN i.currency = c.currency THEN i.open_amount ELSE 0 END), 0)
		FROM customers c JOIN invoices i ON i.customer_id = c.id AND i.open_amount <> 0
		WHERE c.entity_id = ?`+one+`
		GROUP BY c.id, c.currency, c.risk_class, c.snoozed_until, c.segment, c.region, c.controller, c.assigned_to, c.assigned_how
		ORDER BY c.id`), append([]any{entityID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("worklist customers: %w", err)
	}
	defer rows.Close()
	var out []WorklistCustomer
	for rows.Next() {
		var c WorklistCustomer
		if err := rows.Scan(&c.ID, &c.Currency, &c.RiskClass, dateCol{&c.SnoozedUntil}, &c.Segment, &c.Region,
			&c.ERPController, &c.AssignedTo, &c.AssignedHow, &c.Open); err != nil {
			return nil, fmt.Errorf("worklist customers: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// OverdueItem is an item past its due date with something open.
type OverdueItem struct {
	CustomerID int64
	Currency   string
	DueDate    ledger.Date
	Open       int64
}

// EachOverdueItem streams an entity's (or one customer's) items due before
// today with a positive open amount, by customer.
func (s *Store) EachOverdueItem(ctx context.Context, entityID, customerID int64, today ledger.Date, fn func(OverdueItem) error) error {
	one, args := customerFilter("customer_id", customerID)
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT customer_id, currency, due_date, open_amount FROM invoices
		WHERE entity_id = ? AND open_amount > 0 AND due_date < ?`+one+` ORDER BY customer_id`),
		append([]any{entityID, today.String()}, args...)...)
	if err != nil {
		return fmt.Errorf("overdue items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it OverdueItem
		if err := rows.Scan(&it.CustomerID, &it.Currency, dateCol{&it.DueDate}, &it.Open); err != nil {
			return fmt.Errorf("overdue items: %w", err)
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Tasks are a customer's open phone tasks from the dunning run.
type Tasks struct {
	Open   int
	Oldest ledger.Date
}

// OpenPhoneTasks counts the open phone tasks per customer of an entity (or
// one customer) with the day the oldest was made.
func (s *Store) OpenPhoneTasks(ctx context.Context, entityID, customerID int64) (map[int64]Tasks, error) {
	one, args := customerFilter("customer_id", customerID)
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT customer_id, COUNT(*), MIN(created_at) FROM messages
		WHERE entity_id = ? AND channel = 'phone' AND status = ? AND customer_id IS NOT NULL`+one+` GROUP BY customer_id`),
		append([]any{entityID, MsgOpen}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("phone tasks: %w", err)
	}
	defer rows.Close()
	out := map[int64]Tasks{}
	for rows.Next() {
		var id int64
		var t Tasks
		var oldest time.Time
		if err := rows.Scan(&id, &t.Open, timeCol{&oldest}); err != nil {
			return nil, fmt.Errorf("phone tasks: %w", err)
		}
		t.Oldest = ledger.DateOf(oldest)
		out[id] = t
	}
	return out, rows.Err()
}

// CloseCustomerPhoneTasks marks a customer's open phone tasks done (a person
// called); it returns how many it closed.
func (t *Tx) CloseCustomerPhoneTasks(customerID int64) (int, error) {
	r, err := t.exec(`UPDATE messages SET status = ?, next_attempt_at = ? WHERE customer_id = ? AND channel = 'phone' AND status = ?`,
		MsgDone, ts(t.s.now()), customerID, MsgOpen)
	if err != nil {
		return 0, fmt.Errorf("close phone tasks: %w", err)
	}
	n, err := r.RowsAffected()
	return int(n), err
}

// Signals are what a customer's promises and activity log tell the worklist.
type Signals struct {
	BrokenPromises int         // promises that broke since the window's start
	LastBroken     ledger.Date // the day the last of them broke
	PlansBroken    int         // plans that broke since the window's start
	LastContact    ledger.Date // the last call, note, promise made or plan agreed
}

// ActivitySignals reads what happened to an entity's customers (or one
// customer) since a day: promises broken (a promise breaks the day after its
// due date and grace), plans broken and the last contact (from the activity
// log, which records when the evaluation found them).
func (s *Store) ActivitySignals(ctx context.Context, entityID, customerID int64, since ledger.Date) (map[int64]Signals, error) {
	out := map[int64]Signals{}
	one, args := customerFilter("customer_id", customerID)
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT customer_id, due_date, grace_days FROM promises
		WHERE entity_id = ? AND status = 'broken' AND due_date >= ?`+one), append([]any{entityID, since.AddDays(-60).String()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("activity signals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var due ledger.Date
		var grace int
		if err := rows.Scan(&id, dateCol{&due}, &grace); err != nil {
			return nil, fmt.Errorf("activity signals: %w", err)
		}
		day := due.AddDays(max(grace, 0) + 1)
		if day.Before(since) {
			continue
		}
		sg := out[id]
		sg.BrokenPromises++
		if day.After(sg.LastBroken) {
			sg.LastBroken = day
		}
		out[id] = sg
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.read.QueryContext(ctx, s.q(`SELECT customer_id, kind, outcome, COUNT(*), MAX(created_at) FROM activities
		WHERE entity_id = ? AND created_at >= ?`+one+` AND (kind IN ('call', 'note')
		OR (kind = 'promise' AND outcome = 'made') OR (kind = 'plan' AND outcome IN ('agreed', 'instalment_missed')))
		GROUP BY customer_id, kind, outcome`), append([]any{entityID, ts(since.Time())}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("activity signals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind, outcome string
		var n int
		var last time.Time
		if err := rows.Scan(&id, &kind, &outcome, &n, timeCol{&last}); err != nil {
			return nil, fmt.Errorf("activity signals: %w", err)
		}
		sg := out[id]
		if kind == ActPlan && outcome == "instalment_missed" {
			sg.PlansBroken += n
		} else if day := ledger.DateOf(last); day.After(sg.LastContact) {
			sg.LastContact = day
		}
		out[id] = sg
	}
	return out, rows.Err()
}

// WorklistRow is a customer's place on the worklist as stored.
type WorklistRow struct {
	CustomerID int64
	EntityID   int64
	Controller string
	Day        ledger.Date
	Currency   string
	Overdue    int64
	OldestDays int
	Score      int
	Urgent     bool // a broken commitment: ranked above every other row
	OnList     bool
	Reasons    []string
	Factors    json.RawMessage // the score's explanation, as the app encoded it
	DoneOn     ledger.Date
	// filled on reads
	EntityCode     string
	CustomerNumber string
	CustomerName   string
	Segment        string
	Region         string
}

// ReplaceWorklist stores the worklist of an entity (customerID 0) or of one
// customer for a day, replacing what was there, in one transaction. A
// customer a person finished today stays finished.
func (s *Store) ReplaceWorklist(ctx context.Context, entityID, customerID int64, day ledger.Date, rows []WorklistRow) error {
	return s.Tx(ctx, func(tx *Tx) error {
		one, args := customerFilter("customer_id", customerID)
		done := map[int64]bool{}
		q, err := tx.query(`SELECT customer_id FROM worklist WHERE entity_id = ? AND done_on = ?`+one,
			append([]any{entityID, day.String()}, args...)...)
		if err != nil {
			return fmt.Errorf("replace worklist: %w", err)
		}
		for q.Next() {
			var id int64
			if err := q.Scan(&id); err != nil {
				q.Close()
				return fmt.Errorf("replace worklist: %w", err)
			}
			done[id] = true
		}
		q.Close()
		if _, err := tx.exec(`DELETE FROM worklist WHERE entity_id = ?`+one, append([]any{entityID}, args...)...); err != nil {
			return fmt.Errorf("replace worklist: %w", err)
		}
		const cols = 13
		for start := 0; start < len(rows); start += worklistChunkLen {
			part := rows[start:min(start+worklistChunkLen, len(rows))]
			var b strings.Builder
			b.WriteString(`INSERT INTO worklist (customer_id, entity_id, controller, day, currency, overdue, oldest_days, urgent, score,
				on_list, reasons, factors, done_on) VALUES `)
			vals := make([]any, 0, len(part)*cols)
			for i, r := range part {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString("(" + placeholders(cols) + ")")
				reasons, err := json.Marshal(nonNil(r.Reasons))
				if err != nil {
					return fmt.Errorf("replace worklist: %w", err)
				}
				factors := string(r.Factors)
				if factors == "" {
					factors = "[]"
				}
				var doneOn any
				if done[r.CustomerID] {
					doneOn = day.String()
				}
				vals = append(vals, r.CustomerID, entityID, r.Controller, day.String(), r.Currency, r.Overdue, r.OldestDays,
					boolInt(r.Urgent), r.Score, boolInt(r.OnList), string(reasons), factors, doneOn)
			}
			if _, err := tx.exec(b.String(), vals...); err != nil {
				return fmt.Errorf("replace worklist: %w", err)
			}
		}
		if customerID != 0 {
			return nil
		}
		if _, err := tx.exec("DELETE FROM worklist_made WHERE entity_id = ?", entityID); err != nil {
			return fmt.Errorf("replace worklist: %w", err)
		}
		if _, err := tx.exec("INSERT INTO worklist_made (entity_id, day) VALUES (?, ?)", entityID, day.String()); err != nil {
			return fmt.Errorf("replace worklist: %w", err)
		}
		return nil
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// WorklistFilter selects worklist rows for a page.
type WorklistFilter struct {
	Scope      ledger.Scope
	EntityID   int64  // 0: every entity in scope
	Controller string // "": everyone's
	Unassigned bool   // only customers nobody works
	Segment    string
	Region     string
	Reason     string      // a reason the row must carry
	Day        ledger.Date // rows done on this day are left out (and listed with Done)
	Done       bool        // list the rows finished on Day instead
	Offset     int
	Limit      int
}

func worklistWhere(f WorklistFilter) (string, []any) {
	var w strings.Builder
	args := []any{}
	// the finished ones are listed whether or not they would still be on
	// the list (a plan agreed today may have taken one off)
	if f.Done {
		w.WriteString(" WHERE 1=1")
	} else {
		w.WriteString(" WHERE w.on_list = 1")
	}
	w.WriteString(scopeClause("w.entity_id", f.Scope))
	add := func(cond string, v any) {
		w.WriteString(" AND " + cond)
		args = append(args, v)
	}
	if f.EntityID != 0 {
		add("w.entity_id = ?", f.EntityID)
	}
	if f.Controller != "" {
		add("w.controller = ?", f.Controller)
	} else if f.Unassigned {
		w.WriteString(" AND w.controller = ''")
	}
	if f.Segment != "" {
		add("c.segment = ?", f.Segment)
	}
	if f.Region != "" {
		add("c.region = ?", f.Region)
	}
	if f.Reason != "" {
		// reasons are a JSON array of strings; the quoted value is searched
		add("w.reasons LIKE ?", `%"`+strings.NewReplacer("%", "", "_", "", `"`, "").Replace(f.Reason)+`"%`)
	}
	if f.Done {
		add("w.done_on = ?", f.Day.String())
	} else {
		add("(w.done_on IS NULL OR w.done_on <> ?)", f.Day.String())
	}
	return w.String(), args
}

// Worklist returns a page of the worklist, highest score first, and the
// number of rows the filter selects.
func (s *Store) Worklist(ctx context.Context, f WorklistFilter) ([]WorklistRow, int, error) {
	where, args := worklistWhere(f)
	from := " FROM worklist w JOIN customers c ON c.id = w.customer_id JOIN entities e ON e.id = w.entity_id"
	if s.dialect == Postgres {
		where = strings.Replace(where, "w.reasons LIKE", "w.reasons::text LIKE", 1)
	}
	countFrom := " FROM worklist w" // the customers only when their segment or region filters
	if f.Segment != "" || f.Region != "" {
		countFrom = " FROM worklist w JOIN customers c ON c.id = w.customer_id"
	}
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*)"+countFrom+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count worklist: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT w.customer_id, w.entity_id, w.controller, w.day, w.currency, w.overdue,
		w.oldest_days, w.urgent, w.score, w.on_list, w.reasons, w.factors, w.done_on, e.code, c.number, c.name, c.segment, c.region`+from+where+
		" ORDER BY w.urgent DESC, w.score DESC, w.overdue DESC, w.customer_id"+limitClause(f.Offset, f.Limit)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("worklist: %w", err)
	}
	defer rows.Close()
	var out []WorklistRow
	for rows.Next() {
		r, err := scanWorklistRow(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// WorklistEntry returns one customer's stored worklist row; ErrNotFound when
// it has none.
func (s *Store) WorklistEntry(ctx context.Context, sc ledger.Scope, customerID int64) (WorklistRow, error) {
	row := s.read.QueryRowContext(ctx, s.q(`SELECT w.customer_id, w.entity_id, w.controller, w.day, w.currency, w.overdue,
		w.oldest_days, w.urgent, w.score, w.on_list, w.reasons, w.factors, w.done_on, e.code, c.number, c.name, c.segment, c.region
		FROM worklist w JOIN customers c ON c.id = w.customer_id JOIN entities e ON e.id = w.entity_id
		WHERE w.customer_id = ?`+scopeClause("w.entity_id", sc)), customerID)
	r, err := scanWorklistRow(row)
	if err != nil {
		return r, fmt.Errorf("worklist entry %d: %w", customerID, translate(err))
	}
	return r, nil
}

func scanWorklistRow(row interface{ Scan(...any) error }) (WorklistRow, error) {
	var r WorklistRow
	var onList, urgent int
	var reasons, factors string
	if err := row.Scan(&r.CustomerID, &r.EntityID, &r.Controller, dateCol{&r.Day}, &r.Currency, &r.Overdue, &r.OldestDays,
		&urgent, &r.Score, &onList, &reasons, &factors, dateCol{&r.DoneOn}, &r.EntityCode, &r.CustomerNumber, &r.CustomerName,
		&r.Segment, &r.Region); err != nil {
		return r, err
	}
	r.OnList, r.Urgent, r.Factors = onList == 1, urgent == 1, json.RawMessage(factors)
	if err := json.Unmarshal([]byte(reasons), &r.Reasons); err != nil {
		return r, fmt.Errorf("worklist reasons of %d: %w", r.CustomerID, err)
	}
	return r, nil
}

// SetWorklistDone marks a customer's worklist row finished on a day (or not,
// with a zero day).
func (t *Tx) SetWorklistDone(customerID int64, day ledger.Date) error {
	if _, err := t.exec("UPDATE worklist SET done_on = ? WHERE customer_id = ?", dateArg(day), customerID); err != nil {
		return fmt.Errorf("worklist done: %w", err)
	}
	return nil
}

// WorkingUsers lists the users who can work customers (controllers and
// credit managers), for filters and reassignment.
func (s *Store) WorkingUsers(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT username FROM users WHERE role IN (?, ?) ORDER BY username`),
		ledger.RoleController, ledger.RoleManager)
	if err != nil {
		return nil, fmt.Errorf("worklist controllers: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AssignmentRule assigns the customers it matches to a controller; an
// empty condition matches anything.
type AssignmentRule struct {
	ID         int64
	Position   int
	EntityID   int64 // 0: every entity
	EntityCode string
	Segment    string
	Region     string
	MinOpen    int64 // size: an open balance of at least this much (minor units)
	Controller string
}

// AssignmentRules lists the rules in order.
func (s *Store) AssignmentRules(ctx context.Context) ([]AssignmentRule, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT r.id, r.position, COALESCE(r.entity_id, 0), COALESCE(e.code, ''), r.segment, r.region,
		r.min_open, r.controller FROM assignment_rules r LEFT JOIN entities e ON e.id = r.entity_id ORDER BY r.position, r.id`)
	if err != nil {
		return nil, fmt.Errorf("assignment rules: %w", err)
	}
	defer rows.Close()
	var out []AssignmentRule
	for rows.Next() {
		var r AssignmentRule
		if err := rows.Scan(&r.ID, &r.Position, &r.EntityID, &r.EntityCode, &r.Segment, &r.Region, &r.MinOpen, &r.Controller); err != nil {
			return nil, fmt.Errorf("assignment rules: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReplaceAssignmentRules stores a new ordered set of rules.
func (t *Tx) ReplaceAssignmentRules(rules []AssignmentRule, by string) error {
	if _, err := t.exec("DELETE FROM assignment_rules"); err != nil {
		return fmt.Errorf("assignment rules: %w", err)
	}
	for i, r := range rules {
		if _, err := t.exec(`INSERT INTO assignment_rules (position, entity_id, segment, region, min_open, controller, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, i+1, nullID(r.EntityID), r.Segment, r.Region, r.MinOpen, r.Controller, by, ts(t.s.now())); err != nil {
			return fmt.Errorf("assignment rule %d: %w", i+1, err)
		}
	}
	return nil
}

// Assign sets Kredo's assignment of customers: how is AssignedByRule (a
// customer a person assigned keeps its controller) or AssignedByHand.
// It returns how many customers changed.
func (t *Tx) Assign(customerIDs []int64, controller, how string) (int, error) {
	guard := ""
	if how == AssignedByRule {
		guard = " AND assigned_how <> 'manual'"
	}
	n := 0
	for start := 0; start < len(customerIDs); start += worklistChunkLen {
		part := customerIDs[start:min(start+worklistChunkLen, len(customerIDs))]
		args := []any{controller, how}
		for _, id := range part {
			args = append(args, id)
		}
		r, err := t.exec(`UPDATE customers SET assigned_to = ?, assigned_how = ? WHERE id IN (`+placeholders(len(part))+`)`+guard+
			` AND NOT (assigned_to = ? AND assigned_how = ?)`, append(args, controller, how)...)
		if err != nil {
			return n, fmt.Errorf("assign customers: %w", err)
		}
		k, _ := r.RowsAffected()
		n += int(k)
	}
	if _, err := t.exec("UPDATE worklist SET controller = (SELECT " + controllerExpr + " FROM customers c WHERE c.id = worklist.customer_id)" +
		" WHERE customer_id IN (" + joinIDs(customerIDs) + ")"); err != nil {
		return n, fmt.Errorf("assign customers: %w", err)
	}
	return n, nil
}

func joinIDs(ids []int64) string {
	if len(ids) == 0 {
		return "NULL"
	}
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, id)
	}
	return b.String()
}

// FeedPayment is a payment that arrived on a customer, for the activity
// feed: who paid, how much, and whether it closed the items it paid.
type FeedPayment struct {
	PaymentID      int64
	Date           ledger.Date
	Currency       string
	Amount         int64
	Allocated      int64
	StillOpen      int64 // what remains open on the items it paid
	CustomerID     int64
	CustomerNumber string
	CustomerName   string
	Controller     string
	Source         string
	Invoices       string // the numbers it paid, comma-separated
}

// PaymentFeed lists the payments since a day on the customers of a
// controller ("" for everyone in scope), newest first. The payments are
// read newest first and the scan stops at the limit (an index on the
// date), then the allocations of those payments only.
func (s *Store) PaymentFeed(ctx context.Context, sc ledger.Scope, entityID int64, controller string, since ledger.Date, limit int) ([]FeedPayment, error) {
	q := `SELECT p.id, p.date, p.currency, p.amount, c.id, c.number, c.name, ` + controllerExpr + `, p.source
		FROM payments p JOIN customers c ON c.id = p.customer_id
		WHERE p.date >= ?` + scopeClause("p.entity_id", sc)
	args := []any{since.String()}
	if entityID != 0 {
		q += " AND p.entity_id = ?"
		args = append(args, entityID)
	}
	if controller != "" {
		q += " AND " + controllerExpr + " = ?"
		args = append(args, controller)
	}
	rows, err := s.read.QueryContext(ctx, s.q(q+" ORDER BY p.date DESC, p.id DESC"+limitClause(0, limit)), args...)
	if err != nil {
		return nil, fmt.Errorf("payment feed: %w", err)
	}
	defer rows.Close()
	var out []FeedPayment
	for rows.Next() {
		var f FeedPayment
		if err := rows.Scan(&f.PaymentID, dateCol{&f.Date}, &f.Currency, &f.Amount, &f.CustomerID, &f.CustomerNumber, &f.CustomerName,
			&f.Controller, &f.Source); err != nil {
			return nil, fmt.Errorf("payment feed: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, s.feedAllocations(ctx, out)
}

// feedAllocations fills in what each feed payment paid: the amount
// allocated, the invoice numbers, and what is still open on them.
func (s *Store) feedAllocations(ctx context.Context, fs []FeedPayment) error {
	if len(fs) == 0 {
		return nil
	}
	ids := make([]int64, len(fs))
	at := map[int64]int{}
	for i, f := range fs {
		ids[i], at[f.PaymentID] = f.PaymentID, i
	}
	rows, err := s.read.QueryContext(ctx, `SELECT a.payment_id, i.number, a.amount, i.open_amount FROM allocations a
		JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id IN (`+joinIDs(ids)+`) ORDER BY a.payment_id, i.number`)
	if err != nil {
		return fmt.Errorf("payment feed: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, amount, open int64
		var n string
		if err := rows.Scan(&id, &n, &amount, &open); err != nil {
			return err
		}
		f := &fs[at[id]]
		if f.Invoices != "" {
			f.Invoices += ", "
		}
		f.Invoices += n
		f.Allocated += amount
		f.StillOpen += open
	}
	return rows.Err()
}

// PaidPiece is part of a payment allocated to an invoice: when it was paid
// and when the invoice was due.
type PaidPiece struct {
	PaidOn   ledger.Date
	DueDate  ledger.Date
	Currency string
	Amount   int64
}

// CustomerPaidPieces lists what a customer paid on its invoices since a
// day, oldest first (the payment behaviour chart).
func (s *Store) CustomerPaidPieces(ctx context.Context, sc ledger.Scope, customerID int64, since ledger.Date) ([]PaidPiece, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT p.date, i.due_date, i.currency, a.amount FROM allocations a
		JOIN payments p ON p.id = a.payment_id JOIN invoices i ON i.id = a.invoice_id
		WHERE i.customer_id = ? AND p.date >= ? AND a.amount > 0`+scopeClause("i.entity_id", sc)+` ORDER BY p.date`),
		customerID, since.String())
	if err != nil {
		return nil, fmt.Errorf("paid pieces: %w", err)
	}
	defer rows.Close()
	var out []PaidPiece
	for rows.Next() {
		var pp PaidPiece
		if err := rows.Scan(dateCol{&pp.PaidOn}, dateCol{&pp.DueDate}, &pp.Currency, &pp.Amount); err != nil {
			return nil, fmt.Errorf("paid pieces: %w", err)
		}
		out = append(out, pp)
	}
	return out, rows.Err()
}

// WorklistMadeOn returns the day the oldest of the worklists in scope (an
// entity's, or all for 0) was last made in full; zero when one was never
// made. The page says so rather than show a stale or empty list as today's.
func (s *Store) WorklistMadeOn(ctx context.Context, sc ledger.Scope, entityID int64) (ledger.Date, error) {
	q := `SELECT COUNT(*) - COUNT(m.day), MIN(m.day) FROM entities e LEFT JOIN worklist_made m ON m.entity_id = e.id
		WHERE 1=1` + scopeClause("e.id", sc)
	var args []any
	if entityID != 0 {
		q, args = q+" AND e.id = ?", append(args, entityID)
	}
	var never int
	var oldest ledger.Date
	if err := s.read.QueryRowContext(ctx, s.q(q), args...).Scan(&never, dateCol{&oldest}); err != nil {
		return ledger.Date{}, fmt.Errorf("worklist day: %w", err)
	}
	if never > 0 {
		return ledger.Date{}, nil
	}
	return oldest, nil
}
