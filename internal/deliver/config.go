package deliver

import (
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// TLS modes of SMTPConfig.TLS.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which is mandatory (default, port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption, for a relay on localhost or the LAN and for tests (port 25)
)

// DefaultTimeout bounds each step of talking to the mail server (connect,
// each command, the message's data) when SMTPConfig.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// SMTPConfig tells an SMTPSender where and how to hand messages over.
type SMTPConfig struct {
	Host     string
	Port     int // 0: 587 for starttls, 465 for tls, 25 for none
	Username string
	Password string
	TLS      string        // TLSStartTLS (also when empty), TLSImplicit or TLSNone
	From     string        // the sender, e.g. "Kredo <debiteuren@example.com>"
	Timeout  time.Duration // 0: DefaultTimeout
}

// LogValue keeps the password out of logs.
func (c SMTPConfig) LogValue() slog.Value {
	return slog.GroupValue(slog.String("host", c.Host), slog.Int("port", c.port()), slog.String("tls", c.tls()),
		slog.String("username", c.Username), slog.Bool("password_set", c.Password != ""), slog.String("from", c.From))
}

func (c SMTPConfig) tls() string {
	if c.TLS == "" {
		return TLSStartTLS
	}
	return c.TLS
}

func (c SMTPConfig) port() int {
	if c.Port != 0 {
		return c.Port
	}
	switch c.tls() {
	case TLSImplicit:
		return 465
	case TLSNone:
		return 25
	}
	return 587
}

func (c SMTPConfig) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

// SMTPConfigFromEnv reads KREDO_SMTP_HOST, KREDO_SMTP_PORT,
// KREDO_SMTP_USERNAME, KREDO_SMTP_PASSWORD, KREDO_SMTP_TLS and
// KREDO_SMTP_FROM. ok is false when KREDO_SMTP_HOST is empty: then nothing
// is delivered and messages stay in the outbox. Errors name the variable.
func SMTPConfigFromEnv(getenv func(string) string) (cfg SMTPConfig, ok bool, err error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	cfg.Host = get("KREDO_SMTP_HOST")
	if cfg.Host == "" {
		return SMTPConfig{}, false, nil
	}
	if _, _, err := net.SplitHostPort(cfg.Host); err == nil {
		return SMTPConfig{}, false, fmt.Errorf("KREDO_SMTP_HOST: %q holds a port; give the host name alone and the port in KREDO_SMTP_PORT", cfg.Host)
	}
	switch tls := strings.ToLower(get("KREDO_SMTP_TLS")); tls {
	case "", TLSStartTLS:
		cfg.TLS = TLSStartTLS
	case TLSImplicit, TLSNone:
		cfg.TLS = tls
	default:
		return SMTPConfig{}, false, fmt.Errorf("KREDO_SMTP_TLS: %q is not one of starttls (the default), tls or none", getenv("KREDO_SMTP_TLS"))
	}
	if p := get("KREDO_SMTP_PORT"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return SMTPConfig{}, false, fmt.Errorf("KREDO_SMTP_PORT: %q is not a port number (1-65535)", p)
		}
		cfg.Port = n
	}
	cfg.Port = cfg.port()
	cfg.Username = get("KREDO_SMTP_USERNAME")
	cfg.Password = getenv("KREDO_SMTP_PASSWORD") // spaces may be part of a password
	if cfg.Password != "" && cfg.Username == "" {
		return SMTPConfig{}, false, fmt.Errorf("KREDO_SMTP_PASSWORD is set but KREDO_SMTP_USERNAME is empty")
	}
	cfg.From = get("KREDO_SMTP_FROM")
	if cfg.From == "" {
		return SMTPConfig{}, false, fmt.Errorf("KREDO_SMTP_FROM: required when KREDO_SMTP_HOST is set (the sender, e.g. \"Kredo <debiteuren@example.com>\")")
	}
	if _, err := mail.ParseAddress(cfg.From); err != nil {
		return SMTPConfig{}, false, fmt.Errorf("KREDO_SMTP_FROM: %q is not an e-mail address: %v", cfg.From, err)
	}
	cfg.Timeout = DefaultTimeout
	return cfg, true, nil
}
