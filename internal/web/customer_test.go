package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

func TestCustomerPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Kredo Nederland BV,EUR\n")
		e.importCSV("customers", "entity,number,name,vat_number,parent_number,contacts\n"+
			"NL01,G1,Bakker Groep BV,NL123456789B01,,Piet Bakker|dunning|piet@bakker.example|+31 20 1234567|nl;Els|billing|els@bakker.example\n"+
			"NL01,G1-A,Bakker Noord BV,,G1,\n"+
			"NL01,G1-B,Bakker Zuid BV,,G1,\n")
		e.importCSV("invoices", "entity,customer_number,number,type,invoice_date,due_date,currency,amount\n"+
			"NL01,G1,F1,invoice,"+e.day(-40)+","+e.day(-10)+",EUR,1234.56\n"+
			"NL01,G1,F2,invoice,"+e.day(-5)+","+e.day(25)+",EUR,500.00\n"+
			"NL01,G1,C1,credit_note,"+e.day(-20)+","+e.day(-20)+",EUR,-100.00\n"+
			"NL01,G1,F3,invoice,"+e.day(-60)+","+e.day(-30)+",EUR,200.00\n"+
			"NL01,G1-A,F9,invoice,"+e.day(-60)+","+e.day(-30)+",EUR,999.00\n")
		e.importCSV("payments", "entity,reference,date,currency,amount,customer_number,invoice_number,allocated\n"+
			"NL01,BANK-1,"+e.day(-3)+",EUR,250.00,G1,F3,200.00\n")
		e.user("anna", "nl", ledger.RoleController)
		e.user("bob", "en", ledger.RoleViewer)
		id := e.customerID("NL01", "G1")
		path := fmt.Sprintf("/customers/%d", id)

		dnl := func(n int) string { return e.today.AddDays(n).Time().Format("02-01-2006") }
		tests := []struct {
			user      string
			query     string
			numbers   []string // invoice numbers in order
			overdue   []string // numbers of rows marked overdue
			amounts   []string // the amount column, in order
			dues      []string // the due date column, in order
			days      []string
			statuses  []string
			open      string // balance
			balOver   string
			payAmount string
			alloc     string
		}{
			{user: "anna", numbers: []string{"F3", "C1", "F1", "F2"}, overdue: []string{"F1"},
				amounts:  []string{"€" + nbsp + "200,00", "€" + nbsp + "-100,00", "€" + nbsp + "1.234,56", "€" + nbsp + "500,00"},
				dues:     []string{dnl(-30), dnl(-20), dnl(-10), dnl(25)},
				days:     []string{"", "", "10", ""},
				statuses: []string{"betaald", "open", "open vervallen", "open"},
				open:     "€" + nbsp + "1.634,56", balOver: "€" + nbsp + "1.234,56",
				payAmount: "€" + nbsp + "250,00", alloc: "F3 €" + nbsp + "200,00"},
			{user: "bob", numbers: []string{"F3", "C1", "F1", "F2"}, overdue: []string{"F1"},
				amounts:  []string{"EUR" + nbsp + "200.00", "EUR" + nbsp + "-100.00", "EUR" + nbsp + "1,234.56", "EUR" + nbsp + "500.00"},
				dues:     []string{e.day(-30), e.day(-20), e.day(-10), e.day(25)},
				days:     []string{"", "", "10", ""},
				statuses: []string{"paid", "open", "open overdue", "open"},
				open:     "EUR" + nbsp + "1,634.56", balOver: "EUR" + nbsp + "1,234.56",
				payAmount: "EUR" + nbsp + "250.00", alloc: "F3 EUR" + nbsp + "200.00"},
			{user: "bob", query: "?sort=-due", numbers: []string{"F2", "F1", "C1", "F3"}, overdue: []string{"F1"}},
			{user: "bob", query: "?status=open", numbers: []string{"C1", "F1", "F2"}, overdue: []string{"F1"}},
			{user: "bob", query: "?status=paid&sort=-due", numbers: []string{"F3"}},
		}
		clients := map[string]*client{}
		for _, tt := range tests {
			c := clients[tt.user]
			if c == nil {
				c = e.client()
				c.login(tt.user)
				clients[tt.user] = c
			}
			what := tt.user + " " + path + tt.query
			res := c.get(path + tt.query)
			wantStatus(t, what, res, http.StatusOK)
			check := func(name, sel string, want []string) {
				t.Helper()
				if want == nil {
					return
				}
				if got := texts(t, res.body, sel); strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s: %s = %q, want %q", what, name, got, want)
				}
			}
			check("numbers", "table#invoices tr.invoice td.number", tt.numbers)
			check("overdue rows", "table#invoices tr.invoice.overdue td.number", append([]string{}, tt.overdue...))
			check("amounts", "table#invoices tr.invoice td.amount", tt.amounts)
			check("due dates", "table#invoices tr.invoice td.due", tt.dues)
			check("days overdue", "table#invoices tr.invoice td.days", tt.days)
			check("statuses", "table#invoices tr.invoice td.status", tt.statuses)
			if tt.open != "" {
				check("balance open", "table#balance td.open", []string{tt.open})
				check("balance overdue", "table#balance td.overdue", []string{tt.balOver})
				check("payment amount", "table#payments tr.payment td.amount", []string{tt.payAmount})
				check("allocations", "table#payments tr.payment td.allocations li", []string{tt.alloc})
				check("customer", "#customer-name", []string{"Bakker Groep BV"})
				check("subsidiaries", "#subsidiaries li", []string{"G1-A · Bakker Noord BV", "G1-B · Bakker Zuid BV"})
				check("contact emails", "table#contacts tr.contact a", []string{"piet@bakker.example", "els@bakker.example"})
				if neg := selectAll(t, res.body, "table#invoices td.amount.neg"); len(neg) != 1 {
					t.Errorf("%s: %d negative amounts marked, want 1", what, len(neg))
				}
			}
		}
		// the subsidiary shows its parent
		res := clients["bob"].get(fmt.Sprintf("/customers/%d", e.customerID("NL01", "G1-A")))
		if got := nodeText(selectOne(t, res.body, "#parent a")); got != "G1 · Bakker Groep BV" {
			t.Errorf("parent %q", got)
		}
		if got := nodeText(selectOne(t, res.body, "#contacts-empty")); got == "" {
			t.Errorf("no empty contacts text")
		}
	})
}

func TestCustomerInvoicePaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Kredo Nederland BV,EUR\n")
		e.importCSV("customers", "entity,number,name\nNL01,D1,Veel Facturen BV\n")
		var b strings.Builder
		b.WriteString("entity,customer_number,number,invoice_date,due_date,currency,amount\n")
		for i := 1; i <= 60; i++ { // F01 is due 60 days ago, F60 yesterday
			fmt.Fprintf(&b, "NL01,D1,F%02d,%s,%s,EUR,10.00\n", i, e.day(-90), e.day(i-61))
		}
		e.importCSV("invoices", b.String())
		e.user("bob", "en", ledger.RoleViewer)
		c := e.client()
		c.login("bob")
		base := fmt.Sprintf("/customers/%d", e.customerID("NL01", "D1"))
		tests := []struct {
			query       string
			rows        int
			first, last string
		}{
			{"", 50, "F01", "F50"},
			{"?page=2", 10, "F51", "F60"},
			{"?sort=-due", 50, "F60", "F11"},
			{"?sort=-due&page=2", 10, "F10", "F01"},
			{"?page=3", 0, "", ""},
		}
		for _, tt := range tests {
			res := c.get(base + tt.query)
			wantStatus(t, tt.query, res, http.StatusOK)
			got := texts(t, res.body, "table#invoices tr.invoice td.number")
			if len(got) != tt.rows || (tt.rows > 0 && (got[0] != tt.first || got[len(got)-1] != tt.last)) {
				t.Errorf("%s: %d rows %v…, want %d from %s to %s", tt.query, len(got), got[:min(3, len(got))], tt.rows, tt.first, tt.last)
			}
		}
		// the pager's next link keeps the sort
		res := c.get(base + "?sort=-due")
		if href := attr(selectOne(t, res.body, "nav.pager a[rel=next]"), "href"); href != base+"?page=2&sort=-due" {
			t.Errorf("next link %q", href)
		}
	})
}
