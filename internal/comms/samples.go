package comms

import (
	"github.com/kredo-dev/kredo/internal/ledger"
)

// Sample returns a letter with made-up data for previewing a template in
// an editor: a business customer with a contact, three items with
// interest, costs, a portal link and a payment plan.
func Sample(name, language string) Letter {
	return sampleLetters(name, language)[0]
}

// sampleLetters are the letters every text is rendered on before it is
// accepted: one with every field set, one with as little as possible.
func sampleLetters(name, language string) []Letter {
	date := ledger.NewDate(2026, 11, 22)
	entity := ledger.Entity{Code: "NL01", Name: "Voorbeeld Groothandel B.V.", Currency: "EUR",
		IBANs: []string{"NL91ABNA0417164300", "NL20INGB0001234567"}, AddressLine: "Industrieweg 12",
		PostalCode: "3542 AD", City: "Utrecht", Country: "NL", VATNumber: "NL123456789B01", CoCNumber: "12345678",
		Email: "debiteuren@voorbeeld.example", Phone: "+31 30 123 45 67", Website: "www.voorbeeld.example"}
	full := Letter{
		Template: name, Language: language, Entity: entity,
		Customer: ledger.Customer{Number: "10023", Name: "Bakkerij Van der Meer & Zn.", AddressLine: "Dorpsstraat 1",
			PostalCode: "1234 AB", City: "Amersfoort", Country: "NL", Language: language, Kind: ledger.KindB2B},
		Contact: "Anna de Vries", Date: date, Currency: "EUR",
		Lines: []Line{
			{Number: "2026-1001", InvoiceDate: ledger.NewDate(2026, 9, 1), DueDate: ledger.NewDate(2026, 10, 1), DaysOverdue: 52, Amount: 123456, Interest: 1402},
			{Number: "2026-1017", InvoiceDate: ledger.NewDate(2026, 9, 15), DueDate: ledger.NewDate(2026, 10, 15), DaysOverdue: 38, Amount: 45000, Interest: 374},
			{Number: "2026-1105", InvoiceDate: ledger.NewDate(2026, 10, 2), DueDate: ledger.NewDate(2026, 11, 1), DaysOverdue: 21, Amount: 9995, Interest: 46},
		},
		Total: 178451, Interest: 1822, Costs: 26768, AnnouncedCosts: 26768,
		PaymentRef: "1234 5678 9012 3456", PayBy: date.AddDays(payDays(name)), PortalURL: "https://pay.example/p/abc123",
		Agency: "Incassobureau Voorbeeld", Instalments: []Instalment{
			{DueDate: date.AddDays(14), Amount: 70000}, {DueDate: date.AddDays(44), Amount: 70000}, {DueDate: date.AddDays(74), Amount: 67041}},
	}
	bare := Letter{
		Template: name, Language: language,
		Entity:   ledger.Entity{Name: "Voorbeeld B.V.", Currency: "EUR"},
		Customer: ledger.Customer{Number: "7", Name: "J. Jansen", Kind: ledger.KindConsumer},
		Date:     date, Lines: []Line{{Number: "F1", DueDate: date, Amount: 100}}, Total: 100,
		PayBy: date.AddDays(15), Consumer: true,
	}
	return []Letter{full, bare}
}

// payDays is the term a sample letter gives: 15 days for the 14-day
// letter (14 days from the day after receipt), else 7.
func payDays(name string) int {
	if name == FourteenDay {
		return 15
	}
	return 7
}
