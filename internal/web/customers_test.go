package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// customerID looks up a customer's id by entity and number.
func (e *env) customerID(entity, number string) int64 {
	e.t.Helper()
	cs, _, err := e.svc.Customers(context.Background(), app.System, ledger.CustomerFilter{Search: number})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, c := range cs {
		if c.EntityCode == entity && c.Number == number {
			return c.ID
		}
	}
	e.t.Fatalf("no customer %s/%s", entity, number)
	return 0
}

// manyCustomers imports n customers D001.. into entity, every third in
// segment retail.
func (e *env) manyCustomers(entity string, n int) {
	var b strings.Builder
	b.WriteString("entity,number,name,segment,region,controller\n")
	for i := 1; i <= n; i++ {
		seg := ""
		if i%3 == 0 {
			seg = "retail"
		}
		fmt.Fprintf(&b, "%s,D%03d,Klant %03d,%s,Noord,anna\n", entity, i, i, seg)
	}
	e.importCSV("customers", b.String())
}

func TestCustomersList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Kredo Nederland BV,EUR\nBE01,Kredo België NV,EUR\n")
		e.manyCustomers("NL01", 120)
		e.importCSV("customers", "entity,number,name,segment\nBE01,B1,Bakkerij Janssens,horeca\n")
		e.importCSV("invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
			"NL01,D001,F1,"+e.day(-40)+","+e.day(-10)+",EUR,1234.56\n"+
			"NL01,D001,F2,"+e.day(-5)+","+e.day(25)+",EUR,100.00\n")
		e.user("anna", "en", ledger.RoleController)
		c := e.client()
		c.login("anna")

		tests := []struct {
			path    string
			status  int
			rows    int      // customers on the page
			total   string   // the count shown
			numbers []string // the first numbers on the page, when given
			pages   int      // numbered page links (0: no pager numbers)
		}{
			{"/customers", 200, 50, "121", []string{"B1", "D001", "D002", "D049"}, 3},
			{"/customers?page=2", 200, 50, "121", []string{"D050", "D099"}, 3},
			{"/customers?page=3", 200, 21, "121", []string{"D100", "D120"}, 3},
			{"/customers?page=9", 200, 0, "121", nil, 2}, // pages 1 and 3, a gap between
			{"/customers?q=bakker", 200, 1, "1", []string{"B1"}, 0},
			{"/customers?q=11", 200, 11, "11", []string{"D011", "D110", "D119"}, 0},
			{"/customers?q=d007", 200, 1, "1", []string{"D007"}, 0},
			{"/customers?segment=retail", 200, 40, "40", []string{"D003", "D006"}, 0},
			{"/customers?entity=BE01", 200, 1, "1", []string{"B1"}, 0},
			{"/customers?entity=NL01&region=Noord&segment=retail&q=12", 200, 2, "2", []string{"D012", "D120"}, 0},
			{"/customers?entity=XX01", 400, 0, "", nil, 0},
		}
		for _, tt := range tests {
			res := c.get(tt.path)
			if res.status != tt.status {
				t.Errorf("%s: status %d, want %d", tt.path, res.status, tt.status)
				continue
			}
			if tt.status != 200 {
				continue
			}
			rows := selectAll(t, res.body, "table#customers tbody tr.customer")
			if len(rows) != tt.rows {
				t.Errorf("%s: %d rows, want %d", tt.path, len(rows), tt.rows)
			}
			if got := nodeText(selectOne(t, res.body, "#total")); got != tt.total {
				t.Errorf("%s: total %q, want %q", tt.path, got, tt.total)
			}
			if got := texts(t, res.body, "table#customers tr.customer td.number"); !inOrder(got, tt.numbers) {
				t.Errorf("%s: numbers %v, want %v among them in order", tt.path, got, tt.numbers)
			}
			links := selectAll(t, res.body, "nav.pager li a[href]")
			numbered := 0
			for _, l := range links {
				if attr(l, "rel") == "" {
					numbered++
				}
			}
			if numbered != tt.pages {
				t.Errorf("%s: %d numbered page links, want %d", tt.path, numbered, tt.pages)
			}
		}

		// balances of D001: open 1334.56, of which 1234.56 overdue
		res := c.get("/customers?q=D001")
		if got := texts(t, res.body, "tr.customer td.open"); len(got) != 1 || got[0] != "EUR"+nbsp+"1,334.56" {
			t.Errorf("open column %q", got)
		}
		if got := texts(t, res.body, "tr.customer td.overdue"); len(got) != 1 || got[0] != "EUR"+nbsp+"1,234.56" {
			t.Errorf("overdue column %q", got)
		}
		// the page links keep the filters
		res = c.get("/customers?segment=retail&q=klant")
		if href := attr(selectOne(t, res.body, "#export"), "href"); href != "/customers.csv?q=klant&segment=retail" {
			t.Errorf("export link %q", href)
		}
		// several entities: the switcher is shown and carries the choice
		res = c.get("/customers?entity=BE01")
		if sel := selectAll(t, res.body, "#entity-switch option[selected]"); len(sel) != 1 || attr(sel[0], "value") != "BE01" {
			t.Errorf("entity switcher selection: %d", len(sel))
		}
		if href := attr(selectOne(t, res.body, `nav a[href="/invoices?entity=BE01"]`), "href"); href == "" {
			t.Errorf("nav link does not carry the entity")
		}
	})
}

// inOrder reports whether want is a subsequence of got.
func inOrder(got, want []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

func TestCustomerNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.user("anna", "nl", ledger.RoleViewer)
		c := e.client()
		c.login("anna")
		for _, path := range []string{"/customers/999", "/customers/abc", "/customers/0", "/nothing/here"} {
			res := c.get(path)
			wantStatus(t, path, res, http.StatusNotFound)
			if got := nodeText(selectOne(t, res.body, "#error h1")); got != "Niet gevonden" {
				t.Errorf("%s: heading %q", path, got)
			}
		}
	})
}
