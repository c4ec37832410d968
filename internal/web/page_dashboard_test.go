package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// kpiLedger imports two entities dated around today: in NL01 K1 (retail)
// owes an invoice 40 days overdue and K2 (wholesale) one not yet due, with
// a partial payment last week; B1 of BE01 owes an invoice of its own.
func (e *env) kpiLedger() {
	e.t.Helper()
	e.importCSV(csvfmt.Entities, "code,name,currency\nNL01,Groothandel B.V.,EUR\nBE01,Handel BV,EUR\n")
	e.importCSV(csvfmt.Customers, "entity,number,name,segment,region\nNL01,K1,Bakkerij Jansen,retail,north\nNL01,K2,Garage Smit,wholesale,south\nBE01,B1,Brood BV,retail,\n")
	e.importCSV(csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\n"+
		fmt.Sprintf("NL01,K1,F1,%s,%s,EUR,1000.00\n", e.day(-70), e.day(-40))+
		fmt.Sprintf("NL01,K2,F2,%s,%s,EUR,2500.00\n", e.day(-10), e.day(20))+
		fmt.Sprintf("NL01,K1,F3,%s,%s,EUR,400.00\n", e.day(-50), e.day(-20))+
		fmt.Sprintf("BE01,B1,B-1,%s,%s,EUR,777.00\n", e.day(-5), e.day(25)))
	e.importCSV(csvfmt.Payments, "entity,reference,date,currency,amount,customer_number,invoice_number,allocated\n"+
		fmt.Sprintf("NL01,P1,%s,EUR,150.00,K1,F1,150.00\n", e.day(-7)))
}

// The API gives the figures the app computes, by dimension, only for the
// entities granted; the dashboard's CSV and XLSX exports carry the same.
func TestKPIAPIAndExports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.kpiLedger()
		e.user("mia", "en", ledger.RoleManager, "NL01")
		tok := e.token("mia")
		c := e.client()
		auth := map[string]string{"Authorization": "Bearer " + tok}
		reps, err := e.svc.KPI(context.Background(), app.System, app.KPIRequest{Entity: "NL01", By: []string{kpi.DimSegment}})
		if err != nil {
			t.Fatal(err)
		}
		want := reps[0].Records()

		var got struct {
			AsOf  string           `json:"as_of"`
			By    string           `json:"by"`
			Items []map[string]any `json:"items"`
		}
		res := c.do("GET", "/api/v1/kpi/segment", nil, auth)
		wantStatus(t, "kpi by segment", res, http.StatusOK)
		decodeJSON(t, res, &got)
		// mia sees NL01 only: its total and its two segments, K1's retail (overdue) first
		if got.AsOf != e.today.String() || got.By != "segment" || len(got.Items) != 3 {
			t.Fatalf("kpi: %+v", got)
		}
		for k, w := range want {
			var wm map[string]any
			b, _ := json.Marshal(w)
			json.Unmarshal(b, &wm)
			if !reflect.DeepEqual(got.Items[k], wm) {
				t.Errorf("item %d: %v, want %v", k, got.Items[k], wm)
			}
		}
		if got.Items[1]["value"] != "retail" || got.Items[1]["overdue"] != float64(100000-15000+40000) {
			t.Errorf("retail row %v: want 1250.00 overdue", got.Items[1])
		}
		wantStatus(t, "another entity", c.do("GET", "/api/v1/kpi?entity=BE01", nil, auth), http.StatusNotFound)
		wantStatus(t, "bad dimension", c.do("GET", "/api/v1/kpi?by=colour", nil, auth), http.StatusBadRequest)
		wantStatus(t, "bad date", c.do("GET", "/api/v1/kpi?as_of=yesterday", nil, auth), http.StatusBadRequest)
		wantStatus(t, "trend without entity", c.do("GET", "/api/v1/kpi/trend", nil, auth), http.StatusBadRequest)
		wantStatus(t, "no token", c.do("GET", "/api/v1/kpi", nil, nil), http.StatusUnauthorized)

		c.login("mia")
		res = c.get("/dashboard.csv?entity=NL01&by=segment")
		wantStatus(t, "csv", res, http.StatusOK)
		rows, err := csv.NewReader(bytes.NewReader(res.body)).ReadAll()
		if err != nil || len(rows) != 4 || strings.Join(rows[0], ",") != strings.Join(app.KPIColumns, ",") {
			t.Fatalf("csv: %v %q", err, rows)
		}
		for k, w := range want {
			if strings.Join(rows[k+1], ",") != strings.Join(w.Fields(), ",") {
				t.Errorf("csv row %d: %q, want %q", k+1, rows[k+1], w.Fields())
			}
		}
		wantStatus(t, "csv of another entity", c.get("/dashboard.csv?entity=BE01"), http.StatusBadRequest)

		res = c.get("/dashboard.xlsx?entity=NL01&by=segment")
		wantStatus(t, "xlsx", res, http.StatusOK)
		zr, err := zip.NewReader(bytes.NewReader(res.body), int64(len(res.body)))
		if err != nil {
			t.Fatalf("xlsx is not a zip: %v", err)
		}
		var sheet string
		for _, f := range zr.File {
			if f.Name == "xl/worksheets/sheet1.xml" {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				sheet = string(b)
			}
		}
		// the total's DSO is a number cell in row 2, column S (dso)
		if w := want[0]; !strings.Contains(sheet, `<c r="S2"><v>`+w.DSO.String()+`</v></c>`) || !strings.Contains(sheet, `<t>retail</t>`) {
			t.Errorf("sheet lacks the DSO %s or the retail row:\n%s", w.DSO, sheet)
		}
	})
}

