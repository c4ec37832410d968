package bank

import (
	"strconv"
	"testing"
)

func TestValidKenmerk(t *testing.T) {
	for s, want := range map[string]bool{
		"1000012345678901":  true,  // check digit 1
		"2000012345678901":  false, // wrong check digit
		"0260100000600001":  true,  // check digit 0 (11 -> 0)
		"0123456789012345":  true,
		"1234567":           true, // 7 digits: no check digit
		"12345678":          false,
		"123456789":         true,
		"123456789012345":   true,
		"12345678901234567": false,
		"10000123456789O1":  false,
		"":                  false,
	} {
		if got := ValidKenmerk(s); got != want {
			t.Errorf("ValidKenmerk(%q) = %v", s, got)
		}
	}
	// the check digit becomes 1 when 11 − (sum mod 11) is 10
	for base := 100000000000000; base < 100000000000100; base++ {
		s := strconv.Itoa(base)
		if c := KenmerkCheck(s); c < '0' || c > '9' {
			t.Fatalf("check digit %q for %s", c, s)
		}
	}
}

func TestValidRF(t *testing.T) {
	for s, want := range map[string]bool{
		"RF18539007547034": true,
		"RF72K1000042":     true,
		"RF19539007547034": false,
		"RF18":             false,
		"XX18539007547034": false,
		"RF1853900754703A": false,
	} {
		if got := ValidRF(s); got != want {
			t.Errorf("ValidRF(%q) = %v", s, got)
		}
	}
}
