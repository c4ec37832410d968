package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
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
func (s *Store) SetDunningPause(ctx context.Context, customerID int64, until ledger.Date, reason string) error {
	_, err := s.db.ExecContext(ctx, s.q("UPDATE customers SET dunning_paused_until = ?, dunning_pause_reason = ? WHERE id = ?"),
		dateArg(until), reason, customerID)
	if err != nil {
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

// Run statuses.
const (
	RunAwaitingApproval = "awaiting_approval"
	RunRunning          = "running"
	RunDone             = "done"
	RunFailed           = "failed"
)

// Run is one daily dunning run of an entity.
type Run struct {
	ID         int64
	EntityID   int64
	Date       ledger.Date
	Status     string
	CreatedBy  string
	ApprovedBy string
	Customers  int
	Actions    int
	Messages   int
	Summary    string // JSON: counts per level and channel
	CreatedAt  time.Time
	ApprovedAt time.Time
	FinishedAt time.Time
}

const runCols = `id, entity_id, run_date, status, created_by, approved_by, customers, actions, messages, summary, created_at, approved_at, finished_at`

func scanRun(row interface{ Scan(...any) error }) (Run, error) {
	var r Run
	err := row.Scan(&r.ID, &r.EntityID, dateCol{&r.Date}, &r.Status, &r.CreatedBy, &r.ApprovedBy, &r.Customers, &r.Actions,
		&r.Messages, &r.Summary, timeCol{&r.CreatedAt}, timeCol{&r.ApprovedAt}, timeCol{&r.FinishedAt})
	return r, translate(err)
}

// StartRun creates the run of an entity for a date, or returns the existing
// one (created false): there is one run per entity and day, whatever the
// number of processes or retries.
func (s *Store) StartRun(ctx context.Context, entityID int64, date ledger.Date, status, user string) (Run, bool, error) {
	created := false
	err := s.Tx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`INSERT INTO dunning_runs (entity_id, run_date, status, created_by, created_at) VALUES (?,?,?,?,?)
			ON CONFLICT (entity_id, run_date) DO NOTHING`, entityID, date.String(), status, user, ts(s.now()))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		created = n == 1
		return err
	})
	if err != nil {
		return Run{}, false, fmt.Errorf("start run: %w", err)
	}
	r, err := scanRun(s.db.QueryRowContext(ctx, s.q("SELECT "+runCols+" FROM dunning_runs WHERE entity_id = ? AND run_date = ?"), entityID, date.String()))
	if err != nil {
		return r, false, fmt.Errorf("start run: %w", err)
	}
	return r, created, nil
}

// RunByID returns a run.
func (s *Store) RunByID(ctx context.Context, id int64) (Run, error) {
	r, err := scanRun(s.db.QueryRowContext(ctx, s.q("SELECT "+runCols+" FROM dunning_runs WHERE id = ?"), id))
	if err != nil {
		return r, fmt.Errorf("run %d: %w", id, err)
	}
	return r, nil
}

