package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// seedLedger imports two entities with customers, invoices and payments.
func seedLedger(e *env) {
	e.importCSV("entities", "code,name,currency,ibans\nNL01,Kredo Nederland BV,EUR,NL91ABNA0417164300\nBE01,Kredo België NV,EUR,\n")
	e.importCSV("customers", "entity,number,name,segment,region,controller,parent_number,payment_terms,credit_limit,contacts\n"+
		"NL01,G1,\"Bakker, Groep BV\",retail,Noord,anna,,14,5000.00,Piet|dunning|piet@bakker.example||nl\n"+
		"NL01,G1-A,=Formula Lookalike BV,retail,Noord,anna,G1,30,,\n"+
		"BE01,B1,Brasserie Janssens,horeca,Antwerpen,,,30,,\n")
	e.importCSV("invoices", "entity,customer_number,number,type,invoice_date,due_date,currency,amount,payment_reference,description\n"+
		"NL01,G1,F1,invoice,"+e.day(-40)+","+e.day(-10)+",EUR,1234.56,1234567890123456,\"Levering; week 1\"\n"+
		"NL01,G1,F2,invoice,"+e.day(-5)+","+e.day(25)+",EUR,500.00,,\n"+
		"NL01,G1,C1,credit_note,"+e.day(-20)+","+e.day(-20)+",EUR,-100.00,,retour\n"+
		"NL01,G1-A,F3,invoice,"+e.day(-60)+","+e.day(-30)+",EUR,200.00,,\n"+
		"BE01,B1,BF1,invoice,"+e.day(-60)+","+e.day(-30)+",USD,75.25,,\n")
	e.importCSV("payments", "entity,reference,date,currency,amount,customer_number,description,invoice_number,allocated\n"+
		"NL01,BANK-1,"+e.day(-3)+",EUR,250.00,G1-A,overboeking,F3,200.00\n"+
		"NL01,BANK-2,"+e.day(-2)+",EUR,300.00,G1,,F1,200.00\n"+
		"NL01,BANK-2,"+e.day(-2)+",EUR,300.00,G1,,F2,100.00\n"+
		"BE01,BANK-3,"+e.day(-1)+",USD,75.25,B1,,BF1,\n")
}

func TestCSVExportRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		seedLedger(e)
		e.user("anna", "nl", ledger.RoleController)
		c := e.client()
		c.login("anna")
		tests := []struct {
			path          string
			kind          csvfmt.Kind
			rows, records int // a payment with two allocations is two rows
		}{
			{"/customers.csv", csvfmt.Customers, 3, 3},
			{"/customers.csv?entity=NL01&segment=retail", csvfmt.Customers, 2, 2},
			{"/invoices.csv", csvfmt.Invoices, 5, 5},
			{"/invoices.csv?status=open", csvfmt.Invoices, 3, 3},
			{"/payments.csv", csvfmt.Payments, 4, 3},
		}
		for _, tt := range tests {
			res := c.get(tt.path)
			wantStatus(t, tt.path, res, http.StatusOK)
			if ct := res.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
				t.Errorf("%s: content type %q", tt.path, ct)
			}
			if cd := res.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
				t.Errorf("%s: disposition %q", tt.path, cd)
			}
			rep, err := e.svc.ImportCSV(context.Background(), app.System, tt.kind, bytes.NewReader(res.body), "export.csv", app.ImportOptions{AllOrNothing: true})
			if err != nil {
				t.Fatalf("%s: re-import: %v", tt.path, err)
			}
			if !rep.Committed || rep.Rows != tt.rows || rep.Unchanged != tt.records || rep.Inserted+rep.Updated+rep.Rejected != 0 {
				t.Errorf("%s: re-import %+v\n%s", tt.path, rep, res.body)
			}
		}
		// an empty export still has its header
		res := c.get("/customers.csv?q=nobody")
		if got := strings.TrimSpace(string(res.body)); !strings.HasPrefix(got, "entity,number,name") || strings.Contains(got, "\n") {
			t.Errorf("empty export %q", got)
		}
	})
}

func TestInvoicesAndPaymentsPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		seedLedger(e)
		e.user("bob", "en", ledger.RoleViewer)
		c := e.client()
		c.login("bob")
		tests := []struct {
			path    string
			sel     string
			want    []string
			status  int
			notHave string
		}{
			{"/invoices", "tr.invoice td.number", []string{"F3", "BF1", "C1", "F1", "F2"}, 200, ""},
			{"/invoices?sort=-due", "tr.invoice td.number", []string{"F2", "F1", "C1", "BF1", "F3"}, 200, ""},
			{"/invoices?status=open", "tr.invoice td.number", []string{"C1", "F1", "F2"}, 200, ""},
			{"/invoices?status=paid&entity=BE01", "tr.invoice td.number", []string{"BF1"}, 200, ""},
			{"/invoices?entity=BE01", "tr.invoice td.amount", []string{"USD" + nbsp + "75.25"}, 200, ""},
			{"/invoices?status=open", "tr.invoice.overdue td.days", []string{"10"}, 200, ""},
			{"/invoices?status=late", "", nil, 400, ""},
			{"/payments", "tr.payment td.reference", []string{"BANK-3", "BANK-2", "BANK-1"}, 200, ""},
			{"/payments?entity=NL01", "tr.payment td.allocations li", []string{"F1 EUR" + nbsp + "200.00", "F2 EUR" + nbsp + "100.00", "F3 EUR" + nbsp + "200.00"}, 200, ""},
			{"/payments?entity=NL01", "tr.payment td.unallocated", []string{"", "EUR" + nbsp + "50.00"}, 200, ""},
			{"/imports", "", nil, 200, `action="/imports"`}, // a viewer gets no upload form
		}
		for _, tt := range tests {
			res := c.get(tt.path)
			if res.status != tt.status {
				t.Errorf("%s: status %d, want %d", tt.path, res.status, tt.status)
				continue
			}
			if tt.sel != "" {
				if got := texts(t, res.body, tt.sel); strings.Join(got, "|") != strings.Join(tt.want, "|") {
					t.Errorf("%s %s: %q, want %q", tt.path, tt.sel, got, tt.want)
				}
			}
			if tt.notHave != "" && strings.Contains(string(res.body), tt.notHave) {
				t.Errorf("%s contains %s", tt.path, tt.notHave)
			}
		}
	})
}

// upload posts a file to the imports page as a browser does.
func (c *client) upload(kind, name, data string, csrf string) response {
	c.e.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("csrf", csrf)
	mw.WriteField("kind", kind)
	mw.WriteField("all_or_nothing", "1")
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		c.e.t.Fatal(err)
	}
	fw.Write([]byte(data))
	mw.Close()
	return c.do("POST", "/imports", b.Bytes(), map[string]string{"Content-Type": mw.FormDataContentType()})
}

func TestImportsPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV("entities", "code,name,currency\nNL01,Kredo BV,EUR\n")
		e.user("anna", "nl", ledger.RoleController)
		e.user("bob", "en", ledger.RoleViewer)
		anna, bob := e.client(), e.client()
		anna.login("anna")
		bob.login("bob")
		customers := "klantnummer;naam;administratie\nD1;Bakker BV;NL01\nD2;Smit BV;NL01\n"

		res := anna.upload("customers", "klanten.csv", customers, anna.csrf)
		wantStatus(t, "upload", res, http.StatusOK)
		if got := nodeText(selectOne(t, res.body, "#inserted")); got != "2" {
			t.Errorf("inserted %q", got)
		}
		res = anna.upload("customers", "klanten.csv", customers, anna.csrf)
		if got := nodeText(selectOne(t, res.body, "#unchanged")); got != "2" {
			t.Errorf("unchanged %q", got)
		}
		res = anna.upload("customers", "fout.csv", "number,name,entity\nD3,Jansen,XX\n", anna.csrf)
		wantStatus(t, "bad upload", res, http.StatusUnprocessableEntity)
		if got := texts(t, res.body, "table#problems tr.problem td"); len(got) < 2 || got[0] != "2" || got[1] != "entity" {
			t.Errorf("problems %q", got)
		}
		wantStatus(t, "viewer upload", bob.upload("customers", "klanten.csv", customers, bob.csrf), http.StatusForbidden)
		wantStatus(t, "no csrf", anna.upload("customers", "klanten.csv", customers, ""), http.StatusForbidden)
		wantStatus(t, "bad kind", anna.upload("nonsense", "x.csv", customers, anna.csrf), http.StatusBadRequest)

		// the imported customers are on the list
		res = anna.get("/customers")
		if got := texts(t, res.body, "tr.customer td.name"); strings.Join(got, ",") != "Bakker BV,Smit BV" {
			t.Errorf("customers %v", got)
		}
	})
}

func TestHealthz(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		c := e.client()
		res := c.get("/healthz")
		wantStatus(t, "healthz", res, http.StatusOK)
		var body struct{ Status string }
		decodeJSON(t, res, &body)
		if body.Status != "ok" {
			t.Errorf("status %q", body.Status)
		}
		st.Close()
		res = c.get("/healthz")
		wantStatus(t, "healthz after close", res, http.StatusServiceUnavailable)
		decodeJSON(t, res, &body)
		if body.Status != "unavailable" {
			t.Errorf("status %q", body.Status)
		}
	})
}
