// Package web is Kredo's HTTP server: the staff web UI (server-rendered
// HTML), the JSON API under /api/v1 with its OpenAPI document, and the
// health check. Every handler calls the app layer with the authenticated
// user, so the user's entity scope applies to every route.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/comms"
)

// Options configure the server.
type Options struct {
	Logger        *slog.Logger     // request and error log; discarded when nil
	SecureCookies bool             // mark cookies Secure (serve over HTTPS)
	Version       string           // shown in the page footer
	Now           func() time.Time // the clock for cookie expiry (days overdue follow app.Service.Today); time.Now when nil
	// MailConfigured tells whether an SMTP server sends the outbox; when
	// not, the messages page explains that messages wait there.
	MailConfigured bool
}

// server holds the dependencies of the handlers.
type server struct {
	svc     *app.Service
	log     *slog.Logger
	secure  bool
	version string
	now     func() time.Time
	tmpl    *templates
	static  *staticFiles
	mail    bool     // an SMTP server is configured
	letters []string // the names of the letter templates, for the scheme editor
}

// NewServer returns the HTTP handler of Kredo: every route of routes.go
// wrapped in logging, panic recovery and security headers.
func NewServer(svc *app.Service, opt Options) http.Handler {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Version == "" {
		opt.Version = "dev"
	}
	s := &server{svc: svc, log: opt.Logger, secure: opt.SecureCookies, version: opt.Version, now: opt.Now,
		mail: opt.MailConfigured, letters: comms.DefaultTemplates().Names()}
	s.static = loadStatic()
	s.tmpl = loadTemplates(s.static)
	mux := http.NewServeMux()
	addRoutes(mux, s)
	var h http.Handler = mux
	h = http.NewCrossOriginProtection().Handler(h)
	h = s.securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	return h
}
