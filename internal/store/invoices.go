package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// invoiceWriteCols are the columns an import writes, in argument order.
var invoiceWriteCols = []string{"customer_id", "kind", "invoice_date", "due_date", "currency", "amount", "open_amount",
	"payment_ref", "product_group", "po_number", "description", "status", "source", "source_open", "import_id"}

// InvoiceRow is an invoice as an import writes it: the values, their content
// hash, and the open amount the source gave (nil when it gave none).
type InvoiceRow struct {
	Invoice    ledger.Invoice
	Hash       uint64
	SourceOpen *int64
	ImportID   int64 // the import writing it (0: none)
}

func (r InvoiceRow) args() []any {
	i := r.Invoice
	var so any
	if r.SourceOpen != nil {
		so = *r.SourceOpen
	}
	return []any{i.CustomerID, i.Kind, dateArg(i.InvoiceDate), dateArg(i.DueDate), i.Currency, i.Amount, i.OpenAmount,
		i.PaymentRef, i.ProductGroup, i.PONumber, i.Description, ledger.InvoiceStatus(i.OpenAmount), i.Source, so, nullID(r.ImportID)}
}

const invoiceSelect = `SELECT i.id, i.entity_id, e.code, i.customer_id, c.number, i.kind, i.number, i.invoice_date, i.due_date,
	i.currency, i.amount, i.open_amount, i.payment_ref, i.product_group, i.po_number, i.description, i.status, i.source, i.updated_at
	FROM invoices i JOIN entities e ON e.id = i.entity_id JOIN customers c ON c.id = i.customer_id`

func scanInvoice(row interface{ Scan(...any) error }) (ledger.Invoice, error) {
	var i ledger.Invoice
	err := row.Scan(&i.ID, &i.EntityID, &i.EntityCode, &i.CustomerID, &i.CustomerNumber, &i.Kind, &i.Number,
		dateCol{&i.InvoiceDate}, dateCol{&i.DueDate}, &i.Currency, &i.Amount, &i.OpenAmount, &i.PaymentRef,
		&i.ProductGroup, &i.PONumber, &i.Description, &i.Status, &i.Source, timeCol{&i.UpdatedAt})
	return i, translate(err)
}

// Invoice returns one invoice or credit note, if its entity is in scope.
func (s *Store) Invoice(ctx context.Context, sc ledger.Scope, id int64) (ledger.Invoice, error) {
	i, err := scanInvoice(s.read.QueryRowContext(ctx, s.q(invoiceSelect+" WHERE i.id = ?"+scopeClause("i.entity_id", sc)), id))
	if err != nil {
		return i, fmt.Errorf("invoice %d: %w", id, err)
	}
	return i, nil
}

func invoiceWhere(f ledger.InvoiceFilter) (string, []any) {
	var w strings.Builder
	var args []any
	w.WriteString(" WHERE 1=1")
	w.WriteString(scopeClause("i.entity_id", f.Scope))
	add := func(cond string, v any) {
		w.WriteString(cond)
		args = append(args, v)
	}
	if f.EntityID != 0 {
		add(" AND i.entity_id = ?", f.EntityID)
	}
	if f.CustomerID != 0 {
		add(" AND i.customer_id = ?", f.CustomerID)
	}
	if f.Status != "" {
		add(" AND i.status = ?", f.Status)
	}
	if f.Kind != "" {
		add(" AND i.kind = ?", f.Kind)
	}
	if f.Number != "" {
		add(" AND i.number = ?", f.Number)
	}
	if !f.From.IsZero() {
		add(" AND i.invoice_date >= ?", f.From.String())
	}
	if !f.To.IsZero() {
		add(" AND i.invoice_date <= ?", f.To.String())
	}
	return w.String(), args
}

// Invoices lists invoices matching the filter (newest due date first) and
// the total count ignoring Offset and Limit.
func (s *Store) Invoices(ctx context.Context, f ledger.InvoiceFilter) ([]ledger.Invoice, int, error) {
	where, args := invoiceWhere(f)
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM invoices i"+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count invoices: %w", err)
	}
	var out []ledger.Invoice
	err := s.eachInvoice(ctx, where+" ORDER BY i.due_date DESC, i.id DESC"+limitClause(f.Offset, f.Limit), args, func(i ledger.Invoice) error {
		out = append(out, i)
		return nil
	})
	return out, total, err
}

// EachInvoice streams the invoices matching the filter to fn, ordered by
// entity and number, without holding them in memory.
func (s *Store) EachInvoice(ctx context.Context, f ledger.InvoiceFilter, fn func(ledger.Invoice) error) error {
	where, args := invoiceWhere(f)
	return s.eachInvoice(ctx, where+" ORDER BY e.code, i.number", args, fn)
}

