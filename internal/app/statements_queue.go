package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kredo-dev/kredo/internal/bank/match"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// BankQueue is what waits for a person in an entity's bank transactions:
// money in that Kredo could not match with certainty, each line with its
// suggestions as they stand now.
type BankQueue struct {
	Entity    ledger.Entity
	Tolerance int64 // the entity's tolerance for short payments (minor units)
	Lines     []QueueLine
}

// QueueLine is one bank transaction waiting for a person.
type QueueLine struct {
	store.BankTransaction
	Payer       string // the customer the payer's IBAN is known for, "" if none
	Suggestions []QueueSuggestion
}

// QueueSuggestion is one ranked way to allocate a queued line.
type QueueSuggestion struct {
	match.Suggestion
	CustomerName string
}

// maxQueue is how many lines the queue shows at once, oldest first.
const maxQueue = 200

// bankEntity returns the entity if the user may see it.
func (s *Service) bankEntity(ctx context.Context, u ledger.User, entityID int64) (ledger.Entity, error) {
	es, err := s.store.Entities(ctx, u.Scope())
	if err != nil {
		return ledger.Entity{}, fmt.Errorf("entities: %w", err)
	}
	for _, e := range es {
		if e.ID == entityID {
			return e, nil
		}
	}
	return ledger.Entity{}, ledger.Errorf(ledger.ErrNotFound, "unknown entity")
}

// BankQueue returns the entity's queue: the incoming lines waiting for a
// person (suggested or unmatched), oldest first, each matched again
// against today's open items and known IBANs, so what was paid or learned
// since the import counts.
func (s *Service) BankQueue(ctx context.Context, u ledger.User, entityID int64) (BankQueue, error) {
	e, err := s.bankEntity(ctx, u, entityID)
	if err != nil {
		return BankQueue{}, err
	}
	q := BankQueue{Entity: e}
	if err := s.store.EachBankTransaction(ctx, store.BankTransactionFilter{Scope: u.Scope(), EntityID: entityID, Kind: match.KindIncoming,
		States: []string{store.MatchSuggested, store.MatchUnmatched}, Limit: maxQueue}, func(b store.BankTransaction) error {
		q.Lines = append(q.Lines, QueueLine{BankTransaction: b})
		return nil
	}); err != nil {
		return q, err
	}
	// read outside a write transaction: a page view must not hold up an
	// import or a decision while it reads and indexes the open items
	if q.Tolerance, err = s.store.BankTolerance(ctx, entityID); err != nil || len(q.Lines) == 0 {
		return q, err
	}
	ix, names, ibans, err := s.entityIndex(ctx, entityID)
	if err != nil {
		return q, err
	}
	for i := range q.Lines {
		l := &q.Lines[i]
		res := ix.Match(match.Line{Amount: l.Amount, Currency: l.Currency, Date: l.BookingDate, CounterpartyName: l.CounterpartyName,
			CounterpartyIBAN: l.CounterpartyIBAN, Remittance: l.Remittance, StructuredRef: l.StructuredRef, EndToEndID: l.EndToEndID},
			match.Options{Tolerance: q.Tolerance})
		if c, ok := ibans[normIBAN(l.CounterpartyIBAN)]; ok {
			l.Payer = names[c]
		}
		for _, sg := range res.Suggestions {
			l.Suggestions = append(l.Suggestions, QueueSuggestion{Suggestion: sg, CustomerName: names[sg.CustomerID]})
		}
	}
	return q, err
}

