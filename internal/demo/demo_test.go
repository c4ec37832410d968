package demo

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/ledger"
)

var testToday = ledger.MustDate("2026-11-22")

// hashSink hashes every emitted value in order.
type hashSink struct{ h hash.Hash }

func (s *hashSink) Entity(e ledger.Entity) error     { fmt.Fprintf(s.h, "E%+v\n", e); return nil }
func (s *hashSink) Customer(c ledger.Customer) error { fmt.Fprintf(s.h, "C%+v\n", c); return nil }
func (s *hashSink) Invoice(i ledger.Invoice) error   { fmt.Fprintf(s.h, "I%+v\n", i); return nil }
func (s *hashSink) Payment(p ledger.Payment) error   { fmt.Fprintf(s.h, "P%+v\n", p); return nil }

func streamHash(t *testing.T, cfg Config) string {
	t.Helper()
	s := &hashSink{h: sha256.New()}
	if _, err := Generate(cfg, s); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", s.h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Seed: 7, Today: testToday, Customers: 400}
	a, b := streamHash(t, cfg), streamHash(t, cfg)
	if a != b {
		t.Fatalf("same config gave different streams: %s vs %s", a, b)
	}
	cfg.Seed = 8
	if c := streamHash(t, cfg); c == a {
		t.Fatal("different seeds gave the same stream")
	}
	cfg.Seed = 7
	cfg.Today = testToday.AddDays(1)
	if c := streamHash(t, cfg); c == a {
		t.Fatal("different Today gave the same stream")
	}
}

func TestDefaultsAndSeedZero(t *testing.T) {
	a := streamHash(t, Config{Seed: 0, Today: testToday, Customers: 50})
	b := streamHash(t, Config{Seed: 1, Today: testToday, Customers: 50})
	if a != b {
		t.Fatal("seed 0 should mean seed 1")
	}
	if _, err := Generate(Config{Customers: -1}, &hashSink{h: sha256.New()}); err == nil {
		t.Fatal("negative customers accepted")
	}
}

// checkSink records the stream and checks the invariants as values arrive.
type checkSink struct {
	t         *testing.T
	entities  map[string]ledger.Entity
	customers map[string]ledger.Customer // entity|number
	invoices  map[string]*invRec         // entity|number
	payRefs   map[string]bool
	payments  []ledger.Payment
	order     []string // invoice keys in emission order
	phase     int
}

type invRec struct {
	inv   ledger.Invoice
	alloc int64
}

func newCheckSink(t *testing.T) *checkSink {
	return &checkSink{t: t, entities: map[string]ledger.Entity{}, customers: map[string]ledger.Customer{},
		invoices: map[string]*invRec{}, payRefs: map[string]bool{}}
}

func (s *checkSink) Entity(e ledger.Entity) error {
	if s.phase > 0 {
		s.t.Errorf("entity %s after customers", e.Code)
	}
	for _, iban := range e.IBANs {
		if !bank.ValidIBAN(iban) {
			s.t.Errorf("entity %s: invalid IBAN %s", e.Code, iban)
		}
	}
	if len(e.IBANs) == 0 || !ledger.ValidCurrency(e.Currency) || e.Name == "" {
		s.t.Errorf("entity %s incomplete: %+v", e.Code, e)
	}
	s.entities[e.Code] = e
	return nil
}

func (s *checkSink) Customer(c ledger.Customer) error {
	s.phase = max(s.phase, 1)
	e, ok := s.entities[c.EntityCode]
	key := c.EntityCode + "|" + c.Number
	switch {
	case !ok:
		s.t.Errorf("customer %s before its entity", key)
	case s.customers[key].Number != "":
		s.t.Errorf("duplicate customer %s", key)
	case c.ParentNumber != "" && s.customers[c.EntityCode+"|"+c.ParentNumber].Kind != ledger.KindB2B:
		s.t.Errorf("customer %s before its parent %s", key, c.ParentNumber)
	case c.Currency != e.Currency || c.PaymentTerms <= 0 || c.Controller == "" || c.Name == "" || c.Language == "":
		s.t.Errorf("customer %s incomplete: %+v", key, c)
	}
	var billing, dunning bool
	for _, ct := range c.Contacts {
		billing = billing || ct.Role == ledger.RoleBilling && ct.Email != ""
		dunning = dunning || ct.Role == ledger.RoleDunning && ct.Email != ""
		if !reservedMail(ct.Email) {
			s.t.Errorf("customer %s: contact mail %q is not on a reserved domain", key, ct.Email)
		}
	}
	if !billing || !dunning || !reservedMail(c.Email) {
		s.t.Errorf("customer %s: contacts %+v, email %q", key, c.Contacts, c.Email)
	}
	if c.Kind == ledger.KindB2B {
		validVAT := map[string]func(string) bool{
			"NL": func(v string) bool { return len(v) == 14 && validRSIN(v[2:11]) && strings.HasSuffix(v, "B01") },
			"BE": func(v string) bool { return strings.HasPrefix(v, "BE") && validBEEnterprise(v[2:]) },
			"GB": func(v string) bool { return v == "" || validGBVAT(v) },
			"DE": validDEVAT,
		}[c.Country]
		if validVAT == nil || !validVAT(c.VATNumber) {
			s.t.Errorf("customer %s (%s): invalid VAT number %q", key, c.Country, c.VATNumber)
		}
	} else if c.Kind != ledger.KindConsumer || c.VATNumber != "" {
		s.t.Errorf("customer %s: kind %q VAT %q", key, c.Kind, c.VATNumber)
	}
	s.customers[key] = c
	return nil
}

