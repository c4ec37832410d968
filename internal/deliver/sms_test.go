package deliver

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/kredo-dev/kredo/internal/store"
)

// fakeTwilio speaks Twilio's Messages API: form-encoded requests with basic
// auth, 201 with a message resource, or 400 with an error resource
// (21211: invalid 'To' number), as documented by Twilio.
type fakeTwilio struct {
	mu   sync.Mutex
	sent []map[string]string
	down bool
}

func (f *fakeTwilio) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	user, pass, ok := r.BasicAuth()
	if !ok || user != "AC123" || pass != "secret" {
		w.WriteHeader(401)
		json.NewEncoder(w).Encode(map[string]any{"code": 20003, "message": "Authenticate", "status": 401})
		return
	}
	if r.Method != http.MethodPost || r.URL.Path != "/2010-04-01/Accounts/AC123/Messages.json" {
		w.WriteHeader(404)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		w.WriteHeader(503)
		json.NewEncoder(w).Encode(map[string]any{"code": 20500, "message": "Internal Server Error", "status": 503})
		return
	}
	r.ParseForm()
	if r.PostForm.Get("To") == "+31600000000" {
		w.WriteHeader(400)
		json.NewEncoder(w).Encode(map[string]any{"code": 21211, "message": "The 'To' number +31600000000 is not a valid phone number.", "status": 400})
		return
	}
	f.sent = append(f.sent, map[string]string{"To": r.PostForm.Get("To"), "From": r.PostForm.Get("From"), "Body": r.PostForm.Get("Body")})
	w.WriteHeader(201)
	json.NewEncoder(w).Encode(map[string]any{"sid": "SM0001", "status": "queued", "to": r.PostForm.Get("To")})
}

func TestTwilioSender(t *testing.T) {
	fake := &fakeTwilio{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	s := NewTwilioSender(TwilioConfig{BaseURL: srv.URL, AccountSID: "AC123", AuthToken: "secret", From: "+3197010000000"})
	ctx := context.Background()
	if err := s.Send(ctx, store.Message{ToAddress: "+31612345678", BodyText: "2 invoices overdue"}); err != nil {
		t.Fatal(err)
	}
	if len(fake.sent) != 1 || fake.sent[0]["From"] != "+3197010000000" || fake.sent[0]["Body"] != "2 invoices overdue" {
		t.Fatalf("sent %+v", fake.sent)
	}
	err := s.Send(ctx, store.Message{ToAddress: "+31600000000", BodyText: "x"})
	if se, ok := err.(*SendError); !ok || !se.Permanent || se.Code != 400 {
		t.Fatalf("invalid number: %#v", err)
	}
	fake.down = true
	err = s.Send(ctx, store.Message{ToAddress: "+31612345678", BodyText: "x"})
	if se, ok := err.(*SendError); !ok || se.Permanent || se.Ambiguous {
		t.Fatalf("provider down: %#v", err)
	}
	bad := NewTwilioSender(TwilioConfig{BaseURL: srv.URL, AccountSID: "AC123", AuthToken: "wrong", From: "+3197010000000"})
	err = bad.Send(ctx, store.Message{ToAddress: "+31612345678", BodyText: "x"})
	if se, ok := err.(*SendError); !ok || !se.Connection {
		t.Fatalf("wrong token: %#v", err)
	}
}

func TestTwilioConfigFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if _, ok, err := TwilioConfigFromEnv(env(nil)); ok || err != nil {
		t.Fatal("no provider configured")
	}
	if _, _, err := TwilioConfigFromEnv(env(map[string]string{"KREDO_SMS_PROVIDER": "pigeon"})); err == nil {
		t.Fatal("unknown provider accepted")
	}
	if _, _, err := TwilioConfigFromEnv(env(map[string]string{"KREDO_SMS_PROVIDER": "twilio"})); err == nil {
		t.Fatal("missing credentials accepted")
	}
	c, ok, err := TwilioConfigFromEnv(env(map[string]string{"KREDO_SMS_PROVIDER": "twilio", "KREDO_TWILIO_ACCOUNT_SID": "AC1",
		"KREDO_TWILIO_AUTH_TOKEN": "t", "KREDO_SMS_FROM": "+31970"}))
	if !ok || err != nil || c.BaseURL != "https://api.twilio.com" {
		t.Fatalf("%+v %v %v", c, ok, err)
	}
}
