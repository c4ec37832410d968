package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// kredoCalc runs `kredo calc ARGS` by calling cmdCalc with an env built as run
// builds it, so the tests do not depend on the command being registered.
func kredoCalc(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{ctx: context.Background(), getenv: func(string) string { return "" },
		stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	err := cmdCalc(e, args)
	return out.String(), errb.String(), err
}

func TestCalcCosts(t *testing.T) {
	out, _, err := kredoCalc(t, "costs", "3.000", "--vat", "21")
	if err != nil {
		t.Fatal(err)
	}
	want := `Collection costs (buitengerechtelijke incassokosten) on EUR 3,000.00
Scale of art. 2 Besluit vergoeding voor buitengerechtelijke incassokosten

  Bracket of the principal     Rate  Part in bracket       Costs
  EUR 0.00 - EUR 2,500.00       15%     EUR 2,500.00  EUR 375.00
  EUR 2,500.00 - EUR 5,000.00   10%       EUR 500.00   EUR 50.00
  Subtotal                                            EUR 425.00
  VAT (art. 2 lid 3)            21%                    EUR 89.25
  Collection costs                                    EUR 514.25

Each bracket is rounded half up to the cent; VAT likewise.
`
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}

	out, _, err = kredoCalc(t, "costs", "2000000")
	if err != nil || !strings.Contains(out, "  above EUR 200,000.00            0.5%  EUR 1,800,000.00   EUR 9,000.00\n") ||
		!strings.Contains(out, "Maximum applies (art. 2 lid 1)                           EUR 6,775.00\n") {
		t.Errorf("maximum: %v\n%s", err, out)
	}
	out, _, err = kredoCalc(t, "costs", "266,67")
	if err != nil || !strings.Contains(out, "Collection costs                                 EUR 40.00") || strings.Contains(out, "Minimum") {
		t.Errorf("266,67: %v\n%s", err, out)
	}
}

func TestCalcCostsConsumer(t *testing.T) {
	out, _, err := kredoCalc(t, "costs", "200", "--consumer")
	if err != nil || !strings.Contains(out, "Minimum applies (art. 2 lid 2)                   EUR 40.00") ||
		!strings.Contains(out, "Consumer (art. 6:96 lid 6 BW)") || !strings.Contains(out, "Give --sent or --received") {
		t.Errorf("%v\n%s", err, out)
	}
	// sent Friday 9 January 2026: received Saturday the 10th; the 14th day,
	// Saturday the 24th, moves to Monday the 26th
	out, _, err = kredoCalc(t, "costs", "--consumer", "200", "--sent", "2026-01-09", "--today", "2026-01-26")
	for _, s := range []string{
		"Letter sent 2026-01-09; assumed received 2026-01-10",
		"14 days: 2026-01-11 up to and including 2026-01-26 (the 14th day is a weekend day or public holiday).",
		"The costs are due from 2026-01-27 if the claim is still unpaid.",
		"On 2026-01-26: not yet due.",
	} {
		if err != nil || !strings.Contains(out, s) {
			t.Errorf("missing %q: %v\n%s", s, err, out)
		}
	}
	out, _, err = kredoCalc(t, "costs", "200", "--consumer", "--received", "2026-03-04", "--today", "2026-03-19")
	if err != nil || !strings.Contains(out, "Letter received 2026-03-04.\n14 days: 2026-03-05 up to and including 2026-03-18.\n") ||
		!strings.Contains(out, "On 2026-03-19: due.") {
		t.Errorf("%v\n%s", err, out)
	}
}

func TestCalcInterest(t *testing.T) {
	out, _, err := kredoCalc(t, "interest", "--kind", "commercial", "--principal", "10.000,00", "--due", "2023-12-31", "--until", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	// 10,000 × 12.5% × 182/365 = 623.29; 10,000 × 12.25% × 184/365 = 617.53 (see internal/law)
	want := `Statutory commercial interest (wettelijke handelsrente, art. 6:119a BW)
Principal EUR 10,000.00, due 2023-12-31; interest from 2024-01-01 up to and including 2024-12-31 (366 days)

  From        To          Days    Rate           Base       Interest
  2024-01-01  2024-06-30   182   12.5%  EUR 10,000.00     EUR 623.29
  2024-07-01  2024-12-31   184  12.25%  EUR 10,000.00     EUR 617.53
  Interest                                              EUR 1,240.82
  Principal + interest                                 EUR 11,240.82

Days counted exactly over 365 (leap years too); each interest year is rounded half up
to the cent once, and the periods show their share of it.
`
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}

	out, _, err = kredoCalc(t, "interest", "--kind", "consumer", "--principal", "1000", "--due", "2024-02-29", "--until", "2025-05-31")
	if err != nil || !strings.Contains(out, "  2025-03-01  EUR 68.38 interest of the year ending 2025-02-28; base from then on EUR 1,068.38\n") ||
		!strings.Contains(out, "Interest                                             EUR 84.54") {
		t.Errorf("compounding: %v\n%s", err, out)
	}
	out, _, err = kredoCalc(t, "interest", "--kind", "commercial", "--principal", "100", "--due", "2025-06-15", "--until", "2025-07-15")
	if err != nil || !strings.Contains(out, "Check: the commercial rate from 2025-07-01 (10.15%) is unverified") {
		t.Errorf("unverified note: %v\n%s", err, out)
	}
	// a period that merely runs through a repeated, unverified row is flagged too
	out, _, err = kredoCalc(t, "interest", "--kind", "consumer", "--principal", "100", "--due", "2025-05-01", "--until", "2025-08-01")
	if err != nil || !strings.Contains(out, "Check: the consumer rate from 2025-07-01 (6%) is unverified") || strings.Contains(out, "2026-01-01") {
		t.Errorf("repeated unverified row: %v\n%s", err, out)
	}
	out, _, err = kredoCalc(t, "interest", "--kind", "consumer", "--principal", "100", "--due", "2026-05-01", "--until", "2026-09-30")
	if err != nil || !strings.Contains(out, "Check: the table has no consumer rate from 2026-07-01 on; its last rate (4%) was used.") ||
		!strings.Contains(out, "Check: the consumer rate from 2026-01-01 (4%) is unverified") || strings.Contains(out, "2025-07-01") {
		t.Errorf("end of table note: %v\n%s", err, out)
	}
}

