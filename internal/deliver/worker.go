// Package deliver sends the outbox's e-mails (channels "email" and
// "internal") to an SMTP server. What users may rely on:
//
//   - Every message is sent at most once. A worker claims a message with a
//     conditional update ("pending" -> "sending") before sending it, so two
//     workers never send the same one, and marks it "sent" right after the
//     server accepted it.
//   - While the mail server is down or answers "try later" (4xx), messages
//     wait: they go back to "pending" with a later next attempt (1m, 5m,
//     15m, 1h, 3h, then every 6h) and are retried; nothing is lost. After
//     MaxAttempts (12, about 40 hours) a message is "failed".
//   - A process that dies between "the server accepted it" and "marked
//     sent" leaves the message "sending". Worker.Start turns such messages
//     into "unknown": they are never resent blindly; a person checks and
//     may resend one (SetMessageStatus unknown -> pending). A connection
//     that breaks while the server is answering the complete message is
//     treated the same way.
//   - A permanent rejection (5xx, such as an unknown address) marks the
//     message "failed" with the server's reason in last_error.
//   - Logs carry message ids, the recipients' domains and outcomes, never
//     bodies, subjects or full addresses.
package deliver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// Defaults of Worker's zero fields.
const (
	DefaultBatch       = 50
	DefaultMaxAttempts = 12
)

// DefaultChannels are the outbox channels delivered by e-mail.
var DefaultChannels = []string{"email", "internal"}

var backoffTable = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 3 * time.Hour, 6 * time.Hour}

// DefaultBackoff is the wait after the attempt-th failed attempt (1-based):
// 1m, 5m, 15m, 1h, 3h, then 6h.
func DefaultBackoff(attempt int) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	if attempt > len(backoffTable) {
		return backoffTable[len(backoffTable)-1]
	}
	return backoffTable[attempt-1]
}

// Worker delivers due outbox messages. Zero fields take the defaults.
type Worker struct {
	Store       *store.Store
	Sender      Sender
	Log         *slog.Logger                    // discarded when nil
	Now         func() time.Time                // time.Now when nil; sets the next attempt's time
	Channels    []string                        // DefaultChannels when empty
	Batch       int                             // messages claimed at a time; DefaultBatch when 0
	Backoff     func(attempt int) time.Duration // DefaultBackoff when nil
	MaxAttempts int                             // attempts before a message is failed; DefaultMaxAttempts when 0
}

func (w *Worker) log() *slog.Logger {
	if w.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Log
}

func (w *Worker) now() time.Time {
	if w.Now == nil {
		return time.Now()
	}
	return w.Now()
}

// Start prepares delivery: messages left "sending" by a process that
// stopped mid-delivery become "unknown", for a person to check. Call it
// once, before the first RunOnce.
func (w *Worker) Start(ctx context.Context) error {
	if w.Store == nil || w.Sender == nil {
		return errors.New("deliver: worker needs a Store and a Sender")
	}
	n, err := w.Store.RecoverInterrupted(ctx, w.now())
	if err != nil {
		return err
	}
	if n > 0 {
		w.log().Warn("delivery was interrupted: messages left sending are now unknown; check whether they arrived and resend them from the outbox",
			"unknown", n)
	} else {
		w.log().Info("delivery worker started", "interrupted", 0)
	}
	return nil
}

// RunOnce claims one batch of due messages and sends each: sent, retried
// later (pending with a later next attempt) or failed. A connection
// failure makes the rest of the batch wait without being tried.
func (w *Worker) RunOnce(ctx context.Context) (sent, retried, failed int, err error) {
	if err := ctx.Err(); err != nil {
		return 0, 0, 0, err
	}
	channels, batch := w.Channels, w.Batch
	if len(channels) == 0 {
		channels = DefaultChannels
	}
	if batch <= 0 {
		batch = DefaultBatch
	}
	msgs, err := w.Store.ClaimMessages(ctx, channels, batch)
	if err != nil && len(msgs) == 0 {
		return 0, 0, 0, err
	}
	errs := []error{err}
	if c, ok := w.Sender.(interface{ Close() error }); ok && len(msgs) > 0 {
		defer c.Close()
	}
	// claimed messages are always settled, also when ctx ends meanwhile
	mark := context.WithoutCancel(ctx)
	var skip *SendError // set when the server is unreachable: the rest waits
	for _, m := range msgs {
		var sendErr error
		switch {
		case skip != nil:
			sendErr = skip
		case ctx.Err() != nil:
			w.settle(mark, m, "not attempted: delivery stopped", w.now(), false)
			retried++
			continue
		default:
			sendErr = w.Sender.Send(ctx, m)
		}
		outcome, err := w.finish(mark, m, sendErr)
		errs = append(errs, err)
		switch outcome {
		case store.MsgSent:
			sent++
		case store.MsgPending:
			retried++
		default:
			failed++
		}
		var se *SendError
		if skip == nil && errors.As(sendErr, &se) && se.Connection {
			skip = &SendError{Connection: true, Code: se.Code, Err: fmt.Errorf("not attempted, the server was unreachable: %w", se.Err)}
		}
	}
	return sent, retried, failed, errors.Join(errs...)
}

