package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sync"

	"github.com/harmoniq/dsr/internal/register"
	"modernc.org/sqlite"
)

// Beside the embedded SQLite file (dsr.db) the systems of connection kind
// engine are files of their own, one per system (webshop.db), as they would
// be databases of their own in a real deployment. Each is attached to every
// connection under the system's name, so that webshop.customers names the
// same table in SQLite as in PostgreSQL, where the system is a schema.
//
// A transaction that writes to two attached files commits each atomically,
// but in WAL mode not both as one: a crash between the two commits could
// keep one and lose the other. So each file keeps its own fulfilment ledger
// (register.LedgerTable), written with the change, and the system's ledger,
// not the engine's, says whether a change was made (register.System.Once).

// attached is the list of system files a store's connections attach.
type attached struct {
	dir   string
	mu    sync.Mutex
	names []string
}

// schemaName is what a system may be attached as.
var schemaName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// list returns the names attached, in order.
func (a *attached) list() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.names)
}

// add records names not yet attached and returns them.
func (a *attached) add(names []string) ([]string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var added []string
	for _, n := range names {
		if !schemaName.MatchString(n) || n == "main" || n == "temp" {
			return nil, fmt.Errorf("system %q cannot be a file beside the engine's: its name must be lower-case letters, digits and _, and not main or temp", n)
		}
		if !slices.Contains(a.names, n) {
			a.names = append(a.names, n)
			added = append(added, n)
		}
	}
	return added, nil
}

// execer is what attaching needs of a connection.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// driverExec runs statements on a connection the driver has just opened.
type driverExec struct{ conn driver.ExecerContext }

func (d driverExec) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return d.conn.ExecContext(ctx, query, named)
}

// attach attaches one system's file to a connection, in WAL mode like the
// engine's, with its ledger table.
func (a *attached) attach(ctx context.Context, conn execer, name string) error {
	path := filepath.Join(a.dir, name+".db")
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS "`+name+`"`, path); err != nil {
		return fmt.Errorf("attach %s: %w", path, err)
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA "`+name+`".journal_mode = WAL`); err != nil {
		return fmt.Errorf("attach %s: %w", path, err)
	}
	if _, err := conn.ExecContext(ctx, register.SQLiteLedgerDDL(name)); err != nil {
		return fmt.Errorf("attach %s: the ledger: %w", path, err)
	}
	return nil
}

// attachingConnector opens the engine's SQLite connections with the
// systems' files attached.
type attachingConnector struct {
	driver.Connector
	files *attached
}

func (c attachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		conn.Close()
		return nil, errors.New("the sqlite driver's connection cannot execute statements")
	}
	for _, name := range c.files.list() {
		if err := c.files.attach(ctx, driverExec{ex}, name); err != nil {
			conn.Close()
			return nil, err
		}
	}
	return conn, nil
}

// openSQLite opens the pool of the SQLite file dsn names, attaching the
// files of the systems named, and those attached later, to each connection.
func openSQLite(dsn, dir string, names []string) (*sql.DB, *attached, error) {
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("open sqlite: %w", err)
	}
	files := &attached{dir: dir}
	if _, err := files.add(names); err != nil {
		return nil, nil, err
	}
	return sql.OpenDB(attachingConnector{Connector: base, files: files}), files, nil
}

// AttachSystems attaches, on SQLite, the files of the systems named that
// are not attached yet, to the connection open now and to every one opened
// later. On PostgreSQL the systems are schemas of the engine's database,
// and there is nothing to do.
func (s *Store) AttachSystems(ctx context.Context, names []string) error {
	if s.Postgres {
		return nil
	}
	added, err := s.files.add(names)
	if err != nil || len(added) == 0 {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var have []string
	if err := conn.NewRaw("SELECT name FROM pragma_database_list").Scan(ctx, &have); err != nil {
		return err
	}
	for _, name := range added {
		if slices.Contains(have, name) {
			continue // a connection opened since add attached it
		}
		if err := s.files.attach(ctx, conn, name); err != nil {
			return err
		}
	}
	return nil
}

// Attached names the systems whose files the store's connections attach
// (none on PostgreSQL); Connect attaches the same.
func (s *Store) Attached() []string {
	if s.files == nil {
		return nil
	}
	return s.files.list()
}
