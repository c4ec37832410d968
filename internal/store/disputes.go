package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// Sources of a dispute.
const (
	DisputeManual  = "manual"  // opened by a person in the UI
	DisputeAPI     = "api"     // opened through the API (ERP, CRM)
	DisputePayment = "payment" // raised by a short payment
)

// Resolutions of a dispute.
const (
	ResolveCreditNote    = "credit_note"    // the ERP booked (or will import) a credit note
	ResolveCreditPending = "credit_pending" // a credit note recorded in Kredo, to be booked in the ERP
	ResolveWriteOff      = "write_off"      // written off
	ResolveRejected      = "rejected"       // the claim is rejected: the amount is owed
)

// Kinds of dispute history entries.
const (
	EvOpened      = "opened"
	EvComment     = "comment"
	EvStatus      = "status"
	EvReassign    = "reassign"
	EvEscalated   = "escalated"
	EvWriteOffReq = "write_off_requested"
	EvResolved    = "resolved"
	EvAttachment  = "attachment"
)

// Dispute is a customer's claim against one or more invoices (or part of
// their amounts), with its owner, SLA and resolution.
type Dispute struct {
	ID             int64
	EntityID       int64
	EntityCode     string // filled on reads
	CustomerID     int64
	CustomerNumber string // filled on reads
	CustomerName   string // filled on reads
	Reason         string
	Description    string
	Currency       string
	Amount         int64 // disputed, minor units: the sum of the items
	Status         disputes.Status
	Priority       disputes.Priority
	Queue          string // the team that owns it
	Assignee       string // the person in (or for) the queue who handles it; "" = the queue
	RuleID         int64  // the routing rule that decided; 0 = the default queue
	ProductGroup   string
	Opened         ledger.Date
	Due            ledger.Date // the SLA's due date
	EscalatedOn    ledger.Date // zero: not escalated
	Source         string
	PaymentID      int64 // the short payment that raised it
	OpenedBy       string
	Resolution     string
	ResolvedAmount int64
	Resolved       ledger.Date
	ResolutionRef  string
	PendingAmount  int64 // a write-off waiting for a credit manager's approval
	PendingBy      string
	Items          []DisputeItem
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Owner is who handles the dispute: the assignee, else the queue.
func (d Dispute) Owner() string {
	if d.Assignee != "" {
		return d.Assignee
	}
	return d.Queue
}

// DisputeItem is one disputed invoice with the disputed part of it.
type DisputeItem struct {
	InvoiceID    int64
	Number       string // filled on reads
	Amount       int64  // disputed on this invoice
	Open         int64  // the invoice's open amount now (reads)
	DueDate      ledger.Date
	ProductGroup string
}

// DisputeEvent is one entry of a dispute's append-only history.
type DisputeEvent struct {
	ID        int64
	DisputeID int64
	User      string
	Kind      string
	From, To  string
	Note      string
	CreatedAt time.Time
}

// InsertDispute stores a new dispute with its items and returns its id.
func (t *Tx) InsertDispute(d Dispute) (int64, error) {
	now := ts(t.s.now())
	id, err := t.insertID(`INSERT INTO disputes (entity_id, customer_id, reason, description, currency, amount, status, priority, queue,
		assignee, rule_id, product_group, opened_date, due_date, source, payment_id, opened_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.EntityID, d.CustomerID, d.Reason, d.Description,
		d.Currency, d.Amount, string(d.Status), string(d.Priority), d.Queue, d.Assignee, nullID(d.RuleID), d.ProductGroup,
		d.Opened.String(), d.Due.String(), d.Source, nullID(d.PaymentID), d.OpenedBy, now, now)
	if err != nil {
		return 0, fmt.Errorf("open dispute: %w", err)
	}
	for _, it := range d.Items {
		if _, err := t.exec("INSERT INTO dispute_items (dispute_id, invoice_id, amount) VALUES (?, ?, ?)", id, it.InvoiceID, it.Amount); err != nil {
			return 0, fmt.Errorf("open dispute: invoice %d: %w", it.InvoiceID, err)
		}
	}
	return id, nil
}

// DisputeOfPayment returns the dispute a payment raised, if any (0 when none).
func (t *Tx) DisputeOfPayment(paymentID int64) (int64, error) {
	var id int64
	err := t.queryRow("SELECT id FROM disputes WHERE payment_id = ?", paymentID).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("dispute of payment %d: %w", paymentID, err)
	}
	return id, nil
}

// AddDisputeEvent appends an entry to a dispute's history.
func (t *Tx) AddDisputeEvent(e DisputeEvent) (int64, error) {
	id, err := t.insertID(`INSERT INTO dispute_events (dispute_id, username, kind, from_value, to_value, note, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, e.DisputeID, e.User, e.Kind, e.From, e.To, e.Note, ts(t.s.now()))
	if err != nil {
		return 0, fmt.Errorf("dispute history: %w", err)
	}
	return id, nil
}

// SetDisputeStatus moves a dispute from one status to another; false when
// it was no longer in from (someone else changed it first).
func (t *Tx) SetDisputeStatus(id int64, from, to disputes.Status) (bool, error) {
	r, err := t.exec("UPDATE disputes SET status = ?, updated_at = ? WHERE id = ? AND status = ?", string(to), ts(t.s.now()), id, string(from))
	if err != nil {
		return false, fmt.Errorf("dispute status: %w", err)
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

// AssignDispute sets a dispute's owner and priority.
func (t *Tx) AssignDispute(id int64, queue, assignee string, priority disputes.Priority) error {
	if _, err := t.exec("UPDATE disputes SET queue = ?, assignee = ?, priority = ?, updated_at = ? WHERE id = ?",
		queue, assignee, string(priority), ts(t.s.now()), id); err != nil {
		return fmt.Errorf("assign dispute: %w", err)
	}
	return nil
}

// EscalateDispute marks an open dispute escalated on a day; false when it
// was escalated (or closed) already.
func (t *Tx) EscalateDispute(id int64, on ledger.Date) (bool, error) {
	r, err := t.exec(`UPDATE disputes SET escalated_on = ?, updated_at = ? WHERE id = ? AND escalated_on IS NULL
		AND status NOT IN ('resolved', 'rejected')`, on.String(), ts(t.s.now()), id)
	if err != nil {
		return false, fmt.Errorf("escalate dispute: %w", err)
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

// RequestWriteOff records a write-off waiting for approval (0 clears it).
func (t *Tx) RequestWriteOff(id int64, amount int64, by string) error {
	if _, err := t.exec("UPDATE disputes SET pending_amount = ?, pending_by = ?, updated_at = ? WHERE id = ?",
		amount, by, ts(t.s.now()), id); err != nil {
		return fmt.Errorf("request write-off: %w", err)
	}
	return nil
}

// CloseDispute records a dispute's resolution and moves it from a status
// to resolved or rejected; false when it was no longer in from.
func (t *Tx) CloseDispute(id int64, from disputes.Status, resolution string, amount int64, on ledger.Date, ref string) (bool, error) {
	to := disputes.Resolved
	if resolution == ResolveRejected {
		to = disputes.Rejected
	}
	r, err := t.exec(`UPDATE disputes SET status = ?, resolution = ?, resolved_amount = ?, resolved_date = ?, resolution_ref = ?,
		pending_amount = 0, pending_by = '', updated_at = ? WHERE id = ? AND status = ?`, string(to), resolution, amount, on.String(),
		ref, ts(t.s.now()), id, string(from))
	if err != nil {
		return false, fmt.Errorf("close dispute: %w", err)
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

const disputeCols = `d.id, d.entity_id, e.code, d.customer_id, c.number, c.name, d.reason, d.description, d.currency, d.amount,
	d.status, d.priority, d.queue, d.assignee, COALESCE(d.rule_id, 0), d.product_group, d.opened_date, d.due_date, d.escalated_on,
	d.source, COALESCE(d.payment_id, 0), d.opened_by, d.resolution, d.resolved_amount, d.resolved_date, d.resolution_ref,
	d.pending_amount, d.pending_by, d.created_at, d.updated_at
	FROM disputes d JOIN entities e ON e.id = d.entity_id JOIN customers c ON c.id = d.customer_id`

func scanDispute(row interface{ Scan(...any) error }) (Dispute, error) {
	var d Dispute
	var status, priority string
	err := row.Scan(&d.ID, &d.EntityID, &d.EntityCode, &d.CustomerID, &d.CustomerNumber, &d.CustomerName, &d.Reason, &d.Description,
		&d.Currency, &d.Amount, &status, &priority, &d.Queue, &d.Assignee, &d.RuleID, &d.ProductGroup, dateCol{&d.Opened},
		dateCol{&d.Due}, dateCol{&d.EscalatedOn}, &d.Source, &d.PaymentID, &d.OpenedBy, &d.Resolution, &d.ResolvedAmount,
		dateCol{&d.Resolved}, &d.ResolutionRef, &d.PendingAmount, &d.PendingBy, timeCol{&d.CreatedAt}, timeCol{&d.UpdatedAt})
	d.Status, d.Priority = disputes.Status(status), disputes.Priority(priority)
	return d, translate(err)
}

// disputeItems reads the items of the disputes with the given ids.
func disputeItems(ctx context.Context, q func(context.Context, string, ...any) (*sql.Rows, error), rebind func(string) string,
	ids []int64) (map[int64][]DisputeItem, error) {
	out := map[int64][]DisputeItem{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q(ctx, rebind(`SELECT di.dispute_id, di.invoice_id, i.number, di.amount, i.open_amount, i.due_date, i.product_group
		FROM dispute_items di JOIN invoices i ON i.id = di.invoice_id WHERE di.dispute_id IN (`+idList(ids)+`) ORDER BY di.dispute_id, i.due_date, i.number`))
	if err != nil {
		return nil, fmt.Errorf("dispute items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var it DisputeItem
		if err := rows.Scan(&id, &it.InvoiceID, &it.Number, &it.Amount, &it.Open, dateCol{&it.DueDate}, &it.ProductGroup); err != nil {
			return nil, fmt.Errorf("dispute items: %w", err)
		}
		out[id] = append(out[id], it)
	}
	return out, rows.Err()
}

// Dispute returns one dispute with its items; its entity must be in scope.
func (s *Store) Dispute(ctx context.Context, sc ledger.Scope, id int64) (Dispute, error) {
	d, err := scanDispute(s.read.QueryRowContext(ctx, s.q("SELECT "+disputeCols+" WHERE d.id = ?"+scopeClause("d.entity_id", sc)), id))
	if err != nil {
		return d, fmt.Errorf("dispute %d: %w", id, err)
	}
	items, err := disputeItems(ctx, s.read.QueryContext, s.q, []int64{id})
	d.Items = items[id]
	return d, err
}

// Dispute reads a dispute with its items inside the transaction (the
// state the action changes).
func (t *Tx) Dispute(id int64) (Dispute, error) {
	d, err := scanDispute(t.queryRow("SELECT "+disputeCols+" WHERE d.id = ?", id))
	if err != nil {
		return d, fmt.Errorf("dispute %d: %w", id, err)
	}
	items, err := disputeItems(t.ctx, t.tx.QueryContext, t.s.q, []int64{id})
	d.Items = items[id]
	return d, err
}

// DisputeFilter selects disputes. Zero fields do not filter.
type DisputeFilter struct {
	Scope      ledger.Scope
	EntityID   int64
	CustomerID int64
	Status     disputes.Status
	OpenOnly   bool // not resolved or rejected
	Reason     string
	Queues     []string // owned by one of these queues
	Assignee   string
	OverdueOn  ledger.Date // open and past their due date on this day
	Offset     int
	Limit      int
}

func (f DisputeFilter) where() (string, []any) {
	var b strings.Builder
	var args []any
	b.WriteString(" WHERE 1=1")
	b.WriteString(scopeClause("d.entity_id", f.Scope))
	add := func(cond string, v ...any) {
		b.WriteString(" AND " + cond)
		args = append(args, v...)
	}
	if f.EntityID != 0 {
		add("d.entity_id = ?", f.EntityID)
	}
	if f.CustomerID != 0 {
		add("d.customer_id = ?", f.CustomerID)
	}
	if f.Status != "" {
		add("d.status = ?", string(f.Status))
	}
	if f.OpenOnly || !f.OverdueOn.IsZero() {
		b.WriteString(" AND d.status NOT IN ('resolved', 'rejected')")
	}
	if f.Reason != "" {
		add("d.reason = ?", f.Reason)
	}
	if f.Assignee != "" {
		add("d.assignee = ?", f.Assignee)
	}
	if len(f.Queues) > 0 {
		b.WriteString(" AND d.queue IN (?" + strings.Repeat(", ?", len(f.Queues)-1) + ")")
		for _, q := range f.Queues {
			args = append(args, q)
		}
	}
	if !f.OverdueOn.IsZero() {
		add("d.due_date < ?", f.OverdueOn.String())
	}
	return b.String(), args
}

// Disputes lists disputes, the most urgent first (due date, then id), with
// their items, and the total count matching the filter.
func (s *Store) Disputes(ctx context.Context, f DisputeFilter) ([]Dispute, int, error) {
	where, args := f.where()
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM disputes d"+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count disputes: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+disputeCols+where+" ORDER BY d.due_date, d.id"+limitClause(f.Offset, f.Limit)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list disputes: %w", err)
	}
	defer rows.Close()
	var out []Dispute
	var ids []int64
	for rows.Next() {
		d, err := scanDispute(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list disputes: %w", err)
		}
		out, ids = append(out, d), append(ids, d.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list disputes: %w", err)
	}
	items, err := disputeItems(ctx, s.read.QueryContext, s.q, ids)
	for i := range out {
		out[i].Items = items[out[i].ID]
	}
	return out, total, err
}

// DisputeEvents lists a dispute's history, oldest first.
func (s *Store) DisputeEvents(ctx context.Context, disputeID int64) ([]DisputeEvent, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, dispute_id, username, kind, from_value, to_value, note, created_at
		FROM dispute_events WHERE dispute_id = ? ORDER BY id`), disputeID)
	if err != nil {
		return nil, fmt.Errorf("dispute history: %w", err)
	}
	defer rows.Close()
	var out []DisputeEvent
	for rows.Next() {
		var e DisputeEvent
		if err := rows.Scan(&e.ID, &e.DisputeID, &e.User, &e.Kind, &e.From, &e.To, &e.Note, timeCol{&e.CreatedAt}); err != nil {
			return nil, fmt.Errorf("dispute history: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// DisputeSummary is what a customer's open disputes amount to, for the
// worklist and the customer page.
type DisputeSummary struct {
	Open     int              // open disputes
	Disputed map[string]int64 // disputed amount per currency, minor units
	Overdue  int              // open disputes past their SLA due date
}

// DisputeSummaries returns, per customer id of an entity (or of one
// customer, customerID ≠ 0), the open disputes: count, disputed amount per
// currency and how many are past their SLA on day today. Customers without
// open disputes are absent.
func (s *Store) DisputeSummaries(ctx context.Context, entityID, customerID int64, today ledger.Date) (map[int64]DisputeSummary, error) {
	one, args := customerFilter("customer_id", customerID)
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT customer_id, currency, COUNT(*), SUM(amount),
		SUM(CASE WHEN due_date < ? THEN 1 ELSE 0 END) FROM disputes
		WHERE entity_id = ? AND status NOT IN ('resolved', 'rejected')`+one+` GROUP BY customer_id, currency`),
		append([]any{today.String(), entityID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("dispute summaries: %w", err)
	}
	defer rows.Close()
	out := map[int64]DisputeSummary{}
	for rows.Next() {
		var cid, n, amount, overdue int64
		var cur string
		if err := rows.Scan(&cid, &cur, &n, &amount, &overdue); err != nil {
			return nil, fmt.Errorf("dispute summaries: %w", err)
		}
		sum := out[cid]
		if sum.Disputed == nil {
			sum.Disputed = map[string]int64{}
		}
		sum.Open += int(n)
		sum.Overdue += int(overdue)
		sum.Disputed[cur] += amount
		out[cid] = sum
	}
	return out, rows.Err()
}

// DisputedAmounts returns, per invoice of an entity, the amount its open
// disputes hold from dunning.
func (s *Store) DisputedAmounts(ctx context.Context, entityID int64) (map[int64]int64, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT di.invoice_id, SUM(di.amount) FROM dispute_items di
		JOIN disputes d ON d.id = di.dispute_id WHERE d.entity_id = ? AND d.status NOT IN ('resolved', 'rejected')
		GROUP BY di.invoice_id`), entityID)
	if err != nil {
		return nil, fmt.Errorf("disputed amounts: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, amount int64
		if err := rows.Scan(&id, &amount); err != nil {
			return nil, fmt.Errorf("disputed amounts: %w", err)
		}
		out[id] = amount
	}
	return out, rows.Err()
}

// DisputeInvoice is what a dispute needs of an invoice when it is opened:
// what an allocation needs, and the product group routing looks at.
type DisputeInvoice struct {
	InvoiceOpen
	ProductGroup string
}

// DisputeInvoices reads invoices inside the transaction (the open amounts
// as the transaction sees them, e.g. after a payment it just booked).
func (t *Tx) DisputeInvoices(ids []int64) ([]DisputeInvoice, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := t.query(`SELECT id, entity_id, customer_id, number, currency, open_amount, product_group FROM invoices
		WHERE id IN (` + idList(ids) + `)`)
	if err != nil {
		return nil, fmt.Errorf("dispute invoices: %w", err)
	}
	defer rows.Close()
	by := map[int64]DisputeInvoice{}
	for rows.Next() {
		var i DisputeInvoice
		if err := rows.Scan(&i.ID, &i.EntityID, &i.CustomerID, &i.Number, &i.Currency, &i.Open, &i.ProductGroup); err != nil {
			return nil, fmt.Errorf("dispute invoices: %w", err)
		}
		by[i.ID] = i
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("dispute invoices: %w", err)
	}
	out := make([]DisputeInvoice, 0, len(ids))
	for _, id := range ids {
		i, ok := by[id]
		if !ok {
			return nil, ledger.Errorf(ledger.ErrNotFound, "invoice %d not found", id)
		}
		out = append(out, i)
	}
	return out, nil
}

// DisputeFacts reads what routing needs of a customer inside the
// transaction: risk class, segment and group (parent number, else its own).
func (t *Tx) DisputeFacts(customerID int64) (disputes.Facts, error) {
	var f disputes.Facts
	var number, parent string
	err := t.queryRow("SELECT entity_id, risk_class, segment, number, parent_number FROM customers WHERE id = ?", customerID).
		Scan(&f.EntityID, &f.RiskClass, &f.Segment, &number, &parent)
	if err != nil {
		return f, fmt.Errorf("customer %d: %w", customerID, translate(err))
	}
	f.Group = parent
	if f.Group == "" {
		f.Group = number
	}
	return f, nil
}

// DisputeAttachment is a file kept with a dispute (in the database).
type DisputeAttachment struct {
	ID          int64
	DisputeID   int64
	Filename    string
	ContentType string
	Size        int64
	Data        []byte // only when read one by one
	User        string
	CreatedAt   time.Time
}

// InsertDisputeAttachment stores a file with a dispute.
func (t *Tx) InsertDisputeAttachment(a DisputeAttachment) (int64, error) {
	id, err := t.insertID(`INSERT INTO dispute_attachments (dispute_id, filename, content_type, size, data, username, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.DisputeID, a.Filename, a.ContentType, len(a.Data), a.Data, a.User, ts(t.s.now()))
	if err != nil {
		return 0, fmt.Errorf("attach %s: %w", a.Filename, err)
	}
	return id, nil
}

// DisputeAttachments lists a dispute's attachments without their data.
func (s *Store) DisputeAttachments(ctx context.Context, disputeID int64) ([]DisputeAttachment, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, dispute_id, filename, content_type, size, username, created_at
		FROM dispute_attachments WHERE dispute_id = ? ORDER BY id`), disputeID)
	if err != nil {
		return nil, fmt.Errorf("attachments: %w", err)
	}
	defer rows.Close()
	var out []DisputeAttachment
	for rows.Next() {
		var a DisputeAttachment
		if err := rows.Scan(&a.ID, &a.DisputeID, &a.Filename, &a.ContentType, &a.Size, &a.User, timeCol{&a.CreatedAt}); err != nil {
			return nil, fmt.Errorf("attachments: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// DisputeAttachment returns one attachment of a dispute with its data.
func (s *Store) DisputeAttachment(ctx context.Context, disputeID, id int64) (DisputeAttachment, error) {
	var a DisputeAttachment
	err := s.read.QueryRowContext(ctx, s.q(`SELECT id, dispute_id, filename, content_type, size, data, username, created_at
		FROM dispute_attachments WHERE id = ? AND dispute_id = ?`), id, disputeID).
		Scan(&a.ID, &a.DisputeID, &a.Filename, &a.ContentType, &a.Size, &a.Data, &a.User, timeCol{&a.CreatedAt})
	if err != nil {
		return a, fmt.Errorf("attachment %d: %w", id, translate(err))
	}
	return a, nil
}

// DisputeReportRows returns the disputes opened from..to (zero dates:
// unbounded) of an entity (0: all in scope) as the report sees them.
func (s *Store) DisputeReportRows(ctx context.Context, sc ledger.Scope, entityID int64, from, to ledger.Date) ([]disputes.Row, error) {
	where, args := " WHERE 1=1"+scopeClause("d.entity_id", sc), []any{}
	if entityID != 0 {
		where, args = where+" AND d.entity_id = ?", append(args, entityID)
	}
	if !from.IsZero() {
		where, args = where+" AND d.opened_date >= ?", append(args, from.String())
	}
	if !to.IsZero() {
		where, args = where+" AND d.opened_date <= ?", append(args, to.String())
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT d.reason, CASE WHEN d.assignee <> '' THEN d.assignee ELSE d.queue END,
		d.product_group, c.number || ' ' || c.name, d.currency, d.amount, d.opened_date, d.resolved_date
		FROM disputes d JOIN customers c ON c.id = d.customer_id`+where+" ORDER BY d.id"), args...)
	if err != nil {
		return nil, fmt.Errorf("dispute report: %w", err)
	}
	defer rows.Close()
	var out []disputes.Row
	for rows.Next() {
		var r disputes.Row
		if err := rows.Scan(&r.Reason, &r.Owner, &r.ProductGroup, &r.Customer, &r.Currency, &r.Amount, dateCol{&r.Opened},
			dateCol{&r.Closed}); err != nil {
			return nil, fmt.Errorf("dispute report: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// PendingCredit is a credit note agreed on a dispute and recorded in
// Kredo, for the ERP to book.
type PendingCredit struct {
	AdjustmentID   int64
	DisputeID      int64
	EntityCode     string
	CustomerNumber string
	InvoiceNumber  string
	Date           ledger.Date
	Currency       string
	Amount         int64
	User           string
}

// PendingCredits lists the pending credit notes of disputes in scope,
// oldest first.
func (s *Store) PendingCredits(ctx context.Context, sc ledger.Scope) ([]PendingCredit, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT a.id, COALESCE(a.ref_id, 0), e.code, c.number, i.number, a.date, a.currency,
		a.amount, a.username FROM adjustments a JOIN invoices i ON i.id = a.invoice_id JOIN customers c ON c.id = i.customer_id
		JOIN entities e ON e.id = a.entity_id WHERE a.kind = ? AND a.ref_kind = 'dispute'`+scopeClause("a.entity_id", sc)+
		" ORDER BY a.id"), AdjustCreditPending)
	if err != nil {
		return nil, fmt.Errorf("pending credits: %w", err)
	}
	defer rows.Close()
	var out []PendingCredit
	for rows.Next() {
		var p PendingCredit
		if err := rows.Scan(&p.AdjustmentID, &p.DisputeID, &p.EntityCode, &p.CustomerNumber, &p.InvoiceNumber, dateCol{&p.Date},
			&p.Currency, &p.Amount, &p.User); err != nil {
			return nil, fmt.Errorf("pending credits: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
