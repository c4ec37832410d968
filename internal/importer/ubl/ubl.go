// Package ubl reads UBL 2.1 e-invoices (Invoice and CreditNote, as sent over
// Peppol: Peppol BIS Billing 3.0, the Dutch SI-UBL 2.0 / NLCIUS, plain EN
// 16931) into plain Go values, bare or inside an SBDH envelope.
//
// It reads what credit management needs from the document header: number,
// dates, currency, totals, payment reference and the two parties. Invoice
// lines are skipped. Amounts are exact (ledger.ParseAmount); a credit note is
// returned with negative amounts, as the ledger stores it.
package ubl

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// XML namespaces of the documents Parse accepts.
const (
	NSInvoice    = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"                   // UBL Invoice
	NSCreditNote = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"                // UBL CreditNote
	NSCAC        = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" // cac: prefix
	NSCBC        = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"     // cbc: prefix
	NSSBDH       = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"    // SBDH envelope
)

// MaxFileSize is the largest input Parse reads (embedded PDFs make real
// invoices large, but never this large).
const MaxFileSize = 100 << 20

// Pseudo field names used in a ValidationError about the file as a whole.
const (
	FieldXML  = "XML"  // empty, malformed or oversized input
	FieldRoot = "root" // the document element is not a UBL Invoice or CreditNote
)

// Document is one parsed UBL Invoice or CreditNote.
type Document struct {
	Kind            string      // ledger.InvoiceKindInvoice or ledger.InvoiceKindCreditNote
	TypeCode        string      // InvoiceTypeCode or CreditNoteTypeCode (380, 381, ...)
	Profile         string      // CustomizationID (Peppol BIS 3 / SI-UBL 2.0 / ...)
	Process         string      // ProfileID (the Peppol business process)
	Number          string      // cbc:ID
	IssueDate       ledger.Date // cbc:IssueDate
	DueDate         ledger.Date // cbc:DueDate, or PaymentMeans/PaymentDueDate, or PaymentTerms/PaymentDueDate; zero if none
	Currency        string      // DocumentCurrencyCode
	Payable         int64       // LegalMonetaryTotal/PayableAmount in minor units; negative for a credit note
	TaxInclusive    int64       // LegalMonetaryTotal/TaxInclusiveAmount, same sign convention as Payable
	PaymentRef      string      // first PaymentMeans/PaymentID (structured reference / betalingskenmerk), trimmed
	PONumber        string      // OrderReference/ID; empty when Peppol's "NA" (no purchase order) is given
	SalesOrderID    string      // OrderReference/SalesOrderID
	Note            string      // first cbc:Note, trimmed, may be empty
	BuyerReference  string      // cbc:BuyerReference
	BillingRefs     []string    // BillingReference/InvoiceDocumentReference/ID: the invoices a credit note corrects
	Seller          Party       // AccountingSupplierParty/Party
	Buyer           Party       // AccountingCustomerParty/Party
	PayeeIBANs      []string    // PaymentMeans/PayeeFinancialAccount/ID, upper case without spaces, no duplicates
	PaymentTermNote string      // first PaymentTerms/Note, trimmed
}

// Party is the seller or buyer of a document.
type Party struct {
	Name             string    // PartyName/Name, or PartyLegalEntity/RegistrationName when there is none
	LegalName        string    // PartyLegalEntity/RegistrationName
	EndpointID       string    // cbc:EndpointID, the Peppol address
	EndpointScheme   string    // schemeID of EndpointID (0106 = KvK, 0190 = OIN, 0088 = GLN, ...)
	IDs              []PartyID // PartyIdentification/ID
	VATNumber        string    // PartyTaxScheme/CompanyID where TaxScheme/ID is VAT
	CoCNumber        string    // PartyLegalEntity/CompanyID (for NL with scheme 0106: the KvK number)
	CoCScheme        string    // schemeID of PartyLegalEntity/CompanyID
	Street           string    // StreetName, followed by BuildingNumber when given separately
	AdditionalStreet string    // AdditionalStreetName
	PostalCode       string    // PostalZone
	City             string    // CityName
	Country          string    // Country/IdentificationCode, ISO 3166-1 alpha-2
	ContactName      string    // Contact/Name
	Email            string    // Contact/ElectronicMail
	Phone            string    // Contact/Telephone
}

// PartyID is one PartyIdentification/ID with its scheme.
type PartyID struct {
	ID     string // the identifier
	Scheme string // its schemeID, may be empty
}

// ValidationError reports why a document was rejected: the file, the field
// (a path below the document element, or FieldXML / FieldRoot) and why.
type ValidationError struct {
	File, Field, Reason string
}

// Error returns "file: field Field: Reason".
func (e *ValidationError) Error() string {
	return e.File + ": field " + e.Field + ": " + e.Reason
}

// Unwrap returns a *ledger.Error of kind ledger.ErrInvalid carrying the same
// text, so errors.Is(err, ledger.ErrInvalid) holds and ledger.UserMessage
// shows the reason instead of a generic text.
func (e *ValidationError) Unwrap() error {
	return &ledger.Error{Kind: ledger.ErrInvalid, Message: e.Error()}
}

// tooLargeError is returned by limitReader past its limit.
type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string { return fmt.Sprintf("file is larger than %d bytes", e.limit) }

// limitReader fails with a tooLargeError instead of ending quietly at the limit.
type limitReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 { // at the limit: fine if the input ends here
		var one [1]byte
		if n, err := l.r.Read(one[:]); n == 0 && err != nil {
			return 0, err
		}
		return 0, &tooLargeError{l.limit}
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// Parse reads one UBL document (Invoice, CreditNote, or either inside an SBDH
// StandardBusinessDocument). name is the file name used in error messages.
// A rejected document gives a *ValidationError; a failing reader gives its
// own error, wrapped. Parse never returns a partial Document with an error.
func Parse(r io.Reader, name string) (Document, error) {
	return parse(r, name, MaxFileSize)
}

// parse is Parse with a size limit, so tests need not feed it 100 MiB.
func parse(r io.Reader, name string, limit int64) (Document, error) {
	if name == "" {
		name = "input"
	}
	br := bufio.NewReader(&limitReader{r: r, n: limit, limit: limit})
	if _, err := br.Peek(1); err != nil {
		if err == io.EOF {
			return Document{}, &ValidationError{name, FieldXML, "empty file"}
		}
		return Document{}, readError(name, err)
	}
	if b, _ := br.Peek(3); len(b) == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		br.Discard(3) // UTF-8 byte order mark
	}
	root, err := readTree(br, name)
	if err != nil {
		return Document{}, err
	}
	p := &extractor{file: name}
	doc := p.document(root)
	if p.err != nil {
		return Document{}, p.err
	}
	return doc, nil
}

func readError(name string, err error) error {
	var big *tooLargeError
	if errors.As(err, &big) {
		return &ValidationError{name, FieldXML, big.Error()}
	}
	return fmt.Errorf("%s: reading: %w", name, err)
}