func (s *Store) eachInvoice(ctx context.Context, tail string, args []any, fn func(ledger.Invoice) error) error {
	rows, err := s.read.QueryContext(ctx, s.q(invoiceSelect+tail), args...)
	if err != nil {
		return fmt.Errorf("list invoices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		i, err := scanInvoice(rows)
		if err != nil {
			return fmt.Errorf("list invoices: %w", err)
		}
		if err := fn(i); err != nil {
			return err
		}
	}
	return rows.Err()
}

// InvoiceKey is what an import needs to know of an existing invoice.
type InvoiceKey struct {
	ID         int64
	Kind       string
	CustomerID int64
	Currency   string
	Amount     int64
	OpenAmount int64
	Allocated  int64  // sum of its allocations and adjustments: what payments and write-offs took off it
	SourceOpen *int64 // the open amount the source last gave, if any
	ImportID   int64  // the import that last wrote it
	Hash       uint64
}

// InvoiceKeys returns number -> key for those of the given invoice numbers
// that exist in the entity.
func (t *Tx) InvoiceKeys(entityID int64, numbers []string) (map[string]InvoiceKey, error) {
	return t.s.invoiceKeys(t.ctx, t, entityID, numbers)
}

// CommittedInvoiceKeys is InvoiceKeys as the database stands outside any
// running transaction (on a reader connection). A bulk import looks up
// this way: on PostgreSQL, reading the table in the importing transaction
// slows its following COPYs more than twofold (measured, docs/benchmarks.md);
// the import catches its own repeated numbers itself.
func (s *Store) CommittedInvoiceKeys(ctx context.Context, entityID int64, numbers []string) (map[string]InvoiceKey, error) {
	return s.invoiceKeys(ctx, nil, entityID, numbers)
}

func (s *Store) invoiceKeys(ctx context.Context, t *Tx, entityID int64, numbers []string) (map[string]InvoiceKey, error) {
	query := func(q string, args ...any) (*sql.Rows, error) {
		if t != nil {
			return t.query(q, args...)
		}
		if s.dialect == Postgres {
			// planned afresh each time (no cached generic plan): the
			// table fills up while the import runs
			args = append([]any{pgx.QueryExecModeSimpleProtocol}, args...)
		}
		r, err := s.read.QueryContext(ctx, s.q(q), args...)
		return r, translate(err)
	}
	out := make(map[string]InvoiceKey, len(numbers))
	const chunk = 900
	for start := 0; start < len(numbers); start += chunk {
		part := numbers[start:min(start+chunk, len(numbers))]
		var rows *sql.Rows
		var err error
		q := `SELECT i.number, i.id, i.kind, i.customer_id, i.currency, i.amount, i.open_amount, i.source_open, COALESCE(i.import_id, 0), i.row_hash,
			COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.invoice_id = i.id), 0)
			+ COALESCE((SELECT SUM(j.amount) FROM adjustments j WHERE j.invoice_id = i.id), 0)
			FROM invoices i WHERE i.entity_id = ? AND i.number `
		if s.dialect == Postgres {
			// One index probe per number, whatever the planner believes
			// about a table an import is filling (without statistics it
			// would hash-join and scan the whole table per batch):
			// LATERAL with LIMIT 1 on the unique key leaves it no choice.
			// Custom plans, so no plan made while the table was empty is kept.
			if t != nil && !t.customPlans {
				if _, err := t.exec("SET LOCAL plan_cache_mode = force_custom_plan"); err != nil {
					return nil, fmt.Errorf("invoice keys: %w", err)
				}
				t.customPlans = true
			}
			rows, err = query(`SELECT i.number, i.id, i.kind, i.customer_id, i.currency, i.amount, i.open_amount, i.source_open,
			COALESCE(i.import_id, 0), i.row_hash, COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.invoice_id = i.id), 0)
			+ COALESCE((SELECT SUM(j.amount) FROM adjustments j WHERE j.invoice_id = i.id), 0)
			FROM unnest(CAST(? AS TEXT[])) AS n(number)
			CROSS JOIN LATERAL (SELECT * FROM invoices WHERE entity_id = ? AND number = n.number LIMIT 1) i`, part, entityID)
		} else {
			args := make([]any, 0, len(part)+1)
			args = append(args, entityID)
			for _, n := range part {
				args = append(args, n)
			}
			rows, err = query(q+"IN ("+placeholders(len(part))+")", args...)
		}
		if err != nil {
			return nil, fmt.Errorf("invoice keys: %w", err)
		}
		for rows.Next() {
			var n string
			var k InvoiceKey
			var h int64
			var so sql.NullInt64
			if err := rows.Scan(&n, &k.ID, &k.Kind, &k.CustomerID, &k.Currency, &k.Amount, &k.OpenAmount, &so, &k.ImportID, &h, &k.Allocated); err != nil {
				rows.Close()
				return nil, fmt.Errorf("invoice keys: %w", err)
			}
			k.Hash = uint64(h)
			if so.Valid {
				k.SourceOpen = &so.Int64
			}
			out[n] = k
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("invoice keys: %w", err)
		}
	}
	return out, nil
}

// InsertInvoices adds new invoices in bulk: COPY on PostgreSQL, multi-row
// prepared inserts on SQLite.
func (t *Tx) InsertInvoices(rows []InvoiceRow) error {
	if len(rows) == 0 {
		return nil
	}
	now := ts(t.s.now())
	cols := append([]string{"entity_id", "number"}, invoiceWriteCols...)
	cols = append(cols, "row_hash", "created_at", "updated_at")
	if t.s.dialect == Postgres {
		nowT := t.s.now().UTC()
		src := make([][]any, len(rows))
		for k, r := range rows {
			i := r.Invoice
			var so any
			if r.SourceOpen != nil {
				so = *r.SourceOpen
			}
			src[k] = []any{i.EntityID, i.Number, i.CustomerID, i.Kind, i.InvoiceDate.Time(), i.DueDate.Time(), i.Currency,
				i.Amount, i.OpenAmount, i.PaymentRef, i.ProductGroup, i.PONumber, i.Description,
				ledger.InvoiceStatus(i.OpenAmount), i.Source, so, nullID(r.ImportID), int64(r.Hash), nowT, nowT}
		}
		return t.copyFrom("invoices", cols, src)
	}
	const per = 50
	for start := 0; start < len(rows); start += per {
		part := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(part)*len(cols))
		for _, r := range part {
			args = append(args, r.Invoice.EntityID, r.Invoice.Number)
			args = append(args, r.args()...)
			args = append(args, int64(r.Hash), now, now)
		}
		q := "INSERT INTO invoices (" + strings.Join(cols, ", ") + ") VALUES " + valueRows(len(part), len(cols))
		if err := t.bulkExec(len(part) == per, q, args...); err != nil {
			return fmt.Errorf("insert invoices: %w", err)
		}
	}
	return nil
}

