package deliver

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

func TestDeliver(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ms := startServer(t, 0, func(ms *mailServer) { ms.User, ms.Pass = "kredo", "geheim" })
		msgs := queue(t, s, "jan@example.nl", "piet@example.org", "team@kredo.test")
		var logs bytes.Buffer
		w := &Worker{Store: s, Sender: sender(ms, ms.Port), Log: slog.New(slog.NewTextHandler(&logs, nil))}
		if err := w.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		if sent, retried, failed := runOnce(t, w); sent != 3 || retried != 0 || failed != 0 {
			t.Fatalf("sent %d retried %d failed %d, want 3 0 0", sent, retried, failed)
		}
		if sent, _, _ := runOnce(t, w); sent != 0 {
			t.Fatalf("second run sent %d", sent)
		}
		got := ms.Received()
		if len(got) != 3 {
			t.Fatalf("server received %d messages, want 3", len(got))
		}
		if n := ms.Sessions(); n != 1 {
			t.Errorf("%d SMTP sessions for one batch, want 1", n)
		}
		ids := byMessageID(t, got)
		for i, m := range msgs {
			if ids[m.MessageID] != 1 {
				t.Errorf("%s received %d times", m.MessageID, ids[m.MessageID])
			}
			d := got[i]
			if len(d.To) != 1 || d.To[0] != m.ToAddress || d.From != "debiteuren@example.com" {
				t.Errorf("envelope %s -> %v", d.From, d.To)
			}
			checkMIME(t, d.Data, m)
			st := get(t, s, m.ID)
			if st.Status != store.MsgSent || st.SentAt.IsZero() || st.Attempts != 1 || st.LastError != "" {
				t.Errorf("message %d: status %s sent_at %v attempts %d error %q", m.ID, st.Status, st.SentAt, st.Attempts, st.LastError)
			}
		}
		for _, m := range msgs {
			for _, secret := range []string{m.BodyText, m.Subject, strings.Split(m.ToAddress, "@")[0] + "@"} {
				if strings.Contains(logs.String(), secret) {
					t.Errorf("logs contain %q:\n%s", secret, logs.String())
				}
			}
		}
		if !strings.Contains(logs.String(), "to_domain=example.nl") {
			t.Errorf("logs lack the recipient's domain:\n%s", logs.String())
		}
	})
}

func TestServerDown(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, clk *clock, _ string) {
		port := freePort(t)
		msgs := queue(t, s, "jan@example.nl", "piet@example.org", "team@kredo.test")
		w := &Worker{Store: s, Sender: sender(&mailServer{}, port), Now: clk.Now}
		if err := w.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		if sent, retried, failed := runOnce(t, w); sent != 0 || retried != 3 || failed != 0 {
			t.Fatalf("server down: sent %d retried %d failed %d, want 0 3 0", sent, retried, failed)
		}
		for _, m := range msgs {
			st := get(t, s, m.ID)
			if st.Status != store.MsgPending || st.Attempts != 1 || !st.NextAttemptAt.Equal(clk.Now().Add(time.Minute)) || st.LastError == "" {
				t.Errorf("message %d: status %s attempts %d next %v error %q", m.ID, st.Status, st.Attempts, st.NextAttemptAt, st.LastError)
			}
		}
		// not due yet: nothing is claimed
		if sent, retried, failed := runOnce(t, w); sent+retried+failed != 0 {
			t.Fatalf("before the backoff: %d %d %d", sent, retried, failed)
		}
		clk.Add(61 * time.Second)
		ms := startServer(t, port, nil)
		if sent, _, _ := runOnce(t, w); sent != 3 {
			t.Fatalf("server up: sent %d, want 3", sent)
		}
		clk.Add(time.Hour)
		runOnce(t, w)
		ids := byMessageID(t, ms.Received())
		if len(ids) != 3 {
			t.Fatalf("received %v", ids)
		}
		for _, m := range msgs {
			if ids[m.MessageID] != 1 {
				t.Errorf("%s received %d times", m.MessageID, ids[m.MessageID])
			}
			if st := get(t, s, m.ID); st.Status != store.MsgSent || st.Attempts != 2 {
				t.Errorf("message %d: %s after %d attempts", m.ID, st.Status, st.Attempts)
			}
		}
	})
}

