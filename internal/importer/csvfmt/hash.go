package csvfmt

import "github.com/kredo-dev/kredo/internal/ledger"

// hasher is FNV-1a (64 bit). Strings and numbers are each followed by a
// separator byte so that field boundaries count. Changing what is hashed
// changes every stored hash, so only add fields at the end of a kind.
type hasher uint64

func newHasher(kind Kind) hasher {
	h := hasher(14695981039346656037)
	h.str(string(kind))
	return h
}

func (h *hasher) byte(b byte) {
	*h ^= hasher(b)
	*h *= 1099511628211
}

func (h *hasher) str(s string) {
	for i := 0; i < len(s); i++ {
		h.byte(s[i])
	}
	h.byte(0x1f)
}

func (h *hasher) int(n int64) {
	for i := 0; i < 8; i++ {
		h.byte(byte(n >> (8 * i)))
	}
	h.byte(0x1e)
}

func (h *hasher) date(d ledger.Date) {
	if d.IsZero() {
		h.int(0)
		return
	}
	h.int(int64(d.Year()*10000 + int(d.Month())*100 + d.Day()))
}

func (h *hasher) strs(ss ...string) {
	for _, s := range ss {
		h.str(s)
	}
}

func hashEntity(e *ledger.Entity) uint64 {
	h := newHasher(Entities)
	h.strs(e.Code, e.Name, e.Currency)
	h.int(int64(len(e.IBANs)))
	h.strs(e.IBANs...)
	h.strs(e.AddressLine, e.PostalCode, e.City, e.Country, e.VATNumber, e.CoCNumber, e.Email, e.Phone, e.Website)
	return uint64(h)
}

func hashCustomer(c *ledger.Customer) uint64 {
	h := newHasher(Customers)
	h.strs(c.EntityCode, c.Number, c.Name, c.Kind, c.CoCNumber, c.VATNumber, c.AddressLine, c.PostalCode, c.City,
		c.Country, c.Email, c.Phone, c.Language, c.Segment, c.Region, c.RiskClass, c.AccountManager, c.Controller, c.ParentNumber)
	h.int(int64(c.PaymentTerms))
	h.str(c.Currency)
	h.int(c.CreditLimit)
	h.int(int64(len(c.Contacts)))
	for _, ct := range c.Contacts {
		h.strs(ct.Name, ct.Role, ct.Email, ct.Phone, ct.Language)
	}
	return uint64(h)
}

func hashInvoice(inv *ledger.Invoice) uint64 {
	h := newHasher(Invoices)
	h.strs(inv.EntityCode, inv.CustomerNumber, inv.Number, inv.Kind)
	h.date(inv.InvoiceDate)
	h.date(inv.DueDate)
	h.str(inv.Currency)
	h.int(inv.Amount)
	h.int(inv.OpenAmount)
	h.strs(inv.PaymentRef, inv.ProductGroup, inv.PONumber, inv.Description)
	return uint64(h)
}

func hashPaymentRow(pr *PaymentRow) uint64 {
	p := &pr.Payment
	h := newHasher(Payments)
	h.strs(p.EntityCode, p.Reference)
	h.date(p.Date)
	h.str(p.Currency)
	h.int(p.Amount)
	h.strs(p.CustomerNumber, p.Description, pr.InvoiceNumber)
	if pr.HasAllocation {
		h.int(pr.Allocated)
	} else {
		h.byte(0)
	}
	return uint64(h)
}
