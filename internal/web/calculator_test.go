package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/law"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// calc opens the calculator with query parameters.
func (c *client) calc(params url.Values) response {
	c.e.t.Helper()
	return c.get("/calculator?" + params.Encode())
}

// TestCalculatorCosts checks the collection costs: EUR 3,000 gives two
// brackets and EUR 425.00, with VAT EUR 514.25; a consumer gets the
// 14-day letter's term for a letter sent today; the nav links the page.
func TestCalculatorCosts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.user("anna", "en", ledger.RoleController)
		c := e.client()
		c.login("anna")

		res := c.get("/calculator")
		wantStatus(t, "calculator", res, http.StatusOK)
		if got := attr(selectOne(t, res.body, `nav a[aria-current=page]`), "href"); got != "/calculator" {
			t.Errorf("current nav item %q", got)
		}
		selectOne(t, res.body, "form#costs-form")
		selectOne(t, res.body, "form#interest-form")
		if n := len(selectAll(t, res.body, "#cost-lines")); n != 0 {
			t.Errorf("results without input")
		}
		if got := attr(selectOne(t, res.body, "input#i-until"), "value"); got != e.today.String() {
			t.Errorf("until defaults to %q, want today", got)
		}

		res = c.calc(url.Values{"amount": {"3000"}})
		wantStatus(t, "costs", res, http.StatusOK)
		if got := texts(t, res.body, "#cost-lines tr.bracket td.amount"); strings.Join(got, "|") != "EUR"+nbsp+"375.00|EUR"+nbsp+"50.00" {
			t.Errorf("bracket costs %q", got)
		}
		if got := texts(t, res.body, "#cost-lines tr.bracket td.rate"); strings.Join(got, "|") != "15%|10%" {
			t.Errorf("rates %q", got)
		}
		if got := texts(t, res.body, "#cost-lines tr.bracket td.base"); strings.Join(got, "|") != "EUR"+nbsp+"2,500.00|EUR"+nbsp+"500.00" {
			t.Errorf("parts %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#costs-total td")); got != "EUR"+nbsp+"425.00" {
			t.Errorf("total %q", got)
		}
		if n := len(selectAll(t, res.body, "#costs-vat")) + len(selectAll(t, res.body, "#consumer-note")); n != 0 {
			t.Errorf("VAT or consumer note without asking")
		}
		if got := nodeText(selectOne(t, res.body, "#costs-minmax")); !strings.Contains(got, "EUR"+nbsp+"40.00") || !strings.Contains(got, "EUR"+nbsp+"6,775.00") {
			t.Errorf("minimum and maximum %q", got)
		}

		res = c.calc(url.Values{"amount": {"3,000.00"}, "vat": {"1"}, "consumer": {"1"}})
		wantStatus(t, "costs with VAT", res, http.StatusOK)
		if got := texts(t, res.body, "#costs-vat td.num"); strings.Join(got, "|") != "21%|EUR"+nbsp+"89.25" {
			t.Errorf("VAT %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#costs-total td")); got != "EUR"+nbsp+"514.25" {
			t.Errorf("total with VAT %q", got)
		}
		if _, ok := attrOK(selectOne(t, res.body, "input#c-vat"), "checked"); !ok {
			t.Errorf("VAT box not kept")
		}
		term, err := law.FourteenDayTerm(e.today, ledger.Date{})
		if err != nil {
			t.Fatal(err)
		}
		note := selectOne(t, res.body, "#consumer-note")
		if got := nodeText(note); !strings.Contains(got, "6:96 lid 6 BW") {
			t.Errorf("consumer note %q", got)
		}
		for sel, want := range map[string]ledger.Date{"#term-sent": e.today, "#term-first": term.First, "#term-last": term.Last,
			"#term-costs-from": term.CostsFrom} {
			if got := nodeText(selectOne(t, res.body, sel)); got != want.String() {
				t.Errorf("%s = %q, want %s", sel, got, want)
			}
		}
		if got := nodeText(selectOne(t, res.body, "#term-received")); !strings.HasPrefix(got, term.Received.String()+" (assumed") {
			t.Errorf("received %q", got)
		}

		// the minimum: EUR 100 gives EUR 15, raised to EUR 40
		res = c.calc(url.Values{"amount": {"100"}})
		selectOne(t, res.body, "#costs-minimum")
		if got := nodeText(selectOne(t, res.body, "#costs-total td")); got != "EUR"+nbsp+"40.00" {
			t.Errorf("minimum total %q", got)
		}
	})
}

