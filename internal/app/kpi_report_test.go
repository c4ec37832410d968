package app_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/kpi"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/pdftext"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// reportText returns the text of a PDF, its pages joined, with runs of
// spaces (no-break ones too) as one space.
func reportText(t *testing.T, b []byte) string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", b)
	}
	pages, err := pdftext.Pages(b)
	if err != nil {
		t.Fatal(err)
	}
	return flatText(strings.Join(pages, "\n"))
}

func flatText(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// The monthly report of March on the worked example of docs/kpi.md shows,
// in English and Dutch, each figure of KPI as of 03-31 beside its label,
// the aging, the DSO at each month end as KPI computes it there, and the
// customer overdue; later bookings do not change it, and the trend from
// the stored snapshots draws the same document as the one from the ledger.
func TestMonthlyReportPDF(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := kpiLedger(t, st)
		r := kpiOf(t, svc, app.System, "NL01", "2026-03-31", kpi.DimCustomer)
		f := r.Total
		trend := []kpi.Figures{kpiOf(t, svc, app.System, "NL01", "2026-01-31", "").Total.Figures,
			kpiOf(t, svc, app.System, "NL01", "2026-02-28", "").Total.Figures, f.Figures}
		top := r.By[0].Rows[0]
		if top.Value != "K1" || top.Aging.Overdue().Amount != 40000 || r.By[0].Rows[1].Aging.Overdue().Amount != 0 {
			t.Fatalf("by customer: %+v", r.By[0].Rows)
		}
		// two entities in scope and none named: say so, and which way out
		if _, _, err := svc.MonthlyReportPDF(ctx, app.System, "", "2026-03", "en"); !errors.Is(err, ledger.ErrInvalid) ||
			!strings.Contains(err.Error(), "2 are in scope: name one") {
			t.Errorf("a report without an entity: %v", err)
		}
		pdfs := map[string][]byte{}
		for _, lang := range []string{"en", "nl"} {
			b, name, err := svc.MonthlyReportPDF(ctx, app.System, "NL01", "2026-03", lang)
			if err != nil {
				t.Fatal(err)
			}
			pdfs[lang] = b
			if name != "kpi-report-NL01-2026-03.pdf" {
				t.Errorf("file name %q", name)
			}
			text := reportText(t, b)
			num := func(v int64, ok bool) string {
				if !ok {
					return "–"
				}
				s := kpi.Days(v).String()
				if lang == "nl" {
					s = strings.Replace(s, ".", ",", 1)
				}
				return s
			}
			money := func(v int64) string { return flatText(comms.FormatMoney(lang, ledger.EUR(v))) }
			l := func(en, nl string) string {
				if lang == "nl" {
					return nl
				}
				return en
			}
			a := f.Aging
			share := func(b kpi.Bucket) string { s, ok := a.Share(b); return num(int64(s), ok) }
			var dsos []string
			for _, tf := range trend {
				dsos = append(dsos, num(int64(tf.DSO), tf.HasSales))
			}
			want := []string{
				l("Monthly receivables report — March 2026", "Maandrapportage debiteuren — maart 2026"),
				l("Month end 31 March 2026", "Maandeinde 31 maart 2026"),
				l("DSO, standard method (days) ", "DSO, standaardmethode (dagen) ") + num(int64(f.DSO), f.HasSales),
				l("DSO, countback method (days) ", "DSO, countback-methode (dagen) ") + num(int64(f.Countback.Days), true),
				l("Best possible DSO (days) ", "Best mogelijke DSO (dagen) ") + num(int64(f.BestDSO), f.HasSales),
				l("Average days delinquent (days) ", "Gemiddelde dagen te laat (ADD) ") + num(int64(f.ADD), f.HasSales),
				l("Collection effectiveness index (%) ", "Incasso-effectiviteit, CEI (%) ") + num(int64(f.CEI), f.HasCEI),
				l("Overdue share (%) ", "Aandeel vervallen (%) ") + num(int64(f.OverdueShare), f.HasOpen),
				l("Disputed share (%) ", "Aandeel betwist (%) ") + num(int64(f.DisputedShare), f.HasOpen),
				l("Receivables ", "Debiteurensaldo ") + money(a.Net()),
				l("Overdue ", "Vervallen ") + money(a.Overdue().Amount),
				l("Credit sales in the window ", "Omzet op rekening in de periode ") + money(f.Sales),
				l("Not due ", "Niet vervallen ") + money(a.Buckets[kpi.NotDue].Amount) + " 1 " + share(kpi.NotDue),
				"1–30 " + money(a.Buckets[kpi.Overdue1].Amount) + " 1 " + share(kpi.Overdue1),
				l("Credits (not in the buckets) ", "Creditposten (buiten de schijven) ") + money(a.Credits.Amount) + " 1",
				l("Receivables, net ", "Debiteurensaldo, netto ") + money(a.Net()) + " 3",
				l("2026-03 ", "03-2026 ") + strings.Repeat("– ", 9) + strings.Join(dsos, " "),
				"K1 Bakkerij Jansen " + money(top.Aging.Overdue().Amount) + " " + money(top.Aging.Net()) + " " + num(int64(top.DSO), top.HasSales),
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s: the report lacks %q:\n%s", lang, w, text)
				}
			}
			if strings.Contains(text, "K2 ") {
				t.Errorf("%s: K2 has nothing overdue at the month end but is listed:\n%s", lang, text)
			}
		}
		// the worked example's figures, by hand (docs/kpi.md), in the report
		if text := reportText(t, pdfs["en"]); !strings.Contains(text, "(days) 60.00") || !strings.Contains(text, "(%) 84.62") {
			t.Errorf("the worked example's DSO 60.00 and CEI 84.62 are not in the report:\n%s", text)
		}

		// A later payment and invoice leave March's report as it was; the
		// snapshots' trend draws the same report as the ledger's.
		mustImport(t, svc, csvfmt.Invoices, "entity,customer_number,number,invoice_date,due_date,currency,amount\nNL01,K1,F5,2026-04-15,2026-05-15,EUR,900.00\n")
		mustImport(t, svc, csvfmt.Payments, "entity,reference,date,currency,amount,customer_number,invoice_number,allocated\nNL01,P4,2026-04-20,EUR,400.00,K1,F2,400.00\n")
		for _, how := range []string{"after April's bookings", "from the snapshots"} {
			if how == "from the snapshots" {
				if _, err := svc.RecomputeSnapshots(ctx, app.System, "NL01", ledger.Date{}, app.KPITrendMonths); err != nil {
					t.Fatal(err)
				}
			}
			b, _, err := svc.MonthlyReportPDF(ctx, app.System, "NL01", "2026-03", "en")
			if err != nil || !bytes.Equal(b, pdfs["en"]) {
				t.Errorf("%s: the report changed (%v):\n%s\nwas\n%s", how, err, reportText(t, b), reportText(t, pdfs["en"]))
			}
		}

		// a month not ended, a month misspelt, an entity not granted
		if _, _, err := svc.MonthlyReportPDF(ctx, app.System, "NL01", "2026-04", "en"); !errors.Is(err, ledger.ErrInvalid) {
			t.Errorf("April on 04-30 09:00 has not ended: %v", err)
		}
		if _, _, err := svc.MonthlyReportPDF(ctx, app.System, "NL01", "2026-3", "en"); !errors.Is(err, ledger.ErrInvalid) || !strings.Contains(err.Error(), "YYYY-MM") {
			t.Errorf("month 2026-3: %v", err)
		}
		viewer := ledger.User{Username: "v", Role: ledger.RoleViewer, EntityIDs: []int64{entityID(t, st, "BE01")}}
		if _, _, err := svc.MonthlyReportPDF(ctx, viewer, "NL01", "2026-03", "en"); !errors.Is(err, ledger.ErrNotFound) {
			t.Errorf("viewer of BE01 asks for NL01's report: %v, want not found", err)
		}
		if b, _, err := svc.MonthlyReportPDF(ctx, viewer, "BE01", "2026-03", "nl"); err != nil || !strings.Contains(reportText(t, b), "Handel BV") {
			t.Errorf("viewer of BE01: %v", err)
		}
	})
}

// The dashboard offers the report of the last month ended by its date and
// before today.
func TestReportMonth(t *testing.T) {
	for _, c := range []struct{ asOf, today, want string }{
		{"2026-04-30", "2026-04-30", "2026-03"}, // April ends tonight
		{"2026-04-30", "2026-05-01", "2026-04"},
		{"2026-03-31", "2026-04-30", "2026-03"},
		{"2026-03-15", "2026-04-30", "2026-02"},
		{"2026-01-10", "2026-01-10", "2025-12"},
	} {
		if got := app.ReportMonth(ledger.MustDate(c.asOf), ledger.MustDate(c.today)); got != c.want {
			t.Errorf("ReportMonth(%s, %s) = %s, want %s", c.asOf, c.today, got, c.want)
		}
	}
}
