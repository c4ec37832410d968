package app

import (
	"hash/fnv"
	"strconv"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// Content hashes decide whether an imported record changed: equal values
// hash equal whatever the source (CSV, UBL or the API), so a re-import of
// the same data changes nothing.

type hasher struct {
	h interface {
		Write([]byte) (int, error)
		Sum64() uint64
	}
}

func newHasher(kind string) *hasher {
	h := &hasher{h: fnv.New64a()}
	h.s(kind)
	return h
}

func (h *hasher) s(v string) *hasher {
	h.h.Write([]byte(v))
	h.h.Write([]byte{0})
	return h
}

func (h *hasher) i(v int64) *hasher { return h.s(strconv.FormatInt(v, 10)) }

func (h *hasher) sum() uint64 { return h.h.Sum64() }

func entityHash(e ledger.Entity) uint64 {
	h := newHasher("entity").s(e.Code).s(e.Name).s(e.Currency).s(e.AddressLine).s(e.PostalCode).s(e.City).
		s(e.Country).s(e.VATNumber).s(e.CoCNumber).s(e.Email).s(e.Phone).s(e.Website)
	for _, i := range e.IBANs {
		h.s(i)
	}
	return h.sum()
}

func customerHash(c ledger.Customer) uint64 {
	h := newHasher("customer").s(c.Number).s(c.Name).s(c.Kind).s(c.CoCNumber).s(c.VATNumber).s(c.AddressLine).
		s(c.PostalCode).s(c.City).s(c.Country).s(c.Email).s(c.Phone).s(c.Language).s(c.Segment).s(c.Region).s(c.RiskClass).
		s(c.AccountManager).s(c.Controller).s(c.ParentNumber).i(int64(c.PaymentTerms)).s(c.Currency).i(c.CreditLimit)
	for _, k := range c.Contacts {
		h.s(k.Name).s(k.Role).s(k.Email).s(k.Phone).s(k.Language)
	}
	return h.sum()
}

// invoiceHash covers everything but the open amount, which payments change
// and which is compared on its own.
func invoiceHash(i ledger.Invoice) uint64 {
	return newHasher("invoice").s(i.Number).i(i.CustomerID).s(i.Kind).s(i.InvoiceDate.String()).s(i.DueDate.String()).
		s(i.Currency).i(i.Amount).s(i.PaymentRef).s(i.ProductGroup).s(i.PONumber).s(i.Description).sum()
}

func paymentHash(p ledger.Payment) uint64 {
	h := newHasher("payment").s(p.Reference).i(p.CustomerID).s(p.Date.String()).s(p.Currency).i(p.Amount).s(p.Description)
	for _, a := range p.Allocations {
		h.s(a.InvoiceNumber).i(a.Amount)
	}
	return h.sum()
}
