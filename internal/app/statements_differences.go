package app

import (
	"fmt"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/bank/match"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// uncapped returns, per item, what full allocates beyond capped: the short
// payment within tolerance that the matcher accepted as paid.
func uncapped(full, capped []match.Allocation) []match.Allocation {
	paid := make(map[int64]int64, len(capped))
	for _, a := range capped {
		paid[a.InvoiceID] += a.Amount
	}
	var out []match.Allocation
	for _, a := range full {
		if rest := a.Amount - paid[a.InvoiceID]; rest != 0 {
			a.Amount = rest
			out = append(out, a)
		}
		delete(paid, a.InvoiceID)
	}
	return out
}

// writeOff writes off a short payment within the entity's tolerance with
// an adjustment per item (kind write_off, caused by the bank transaction),
// so the items close.
func (im *statementImport) writeOff(ms *matchState, txID int64, e bank.Entry, date ledger.Date, rest []match.Allocation) error {
	for _, a := range rest {
		if _, err := im.tx.InsertAdjustment(store.Adjustment{EntityID: ms.entity.ID, InvoiceID: a.InvoiceID, Kind: store.AdjustWriteOff,
			Date: date, Currency: e.Currency, Amount: a.Amount,
			Reason:  fmt.Sprintf("short payment within tolerance (%s)", ledger.Money{Amount: ms.tol, Currency: e.Currency}),
			RefKind: "bank_transaction", RefID: txID, User: im.actor.Username}); err != nil {
			return fmt.Errorf("write off the short payment on %s: %w", a.Number, err)
		}
	}
	return nil
}

// shortOpen returns what a certain match leaves open on the items it
// allocated, for the customer of the first item left open (a payment
// difference is one customer's): a partial payment beyond tolerance.
func shortOpen(ix *match.Index, a match.Suggestion) (short int64, customerID int64, invoices []int64) {
	for _, al := range a.Allocations {
		open, ok := ix.Open(al.InvoiceID)
		if !ok || open <= 0 || customerID != 0 && al.CustomerID != customerID {
			continue
		}
		customerID = al.CustomerID
		short += open
		invoices = append(invoices, al.InvoiceID)
	}
	return short, customerID, invoices
}

// shortPayment raises the payment difference an automatic match left
// (p.short beyond the entity's tolerance, computed when it was matched): a
// dispute (reason short payment, with the remittance text) for a person to
// settle with the customer, in the import's transaction. The items stay
// open for what was not paid; the dunning run leaves disputed items alone.
func (im *statementImport) shortPayment(ms *matchState, paymentID int64, p *pending) error {
	e := p.entry
	if _, err := im.s.raisePaymentDifference(im.tx, PaymentDifference{EntityID: ms.entity.ID, CustomerID: p.shortCust, InvoiceIDs: p.shortInvs,
		Short: ledger.Money{Amount: p.short, Currency: e.Currency}, PaymentID: paymentID, BookingDate: p.date,
		Remittance: e.Remittance, Payer: e.Counterparty.Name}); err != nil {
		return fmt.Errorf("payment difference of %s: %w", e.Counterparty.Name, err)
	}
	im.rep.ShortPayments++
	return nil
}
