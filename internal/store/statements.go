package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/bank/match"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// BankAccount is a bank account of an entity, known from an imported statement.
type BankAccount struct {
	ID       int64
	EntityID int64
	Account  string // IBAN (upper case, no spaces) or the bank's account id
}

// BankAccount returns the registered account, and false when it is not known yet.
func (t *Tx) BankAccount(account string) (BankAccount, bool, error) {
	a := BankAccount{Account: account}
	err := translate(t.queryRow("SELECT id, entity_id FROM bank_accounts WHERE account = ?", account).Scan(&a.ID, &a.EntityID))
	if isNotFound(err) {
		return a, false, nil
	}
	if err != nil {
		return a, false, fmt.Errorf("bank account %s: %w", account, err)
	}
	return a, true, nil
}

// RegisterBankAccount registers an account to an entity.
func (t *Tx) RegisterBankAccount(entityID int64, account string) (BankAccount, error) {
	id, err := t.insertID("INSERT INTO bank_accounts (entity_id, account, created_at) VALUES (?,?,?)", entityID, account, ts(t.s.now()))
	if err != nil {
		return BankAccount{}, fmt.Errorf("register bank account %s: %w", account, err)
	}
	return BankAccount{ID: id, EntityID: entityID, Account: account}, nil
}

// StatementRow is an imported bank statement.
type StatementRow struct {
	ID            int64
	AccountID     int64
	Account       string // filled when listing
	EntityID      int64  // filled when listing
	Format        string
	Number        string
	StatementID   string // the parser's Statement.ID, unique per account
	Currency      string
	OpeningDate   ledger.Date
	OpeningAmount *int64 // nil when the statement has no opening balance
	ClosingDate   ledger.Date
	ClosingAmount *int64 // nil when the statement has no closing balance
	File          string
	ImportedAt    time.Time
}

