package csvfmt

import (
	"fmt"

	"github.com/kredo-dev/kredo/internal/ledger"
)

// PaymentGroup is one payment assembled from its rows.
type PaymentGroup struct {
	Payment        ledger.Payment // with its allocations, in row order
	Row            int            // line of the payment's first row
	AllocationRows []int          // line of each allocation's row, parallel to Payment.Allocations
	Hash           uint64         // combines the Record.Hash of every row
}

// PaymentCollector assembles payment rows into payments by entity and
// reference. Rows of one payment need not be adjacent, so it keeps every
// payment of the file in memory (a few hundred bytes each).
type PaymentCollector struct {
	file   string
	index  map[[2]string]int
	groups []PaymentGroup
	bad    []bool
}

// NewPaymentCollector returns an empty collector; file names the file in errors.
func NewPaymentCollector(file string) *PaymentCollector {
	return &PaymentCollector{file: file, index: map[[2]string]int{}}
}

// Add merges a payment record. A row whose date, currency, amount or
// customer differs from the payment's earlier rows, or that allocates to an
// invoice the payment already allocates to, gets a *RowError; the whole
// payment is then left out of Groups.
func (c *PaymentCollector) Add(rec Record) error {
	pr := rec.Payment
	if pr == nil {
		return fmt.Errorf("csvfmt: row %d is not a payment", rec.Row)
	}
	key := [2]string{pr.Payment.EntityCode, pr.Payment.Reference}
	i, seen := c.index[key]
	if !seen {
		p := pr.Payment
		p.Allocations = nil
		c.index[key] = len(c.groups)
		c.groups = append(c.groups, PaymentGroup{Payment: p, Row: rec.Row, Hash: rec.Hash})
		c.bad = append(c.bad, false)
		c.allocate(len(c.groups)-1, pr, rec.Row)
		return nil
	}
	g := &c.groups[i]
	p := &g.Payment
	fail := func(field, value, reason string) error {
		c.bad[i] = true
		return &RowError{File: c.file, Row: rec.Row, Field: field, Value: value,
			Reason: fmt.Sprintf("%s; payment %s started on row %d", reason, p.Reference, g.Row)}
	}
	q := pr.Payment
	switch {
	case q.Date != p.Date:
		return fail("date", q.Date.String(), fmt.Sprintf("date %s differs from %s on the payment's first row", q.Date, p.Date))
	case q.Currency != p.Currency:
		return fail("currency", q.Currency, fmt.Sprintf("currency %s differs from %s on the payment's first row", q.Currency, p.Currency))
	case q.Amount != p.Amount:
		return fail("amount", ledger.FormatAmount(q.Amount, q.Currency), fmt.Sprintf("amount %s differs from %s on the payment's first row (repeat the payment's total on every row)",
			ledger.FormatAmount(q.Amount, q.Currency), ledger.FormatAmount(p.Amount, p.Currency)))
	case q.CustomerNumber != "" && p.CustomerNumber != "" && q.CustomerNumber != p.CustomerNumber:
		return fail("customer_number", q.CustomerNumber, fmt.Sprintf("customer %s differs from %s on an earlier row", q.CustomerNumber, p.CustomerNumber))
	}
	if pr.HasAllocation {
		for _, a := range p.Allocations {
			if a.InvoiceNumber == pr.InvoiceNumber {
				return fail("invoice_number", pr.InvoiceNumber, fmt.Sprintf("invoice %s is allocated twice", pr.InvoiceNumber))
			}
		}
	}
	if p.CustomerNumber == "" {
		p.CustomerNumber = q.CustomerNumber
	}
	if p.Description == "" {
		p.Description = q.Description
	}
	g.Hash = (g.Hash ^ rec.Hash) * 1099511628211
	c.allocate(i, pr, rec.Row)
	return nil
}

func (c *PaymentCollector) allocate(i int, pr *PaymentRow, row int) {
	if !pr.HasAllocation {
		return
	}
	g := &c.groups[i]
	g.Payment.Allocations = append(g.Payment.Allocations, allocation(pr))
	g.AllocationRows = append(g.AllocationRows, row)
}

// Groups returns the assembled payments in order of their first row.
// Payments with a row rejected by Add are left out (Add reported them). A
// payment whose allocations add up to more than its amount (for a refund:
// below it) is left out and reported on its last allocation row.
func (c *PaymentCollector) Groups() ([]PaymentGroup, error) {
	out := make([]PaymentGroup, 0, len(c.groups))
	var errs RowErrors
	for i, g := range c.groups {
		if c.bad[i] {
			continue
		}
		p := g.Payment
		if rest := p.Unallocated(); p.Amount >= 0 && rest < 0 || p.Amount < 0 && rest > 0 {
			errs = append(errs, &RowError{File: c.file, Row: g.AllocationRows[len(g.AllocationRows)-1], Field: "allocated",
				Reason: fmt.Sprintf("the allocations of payment %s add up to %s, more than its amount %s",
					p.Reference, ledger.FormatAmount(p.Amount-rest, p.Currency), ledger.FormatAmount(p.Amount, p.Currency))})
			continue
		}
		out = append(out, g)
	}
	return out, errs.orNil()
}

func allocation(pr *PaymentRow) ledger.Allocation {
	return ledger.Allocation{InvoiceNumber: pr.InvoiceNumber, Amount: pr.Allocated}
}
