package store

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// The ledger's version is one number that every transaction writing what
// the figures (KPIs) are computed from raises by one when it commits, in the
// same transaction. A reader that reads the version before it reads the
// ledger can keep what it computed and use it again as long as the version
// has not moved: a transaction committed in between leaves the figures
// labelled with the older version, which is then no longer current.
//
// The store notices such writes itself: every statement a Tx runs (exec,
// query, prepare, COPY) is checked for a write to one of ledgerTables, so a
// new writer cannot forget it. Writes outside a Tx (Store methods on s.db)
// touch only columns no figure reads (a customer's dunning scheme, pause).

// ledgerTables are the tables the figures read: the items and their
// history, disputes, promises, the customers' dimensions, the entities, the
// exchange rates, and the dunning runs with their actions and items (the
// dunning effectiveness). A held message is released only with its run's
// approval (a write to dunning_runs), so messages need not be listed.
var ledgerTables = []string{"invoices", "allocations", "payments", "adjustments", "disputes", "dispute_items",
	"promises", "customers", "entities", "exchange_rates", "dunning_runs", "dunning_actions", "dunning_action_items"}

var ledgerWrite = regexp.MustCompile(`(?i)\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(` + strings.Join(ledgerTables, "|") + `)\b`)

// isLedgerWrite reports whether the statement writes one of ledgerTables.
// Every statement of a transaction is asked, reads included, so most are
// turned away by a plain search for the three verbs first (a regular
// expression over a SELECT costs some 10 µs; the search a fraction of one).
func isLedgerWrite(query string) bool {
	u := strings.ToUpper(query)
	if !strings.Contains(u, "INSERT") && !strings.Contains(u, "UPDATE") && !strings.Contains(u, "DELETE") {
		return false
	}
	return ledgerWrite.MatchString(query)
}

// isLedgerTable reports whether the table is one of ledgerTables.
func isLedgerTable(table string) bool {
	for _, t := range ledgerTables {
		if t == table {
			return true
		}
	}
	return false
}

// note marks the transaction as one that changes the ledger when the
// statement writes a ledger table.
func (t *Tx) note(query string) {
	if !t.ledger && isLedgerWrite(query) {
		t.ledger = true
	}
}

// raiseVersion raises the ledger's version; the transaction calls it just
// before it commits when it wrote the ledger.
func (t *Tx) raiseVersion() error {
	if _, err := t.tx.ExecContext(t.ctx, "UPDATE ledger_version SET version = version + 1 WHERE id = 1"); err != nil {
		return fmt.Errorf("raise the ledger version: %w", translate(err))
	}
	return nil
}

// LedgerVersion returns the ledger's version: it changes whenever a
// transaction that wrote the ledger commits.
func (s *Store) LedgerVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.read.QueryRowContext(ctx, "SELECT version FROM ledger_version WHERE id = 1").Scan(&v); err != nil {
		return 0, fmt.Errorf("ledger version: %w", translate(err))
	}
	return v, nil
}