func TestRejections(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, clk *clock, _ string) {
		ms := startServer(t, 0, func(ms *mailServer) {
			ms.Reject["nobody@example.nl"] = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user here"}
			ms.Reject["later@example.nl"] = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 7, 1}, Message: "Greylisted, try again later"}
		})
		msgs := queue(t, s, "nobody@example.nl", "later@example.nl", "ok@example.nl")
		w := &Worker{Store: s, Sender: sender(ms, ms.Port), Now: clk.Now, MaxAttempts: 2}
		if sent, retried, failed := runOnce(t, w); sent != 1 || retried != 1 || failed != 1 {
			t.Fatalf("sent %d retried %d failed %d, want 1 1 1", sent, retried, failed)
		}
		if st := get(t, s, msgs[0].ID); st.Status != store.MsgFailed || !strings.Contains(st.LastError, "550") || !strings.Contains(st.LastError, "No such user here") {
			t.Errorf("550: %s %q", st.Status, st.LastError)
		}
		st := get(t, s, msgs[1].ID)
		if st.Status != store.MsgPending || st.Attempts != 1 || !strings.Contains(st.LastError, "451") || !st.NextAttemptAt.After(clk.Now()) {
			t.Errorf("451: %s attempts %d next %v %q", st.Status, st.Attempts, st.NextAttemptAt, st.LastError)
		}
		// the second 451 is the last attempt allowed
		clk.Add(2 * time.Minute)
		if sent, retried, failed := runOnce(t, w); sent != 0 || retried != 0 || failed != 1 {
			t.Fatalf("second try: sent %d retried %d failed %d, want 0 0 1", sent, retried, failed)
		}
		if st := get(t, s, msgs[1].ID); st.Status != store.MsgFailed || !strings.Contains(st.LastError, "gave up after 2 attempts") {
			t.Errorf("after max attempts: %s %q", st.Status, st.LastError)
		}
		if n := len(ms.Received()); n != 1 {
			t.Errorf("server received %d messages, want 1", n)
		}
	})
}

func TestWrongPasswordWaits(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, clk *clock, _ string) {
		ms := startServer(t, 0, func(ms *mailServer) { ms.User, ms.Pass = "kredo", "geheim" })
		msgs := queue(t, s, "jan@example.nl", "piet@example.nl")
		w := &Worker{Store: s, Sender: sender(&mailServer{User: "kredo", Pass: "fout"}, ms.Port), Now: clk.Now}
		if sent, retried, failed := runOnce(t, w); sent != 0 || retried != 2 || failed != 0 {
			t.Fatalf("sent %d retried %d failed %d, want 0 2 0 (a login failure is not the messages' fault)", sent, retried, failed)
		}
		for _, m := range msgs {
			if st := get(t, s, m.ID); st.Status != store.MsgPending || !strings.Contains(st.LastError, "535") {
				t.Errorf("message %d: %s %q", m.ID, st.Status, st.LastError)
			}
		}
	})
}

func TestCrashLeavesUnknown(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, clk *clock, _ string) {
		ctx := context.Background()
		ms := startServer(t, 0, nil)
		msgs := queue(t, s, "jan@example.nl")
		claimed, err := s.ClaimMessages(ctx, []string{"email"}, 10)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %v %v", claimed, err)
		}
		// the process died here; a new one starts a second later
		clk.Add(time.Second)
		w := &Worker{Store: s, Sender: sender(ms, ms.Port), Now: clk.Now}
		if err := w.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if st := get(t, s, msgs[0].ID); st.Status != store.MsgUnknown || st.LastError == "" {
			t.Fatalf("after restart: %s %q, want unknown", st.Status, st.LastError)
		}
		clk.Add(time.Hour)
		if sent, retried, failed := runOnce(t, w); sent+retried+failed != 0 || len(ms.Received()) != 0 {
			t.Fatalf("an unknown message was sent: %d %d %d", sent, retried, failed)
		}
		// a person checked: it did not arrive, resend it
		if err := s.SetMessageStatus(ctx, ledger.Scope{All: true}, msgs[0].ID, store.MsgUnknown, store.MsgPending); err != nil {
			t.Fatal(err)
		}
		if sent, _, _ := runOnce(t, w); sent != 1 {
			t.Fatalf("resend: sent %d", sent)
		}
		runOnce(t, w)
		if n := byMessageID(t, ms.Received())[msgs[0].MessageID]; n != 1 {
			t.Fatalf("received %d times", n)
		}
	})
}

