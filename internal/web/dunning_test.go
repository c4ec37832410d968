package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// TestDunningPreview checks that the preview shows who gets what today,
// per level and per customer, and writes nothing.
func TestDunningPreview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.user("maria", "en", ledger.RoleManager)
		e.user("vera", "nl", ledger.RoleViewer)
		c := e.client()
		c.login("maria")

		res := c.get("/dunning?entity=NL01")
		wantStatus(t, "overview", res, http.StatusOK)
		selectOne(t, res.body, "form#run-form button#run-now")
		selectOne(t, res.body, "form#settings input#approval")
		selectOne(t, res.body, "#no-runs")

		res = c.get("/dunning/preview?entity=NL01")
		wantStatus(t, "preview", res, http.StatusOK)
		if got, want := joined(t, res.body, "table#levels tr.level td.name"), lvlSecond+"|"+lvlPhone+"|"+lvlFinal; got != want {
			t.Errorf("levels %q, want %q", got, want)
		}
		if got := joined(t, res.body, "table#levels tr.level td.customers"); got != "1|1|1" {
			t.Errorf("customers per level %q", got)
		}
		if got := joined(t, res.body, "table#levels tr.level td.channels"); got != "e-mail|phone call|e-mail, letter" {
			t.Errorf("channels per level %q", got)
		}
		if got := joined(t, res.body, "table#levels tr.level td.amounts"); got != "EUR"+nbsp+"1,000.00|EUR"+nbsp+"300.00|EUR"+nbsp+"800.00" {
			t.Errorf("amounts per level %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#pv-customers")); got != "3" {
			t.Errorf("customers %q", got)
		}
		customers := texts(t, res.body, "table#planned-actions tr.planned td.customer a")
		if strings.Join(customers, ",") != "K1,K2,K3" {
			t.Errorf("planned customers %v", customers)
		}
		if got := joined(t, res.body, "table#planned-actions tr.planned td.items"); got != "F-1|F-2|F-3" {
			t.Errorf("planned items %q", got)
		}
		// the final notice adds collection costs and interest
		costs := texts(t, res.body, "table#planned-actions tr.planned td.costs")
		interest := texts(t, res.body, "table#planned-actions tr.planned td.interest")
		if costs[2] == "" || interest[2] == "" || costs[0] != "" {
			t.Errorf("costs %q interest %q", costs, interest)
		}
		// one level's actions
		link := attr(selectAll(t, res.body, "table#levels tr.level td.name a")[1], "href")
		res = c.get(strings.TrimSuffix(link, "#planned"))
		if got := joined(t, res.body, "table#planned-actions tr.planned td.customer a"); got != "K2" {
			t.Errorf("phone level: %q (link %s)", got, link)
		}
		// a preview writes nothing
		if rs := e.runs(); len(rs) != 0 {
			t.Errorf("the preview made %d runs", len(rs))
		}
		if ms := e.messages(store.MessageFilter{}); len(ms) != 0 {
			t.Errorf("the preview queued %d messages", len(ms))
		}
		// a later day: K4 becomes due for a friendly reminder
		res = c.get("/dunning/preview?entity=NL01&date=" + e.day(5))
		if got := joined(t, res.body, "table#planned-actions tr.planned td.customer a"); !strings.Contains(got, "K4") {
			t.Errorf("preview in 5 days: %q", got)
		}
		if n := len(selectAll(t, res.body, "#run-now-preview")); n != 0 {
			t.Errorf("run now offered for another day")
		}

		// a viewer sees the preview, not the buttons
		v := e.client()
		v.login("vera")
		res = v.get("/dunning/preview?entity=NL01")
		wantStatus(t, "viewer preview", res, http.StatusOK)
		if n := len(selectAll(t, res.body, "#run-now")) + len(selectAll(t, res.body, "form#settings")); n != 0 {
			t.Errorf("viewer sees %d manager controls", n)
		}
		if got := nodeText(selectOne(t, res.body, "dl#settings #approval")); got != "nee" {
			t.Errorf("viewer's approval setting %q", got)
		}
		wantStatus(t, "viewer run", v.post("/dunning/run", url.Values{"entity": {"NL01"}}), http.StatusForbidden)
		wantStatus(t, "bad date", v.get("/dunning/preview?entity=NL01&date=morgen"), http.StatusBadRequest)
	})
}

