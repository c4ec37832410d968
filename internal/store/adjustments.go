package store

import (
	"context"
	"fmt"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Adjustment kinds.
const (
	AdjustWriteOff      = "write_off"      // written off: bank costs within tolerance, a dispute settled so
	AdjustCreditPending = "credit_pending" // a credit note agreed in Kredo, to be booked in the ERP
)

// Adjustment lowers an invoice's open amount without cash. It is the one
// mechanism for everything that is not a payment: the ledger's open amount
// is amount − allocations − adjustments.
type Adjustment struct {
	ID        int64
	EntityID  int64
	InvoiceID int64
	Kind      string
	Date      ledger.Date
	Currency  string
	Amount    int64 // taken off the open amount (same sign as the invoice's open amount)
	Reason    string
	RefKind   string // what caused it: dispute, bank_transaction
	RefID     int64
	User      string
}

// InsertAdjustment records an adjustment and lowers the invoice's open
// amount by it, in the transaction. It may not take the open amount past
// zero (an invoice below zero, a credit note above zero) and must be in the
// invoice's currency.
func (t *Tx) InsertAdjustment(a Adjustment) (int64, error) {
	var cur string
	var open, entityID int64
	if err := t.queryRow("SELECT entity_id, currency, open_amount FROM invoices WHERE id = ?", a.InvoiceID).Scan(&entityID, &cur, &open); err != nil {
		return 0, fmt.Errorf("adjust invoice %d: %w", a.InvoiceID, translate(err))
	}
	switch {
	case entityID != a.EntityID:
		return 0, ledger.Errorf(ledger.ErrNotFound, "invoice %d is not in this entity", a.InvoiceID)
	case cur != a.Currency:
		return 0, ledger.Errorf(ledger.ErrInvalid, "adjustment in %s on an invoice in %s", a.Currency, cur)
	case a.Amount == 0:
		return 0, ledger.Errorf(ledger.ErrInvalid, "an adjustment of zero")
	case (a.Amount > 0) != (open > 0) || abs64(a.Amount) > abs64(open):
		return 0, ledger.Errorf(ledger.ErrInvalid, "adjustment of %s is more than the open %s",
			ledger.FormatAmount(a.Amount, cur), ledger.FormatAmount(open, cur))
	}
	now := ts(t.s.now())
	id, err := t.insertID(`INSERT INTO adjustments (entity_id, invoice_id, kind, date, currency, amount, reason, ref_kind, ref_id, username, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.EntityID, a.InvoiceID, a.Kind, dateArg(a.Date), a.Currency, a.Amount,
		a.Reason, a.RefKind, nullID(a.RefID), a.User, now)
	if err != nil {
		return 0, fmt.Errorf("adjust invoice %d: %w", a.InvoiceID, err)
	}
	if _, err := t.exec(`UPDATE invoices SET open_amount = open_amount - ?,
		status = CASE WHEN open_amount - ? = 0 THEN 'paid' ELSE 'open' END, updated_at = ? WHERE id = ?`,
		a.Amount, a.Amount, now, a.InvoiceID); err != nil {
		return 0, fmt.Errorf("adjust invoice %d: %w", a.InvoiceID, err)
	}
	return id, nil
}

// Adjustments lists an invoice's adjustments, oldest first; its entity
// must be in scope.
func (s *Store) Adjustments(ctx context.Context, sc ledger.Scope, invoiceID int64) ([]Adjustment, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, entity_id, invoice_id, kind, date, currency, amount, reason, ref_kind,
		COALESCE(ref_id, 0), username FROM adjustments WHERE invoice_id = ?`+scopeClause("entity_id", sc)+` ORDER BY id`), invoiceID)
	if err != nil {
		return nil, fmt.Errorf("adjustments: %w", translate(err))
	}
	defer rows.Close()
	var out []Adjustment
	for rows.Next() {
		var a Adjustment
		if err := rows.Scan(&a.ID, &a.EntityID, &a.InvoiceID, &a.Kind, dateCol{&a.Date}, &a.Currency, &a.Amount, &a.Reason, &a.RefKind, &a.RefID, &a.User); err != nil {
			return nil, fmt.Errorf("adjustments: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
