package deliver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"

	"github.com/kredo-dev/kredo/internal/store"
)

// Sender hands one message to the mail system. A nil error means the
// receiving server accepted it; any other error should be a *SendError
// saying what to do next (a plain error counts as temporary).
type Sender interface {
	Send(ctx context.Context, m store.Message) error
}

// SendError is a failed delivery, classified.
type SendError struct {
	// Permanent: the server refused this message for good (a 5xx reply to
	// its MAIL, RCPT or DATA, or an address that cannot be used); do not
	// retry.
	Permanent bool
	// Ambiguous: the connection broke after the whole message was handed
	// over and before the server answered; it may have been accepted, so a
	// person decides (the message becomes "unknown").
	Ambiguous bool
	// Connection: the server could not be reached or refused the session
	// (connect, TLS, greeting, login); the messages after this one would
	// fail alike, so they wait too without being tried.
	Connection bool
	// Code is the SMTP reply code, 0 when there was none.
	Code int
	// Err is what went wrong, with the server's reply when there was one.
	Err error
}

// Error returns the reason, with the server's reply when there was one.
func (e *SendError) Error() string {
	msg := e.Err.Error()
	if i := strings.Index(msg, ", affected message ID: "); i >= 0 {
		msg = msg[:i] // go-mail's suffix; the message's own id is known
	}
	return msg
}

// Unwrap returns the underlying error.
func (e *SendError) Unwrap() error { return e.Err }

// SMTPSender delivers messages to an SMTP server with go-mail. It keeps one
// connection open between sends; Close ends it. It is safe for concurrent
// use (sends are serialized).
type SMTPSender struct {
	cfg    SMTPConfig
	client *gomail.Client
	err    error // a configuration error, reported by every Send

	mu   sync.Mutex
	conn *gosmtp.Client
}

// NewSMTPSender returns a sender for the configuration. A bad configuration
// is reported by Send, as a connection error, so messages wait.
func NewSMTPSender(cfg SMTPConfig) *SMTPSender {
	s := &SMTPSender{cfg: cfg}
	opts := []gomail.Option{gomail.WithPort(cfg.port()), gomail.WithTimeout(cfg.timeout())}
	encrypted := true
	switch cfg.tls() {
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
		encrypted = false
	default:
		s.err = fmt.Errorf("SMTP TLS mode %q is not starttls, tls or none", cfg.TLS)
		return s
	}
	if cfg.Username != "" {
		// PLAIN or LOGIN, which every submission server offers; without
		// encryption only because the operator chose "none" (a local relay)
		mechs := []gomail.SMTPAuthType{gomail.SMTPAuthPlain, gomail.SMTPAuthLogin}
		if !encrypted {
			mechs = []gomail.SMTPAuthType{gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc}
		}
		opts = append(opts, gomail.WithOpportunisticSMTPAuth(mechs...),
			gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	s.client, s.err = gomail.NewClient(cfg.Host, opts...)
	if s.err != nil {
		s.err = fmt.Errorf("SMTP client for %s: %w", cfg.Host, s.err)
	}
	return s
}

// Send delivers one message. It returns nil once the server accepted it,
// even if the connection fails afterwards.
func (s *SMTPSender) Send(ctx context.Context, m store.Message) error {
	if s.err != nil {
		return &SendError{Connection: true, Err: s.err}
	}
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for try := 0; ; try++ {
		reused := s.conn != nil
		if s.conn == nil {
			conn, err := s.client.DialToSMTPClientWithContext(ctx)
			if err != nil {
				return &SendError{Connection: true, Code: replyCode(err),
					Err: fmt.Errorf("connect to %s:%d: %w", s.cfg.Host, s.cfg.port(), err)}
			}
			s.conn = conn
		}
		err := s.client.SendWithSMTPClient(s.conn, msg)
		if msg.IsDelivered() {
			// accepted: a failing RSET afterwards does not undo that
			if err != nil {
				s.drop()
			}
			return nil
		}
		if err == nil {
			return &SendError{Ambiguous: true, Err: errors.New("the SMTP client reported neither success nor failure")}
		}
		s.drop()
		var se *gomail.SendError
		if errors.As(err, &se) && se.Reason == gomail.ErrConnCheck && reused && try == 0 {
			continue // the kept connection went stale before anything was sent: dial again
		}
		return classify(err)
	}
}

// Close ends the kept connection, if any.
func (s *SMTPSender) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return nil
	}
	err := s.client.CloseWithSMTPClient(s.conn)
	s.conn = nil
	return err
}

