package deliver

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// delivery is one message a test server accepted (or, with hangup, read).
type delivery struct {
	From string
	To   []string
	Data []byte
}

// mailServer is a real SMTP server on 127.0.0.1 that records every DATA.
type mailServer struct {
	Port     int
	User     string                     // when set, AUTH PLAIN with User/Pass is required
	Pass     string                     //
	Reject   map[string]*smtp.SMTPError // RCPT replies by recipient address
	Hangup   map[string]bool            // recipients whose DATA is read and then the connection dropped
	srv      *smtp.Server
	mu       sync.Mutex
	received []delivery
	sessions int
}

// startServer runs a mail server on port (0: a free one) until the test
// ends or Stop.
func startServer(t *testing.T, port int, configure func(*mailServer)) *mailServer {
	t.Helper()
	ms := &mailServer{Reject: map[string]*smtp.SMTPError{}, Hangup: map[string]bool{}}
	if configure != nil {
		configure(ms)
	}
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	ms.Port = l.Addr().(*net.TCPAddr).Port
	ms.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		ms.mu.Lock()
		ms.sessions++
		ms.mu.Unlock()
		return &session{ms: ms, conn: c}, nil
	}))
	ms.srv.Domain = "mx.test"
	ms.srv.AllowInsecureAuth = true
	ms.srv.ReadTimeout = 10 * time.Second
	ms.srv.WriteTimeout = 10 * time.Second
	go ms.srv.Serve(l)
	t.Cleanup(ms.Stop)
	return ms
}

// Stop closes the server.
func (ms *mailServer) Stop() { ms.srv.Close() }

// Received returns what the server got so far.
func (ms *mailServer) Received() []delivery {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]delivery(nil), ms.received...)
}

// Sessions returns how many SMTP sessions (connections) the server had.
func (ms *mailServer) Sessions() int {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return ms.sessions
}

// freePort returns a port nothing listens on (for "the server is down").
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

type session struct {
	ms     *mailServer
	conn   *smtp.Conn
	authed bool
	cur    delivery
}

func (s *session) AuthMechanisms() []string {
	if s.ms.User == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != s.ms.User || password != s.ms.Pass {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.ms.User != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.cur = delivery{From: from}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if e := s.ms.Reject[strings.ToLower(to)]; e != nil {
		return e
	}
	s.cur.To = append(s.cur.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Data = b
	s.ms.mu.Lock()
	s.ms.received = append(s.ms.received, s.cur)
	s.ms.mu.Unlock()
	for _, to := range s.cur.To {
		if s.ms.Hangup[strings.ToLower(to)] {
			s.conn.Conn().Close() // the client never hears the verdict
			return errors.New("hung up")
		}
	}
	return nil
}

func (s *session) Reset()        { s.cur = delivery{} }
func (s *session) Logout() error { return nil }
