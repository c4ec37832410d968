package deliver

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// clock is a settable clock shared by the store and the worker.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openClocked opens a fresh migrated store of the dialect whose clock is clk.
func openClocked(t *testing.T, dsn string, clk *clock) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// eachClocked runs fn on both databases with a store on a fake clock.
func eachClocked(t *testing.T, fn func(t *testing.T, s *store.Store, clk *clock, dsn string)) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			clk := newClock()
			dsn := storetest.DSN(t, d)
			fn(t, openClocked(t, dsn, clk), clk, dsn)
		})
	}
}

var msgSeq atomic.Int64

// queue adds pending e-mails to the outbox, one per address.
func queue(t *testing.T, s *store.Store, addrs ...string) []store.Message {
	t.Helper()
	ctx := context.Background()
	var entityID int64
	err := s.Tx(ctx, func(tx *store.Tx) error {
		var err error
		entityID, _, err = tx.UpsertEntity(ledger.Entity{Code: "NL01", Name: "Entity NL01", Currency: "EUR"}, 1, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Message
	for i, a := range addrs {
		n := msgSeq.Add(1)
		m := store.Message{EntityID: entityID, Channel: "email", Language: "nl", Template: "friendly",
			ToAddress: a, ToName: fmt.Sprintf("Klant %d", n), Subject: fmt.Sprintf("Herinnering – factuur %d", n),
			BodyText: fmt.Sprintf("Geachte klant %d, uw factuur staat open.", n), BodyHTML: fmt.Sprintf("<p>Geachte klant %d, uw factuur staat open.</p>", n),
			Status: store.MsgPending, MessageID: fmt.Sprintf("<kredo.test.%d@nl01.kredo>", n)}
		if i == 2 {
			m.Channel = "internal"
		}
		m.ID, err = s.AddMessage(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func sender(ms *mailServer, port int) *SMTPSender {
	return NewSMTPSender(SMTPConfig{Host: "127.0.0.1", Port: port, TLS: TLSNone, From: "Kredo <debiteuren@example.com>",
		Username: ms.User, Password: ms.Pass, Timeout: 5 * time.Second})
}

func get(t *testing.T, s *store.Store, id int64) store.Message {
	t.Helper()
	m, err := s.Message(context.Background(), ledger.Scope{All: true}, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// byMessageID counts the received messages per Message-ID header.
func byMessageID(t *testing.T, got []delivery) map[string]int {
	t.Helper()
	n := map[string]int{}
	for _, d := range got {
		msg, err := mail.ReadMessage(bytes.NewReader(d.Data))
		if err != nil {
			t.Fatal(err)
		}
		n[msg.Header.Get("Message-ID")]++
	}
	return n
}

func runOnce(t *testing.T, w *Worker) (sent, retried, failed int) {
	t.Helper()
	sent, retried, failed, err := w.RunOnce(context.Background())
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	return sent, retried, failed
}

// checkMIME verifies headers and parts of a received message.
func checkMIME(t *testing.T, data []byte, m store.Message) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	to, err := mail.ParseAddress(msg.Header.Get("To"))
	if err != nil || to.Address != m.ToAddress || to.Name != m.ToName {
		t.Errorf("To %q (%v), want %s <%s>", msg.Header.Get("To"), err, m.ToName, m.ToAddress)
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subj != m.Subject {
		t.Errorf("Subject %q, want %q", subj, m.Subject)
	}
	if got := msg.Header.Get("Message-ID"); got != m.MessageID {
		t.Errorf("Message-ID %q, want %q", got, m.MessageID)
	}
	if _, err := msg.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	parts := map[string]string{}
	walk(t, msg.Header.Get("Content-Type"), msg.Body, parts)
	if !strings.Contains(parts["text/plain"], m.BodyText) || !strings.Contains(parts["text/html"], m.BodyHTML) {
		t.Errorf("parts %v, want text/plain and text/html with the bodies", parts)
	}
}

// walk collects the leaf parts of a MIME body by content type.
func walk(t *testing.T, ct string, body io.Reader, out map[string]string) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		t.Fatalf("content type %q: %v", ct, err)
	}
	if !strings.HasPrefix(mt, "multipart/") {
		b, _ := io.ReadAll(body)
		out[mt] = string(b)
		return
	}
	r := multipart.NewReader(body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		walk(t, p.Header.Get("Content-Type"), p, out)
	}
}

func mustRead(t *testing.T, data []byte) *mail.Message {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return msg
}
