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

// DisputedInvoice is one invoice of a new dispute and the part of it that
// is disputed (0: all that is open on it).
type DisputedInvoice struct {
	InvoiceID int64
	Amount    int64
}

// NewDispute is a dispute as a person (or the ERP through the API) opens it.
type NewDispute struct {
	CustomerID  int64
	Invoices    []DisputedInvoice
	Reason      string
	Description string
	Source      string // store.DisputeManual (default) or store.DisputeAPI
}

// CanManageDisputes reports whether the user may edit routing rules,
// reasons and queues and approve write-offs above the threshold.
func CanManageDisputes(u ledger.User) bool { return CanManageDunning(u) }

// OpenDispute opens a dispute on one or more invoices of a customer
// (controllers and up); routing decides its owner and priority, the reason
// its due date. The disputed amounts are held from dunning until it ends.
func (s *Service) OpenDispute(ctx context.Context, u ledger.User, nd NewDispute) (int64, error) {
	c, err := s.writableCustomer(ctx, u, nd.CustomerID)
	if err != nil {
		return 0, err
	}
	if len(nd.Invoices) == 0 {
		return 0, ledger.Errorf(ledger.ErrInvalid, "a dispute needs at least one invoice")
	}
	reasons, err := s.store.DisputeReasons(ctx)
	if err != nil {
		return 0, err
	}
	if !slices.ContainsFunc(reasons, func(r disputes.Reason) bool { return r.Code == nd.Reason && r.Active }) {
		return 0, ledger.Errorf(ledger.ErrInvalid, "unknown reason %q", nd.Reason)
	}
	ids := make([]int64, len(nd.Invoices))
	for i, di := range nd.Invoices {
		ids[i] = di.InvoiceID
	}
	invs, err := s.checkItems(ctx, u, c, ids)
	if err != nil {
		return 0, err
	}
	d := store.Dispute{EntityID: c.EntityID, CustomerID: c.ID, Reason: nd.Reason, Description: strings.TrimSpace(nd.Description),
		Opened: s.Today(), Source: cmpOr(nd.Source, store.DisputeManual), OpenedBy: u.Username}
	for i, inv := range invs {
		amount := nd.Invoices[i].Amount
		if amount == 0 {
			amount = inv.OpenAmount
		}
		switch {
		case slices.Contains(ids[:i], inv.ID):
			return 0, ledger.Errorf(ledger.ErrInvalid, "invoice %s is named twice", inv.Number)
		case inv.Kind == ledger.InvoiceKindCreditNote || inv.OpenAmount <= 0:
			return 0, ledger.Errorf(ledger.ErrInvalid, "invoice %s has nothing open to dispute", inv.Number)
		case amount < 0 || amount > inv.OpenAmount:
			return 0, ledger.Errorf(ledger.ErrInvalid, "the disputed amount of %s must be between 0 and the open %s", inv.Number,
				ledger.FormatAmount(inv.OpenAmount, inv.Currency))
		case d.Currency != "" && inv.Currency != d.Currency:
			return 0, ledger.Errorf(ledger.ErrInvalid, "the invoices of one dispute must be in one currency")
		}
		d.Currency = inv.Currency
		d.Items = append(d.Items, store.DisputeItem{InvoiceID: inv.ID, Amount: amount, ProductGroup: inv.ProductGroup})
	}
	var id int64
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		id, err = s.insertDispute(tx, d)
		return err
	})
	if err == nil {
		s.log.Info("dispute opened", "dispute", id, "customer", c.Number, "user", u.Username)
	}
	return id, err
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// DisputeDetail is a dispute with its history and attachments.
type DisputeDetail struct {
	store.Dispute
	Events      []store.DisputeEvent
	Attachments []store.DisputeAttachment // without their data
}

// Dispute returns a dispute the user may see, with its history.
func (s *Service) Dispute(ctx context.Context, u ledger.User, id int64) (DisputeDetail, error) {
	d, err := s.store.Dispute(ctx, u.Scope(), id)
	if err != nil {
		return DisputeDetail{}, err
	}
	dd := DisputeDetail{Dispute: d}
	if dd.Events, err = s.store.DisputeEvents(ctx, id); err != nil {
		return dd, err
	}
	dd.Attachments, err = s.store.DisputeAttachments(ctx, id)
	return dd, err
}

// Disputes lists the disputes the user may see.
func (s *Service) Disputes(ctx context.Context, u ledger.User, f store.DisputeFilter) ([]store.Dispute, int, error) {
	f.Scope = u.Scope()
	return s.store.Disputes(ctx, f)
}

// MyQueues returns the codes of the queues the user belongs to or manages.
func (s *Service) MyQueues(ctx context.Context, u ledger.User) ([]string, error) {
	qs, err := s.store.DisputeQueues(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, q := range qs {
		if q.Manager == u.Username || slices.Contains(q.Members, u.Username) {
			out = append(out, q.Code)
		}
	}
	return out, nil
}

// changeDispute runs fn on a dispute the user may change, in one
// transaction, with the dispute as the transaction reads it.
func (s *Service) changeDispute(ctx context.Context, u ledger.User, id int64, fn func(tx *store.Tx, d store.Dispute) error) error {
	if err := requireWrite(u); err != nil {
		return err
	}
	if _, err := s.store.Dispute(ctx, u.Scope(), id); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		d, err := tx.Dispute(id)
		if err != nil {
			return err
		}
		return fn(tx, d)
	})
}

