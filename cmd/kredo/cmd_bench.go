package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/kredo-dev/kredo/internal/bench"
	"github.com/kredo-dev/kredo/internal/store"
)

func cmdBench(e *env, args []string) error {
	fl := e.flags("bench", `bench import [--on sqlite,postgres] [--customers N] [--invoices N] [--postgres URL]

import: writes a CSV of N invoices for the customers, then measures on fresh databases
(1) the floor: the same rows written raw (prepared INSERT in one transaction on SQLite,
COPY on PostgreSQL) and (2) kredo's import of the file end to end (parse, validate, write),
and prints both, their ratio and the peak Go heap. Figures go in docs/benchmarks.md.`, nil)
	on := fl.String("on", "sqlite,postgres", "databases to measure: sqlite, postgres or both")
	customers := fl.Int("customers", 100000, "customers")
	invoices := fl.Int("invoices", 2000000, "invoices")
	pg := fl.String("postgres", e.envOr("KREDO_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"), "PostgreSQL admin URL; benchmark databases are created and dropped on that server")
	pos, ok, err := parseInterleaved(fl, args)
	if !ok {
		return err
	}
	if len(pos) != 1 || pos[0] != "import" {
		fl.Usage()
		return &exitError{2, fmt.Errorf("bench needs a benchmark name: import")}
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
		res, err := bench.Import(e.ctx, dbs, *customers, *invoices)
		dbs.Cleanup()
		os.RemoveAll(dir)
		if err != nil {
			return fmt.Errorf("bench import on %s: %w", d, err)
		}
		fmt.Fprintln(e.stdout, res)
	}
	return nil
}