// copyFrom bulk-loads rows with PostgreSQL's COPY inside the transaction.
func (t *Tx) copyFrom(table string, cols []string, src [][]any) error {
	if isLedgerTable(table) {
		t.ledger = true
	}
	err := t.conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		_, err := pc.CopyFrom(t.ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(src))
		return err
	})
	if err != nil {
		return fmt.Errorf("copy into %s: %w", table, translate(err))
	}
	return nil
}

// UpdateInvoices keeps the current versions in the history and overwrites
// the invoices (rows[k].ID must be set) with the new values.
func (t *Tx) UpdateInvoices(rows []InvoiceRow, importID int64) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]int64, len(rows))
	for k, r := range rows {
		ids[k] = r.Invoice.ID
	}
	if err := t.snapshot("invoice", "invoices", append([]string{"number"}, append(invoiceWriteCols, "updated_at")...), ids, importID); err != nil {
		return err
	}
	now := ts(t.s.now())
	for _, r := range rows {
		i := r.Invoice
		args := append(r.args(), int64(r.Hash), now, i.ID)
		if _, err := t.exec("UPDATE invoices SET "+strings.Join(invoiceWriteCols, "=?, ")+"=?, row_hash=?, updated_at=? WHERE id=?", args...); err != nil {
			return fmt.Errorf("update invoice %s: %w", i.Number, err)
		}
	}
	return nil
}

// Balance is what a customer owes in one currency: the open amount (credit
// notes deducted) and the part of it on invoices past due on a day.
type Balance struct {
	Currency string
	Open     int64
	Overdue  int64
}

// CustomerBalances sums the open items of the given customers (in scope)
// per currency in one query, for lists that show a balance per row.
func (s *Store) CustomerBalances(ctx context.Context, sc ledger.Scope, ids []int64, today ledger.Date) (map[int64][]Balance, error) {
	out := make(map[int64][]Balance, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT i.customer_id, i.currency, SUM(i.open_amount),
		SUM(CASE WHEN i.open_amount > 0 AND i.due_date < ? THEN i.open_amount ELSE 0 END)
		FROM invoices i WHERE i.status = 'open' AND i.customer_id IN (`+idList(ids)+`)`+scopeClause("i.entity_id", sc)+`
		GROUP BY i.customer_id, i.currency ORDER BY i.customer_id, i.currency`), today.String())
	if err != nil {
		return nil, fmt.Errorf("customer balances: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var b Balance
		if err := rows.Scan(&id, &b.Currency, &b.Open, &b.Overdue); err != nil {
			return nil, fmt.Errorf("customer balances: %w", err)
		}
		out[id] = append(out[id], b)
	}
	return out, rows.Err()
}
