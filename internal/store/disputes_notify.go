package store

import (
	"context"
	"fmt"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Kinds of dispute notifications.
const (
	NotifyNew       = "new"       // a dispute was routed to the user (or their queue)
	NotifyAssigned  = "assigned"  // a dispute was reassigned to the user
	NotifyEscalated = "escalated" // a dispute the user manages passed its SLA
)

// DisputeNotification tells a user about a dispute, in the app and in
// their e-mail digest.
type DisputeNotification struct {
	ID             int64
	DisputeID      int64
	User           string
	Kind           string
	CreatedAt      time.Time
	Read           bool
	CustomerNumber string // filled on reads
	CustomerName   string
	Reason         string
	Currency       string
	Amount         int64
	Due            ledger.Date
	EntityID       int64
}

// Notify adds a notification for a user about a dispute.
func (t *Tx) Notify(disputeID int64, user, kind string) error {
	if _, err := t.exec("INSERT INTO dispute_notifications (dispute_id, username, kind, created_at) VALUES (?, ?, ?, ?)",
		disputeID, user, kind, ts(t.s.now())); err != nil {
		return fmt.Errorf("notify %s: %w", user, err)
	}
	return nil
}

const notificationCols = `n.id, n.dispute_id, n.username, n.kind, n.created_at, n.read_at IS NOT NULL, c.number, c.name, d.reason,
	d.currency, d.amount, d.due_date, d.entity_id FROM dispute_notifications n JOIN disputes d ON d.id = n.dispute_id
	JOIN customers c ON c.id = d.customer_id`

func (s *Store) notifications(ctx context.Context, where string, limit int, args ...any) ([]DisputeNotification, error) {
	rows, err := s.read.QueryContext(ctx, s.q("SELECT "+notificationCols+where+" ORDER BY n.id DESC"+limitClause(0, limit)), args...)
	if err != nil {
		return nil, fmt.Errorf("notifications: %w", err)
	}
	defer rows.Close()
	var out []DisputeNotification
	for rows.Next() {
		var n DisputeNotification
		if err := rows.Scan(&n.ID, &n.DisputeID, &n.User, &n.Kind, timeCol{&n.CreatedAt}, &n.Read, &n.CustomerNumber, &n.CustomerName,
			&n.Reason, &n.Currency, &n.Amount, dateCol{&n.Due}, &n.EntityID); err != nil {
			return nil, fmt.Errorf("notifications: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Notifications lists a user's notifications, newest first (unread only
// when unread is set), at most limit.
func (s *Store) Notifications(ctx context.Context, user string, unread bool, limit int) ([]DisputeNotification, error) {
	where := " WHERE n.username = ?"
	if unread {
		where += " AND n.read_at IS NULL"
	}
	return s.notifications(ctx, where, limit, user)
}

// MarkNotificationsRead marks all of a user's notifications read.
func (s *Store) MarkNotificationsRead(ctx context.Context, user string) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.exec("UPDATE dispute_notifications SET read_at = ? WHERE username = ? AND read_at IS NULL", ts(s.now()), user); err != nil {
			return fmt.Errorf("mark notifications read: %w", err)
		}
		return nil
	})
}

// UnmailedNotifications lists the notifications no digest took yet, of
// every user, oldest first.
func (s *Store) UnmailedNotifications(ctx context.Context) ([]DisputeNotification, error) {
	out, err := s.notifications(ctx, " WHERE n.mailed_at IS NULL", 0)
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, err
}

// MarkMailed marks notifications as taken by a digest; it reports how many
// were still unmailed (another process may have taken them first).
func (t *Tx) MarkMailed(ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	r, err := t.exec("UPDATE dispute_notifications SET mailed_at = ? WHERE mailed_at IS NULL AND id IN ("+idList(ids)+")", ts(t.s.now()))
	if err != nil {
		return 0, fmt.Errorf("mark mailed: %w", err)
	}
	n, err := r.RowsAffected()
	return int(n), err
}
