package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// DisputeReasons lists the reason codes in their order (inactive too).
func (s *Store) DisputeReasons(ctx context.Context) ([]disputes.Reason, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT code, label, sla_days, active FROM dispute_reasons ORDER BY position, code")
	if err != nil {
		return nil, fmt.Errorf("dispute reasons: %w", err)
	}
	defer rows.Close()
	var out []disputes.Reason
	for rows.Next() {
		var r disputes.Reason
		if err := rows.Scan(&r.Code, &r.Label, &r.SLADays, &r.Active); err != nil {
			return nil, fmt.Errorf("dispute reasons: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveDisputeReason adds a reason code or changes its label, SLA and
// whether it is offered; a new one goes last.
func (s *Store) SaveDisputeReason(ctx context.Context, r disputes.Reason) error {
	return s.Tx(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE dispute_reasons SET label = ?, sla_days = ?, active = ? WHERE code = ?", r.Label, r.SLADays, r.Active, r.Code)
		if err != nil {
			return fmt.Errorf("save dispute reason: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		if _, err := tx.exec(`INSERT INTO dispute_reasons (code, label, sla_days, active, position)
			VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM dispute_reasons))`, r.Code, r.Label, r.SLADays, r.Active); err != nil {
			return fmt.Errorf("save dispute reason: %w", err)
		}
		return nil
	})
}

// DisputeQueue is a team that owns disputes.
type DisputeQueue struct {
	Code    string
	Name    string
	Manager string   // username; gets the escalations
	Members []string // usernames
}

// DisputeQueues lists the queues with their members.
func (s *Store) DisputeQueues(ctx context.Context) ([]DisputeQueue, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT q.code, q.name, q.manager, COALESCE(m.username, '') FROM dispute_queues q
		LEFT JOIN dispute_queue_members m ON m.queue = q.code ORDER BY q.code, m.username`)
	if err != nil {
		return nil, fmt.Errorf("dispute queues: %w", err)
	}
	defer rows.Close()
	var out []DisputeQueue
	for rows.Next() {
		var q DisputeQueue
		var member string
		if err := rows.Scan(&q.Code, &q.Name, &q.Manager, &member); err != nil {
			return nil, fmt.Errorf("dispute queues: %w", err)
		}
		if n := len(out); n > 0 && out[n-1].Code == q.Code {
			out[n-1].Members = append(out[n-1].Members, member)
			continue
		}
		if member != "" {
			q.Members = []string{member}
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// SaveDisputeQueue adds or changes a queue and replaces its members.
func (s *Store) SaveDisputeQueue(ctx context.Context, q DisputeQueue) error {
	return s.Tx(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE dispute_queues SET name = ?, manager = ? WHERE code = ?", q.Name, q.Manager, q.Code)
		if err != nil {
			return fmt.Errorf("save queue: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := tx.exec("INSERT INTO dispute_queues (code, name, manager) VALUES (?, ?, ?)", q.Code, q.Name, q.Manager); err != nil {
				return fmt.Errorf("save queue: %w", err)
			}
		}
		if _, err := tx.exec("DELETE FROM dispute_queue_members WHERE queue = ?", q.Code); err != nil {
			return fmt.Errorf("save queue: %w", err)
		}
		for _, m := range q.Members {
			if _, err := tx.exec("INSERT INTO dispute_queue_members (queue, username) VALUES (?, ?)", q.Code, m); err != nil {
				return fmt.Errorf("save queue member %s: %w", m, err)
			}
		}
		return nil
	})
}

const ruleCols = `id, position, COALESCE(entity_id, 0), reason, currency, min_amount, max_amount, risk_class, segment, customer_group,
	product_group, queue, assignee, priority FROM dispute_rules`

// DisputeRules lists the routing rules in the order they are tried: those
// of every entity and those of the entities in scope.
func (s *Store) DisputeRules(ctx context.Context, sc ledger.Scope) ([]disputes.Rule, error) {
	where := " WHERE (entity_id IS NULL OR 1=1" + scopeClause("entity_id", sc) + ")"
	return s.rules(ctx, s.read.QueryContext, where)
}

func (s *Store) rules(ctx context.Context, q func(context.Context, string, ...any) (*sql.Rows, error), where string) ([]disputes.Rule, error) {
	rows, err := q(ctx, "SELECT "+ruleCols+where+" ORDER BY position, id")
	if err != nil {
		return nil, fmt.Errorf("routing rules: %w", err)
	}
	defer rows.Close()
	var out []disputes.Rule
	for rows.Next() {
		var r disputes.Rule
		var prio string
		if err := rows.Scan(&r.ID, &r.Position, &r.EntityID, &r.Reason, &r.Currency, &r.MinAmount, &r.MaxAmount, &r.RiskClass,
			&r.Segment, &r.Group, &r.ProductGroup, &r.Queue, &r.Assignee, &prio); err != nil {
			return nil, fmt.Errorf("routing rules: %w", err)
		}
		r.Priority = disputes.Priority(prio)
		out = append(out, r)
	}
	return out, rows.Err()
}

// EntityDisputeRules lists, in the transaction, the rules that may route a
// dispute of an entity, in order.
func (t *Tx) EntityDisputeRules(entityID int64) ([]disputes.Rule, error) {
	return t.s.rules(t.ctx, t.tx.QueryContext, fmt.Sprintf(" WHERE (entity_id IS NULL OR entity_id = %d)", entityID))
}

// SaveDisputeRule adds a rule (ID 0; Position 0 puts it last) or changes
// one, and returns its id.
func (s *Store) SaveDisputeRule(ctx context.Context, r disputes.Rule, user string) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *Tx) error {
		args := []any{nullID(r.EntityID), r.Reason, r.Currency, r.MinAmount, r.MaxAmount, r.RiskClass, r.Segment, r.Group,
			r.ProductGroup, r.Queue, r.Assignee, string(r.Priority), user, ts(tx.s.now())}
		if r.ID != 0 {
			res, err := tx.exec(`UPDATE dispute_rules SET entity_id = ?, reason = ?, currency = ?, min_amount = ?, max_amount = ?,
				risk_class = ?, segment = ?, customer_group = ?, product_group = ?, queue = ?, assignee = ?, priority = ?,
				updated_by = ?, updated_at = ?, position = ? WHERE id = ?`, append(args, r.Position, r.ID)...)
			if err != nil {
				return fmt.Errorf("save rule: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return ledger.Errorf(ledger.ErrNotFound, "rule %d not found", r.ID)
			}
			id = r.ID
			return nil
		}
		pos := r.Position
		if pos == 0 {
			if err := tx.queryRow("SELECT COALESCE(MAX(position), 0) + 1 FROM dispute_rules").Scan(&pos); err != nil {
				return fmt.Errorf("save rule: %w", err)
			}
		}
		var err error
		id, err = tx.insertID(`INSERT INTO dispute_rules (entity_id, reason, currency, min_amount, max_amount, risk_class, segment,
			customer_group, product_group, queue, assignee, priority, updated_by, updated_at, position)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, pos)...)
		if err != nil {
			return fmt.Errorf("save rule: %w", err)
		}
		return nil
	})
	return id, err
}

// DeleteDisputeRule removes a rule (disputes it routed keep their owner).
func (s *Store) DeleteDisputeRule(ctx context.Context, id int64) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.exec("DELETE FROM dispute_rules WHERE id = ?", id); err != nil {
			return fmt.Errorf("delete rule: %w", err)
		}
		return nil
	})
}

// DefaultWriteOffThreshold is the threshold of an entity that set none:
// write-offs above 500.00 (minor units of its currency) need a credit manager.
const DefaultWriteOffThreshold = 50000

// WriteOffThreshold returns an entity's write-off approval threshold.
func (s *Store) WriteOffThreshold(ctx context.Context, entityID int64) (int64, error) {
	var v int64
	err := s.read.QueryRowContext(ctx, s.q("SELECT write_off_threshold FROM dispute_settings WHERE entity_id = ?"), entityID).Scan(&v)
	if err == sql.ErrNoRows {
		return DefaultWriteOffThreshold, nil
	}
	if err != nil {
		return 0, fmt.Errorf("write-off threshold: %w", err)
	}
	return v, nil
}

// SetWriteOffThreshold sets an entity's write-off approval threshold.
func (s *Store) SetWriteOffThreshold(ctx context.Context, entityID, threshold int64) error {
	return s.Tx(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE dispute_settings SET write_off_threshold = ? WHERE entity_id = ?", threshold, entityID)
		if err != nil {
			return fmt.Errorf("write-off threshold: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			_, err = tx.exec("INSERT INTO dispute_settings (entity_id, write_off_threshold) VALUES (?, ?)", entityID, threshold)
		}
		if err != nil {
			return fmt.Errorf("write-off threshold: %w", err)
		}
		return nil
	})
}
