package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// TestDunningIsolation proves that a user granted entity A never sees B's
// runs, messages or schemes: not on a page, in a list, an export, a PDF or
// the API, and cannot act on them.
func TestDunningIsolation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.importCSV("customers", "entity,number,name,address_line,postal_code,city\nBE02,B2,Geheime Briefklant,Straat 2,9000,Gent\n")
		e.importCSV("invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount\nBE02,B2,FB-2,"+e.day(-80)+","+e.day(-50)+",EUR,900.00\n")
		if err := e.svc.SetDunningSettings(context.Background(), app.System, e.entityID("BE02"), "06:00", true); err != nil {
			t.Fatal(err)
		}
		secret := e.run("BE02")
		e.run("NL01")
		bms := e.messages(store.MessageFilter{EntityID: e.entityID("BE02")})
		mail, letter := byChannel(t, bms, "email"), byChannel(t, bms, "letter")
		rs, err := e.svc.Schemes(context.Background(), app.System, e.entityID("BE02"))
		if err != nil || len(rs) == 0 {
			t.Fatal(err)
		}
		e.user("alice", "en", ledger.RoleManager, "NL01")
		tok := e.token("alice")
		c := e.client()
		c.login("alice")

		run, m, l := "/dunning/runs/"+itoa64(secret.RunID), "/messages/"+itoa64(mail.ID), "/messages/"+itoa64(letter.ID)
		for _, path := range []string{run, run + "/letters.pdf", m, m + "/body.html", l + ".pdf", l,
			"/dunning/schemes/" + itoa64(rs[0].ID) + "/edit"} {
			wantStatus(t, path, c.get(path), http.StatusNotFound)
		}
		for _, path := range []string{run + "/approve", run + "/letters/printed", m + "/resend"} {
			wantStatus(t, path, c.post(path, nil), http.StatusNotFound)
		}
		wantStatus(t, "save B's scheme", c.post("/dunning/schemes/"+itoa64(rs[0].ID), schemeForm("X", "X;5;;email;")), http.StatusNotFound)
		form := schemeForm("X", "X;5;;email;")
		form.Set("entity", "BE02")
		wantStatus(t, "new scheme in B", c.post("/dunning/schemes", form), http.StatusBadRequest)
		for _, path := range []string{"/dunning/run", "/dunning/settings"} {
			wantStatus(t, path, c.post(path, url.Values{"entity": {"BE02"}, "time": {"06:00"}}), http.StatusBadRequest)
		}
		for _, path := range []string{"/dunning?entity=BE02", "/dunning/preview?entity=BE02", "/dunning/schemes?entity=BE02",
			"/messages?entity=BE02", "/messages.csv?entity=BE02", "/dunning/schemes/new?entity=BE02",
			"/dunning/schemes/" + itoa64(rs[0].ID) + "/edit?entity=BE02"} {
			wantStatus(t, path, c.get(path), http.StatusBadRequest)
		}
		// the held messages of B stay held
		if got := byChannel(t, e.messages(store.MessageFilter{EntityID: e.entityID("BE02")}), "email").Status; got != store.MsgHeld {
			t.Errorf("B's e-mail is %s", got)
		}

		secrets := []string{"BE02", "Geheim", "FB-1", "FB-2", "B1", "geheim@"}
		bearer := map[string]string{"Authorization": "Bearer " + tok}
		for _, path := range []string{"/dunning", "/dunning/preview", "/dunning/schemes", "/messages", "/messages.csv",
			"/api/v1/dunning/runs", "/api/v1/messages"} {
			res := c.do("GET", path, nil, bearer)
			wantStatus(t, path, res, http.StatusOK)
			body := withoutTokens(res.body)
			for _, s := range secrets {
				if strings.Contains(body, s) {
					t.Errorf("%s shows %q:\n%s", path, s, truncate(res.body))
				}
			}
		}
		res := c.get("/dunning")
		if got := texts(t, res.body, "table#runs tr.run td.status"); len(got) != 1 {
			t.Errorf("alice's runs %v", got)
		}
		wantStatus(t, "api approve B", c.do("POST", "/api/v1/dunning/runs/"+itoa64(secret.RunID)+"/approve", nil, bearer), http.StatusNotFound)
		wantStatus(t, "api run B", c.do("POST", "/api/v1/dunning/runs", `{"entity":"BE02","dry_run":true}`, bearer), http.StatusNotFound)
		wantStatus(t, "api messages B", c.do("GET", "/api/v1/messages?entity=BE02", nil, bearer), http.StatusBadRequest)
	})
}

// csrfValue matches the attribute value of a CSRF token (32 random bytes,
// base64url).
var csrfValue = regexp.MustCompile(`="[A-Za-z0-9_-]{43}"`)

// withoutTokens returns a page without its random tokens, which may spell a
// secret looked for by chance ("B1" in "...WVB1Jez...").
func withoutTokens(body []byte) string { return csrfValue.ReplaceAllString(string(body), `="token"`) }