// reservedMail reports whether a mail address is on a domain reserved by
// RFC 2606 (example.com/net/org or the .example TLD).
func reservedMail(m string) bool {
	at := strings.LastIndexByte(m, '@')
	if at <= 0 {
		return false
	}
	d := m[at+1:]
	return strings.HasSuffix(d, ".example") || d == "example.com" || d == "example.net" || d == "example.org"
}

func (s *checkSink) Invoice(i ledger.Invoice) error {
	s.phase = max(s.phase, 2)
	key := i.EntityCode + "|" + i.Number
	c, ok := s.customers[i.EntityCode+"|"+i.CustomerNumber]
	switch {
	case !ok:
		s.t.Errorf("invoice %s of unknown customer %s", key, i.CustomerNumber)
	case s.invoices[key] != nil:
		s.t.Errorf("duplicate invoice number %s", key)
	case i.Currency != c.Currency:
		s.t.Errorf("invoice %s currency %s, customer %s", key, i.Currency, c.Currency)
	case i.DueDate.Before(i.InvoiceDate):
		s.t.Errorf("invoice %s due %s before its date %s", key, i.DueDate, i.InvoiceDate)
	case i.InvoiceDate.After(testToday):
		s.t.Errorf("invoice %s dated after Today: %s", key, i.InvoiceDate)
	case i.Kind == ledger.InvoiceKindInvoice && i.Amount <= 0, i.Kind == ledger.InvoiceKindCreditNote && i.Amount >= 0:
		s.t.Errorf("%s %s has amount %d", i.Kind, key, i.Amount)
	case i.Kind != ledger.InvoiceKindInvoice && i.Kind != ledger.InvoiceKindCreditNote:
		s.t.Errorf("invoice %s: kind %q", key, i.Kind)
	case (i.OpenAmount == 0) != (i.Status == ledger.StatusPaid) || (i.OpenAmount != 0) != (i.Status == ledger.StatusOpen):
		s.t.Errorf("invoice %s: status %s with open %d", key, i.Status, i.OpenAmount)
	}
	if ref := i.PaymentRef; ref != "" {
		var ok bool
		switch {
		case strings.HasPrefix(ref, "RF"):
			ok = bank.ValidRF(ref)
		case strings.HasPrefix(ref, "+++"):
			ok = validOGM(ref) && i.EntityCode == "BE01"
		default:
			ok = len(ref) == 16 && bank.ValidKenmerk(ref) && i.EntityCode == "NL01"
		}
		if !ok {
			s.t.Errorf("invoice %s: invalid payment reference %q", key, ref)
		}
	}
	if i.Kind == ledger.InvoiceKindCreditNote {
		// the description names the credited invoice, of the same customer
		f := strings.Fields(strings.TrimRight(strings.SplitN(i.Description, ":", 2)[0], " "))
		orig := s.invoices[i.EntityCode+"|"+f[len(f)-1]]
		if orig == nil || orig.inv.CustomerNumber != i.CustomerNumber || -i.Amount > orig.inv.Amount {
			s.t.Errorf("credit note %s: description %q does not name a credited invoice of the customer", key, i.Description)
		}
	}
	s.invoices[key] = &invRec{inv: i}
	s.order = append(s.order, key)
	return nil
}

func (s *checkSink) Payment(p ledger.Payment) error {
	s.phase = max(s.phase, 2)
	key := p.EntityCode + "|" + p.Reference
	if s.payRefs[key] || p.Reference == "" {
		s.t.Errorf("duplicate or empty payment reference %q", key)
	}
	s.payRefs[key] = true
	if p.Date.After(testToday) {
		s.t.Errorf("payment %s dated after Today", key)
	}
	var sum int64
	for _, a := range p.Allocations {
		r := s.invoices[p.EntityCode+"|"+a.InvoiceNumber]
		switch {
		case r == nil:
			s.t.Errorf("payment %s allocates to %s, not emitted before it", key, a.InvoiceNumber)
			continue
		case r.inv.CustomerNumber != p.CustomerNumber:
			s.t.Errorf("payment %s of %s allocates to %s of %s", key, p.CustomerNumber, a.InvoiceNumber, r.inv.CustomerNumber)
		case p.Date.Before(r.inv.InvoiceDate):
			s.t.Errorf("payment %s on %s allocates to %s dated %s", key, p.Date, a.InvoiceNumber, r.inv.InvoiceDate)
		case a.Amount == 0 || (a.Amount > 0) != (r.inv.Amount > 0):
			s.t.Errorf("payment %s: allocation %d to %s of %d", key, a.Amount, a.InvoiceNumber, r.inv.Amount)
		}
		r.alloc += a.Amount
		sum += a.Amount
	}
	if sum > p.Amount || p.Amount < 0 {
		s.t.Errorf("payment %s: amount %d, allocated %d", key, p.Amount, sum)
	}
	if p.Currency != s.entities[p.EntityCode].Currency {
		s.t.Errorf("payment %s in %s", key, p.Currency)
	}
	s.payments = append(s.payments, p)
	return nil
}

// finish checks what can only be checked at the end.
func (s *checkSink) finish() {
	for _, k := range s.order {
		r := s.invoices[k]
		if r.inv.OpenAmount != r.inv.Amount-r.alloc {
			s.t.Errorf("invoice %s: open %d, amount %d − allocated %d", k, r.inv.OpenAmount, r.inv.Amount, r.alloc)
		}
		if r.inv.Amount > 0 && (r.alloc < 0 || r.alloc > r.inv.Amount) || r.inv.Amount < 0 && (r.alloc > 0 || r.alloc < r.inv.Amount) {
			s.t.Errorf("invoice %s over-allocated: amount %d, allocated %d", k, r.inv.Amount, r.alloc)
		}
	}
}
