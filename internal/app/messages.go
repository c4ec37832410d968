package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// Messages lists outbox messages of the entities the user may see.
func (s *Service) Messages(ctx context.Context, u ledger.User, f store.MessageFilter) ([]store.Message, int, error) {
	f.Scope = u.Scope()
	if f.Limit <= 0 {
		f.Limit = 50
	}
	return s.store.Messages(ctx, f)
}

// EachMessageRow streams the outbox of the entities the user may see, each
// message with its customer and dunning level (for exports).
func (s *Service) EachMessageRow(ctx context.Context, u ledger.User, f store.MessageFilter, fn func(store.MessageRow) error) error {
	f.Scope = u.Scope()
	return s.store.EachMessageRow(ctx, f, fn)
}

// MessageRows returns one page of the outbox (newest first, 50 unless
// f.Limit says otherwise) with customers and levels, and the total count.
func (s *Service) MessageRows(ctx context.Context, u ledger.User, f store.MessageFilter) ([]store.MessageRow, int, error) {
	f.Scope = u.Scope()
	if f.Limit <= 0 {
		f.Limit = 50
	}
	total, err := s.store.CountMessages(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	var out []store.MessageRow
	err = s.store.EachMessageRow(ctx, f, func(r store.MessageRow) error {
		out = append(out, r)
		return nil
	})
	return out, total, err
}

// Message returns one message the user may see; a letter comes with its
// PDF, rendered from the letter's stored data.
func (s *Service) Message(ctx context.Context, u ledger.User, id int64) (store.Message, error) {
	m, err := s.store.Message(ctx, u.Scope(), id)
	if err != nil || m.Letter == "" || len(m.PDF) > 0 {
		return m, err
	}
	var l comms.Letter
	if err := json.Unmarshal([]byte(m.Letter), &l); err != nil {
		return m, fmt.Errorf("letter of message %d: %w", id, err)
	}
	tpl, err := s.templates(ctx)
	if err != nil {
		return m, err
	}
	if m.PDF, err = tpl.PDF(l); err != nil {
		return m, fmt.Errorf("letter of message %d: %w", id, err)
	}
	return m, nil
}

// ResendMessage queues a failed message, or one whose delivery outcome is
// unknown, again: a person decided it did not arrive.
func (s *Service) ResendMessage(ctx context.Context, u ledger.User, id int64) error {
	if err := requireWrite(u); err != nil {
		return err
	}
	m, err := s.store.Message(ctx, u.Scope(), id)
	if err != nil {
		return err
	}
	if m.Status != store.MsgUnknown && m.Status != store.MsgFailed {
		return ledger.Errorf(ledger.ErrConflict, "only a failed message, or one whose delivery is unknown, can be sent again")
	}
	s.log.Info("message resent by hand", "message", id, "user", u.Username, "was", m.Status)
	return s.store.SetMessageStatus(ctx, u.Scope(), id, m.Status, store.MsgPending)
}

// PrintBatch returns every letter of a run that waits to be printed as one
// PDF, and marks them printed when markPrinted is set.
func (s *Service) PrintBatch(ctx context.Context, u ledger.User, runID int64, markPrinted bool) ([]byte, int, error) {
	var letters []comms.Letter
	var ids []int64
	err := s.store.EachMessage(ctx, store.MessageFilter{Scope: u.Scope(), RunID: runID, Channel: "letter", Status: store.MsgToPrint},
		func(m store.Message) error {
			ids = append(ids, m.ID)
			return nil
		})
	if err != nil {
		return nil, 0, err
	}
	for i := len(ids) - 1; i >= 0; i-- { // EachMessage is newest first: print in run order
		m, err := s.store.Message(ctx, u.Scope(), ids[i])
		if err != nil {
			return nil, 0, err
		}
		var l comms.Letter
		if err := json.Unmarshal([]byte(m.Letter), &l); err != nil {
			return nil, 0, fmt.Errorf("letter of message %d: %w", m.ID, err)
		}
		letters = append(letters, l)
	}
	if len(letters) == 0 {
		return nil, 0, ledger.Errorf(ledger.ErrNotFound, "run %d has no letters waiting to be printed", runID)
	}
	tpl, err := s.templates(ctx)
	if err != nil {
		return nil, 0, err
	}
	out, err := tpl.PrintBatch(letters)
	if err != nil {
		return nil, 0, fmt.Errorf("print batch: %w", err)
	}
	if markPrinted {
		if err := requireWrite(u); err != nil {
			return nil, 0, err
		}
		for _, id := range ids {
			if err := s.store.SetMessageStatus(ctx, u.Scope(), id, store.MsgToPrint, store.MsgPrinted); err != nil {
				return nil, 0, err
			}
		}
	}
	return out, len(letters), nil
}

// DunningHistory lists a customer's dunning actions, newest first.
func (s *Service) DunningHistory(ctx context.Context, u ledger.User, customerID int64) ([]store.DunningAction, error) {
	return s.store.DunningHistory(ctx, u.Scope(), customerID)
}

// PauseDunning pauses dunning for a customer until a date (inclusive) with a
// reason; a zero date resumes it. Either is written in the customer's
// activity log.
func (s *Service) PauseDunning(ctx context.Context, u ledger.User, customerID int64, until ledger.Date, reason string) error {
	if err := requireWrite(u); err != nil {
		return err
	}
	c, err := s.store.Customer(ctx, u.Scope(), customerID)
	if err != nil {
		return err
	}
	if !until.IsZero() && reason == "" {
		return ledger.Errorf(ledger.ErrInvalid, "give a reason for the pause")
	}
	if !until.IsZero() && until.Before(s.Today()) {
		return ledger.Errorf(ledger.ErrInvalid, "the pause must end today or later")
	}
	// the pause and its entry in the activity log, together
	act := store.Activity{EntityID: c.EntityID, CustomerID: customerID, User: u.Username, Kind: store.ActResume}
	if !until.IsZero() {
		act.Kind, act.Note = store.ActPause, until.String()+": "+reason
	}
	if err := s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.SetDunningPause(customerID, until, reason); err != nil {
			return err
		}
		_, err := tx.InsertActivity(act)
		return err
	}); err != nil {
		return err
	}
	s.log.Info("dunning pause", "customer", customerID, "until", until.String(), "reason", reason, "user", u.Username)
	return nil
}

// Runs lists recent dunning runs of the entities the user may see.
func (s *Service) Runs(ctx context.Context, u ledger.User, limit int) ([]store.Run, error) {
	return s.store.Runs(ctx, u.Scope(), limit)
}
