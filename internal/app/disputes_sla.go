package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// EvaluateDisputes is the daily SLA check of an entity on day today (zero:
// today): every open dispute past its due date is marked escalated once,
// logged, and its queue's manager notified (no manager: the entity's credit
// managers). It returns how many it escalated; evaluating again the same
// day escalates nothing.
func (s *Service) EvaluateDisputes(ctx context.Context, u ledger.User, entityCode string, today ledger.Date) (int, error) {
	if err := requireWrite(u); err != nil {
		return 0, err
	}
	e, err := s.grantedEntity(ctx, u, entityCode)
	if err != nil {
		return 0, err
	}
	if today.IsZero() {
		today = s.Today()
	}
	overdue, _, err := s.store.Disputes(ctx, store.DisputeFilter{Scope: ledger.Scope{All: true}, EntityID: e.ID, OverdueOn: today})
	if err != nil {
		return 0, err
	}
	qs, err := s.store.DisputeQueues(ctx)
	if err != nil {
		return 0, err
	}
	var managers []string // the entity's credit managers, for queues without a manager
	users, err := s.store.Users(ctx)
	if err != nil {
		return 0, err
	}
	for _, usr := range users {
		if usr.Role == ledger.RoleManager && !usr.Disabled && usr.Scope().Allows(e.ID) {
			managers = append(managers, usr.Username)
		}
	}
	n := 0
	for _, d := range overdue {
		if !disputes.Escalate(d.Status, d.Due, !d.EscalatedOn.IsZero(), today) {
			continue
		}
		to := managers
		if i := slices.IndexFunc(qs, func(q store.DisputeQueue) bool { return q.Code == d.Queue }); i >= 0 && qs[i].Manager != "" {
			to = []string{qs[i].Manager}
		}
		err := s.store.Tx(ctx, func(tx *store.Tx) error {
			ok, err := tx.EscalateDispute(d.ID, today)
			if err != nil || !ok {
				return err
			}
			n++
			if _, err := tx.AddDisputeEvent(store.DisputeEvent{DisputeID: d.ID, User: u.Username, Kind: store.EvEscalated,
				To: strings.Join(to, ", "), Note: fmt.Sprintf("due %s, %d days overdue", d.Due, d.Due.DaysUntil(today))}); err != nil {
				return err
			}
			for _, m := range to {
				if err := tx.Notify(d.ID, m, store.NotifyEscalated); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	if n > 0 {
		s.log.Info("disputes escalated", "entity", e.Code, "date", today.String(), "escalated", n)
	}
	return n, nil
}

// digestTexts are the e-mail digest's texts per user language.
var digestTexts = map[string]struct{ subject, intro, escalated, due, link string }{
	"en": {"Kredo: %d dispute notifications", "Disputes that need you:", "ESCALATED", "due", "All your disputes: /disputes?mine=1"},
	"nl": {"Kredo: %d meldingen over geschillen", "Geschillen die op u wachten:", "GEËSCALEERD", "uiterlijk", "Al uw geschillen: /disputes?mine=1"},
}

// SendDisputeDigests queues one e-mail per user with the notifications no
// digest took yet (new, reassigned and escalated disputes), in the user's
// language, and marks them mailed. Users without an e-mail address keep
// them in the app only. It returns the number of e-mails queued.
func (s *Service) SendDisputeDigests(ctx context.Context) (int, error) {
	ns, err := s.store.UnmailedNotifications(ctx)
	if err != nil {
		return 0, err
	}
	byUser := map[string][]store.DisputeNotification{}
	var order []string
	for _, n := range ns {
		if byUser[n.User] == nil {
			order = append(order, n.User)
		}
		byUser[n.User] = append(byUser[n.User], n)
	}
	sent := 0
	for _, name := range order {
		list := byUser[name]
		ids := make([]int64, len(list))
		for i, n := range list {
			ids[i] = n.ID
		}
		usr, err := s.store.UserByName(ctx, name)
		if err != nil && !errors.Is(err, ledger.ErrNotFound) {
			return sent, err
		}
		err = s.store.Tx(ctx, func(tx *store.Tx) error {
			took, err := tx.MarkMailed(ids)
			if err != nil || took < len(ids) || usr.Email == "" || usr.Disabled {
				return err // another process took them (rolled back here), or nobody to mail
			}
			m := digest(usr, list)
			_, err = tx.QueueMessage(m)
			if err == nil {
				sent++
			}
			return err
		})
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// digest writes one user's notification e-mail.
func digest(u ledger.User, ns []store.DisputeNotification) store.Message {
	tx, ok := digestTexts[u.Language]
	if !ok {
		tx = digestTexts["en"]
	}
	var b strings.Builder
	b.WriteString(tx.intro + "\n\n")
	for _, n := range ns {
		mark := ""
		if n.Kind == store.NotifyEscalated {
			mark = tx.escalated + " "
		}
		fmt.Fprintf(&b, "- %s#%d %s %s: %s %s %s, %s %s (/disputes/%d)\n", mark, n.DisputeID, n.CustomerNumber, n.CustomerName,
			n.Reason, n.Currency, ledger.FormatAmount(n.Amount, n.Currency), tx.due, n.Due, n.DisputeID)
	}
	b.WriteString("\n" + tx.link + "\n")
	return store.Message{EntityID: ns[0].EntityID, Channel: dunning.Email, Language: u.Language, Template: "dispute_digest",
		ToAddress: u.Email, ToName: u.Name, Subject: fmt.Sprintf(tx.subject, len(ns)), BodyText: b.String(), Status: store.MsgPending,
		MessageID: fmt.Sprintf("<kredo.dispute-digest.%d.%s@kredo>", ns[0].ID, u.Username)}
}

// Notifications lists the user's dispute notifications (the in-app list).
func (s *Service) Notifications(ctx context.Context, u ledger.User, unread bool) ([]store.DisputeNotification, error) {
	return s.store.Notifications(ctx, u.Username, unread, 100)
}

// MarkNotificationsRead marks the user's notifications read.
func (s *Service) MarkNotificationsRead(ctx context.Context, u ledger.User) error {
	return s.store.MarkNotificationsRead(ctx, u.Username)
}
