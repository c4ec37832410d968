package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/store"
	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// kredo kpi prints the worked example of docs/kpi.md (DSO 60.00, countback
// 53.40, CEI 84.62) as CSV, by segment, from files imported with the CLI;
// rates import all or nothing, naming the row and field of a mistake.
func TestKPICommand(t *testing.T) {
	dsn := storetest.DSN(t, storetest.Dialects()[0])
	dir := t.TempDir()
	for _, f := range []struct{ kind, data string }{
		{"entities", "code,name,currency\nNL01,Groothandel B.V.,EUR\n"},
		{"customers", "entity,number,name,segment\nNL01,K1,Bakkerij Jansen,retail\nNL01,K2,Garage Smit,wholesale\n"},
		{"invoices", "entity,customer_number,number,type,invoice_date,due_date,currency,amount\n" +
			"NL01,K1,F1,invoice,2026-01-10,2026-02-09,EUR,1000.00\nNL01,K1,F2,invoice,2026-02-15,2026-03-17,EUR,500.00\n" +
			"NL01,K2,F3,invoice,2026-03-01,2026-03-31,EUR,2000.00\nNL01,K2,C1,credit_note,2026-03-05,2026-03-05,EUR,-200.00\n"},
		{"payments", "entity,reference,date,currency,amount,customer_number,invoice_number,allocated\n" +
			"NL01,P1,2026-02-20,EUR,600.00,K1,F1,600.00\nNL01,P2,2026-03-20,EUR,500.00,K1,F1,400.00\nNL01,P2,2026-03-20,EUR,500.00,K1,F2,100.00\n" +
			"NL01,P3,2026-04-10,EUR,2000.00,K2,F3,2000.00\n"},
	} {
		if out, _, err := kredo(t, dsn, "", "import", f.kind, writeFile(t, dir, f.kind+".csv", f.data)); err != nil {
			t.Fatalf("import %s: %v\n%s", f.kind, err, out)
		}
	}
	out, _, err := kredo(t, dsn, "", "kpi", "--as-of", "2026-03-31", "--by", "segment", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	col := map[string]int{}
	for k, h := range rows[0] {
		col[h] = k
	}
	for _, c := range []struct {
		row        int
		name, want string
	}{
		{1, "dso", "60.00"}, {1, "countback_dso", "53.40"}, {1, "cei", "84.62"}, {1, "receivables", "2200.00"},
		{2, "value", "retail"}, {2, "dso", "24.00"}, {3, "value", "wholesale"}, {3, "dso", "90.00"},
	} {
		if got := rows[c.row][col[c.name]]; got != c.want {
			t.Errorf("row %d %s = %q, want %q", c.row, c.name, got, c.want)
		}
	}
	// The dunning run of 03-25 sends F2 (400.00 open, due 03-17) its first
	// reminder; 200.00 comes in on 04-05: as of 04-30 (levels reached
	// 02-01..04-16 count) level 1 collected 200.00 of 400.00 within 14 days.
	if out, _, err := kredo(t, dsn, "", "run", "--date", "2026-03-25", "--entity", "NL01"); err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	if out, _, err := kredo(t, dsn, "", "import", "payments", writeFile(t, dir, "april.csv",
		"entity,reference,date,currency,amount,customer_number,invoice_number,allocated\nNL01,P4,2026-04-05,EUR,200.00,K1,F2,200.00\n")); err != nil {
		t.Fatalf("import april: %v\n%s", err, out)
	}
	out, _, err = kredo(t, dsn, "", "kpi", "--as-of", "2026-04-30", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var recs []struct {
		Dunning *struct {
			WithinDays  int    `json:"within_days"`
			ReachedFrom string `json:"reached_from"`
			ReachedTo   string `json:"reached_to"`
			Levels      []struct {
				Level, Items      int
				Dunned, Collected int64
				PaidInFull        int         `json:"paid_in_full"`
				Share             json.Number `json:"share"`
			} `json:"levels"`
		} `json:"dunning_effectiveness"`
		Disputes *struct {
			Resolved, Open int
			AverageDays    *json.Number `json:"average_days"`
			P90Days        *json.Number `json:"p90_days"`
		} `json:"dispute_resolution"`
	}
	if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != 1 || recs[0].Dunning == nil || recs[0].Disputes == nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if d := recs[0].Dunning; d.WithinDays != 14 || d.ReachedFrom != "2026-02-01" || d.ReachedTo != "2026-04-16" || len(d.Levels) != 1 ||
		d.Levels[0].Level != 1 || d.Levels[0].Items != 1 || d.Levels[0].Dunned != 40000 || d.Levels[0].Collected != 20000 ||
		d.Levels[0].PaidInFull != 0 || d.Levels[0].Share != "50.00" {
		t.Errorf("dunning effectiveness: %+v", d)
	}
	if d := recs[0].Disputes; d.Resolved != 0 || d.Open != 0 || d.AverageDays != nil || d.P90Days != nil {
		t.Errorf("disputes: %+v, want none", d)
	}
	if out, _, err := kredo(t, dsn, "", "kpi", "--as-of", "2026-04-30"); err != nil || !strings.Contains(out, "NL01 disputes: 0 resolved in the window") {
		t.Errorf("table: %v\n%s", err, out)
	}

	// the monthly report of March, in Dutch: the app's PDF, written to --out
	pdfPath := filepath.Join(dir, "maart.pdf")
	if out, _, err := kredo(t, dsn, "", "kpi", "report", "--entity", "NL01", "--month", "2026-03", "--lang", "nl", "--out", pdfPath); err != nil ||
		!strings.Contains(out, "2026-03") {
		t.Fatalf("kpi report: %v\n%s", err, out)
	}
	st, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want, _, err := app.New(st, nil, nil).MonthlyReportPDF(context.Background(), app.System, "NL01", "2026-03", "nl")
	if got, _ := os.ReadFile(pdfPath); err != nil || !bytes.HasPrefix(got, []byte("%PDF-")) || !bytes.Equal(got, want) {
		t.Errorf("the report file (%d bytes) is not the app's report (%d bytes, %v)", len(got), len(want), err)
	}
	notYet := filepath.Join(dir, "future.pdf")
	if _, _, err := kredo(t, dsn, "", "kpi", "report", "--entity", "NL01", "--month", "2999-01", "--out", notYet); err == nil || !strings.Contains(err.Error(), "has not ended") {
		t.Errorf("a month to come: %v", err)
	}
	if _, err := os.Stat(notYet); !os.IsNotExist(err) {
		t.Errorf("a failed report left a file: %v", err)
	}
	if _, _, err := kredo(t, dsn, "", "kpi", "report", "--entity", "NL01"); err == nil || !strings.Contains(err.Error(), "--out") {
		t.Errorf("without --out: %v", err)
	}

	if _, _, err := kredo(t, dsn, "", "kpi", "--by", "colour"); err == nil || !strings.Contains(err.Error(), "unknown dimension") {
		t.Errorf("unknown dimension: %v", err)
	}
	bad := writeFile(t, dir, "rates.csv", "date,from,to,rate\n2026-01-01,USD,EUR,0.9\n2026-01-02,USD,EUR,zero\n")
	if _, _, err := kredo(t, dsn, "", "kpi", "rates", bad); err == nil || !strings.Contains(err.Error(), "rates.csv: row 3") || !strings.Contains(err.Error(), "rate") {
		t.Errorf("bad rate: %v", err)
	}
	good := writeFile(t, dir, "good.csv", "date,from,to,rate\n2026-01-01,USD,EUR,0.9\n")
	if out, _, err := kredo(t, dsn, "", "kpi", "rates", good); err != nil || !strings.Contains(out, "1 exchange rates imported") {
		t.Errorf("rates: %v %s", err, out)
	}
}
