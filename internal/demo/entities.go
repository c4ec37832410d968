package demo

import (
	"math/rand/v2"
	"strconv"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// entitySpec is one demo administration and how its customers are made.
type entitySpec struct {
	entity   ledger.Entity
	share    int    // permille of all customers
	digit    byte   // first digit of its invoice numbers
	locales  []int  // indices into locales
	weights  []int  // relative share of each locale
	kenmerk  bool   // prints Dutch betalingskenmerken
	ogm      bool   // prints Belgian structured communications
	refShare [3]int // permille of customers with none, RF, local reference
}

// demoEntities returns the three group companies. Registration numbers, VAT
// numbers and IBANs are generated with valid check digits from a fixed seed;
// the IBANs use the made-up bank code KRDO (or 999 in Belgium), so they can
// never be a real account.
func demoEntities() []*entitySpec {
	r := rand.New(rand.NewPCG(2026, 11))
	nlVAT := "NL" + rsin(r) + "B01"
	be := beEnterprise(r)
	return []*entitySpec{
		{
			entity: ledger.Entity{
				Code: "NL01", Name: "Kredo Demo Groothandel B.V.", Currency: "EUR",
				IBANs:       []string{nlIBAN(r, "KRDO"), nlIBAN(r, "KRDO")},
				AddressLine: "Industrieweg 42", PostalCode: "3542 AD", City: "Utrecht", Country: "NL",
				VATNumber: nlVAT, CoCNumber: "9" + digits(r, 7),
				Email: "debiteuren@kredo-demo.example", Phone: "+31 30 0" + digits(r, 2) + " " + digits(r, 4),
				Website: "https://www.kredo-demo.example",
			},
			share: 600, digit: '1', locales: []int{locNL, locDE, locBEnl}, weights: []int{920, 50, 30},
			kenmerk: true, refShare: [3]int{0, 0, 1000},
		},
		{
			entity: ledger.Entity{
				Code: "BE01", Name: "Kredo Demo Groothandel België BV", Currency: "EUR",
				IBANs:       []string{beIBAN(r)},
				AddressLine: "Noorderlaan 118", PostalCode: "2030", City: "Antwerpen", Country: "BE",
				VATNumber: "BE" + be, CoCNumber: be[:4] + "." + be[4:7] + "." + be[7:],
				Email: "debiteuren@kredo-demo-be.example", Phone: "+32 3 0" + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2),
				Website: "https://www.kredo-demo-be.example",
			},
			share: 250, digit: '2', locales: []int{locBEnl, locBEfr, locBXL}, weights: []int{600, 280, 120},
			ogm: true, refShare: [3]int{250, 300, 450},
		},
		{
			entity: ledger.Entity{
				Code: "UK01", Name: "Kredo Demo Wholesale Ltd", Currency: "GBP",
				IBANs:       []string{gbIBAN(r)},
				AddressLine: "Unit 7, Trafford Wharf Road", PostalCode: "M17 1EX", City: "Manchester", Country: "GB",
				VATNumber: gbVAT(r), CoCNumber: "1" + digits(r, 7),
				Email: "creditcontrol@kredo-demo-uk.example", Phone: "+44 161 496 0" + digits(r, 3),
				Website: "https://www.kredo-demo-uk.example",
			},
			share: 150, digit: '3', locales: []int{locGB}, weights: []int{1000},
			refShare: [3]int{600, 400, 0},
		},
	}
}

// digits returns n random decimal digits.
func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// nlIBAN returns a Dutch IBAN whose 10-digit account number also passes the
// old Dutch elfproef (Σ digit × weight 10..1 ≡ 0 mod 11).
func nlIBAN(r *rand.Rand, bank string) string {
	for {
		acct := "0" + digits(r, 8)
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(acct[i]-'0') * (10 - i)
		}
		last := (11 - sum%11) % 11
		if last < 10 {
			return makeIBAN("NL", bank+acct+strconv.Itoa(last))
		}
	}
}

// beIBAN returns a Belgian IBAN: bank code, account, and the national check
// (first ten digits mod 97, 97 when 0).
func beIBAN(r *rand.Rand) string {
	base := "999" + digits(r, 7)
	n, _ := strconv.ParseInt(base, 10, 64)
	c := int(n % 97)
	if c == 0 {
		c = 97
	}
	return makeIBAN("BE", base+twoDigits(c))
}

// gbIBAN returns a UK IBAN: bank code, sort code and account number.
func gbIBAN(r *rand.Rand) string {
	return makeIBAN("GB", "KRDO"+"40"+digits(r, 4)+digits(r, 8))
}

// rsin returns a 9-digit RSIN that passes the elfproef.
func rsin(r *rand.Rand) string {
	for {
		p := string(byte('1'+r.IntN(9))) + digits(r, 7)
		if c := rsinCheck(p); c >= 0 {
			return p + strconv.Itoa(c)
		}
	}
}

// beEnterprise returns a 10-digit Belgian enterprise number (no dots).
func beEnterprise(r *rand.Rand) string {
	p := "0" + string(byte('4'+r.IntN(5))) + digits(r, 6)
	return p + beEnterpriseCheck(p)
}

// gbVAT returns a UK VAT number with valid check digits.
func gbVAT(r *rand.Rand) string {
	p := string(byte('1'+r.IntN(9))) + digits(r, 6)
	return "GB" + p + gbVATCheck(p)
}

// deVAT returns a German VAT number with a valid check digit.
func deVAT(r *rand.Rand) string {
	p := string(byte('1'+r.IntN(9))) + digits(r, 7)
	return "DE" + p + string(deVATCheck(p))
}
