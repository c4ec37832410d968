// Command kredo is Kredo's one binary: the web server, the importer, the
// demo company, user administration and benchmarks. Run `kredo help`.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if err != errSilent {
			fmt.Fprintln(os.Stderr, "kredo:", err)
		}
		os.Exit(exitCode(err))
	}
}

// run is the whole program; tests call it with their own arguments,
// environment and streams.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stdout)
		return nil
	}
	env := &env{ctx: ctx, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	name, rest := args[0], args[1:]
	for _, c := range commands {
		if c.name == name {
			return c.run(env, rest)
		}
	}
	switch name {
	case "help", "-h", "--help":
		if len(rest) > 0 {
			for _, c := range commands {
				if c.name == rest[0] {
					return c.run(env, []string{"-h"})
				}
			}
		}
		usage(stdout)
		return nil
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", name)
}

type command struct {
	name, summary string
	run           func(e *env, args []string) error
}

var commands = []command{
	{"serve", "run the web UI and API (with --demo: on a demo company)", cmdServe},
	{"migrate", "apply database migrations", cmdMigrate},
	{"import", "import customers, invoices, payments, entities (CSV), UBL e-invoices or bank statements", cmdImport},
	{"export", "export customers, invoices, payments, entities or bank statements as CSV or JSON", cmdExport},
	{"demo", "fill an empty database with a realistic demo company", cmdDemo},
	{"user", "add and list users, make API tokens", cmdUser},
	{"run", "the daily dunning run (or --dry-run to preview it)", cmdRun},
	{"worklist", "refresh the worklist (serve does it each morning)", cmdWorklist},
	{"calc", "compute Dutch collection costs and statutory interest, with the breakdown", cmdCalc},
	{"kpi", "DSO, CEI, aging and the other figures as of any date, by dimension; trends", cmdKPI},
	{"bench", "measure import, dunning, KPI and bank statement speed against the floor", cmdBench},
	{"version", "print the version", cmdVersion},
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Kredo — credit management: get invoices paid sooner and with less risk.

Usage: kredo COMMAND [flags]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `  help      this text; kredo help COMMAND (or kredo COMMAND -h) explains a command

Every command takes the database flags:
  --data-dir DIR   where the embedded SQLite database lives (env KREDO_DATA_DIR, default ./kredo-data)
  --db URL         a postgres:// URL or a SQLite file path (env KREDO_DATABASE_URL); overrides --data-dir

Start here:  kredo serve --demo   then open http://localhost:8080
`)
}
