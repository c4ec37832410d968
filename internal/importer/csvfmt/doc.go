// Package csvfmt defines Kredo's CSV formats for entities, customers,
// invoices and payments: the columns, format detection, parsing rows into
// ledger values with precise row errors, writing, and templates. Files
// exported by Kredo import unchanged. The package streams: it reads only the
// io.Reader it is given, keeps a bounded prefix for detection, and does no
// other I/O.
//
// # Files
//
// The first line is a header with column names. Names match the canonical
// names below or an alias (Dutch and English, see Columns and Markdown),
// ignoring case, spaces, underscores, dashes and dots: "Factuur-datum",
// "factuurdatum" and "invoice_date" are the same column. Columns may come in
// any order; optional columns may be left out. An unknown column, a column
// given twice, or a missing required column rejects the file (an error on
// row 1). A column with an empty header is ignored as long as its values are
// empty, so the trailing ";" Excel sometimes adds is harmless.
//
// Every row must have as many fields as the header ("expected N fields, got
// M" otherwise). Values with the delimiter, quotes or line breaks are quoted
// as usual in CSV ("Jansen ""De Bakker"", B.V."). Blank lines and rows with
// only empty fields are skipped. Values are trimmed. Row numbers in errors are
// the line on which the record starts, the header being line 1.
//
// # Detection
//
// Only the first 64 KiB (SampleSize) are examined; Options can force each choice.
//
//   - Encoding: a UTF-8 byte order mark means UTF-8; otherwise the sample is
//     UTF-8 if it is valid UTF-8, else Windows-1252 (Dutch Excel's "CSV
//     (puntkomma gescheiden)"). A later row that is not valid UTF-8 is a row
//     error. UTF-16 files are refused with advice to save as CSV UTF-8.
//   - Delimiter: Excel's optional first line "sep=;" sets it; otherwise the
//     most frequent of ; , tab and | (outside quotes) in the header line, ties
//     resolved in that order.
//   - Decimal separator: the amount columns of the first 100 data rows vote.
//     A value with both . and , uses the last one as decimal separator
//     ("1.234,56"); a separator repeated in a value groups thousands
//     ("1.234.567"); a single separator not followed by exactly three digits
//     is the decimal separator ("12,50", "1234.5"); "1,234" and "1.234" are
//     ambiguous and do not vote (unless more than three digits or a lone 0
//     precede the separator). The majority wins. Without votes a ;-delimited
//     file uses a decimal comma (as European Excel does) and any other file a
//     decimal point. Amounts are exact: more decimals than the currency has
//     (EUR 2, JPY 0, KWD 3) are an error, never rounded. The other character
//     is accepted as thousands separator; negative amounts may be written
//     -12,50, (12,50) or 12,50-.
//
// Dates are ISO (2026-03-31) or day first: 31-03-2026, 31/03/2026,
// 31.03.2026, also 20260331; never month first. Currencies are ISO 4217
// codes, any case. Enumerations are matched ignoring case.
//
// # Entities
//
//   - code (required): short unique key of the entity (administration), e.g. NL01; no spaces.
//   - name (required): legal name.
//   - currency (required): ISO 4217 code of the entity's currency.
//   - ibans: bank accounts separated by spaces or |; spaces inside one IBAN are
//     allowed. Check digits are verified; IBANs are stored without spaces.
//   - address_line, postal_code, city: address.
//   - country: ISO 3166-1 alpha-2 code; common names such as Nederland are accepted.
//   - vat_number: VAT number (btw-nummer).
//   - coc_number: chamber of commerce number (KvK-nummer).
//   - email, phone, website: contact details of the entity.
//
// # Customers
//
//   - entity (required): code of the entity the customer belongs to.
//   - number (required): the ERP's customer (debtor) number, unique per entity.
//   - name (required): customer name.
//   - kind: b2b (default) or consumer; zakelijk, particulier, consument, b2c accepted.
//   - coc_number, vat_number: KvK and btw numbers.
//   - address_line, postal_code, city, country: address, country as for entities.
//   - email: general e-mail address; several may be separated by , or ;.
//   - phone: phone number.
//   - language: nl (default), en, de or fr, for letters and e-mails.
//   - segment, region: free labels for reports and filters.
//   - risk_class: low, medium or high (laag, gemiddeld, hoog); a dunning scheme may be chosen by it.
//   - account_manager: name of the account manager.
//   - controller: username of the assigned credit controller.
//   - parent_number: customer number of the parent (group) in the same entity.
//   - payment_terms: days, default 30 ("30 dagen" is accepted).
//   - currency: the customer's currency; empty means the entity's.
//   - credit_limit: in the customer currency, or with two decimals when
//     currency is empty; empty or 0 means none; not negative.
//   - contacts: the contact persons, encoded in one cell (see below).
//
// Contacts encoding: each contact is name|role|email|phone|language; contacts
// are separated by ";" and trailing empty fields may be left out. A \ before
// a character takes it literally, so write \| \; and \\ inside a value. Role
// is billing, dunning or general (empty: general; facturatie, aanmaning and
// algemeen are accepted); language nl, en, de, fr or empty. Example:
//
//	Marieke de Boer|billing|m.deboer@example.nl|020 123 4568|nl;Jan Bakker|dunning|j.bakker@example.nl
//
// In a ;-delimited file the cell must be quoted; Excel does that itself.
//
// # Invoices
//
//   - entity (required): code of the entity that sent the invoice.
//   - customer_number (required): the debtor's customer number.
//   - number (required): invoice or credit note number.
//   - type: invoice (default) or credit_note; factuur, creditnota, credit accepted.
//   - invoice_date (required): invoice date.
//   - due_date (required): due date; not before the invoice date.
//   - currency (required): ISO 4217 currency of the invoice.
//   - amount (required): total including VAT. A credit note may be written
//     positive or negative and is always read as negative (its open amount
//     too); an invoice may be negative (a correction invoice).
//   - open_amount: amount still open, same sign as amount and not larger in
//     absolute value. Empty means not given: the invoice is read as fully open
//     and InvoiceRow.OpenGiven is false, so an import may keep a known open amount.
//   - payment_reference: structured payment reference (betalingskenmerk) or RF reference.
//   - product_group: free label.
//   - po_number: the customer's purchase order number.
//   - description: free text.
//
// # Payments
//
//   - entity (required): code of the entity that received the payment.
//   - reference (required): unique reference of the payment, per entity.
//   - date (required): payment date.
//   - currency (required): ISO 4217 currency of the payment.
//   - amount (required): total of the payment, negative for a refund.
//   - customer_number: the payer's customer number, if known.
//   - description: free text, e.g. the bank statement line.
//   - invoice_number: invoice or credit note this row allocates to; empty for no allocation.
//   - allocated: the part of the payment allocated to invoice_number, in the
//     payment currency; may be negative (a credit note set off). Empty with an
//     invoice number allocates the whole payment amount.
//
// A payment allocated to several invoices takes one row per invoice, with the
// same entity and reference and the same date, currency, amount and customer
// on each row, on adjacent rows; the importer assembles them and checks that
// the allocations do not exceed the amount. Exports write a payment without
// allocations as one row with empty invoice_number and allocated.
//
// # Exports
//
// Writer writes UTF-8 without BOM, delimiter ",", decimal point, ISO dates
// and all columns in the order above. Text starting with = + - @ (which a
// spreadsheet would run as a formula) is written with a leading ' that
// Reader removes again, so export and import round-trip.
package csvfmt

import (
	"fmt"
	"strings"
)

// Markdown returns a Markdown reference of every kind and column, generated from Columns.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# CSV formats\n\nRequired columns must be present and have a value on every row. " +
		"Header names are matched ignoring case, spaces, underscores and dashes; aliases are accepted too.\n")
	for _, k := range Kinds() {
		fmt.Fprintf(&b, "\n## %s\n\n| Column | Required | Description | Aliases |\n|---|---|---|---|\n", k)
		for _, c := range Columns(k) {
			req := ""
			if c.Required {
				req = "yes"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Name, req, mdEscape(c.Description), mdEscape(strings.Join(c.Aliases, ", ")))
		}
		fmt.Fprintf(&b, "\nExample (`kredo import --template %s`):\n\n```csv\n%s```\n", k, Template(k))
	}
	b.WriteString("\n## Contacts encoding\n\nThe `contacts` column of customers holds `name|role|email|phone|language` " +
		"per contact, contacts separated by `;`, trailing empty fields left out. Write `\\|`, `\\;` and `\\\\` " +
		"for those characters inside a value. Role is `billing`, `dunning` or `general` (default).\n")
	return b.String()
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
