package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// PaymentDifference is a payment that left part of its invoices unpaid:
// the bank-statement import reports it so a dispute ("short payment") is
// raised with the payer's remittance text.
type PaymentDifference struct {
	EntityID, CustomerID int64
	InvoiceIDs           []int64
	Short                ledger.Money // positive: the amount still unpaid
	PaymentID            int64
	BookingDate          ledger.Date
	Remittance, Payer    string
}

// raisePaymentDifference opens a dispute with reason short_payment for a
// payment difference, in the caller's transaction, routed by the rules.
// It is idempotent per payment: a second call for the same payment
// returns the dispute the first one opened. The short amount is spread
// over the invoices in the order given, each up to what is open on it.
func (s *Service) raisePaymentDifference(tx *store.Tx, d PaymentDifference) (int64, error) {
	if d.PaymentID != 0 {
		id, err := tx.DisputeOfPayment(d.PaymentID)
		if err != nil || id != 0 {
			return id, err
		}
	}
	if d.Short.Amount <= 0 {
		return 0, ledger.Errorf(ledger.ErrInvalid, "a payment difference must leave a positive amount unpaid, not %d", d.Short.Amount)
	}
	invs, err := tx.DisputeInvoices(d.InvoiceIDs)
	if err != nil {
		return 0, err
	}
	parts := make([]disputes.Part, len(invs))
	for i, inv := range invs {
		if inv.EntityID != d.EntityID || inv.CustomerID != d.CustomerID || inv.Currency != d.Short.Currency {
			return 0, ledger.Errorf(ledger.ErrInvalid, "invoice %s is not the customer's, or not in %s", inv.Number, d.Short.Currency)
		}
		parts[i] = disputes.Part{InvoiceID: inv.ID, Disputed: inv.Open, Open: inv.Open}
	}
	amounts, _ := disputes.Spread(parts, d.Short.Amount)
	opened := d.BookingDate
	if opened.IsZero() {
		opened = s.Today()
	}
	desc := fmt.Sprintf("Short payment of %s on %s", d.Short, opened)
	if d.Payer != "" {
		desc += " by " + d.Payer
	}
	if d.Remittance != "" {
		desc += ". Remittance: " + d.Remittance
	}
	nd := store.Dispute{EntityID: d.EntityID, CustomerID: d.CustomerID, Reason: disputes.ShortPayment, Description: desc,
		Currency: d.Short.Currency, Opened: opened, Source: store.DisputePayment, PaymentID: d.PaymentID, OpenedBy: "bank"}
	for i, inv := range invs {
		if amounts[i] > 0 {
			nd.Items = append(nd.Items, store.DisputeItem{InvoiceID: inv.ID, Amount: amounts[i], ProductGroup: inv.ProductGroup})
		}
	}
	if len(nd.Items) == 0 {
		return 0, ledger.Errorf(ledger.ErrInvalid, "nothing is open on the invoices of payment %d to dispute", d.PaymentID)
	}
	return s.insertDispute(tx, nd)
}

// insertDispute routes a new dispute, sets its SLA due date, stores it
// with its first history entry and notifies its owners, in tx. Items carry
// their amounts (and product groups); Opened is set.
func (s *Service) insertDispute(tx *store.Tx, d store.Dispute) (int64, error) {
	ctx := tx.Context()
	reasons, err := s.store.DisputeReasons(ctx)
	if err != nil {
		return 0, err
	}
	i := slices.IndexFunc(reasons, func(r disputes.Reason) bool { return r.Code == d.Reason })
	if i < 0 {
		return 0, ledger.Errorf(ledger.ErrInvalid, "unknown reason %q", d.Reason)
	}
	d.Amount = 0
	groups := map[string]int64{}
	for _, it := range d.Items {
		if it.Amount <= 0 {
			return 0, ledger.Errorf(ledger.ErrInvalid, "the disputed amount of each invoice must be positive")
		}
		d.Amount += it.Amount
		groups[it.ProductGroup] += it.Amount
	}
	// the product group of the dispute is that of the largest disputed part
	for g, a := range groups {
		if a > groups[d.ProductGroup] || (a == groups[d.ProductGroup] && g < d.ProductGroup) {
			d.ProductGroup = g
		}
	}
	facts, err := tx.DisputeFacts(d.CustomerID)
	if err != nil {
		return 0, err
	}
	facts.Reason, facts.Currency, facts.Amount, facts.ProductGroup = d.Reason, d.Currency, d.Amount, d.ProductGroup
	rules, err := tx.EntityDisputeRules(d.EntityID)
	if err != nil {
		return 0, err
	}
	route := disputes.Route(rules, facts, disputes.DefaultQueue)
	d.Queue, d.Assignee, d.Priority, d.RuleID = route.Queue, route.Assignee, route.Priority, route.RuleID
	d.Status = disputes.Open
	d.Due = disputes.DueDate(d.Opened, reasons[i].SLADays)
	id, err := tx.InsertDispute(d)
	if err != nil {
		return 0, err
	}
	note := "routed to the default queue " + d.Queue
	if route.RuleID != 0 {
		note = fmt.Sprintf("routed by rule %d to %s", route.RuleID, d.Owner())
	}
	if _, err := tx.AddDisputeEvent(store.DisputeEvent{DisputeID: id, User: d.OpenedBy, Kind: store.EvOpened, To: d.Owner(),
		Note: note}); err != nil {
		return 0, err
	}
	return id, s.notifyOwners(tx, id, d.Queue, d.Assignee, store.NotifyNew)
}

// notifyOwners tells the assignee, else every member of the queue (else
// its manager), about a dispute.
func (s *Service) notifyOwners(tx *store.Tx, id int64, queue, assignee, kind string) error {
	users := []string{assignee}
	if assignee == "" {
		q, err := s.queue(tx.Context(), queue)
		if err != nil {
			return err
		}
		users = q.Members
		if len(users) == 0 && q.Manager != "" {
			users = []string{q.Manager}
		}
	}
	for _, u := range users {
		if err := tx.Notify(id, u, kind); err != nil {
			return err
		}
	}
	return nil
}

// queue returns a queue by code (a queue not configured is empty).
func (s *Service) queue(ctx context.Context, code string) (store.DisputeQueue, error) {
	qs, err := s.store.DisputeQueues(ctx)
	if err != nil {
		return store.DisputeQueue{}, err
	}
	for _, q := range qs {
		if strings.EqualFold(q.Code, code) {
			return q, nil
		}
	}
	return store.DisputeQueue{Code: code}, nil
}
