package law

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestShippedRates checks the embedded table against the values the research
// confirmed (sources in rates_nl.csv) and that it covers 2002 to 2026.
func TestShippedRates(t *testing.T) {
	tab := NL().Rates
	for _, c := range []struct {
		kind Kind
		day  string
		bp   int64
	}{
		{Consumer, "2002-06-01", 700},
		{Consumer, "2003-08-01", 500},
		{Consumer, "2004-02-01", 400},
		{Consumer, "2008-01-01", 600},
		{Consumer, "2009-07-01", 400},
		{Consumer, "2010-06-30", 300},
		{Consumer, "2011-07-01", 400},
		{Consumer, "2012-07-01", 300},
		{Consumer, "2014-12-31", 300},
		{Consumer, "2015-01-01", 200}, // Stb. 2014, 491: 2% from 1 January (not 1 July) 2015
		{Consumer, "2022-12-31", 200},
		{Consumer, "2023-01-01", 400},
		{Consumer, "2023-07-01", 600},
		{Consumer, "2024-01-01", 700},
		{Consumer, "2024-12-31", 700},
		{Consumer, "2025-01-01", 600},
		{Consumer, "2026-01-01", 400},
		{Commercial, "2002-12-01", 1035},
		{Commercial, "2008-01-01", 1120},
		{Commercial, "2011-07-01", 825},
		{Commercial, "2013-01-01", 775},
		{Commercial, "2014-07-01", 815},
		{Commercial, "2015-01-01", 805},
		{Commercial, "2020-05-05", 800},
		{Commercial, "2023-01-01", 1050}, // 10.5%, not 10%: ECB 2.50% + 8
		{Commercial, "2023-07-01", 1200},
		{Commercial, "2024-01-01", 1250},
		{Commercial, "2024-07-01", 1225},
		{Commercial, "2025-01-01", 1115},
		{Commercial, "2025-07-01", 1015},
		{Commercial, "2026-12-31", 1015},
	} {
		r, ok := tab.At(c.kind, d(c.day))
		if !ok || r.RateBP != c.bp {
			t.Errorf("%s on %s: %v %d bp, want %d", c.kind, c.day, ok, r.RateBP, c.bp)
		}
	}
	for _, r := range tab.Rows(0) {
		if r.Source == "" || r.Status == "" {
			t.Errorf("%s %s has no source or status", r.Kind, r.From)
		}
	}
	if _, ok := tab.At(Commercial, d("2002-08-07")); ok {
		t.Error("commercial rate before 2002-08-08")
	}
	if len(tab.Rows(Consumer)) == 0 || len(tab.Rows(Commercial)) == 0 {
		t.Error("a kind is missing")
	}
}

func TestLoadRatesErrors(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		{"", "rates line 1: the file is empty"},
		{"kind,from\n", "rates line 1, field rate: missing column"},
		{"kind,from,rate,note\n", "rates line 1, field note: unknown column"},
		{"kind,from,rate,rate\n", "rates line 1, field rate: column appears twice"},
		{"kind,from,rate\n", "rates line 1: the file has no rates"},
		{"# comment\nkind,from,rate\nconsumer,2024-01-01,7\nbusiness,2024-01-01,7\n", `rates line 4, field kind ("business"): want consumer or commercial`},
		{"kind,from,rate\nconsumer,01-01-2024,7\n", `rates line 2, field from ("01-01-2024"): want a date YYYY-MM-DD`},
		{"kind,from,rate\ncommercial,2024-01-01,\"12,5\"\n", `rates line 2, field rate ("12,5"): want a percentage such as 10.15 (decimal point, no sign)`},
		{"kind,from,rate\ncommercial,2024-01-01,12.125\n", `rates line 2, field rate ("12.125"): at most two decimals`},
		{"kind,from,rate\ncommercial,2024-01-01,-1\n", `field rate ("-1")`},
		{"kind,from,rate\ncommercial,2024-01-01,101\n", "more than 100% a year"},
		{"kind,from,rate,status\ncommercial,2024-01-01,12,maybe\n", `field status ("maybe")`},
		{"kind,from,rate\ncommercial,2024-01-01,12\ncommercial,2024-07-01\n", "rates line 3: 2 fields, the header has 3"},
		{"kind,from,rate\ncommercial,2024-07-01,12\nconsumer,2020-01-01,2\ncommercial,2024-01-01,12\n",
			`rates line 4, field from ("2024-01-01"): not after the previous commercial row's date 2024-07-01`},
		{"kind,from,rate\ncommercial,2024-07-01,12\ncommercial,2024-07-01,13\n", "rates line 3, field from"},
		{"kind,from,rate\ncommercial,2024-07-01,\"12\n", "rates line 2"},
	} {
		_, err := LoadRates(strings.NewReader(c.file))
		var re *RateError
		if err == nil || !strings.Contains(err.Error(), c.want) || (!errors.As(err, &re) && c.want != "") {
			t.Errorf("%q: err %v, want %q", c.file, err, c.want)
		}
	}
}

func TestLoadRatesFormat(t *testing.T) {
	tab, err := LoadRates(strings.NewReader("\ufeffKind, From, Rate, Source\n# a comment\ncommercial,2030-01-01,9.5%,\"mine, edited\"\nconsumer,2030-01-01,3,\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, ok := tab.At(Commercial, d("2031-05-05"))
	if !ok || r.RateBP != 950 || r.Source != "mine, edited" || r.Status != "" {
		t.Errorf("row %+v", r)
	}
	merged := NL().Rates.Merge(tab)
	if r, _ := merged.At(Commercial, d("2030-02-01")); r.RateBP != 950 {
		t.Errorf("merged 2030: %+v", r)
	}
	if r, _ := merged.At(Commercial, d("2024-02-01")); r.RateBP != 1250 {
		t.Errorf("merged 2024: %+v", r)
	}
	// the shipped file loads as the operator would load a copy
	if _, err := LoadRates(bytes.NewReader(RatesNLCSV())); err != nil {
		t.Fatal(err)
	}
}

func TestPercent(t *testing.T) {
	for in, bp := range map[string]int64{"10.15": 1015, "7": 700, "0.5": 50, "12.50": 1250, "8.00%": 800, "9.100": 910, "0": 0} {
		if got, err := ParsePercent(in); err != nil || got != bp {
			t.Errorf("ParsePercent(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "1,5", "-2", "1.", ".5", "abc", "1.234", "10000000"} {
		if _, err := ParsePercent(in); err == nil {
			t.Errorf("ParsePercent(%q) accepted", in)
		}
	}
	for bp, want := range map[int64]string{1015: "10.15%", 700: "7%", 50: "0.5%", 1250: "12.5%", 0: "0%"} {
		if got := FormatPercent(bp); got != want {
			t.Errorf("FormatPercent(%d) = %q", bp, got)
		}
	}
}
