package deliver

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

func testMessage(id int64, to string) store.Message {
	return store.Message{ID: id, Channel: "email", ToAddress: to, ToName: "Jan Jansen", Subject: "Herinnering",
		BodyText: "Tekst", BodyHTML: "<p>Tekst</p>", MessageID: "<kredo.unit." + to + ">", Template: "friendly"}
}

func TestSenderRedialsStaleConnection(t *testing.T) {
	ms := startServer(t, 0, nil)
	s := sender(ms, ms.Port)
	defer s.Close()
	ctx := context.Background()
	if err := s.Send(ctx, testMessage(1, "a@example.nl")); err != nil {
		t.Fatal(err)
	}
	// the server restarts: the kept connection is dead, nothing was sent on it
	ms.Stop()
	ms2 := startServer(t, ms.Port, nil)
	if err := s.Send(ctx, testMessage(2, "b@example.nl")); err != nil {
		t.Fatalf("after a server restart: %v", err)
	}
	if len(ms.Received()) != 1 || len(ms2.Received()) != 1 {
		t.Errorf("received %d + %d, want 1 + 1", len(ms.Received()), len(ms2.Received()))
	}
}

func TestSenderClassifiesAddresses(t *testing.T) {
	s := sender(&mailServer{}, freePort(t))
	for _, to := range []string{"", "geen adres", "a@example.nl; kapot"} {
		var se *SendError
		if err := s.Send(context.Background(), testMessage(1, to)); !errors.As(err, &se) || !se.Permanent {
			t.Errorf("%q: %v, want a permanent error", to, err)
		}
	}
	var se *SendError
	if err := s.Send(context.Background(), testMessage(1, "a@example.nl")); !errors.As(err, &se) || se.Permanent || !se.Connection {
		t.Errorf("server down: %#v, want a temporary connection error", err)
	}
}

func TestSenderAttachesPDF(t *testing.T) {
	ms := startServer(t, 0, nil)
	s := sender(ms, ms.Port)
	defer s.Close()
	m := testMessage(1, "a@example.nl; b@example.nl")
	m.PDF = []byte("%PDF-1.4 test")
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := ms.Received()
	if len(got) != 1 || len(got[0].To) != 2 {
		t.Fatalf("received %+v", got)
	}
	parts := map[string]string{}
	msg := mustRead(t, got[0].Data)
	walk(t, msg.Header.Get("Content-Type"), msg.Body, parts)
	if _, ok := parts["application/pdf"]; !ok || parts["text/plain"] == "" || parts["text/html"] == "" {
		t.Errorf("parts %v", parts)
	}
}

// A server that accepts connections and never answers: the first message
// waits for the timeout, the rest of the batch is not tried.
func TestSilentServerDoesNotHoldTheBatch(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, clk *clock, _ string) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				defer c.Close()
			}
		}()
		queue(t, s, "a@example.nl", "b@example.nl", "c@example.nl")
		snd := NewSMTPSender(SMTPConfig{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, TLS: TLSNone, From: "k@example.com",
			Timeout: 300 * time.Millisecond})
		w := &Worker{Store: s, Sender: snd, Now: clk.Now}
		start := time.Now()
		if sent, retried, failed := runOnce(t, w); sent != 0 || retried != 3 || failed != 0 {
			t.Fatalf("sent %d retried %d failed %d, want 0 3 0", sent, retried, failed)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("the batch took %v", d)
		}
		msgs, _, err := s.Messages(context.Background(), store.MessageFilter{Scope: ledger.Scope{All: true}, Status: store.MsgPending})
		if err != nil || len(msgs) != 3 {
			t.Fatalf("pending: %d %v", len(msgs), err)
		}
		for _, m := range msgs {
			if !strings.Contains(m.LastError, "timeout") {
				t.Errorf("message %d: %q", m.ID, m.LastError)
			}
		}
	})
}

// STARTTLS is mandatory: a server that does not offer it gets nothing.
func TestSenderRequiresStartTLS(t *testing.T) {
	ms := startServer(t, 0, nil)
	s := NewSMTPSender(SMTPConfig{Host: "127.0.0.1", Port: ms.Port, From: "k@example.com", Username: "u", Password: "p", Timeout: 2 * time.Second})
	var se *SendError
	if err := s.Send(context.Background(), testMessage(1, "a@example.nl")); !errors.As(err, &se) || !se.Connection || se.Permanent {
		t.Fatalf("no STARTTLS offered: %v, want a temporary connection error", err)
	}
	if n := len(ms.Received()); n != 0 {
		t.Errorf("received %d messages over an unencrypted connection", n)
	}
}