// CommentDispute adds a comment to a dispute's history.
func (s *Service) CommentDispute(ctx context.Context, u ledger.User, id int64, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return ledger.Errorf(ledger.ErrInvalid, "a comment needs a text")
	}
	return s.changeDispute(ctx, u, id, func(tx *store.Tx, d store.Dispute) error {
		_, err := tx.AddDisputeEvent(store.DisputeEvent{DisputeID: id, User: u.Username, Kind: store.EvComment, Note: text})
		return err
	})
}

// SetDisputeStatus moves a dispute along its workflow (open, in progress,
// waiting for the customer); resolving and rejecting go through
// ResolveDispute, which says how.
func (s *Service) SetDisputeStatus(ctx context.Context, u ledger.User, id int64, to disputes.Status, note string) error {
	if to.Final() {
		return ledger.Errorf(ledger.ErrInvalid, "a dispute is resolved or rejected with a resolution, not a status change")
	}
	return s.changeDispute(ctx, u, id, func(tx *store.Tx, d store.Dispute) error {
		if err := disputes.CanMove(d.Status, to); err != nil {
			return ledger.Errorf(ledger.ErrInvalid, "%s", err.Error())
		}
		ok, err := tx.SetDisputeStatus(id, d.Status, to)
		if err != nil {
			return err
		}
		if !ok {
			return ledger.Errorf(ledger.ErrConflict, "the dispute was changed meanwhile; please look again")
		}
		_, err = tx.AddDisputeEvent(store.DisputeEvent{DisputeID: id, User: u.Username, Kind: store.EvStatus,
			From: string(d.Status), To: string(to), Note: strings.TrimSpace(note)})
		return err
	})
}

// Reassignment is a new owner and priority for a dispute.
type Reassignment struct {
	Queue    string // "" keeps the queue
	Assignee string // "" leaves it to the queue
	Priority disputes.Priority
	Note     string
}

// ReassignDispute gives a dispute another owner or priority (logged, and
// the new owner notified).
func (s *Service) ReassignDispute(ctx context.Context, u ledger.User, id int64, r Reassignment) error {
	if r.Priority != "" && !r.Priority.Valid() {
		return ledger.Errorf(ledger.ErrInvalid, "unknown priority %q", r.Priority)
	}
	if r.Assignee != "" {
		if _, err := s.store.UserByName(ctx, r.Assignee); err != nil {
			return ledger.Errorf(ledger.ErrInvalid, "unknown user %q", r.Assignee)
		}
	}
	qs, err := s.store.DisputeQueues(ctx)
	if err != nil {
		return err
	}
	if r.Queue != "" && !slices.ContainsFunc(qs, func(q store.DisputeQueue) bool { return q.Code == r.Queue }) {
		return ledger.Errorf(ledger.ErrInvalid, "unknown queue %q", r.Queue)
	}
	return s.changeDispute(ctx, u, id, func(tx *store.Tx, d store.Dispute) error {
		if d.Status.Final() {
			return ledger.Errorf(ledger.ErrInvalid, "the dispute is %s: it cannot change any more", d.Status)
		}
		queue, prio := cmpOr(r.Queue, d.Queue), disputes.Priority(cmpOr(string(r.Priority), string(d.Priority)))
		if queue == d.Queue && r.Assignee == d.Assignee && prio == d.Priority {
			return ledger.Errorf(ledger.ErrInvalid, "nothing to change")
		}
		if err := tx.AssignDispute(id, queue, r.Assignee, prio); err != nil {
			return err
		}
		from, to := d.Owner()+" ("+string(d.Priority)+")", cmpOr(r.Assignee, queue)+" ("+string(prio)+")"
		if _, err := tx.AddDisputeEvent(store.DisputeEvent{DisputeID: id, User: u.Username, Kind: store.EvReassign, From: from, To: to,
			Note: strings.TrimSpace(r.Note)}); err != nil {
			return err
		}
		if queue == d.Queue && r.Assignee == d.Assignee {
			return nil // only the priority changed
		}
		return s.notifyOwners(tx, id, queue, r.Assignee, store.NotifyAssigned)
	})
}

// MaxAttachment is the largest attachment a dispute accepts (5 MiB): they
// are stored in the database.
const MaxAttachment = 5 << 20

// AttachToDispute stores a file with a dispute.
func (s *Service) AttachToDispute(ctx context.Context, u ledger.User, id int64, name, contentType string, data []byte) (int64, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return 0, ledger.Errorf(ledger.ErrInvalid, "an attachment needs a file name")
	case len(data) == 0:
		return 0, ledger.Errorf(ledger.ErrInvalid, "attachment %s is empty", name)
	case len(data) > MaxAttachment:
		return 0, ledger.Errorf(ledger.ErrInvalid, "attachment %s is %d bytes; the limit is %d MiB", name, len(data), MaxAttachment>>20)
	}
	var aid int64
	err := s.changeDispute(ctx, u, id, func(tx *store.Tx, d store.Dispute) error {
		var err error
		if aid, err = tx.InsertDisputeAttachment(store.DisputeAttachment{DisputeID: id, Filename: name, ContentType: contentType,
			Data: data, User: u.Username}); err != nil {
			return err
		}
		_, err = tx.AddDisputeEvent(store.DisputeEvent{DisputeID: id, User: u.Username, Kind: store.EvAttachment, To: name,
			Note: fmt.Sprintf("%d bytes", len(data))})
		return err
	})
	return aid, err
}

// DisputeAttachment returns an attachment with its data, when the user may
// see its dispute.
func (s *Service) DisputeAttachment(ctx context.Context, u ledger.User, disputeID, id int64) (store.DisputeAttachment, error) {
	if _, err := s.store.Dispute(ctx, u.Scope(), disputeID); err != nil {
		return store.DisputeAttachment{}, err
	}
	return s.store.DisputeAttachment(ctx, disputeID, id)
}
