package web_test

import (
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// report is the JSON import report.
type report struct {
	ImportID  int64 `json:"import_id"`
	Rows      int   `json:"rows"`
	Inserted  int   `json:"inserted"`
	Updated   int   `json:"updated"`
	Unchanged int   `json:"unchanged"`
	Rejected  int   `json:"rejected"`
	Committed bool  `json:"committed"`
	Problems  []struct {
		File   string `json:"file"`
		Row    int    `json:"row"`
		Field  string `json:"field"`
		Reason string `json:"reason"`
	} `json:"problems"`
}

// invoiceOut is the part of an API invoice the tests read.
type invoiceOut struct {
	ID          int64  `json:"id"`
	Entity      string `json:"entity"`
	Number      string `json:"number"`
	Type        string `json:"type"`
	InvoiceDate string `json:"invoice_date"`
	DueDate     string `json:"due_date"`
	Currency    string `json:"currency"`
	Amount      string `json:"amount"`
	OpenAmount  string `json:"open_amount"`
	Status      string `json:"status"`
	DaysOverdue int    `json:"days_overdue"`
}

func TestAPIAuth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Kredo BV,EUR\n")
		e.user("erp", "en", ledger.RoleController)
		tok := e.token("erp")
		c := e.client()
		tests := []struct {
			name   string
			header map[string]string
			status int
		}{
			{"no credentials", nil, http.StatusUnauthorized},
			{"wrong token", map[string]string{"Authorization": "Bearer kr_nope"}, http.StatusUnauthorized},
			{"basic auth", map[string]string{"Authorization": "Basic ZXJwOnB3"}, http.StatusUnauthorized},
			{"token", map[string]string{"Authorization": "Bearer " + tok}, http.StatusOK},
			{"token, lower-case scheme", map[string]string{"Authorization": "bearer " + tok}, http.StatusOK},
		}
		for _, tt := range tests {
			res := c.do("GET", "/api/v1/entities", nil, tt.header)
			if res.status != tt.status {
				t.Errorf("%s: status %d, want %d", tt.name, res.status, tt.status)
			}
			if ct := res.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("%s: content type %q", tt.name, ct)
			}
		}
		var list struct {
			Items []struct {
				Code     string   `json:"code"`
				Currency string   `json:"currency"`
				IBANs    []string `json:"ibans"`
			} `json:"items"`
			Total int `json:"total"`
		}
		decodeJSON(t, c.do("GET", "/api/v1/entities", nil, map[string]string{"Authorization": "Bearer " + tok}), &list)
		if list.Total != 1 || len(list.Items) != 1 || list.Items[0].Code != "NL01" || list.Items[0].IBANs == nil {
			t.Errorf("entities: %+v", list)
		}
		wantStatus(t, "unknown api route", c.do("GET", "/api/v1/nothing", nil, nil), http.StatusNotFound)
	})
}

