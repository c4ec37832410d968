package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kredo-dev/kredo/internal/importer/ubl"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// ImportUBL imports one UBL 2.1 invoice or credit note (Peppol BIS 3,
// SI-UBL 2.0, optionally in an SBDH envelope). The entity is the one whose
// VAT number, chamber-of-commerce number or IBAN matches the seller, else
// opt.EntityCode, else the only entity. The buyer becomes a customer when no
// customer of the entity has its VAT number, CoC number or name.
func (s *Service) ImportUBL(ctx context.Context, actor ledger.User, r io.Reader, file string, opt ImportOptions) (ImportReport, error) {
	rep := ImportReport{Kind: "ubl", File: file, Rows: 1}
	if err := requireWrite(actor); err != nil {
		return rep, err
	}
	doc, err := ubl.Parse(r, file)
	if err != nil {
		var ve *ubl.ValidationError
		if errors.As(err, &ve) {
			rep.reject(Problem{File: file, Field: ve.Field, Reason: ve.Reason})
			return rep, nil
		}
		return rep, fmt.Errorf("read %s: %w", file, err)
	}
	err = s.importTx(ctx, actor, "ubl", file, true, &rep, func(im *importer) error {
		e, ok := im.ublEntity(doc, opt.EntityCode)
		if !ok {
			return nil
		}
		c, err := im.ublCustomer(ctx, e, doc)
		if err != nil || c.ID == 0 {
			return err
		}
		inv := ledger.Invoice{EntityID: e.ID, EntityCode: e.Code, CustomerID: c.ID, CustomerNumber: c.Number, Kind: doc.Kind,
			Number: doc.Number, InvoiceDate: doc.IssueDate, DueDate: doc.DueDate, Currency: doc.Currency, Amount: doc.Payable,
			PaymentRef: doc.PaymentRef, PONumber: doc.PONumber, Description: doc.Note, Source: "ubl"}
		if inv.DueDate.IsZero() {
			inv.DueDate = inv.InvoiceDate.AddDays(c.PaymentTerms)
		}
		if inv.Description == "" && len(doc.BillingRefs) > 0 {
			inv.Description = "Corrects " + strings.Join(doc.BillingRefs, ", ")
		}
		im.invoices = append(im.invoices, pendingInvoice{row: 0, inv: inv})
		return im.flushInvoices()
	})
	return rep, err
}

func (im *importer) ublEntity(doc ubl.Document, code string) (ledger.Entity, bool) {
	norm := func(s string) string { return strings.ToUpper(strings.ReplaceAll(s, " ", "")) }
	var match []ledger.Entity
	for _, e := range im.entities {
		hit := doc.Seller.VATNumber != "" && norm(e.VATNumber) == norm(doc.Seller.VATNumber) ||
			doc.Seller.CoCNumber != "" && norm(e.CoCNumber) == norm(doc.Seller.CoCNumber)
		for _, iban := range e.IBANs {
			for _, p := range doc.PayeeIBANs {
				hit = hit || norm(iban) == p
			}
		}
		if hit {
			match = append(match, e)
		}
	}
	switch {
	case len(match) == 1 && (code == "" || match[0].Code == code):
		return im.entity(0, match[0].Code)
	case code != "":
		return im.entity(0, code)
	case len(im.entities) == 1:
		for c := range im.entities {
			return im.entity(0, c)
		}
	}
	im.problem(0, "AccountingSupplierParty", doc.Seller.Name,
		"cannot tell which entity issued this document: the seller's VAT number, KvK number and IBAN match %d entities; name one with --entity", len(match))
	return ledger.Entity{}, false
}

// ublCustomer finds the buyer among the entity's customers or creates it.
func (im *importer) ublCustomer(ctx context.Context, e ledger.Entity, doc ubl.Document) (ledger.Customer, error) {
	b := doc.Buyer
	found, err := im.s.store.FindCustomer(ctx, e.ID, b.VATNumber, b.CoCNumber, b.Name)
	if err == nil || !errors.Is(err, ledger.ErrNotFound) {
		return found, err
	}
	number := ""
	for _, id := range b.IDs {
		if id.ID != "" {
			number = id.ID
			break
		}
	}
	for _, alt := range []string{b.VATNumber, b.CoCNumber, b.EndpointID, b.Name} {
		if number == "" && alt != "" {
			number = "UBL-" + strings.ToUpper(strings.ReplaceAll(alt, " ", ""))
		}
	}
	lang := "en"
	switch b.Country {
	case "NL", "BE":
		lang = "nl"
	case "DE", "AT":
		lang = "de"
	case "FR", "LU":
		lang = "fr"
	}
	c := ledger.Customer{EntityID: e.ID, EntityCode: e.Code, Number: number, Name: b.Name, Kind: ledger.KindB2B,
		CoCNumber: b.CoCNumber, VATNumber: b.VATNumber, AddressLine: b.Street, PostalCode: b.PostalCode, City: b.City,
		Country: b.Country, Email: b.Email, Phone: b.Phone, Language: lang, PaymentTerms: 30, Currency: doc.Currency}
	if b.ContactName != "" || b.Email != "" {
		c.Contacts = []ledger.Contact{{Name: b.ContactName, Role: ledger.RoleBilling, Email: b.Email, Phone: b.Phone, Language: lang}}
	}
	keys, err := im.customerKeys(e.ID)
	if err != nil {
		return c, err
	}
	if k, ok := keys[number]; ok { // same derived number, different name: use it
		c.ID = k.ID
		return c, nil
	}
	h := customerHash(c)
	id, err := im.db().InsertCustomer(c, h)
	if err != nil {
		return c, err
	}
	keys[number] = store.Key{ID: id, Hash: h}
	c.ID = id
	return c, nil
}