// entityIndex builds the matcher of an entity from its open items and
// known IBANs, with its customers' names by id.
func (s *Service) entityIndex(ctx context.Context, entityID int64) (*match.Index, map[int64]string, map[string]int64, error) {
	items, err := s.store.OpenItems(ctx, entityID)
	if err != nil {
		return nil, nil, nil, err
	}
	ibans, err := s.store.CustomerIBANs(ctx, entityID)
	if err != nil {
		return nil, nil, nil, err
	}
	names := map[int64]string{}
	for _, it := range items {
		names[it.CustomerID] = it.CustomerName
	}
	missing := []int64{}
	for _, c := range ibans {
		if _, ok := names[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		ns, err := s.store.CustomerNames(ctx, entityID, missing)
		if err != nil {
			return nil, nil, nil, err
		}
		for id, n := range ns {
			names[id] = n
		}
	}
	return match.NewIndex(items, match.Known{IBANs: ibans}), names, ibans, nil
}

// BankDecision is what a person decided for a queued line.
type BankDecision struct {
	// CustomerID is the payer; 0: the customer of the items. Required when
	// no items are named (unallocated cash on the customer's account).
	CustomerID int64
	Items      []ItemAmount // the items paid and how much of each; none: on account
	// LearnIBAN remembers the payer's IBAN for the customer, so the next
	// payment from that account matches by account and amount.
	LearnIBAN bool
}

// ItemAmount is part of a payment allocated to one invoice (minor units).
type ItemAmount struct {
	InvoiceID int64
	Amount    int64
}

// decide runs a person's decision on a bank transaction in one
// transaction: it checks that the user may write to the transaction's
// entity and that the line is in one of the states allowed, and logs the
// decision with the user and time.
func (s *Service) decide(ctx context.Context, u ledger.User, txID int64, states []string,
	fn func(tx *store.Tx, b store.BankTransaction, entityID int64) (store.BankDecision, error)) error {
	if err := requireWrite(u); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		b, entityID, err := tx.BankTransactionEntity(txID)
		if err != nil {
			return err
		}
		if !u.Scope().Allows(entityID) {
			return ledger.Errorf(ledger.ErrNotFound, "unknown bank transaction %d", txID)
		}
		if !slices.Contains(states, b.State) {
			return ledger.Errorf(ledger.ErrConflict, "this payment was decided already (%s)", b.State)
		}
		d, err := fn(tx, b, entityID)
		if err != nil {
			return err
		}
		d.TransactionID, d.EntityID, d.PreviousState, d.User = txID, entityID, b.State, u.Username
		if _, err := tx.InsertBankDecision(d); err != nil {
			return err
		}
		s.log.Info("bank decision", "transaction", txID, "action", d.Action, "user", u.Username, "previous", b.State)
		return nil
	})
}

// queued are the states of a line waiting for a person.
var queued = []string{store.MatchSuggested, store.MatchUnmatched}

