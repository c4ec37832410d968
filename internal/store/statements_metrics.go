package store

import (
	"context"
	"fmt"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// BankImportCounts are the lines of money in one import booked for an
// entity, in one currency, by what became of them.
type BankImportCounts struct {
	ImportID   int64 // 0: booked before imports were recorded
	File       string
	At         time.Time
	Currency   string
	Lines      int   // incoming lines booked
	Amount     int64 // their total, minor units
	Auto       int   // still matched automatically
	AutoAmount int64
	Manual     int // allocated by a person
	Waiting    int // in the queue (suggested or unmatched)
	SetAside   int // ignored by a person
	Wrong      int // automatic matches a person undid
	WrongAmt   int64
}

// BankImportCounts returns the entity's incoming lines per import and
// currency, oldest import first.
func (s *Store) BankImportCounts(ctx context.Context, sc ledger.Scope, entityID int64) ([]BankImportCounts, error) {
	q := `SELECT COALESCE(b.import_id, 0), COALESCE(MIN(i.file), ''), MIN(b.created_at), b.currency, COUNT(*), SUM(b.amount),
		SUM(CASE WHEN b.match_state = 'auto' THEN 1 ELSE 0 END), SUM(CASE WHEN b.match_state = 'auto' THEN b.amount ELSE 0 END),
		SUM(CASE WHEN b.match_state = 'manual' THEN 1 ELSE 0 END),
		SUM(CASE WHEN b.match_state IN ('suggested', 'unmatched') THEN 1 ELSE 0 END),
		SUM(CASE WHEN b.match_state = 'ignored' THEN 1 ELSE 0 END),
		SUM(CASE WHEN w.transaction_id IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN w.transaction_id IS NOT NULL THEN b.amount ELSE 0 END)
		FROM bank_transactions b JOIN bank_accounts a ON a.id = b.account_id
		LEFT JOIN imports i ON i.id = b.import_id
		LEFT JOIN (SELECT DISTINCT transaction_id FROM bank_decisions WHERE entity_id = ? AND overrides_auto) w ON w.transaction_id = b.id
		WHERE a.entity_id = ? AND b.kind = 'incoming'` + scopeClause("a.entity_id", sc) + `
		GROUP BY COALESCE(b.import_id, 0), b.currency ORDER BY COALESCE(b.import_id, 0), b.currency`
	rows, err := s.read.QueryContext(ctx, s.q(q), entityID, entityID)
	if err != nil {
		return nil, fmt.Errorf("bank metrics: %w", err)
	}
	defer rows.Close()
	var out []BankImportCounts
	for rows.Next() {
		var c BankImportCounts
		if err := rows.Scan(&c.ImportID, &c.File, timeCol{&c.At}, &c.Currency, &c.Lines, &c.Amount, &c.Auto, &c.AutoAmount, &c.Manual,
			&c.Waiting, &c.SetAside, &c.Wrong, &c.WrongAmt); err != nil {
			return nil, fmt.Errorf("bank metrics: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("bank metrics: %w", err)
	}
	return out, nil
}

// QueueDates returns, per booking date, how many of the entity's incoming
// lines wait in the queue.
func (s *Store) QueueDates(ctx context.Context, sc ledger.Scope, entityID int64) (map[ledger.Date]int, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT b.booking_date, COUNT(*) FROM bank_transactions b JOIN bank_accounts a ON a.id = b.account_id
		WHERE a.entity_id = ? AND b.kind = 'incoming' AND b.match_state IN ('suggested', 'unmatched')`+scopeClause("a.entity_id", sc)+`
		GROUP BY b.booking_date`), entityID)
	if err != nil {
		return nil, fmt.Errorf("queue age: %w", err)
	}
	defer rows.Close()
	out := map[ledger.Date]int{}
	for rows.Next() {
		var d ledger.Date
		var n int
		if err := rows.Scan(dateCol{&d}, &n); err != nil {
			return nil, fmt.Errorf("queue age: %w", err)
		}
		out[d] += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue age: %w", err)
	}
	return out, nil
}