// The dashboard in a real browser shows the DSO the app (and so the CLI
// and the API) computes, draws the trend once the snapshots are
// recomputed, and leads from a customer's row to its open invoices.
func TestBrowserDashboard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.kpiLedger()
		e.user("mia", "en", ledger.RoleManager)
		reps, err := e.svc.KPI(context.Background(), app.System, app.KPIRequest{Entity: "NL01"})
		if err != nil {
			t.Fatal(err)
		}
		r := reps[0].Total
		b := newBrowser(t, e.srv.URL)
		b.login("mia")
		b.click(`nav a[href^="/dashboard"]`)
		b.want("page", b.location(), "/dashboard")
		b.want("the first entity", b.text("main h1"), "Dashboard BE01 · Handel BV")
		b.open("/dashboard?entity=NL01")
		b.want("heading", b.text("main h1"), "Dashboard NL01 · Groothandel B.V.")
		b.want("DSO", b.text("#dso"), r.DSO.String())
		b.want("countback", b.text("#countback"), r.Countback.Days.String())
		b.want("best possible DSO", b.text("#best-dso"), r.BestDSO.String())
		b.want("CEI", b.text("#cei"), r.CEI.String()+"%")
		b.want("overdue share", b.text("#overdue-share"), r.OverdueShare.String()+"%")
		b.want("no trend yet", b.text("#no-trend"), "No monthly snapshots yet: recompute them to see the trend.")

		b.click("#recompute")
		b.want("back on the dashboard", b.location(), "/dashboard?entity=NL01")
		pts, err := e.svc.KPITrend(context.Background(), app.System, "NL01", "", "")
		if err != nil || len(pts) == 0 {
			t.Fatalf("trend after recompute: %d points, %v", len(pts), err)
		}
		dots := value(b, "trend points", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#dso-trend circle.dso")].map(c => c.dataset.value)`))
		// a point per month end with sales, then today's
		var wantDots []string
		for _, p := range pts {
			if p.HasSales {
				wantDots = append(wantDots, p.DSO.String())
			}
		}
		if e.today.AddDays(1).Day() != 1 { // on a month end, today is the last snapshot
			wantDots = append(wantDots, r.DSO.String())
		}
		b.want("trend points", dots, wantDots)

		// by customer: K1's row leads to its open invoices
		b.run("break down by customer", chromedp.SetValue(chromedp.CSS("#f-by"), kpi.DimCustomer))
		b.click("form.filters button[type=submit]")
		b.want("first row", b.text("#breakdown tbody tr:first-child td:first-child a"), "K1")
		b.click("#breakdown tbody tr:first-child td:first-child a")
		b.want("invoices of K1", b.texts("#invoices tbody td.number"), []string{"F1", "F3"})
	})
}

// A breakdown by customer of a large company shows the most overdue rows on
// the page, says how many more there are, and exports them all.
func TestDashboardBreakdownCapped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.importCSV(csvfmt.Entities, "code,name,currency\nNL01,Groothandel B.V.,EUR\n")
		var cs, is strings.Builder
		cs.WriteString("entity,number,name\n")
		is.WriteString("entity,customer_number,number,invoice_date,due_date,currency,amount\n")
		const n = 105
		for k := 1; k <= n; k++ {
			fmt.Fprintf(&cs, "NL01,K%03d,Klant %d\n", k, k)
			// K105 owes most, K001 least
			fmt.Fprintf(&is, "NL01,K%03d,F%03d,%s,%s,EUR,%d.00\n", k, k, e.day(-60), e.day(-30), 100+k)
		}
		e.importCSV(csvfmt.Customers, cs.String())
		e.importCSV(csvfmt.Invoices, is.String())
		e.user("mia", "en", ledger.RoleManager, "NL01")
		c := e.client()
		c.login("mia")
		res := c.get("/dashboard?entity=NL01&by=customer")
		wantStatus(t, "dashboard by customer", res, http.StatusOK)
		page := string(res.body)
		table := page[strings.Index(page, `id="breakdown"`):]
		table = table[:strings.Index(table, "</table>")]
		if got := strings.Count(table, "<tr data-value="); got != 100 {
			t.Errorf("%d rows on the page, want 100", got)
		}
		if !strings.Contains(table, `data-value="K105"`) || strings.Contains(table, `data-value="K005"`) {
			t.Errorf("the page should show the most overdue (K105) and leave out the least (K005)")
		}
		if !strings.Contains(page, `id="rows-left">5 more rows`) {
			t.Errorf("the page does not say 5 more rows are in the exports")
		}
		// the ten customers most overdue, K105 first, each leading to its open invoices
		top := page[strings.Index(page, `id="top-overdue"`):]
		top = top[:strings.Index(top, "</table>")]
		if got := strings.Count(top, `<a href="/invoices?entity=NL01&amp;status=open&amp;customer=`); got != 10 || !strings.Contains(top, ">K105</a>") ||
			strings.Index(top, ">K105<") > strings.Index(top, ">K104<") || strings.Contains(top, ">K095<") {
			t.Errorf("top overdue: %d linked rows, want K105 to K096 linked to their open invoices:\n%s", got, top)
		}
		res = c.get("/dashboard.csv?entity=NL01&by=customer")
		wantStatus(t, "csv", res, http.StatusOK)
		rows, err := csv.NewReader(bytes.NewReader(res.body)).ReadAll()
		if err != nil || len(rows) != 1+1+n { // header, total, every customer
			t.Fatalf("csv: %d rows, err %v; want %d", len(rows), err, 2+n)
		}
	})
}
