// Package store owns all SQL of Kredo, for SQLite and PostgreSQL alike.
// Everything else talks to it through the methods of *Store; storage errors
// are translated to the ledger's sentinel errors (ledger.ErrNotFound, ...).
//
// SQL is written once with ? placeholders and rebound for PostgreSQL; where
// the dialects differ (bulk loads, upserts) each has its own code path.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/kredo-dev/kredo/internal/ledger"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect names a database family.
type Dialect string

// The two supported databases.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is Kredo's database. It is safe for concurrent use.
type Store struct {
	dialect Dialect
	db      *sql.DB // for PostgreSQL: the pool; for SQLite: the single writer
	read    *sql.DB // for SQLite: a pool of readers; for PostgreSQL: the same pool
	log     *slog.Logger
	now     func() time.Time

	rebindMu sync.RWMutex
	rebinds  map[string]string
	dsn      string
}

// DSN returns the address the store was opened with, so a second process
// (or a test playing one) can open the same database.
func (s *Store) DSN() string { return s.dsn }

// Options configure Open.
type Options struct {
	Logger *slog.Logger
	Now    func() time.Time // the clock; time.Now when nil
}

// Open connects to the database named by dsn: a postgres:// or postgresql://
// URL, or a path to a SQLite file (optionally prefixed with sqlite: or
// file:). It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string, opt Options) (*Store, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Store{log: opt.Logger, now: opt.Now, rebinds: map[string]string{}, dsn: dsn}
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db, err := sql.Open("pgx", withJITOff(dsn))
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(16)
		db.SetConnMaxIdleTime(5 * time.Minute)
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("connect to postgres %s: %w", redact(dsn), err)
		}
		s.dialect, s.db, s.read = Postgres, db, db
	default:
		path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "file:")
		if path == "" {
			return nil, fmt.Errorf("open sqlite: empty path")
		}
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create data directory: %w", err)
			}
		}
		// busy_timeout first, then WAL and foreign keys; one writer
		// connection with immediate transactions, and a pool of readers.
		pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)"
		w, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		w.SetMaxOpenConns(1)
		w.SetConnMaxIdleTime(0)
		if err := w.PingContext(ctx); err != nil {
			w.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		r, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)")
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		// every reader stays open: database/sql keeps only two idle by
		// default, and a reopened SQLite connection starts with an empty
		// page cache and parses the schema again (under 50 concurrent
		// requests most reads paid for that)
		r.SetMaxOpenConns(8)
		r.SetMaxIdleConns(8)
		s.dialect, s.db, s.read = SQLite, w, r
	}
	return s, nil
}

// Close releases the database connections.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.read != s.db {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Dialect reports which database the store runs on.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB returns the underlying pool, for benchmarks and tests that measure the
// database itself.
func (s *Store) DB() *sql.DB { return s.db }

// Ping checks the database is reachable (for /healthz).
func (s *Store) Ping(ctx context.Context) error { return s.read.PingContext(ctx) }

// withJITOff turns PostgreSQL's JIT compiler off for Kredo's connections,
// unless the URL sets jit itself: Kredo's queries are short lookups and
// scans whose estimated cost, on a freshly loaded table without
// statistics, crosses the JIT threshold and then spends far more time
// compiling (a quarter of a second per lookup, measured) than running.
func withJITOff(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	q := u.Query()
	if q.Get("jit") == "" {
		q.Set("jit", "off")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// redact hides the password of a database URL in messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(database url)"
	}
	return u.Redacted()
}

// q rebinds a query written with ? placeholders for the store's dialect.
func (s *Store) q(query string) string {
	if s.dialect != Postgres {
		return query
	}
	s.rebindMu.RLock()
	r, ok := s.rebinds[query]
	s.rebindMu.RUnlock()
	if ok {
		return r
	}
	var b strings.Builder
	n := 0
	inQuote := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		if c == '\'' {
			inQuote = !inQuote
		}
		if c == '?' && !inQuote {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	r = b.String()
	s.rebindMu.Lock()
	s.rebinds[query] = r
	s.rebindMu.Unlock()
	return r
}

// ts formats an instant for storage: RFC 3339 UTC text, which SQLite keeps
// as is and PostgreSQL parses into timestamptz.
func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

// tsLayout has a fixed-width fraction, so that instants stored as text in
// SQLite compare correctly as text.
const tsLayout = "2006-01-02T15:04:05.000000Z07:00"

// dateArg formats a date for storage; a zero date is stored as NULL.
func dateArg(d ledger.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// dateCol scans a DATE (PostgreSQL) or TEXT (SQLite) column.
type dateCol struct{ d *ledger.Date }

func (c dateCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.d = ledger.Date{}
	case time.Time:
		*c.d = ledger.NewDate(x.Year(), x.Month(), x.Day())
	case string:
		return c.scanText(x)
	case []byte:
		return c.scanText(string(x))
	default:
		return fmt.Errorf("scan date: unexpected %T", v)
	}
	return nil
}

func (c dateCol) scanText(x string) error {
	if len(x) > 10 {
		x = x[:10]
	}
	d, err := ledger.ParseDate(x)
	if err != nil {
		return fmt.Errorf("scan date: %w", err)
	}
	*c.d = d
	return nil
}

// timeCol scans a TIMESTAMPTZ (PostgreSQL) or RFC 3339 TEXT (SQLite) column.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.t = time.Time{}
	case time.Time:
		*c.t = x.UTC()
	case string:
		t, err := time.Parse(time.RFC3339Nano, x)
		if err != nil {
			return fmt.Errorf("scan time: %w", err)
		}
		*c.t = t
	case []byte:
		return c.Scan(string(x))
	default:
		return fmt.Errorf("scan time: unexpected %T", v)
	}
	return nil
}

