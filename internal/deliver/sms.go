package deliver

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/store"
)

// TwilioConfig configures SMS delivery through Twilio's Messages API
// (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To,
// From and Body, HTTP basic auth with the account SID and auth token).
type TwilioConfig struct {
	BaseURL    string // https://api.twilio.com unless testing
	AccountSID string
	AuthToken  string
	From       string // the sending number in E.164, e.g. +3197010000000
	Timeout    time.Duration
}

// TwilioConfigFromEnv reads KREDO_SMS_PROVIDER=twilio, KREDO_TWILIO_ACCOUNT_SID,
// KREDO_TWILIO_AUTH_TOKEN, KREDO_SMS_FROM and optionally KREDO_TWILIO_URL;
// ok is false when no SMS provider is configured (SMS messages then stay in
// the outbox).
func TwilioConfigFromEnv(getenv func(string) string) (TwilioConfig, bool, error) {
	switch p := strings.ToLower(strings.TrimSpace(getenv("KREDO_SMS_PROVIDER"))); p {
	case "":
		return TwilioConfig{}, false, nil
	case "twilio":
	default:
		return TwilioConfig{}, false, fmt.Errorf("KREDO_SMS_PROVIDER: unknown provider %q (known: twilio)", p)
	}
	c := TwilioConfig{BaseURL: getenv("KREDO_TWILIO_URL"), AccountSID: getenv("KREDO_TWILIO_ACCOUNT_SID"),
		AuthToken: getenv("KREDO_TWILIO_AUTH_TOKEN"), From: getenv("KREDO_SMS_FROM"), Timeout: DefaultTimeout}
	if c.BaseURL == "" {
		c.BaseURL = "https://api.twilio.com"
	}
	for name, v := range map[string]string{"KREDO_TWILIO_ACCOUNT_SID": c.AccountSID, "KREDO_TWILIO_AUTH_TOKEN": c.AuthToken, "KREDO_SMS_FROM": c.From} {
		if v == "" {
			return c, false, fmt.Errorf("%s: required with KREDO_SMS_PROVIDER=twilio", name)
		}
	}
	if _, err := url.Parse(c.BaseURL); err != nil {
		return c, false, fmt.Errorf("KREDO_TWILIO_URL: %w", err)
	}
	return c, true, nil
}

// LogValue keeps the auth token out of logs.
func (c TwilioConfig) LogValue() string {
	return "twilio " + c.BaseURL + " account " + c.AccountSID + " from " + c.From
}

// TwilioSender sends SMS messages through Twilio.
type TwilioSender struct {
	cfg    TwilioConfig
	client *http.Client
}

// NewTwilioSender returns a sender for the configuration.
func NewTwilioSender(cfg TwilioConfig) *TwilioSender {
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	return &TwilioSender{cfg: cfg, client: &http.Client{Timeout: cfg.Timeout}}
}

// twilioReply is the part of Twilio's JSON answer Kredo reads: a message
// resource on success, an error resource (code, message, status) otherwise.
type twilioReply struct {
	SID     string `json:"sid"`
	Status  string `json:"status"`
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// Send posts one SMS. A 4xx answer (bad number, message refused) is
// permanent, except 429 (rate limited); 5xx and network errors are
// temporary; a connection broken after the request was sent is ambiguous.
func (s *TwilioSender) Send(ctx context.Context, m store.Message) error {
	form := url.Values{"To": {m.ToAddress}, "From": {s.cfg.From}, "Body": {m.BodyText}}
	u := strings.TrimRight(s.cfg.BaseURL, "/") + "/2010-04-01/Accounts/" + url.PathEscape(s.cfg.AccountSID) + "/Messages.json"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		return &SendError{Permanent: true, Err: err}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(s.cfg.AccountSID, s.cfg.AuthToken)
	res, err := s.client.Do(req)
	if err != nil {
		return &SendError{Connection: true, Err: fmt.Errorf("twilio: %w", err)}
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return &SendError{Ambiguous: true, Err: fmt.Errorf("twilio: reading the answer: %w", err)}
	}
	var r twilioReply
	_ = json.Unmarshal(body, &r)
	switch {
	case res.StatusCode == http.StatusCreated || res.StatusCode == http.StatusOK:
		if r.SID == "" {
			return &SendError{Ambiguous: true, Code: res.StatusCode, Err: fmt.Errorf("twilio: accepted without a message sid")}
		}
		return nil
	case res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden:
		return &SendError{Connection: true, Code: res.StatusCode, Err: fmt.Errorf("twilio %d: %s (code %d)", res.StatusCode, r.Message, r.Code)}
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500:
		return &SendError{Code: res.StatusCode, Err: fmt.Errorf("twilio %d: %s (code %d)", res.StatusCode, r.Message, r.Code)}
	default:
		return &SendError{Permanent: true, Code: res.StatusCode, Err: fmt.Errorf("twilio %d: %s (code %d)", res.StatusCode, r.Message, r.Code)}
	}
}