// InsertStatement records a statement, or finds the one with the same
// account and statement id (imported before); existed says which.
func (t *Tx) InsertStatement(st StatementRow) (id int64, existed bool, err error) {
	err = translate(t.queryRow("SELECT id FROM statements WHERE account_id = ? AND statement_id = ?", st.AccountID, st.StatementID).Scan(&id))
	if err == nil {
		return id, true, nil
	}
	if !isNotFound(err) {
		return 0, false, fmt.Errorf("statement %s: %w", st.StatementID, err)
	}
	id, err = t.insertID(`INSERT INTO statements (account_id, format, number, statement_id, currency, opening_date, opening_amount,
		closing_date, closing_amount, file, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		st.AccountID, st.Format, st.Number, st.StatementID, st.Currency, dateArg(st.OpeningDate), st.OpeningAmount,
		dateArg(st.ClosingDate), st.ClosingAmount, st.File, ts(t.s.now()))
	if err != nil {
		return 0, false, fmt.Errorf("insert statement %s: %w", st.StatementID, err)
	}
	return id, false, nil
}

// Match states of a bank transaction.
const (
	MatchAuto      = "auto"      // applied automatically: a payment was created
	MatchSuggested = "suggested" // a person should confirm the best suggestion
	MatchUnmatched = "unmatched" // money in that nothing fits
	MatchIgnored   = "ignored"   // not a payment in (outgoing, reversal, return), or set aside by a person
	MatchManual    = "manual"    // a person allocated it in the queue (or put it on account): a payment was created
)

// BankTransaction is one booked transaction of a statement.
type BankTransaction struct {
	ID               int64
	StatementID      int64
	AccountID        int64
	EntryKey         string // the bank's reference, else a content hash; unique per account
	Amount           int64  // signed minor units: + money in
	Currency         string
	BookingDate      ledger.Date
	ValueDate        ledger.Date
	CounterpartyName string
	CounterpartyIBAN string
	Remittance       string
	StructuredRef    string
	EndToEndID       string
	ReturnCode       string
	Kind             string // incoming, outgoing, reversal, return
	State            string // Match... constant
	Rule             string
	Confidence       int
	Difference       int64     // paid minus allocated (applied or best suggestion)
	Note             string    // for people: a partial payment, a difference within tolerance
	Suggestion       string    // the best suggestion as JSON, for the review queue
	PaymentID        int64     // the ledger payment of an applied match, 0 if none
	ImportID         int64     // the import that booked it, 0 if unknown
	DecidedAt        time.Time // when a person last decided on it; zero if never
	DecidedBy        string
	CreatedAt        time.Time
}

// BookedEntryKeys returns which of the keys are already booked on the account.
func (t *Tx) BookedEntryKeys(accountID int64, keys []string) (map[string]bool, error) {
	out := make(map[string]bool)
	for start := 0; start < len(keys); start += 500 {
		chunk := keys[start:min(start+500, len(keys))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, accountID)
		for _, k := range chunk {
			args = append(args, k)
		}
		q := "SELECT entry_key FROM bank_transactions WHERE account_id = ? AND entry_key IN (" + placeholders(len(chunk)) + ")"
		if t.s.dialect == Postgres {
			// one index probe per key, whatever the planner believes of a
			// table this import is filling (see InvoiceKeys)
			q, args = `SELECT b.entry_key FROM unnest(CAST(? AS TEXT[])) AS k(key)
				CROSS JOIN LATERAL (SELECT entry_key FROM bank_transactions WHERE account_id = ? AND entry_key = k.key LIMIT 1) b`,
				[]any{chunk, accountID}
		}
		rows, err := t.query(q, args...)
		if err != nil {
			return nil, fmt.Errorf("booked entries: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, fmt.Errorf("booked entries: %w", err)
			}
			out[k] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("booked entries: %w", err)
		}
	}
	return out, nil
}

// MatchItem is an open invoice or credit note as the bank matcher needs it;
// ParentID is the customer's parent customer (parent_number resolved).
// Read into the matcher's own type, 300,000 items are not copied once more.
type MatchItem = match.OpenItem

// queryFunc runs a query: in a transaction (Tx.query) or on a reader
// connection.
type queryFunc func(query string, args ...any) (*sql.Rows, error)

// reader returns a queryFunc on the store's reader connections.
func (s *Store) reader(ctx context.Context) queryFunc {
	return func(query string, args ...any) (*sql.Rows, error) {
		r, err := s.read.QueryContext(ctx, s.q(query), args...)
		return r, translate(err)
	}
}

// OpenItems returns the entity's invoices and credit notes with an open
// amount, oldest due date first (see openItems), read on a reader
// connection: what is committed. Called while a write transaction is open
// and has not written invoices yet, it reads what that transaction sees,
// apart from it, so the transaction can do other work meanwhile: on SQLite
// nobody else commits while a write transaction is open; on PostgreSQL
// (read committed) a read in the transaction would not be more current.
func (s *Store) OpenItems(ctx context.Context, entityID int64) ([]MatchItem, error) {
	return openItems(s.reader(ctx), entityID)
}

// CustomerIBANs returns the IBANs known to belong to the entity's customers
// (IBAN -> customer id), read on a reader connection (see Store.OpenItems).
func (s *Store) CustomerIBANs(ctx context.Context, entityID int64) (map[string]int64, error) {
	return customerIBANs(s.reader(ctx), entityID)
}

// openItems reads the open items. The customers (name, parent) are read
// apart, once each, and the items sorted here: a join and an ORDER BY over
// every open item cost SQLite twice the time of the two plain reads.
func openItems(query queryFunc, entityID int64) ([]MatchItem, error) {
	type cust struct {
		name   string
		parent int64
	}
	custs := map[int64]cust{}
	rows, err := query(`SELECT c.id, c.name, COALESCE(p.id, 0) FROM customers c
		LEFT JOIN customers p ON p.entity_id = c.entity_id AND p.number = c.parent_number AND c.parent_number <> ''
		WHERE c.entity_id = ?`, entityID)
	if err != nil {
		return nil, fmt.Errorf("open items: %w", err)
	}
	for rows.Next() {
		var id int64
		var c cust
		if err := rows.Scan(&id, &c.name, &c.parent); err != nil {
			rows.Close()
			return nil, fmt.Errorf("open items: %w", err)
		}
		custs[id] = c
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("open items: %w", err)
	}
	rows, err = query(`SELECT id, customer_id, number, payment_ref, currency, open_amount, due_date FROM invoices
		WHERE entity_id = ? AND open_amount <> 0`, entityID)
	if err != nil {
		return nil, fmt.Errorf("open items: %w", err)
	}
	defer rows.Close()
	// the rows are kept in blocks (a slice grown by doubling copies them
	// over and over) and put in order by small keys, then copied once
	const block = 4096
	var blocks [][]MatchItem
	type key struct {
		due, id int64
		at      int32
	}
	var keys []key
	currencies := map[string]string{} // one string per currency, not per item
	for rows.Next() {
		if len(keys)%block == 0 {
			blocks = append(blocks, make([]MatchItem, block))
		}
		m := &blocks[len(keys)/block][len(keys)%block]
		if err := rows.Scan(&m.InvoiceID, &m.CustomerID, &m.Number, &m.PaymentRef, &m.Currency, &m.Open, dateCol{&m.DueDate}); err != nil {
			return nil, fmt.Errorf("open items: %w", err)
		}
		if c, ok := currencies[m.Currency]; ok {
			m.Currency = c
		} else {
			currencies[m.Currency] = m.Currency
		}
		c := custs[m.CustomerID]
		m.CustomerName, m.ParentID = c.name, c.parent
		keys = append(keys, key{due: m.DueDate.Time().Unix(), id: m.InvoiceID, at: int32(len(keys))})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("open items: %w", err)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.due, b.due); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	out := make([]MatchItem, len(keys))
	for k, x := range keys {
		out[k] = blocks[x.at/block][x.at%block]
	}
	return out, nil
}

func customerIBANs(query queryFunc, entityID int64) (map[string]int64, error) {
	rows, err := query("SELECT iban, customer_id FROM customer_ibans WHERE entity_id = ?", entityID)
	if err != nil {
		return nil, fmt.Errorf("customer ibans: %w", err)
	}
	defer rows.Close()
	out := make(map[string]int64)
	for rows.Next() {
		var iban string
		var id int64
		if err := rows.Scan(&iban, &id); err != nil {
			return nil, fmt.Errorf("customer ibans: %w", err)
		}
		out[iban] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("customer ibans: %w", err)
	}
	return out, nil
}

// LearnIBAN records a person's decision that an IBAN belongs to a customer
// of the entity; it replaces what was known of the IBAN (an import's
// LearnIBANs never does: a person corrects what a payment taught).
func (t *Tx) LearnIBAN(entityID, customerID int64, iban string) error {
	if _, err := t.exec(`INSERT INTO customer_ibans (iban, entity_id, customer_id, learned_at) VALUES (?,?,?,?)
		ON CONFLICT (entity_id, iban) DO UPDATE SET customer_id = excluded.customer_id, learned_at = excluded.learned_at`,
		iban, entityID, customerID, ts(t.s.now())); err != nil {
		return fmt.Errorf("learn iban: %w", err)
	}
	return nil
}

// Statements lists the imported statements of the scope's entities (and of
// one entity when entityID is not 0), newest first.
func (s *Store) Statements(ctx context.Context, sc ledger.Scope, entityID int64) ([]StatementRow, error) {
	q := `SELECT s.id, s.account_id, a.account, a.entity_id, s.format, s.number, s.statement_id, s.currency, s.opening_date,
		s.opening_amount, s.closing_date, s.closing_amount, s.file, s.imported_at
		FROM statements s JOIN bank_accounts a ON a.id = s.account_id WHERE 1=1` + scopeClause("a.entity_id", sc)
	var args []any
	if entityID != 0 {
		q += " AND a.entity_id = ?"
		args = append(args, entityID)
	}
	rows, err := s.read.QueryContext(ctx, s.q(q+" ORDER BY s.id DESC"), args...)
	if err != nil {
		return nil, fmt.Errorf("list statements: %w", err)
	}
	defer rows.Close()
	var out []StatementRow
	for rows.Next() {
		var r StatementRow
		if err := rows.Scan(&r.ID, &r.AccountID, &r.Account, &r.EntityID, &r.Format, &r.Number, &r.StatementID, &r.Currency,
			dateCol{&r.OpeningDate}, &r.OpeningAmount, dateCol{&r.ClosingDate}, &r.ClosingAmount, &r.File, timeCol{&r.ImportedAt}); err != nil {
			return nil, fmt.Errorf("list statements: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list statements: %w", err)
	}
	return out, nil
}

// BankTransactionFilter selects bank transactions.
type BankTransactionFilter struct {
	Scope       ledger.Scope
	EntityID    int64    // 0: all the scope allows
	StatementID int64    // 0: any
	State       string   // Match... constant; "": any
	States      []string // any of these Match... constants; nil: any
	Kind        string   // incoming, outgoing, ...; "": any
	ImportID    int64    // 0: any
	ID          int64    // 0: any
	Limit       int      // 0: no limit
	Newest      bool     // newest first (else booking order)
}

// EachBankTransaction streams the booked transactions the filter selects,
// in booking order.
func (s *Store) EachBankTransaction(ctx context.Context, f BankTransactionFilter, fn func(BankTransaction) error) error {
	var w strings.Builder
	var args []any
	w.WriteString(" WHERE 1=1")
	w.WriteString(scopeClause("a.entity_id", f.Scope))
	if f.EntityID != 0 {
		w.WriteString(" AND a.entity_id = ?")
		args = append(args, f.EntityID)
	}
	if f.StatementID != 0 {
		w.WriteString(" AND b.statement_id = ?")
		args = append(args, f.StatementID)
	}
	if f.State != "" {
		w.WriteString(" AND b.match_state = ?")
		args = append(args, f.State)
	}
	if len(f.States) > 0 {
		w.WriteString(" AND b.match_state IN (" + placeholders(len(f.States)) + ")")
		for _, st := range f.States {
			args = append(args, st)
		}
	}
	if f.Kind != "" {
		w.WriteString(" AND b.kind = ?")
		args = append(args, f.Kind)
	}
	if f.ImportID != 0 {
		w.WriteString(" AND b.import_id = ?")
		args = append(args, f.ImportID)
	}
	if f.ID != 0 {
		w.WriteString(" AND b.id = ?")
		args = append(args, f.ID)
	}
	order := " ORDER BY b.id"
	if f.Newest {
		order += " DESC"
	}
	if f.Limit > 0 {
		order += " LIMIT " + strconv.Itoa(f.Limit)
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT b.id, b.statement_id, b.account_id, b.entry_key, b.amount, b.currency, b.booking_date,
		b.value_date, b.counterparty_name, b.counterparty_iban, b.remittance, b.structured_ref, b.end_to_end_id, b.return_code, b.kind,
		b.match_state, b.rule, b.confidence, b.difference, b.note, b.suggestion, COALESCE(b.payment_id, 0), COALESCE(b.import_id, 0),
		b.decided_at, b.decided_by, b.created_at
		FROM bank_transactions b JOIN bank_accounts a ON a.id = b.account_id`+w.String()+order), args...)
	if err != nil {
		return fmt.Errorf("list bank transactions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b BankTransaction
		if err := rows.Scan(&b.ID, &b.StatementID, &b.AccountID, &b.EntryKey, &b.Amount, &b.Currency, dateCol{&b.BookingDate},
			dateCol{&b.ValueDate}, &b.CounterpartyName, &b.CounterpartyIBAN, &b.Remittance, &b.StructuredRef, &b.EndToEndID,
			&b.ReturnCode, &b.Kind, &b.State, &b.Rule, &b.Confidence, &b.Difference, &b.Note, &b.Suggestion, &b.PaymentID,
			&b.ImportID, timeCol{&b.DecidedAt}, &b.DecidedBy, timeCol{&b.CreatedAt}); err != nil {
			return fmt.Errorf("list bank transactions: %w", err)
		}
		if err := fn(b); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list bank transactions: %w", err)
	}
	return nil
}
