package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Cookie and header names.
const (
	sessionCookie = "kredo_session"
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
)

// maxFormBody caps the body of browser form posts (CSV uploads included).
const maxFormBody = 64 << 20

type ctxKey int

const (
	authKey ctxKey = iota
	logKey
)

// authInfo is the authenticated caller of a request.
type authInfo struct {
	user ledger.User
	csrf string // the session's CSRF token; empty for bearer tokens
}

// logInfo collects request details for the access log line.
type logInfo struct{ user string }

// userFrom returns the authenticated user of the request (zero when none).
func userFrom(r *http.Request) ledger.User {
	a, _ := r.Context().Value(authKey).(*authInfo)
	if a == nil {
		return ledger.User{}
	}
	return a.user
}

// csrfFrom returns the CSRF token of the request's session.
func csrfFrom(r *http.Request) string {
	a, _ := r.Context().Value(authKey).(*authInfo)
	if a == nil {
		return ""
	}
	return a.csrf
}

func withAuth(r *http.Request, a *authInfo) *http.Request {
	if li, ok := r.Context().Value(logKey).(*logInfo); ok {
		li.user = a.user.Username
	}
	return r.WithContext(context.WithValue(r.Context(), authKey, a))
}

// statusWriter records the status and size of a response for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

// WriteHeader records the first status written.
func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write counts the bytes of the body.
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests writes one log line per request with stable keys.
func (s *server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		li := &logInfo{}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), logKey, li)))
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		s.log.LogAttrs(r.Context(), levelFor(sw.status), "http",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", sw.status),
			slog.Int("bytes", int(sw.bytes)), slog.Duration("duration", time.Since(start)), slog.String("user", li.user))
	})
}

func levelFor(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelInfo
}

// recoverPanics turns a panicking handler into a 500 and logs the stack.
func (s *server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			if sw, ok := w.(*statusWriter); ok && sw.status != 0 {
				panic(http.ErrAbortHandler) // too late for an error page: cut the connection
			}
			if isAPI(r) {
				s.encode(w, http.StatusInternalServerError, apiErrorBody{Error: ledger.UserMessage(errors.New("panic"))})
				return
			}
			http.Error(w, "Internal server error", http.StatusInternalServerError)
		}()
		next.ServeHTTP(w, r)
	})
}

// pageCSP is the Content-Security-Policy of every response unless a
// handler sets its own: Kredo's own scripts and styles only.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// securityHeaders sets the headers every response carries. Pages are
// private and never cached; static files override Cache-Control.
func (s *server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if s.secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// sessionAuth returns the caller of a session cookie, if any.
func (s *server) sessionAuth(r *http.Request) (*authInfo, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, false
	}
	u, sess, err := s.svc.SessionUser(r.Context(), c.Value)
	if err != nil {
		return nil, false
	}
	return &authInfo{user: u, csrf: sess.CSRF}, true
}

// requireSession lets through requests with a valid session; others are
// sent to the login page. A POST must carry the session's CSRF token.
func (s *server) requireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := s.sessionAuth(r)
		if !ok {
			s.redirectToLogin(w, r)
			return
		}
		r = withAuth(r, a)
		if !safeMethod(r.Method) {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
			if err := parseForm(r); err != nil {
				s.pageError(w, r, err)
				return
			}
			if !tokenEqual(r.PostFormValue(csrfField), a.csrf) {
				s.pageError(w, r, errBadCSRF)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// errBadCSRF rejects a form without the session's CSRF token.
var errBadCSRF = ledger.Errorf(ledger.ErrForbidden, "the form has expired; reload the page and try again")

// parseForm reads a posted form, URL-encoded or multipart (file uploads);
// a body that is not a form is invalid input.
func parseForm(r *http.Request) error {
	var err error
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "multipart/form-data" {
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	if err != nil && !errors.As(err, &tooBig) {
		return fmt.Errorf("read form: %w: %w", ledger.ErrInvalid, err)
	}
	return err
}

// redirectToLogin sends the browser to the login page, which returns to
// the requested page after login.
func (s *server) redirectToLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Path
	if r.URL.RawQuery != "" {
		next += "?" + r.URL.RawQuery
	}
	target := "/login"
	if safeMethod(r.Method) && next != "/" {
		target += "?next=" + url.QueryEscape(next)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// requireAPIAuth authenticates an API request by bearer token or, for the
// browser, by session cookie plus the X-CSRF-Token header on writes.
func (s *server) requireAPIAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if scheme, tok, found := strings.Cut(r.Header.Get("Authorization"), " "); found && strings.EqualFold(scheme, "Bearer") {
			u, err := s.svc.TokenUser(r.Context(), strings.TrimSpace(tok))
			if err != nil {
				s.apiUnauthorized(w, r)
				return
			}
			next.ServeHTTP(w, withAuth(r, &authInfo{user: u}))
			return
		}
		a, ok := s.sessionAuth(r)
		if !ok {
			s.apiUnauthorized(w, r)
			return
		}
		if !safeMethod(r.Method) && !tokenEqual(r.Header.Get(csrfHeader), a.csrf) {
			s.apiError(w, r, ledger.Errorf(ledger.ErrForbidden, "missing or wrong %s header", csrfHeader))
			return
		}
		next.ServeHTTP(w, withAuth(r, a))
	})
}

func (s *server) apiUnauthorized(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="kredo"`)
	s.apiError(w, r, ledger.Errorf(ledger.ErrUnauthorized, "authentication required: send Authorization: Bearer <token>"))
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

func tokenEqual(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }
