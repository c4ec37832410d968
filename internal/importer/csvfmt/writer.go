package csvfmt

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Writer writes records of one kind in the canonical format: UTF-8 without
// BOM, ',' delimiter, '.' decimal point, ISO dates, the canonical header in
// canonical column order. Text that a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) is prefixed with ' ; Reader removes it.
type Writer struct {
	cw     *csv.Writer
	kind   Kind
	spec   *kindSpec
	header bool
	buf    []string
}

// NewWriter returns a writer of kind to w. The header is written with the first record or by Flush.
func NewWriter(w io.Writer, kind Kind) *Writer {
	return &Writer{cw: csv.NewWriter(w), kind: kind, spec: specs[kind]}
}

func (w *Writer) write(kind Kind, fields []string) error {
	if w.spec == nil {
		return fmt.Errorf("csvfmt: unknown kind %q", w.kind)
	}
	if kind != w.kind {
		return fmt.Errorf("csvfmt: cannot write %s to a %s file", kind, w.kind)
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	for i, f := range fields {
		if !w.spec.numeric(i) {
			fields[i] = escapeFormula(f)
		}
	}
	return w.cw.Write(fields)
}

func (w *Writer) writeHeader() error {
	if w.header {
		return nil
	}
	w.header = true
	h := make([]string, len(w.spec.cols))
	for i, c := range w.spec.cols {
		h[i] = c.Name
	}
	return w.cw.Write(h)
}

// WriteEntity writes one entity.
func (w *Writer) WriteEntity(e ledger.Entity) error {
	w.buf = entityFields(w.buf[:0], &e)
	return w.write(Entities, w.buf)
}

// WriteCustomer writes one customer, its contacts in the contacts column.
func (w *Writer) WriteCustomer(c ledger.Customer) error {
	w.buf = customerFields(w.buf[:0], &c)
	return w.write(Customers, w.buf)
}

// WriteInvoice writes one invoice or credit note with its signed amounts.
func (w *Writer) WriteInvoice(inv ledger.Invoice) error {
	w.buf = invoiceFields(w.buf[:0], &inv)
	return w.write(Invoices, w.buf)
}

// WritePayment writes one row per allocation of p, or one row without
// invoice number when p has no allocations.
func (w *Writer) WritePayment(p ledger.Payment) error {
	if len(p.Allocations) == 0 {
		w.buf = paymentFields(w.buf[:0], &p, "", 0, false)
		return w.write(Payments, w.buf)
	}
	for _, a := range p.Allocations {
		w.buf = paymentFields(w.buf[:0], &p, a.InvoiceNumber, a.Amount, true)
		if err := w.write(Payments, w.buf); err != nil {
			return err
		}
	}
	return nil
}

// Flush writes the header if no record was written, then any buffered data,
// and reports the first write error.
func (w *Writer) Flush() error {
	if w.spec != nil {
		if err := w.writeHeader(); err != nil {
			return err
		}
	}
	w.cw.Flush()
	return w.cw.Error()
}

func entityFields(dst []string, e *ledger.Entity) []string {
	return append(dst, e.Code, e.Name, e.Currency, strings.Join(e.IBANs, " "), e.AddressLine, e.PostalCode,
		e.City, e.Country, e.VATNumber, e.CoCNumber, e.Email, e.Phone, e.Website)
}

func customerFields(dst []string, c *ledger.Customer) []string {
	kind, lang, limit := c.Kind, c.Language, ""
	if kind == "" {
		kind = ledger.KindB2B
	}
	if lang == "" {
		lang = "nl"
	}
	if c.CreditLimit != 0 {
		limit = ledger.FormatAmount(c.CreditLimit, c.Currency)
	}
	return append(dst, c.EntityCode, c.Number, c.Name, kind, c.CoCNumber, c.VATNumber, c.AddressLine,
		c.PostalCode, c.City, c.Country, c.Email, c.Phone, lang, c.Segment, c.Region, c.RiskClass, c.AccountManager,
		c.Controller, c.ParentNumber, strconv.Itoa(c.PaymentTerms), c.Currency, limit, EncodeContacts(c.Contacts))
}

func invoiceFields(dst []string, inv *ledger.Invoice) []string {
	kind := inv.Kind
	if kind == "" {
		kind = ledger.InvoiceKindInvoice
	}
	return append(dst, inv.EntityCode, inv.CustomerNumber, inv.Number, kind, inv.InvoiceDate.String(),
		inv.DueDate.String(), inv.Currency, ledger.FormatAmount(inv.Amount, inv.Currency),
		ledger.FormatAmount(inv.OpenAmount, inv.Currency), inv.PaymentRef, inv.ProductGroup, inv.PONumber, inv.Description)
}

func paymentFields(dst []string, p *ledger.Payment, invoice string, allocated int64, has bool) []string {
	alloc := ""
	if has {
		alloc = ledger.FormatAmount(allocated, p.Currency)
	}
	return append(dst, p.EntityCode, p.Reference, p.Date.String(), p.Currency, ledger.FormatAmount(p.Amount, p.Currency),
		p.CustomerNumber, p.Description, invoice, alloc)
}

// formulaStart reports whether a spreadsheet would treat s as a formula, or
// s is ' followed by such text (so that the escape can be undone exactly).
func formulaStart(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '=', '+', '-', '@', '\t', '\r':
			return true
		case '\'':
			continue
		}
		return false
	}
	return false
}

func escapeFormula(s string) string {
	if formulaStart(s) {
		return "'" + s
	}
	return s
}

func unescapeFormula(s string) string {
	if len(s) > 1 && s[0] == '\'' && formulaStart(s[1:]) {
		return s[1:]
	}
	return s
}
