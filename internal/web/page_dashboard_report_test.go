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
		c := e.client()
		c.login("jan")
		res := c.get("/dashboard?entity=NL01")
		wantStatus(t, "dashboard", res, http.StatusOK)
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
