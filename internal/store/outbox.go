package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Message statuses. A message is written "held" (its run waits for
// approval) or "pending"; a delivery worker claims it ("sending") and marks
// it "sent", or back to "pending" with a later attempt, or "failed". One
// found "sending" after a crash becomes "unknown": a person decides,
// nothing is resent blindly. Letters wait "to_print"; phone tasks are "open".
const (
	MsgHeld    = "held"
	MsgPending = "pending"
	MsgSending = "sending"
	MsgSent    = "sent"
	MsgFailed  = "failed"
	MsgUnknown = "unknown"
	MsgToPrint = "to_print"
	MsgPrinted = "printed"
	MsgOpen    = "open"
	MsgDone    = "done"
)

// Message is one entry of the outbox.
type Message struct {
	ID            int64
	EntityID      int64
	CustomerID    int64
	ActionID      int64
	RunID         int64
	Channel       string // email, letter, sms, phone, internal
	Language      string
	Template      string
	ToAddress     string
	ToName        string
	Subject       string
	BodyText      string
	BodyHTML      string
	PDF           []byte
	Letter        string // JSON of the letter's data, to render it again (print batches)
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	MessageID     string // RFC 5322 Message-ID, unique: the same message is never two
	CreatedAt     time.Time
	SentAt        time.Time
}

const msgCols = `id, entity_id, COALESCE(customer_id, 0), COALESCE(action_id, 0), COALESCE(run_id, 0), channel, language, template,
	to_address, to_name, subject, body_text, body_html, status, attempts, next_attempt_at, last_error, message_id, created_at, sent_at`

func scanMessage(row interface{ Scan(...any) error }) (Message, error) {
	var m Message
	err := row.Scan(&m.ID, &m.EntityID, &m.CustomerID, &m.ActionID, &m.RunID, &m.Channel, &m.Language, &m.Template,
		&m.ToAddress, &m.ToName, &m.Subject, &m.BodyText, &m.BodyHTML, &m.Status, &m.Attempts, timeCol{&m.NextAttemptAt},
		&m.LastError, &m.MessageID, timeCol{&m.CreatedAt}, timeCol{&m.SentAt})
	return m, translate(err)
}

const insertMessageSQL = `INSERT INTO messages (entity_id, customer_id, action_id, run_id, channel, language, template, to_address, to_name,
	subject, body_text, body_html, pdf, letter, status, next_attempt_at, message_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

// messageArgs are the arguments of insertMessageSQL for m.
func (t *Tx) messageArgs(m Message) []any {
	var pdf any
	if len(m.PDF) > 0 {
		pdf = m.PDF
	}
	now := t.s.now()
	next := m.NextAttemptAt
	if next.IsZero() {
		next = now
	}
	return []any{m.EntityID, nullID(m.CustomerID), nullID(m.ActionID), nullID(m.RunID), m.Channel, m.Language, m.Template, m.ToAddress, m.ToName,
		m.Subject, m.BodyText, m.BodyHTML, pdf, m.Letter, m.Status, ts(next), m.MessageID, ts(now)}
}

// insertMessage adds a message to the outbox inside the transaction.
func (t *Tx) insertMessage(m Message) (int64, error) {
	id, err := t.insertID(insertMessageSQL, t.messageArgs(m)...)
	if err != nil {
		return 0, fmt.Errorf("queue message: %w", err)
	}
	return id, nil
}

// AddMessage queues a message on its own (not as part of a dunning run).
func (s *Store) AddMessage(ctx context.Context, m Message) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insertMessage(m)
		return err
	})
	return id, err
}

// MessageFilter selects messages. Zero fields do not filter.
type MessageFilter struct {
	Scope      ledger.Scope
	ID         int64
	EntityID   int64
	CustomerID int64
	RunID      int64
	Channel    string
	Status     string
	Offset     int
	Limit      int
}

// messageWhere builds the WHERE clause; p prefixes the columns ("m.").
func messageWhere(f MessageFilter, p string) (string, []any) {
	var w strings.Builder
	var args []any
	w.WriteString(" WHERE 1=1")
	w.WriteString(scopeClause(p+"entity_id", f.Scope))
	add := func(cond string, v any) {
		w.WriteString(strings.Replace(cond, " AND ", " AND "+p, 1))
		args = append(args, v)
	}
	if f.ID != 0 {
		add(" AND id = ?", f.ID)
	}
	if f.EntityID != 0 {
		add(" AND entity_id = ?", f.EntityID)
	}
	if f.CustomerID != 0 {
		add(" AND customer_id = ?", f.CustomerID)
	}
	if f.RunID != 0 {
		add(" AND run_id = ?", f.RunID)
	}
	if f.Channel != "" {
		add(" AND channel = ?", f.Channel)
	}
	if f.Status != "" {
		add(" AND status = ?", f.Status)
	}
	return w.String(), args
}

// CountMessages counts the messages matching the filter (ignoring paging).
func (s *Store) CountMessages(ctx context.Context, f MessageFilter) (int, error) {
	where, args := messageWhere(f, "")
	var total int
	if err := s.read.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM messages"+where), args...).Scan(&total); err != nil {
		return 0, fmt.Errorf("count messages: %w", err)
	}
	return total, nil
}

// Messages lists messages, newest first, and the total count.
func (s *Store) Messages(ctx context.Context, f MessageFilter) ([]Message, int, error) {
	total, err := s.CountMessages(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	var out []Message
	err = s.EachMessage(ctx, f, func(m Message) error {
		out = append(out, m)
		return nil
	})
	return out, total, err
}

// EachMessage streams messages matching the filter, newest first.
func (s *Store) EachMessage(ctx context.Context, f MessageFilter, fn func(Message) error) error {
	where, args := messageWhere(f, "")
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+msgCols+" FROM messages"+where+" ORDER BY id DESC"+limitClause(f.Offset, f.Limit)), args...)
	if err != nil {
		return fmt.Errorf("messages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return fmt.Errorf("messages: %w", err)
		}
		if err := fn(m); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Message returns one message in scope, with its PDF.
func (s *Store) Message(ctx context.Context, sc ledger.Scope, id int64) (Message, error) {
	m, err := scanMessage(s.read.QueryRowContext(ctx, s.q("SELECT "+msgCols+" FROM messages WHERE id = ?"+scopeClause("entity_id", sc)), id))
	if err != nil {
		return m, fmt.Errorf("message %d: %w", id, err)
	}
	if err := s.read.QueryRowContext(ctx, s.q("SELECT pdf, letter FROM messages WHERE id = ?"), id).Scan(&m.PDF, &m.Letter); err != nil {
		return m, fmt.Errorf("message %d pdf: %w", id, translate(err))
	}
	return m, nil
}

// ClaimMessages marks up to limit due pending messages of the channels as
// sending and returns them. Claiming is a conditional update, so two
// workers never claim the same message.
func (s *Store) ClaimMessages(ctx context.Context, channels []string, limit int) ([]Message, error) {
	now := ts(s.now())
	var ids []int64
	ph := placeholders(len(channels))
	args := []any{MsgPending, now}
	for _, c := range channels {
		args = append(args, c)
	}
	rows, err := s.read.QueryContext(ctx, s.q("SELECT id FROM messages WHERE status = ? AND next_attempt_at <= ? AND channel IN ("+ph+") ORDER BY id"+limitClause(0, limit)), args...)
	if err != nil {
		return nil, fmt.Errorf("claim messages: %w", err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	var out []Message
	for _, id := range ids {
		res, err := s.db.ExecContext(ctx, s.q("UPDATE messages SET status = ?, attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND status = ?"),
			MsgSending, now, id, MsgPending)
		if err != nil {
			return out, fmt.Errorf("claim message %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			continue // another worker took it
		}
		m, err := s.Message(ctx, ledger.Scope{All: true}, id)
		if err != nil {
			return out, err
		}
		out = append(out, m)
	}
	return out, nil
}

// MarkSent records a delivered message.
func (s *Store) MarkSent(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, s.q("UPDATE messages SET status = ?, sent_at = ?, last_error = '' WHERE id = ? AND status = ?"),
		MsgSent, ts(s.now()), id, MsgSending)
	if err != nil {
		return fmt.Errorf("mark sent %d: %w", id, err)
	}
	return nil
}

// MarkRetry puts a message whose delivery failed back in the queue for a
// later attempt, or marks it failed for good when final.
func (s *Store) MarkRetry(ctx context.Context, id int64, errText string, next time.Time, final bool) error {
	status := MsgPending
	if final {
		status = MsgFailed
	}
	_, err := s.db.ExecContext(ctx, s.q("UPDATE messages SET status = ?, last_error = ?, next_attempt_at = ? WHERE id = ? AND status = ?"),
		status, errText, ts(next), id, MsgSending)
	if err != nil {
		return fmt.Errorf("mark retry %d: %w", id, err)
	}
	return nil
}

// RecoverInterrupted marks messages left "sending" before since (a worker
// crashed mid-delivery) as "unknown", for a person to check; it returns
// how many.
func (s *Store) RecoverInterrupted(ctx context.Context, since time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, s.q("UPDATE messages SET status = ?, last_error = ? WHERE status = ? AND next_attempt_at < ?"),
		MsgUnknown, "delivery was interrupted; the mail server may or may not have accepted it", MsgSending, ts(since))
	if err != nil {
		return 0, fmt.Errorf("recover interrupted: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// SetMessageStatus moves a message from one status to another (a person
// resends an unknown one, marks a letter printed, closes a phone task).
func (s *Store) SetMessageStatus(ctx context.Context, sc ledger.Scope, id int64, from, to string) error {
	res, err := s.db.ExecContext(ctx, s.q("UPDATE messages SET status = ?, next_attempt_at = ? WHERE id = ? AND status = ?"+scopeClause("entity_id", sc)),
		to, ts(s.now()), id, from)
	if err != nil {
		return fmt.Errorf("message %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ledger.Errorf(ledger.ErrConflict, "message %d is not %s", id, from)
	}
	return nil
}

// MessageRow is a message with what it was about, for exports.
type MessageRow struct {
	Message
	EntityCode     string
	CustomerNumber string
	CustomerName   string
	RunDate        ledger.Date
	Level          int
	LevelName      string
	Currency       string
	Total          int64
	Interest       int64
	Costs          int64
	Items          string // invoice numbers, space-separated
}

// EachMessageRow streams messages with their action and customer (without
// their bodies), oldest first; with a Limit, one page newest first.
func (s *Store) EachMessageRow(ctx context.Context, f MessageFilter, fn func(MessageRow) error) error {
	where, args := messageWhere(f, "m.")
	order := " ORDER BY m.id"
	if f.Limit > 0 {
		order = " ORDER BY m.id DESC" + limitClause(f.Offset, f.Limit)
	}
	agg := "group_concat(i.number, ' ')"
	if s.dialect == Postgres {
		agg = "string_agg(i.number, ' ' ORDER BY i.number)"
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT m.id, m.entity_id, COALESCE(m.customer_id, 0), COALESCE(m.action_id, 0), COALESCE(m.run_id, 0),
		m.channel, m.language, m.template, m.to_address, m.to_name, m.subject, '', '', m.status, m.attempts, m.next_attempt_at,
		m.last_error, m.message_id, m.created_at, m.sent_at,
		e.code, COALESCE(c.number, ''), COALESCE(c.name, ''), a.action_date, COALESCE(a.level, 0), COALESCE(a.level_name, ''),
		COALESCE(a.currency, ''), COALESCE(a.total, 0), COALESCE(a.interest, 0), COALESCE(a.costs, 0),
		COALESCE((SELECT `+agg+` FROM dunning_action_items ai JOIN invoices i ON i.id = ai.invoice_id WHERE ai.action_id = a.id), '')
		FROM messages m JOIN entities e ON e.id = m.entity_id LEFT JOIN customers c ON c.id = m.customer_id
		LEFT JOIN dunning_actions a ON a.id = m.action_id`+where+order), args...)
	if err != nil {
		return fmt.Errorf("messages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r MessageRow
		m := &r.Message
		if err := rows.Scan(&m.ID, &m.EntityID, &m.CustomerID, &m.ActionID, &m.RunID, &m.Channel, &m.Language, &m.Template,
			&m.ToAddress, &m.ToName, &m.Subject, &m.BodyText, &m.BodyHTML, &m.Status, &m.Attempts, timeCol{&m.NextAttemptAt},
			&m.LastError, &m.MessageID, timeCol{&m.CreatedAt}, timeCol{&m.SentAt},
			&r.EntityCode, &r.CustomerNumber, &r.CustomerName, dateCol{&r.RunDate}, &r.Level, &r.LevelName, &r.Currency,
			&r.Total, &r.Interest, &r.Costs, &r.Items); err != nil {
			return fmt.Errorf("messages: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// TemplateText is an operator's version of a message template.
type TemplateText struct {
	Language  string
	Name      string
	Subject   string
	Body      string
	UpdatedBy string
	UpdatedAt time.Time
}

// TemplateTexts lists the edited templates.
func (s *Store) TemplateTexts(ctx context.Context) ([]TemplateText, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT language, name, subject, body, updated_by, updated_at FROM message_templates ORDER BY name, language")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	defer rows.Close()
	var out []TemplateText
	for rows.Next() {
		var t TemplateText
		if err := rows.Scan(&t.Language, &t.Name, &t.Subject, &t.Body, &t.UpdatedBy, timeCol{&t.UpdatedAt}); err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SaveTemplateText stores an edited template; an empty body deletes the
// edit (back to the default).
func (s *Store) SaveTemplateText(ctx context.Context, t TemplateText) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.exec("DELETE FROM message_templates WHERE language = ? AND name = ?", t.Language, t.Name); err != nil {
			return err
		}
		if t.Body == "" {
			return nil
		}
		_, err := tx.exec("INSERT INTO message_templates (language, name, subject, body, updated_by, updated_at) VALUES (?,?,?,?,?,?)",
			t.Language, t.Name, t.Subject, t.Body, t.UpdatedBy, ts(s.now()))
		return err
	})
}
