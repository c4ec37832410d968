package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/disputes"
	"github.com/kredo-dev/kredo/internal/dunning"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// Resolution is how a dispute ends.
type Resolution struct {
	Kind   string // store.ResolveCreditNote, ResolveCreditPending, ResolveWriteOff or ResolveRejected
	Amount int64  // credited or written off, minor units; 0: the whole disputed amount
	Ref    string // the ERP's credit note number (ResolveCreditNote)
	Note   string
}

// rejectionPayDays is the term a customer gets to pay after a rejection.
const rejectionPayDays = 14

// ResolveDispute ends a dispute:
//   - credit_note: the ERP's credit note (already imported, named by Ref)
//     settles it; Kredo books nothing itself;
//   - credit_pending: a credit note agreed here, booked as a pending-credit
//     adjustment on the invoices (listed for the ERP to book);
//   - write_off: written off by adjustments; above the entity's threshold a
//     controller's write-off waits for a credit manager (pending is true);
//   - rejected: the amount is owed; the customer is told in their language.
//
// A credit or write-off of less than the disputed amount is partial: the
// rest is dunned again. Every way, the dispute stops holding dunning.
func (s *Service) ResolveDispute(ctx context.Context, u ledger.User, id int64, r Resolution) (pending bool, err error) {
	threshold := int64(0)
	var tpl *comms.Templates
	switch r.Kind {
	case store.ResolveWriteOff:
		d, err := s.store.Dispute(ctx, u.Scope(), id)
		if err != nil {
			return false, err
		}
		if threshold, err = s.store.WriteOffThreshold(ctx, d.EntityID); err != nil {
			return false, err
		}
	case store.ResolveRejected:
		if tpl, err = s.templates(ctx); err != nil {
			return false, err
		}
	case store.ResolveCreditNote:
		if strings.TrimSpace(r.Ref) == "" {
			return false, ledger.Errorf(ledger.ErrInvalid, "name the ERP's credit note")
		}
	case store.ResolveCreditPending:
	default:
		return false, ledger.Errorf(ledger.ErrInvalid, "unknown resolution %q", r.Kind)
	}
	err = s.changeDispute(ctx, u, id, func(tx *store.Tx, d store.Dispute) error {
		if d.Status.Final() {
			return ledger.Errorf(ledger.ErrInvalid, "the dispute is %s already", d.Status)
		}
		amount := r.Amount
		if amount == 0 && r.Kind != store.ResolveRejected {
			amount = d.Amount
		}
		if amount < 0 || amount > d.Amount {
			return ledger.Errorf(ledger.ErrInvalid, "the amount must be between 0 and the disputed %s", ledger.FormatAmount(d.Amount, d.Currency))
		}
		switch r.Kind {
		case store.ResolveCreditNote:
			if err := s.checkCreditNote(ctx, d, strings.TrimSpace(r.Ref)); err != nil {
				return err
			}
		case store.ResolveCreditPending:
			if err := s.adjustFor(tx, d, store.AdjustCreditPending, amount, u.Username); err != nil {
				return err
			}
		case store.ResolveWriteOff:
			if disputes.WriteOffNeedsApproval(amount, threshold) && !CanManageDisputes(u) {
				pending = true
				if err := tx.RequestWriteOff(id, amount, u.Username); err != nil {
					return err
				}
				_, err := tx.AddDisputeEvent(store.DisputeEvent{DisputeID: id, User: u.Username, Kind: store.EvWriteOffReq,
					To: ledger.FormatAmount(amount, d.Currency), Note: strings.TrimSpace(r.Note)})
				return err
			}
			if err := s.adjustFor(tx, d, store.AdjustWriteOff, amount, u.Username); err != nil {
				return err
			}
		case store.ResolveRejected:
			amount = 0
		}
		return s.close(tx, d, u.Username, r.Kind, amount, strings.TrimSpace(r.Ref), strings.TrimSpace(r.Note), tpl)
	})
	return pending, err
}

// ApproveWriteOff carries out a write-off a controller asked for (credit
// managers only).
func (s *Service) ApproveWriteOff(ctx context.Context, u ledger.User, id int64) error {
	if !CanManageDisputes(u) {
		return ledger.Errorf(ledger.ErrForbidden, "only a credit manager may approve a write-off")
	}
	return s.changeDispute(ctx, u, id, func(tx *store.Tx, d store.Dispute) error {
		if d.PendingAmount == 0 || d.Status.Final() {
			return ledger.Errorf(ledger.ErrInvalid, "no write-off waits for approval on this dispute")
		}
		if err := s.adjustFor(tx, d, store.AdjustWriteOff, d.PendingAmount, u.Username); err != nil {
			return err
		}
		note := fmt.Sprintf("requested by %s, approved by %s", d.PendingBy, u.Username)
		return s.close(tx, d, u.Username, store.ResolveWriteOff, d.PendingAmount, "", note, nil)
	})
}

// close records the resolution, logs it and, for a rejection, queues the
// notice to the customer.
func (s *Service) close(tx *store.Tx, d store.Dispute, user, kind string, amount int64, ref, note string, tpl *comms.Templates) error {
	today := s.Today()
	ok, err := tx.CloseDispute(d.ID, d.Status, kind, amount, today, ref)
	if err != nil {
		return err
	}
	if !ok {
		return ledger.Errorf(ledger.ErrConflict, "the dispute was changed meanwhile; please look again")
	}
	to := kind
	if amount != 0 {
		to += " " + ledger.FormatAmount(amount, d.Currency)
	}
	if ref != "" {
		to += " (" + ref + ")"
	}
	if _, err := tx.AddDisputeEvent(store.DisputeEvent{DisputeID: d.ID, User: user, Kind: store.EvResolved, From: string(d.Status),
		To: to, Note: note}); err != nil {
		return err
	}
	if kind != store.ResolveRejected {
		return nil
	}
	m, ok, err := s.rejectionNotice(tx.Context(), tpl, d, today)
	if err != nil || !ok {
		return err
	}
	_, err = tx.QueueMessage(m)
	return err
}