// TestCalculatorInterest checks the statutory interest of EUR 10,000
// commercial, due 2023-12-31, until 2024-12-31: two periods, EUR 1,240.82.
// A Dutch user types amounts the Dutch way; a rate marked unverified in
// the table is pointed out.
func TestCalculatorInterest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.user("anna", "en", ledger.RoleViewer)
		e.user("maria", "nl", ledger.RoleController)
		c := e.client()
		c.login("anna")

		res := c.calc(url.Values{"kind": {"commercial"}, "principal": {"10000"}, "due": {"2023-12-31"}, "until": {"2024-12-31"}})
		wantStatus(t, "interest", res, http.StatusOK)
		rows := selectAll(t, res.body, "#periods tr.period")
		if len(rows) != 2 {
			t.Fatalf("%d periods, want 2", len(rows))
		}
		want := [][]string{
			{"2024-01-01", "2024-06-30", "182", "12.5%", "EUR" + nbsp + "10,000.00", "EUR" + nbsp + "623.29"},
			{"2024-07-01", "2024-12-31", "184", "12.25%", "EUR" + nbsp + "10,000.00", "EUR" + nbsp + "617.53"},
		}
		for i, row := range rows {
			if got := htmlText(find(row, "td")...); strings.Join(got, "|") != strings.Join(want[i], "|") {
				t.Errorf("period %d: %q, want %q", i, got, want[i])
			}
		}
		if got := nodeText(selectOne(t, res.body, "#interest-total td")); got != "EUR"+nbsp+"1,240.82" {
			t.Errorf("interest %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#grand-total td")); got != "EUR"+nbsp+"11,240.82" {
			t.Errorf("principal + interest %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#interest-summary")); !strings.Contains(got, "6:119a BW") || !strings.Contains(got, "366 days") {
			t.Errorf("summary %q", got)
		}
		if n := len(selectAll(t, res.body, "#unverified")); n != 0 {
			t.Errorf("2024's rates are verified, yet a warning is shown")
		}

		// over a year: the interest is added to the base; the 2025 H2 rate is unverified
		res = c.calc(url.Values{"kind": {"commercial"}, "principal": {"10000"}, "due": {"2024-06-30"}, "until": {"2025-12-31"}})
		wantStatus(t, "interest over a year", res, http.StatusOK)
		if n := len(selectAll(t, res.body, "#capitalisations li")); n != 1 {
			t.Errorf("%d capitalisations, want 1", n)
		}
		if got := nodeText(selectOne(t, res.body, "#unverified")); !strings.Contains(got, "unverified: from 2025-07-01: 10.15%") {
			t.Errorf("unverified note %q", got)
		}
		if n := len(selectAll(t, res.body, "#periods tr.unverified")); n == 0 {
			t.Errorf("no period marked unverified")
		}
		// the costs form carries the interest input along, so both results stay
		if got := attr(selectOne(t, res.body, "input#i-principal"), "value"); got != "10000" {
			t.Errorf("principal kept %q", got)
		}
		hidden := selectAll(t, res.body, "form#costs-form input[type=hidden]")
		if len(hidden) != 4 {
			t.Errorf("costs form carries %d interest fields, want 4", len(hidden))
		}

		// input problems are shown at their field, the input kept
		res = c.calc(url.Values{"amount": {"12,345"}})
		wantStatus(t, "bad amount", res, http.StatusUnprocessableEntity)
		if got := nodeText(selectOne(t, res.body, "#c-amount-err")); !strings.Contains(got, `"12,345" is ambiguous`) {
			t.Errorf("amount error %q", got)
		}
		if got := attr(selectOne(t, res.body, "input#c-amount"), "value"); got != "12,345" {
			t.Errorf("amount not kept: %q", got)
		}
		if n := len(selectAll(t, res.body, "#cost-lines")); n != 0 {
			t.Errorf("a result for a bad amount")
		}
		res = c.calc(url.Values{"principal": {"abc"}, "due": {"2024-12-31"}, "until": {"2024-06-30"}})
		wantStatus(t, "bad interest input", res, http.StatusUnprocessableEntity)
		if got := nodeText(selectOne(t, res.body, "#i-principal-err")); got != `not an amount: "abc"` {
			t.Errorf("principal error %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#i-until-err")); !strings.Contains(got, "after the due date") {
			t.Errorf("until error %q", got)
		}
		// an English user may type a decimal comma
		res = c.calc(url.Values{"amount": {"2500,50"}})
		wantStatus(t, "decimal comma", res, http.StatusOK)
		if got := nodeText(selectOne(t, res.body, "#costs-summary strong")); got != "EUR"+nbsp+"2,500.50" {
			t.Errorf("principal %q", got)
		}

		// Dutch: decimal comma, Dutch formatting
		m := e.client()
		m.login("maria")
		res = m.calc(url.Values{"amount": {"3.000,00"}, "vat": {"1"}})
		wantStatus(t, "Dutch", res, http.StatusOK)
		if got := nodeText(selectOne(t, res.body, "#costs-total td")); got != "€"+nbsp+"514,25" {
			t.Errorf("Dutch total %q", got)
		}
		res = m.calc(url.Values{"kind": {"commercial"}, "principal": {"10.000,00"}, "due": {"2023-12-31"}, "until": {"2024-12-31"}})
		if got := texts(t, res.body, "#periods td.rate"); strings.Join(got, "|") != "12,5%|12,25%" {
			t.Errorf("Dutch rates %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#interest-total td")); got != "€"+nbsp+"1.240,82" {
			t.Errorf("Dutch interest %q", got)
		}
	})
}
