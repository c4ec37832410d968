package csvfmt

import (
	"bytes"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Template returns a CSV file for kind with the canonical header and
// realistic example rows of a Dutch company, as `kredo import --template` prints.
func Template(kind Kind) []byte {
	var b bytes.Buffer
	w := NewWriter(&b, kind)
	switch kind {
	case Entities:
		w.WriteEntity(ledger.Entity{Code: "NL01", Name: "Van Dijk Installatietechniek B.V.", Currency: "EUR",
			IBANs: []string{"NL91ABNA0417164300", "NL69INGB0123456789"}, AddressLine: "Stationsweg 12", PostalCode: "3811 KL",
			City: "Amersfoort", Country: "NL", VATNumber: "NL853746281B01", CoCNumber: "61234567",
			Email: "debiteuren@vandijk-installatie.nl", Phone: "033 123 4567", Website: "https://vandijk-installatie.nl"})
		w.WriteEntity(ledger.Entity{Code: "BE01", Name: "Van Dijk Installatietechniek BV", Currency: "EUR",
			IBANs: []string{"BE68539007547034"}, AddressLine: "Meir 50", PostalCode: "2000", City: "Antwerpen", Country: "BE",
			VATNumber: "BE0123456749", Email: "debiteuren@vandijk-installatie.be"})
	case Customers:
		w.WriteCustomer(ledger.Customer{EntityCode: "NL01", Number: "10023", Name: "Bakkerij De Gouden Korenaar B.V.",
			Kind: ledger.KindB2B, CoCNumber: "34123456", VATNumber: "NL812345678B01", AddressLine: "Kerkstraat 1",
			PostalCode: "1012 AB", City: "Amsterdam", Country: "NL", Email: "administratie@goudenkorenaar.nl",
			Phone: "020 123 4567", Language: "nl", Segment: "Retail", Region: "Noord-Holland", AccountManager: "Sanne Jansen",
			Controller: "pieter", PaymentTerms: 30, CreditLimit: 2500000, Contacts: []ledger.Contact{
				{Name: "Marieke de Boer", Role: ledger.RoleBilling, Email: "m.deboer@goudenkorenaar.nl", Phone: "020 123 4568", Language: "nl"},
				{Name: "Jan Bakker", Role: ledger.RoleDunning, Email: "j.bakker@goudenkorenaar.nl"},
			}})
		w.WriteCustomer(ledger.Customer{EntityCode: "NL01", Number: "10024", Name: "J. de Vries", Kind: ledger.KindConsumer,
			AddressLine: "Dorpsstraat 8", PostalCode: "3731 CE", City: "De Bilt", Country: "NL", Email: "jdevries@example.nl",
			Language: "nl", Segment: "Particulier", Region: "Utrecht", Controller: "pieter", PaymentTerms: 14})
	case Invoices:
		w.WriteInvoice(ledger.Invoice{EntityCode: "NL01", CustomerNumber: "10023", Number: "F2026-00123",
			Kind: ledger.InvoiceKindInvoice, InvoiceDate: ledger.MustDate("2026-03-02"), DueDate: ledger.MustDate("2026-04-01"),
			Currency: "EUR", Amount: 123456, OpenAmount: 123456, PaymentRef: "3000012345678901", ProductGroup: "Onderhoud",
			PONumber: "PO-7781", Description: "Onderhoud koelinstallatie maart"})
		w.WriteInvoice(ledger.Invoice{EntityCode: "NL01", CustomerNumber: "10023", Number: "C2026-00007",
			Kind: ledger.InvoiceKindCreditNote, InvoiceDate: ledger.MustDate("2026-03-10"), DueDate: ledger.MustDate("2026-03-10"),
			Currency: "EUR", Amount: -12100, OpenAmount: -12100, ProductGroup: "Onderhoud", Description: "Creditnota voorrijkosten"})
	case Payments:
		p := ledger.Payment{EntityCode: "NL01", Reference: "BNK-2026-0412", CustomerNumber: "10023",
			Date: ledger.MustDate("2026-04-03"), Currency: "EUR", Amount: 111356, Description: "Betaling F2026-00123 C2026-00007",
			Allocations: []ledger.Allocation{{InvoiceNumber: "F2026-00123", Amount: 123456}, {InvoiceNumber: "C2026-00007", Amount: -12100}}}
		w.WritePayment(p)
		w.WritePayment(ledger.Payment{EntityCode: "NL01", Reference: "BNK-2026-0415", CustomerNumber: "10024",
			Date: ledger.MustDate("2026-04-07"), Currency: "EUR", Amount: 5000, Description: "Termijnbetaling J. de Vries"})
	}
	w.Flush()
	return b.Bytes()
}
