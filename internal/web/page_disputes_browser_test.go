package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// TestBrowserDispute: a credit manager adds a routing rule (price disputes
// from 300.00 go to anna, high priority), opens a dispute on part of an
// invoice from the customer's page, sees it routed, reassigns it and
// resolves it with a partial pending credit note; the list and the
// customer's tab show it, and the invoice's open amount dropped.
func TestBrowserDispute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Groothandel BV,EUR\n")
		e.importCSV("customers", "entity,number,name\nNL01,K1,Bakkerij Jansen\n")
		e.importCSV("invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
			"NL01,K1,F-1,"+e.day(-40)+","+e.day(-10)+",EUR,1000.00\n")
		e.user("maria", "en", ledger.RoleManager)
		e.user("anna", "en", ledger.RoleController)
		cid := e.customerID("NL01", "K1")
		invs, _, err := e.svc.Invoices(context.Background(), ledger.User{AllEntities: true}, ledger.InvoiceFilter{CustomerID: cid})
		if err != nil || len(invs) != 1 {
			t.Fatalf("invoices: %v", err)
		}
		inv := strconv.FormatInt(invs[0].ID, 10)

		b := newBrowser(t, e.srv.URL)
		b.login("maria")
		b.open("/disputes/rules")
		b.fill("#r-position", "-1")
		b.run("choose reason", chromedp.SetValue(chromedp.CSS("#r-reason"), "wrong_price"))
		b.fill("#r-currency", "EUR")
		b.fill("#r-min", "300.00")
		b.run("choose queue", chromedp.SetValue(chromedp.CSS("#r-queue"), "sales"))
		b.fill("#r-assignee", "anna")
		b.run("choose priority", chromedp.SetValue(chromedp.CSS("#r-priority"), "high"))
		b.click("#save-rule")
		b.want("rule saved", b.text("#notice"), "Routing rules saved.")
		b.want("first rule", b.texts("table#dispute-rules tr.rule td.owner")[0], "sales / anna")

		b.open("/customers/" + strconv.FormatInt(cid, 10) + "/disputes/new")
		b.run("tick F-1", chromedp.Click(chromedp.CSS("#inv-"+inv)))
		b.fill("#amount-"+inv, "400.00")
		b.run("choose reason", chromedp.SetValue(chromedp.CSS("#reason"), "wrong_price"))
		b.fill("#description", "2025 price list used")
		b.click("#open-dispute")
		b.want("notice", b.text("#notice"), "The dispute is open and routed.")
		b.want("owner by the rule", b.text("#dispute-owner"), "anna (sales)")
		b.want("priority by the rule", b.text("#dispute-priority"), "High")
		b.want("amount", b.text("#dispute-amount"), "EUR"+nbsp+"400.00")
		b.want("status", b.text("#dispute-status"), "Open")
		disputePath := strings.TrimSuffix(b.location(), "?done=opened")

		b.run("clear the person", chromedp.Focus(chromedp.CSS("#assignee")),
			chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)), chromedp.KeyEvent(kb.Backspace))
		b.run("choose queue", chromedp.SetValue(chromedp.CSS("#queue"), "billing"))
		b.fill("#reassign-note", "an invoice error after all")
		b.click("#reassign-form button[type=submit]")
		b.want("reassigned", b.text("#dispute-owner"), "billing")

		b.run("choose resolution", chromedp.SetValue(chromedp.CSS("#resolution"), "credit_pending"))
		b.fill("#resolve-amount", "150.00")
		b.click("#resolve-form button[type=submit]")
		b.want("resolved", b.text("#dispute-status"), "Resolved (Credit note (to book in the ERP) EUR"+nbsp+"150.00)")
		b.want("no forms once closed", len(b.texts("#resolve-form")), 0)
		history := strings.Join(b.texts("#dispute-history li .what"), "|")
		b.want("history", history, "opened, owner|reassigned|resolved")
		b.want("open on F-1", b.text("#dispute-items td.open"), "EUR"+nbsp+"850.00")

		b.open("/disputes?all=1")
		b.want("list", strings.Join(b.texts("table#disputes tr.dispute td.status"), "|"), "Resolved")
		b.open("/customers/" + strconv.FormatInt(cid, 10) + "/disputes?all=1")
		b.want("customer tab", strings.Join(b.texts("table#disputes tr.dispute td.reason"), "|"), "Wrong price")
		b.want("back to the dispute", b.click("table#disputes tr.dispute td a"), int64(200))
		b.want("dispute page", b.location(), disputePath)
	})
}