// TestDunningRunNow checks that a manager's run queues the messages and
// shows the run, its letters and its place among the recent runs, and that
// a controller may not run.
func TestDunningRunNow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.user("maria", "en", ledger.RoleManager)
		e.user("anna", "nl", ledger.RoleController)
		anna := e.client()
		anna.login("anna")
		res := anna.get("/dunning?entity=NL01")
		if n := len(selectAll(t, res.body, "#run-now")); n != 0 {
			t.Errorf("controller sees run now")
		}
		wantStatus(t, "controller run", anna.post("/dunning/run", url.Values{"entity": {"NL01"}}), http.StatusForbidden)
		if rs := e.runs(); len(rs) != 0 {
			t.Fatalf("the controller made a run")
		}

		c := e.client()
		c.login("maria")
		wantStatus(t, "no csrf", c.do("POST", "/dunning/run", url.Values{"entity": {"NL01"}}, nil), http.StatusForbidden)
		loc := location(t, c.post("/dunning/run", url.Values{"entity": {"NL01"}}))
		id := idFrom(t, loc, "/dunning/runs/")
		ms := e.messages(store.MessageFilter{RunID: id})
		if len(ms) != 4 { // K1 e-mail, K2 phone task, K3 e-mail and letter
			t.Fatalf("run queued %d messages", len(ms))
		}
		if m := byChannel(t, ms, "email"); m.Status != store.MsgPending {
			t.Errorf("e-mail status %s", m.Status)
		}
		res = c.get(loc)
		wantStatus(t, "run page", res, http.StatusOK)
		if got := nodeText(selectOne(t, res.body, "#notice")); got != "The run is done." {
			t.Errorf("notice %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#run-status")); got != "done" {
			t.Errorf("status %q", got)
		}
		if got := joined(t, res.body, "table#levels tr.level td.name"); got != lvlSecond+"|"+lvlPhone+"|"+lvlFinal {
			t.Errorf("run levels %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#run-messages")); got != "4" {
			t.Errorf("run messages %q", got)
		}
		if n := len(selectAll(t, res.body, "#awaiting")); n != 0 {
			t.Errorf("a run without approval waits for approval")
		}
		if href := attr(selectOne(t, res.body, "#run-messages-link"), "href"); href != fmt.Sprintf("/messages?run=%d", id) {
			t.Errorf("messages link %q", href)
		}
		// the letters to print
		pdf := c.get(attr(selectOne(t, res.body, "a#print-letters"), "href"))
		wantStatus(t, "letters", pdf, http.StatusOK)
		if ct := pdf.header.Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(string(pdf.body), "%PDF") {
			t.Errorf("letters: %s %q", ct, pdf.body[:min(8, len(pdf.body))])
		}
		if got := byChannel(t, e.messages(store.MessageFilter{RunID: id}), "letter").Status; got != store.MsgToPrint {
			t.Errorf("downloading marked the letters %s", got)
		}
		location(t, anna.post(fmt.Sprintf("/dunning/runs/%d/letters/printed", id), nil))
		if got := byChannel(t, e.messages(store.MessageFilter{RunID: id}), "letter").Status; got != store.MsgPrinted {
			t.Errorf("after marking printed: %s", got)
		}
		res = c.get(loc)
		if n := len(selectAll(t, res.body, "#print-letters")); n != 0 {
			t.Errorf("printed letters offered again")
		}
		// running again today shows the same run
		if again := location(t, c.post("/dunning/run", url.Values{"entity": {"NL01"}})); idFrom(t, again, "/dunning/runs/") != id || !strings.Contains(again, "done=already") {
			t.Errorf("second run: %s", again)
		}
		// the overview lists the run
		res = c.get("/dunning?entity=NL01")
		if got := texts(t, res.body, "table#runs tr.run td.date"); len(got) != 1 || got[0] != e.today.String() {
			t.Errorf("recent runs %v", got)
		}
		if got := joined(t, res.body, "table#runs tr.run td.status"); got != "done" {
			t.Errorf("run status %q", got)
		}
		// today's run is made: the overview links it and previews tomorrow
		if href := attr(selectOne(t, res.body, "#today-run a"), "href"); href != fmt.Sprintf("/dunning/runs/%d", id) {
			t.Errorf("today's run link %q", href)
		}
		if n := len(selectAll(t, res.body, "#run-now")); n != 0 {
			t.Errorf("run now offered after today's run")
		}
		if got := attr(selectOne(t, res.body, "input#preview-date"), "value"); got != e.day(1) {
			t.Errorf("preview date %q, want tomorrow", got)
		}
	})
}

