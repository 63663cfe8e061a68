package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/harmoniq/dsr/migrations"
)

// migrationLock is the PostgreSQL advisory lock key under which migrations
// run, so two processes starting at once do not both apply them.
const migrationLock = 0x445352 // "DSR"

type migration struct {
	version int
	name    string
	sql     string
}

func (s *Store) migrations() ([]migration, error) {
	dir := s.dialectDir()
	entries, err := fs.ReadDir(migrations.FS, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		prefix, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(prefix)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s does not start with a version number", e.Name())
		}
		body, err := fs.ReadFile(migrations.FS, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// LatestVersion is the schema version this build knows.
func (s *Store) LatestVersion() int {
	ms, err := s.migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// Migrate applies every migration not yet applied, each in its own
// transaction, holding a lock for the whole run. It returns the names applied.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	ms, err := s.migrations()
	if err != nil {
		return nil, err
	}
	conn, err := s.db.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if s.Postgres {
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
			return nil, fmt.Errorf("take migration lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLock)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	current, err := currentVersion(ctx, conn)
	if err != nil {
		return nil, err
	}
	var applied []string
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := apply(ctx, conn, m, s.Postgres); err != nil {
			return applied, fmt.Errorf("migration %s: %w", m.name, err)
		}
		applied = append(applied, m.name)
	}
	return applied, nil
}

func apply(ctx context.Context, conn *sql.Conn, m migration, postgres bool) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	insert := "INSERT INTO schema_migrations (version, name) VALUES (?, ?)"
	if postgres {
		insert = "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)"
	}
	if _, err := tx.ExecContext(ctx, insert, m.version, m.name); err != nil {
		return err
	}
	return tx.Commit()
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func currentVersion(ctx context.Context, q queryer) (int, error) {
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_migrations").Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

// ErrSchema is returned, wrapped, when the database schema does not match
// this build.
var ErrSchema = errors.New("database schema does not match this build")

// CheckSchema returns an error saying what to run when the database is not at
// exactly the schema version this build knows.
func (s *Store) CheckSchema(ctx context.Context) error {
	want := s.LatestVersion()
	got, err := currentVersion(ctx, s.db.DB)
	if err != nil {
		return fmt.Errorf("%w: the database has no schema yet (version 0, this build needs %d): run `dsr migrate`", ErrSchema, want)
	}
	switch {
	case got < want:
		return fmt.Errorf("%w: the database is at version %d, this build needs %d: run `dsr migrate`", ErrSchema, got, want)
	case got > want:
		return fmt.Errorf("%w: the database is at version %d, newer than this build knows (%d): run a newer dsr", ErrSchema, got, want)
	}
	return nil
}