// drop ends the kept connection after an error: its state is unknown.
func (s *SMTPSender) drop() {
	if s.conn != nil {
		_ = s.client.CloseWithSMTPClient(s.conn)
		s.conn = nil
	}
}

// build turns an outbox message into a MIME message: From, To, Subject,
// Date, Message-ID, a text part with an HTML alternative, and the PDF.
func (s *SMTPSender) build(m store.Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(s.cfg.From); err != nil {
		return nil, &SendError{Connection: true, Err: fmt.Errorf("sender address %q: %w", s.cfg.From, err)}
	}
	addrs := recipients(m.ToAddress)
	if len(addrs) == 0 {
		return nil, &SendError{Permanent: true, Err: errors.New("no recipient address")}
	}
	for i, a := range addrs {
		name := ""
		if i == 0 {
			name = m.ToName
		}
		if _, err := mail.ParseAddress(a); err != nil {
			return nil, &SendError{Permanent: true, Err: fmt.Errorf("recipient address %q is not valid: %v", a, err)}
		}
		if err := msg.AddToFormat(name, a); err != nil {
			return nil, &SendError{Permanent: true, Err: fmt.Errorf("recipient address %q is not valid: %v", a, err)}
		}
	}
	msg.Subject(m.Subject)
	msg.SetDateWithValue(time.Now())
	if id := strings.Trim(m.MessageID, "<> "); id != "" {
		msg.SetMessageIDWithValue(id)
	}
	msg.SetUserAgent("Kredo")
	msg.SetBodyString(gomail.TypeTextPlain, m.BodyText)
	if m.BodyHTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.BodyHTML)
	}
	if len(m.PDF) > 0 {
		name := "letter.pdf"
		if m.Template != "" {
			name = m.Template + ".pdf"
		}
		if err := msg.AttachReader(name, bytes.NewReader(m.PDF), gomail.WithFileContentType("application/pdf")); err != nil {
			return nil, &SendError{Permanent: true, Err: fmt.Errorf("attach PDF: %w", err)}
		}
	}
	return msg, nil
}

// recipients splits an address field the way ERP exports fill it
// ("a@x.nl; b@x.nl").
func recipients(s string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// classify turns go-mail's error into a SendError: 5xx replies to the
// message's own commands are permanent, a connection that broke while the
// server was deciding about the complete message is ambiguous, the rest
// (4xx, network errors, timeouts) is temporary.
func classify(err error) *SendError {
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return &SendError{Code: replyCode(err), Err: err}
	}
	code := se.ErrorCode()
	out := &SendError{Code: code, Err: err}
	switch se.Reason {
	case gomail.ErrGetRcpts:
		out.Permanent = true
	case gomail.ErrSMTPMailFrom, gomail.ErrSMTPRcptTo, gomail.ErrSMTPData:
		out.Permanent = code >= 500 && code <= 599
	case gomail.ErrSMTPDataClose:
		out.Permanent = code >= 500 && code <= 599
		out.Ambiguous = code == 0 // no reply to the final "." : accepted or not, nobody knows
	case gomail.ErrConnCheck, gomail.ErrGetSender, gomail.ErrNoUnencoded:
		out.Connection = true
	}
	return out
}

// replyCode returns the SMTP reply code an error carries, or 0.
func replyCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}