// TestDunningApproval checks the approval flow: with approval on, a run's
// messages are held until a credit manager approves, and then go out.
func TestDunningApproval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.user("maria", "nl", ledger.RoleManager)
		e.user("anna", "en", ledger.RoleController)
		anna := e.client()
		anna.login("anna")
		wantStatus(t, "controller settings", anna.post("/dunning/settings", url.Values{"entity": {"NL01"}, "time": {"07:00"}, "approval": {"1"}}),
			http.StatusForbidden)

		c := e.client()
		c.login("maria")
		wantStatus(t, "bad time", c.post("/dunning/settings", url.Values{"entity": {"NL01"}, "time": {"25:00"}}), http.StatusBadRequest)
		loc := location(t, c.post("/dunning/settings", url.Values{"entity": {"NL01"}, "time": {"07:30"}, "approval": {"1"}}))
		res := c.get(loc)
		if got := nodeText(selectOne(t, res.body, "#notice")); got != "Opgeslagen." {
			t.Errorf("notice %q", got)
		}
		if attr(selectOne(t, res.body, "input#run-time"), "value") != "07:30" {
			t.Errorf("time not saved")
		}
		if _, ok := attrOK(selectOne(t, res.body, "input#approval"), "checked"); !ok {
			t.Errorf("approval not saved")
		}

		id := idFrom(t, location(t, c.post("/dunning/run", url.Values{"entity": {"NL01"}})), "/dunning/runs/")
		ms := e.messages(store.MessageFilter{RunID: id})
		if m := byChannel(t, ms, "email"); m.Status != store.MsgHeld {
			t.Errorf("e-mail of a run awaiting approval: %s", m.Status)
		}
		path := fmt.Sprintf("/dunning/runs/%d", id)
		res = anna.get(path)
		if got := nodeText(selectOne(t, res.body, "#run-status")); got != "awaiting approval" {
			t.Errorf("status %q", got)
		}
		if n := len(selectAll(t, res.body, "button#approve")); n != 0 {
			t.Errorf("a controller is offered approval")
		}
		wantStatus(t, "controller approves", anna.post(path+"/approve", nil), http.StatusForbidden)

		res = c.get(path)
		selectOne(t, res.body, "#awaiting button#approve")
		if got := joined(t, res.body, "#run-statuses a"); !strings.Contains(got, "vastgehouden 2") {
			t.Errorf("held messages %q", got)
		}
		loc = location(t, c.post(path+"/approve", nil))
		for _, m := range e.messages(store.MessageFilter{RunID: id}) {
			if m.Status == store.MsgHeld {
				t.Errorf("message %d still held after approval", m.ID)
			}
		}
		if m := byChannel(t, e.messages(store.MessageFilter{RunID: id}), "email"); m.Status != store.MsgPending {
			t.Errorf("e-mail after approval: %s", m.Status)
		}
		res = c.get(loc)
		if got := nodeText(selectOne(t, res.body, "#run-approved-by")); got != "maria" {
			t.Errorf("approved by %q", got)
		}
		if n := len(selectAll(t, res.body, "#awaiting")); n != 0 {
			t.Errorf("approved run still awaiting")
		}
		wantStatus(t, "approve twice", c.post(path+"/approve", nil), http.StatusConflict)
	})
}
