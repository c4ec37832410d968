// Package storetest opens real, fresh, migrated databases for tests: a
// SQLite file in a temporary directory and a new PostgreSQL database. Each
// runs every test on both backends, so SQLite and PostgreSQL are proven to
// behave the same.
//
// PostgreSQL is found at $KREDO_TEST_POSTGRES (default
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable); scripts/test
// starts it when it is not running. A test fails when it cannot be reached,
// unless KREDO_TEST_SKIP_POSTGRES=1 is set for a quick local run.
package storetest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kredo-dev/kredo/internal/store"
)

// AdminURL is the PostgreSQL URL tests use to create their databases.
func AdminURL() string {
	if u := os.Getenv("KREDO_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// Dialects lists the backends tests run on.
func Dialects() []store.Dialect {
	if os.Getenv("KREDO_TEST_SKIP_POSTGRES") == "1" {
		return []store.Dialect{store.SQLite}
	}
	return []store.Dialect{store.SQLite, store.Postgres}
}

// Each runs fn as a subtest on every backend, each with a fresh database.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(string(d), func(t *testing.T) {
			fn(t, Open(t, d))
		})
	}
}

// Open returns a fresh migrated store of the dialect, closed and dropped
// when the test ends.
func Open(t testing.TB, d store.Dialect) *store.Store {
	t.Helper()
	dsn := DSN(t, d)
	ctx := context.Background()
	s, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatalf("open %s: %v", d, err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", d, err)
	}
	return s
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// DSN returns the address of a new, empty database of the dialect that is
// dropped when the test ends (for PostgreSQL, cloned from a migrated
// template made once per test binary).
func DSN(t testing.TB, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		return filepath.Join(t.TempDir(), "kredo.db")
	}
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		t.Fatalf("PostgreSQL is not reachable at %s (run scripts/test, which starts it, or set KREDO_TEST_SKIP_POSTGRES=1): %v", AdminURL(), err)
	}
	templateOnce.Do(func() { templateName, templateErr = makeTemplate(ctx, admin) })
	if templateErr != nil {
		t.Fatalf("postgres template: %v", templateErr)
	}
	name := "kredo_test_" + randHex()
	// cloning fails while another session is connected to the template
	// (a parallel test binary cloning it too): retry briefly
	for try := 0; ; try++ {
		_, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+templateName)
		if err == nil {
			break
		}
		if try == 50 {
			t.Fatalf("create database: %v", err)
		}
		time.Sleep(time.Duration(50+try*20) * time.Millisecond)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", AdminURL())
		if err != nil {
			return
		}
		defer a.Close()
		a.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return withDB(AdminURL(), name)
}

// makeTemplate returns a migrated template database named after the hash of
// the migrations, creating it when no earlier run did; test binaries running
// in parallel share it.
func makeTemplate(ctx context.Context, admin *sql.DB) (string, error) {
	ms, err := store.Migrations(store.Postgres)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range ms {
		h.Write([]byte(m.Name + "\n" + m.SQL))
	}
	name := "kredo_tmpl_" + hex.EncodeToString(h.Sum(nil))[:12]
	var exists bool
	if err := admin.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	// build under a private name, then publish it atomically by renaming
	tmp := "kredo_build_" + randHex()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+tmp); err != nil {
		return "", err
	}
	s, err := store.Open(ctx, withDB(AdminURL(), tmp), store.Options{})
	if err != nil {
		return "", err
	}
	_, err = s.Migrate(ctx)
	s.Close()
	if err != nil {
		return "", err
	}
	if _, err := admin.ExecContext(ctx, "ALTER DATABASE "+tmp+" RENAME TO "+name); err != nil {
		// another test binary published it first
		admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+tmp+" WITH (FORCE)")
		return name, nil
	}
	if _, err := admin.ExecContext(ctx, "ALTER DATABASE "+name+" WITH IS_TEMPLATE true"); err != nil {
		return "", err
	}
	return name, nil
}

func withDB(u, name string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	p.Path = "/" + name
	return p.String()
}

func randHex() string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("random: %v", err))
	}
	return hex.EncodeToString(b)
}