// AllocateBankTransaction applies a person's decision on a queued line of
// money in: a ledger payment of the line's amount for the customer,
// allocated to the items named (a suggestion accepted, or the payment split
// by hand); what is not allocated stays on the payment as credit on the
// customer's account. No items: all of it is unallocated cash.
func (s *Service) AllocateBankTransaction(ctx context.Context, u ledger.User, txID int64, d BankDecision) error {
	return s.decide(ctx, u, txID, queued, func(tx *store.Tx, b store.BankTransaction, entityID int64) (store.BankDecision, error) {
		p := ledger.Payment{EntityID: entityID, CustomerID: d.CustomerID, Date: b.BookingDate, Currency: b.Currency, Amount: b.Amount,
			Description: paymentDescription(b.CounterpartyName, b.Remittance), Source: "bank"}
		if p.Date.IsZero() {
			p.Date = b.ValueDate
		}
		var total int64
		var detail []string
		for _, it := range d.Items {
			inv, err := tx.InvoiceOpen(it.InvoiceID)
			if err != nil || inv.EntityID != entityID {
				return store.BankDecision{}, ledger.Errorf(ledger.ErrInvalid, "unknown invoice %d", it.InvoiceID)
			}
			switch {
			case inv.Currency != b.Currency:
				return store.BankDecision{}, ledger.Errorf(ledger.ErrInvalid, "invoice %s is in %s, the payment in %s", inv.Number, inv.Currency, b.Currency)
			case it.Amount == 0 || (it.Amount > 0) != (inv.Open > 0) || abs(it.Amount) > abs(inv.Open):
				return store.BankDecision{}, ledger.Errorf(ledger.ErrInvalid, "invoice %s: %s is more than its open %s", inv.Number,
					ledger.FormatAmount(it.Amount, inv.Currency), ledger.FormatAmount(inv.Open, inv.Currency))
			}
			if p.CustomerID == 0 {
				p.CustomerID = inv.CustomerID
			}
			total += it.Amount
			p.Allocations = append(p.Allocations, ledger.Allocation{InvoiceID: inv.ID, InvoiceNumber: inv.Number, Amount: it.Amount})
			detail = append(detail, inv.Number+" "+ledger.FormatAmount(it.Amount, inv.Currency))
		}
		if total > b.Amount {
			return store.BankDecision{}, ledger.Errorf(ledger.ErrInvalid, "the items add up to %s, more than the payment of %s",
				ledger.FormatAmount(total, b.Currency), ledger.FormatAmount(b.Amount, b.Currency))
		}
		if p.CustomerID == 0 {
			return store.BankDecision{}, ledger.Errorf(ledger.ErrInvalid, "name the customer the payment is for")
		}
		if c, err := tx.CustomerEntity(p.CustomerID); err != nil || c != entityID {
			return store.BankDecision{}, ledger.Errorf(ledger.ErrInvalid, "unknown customer %d", p.CustomerID)
		}
		pid, err := insertBankPayment(tx, p, b.EntryKey, b.EndToEndID)
		if err != nil {
			return store.BankDecision{}, err
		}
		if err := tx.DecideBankTransaction(txID, store.MatchManual, pid, u.Username); err != nil {
			return store.BankDecision{}, err
		}
		action := store.DecideAllocate
		if len(d.Items) == 0 {
			action = store.DecideOnAccount
		}
		if rest := b.Amount - total; rest > 0 {
			detail = append(detail, "on account "+ledger.FormatAmount(rest, b.Currency))
		}
		if d.LearnIBAN {
			if err := learnIBAN(tx, u, b, entityID, p.CustomerID); err != nil {
				return store.BankDecision{}, err
			}
		}
		return store.BankDecision{Action: action, CustomerID: p.CustomerID, PaymentID: pid, Detail: strings.Join(detail, "; ")}, nil
	})
}

// learnIBAN remembers the line's payer IBAN for the customer, logged as a
// decision of its own.
func learnIBAN(tx *store.Tx, u ledger.User, b store.BankTransaction, entityID, customerID int64) error {
	iban := normIBAN(b.CounterpartyIBAN)
	if iban == "" {
		return nil
	}
	if err := tx.LearnIBAN(entityID, customerID, iban); err != nil {
		return err
	}
	_, err := tx.InsertBankDecision(store.BankDecision{TransactionID: b.ID, EntityID: entityID, Action: store.DecideLearnIBAN,
		PreviousState: b.State, CustomerID: customerID, Detail: iban, User: u.Username})
	return err
}

// IgnoreBankTransaction sets a queued line aside: money in that is no
// customer's payment (a refund from a supplier, an internal transfer).
func (s *Service) IgnoreBankTransaction(ctx context.Context, u ledger.User, txID int64, reason string) error {
	return s.decide(ctx, u, txID, queued, func(tx *store.Tx, b store.BankTransaction, _ int64) (store.BankDecision, error) {
		if err := tx.DecideBankTransaction(txID, store.MatchIgnored, 0, u.Username); err != nil {
			return store.BankDecision{}, err
		}
		return store.BankDecision{Action: store.DecideIgnore, Detail: strings.TrimSpace(reason)}, nil
	})
}