func TestCalcInterestRatesFile(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "rates.csv", "kind,from,rate\ncommercial,2020-01-01,10\n")
	out, _, err := kredoCalc(t, "interest", "--rates", good, "--kind", "commercial", "--principal", "10000", "--due", "2020-12-31", "--until", "2023-12-31")
	// 10% compounded over three whole years: 1,000 + 1,100 + 1,210
	if err != nil || !strings.Contains(out, "EUR 3,310.00") || strings.Count(out, "interest of the year ending") != 2 {
		t.Errorf("%v\n%s", err, out)
	}
	bad := writeFile(t, dir, "bad.csv", "kind,from,rate\ncommercial,2020-01-01,\"10,5\"\n")
	_, _, err = kredoCalc(t, "interest", "--rates", bad, "--kind", "commercial", "--principal", "10000", "--due", "2020-12-31", "--until", "2023-12-31")
	if err == nil || !strings.Contains(err.Error(), `rates line 2, field rate ("10,5")`) {
		t.Errorf("bad rates: %v", err)
	}
	out, _, err = kredoCalc(t, "rates")
	if err != nil || !strings.HasPrefix(out, "# Kredo's table") || !strings.Contains(out, "commercial,2024-07-01,12.25,") {
		t.Errorf("rates: %v\n%.200s", err, out)
	}
}

func TestCalcUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"costs"},
		{"costs", "1", "2"},
		{"costs", "0.125"},
		{"costs", "-5,00"},
		{"costs", "abc"},
		{"costs", "100", "--vat", "21,5"},
		{"costs", "100", "--sent", "2026-01-01"},
		{"costs", "100", "--consumer", "--sent", "1-1-2026"},
		{"costs", "100", "--consumer", "--sent", "2026-01-05", "--received", "2026-01-01"},
		{"interest", "--kind", "commercial"},
		{"interest", "--kind", "b2b", "--principal", "1", "--due", "2024-01-01", "--until", "2024-02-01"},
		{"interest", "--kind", "commercial", "--principal", "1", "--due", "2024-01-01", "--until", "2024-01-01"},
		{"interest", "--kind", "commercial", "--principal", "1", "--due", "2024-01-01", "--until", "2024-02-01", "extra"},
		{"costs", "--nope", "1"},
	} {
		_, _, err := kredoCalc(t, args...)
		if exitCode(err) != 2 {
			t.Errorf("%q: err %v, exit %d", args, err, exitCode(err))
		}
	}
	_, stderr, err := kredoCalc(t, "-h")
	if err != nil || !strings.Contains(stderr, "Usage: kredo calc costs AMOUNT") {
		t.Errorf("-h: %v %q", err, stderr)
	}
	_, stderr, err = kredoCalc(t, "interest", "-h")
	if err != nil || !strings.Contains(stderr, "Usage: kredo calc") || !strings.Contains(stderr, "-principal") {
		t.Errorf("interest -h: %v %q", err, stderr)
	}
	// before the first rate of the table: not a usage error
	_, _, err = kredoCalc(t, "interest", "--kind", "commercial", "--principal", "1", "--due", "1999-01-01", "--until", "2024-02-01")
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "no commercial rate for 1999-01-02") {
		t.Errorf("early: %v", err)
	}
}

func TestParseEUR(t *testing.T) {
	for in, cents := range map[string]int64{
		"1234.56": 123456, "1.234,56": 123456, "1,234.56": 123456, "1234,56": 123456, "1234,5": 123450,
		"1.234": 123400, "1,234": 123400, "1234": 123400, "1.234.567,89": 123456789, "EUR 12,50": 1250,
		"€ 1.000": 100000, "0,01": 1, "266.67": 26667,
	} {
		m, err := parseEUR(in)
		if err != nil || m != ledger.EUR(cents) {
			t.Errorf("parseEUR(%q) = %v, %v; want %d", in, m, err, cents)
		}
	}
	for _, in := range []string{"", "0", "0.125", "12345.678", "1.23.45", "1,2,3", "-1", "1.2345", "abc"} {
		if m, err := parseEUR(in); err == nil {
			t.Errorf("parseEUR(%q) = %v, want an error", in, m)
		}
	}
	for cents, want := range map[int64]string{0: "EUR 0.00", 5: "EUR 0.05", 123456: "EUR 1,234.56", 100000000: "EUR 1,000,000.00", -123456: "EUR -1,234.56"} {
		if got := eur(ledger.EUR(cents)); got != want {
			t.Errorf("eur(%d) = %q, want %q", cents, got, want)
		}
	}
}

// TestCalcRegistered runs the command through run once main.go lists it.
func TestCalcRegistered(t *testing.T) {
	registered := false
	for _, c := range commands {
		registered = registered || c.name == "calc"
	}
	if !registered {
		t.Skip("calc is not registered in main.go's commands yet")
	}
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"calc", "costs", "1000"}, func(string) string { return "" }, strings.NewReader(""), &out, &errb)
	if err != nil || !strings.Contains(out.String(), "Collection costs                                 EUR 150.00") {
		t.Errorf("%v\n%s", err, out.String())
	}
}
