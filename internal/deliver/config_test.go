package deliver

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestSMTPConfigFromEnv(t *testing.T) {
	cfg, ok, err := SMTPConfigFromEnv(env(nil))
	if ok || err != nil || cfg != (SMTPConfig{}) {
		t.Errorf("no host: %+v %v %v, want not configured", cfg, ok, err)
	}
	cfg, ok, err = SMTPConfigFromEnv(env(map[string]string{"KREDO_SMTP_HOST": "smtp.example.com", "KREDO_SMTP_FROM": "Kredo <debiteuren@example.com>",
		"KREDO_SMTP_USERNAME": "kredo", "KREDO_SMTP_PASSWORD": "geheim"}))
	if !ok || err != nil || cfg.Port != 587 || cfg.TLS != TLSStartTLS || cfg.Username != "kredo" || cfg.Timeout != DefaultTimeout {
		t.Errorf("defaults: %+v %v %v", cfg, ok, err)
	}
	cfg, _, err = SMTPConfigFromEnv(env(map[string]string{"KREDO_SMTP_HOST": "smtp.example.com", "KREDO_SMTP_FROM": "a@example.com", "KREDO_SMTP_TLS": "TLS"}))
	if err != nil || cfg.Port != 465 || cfg.TLS != TLSImplicit {
		t.Errorf("implicit TLS: %+v %v", cfg, err)
	}
	cfg, _, err = SMTPConfigFromEnv(env(map[string]string{"KREDO_SMTP_HOST": "localhost", "KREDO_SMTP_FROM": "a@example.com", "KREDO_SMTP_TLS": "none", "KREDO_SMTP_PORT": "2525"}))
	if err != nil || cfg.Port != 2525 || cfg.TLS != TLSNone {
		t.Errorf("none: %+v %v", cfg, err)
	}
	bad := []struct {
		env  map[string]string
		name string
	}{
		{map[string]string{"KREDO_SMTP_PORT": "smtp"}, "KREDO_SMTP_PORT"},
		{map[string]string{"KREDO_SMTP_PORT": "70000"}, "KREDO_SMTP_PORT"},
		{map[string]string{"KREDO_SMTP_TLS": "ssl"}, "KREDO_SMTP_TLS"},
		{map[string]string{"KREDO_SMTP_FROM": ""}, "KREDO_SMTP_FROM"},
		{map[string]string{"KREDO_SMTP_FROM": "not an address"}, "KREDO_SMTP_FROM"},
		{map[string]string{"KREDO_SMTP_HOST": "smtp.example.com:587"}, "KREDO_SMTP_HOST"},
		{map[string]string{"KREDO_SMTP_PASSWORD": "geheim"}, "KREDO_SMTP_PASSWORD"},
	}
	for _, c := range bad {
		e := map[string]string{"KREDO_SMTP_HOST": "smtp.example.com", "KREDO_SMTP_FROM": "a@example.com"}
		for k, v := range c.env {
			e[k] = v
		}
		_, ok, err := SMTPConfigFromEnv(env(e))
		if ok || err == nil || !strings.HasPrefix(err.Error(), c.name) {
			t.Errorf("%v: ok %v err %v, want an error naming %s", c.env, ok, err, c.name)
		}
	}
}

func TestConfigLogHidesPassword(t *testing.T) {
	var b bytes.Buffer
	slog.New(slog.NewTextHandler(&b, nil)).Info("smtp", "config", SMTPConfig{Host: "smtp.example.com", Username: "kredo", Password: "geheim"})
	if strings.Contains(b.String(), "geheim") || !strings.Contains(b.String(), "smtp.example.com") {
		t.Errorf("log: %s", b.String())
	}
}
