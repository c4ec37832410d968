package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// SchemeRecord is a stored dunning scheme with the rule that selects it.
// A customer gets its override scheme, else the first scheme of its entity
// (by priority) whose non-empty match fields all match, else the entity's
// default scheme.
type SchemeRecord struct {
	ID             int64
	EntityID       int64
	Priority       int
	MatchSegment   string
	MatchRiskClass string
	MatchKind      string // ledger.KindB2B, ledger.KindConsumer or ""
	IsDefault      bool
	Scheme         dunning.Scheme
	UpdatedAt      time.Time
}

// Matches reports whether the scheme's rule selects the customer.
func (r SchemeRecord) Matches(c DunningCustomer) bool {
	if r.MatchSegment == "" && r.MatchRiskClass == "" && r.MatchKind == "" {
		return false // no rule: only as default or override
	}
	return (r.MatchSegment == "" || r.MatchSegment == c.Segment) &&
		(r.MatchRiskClass == "" || r.MatchRiskClass == c.RiskClass) &&
		(r.MatchKind == "" || r.MatchKind == c.Kind)
}

// SaveScheme inserts or updates (by ID, or by entity and name) a scheme.
// Making a scheme the default unsets the entity's previous default.
func (s *Store) SaveScheme(ctx context.Context, r SchemeRecord) (int64, error) {
	levels, err := json.Marshal(r.Scheme.Levels)
	if err != nil {
		return 0, err
	}
	id := r.ID
	err = s.Tx(ctx, func(tx *Tx) error {
		now := ts(s.now())
		if id == 0 {
			err := tx.queryRow("SELECT id FROM dunning_schemes WHERE entity_id = ? AND name = ?", r.EntityID, r.Scheme.Name).Scan(&id)
			if err != nil && !isNotFound(translate(err)) {
				return err
			}
		}
		if r.IsDefault {
			if _, err := tx.exec("UPDATE dunning_schemes SET is_default = ? WHERE entity_id = ? AND id <> ?", false, r.EntityID, id); err != nil {
				return err
			}
		}
		args := []any{r.Scheme.Name, r.Priority, r.MatchSegment, r.MatchRiskClass, r.MatchKind, r.IsDefault, r.Scheme.MinGapDays, string(levels), now}
		if id != 0 {
			_, err := tx.exec(`UPDATE dunning_schemes SET name=?, priority=?, match_segment=?, match_risk_class=?, match_kind=?, is_default=?,
				min_gap_days=?, levels=?, updated_at=? WHERE id=? AND entity_id=?`, append(args, id, r.EntityID)...)
			return err
		}
		var err error
		id, err = tx.insertID(`INSERT INTO dunning_schemes (name, priority, match_segment, match_risk_class, match_kind, is_default,
			min_gap_days, levels, updated_at, entity_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, append(args, r.EntityID, now)...)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("save scheme %q: %w", r.Scheme.Name, err)
	}
	return id, nil
}

// Schemes lists an entity's schemes in the order they are tried.
func (s *Store) Schemes(ctx context.Context, entityID int64) ([]SchemeRecord, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, entity_id, name, priority, match_segment, match_risk_class, match_kind,
		is_default, min_gap_days, levels, updated_at FROM dunning_schemes WHERE entity_id = ? ORDER BY priority, id`), entityID)
	if err != nil {
		return nil, fmt.Errorf("schemes: %w", err)
	}
	defer rows.Close()
	var out []SchemeRecord
	for rows.Next() {
		var r SchemeRecord
		var levels string
		if err := rows.Scan(&r.ID, &r.EntityID, &r.Scheme.Name, &r.Priority, &r.MatchSegment, &r.MatchRiskClass, &r.MatchKind,
			&r.IsDefault, &r.Scheme.MinGapDays, &levels, timeCol{&r.UpdatedAt}); err != nil {
			return nil, fmt.Errorf("schemes: %w", err)
		}
		if err := json.Unmarshal([]byte(levels), &r.Scheme.Levels); err != nil {
			return nil, fmt.Errorf("scheme %d levels: %w", r.ID, err)
		}
		r.Scheme.ID = r.ID
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetCustomerScheme sets (or with 0 clears) a customer's scheme override.
func (s *Store) SetCustomerScheme(ctx context.Context, customerID, schemeID int64) error {
	_, err := s.db.ExecContext(ctx, s.q("UPDATE customers SET dunning_scheme_id = ? WHERE id = ?"), nullID(schemeID), customerID)
	if err != nil {
		return fmt.Errorf("set customer scheme: %w", translate(err))
	}
	return nil
}

// SetDunningPause pauses dunning for a customer until a date (inclusive),
// or resumes it with a zero date.
func (t *Tx) SetDunningPause(customerID int64, until ledger.Date, reason string) error {
	if _, err := t.exec("UPDATE customers SET dunning_paused_until = ?, dunning_pause_reason = ? WHERE id = ?",
		dateArg(until), reason, customerID); err != nil {
		return fmt.Errorf("pause dunning: %w", translate(err))
	}
	return nil
}

// DunningCustomer is a customer with its open items, as the daily run reads
// them: everything Decide needs plus what selects the scheme.
type DunningCustomer struct {
	ID           int64
	Kind         string
	Segment      string
	RiskClass    string
	SchemeID     int64 // override, 0 if none
	PausedUntil  ledger.Date
	LastContact  ledger.Date
	CostsCharged bool
	CostsNotice  ledger.Date
	Items        []dunning.Item
}

// EachDunningCustomer streams the entity's customers that have open items
// due on or before dueBy (credit notes always count), with their items and
// dunning state, ordered by customer id. The slice of items is reused.
func (s *Store) EachDunningCustomer(ctx context.Context, entityID int64, dueBy ledger.Date, fn func(*DunningCustomer) error) error {
	state := map[int64][3]ledger.Date{} // last contact, costs charged (non-zero), costs notice
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT customer_id, MAX(action_date),
		MAX(CASE WHEN costs > 0 THEN action_date END), MIN(CASE WHEN announced_costs > 0 THEN action_date END)
		FROM dunning_actions WHERE entity_id = ? GROUP BY customer_id`), entityID)
	if err != nil {
		return fmt.Errorf("dunning state: %w", err)
	}
	for rows.Next() {
		var id int64
		var st [3]ledger.Date
		if err := rows.Scan(&id, dateCol{&st[0]}, dateCol{&st[1]}, dateCol{&st[2]}); err != nil {
			rows.Close()
			return fmt.Errorf("dunning state: %w", err)
		}
		state[id] = st
	}
	rows.Close()
	rows, err = s.read.QueryContext(ctx, s.q(`SELECT c.id, c.kind, c.segment, c.risk_class, COALESCE(c.dunning_scheme_id, 0), c.dunning_paused_until,
		i.id, i.number, i.kind, i.due_date, i.currency, i.open_amount,
		COALESCE((SELECT MAX(l.level) FROM dunning_action_items l WHERE l.invoice_id = i.id), 0)
		FROM invoices i JOIN customers c ON c.id = i.customer_id
		WHERE i.entity_id = ? AND i.status = 'open' AND (i.due_date <= ? OR i.kind = 'credit_note')
		ORDER BY c.id, i.due_date, i.number`), entityID, dueBy.String())
	if err != nil {
		return fmt.Errorf("dunning items: %w", err)
	}
	defer rows.Close()
	var cur DunningCustomer
	flush := func() error {
		if cur.ID == 0 {
			return nil
		}
		st := state[cur.ID]
		cur.LastContact, cur.CostsCharged, cur.CostsNotice = st[0], !st[1].IsZero(), st[2]
		return fn(&cur)
	}
	for rows.Next() {
		var c DunningCustomer
		var it dunning.Item
		if err := rows.Scan(&c.ID, &c.Kind, &c.Segment, &c.RiskClass, &c.SchemeID, dateCol{&c.PausedUntil},
			&it.InvoiceID, &it.Number, &it.Kind, dateCol{&it.DueDate}, &it.Currency, &it.Open, &it.Level); err != nil {
			return fmt.Errorf("dunning items: %w", err)
		}
		if c.ID != cur.ID {
			if err := flush(); err != nil {
				return err
			}
			items := cur.Items[:0]
			cur = c
			cur.Items = items
		}
		cur.Items = append(cur.Items, it)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("dunning items: %w", err)
	}
	return flush()
}

// CustomersByID returns the customers with the given ids (any entity).
func (s *Store) CustomersByID(ctx context.Context, ids []int64) (map[int64]ledger.Customer, error) {
	out := make(map[int64]ledger.Customer, len(ids))
	for start := 0; start < len(ids); start += 500 {
		cs, err := s.listCustomers(ctx, " WHERE c.id IN ("+idList(ids[start:min(start+500, len(ids))])+")", nil)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out[c.ID] = c
		}
	}
	return out, nil
}

// EntityDunning holds an entity's dunning settings.
type EntityDunning struct {
	Time      string // time of day of the daily run, "06:00"
	Approval  bool   // runs wait for a credit manager before anything is sent
	PortalURL string // base URL of the customer portal, for links in reminders
}

// EntityDunning returns an entity's dunning settings.
func (s *Store) EntityDunning(ctx context.Context, entityID int64) (EntityDunning, error) {
	var d EntityDunning
	err := s.read.QueryRowContext(ctx, s.q("SELECT dunning_time, dunning_approval, portal_url FROM entities WHERE id = ?"), entityID).
		Scan(&d.Time, &d.Approval, &d.PortalURL)
	if err != nil {
		return d, fmt.Errorf("entity %d dunning settings: %w", entityID, translate(err))
	}
	return d, nil
}

// SetEntityDunning changes an entity's dunning settings.
func (s *Store) SetEntityDunning(ctx context.Context, entityID int64, d EntityDunning) error {
	_, err := s.db.ExecContext(ctx, s.q("UPDATE entities SET dunning_time = ?, dunning_approval = ?, portal_url = ? WHERE id = ?"),
		d.Time, d.Approval, d.PortalURL, entityID)
	if err != nil {
		return fmt.Errorf("entity %d dunning settings: %w", entityID, translate(err))
	}
	return nil
}

// AddDefaultSchemes gives an entity without schemes the given ones, in one
// transaction; two processes doing it at once end with one set.
func (s *Store) AddDefaultSchemes(ctx context.Context, entityID int64, rs []SchemeRecord) error {
	return s.Tx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow("SELECT COUNT(*) FROM dunning_schemes WHERE entity_id = ?", entityID).Scan(&n); err != nil {
			return fmt.Errorf("default schemes: %w", err)
		}
		if n > 0 {
			return nil
		}
		now := ts(s.now())
		for _, r := range rs {
			levels, err := json.Marshal(r.Scheme.Levels)
			if err != nil {
				return err
			}
			if _, err := tx.exec(`INSERT INTO dunning_schemes (entity_id, name, priority, match_segment, match_risk_class, match_kind, is_default,
				min_gap_days, levels, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (entity_id, name) DO NOTHING`,
				entityID, r.Scheme.Name, r.Priority, r.MatchSegment, r.MatchRiskClass, r.MatchKind, r.IsDefault, r.Scheme.MinGapDays,
				string(levels), now, now); err != nil {
				return fmt.Errorf("default scheme %q: %w", r.Scheme.Name, err)
			}
		}
		return nil
	})
}

// DunningPause returns until when (inclusive) and why dunning is paused for
// a customer in scope; a zero date when it is not paused.
func (s *Store) DunningPause(ctx context.Context, sc ledger.Scope, customerID int64) (ledger.Date, string, error) {
	var until ledger.Date
	var reason string
	err := s.read.QueryRowContext(ctx, s.q("SELECT dunning_paused_until, dunning_pause_reason FROM customers WHERE id = ?"+scopeClause("entity_id", sc)),
		customerID).Scan(dateCol{&until}, &reason)
	if err != nil {
		return until, "", fmt.Errorf("dunning pause of customer %d: %w", customerID, translate(err))
	}
	return until, reason, nil
}

// CustomerDunningRule returns what selects a customer's dunning scheme
// besides its kind and segment: its scheme override (0: none) and risk class.
func (s *Store) CustomerDunningRule(ctx context.Context, customerID int64) (schemeID int64, riskClass string, err error) {
	err = s.read.QueryRowContext(ctx, s.q("SELECT COALESCE(dunning_scheme_id, 0), risk_class FROM customers WHERE id = ?"), customerID).
		Scan(&schemeID, &riskClass)
	if err != nil {
		return 0, "", fmt.Errorf("dunning rule of customer %d: %w", customerID, translate(err))
	}
	return schemeID, riskClass, nil
}
