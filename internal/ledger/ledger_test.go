package ledger

import (
	"errors"
	"math"
	"testing"
)

func TestParseAmount(t *testing.T) {
	cases := []struct {
		in   string
		cur  string
		dec  DecimalSeparator
		want int64
		bad  bool
	}{
		{"1234.56", "EUR", DecimalPoint, 123456, false},
		{"1,234.56", "EUR", DecimalPoint, 123456, false},
		{"1.234,56", "EUR", DecimalComma, 123456, false},
		{"12,5", "EUR", DecimalComma, 1250, false},
		{"-0,01", "EUR", DecimalComma, -1, false},
		{"123,45-", "EUR", DecimalComma, -12345, false}, // trailing minus, as some ERPs write it
		{"(10.00)", "EUR", DecimalPoint, -1000, false},
		{"1 234,56", "EUR", DecimalComma, 123456, false},
		{"1500", "JPY", DecimalPoint, 1500, false},
		{"1.500", "KWD", DecimalPoint, 1500, false},
		{"1.10", "JPY", DecimalPoint, 0, true},     // yen have no decimals
		{"1.001", "EUR", DecimalPoint, 0, true},    // money is exact: never rounded
		{"1.000", "EUR", DecimalPoint, 100, false}, // zeros beyond the cents are fine
		{"1,23", "EUR", DecimalPoint, 0, true},     // a comma group needs three digits
		{"1.2.3", "EUR", DecimalPoint, 0, true},
		{"", "EUR", DecimalPoint, 0, true},
		{"abc", "EUR", DecimalPoint, 0, true},
		{"99999999999999999999", "EUR", DecimalPoint, 0, true},
	}
	for _, c := range cases {
		got, err := ParseAmount(c.in, c.cur, c.dec)
		if c.bad {
			if err == nil {
				t.Errorf("ParseAmount(%q, %s) = %d, want an error", c.in, c.cur, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseAmount(%q, %s) = %d, %v; want %d", c.in, c.cur, got, err, c.want)
		}
	}
}

func TestFormatAmount(t *testing.T) {
	cases := []struct {
		v    int64
		cur  string
		want string
	}{{123456, "EUR", "1234.56"}, {-5, "EUR", "-0.05"}, {0, "EUR", "0.00"}, {1500, "JPY", "1500"}, {1500, "KWD", "1.500"}}
	for _, c := range cases {
		if got := FormatAmount(c.v, c.cur); got != c.want {
			t.Errorf("FormatAmount(%d, %s) = %q, want %q", c.v, c.cur, got, c.want)
		}
		back, err := ParseAmount(FormatAmount(c.v, c.cur), c.cur, DecimalPoint)
		if err != nil || back != c.v {
			t.Errorf("round trip of %d %s: %d, %v", c.v, c.cur, back, err)
		}
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[string]string{"2026-11-22": "2026-11-22", "22-11-2026": "2026-11-22", "2/3/2026": "2026-03-02",
		"22.11.2026": "2026-11-22", "20261122": "2026-11-22", "2026-11-22T10:00:00": "2026-11-22"} {
		d, err := ParseDateFlexible(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDateFlexible(%q) = %s, %v; want %s", in, d, err, want)
		}
	}
	for _, bad := range []string{"31-02-2026", "2026-13-01", "11/22/2026", ""} {
		if _, err := ParseDateFlexible(bad); err == nil {
			t.Errorf("ParseDateFlexible(%q) accepted", bad)
		}
	}
	a, b := MustDate("2024-02-28"), MustDate("2024-03-01")
	if a.DaysUntil(b) != 2 || b.DaysUntil(a) != -2 || a.AddDays(2) != b || !a.Before(b) {
		t.Error("date arithmetic over a leap day")
	}
	inv := Invoice{DueDate: MustDate("2026-11-01")}
	if inv.DaysOverdue(MustDate("2026-11-22")) != 21 || inv.DaysOverdue(MustDate("2026-10-01")) != 0 {
		t.Error("days overdue")
	}
}

func TestScopeAndErrors(t *testing.T) {
	s := Scope{EntityIDs: []int64{2, 5}}
	if !s.Allows(5) || s.Allows(3) || !(Scope{All: true}).Allows(3) || (Scope{}).Allows(1) {
		t.Error("scope")
	}
	err := Errorf(ErrInvalid, "bad %s", "thing")
	if !errors.Is(err, ErrInvalid) || UserMessage(err) != "bad thing" {
		t.Errorf("user error %v", err)
	}
	if UserMessage(errors.New("pq: secret internals")) != "internal error" {
		t.Error("internal error text leaks to users")
	}
}

func TestMulDivRound(t *testing.T) {
	for _, c := range []struct {
		a, b, c, want int64
		ok            bool
	}{
		{1, 1, 2, 1, true},                         // 0.5 -> 1 (half up)
		{-1, 1, 2, -1, true},                       // -0.5 -> -1 (half away from zero)
		{1, -1, -2, 1, true},                       // signs cancel
		{5, 1, 4, 1, true},                         // 1.25 -> 1
		{7, 1, 4, 2, true},                         // 1.75 -> 2
		{-7, 1, 4, -2, true},                       // -1.75 -> -2
		{3, 1, 2, 2, true},                         // 1.5 -> 2
		{0, 5, -3, 0, true},                        // zero stays zero
		{1, 1, 0, 0, false},                        // division by zero
		{math.MaxInt64, 2, 2, math.MaxInt64, true}, // 128-bit intermediate
		{math.MaxInt64, 2, 1, 0, false},            // does not fit
		{math.MinInt64, 1, 1, math.MinInt64, true}, // the one negative without a positive twin
		{math.MaxInt64, math.MaxInt64, math.MaxInt64, math.MaxInt64, true},
	} {
		got, ok := MulDivRound(c.a, c.b, c.c)
		if got != c.want || ok != c.ok {
			t.Errorf("MulDivRound(%d, %d, %d) = %d, %v; want %d, %v", c.a, c.b, c.c, got, ok, c.want, c.ok)
		}
	}
}
