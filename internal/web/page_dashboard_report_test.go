package web_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// The dashboard links to the monthly report of the last month ended, which
// comes as the PDF the app renders in the user's language; another
// entity's report or a misspelt month is refused.
func TestDashboardMonthlyReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		e.kpiLedger()
		e.user("jan", "nl", ledger.RoleViewer, "NL01")
		ctx := context.Background()
		// F1 (1000.00, due 40 days ago; 150.00 paid 7 days ago) reaches the
		// friendly reminder 30 days ago and the second reminder 16 days ago:
		// nothing came in the 14 days after the first, 150.00 after the second.
		for _, d := range []int{-30, -16} {
			if _, err := e.svc.RunDunning(ctx, app.System, app.RunOptions{EntityCode: "NL01", Date: e.today.AddDays(d)}); err != nil {
				t.Fatal(err)
			}
		}
		keys, _, err := e.svc.Invoices(ctx, app.System, ledger.InvoiceFilter{Number: "F3"})
		if err != nil || len(keys) != 1 {
			t.Fatalf("F3: %v %v", keys, err)
		}
		if _, err := e.svc.OpenDispute(ctx, app.System, app.NewDispute{CustomerID: keys[0].CustomerID, Reason: "wrong_price",
			Invoices: []app.DisputedInvoice{{InvoiceID: keys[0].ID}}}); err != nil {
			t.Fatal(err)
		}
		c := e.client()
		c.login("jan")
		res := c.get("/dashboard?entity=NL01")
		wantStatus(t, "dashboard", res, http.StatusOK)
		if got := texts(t, res.body, "#dunning-effectiveness tbody td.share"); strings.Join(got, " ") != "0,00 15,00" {
			t.Errorf("dunning shares %q, want 0,00 (level 1) and 15,00 (level 2)", got)
		}
		if got := texts(t, res.body, "#dunning-effectiveness th"); len(got) < 4 || got[3] != "Binnen 14 dagen ontvangen" {
			t.Errorf("dunning table head %q", got)
		}
		for id, want := range map[string]string{"#disputes-resolved": "0", "#disputes-average": "–", "#disputes-p90": "–", "#disputes-open": "1"} {
			if got := texts(t, res.body, id); len(got) != 1 || got[0] != want {
				t.Errorf("%s: %q, want %q", id, got, want)
			}
		}
		month := app.ReportMonth(e.today, e.today)
		link := selectOne(t, res.body, "a#report")
		if href := attr(link, "href"); href != "/dashboard/report.pdf?entity=NL01&month="+month {
			t.Fatalf("report link %q, want the report of %s", href, month)
		}
		if txt := htmlText(link); len(txt) != 1 || txt[0] != "Maandrapport (PDF) "+month {
			t.Errorf("link text %q", txt)
		}
		res = c.get(attr(link, "href"))
		wantStatus(t, "report", res, http.StatusOK)
		want, name, err := e.svc.MonthlyReportPDF(context.Background(), app.System, "NL01", month, "nl")
		if err != nil {
			t.Fatal(err)
		}
		if ct := res.header.Get("Content-Type"); ct != "application/pdf" || !strings.Contains(res.header.Get("Content-Disposition"), name) {
			t.Errorf("headers: %v", res.header)
		}
		if !bytes.Equal(res.body, want) {
			t.Errorf("the report served (%d bytes, %.8q) is not the app's Dutch report (%d bytes)", len(res.body), res.body, len(want))
		}
		wantStatus(t, "another entity", c.get("/dashboard/report.pdf?entity=BE01&month="+month), http.StatusBadRequest)
		wantStatus(t, "misspelt month", c.get("/dashboard/report.pdf?entity=NL01&month=2026-13"), http.StatusBadRequest)
		wantStatus(t, "this month", c.get("/dashboard/report.pdf?entity=NL01&month="+e.today.String()[:7]), http.StatusBadRequest)
	})
}
