package store

import (
	"fmt"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// BankBooking is one bank transaction to book, with the payment an
// automatic match made of it (nil when none).
type BankBooking struct {
	Tx      BankTransaction
	Payment *ledger.Payment // Reference set; Allocations carry InvoiceID; ID is set by BookBank
}

// bookChunk is how many rows one multi-row statement writes.
const bookChunk = 400

// TakenPaymentRefs returns which of the references the entity's payments
// use already.
func (t *Tx) TakenPaymentRefs(entityID int64, refs []string) (map[string]bool, error) {
	out := map[string]bool{}
	for start := 0; start < len(refs); start += bookChunk {
		chunk := refs[start:min(start+bookChunk, len(refs))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, entityID)
		for _, r := range chunk {
			args = append(args, r)
		}
		q := "SELECT reference FROM payments WHERE entity_id = ? AND reference IN (" + placeholders(len(chunk)) + ")"
		if t.s.dialect == Postgres {
			// one index probe per reference, whatever the planner believes
			// of a table this import is filling (see InvoiceKeys)
			q, args = `SELECT p.reference FROM unnest(CAST(? AS TEXT[])) AS r(ref)
				CROSS JOIN LATERAL (SELECT reference FROM payments WHERE entity_id = ? AND reference = r.ref LIMIT 1) p`, []any{chunk, entityID}
		}
		rows, err := t.query(q, args...)
		if err != nil {
			return nil, fmt.Errorf("payment references: %w", err)
		}
		for rows.Next() {
			var r string
			if err := rows.Scan(&r); err != nil {
				rows.Close()
				return nil, fmt.Errorf("payment references: %w", err)
			}
			out[r] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("payment references: %w", err)
		}
	}
	return out, nil
}

// BookBank writes bookings in bulk, a few hundred rows a statement: the
// payments (their ids set), their allocations, the allocated invoices'
// open amounts and statuses, and the transactions with their payments. It
// returns the transactions' ids, in order.
func (t *Tx) BookBank(bs []BankBooking) ([]int64, error) {
	if t.s.dialect == Postgres {
		return t.bookBankCopy(bs)
	}
	now := ts(t.s.now())
	// payments, with ids given here: nobody else writes while a SQLite
	// write transaction is open, and RETURNING cost a tenth of the writing
	var ps []*ledger.Payment
	for k := range bs {
		if bs[k].Payment != nil {
			ps = append(ps, bs[k].Payment)
		}
	}
	last, err := t.lastID("payments")
	if err != nil {
		return nil, err
	}
	for start := 0; start < len(ps); start += bookChunk {
		chunk := ps[start:min(start+bookChunk, len(ps))]
		args := make([]any, 0, len(chunk)*12)
		for _, p := range chunk {
			last++
			p.ID = last
			args = append(args, p.ID, p.EntityID, p.Reference, nullID(p.CustomerID), dateArg(p.Date), p.Currency, p.Amount, p.Description,
				p.Source, int64(0), now, now)
		}
		if err := t.bulkExec(len(chunk) == bookChunk, `INSERT INTO payments (id, entity_id, reference, customer_id, date, currency, amount, description,
			source, row_hash, created_at, updated_at) VALUES `+valueRows(len(chunk), 12), args...); err != nil {
			return nil, fmt.Errorf("book payments: %w", err)
		}
	}
	// allocations, and what each invoice's open amount goes down by
	type alloc struct {
		payment, invoice, amount int64
	}
	var as []alloc
	delta := map[int64]int64{}
	var order []int64
	for _, p := range ps {
		if p.ID == 0 {
			return nil, fmt.Errorf("book payment %s: no id returned", p.Reference)
		}
		for _, a := range p.Allocations {
			as = append(as, alloc{p.ID, a.InvoiceID, a.Amount})
			if _, seen := delta[a.InvoiceID]; !seen {
				order = append(order, a.InvoiceID)
			}
			delta[a.InvoiceID] += a.Amount
		}
	}
	for start := 0; start < len(as); start += bookChunk {
		chunk := as[start:min(start+bookChunk, len(as))]
		args := make([]any, 0, len(chunk)*4)
		for _, a := range chunk {
			args = append(args, a.payment, a.invoice, a.amount, now)
		}
		if err := t.bulkExec(len(chunk) == bookChunk, "INSERT INTO allocations (payment_id, invoice_id, amount, created_at) VALUES "+valueRows(len(chunk), 4), args...); err != nil {
			return nil, fmt.Errorf("book allocations: %w", err)
		}
	}
	if err := t.lowerOpen(order, delta, now); err != nil {
		return nil, err
	}
	// the transactions, ids given here too
	if last, err = t.lastID("bank_transactions"); err != nil {
		return nil, err
	}
	ids := make([]int64, len(bs))
	for start := 0; start < len(bs); start += bookChunk {
		chunk := bs[start:min(start+bookChunk, len(bs))]
		args := make([]any, 0, len(chunk)*24)
		for k, bk := range chunk {
			b := bk.Tx
			pid := b.PaymentID
			if bk.Payment != nil {
				pid = bk.Payment.ID
			}
			last++
			ids[start+k] = last
			args = append(args, last, b.StatementID, b.AccountID, b.EntryKey, b.Amount, b.Currency, dateArg(b.BookingDate), dateArg(b.ValueDate),
				b.CounterpartyName, b.CounterpartyIBAN, b.Remittance, b.StructuredRef, b.EndToEndID, b.ReturnCode, b.Kind, b.State, b.Rule,
				b.Confidence, b.Difference, b.Note, b.Suggestion, nullID(pid), nullID(b.ImportID), now)
		}
		if err := t.bulkExec(len(chunk) == bookChunk, `INSERT INTO bank_transactions (id, statement_id, account_id, entry_key, amount, currency, booking_date,
			value_date, counterparty_name, counterparty_iban, remittance, structured_ref, end_to_end_id, return_code, kind, match_state, rule,
			confidence, difference, note, suggestion, payment_id, import_id, created_at) VALUES `+valueRows(len(chunk), 24), args...); err != nil {
			return nil, fmt.Errorf("book bank transactions: %w", err)
		}
	}
	return ids, nil
}

// lastID returns the highest id of a table (SQLite), 0 when empty.
func (t *Tx) lastID(table string) (int64, error) {
	var id int64
	if err := t.queryRow("SELECT COALESCE(MAX(id), 0) FROM " + table).Scan(&id); err != nil {
		return 0, fmt.Errorf("last %s id: %w", table, translate(err))
	}
	return id, nil
}

// lowerOpen lowers the invoices' open amounts by delta, a few hundred
// invoices a statement, and sets their statuses.
func (t *Tx) lowerOpen(order []int64, delta map[int64]int64, now string) error {
	cast := func(s string) string { return s }
	if t.s.dialect == Postgres {
		cast = func(s string) string { return "CAST(" + s + " AS BIGINT)" }
	}
	for start := 0; start < len(order); start += bookChunk {
		chunk := order[start:min(start+bookChunk, len(order))]
		var v strings.Builder
		args := make([]any, 0, len(chunk)*2+1)
		for k, id := range chunk {
			if k > 0 {
				v.WriteByte(',')
			}
			v.WriteString("(" + cast("?") + "," + cast("?") + ")")
			args = append(args, id, delta[id])
		}
		q := "WITH v(id, d) AS (VALUES " + v.String() + `) UPDATE invoices SET open_amount = invoices.open_amount - v.d,
			status = CASE WHEN invoices.open_amount - v.d = 0 THEN 'paid' ELSE 'open' END, updated_at = ? FROM v WHERE invoices.id = v.id`
		args = append(args, now) // updated_at comes after the VALUES in the text
		if err := t.bulkExec(len(chunk) == bookChunk, q, args...); err != nil {
			return fmt.Errorf("lower open amounts: %w", err)
		}
	}
	return nil
}

// LearnIBANs records IBANs of customers (IBAN -> customer) in bulk; an IBAN
// already known keeps its customer.
func (t *Tx) LearnIBANs(entityID int64, ibans map[string]int64) error {
	list := make([]string, 0, len(ibans))
	for iban := range ibans {
		list = append(list, iban)
	}
	if t.s.dialect == Postgres && len(list) > 0 {
		custs := make([]int64, len(list))
		for k, iban := range list {
			custs[k] = ibans[iban]
		}
		if _, err := t.exec(`INSERT INTO customer_ibans (iban, entity_id, customer_id, learned_at)
			SELECT v.iban, ?, v.c, ? FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[])) AS v(iban, c)
			ON CONFLICT (entity_id, iban) DO NOTHING`, entityID, ts(t.s.now()), list, custs); err != nil {
			return fmt.Errorf("learn ibans: %w", err)
		}
		return nil
	}
	now := ts(t.s.now())
	for start := 0; start < len(list); start += bookChunk {
		chunk := list[start:min(start+bookChunk, len(list))]
		args := make([]any, 0, len(chunk)*4)
		for _, iban := range chunk {
			args = append(args, iban, entityID, ibans[iban], now)
		}
		if err := t.bulkExec(len(chunk) == bookChunk, "INSERT INTO customer_ibans (iban, entity_id, customer_id, learned_at) VALUES "+valueRows(len(chunk), 4)+
			" ON CONFLICT (entity_id, iban) DO NOTHING", args...); err != nil {
			return fmt.Errorf("learn ibans: %w", err)
		}
	}
	return nil
}

// valueRows returns "(?,?,..),(?,?,..)": rows rows of cols placeholders.
func valueRows(rows, cols int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
	return strings.TrimSuffix(strings.Repeat(one+",", rows), ",")
}

// nextIDs reserves n ids of a table's identity column (PostgreSQL).
func (t *Tx) nextIDs(table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if n == 0 {
		return ids, nil
	}
	rows, err := t.query("SELECT nextval(pg_get_serial_sequence('"+table+"', 'id')) FROM generate_series(1, ?)", n)
	if err != nil {
		return nil, fmt.Errorf("reserve %s ids: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("reserve %s ids: %w", table, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// pgDate is a date for COPY: NULL when zero.
func pgDate(d ledger.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.Time()
}

// bookBankCopy is BookBank on PostgreSQL: ids reserved from the
// sequences, every row written with COPY, the open amounts lowered in one
// statement over arrays.
func (t *Tx) bookBankCopy(bs []BankBooking) ([]int64, error) {
	now := t.s.now().UTC()
	var ps []*ledger.Payment
	for k := range bs {
		if bs[k].Payment != nil {
			ps = append(ps, bs[k].Payment)
		}
	}
	pids, err := t.nextIDs("payments", len(ps))
	if err != nil {
		return nil, err
	}
	delta := map[int64]int64{}
	var order []int64
	for k, p := range ps {
		p.ID = pids[k]
		for _, a := range p.Allocations {
			if _, seen := delta[a.InvoiceID]; !seen {
				order = append(order, a.InvoiceID)
			}
			delta[a.InvoiceID] += a.Amount
		}
	}
	if err := t.copyPayments(ps, nil, now); err != nil {
		return nil, err
	}
	if len(order) > 0 {
		ds := make([]int64, len(order))
		for k, id := range order {
			ds[k] = delta[id]
		}
		if _, err := t.exec(`UPDATE invoices SET open_amount = invoices.open_amount - v.d,
			status = CASE WHEN invoices.open_amount - v.d = 0 THEN 'paid' ELSE 'open' END, updated_at = ?
			FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) AS v(id, d) WHERE invoices.id = v.id`, now, order, ds); err != nil {
			return nil, fmt.Errorf("lower open amounts: %w", err)
		}
	}
	ids, err := t.nextIDs("bank_transactions", len(bs))
	if err != nil {
		return nil, err
	}
	rows := make([][]any, len(bs))
	for k, bk := range bs {
		b := bk.Tx
		pid := b.PaymentID
		if bk.Payment != nil {
			pid = bk.Payment.ID
		}
		rows[k] = []any{ids[k], b.StatementID, b.AccountID, b.EntryKey, b.Amount, b.Currency, pgDate(b.BookingDate), pgDate(b.ValueDate),
			b.CounterpartyName, b.CounterpartyIBAN, b.Remittance, b.StructuredRef, b.EndToEndID, b.ReturnCode, b.Kind, b.State, b.Rule,
			int64(b.Confidence), b.Difference, b.Note, b.Suggestion, nullID(pid), nullID(b.ImportID), now}
	}
	if err := t.copyFrom("bank_transactions", []string{"id", "statement_id", "account_id", "entry_key", "amount", "currency", "booking_date",
		"value_date", "counterparty_name", "counterparty_iban", "remittance", "structured_ref", "end_to_end_id", "return_code", "kind",
		"match_state", "rule", "confidence", "difference", "note", "suggestion", "payment_id", "import_id", "created_at"}, rows); err != nil {
		return nil, err
	}
	return ids, nil
}
