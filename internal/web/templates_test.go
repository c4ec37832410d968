package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// friendlyLedger imports one entity with one Dutch customer whose invoice
// is ten days overdue: today's run sends it the friendly reminder.
func (e *env) friendlyLedger() {
	e.t.Helper()
	e.importCSV("entities", "code,name,currency,city,country\nNL01,Groothandel BV,EUR,Utrecht,NL\n")
	e.importCSV("customers", "entity,number,name,kind,email,language\nNL01,K1,Bakkerij Jansen,b2b,boekhouding@jansen.example,nl\n")
	e.importCSV("invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
		"NL01,K1,F-1,"+e.day(-40)+","+e.day(-10)+",EUR,100.00\n")
}

// editedTemplates lists the stored edits.
func (e *env) editedTemplates() []store.TemplateText {
	e.t.Helper()
	ts, err := e.svc.TemplateEdits(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return ts
}

// TestTemplateEditor checks the template editor: the list, a preview
// that saves nothing, a broken text refused with its line and kept, a
// saved Dutch subject used by the next run's e-mail, restoring the
// default, and that a controller reads but may not save.
func TestTemplateEditor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.friendlyLedger()
		e.user("maria", "nl", ledger.RoleManager)
		e.user("anna", "en", ledger.RoleController)
		m := e.client()
		m.login("maria")
		const edit = "/dunning/templates/nl/friendly"

		// linked from the dunning pages
		for _, path := range []string{"/dunning?entity=NL01", "/dunning/schemes?entity=NL01"} {
			res := m.get(path)
			if got := attr(selectOne(t, res.body, "a#tab-templates"), "href"); got != "/dunning/templates?entity=NL01" {
				t.Errorf("%s links the templates as %q", path, got)
			}
		}
		res := m.get("/dunning/templates")
		wantStatus(t, "list", res, http.StatusOK)
		if n := len(selectAll(t, res.body, "#templates tr.template")); n != 9 {
			t.Errorf("%d templates listed, want 8 letters (the dispute notice too) and the shared blocks", n)
		}
		if n := len(selectAll(t, res.body, "#templates td .state")); n != 36 {
			t.Errorf("%d cells, want 9 templates × 4 languages", n)
		}
		if n := len(selectAll(t, res.body, "#templates td.edited")); n != 0 {
			t.Errorf("%d edited before any edit", n)
		}

		res = m.get(edit)
		wantStatus(t, "editor", res, http.StatusOK)
		subject := nodeText(selectOne(t, res.body, "textarea#t-subject"))
		body := selectOne(t, res.body, "textarea#t-body").FirstChild.Data
		if !strings.HasPrefix(subject, "Herinnering:") || !strings.Contains(body, `{{template "salutation" .}}`) {
			t.Errorf("default text: %q / %q", subject, body)
		}
		if got := nodeText(selectOne(t, res.body, "#preview-subject .subject")); got != "Herinnering: 3 openstaande facturen" {
			t.Errorf("preview subject %q", got)
		}
		frame := selectOne(t, res.body, "iframe#preview-html")
		if _, ok := attrOK(frame, "sandbox"); !ok || !strings.Contains(attr(frame, "srcdoc"), "Bakkerij Van der Meer &amp; Zn.") {
			t.Errorf("preview frame %v", frame.Attr)
		}
		if csp := res.header.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src-attr 'unsafe-inline'") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("editor CSP %q", csp)
		}
		selectOne(t, res.body, "#help-funcs")
		if n := len(selectAll(t, res.body, "button#restore")); n != 0 {
			t.Errorf("restore offered for a default text")
		}

		// a preview renders the edited text and saves nothing
		res = m.post(edit, url.Values{"action": {"preview"}, "subject": {"Betaalherinnering {{.Customer.Number}}"}, "body": {body}})
		wantStatus(t, "preview", res, http.StatusOK)
		if got := nodeText(selectOne(t, res.body, "#preview-subject .subject")); got != "Betaalherinnering 10023" {
			t.Errorf("preview of the edit %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "textarea#t-subject")); got != "Betaalherinnering {{.Customer.Number}}" {
			t.Errorf("edited subject not kept: %q", got)
		}
		if n := len(e.editedTemplates()); n != 0 {
			t.Errorf("a preview saved %d texts", n)
		}

		// a broken text is refused with its line, and kept
		broken := "{{template \"salutation\" .}}\n\nUw factuur {{.Nope"
		for _, action := range []string{"preview", "save"} {
			res = m.post(edit, url.Values{"action": {action}, "subject": {subject}, "body": {broken}})
			wantStatus(t, action+" broken", res, http.StatusUnprocessableEntity)
			if got := nodeText(selectOne(t, res.body, "#error .tpl-error")); !strings.Contains(got, "line 3") || !strings.Contains(got, "friendly (nl)") {
				t.Errorf("%s: error %q", action, got)
			}
			if got := selectOne(t, res.body, "textarea#t-body").FirstChild.Data; got != broken {
				t.Errorf("%s: text not kept: %q", action, got)
			}
			if n := len(selectAll(t, res.body, "#preview-result")); n != 0 {
				t.Errorf("%s: a preview of a broken text", action)
			}
		}
		if n := len(e.editedTemplates()); n != 0 {
			t.Errorf("a broken text was saved")
		}

		// a controller reads, but may not save or restore
		a := e.client()
		a.login("anna")
		res = a.get(edit)
		wantStatus(t, "controller reads", res, http.StatusOK)
		if _, ok := attrOK(selectOne(t, res.body, "textarea#t-body"), "readonly"); !ok {
			t.Errorf("the controller's text is not read-only")
		}
		if n := len(selectAll(t, res.body, "button#save")); n != 0 {
			t.Errorf("the controller gets a save button")
		}
		for _, action := range []string{"save", "restore"} {
			res = a.post(edit, url.Values{"action": {action}, "subject": {"Hack"}, "body": {body}})
			wantStatus(t, "controller "+action, res, http.StatusForbidden)
		}

		// the manager saves a new subject: the next run's e-mail uses it
		loc := location(t, m.post(edit, url.Values{"action": {"save"}, "subject": {"Betaalherinnering {{.Customer.Number}}"}, "body": {body}}))
		if loc != edit+"?done=saved" {
			t.Errorf("redirect %q", loc)
		}
		res = m.get(loc)
		selectOne(t, res.body, "#notice")
		if got := nodeText(selectOne(t, res.body, "#state")); !strings.Contains(got, "Aangepast door maria") {
			t.Errorf("state %q", got)
		}
		selectOne(t, res.body, "button#restore")
		res = m.get("/dunning/templates")
		cell := selectOne(t, res.body, "#templates tr.template td.edited")
		if got := nodeText(cell); !strings.Contains(got, "aangepast") || !strings.Contains(got, "maria") || !hasClass(cell, "lang-nl") {
			t.Errorf("edited cell %q", got)
		}
		e.run("NL01")
		ms := e.messages(store.MessageFilter{CustomerID: e.customerID("NL01", "K1")})
		if mail := byChannel(t, ms, "email"); mail.Subject != "Betaalherinnering K1" || mail.Template != "friendly" {
			t.Errorf("the run's e-mail: %q (%s)", mail.Subject, mail.Template)
		}

		// restore the default
		loc = location(t, m.post(edit, url.Values{"action": {"restore"}}))
		if loc != edit+"?done=restored" {
			t.Errorf("redirect %q", loc)
		}
		if n := len(e.editedTemplates()); n != 0 {
			t.Errorf("%d edits after restoring", n)
		}
		res = m.get(edit)
		if got := nodeText(selectOne(t, res.body, "textarea#t-subject")); got != subject {
			t.Errorf("restored subject %q", got)
		}
		// an empty text is not saved (restoring is its own button); unknown templates do not exist
		res = m.post(edit, url.Values{"action": {"save"}, "subject": {subject}, "body": {"  "}})
		wantStatus(t, "empty", res, http.StatusUnprocessableEntity)
		wantStatus(t, "unknown template", m.get("/dunning/templates/nl/nope"), http.StatusNotFound)
		wantStatus(t, "unknown language", m.get("/dunning/templates/xx/friendly"), http.StatusNotFound)
	})
}
