package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// bankStatement is an MT940 statement of NL01's account with four
// payments in that Kredo cannot match with certainty: Garage Smit's exact
// amount from an unknown account, a partial payment naming two invoices,
// money nobody owes, a tax refund. Opening 0, closing 1,341.34.
const bankStatement = "{1:F01INGBNL2ABXXX0000000000}{2:I940INGBNL2AXXXN}{4:\r\n" +
	":20:P261105\r\n:25:NL91ABNA0417164300EUR\r\n:28C:00301\r\n:60F:C261104EUR0,00\r\n" +
	":61:2611051105C250,00NTRFNONREF//B-1\r\n:86:/CNTP/NL44RABO0123456789/RABONL2U/GARAGE SMIT///REMI/USTD//betaling/\r\n" +
	":61:2611051105C80,00NTRFNONREF//B-2\r\n:86:/CNTP/NL20INGB0001234567/INGBNL2A/BAKKERIJ JANSEN///REMI/USTD//F-2026-001 en F-2026-004/\r\n" +
	":61:2611051105C999,00NTRFNONREF//B-3\r\n:86:/CNTP/NL18RABO0300000123/RABONL2U/J DE BOER///REMI/USTD//voorschot/\r\n" +
	":61:2611051105C12,34NTRFNONREF//B-4\r\n:86:/CNTP/NL86INGB0002445588/INGBNL2A/BELASTINGDIENST///REMI/USTD//teruggave/\r\n" +
	":62F:C261105EUR1341,34\r\n-}\r\n"

// bankLedger gives NL01 two customers with four open invoices and imports
// bankStatement: four payments wait in the queue, none matched.
func (e *env) bankLedger() {
	e.t.Helper()
	e.importCSV("entities", "code,name,currency,ibans\nNL01,Groothandel BV,EUR,NL91ABNA0417164300\n")
	e.importCSV("customers", "entity,number,name\nNL01,K1,Bakkerij Jansen\nNL01,K2,Garage Smit\n")
	e.importCSV("invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
		"NL01,K1,F-2026-001,"+e.day(-40)+","+e.day(-10)+",EUR,100.00\n"+
		"NL01,K2,F-2026-002,"+e.day(-40)+","+e.day(-10)+",EUR,250.00\n"+
		"NL01,K2,F-2026-003,"+e.day(-40)+","+e.day(-5)+",EUR,61.00\n"+
		"NL01,K1,F-2026-004,"+e.day(-30)+","+e.day(-5)+",EUR,60.00\n")
	rep, err := e.svc.ImportStatement(context.Background(), app.System, strings.NewReader(bankStatement), "ing.sta", app.StatementOptions{})
	if err != nil || !rep.Committed || rep.AutoMatched != 0 || rep.New != 4 {
		e.t.Fatalf("statement: %+v %v", rep, err)
	}
}

// press sends a key to the page and, when it leads to another page,
// waits for it.
func (b *tab) press(key string, navigates bool) {
	b.t.Helper()
	if navigates {
		b.navigation("press "+key, chromedp.KeyEvent(key))
		return
	}
	b.run("press "+key, chromedp.KeyEvent(key))
}

// currentLine returns the id of the queue line that has the keyboard.
func (b *tab) currentLine() string {
	b.t.Helper()
	return value(b, "current line", chromedp.Evaluate[string](`(document.querySelector(".qline.current") || {id: ""}).id`))
}

// TestBrowserBankQueue works through the unmatched queue with the
// keyboard as a credit controller: accepts a suggestion with a, splits a
// payment over two invoices, puts money on a customer's account and sets
// a tax refund aside; the queue empties and every decision is logged.
func TestBrowserBankQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.bankLedger()
		e.user("carla", "en", ledger.RoleController)
		b := newBrowser(t, e.srv.URL)
		b.login("carla")

		b.click("header.top nav a[href^='/bank']")
		b.want("heading", b.text("main h1"), "Bank")
		b.want("queue", b.text("#queue-count"), "4")
		b.text("#keys")
		first := b.currentLine()
		b.want("first suggestion", b.text("#"+first+" .suggestion .items"), "F-2026-002 EUR"+nbsp+"250.00")

		// j and k move; a accepts the best suggestion of the line that has the keyboard
		b.press("j", false)
		second := b.currentLine()
		if second == first || second == "" {
			b.fatalf("j did not move from %s", first)
		}
		b.press("k", false)
		b.want("back with k", b.currentLine(), first)
		b.press("a", true)
		b.want("notice", b.text("#notice"), "The payment is allocated.")
		b.want("queue after accepting", b.text("#queue-count"), "3")

		// s splits the partial payment over the two invoices it names
		line := b.currentLine()
		b.want("line to split", line, second)
		id := strings.TrimPrefix(line, "line-")
		b.press("s", false)
		b.waitFocus("#split-" + id + "-n1")
		// (chromedp sends a key's character apart from its keydown, so the
		// s lands in the field the page focused; a person's browser drops
		// it with the keydown: fill replaces it)
		b.fill("#split-"+id+"-n1", "F-2026-001")
		b.fill("#split-"+id+"-a1", "50.00")
		b.fill("#split-"+id+"-n2", "F-2026-004")
		b.fill("#split-"+id+"-a2", "30.00")
		b.press("\r", true)
		b.want("queue after splitting", b.text("#queue-count"), "2")

		// o: on a customer's account
		b.press("o", false)
		b.waitFocus(".qline.current [data-account]")
		b.fill(".qline.current [data-account]", "K2")
		b.press("\r", true)
		b.want("queue after on account", b.text("#queue-count"), "1")

		// i: set aside, with a reason
		b.press("i", false)
		b.waitFocus(".qline.current [data-ignore]")
		b.fill(".qline.current [data-ignore]", "tax refund")
		b.press("\r", true)
		b.want("empty queue", b.text("#queue-empty"), "Nothing waits: every payment in is matched or decided.")

		b.want("decisions", strings.Join(b.texts("table#decisions tr.decision td.action"), "|"),
			"set aside|on account|IBAN remembered|allocated|IBAN remembered|allocated|IBAN remembered")
		for _, u := range b.texts("table#decisions tr.decision td.user") {
			b.want("decided by", u, "carla")
		}

		inv := map[string]int64{}
		invs, _, err := e.svc.Invoices(context.Background(), app.System, ledger.InvoiceFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range invs {
			inv[i.Number] = i.OpenAmount
		}
		if inv["F-2026-002"] != 0 || inv["F-2026-001"] != 5000 || inv["F-2026-004"] != 3000 || inv["F-2026-003"] != 6100 {
			t.Fatalf("open amounts %v", inv)
		}

		// the metrics: nothing was automatic, nothing waits
		b.want("auto rate", b.text("#m-auto-lines"), "0.0%")
		b.want("per import", strings.Join(b.texts("table#metrics-imports tr.import td.lines"), "|"), "4")
		b.want("queue age", strings.HasPrefix(b.text("#m-queue-age"), "0 "), true)

		// undo the accepted match from the list of latest matches: back in the queue
		b.click("table#recent tr.match:last-child button.reopen")
		b.want("notice after undo", b.text("#notice"), "The match is undone; the payment waits in the queue.")
		b.want("queue after undo", b.text("#queue-count"), "1")
	})
}
