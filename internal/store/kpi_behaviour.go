package store

import (
	"context"
	"fmt"

	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// The inputs of the behaviour figures (docs/kpi.md): the dunning levels the
// entity's items reached, and the lives of its disputes. The items' dated
// history is KPIItems': every item with a positive open amount on a day
// after its Since is among the items it returns (an item closed since was
// closed by history dated after that day), so the caller finds each dunned
// item there instead of reading the history twice.

// DunningReached is an item reaching a dunning level on a date.
type DunningReached struct {
	InvoiceID int64
	Number    string // the invoice number, unique per entity
	Level     int
	Reached   ledger.Date // the run's date: the date of the reminder or letter
}

// KPIDunningReached returns the dunning levels the entity's items reached
// in the runs dated from from to to (both included) whose messages went
// out: a run awaiting a credit manager's approval does not count, nor does
// an action whose messages are still held (a run with approval that was
// interrupted before it finished). A run approved counts from its own date.
// Ordered by date, invoice and level.
//
// The runs are found by their (entity, date) key and the actions by run;
// held messages are few (one run's worth at most), read once.
func (s *Store) KPIDunningReached(ctx context.Context, entityID int64, from, to ledger.Date) ([]DunningReached, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT ai.invoice_id, i.number, ai.level, r.run_date
		FROM dunning_runs r JOIN dunning_actions a ON a.run_id = r.id
		JOIN dunning_action_items ai ON ai.action_id = a.id JOIN invoices i ON i.id = ai.invoice_id
		WHERE r.entity_id = ? AND r.run_date >= ? AND r.run_date <= ? AND r.status <> ?
		AND a.id NOT IN (SELECT m.action_id FROM messages m WHERE m.status = ? AND m.action_id IS NOT NULL)
		ORDER BY r.run_date, ai.invoice_id, ai.level`), entityID, from.String(), to.String(), RunAwaitingApproval, MsgHeld)
	if err != nil {
		return nil, fmt.Errorf("kpi dunning: %w", err)
	}
	defer rows.Close()
	var out []DunningReached
	for rows.Next() {
		var d DunningReached
		if err := rows.Scan(&d.InvoiceID, &d.Number, &d.Level, dateCol{&d.Reached}); err != nil {
			return nil, fmt.Errorf("kpi dunning: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kpi dunning: %w", err)
	}
	return out, nil
}

// KPIDisputeLives returns the days the entity's disputes were opened and
// closed (resolved or rejected; zero while open), of the disputes opened on
// or before to and not closed before from: those kpi.DisputeResolution
// counts over from..to. A dispute closed after to is returned with its
// closing day, so as-of figures see it open at to.
func (s *Store) KPIDisputeLives(ctx context.Context, entityID int64, from, to ledger.Date) ([]kpi.Dispute, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT opened_date, resolved_date FROM disputes
		WHERE entity_id = ? AND opened_date <= ? AND (resolved_date IS NULL OR resolved_date >= ?) ORDER BY id`),
		entityID, to.String(), from.String())
	if err != nil {
		return nil, fmt.Errorf("kpi dispute lives: %w", err)
	}
	defer rows.Close()
	var out []kpi.Dispute
	for rows.Next() {
		var d kpi.Dispute
		if err := rows.Scan(dateCol{&d.Opened}, dateCol{&d.Resolved}); err != nil {
			return nil, fmt.Errorf("kpi dispute lives: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kpi dispute lives: %w", err)
	}
	return out, nil
}
