package bank

import "strings"

// NormalizeIBAN returns s upper-cased without spaces when it has the shape of
// an IBAN (country and length), and "" otherwise. It does not verify the
// check digits: sample and anonymised files carry IBANs that fail them, and
// the bank has checked them.
func NormalizeIBAN(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if !LooksLikeIBAN(s) {
		return ""
	}
	return s
}

// ibanLengths is the length of the IBAN of each country that has one
// (SWIFT's IBAN registry).
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
	"BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
	"DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
	"GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
	"IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
	"LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
	"MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
	"PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
	"SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

// LooksLikeIBAN reports whether s (upper case, no spaces) has the shape of an
// IBAN: the code of a country that has IBANs, two check digits, and letters
// and digits up to that country's IBAN length.
func LooksLikeIBAN(s string) bool {
	if len(s) < 15 || len(s) > 34 || ibanLengths[s[:2]] != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case i < 2:
			if c < 'A' || c > 'Z' {
				return false
			}
		case i < 4:
			if c < '0' || c > '9' {
				return false
			}
		default:
			if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// ValidIBAN reports whether s has the shape of an IBAN and its ISO 7064
// mod-97 check digits are right.
func ValidIBAN(s string) bool {
	s = NormalizeIBAN(s)
	if s == "" {
		return false
	}
	return Mod97(s[4:]+s[:4]) == 1
}

// LooksLikeBIC reports whether s has the shape of a BIC: four letters (bank),
// two letters (country), two letters or digits (location) and an optional
// three-character branch.
func LooksLikeBIC(s string) bool {
	if len(s) != 8 && len(s) != 11 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'A' && c <= 'Z'
		digit := c >= '0' && c <= '9'
		if i < 6 && !letter || i >= 6 && !letter && !digit {
			return false
		}
	}
	return true
}
