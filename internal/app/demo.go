package app

import (
	"context"
	"fmt"

	"github.com/kredo-dev/kredo/internal/auth"
	"github.com/kredo-dev/kredo/internal/demo"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// DemoPassword is the password of the demo users; printed by kredo serve --demo.
const DemoPassword = "kredo-demo"

// LoadDemo fills an empty database with the generated demo company in one
// transaction, and creates the demo users: "demo" (admin of everything)
// and one credit controller per controller name in the data.
func (s *Service) LoadDemo(ctx context.Context, cfg demo.Config, params auth.Params) (demo.Summary, error) {
	es, err := s.store.Entities(ctx, ledger.Scope{All: true})
	if err != nil {
		return demo.Summary{}, err
	}
	if len(es) > 0 {
		return demo.Summary{}, ledger.Errorf(ledger.ErrConflict, "the database already holds data (%d entities); the demo needs an empty database, e.g. a new --data-dir", len(es))
	}
	if cfg.Today.IsZero() {
		cfg.Today = s.Today()
	}
	var sum demo.Summary
	controllers := map[string]bool{}
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		sink := &demoSink{tx: tx, customers: map[int64]map[string]int64{}, entities: map[string]int64{}, controllers: controllers}
		var err error
		if sum, err = demo.Generate(cfg, sink); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		return sink.flush()
	})
	if err != nil {
		return sum, err
	}
	if sum.Statements, err = s.loadDemoStatements(ctx, cfg.Seed, cfg.Today); err != nil {
		return sum, err
	}
	if _, err := s.SaveUser(ctx, System, NewUser{Username: "demo", Name: "Demo Admin", Role: ledger.RoleAdmin,
		Password: DemoPassword, AllEntities: true, Language: "en"}, params); err != nil {
		return sum, err
	}
	for name := range controllers {
		if _, err := s.SaveUser(ctx, System, NewUser{Username: name, Name: name, Role: ledger.RoleController,
			Password: DemoPassword, AllEntities: true, Language: "nl"}, params); err != nil {
			return sum, err
		}
	}
	s.log.Info("demo loaded", "today", cfg.Today.String())
	return sum, nil
}

// demoSink writes the generated company through the store's bulk paths.
type demoSink struct {
	tx          *store.Tx
	entities    map[string]int64
	customers   map[int64]map[string]int64
	controllers map[string]bool
	invoices    []store.InvoiceRow
	payments    []ledger.Payment
}

const demoBatch = 5000

func (d *demoSink) Entity(e ledger.Entity) error {
	id, _, err := d.tx.UpsertEntity(e, entityHash(e), 0)
	d.entities[e.Code] = id
	d.customers[id] = map[string]int64{}
	return err
}

func (d *demoSink) Customer(c ledger.Customer) error {
	c.EntityID = d.entities[c.EntityCode]
	if c.EntityID == 0 {
		return fmt.Errorf("demo customer %s: unknown entity %q", c.Number, c.EntityCode)
	}
	id, err := d.tx.InsertCustomer(c, customerHash(c))
	d.customers[c.EntityID][c.Number] = id
	if c.Controller != "" {
		d.controllers[c.Controller] = true
	}
	return err
}

func (d *demoSink) Invoice(i ledger.Invoice) error {
	i.EntityID = d.entities[i.EntityCode]
	i.CustomerID = d.customers[i.EntityID][i.CustomerNumber]
	if i.CustomerID == 0 {
		return fmt.Errorf("demo invoice %s: unknown customer %q", i.Number, i.CustomerNumber)
	}
	if i.Source == "" {
		i.Source = "demo"
	}
	d.invoices = append(d.invoices, store.InvoiceRow{Invoice: i, Hash: invoiceHash(i)})
	if len(d.invoices) >= demoBatch {
		return d.flushInvoices()
	}
	return nil
}

func (d *demoSink) Payment(p ledger.Payment) error {
	p.EntityID = d.entities[p.EntityCode]
	p.CustomerID = d.customers[p.EntityID][p.CustomerNumber]
	if p.Source == "" {
		p.Source = "demo"
	}
	// one allocation per invoice: merge repeated ones (a payment that pays
	// an invoice in two parts in one transfer)
	merged := p.Allocations[:0:0]
	at := map[string]int{}
	for _, a := range p.Allocations {
		if k, ok := at[a.InvoiceNumber]; ok {
			merged[k].Amount += a.Amount
			continue
		}
		at[a.InvoiceNumber] = len(merged)
		merged = append(merged, a)
	}
	p.Allocations = merged
	d.payments = append(d.payments, p)
	if len(d.payments) >= demoBatch {
		return d.flush()
	}
	return nil
}

func (d *demoSink) flushInvoices() error {
	err := d.tx.InsertInvoices(d.invoices)
	d.invoices = d.invoices[:0]
	return err
}

// flush writes pending invoices, then pending payments with their
// allocations resolved to invoice ids.
func (d *demoSink) flush() error {
	if err := d.flushInvoices(); err != nil {
		return err
	}
	if len(d.payments) == 0 {
		return nil
	}
	byEntity := map[int64][]string{}
	for _, p := range d.payments {
		for _, a := range p.Allocations {
			byEntity[p.EntityID] = append(byEntity[p.EntityID], a.InvoiceNumber)
		}
	}
	ids := map[int64]map[string]store.InvoiceKey{}
	for eid, numbers := range byEntity {
		m, err := d.tx.InvoiceKeys(eid, numbers)
		if err != nil {
			return err
		}
		ids[eid] = m
	}
	hs := make([]uint64, len(d.payments))
	for k := range d.payments {
		p := &d.payments[k]
		for j := range p.Allocations {
			a := &p.Allocations[j]
			key, ok := ids[p.EntityID][a.InvoiceNumber]
			if !ok {
				return fmt.Errorf("demo payment %s: unknown invoice %q", p.Reference, a.InvoiceNumber)
			}
			a.InvoiceID = key.ID
		}
		hs[k] = paymentHash(*p)
	}
	err := d.tx.LoadPayments(d.payments, hs)
	d.payments = d.payments[:0]
	return err
}
