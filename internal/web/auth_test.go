package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

func TestLoginLogout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.user("anna", "nl", ledger.RoleController)
		c := e.client()

		// the form, in Dutch only after login: the login page is English
		res := c.get("/login?next=/invoices")
		wantStatus(t, "login form", res, http.StatusOK)
		selectOne(t, res.body, "form#login-form input#username")
		if v := attr(selectOne(t, res.body, "form#login-form input[name=next]"), "value"); v != "/invoices" {
			t.Errorf("next = %q", v)
		}

		if st := c.tryLogin("anna", "wrong password"); st != http.StatusUnauthorized {
			t.Errorf("wrong password: status %d, want 401", st)
		}
		if st := c.tryLogin("nobody", password); st != http.StatusUnauthorized {
			t.Errorf("unknown user: status %d, want 401", st)
		}
		res = c.do("POST", "/login", url.Values{"username": {"anna"}, "password": {"wrong"}, "csrf": {"x"}}, nil)
		wantStatus(t, "wrong password page", res, http.StatusForbidden) // a made-up token fails first
		selectOne(t, res.body, "#login-error")

		// success: a session cookie with the right attributes, back to next
		form := c.get("/login")
		tok := attr(selectOne(t, form.body, "input[name=csrf]"), "value")
		res = c.do("POST", "/login", url.Values{"csrf": {tok}, "username": {"anna"}, "password": {password}, "next": {"/invoices?status=open"}}, nil)
		wantStatus(t, "login", res, http.StatusSeeOther)
		if loc := res.header.Get("Location"); loc != "/invoices?status=open" {
			t.Errorf("redirect to %q", loc)
		}
		var cookie string
		for _, sc := range res.header.Values("Set-Cookie") {
			if strings.HasPrefix(sc, "kredo_session=") {
				cookie = sc
			}
		}
		for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("session cookie %q lacks %s", cookie, want)
			}
		}
		if strings.Contains(cookie, "Secure") {
			t.Errorf("cookie is Secure without SecureCookies: %q", cookie)
		}

		res = c.get("/customers")
		wantStatus(t, "customers after login", res, http.StatusOK)
		if got := nodeText(selectOne(t, res.body, "#user-name")); got != "Name anna" {
			t.Errorf("user name %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "main h1")); got != "Klanten" {
			t.Errorf("Dutch user sees heading %q", got)
		}
		csrf := attr(selectOne(t, res.body, "meta[name=csrf-token]"), "content")

		// an open redirect is refused
		if res := c.get("/login?next=//evil.example/"); res.header.Get("Location") != "/" {
			t.Errorf("logged-in login page redirects to %q", res.header.Get("Location"))
		}

		res = c.do("POST", "/logout", url.Values{"csrf": {csrf}}, nil)
		wantStatus(t, "logout", res, http.StatusSeeOther)
		if loc := res.header.Get("Location"); loc != "/login" {
			t.Errorf("logout redirects to %q", loc)
		}
		res = c.get("/customers?q=x")
		wantStatus(t, "after logout", res, http.StatusSeeOther)
		if loc := res.header.Get("Location"); loc != "/login?next=%2Fcustomers%3Fq%3Dx" {
			t.Errorf("after logout redirect to %q", loc)
		}
	})
}

func TestNeedsLogin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		c := e.client()
		tests := []struct {
			method, path string
			status       int
			location     string
		}{
			{"GET", "/", http.StatusSeeOther, "/login"},
			{"GET", "/customers", http.StatusSeeOther, "/login?next=%2Fcustomers"},
			{"GET", "/customers/1", http.StatusSeeOther, "/login?next=%2Fcustomers%2F1"},
			{"GET", "/customers.csv", http.StatusSeeOther, "/login?next=%2Fcustomers.csv"},
			{"GET", "/invoices?status=open", http.StatusSeeOther, "/login?next=%2Finvoices%3Fstatus%3Dopen"},
			{"GET", "/payments", http.StatusSeeOther, "/login?next=%2Fpayments"},
			{"GET", "/imports", http.StatusSeeOther, "/login?next=%2Fimports"},
			{"GET", "/no/such/page", http.StatusSeeOther, "/login?next=%2Fno%2Fsuch%2Fpage"},
			{"POST", "/logout", http.StatusSeeOther, "/login"},
			{"GET", "/login", http.StatusOK, ""},
			{"GET", "/healthz", http.StatusOK, ""},
			{"GET", "/static/kredo.css", http.StatusOK, ""},
			{"GET", "/api/v1/openapi.json", http.StatusOK, ""},
			{"GET", "/api/v1/customers", http.StatusUnauthorized, ""},
			{"GET", "/api/v1/customers/1", http.StatusUnauthorized, ""},
			{"POST", "/api/v1/invoices", http.StatusUnauthorized, ""},
			{"GET", "/api/v1/entities", http.StatusUnauthorized, ""},
		}
		for _, tt := range tests {
			res := c.do(tt.method, tt.path, nil, nil)
			if res.status != tt.status || res.header.Get("Location") != tt.location {
				t.Errorf("%s %s: %d %q, want %d %q", tt.method, tt.path, res.status, res.header.Get("Location"), tt.status, tt.location)
			}
			if tt.status == http.StatusUnauthorized {
				var body struct{ Error string }
				decodeJSON(t, res, &body)
				if body.Error == "" || res.header.Get("WWW-Authenticate") == "" {
					t.Errorf("%s %s: 401 without error or WWW-Authenticate: %s", tt.method, tt.path, res.body)
				}
			}
		}
	})
}

