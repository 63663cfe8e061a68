// Package store keeps the engine's own records, cases, inbound messages,
// mailbox checkpoints and letters, in PostgreSQL or, for the local default,
// an embedded SQLite file, through bun.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/harmoniq/dsr/internal/vault"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // the pure-Go "sqlite" driver
)

// Store is the engine's database.
type Store struct {
	DB *bun.DB
	// Postgres is false for the embedded SQLite file.
	Postgres bool
	// Vault encrypts the files kept for cases (raw messages, attachments,
	// scans); set it after Open to take in or read them.
	Vault *vault.Vault
}

// maxConns bounds a process's connections to PostgreSQL.
const maxConns = 20

// Open connects to PostgreSQL when databaseURL is set, else to the SQLite
// file sqlitePath, creating its directory. It checks the connection.
func Open(ctx context.Context, databaseURL, sqlitePath string) (*Store, error) {
	var s Store
	if databaseURL != "" {
		sqldb, err := sql.Open("pgx", databaseURL)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		// A bounded pool: a worker runs many activities at once, and
		// PostgreSQL refuses clients past max_connections (100 by
		// default), which several workers and the signer share.
		sqldb.SetMaxOpenConns(maxConns)
		sqldb.SetMaxIdleConns(maxConns)
		s.DB, s.Postgres = bun.NewDB(sqldb, pgdialect.New()), true
	} else {
		if err := os.MkdirAll(filepath.Dir(sqlitePath), 0o700); err != nil {
			return nil, fmt.Errorf("create database directory: %w", err)
		}
		dsn := "file:" + sqlitePath + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_txlock=immediate"
		sqldb, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
		// One connection serialises writers: SQLite allows one at a time anyway,
		// and this keeps "database is locked" out of the picture.
		sqldb.SetMaxOpenConns(1)
		s.DB = bun.NewDB(sqldb, sqlitedialect.New())
	}
	if err := s.DB.PingContext(ctx); err != nil {
		s.DB.Close()
		return nil, fmt.Errorf("connect to database %s: %w", s.describe(databaseURL, sqlitePath), err)
	}
	return &s, nil
}

// describe names the database without its credentials.
func (s *Store) describe(databaseURL, sqlitePath string) string {
	if !s.Postgres {
		return sqlitePath
	}
	if i := strings.LastIndex(databaseURL, "@"); i >= 0 {
		return "postgres://…" + databaseURL[i:]
	}
	return "(DATABASE_URL)"
}

// Close closes the database.
func (s *Store) Close() error { return s.DB.Close() }

func (s *Store) dialectDir() string {
	if s.Postgres {
		return "postgres"
	}
	return "sqlite"
}
