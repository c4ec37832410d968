package demo

import (
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/bank"
)

// This file holds the check-digit schemes the demo data must satisfy: IBAN
// (ISO 13616, mod 97), the Dutch betalingskenmerk (weighted mod 11), ISO 11649
// RF creditor references (mod 97), the Belgian structured communication (OGM,
// mod 97) and the registration numbers printed on invoices (RSIN elfproef,
// Belgian enterprise number, UK and German VAT numbers). The tests check every
// emitted value: IBANs, betalingskenmerken and RF references with package
// bank's validators (those the statement parsers and the matcher use), the
// others with the validator next to their generator.

// twoDigits formats 0..99 with a leading zero.
func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

// makeIBAN returns the IBAN for a country and its BBAN (basic bank account
// number), with check digits 98 − (BBAN + country + "00" mod 97).
func makeIBAN(country, bban string) string {
	return country + twoDigits(98-bank.Mod97(bban+country+"00")) + bban
}

// betalingskenmerk returns the 16-digit Dutch payment reference for a
// 15-digit number: the check digit comes first, then the number.
func betalingskenmerk(base15 string) string {
	return string(bank.KenmerkCheck(base15)) + base15
}

// makeRF returns the ISO 11649 creditor reference for body (up to 21
// alphanumerics): "RF", check digits 98 − (body + "RF00" mod 97), body.
func makeRF(body string) string {
	return "RF" + twoDigits(98-bank.Mod97(body+"RF00")) + body
}

// makeOGM returns the Belgian structured communication ("gestructureerde
// mededeling") for a 10-digit number: check = number mod 97 (97 when 0),
// written +++ddd/dddd/ddddd+++.
func makeOGM(base10 string) string {
	n, _ := strconv.ParseInt(base10, 10, 64)
	c := int(n % 97)
	if c == 0 {
		c = 97
	}
	d := base10 + twoDigits(c)
	return "+++" + d[:3] + "/" + d[3:7] + "/" + d[7:] + "+++"
}

// validOGM reports whether s is a well-formed Belgian structured communication.
func validOGM(s string) bool {
	if len(s) != 20 || !strings.HasPrefix(s, "+++") || !strings.HasSuffix(s, "+++") || s[6] != '/' || s[11] != '/' {
		return false
	}
	d := s[3:6] + s[7:11] + s[12:17]
	if !isDigits(d) {
		return false
	}
	return makeOGM(d[:10]) == s
}

// rsinCheck returns the ninth digit that makes an 8-digit prefix pass the
// elfproef (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11), or -1 if none exists.
func rsinCheck(prefix8 string) int {
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(prefix8[i]-'0') * (9 - i)
	}
	c := sum % 11
	if c == 10 {
		return -1
	}
	return c
}

// validRSIN reports whether a 9-digit RSIN passes the elfproef.
func validRSIN(s string) bool {
	return len(s) == 9 && isDigits(s) && rsinCheck(s[:8]) == int(s[8]-'0')
}

// beEnterpriseCheck returns the two check digits of a Belgian enterprise
// number: 97 − (first eight digits mod 97).
func beEnterpriseCheck(prefix8 string) string {
	n, _ := strconv.Atoi(prefix8)
	return twoDigits(97 - n%97)
}

// validBEEnterprise reports whether s is a 10-digit enterprise number (dots
// allowed) with valid check digits.
func validBEEnterprise(s string) bool {
	s = strings.ReplaceAll(s, ".", "")
	return len(s) == 10 && isDigits(s) && beEnterpriseCheck(s[:8]) == s[8:]
}

// gbVATCheck returns the two check digits of a UK VAT number: the weighted sum
// 8·d1 + … + 2·d7 plus the check is divisible by 97.
func gbVATCheck(prefix7 string) string {
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(prefix7[i]-'0') * (8 - i)
	}
	return twoDigits((97 - sum%97) % 97)
}

// validGBVAT reports whether s is "GB" and nine digits with valid check digits.
func validGBVAT(s string) bool {
	return len(s) == 11 && strings.HasPrefix(s, "GB") && isDigits(s[2:]) && gbVATCheck(s[2:9]) == s[9:]
}

// deVATCheck returns the check digit of a German USt-IdNr (ISO 7064 MOD 11,10).
func deVATCheck(prefix8 string) byte {
	product := 10
	for i := 0; i < 8; i++ {
		sum := (int(prefix8[i]-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = (2 * sum) % 11
	}
	c := 11 - product
	if c == 10 {
		c = 0
	}
	return byte('0' + c)
}

// validDEVAT reports whether s is "DE" and nine digits with a valid check digit.
func validDEVAT(s string) bool {
	return len(s) == 11 && strings.HasPrefix(s, "DE") && isDigits(s[2:]) && deVATCheck(s[2:10]) == s[10]
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