func TestCSRF(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Kredo BV,EUR\n")
		e.user("anna", "en", ledger.RoleAdmin)
		c := e.client()
		c.login("anna")
		batch := `[{"entity":"NL01","number":"D1","name":"Bakker"}]`
		tests := []struct {
			name   string
			method string
			path   string
			body   any
			header map[string]string
			status int
		}{
			{"logout without token", "POST", "/logout", url.Values{}, nil, http.StatusForbidden},
			{"logout with a wrong token", "POST", "/logout", url.Values{"csrf": {"nope"}}, nil, http.StatusForbidden},
			{"upload without token", "POST", "/imports", url.Values{"kind": {"customers"}}, nil, http.StatusForbidden},
			{"api write by session without header", "POST", "/api/v1/customers", batch, nil, http.StatusForbidden},
			{"api write by session with a wrong header", "POST", "/api/v1/customers", batch, map[string]string{"X-CSRF-Token": "nope"}, http.StatusForbidden},
			{"api write from another site", "POST", "/api/v1/customers", batch, map[string]string{"X-CSRF-Token": c.csrf, "Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
			{"api read by session needs no header", "GET", "/api/v1/customers", nil, nil, http.StatusOK},
			{"api write by session with header", "POST", "/api/v1/customers", batch, map[string]string{"X-CSRF-Token": c.csrf}, http.StatusOK},
		}
		for _, tt := range tests {
			res := c.do(tt.method, tt.path, tt.body, tt.header)
			if res.status != tt.status {
				t.Errorf("%s: status %d, want %d: %s", tt.name, res.status, tt.status, truncate(res.body))
			}
		}
		// the session survived the rejected logouts
		wantStatus(t, "still logged in", c.get("/customers"), http.StatusOK)
	})
}

func TestSecurityHeaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		c := e.client()
		res := c.get("/login")
		for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
			if res.header.Get(h) == "" {
				t.Errorf("missing %s", h)
			}
		}
		if got := res.header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("page Cache-Control %q", got)
		}
		// static files: the versioned URL from the page is cached for long
		href := attr(selectOne(t, res.body, "link[rel=stylesheet]"), "href")
		st2 := c.get(href)
		wantStatus(t, href, st2, http.StatusOK)
		if cc := st2.header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || st2.header.Get("ETag") == "" {
			t.Errorf("static %s: Cache-Control %q ETag %q", href, cc, st2.header.Get("ETag"))
		}
		if ct := st2.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
			t.Errorf("static content type %q", ct)
		}
		wantStatus(t, "unknown static", c.get("/static/nope.css"), http.StatusNotFound)
	})
}

// TestLoginFormSurvivesSecondLoad: a browser loads /login, then (for its
// favicon, or in a second tab) loads it again; the first form still works.
func TestLoginFormSurvivesSecondLoad(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.user("anna", "en", ledger.RoleController)
		c := e.client()
		token := func() string {
			return attr(selectOne(t, c.get("/login").body, `form#login-form input[name=csrf]`), "value")
		}
		first := token()
		c.get("/favicon.ico") // redirected to the login page, as browsers do
		if second := token(); second != first {
			t.Fatalf("loading /login again changed the form token")
		}
		res := c.do("POST", "/login", url.Values{"csrf": {first}, "username": {"anna"}, "password": {password}, "next": {"/"}}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("login with the first form: status %d", res.status)
		}
	})
}
