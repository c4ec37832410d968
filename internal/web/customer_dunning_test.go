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

// TestCustomerDunning checks the dunning section of the customer page:
// the history and messages after a run, pausing (which keeps the customer
// out of the run) and resuming, with the input kept when it is wrong.
func TestCustomerDunning(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.user("anna", "en", ledger.RoleController)
		e.user("vera", "nl", ledger.RoleViewer)
		c := e.client()
		c.login("anna")
		k1 := "/customers/" + itoa64(e.customerID("NL01", "K1"))
		k3 := "/customers/" + itoa64(e.customerID("NL01", "K3"))

		res := c.get(k1)
		wantStatus(t, "customer", res, http.StatusOK)
		selectOne(t, res.body, "#dunning #active")
		selectOne(t, res.body, "#no-history")
		selectOne(t, res.body, "#no-messages")

		// pause K1 until next week
		until := e.day(7)
		loc := location(t, c.post(k1+"/pause", url.Values{"until": {until}, "reason": {"dispute about delivery"}}))
		if !strings.HasPrefix(loc, k1+"?done=paused") {
			t.Errorf("redirect %q", loc)
		}
		res = c.get(k1)
		if got := nodeText(selectOne(t, res.body, "#paused-until")); got != until {
			t.Errorf("paused until %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#pause-reason")); got != "dispute about delivery" {
			t.Errorf("reason %q", got)
		}
		selectOne(t, res.body, "form button#resume")
		// the run leaves K1 alone
		e.run("NL01")
		if ms := e.messages(store.MessageFilter{CustomerID: e.customerID("NL01", "K1")}); len(ms) != 0 {
			t.Errorf("a paused customer got %d messages", len(ms))
		}
		// a pause without a reason, or in the past, is refused on the page
		res = c.post(k1+"/pause", url.Values{"until": {e.day(3)}, "reason": {""}})
		wantStatus(t, "no reason", res, http.StatusUnprocessableEntity)
		if got := nodeText(selectOne(t, res.body, "#pause-error")); !strings.Contains(got, "reason") {
			t.Errorf("error %q", got)
		}
		if got := attr(selectOne(t, res.body, "input#pause-until"), "value"); got != e.day(3) {
			t.Errorf("date not kept: %q", got)
		}
		res = c.post(k1+"/pause", url.Values{"until": {e.day(-1)}, "reason": {"te laat"}})
		wantStatus(t, "past", res, http.StatusUnprocessableEntity)
		if got := attr(selectOne(t, res.body, "input#pause-reason-in"), "value"); got != "te laat" {
			t.Errorf("reason not kept: %q", got)
		}
		wantStatus(t, "no date", c.post(k1+"/pause", url.Values{"until": {""}, "reason": {"x"}}), http.StatusUnprocessableEntity)
		// resume
		location(t, c.post(k1+"/resume", nil))
		res = c.get(k1)
		selectOne(t, res.body, "#dunning #active")

		// K3's history and messages after the run
		res = c.get(k3)
		if got := joined(t, res.body, "table#dunning-history tr.action td.level"); got != "4. Final notice" {
			t.Errorf("history %q", got)
		}
		if got := joined(t, res.body, "table#dunning-history tr.action td.items"); got != "F-3" {
			t.Errorf("history items %q", got)
		}
		if got := joined(t, res.body, "table#dunning-history tr.action td.channels"); got != "e-mail, letter" {
			t.Errorf("history channels %q", got)
		}
		if got := joined(t, res.body, "table#dunning-history tr.action td.amount"); got != "EUR"+nbsp+"800.00" {
			t.Errorf("history amount %q", got)
		}
		if costs := joined(t, res.body, "table#dunning-history tr.action td.costs"); costs == "" {
			t.Errorf("final notice without costs")
		}
		links := selectAll(t, res.body, "table#customer-messages tr.message td.subject a")
		if len(links) != 2 || !strings.HasPrefix(attr(links[0], "href"), "/messages/") {
			t.Errorf("customer messages %d", len(links))
		}

		// a viewer sees the section without the forms, and may not pause
		v := e.client()
		v.login("vera")
		res = v.get(k3)
		if n := len(selectAll(t, res.body, "#pause-form")); n != 0 {
			t.Errorf("viewer sees the pause form")
		}
		selectOne(t, res.body, "table#dunning-history")
		wantStatus(t, "viewer pause", v.post(k3+"/pause", url.Values{"until": {until}, "reason": {"x"}}), http.StatusForbidden)
		wantStatus(t, "viewer resume", v.post(k3+"/resume", nil), http.StatusForbidden)
	})
}
