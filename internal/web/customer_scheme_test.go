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

// TestCustomerScheme checks the scheme on the customer page: the one the
// rules choose, a manager's override (which the next run follows) and its
// removal; a controller sees the scheme but may not choose it.
func TestCustomerScheme(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.user("maria", "en", ledger.RoleManager)
		e.user("anna", "nl", ledger.RoleController)
		m := e.client()
		m.login("maria")
		k1 := "/customers/" + itoa64(e.customerID("NL01", "K1"))

		res := m.get(k1)
		wantStatus(t, "customer", res, http.StatusOK)
		if got := nodeText(selectOne(t, res.body, "#scheme-name")); got != "Standard (business)" {
			t.Errorf("scheme by the rules %q", got)
		}
		selectOne(t, res.body, "#scheme-rules")
		opts := selectAll(t, res.body, "select#scheme-select option")
		if got := htmlText(opts...); strings.Join(got, "|") != "By the rules: Standard (business)|Consumers|High risk (business)|Standard (business)" {
			t.Errorf("options %q", got)
		}
		if _, ok := attrOK(opts[0], "selected"); !ok {
			t.Errorf("'by the rules' is not selected")
		}

		// the manager gives K1 the consumers' scheme
		cons, _ := e.schemeByName("NL01", "Consumers")
		loc := location(t, m.post(k1+"/scheme", url.Values{"scheme": {itoa64(cons.ID)}}))
		if loc != k1+"?done=scheme#dunning" {
			t.Errorf("redirect %q", loc)
		}
		res = m.get(k1 + "?done=scheme")
		selectOne(t, res.body, "#notice")
		if got := nodeText(selectOne(t, res.body, "#scheme-name")); got != "Consumers" {
			t.Errorf("overridden scheme %q", got)
		}
		selectOne(t, res.body, "#scheme-own")
		if got := nodeText(selectOne(t, res.body, "#scheme-rules-would")); !strings.Contains(got, "Standard (business)") {
			t.Errorf("rules would %q", got)
		}
		for _, o := range selectAll(t, res.body, "select#scheme-select option") {
			if _, sel := attrOK(o, "selected"); sel != (attr(o, "value") == itoa64(cons.ID)) {
				t.Errorf("option %s selected = %v", attr(o, "value"), sel)
			}
		}
		// the run follows the override: K1's invoice is 25 days overdue, the consumers' 14-day letter level
		e.run("NL01")
		res = m.get(k1)
		if got := joined(t, res.body, "#dunning-history td.level"); !strings.Contains(got, "14-day letter") {
			t.Errorf("K1's history %q", got)
		}

		// a controller sees the scheme, without the form, and may not change it
		a := e.client()
		a.login("anna")
		res = a.get(k1)
		if got := nodeText(selectOne(t, res.body, "#scheme-applies")); !strings.Contains(got, "Consumers") || !strings.Contains(got, "eigen schema") {
			t.Errorf("controller sees %q", got)
		}
		if n := len(selectAll(t, res.body, "form#scheme-form")); n != 0 {
			t.Errorf("the controller gets the scheme form")
		}
		wantStatus(t, "controller", a.post(k1+"/scheme", url.Values{"scheme": {"0"}}), http.StatusForbidden)

		// a scheme of another entity, or nonsense, is refused
		be, _ := e.schemeByName("BE02", "Consumers")
		wantStatus(t, "other entity's scheme", m.post(k1+"/scheme", url.Values{"scheme": {itoa64(be.ID)}}), http.StatusBadRequest)
		wantStatus(t, "nonsense", m.post(k1+"/scheme", url.Values{"scheme": {"x"}}), http.StatusBadRequest)

		// back to the rules
		location(t, m.post(k1+"/scheme", url.Values{"scheme": {"0"}}))
		res = m.get(k1)
		if got := nodeText(selectOne(t, res.body, "#scheme-name")); got != "Standard (business)" {
			t.Errorf("after clearing %q", got)
		}
		selectOne(t, res.body, "#scheme-rules")
	})
}

// TestPhoneTaskLabel checks that a message of channel phone is labelled a
// phone task, in the messages list, the filter, the viewer and on the
// customer page, in both languages.
func TestPhoneTaskLabel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.user("anna", "en", ledger.RoleController)
		e.user("vera", "nl", ledger.RoleViewer)
		e.run("NL01")
		task := byChannel(t, e.messages(store.MessageFilter{CustomerID: e.customerID("NL01", "K2")}), "phone")
		for _, u := range []struct{ name, want string }{{"anna", "Phone task"}, {"vera", "Beltaak"}} {
			c := e.client()
			c.login(u.name)
			res := c.get("/messages?channel=phone")
			wantStatus(t, "messages", res, http.StatusOK)
			if got := joined(t, res.body, "table#messages td.channel"); got != u.want {
				t.Errorf("%s: channel %q", u.name, got)
			}
			if got := nodeText(selectOne(t, res.body, "select#f-channel option[selected]")); got != u.want {
				t.Errorf("%s: filter %q", u.name, got)
			}
			res = c.get("/messages/" + itoa64(task.ID))
			if got := nodeText(selectAll(t, res.body, "#headers dd")[0]); got != u.want {
				t.Errorf("%s: viewer %q", u.name, got)
			}
			res = c.get("/customers/" + itoa64(task.CustomerID))
			if got := joined(t, res.body, "#customer-messages td.channel"); got != u.want {
				t.Errorf("%s: customer page %q", u.name, got)
			}
		}
	})
}
