package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// The main flows of the web UI, clicked through in Chromium as a person
// would, on SQLite and PostgreSQL. The harness is in browser_test.go.

// login logs in through the form: username and password typed, the button
// clicked; it fails the test unless the customers page follows.
func (b *tab) login(username string) {
	b.t.Helper()
	b.open("/login")
	b.fill("#username", username)
	b.fill("#password", password)
	b.want("status after login", b.click("#login-form button[type=submit]"), http.StatusOK)
	b.want("page after login", b.location(), "/worklist")
}

// TestBrowserLogin logs in through the form after a wrong password, sees
// the user's name in the header, and logs out.
func TestBrowserLogin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.user("anna", "en", ledger.RoleController)
		b := newBrowser(t, e.srv.URL)

		// a page needs a session: the browser lands on the login form
		b.open("/")
		b.want("login page", b.location(), "/login")
		b.text("form#login-form")

		b.fill("#username", "anna")
		b.fill("#password", "not the password")
		b.want("status of a wrong password", b.click("#login-form button[type=submit]"), http.StatusUnauthorized)
		b.want("error", b.text("#login-error"), "Wrong username or password.")
		b.want("username kept", value(b, "username", chromedp.Value(chromedp.CSS("#username"))), "anna")

		b.fill("#password", password)
		b.want("status after login", b.click("#login-form button[type=submit]"), http.StatusOK)
		b.want("page after login", b.location(), "/worklist")
		b.want("user in the header", b.text("header.top #user-name"), "Name anna")
		b.want("heading", b.text("main h1"), "Worklist")

		b.click("header.top #logout")
		b.want("page after logout", b.location(), "/login")
		b.text("form#login-form")
		b.open("/invoices")
		b.want("invoices after logout", b.location(), "/login?next=%2Finvoices")
	})
}

// TestBrowserCustomers searches the customer list, clicks through to a
// customer and reads its invoices' amounts in Dutch and in English.
func TestBrowserCustomers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Groothandel BV,EUR\n")
		e.importCSV("customers", "entity,number,name\nNL01,K1,Bakkerij Jansen\nNL01,K2,Garage Smit\nNL01,K3,Drukkerij Vos\n")
		e.importCSV("invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
			"NL01,K1,F-1,"+e.day(-40)+","+e.day(-10)+",EUR,1234.56\n"+
			"NL01,K2,F-2,"+e.day(-40)+","+e.day(-10)+",EUR,99.00\n")
		e.user("nina", "nl", ledger.RoleController)
		e.user("eric", "en", ledger.RoleController)

		for _, u := range []struct{ name, heading, amount, due string }{
			{"nina", "Klanten", "€" + nbsp + "1.234,56", e.today.AddDays(-10).Time().Format("02-01-2006")},
			{"eric", "Customers", "EUR" + nbsp + "1,234.56", e.day(-10)},
		} {
			b := newBrowser(t, e.srv.URL)
			b.login(u.name)
			b.open("/customers")
			b.want(u.name+": heading", b.text("main h1"), u.heading)
			b.want(u.name+": customers", strings.Join(b.texts("table#customers tr.customer td.name"), "|"), "Bakkerij Jansen|Garage Smit|Drukkerij Vos") // most overdue first

			b.fill("#f-q", "jansen")
			b.click("form.filters button[type=submit]")
			b.want(u.name+": search", strings.Join(b.texts("table#customers tr.customer td.name"), "|"), "Bakkerij Jansen")
			b.want(u.name+": search box", value(b, "search box", chromedp.Value(chromedp.CSS("#f-q"))), "jansen")

			b.click("table#customers tr.customer td.name a")
			b.want(u.name+": customer", b.text("h1#customer-name"), "Bakkerij Jansen")
			b.want(u.name+": invoices", strings.Join(b.texts("table#invoices tr.invoice td.number"), "|"), "F-1")
			b.want(u.name+": amount", b.text("table#invoices tr.invoice td.amount"), u.amount)
			b.want(u.name+": open", b.text("table#invoices tr.invoice td.open"), u.amount)
			b.want(u.name+": due", b.text("table#invoices tr.invoice td.due"), u.due)
		}
	})
}

