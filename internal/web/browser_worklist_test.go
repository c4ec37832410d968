package web_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// setDate sets a date input the way its picker does (typing into a date
// field depends on the browser's locale).
func (b *tab) setDate(sel, iso string) {
	b.t.Helper()
	b.run("set "+sel, chromedp.SetValue(chromedp.CSS(sel), iso))
}

// screenshot saves the page as docs/screenshots/name.png when
// KREDO_SCREENSHOTS names that directory (how the docs' pictures are made:
// KREDO_SCREENSHOTS=$PWD/docs/screenshots go test ./internal/web -run WorklistDay/sqlite).
func (b *tab) screenshot(name string) {
	b.t.Helper()
	dir := os.Getenv("KREDO_SCREENSHOTS")
	if dir == "" {
		return
	}
	b.run("viewport for "+name, chromedp.EmulateViewport(1280, 900))
	png := value(b, "screenshot "+name, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// TestBrowserWorklistDay is a controller's morning: the worklist in order
// with its reasons, the first customer opened from the keyboard, a call
// logged, a promise recorded, the next customer (n) given a payment plan,
// and both customers under "done today" and their commitments on their
// pages.
func TestBrowserWorklistDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Groothandel BV,EUR\n")
		e.importCSV("customers", "entity,number,name,email,controller\n"+
			"NL01,K1,Bakkerij Jansen,a@example.com,anna\nNL01,K2,Slagerij Vos,b@example.com,anna\nNL01,K3,Garage Smit,c@example.com,anna\n")
		e.importCSV("invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
			"NL01,K1,F-1,"+e.day(-90)+","+e.day(-60)+",EUR,12000.00\n"+
			"NL01,K2,F-2,"+e.day(-40)+","+e.day(-10)+",EUR,300.00\n"+
			"NL01,K3,F-3,"+e.day(-70)+","+e.day(-40)+",EUR,5000.00\n")
		e.user("anna", "en", ledger.RoleController)
		if _, err := e.svc.RefreshWorklist(context.Background(), app.System, "NL01", e.today); err != nil {
			t.Fatal(err)
		}
		b := newBrowser(t, e.srv.URL)
		b.login("anna")

		// the list: K1 (EUR 12,000 for 60 days) before K3; K2's EUR 300 is the run's
		b.want("heading", b.text("main h1"), "Worklist")
		b.want("customers on the list", b.texts("#worklist tbody td.name a.open"), []string{"Bakkerij Jansen", "Garage Smit"})
		if why := b.text("#worklist tbody tr:first-child td.reasons"); !strings.Contains(why, "large amount overdue") || !strings.Contains(why, "long overdue") {
			b.fatalf("reasons of K1: %q", why)
		}
		b.run("open the explanation", chromedp.Click(chromedp.CSS("#worklist tbody tr:first-child details.explain summary")))
		b.screenshot("worklist")
		if f := b.text("#worklist tbody tr:first-child table.factors"); !strings.Contains(f, "Amount overdue: EUR") {
			b.fatalf("explanation of K1's score: %q", f)
		}

		// j then k back to the first row, Enter opens it
		b.run("press j, k", chromedp.KeyEvent("jk"))
		b.want("status of the customer page", b.navigation("press Enter", chromedp.KeyEvent("\r")), http.StatusOK)
		b.want("customer opened", b.text("#customer-name"), "Bakkerij Jansen")
		if !strings.Contains(b.location(), "from=worklist") {
			b.fatalf("opened at %s, want from=worklist", b.location())
		}

		// a call, then a promise for F-1
		b.fill("#call-note", "Director promises payment next week")
		b.want("status after the call", b.click("#call-save"), http.StatusOK)
		b.want("notice", b.text("#notice"), "Saved in the customer's log.")
		if log := b.text("#activity"); !strings.Contains(log, "Director promises payment next week") || !strings.Contains(log, "reached") {
			b.fatalf("activity log: %q", log)
		}
		b.fill("#promise-amount", "12000.00")
		b.setDate("#promise-due", e.day(7))
		b.fill("#promise-items", "F-1")
		b.want("status after the promise", b.click("#promise-save"), http.StatusOK)
		if p := b.text("#promises"); !strings.Contains(p, "EUR") || !strings.Contains(p, "12,000.00") || !strings.Contains(p, "open") {
			b.fatalf("promises: %q", p)
		}
		// a promise for an invoice the customer does not have is refused, the form kept
		b.fill("#promise-amount", "10.00")
		b.setDate("#promise-due", e.day(3))
		b.fill("#promise-items", "F-3")
		b.want("status of a bad promise", b.click("#promise-save"), http.StatusUnprocessableEntity)
		b.want("problem", b.text("#work-error"), "This customer has no invoice: F-3")
		b.want("amount kept", value(b, "amount", chromedp.Value(chromedp.CSS("#promise-amount"))), "10.00")

		// n: the next customer on the list is K3 (K1 is done)
		b.want("status of the next customer", b.navigation("press n", chromedp.KeyEvent("n")), http.StatusOK)
		b.want("next customer", b.text("#customer-name"), "Garage Smit")
		b.fill("#plan-total", "5000.00")
		b.fill("#plan-n", "3")
		b.setDate("#plan-start", e.day(14))
		b.want("status after the plan", b.click("#plan-save"), http.StatusOK)
		b.want("notice", b.text("#notice"), "Payment plan agreed; the confirmation goes to the customer.")
		b.want("instalments", len(b.texts("[data-plan] table.instalments tbody tr")), 3)
		b.screenshot("customer")

		// the list is worked: both customers under "done today"
		b.open("/worklist?tab=mine")
		b.want("left on my list", b.texts("#worklist tbody td.name a.open"), []string(nil))
		b.open("/worklist?tab=done")
		b.want("done today", b.texts("#worklist > tbody > tr td.name a.open"), []string{"Bakkerij Jansen", "Garage Smit"})
	})
}
