package bank

// This file holds the check digits of the structured payment references:
// the Dutch betalingskenmerk (weighted mod 11) and the ISO 11649 RF creditor
// reference (ISO 7064 mod 97, as IBANs use it). The parsers, the matcher and
// the demo (which must write references the matcher accepts) share them.

// Mod97 returns s mod 97, reading digits as digits and the letters A-Z as
// the two-digit numbers 10-35 (ISO 7064 as IBANs and RF references use it),
// or -1 when s holds anything else.
func Mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			r = (r*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			r = (r*100 + int(c-'A') + 10) % 97
		default:
			return -1
		}
	}
	return r
}

// weights11 are the betalingskenmerk weights, applied from the rightmost digit
// leftwards and repeated for longer numbers.
var weights11 = [10]int{2, 4, 8, 5, 10, 9, 7, 3, 6, 1}

// KenmerkCheck returns the check digit of a betalingskenmerk over the digits
// that follow it: 11 − (Σ digit × weight mod 11), where 10 becomes 1 and 11
// becomes 0 (Betaalvereniging Nederland).
func KenmerkCheck(digits string) byte {
	sum := 0
	for i := 0; i < len(digits); i++ {
		sum += int(digits[len(digits)-1-i]-'0') * weights11[i%10]
	}
	c := 11 - sum%11
	switch c {
	case 10:
		c = 1
	case 11:
		c = 0
	}
	return byte('0' + c)
}

// ValidKenmerk reports whether s (digits only) is a well-formed Dutch
// betalingskenmerk: 16 digits whose first is the check digit of the other
// fifteen, or 7 or 9 to 15 digits (these carry no check digit).
func ValidKenmerk(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	switch n := len(s); {
	case n == 16:
		return KenmerkCheck(s[1:]) == s[0]
	case n == 7, n >= 9 && n <= 15:
		return true
	}
	return false
}

// ValidRF reports whether s (upper case, no spaces) is an ISO 11649 creditor
// reference: "RF", two check digits and 1 to 21 letters and digits, with the
// rearranged string mod 97 equal to 1.
func ValidRF(s string) bool {
	if len(s) < 5 || len(s) > 25 || s[0] != 'R' || s[1] != 'F' || s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9' {
		return false
	}
	return Mod97(s[4:]+s[:4]) == 1
}