func TestAPIImportInvoices(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Kredo BV,EUR\n")
		e.importCSV("customers", "entity,number,name\nNL01,D1,Bakker BV\n")
		e.user("erp", "en", ledger.RoleController)
		e.user("viewer", "en", ledger.RoleViewer)
		auth := map[string]string{"Authorization": "Bearer " + e.token("erp"), "Content-Type": "application/json"}
		viewer := map[string]string{"Authorization": "Bearer " + e.token("viewer"), "Content-Type": "application/json"}
		c := e.client()
		due := e.day(-5)
		batch := fmt.Sprintf(`[
			{"entity":"NL01","customer_number":"D1","number":"F1","invoice_date":"%s","due_date":"%s","currency":"EUR","amount":"1234.56"},
			{"entity":"NL01","customer_number":"D1","number":"F2","invoice_date":"%s","due_date":"%s","currency":"EUR","amount":99.5,"description":null},
			{"entity":"NL01","customer_number":"D1","number":"C1","type":"credit_note","invoice_date":"%s","due_date":"%s","currency":"EUR","amount":-10}
		]`, e.day(-35), due, e.day(-35), due, e.day(-3), e.day(-3))
		bad := fmt.Sprintf(`[
			{"entity":"NL01","customer_number":"D1","number":"F3","invoice_date":"%s","due_date":"%s","currency":"EUR","amount":"1.00"},
			{"entity":"NL01","customer_number":"D1","number":"F4","invoice_date":"%s","due_date":"%s","currency":"EUR","amount":"12,3x"}
		]`, e.day(-1), e.day(29), e.day(-1), e.day(29))
		tests := []struct {
			name     string
			path     string
			body     string
			header   map[string]string
			status   int
			inserted int
			unchang  int
			rejected int
			problem  string // field of the first problem
			row      int
		}{
			{"new batch", "/api/v1/invoices", batch, auth, 200, 3, 0, 0, "", 0},
			{"same batch again", "/api/v1/invoices", batch, auth, 200, 0, 3, 0, "", 0},
			{"a bad row rejects all", "/api/v1/invoices", bad, auth, 422, 0, 0, 1, "amount", 2},
			{"a bad row, all_or_nothing=false", "/api/v1/invoices?all_or_nothing=false", bad, auth, 200, 1, 0, 1, "amount", 2},
			{"unknown field", "/api/v1/invoices", `[{"entity":"NL01","nope":"x"}]`, auth, 422, 0, 0, 1, "", 1},
			{"viewer may not import", "/api/v1/invoices", batch, viewer, 403, 0, 0, 0, "", 0},
			{"controller may not import entities", "/api/v1/entities", `[{"code":"X1","name":"X","currency":"EUR"}]`, auth, 403, 0, 0, 0, "", 0},
			{"not json", "/api/v1/invoices", `{"entity":`, auth, 400, 0, 0, 0, "", 0},
			{"an object, not an array", "/api/v1/invoices", `{"entity":"NL01"}`, auth, 400, 0, 0, 0, "", 0},
			{"nested value", "/api/v1/invoices", `[{"entity":{"code":"NL01"}}]`, auth, 400, 0, 0, 0, "", 0},
			{"two documents", "/api/v1/invoices", `[] []`, auth, 400, 0, 0, 0, "", 0},
			{"wrong content type", "/api/v1/invoices", batch, map[string]string{"Authorization": auth["Authorization"], "Content-Type": "text/csv"}, 415, 0, 0, 0, "", 0},
		}
		for _, tt := range tests {
			res := c.do("POST", tt.path, tt.body, tt.header)
			if res.status != tt.status {
				t.Errorf("%s: status %d, want %d\n%s", tt.name, res.status, tt.status, res.body)
				continue
			}
			if tt.status != 200 && tt.status != 422 {
				var body struct{ Error string }
				decodeJSON(t, res, &body)
				if body.Error == "" {
					t.Errorf("%s: no error message: %s", tt.name, res.body)
				}
				continue
			}
			var rep report
			decodeJSON(t, res, &rep)
			if rep.Inserted != tt.inserted || rep.Unchanged != tt.unchang || rep.Rejected != tt.rejected || rep.Committed != (tt.status == 200) {
				t.Errorf("%s: report %+v", tt.name, rep)
			}
			if tt.rejected > 0 {
				if len(rep.Problems) == 0 {
					t.Errorf("%s: no problems", tt.name)
					continue
				}
				p := rep.Problems[0]
				if p.File != "api:invoices" || p.Row != tt.row || (tt.problem != "" && p.Field != tt.problem) || p.Reason == "" {
					t.Errorf("%s: problem %+v, want row %d field %q", tt.name, p, tt.row, tt.problem)
				}
			}
		}

		// the imported invoices read back exactly
		var list struct {
			Items []invoiceOut `json:"items"`
			Total int          `json:"total"`
		}
		decodeJSON(t, c.do("GET", "/api/v1/invoices?status=open&limit=10", nil, auth), &list)
		if list.Total != 4 {
			t.Fatalf("open invoices: %d, want 4 (F1, F2, C1, F3)", list.Total)
		}
		byNumber := map[string]invoiceOut{}
		for _, i := range list.Items {
			byNumber[i.Number] = i
		}
		want := map[string]invoiceOut{
			"F1": {Entity: "NL01", Number: "F1", Type: "invoice", InvoiceDate: e.day(-35), DueDate: due, Currency: "EUR", Amount: "1234.56", OpenAmount: "1234.56", Status: "open", DaysOverdue: 5},
			"F2": {Entity: "NL01", Number: "F2", Type: "invoice", InvoiceDate: e.day(-35), DueDate: due, Currency: "EUR", Amount: "99.50", OpenAmount: "99.50", Status: "open", DaysOverdue: 5},
			"C1": {Entity: "NL01", Number: "C1", Type: "credit_note", InvoiceDate: e.day(-3), DueDate: e.day(-3), Currency: "EUR", Amount: "-10.00", OpenAmount: "-10.00", Status: "open"},
		}
		for n, w := range want {
			got := byNumber[n]
			w.ID = got.ID
			if got != w {
				t.Errorf("invoice %s:\n got %+v\nwant %+v", n, got, w)
			}
		}
		var one invoiceOut
		decodeJSON(t, c.do("GET", fmt.Sprintf("/api/v1/invoices/%d", byNumber["F1"].ID), nil, auth), &one)
		if one.Number != "F1" || one.Amount != "1234.56" {
			t.Errorf("invoice by id: %+v", one)
		}
		for _, bad := range []string{"/api/v1/invoices?limit=0", "/api/v1/invoices?limit=501", "/api/v1/invoices?offset=-1",
			"/api/v1/invoices?status=late", "/api/v1/invoices?customer_id=x", "/api/v1/payments?from=1-2-2026"} {
			wantStatus(t, bad, c.do("GET", bad, nil, auth), http.StatusBadRequest)
		}
		wantStatus(t, "bad id", c.do("GET", "/api/v1/invoices/abc", nil, auth), http.StatusNotFound)
	})
}