// Runs lists the most recent runs of the entities in scope.
func (s *Store) Runs(ctx context.Context, sc ledger.Scope, limit int) ([]Run, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+runCols+" FROM dunning_runs WHERE 1=1"+scopeClause("entity_id", sc)+
		" ORDER BY run_date DESC, id DESC"+limitClause(0, limit))
	if err != nil {
		return nil, fmt.Errorf("runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("runs: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FinishRun records a run's outcome and counts.
func (s *Store) FinishRun(ctx context.Context, r Run) error {
	var fin any
	if r.Status == RunDone || r.Status == RunFailed || r.Status == RunAwaitingApproval {
		fin = ts(s.now())
	}
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE dunning_runs SET status=?, customers=?, actions=?, messages=?, summary=?, finished_at=? WHERE id=?`),
		r.Status, r.Customers, r.Actions, r.Messages, r.Summary, fin, r.ID)
	if err != nil {
		return fmt.Errorf("finish run: %w", err)
	}
	return nil
}

// ApproveRun releases the messages of a run that waits for approval.
func (s *Store) ApproveRun(ctx context.Context, id int64, user string) error {
	return s.Tx(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE dunning_runs SET status = ?, approved_by = ?, approved_at = ? WHERE id = ? AND status = ?",
			RunDone, user, ts(s.now()), id, RunAwaitingApproval)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ledger.Errorf(ledger.ErrConflict, "run %d is not waiting for approval", id)
		}
		_, err = tx.exec("UPDATE messages SET status = ?, next_attempt_at = ? WHERE run_id = ? AND status = ?",
			MsgPending, ts(s.now()), id, MsgHeld)
		return err
	})
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

// ActionWrite is one decided action with the messages it sends.
type ActionWrite struct {
	RunID    int64
	EntityID int64
	SchemeID int64
	Date     ledger.Date
	Action   dunning.Action
	Messages []Message
}

// WriteActions writes actions, their items (each item and level once: a
// second write of the same level for an item fails with ErrConflict and
// nothing of the batch is written) and their messages in one transaction.
// It returns the number of messages queued.
func (s *Store) WriteActions(ctx context.Context, ws []ActionWrite) (int, error) {
	if s.dialect == Postgres {
		return s.copyActions(ctx, ws)
	}
	n := 0
	err := s.Tx(ctx, func(tx *Tx) error {
		now := ts(s.now())
		// prepared once per batch: SQLite would otherwise compile each statement anew
		act, err := tx.prepareInsert(`INSERT INTO dunning_actions (run_id, entity_id, customer_id, scheme_id, action_date, level, level_name,
			channels, currency, total, interest, costs, announced_costs, propose_block, handover, notify_email, created_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer act.Close()
		item, err := tx.tx.PrepareContext(tx.ctx, s.q("INSERT INTO dunning_action_items (invoice_id, level, action_id, amount, interest) VALUES (?,?,?,?,?)"))
		if err != nil {
			return fmt.Errorf("write action: %w", err)
		}
		defer item.Close()
		msg, err := tx.prepareInsert(insertMessageSQL)
		if err != nil {
			return err
		}
		defer msg.Close()
		for _, w := range ws {
			a := w.Action
			id, err := act.insert(w.RunID, w.EntityID, a.CustomerID, nullID(w.SchemeID), w.Date.String(), a.Level, a.LevelName, strings.Join(a.Channels, ","),
				a.Currency, a.Total, a.Interest, a.Costs, a.AnnouncedCosts, a.ProposeBlock, a.Handover, a.NotifyEmail, now)
			if err != nil {
				return fmt.Errorf("write action: %w", err)
			}
			for _, it := range a.Items {
				if _, err := item.ExecContext(tx.ctx, it.InvoiceID, a.Level, id, it.Amount, it.Interest); err != nil {
					return fmt.Errorf("write action item %s level %d: %w", it.Number, a.Level, translate(err))
				}
			}
			for _, m := range w.Messages {
				m.ActionID, m.RunID, m.EntityID, m.CustomerID = id, w.RunID, w.EntityID, a.CustomerID
				if _, err := msg.insert(tx.messageArgs(m)...); err != nil {
					return fmt.Errorf("queue message: %w", err)
				}
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// DunningAction is a stored action, for the customer's dunning history.
type DunningAction struct {
	ID           int64
	RunID        int64
	Date         ledger.Date
	Level        int
	LevelName    string
	Channels     string
	Currency     string
	Total        int64
	Interest     int64
	Costs        int64
	Announced    int64
	Items        []string // invoice numbers
	Handover     bool
	ProposeBlock bool
}

// DunningHistory lists a customer's dunning actions, newest first.
func (s *Store) DunningHistory(ctx context.Context, sc ledger.Scope, customerID int64) ([]DunningAction, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT a.id, a.run_id, a.action_date, a.level, a.level_name, a.channels, a.currency, a.total,
		a.interest, a.costs, a.announced_costs, a.handover, a.propose_block, COALESCE(i.number, '')
		FROM dunning_actions a LEFT JOIN dunning_action_items ai ON ai.action_id = a.id LEFT JOIN invoices i ON i.id = ai.invoice_id
		WHERE a.customer_id = ?`+scopeClause("a.entity_id", sc)+` ORDER BY a.action_date DESC, a.id DESC, i.number`), customerID)
	if err != nil {
		return nil, fmt.Errorf("dunning history: %w", err)
	}
	defer rows.Close()
	var out []DunningAction
	for rows.Next() {
		var a DunningAction
		var number string
		if err := rows.Scan(&a.ID, &a.RunID, dateCol{&a.Date}, &a.Level, &a.LevelName, &a.Channels, &a.Currency, &a.Total,
			&a.Interest, &a.Costs, &a.Announced, &a.Handover, &a.ProposeBlock, &number); err != nil {
			return nil, fmt.Errorf("dunning history: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].ID != a.ID {
			out = append(out, a)
		}
		if number != "" {
			out[len(out)-1].Items = append(out[len(out)-1].Items, number)
		}
	}
	return out, rows.Err()
}

// copyActions is WriteActions for PostgreSQL: ids drawn from the sequence in
// one query, then three COPYs, instead of a round trip per row.
func (s *Store) copyActions(ctx context.Context, ws []ActionWrite) (int, error) {
	n := 0
	err := s.Tx(ctx, func(tx *Tx) error {
		if len(ws) == 0 {
			return nil
		}
		rows, err := tx.query("SELECT nextval(pg_get_serial_sequence('dunning_actions', 'id')) FROM generate_series(1, ?)", len(ws))
		if err != nil {
			return fmt.Errorf("write actions: %w", err)
		}
		ids := make([]int64, 0, len(ws))
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if len(ids) != len(ws) {
			return fmt.Errorf("write actions: got %d ids for %d actions", len(ids), len(ws))
		}
		now := s.now().UTC()
		var acts, items, msgs [][]any
		for k, w := range ws {
			a := w.Action
			acts = append(acts, []any{ids[k], w.RunID, w.EntityID, a.CustomerID, nullID(w.SchemeID), w.Date.Time(), a.Level, a.LevelName,
				strings.Join(a.Channels, ","), a.Currency, a.Total, a.Interest, a.Costs, a.AnnouncedCosts, a.ProposeBlock, a.Handover,
				a.NotifyEmail, now})
			for _, it := range a.Items {
				items = append(items, []any{it.InvoiceID, a.Level, ids[k], it.Amount, it.Interest})
			}
			for _, m := range w.Messages {
				m.ActionID, m.RunID, m.EntityID, m.CustomerID = ids[k], w.RunID, w.EntityID, a.CustomerID
				next := m.NextAttemptAt
				if next.IsZero() {
					next = now
				}
				var pdf any
				if len(m.PDF) > 0 {
					pdf = m.PDF
				}
				msgs = append(msgs, []any{m.EntityID, nullID(m.CustomerID), m.ActionID, m.RunID, m.Channel, m.Language, m.Template,
					m.ToAddress, m.ToName, m.Subject, m.BodyText, m.BodyHTML, pdf, m.Letter, m.Status, next, m.MessageID, now})
			}
		}
		if err := tx.copyFrom("dunning_actions", []string{"id", "run_id", "entity_id", "customer_id", "scheme_id", "action_date", "level",
			"level_name", "channels", "currency", "total", "interest", "costs", "announced_costs", "propose_block", "handover",
			"notify_email", "created_at"}, acts); err != nil {
			return err
		}
		if err := tx.copyFrom("dunning_action_items", []string{"invoice_id", "level", "action_id", "amount", "interest"}, items); err != nil {
			return err
		}
		if err := tx.copyFrom("messages", []string{"entity_id", "customer_id", "action_id", "run_id", "channel", "language", "template",
			"to_address", "to_name", "subject", "body_text", "body_html", "pdf", "letter", "status", "next_attempt_at", "message_id",
			"created_at"}, msgs); err != nil {
			return err
		}
		n = len(msgs)
		return nil
	})
	return n, err
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