// adjustFor books a credit or write-off of amount over the dispute's
// invoices (each up to its disputed part and what is open on it).
func (s *Service) adjustFor(tx *store.Tx, d store.Dispute, kind string, amount int64, user string) error {
	parts := make([]disputes.Part, len(d.Items))
	for i, it := range d.Items {
		parts[i] = disputes.Part{InvoiceID: it.InvoiceID, Disputed: it.Amount, Open: it.Open}
	}
	amounts, rest := disputes.Spread(parts, amount)
	if rest > 0 {
		return ledger.Errorf(ledger.ErrInvalid, "only %s is still open of what is disputed", ledger.FormatAmount(amount-rest, d.Currency))
	}
	for i, a := range amounts {
		if a == 0 {
			continue
		}
		if _, err := tx.InsertAdjustment(store.Adjustment{EntityID: d.EntityID, InvoiceID: d.Items[i].InvoiceID, Kind: kind,
			Date: s.Today(), Currency: d.Currency, Amount: a, Reason: "dispute " + d.Reason, RefKind: "dispute", RefID: d.ID,
			User: user}); err != nil {
			return err
		}
	}
	return nil
}

// checkCreditNote checks the ERP's credit note is known for the customer.
func (s *Service) checkCreditNote(ctx context.Context, d store.Dispute, number string) error {
	invs, _, err := s.store.Invoices(ctx, ledger.InvoiceFilter{Scope: ledger.Scope{All: true}, EntityID: d.EntityID,
		CustomerID: d.CustomerID, Kind: ledger.InvoiceKindCreditNote, Number: number, Limit: 1})
	if err != nil {
		return err
	}
	if len(invs) == 0 || invs[0].Number != number {
		return ledger.Errorf(ledger.ErrInvalid, "no credit note %s of this customer has been imported; record a pending credit note instead", number)
	}
	return nil
}

// rejectionNotice renders the notice of a rejected dispute: the invoices
// with what is open on them, to pay within 14 days; an e-mail, or a letter
// when the customer has no e-mail address. ok is false when nothing is
// open any more (nothing to tell).
func (s *Service) rejectionNotice(ctx context.Context, tpl *comms.Templates, d store.Dispute, today ledger.Date) (store.Message, bool, error) {
	c, err := s.store.Customer(ctx, ledger.Scope{All: true}, d.CustomerID)
	if err != nil {
		return store.Message{}, false, err
	}
	e, err := s.store.EntityByCode(ctx, c.EntityCode)
	if err != nil {
		return store.Message{}, false, err
	}
	name, _, lang := contactFor(c)
	l := comms.Letter{Template: comms.DisputeRejected, Language: lang, Entity: e, Customer: c, Contact: name, Date: today,
		Currency: d.Currency, PayBy: today.AddDays(rejectionPayDays), Consumer: c.Kind == ledger.KindConsumer}
	for _, it := range d.Items {
		if it.Open <= 0 {
			continue
		}
		inv, err := s.store.Invoice(ctx, ledger.Scope{All: true}, it.InvoiceID)
		if err != nil {
			return store.Message{}, false, err
		}
		l.Lines = append(l.Lines, comms.Line{Number: inv.Number, InvoiceDate: inv.InvoiceDate, DueDate: inv.DueDate,
			DaysOverdue: inv.DaysOverdue(today), Amount: inv.OpenAmount})
		l.Total += inv.OpenAmount
	}
	if len(l.Lines) == 0 {
		return store.Message{}, false, nil
	}
	m, err := customerMessage(tpl, l, e, c, "dispute", d.ID)
	return m, err == nil, err
}

// customerMessage renders a letter to a customer for the outbox: an
// e-mail, or a letter to print when the customer has no e-mail address.
// kind and id make its Message-ID unique ("<kredo.plan.12.7@nl01.kredo>").
func customerMessage(tpl *comms.Templates, l comms.Letter, e ledger.Entity, c ledger.Customer, kind string, id int64) (store.Message, error) {
	name, email, lang := contactFor(c)
	em, err := tpl.Email(l)
	if err != nil {
		return store.Message{}, fmt.Errorf("render %s: %w", l.Template, err)
	}
	m := store.Message{EntityID: e.ID, CustomerID: c.ID, Channel: dunning.Email, Language: lang, Template: l.Template,
		ToAddress: email, ToName: name, Subject: em.Subject, BodyText: em.Text, BodyHTML: em.HTML, Status: store.MsgPending,
		MessageID: fmt.Sprintf("<kredo.%s.%d.%d@%s>", kind, id, c.ID, strings.ToLower(e.Code)+".kredo")}
	if email == "" {
		data, err := json.Marshal(l)
		if err != nil {
			return m, fmt.Errorf("letter data: %w", err)
		}
		m.Channel, m.Status, m.Letter, m.BodyHTML = dunning.Letter, store.MsgToPrint, string(data), ""
		m.ToAddress = strings.TrimSpace(c.AddressLine + ", " + c.PostalCode + " " + c.City)
		m.MessageID = strings.Replace(m.MessageID, "kredo."+kind+".", "kredo."+kind+"-letter.", 1)
	}
	return m, nil
}
