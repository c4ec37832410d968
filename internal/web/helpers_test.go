package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/auth"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/web"
)

// password is every test user's password.
const password = "correct horse battery"

// env is a running Kredo server over a fresh database.
type env struct {
	t     *testing.T
	st    *store.Store
	svc   *app.Service
	srv   *httptest.Server
	today ledger.Date
}

// newEnv starts the server over st. The clock is the real one (sessions
// expire by the store's clock), so tests date their invoices from e.today.
func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	svc := app.New(st, nil, time.Now)
	srv := httptest.NewServer(web.NewServer(svc, web.Options{Version: "test"}))
	t.Cleanup(srv.Close)
	return &env{t: t, st: st, svc: svc, srv: srv, today: svc.Today()}
}

// day returns the ISO date n days from today.
func (e *env) day(n int) string { return e.today.AddDays(n).String() }

// importCSV imports an inline CSV file as the system administrator and
// fails the test unless every row went in.
func (e *env) importCSV(kind csvfmt.Kind, data string) app.ImportReport {
	e.t.Helper()
	rep, err := e.svc.ImportCSV(context.Background(), app.System, kind, strings.NewReader(data), string(kind)+".csv", app.ImportOptions{AllOrNothing: true})
	if err != nil {
		e.t.Fatalf("import %s: %v", kind, err)
	}
	if !rep.Committed {
		e.t.Fatalf("import %s rejected: %+v", kind, rep.Problems)
	}
	return rep
}

// user creates a user with the test password.
func (e *env) user(username, lang, role string, entities ...string) ledger.User {
	e.t.Helper()
	u, err := e.svc.SaveUser(context.Background(), app.System, app.NewUser{Username: username, Name: "Name " + username,
		Role: role, Language: lang, Password: password, AllEntities: len(entities) == 0, Entities: entities},
		auth.Params{Memory: 1024, Time: 1, Threads: 1})
	if err != nil {
		e.t.Fatalf("save user %s: %v", username, err)
	}
	return u
}

// token makes an API token for a user.
func (e *env) token(username string) string {
	e.t.Helper()
	tok, err := e.svc.CreateAPIToken(context.Background(), app.System, username, "test")
	if err != nil {
		e.t.Fatalf("api token: %v", err)
	}
	return tok
}

// client is a browser: a cookie jar, redirects not followed.
type client struct {
	e    *env
	http *http.Client
	csrf string // the session's CSRF token, read from the page after login
}

func (e *env) client() *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return &client{e: e, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// response is a finished request.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request; body may be nil, a string or url.Values (a form).
func (c *client) do(method, path string, body any, header map[string]string) response {
	c.e.t.Helper()
	var r io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	case url.Values:
		r, ct = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	default:
		c.e.t.Fatalf("body type %T", body)
	}
	req, err := http.NewRequest(method, c.e.srv.URL+path, r)
	if err != nil {
		c.e.t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.e.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

func (c *client) get(path string) response { c.e.t.Helper(); return c.do("GET", path, nil, nil) }

// login logs in through the form, as a browser does, and remembers the
// session's CSRF token.
func (c *client) login(username string) {
	c.e.t.Helper()
	if st := c.tryLogin(username, password); st != http.StatusSeeOther {
		c.e.t.Fatalf("login %s: status %d", username, st)
	}
	res := c.get("/customers")
	metas := selectAll(c.e.t, res.body, `meta[name=csrf-token]`)
	if len(metas) != 1 {
		c.e.t.Fatalf("login %s: no csrf meta on /customers (status %d)", username, res.status)
	}
	c.csrf = attr(metas[0], "content")
}

// tryLogin posts the login form and returns the status.
func (c *client) tryLogin(username, pw string) int {
	c.e.t.Helper()
	form := c.get("/login")
	tok := attr(selectOne(c.e.t, form.body, `form#login-form input[name=csrf]`), "value")
	res := c.do("POST", "/login", url.Values{"csrf": {tok}, "username": {username}, "password": {pw}, "next": {"/"}}, nil)
	return res.status
}

// decodeJSON decodes a response body into v.
func decodeJSON(t *testing.T, res response, v any) {
	t.Helper()
	if err := json.Unmarshal(res.body, v); err != nil {
		t.Fatalf("decode json (status %d): %v\n%s", res.status, err, res.body)
	}
}

// wantStatus fails the test unless res has status want.
func wantStatus(t *testing.T, what string, res response, want int) {
	t.Helper()
	if res.status != want {
		body := string(res.body)
		if len(body) > 2000 {
			body = body[:2000]
		}
		t.Fatalf("%s: status %d, want %d\n%s", what, res.status, want, body)
	}
}

// nbsp is the non-breaking space between a currency and its amount.
const nbsp = "\u00a0"

// htmlText returns the text of the nodes, whitespace collapsed.
func htmlText(ns ...*html.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = nodeText(n)
	}
	return out
}