func TestAPIUBL(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		// the seller of the Peppol example has VAT number GB1232434
		e.importCSV("entities", "code,name,currency,vat_number\nGB01,Supplier Ltd,EUR,GB1232434\nNL01,Kredo BV,EUR,\n")
		e.user("erp", "en", ledger.RoleController)
		e.user("viewer", "en", ledger.RoleViewer)
		xml, err := os.ReadFile("../../testdata/ubl/peppol-bis-3-examples/base-example.xml")
		if err != nil {
			t.Fatal(err)
		}
		auth := map[string]string{"Authorization": "Bearer " + e.token("erp"), "Content-Type": "application/xml"}
		c := e.client()

		wantStatus(t, "viewer", c.do("POST", "/api/v1/ubl", xml, map[string]string{"Authorization": "Bearer " + e.token("viewer")}), http.StatusForbidden)
		wantStatus(t, "not xml", c.do("POST", "/api/v1/ubl", "<Invoice", auth), http.StatusUnprocessableEntity)

		res := c.do("POST", "/api/v1/ubl", xml, auth)
		wantStatus(t, "ubl", res, http.StatusOK)
		var rep report
		decodeJSON(t, res, &rep)
		if !rep.Committed || rep.Inserted != 1 {
			t.Errorf("ubl report %+v", rep)
		}
		res = c.do("POST", "/api/v1/ubl", xml, auth)
		decodeJSON(t, res, &rep)
		if res.status != 200 || rep.Unchanged != 1 {
			t.Errorf("ubl again: %d %+v", res.status, rep)
		}
		var list struct{ Items []invoiceOut }
		decodeJSON(t, c.do("GET", "/api/v1/invoices?entity=GB01", nil, auth), &list)
		if len(list.Items) != 1 || list.Items[0].Number != "Snippet1" || list.Items[0].Amount != "1656.25" ||
			list.Items[0].Currency != "EUR" || list.Items[0].DueDate != "2017-12-01" {
			t.Errorf("ubl invoice: %+v", list.Items)
		}
	})
}
