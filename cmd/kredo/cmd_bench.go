package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/kredo-dev/kredo/internal/bench"
	"github.com/kredo-dev/kredo/internal/store"
)

func cmdBench(e *env, args []string) error {
	fl := e.flags("bench", `bench import|dunning|kpi|statements [--on sqlite,postgres] [--customers N] [--invoices N] [--items N] [--runs N] [--postgres URL]

import: writes a CSV of N invoices for the customers, then measures on fresh databases
(1) the floor: the same rows written raw (prepared INSERT in one transaction on SQLite,
COPY on PostgreSQL) and (2) kredo's import of the file end to end (parse, validate, write),
and prints both, their ratio and the peak Go heap.
dunning: loads the customers with --items overdue items each (due 1 to 120 days ago) and
measures (1) the floor: streaming the same overdue rows out of the database and rendering
as many e-mails, and (2) the full daily run: select, decide, costs and interest, render
and queue every message in the outbox.
kpi: loads the demo company scaled to --customers and --invoices and measures (1) the floor:
one scan of the invoices table, (2) the dashboard's figures of the largest entity as of today
(--runs times: p50, p99) and (3) recomputing 24 monthly snapshots of every entity and dimension.
statements: a bank statement of --lines credit lines against three open items per line's
customer: (1) the floor: parsing it plus exact look-ups in memory, (2) kredo import statement
end to end (parse, match, allocate, book); then the demo company (--customers, default 2000 for
this benchmark) with its generated statements: the automatic and wrong matches against the truth.
Figures go in docs/benchmarks.md.`, nil)
	on := fl.String("on", "sqlite,postgres", "databases to measure: sqlite, postgres or both")
	customers := fl.Int("customers", 100000, "customers")
	invoices := fl.Int("invoices", 2000000, "import: invoices")
	items := fl.Int("items", 3, "dunning: overdue items per customer")
	runs := fl.Int("runs", 50, "kpi: dashboard computations to time")
	lines := fl.Int("lines", 100000, "statements: credit lines in the statement")
	pg := fl.String("postgres", e.envOr("KREDO_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"), "PostgreSQL admin URL; benchmark databases are created and dropped on that server")
	pos, ok, err := parseInterleaved(fl, args)
	if !ok {
		return err
	}
	if len(pos) != 1 || (pos[0] != "import" && pos[0] != "dunning" && pos[0] != "kpi" && pos[0] != "statements") {
		fl.Usage()
		return &exitError{2, fmt.Errorf("bench needs a benchmark name: import, dunning, kpi or statements")}
	}
	for _, d := range splitList(*on) {
		dir, err := os.MkdirTemp("", "kredo-bench-")
		if err != nil {
			return err
		}
		dbs := &bench.Databases{Dialect: store.Dialect(strings.TrimSpace(d)), Dir: dir}
		switch dbs.Dialect {
		case store.SQLite:
		case store.Postgres:
			dbs.AdminURL = *pg
		default:
			os.RemoveAll(dir)
			return &exitError{2, fmt.Errorf("--on: unknown database %q", d)}
		}
		var res fmt.Stringer
		switch pos[0] {
		case "import":
			res, err = bench.Import(e.ctx, dbs, *customers, *invoices)
		case "kpi":
			res, err = bench.KPI(e.ctx, dbs, *customers, *invoices, *runs)
		case "statements":
			demoCustomers := 2000
			fl.Visit(func(f *flag.Flag) {
				if f.Name == "customers" {
					demoCustomers = *customers
				}
			})
			res, err = bench.Statements(e.ctx, dbs, *lines, demoCustomers)
		default:
			res, err = bench.Dunning(e.ctx, dbs, *customers, *items)
		}
		dbs.Cleanup()
		os.RemoveAll(dir)
		if err != nil {
			return fmt.Errorf("bench %s on %s: %w", pos[0], d, err)
		}
		fmt.Fprintln(e.stdout, res)
	}
	return nil
}