// ReopenBankTransaction undoes what was decided for a line of money in — an
// automatic match (which then counts as a wrong match), a person's
// allocation, or a line set aside: the payment is removed (its items open
// again), write-offs it caused are reversed, and the line waits in the
// queue again.
func (s *Service) ReopenBankTransaction(ctx context.Context, u ledger.User, txID int64) error {
	return s.decide(ctx, u, txID, []string{store.MatchAuto, store.MatchManual, store.MatchIgnored},
		func(tx *store.Tx, b store.BankTransaction, entityID int64) (store.BankDecision, error) {
			if b.Kind != match.KindIncoming {
				return store.BankDecision{}, ledger.Errorf(ledger.ErrInvalid, "only money in can be matched (this line is %s)", b.Kind)
			}
			if b.PaymentID != 0 {
				if d, err := tx.DisputeOfPayment(b.PaymentID); err != nil || d != 0 {
					if err != nil {
						return store.BankDecision{}, err
					}
					return store.BankDecision{}, ledger.Errorf(ledger.ErrConflict,
						"payment-difference dispute %d was raised on this payment: resolve or reject it before undoing the match", d)
				}
				if err := tx.RemovePayment(b.PaymentID); err != nil {
					return store.BankDecision{}, err
				}
			}
			n, err := tx.ReverseBankWriteOffs(entityID, txID, s.Today(), u.Username)
			if err != nil {
				return store.BankDecision{}, err
			}
			if err := tx.DecideBankTransaction(txID, store.MatchSuggested, 0, u.Username); err != nil {
				return store.BankDecision{}, err
			}
			detail := ""
			if n > 0 {
				detail = fmt.Sprintf("%d write-offs reversed", n)
			}
			return store.BankDecision{Action: store.DecideReopen, PaymentID: b.PaymentID, OverridesAuto: b.State == store.MatchAuto,
				Detail: detail}, nil
		})
}

// SetBankTolerance sets the difference (minor units) a payment may fall
// short of its items and still close them, the rest written off; a credit
// manager or an administrator decides it per entity.
func (s *Service) SetBankTolerance(ctx context.Context, u ledger.User, entityID, tolerance int64) error {
	if u.Role != ledger.RoleAdmin && u.Role != ledger.RoleManager {
		return ledger.Errorf(ledger.ErrForbidden, "only a credit manager or an administrator sets the tolerance")
	}
	if tolerance < 0 {
		return ledger.Errorf(ledger.ErrInvalid, "the tolerance cannot be negative")
	}
	if _, err := s.bankEntity(ctx, u, entityID); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Tx) error { return tx.SetBankTolerance(entityID, tolerance, u.Username) })
}

// BankDecisions lists the entity's latest decisions in the queue.
func (s *Service) BankDecisions(ctx context.Context, u ledger.User, entityID int64, limit int) ([]store.BankDecision, error) {
	return s.store.BankDecisions(ctx, u.Scope(), entityID, limit)
}

// RecentBankMatches lists the entity's latest lines of money in that were
// matched (automatically or by a person) or set aside, newest first: what a
// person may undo.
func (s *Service) RecentBankMatches(ctx context.Context, u ledger.User, entityID int64, limit int) ([]store.BankTransaction, error) {
	var out []store.BankTransaction
	err := s.store.EachBankTransaction(ctx, store.BankTransactionFilter{Scope: u.Scope(), EntityID: entityID, Kind: match.KindIncoming,
		States: []string{store.MatchAuto, store.MatchManual, store.MatchIgnored}, Limit: limit, Newest: true}, func(b store.BankTransaction) error {
		out = append(out, b)
		return nil
	})
	return out, err
}

// CustomerByNumber returns the entity's customer with the number, if the
// user may see it.
func (s *Service) CustomerByNumber(ctx context.Context, u ledger.User, entityID int64, number string) (ledger.Customer, error) {
	return s.store.CustomerByNumber(ctx, u.Scope(), entityID, number)
}
