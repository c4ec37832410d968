package store

import (
	"fmt"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// RecentPayment is a customer's payment with the invoices it pays, as the
// demo's bank statement shows it.
type RecentPayment struct {
	ID             int64
	Date           ledger.Date
	Amount         int64
	Description    string
	CustomerNumber string
	CustomerName   string
	ParentNumber   string
	ParentName     string
	Items          []RecentItem
}

// RecentItem is one allocation of a RecentPayment.
type RecentItem struct {
	Number     string
	PaymentRef string
	Amount     int64
}

// RecentPayments returns the entity's payments of the source from the
// date on that are allocated to invoices only (no credit notes), in date
// order, with their allocations.
func (t *Tx) RecentPayments(entityID int64, source string, from ledger.Date) ([]RecentPayment, error) {
	rows, err := t.query(`SELECT p.id, p.date, p.amount, p.description, c.number, c.name, c.parent_number, COALESCE(pc.name, ''),
		i.number, i.payment_ref, a.amount
		FROM payments p JOIN customers c ON c.id = p.customer_id
		LEFT JOIN customers pc ON pc.entity_id = c.entity_id AND pc.number = c.parent_number AND c.parent_number <> ''
		JOIN allocations a ON a.payment_id = p.id JOIN invoices i ON i.id = a.invoice_id
		WHERE p.entity_id = ? AND p.source = ? AND p.date >= ? AND p.amount > 0
		AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.payment_id = p.id AND x.amount <= 0)
		ORDER BY p.date, p.id, a.id`, entityID, source, dateArg(from))
	if err != nil {
		return nil, fmt.Errorf("recent payments: %w", err)
	}
	defer rows.Close()
	var out []RecentPayment
	for rows.Next() {
		var p RecentPayment
		var it RecentItem
		if err := rows.Scan(&p.ID, dateCol{&p.Date}, &p.Amount, &p.Description, &p.CustomerNumber, &p.CustomerName, &p.ParentNumber,
			&p.ParentName, &it.Number, &it.PaymentRef, &it.Amount); err != nil {
			return nil, fmt.Errorf("recent payments: %w", err)
		}
		if n := len(out); n > 0 && out[n-1].ID == p.ID {
			out[n-1].Items = append(out[n-1].Items, it)
			continue
		}
		p.Items = []RecentItem{it}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("recent payments: %w", err)
	}
	return out, nil
}
