// Package storetest gives tests a real database: a fresh PostgreSQL schema,
// or a SQLite file in a temporary directory, migrated and removed afterwards.
// A test that cannot reach PostgreSQL fails; it never skips.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/harmoniq/dsr/internal/codec"
	"github.com/harmoniq/dsr/internal/store"
	"github.com/harmoniq/dsr/internal/vault"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
)

// DefaultURL is the test database on the PostgreSQL every machine here runs;
// TEST_DATABASE_URL overrides it.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/dsr_test?sslmode=disable"

// PostgresURL creates an empty database of its own for the test on the test
// server (reached through TEST_DATABASE_URL's database, created if needed)
// and returns its URL. The database is dropped when the test ends.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		base = DefaultURL
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	ctx := context.Background()
	db, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil && strings.Contains(err.Error(), "does not exist") {
		createDatabase(tb, u)
	} else if err != nil {
		tb.Fatalf("PostgreSQL is needed at %s (start it, or set TEST_DATABASE_URL): %v", u.Redacted(), err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "dsr_t_" + hex.EncodeToString(b)
	if _, err := db.ExecContext(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			db.Exec(`DROP DATABASE "` + name + `" WITH (FORCE)`)
			db.Close()
		}
	})
	u.Path = "/" + name
	return u.String()
}

func createDatabase(tb testing.TB, u *url.URL) {
	tb.Helper()
	name := strings.TrimPrefix(u.Path, "/")
	admin := *u
	admin.Path = "/postgres"
	db, err := sql.Open("pgx", admin.String())
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	defer db.Close()
	// Test packages run at once and may race to create it: the loser
	// sees "already exists", or the catalogue's unique index refuse it.
	if _, err := db.Exec(`CREATE DATABASE "` + name + `"`); err != nil && !strings.Contains(err.Error(), "already exists") &&
		!strings.Contains(err.Error(), "pg_database_datname_index") {
		tb.Fatalf("create test database %s: %v", name, err)
	}
}

// Postgres returns a migrated store on a fresh PostgreSQL schema.
func Postgres(tb testing.TB) *store.Store {
	tb.Helper()
	return open(tb, PostgresURL(tb), "")
}

// SQLite returns a migrated store on a fresh SQLite file.
func SQLite(tb testing.TB) *store.Store {
	tb.Helper()
	return open(tb, "", filepath.Join(tb.TempDir(), "dsr.db"))
}

func open(tb testing.TB, dbURL, path string) *store.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dbURL, path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	key := make([]byte, 32)
	rand.Read(key)
	if s.Vault, err = vault.New([]codec.Key{{ID: "test1", Bytes: key}}); err != nil {
		tb.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	// Harmoniq's demo systems, which the engine's migrations leave alone.
	if err := s.Register().CreateDemoSystems(ctx); err != nil {
		tb.Fatal(err)
	}
	return s
}

// Both runs f once on PostgreSQL and once on SQLite.
func Both(t *testing.T, f func(t *testing.T, s *store.Store)) {
	t.Run("on PostgreSQL", func(t *testing.T) { f(t, Postgres(t)) })
	t.Run("on SQLite", func(t *testing.T) { f(t, SQLite(t)) })
}

// SQL opens a connection of the test's own to st's database, for a test
// that inspects or tampers with the tables as they are; the engine's own
// work goes through st. It is closed when the test ends.
func SQL(tb testing.TB, st *store.Store) *bun.DB {
	tb.Helper()
	opened.Lock()
	defer opened.Unlock()
	if db, ok := opened.dbs[st]; ok {
		return db
	}
	url, path := st.Location()
	db, _, err := store.Connect(url, path, st.Attached()...)
	if err != nil {
		tb.Fatal(err)
	}
	opened.dbs[st] = db
	tb.Cleanup(func() {
		opened.Lock()
		delete(opened.dbs, st)
		opened.Unlock()
		db.Close()
	})
	return db
}

// opened holds the connections SQL opened, one per store.
var opened = struct {
	sync.Mutex
	dbs map[*store.Store]*bun.DB
}{dbs: map[*store.Store]*bun.DB{}}
