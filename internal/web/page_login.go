package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/auth"
	"github.com/kredo-dev/kredo/internal/ledger"
)

// loginCookie holds the login form's CSRF token before there is a session
// (double submit), so no other site can log a browser in.
const loginCookie = "kredo_login"

// loginPage is the data of the login form.
type loginPage struct {
	Page
	Token    string // the login CSRF token, also in loginCookie
	Username string
	Next     string
	Failed   bool
	Expired  bool
}

// handleLoginForm shows the login form; a logged-in user goes on to next.
func (s *server) handleLoginForm() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next := safeNext(r.URL.Query().Get("next"))
		if _, ok := s.sessionAuth(r); ok {
			http.Redirect(w, r, next, http.StatusSeeOther)
			return
		}
		s.renderLogin(w, r, http.StatusOK, loginPage{Next: next})
	})
}

// handleLogin checks the credentials, opens a session and redirects to next.
func (s *server) handleLogin() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if err := parseForm(r); err != nil {
			s.pageError(w, r, err)
			return
		}
		lp := loginPage{Username: strings.TrimSpace(r.PostFormValue("username")), Next: safeNext(r.PostFormValue("next"))}
		c, err := r.Cookie(loginCookie)
		if err != nil || !tokenEqual(r.PostFormValue(csrfField), c.Value) {
			lp.Expired = true
			s.renderLogin(w, r, http.StatusForbidden, lp)
			return
		}
		token, sess, _, err := s.svc.Login(r.Context(), lp.Username, r.PostFormValue("password"))
		if errors.Is(err, ledger.ErrUnauthorized) {
			lp.Failed = true
			s.renderLogin(w, r, http.StatusUnauthorized, lp)
			return
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: "", Path: "/login", MaxAge: -1, HttpOnly: true, Secure: s.secure})
		http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: sess.ExpiresAt,
			MaxAge: int(app.SessionTTL.Seconds()), HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
		http.Redirect(w, r, lp.Next, http.StatusSeeOther)
	})
}

// renderLogin shows the form with a fresh login CSRF token.
func (s *server) renderLogin(w http.ResponseWriter, r *http.Request, status int, lp loginPage) {
	lp.Page = s.newPage(r, "login.title", "")
	// keep the token of an earlier form: a second tab, or the browser's own
	// request for /favicon.ico redirected here, must not invalidate it
	if c, err := r.Cookie(loginCookie); err == nil && len(c.Value) >= 32 {
		lp.Token = c.Value
	} else {
		lp.Token = auth.NewToken("")
	}
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: lp.Token, Path: "/login", Expires: s.now().Add(time.Hour),
		MaxAge: 3600, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteStrictMode})
	s.render(w, r, status, "login", &lp)
}

// safeNext keeps a post-login target on this site: a local absolute path.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	return next
}
