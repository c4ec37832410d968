package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/ledger"
)

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
	// In a transaction: a run's status decides whether its actions count in
	// the figures (KPIDunningReached), so its change raises the ledger's version.
	err := s.Tx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE dunning_runs SET status=?, customers=?, actions=?, messages=?, summary=?, finished_at=? WHERE id=?`,
			r.Status, r.Customers, r.Actions, r.Messages, r.Summary, fin, r.ID)
		return err
	})
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
		item, err := tx.prepare("INSERT INTO dunning_action_items (invoice_id, level, action_id, amount, interest) VALUES (?,?,?,?,?)")
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
