package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// FloorInsertInvoices writes n invoices made by gen into the invoices table
// the fastest plain way each database has: one prepared single-row INSERT
// in one transaction on SQLite, COPY on PostgreSQL. It is the floor the
// import benchmark compares itself with: no parsing, no validation, no
// lookups. gen fills row k; the customer ids must exist.
func (s *Store) FloorInsertInvoices(ctx context.Context, n int, gen func(k int, inv *ledger.Invoice)) error {
	cols := append([]string{"entity_id", "number"}, invoiceWriteCols...)
	cols = append(cols, "row_hash", "created_at", "updated_at")
	now := ts(s.now())
	return s.Tx(ctx, func(tx *Tx) error {
		if s.dialect == Postgres {
			nowT := s.now().UTC()
			src := &floorSource{n: n, gen: gen, now: nowT}
			return tx.conn.Raw(func(dc any) error {
				_, err := dc.(*stdlib.Conn).Conn().CopyFrom(ctx, pgx.Identifier{"invoices"}, cols, src)
				if err != nil {
					return fmt.Errorf("floor copy: %w", err)
				}
				return nil
			})
		}
		stmt, err := tx.prepare("INSERT INTO invoices (" + strings.Join(cols, ", ") + ") VALUES (" + placeholders(len(cols)) + ")")
		if err != nil {
			return fmt.Errorf("floor prepare: %w", err)
		}
		defer stmt.Close()
		var inv ledger.Invoice
		for k := 0; k < n; k++ {
			gen(k, &inv)
			args := append([]any{inv.EntityID, inv.Number}, InvoiceRow{Invoice: inv}.args()...)
			args = append(args, int64(k), now, now)
			if _, err := stmt.ExecContext(ctx, args...); err != nil {
				return fmt.Errorf("floor insert: %w", err)
			}
		}
		return nil
	})
}

// floorSource feeds generated invoices to COPY without holding them.
type floorSource struct {
	n, k int
	gen  func(int, *ledger.Invoice)
	inv  ledger.Invoice
	now  any
}

func (f *floorSource) Next() bool {
	if f.k >= f.n {
		return false
	}
	f.gen(f.k, &f.inv)
	f.k++
	return true
}

func (f *floorSource) Values() ([]any, error) {
	i := f.inv
	return []any{i.EntityID, i.Number, i.CustomerID, i.Kind, i.InvoiceDate.Time(), i.DueDate.Time(), i.Currency,
		i.Amount, i.OpenAmount, i.PaymentRef, i.ProductGroup, i.PONumber, i.Description,
		ledger.InvoiceStatus(i.OpenAmount), i.Source, nil, nil, int64(f.k), f.now, f.now}, nil
}

func (f *floorSource) Err() error { return nil }