func TestHangupAfterDataIsUnknown(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, clk *clock, _ string) {
		ms := startServer(t, 0, func(ms *mailServer) { ms.Hangup["jan@example.nl"] = true })
		msgs := queue(t, s, "jan@example.nl", "piet@example.nl")
		w := &Worker{Store: s, Sender: sender(ms, ms.Port), Now: clk.Now}
		if sent, retried, failed := runOnce(t, w); sent != 1 || retried != 0 || failed != 1 {
			t.Fatalf("sent %d retried %d failed %d, want 1 0 1", sent, retried, failed)
		}
		if st := get(t, s, msgs[0].ID); st.Status != store.MsgUnknown || !strings.Contains(st.LastError, "may have arrived") {
			t.Errorf("hung up: %s %q, want unknown", st.Status, st.LastError)
		}
		clk.Add(24 * time.Hour)
		runOnce(t, w)
		if n := len(ms.Received()); n != 2 {
			t.Errorf("server received %d messages, want 2 (each once)", n)
		}
	})
}

func TestConcurrentWorkers(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, clk *clock, dsn string) {
		s2 := openClocked(t, dsn, clk) // a second process on the same database
		ms := startServer(t, 0, nil)
		var addrs []string
		for i := range 40 {
			addrs = append(addrs, fmt.Sprintf("klant%d@example.nl", i))
		}
		msgs := queue(t, s, addrs...)
		var total atomic.Int64
		var wg sync.WaitGroup
		for _, st := range []*store.Store{s, s2} {
			w := &Worker{Store: st, Sender: sender(ms, ms.Port), Now: clk.Now, Batch: 3}
			wg.Go(func() {
				for {
					sent, retried, failed, err := w.RunOnce(context.Background())
					if err != nil {
						t.Error(err)
						return
					}
					total.Add(int64(sent))
					if sent+retried+failed == 0 {
						return
					}
				}
			})
		}
		wg.Wait()
		if total.Load() != 40 {
			t.Errorf("sent %d, want 40", total.Load())
		}
		ids := byMessageID(t, ms.Received())
		for _, m := range msgs {
			if ids[m.MessageID] != 1 {
				t.Errorf("%s received %d times", m.MessageID, ids[m.MessageID])
			}
			if st := get(t, s, m.ID); st.Status != store.MsgSent {
				t.Errorf("message %d: %s", m.ID, st.Status)
			}
		}
	})
}

func TestDefaultBackoff(t *testing.T) {
	want := []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 3 * time.Hour, 6 * time.Hour, 6 * time.Hour}
	for i, w := range want {
		if got := DefaultBackoff(i + 1); got != w {
			t.Errorf("attempt %d: %v, want %v", i+1, got, w)
		}
	}
}

func TestRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ms := startServer(t, 0, nil)
		queue(t, s, "a@example.nl", "b@example.nl", "c@example.nl", "d@example.nl", "e@example.nl")
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		w := &Worker{Store: s, Sender: sender(ms, ms.Port), Batch: 2}
		go func() { done <- w.Run(ctx, 20*time.Millisecond) }()
		deadline := time.Now().Add(10 * time.Second)
		for len(ms.Received()) < 5 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		queue(t, s, "f@example.nl") // queued while running: picked up on a later tick
		for len(ms.Received()) < 6 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		if ids := byMessageID(t, ms.Received()); len(ids) != 6 || len(ms.Received()) != 6 {
			t.Errorf("received %v", ids)
		}
	})
}