// TestBrowserDunning previews today's run as a credit manager, runs it,
// and reads one of its e-mails in the mail viewer.
func TestBrowserDunning(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.dunningLedger()
		e.user("maria", "en", ledger.RoleManager)
		b := newBrowser(t, e.srv.URL)
		b.login("maria")

		b.open("/dunning?entity=NL01")
		b.want("entity", b.text("#entity-name"), "NL01 · Groothandel BV")
		b.text("#no-runs")
		b.click("#preview")
		b.want("preview customers", b.text("#pv-customers"), "3")
		b.want("levels", strings.Join(b.texts("table#levels tr.level td.name"), "|"), lvlSecond+"|"+lvlPhone+"|"+lvlFinal)
		b.want("customers per level", strings.Join(b.texts("table#levels tr.level td.customers"), "|"), "1|1|1")
		b.want("planned", strings.Join(b.texts("table#planned-actions tr.planned td.customer a"), "|"), "K1|K2|K3")

		b.click("#run-now-preview")
		if loc := b.location(); !strings.HasPrefix(loc, "/dunning/runs/") {
			b.fatalf("after run now: %s", loc)
		}
		b.want("run status", b.text("#run-status"), "done")
		b.want("run customers", b.text("#run-customers"), "3")
		b.want("run messages", b.text("#run-messages"), "4")
		b.want("run levels", strings.Join(b.texts("table#levels tr.level td.name"), "|"), lvlSecond+"|"+lvlPhone+"|"+lvlFinal)

		b.click("#run-messages-link")
		b.want("messages", strings.Join(b.texts("table#messages tr.message td.customer a"), "|"), "K3|K3|K2|K1")
		b.run("choose e-mail", chromedp.SetValue(chromedp.CSS("#f-channel"), "email"))
		b.click("form.filters button[type=submit]")
		b.want("e-mails", strings.Join(b.texts("table#messages tr.message td.customer a"), "|"), "K3|K1")
		subject := b.texts("table#messages tr.message td.subject")[1]
		if subject == "" {
			b.fatalf("K1's e-mail has no subject")
		}

		b.click("table#messages tr.message:nth-child(2) td.subject a")
		b.want("subject", b.text("h1#subject"), subject)
		b.want("to", b.text("#to"), "<boekhouding@jansen.example>")
		b.want("status", b.text("#status"), "to send")
		frame := value(b, "mail frame", chromedp.Attributes(chromedp.CSS("iframe#body-html"), chromedp.NodeVisible))
		if _, ok := frame["sandbox"]; !ok {
			b.fatalf("the mail frame is not sandboxed: %v", frame)
		}
		// the sandbox keeps the frame's document from the page (and from
		// chromedp): the tab loads the body itself
		b.want("body status", b.open(frame["src"]), http.StatusOK)
		body := b.text("body")
		for _, want := range []string{"Bakkerij Jansen", "F-1", "1.000,00"} {
			if !strings.Contains(body, want) {
				b.fatalf("the mail body lacks %q", want)
			}
		}
	})
}

// TestBrowserEntityIsolation checks that a user granted one entity finds
// nothing of another: not by searching, not by its URL.
func TestBrowserEntityIsolation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nAAA,Alpha BV,EUR\nBBB,Geheim BV,EUR\n")
		e.importCSV("customers", "entity,number,name\nAAA,A1,Alpha Klant\nBBB,B1,Geheime Klant\n")
		e.user("alice", "en", ledger.RoleController, "AAA")
		b := newBrowser(t, e.srv.URL)
		b.login("alice")
		b.open("/customers")

		b.want("customers", strings.Join(b.texts("table#customers tr.customer td.name"), "|"), "Alpha Klant")
		b.fill("#f-q", "geheim")
		b.click("form.filters button[type=submit]")
		b.want("search for the other entity", b.text("#empty"), "Nothing found.")
		b.want("rows", len(b.texts("table#customers tr.customer")), 0)

		b.want("status", b.open(fmt.Sprintf("/customers/%d", e.customerID("BBB", "B1"))), http.StatusNotFound)
		b.want("heading", b.text("#error h1"), "Not found")
		if text := b.text("body"); strings.Contains(text, "Geheim") {
			b.fatalf("the not-found page shows the other entity's customer")
		}
	})
}

// TestBrowserKeyboard logs in with the keyboard alone (Enter submits the
// form) and checks that the focused link shows a focus outline.
func TestBrowserKeyboard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.user("kees", "en", ledger.RoleController)
		b := newBrowser(t, e.srv.URL)

		b.open("/login")
		b.waitFocus("#username") // autofocus
		b.run("type the username", chromedp.KeyEvent("kees"+kb.Tab))
		b.waitFocus("#password")
		b.want("status after Enter", b.navigation("type the password and Enter", chromedp.KeyEvent(password+kb.Enter)), http.StatusOK)
		b.want("page after login", b.location(), "/worklist")

		// the first Tab reaches the skip link: it comes into view, outlined
		b.run("press Tab", chromedp.KeyEvent(kb.Tab))
		b.waitFocus("a.skip")
		type focused struct {
			Outline string
			Left    float64
		}
		f := value(b, "focused element", chromedp.Evaluate[focused](`(() => {
			const el = document.activeElement, cs = getComputedStyle(el);
			return {Outline: cs.outlineStyle, Left: el.getBoundingClientRect().left};
		})()`))
		if f.Outline == "none" || f.Left < 0 {
			b.fatalf("the focused skip link is not visibly focused: outline %q, left %v", f.Outline, f.Left)
		}
	})
}
