// Package store keeps the engine's own records, cases, inbound messages,
// mailbox checkpoints and letters, in PostgreSQL or, for the local default,
// an embedded SQLite file, through bun.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/harmoniq/dsr/internal/register"
	"github.com/harmoniq/dsr/internal/vault"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
)

// Store is the engine's database. It is the only package that speaks SQL to
// it; its handle stays inside.
type Store struct {
	db *bun.DB
	// Postgres is false for the embedded SQLite file.
	Postgres bool
	// Vault encrypts the files kept for cases (raw messages, attachments,
	// scans); set it after Open to take in or read them.
	Vault *vault.Vault
	// databaseURL and sqlitePath say where the database is.
	databaseURL, sqlitePath string
	reg                     *register.Register
	// files are the systems' files beside the SQLite file; nil on
	// PostgreSQL.
	files *attached
}

// maxConns bounds a process's connections to PostgreSQL.
const maxConns = 20

// Open connects to PostgreSQL when databaseURL is set, else to the SQLite
// file sqlitePath, creating its directory. It checks the connection.
func Open(ctx context.Context, databaseURL, sqlitePath string) (*Store, error) {
	db, files, err := connect(databaseURL, sqlitePath, nil)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, Postgres: files == nil, databaseURL: databaseURL, sqlitePath: sqlitePath, files: files}
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("connect to database %s: %w", s.describe(databaseURL, sqlitePath), err)
	}
	s.reg = register.New(s.db, s.Postgres, s.AttachSystems)
	if err := s.AttachSystems(ctx, s.reg.Datasets().BesideEngine()); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// Connect opens a connection pool of its own to the database Open would
// reach, for what must look at the tables as they are: tests that inspect
// or tamper with them, and the benchmarks. The engine's own work goes
// through a Store. On SQLite it attaches the systems' files named, as the
// store's own connections do (Store.Attached).
func Connect(databaseURL, sqlitePath string, attach ...string) (db *bun.DB, postgres bool, err error) {
	db, files, err := connect(databaseURL, sqlitePath, attach)
	return db, files == nil, err
}

// connect opens the pool; files is nil for PostgreSQL.
func connect(databaseURL, sqlitePath string, attach []string) (db *bun.DB, files *attached, err error) {
	if databaseURL != "" {
		sqldb, err := sql.Open("pgx", databaseURL)
		if err != nil {
			return nil, nil, fmt.Errorf("open postgres: %w", err)
		}
		// A bounded pool: a worker runs many activities at once, and
		// PostgreSQL refuses clients past max_connections (100 by
		// default), which several workers and the signer share.
		sqldb.SetMaxOpenConns(maxConns)
		sqldb.SetMaxIdleConns(maxConns)
		return bun.NewDB(sqldb, pgdialect.New()), nil, nil
	}
	if err := os.MkdirAll(filepath.Dir(sqlitePath), 0o700); err != nil {
		return nil, nil, fmt.Errorf("create database directory: %w", err)
	}
	dsn := "file:" + sqlitePath + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_txlock=immediate"
	sqldb, files, err := openSQLite(dsn, filepath.Dir(sqlitePath), attach)
	if err != nil {
		return nil, nil, err
	}
	// One connection serialises writers: SQLite allows one at a time anyway,
	// and this keeps "database is locked" out of the picture.
	sqldb.SetMaxOpenConns(1)
	return bun.NewDB(sqldb, sqlitedialect.New()), files, nil
}

// Location says where the database is: its URL, or the SQLite file's path.
func (s *Store) Location() (databaseURL, sqlitePath string) { return s.databaseURL, s.sqlitePath }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// InTx runs fn in one transaction of the store's: the store's methods and
// the register's take tx, so that what fn does commits or fails together.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, tx bun.IDB) error) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return fn(ctx, tx) })
}

// on is db, a transaction of the store's, or the store's own handle when db
// is nil.
func (s *Store) on(db bun.IDB) bun.IDB {
	if db == nil {
		return s.db
	}
	return db
}

// Register is the connector to the controller's systems, built once with
// the store: Harmoniq's systems live in the engine's database until they
// are reached through dataset files of their own. Its methods take the
// store's transactions, so that a system's work commits with its ledger
// row; nil stands for the register's own handle.
func (s *Store) Register() *register.Register { return s.reg }

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
func (s *Store) Close() error { return errors.Join(s.reg.Close(), s.db.Close()) }

func (s *Store) dialectDir() string {
	if s.Postgres {
		return "postgres"
	}
	return "sqlite"
}