// finish records the outcome of one send and returns the new status.
func (w *Worker) finish(ctx context.Context, m store.Message, sendErr error) (string, error) {
	l := w.log().With("id", m.ID, "message_id", m.MessageID, "channel", m.Channel, "to_domain", domains(m.ToAddress), "attempt", m.Attempts)
	if sendErr == nil {
		err := retry(ctx, func() error { return w.Store.MarkSent(ctx, m.ID) })
		if err != nil {
			l.Error("message was sent but could not be marked sent; it will be unknown after a restart", "error", err)
			return store.MsgSent, err
		}
		l.Info("message sent")
		return store.MsgSent, nil
	}
	se := &SendError{Err: sendErr}
	errors.As(sendErr, &se)
	reason := sendErr.Error()
	l = l.With("code", se.Code, "error", redact(reason))
	switch {
	case se.Ambiguous:
		l.Warn("message may or may not have been accepted; it is unknown, for a person to check")
		return store.MsgUnknown, w.settleUnknown(ctx, m, reason)
	case se.Permanent:
		l.Warn("message rejected for good")
		return store.MsgFailed, w.settle(ctx, m, reason, w.now(), true)
	}
	maxAttempts := w.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	if m.Attempts >= maxAttempts {
		l.Warn("message failed: no more attempts", "max_attempts", maxAttempts)
		return store.MsgFailed, w.settle(ctx, m, fmt.Sprintf("gave up after %d attempts: %s", m.Attempts, reason), w.now(), true)
	}
	backoff := w.Backoff
	if backoff == nil {
		backoff = DefaultBackoff
	}
	next := w.now().Add(backoff(m.Attempts))
	l.Info("message will be retried", "next_attempt_at", next)
	return store.MsgPending, w.settle(ctx, m, reason, next, false)
}

// settle puts a claimed message back in the queue, or fails it.
func (w *Worker) settle(ctx context.Context, m store.Message, reason string, next time.Time, final bool) error {
	err := retry(ctx, func() error { return w.Store.MarkRetry(ctx, m.ID, reason, next, final) })
	if err != nil {
		w.log().Error("could not record a delivery outcome; the message stays sending and becomes unknown after a restart",
			"id", m.ID, "error", err)
	}
	return err
}

// settleUnknown marks a message "unknown" with the reason: first failed
// (never retried automatically), then unknown, so that a crash in between
// still sends nothing twice.
func (w *Worker) settleUnknown(ctx context.Context, m store.Message, reason string) error {
	reason = "the connection broke while the server was accepting the message; it may have arrived: " + reason
	if err := w.settle(ctx, m, reason, w.now(), true); err != nil {
		return err
	}
	return retry(ctx, func() error {
		return w.Store.SetMessageStatus(ctx, ledger.Scope{All: true}, m.ID, store.MsgFailed, store.MsgUnknown)
	})
}

// Run calls Start, then RunOnce every interval (at once again while
// batches come back full) until ctx ends; it returns nil then.
func (w *Worker) Run(ctx context.Context, every time.Duration) error {
	if err := w.Start(ctx); err != nil {
		return err
	}
	batch := w.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		sent, retried, failed, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.log().Error("delivery run", "error", err)
		}
		if sent+retried+failed > 0 {
			w.log().Info("delivery run", "sent", sent, "retried", retried, "failed", failed)
		}
		wait := every
		if sent+retried+failed >= batch && sent+failed > 0 && err == nil {
			wait = 0 // a full batch went through: more may be due
		}
		t.Reset(wait)
	}
}

// retry runs a store update up to three times, for a database that is
// briefly busy or unreachable.
func retry(ctx context.Context, fn func() error) error {
	var err error
	for i := range 3 {
		if err = fn(); err == nil || errors.Is(err, ledger.ErrConflict) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(i+1) * 200 * time.Millisecond):
		}
	}
	return err
}

// domains returns the recipients' domains, for logs.
func domains(addrs string) string {
	var out []string
	for _, a := range recipients(addrs) {
		if i := strings.LastIndexByte(a, '@'); i >= 0 {
			a = a[i+1:]
		}
		out = append(out, strings.TrimRight(a, "> "))
	}
	return strings.Join(out, ",")
}

var localPart = regexp.MustCompile(`[^\s<>"',;:()\[\]]+@`)

// redact hides the local parts of e-mail addresses in a text, for logs.
func redact(s string) string { return localPart.ReplaceAllString(s, "*@") }
