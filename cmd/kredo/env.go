package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/law"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// errSilent is returned after a command already told the user what failed.
var errSilent = errors.New("failed")

// exitError carries a specific exit code.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// env is what a command gets from the outside world.
type env struct {
	ctx    context.Context
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// dbFlags are the database flags every command shares.
type dbFlags struct {
	dataDir string
	dbURL   string
	logJSON bool
	verbose bool
}

func (e *env) flags(name, usage string, db *dbFlags) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: kredo %s\n\n", usage)
		fs.PrintDefaults()
	}
	if db != nil {
		fs.StringVar(&db.dataDir, "data-dir", e.envOr("KREDO_DATA_DIR", "kredo-data"), "data directory for the embedded SQLite database (env KREDO_DATA_DIR)")
		fs.StringVar(&db.dbURL, "db", e.getenv("KREDO_DATABASE_URL"), "database: postgres:// URL or SQLite file path (env KREDO_DATABASE_URL); overrides --data-dir")
		fs.BoolVar(&db.logJSON, "log-json", e.getenv("KREDO_LOG_FORMAT") == "json", "log as JSON lines (env KREDO_LOG_FORMAT=json)")
		fs.BoolVar(&db.verbose, "v", false, "verbose: log at debug level")
	}
	return fs
}

// parse parses flags; -h prints the usage and ends the command without error.
func parse(fs *flag.FlagSet, args []string) (bool, error) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return false, nil
	}
	if err != nil {
		return false, &exitError{code: 2, err: err}
	}
	return true, nil
}

func (e *env) envOr(key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

func (e *env) logger(db *dbFlags) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if db.verbose {
		opts.Level = slog.LevelDebug
	}
	if db.logJSON {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.stderr, opts))
}

// dsn returns the database to open and a description for messages.
func (db *dbFlags) dsn() string {
	if db.dbURL != "" {
		return db.dbURL
	}
	return filepath.Join(db.dataDir, "kredo.db")
}

// open opens and migrates the database and returns the service.
func (e *env) open(db *dbFlags, log *slog.Logger) (*app.Service, func(), error) {
	st, err := store.Open(e.ctx, db.dsn(), store.Options{Logger: log})
	if err != nil {
		return nil, nil, err
	}
	if _, err := st.Migrate(e.ctx); err != nil {
		st.Close()
		return nil, nil, err
	}
	svc := app.New(st, log, time.Now)
	// the statutory interest rates ship with Kredo; an operator may keep an
	// edited or extended table (kredo calc rates prints the shipped one)
	if path := e.getenv("KREDO_RATES_FILE"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			st.Close()
			return nil, nil, fmt.Errorf("KREDO_RATES_FILE: %w", err)
		}
		t, err := law.LoadRates(f)
		f.Close()
		if err != nil {
			st.Close()
			return nil, nil, fmt.Errorf("KREDO_RATES_FILE %s: %w", path, err)
		}
		svc.SetRates(t)
	}
	return svc, func() { st.Close() }, nil
}

func describeDB(st *store.Store, db *dbFlags) string {
	if st.Dialect() == store.Postgres {
		return "PostgreSQL"
	}
	return "SQLite " + db.dsn()
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cmdVersion(e *env, args []string) error {
	fs := e.flags("version", "version", nil)
	if ok, err := parse(fs, args); !ok {
		return err
	}
	fmt.Fprintln(e.stdout, "kredo", version)
	return nil
}

func cmdMigrate(e *env, args []string) error {
	var db dbFlags
	fs := e.flags("migrate", "migrate [--db URL | --data-dir DIR]\n\nApplies the database migrations that are not yet applied (serve does this on start too).", &db)
	if ok, err := parse(fs, args); !ok {
		return err
	}
	log := e.logger(&db)
	st, err := store.Open(e.ctx, db.dsn(), store.Options{Logger: log})
	if err != nil {
		return err
	}
	defer st.Close()
	done, err := st.Migrate(e.ctx)
	if err != nil {
		return err
	}
	if len(done) == 0 {
		fmt.Fprintf(e.stdout, "%s is up to date\n", describeDB(st, &db))
	}
	for _, m := range done {
		fmt.Fprintf(e.stdout, "applied %s\n", m)
	}
	return nil
}

func contextWithTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}

// dayFlag reads an optional YYYY-MM-DD flag; "" is the zero date (today).
func dayFlag(name, value string) (ledger.Date, error) {
	if value == "" {
		return ledger.Date{}, nil
	}
	d, err := ledger.ParseDate(value)
	if err != nil {
		return d, &exitError{2, fmt.Errorf("--%s: %w", name, err)}
	}
	return d, nil
}

// entityCodes is the entity a command was given, or every entity; with
// none at all it says how to get one.
func entityCodes(e *env, svc *app.Service, only string) ([]string, error) {
	if only != "" {
		return []string{only}, nil
	}
	es, err := svc.Entities(e.ctx, app.System)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("there are no entities yet: import your entities first (kredo import --template entities), or load the demo (kredo demo)")
	}
	codes := make([]string, len(es))
	for i, x := range es {
		codes[i] = x.Code
	}
	return codes, nil
}
