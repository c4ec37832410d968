package app

import (
	"github.com/kredo-dev/kredo/internal/importer/csvfmt"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// invoiceBatch is how many invoice rows are looked up and written at once:
// large enough that the per-statement cost of COPY and of the lookups is
// small against the rows (measured: 2,000 gave 2.4x the floor on PostgreSQL,
// 10,000 gives 1.8x), small enough to keep memory flat.
const invoiceBatch = 10000

type pendingInvoice struct {
	row       int
	inv       ledger.Invoice
	openGiven bool
}

func (im *importer) invoiceRow(row int, r csvfmt.InvoiceRow) error {
	inv := r.Invoice
	e, ok := im.entity(row, inv.EntityCode)
	if !ok {
		return nil
	}
	if im.duplicate(row, "number", inv.Number, "invoice", e.Code, inv.Number) {
		return nil
	}
	keys, err := im.customerKeys(e.ID)
	if err != nil {
		return err
	}
	ck, ok := keys[inv.CustomerNumber]
	if !ok {
		im.problem(row, "customer_number", inv.CustomerNumber, "unknown customer %q in entity %s; import customers first", inv.CustomerNumber, e.Code)
		return nil
	}
	inv.EntityID, inv.CustomerID = e.ID, ck.ID
	if inv.Source == "" {
		inv.Source = "csv"
	}
	im.invoices = append(im.invoices, pendingInvoice{row: row, inv: inv, openGiven: r.OpenGiven})
	return nil
}

// flushInvoices decides, for the pending rows, which are new, changed or
// unchanged, and writes the new ones in bulk.
func (im *importer) flushInvoices() error {
	if len(im.invoices) == 0 {
		return nil
	}
	byEntity := map[int64][]string{}
	for _, p := range im.invoices {
		byEntity[p.inv.EntityID] = append(byEntity[p.inv.EntityID], p.inv.Number)
	}
	existing := map[int64]map[string]store.InvoiceKey{}
	for eid, numbers := range byEntity {
		// looked up outside the import's transaction (see
		// store.CommittedInvoiceKeys): numbers this file repeats are caught
		// by im.duplicate, so the state before the import is all we need
		m, err := im.s.store.CommittedInvoiceKeys(im.tx.Context(), eid, numbers)
		if err != nil {
			return err
		}
		existing[eid] = m
	}
	var ins, upd []store.InvoiceRow
	for _, p := range im.invoices {
		inv := p.inv
		k, exists := existing[inv.EntityID][inv.Number]
		var sourceOpen *int64
		if p.openGiven {
			v := inv.OpenAmount
			sourceOpen = &v
		} else {
			inv.OpenAmount = inv.Amount - k.Allocated // k is zero for a new invoice
		}
		h := invoiceHash(inv)
		// Unchanged: the same values, and either no open amount given, or the
		// one the source gave last time (payments may have lowered it since),
		// or the one Kredo holds now (an export imported back).
		same := exists && k.Hash == h && (!p.openGiven ||
			(k.SourceOpen != nil && *k.SourceOpen == inv.OpenAmount) || k.OpenAmount == inv.OpenAmount)
		switch {
		case exists && k.Kind != inv.Kind:
			im.problem(p.row, "number", inv.Number, "number %q is already used by a%s %s", inv.Number,
				map[bool]string{true: "n", false: ""}[k.Kind == ledger.InvoiceKindInvoice], kindName(k.Kind))
			continue
		case same:
			im.rep.Unchanged++
			continue
		case exists && k.Allocated != 0 && k.Currency != inv.Currency:
			im.problem(p.row, "currency", inv.Currency, "invoice %s has payments allocated in %s; its currency cannot change", inv.Number, k.Currency)
			continue
		case exists && abs(k.Allocated) > abs(inv.Amount):
			im.problem(p.row, "amount", ledger.FormatAmount(inv.Amount, inv.Currency),
				"%s %s is already allocated to invoice %s, more than the new amount", inv.Currency, ledger.FormatAmount(k.Allocated, inv.Currency), inv.Number)
			continue
		}
		row := store.InvoiceRow{Invoice: inv, Hash: h, SourceOpen: sourceOpen, ImportID: im.importID}
		if exists {
			row.Invoice.ID = k.ID
			upd = append(upd, row)
		} else {
			ins = append(ins, row)
		}
	}
	im.invoices = im.invoices[:0]
	if err := im.db().UpdateInvoices(upd, im.importID); err != nil {
		return err
	}
	if len(ins) > 0 {
		tx, done := im.db(), make(chan error, 1)
		go func() { done <- tx.InsertInvoices(ins) }()
		im.writing = done
	}
	im.rep.Inserted += len(ins)
	im.rep.Updated += len(upd)
	return nil
}

func kindName(k string) string {
	if k == ledger.InvoiceKindCreditNote {
		return "credit note"
	}
	return "invoice"
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// pendingPayment collects the rows of one payment (same entity and
// reference, on adjacent rows) before it is checked and written.
type pendingPayment struct {
	row    int
	rows   []int // row of each allocation
	p      ledger.Payment
	bad    bool
	entity ledger.Entity
}

func (im *importer) paymentRow(row int, r csvfmt.PaymentRow) error {
	p := r.Payment
	cur := im.payment
	if cur != nil && (cur.p.EntityCode != p.EntityCode || cur.p.Reference != p.Reference) {
		if err := im.flushPayment(); err != nil {
			return err
		}
		cur = nil
	}
	if cur == nil {
		e, ok := im.entity(row, p.EntityCode)
		if !ok || im.duplicate(row, "reference", p.Reference, "payment", p.EntityCode, p.Reference) {
			im.payment = &pendingPayment{row: row, p: p, bad: true}
			return nil
		}
		p.EntityID = e.ID
		if p.Source == "" {
			p.Source = "csv"
		}
		p.Allocations = nil
		im.payment = &pendingPayment{row: row, p: p, entity: e}
		cur = im.payment
	} else if !cur.bad {
		// every row of a payment repeats its date, currency, amount and customer
		switch {
		case p.Date != cur.p.Date:
			im.problem(row, "date", p.Date.String(), "payment %s has date %s on row %d", p.Reference, cur.p.Date, cur.row)
			cur.bad = true
		case p.Currency != cur.p.Currency:
			im.problem(row, "currency", p.Currency, "payment %s has currency %s on row %d", p.Reference, cur.p.Currency, cur.row)
			cur.bad = true
		case p.Amount != cur.p.Amount:
			im.problem(row, "amount", ledger.FormatAmount(p.Amount, p.Currency), "payment %s has amount %s on row %d",
				p.Reference, ledger.FormatAmount(cur.p.Amount, cur.p.Currency), cur.row)
			cur.bad = true
		case p.CustomerNumber != "" && p.CustomerNumber != cur.p.CustomerNumber:
			im.problem(row, "customer_number", p.CustomerNumber, "payment %s has customer %q on row %d", p.Reference, cur.p.CustomerNumber, cur.row)
			cur.bad = true
		}
	}
	if r.HasAllocation && !cur.bad {
		cur.p.Allocations = append(cur.p.Allocations, ledger.Allocation{InvoiceNumber: r.InvoiceNumber, Amount: r.Allocated})
		cur.rows = append(cur.rows, row)
	}
	return nil
}

// flushPayment checks the collected payment against the ledger and writes it.
func (im *importer) flushPayment() error {
	cur := im.payment
	im.payment = nil
	if cur == nil || cur.bad {
		return nil
	}
	p := cur.p
	if p.CustomerNumber != "" {
		keys, err := im.customerKeys(p.EntityID)
		if err != nil {
			return err
		}
		ck, ok := keys[p.CustomerNumber]
		if !ok {
			im.problem(cur.row, "customer_number", p.CustomerNumber, "unknown customer %q in entity %s", p.CustomerNumber, cur.entity.Code)
			return nil
		}
		p.CustomerID = ck.ID
	}
	existing, found, err := im.db().PaymentKey(p.EntityID, p.Reference)
	if err != nil {
		return err
	}
	numbers := make([]string, len(p.Allocations))
	for i, a := range p.Allocations {
		numbers[i] = a.InvoiceNumber
	}
	keys, err := im.db().InvoiceKeys(p.EntityID, numbers)
	if err != nil {
		return err
	}
	var total int64
	seen := map[string]bool{}
	for i := range p.Allocations {
		a := &p.Allocations[i]
		row := cur.rows[i]
		k, ok := keys[a.InvoiceNumber]
		switch {
		case !ok:
			im.problem(row, "invoice_number", a.InvoiceNumber, "unknown invoice %q in entity %s", a.InvoiceNumber, cur.entity.Code)
			return nil
		case seen[a.InvoiceNumber]:
			im.problem(row, "invoice_number", a.InvoiceNumber, "invoice %q is allocated twice by payment %s", a.InvoiceNumber, p.Reference)
			return nil
		case k.Currency != p.Currency:
			im.problem(row, "currency", p.Currency, "invoice %s is in %s, the payment in %s", a.InvoiceNumber, k.Currency, p.Currency)
			return nil
		case p.CustomerID != 0 && k.CustomerID != p.CustomerID:
			im.problem(row, "invoice_number", a.InvoiceNumber, "invoice %s belongs to another customer", a.InvoiceNumber)
			return nil
		}
		seen[a.InvoiceNumber] = true
		a.InvoiceID = k.ID
		if p.CustomerID == 0 {
			p.CustomerID = k.CustomerID
		}
		total += a.Amount
	}
	if abs(total) > abs(p.Amount) {
		im.problem(cur.row, "allocated", ledger.FormatAmount(total, p.Currency), "allocations of payment %s add up to more than its amount %s",
			p.Reference, ledger.FormatAmount(p.Amount, p.Currency))
		return nil
	}
	h := paymentHash(p)
	if found && existing.Hash == h {
		im.rep.Unchanged++
		return nil
	}
	// the invoice's open amount after this payment, net of what this payment
	// allocated before (on an update), must stay between 0 and its amount
	var old map[int64]int64
	if found {
		old, err = im.db().PaymentAllocations(existing.ID)
		if err != nil {
			return err
		}
	}
	for i, a := range p.Allocations {
		k := keys[a.InvoiceNumber]
		open := k.OpenAmount + old[k.ID] - a.Amount
		if (k.Amount >= 0 && (open < 0 || open > k.Amount)) || (k.Amount < 0 && (open > 0 || open < k.Amount)) {
			im.problem(cur.rows[i], "allocated", ledger.FormatAmount(a.Amount, p.Currency),
				"allocating %s to invoice %s would leave an open amount of %s", ledger.FormatAmount(a.Amount, p.Currency), a.InvoiceNumber,
				ledger.FormatAmount(open, p.Currency))
			return nil
		}
	}
	if found {
		p.ID = existing.ID
		if err := im.db().UpdatePayment(p, h, im.importID); err != nil {
			return err
		}
		im.rep.Updated++
		return nil
	}
	if _, err := im.db().InsertPayment(p, h); err != nil {
		return err
	}
	im.rep.Inserted++
	return nil
}
