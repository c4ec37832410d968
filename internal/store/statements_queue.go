package store

import (
	"context"
	"fmt"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// BankTolerance returns the entity's tolerance for short payments (minor
// units; 0 when never set).
func (t *Tx) BankTolerance(entityID int64) (int64, error) {
	var tol int64
	err := translate(t.queryRow("SELECT tolerance FROM bank_settings WHERE entity_id = ?", entityID).Scan(&tol))
	if isNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("bank tolerance: %w", err)
	}
	return tol, nil
}

// BankTolerance returns the entity's tolerance for short payments, read
// outside a transaction (for pages).
func (s *Store) BankTolerance(ctx context.Context, entityID int64) (int64, error) {
	var tol int64
	err := translate(s.read.QueryRowContext(ctx, s.q("SELECT tolerance FROM bank_settings WHERE entity_id = ?"), entityID).Scan(&tol))
	if isNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("bank tolerance: %w", err)
	}
	return tol, nil
}

// SetBankTolerance sets the entity's tolerance for short payments.
func (t *Tx) SetBankTolerance(entityID, tolerance int64, user string) error {
	if _, err := t.exec(`INSERT INTO bank_settings (entity_id, tolerance, updated_by, updated_at) VALUES (?,?,?,?)
		ON CONFLICT (entity_id) DO UPDATE SET tolerance = excluded.tolerance, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		entityID, tolerance, user, ts(t.s.now())); err != nil {
		return fmt.Errorf("set bank tolerance: %w", err)
	}
	return nil
}

// BankTransactionEntity returns a booked transaction and the entity of its
// account, locked for the transaction's changes.
func (t *Tx) BankTransactionEntity(id int64) (BankTransaction, int64, error) {
	var b BankTransaction
	var entityID int64
	err := translate(t.queryRow(`SELECT b.id, b.statement_id, b.account_id, b.amount, b.currency, b.booking_date, b.value_date,
		b.counterparty_name, b.counterparty_iban, b.remittance, b.entry_key, b.end_to_end_id, b.kind, b.match_state, b.rule, b.confidence, COALESCE(b.payment_id, 0),
		a.entity_id FROM bank_transactions b JOIN bank_accounts a ON a.id = b.account_id WHERE b.id = ?`, id).Scan(
		&b.ID, &b.StatementID, &b.AccountID, &b.Amount, &b.Currency, dateCol{&b.BookingDate}, dateCol{&b.ValueDate},
		&b.CounterpartyName, &b.CounterpartyIBAN, &b.Remittance, &b.EntryKey, &b.EndToEndID, &b.Kind, &b.State, &b.Rule, &b.Confidence, &b.PaymentID, &entityID))
	if err != nil {
		return b, 0, fmt.Errorf("bank transaction %d: %w", id, err)
	}
	return b, entityID, nil
}

// DecideBankTransaction records a person's decision on the transaction: its
// new match state and payment (0: none).
func (t *Tx) DecideBankTransaction(id int64, state string, paymentID int64, user string) error {
	if _, err := t.exec(`UPDATE bank_transactions SET match_state = ?, payment_id = ?, decided_at = ?, decided_by = ? WHERE id = ?`,
		state, nullID(paymentID), ts(t.s.now()), user, id); err != nil {
		return fmt.Errorf("decide bank transaction %d: %w", id, err)
	}
	return nil
}

// Decision actions on a bank transaction.
const (
	DecideAllocate  = "allocate"   // allocated to items by a person (a suggestion accepted, or split)
	DecideOnAccount = "on_account" // assigned to a customer as unallocated cash
	DecideIgnore    = "ignore"     // set aside: not a customer's payment
	DecideLearnIBAN = "learn_iban" // the payer's IBAN remembered for a customer
	DecideReopen    = "reopen"     // an applied match undone: back in the queue
)

// BankDecision is one decision a person took on a bank transaction.
type BankDecision struct {
	ID            int64
	TransactionID int64
	EntityID      int64
	Action        string // Decide... constant
	PreviousState string
	CustomerID    int64
	PaymentID     int64
	OverridesAuto bool // the decision undid an automatic match: counted as a wrong match
	Detail        string
	User          string
	CreatedAt     time.Time
	// filled when listing
	Amount   int64
	Currency string
	Payer    string
}

// InsertBankDecision logs a decision.
func (t *Tx) InsertBankDecision(d BankDecision) (int64, error) {
	id, err := t.insertID(`INSERT INTO bank_decisions (transaction_id, entity_id, action, previous_state, customer_id, payment_id,
		overrides_auto, detail, username, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		d.TransactionID, d.EntityID, d.Action, d.PreviousState, nullID(d.CustomerID), nullID(d.PaymentID), d.OverridesAuto,
		d.Detail, d.User, ts(t.s.now()))
	if err != nil {
		return 0, fmt.Errorf("log bank decision: %w", err)
	}
	return id, nil
}

// BankDecisions lists the entity's latest decisions, newest first.
func (s *Store) BankDecisions(ctx context.Context, sc ledger.Scope, entityID int64, limit int) ([]BankDecision, error) {
	q := `SELECT d.id, d.transaction_id, d.entity_id, d.action, d.previous_state, COALESCE(d.customer_id, 0), COALESCE(d.payment_id, 0),
		d.overrides_auto, d.detail, d.username, d.created_at, b.amount, b.currency, b.counterparty_name
		FROM bank_decisions d JOIN bank_transactions b ON b.id = d.transaction_id WHERE d.entity_id = ?` + scopeClause("d.entity_id", sc) +
		` ORDER BY d.id DESC LIMIT ?`
	rows, err := s.read.QueryContext(ctx, s.q(q), entityID, limit)
	if err != nil {
		return nil, fmt.Errorf("bank decisions: %w", err)
	}
	defer rows.Close()
	var out []BankDecision
	for rows.Next() {
		var d BankDecision
		if err := rows.Scan(&d.ID, &d.TransactionID, &d.EntityID, &d.Action, &d.PreviousState, &d.CustomerID, &d.PaymentID,
			&d.OverridesAuto, &d.Detail, &d.User, timeCol{&d.CreatedAt}, &d.Amount, &d.Currency, &d.Payer); err != nil {
			return nil, fmt.Errorf("bank decisions: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("bank decisions: %w", err)
	}
	return out, nil
}

// RemovePayment deletes a payment: its allocations are reversed (the
// invoices' open amounts restored) and a bank transaction that pointed to
// it no longer does. Used to undo a match made from a bank statement.
func (t *Tx) RemovePayment(paymentID int64) error {
	old, err := t.allocations(paymentID)
	if err != nil {
		return err
	}
	if err := t.allocate(paymentID, old, -1); err != nil {
		return err
	}
	for _, q := range []string{"DELETE FROM allocations WHERE payment_id = ?",
		"UPDATE bank_transactions SET payment_id = NULL WHERE payment_id = ?",
		"DELETE FROM payments WHERE id = ?"} {
		if _, err := t.exec(q, paymentID); err != nil {
			return fmt.Errorf("remove payment %d: %w", paymentID, err)
		}
	}
	return nil
}

// ReverseBankWriteOffs undoes the write-offs a bank transaction caused: per
// invoice, a correcting adjustment of the opposite amount (adjustments are
// append-only) raises the open amount back. It returns how many invoices
// were corrected.
func (t *Tx) ReverseBankWriteOffs(entityID, transactionID int64, date ledger.Date, user string) (int, error) {
	rows, err := t.query(`SELECT invoice_id, currency, SUM(amount) FROM adjustments
		WHERE entity_id = ? AND ref_kind = 'bank_transaction' AND ref_id = ? AND kind = ? GROUP BY invoice_id, currency`,
		entityID, transactionID, AdjustWriteOff)
	if err != nil {
		return 0, fmt.Errorf("bank write-offs: %w", err)
	}
	type wo struct {
		invoice int64
		cur     string
		amount  int64
	}
	var ws []wo
	for rows.Next() {
		var w wo
		if err := rows.Scan(&w.invoice, &w.cur, &w.amount); err != nil {
			rows.Close()
			return 0, fmt.Errorf("bank write-offs: %w", err)
		}
		if w.amount != 0 {
			ws = append(ws, w)
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return 0, fmt.Errorf("bank write-offs: %w", err)
	}
	now := ts(t.s.now())
	for _, w := range ws {
		if _, err := t.exec(`INSERT INTO adjustments (entity_id, invoice_id, kind, date, currency, amount, reason, ref_kind, ref_id, username, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'bank_transaction', ?, ?, ?)`, entityID, w.invoice, AdjustWriteOff, dateArg(date), w.cur, -w.amount,
			"match undone: write-off reversed", transactionID, user, now); err != nil {
			return 0, fmt.Errorf("reverse write-off of invoice %d: %w", w.invoice, err)
		}
		if _, err := t.exec(`UPDATE invoices SET open_amount = open_amount + ?,
			status = CASE WHEN open_amount + ? = 0 THEN 'paid' ELSE 'open' END, updated_at = ? WHERE id = ?`,
			w.amount, w.amount, now, w.invoice); err != nil {
			return 0, fmt.Errorf("reverse write-off of invoice %d: %w", w.invoice, err)
		}
	}
	return len(ws), nil
}

// InvoiceOpen is what a person's allocation needs to know of an invoice.
type InvoiceOpen struct {
	ID         int64
	EntityID   int64
	CustomerID int64
	Number     string
	Currency   string
	Open       int64
}

// InvoiceOpen returns an invoice's open amount, customer and entity.
func (t *Tx) InvoiceOpen(id int64) (InvoiceOpen, error) {
	i := InvoiceOpen{ID: id}
	err := translate(t.queryRow("SELECT entity_id, customer_id, number, currency, open_amount FROM invoices WHERE id = ?", id).Scan(
		&i.EntityID, &i.CustomerID, &i.Number, &i.Currency, &i.Open))
	if err != nil {
		return i, fmt.Errorf("invoice %d: %w", id, err)
	}
	return i, nil
}

// CustomerEntity returns the entity of a customer.
func (t *Tx) CustomerEntity(id int64) (int64, error) {
	var e int64
	if err := translate(t.queryRow("SELECT entity_id FROM customers WHERE id = ?", id).Scan(&e)); err != nil {
		return 0, fmt.Errorf("customer %d: %w", id, err)
	}
	return e, nil
}

// CustomerNames returns the names of the entity's customers with the ids,
// read on a reader connection (for pages).
func (s *Store) CustomerNames(ctx context.Context, entityID int64, ids []int64) (map[int64]string, error) {
	query := s.reader(ctx)
	out := make(map[int64]string, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := []any{entityID}
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := query("SELECT id, name FROM customers WHERE entity_id = ? AND id IN ("+placeholders(len(chunk))+")", args...)
		if err != nil {
			return nil, fmt.Errorf("customer names: %w", err)
		}
		for rows.Next() {
			var id int64
			var n string
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("customer names: %w", err)
			}
			out[id] = n
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("customer names: %w", err)
		}
	}
	return out, nil
}
