package main

import (
	"fmt"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/auth"
	"github.com/kredo-dev/kredo/internal/demo"
	"github.com/kredo-dev/kredo/internal/ledger"
)

func cmdDemo(e *env, args []string) error {
	var db dbFlags
	fl := e.flags("demo", `demo [--customers N] [--invoices N] [--seed S] [--today DATE]

Fills an empty database with a realistic, deterministic demo company: 3 entities,
customers whose payment behaviour differs, two years of invoices, payments, credit
notes and partial payments, dated relative to today. Users: demo (admin) and one
credit controller per controller in the data, all with password `+app.DemoPassword+`.`, &db)
	customers := fl.Int("customers", 2000, "number of customers")
	invoices := fl.Int("invoices", 0, "number of invoices (default: two years of invoicing for the customers)")
	seed := fl.Uint64("seed", 1, "random seed: the same seed gives the same company")
	today := fl.String("today", "", "the demo's today (YYYY-MM-DD; default: today)")
	if ok, err := parse(fl, args); !ok {
		return err
	}
	cfg := demo.Config{Seed: *seed, Customers: *customers, Invoices: *invoices}
	if *today != "" {
		d, err := ledger.ParseDate(*today)
		if err != nil {
			return &exitError{2, fmt.Errorf("--today: %w", err)}
		}
		cfg.Today = d
	}
	svc, closeDB, err := e.open(&db, e.logger(&db))
	if err != nil {
		return err
	}
	defer closeDB()
	sum, err := svc.LoadDemo(e.ctx, cfg, auth.DefaultParams)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(e.stdout, "demo company loaded: %d entities, %d customers (%d consumers, %d groups), %d invoices and %d credit notes, %d payments, %d open items\n",
		sum.Entities, sum.Customers, sum.Consumers, sum.Groups, sum.Invoices, sum.CreditNotes, sum.Payments, sum.OpenItems)
	fmt.Fprintf(e.stdout, "log in as demo / %s (admin), or as a credit controller: anna / %s\n", app.DemoPassword, app.DemoPassword)
	return nil
}
