package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/harmoniq/dsr/internal/dataset"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// LedgerTable is the table an external system keeps its own fulfilment
// ledger in: a system's change and the record that it was made commit in
// one transaction of that system's database, so a retry after a crash
// between that commit and the engine's finds the change made and does not
// make it again.
const LedgerTable = "dsr_fulfilment"

// LedgerDDL creates the ledger table in a system's schema; the system's
// owner runs it once, since the engine's role needs no right to create.
func LedgerDDL(schema string) string {
	return `CREATE TABLE "` + schema + `".` + LedgerTable + " (key text PRIMARY KEY, record text NOT NULL, done_at timestamptz NOT NULL)"
}

// SQLiteLedgerDDL creates the ledger table in the file of a system beside
// the engine's SQLite file, attached as schema; the store runs it when it
// attaches the file.
func SQLiteLedgerDDL(schema string) string {
	return `CREATE TABLE IF NOT EXISTS "` + schema + `".` + LedgerTable + " (key TEXT PRIMARY KEY, record TEXT NOT NULL, done_at TIMESTAMP NOT NULL)"
}

// conns are the connection pools of the systems in databases of their own,
// opened when first used.
type conns struct {
	sync.Mutex
	dbs map[string]*bun.DB
}

// external reports whether the system is reached in a database of its own.
func (s *System) external() bool { return s.ds.Connection.Kind == dataset.ConnPostgres }

// ctxTx carries a system's transaction, opened by Once, to the system's
// methods, which take the engine's transaction as their handle.
type ctxTx struct{ system string }

// use is the handle the system's work runs on: for a system in the
// engine's database, db (a transaction of the store's) or the register's
// own; for a system in a database of its own, the transaction Once opened,
// or the system's own pool. The engine's transaction never reaches another
// database.
func (s *System) use(ctx context.Context, db bun.IDB) (bun.IDB, error) {
	if s.viaHTTP() {
		return nil, fmt.Errorf("%s is reached over HTTP, not SQL", s.name)
	}
	if s.Manual() {
		return nil, fmt.Errorf("%s is not reached by the engine: staff carry out its tasks", s.name)
	}
	if !s.external() {
		return s.r.use(db), nil
	}
	if tx, ok := ctx.Value(ctxTx{s.name}).(bun.IDB); ok {
		return tx, nil
	}
	return s.r.pool(s.ds)
}

// pool opens, once, the connection pool of a system in a database of its
// own, from the URL in its connection's environment variable (or the file
// its _FILE twin names).
func (r *Register) pool(d *dataset.Dataset) (*bun.DB, error) {
	r.conns.Lock()
	defer r.conns.Unlock()
	if db, ok := r.conns.dbs[d.System]; ok {
		return db, nil
	}
	url, err := secret(d.Connection.URLEnv)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.System, err)
	}
	sqldb, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("%s: open: %w", d.System, err)
	}
	sqldb.SetMaxOpenConns(5)
	sqldb.SetMaxIdleConns(5)
	db := bun.NewDB(sqldb, pgdialect.New())
	if r.conns.dbs == nil {
		r.conns.dbs = map[string]*bun.DB{}
	}
	r.conns.dbs[d.System] = db
	return db, nil
}

// secret reads the variable name, or the file name_FILE names; a value
// never appears in an error.
func secret(name string) (string, error) {
	if v := os.Getenv(name); v != "" {
		return v, nil
	}
	if path := os.Getenv(name + "_FILE"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("%s_FILE: %w", name, err)
		}
		if v := strings.TrimSpace(string(b)); v != "" {
			return v, nil
		}
		return "", fmt.Errorf("%s_FILE: %s is empty", name, path)
	}
	return "", fmt.Errorf("the connection's URL is not set: set %s or %s_FILE", name, name)
}

// Close closes the pools of the systems in databases of their own.
func (r *Register) Close() error {
	r.conns.Lock()
	defer r.conns.Unlock()
	var errs []error
	for name, db := range r.conns.dbs {
		errs = append(errs, db.Close())
		delete(r.conns.dbs, name)
	}
	return errors.Join(errs...)
}

