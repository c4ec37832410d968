package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// PaymentKey is what an import needs to know of an existing payment.
type PaymentKey struct {
	ID   int64
	Hash uint64
}

// PaymentKey returns the key of the payment with the reference, if any.
func (t *Tx) PaymentKey(entityID int64, reference string) (PaymentKey, bool, error) {
	var k PaymentKey
	var h int64
	err := t.queryRow("SELECT id, row_hash FROM payments WHERE entity_id = ? AND reference = ?", entityID, reference).Scan(&k.ID, &h)
	if err != nil {
		err = translate(err)
		if isNotFound(err) {
			return k, false, nil
		}
		return k, false, fmt.Errorf("payment key: %w", err)
	}
	k.Hash = uint64(h)
	return k, true, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// InsertPayment adds a payment with its allocations and lowers the open
// amount of each allocated invoice. Allocations must carry InvoiceID.
func (t *Tx) InsertPayment(p ledger.Payment, hash uint64) (int64, error) {
	now := ts(t.s.now())
	id, err := t.insertID(`INSERT INTO payments (entity_id, reference, customer_id, date, currency, amount, description, source,
		row_hash, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		p.EntityID, p.Reference, nullID(p.CustomerID), dateArg(p.Date), p.Currency, p.Amount, p.Description, p.Source, int64(hash), now, now)
	if err != nil {
		return 0, fmt.Errorf("insert payment %s: %w", p.Reference, err)
	}
	return id, t.allocate(id, p.Allocations, +1)
}

// UpdatePayment keeps the current version (with its allocations) in the
// history, reverses its allocations and applies the new ones.
func (t *Tx) UpdatePayment(p ledger.Payment, hash uint64, importID int64) error {
	old, err := t.allocations(p.ID)
	if err != nil {
		return err
	}
	oj, err := json.Marshal(old)
	if err != nil {
		return err
	}
	fn, jsonArg := "json_object", "json(?)"
	if t.s.dialect == Postgres {
		fn, jsonArg = "jsonb_build_object", "CAST(? AS JSONB)"
	}
	var imp any
	if importID != 0 {
		imp = importID
	}
	if _, err := t.exec(`INSERT INTO record_history (kind, record_id, import_id, replaced_at, data)
		SELECT 'payment', id, ?, ?, `+fn+`('reference', reference, 'customer_id', customer_id, 'date', date, 'currency', currency,
		'amount', amount, 'description', description, 'updated_at', updated_at, 'allocations', `+jsonArg+`) FROM payments WHERE id = ?`,
		imp, ts(t.s.now()), string(oj), p.ID); err != nil {
		return fmt.Errorf("keep history of payment %s: %w", p.Reference, err)
	}
	if err := t.allocate(p.ID, old, -1); err != nil {
		return err
	}
	if _, err := t.exec("DELETE FROM allocations WHERE payment_id = ?", p.ID); err != nil {
		return fmt.Errorf("update payment %s: %w", p.Reference, err)
	}
	if _, err := t.exec(`UPDATE payments SET customer_id=?, date=?, currency=?, amount=?, description=?, source=?, row_hash=?, updated_at=?
		WHERE id=?`, nullID(p.CustomerID), dateArg(p.Date), p.Currency, p.Amount, p.Description, p.Source, int64(hash), ts(t.s.now()), p.ID); err != nil {
		return fmt.Errorf("update payment %s: %w", p.Reference, err)
	}
	return t.allocate(p.ID, p.Allocations, +1)
}

// allocate records (sign +1) or reverses (sign -1) allocations of a payment,
// adjusting the invoices' open amounts and statuses.
func (t *Tx) allocate(paymentID int64, allocs []ledger.Allocation, sign int64) error {
	now := ts(t.s.now())
	for _, a := range allocs {
		if sign > 0 {
			if _, err := t.exec("INSERT INTO allocations (payment_id, invoice_id, amount, created_at) VALUES (?,?,?,?)",
				paymentID, a.InvoiceID, a.Amount, now); err != nil {
				return fmt.Errorf("allocate to invoice %s: %w", a.InvoiceNumber, err)
			}
		}
		d := sign * a.Amount
		if _, err := t.exec(`UPDATE invoices SET open_amount = open_amount - ?,
			status = CASE WHEN open_amount - ? = 0 THEN 'paid' ELSE 'open' END, updated_at = ? WHERE id = ?`,
			d, d, now, a.InvoiceID); err != nil {
			return fmt.Errorf("allocate to invoice %s: %w", a.InvoiceNumber, err)
		}
	}
	return nil
}

func (t *Tx) allocations(paymentID int64) ([]ledger.Allocation, error) {
	rows, err := t.query(`SELECT a.invoice_id, i.number, a.amount FROM allocations a JOIN invoices i ON i.id = a.invoice_id
		WHERE a.payment_id = ? ORDER BY a.id`, paymentID)
	if err != nil {
		return nil, fmt.Errorf("allocations: %w", err)
	}
	defer rows.Close()
	var out []ledger.Allocation
	for rows.Next() {
		var a ledger.Allocation
		if err := rows.Scan(&a.InvoiceID, &a.InvoiceNumber, &a.Amount); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// LoadPayments bulk-inserts payments and their allocations as a consistent
// snapshot: the invoices' open amounts already reflect them, so they are not
// adjusted (used by the demo and by benchmarks). IDs are assigned in order.
func (t *Tx) LoadPayments(ps []ledger.Payment, hashes []uint64) error {
	if t.s.dialect == Postgres {
		return t.loadPaymentsCopy(ps, hashes)
	}
	now := ts(t.s.now())
	for k := range ps {
		p := &ps[k]
		id, err := t.insertID(`INSERT INTO payments (entity_id, reference, customer_id, date, currency, amount, description, source,
			row_hash, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
			p.EntityID, p.Reference, nullID(p.CustomerID), dateArg(p.Date), p.Currency, p.Amount, p.Description, p.Source, int64(hashes[k]), now, now)
		if err != nil {
			return fmt.Errorf("load payment %s: %w", p.Reference, err)
		}
		p.ID = id
		for _, a := range p.Allocations {
			if _, err := t.exec("INSERT INTO allocations (payment_id, invoice_id, amount, created_at) VALUES (?,?,?,?)",
				id, a.InvoiceID, a.Amount, now); err != nil {
				return fmt.Errorf("load allocation of %s: %w", p.Reference, err)
			}
		}
	}
	return nil
}

// loadPaymentsCopy is LoadPayments on PostgreSQL: ids reserved from the
// sequence, payments and allocations written with COPY (a row at a time, the
// 2M-invoice demo's payments took over 15 minutes).
func (t *Tx) loadPaymentsCopy(ps []ledger.Payment, hashes []uint64) error {
	ids, err := t.nextIDs("payments", len(ps))
	if err != nil {
		return err
	}
	ptrs := make([]*ledger.Payment, len(ps))
	for k := range ps {
		ps[k].ID = ids[k]
		ptrs[k] = &ps[k]
	}
	if err := t.copyPayments(ptrs, hashes, t.s.now().UTC()); err != nil {
		return fmt.Errorf("load payments: %w", err)
	}
	return nil
}

// copyPayments writes payments whose ids are set, and their allocations,
// with COPY (PostgreSQL): the demo's load and the bank's booking share it.
// hashes are the payments' row hashes, nil for none.
func (t *Tx) copyPayments(ps []*ledger.Payment, hashes []uint64, now time.Time) error {
	rows := make([][]any, len(ps))
	var arows [][]any
	for k, p := range ps {
		var h int64
		if hashes != nil {
			h = int64(hashes[k])
		}
		rows[k] = []any{p.ID, p.EntityID, p.Reference, nullID(p.CustomerID), pgDate(p.Date), p.Currency, p.Amount, p.Description, p.Source,
			h, now, now}
		for _, a := range p.Allocations {
			arows = append(arows, []any{p.ID, a.InvoiceID, a.Amount, now})
		}
	}
	if err := t.copyFrom("payments", []string{"id", "entity_id", "reference", "customer_id", "date", "currency", "amount", "description",
		"source", "row_hash", "created_at", "updated_at"}, rows); err != nil {
		return fmt.Errorf("copy payments: %w", err)
	}
	if err := t.copyFrom("allocations", []string{"payment_id", "invoice_id", "amount", "created_at"}, arows); err != nil {
		return fmt.Errorf("copy allocations: %w", err)
	}
	return nil
}

const paymentSelect = `SELECT p.id, p.entity_id, e.code AS entity_code, COALESCE(p.customer_id, 0) AS customer_id,
	COALESCE(c.number, '') AS customer_number, p.reference, p.date, p.currency, p.amount, p.description, p.source, p.updated_at
	FROM payments p JOIN entities e ON e.id = p.entity_id LEFT JOIN customers c ON c.id = p.customer_id`

func paymentWhere(f ledger.PaymentFilter) (string, []any) {
	var w strings.Builder
	var args []any
	w.WriteString(" WHERE 1=1")
	w.WriteString(scopeClause("p.entity_id", f.Scope))
	if f.EntityID != 0 {
		w.WriteString(" AND p.entity_id = ?")
		args = append(args, f.EntityID)
	}
	if f.CustomerID != 0 {
		w.WriteString(" AND p.customer_id = ?")
		args = append(args, f.CustomerID)
	}
	if !f.From.IsZero() {
		w.WriteString(" AND p.date >= ?")
		args = append(args, f.From.String())
	}
	if !f.To.IsZero() {
		w.WriteString(" AND p.date <= ?")
		args = append(args, f.To.String())
	}
	return w.String(), args
}

// EachPayment streams payments matching the filter, with their allocations,
// ordered by entity and reference (newest first when paged by Payments).
func (s *Store) EachPayment(ctx context.Context, f ledger.PaymentFilter, fn func(ledger.Payment) error) error {
	where, args := paymentWhere(f)
	order, outer := " ORDER BY e.code, p.reference", " ORDER BY q.entity_code, q.reference, a.id"
	if f.Limit > 0 {
		order = " ORDER BY p.date DESC, p.id DESC" + limitClause(f.Offset, f.Limit)
		outer = " ORDER BY q.date DESC, q.id DESC, a.id"
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT q.*, COALESCE(a.invoice_id, 0), COALESCE(i.number, ''), COALESCE(a.amount, 0)
		FROM (`+paymentSelect+where+order+`) q
		LEFT JOIN allocations a ON a.payment_id = q.id LEFT JOIN invoices i ON i.id = a.invoice_id`+outer), args...)
	if err != nil {
		return fmt.Errorf("list payments: %w", err)
	}
	defer rows.Close()
	var cur *ledger.Payment
	flush := func() error {
		if cur == nil {
			return nil
		}
		p := *cur
		cur = nil
		return fn(p)
	}
	for rows.Next() {
		var p ledger.Payment
		var a ledger.Allocation
		if err := rows.Scan(&p.ID, &p.EntityID, &p.EntityCode, &p.CustomerID, &p.CustomerNumber, &p.Reference,
			dateCol{&p.Date}, &p.Currency, &p.Amount, &p.Description, &p.Source, timeCol{&p.UpdatedAt},
			&a.InvoiceID, &a.InvoiceNumber, &a.Amount); err != nil {
			return fmt.Errorf("list payments: %w", err)
		}
		if cur != nil && cur.ID != p.ID {
			if err := flush(); err != nil {
				return err
			}
		}
		if cur == nil {
			cur = &p
		}
		if a.InvoiceID != 0 {
			cur.Allocations = append(cur.Allocations, a)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list payments: %w", err)
	}
	return flush()
}

// PaymentAllocations returns invoice id -> amount allocated by a payment.
func (t *Tx) PaymentAllocations(paymentID int64) (map[int64]int64, error) {
	as, err := t.allocations(paymentID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int64, len(as))
	for _, a := range as {
		out[a.InvoiceID] += a.Amount
	}
	return out, nil
}
