package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/store/storetest"
)

// exportSTA is an MT940 statement of NL91ABNA0417164300: opening 100.00,
// an invoice paid, bank costs, closing 1,087.50.
const exportSTA = "{1:F01INGBNL2ABXXX0000000000}{2:I940INGBNL2AXXXN}{4:\r\n" +
	":20:EXP1\r\n:25:NL91ABNA0417164300EUR\r\n:28C:00042\r\n:60F:C261004EUR100,00\r\n" +
	":61:2610051005C1000,00NTRFNONREF//X-1\r\n:86:/EREF/E2E-9//CNTP/NL20INGB0001234567/INGBNL2A/BAKKERIJ JANSEN///REMI/USTD//Factuur F-2026-101/\r\n" +
	":61:2610051005D12,50NMSCNONREF//X-2\r\n:86:/REMI/USTD//Kosten/\r\n" +
	":62F:C261005EUR1087,50\r\n-}\r\n"

// TestExportStatements imports a statement through the command line and
// exports it as JSON and CSV: account, number, balances and each entry's
// signed amount, references, counterparty, text and match state.
func TestExportStatements(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			dsn := storetest.DSN(t, d)
			dir := t.TempDir()
			for _, f := range [][2]string{
				{"entities", "code,name,currency,ibans\nNL01,Groothandel BV,EUR,NL91ABNA0417164300\n"},
				{"customers", "entity,number,name\nNL01,K1,Bakkerij Jansen\n"},
				{"invoices", "entity,customer_number,number,invoice_date,due_date,currency,amount\nNL01,K1,F-2026-101,2026-09-01,2026-10-01,EUR,1000.00\n"},
			} {
				if out, _, err := kredo(t, dsn, "", "import", f[0], writeFile(t, dir, f[0]+".csv", f[1])); err != nil || strings.Contains(out, "NOT imported") {
					t.Fatalf("import %s: %v\n%s", f[0], err, out)
				}
			}
			if out, _, err := kredo(t, dsn, "", "import", "statement", writeFile(t, dir, "ing.sta", exportSTA)); err != nil {
				t.Fatalf("import statement: %v\n%s", err, out)
			}

			js, _, err := kredo(t, dsn, "", "export", "statements", "--format", "json")
			if err != nil {
				t.Fatal(err)
			}
			var sts []statementJSON
			if err := json.Unmarshal([]byte(js), &sts); err != nil {
				t.Fatalf("json: %v\n%s", err, js)
			}
			if len(sts) != 1 {
				t.Fatalf("statements %+v", sts)
			}
			s := sts[0]
			if s.Entity != "NL01" || s.Account != "NL91ABNA0417164300" || s.Number != "00042" || s.OpeningBalance != "100.00" ||
				s.ClosingBalance != "1087.50" || s.OpeningDate != "2026-10-04" || s.ClosingDate != "2026-10-05" || len(s.Entries) != 2 {
				t.Fatalf("statement %+v", s)
			}
			in, out := s.Entries[0], s.Entries[1]
			if in.Amount != "1000.00" || in.BankReference != "X-1" || in.EndToEndID != "E2E-9" || in.CounterpartyIBAN != "NL20INGB0001234567" ||
				in.Remittance != "Factuur F-2026-101" || in.MatchState != "auto" || in.Kind != "incoming" || in.BookingDate != "2026-10-05" {
				t.Errorf("incoming entry %+v", in)
			}
			if out.Amount != "-12.50" || out.Kind != "outgoing" || out.MatchState != "ignored" {
				t.Errorf("outgoing entry %+v", out)
			}

			c, _, err := kredo(t, dsn, "", "export", "statements", "--format", "csv", "--entity", "NL01")
			if err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(strings.NewReader(c)).ReadAll()
			if err != nil || len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(statementColumns, ",") {
				t.Fatalf("csv: %v\n%s", err, c)
			}
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			if r := rows[2]; r[col["amount"]] != "-12.50" || r[col["number"]] != "00042" || r[col["match_state"]] != "ignored" {
				t.Errorf("csv row %v", r)
			}
			if _, _, err := kredo(t, dsn, "", "export", "statements", "--format", "xml"); err == nil {
				t.Error("--format xml accepted")
			}
		})
	}
}