// translate maps driver errors to the ledger's sentinel errors.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", ledger.ErrNotFound, err)
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) && (pg.Code == "23505" || pg.Code == "23503") {
		return fmt.Errorf("%w: %w", ledger.ErrConflict, err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return fmt.Errorf("%w: %w", ledger.ErrConflict, err)
		}
	}
	return err
}

// scopeClause returns " AND col IN (...)" restricting to the scope's
// entities, or "" for an unrestricted scope. An empty scope matches nothing.
func scopeClause(col string, sc ledger.Scope) string {
	if sc.All {
		return ""
	}
	if len(sc.EntityIDs) == 0 {
		return " AND 1=0"
	}
	var b strings.Builder
	b.WriteString(" AND ")
	b.WriteString(col)
	b.WriteString(" IN (")
	for i, id := range sc.EntityIDs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteString(")")
	return b.String()
}

// Tx runs fn in one write transaction, committed when fn returns nil and
// rolled back otherwise: nothing is ever half-written.
func (s *Store) Tx(ctx context.Context, fn func(tx *Tx) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{s: s, tx: sqlTx, conn: conn, ctx: ctx}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if tx.ledger {
		if err := tx.raiseVersion(); err != nil {
			_ = sqlTx.Rollback()
			return err
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", translate(err))
	}
	return nil
}

// Tx is a write transaction; its methods are the store's writers.
type Tx struct {
	s           *Store
	tx          *sql.Tx
	conn        *sql.Conn
	ctx         context.Context
	customPlans bool                 // PostgreSQL: plan_cache_mode set for this transaction
	ledger      bool                 // a statement wrote a ledger table: raise the ledger's version on commit
	stmts       map[string]*sql.Stmt // prepared in this transaction (see prepared)
}

// Context returns the transaction's context.
func (t *Tx) Context() context.Context { return t.ctx }

func (t *Tx) exec(query string, args ...any) (sql.Result, error) {
	t.note(query)
	r, err := t.tx.ExecContext(t.ctx, t.s.q(query), args...)
	return r, translate(err)
}

func (t *Tx) queryRow(query string, args ...any) *sql.Row {
	t.note(query)
	return t.tx.QueryRowContext(t.ctx, t.s.q(query), args...)
}

func (t *Tx) query(query string, args ...any) (*sql.Rows, error) {
	t.note(query)
	r, err := t.tx.QueryContext(t.ctx, t.s.q(query), args...)
	return r, translate(err)
}

// insertID runs an INSERT and returns the new row's id, portably.
func (t *Tx) insertID(query string, args ...any) (int64, error) {
	if t.s.dialect == Postgres {
		var id int64
		err := t.queryRow(query+" RETURNING id", args...).Scan(&id)
		return id, translate(err)
	}
	r, err := t.exec(query, args...)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

func isNotFound(err error) bool { return errors.Is(err, ledger.ErrNotFound) }

// prepare prepares a statement for repeated use in the transaction.
func (t *Tx) prepare(query string) (*sql.Stmt, error) {
	t.note(query)
	return t.tx.PrepareContext(t.ctx, t.s.q(query))
}

// prepared returns the transaction's prepared statement of query, made
// once (database/sql closes it when the transaction ends): SQLite takes
// noticeable time to parse a statement of hundreds of rows, and the bulk
// writers repeat the same few.
func (t *Tx) prepared(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.prepare(query)
	if err != nil {
		return nil, translate(err)
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

// bulkExec runs a multi-row statement; a full one (of the writer's usual
// number of rows, which repeats) is prepared once per transaction, a last
// shorter one is run as it is.
func (t *Tx) bulkExec(full bool, query string, args ...any) error {
	if !full {
		_, err := t.exec(query, args...)
		return err
	}
	st, err := t.prepared(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(t.ctx, args...)
	return translate(err)
}

// insertStmt is a prepared INSERT that returns the new row's id.
type insertStmt struct {
	stmt     *sql.Stmt
	ctx      context.Context
	postgres bool
}

// prepareInsert prepares an INSERT for repeated use in the transaction.
func (t *Tx) prepareInsert(query string) (*insertStmt, error) {
	if t.s.dialect == Postgres {
		query += " RETURNING id"
	}
	st, err := t.prepare(query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	return &insertStmt{stmt: st, ctx: t.ctx, postgres: t.s.dialect == Postgres}, nil
}

func (p *insertStmt) insert(args ...any) (int64, error) {
	if p.postgres {
		var id int64
		err := p.stmt.QueryRowContext(p.ctx, args...).Scan(&id)
		return id, translate(err)
	}
	r, err := p.stmt.ExecContext(p.ctx, args...)
	if err != nil {
		return 0, translate(err)
	}
	return r.LastInsertId()
}

// Close releases the statement.
func (p *insertStmt) Close() error { return p.stmt.Close() }