// Once carries out work in the system exactly once for key: for a system in
// the engine's PostgreSQL database, in the engine's transaction tx, whose
// ledger the store keeps; for a system in a database of its own, in a
// transaction of that database with a row in its ledger table. There a
// second call (after a crash between the system's commit and the engine's)
// returns the record the first stored and does nothing again. A system in a
// file beside the engine's SQLite file is changed in tx, with a row in the
// ledger of its own file: SQLite commits the two files one after the other,
// so the system's ledger, not the engine's, says what was done
// (SystemDecides). work gets the handle to change the system on and returns
// the record of what it did.
func (s *System) Once(ctx context.Context, tx bun.IDB, key string, now time.Time, work func(ctx context.Context, db bun.IDB) (string, error)) (string, error) {
	if s.viaHTTP() {
		// The system keeps the ledger: it answers a key it has carried
		// out with the answer it gave.
		return work(context.WithValue(ctx, ctxKey{}, key), nil)
	}
	if s.ds.Connection.Kind == dataset.ConnEngine {
		return s.r.onceBeside(ctx, tx, s.name, key, now, work)
	}
	if !s.external() {
		return work(ctx, tx) // staff carry out a manual system's part
	}
	db, err := s.r.pool(s.ds)
	if err != nil {
		return "", err
	}
	var record string
	err = db.RunInTx(ctx, nil, func(ctx context.Context, stx bun.Tx) error {
		record, err = ledgered(context.WithValue(ctx, ctxTx{s.name}, bun.IDB(stx)), stx, s.table(LedgerTable), key, now, work)
		if errors.Is(err, errLedger) {
			return fmt.Errorf("%s: %w (the system's owner creates it with: %s)", s.name, err, LedgerDDL(s.ds.Connection.SchemaName()))
		}
		return err
	})
	return record, err
}

// onceBeside does work once for key in a system beside the engine's
// tables, in the engine's transaction tx: on PostgreSQL the system is a
// schema of the engine's database, and the store's ledger commits with the
// change; on SQLite it is a file of its own, and a row in that file's
// ledger commits with the change (SystemDecides).
func (r *Register) onceBeside(ctx context.Context, tx bun.IDB, system, key string, now time.Time, work func(ctx context.Context, db bun.IDB) (string, error)) (string, error) {
	if r.postgres {
		return work(ctx, tx)
	}
	record, err := ledgered(ctx, tx, r.table(system, LedgerTable), key, now, work)
	if err != nil {
		return "", fmt.Errorf("%s: %w", system, err)
	}
	return record, nil
}

// SystemDecides reports whether the system's own ledger, not the engine's,
// says whether a change was made: a file beside the engine's SQLite file,
// written in the engine's transaction but committed apart from it. The
// engine then asks the system on every attempt (Once answers from its
// ledger) and keeps its own row as a copy.
func (s *System) SystemDecides() bool {
	return !s.r.postgres && s.ds.Connection.Kind == dataset.ConnEngine
}

// errLedger is a ledger that cannot be read.
var errLedger = errors.New("read the ledger")

// ledgered does work on db once for key, with a row in the ledger table in
// the same transaction: a key found there returns the record stored, and
// nothing is done again.
func ledgered(ctx context.Context, db bun.IDB, ledger, key string, now time.Time, work func(ctx context.Context, db bun.IDB) (string, error)) (string, error) {
	var record string
	err := db.NewRaw("SELECT record FROM "+ledger+" WHERE key = ?", key).Scan(ctx, &record)
	if err == nil {
		return record, nil // done before a crash, or by an earlier attempt
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%w: %w", errLedger, err)
	}
	if record, err = work(ctx, db); err != nil {
		return "", err
	}
	_, err = db.NewRaw("INSERT INTO "+ledger+" (key, record, done_at) VALUES (?, ?, ?)", key, record, now.UTC()).Exec(ctx)
	return record, err
}
