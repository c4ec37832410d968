// Package app holds Kredo's use cases: each action a person or the ERP
// takes (import a file, log in, look at a customer) is one method of
// Service, one transaction, with access checked against the actor's role
// and entities. The CLI, the web UI and the JSON API all call these.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/kredo-dev/kredo/internal/law"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// Service is the application: the store plus the rules of who may do what.
type Service struct {
	store *store.Store
	log   *slog.Logger
	now   func() time.Time
	rules *law.Rules // the law on collection costs and interest (Dutch, with the operator's rates)
	kpis  *kpiMemo   // figures computed while the ledger's version stands (kpi_memo.go)
}

// New returns a Service over the store. now is the clock (time.Now in production).
func New(st *store.Store, log *slog.Logger, now func() time.Time) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	return &Service{store: st, log: log, now: now, rules: law.NL(), kpis: newKPIMemo()}
}

// Store returns the underlying store, for commands that work on it directly
// (migrate, bench).
func (s *Service) Store() *store.Store { return s.store }

// Today returns today's date by the service clock.
func (s *Service) Today() ledger.Date { return ledger.DateOf(s.now()) }

// System is the actor for commands run by the operator on the machine
// itself (kredo import, kredo demo): an administrator of every entity.
var System = ledger.User{Username: "system", Role: ledger.RoleAdmin, AllEntities: true}

func requireWrite(u ledger.User) error {
	if !u.CanWrite() {
		return ledger.Errorf(ledger.ErrForbidden, "your role (%s) may not change data", u.Role)
	}
	return nil
}

// grantedEntity returns the entity with the code when the user may see it;
// otherwise ErrNotFound, "unknown entity" (an entity not granted does not
// exist for the user). A failure to read the entity is returned as such.
func (s *Service) grantedEntity(ctx context.Context, u ledger.User, code string) (ledger.Entity, error) {
	e, err := s.store.EntityByCode(ctx, code)
	if errors.Is(err, ledger.ErrNotFound) || err == nil && !u.Scope().Allows(e.ID) {
		return ledger.Entity{}, ledger.Errorf(ledger.ErrNotFound, "unknown entity %q", code)
	}
	return e, err
}

// entityFilter is the id of the entity a list is narrowed to: 0 for ""
// (every entity the user sees), else the granted entity's.
func (s *Service) entityFilter(ctx context.Context, u ledger.User, code string) (int64, error) {
	if code == "" {
		return 0, nil
	}
	e, err := s.grantedEntity(ctx, u, code)
	return e.ID, err
}

func requireAdmin(u ledger.User) error {
	if u.Role != ledger.RoleAdmin {
		return ledger.Errorf(ledger.ErrForbidden, "only an administrator may do this")
	}
	return nil
}

// Entities lists the entities the user may see.
func (s *Service) Entities(ctx context.Context, u ledger.User) ([]ledger.Entity, error) {
	es, err := s.store.Entities(ctx, u.Scope())
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return es, nil
}

// Customers lists customers the user may see.
func (s *Service) Customers(ctx context.Context, u ledger.User, f ledger.CustomerFilter) ([]ledger.Customer, int, error) {
	f.Scope = u.Scope()
	return s.store.Customers(ctx, f)
}

// Customer returns one customer the user may see (ErrNotFound otherwise:
// a customer of an entity not granted does not exist for that user).
func (s *Service) Customer(ctx context.Context, u ledger.User, id int64) (ledger.Customer, error) {
	return s.store.Customer(ctx, u.Scope(), id)
}

// Subsidiaries lists the customers in the group under parent.
func (s *Service) Subsidiaries(ctx context.Context, u ledger.User, parent ledger.Customer) ([]ledger.Customer, error) {
	return s.store.Subsidiaries(ctx, u.Scope(), parent)
}

// Invoices lists invoices the user may see.
func (s *Service) Invoices(ctx context.Context, u ledger.User, f ledger.InvoiceFilter) ([]ledger.Invoice, int, error) {
	f.Scope = u.Scope()
	return s.store.Invoices(ctx, f)
}

// Invoice returns one invoice the user may see.
func (s *Service) Invoice(ctx context.Context, u ledger.User, id int64) (ledger.Invoice, error) {
	return s.store.Invoice(ctx, u.Scope(), id)
}

// EachCustomer streams customers the user may see (for exports).
func (s *Service) EachCustomer(ctx context.Context, u ledger.User, f ledger.CustomerFilter, fn func(ledger.Customer) error) error {
	f.Scope = u.Scope()
	return s.store.EachCustomer(ctx, f, fn)
}

// EachInvoice streams invoices the user may see (for exports).
func (s *Service) EachInvoice(ctx context.Context, u ledger.User, f ledger.InvoiceFilter, fn func(ledger.Invoice) error) error {
	f.Scope = u.Scope()
	return s.store.EachInvoice(ctx, f, fn)
}

// EachPayment streams payments the user may see (for exports).
func (s *Service) EachPayment(ctx context.Context, u ledger.User, f ledger.PaymentFilter, fn func(ledger.Payment) error) error {
	f.Scope = u.Scope()
	return s.store.EachPayment(ctx, f, fn)
}

// Payments lists one page of payments the user may see, newest first.
func (s *Service) Payments(ctx context.Context, u ledger.User, f ledger.PaymentFilter) ([]ledger.Payment, error) {
	f.Scope = u.Scope()
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var out []ledger.Payment
	err := s.store.EachPayment(ctx, f, func(p ledger.Payment) error {
		out = append(out, p)
		return nil
	})
	return out, err
}

// CustomerBalances returns the open and overdue amounts per currency of the
// given customers the user may see.
func (s *Service) CustomerBalances(ctx context.Context, u ledger.User, ids []int64) (map[int64][]store.Balance, error) {
	return s.store.CustomerBalances(ctx, u.Scope(), ids, s.Today())
}
