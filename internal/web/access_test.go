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

// TestEntityIsolation proves that a user granted entity A never sees
// entity B: not on a page, not in a list, not in an export, not in the API.
func TestEntityIsolation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nAAA,Alpha BV,EUR\nBBB,Geheim BV,EUR\n")
		e.importCSV("customers", "entity,number,name\nAAA,A1,Alpha Klant\nBBB,B1,Geheime Klant\nBBB,A1,Geheime Tweeling\n")
		e.importCSV("invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
			"AAA,A1,FA1,"+e.day(-30)+","+e.day(-1)+",EUR,10.00\n"+
			"BBB,B1,FB1,"+e.day(-30)+","+e.day(-1)+",EUR,20.00\n"+
			"BBB,A1,FB2,"+e.day(-30)+","+e.day(-1)+",EUR,30.00\n")
		e.importCSV("payments", "entity,reference,date,currency,amount,customer_number,invoice_number\n"+
			"AAA,PA1,"+e.day(-2)+",EUR,10.00,A1,FA1\nBBB,PB1,"+e.day(-2)+",EUR,20.00,B1,FB1\n")
		e.user("alice", "en", ledger.RoleController, "AAA")
		tok := e.token("alice")
		c := e.client()
		c.login("alice")

		secretCustomer := e.customerID("BBB", "B1")
		var secretInvoice int64
		invs, _, err := e.svc.Invoices(context.Background(), app.System, ledger.InvoiceFilter{Number: "FB1"})
		if err != nil || len(invs) != 1 {
			t.Fatalf("find FB1: %v %d", err, len(invs))
		}
		secretInvoice = invs[0].ID

		// pages and API objects of B do not exist for alice
		for _, path := range []string{fmt.Sprintf("/customers/%d", secretCustomer)} {
			wantStatus(t, path, c.get(path), http.StatusNotFound)
		}
		bearer := map[string]string{"Authorization": "Bearer " + tok}
		for _, path := range []string{fmt.Sprintf("/api/v1/customers/%d", secretCustomer), fmt.Sprintf("/api/v1/invoices/%d", secretInvoice)} {
			res := c.do("GET", path, nil, bearer)
			wantStatus(t, path, res, http.StatusNotFound)
			var body struct{ Error string }
			decodeJSON(t, res, &body)
			if body.Error != "not found" && !strings.Contains(body.Error, "not found") {
				t.Errorf("%s: error %q", path, body.Error)
			}
		}
		// asking for B by name is refused like an unknown entity
		for _, path := range []string{"/customers?entity=BBB", "/invoices?entity=BBB", "/payments?entity=BBB", "/customers.csv?entity=BBB"} {
			wantStatus(t, path, c.get(path), http.StatusBadRequest)
		}
		wantStatus(t, "api entity BBB", c.do("GET", "/api/v1/customers?entity=BBB", nil, bearer), http.StatusBadRequest)

		// lists, exports and API lists hold only A
		secrets := []string{"BBB", "Geheim", "FB1", "FB2", "PB1", "B1"}
		for _, path := range []string{"/customers", "/customers?q=geheim", "/invoices", "/payments", "/customers.csv", "/invoices.csv", "/payments.csv"} {
			res := c.get(path)
			wantStatus(t, path, res, http.StatusOK)
			for _, s := range secrets {
				if strings.Contains(withoutTokens(res.body), s) {
					t.Errorf("%s shows %q:\n%s", path, s, truncate(res.body))
				}
			}
		}
		for _, path := range []string{"/api/v1/entities", "/api/v1/customers", "/api/v1/customers?q=geheim", "/api/v1/invoices", "/api/v1/payments"} {
			res := c.do("GET", path, nil, bearer)
			wantStatus(t, path, res, http.StatusOK)
			for _, s := range secrets {
				if strings.Contains(withoutTokens(res.body), s) {
					t.Errorf("%s shows %q:\n%s", path, s, truncate(res.body))
				}
			}
		}
		// what alice does see
		res := c.get("/customers")
		if got := texts(t, res.body, "tr.customer td.name"); strings.Join(got, ",") != "Alpha Klant" {
			t.Errorf("alice's customers: %v", got)
		}
		if n := len(selectAll(t, res.body, "#entity-switch")); n != 0 {
			t.Errorf("one entity, yet %d entity switchers", n)
		}
		csv := string(c.get("/invoices.csv").body)
		if !strings.Contains(csv, "FA1") {
			t.Errorf("invoices.csv lacks FA1:\n%s", csv)
		}
		// alice may not import into B through the API either
		res = c.do("POST", "/api/v1/invoices", `[{"entity":"BBB","customer_number":"B1","number":"FX","invoice_date":"2026-01-01","due_date":"2026-02-01","currency":"EUR","amount":"1.00"}]`, bearer)
		wantStatus(t, "import into BBB", res, http.StatusUnprocessableEntity)
	})
}
